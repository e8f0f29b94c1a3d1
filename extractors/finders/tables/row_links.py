"""The links of an indicator table's sub-rows to the rows they break down: splits of their
parent's figure, the catalog's parts of it, and the carried over among the received."""

from __future__ import annotations

from catalog import sum_part_of
from extractors.finders.tables.model import Table
from extractors.finders.tables.rows import Row
from model import Fact


def metric_parent(row: Row, known: dict[int, tuple[str, str | None]]) -> Row | None:
    """The nearest ancestor with an unscoped metric of its own."""
    for parent in row.ancestors():
        if parent.index in known and known[parent.index][1] is None:
            return parent
    return None


def link_sub_rows(
    facts: list[Fact], table: Table, metrics: dict[int, tuple[str, str | None]]
) -> None:
    """A split row's figure (`5.1 Tập thể | 28` under `5 Mô hình | 47`) is part of its
    parent's figure in the same column; no claim of the whole (the scopes may make one,
    links.levels)."""
    rows = {r.index: r for r in table.rows}
    by_cell = {(f.row, f.col, f.metric): f for f in facts if f.scope is None}
    for f in facts:
        row = rows.get(f.row) if f.row is not None else None
        if row is None or metrics.get(row.index, (None, None))[1] is None or f.scope is None:
            continue
        parent = metric_parent(row, metrics)
        if parent is None:
            continue
        whole = by_cell.get((parent.index, f.col, f.metric))
        if whole is not None and whole.period == f.period:
            f.link("part_of", whole, f"rows t{f.block_index}r{parent.index}", complete=False)
    _carried_under_the_received(facts, table)
    _parts_under_their_row(facts, table)


def _parts_under_their_row(facts: list[Fact], table: Table) -> None:
    """`1 Tổng số đơn tiếp nhận | 1.064`, `Trong đó: - Khiếu nại | 212 ...`: sub-rows of the
    catalog's parts of their row's figure break that figure down, no other row's (`2 Đơn đủ
    điều kiện xử lý` right under them); the catalog's sum makes the claim of the whole."""
    rows = {r.index: r for r in table.rows}
    cells = {(f.row, f.col): f for f in facts if f.scope is None}
    for f in facts:
        row = rows.get(f.row) if f.row is not None else None
        if row is None or row.parent is None or f.scope is not None:
            continue
        whole = cells.get((row.parent.index, f.col))
        if whole is not None and whole.period == f.period and sum_part_of(f.metric, whole.metric):
            f.link("part_of", whole, f"items t{f.block_index}r{row.parent.index}", complete=False)


def _carried_under_the_received(facts: list[Fact], table: Table) -> None:
    """`2 Tổng số đơn tiếp nhận | 168`, `2.1 Đơn kỳ trước chuyển sang | 07`: the carried over in
    a sub-row are among those received (a part, no claim of the whole), as the prose's
    `tiếp nhận 57 đơn (kỳ trước chuyển sang 04 đơn)` says it."""
    rows = {r.index: r for r in table.rows}
    cells = {(f.row, f.col): f for f in facts if f.scope is None}
    for f in facts:
        row = rows.get(f.row) if f.row is not None else None
        if row is None or row.parent is None or not f.metric.endswith(".carried_over"):
            continue
        whole = cells.get((row.parent.index, f.col))
        received = f.metric.removesuffix(".carried_over") + ".received"
        if whole is not None and whole.metric == received and whole.period == f.period:
            f.link("part_of", whole, "aside", complete=False)
