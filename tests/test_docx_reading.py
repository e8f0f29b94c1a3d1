"""The DOCX reader: document order, merged cells once, list labels, footnotes, broken files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractors.readers import UnreadableDocument, read_document
from model import FOOTNOTE, LIST_ITEM, TABLE

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
needs_dev = pytest.mark.skipif(
    not DEV.exists(), reason="../shared/corpus/dev is not beside the project"
)


@pytest.fixture()
def merged_table_report(tmp_path) -> Path:
    """A per-unit appendix: a header cell spanning two columns and a unit name spanning two rows."""
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("1. Công tác tiếp công dân")
    t = d.add_table(rows=4, cols=3)
    t.cell(0, 0).text = "Đơn vị"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "Tiếp công dân"
    t.cell(1, 1).text = "Số lượt"
    t.cell(1, 2).text = "Số người"
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(2, 0).text = "Xã Tân Hòa"
    t.cell(2, 1).text = "12"
    t.cell(2, 2).text = "15"
    t.cell(3, 0).text = "Tổng cộng"
    t.cell(3, 1).text = "12"
    t.cell(3, 2).text = "15"
    d.add_paragraph("Sau bảng là đoạn văn cuối.")
    path = tmp_path / "phụ lục xã.docx"
    d.save(str(path))
    return path


def test_blocks_keep_document_order_and_numbered_labels(merged_table_report):
    doc = read_document(merged_table_report)
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index(TABLE) == 2 and doc.blocks[-1].text == "Sau bảng là đoạn văn cuối."
    item = doc.blocks[1]
    assert item.kind == LIST_ITEM and item.label == "1."


def test_merged_cells_are_read_once(merged_table_report):
    table = next(b for b in read_document(merged_table_report).blocks if b.kind == TABLE)
    assert table.rows[0] == ["Đơn vị", "Tiếp công dân", ""]
    assert table.rows[1] == ["", "Số lượt", "Số người"]
    assert table.rows[2] == ["Xã Tân Hòa", "12", "15"]


def test_a_file_that_is_not_a_docx_is_unreadable_with_a_reason(tmp_path):
    fake = tmp_path / "bao cao.docx"
    fake.write_text("không phải tệp Word", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="docx"):
        read_document(fake)


@needs_dev
def test_dev_report_footnotes_are_blocks_numbered_by_their_marks():
    doc = read_document(DEV / "003_sa_dec_6thang_2023.docx")
    notes = [b for b in doc.blocks if b.kind == FOOTNOTE]
    assert [n.label for n in notes[:3]] == ["1", "2", "3"]
    citing = next(b for b in doc.blocks if b.footnote_refs)
    assert citing.footnote_refs[0] == "1"
    assert all(
        not b.text.endswith(tuple("0123456789")) or b.kind != "paragraph"
        for b in doc.blocks
        if b.footnote_refs
    )


@needs_dev
def test_dev_report_appendix_table_has_each_value_once():
    doc = read_document(DEV / "003_sa_dec_6thang_2023.docx")
    table = next(
        b for b in doc.blocks if b.kind == TABLE and b.rows and "Hòa giải thành" in b.rows[0]
    )
    assert table.rows[1][:4] == ["24", "23", "1", "95,83%"]
    spanning = next(
        b
        for b in doc.blocks
        if b.kind == TABLE and b.rows and b.rows[0][0] == "Tiếp nhận, giải quyết"
    )
    assert spanning.rows[0][1:4] == ["", "", ""]
