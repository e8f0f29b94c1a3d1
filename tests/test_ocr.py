"""Scanned pages are read by OCR; without Tesseract the reason names the install command."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors import ocr
from extractors.readers import UnreadableDocument, read_document

FONT = Path(__file__).resolve().parent.parent / "tools" / "fonts" / "DejaVuSerif.ttf"
DEV_SCAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "001_vp_huyen_2020_scan.pdf"
needs_tesseract = pytest.mark.skipif(not ocr.tesseract_ready(), reason="Tesseract with Vietnamese is not installed")


def _scanned_pdf(path: Path, lines: list[str]) -> None:
    """An image-only PDF: text drawn into a picture, as a scanner would make it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    for i, line in enumerate(lines):
        draw.text((160, 200 + i * 70), line, font=font, fill=0)
    image.save(path, "PDF", resolution=200.0)


@needs_tesseract
def test_an_image_only_pdf_is_read_by_ocr_with_its_figures(tmp_path):
    path = tmp_path / "ban quet.pdf"
    _scanned_pdf(path, ["Ban Tiếp công dân huyện đã tiếp 245 lượt", "công dân, tiếp nhận 182 đơn khiếu nại."])
    doc = read_document(path)
    text = " ".join(b.text for b in doc.blocks)
    assert doc.file_type == "pdf-ocr"
    assert "245 lượt" in text and "182 đơn" in text and "Tiếp công dân" in text


def test_without_tesseract_a_scan_fails_with_the_install_command(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    _scanned_pdf(path, ["BÁO CÁO"])
    monkeypatch.setattr(ocr, "tesseract_ready", lambda: False)
    with pytest.raises(UnreadableDocument, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_document(path)


@needs_tesseract
@pytest.mark.skipif(not DEV_SCAN.exists(), reason="../shared/corpus/dev is not beside the project")
def test_dev_scan_page_reads_its_reception_and_petition_figures():
    blocks = ocr.ocr_pdf_pages(DEV_SCAN, [3])
    text = " ".join(b.text for b in blocks)
    for figure in ("53 lượt", "57 người", "170 lượt", "182 đơn", "153/182 đơn", "29 đơn"):
        assert figure in text
