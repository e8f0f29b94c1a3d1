"""Old input: TCVN3 and VNI encoded text, and Word 97-2003 .doc files, read as Unicode."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from extractors.finders.figures import extract_facts
from extractors.finders.metadata import extract_metadata
from extractors.readers import UnreadableDocument, read_document
from normalizers.legacy_encoding import TCVN3, detect_legacy_encoding, fix_legacy_text

SENTENCE = (
    "Ban Tiếp công dân huyện đã tiếp 245 lượt công dân, giải quyết 31 đơn, hòa giải thành 23 vụ."
)
_TO_TCVN3 = {v: k for k, v in TCVN3.items()}


def to_tcvn3(text: str) -> str:
    """Our own sentence typed the way a .VnTime keyboard stored it (upper case letters
    outside the seven the font has are written lower case, as such documents were)."""
    return "".join(_TO_TCVN3.get(ch, _TO_TCVN3.get(ch.lower(), ch)) for ch in text)


def test_tcvn3_text_converts_back_to_the_unicode_sentence():
    legacy = to_tcvn3(SENTENCE)
    assert legacy != SENTENCE and detect_legacy_encoding(legacy) == "tcvn3"
    assert fix_legacy_text(legacy) == SENTENCE


def test_vni_text_converts_to_unicode():
    vni = "Baùo caùo: ñaõ tieáp 245 löôït coâng daân, hoøa giaûi thaønh 23 vuï, ñaït tyû leä 95,83%"
    assert (
        fix_legacy_text(vni)
        == "Báo cáo: đã tiếp 245 lượt công dân, hòa giải thành 23 vụ, đạt tỷ lệ 95,83%"
    )


@pytest.mark.parametrize(
    "text", [SENTENCE, "Báo cáo số 12/BC-UBND", "Hà Nội, ngày 5 tháng 3 năm 2024", "2.295 đơn"]
)
def test_unicode_text_is_never_changed(text):
    assert fix_legacy_text(text) == text


def test_upper_case_tcvn3_font_gives_upper_case_text():
    assert fix_legacy_text(to_tcvn3("báo cáo"), ".VnTimeH") == "BÁO CÁO"


def _tcvn3_docx(path: Path, legacy: bool = True) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "UBND TỈNH HẬU GIANG\nUBND HUYỆN PHỤNG HIỆP"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 21/BC-UBND"
    t.cell(1, 1).text = "Phụng Hiệp, ngày 10 tháng 12 năm 2009"
    d.add_paragraph("BÁO CÁO")
    p = d.add_paragraph()
    run = p.add_run(to_tcvn3(SENTENCE) if legacy else SENTENCE)
    if legacy:
        run.font.name = ".VnTime"
        run._element.rPr.rFonts.set(qn("w:hAnsi"), ".VnTime")
    d.save(str(path))


def test_a_docx_typed_in_a_tcvn3_font_yields_its_figures(tmp_path):
    path = tmp_path / "bao cao cu.docx"
    _tcvn3_docx(path)
    doc = read_document(path)
    assert any(SENTENCE in b.text for b in doc.blocks)
    facts = {(f.metric, f.value) for f in extract_facts(doc, extract_metadata(doc))}
    assert {
        ("reception.visits", 245),  # the Ban receives leaders too: all visits
        ("petitions.resolved", 31),
        ("mediation.successful", 23),
    } <= facts


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_an_old_word_doc_is_converted_and_read(tmp_path):
    source = tmp_path / "src.docx"
    _tcvn3_docx(source, legacy=False)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    old = tmp_path / "báo cáo năm 2009.doc"
    (tmp_path / "src.doc").rename(old)
    doc = read_document(old)
    assert doc.file_type == "doc"
    assert any(SENTENCE in b.text for b in doc.blocks)
    assert extract_metadata(doc).doc_number == "21/BC-UBND"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_an_old_word_doc_typed_in_tcvn3_keeps_the_letter_stored_as_a_soft_hyphen(tmp_path):
    source = tmp_path / "src.docx"
    _tcvn3_docx(source, legacy=True)  # "lượt": TCVN3 stores ư as the soft-hyphen byte
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = read_document(tmp_path / "src.doc")
    assert any(SENTENCE in b.text for b in doc.blocks)
    facts = {(f.metric, f.value) for f in extract_facts(doc, extract_metadata(doc))}
    assert ("reception.visits", 245) in facts


def test_without_libreoffice_a_doc_fails_with_the_install_command(tmp_path, monkeypatch):
    import extractors.readers.doc as doc_reader

    monkeypatch.setattr(doc_reader, "_soffice", lambda: None)
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(UnreadableDocument, match="apt-get install libreoffice-writer-nogui"):
        read_document(old)
