"""pdfplumber's table finder on explicit ruling edges, its cell search done in one pass.

The tables are pdfplumber's (pdfplumber.table.TableFinder: the same edge snapping and joining,
intersections, cells and grouping into tables); only `intersections_to_cells` is its own here.
pdfplumber's compares the sets of edges through two points anew for every pair it tries (and
evaluates typing annotations on each call): most of a ruled page's time. Here each point's edge
sets are made once, and the points below and right of a point are looked up by its column and
row instead of a scan over every later point. Same points in the same order, same cells.
"""

from __future__ import annotations

from collections import defaultdict

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils import obj_to_bbox

Point = tuple[float, float]
Cell = tuple[float, float, float, float]


class RuledTableFinder(TableFinder):
    """TableFinder(None, settings) for explicit edges (no page), with the cell search below."""

    def __init__(self, settings: dict) -> None:
        self.page = None  # type: ignore[assignment]  # explicit edges: no page is read
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges,
            self.settings.intersection_x_tolerance,
            self.settings.intersection_y_tolerance,
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict) -> list[Cell]:
    """pdfplumber.table.intersections_to_cells: for each point in sorted order, the smallest
    cell it is the top left corner of (the first point below it, then the first point right
    of it, that an edge connects it to and whose corner closes the box)."""
    v_sets = {p: {obj_to_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    h_sets = {p: {obj_to_bbox(e) for e in found["h"]} for p, found in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2]):
            return True
        return p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])

    points = sorted(intersections)
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for p in points:
        columns[p[0]].append(p)
        rows[p[1]].append(p)
    below_of = {p: col[k + 1 :] for col in columns.values() for k, p in enumerate(col)}
    right_of = {p: row[k + 1 :] for row in rows.values() for k, p in enumerate(row)}
    cells = []
    for pt in points:
        cell = _smallest_cell(pt, below_of[pt], right_of[pt], intersections, connects)
        if cell:
            cells.append(cell)
    return cells


def _smallest_cell(pt: Point, below: list, right: list, intersections, connects) -> Cell | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner not in intersections:
                continue
            if connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None
