"""A total column beside (or split into) the carried-over ones counts what is to be resolved
(structure of a table's columns, matrix.py; table_headers.toml [totals])."""

from __future__ import annotations

from extractors.finders.cues import narrower_metrics
from extractors.finders.tables.column_names import is_count_leaf, split_after
from extractors.finders.tables.columns import Column
from extractors.finders.tables.formulas import column_formulas
from extractors.finders.tables.model import Table
from extractors.finders.tables.vocabulary import words


def drop_totals_to_resolve(metrics: dict[int, str], table: Table) -> None:
    """`Số hồ sơ nhận giải quyết | Tổng số | ... | Từ kỳ trước`, `Tổng số hồ sơ tiếp nhận | Trong
    đó: Kỳ trước chuyển sang, Mới tiếp nhận`: the total beside (or split into) the carried over
    is what is to be resolved (the project's own id), not what was received."""
    excluded = set(words("totals", "not_with_carried_over"))
    carried = set(words("totals", "carried_over"))
    for c, metric in list(metrics.items()):
        col = table.columns[c]
        if metric not in excluded:
            continue
        if is_count_leaf(col.leaf) and len(col.path) > 1:
            # (its parent's other columns, those under a `Trong đó` split of it too)
            parent = col.path[:-1]
            siblings = [k for k in table.values if k.path[: len(parent)] == parent and k.index != c]
        elif len(col.path) == 1:
            siblings = split_after(col, table) or _carried_then_new(col, table, metrics)
        else:
            continue
        if any(metrics.get(k.index) in carried for k in siblings):
            metrics[c] = words("totals", "to_resolve")[0]
    # `Tổng số hồ sơ | (1)=(2)+(3)` over `Kỳ trước chuyển sang (2)` and `Tiếp nhận mới (3)`
    for formula in column_formulas(table):
        whole = metrics.get(formula.whole)
        terms = [metrics.get(col) for col, sign in formula.terms if sign > 0]
        if whole in excluded and any(t in carried for t in terms):
            metrics[formula.whole] = words("totals", "to_resolve")[0]


def _carried_then_new(col: Column, table: Table, metrics: dict[int, str]) -> list[Column]:
    """`Tổng số hồ sơ | Kỳ trước chuyển qua | Mới tiếp nhận`: the column right after the total
    and the later one of the total's own metric (or of one narrowing it: `Mới tiếp nhận |
    Trực tuyến`), its halves."""
    after = [k for k in table.values if k.index > col.index]
    own = metrics.get(col.index)
    halves = (own, *narrower_metrics(own)) if own else ()
    later = [k for k in after[1:] if metrics.get(k.index) in halves]
    return [after[0], later[0]] if after and later else []
