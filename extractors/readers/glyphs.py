"""Glyphs to lines: a PDF page's characters in the order they are set on the page.

The order of a PDF's content stream is a hint, never the truth: Word and LibreOffice draw a
letter the main font lacks (ệ, ộ, ư ...) from a fallback font after the rest of the line, and
some producers write text objects in any order. So every glyph is read with pdfium together
with its box, font size and baseline (a few microseconds a glyph); glyphs are grouped into lines
by baseline (a raised, smaller footnote mark joins the line it marks), and a line's glyphs are
put in order of x. Spaces come from the PDF where it has them (its space glyphs, or the space
pdfium puts between two glyphs that follow each other in the stream) and from the gap where two
glyphs meet that did not follow each other in the stream. Text set at a right angle (a landscape
table on a portrait page) is read in its own direction.
"""

from __future__ import annotations

import ctypes
import math
import struct
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from extractors.readers.line import Line
from extractors.readers.line_text import close_line, merge_visual_lines, normalize_lines
from extractors.readers.reading_order import BASELINE_TOLERANCE, pieces_in_order

HEADER_LINES = 16  # the official header sits in the first lines of page 1


@dataclass(slots=True)
class Glyph:
    ch: str
    size: float
    left: float
    right: float
    bottom: float
    top: float
    base: float  # the baseline
    i: int  # index in pdfium's text (content-stream order, pdfium's own breaks included)
    spaced: bool  # pdfium put a space of its own right before it
    n: int = 0  # position among the page's glyphs
    turn: int = 0  # quarter turns of the text direction (0: upright)


def page_lines(page, page_no: int, textpage=None) -> list[Line]:
    """The page's lines, top to bottom, each read left to right (from the page's text page
    when the caller has it open: it is read for the tables too)."""
    own = textpage is None
    if own:
        textpage = page.get_textpage()
    try:
        glyphs, runs = read_glyphs(textpage, page.get_width(), page.get_height())
        advances = Advances(textpage)
        lines: list[Line] = []
        for piece in pieces_in_order(glyphs, runs):
            header_zone = page_no == 1 and len(lines) < HEADER_LINES
            close_line(piece, lines, page_no, advances, header_zone=header_zone)
    finally:
        if own:
            textpage.close()
    normalize_lines(lines)
    return merge_visual_lines(lines)


class Advances:
    """Where the pen stands before and after a glyph (its origin, and the right of its advance
    box), asked of pdfium only where two glyphs meet that the stream set apart."""

    def __init__(self, textpage) -> None:
        self.raw = textpage.raw
        self.rect = pdfium_c.FS_RECTF()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()

    def __call__(self, g: Glyph) -> tuple[float, float]:
        if g.turn:
            return g.left, g.right
        pdfium_c.FPDFText_GetCharOrigin(self.raw, g.i, self.x, self.y)
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, g.i, self.rect)
        return self.x.value, self.rect.right


def bare(fn, restype):
    """A pdfium function called through a C prototype without argument types: ctypes then
    passes a ctypes object (the page handle, a byref into a buffer) as it is and an int as a C
    int, a third of the time of converting typed arguments. These calls are made for every
    glyph of every page (half of the text layer's time)."""
    address = ctypes.cast(fn, ctypes.c_void_p).value
    if address is None:
        raise TypeError(f"{fn!r} has no address")
    return ctypes.CFUNCTYPE(restype)(address)


_CHAR_BOX = bare(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)
_CHAR_ORIGIN = bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_FONT_SIZE = bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_BOX = struct.Struct("4d")


def read_glyphs(textpage, width: float, height: float) -> tuple[list[Glyph], list[int]]:
    """Every glyph of the page in stream order (pdfium's generated spaces and line breaks are
    not glyphs: a generated space is remembered on the glyph after it), and where each run of
    glyphs on one baseline starts. The baseline is asked of pdfium where a run of glyphs starts,
    changes size or jumps up or down; the glyphs after it in the run share it."""
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n > 0 else ""
    raw = textpage.raw
    page = ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value)
    values = (ctypes.c_double * 6)()  # the box (left, right, bottom, top), then the origin
    left, right, bottom, top, x, y = (ctypes.byref(values, 8 * k) for k in range(6))
    out: list[Glyph] = []
    starts: list[int] = []
    box = _BOX.unpack_from  # the four doubles of the box, faster than slicing the array
    spaced, turn, new_run = False, 0, True
    size = anchor = base = low = high = 0.0
    run_base = math.nan
    for i, ch in enumerate(text[:n]):
        if ch == "\r" or ch == "\n":
            new_run = True
            continue
        if new_run:  # pdfium starts a new run where the line or the direction may change
            turn, new_run, anchor = (
                _quarter_turns(pdfium_c.FPDFText_GetCharAngle(raw, i)),
                False,
                -1,
            )
        _CHAR_BOX(page, i, left, right, bottom, top)
        x0, x1, y0, y1 = box(values)
        if ch == " " and not turn:  # a space's box is its advance, on the baseline
            if x1 - x0 < 0.01:
                spaced = True  # a space pdfium generated: no glyph in the PDF
                continue
            g = Glyph(ch, size, x0, x1, y0, y1, y0, i, spaced, len(out))
            if anchor >= 0 and abs(y0 - base) <= BASELINE_TOLERANCE * size:
                g.base = base
        elif ch == " " and pdfium_c.FPDFText_IsGenerated(raw, i):
            spaced = True
            continue
        else:
            size = _FONT_SIZE(page, i)
            if size != anchor or y1 < low or y0 > high or turn:
                _CHAR_ORIGIN(page, i, x, y)
                base, anchor = values[5], size
            low, high = y0, y1
            g = Glyph(ch, size, x0, x1, y0, y1, base, i, spaced, len(out))
            if turn:
                _turn_upright(g, turn, values[4], width, height)
        if g.base != run_base:
            starts.append(len(out))
            run_base = g.base
        out.append(g)
        spaced = False
    return out, starts


def _quarter_turns(angle: float) -> int:
    """The text direction in quarter turns counterclockwise (0: left to right, 1: upwards ...);
    pdfium measures the angle clockwise."""
    if angle < 0:
        return 0  # no angle known
    return -round(angle / (math.pi / 2)) % 4


def _turn_upright(g: Glyph, turn: int, x: float, width: float, height: float) -> None:
    """A glyph of text set at a right angle, in coordinates where its text reads left to right
    (x: its origin across the page; its baseline is a vertical line there when it is turned
    a quarter)."""
    y, left, right, bottom, top = g.base, g.left, g.right, g.bottom, g.top
    g.turn = turn
    if turn == 1:  # reads upwards
        g.base = width - x
        g.left, g.right, g.bottom, g.top = bottom, top, width - right, width - left
    elif turn == 2:  # upside down
        g.base = height - y
        g.left, g.right, g.bottom, g.top = (
            width - right,
            width - left,
            height - top,
            height - bottom,
        )
    else:  # reads downwards
        g.base = x
        g.left, g.right, g.bottom, g.top = height - top, height - bottom, left, right
