"""Scanned pages are read by OCR; without Tesseract the reason names the install command."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import UnreadableDocument, ocr, read_document

FONT = Path(__file__).resolve().parent.parent / "tools" / "fonts" / "DejaVuSerif.ttf"
DEV_SCAN = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "001_vp_huyen_2020_scan.pdf"
)
needs_tesseract = pytest.mark.skipif(
    not ocr.tesseract_ready(), reason="Tesseract with Vietnamese is not installed"
)


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
    _scanned_pdf(
        path, ["Ban Tiếp công dân huyện đã tiếp 245 lượt", "công dân, tiếp nhận 182 đơn khiếu nại."]
    )
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


# ------------------------------------------------------------------ robustness of scans


def test_ocr_confusions_are_mended_inside_figures_only():
    assert ocr.fix_ocr_numbers("tiếp nhận 1O5 đơn, 2.O00 lượt") == "tiếp nhận 105 đơn, 2.000 lượt"
    assert ocr.fix_ocr_numbers("đạt 1l2 hồ sơ") == "đạt 112 hồ sơ"
    assert ocr.fix_ocr_numbers("đã tiếp nhận 1. 234 đơn") == "đã tiếp nhận 1.234 đơn"
    # a list label at the start, words with O or l, Roman numerals: left as read
    for text in (
        "2. 150 hồ sơ được giải quyết",
        "ĐOÀN 12 người",
        "Mục II và III",
        "năm 2020. 234 đơn",
    ):
        assert ocr.fix_ocr_numbers(text) == text


def test_a_red_stamp_and_a_blue_signature_fade_to_paper_while_print_stays():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (200, 100), (235, 232, 225))
    draw = ImageDraw.Draw(image)
    draw.rectangle([10, 10, 60, 30], fill=(30, 30, 30))  # print
    draw.ellipse([100, 10, 180, 90], outline=(200, 30, 40), width=5)  # stamp
    draw.line([(90, 50), (190, 60)], fill=(20, 40, 160), width=3)  # signature
    draw.line(
        [(100, 70), (180, 70)], fill=(40, 10, 10), width=3
    )  # a printed rule under the stamp's ink
    grey = ocr.darkest_channel(image)
    assert grey.getpixel((30, 20)) < 60
    assert grey.getpixel((140, 12)) > 200  # the stamp is paper
    assert grey.getpixel((140, 55)) >= 150  # the signature lighter than any print
    assert grey.getpixel((140, 70)) < 60


def _draw_lines(image, lines, top=200, left=160, step=70, size=40):
    from PIL import ImageDraw, ImageFont

    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), size)
    for i, line in enumerate(lines):
        draw.text((left, top + i * step), line, font=font, fill=0)


def test_a_tilted_page_is_measured_for_straightening():
    from PIL import Image

    image = Image.new("L", (1654, 2339), 255)
    _draw_lines(image, ["Trong kỳ, các cơ quan đã tiếp nhận và xử lý đơn thư"] * 14)
    assert abs(ocr.skew_angle(image)) < 0.2
    tilted = image.rotate(1.2, resample=Image.BICUBIC, fillcolor=255)
    assert abs(ocr.skew_angle(tilted) + 1.2) <= 0.15


def _ruled_table(draw, x0, y0, widths, heights, merged_right=(), width=3):
    """A grid of ruling lines; (row, col) in merged_right has no line on its right."""
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y0]
    for h in heights:
        ys.append(ys[-1] + h)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=width)
    for c, x in enumerate(xs):
        for r in range(len(heights)):
            if (r, c - 1) not in merged_right:
                draw.line([(x, ys[r]), (x, ys[r + 1])], fill=0, width=width)
    return xs, ys


def test_ruling_lines_make_a_grid_with_a_merged_cell():
    import numpy as np
    from PIL import Image, ImageDraw

    image = Image.new("L", (1654, 1200), 255)
    draw = ImageDraw.Draw(image)
    _ruled_table(draw, 150, 200, [300, 250, 250], [80, 80, 80], merged_right={(0, 1)})
    _draw_lines(image, ["Tiếp công dân trong kỳ theo quy định"], top=600)  # text is no ruling
    arr = np.asarray(image)
    h, v, mask = ocr.rulings(arr < ocr._threshold(arr), 200)
    grids = ocr.table_grids(h, v, 200)
    assert len(grids) == 1
    grid = grids[0]
    assert len(grid.xs) == 4 and len(grid.ys) == 4
    cells = ocr.grid_cells(grid)
    assert [(0, 1), (0, 2)] in cells and len(cells) == 8
    assert not mask[600:660, :].any()  # the text line is not erased


@needs_tesseract
def test_a_scanned_ruled_table_and_two_column_header_are_read_as_tables(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1654, 2339), (236, 233, 226))
    draw = ImageDraw.Draw(image)
    _draw_lines(
        image,
        ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ", "Số: 17/BC-UBND"],
        top=150,
        left=150,
        size=34,
        step=60,
    )
    _draw_lines(
        image,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "An Phú, ngày 12 tháng 6 năm 2024",
        ],
        top=150,
        left=760,
        size=30,
        step=60,
    )
    _draw_lines(image, ["BÁO CÁO"], top=420, left=700, size=36)
    _draw_lines(
        image, ["Kết quả tiếp công dân 6 tháng đầu năm 2024 như sau:"], top=520, left=150, size=34
    )
    xs, ys = _ruled_table(draw, 150, 620, [420, 300, 300, 300], [80, 80, 80])
    cells = [
        ["Đơn vị", "Lượt", "Người", "Đơn"],
        ["Thôn Đông", "1.245", "1.310", "87"],
        ["Thôn Tây", "964", "1.002", "45"],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            _draw_lines(image, [text], top=ys[r] + 18, left=xs[c] + 16, size=34)
    _draw_lines(image, ["Tổng số đơn đã giải quyết là 132 đơn."], top=960, left=150, size=34)
    image = image.rotate(0.8, resample=Image.BICUBIC, fillcolor=(236, 233, 226))
    path = tmp_path / "bang quet.pdf"
    image.save(path, "PDF", resolution=200.0)
    doc = read_document(path)
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 2
    header, table = tables
    assert "Số: 17/BC-UBND" in header.rows[0][0] and "ngày 12 tháng 6 năm 2024" in header.rows[0][1]
    assert table.rows == cells
    assert any("132 đơn" in b.text for b in doc.blocks if b.kind != "table")
