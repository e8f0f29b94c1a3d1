"""OCR for scanned pages: Tesseract's Vietnamese model, page by page, read as the PDF reader
reads a text layer.

A page with no text layer is rendered (pdfium) and prepared: the darkest colour channel is
taken (a red stamp or a blue signature fades to paper while black type stays), the page is
turned straight (the angle whose row profile is sharpest), and ruling lines are found as long
runs of dark pixels. Ruled grids become tables (cells from the lines, merged cells where a
line is missing) and the lines are erased before Tesseract reads the page, so a cell border
is never read as `|` or `1`. Tesseract's words (with their boxes) are made into the PDF
reader's lines in PDF points, so the same code builds the official header, paragraphs, list
items and tables for a scan as for a text PDF. Inside figures only, typical OCR confusions are
mended (`1O5` → `105`, `1.2 34` → `1.234` where the groups are unambiguous).
"""

from __future__ import annotations

import os
import shutil
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.readers import limits
from extractors.readers.layout import Line, assemble
from extractors.readers.ocr_grid import Grid, grid_cells, rulings, table_grids
from extractors.readers.ocr_words import (
    cell_text,
    fix_ocr_numbers,
    page_lines,
    text_lines,
    words_of,
)
from model import Block, UnreadableDocument

__all__ = ["fix_ocr_numbers", "grid_cells", "rulings", "table_grids"]

# Chosen by measurement (the dev scan and six rasterised genre reports, 18 pages, one page at a
# time): 200 dpi reads every figure of the scan gold and 0.976 facts F1 on the set, where 150,
# 250 and 300 dpi lose table figures (0.91-0.94); page segmentation 4 (one column of text of
# varying sizes) reads exactly what 3 (automatic) reads in 2.3 s a page instead of 3.2-3.8 s,
# and 6 (one uniform block) is slower still.
DPI = 200
PSM = 4  # Tesseract page segmentation for the page text
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
BLANK_LEVEL = 160  # a page with no pixel darker than this (0-255) has nothing to read
MAX_SKEW = 2.0  # degrees searched either way when straightening a page


@lru_cache(maxsize=1)
def tesseract_ready() -> bool:
    """Tesseract and its Vietnamese model are installed (asked once a process: it runs
    `tesseract --list-langs`)."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        return "vie" in pytesseract.get_languages(config="")
    except Exception:  # noqa: BLE001 - any failure means OCR is not usable here
        return False


@dataclass
class PageLayout:
    """What OCR read on one page, in the PDF reader's terms (PDF points, y up)."""

    lines: list  # list[extractors.readers.pdf.Line]
    tables: list  # [((x0, bottom, x1, top), rows)]


def require_tesseract() -> None:
    """Raise UnreadableDocument naming the install command when OCR cannot run here."""
    if not tesseract_ready():
        raise UnreadableDocument(
            "tệp PDF là bản quét, cần OCR nhưng chưa cài Tesseract tiếng Việt:"
            f" chạy `{INSTALL_HINT}`"
        )


def ocr_pdf_layouts(path: Path, page_numbers: list[int]) -> dict[int, PageLayout]:
    """Lines and ruled tables read by OCR from the given 1-based pages of a PDF, pages in parallel
    threads (when a document is read on its own; the ingest spreads pages over its workers).

    Tesseract's own OpenMP threads slow it down several times on a small machine; one
    thread per page and pages side by side is far faster (13 s → 3 s for two pages here).
    """
    require_tesseract()
    import pypdfium2 as pdfium

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pdfium.PdfDocument(str(path))
    rendering = threading.Lock()  # pdfium is not thread-safe; Tesseract runs outside the lock

    def read(page_no: int) -> PageLayout:
        # Render, read, release: a thread holds one page image at a time, so memory is bounded
        # by a page per thread however many pages the scan has.
        with rendering:
            image, height = _render(pdf, page_no)
        grey = _grey_unless_blank(image)
        del image  # the colour picture (12 MB) is not held while Tesseract reads
        return _read_grey(grey, page_no, height)

    pool = ThreadPoolExecutor(max_workers=max(1, min(len(page_numbers), os.cpu_count() or 1)))
    try:
        layouts = list(pool.map(read, page_numbers))
    finally:  # a page refused ends the document: pages not started are never rendered
        pool.shutdown(wait=True, cancel_futures=True)
        pdf.close()
    return dict(zip(page_numbers, layouts))


def ocr_page(path: Path, page_no: int) -> PageLayout:
    """One page of a PDF read by OCR: rendered, read, released (a worker of the ingest holds
    one page image at a time, however many pages the scan has)."""
    require_tesseract()
    import pypdfium2 as pdfium

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pdfium.PdfDocument(str(path))
    try:
        image, height = _render(pdf, page_no)
    finally:
        pdf.close()
    grey = _grey_unless_blank(image)
    del image  # the colour picture (12 MB) is not held while Tesseract reads
    return _read_grey(grey, page_no, height)


def _render(pdf, page_no: int):
    """The page's picture at DPI (refused when it would take too many pixels) and its height."""
    page = pdf[page_no - 1]
    try:
        width, height = page.get_size()
        limits.check_render(page_no, width, height, DPI)
        return page.render(scale=DPI / 72).to_pil(), height
    finally:
        page.close()


def _grey_unless_blank(image):
    """The page's grey picture (darkest_channel), None when the page is blank."""
    if image.convert("L").getextrema()[0] > BLANK_LEVEL:
        return None  # nothing darker than light grey: blank
    return darkest_channel(image)


def _read_grey(grey, page_no: int, height: float) -> PageLayout:
    if grey is None:
        return PageLayout(lines=[], tables=[])
    return read_grey_page(grey, page_no, height)


def ocr_pdf_pages(path: Path, page_numbers: list[int]) -> list[Block]:
    """Blocks read by OCR from the given pages alone (the reader assembles whole documents)."""

    layouts = ocr_pdf_layouts(path, page_numbers)
    last = max(page_numbers)
    pages_lines = [layouts[p].lines if p in layouts else [] for p in range(1, last + 1)]
    return assemble(pages_lines, {p: lay.tables for p, lay in layouts.items()})


# ------------------------------------------------------------------ one page


def read_page_image(image, page_no: int, page_height: float, dpi: int = DPI) -> PageLayout:
    """A rendered page read into lines and tables (coordinates in PDF points)."""
    return read_grey_page(darkest_channel(image), page_no, page_height, dpi)


def read_grey_page(grey, page_no: int, page_height: float, dpi: int = DPI) -> PageLayout:
    """A page's grey picture (darkest_channel) read into lines and tables. The pictures it
    makes are let go as soon as they have served: two workers each reading a page are the
    peak of a scan's memory."""
    import numpy as np
    import pytesseract
    from PIL import Image

    angle = skew_angle(grey)
    if abs(angle) >= 0.15:
        grey = grey.rotate(
            angle,
            resample=Image.Resampling.BICUBIC,
            expand=False,
            fillcolor=int(np.median(np.asarray(grey))),
        )
    arr = np.asarray(grey)
    del grey
    dark = arr < _threshold(arr, 0.75)  # thin grey rulings count too: only long runs are lines
    h_segs, v_segs, mask = rulings(dark, dpi)
    del dark
    if mask.any():
        arr = arr.copy()
        arr[mask] = int(np.median(arr))
    del mask
    grids = table_grids(h_segs, v_segs, dpi)
    paper = int(np.median(arr))
    text_part = arr.copy()
    scale = 72 / dpi
    tables = []
    for grid in grids:
        rows = read_grid(grid, arr, paper)
        x0, y0, x1, y1 = (int(v) for v in grid.bbox)
        text_part[max(0, y0 - 4) : y1 + 4, max(0, x0 - 4) : x1 + 4] = paper
        if len(rows) < 2 and all(len(r) < 3 for r in rows):
            continue
        tables.append(
            ((x0 * scale, page_height - y1 * scale, x1 * scale, page_height - y0 * scale), rows)
        )
    data = pytesseract.image_to_data(
        Image.fromarray(text_part),
        lang="vie",
        config=f"--psm {PSM}",
        output_type=pytesseract.Output.DICT,
    )
    lines = page_lines(words_of(data), page_no, page_height, scale)
    return PageLayout(lines=_with_table_places(lines, tables, page_no), tables=tables)


def _with_table_places(lines: list, tables: list, page_no: int) -> list:
    """A line standing where each table is, so the reader puts the table in its place among
    the paragraphs (its text is the table's; the reader takes the table, not the line)."""

    if not tables:
        return lines
    size = statistics.median(ln.size for ln in lines) if lines else 12.0
    places = [
        Line(
            text=" ".join(c for r in rows for c in r if c).strip() or "-",
            size=size,
            x0=x0 + 1,
            x1=x1 - 1,
            top=top - 1,
            bottom=bottom + 1,
            page=page_no,
        )
        for (x0, bottom, x1, top), rows in tables
    ]
    return sorted(lines + places, key=lambda ln: -(ln.top + ln.bottom) / 2)


def darkest_channel(image):
    """Grey image from the darkest of the colour channels: coloured stamps and signatures
    (red, blue) come out nearly as light as the paper while black print stays black."""
    import numpy as np
    from PIL import Image

    if image.mode in ("L", "1"):
        return image.convert("L")
    arr = np.asarray(image.convert("RGB"))
    red, green, blue = arr[..., 0], arr[..., 1], arr[..., 2]
    grey = np.maximum(np.maximum(red, green), blue)  # uint8 throughout: a page is 12 MB of RGB
    low = np.minimum(np.minimum(red, green), blue)
    colour = grey - low > 40  # coloured ink: a stamp or a signature, never print
    if colour.any():
        edge = colour.copy()  # and the fringe a blur or JPEG leaves around its strokes
        edge[1:, :] |= colour[:-1, :]
        edge[:-1, :] |= colour[1:, :]
        edge[:, 1:] |= colour[:, :-1]
        edge[:, :-1] |= colour[:, 1:]
        # print under the ink stays dark in every channel and is kept
        edge &= grey > 160
        grey[edge] = int(np.median(grey))
    return Image.fromarray(grey)


def _threshold(arr, share: float = 0.6) -> float:
    """Between the paper (median) and the ink (the darker pixels' low percentile)."""
    import numpy as np

    paper = float(np.median(arr))
    darker = arr[arr < paper - 50]
    ink = float(np.percentile(darker, 20)) if darker.size > 100 else 0.0
    return ink + (paper - ink) * share


def skew_angle(grey) -> float:
    """The page's tilt in degrees (counter-clockwise to turn it back): the angle whose
    horizontal profile of dark pixels has the sharpest peaks (text lines level)."""
    import numpy as np
    from PIL import Image

    small = grey.resize(
        (max(1, grey.width // 3), max(1, grey.height // 3)), Image.Resampling.BILINEAR
    )
    arr = np.asarray(small)
    ink = Image.fromarray(((arr < _threshold(arr)) * 255).astype(np.uint8))

    def sharpness(a: float) -> float:
        prof = np.asarray(ink.rotate(a, resample=Image.Resampling.NEAREST)).sum(
            axis=1, dtype=np.float64
        )
        return float(np.sum(np.diff(prof) ** 2))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.2, coarse + 0.2 + 1e-9, 0.05), key=sharpness)
    return round(float(fine), 2)


def read_grid(grid: Grid, arr, paper: int) -> list[list[str]]:
    """Cell texts of a ruled grid: a merged cell's text once, at its first position, "" where
    the merge goes on (as the PDF reader gives them).

    The cells are cut out and stacked one under another with white space between, and the
    stack is read in one Tesseract run as a uniform block: read in place, tight columns of
    figures run together or are taken for pictures, and every cell alone would cost a run."""
    import numpy as np
    import pytesseract
    from PIL import Image

    n_r, n_c = len(grid.ys) - 1, len(grid.xs) - 1
    texts = [[""] * n_c for _ in range(n_r)]
    level = _threshold(arr)  # once: a median of the whole page for every cell cost seconds
    inset, gap = 1, 24
    crops = []
    for cell in grid_cells(grid):
        r0, c0 = cell[0]
        top = int(grid.ys[min(r for r, _ in cell)]) + inset
        bottom = int(grid.ys[max(r for r, _ in cell) + 1]) - inset
        left = int(grid.xs[min(c for _, c in cell)]) + inset
        right = int(grid.xs[max(c for _, c in cell) + 1]) - inset
        if bottom - top < 6 or right - left < 6:
            continue
        piece = arr[top:bottom, left:right]
        if (piece < level).sum() < 12:
            continue  # an empty cell
        crops.append((r0, c0, left, top, piece))
    if not crops:
        return texts
    width = max(p.shape[1] for *_, p in crops) + 2 * gap
    height = sum(p.shape[0] + gap for *_, p in crops) + gap
    strip = np.full((height, width), paper, dtype=np.uint8)
    places = []  # (y0 in strip, y1, crop)
    y = gap
    for crop in crops:
        piece = crop[4]
        strip[y : y + piece.shape[0], gap : gap + piece.shape[1]] = piece
        places.append((y, y + piece.shape[0], crop))
        y += piece.shape[0] + gap
    strip = ((strip >= level) * 255).astype(
        np.uint8
    )  # Tesseract's own threshold suits a page, not a strip
    data = pytesseract.image_to_data(
        Image.fromarray(strip), lang="vie", config="--psm 6", output_type=pytesseract.Output.DICT
    )
    by_cell: dict[int, list] = {}
    for w in words_of(data, key_prefix=("table", grid.xs[0], grid.ys[0])):
        mid = (w.top + w.bottom) / 2
        k = next(
            (k for k, (y0, y1, _) in enumerate(places) if y0 - gap / 2 <= mid <= y1 + gap / 2), None
        )
        if k is not None:
            by_cell.setdefault(k, []).append(w)
    for k, ws in by_cell.items():
        r0, c0 = places[k][2][:2]
        texts[r0][c0] = cell_text(text_lines(ws))
    return [r for r in texts if any(c.strip() for c in r)] or texts
