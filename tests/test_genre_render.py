"""The genre corpus renderer (tools/genre_render.py): parser, docx and, when LibreOffice is
installed, the PDFs (normal and with a main font lacking the Vietnamese letters)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import genre_docx  # noqa: E402
import genre_fonts  # noqa: E402
import genre_render  # noqa: E402
import genre_rpt  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "genre_render"
HAS_SOFFICE = genre_render.soffice_binary() is not None


def parse(text: str) -> genre_rpt.RptDocument:
    return genre_rpt.parse_text(text, Path("x.rpt"))


@pytest.fixture(scope="module")
def merged() -> genre_rpt.RptDocument:
    return genre_rpt.parse_rpt(FIXTURES / "merged.rpt")


def test_blocks_in_order(merged):
    kinds = [type(b).__name__ for b in merged.blocks]
    assert kinds == [
        "Pair",
        "Title",
        "Heading",
        "Heading",
        "Para",
        "Para",
        "Para",
        "Para",
        "Table",
        "Pair",
    ]
    assert merged.flag("fallback") and not merged.flag("landscape")
    header = merged.blocks[0]
    assert header.kind == "header" and header.rows[2] == (
        "Số: 125/BC-VP",
        "Tân Lập, ngày 12 tháng 6 năm 2023",
    )
    assert [b.level for b in merged.blocks[2:4]] == [1, 2]
    assert [b.bullet for b in merged.blocks[4:7]] == ["", "-", "+"]
    assert merged.blocks[-1].rows[-1] == ("", "Nguyễn Văn Ấn")


def test_table_merges_bold_cells_and_header_rows(merged):
    table = merged.blocks[8]
    assert table.header_rows == 2 and table.repeat_header and table.widths == [1, 4, 2, 2, 2, 2, 2]
    assert table.spans() == [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 6)]
    group = table.rows[2]
    assert (group[0].text, group[0].bold, group[1].text, group[1].bold) == (
        "I",
        True,
        "Cấp xã",
        True,
    )
    assert table.rows[0][3].merge == "left" and table.rows[1][0].merge == "up"
    assert [c.text for c in table.rows[3]] == ["1", "Xã An Phú", "734", "481", "702", "9", "98,7"]


def test_footnotes_and_inline_runs(merged):
    assert merged.footnotes == {"1": "Gồm 42 hồ sơ kỳ trước chuyển sang."}
    runs = genre_rpt.inline_runs("tiếp nhận 1.254 hồ sơ[^1], **đúng hạn** 98%")
    assert [(r.text, r.bold, r.footnote) for r in runs] == [
        ("tiếp nhận 1.254 hồ sơ", False, None),
        ("", False, "1"),
        (", ", False, None),
        ("đúng hạn", True, None),
        (" 98%", False, None),
    ]


def test_vertical_and_horizontal_merge_in_body():
    doc = genre_rpt.parse_rpt(FIXTURES / "appendix.rpt")
    table = next(b for b in doc.blocks if isinstance(b, genre_rpt.Table))
    assert not table.repeat_header and table.header_rows == 1
    assert table.spans() == [(1, 0, 2, 0), (3, 0, 3, 1)]
    assert sorted(doc.footnotes) == ["a", "b"]
    assert [type(b).__name__ for b in doc.blocks][2:5] == ["PageBreak", "Heading", "Landscape"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("Mở đầu\n@table\n| < | a |\n@end", "x.rpt:2: ô gộp '<' ở hàng 1, cột 1"),
        ("@table\n| ^ | a |\n@end", "x.rpt:1: ô gộp '^'"),
        ("@title\nBÁO CÁO", "không có '@end'"),
        ("Có 5 vụ[^9].", "[^9]"),
        ("@table caption=Bảng\n| a |\n@end", "tùy chọn bảng"),
        ("@table\n| a | b |\n| c | < |\n| ^ | d |\n@end", "hình chữ nhật"),
        ("@table widths=1,2\n| a | b | c |\n@end", "widths"),
        ("@chart\n@end", "@chart"),
    ],
)
def test_errors_name_the_place(text, message):
    with pytest.raises(genre_rpt.RptError, match=re.escape(message)):
        parse(text)


def grid_spans(table) -> list[tuple[int, str, str]]:
    """(row, gridSpan, vMerge) of every cell that spans or merges."""
    out = []
    for i, tr in enumerate(table._tbl.tr_lst):
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if span is not None or vmerge is not None:
                out.append(
                    (
                        i,
                        span.get(qn("w:val")) if span is not None else "1",
                        (vmerge.get(qn("w:val")) or "continue") if vmerge is not None else "",
                    )
                )
    return out


def run_fonts(doc) -> set[str]:
    return {el.get(qn("w:ascii")) for el in doc.element.iter(qn("w:rFonts"))}


def test_docx_has_merged_cells_header_rows_and_a_real_footnote(merged, tmp_path):
    genre_docx.build_docx(merged, tmp_path / "m.docx")
    doc = Document(str(tmp_path / "m.docx"))
    table = doc.tables[1]
    assert grid_spans(table) == [
        (0, "1", "restart"),
        (0, "1", "restart"),
        (0, "2", ""),
        (0, "3", ""),
        (1, "1", "continue"),
        (1, "1", "continue"),
    ]
    assert table.cell(3, 1).text == "Xã An Phú" and table.cell(4, 6).text == "98,4"
    assert [
        tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
        for tr in table._tbl.tr_lst
    ] == [True, True, False, False, False]
    assert table.cell(2, 1).paragraphs[0].runs[0].bold
    refs = list(doc.element.body.iter(qn("w:footnoteReference")))
    assert [r.get(qn("w:id")) for r in refs] == ["1"]
    notes = next(p for p in doc.part.package.iter_parts() if p.partname == "/word/footnotes.xml")
    root = etree.fromstring(notes.blob)
    texts = ["".join(t.text for t in n.iter(qn("w:t"))) for n in root.iter(qn("w:footnote"))]
    assert texts[-1].strip() == "Gồm 42 hồ sơ kỳ trước chuyển sang."
    assert run_fonts(doc) == {"Times New Roman"}
    assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].page_height.mm)) == (
        210,
        297,
    )


def test_the_docx_reader_says_which_number_a_footnote_mark_follows(merged, tmp_path):
    from extractors.readers import read_document
    from model import MarkAnchor

    genre_docx.build_docx(merged, tmp_path / "m.docx")
    citing = next(b for b in read_document(tmp_path / "m.docx").blocks if b.footnote_refs)
    assert citing.footnote_at == {"1": MarkAnchor(numbers=1, words=2)}  # `1.254 hồ sơ¹`


def test_fallback_docx_uses_the_other_family_on_every_run(merged, tmp_path):
    genre_docx.build_docx(merged, tmp_path / "m_fb.docx", family=genre_fonts.FAMILY)
    assert run_fonts(Document(str(tmp_path / "m_fb.docx"))) == {genre_fonts.FAMILY}


def test_landscape_section_and_no_repeated_header(tmp_path):
    genre_docx.build_docx(genre_rpt.parse_rpt(FIXTURES / "appendix.rpt"), tmp_path / "a.docx")
    doc = Document(str(tmp_path / "a.docx"))
    assert [s.page_width > s.page_height for s in doc.sections] == [False, True]
    assert not list(doc.tables[0]._tbl.iter(qn("w:tblHeader")))
    assert len(list(doc.element.body.iter(qn("w:footnoteReference")))) == 2
    assert any(br.get(qn("w:type")) == "page" for br in doc.element.body.iter(qn("w:br")))


def test_subset_font_lacks_the_vietnamese_letters(tmp_path):
    from fontTools.ttLib import TTFont

    conf = genre_fonts.ensure_fonts(tmp_path / "fonts")
    font = TTFont(str(next(conf.parent.glob("*-Regular.ttf"))))
    cmap = font.getBestCmap()
    assert font["name"].getDebugName(1) == genre_fonts.FAMILY
    assert all(ord(c) in cmap for c in "Aaâêôàé–“")
    assert not any(ord(c) in cmap for c in "ăđơưạếỳ")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice (soffice) is not installed")
    base = tmp_path_factory.mktemp("genre")
    (base / "src" / "tune").mkdir(parents=True)
    (base / "src" / "holdout").mkdir()
    for path in FIXTURES.iterdir():
        shutil.copy(path, base / "src" / "tune" / path.name)
    report = genre_render.render(("tune", "holdout"), src_root=base / "src", out_root=base / "out")
    assert report.errors == []
    return base, report


@pytest.mark.slow
def test_pdf_holds_the_table_figures_and_the_footnote_at_the_bottom(rendered):
    import pdfplumber

    out = rendered[0] / "out" / "tune"
    with pdfplumber.open(str(out / "merged.pdf")) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        for figure in ("734", "481", "702", "98,7", "520", "98,4", "1.254", "125/BC-VP"):
            assert figure in text
        note = [c for c in page.chars if c["top"] > page.height * 0.8 and c["text"] == "G"]
        assert note, "the footnote's text stands at the page bottom"
        marks = [c for c in page.chars if c["text"] == "1" and c["size"] < 10]
        assert len(marks) == 2  # superscript mark in the text and in the footnote area
    with pdfplumber.open(str(out / "appendix.pdf")) as pdf:
        assert [p.width > p.height for p in pdf.pages] == [False, False, True]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["merged.pdf", "merged_fb.pdf"])
def test_the_pdf_reader_says_which_number_a_footnote_mark_follows(rendered, name):
    from extractors.readers import read_document
    from model import MarkAnchor

    doc = read_document(rendered[0] / "out" / "tune" / name)
    citing = next(b for b in doc.blocks if b.footnote_refs)
    assert citing.footnote_at == {"1": MarkAnchor(numbers=1, words=2)}  # as the docx reader


@pytest.mark.slow
def test_fallback_pdf_draws_vietnamese_letters_from_a_second_font(rendered):
    out = rendered[0] / "out" / "tune"
    use = genre_fonts.pdf_font_use(out / "merged_fb.pdf")
    assert len(use) >= 2 and genre_fonts.fallback_ok(out / "merged_fb.pdf")
    assert not (out / "appendix_fb.pdf").exists()
    assert not genre_fonts.fallback_ok(out / "merged.pdf")


@pytest.mark.slow
def test_gold_per_stem_and_cache(rendered):
    base, report = rendered
    gold = base / "out" / "tune" / "gold"
    assert sorted(p.name for p in gold.iterdir()) == [
        "appendix.json",
        "merged.json",
        "merged_fb.json",
    ]
    assert json.loads((gold / "merged_fb.json").read_text(encoding="utf-8"))["file"] == "merged_fb"
    assert len(report.rendered) == 2
    again = genre_render.render(("tune",), src_root=base / "src", out_root=base / "out")
    assert (again.cached, again.rendered, again.errors) == (2, [], [])


def test_eval_without_shared_says_so_and_exits_0(monkeypatch, capsys):
    import genre_eval

    monkeypatch.setattr(genre_eval, "SCORE", ROOT / "no-such-dir" / "score.py")
    assert genre_eval.main(["--part", "tune"]) == 0
    assert "../shared" in capsys.readouterr().out


def test_eval_stages_one_rendering_with_its_gold(tmp_path):
    import genre_eval

    part = tmp_path / "tune"
    (part / "gold").mkdir(parents=True)
    for name in ("a.docx", "a.pdf", "a_fb.pdf", "b.docx", "b.pdf"):
        (part / name).write_bytes(b"x")
    for stem in ("a", "a_fb", "b"):
        (part / "gold" / f"{stem}.json").write_text("{}")
    docs, gold, count = genre_eval.stage("tune", "fb", tmp_path)
    assert (count, [p.name for p in docs.iterdir()], [p.name for p in gold.iterdir()]) == (
        1,
        ["a_fb.pdf"],
        ["a_fb.json"],
    )
    docs, gold, count = genre_eval.stage("tune", "all", tmp_path)
    assert count == 5 and gold == part / "gold"
