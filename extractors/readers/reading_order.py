"""Reading order from geometry: a page's glyphs grouped into lines by baseline, each line read
left to right, and the lines (or the column pieces of a line) put in order down the page.

The content stream is only a hint: it decides between pieces the page itself leaves in no order
(the two columns of a signature block), never against the page (a line above another that it
overlaps is read first; a letter set left of another is read before it).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.readers.glyphs import Glyph

BASELINE_TOLERANCE = 0.2  # glyphs whose baselines differ by less (x font size) share a line
MARK_RAISE = 0.7  # a footnote mark sits at most this much (x font size) above its line
BACKSTEP = 0.1  # a glyph this far (x font size) left of the stream before it is out of order
COLUMN_GAP = 2.5  # a gap this wide (x font size) can part two columns


def pieces_in_order(glyphs: list[Glyph], runs: list[int]) -> list[list[Glyph]]:
    """The page's text as pieces of lines in reading order, each piece's glyphs left to right
    (runs: where each run of glyphs on one baseline starts)."""
    pieces: list[list[Glyph]] = []
    for group in attach_marks(group_lines(glyphs, runs)):
        if group[-1].n - group[0].n + 1 == len(group):  # written in one go: no columns
            pieces.append(in_reading_order(group))
        else:
            pieces.extend(split_columns(in_reading_order(group)))
    return order_pieces(pieces)


# ------------------------------------------------------------------ lines by baseline


def group_lines(glyphs: list[Glyph], runs: list[int]) -> list[list[Glyph]]:
    """Runs of glyphs that share a baseline (and a direction) grouped into lines, each in
    stream order; lines top to bottom."""
    groups: list[list[Glyph]] = []
    by_base: dict[tuple[int, int], list[list[Glyph]]] = {}  # lines by direction, whole point
    current: list[Glyph] = []
    for start, end in zip(runs, runs[1:] + [len(glyphs)]):
        first = glyphs[start]
        if not current or not _same_line(current[0], first):
            reach = math.ceil(BASELINE_TOLERANCE * first.size) + 1
            point = round(first.base)
            near = (
                grp
                for y in range(point - reach, point + reach + 1)
                for grp in by_base.get((first.turn, y), ())
            )
            current = next((grp for grp in near if _same_line(grp[0], first)), [])
            if not current:
                groups.append(current)
                by_base.setdefault((first.turn, point), []).append(current)
        current.extend(glyphs[start:end])
    groups.sort(key=lambda grp: (grp[0].turn, -grp[0].base))
    return groups


def _same_line(first: Glyph, g: Glyph) -> bool:
    tolerance = BASELINE_TOLERANCE * max(first.size, g.size)
    return abs(g.base - first.base) <= tolerance and g.turn == first.turn


def attach_marks(groups: list[list[Glyph]]) -> list[list[Glyph]]:
    """A group of a few small glyphs set a little above a line (a footnote mark the stream
    wrote apart, or the mark that opens a footnote body) joins that line."""
    out: list[list[Glyph]] = []
    for i, grp in enumerate(groups):
        host = _mark_host(grp, groups, i) if len(grp) <= 4 else None
        if host is None:
            out.append(grp)
        else:
            host.extend(grp)
            host.sort(key=lambda g: g.n)
    return out


def _mark_host(grp: list[Glyph], groups: list[list[Glyph]], index: int) -> list[Glyph] | None:
    visible = [g for g in grp if not g.ch.isspace()]
    if not visible or len(visible) > 3:
        return None
    size, base = max(g.size for g in visible), grp[0].base
    x0, x1 = min(g.left for g in visible), max(g.right for g in visible)
    best, best_rise = None, math.inf
    for other in groups[index + 1 : index + 4]:  # the lines just below it
        head = other[0]
        rise = base - head.base
        if head.turn != grp[0].turn or not 0 < rise <= MARK_RAISE * head.size:
            continue
        if size >= head.size * 0.8 or rise >= best_rise:
            continue
        left, right = min(g.left for g in other), max(g.right for g in other)
        if left - head.size <= x0 and x1 <= right + 2 * head.size:
            best, best_rise = other, rise
    return best


# ------------------------------------------------------------------ within a line


def in_reading_order(group: list[Glyph]) -> list[Glyph]:
    """A line's glyphs left to right. A glyph keeps its place after the glyph before it in
    the stream unless it is set clearly to its left (a fallback letter drawn after the line,
    a text object written out of order); only then is the line sorted by x, stably, so glyphs
    at one place keep their stream order and a combining mark stays after its letter."""
    run_max = -math.inf
    for g in group:
        if g.left < run_max - BACKSTEP * g.size:
            break
        if g.left > run_max:
            run_max = g.left
    else:
        return group  # in order already
    keys = []
    run_max = -math.inf
    for g in group:
        if g.left < run_max - BACKSTEP * g.size or g.left > run_max:
            run_max = g.left
        # a zero-width mark, set where the next letter starts, stays after its own letter
        keys.append(run_max - 0.001 if unicodedata.combining(g.ch) else run_max)
    order = sorted(range(len(group)), key=keys.__getitem__)
    return [group[k] for k in order]


def split_columns(line: list[Glyph]) -> list[list[Glyph]]:
    """A line cut where a wide gap parts text the stream wrote apart, with other lines in
    between (a two-column block written column by column: `Nơi nhận:` and `TM. ỦY BAN`)."""
    pieces: list[list[Glyph]] = []
    start, last = 0, None
    for k, g in enumerate(line):
        if g.ch.isspace():
            continue
        if (
            last is not None
            and g.left - last.right > COLUMN_GAP * max(g.size, last.size)
            and _written_apart(line[start:k], line[k:])
        ):
            pieces.append(line[start:k])
            start = k
        last = g
    pieces.append(line[start:])
    return pieces


def _written_apart(left: list[Glyph], right: list[Glyph]) -> bool:
    """The stream wrote other lines' glyphs between the two parts of the line."""
    lo_left, hi_left = min(g.n for g in left), max(g.n for g in left)
    lo_right, hi_right = min(g.n for g in right), max(g.n for g in right)
    if hi_left < lo_right:
        start, end = hi_left, lo_right
    elif hi_right < lo_left:
        start, end = hi_right, lo_left
    else:
        return False
    own = sum(1 for g in left + right if start < g.n < end)
    return own < end - start - 1


# ------------------------------------------------------------------ down the page


def order_pieces(pieces: list[list[Glyph]]) -> list[list[Glyph]]:
    """Pieces down the page, top to bottom and left to right, except where the page leaves
    the order open: after a piece whose next piece down the page lies beside it, not under it
    (a column of a signature block, a cell of a table without rules), the stream's next piece
    comes first if it lies under this one and nothing above it across is left to read."""
    n = len(pieces)
    boxes = [_box(p) for p in pieces]
    down = sorted(range(n), key=lambda k: (boxes[k].turn, -boxes[k].base, boxes[k].x0))
    in_stream = sorted(range(n), key=lambda k: boxes[k].first)
    stream_next = [-1] * n
    for a, b in zip(in_stream, in_stream[1:]):
        stream_next[a] = b
    done = [False] * n
    out: list[list[Glyph]] = []
    at, current = 0, -1
    for _ in range(n):
        while done[down[at]]:
            at += 1
        k = down[at]
        if current >= 0 and not _across(boxes[current], boxes[k]):
            follow = stream_next[current]
            if follow >= 0 and not done[follow] and _above(boxes[current], boxes[follow]):
                if all(done[a] for a in range(n) if _above(boxes[a], boxes[follow])):
                    k = follow
        done[k] = True
        out.append(pieces[k])
        current = k
    return out


@dataclass(slots=True)
class _Box:
    first: int  # the piece's first glyph in the stream
    turn: int
    base: float
    x0: float
    x1: float


def _box(piece: list[Glyph]) -> _Box:
    middle = piece[len(piece) // 2]  # on the line's baseline (a mark is at an end)
    return _Box(min(g.n for g in piece), middle.turn, middle.base, piece[0].left, piece[-1].right)


def _across(a: _Box, b: _Box) -> bool:
    """The two pieces share some width of the page."""
    return a.turn == b.turn and min(a.x1, b.x1) > max(a.x0, b.x0)


def _above(a: _Box, b: _Box) -> bool:
    """Piece a is set above piece b and shares width with it: a is read first."""
    return a.base > b.base and _across(a, b)
