"""Indicator tables: the rows name the metrics (`STT | Chỉ tiêu | Đơn vị tính | Số liệu`).

Each row's label, read with its parent rows and the caption as context, is classified
through the catalog; its unit comes from the unit column, the label or the cell. A row
without a metric of its own (or with only a split id, `petitions.by_topic`) under a row that
has one is a split of it (`- Đất đai | 20`
under `Số vụ việc hòa giải`): a fact of the parent's metric scoped to the row. A value
column that stands for a unit (`Cấp huyện`) scopes its figures; one of a sub-period dates
them. The note column is read as prose about its row. The row-number column never gives a
figure.
"""

from __future__ import annotations

from functools import cache

import catalog as catalog_files
from catalog import family, has_carried_over, splits_of
from extractors.finders.cues import Catalog, any_cue, classify_metric, load_catalog
from extractors.finders.tables.column_families import an_outcome_column
from extractors.finders.tables.column_names import start_half
from extractors.finders.tables.columns import Column, is_bare_rate
from extractors.finders.tables.matrix import cell_facts
from extractors.finders.tables.model import Table
from extractors.finders.tables.row_links import link_sub_rows, metric_parent
from extractors.finders.tables.rows import (
    DATA,
    GROUP,
    SUBTOTAL,
    TOTAL,
    Row,
    names_a_unit,
    scope_of_label,
    total_of,
)
from extractors.finders.tables.units import canonical_unit, split_units, unit_of_label
from extractors.finders.tables.vocabulary import words
from model import DocMeta, Fact
from normalizers.text import fold


def row_metrics(table: Table) -> dict[int, tuple[str, str | None]]:
    """(metric, scope) of each row that names one, the scope set for splits of a parent."""
    out: dict[int, tuple[str, str | None]] = {}
    for row in table.rows:
        if row.kind not in (DATA, GROUP, TOTAL, SUBTOTAL) or not row.label and row.kind != TOTAL:
            continue
        unit = _row_unit(table, row)
        metric = _own_metric(table, row, unit)
        parent = metric_parent(row, out)
        parent_metric = out[parent.index][0] if parent is not None else None
        if metric is None and parent_metric and row.label and row.kind == DATA:
            metric = _read_in_its_parents_domain(row.label, unit, parent_metric)
        aside = _aside_of(parent_metric, metric) if row.kind == DATA else None
        if aside is not None and not _stated_below(table, row, aside):
            # `5 Hồ sơ đang giải quyết | 5.2 Quá hạn`: the overdue of those still open
            out[row.index] = (aside, _scope_of(row) if aside == parent_metric else None)
            continue
        if metric and not (
            parent_metric
            and row.kind == DATA
            and (
                metric in splits_of(parent_metric)
                or metric == parent_metric
                and parent is not None
                and parent.kind == DATA
            )
        ):
            out[row.index] = (metric, None)
            continue
        if (
            parent is not None
            and row.kind == DATA
            and (_unit_fits(unit, out[parent.index][0]) or unit == _row_unit(table, parent))
        ):  # (in its metric's unit, or in the one its parent row counts it in: `cuộc`)
            out[row.index] = (out[parent.index][0], _scope_of(row))
    _restatements_beside_other_metrics(table, out)
    return out


def _restatements_beside_other_metrics(
    table: Table, out: dict[int, tuple[str, str | None]]
) -> None:
    """A sub-row that names its parent's metric again splits it (`5 Mô hình | 47`, `5.1 Tập
    thể | 28`, `5.2 Cá nhân | 17`) only among splits: beside siblings of metrics of their own
    (`2.1 Tiếp thường xuyên`, `2.2 Lãnh đạo tiếp`, `2.3 UBND các xã tiếp`) it is one more part
    of its own words, unscoped as they are."""
    for row in table.rows:
        if row.parent is None or row.index not in out or out[row.index][1] is None:
            continue
        metric = out[row.index][0]
        siblings = [r for r in table.rows if r.parent is row.parent and r.index in out]
        if any(out[r.index][0] != metric for r in siblings) and _restates(table, row, metric):
            out[row.index] = (metric, None)


def _restates(table: Table, row: Row, metric: str) -> bool:
    """The row's own words (with its parent's) name the metric: not a bare split label."""
    return _own_metric(table, row, _row_unit(table, row)) == metric


def _stated_below(table: Table, row: Row, metric: str) -> bool:
    """A sub-row of the row states the metric (`6 Khiếu nại thuộc thẩm quyền` / `6.1 Đã giải
    quyết`): the row counts what its own words say, not the aside its parent would make of it."""
    return any(
        r.parent is row and _own_metric(table, r, _row_unit(table, r)) == metric for r in table.rows
    )


def _aside_of(parent_metric: str | None, metric: str | None) -> str | None:
    """The metric a sub-row of the parent's means by the catalog's asides (structure.toml
    [aside_of]): `Quá hạn` under the pending dossiers counts pending ones."""
    if parent_metric is None or metric is None:
        return None
    return (
        catalog_files.toml("structure.toml").get("aside_of", {}).get(parent_metric, {}).get(metric)
    )


def _unit_fits(unit: str | None, metric: str) -> bool:
    """A row counts in its parent's unit (or states none): `Hồ sơ` rows under a group whose
    label reads as a count of ratings split nothing of it."""
    wanted = catalog_files.metric_labels().get(metric)
    if unit is None or wanted is None:
        return True
    counts = catalog_files.figure_units().counts
    first = split_units(unit)[0] or ""
    return counts(first) == counts(wanted.unit) or first == wanted.unit


def _sum_total_of(metrics: set[str], named: str | None = None) -> str | None:
    """The one catalog sum total (relations.toml [[sum]]) that all these metrics are parts of;
    of several (the kinds make up the received, the eligible, those in jurisdiction), the one
    the column's header names (`Số đơn thuộc thẩm quyền`)."""
    totals = [catalog_files.sum_totals_of(m) for m in metrics]
    shared = frozenset.intersection(*totals) if len(totals) > 1 else frozenset()
    if len(shared) > 1 and named in shared:
        return named
    return next(iter(shared)) if len(shared) == 1 else None


def _own_metric(table: Table, row: Row, unit: str | None) -> str | None:
    """The row's metric from its own label, with its parents' labels before it when that
    names something narrower (`Đơn khiếu nại` / `- Đã giải quyết`: complaints resolved),
    else with the caption as context."""
    units = split_units(unit)
    first = units[0]
    label = row.label if row.kind != TOTAL else ""
    own = classify_metric(label, first) if label else None
    if own is None and label and len(units) > 1 and units[1]:
        # `Vụ việc thuộc thẩm quyền | vụ/đơn | 27/31`: one count in two units, the second of
        # which names its domain
        named = classify_metric(label, units[1])
        first = units[1] if named is not None else first
        own = named
    for parent in row.ancestors()[:2]:
        inherited = classify_metric(f"{parent.label} {label}", first)
        if inherited and (
            own is None or row.sub and inherited != classify_metric(parent.label, first)
        ):
            return inherited
    if own:
        return own
    return classify_metric(label, first, table.caption) if label else None


def _read_in_its_parents_domain(label: str, unit: str | None, parent_metric: str) -> str | None:
    """`3 Vụ việc thuộc thẩm quyền` / `3.2 Tỷ lệ giải quyết | %`: a sub-row whose words need
    a domain (petitions, not mediation) is read with the catalog's label of its parent's
    metric as context; a bare rate (`- Tỷ lệ | %` under `Đã giải quyết`) is that count's rate."""
    rule = load_catalog().rule_for(parent_metric)
    if is_bare_rate(label) and split_units(unit)[0] == "%" and rule is not None and rule.rate:
        return rule.rate
    return classify_metric(label, split_units(unit)[0], catalog_files.label(parent_metric))


def _scope_of(row: Row) -> str | None:
    return scope_of_label(row.label)


def _row_unit(table: Table, row: Row) -> str | None:
    unit_col = table.unit_column
    if unit_col is not None and row.cells[unit_col.index]:
        return (
            canonical_unit(row.cells[unit_col.index])
            if "/" not in row.cells[unit_col.index]
            else row.cells[unit_col.index].lower()
        )
    own = canonical_unit(unit_of_label(row.label)) if row.label else None
    parent = row.parent
    if own is None and parent is not None and parent.kind == DATA and not _names_a_rate(row):
        return _row_unit(table, parent)  # `3 Hồ sơ đã giải quyết` / `3.1 Trước hạn, đúng hạn`
    return own


def _names_a_rate(row: Row) -> bool:
    return any_cue(fold(row.label), tuple(fold(w) for w in words("unit_labels", "rate_words")))


def indicator_facts(
    table: Table, metrics: dict[int, tuple[str, str | None]], meta: DocMeta, catalog: Catalog
) -> list[Fact]:
    facts: list[Fact] = []
    for row in table.rows:
        if row.index not in metrics:
            if row.kind == TOTAL:
                facts += _total_row_of_parts(table, row, facts, meta, catalog)
            continue
        metric, scope = metrics[row.index]
        unit = _row_unit(table, row)
        for col in table.values:
            cell = row.cells[col.index]
            col_scope, period = _column_place(col, meta)
            cell_metric = _cell_metric(metric, row, col, catalog, unit)
            if cell_metric is None:
                continue
            made = cell_facts(
                table,
                row,
                col,
                cell,
                cell_metric,
                catalog,
                scope or col_scope,
                period,
                unit=unit,
                namer=_namer(row),
            )
            facts += made
    _facets_by_row_label(facts, table, metrics)
    link_sub_rows(facts, table, metrics)
    return facts


def _total_row_of_parts(
    table: Table, row: Row, above: list[Fact], meta: DocMeta, catalog: Catalog
) -> list[Fact]:
    """A total row under rows of the parts of one catalog sum (`Tiếp thường xuyên | 120`,
    `Chủ tịch UBND huyện tiếp định kỳ | 12`, `Tổng cộng | 132`) states that sum's total, column
    by column (all visits, all persons)."""
    out: list[Fact] = []
    for col in table.values:
        metric = _sum_total_of(
            {f.metric for f in above if f.col == col.index and f.scope is None},
            classify_metric(col.label, canonical_unit(unit_of_label(col.label))),
        )
        if metric is not None:
            _, period = _column_place(col, meta)
            cell = row.cells[col.index]
            out += cell_facts(table, row, col, cell, metric, catalog, None, period)
    return out


def _facets_by_row_label(
    facts: list[Fact], table: Table, metrics: dict[int, tuple[str, str | None]]
) -> None:
    """Sibling rows that share a metric and no scope keep apart by their own label (`3.1 Trước
    hạn`, `3.2 Đúng hạn`: both on time), as facets of one count; the kinds of the received
    and, further down, of those in jurisdiction are no facets of one another."""
    parents = {r.index: r.parent.index if r.parent else None for r in table.rows}
    rows: dict[tuple[str, str | None], list[int]] = {}
    for index, (metric, scope) in metrics.items():
        rows.setdefault((metric, scope), []).append(index)
    labels = {r.index: r.label for r in table.rows}
    for f in facts:
        same = rows.get((f.metric, f.scope), [])
        siblings = [r for r in same if parents.get(r) == parents.get(f.row or -1)]
        if f.detail is None and f.row is not None and len(siblings) > 1:
            f.detail = " ".join(labels.get(f.row, "").split())[:60] or None


def _cell_metric(
    metric: str, row: Row, col: Column, catalog: Catalog, row_unit: str | None = None
) -> str | None:
    """A value column that states a unit of its own (`Mức độ 3 | TTHC`, `Mức độ 3 | %`) names,
    with the row, what its cells count; a rate row gives no count and a count row no rate. A
    column naming no unit is read in the row's (`Tiếp công dân | lượt/người | Tháng 12`)."""
    if an_outcome_column(col, family(metric)):
        return None  # `Khiếu nại | ... | Kết quả giải quyết: Đúng | Sai`
    if col.path and any_cue(fold(col.leaf), words("roles", "rank")):
        ranked = f"{metric}.rank"  # `Xếp hạng năm 2022`: the row's rank, not its score
        return ranked if catalog.kind_of(ranked) else None
    col_unit = canonical_unit(unit_of_label(col.leaf)) if col.path else None
    kind = catalog.kind_of(metric)
    if col_unit is not None and (col_unit == "%") != (kind == "rate"):
        rule = catalog.rule_for(metric)
        if col_unit == "%" and rule is not None and rule.rate and is_bare_rate(col.leaf):
            return rule.rate  # `Số lượng | Tỷ lệ (%)` on a count's row: that count's rate
        named = classify_metric(f"{_namer(row)} {col.label}", col_unit)
        if named is None:
            return None
        metric = named
    elif col.path and start_half(col) and not has_carried_over(metric):
        return None  # `Số cuộc thanh tra | Triển khai trong kỳ`: no figure of the dictionary
    elif col.path and not _generic(col):
        # `Đơn tiếp nhận | Tổng số đơn | Đơn khiếu nại | Đơn tố cáo`: a column naming a kind
        unit = col_unit or (split_units(row_unit)[0] if row_unit else None)
        metric = classify_metric(f"{_namer(row)} {col.label}", unit) or metric
    if metric is None or _ruled_out(metric, col.label, catalog):
        return None
    return metric


def _generic(col: Column) -> bool:
    """A value column whose header names no figure of its own (`Số liệu`, `Kết quả`, a period)."""
    leaf = fold(col.leaf).strip(" .:")
    if names_a_unit(col.leaf):
        return True  # `Cấp huyện`, `Huyện Tam Nông`: a column of a unit names no figure
    generic = _generic_values()
    if leaf in generic or col.period is not None:
        return True
    # `Kết quả kỳ này`: a generic head and the report's own period
    return any(leaf.startswith(w + " ") and leaf[len(w) + 1 :] in generic for w in generic)


@cache
def _generic_values() -> frozenset[str]:
    return frozenset(fold(w) for w in words("roles", "generic_value"))


def _ruled_out(metric: str, column_label: str, catalog: Catalog) -> bool:
    """A column header that a rule of the metric excludes narrows the cell away
    (`Tỷ lệ TTHC trực tuyến` over `Mức độ 1`: level 1 is no online service)."""
    folded = fold(column_label)
    return any(
        r.without and any_cue(folded, r.without) for r in catalog.rules if r.metric == metric
    )


def _namer(row: Row) -> str:
    parents = " ".join(p.label for p in reversed(row.ancestors()[:1]))
    return f"{parents} {row.label}".strip()


def _column_place(col: Column, meta: DocMeta) -> tuple[str | None, str | None]:
    """A value column that stands for a unit (`Cấp huyện`, `Huyện A`) scopes its figures; one
    of a sub-period dates them; a generic one (`Số liệu`, `Kết quả`, `Tổng`) does neither."""
    period = col.period if col.period and col.period != meta.period else None
    leaf = fold(col.leaf).strip(" .:")
    generic = {fold(w) for w in words("roles", "generic_value")}
    if not col.path or leaf in generic:
        return None, period
    if names_a_unit(col.leaf) and total_of(col.leaf) is None:
        # (`9 tháng năm 2023 | Cấp huyện`: a unit of the period its group header names)
        return scope_of_label(col.leaf), period
    return None, period


def note_sentences(table: Table) -> list[tuple[Row, str]]:
    """The note column's prose, each with the row it comments: `Định kỳ 12, đột xuất 03`."""
    note = table.note_column
    if note is None:
        return []
    return [(r, r.cells[note.index]) for r in table.rows if r.cells[note.index]]
