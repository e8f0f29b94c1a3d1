"""A line's text from its glyphs in reading order: footnote marks taken off, spaces, column
segments; then the pieces of one visual line that are still apart joined.

A footnote mark is smaller than its line and raised above it (`năm 2022` + mark 1 must not read
`20221`). A space is the PDF's own (a space glyph, or the space pdfium puts between two glyphs
that follow each other in the stream); where two glyphs meet on the page that did not follow
each other in the stream, the gap between them decides.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING

from catalog.patterns import compiled
from extractors.readers.line import LINE_END_HYPHEN, Line
from model import MarkAnchor
from normalizers.legacy_encoding import fix_legacy_text
from normalizers.text import normalize_text

if TYPE_CHECKING:
    from extractors.readers.glyphs import Glyph

SPLICE_SPACE = 0.15  # a gap this wide (x font size) between glyphs the stream set apart is a space
COLUMN_GAP = 2.5  # a gap this wide (x font size) separates the header's two columns
MARK_TEXT = compiled(r"\d{1,3}")


def close_line(
    glyphs: list[Glyph],
    lines: list[Line],
    page_no: int,
    advances: Callable[[Glyph], tuple[float, float]],
    header_zone: bool = False,
) -> None:
    """Close a line of glyphs: footnote marks taken off, column segments only where the
    two-column header can be (splitting every line costs a third of the page time). The text
    is normalized later, a page at a time (normalize_lines)."""
    visible = [g for g in glyphs if not g.ch.isspace()]
    if not visible:
        return
    size = _median([g.size for g in visible])
    big = [g.bottom for g in visible if g.size >= size * 0.9]
    baseline = _median(big) if big else min(map(_BOTTOM, visible))
    marks, kept, parts = _take_marks(glyphs, size, baseline, advances)
    text = fix_legacy_text("".join(parts)).strip()
    if not text:
        return
    if LINE_END_HYPHEN in text[:-1]:  # pdfium's line-end hyphen that does not end the line
        text = text[:-1].replace(LINE_END_HYPHEN, "-") + text[-1]
    # no mark taken (the most lines): the glyphs kept are the line's
    vis = visible if len(kept) == len(glyphs) else [g for g in kept if not g.ch.isspace()]
    lines.append(
        Line(
            text=text,
            size=size,
            x0=min(map(_LEFT, vis)),
            x1=max(map(_RIGHT, vis)),
            top=max(map(_TOP, vis)),
            bottom=min(map(_BOTTOM, vis)),
            page=page_no,
            marks=[label for label, _ in marks],
            mark_at=[anchor for _, anchor in marks],
            segments=_segments(kept, parts, size) if header_zone else [],
        )
    )


_LEFT, _RIGHT = attrgetter("left"), attrgetter("right")
_TOP, _BOTTOM = attrgetter("top"), attrgetter("bottom")


def normalize_lines(lines: list[Line]) -> None:
    """The lines' texts normalized in one call for the page (a call a line costs more)."""
    texts = normalize_text("\n".join(ln.text for ln in lines)).split("\n")
    if len(texts) != len(lines):  # a line separator inside a line's text
        texts = [normalize_text(ln.text) for ln in lines]
    for ln, text in zip(lines, texts):
        ln.text = text.strip()


def _median(values: list[float]) -> float:
    values = sorted(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _take_marks(
    glyphs: list[Glyph],
    size: float,
    baseline: float,
    advances: Callable[[Glyph], tuple[float, float]],
) -> tuple[list[tuple[str, MarkAnchor]], list[Glyph], list[str]]:
    """Footnote marks (raised small digits) taken off the line, each with where it stood; the
    other glyphs, and the text each adds (itself, after the space that goes before it, if
    any)."""
    marks: list[tuple[str, MarkAnchor]] = []
    kept: list[Glyph] = []
    parts: list[str] = []
    mark = ""
    small, raised_above = size * 0.8, baseline + size * 0.2
    combining = unicodedata.combining
    prev = last = None  # the glyph before in reading order, and the last letter kept
    for g in glyphs:
        ch = g.ch
        if g.size < small and g.bottom > raised_above and (ch.isdigit() or ch in "*,"):
            if ch.isdigit():
                mark += ch
            prev = g
            continue
        if mark:
            marks.append((mark, MarkAnchor.after("".join(parts))))
            mark = ""
        kept.append(g)
        if prev is not None and g.i == prev.i + 1 and prev is last:
            parts.append(ch)  # the stream's next glyph, no space between
        else:
            parts.append(_separator(prev, last, g, advances) + ch)
        prev = g
        if ch < "\u0300" or not combining(ch):
            last = g  # the pen stands after a letter, not after the marks set over it
    if mark:
        marks.append((mark, MarkAnchor.after("".join(parts))))
    return marks, kept, parts


def _separator(
    prev: Glyph | None,
    last: Glyph | None,
    g: Glyph,
    advances: Callable[[Glyph], tuple[float, float]],
) -> str:
    """The space before a glyph: the stream's where the glyph follows the one before it there,
    else the gap's between where the pen stood after the last glyph and where this one starts."""
    if prev is None:
        return ""
    if g.i == prev.i + 1 and prev is last:
        return ""  # (pdfium puts no space after a combining mark: the gap decides there)
    if g.i == prev.i + 2 and g.spaced:
        return " "
    if last is None or g.ch.isspace() or last.ch.isspace() or g.ch in ".,;:)":
        return ""
    if unicodedata.combining(g.ch):
        return ""
    gap = advances(g)[0] - advances(last)[1]
    return " " if gap >= min(g.size, last.size) * SPLICE_SPACE else ""


def _segments(kept: list[Glyph], parts: list[str], size: float) -> list[tuple[float, float, str]]:
    """Split a line where a gap wider than a few characters separates two columns."""
    cuts = [0]
    last_right = None
    for k, g in enumerate(kept):
        if g.ch.isspace():
            continue
        if last_right is not None and g.left - last_right > size * COLUMN_GAP:
            cuts.append(k)
        last_right = g.right
    cuts.append(len(kept))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        vis = [g for g in kept[a:b] if not g.ch.isspace()]
        if vis:
            text = normalize_text("".join(parts[a:b])).strip()
            out.append((min(g.left for g in vis), max(g.right for g in vis), text))
    return out


# ------------------------------------------------------------------ pieces of one visual line


def _is_mark(ln: Line, other: Line) -> bool:
    return bool(MARK_TEXT.fullmatch(ln.text)) and ln.size < other.size * 0.8


def merge_visual_lines(lines: list[Line]) -> list[Line]:
    """Pieces of one visual line that the baselines keep apart (type of two sizes side by side,
    a mark raised more than a mark's rise) become one line again; a lone small number among them
    is a footnote mark, not text."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None:
            overlap = min(prev.top, ln.top) - max(prev.bottom, ln.bottom)
            height = min(prev.top - prev.bottom, ln.top - ln.bottom) or 1
            if overlap > 0.4 * height and ln.x0 >= prev.x1 - 2:
                out[-1] = _merge(prev, ln)
                continue
            if overlap > 0.4 * height and ln.x1 <= prev.x0 + 2:
                out[-1] = _merge(ln, prev)
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
