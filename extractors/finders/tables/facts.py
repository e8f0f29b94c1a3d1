"""Facts made from table cells, with their provenance (block, row, column, page, the row as
evidence) and the relations the table states: a data row's figure is part of the total
row's figure in its column; the two sides of an `a/b` cell are a pair."""

from __future__ import annotations

import catalog
from extractors.finders.cues import Catalog, narrower_metrics
from extractors.finders.tables.cells import CellNumber, header_scale
from extractors.finders.tables.columns import Column
from extractors.finders.tables.model import Table
from extractors.finders.tables.rows import Row
from model import Fact
from normalizers.periods import bare_period, period_contains, period_months


def cell_fact(
    table: Table,
    row: Row,
    col: Column,
    number: CellNumber,
    metric: str,
    catalog: Catalog,
    scope: str | None = None,
    period: str | None = None,
) -> Fact:
    value, decimals = number.value, number.decimals
    scale = header_scale(col.label) if catalog.kind_of(metric) == "count" else 1
    if value is not None and scale != 1:
        value, decimals = round(value * scale, 6), 0  # `Hồ sơ (ngàn HS) | 7,7` is 7.700
    label = col.label
    evidence = table.evidence(row)
    return Fact(
        metric=metric,
        value=value,
        unit=catalog.unit_of(metric),
        scope=scope,
        period=period,
        evidence=f"{label}: {number.raw} | {evidence}" if label else evidence,
        page=table.page_of(row),
        block_index=table.block.index,
        start=table.block.start,
        end=table.block.end,
        raw=number.raw,
        source="table",
        row=row.index,
        col=col.index,
        group=f"t{table.block.index}r{row.index}",
        decimals=decimals,
    )


def link_pair(first: Fact, second: Fact, part_of_whole: bool) -> None:
    """`27/31`: the sides of one cell; the first is part of the second when they count the
    same things (resolved of received), not when they count different ones (visits/persons)."""
    first.link("pair", second, "part" if part_of_whole else None)
    second.link("pair", first, "whole" if part_of_whole else None)


def link_rows_to_totals(facts: list[Fact], table: Table, unit_groups: bool = False) -> None:
    """Each total row's figure is the whole of the same column's figures in the rows it
    totals: the top-level data rows, or the subtotals when the table has them (a subtotal
    is the whole of its own group's rows)."""
    by_cell: dict[tuple[int, int | None, str], Fact] = {}
    by_period = any(r.kind == "data" and bare_period(r.label, 2000) for r in table.rows)
    stocks = set(catalog.toml("relations.toml")["stocks"]["metrics"]) if by_period else set()
    facts = [f for f in facts if f.unit != "%" and f.source == "table" and f.metric not in stocks]
    for f in facts:
        if f.row is not None:
            by_cell.setdefault((f.row, f.col, f.metric), f)
    totals = [r for r in table.rows if r.kind == "total"]
    subtotals = [r for r in table.rows if r.kind == "subtotal"]
    for total in totals:
        parts = _blocks_of_the_total(table.rows) if subtotals else None
        _link_parts(total, parts or _top_level_rows(table.rows), by_cell, facts)
    for sub in subtotals:
        group = [r for r in _rows_before(table.rows, sub) if r.kind == "data" and r.level == 2]
        _link_parts(sub, group, by_cell, facts)
    if unit_groups:
        # a per-unit table's group row over its units (`II Các huyện, thành phố | 702/801`
        # above `1 Thành phố Cao Bằng`, ...) is their subtotal
        for parent in table.rows:
            children = [r for r in table.rows if r.kind == "data" and r.parent is parent]
            if parent.kind == "data" and children:
                _link_parts(parent, children, by_cell, facts)


def _blocks_of_the_total(rows: list[Row]) -> list[Row]:
    """The parts of a total under subtotals: the rows of each block (`I Cấp tỉnh` over one
    row, the units of `II Khối sở, ban, ngành`), or its subtotal where it lists none, and the
    group rows that state their figures themselves. A wrong subtotal (`Cộng khối ...`) is its
    block's error alone, not the total's too."""
    parts: list[Row] = _groups_of_their_own(rows)
    block: list[Row] = []
    for r in rows:
        if r.kind in ("group", "subtotal", "total"):
            listed = _top_level_rows(block)
            parts += listed or ([r] if r.kind == "subtotal" else [])
            block = []
        elif r.kind == "data":
            block.append(r)
    return parts + _top_level_rows(block)


def _groups_of_their_own(rows: list[Row]) -> list[Row]:
    """Group rows that state their figures themselves, with no rows under them (`I Thanh tra
    tỉnh | 05` beside `II ...` rows closed by `Cộng II`): parts of the total with the subtotals."""
    return [
        r
        for r in rows
        if r.kind in ("group", "data")
        and r.parent is None
        and r.number is not None
        and not r.number.isdigit()
        and not any(x.parent is r for x in rows)
    ]


def _top_level_rows(rows: list[Row]) -> list[Row]:
    return [
        r for r in rows if r.kind == "data" and not any(a.kind == "data" for a in r.ancestors())
    ]


def _rows_before(rows: list[Row], sub: Row) -> list[Row]:
    """The rows between the previous subtotal (or the start) and this subtotal."""
    out: list[Row] = []
    for r in rows:
        if r is sub:
            return out
        if r.kind in ("subtotal", "total", "group"):
            out = []  # (a group header opens the block its subtotal closes)
        else:
            out.append(r)
    return out


def _link_parts(whole_row: Row, part_rows: list[Row], by_cell, facts: list[Fact]) -> None:
    for f in facts:
        if f.row != whole_row.index:
            continue
        for row in part_rows:
            part = by_cell.get((row.index, f.col, f.metric)) or _narrower(by_cell, row, f)
            if part is not None:
                part.link("part_of", f, complete=True)


def _narrower(by_cell, row: Row, whole: Fact) -> Fact | None:
    """The cell of a row that names a narrower form of the column's figure (`Chủ tịch UBND
    huyện tiếp định kỳ | 14` under `Số lượt`: the leaders' visits), a part of its total all the
    same."""
    for metric in narrower_metrics(whole.metric):
        part = by_cell.get((row.index, whole.col, metric))
        if part is not None:
            return part
    return None


def link_periods_to_running_totals(facts: list[Fact], doc_period: str | None) -> None:
    """A row's (or a column's) figures of sub-periods that together make up the period of
    another of its figures (`Quý I | Quý II | Quý III | Lũy kế 9 tháng`) are its parts,
    complete: the months or quarters add up to the running total. Stocks (carried over,
    pending) add up to nothing."""
    stocks = set(catalog.toml("relations.toml")["stocks"]["metrics"])
    rows: dict[tuple, list[Fact]] = {}
    for f in facts:
        if (
            f.source == "table"
            and f.row is not None
            and f.value is not None
            and f.unit != "%"
            and f.qualifier == "exact"
            and f.metric not in stocks
            and (f.period or doc_period)
        ):
            rows.setdefault((f.block_index, f"r{f.row}", f.metric, f.scope), []).append(f)
            # (and down a column: rows `Tháng 7/2023`, `Tháng 8/2023`, `Tháng 9/2023`, `Quý III`)
            rows.setdefault((f.block_index, f"c{f.col}", f.metric, f.scope), []).append(f)
    for (block, line, *_), cells in rows.items():
        period = {id(f): f.period or doc_period or "" for f in cells}
        for total in cells:
            span = period[id(total)]
            parts = [f for f in cells if period_contains(span, period[id(f)])]
            if len(parts) > 1 and _tile(span, [period[id(f)] for f in parts]):
                for part in parts:
                    part.link("part_of", total, f"periods t{block}{line}", complete=True)


def _tile(span: str, periods: list[str]) -> bool:
    """The periods lie side by side inside the span and fill it."""
    if len(set(periods)) != len(periods):
        return False
    if any(period_contains(a, b) for a in periods for b in periods):
        return False
    return sum(period_months(p) for p in periods) == period_months(span)
