"""Ruling lines of a scanned page and the table grids they make (pixel geometry only).

Ruling lines are long straight runs of dark pixels; a vertical run counts only where it meets
two horizontal lines (text strokes never do). Lines that cross one another make a grid, and
neighbouring grid positions with no ruling between them are one merged cell.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        still: list[list[float]] = []
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
        for i, h in enumerate(h_segs):
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                parent[find(n_h + j)] = find(i)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(h_segs):
        groups.setdefault(find(i), ([], []))[0].append(h)
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
