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
from pathlib import Path

import regex

from extractors.readers import limits
from extractors.readers.layout import LIST_START, Line, assemble, cut_inside_word
from model import Block, UnreadableDocument
from normalizers.text import normalize_text

DPI = 200
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
BLANK_LEVEL = 160  # a page with no pixel darker than this (0-255) has nothing to read
MAX_SKEW = 2.0  # degrees searched either way when straightening a page
SIZE_PER_LINE_HEIGHT = (
    0.78  # font size (pt) per point of a text line's box height (diacritics included)
)


def tesseract_ready() -> bool:
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


def ocr_pdf_layouts(path: Path, page_numbers: list[int]) -> dict[int, PageLayout]:
    """Lines and ruled tables read by OCR from the given 1-based pages of a PDF, pages in parallel.

    Tesseract's own OpenMP threads slow it down several times on a small machine; one
    thread per page and pages side by side is far faster (13 s → 3 s for two pages here).
    """
    if not tesseract_ready():
        raise UnreadableDocument(
            "tệp PDF là bản quét, cần OCR nhưng chưa cài Tesseract tiếng Việt:"
            f" chạy `{INSTALL_HINT}`"
        )
    import pypdfium2 as pdfium

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pdf = pdfium.PdfDocument(str(path))
    rendering = threading.Lock()  # pdfium is not thread-safe; Tesseract runs outside the lock

    def read(page_no: int) -> PageLayout:
        # Render, read, release: a thread holds one page image at a time, so memory is bounded
        # by a page per thread however many pages the scan has.
        with rendering:
            page = pdf[page_no - 1]
            try:
                width, height = page.get_size()
                limits.check_render(page_no, width, height, DPI)
                image = page.render(scale=DPI / 72).to_pil()
            finally:
                page.close()
        if image.convert("L").getextrema()[0] > BLANK_LEVEL:
            return PageLayout(lines=[], tables=[])  # nothing darker than light grey: blank
        return read_page_image(image, page_no, height)

    pool = ThreadPoolExecutor(max_workers=max(1, min(len(page_numbers), os.cpu_count() or 1)))
    try:
        layouts = list(pool.map(read, page_numbers))
    finally:  # a page refused ends the document: pages not started are never rendered
        pool.shutdown(wait=True, cancel_futures=True)
        pdf.close()
    return dict(zip(page_numbers, layouts))


def ocr_pdf_pages(path: Path, page_numbers: list[int]) -> list[Block]:
    """Blocks read by OCR from the given pages alone (the reader assembles whole documents)."""

    layouts = ocr_pdf_layouts(path, page_numbers)
    last = max(page_numbers)
    pages_lines = [layouts[p].lines if p in layouts else [] for p in range(1, last + 1)]
    return assemble(pages_lines, {p: lay.tables for p, lay in layouts.items()})


# ------------------------------------------------------------------ one page


def read_page_image(image, page_no: int, page_height: float, dpi: int = DPI) -> PageLayout:
    """A rendered page read into lines and tables (coordinates in PDF points)."""
    import numpy as np
    import pytesseract
    from PIL import Image

    grey = darkest_channel(image)
    angle = skew_angle(grey)
    if abs(angle) >= 0.15:
        grey = grey.rotate(
            angle, resample=Image.BICUBIC, expand=False, fillcolor=int(np.median(np.asarray(grey)))
        )
    arr = np.asarray(grey)
    dark = arr < _threshold(arr, 0.75)  # thin grey rulings count too: only long runs are lines
    h_segs, v_segs, mask = rulings(dark, dpi)
    if mask.any():
        arr = arr.copy()
        arr[mask] = int(np.median(arr))
        grey = Image.fromarray(arr)
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
        config="--psm 3",
        output_type=pytesseract.Output.DICT,
    )
    lines = page_lines(_words(data), page_no, page_height, scale)
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
    arr = np.asarray(image.convert("RGB")).astype(np.int16)
    grey = arr.max(axis=2)
    colour = grey - arr.min(axis=2) > 40  # coloured ink: a stamp or a signature, never print
    if colour.any():
        edge = colour.copy()  # and the fringe a blur or JPEG leaves around its strokes
        edge[1:, :] |= colour[:-1, :]
        edge[:-1, :] |= colour[1:, :]
        edge[:, 1:] |= colour[:, :-1]
        edge[:, :-1] |= colour[:, 1:]
        # print under the ink stays dark in every channel and is kept
        edge &= grey > 160
        grey[edge] = int(np.median(grey))
    return Image.fromarray(grey.astype(np.uint8))


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

    small = grey.resize((max(1, grey.width // 3), max(1, grey.height // 3)), Image.BILINEAR)
    arr = np.asarray(small)
    ink = Image.fromarray(((arr < _threshold(arr)) * 255).astype(np.uint8))

    def sharpness(a: float) -> float:
        prof = np.asarray(ink.rotate(a, resample=Image.NEAREST)).sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.2, coarse + 0.2 + 1e-9, 0.05), key=sharpness)
    return round(float(fine), 2)


# ------------------------------------------------------------------ ruling lines and grids


@dataclass
class Segment:
    pos: float  # y of a horizontal line, x of a vertical one (pixels)
    start: float
    end: float


def _runs(b, min_len: int):
    """Runs of True along axis 1 at least min_len long: (row, start, end) arrays."""
    import numpy as np

    h, w = b.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = b
    d = np.diff(padded, axis=1)
    starts = np.argwhere(d == 1)
    ends = np.argwhere(d == -1)
    lengths = ends[:, 1] - starts[:, 1]
    keep = lengths >= min_len
    return starts[keep, 0], starts[keep, 1], ends[keep, 1]


def _segments_from_runs(rows, starts, ends) -> list[Segment]:
    """Runs on neighbouring rows that overlap are one line (a line is a few pixels thick)."""
    open_: list[list[float]] = []  # [first_row, last_row, start, end, weight_sum_rows, n]
    done: list[list[float]] = []
    for r, s, e in sorted(zip(rows.tolist(), starts.tolist(), ends.tolist())):
        for seg in open_:
            if r - seg[1] <= 2 and s < seg[3] and e > seg[2]:
                seg[1] = r
                seg[2], seg[3] = min(seg[2], s), max(seg[3], e)
                seg[4] += r
                seg[5] += 1
                break
        else:
            open_.append([r, r, s, e, r, 1])
        still = []
        for seg in open_:
            (still if r - seg[1] <= 2 else done).append(seg)
        open_ = still
    done.extend(open_)
    return [Segment(pos=s[4] / s[5], start=s[2], end=s[3]) for s in done]


def rulings(dark, dpi: int):
    """Horizontal and vertical ruling lines of a page (long straight runs of dark pixels),
    and the mask of their pixels (to erase them before reading the text)."""
    import numpy as np

    closed = dark.copy()
    closed[:, 1:-1] |= dark[:, :-2] & dark[:, 2:]  # a pixel lost to noise does not cut a line
    h_rows, h_starts, h_ends = _runs(closed, max(20, int(dpi * 0.3)))
    closed_t = dark.T.copy()
    closed_t[:, 1:-1] |= dark.T[:, :-2] & dark.T[:, 2:]
    v_cols, v_starts, v_ends = _runs(closed_t, max(12, int(dpi * 0.12)))
    mask = np.zeros(dark.shape, dtype=bool)
    tol = max(3, dpi // 50)
    h_segs = _segments_from_runs(h_rows, h_starts, h_ends)
    v_all = _segments_from_runs(v_cols, v_starts, v_ends)
    # a vertical run is a ruling only where it meets two horizontal lines (text strokes never do)
    v_segs = [
        v
        for v in v_all
        if sum(
            1
            for hs in h_segs
            if hs.start - tol <= v.pos <= hs.end + tol and v.start - tol <= hs.pos <= v.end + tol
        )
        >= 2
    ]
    for r, s, e in zip(h_rows.tolist(), h_starts.tolist(), h_ends.tolist()):
        mask[max(0, r - 1) : r + 2, s:e] = True
    for c, s, e in zip(v_cols.tolist(), v_starts.tolist(), v_ends.tolist()):
        if any(abs(c - v.pos) <= tol and v.start - tol <= s and e <= v.end + tol for v in v_segs):
            mask[s:e, max(0, c - 1) : c + 2] = True
    return h_segs, v_segs, mask


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    h: list[Segment]
    v: list[Segment]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def table_grids(h_segs: list[Segment], v_segs: list[Segment], dpi: int) -> list[Grid]:
    """Ruled tables: groups of horizontal and vertical lines that cross one another."""
    tol = max(3, dpi // 50)
    n_h = len(h_segs)
    parent = list(range(n_h + len(v_segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, v in enumerate(v_segs):
        for i, hs in enumerate(h_segs):
            if hs.start - tol <= v.pos <= hs.end + tol and v.start - tol <= hs.pos <= v.end + tol:
                parent[find(n_h + j)] = find(i)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, hs in enumerate(h_segs):
        groups.setdefault(find(i), ([], []))[0].append(hs)
    for j, v in enumerate(v_segs):
        groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    grids = []
    for hs, vs in groups.values():
        if len(hs) < 2 or not vs:
            continue
        ys = _cluster([s.pos for s in hs], tol)
        xs = _cluster([s.pos for s in vs], tol)
        left, right = min(s.start for s in hs), max(s.end for s in hs)
        if xs[0] - left > tol * 3:
            xs.insert(0, left)  # a table with no outer border on the left
        if right - xs[-1] > tol * 3:
            xs.append(right)
        if len(xs) < 2 or len(ys) < 2:
            continue
        grids.append(Grid(xs=xs, ys=ys, h=hs, v=vs))
    return sorted(grids, key=lambda g: g.ys[0])


def _has_vertical(grid: Grid, x: float, y0: float, y1: float, tol: float) -> bool:
    mid = (y0 + y1) / 2
    return (
        any(abs(v.pos - x) <= tol and v.start - tol <= mid <= v.end + tol for v in grid.v)
        or x <= grid.xs[0] + tol
        or x >= grid.xs[-1] - tol
    )


def _has_horizontal(grid: Grid, y: float, x0: float, x1: float, tol: float) -> bool:
    mid = (x0 + x1) / 2
    return any(abs(s.pos - y) <= tol and s.start - tol <= mid <= s.end + tol for s in grid.h)


def grid_cells(grid: Grid) -> list[list[tuple[int, int]]]:
    """Grid positions grouped into cells: neighbours with no ruling between them are one
    merged cell. Each cell lists its positions (row, column), the first one top-left."""
    tol = 4.0
    n_r, n_c = len(grid.ys) - 1, len(grid.xs) - 1
    parent = list(range(n_r * n_c))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_r):
        for c in range(n_c):
            y0, y1, x0, x1 = grid.ys[r], grid.ys[r + 1], grid.xs[c], grid.xs[c + 1]
            if c + 1 < n_c and not _has_vertical(grid, x1, y0, y1, tol):
                parent[find(r * n_c + c + 1)] = find(r * n_c + c)
            if r + 1 < n_r and not _has_horizontal(grid, y1, x0, x1, tol):
                parent[find((r + 1) * n_c + c)] = find(r * n_c + c)
    cells: dict[int, list[tuple[int, int]]] = {}
    for i in range(n_r * n_c):
        cells.setdefault(find(i), []).append(divmod(i, n_c))
    return list(cells.values())


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
        if (piece < _threshold(arr)).sum() < 12:
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
    strip = ((strip >= _threshold(arr)) * 255).astype(
        np.uint8
    )  # Tesseract's own threshold suits a page, not a strip
    data = pytesseract.image_to_data(
        Image.fromarray(strip), lang="vie", config="--psm 6", output_type=pytesseract.Output.DICT
    )
    by_cell: dict[int, list[Word]] = {}
    for w in _words(data, key_prefix=("table", grid.xs[0], grid.ys[0])):
        mid = (w.top + w.bottom) / 2
        k = next(
            (k for k, (y0, y1, _) in enumerate(places) if y0 - gap / 2 <= mid <= y1 + gap / 2), None
        )
        if k is not None:
            by_cell.setdefault(k, []).append(w)
    for k, ws in by_cell.items():
        r0, c0 = places[k][2][:2]
        texts[r0][c0] = cell_text(_text_lines(ws))
    return [r for r in texts if any(c.strip() for c in r)] or texts


def cell_text(lines: list[str]) -> str:
    """A cell's lines joined: a figure or a syllable cut by a narrow column (`2687` / `63`,
    `Ngư` / `ời`) is joined without a space, a numbered line keeps its own line."""

    text = ""
    for ln in (x.strip() for x in lines):
        if not ln:
            continue
        if text and LIST_START.match(ln):
            text += "\n" + ln
        elif text and cut_inside_word(text, ln):
            text += ln
        else:
            text = f"{text} {ln}".strip()
    return text


# ------------------------------------------------------------------ words and lines


@dataclass
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    line_key: tuple
    line_height: float
    conf: float


def _words(data, dx: int = 0, dy: int = 0, key_prefix: tuple = ()) -> list[Word]:
    line_boxes = {}
    for i, level in enumerate(data["level"]):
        if level == 4:
            key = key_prefix + (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            line_boxes[key] = data["height"][i]
    out = []
    for i, level in enumerate(data["level"]):
        text = (data["text"][i] or "").strip()
        if level != 5 or not text:
            continue
        conf = float(data["conf"][i])
        if conf < 20 and not regex.search(r"\p{L}{2}|\d", text):
            continue  # specks of a stamp or a signature read as stray marks
        key = key_prefix + (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = data["left"][i] + dx, data["top"][i] + dy
        out.append(
            Word(
                text,
                left,
                top,
                left + data["width"][i],
                top + data["height"][i],
                key,
                line_boxes.get(key, data["height"][i]),
                conf,
            )
        )
    return out


def _text_lines(words: list[Word]) -> list[str]:
    """Words of one cell as lines of text, top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if (
            lines
            and abs(mid - statistics.mean((x.top + x.bottom) / 2 for x in lines[-1]))
            < (w.bottom - w.top) * 0.6
        ):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [
        fix_ocr_numbers(normalize_text(" ".join(w.text for w in sorted(ln, key=lambda w: w.left))))
        for ln in lines
    ]


def page_lines(words: list[Word], page_no: int, page_height: float, scale: float) -> list:
    """Tesseract's lines as the PDF reader's lines: pieces on one visual line (the two columns
    of the header) joined with their column segments, sizes from line heights, y up."""

    by_key: dict[tuple, list[Word]] = {}
    for w in words:
        by_key.setdefault(w.line_key, []).append(w)
    pieces = []
    for ws in by_key.values():
        ws.sort(key=lambda w: w.left)
        top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        pieces.append([top, bottom, ws[0].left, max(w.right for w in ws), ws])
    pieces.sort(key=lambda p: (p[0] + p[1]) / 2)
    visual: list[list] = []
    for p in pieces:
        for v in visual[-3:]:
            overlap = min(v[1], p[1]) - max(v[0], p[0])
            if overlap > 0.5 * min(v[1] - v[0], p[1] - p[0]) and not any(
                p[2] < q[3] and p[3] > q[2] for q in v[4]
            ):
                v[0], v[1] = min(v[0], p[0]), max(v[1], p[1])
                v[4].append(p)
                break
        else:
            visual.append([p[0], p[1], p[2], p[3], [p]])
    visual.sort(key=lambda v: (v[0] + v[1]) / 2)
    heights = [statistics.median(w.line_height for w in p[4]) for v in visual for p in v[4]]
    body_px = statistics.median(heights) if heights else 40.0
    lines = []
    for v in visual:
        parts = sorted(v[4], key=lambda p: p[2])
        ws = [w for p in parts for w in p[4]]
        px = statistics.median(w.line_height for w in ws)
        if len(ws) < 3 or abs(px - body_px) < body_px * 0.25:
            px = body_px  # a short line's box says little about its type size
        size = round(px * scale * SIZE_PER_LINE_HEIGHT, 1)
        segments, current = [], [ws[0]]
        for a, b in zip(ws, ws[1:]):
            if (b.left - a.right) * scale > size * 2.5:
                segments.append(current)
                current = []
            current.append(b)
        segments.append(current)
        seg_out = [
            (
                s[0].left * scale,
                max(w.right for w in s) * scale,
                fix_ocr_numbers(normalize_text(" ".join(w.text for w in s))),
            )
            for s in segments
        ]
        text = " ".join(t for _, _, t in seg_out).strip()
        if not text:
            continue
        lines.append(
            Line(
                text=text,
                size=size,
                x0=min(w.left for w in ws) * scale,
                x1=max(w.right for w in ws) * scale,
                top=page_height - min(w.top for w in ws) * scale,
                bottom=page_height - max(w.bottom for w in ws) * scale,
                page=page_no,
                segments=seg_out if len(seg_out) > 1 else [],
            )
        )
    return lines


# ------------------------------------------------------------------ figures

DIGIT_CONFUSIONS = regex.compile(r"(?<=\d[.,]?)[Oo](?=[.,]?\d)|(?<=\d)[lI|](?=\d)")
SPLIT_GROUP = regex.compile(
    r"(?<=\p{L}\s)(\d{1,3}(?:[.]\d{3})*)(?:\s[.]\s?|[.]\s)(\d{3})(?![\d.,]?\d)"
)


def fix_ocr_numbers(text: str) -> str:
    """Typical OCR confusions inside figures only: a letter O between digits is 0 (`1O5`,
    `2.O00`), l or I between digits is 1, and a thousands group cut off by a stray space
    (`tiếp nhận 1. 234 đơn`, `12 .345`) joins again; a list label at a line start (`2. 150 hồ
    sơ`) is not after a word and stays. Words and other numbers are left as read."""
    text = DIGIT_CONFUSIONS.sub(lambda m: "0" if m.group() in "Oo" else "1", text)
    return SPLIT_GROUP.sub(lambda m: f"{m.group(1)}.{m.group(2)}", text)
