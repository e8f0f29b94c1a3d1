"""Glyphs to lines: a PDF page's characters made into positioned lines."""

from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c
import regex

from extractors.readers.line import Line
from normalizers.legacy_encoding import fix_legacy_text
from normalizers.text import normalize_text


@dataclass
class Char:
    ch: str
    size: float
    left: float
    right: float
    bottom: float
    top: float


def page_lines(page, page_no: int) -> list[Line]:
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        raw = textpage.raw
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        lines: list[Line] = []
        current: list[Char] = []
        for i, ch in enumerate(text[:n]):
            if ch in "\r\n":
                if ch == "\n" or (i + 1 < n and text[i + 1] != "\n"):
                    _close_line(
                        current,
                        lines,
                        page_no,
                        header_zone=page_no == 1 and len(lines) < HEADER_LINES,
                    )
                    current = []
                continue
            pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            current.append(Char(ch, size, left.value, right.value, bottom.value, top.value))
        _close_line(current, lines, page_no, header_zone=page_no == 1 and len(lines) < HEADER_LINES)
        return _merge_visual_lines(lines)
    finally:
        textpage.close()


def _is_mark(ln: Line, other: Line) -> bool:
    return bool(regex.fullmatch(r"\d{1,3}", ln.text)) and ln.size < other.size * 0.8


def _merge_visual_lines(lines: list[Line]) -> list[Line]:
    """Pieces the text stream breaks apart on one visual line (at a superscript mark, or
    between the two columns of the header) become one line again; a lone small number
    among them is a footnote mark, not text."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None:
            overlap = min(prev.top, ln.top) - max(prev.bottom, ln.bottom)
            height = min(prev.top - prev.bottom, ln.top - ln.bottom) or 1
            if overlap > 0.4 * height and ln.x0 >= prev.x1 - 2:
                out[-1] = _merge(prev, ln)
                continue
        out.append(ln)
    return out


def _merge(a: Line, b: Line) -> Line:
    if _is_mark(b, a):
        a.marks.append(b.text)
        return a
    if _is_mark(a, b):
        b.marks = [a.text] + b.marks
        return b
    gap = b.x0 - a.x1
    joiner = "" if gap < min(a.size, b.size) * 0.2 or b.text[:1] in ".,;:)" else " "
    main = a if len(a.text) >= len(b.text) else b
    return Line(
        text=f"{a.text}{joiner}{b.text}",
        size=main.size,
        x0=a.x0,
        x1=b.x1,
        top=max(a.top, b.top),
        bottom=min(a.bottom, b.bottom),
        page=a.page,
        marks=a.marks + b.marks,
        segments=a.segments + b.segments,
    )


HEADER_LINES = 16  # the official header sits in the first lines of page 1


def _close_line(
    chars: list[Char], lines: list[Line], page_no: int, header_zone: bool = False
) -> None:
    """Close a line of characters: footnote marks taken off, column segments only where the
    two-column header can be (splitting every line costs a third of the page time)."""
    visible = [c for c in chars if not c.ch.isspace()]
    if not visible:
        return
    size = statistics.median(c.size for c in visible)
    baseline = (
        statistics.median(c.bottom for c in visible if c.size >= size * 0.9)
        if any(c.size >= size * 0.9 for c in visible)
        else min(c.bottom for c in visible)
    )
    marks, kept, mark = [], [], ""
    for c in chars:
        raised = c.size < size * 0.8 and c.bottom > baseline + size * 0.2 and not c.ch.isspace()
        if raised and (c.ch.isdigit() or c.ch in "*,"):
            if c.ch.isdigit():
                mark += c.ch
            continue
        if mark:
            marks.append(mark)
            mark = ""
        kept.append(c)
    if mark:
        marks.append(mark)
    text = fix_legacy_text("".join(c.ch for c in kept))
    if not text.strip():
        return
    segments = _segments(kept, size) if header_zone else []
    vis = [c for c in kept if not c.ch.isspace()]
    lines.append(
        Line(
            text=normalize_text(text).strip(),
            size=size,
            x0=min(c.left for c in vis),
            x1=max(c.right for c in vis),
            top=max(c.top for c in vis),
            bottom=min(c.bottom for c in vis),
            page=page_no,
            marks=marks,
            segments=segments,
        )
    )


def _segments(chars: list[Char], size: float) -> list[tuple[float, float, str]]:
    """Split a line where a gap wider than a few characters separates two columns."""
    segs: list[list[Char]] = []
    last_right = None
    for c in chars:
        if c.ch.isspace() and c.right - c.left < 0.01:
            continue
        if last_right is not None and not c.ch.isspace() and c.left - last_right > size * 2.5:
            segs.append([])
        if not segs:
            segs.append([])
        segs[-1].append(c)
        if not c.ch.isspace():
            last_right = c.right
    out = []
    for s in segs:
        vis = [c for c in s if not c.ch.isspace()]
        if vis:
            out.append(
                (
                    min(c.left for c in vis),
                    max(c.right for c in vis),
                    normalize_text("".join(c.ch for c in s)).strip(),
                )
            )
    return out
