"""Ruled tables of a PDF page, read from what pdfium has loaded already.

The ruling lines come from the page's path objects (forms included, each point through its
object's matrix), made into the edges pdfplumber would make of them: a line is one edge, a
rectangle its four sides, any other path the straight pieces between its points. pdfplumber's
own table finder then runs on those edges alone (snapping, joining, intersections, cells; its
cell search in one pass: ruled_grid), so the tables are the ones it finds on a full page parse;
the cell texts are built from pdfium's glyph boxes. pdfplumber's parse of a whole page
(pdfminer) costs tens of milliseconds a page; this costs about one.

Coordinates inside this module are pdfplumber's (x right, `top` down from the page top); the
tables leave it in PDF points with y up, as the reader's lines are.
"""

from __future__ import annotations

import ctypes
import struct
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from extractors.readers.cells import cell_text, cut_inside_word
from extractors.readers.glyphs import bare
from extractors.readers.line import LIST_START
from extractors.readers.ruled_grid import RuledTableFinder
from normalizers.text import normalize_text

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FLAT = 0.01  # points: a piece of path this close to level (or plumb) is a ruling
MIN_EDGE = 1.0  # pdfplumber's prefilter: shorter pieces are dots, not rulings
MAX_FORM_DEPTH = 4
SPACE_GAP = 1.0  # points between a generated space and the next glyph for it to be a space
X_TOLERANCE = 3.0  # pdfplumber's: a wider gap between two glyphs is a space
OVERLAP = 1.0  # points a generated space may sit inside the glyph before it
HYPHEN_MARKS = {"\ufffe": "-", "\x02": "-"}  # pdfium's marks for a hyphen ending a line
CLIPPED_OVER = 0.3  # points a glyph's loose box may rise above its cell's top rule
Table = tuple[tuple[float, float, float, float], list[list[str]]]


@dataclass(slots=True)
class Char:
    """One glyph as a table cell reads it (pdfplumber's coordinates)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float  # the baseline, from the page top
    generated: bool = False  # a space pdfium put where the stream jumps (no glyph in the PDF)


def page_tables(page, textpage=None) -> list[Table]:
    """The page's ruled tables: ((x0, bottom, x1, top) in PDF points, rows of cell texts);
    their glyphs from `textpage` when the caller has the page's text page open."""
    height = page.get_height()
    v_edges, h_edges = ruling_edges(page.raw, height)
    if len(v_edges) < 2 or len(h_edges) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": v_edges,
        "explicit_horizontal_lines": h_edges,
    }
    found = RuledTableFinder(settings).tables
    if not found:
        return []
    chars = upright_chars(page, height, [t.bbox for t in found], textpage)
    out = []
    for table in found:
        rows = table_rows(table, chars)
        if len(rows) < 2 and all(len(r) < 3 for r in rows):
            continue
        x0, top, x1, bottom = table.bbox
        out.append(((x0, height - bottom, x1, height - top), rows))
    return out


# ------------------------------------------------------------------ ruling lines


def ruling_edges(raw_page, height: float) -> tuple[list[dict], list[dict]]:
    """Vertical and horizontal edges of every painted path on the page."""
    v_edges: list[dict] = []
    h_edges: list[dict] = []
    count = pdfium_c.FPDFPage_CountObjects(raw_page)
    objects = (pdfium_c.FPDFPage_GetObject(raw_page, i) for i in range(count))
    for obj, matrix in _paths(objects, IDENTITY, 0):
        for subpath in _subpaths(obj, matrix, height):
            for edge in _edges(subpath):
                (v_edges if edge["orientation"] == "v" else h_edges).append(edge)
    return v_edges, h_edges


def _paths(objects, outer: tuple, depth: int):
    """(path object, matrix to page space) of painted paths, inside forms too."""
    matrix = pdfium_c.FS_MATRIX()
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if _painted(obj):
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                yield obj, _compose(_tuple(matrix), outer)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _compose(_tuple(matrix), outer)
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(n)]
            yield from _paths(children, inner, depth + 1)


def _painted(obj) -> bool:
    """Filled or stroked (a path only clipped or ended with `n` draws nothing)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return False
    return bool(fill.value or stroke.value)


def _tuple(m) -> tuple:
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(first: tuple, then: tuple) -> tuple:
    """The matrix that applies `first`, then `then` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _subpaths(obj, m: tuple, height: float) -> list[tuple[list[tuple[float, float]], bool]]:
    """The path's pieces as points in pdfplumber's coordinates, each with whether it is closed."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    closed = False
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_MOVETO and points:
            out.append((points, closed))
            points, closed = [], False
        points.append(point)
        closed = closed or bool(pdfium_c.FPDFPathSegment_GetClose(seg))
    if points:
        out.append((points, closed))
    return out


def _edges(subpath: tuple[list[tuple[float, float]], bool]) -> list[dict]:
    """The level and plumb straight pieces of one subpath as pdfplumber edges."""
    points, closed = subpath
    if closed and len(points) > 2 and points[-1] != points[0]:
        points = points + [points[0]]
    out = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if abs(y0 - y1) <= FLAT and abs(x1 - x0) >= MIN_EDGE:
            top = (y0 + y1) / 2
            left, right = min(x0, x1), max(x0, x1)
            out.append(_edge("h", left, right, top, top))
        elif abs(x0 - x1) <= FLAT and abs(y1 - y0) >= MIN_EDGE:
            x = (x0 + x1) / 2
            out.append(_edge("v", x, x, min(y0, y1), max(y0, y1)))
    return out


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {
        "object_type": "line_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


# ------------------------------------------------------------------ glyphs and cell texts


_ANGLE = bare(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)
_LOOSE_BOX = bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_ORIGIN = bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_GENERATED = bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom


def upright_chars(page, height: float, boxes: list[tuple], textpage=None) -> list[Char]:
    """The upright glyphs whose centre lies in one of the boxes (pdfplumber coordinates);
    pdfium's generated spaces and line breaks are not glyphs. A glyph's place is looked at
    before its angle: most glyphs of a page stand outside its tables."""
    own = textpage is None
    if own:
        textpage = page.get_textpage()
    try:
        raw = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n > 0 else ""
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        at_rect, at_x, at_y = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
        unpack = _RECT.unpack_from  # the four floats at once, faster than the fields
        inside = _inside_any(boxes)
        out = []
        for i, ch in enumerate(text[:n]):
            if ch in "\r\n":
                continue
            _LOOSE_BOX(raw, i, at_rect)
            left, rect_top, right, rect_bottom = unpack(rect)
            top, bottom = height - rect_top, height - rect_bottom
            if not inside((left + right) / 2, (top + bottom) / 2):
                continue
            if abs(_ANGLE(raw, i)) > 0.01:
                continue  # set at an angle: not read into cells (as pdfplumber's `upright`)
            _ORIGIN(raw, i, at_x, at_y)
            glyph = HYPHEN_MARKS.get(ch, ch)
            made = ch == " " and bool(_GENERATED(raw, i))
            out.append(Char(glyph, left, right, top, bottom, height - oy.value, made))
    finally:
        if own:
            textpage.close()
    return out


def _inside_any(boxes: list[tuple]):
    """A test of whether a point lies in one of the boxes (x0, top, x1, bottom), the boxes'
    common bounds looked at first."""
    x0s, tops, x1s, bottoms = zip(*boxes)
    ux0, utop, ux1, ubottom = min(x0s), min(tops), max(x1s), max(bottoms)
    if len(boxes) == 1:
        return lambda x, y: ux0 <= x <= ux1 and utop <= y <= ubottom
    return lambda x, y: (
        ux0 <= x <= ux1
        and utop <= y <= ubottom
        and any(x0 <= x <= x1 and t <= y <= b for x0, t, x1, b in boxes)
    )


def table_rows(table, chars: list[Char]) -> list[list[str]]:
    """Cell texts row by row (None cells of a merge are "")."""
    centres = _Centres(chars)
    cells_lines = [
        [
            _cell_lines(centres.inside(bbox), bbox[1]) if bbox is not None else []
            for bbox in row.cells
        ]
        for row in table.rows
    ]
    if any(end for row in cells_lines for cell in row for _, end in cell):
        return [[_joined_cell(parsed) for parsed in row] for row in cells_lines]
    # the producer writes no space where a cell line wraps: the text heuristics of cell_text
    return [
        [cell_text("\n".join(text for text, _ in parsed)) for parsed in row] for row in cells_lines
    ]


class _Centres:
    """The glyphs by the height of their centre: a cell's glyphs are found by bisection
    instead of a look at every glyph of the page for every cell."""

    def __init__(self, chars: list[Char]) -> None:
        ys = [(c.top + c.bottom) / 2 for c in chars]
        self.order = sorted(range(len(chars)), key=ys.__getitem__)
        self.ys = [ys[k] for k in self.order]
        self.xs = [(chars[k].x0 + chars[k].x1) / 2 for k in self.order]
        self.chars = chars

    def inside(self, bbox) -> list[Char]:
        """The glyphs whose centre lies in the box, in their order on the page."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self.ys, top), bisect_right(self.ys, bottom)
        xs, order = self.xs, self.order
        found = sorted(order[i] for i in range(lo, hi) if x0 <= xs[i] <= x1)
        return [self.chars[k] for k in found]


def _cell_lines(inside: list[Char], top: float) -> list[tuple[str, bool]]:
    """A cell's lines of text (from its glyphs), each with whether it ends in a space the PDF
    wrote. A line whose every glyph rises above the cell's top rule is the cell above's,
    clipped there (a repeated header row too low for `Trong đó trực tuyến`): not this cell's."""
    lines: list[list[Char]] = []
    for c in sorted(inside, key=lambda c: (round(c.base), c.x0)):
        if lines and abs(lines[-1][0].base - c.base) <= 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    parsed = []
    for ln in lines:
        if all(c.top < top - CLIPPED_OVER for c in ln if not c.text.isspace()):
            continue
        ln = _word_gaps(sorted(ln, key=lambda c: c.x0))
        text = _line_text(ln)
        if text:
            parsed.append((text, bool(ln) and ln[-1].text.isspace()))
    return parsed


def _line_text(line: list[Char]) -> str:
    """A line's glyphs (in order of x) as text, words cut as pdfplumber cuts them: at a space,
    where a glyph starts left of the one before, or more than X_TOLERANCE right of its end."""
    words: list[str] = []
    word = ""
    before: Char | None = None
    for c in line:
        if c.text.isspace():
            words.append(word)
            word, before = "", None
            continue
        if before is not None and (c.x0 < before.x0 or c.x0 > before.x1 + X_TOLERANCE):
            words.append(word)
            word = ""
        word += c.text
        before = c
    words.append(word)
    return " ".join(w for w in words if w)


def _word_gaps(line: list[Char]) -> list[Char]:
    """A line's glyphs with the spaces pdfium generated only where they stand in a gap between
    two glyphs: pdfium also puts one where the stream jumps over a letter drawn later from a
    fallback font (`Ti ế p`), and one at the end of a line (which is no space the PDF wrote)."""
    out: list[Char] = []
    before: Char | None = None
    for i, c in enumerate(line):
        if c.generated:
            after = next((d for d in line[i + 1 :] if not d.text.isspace()), None)
            if (
                after is None
                or after.x0 - c.x0 < SPACE_GAP
                or (before is not None and before.x1 - c.x0 > OVERLAP)
            ):
                continue
        elif not c.text.isspace():
            before = c
        out.append(c)
    return out


def _joined_cell(parsed: list[tuple[str, bool]]) -> str:
    text = ""
    for i, (ln, _) in enumerate(parsed):
        ln = ln.strip()
        cut = i > 0 and not parsed[i - 1][1] and cut_inside_word(text, ln)
        if text and LIST_START.match(ln):
            text += "\n" + ln
        elif cut:
            text += ln
        else:
            text = f"{text} {ln}".strip()
    return normalize_text(text).strip()  # after the joins: `Đoà` / `n` is `Đoàn`
