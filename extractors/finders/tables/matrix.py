"""Per-unit and per-period tables: the columns name the metrics, each row is a unit (district,
commune, agency), a sub-period (`Tháng 7`, `Quý III`) or the total.

Every value column is mapped to a metric by its whole header path; a column whose path maps
to no metric gives nothing. A data row's figure is scoped to its unit (or dated to its
sub-period); the total row's figure is the unscoped fact; a subtotal is scoped to its group.
"""

from __future__ import annotations

from functools import cache

import regex

from catalog import family
from catalog import toml as catalog_file
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue, classify_metric, load_catalog
from extractors.finders.tables.cells import cell_numbers
from extractors.finders.tables.column_families import (
    a_rate_column,
    columns_of_the_tables_family,
    lends_its_words,
    parts_of_an_unstated_whole,
    resolved_with_base_and_rate,
    total_column_metric,
    under_a_total,
)
from extractors.finders.tables.column_names import (
    caption_names_the_rest,
    column_unit,
    figures_fit_their_cells,
    generic_under_caption,
    leaders_named_by_the_caption,
    leaders_only_where_named,
    new_part_of_another,
    new_part_of_its_group,
    path_metric,
    split_labels,
    splits_count_their_whole,
    totals_named_by_the_caption,
    unit_from_another_group,
    units_named_after_the_caption,
    whole_counts_its_splits,
)
from extractors.finders.tables.columns import Column
from extractors.finders.tables.facts import cell_fact, link_pair
from extractors.finders.tables.model import Table
from extractors.finders.tables.pair_sides import sides_named
from extractors.finders.tables.row_subjects import (
    caption_level,
    levels_named,
    looks_like_units,
    the_documents_own,
    total_of_levels,
    unit_measures_of_province_indexes,
)
from extractors.finders.tables.rows import (
    DATA,
    SUBTOTAL,
    TOTAL,
    Row,
    names_a_unit,
    scope_of_label,
    total_of,
)
from extractors.finders.tables.totals import drop_totals_to_resolve
from extractors.finders.tables.units import (
    canonical_unit,
    counted_unit,
    split_units,
    stated_table_unit,
    unit_of_label,
)
from extractors.finders.tables.vocabulary import words
from model import DocMeta, Fact
from normalizers.periods import bare_period, period_year
from normalizers.text import fold

ROW_ASIDE = compiled(r"\([^()]*\)")


def column_metrics(table: Table) -> dict[int, str]:
    """The metric of each value column, from its header path (the caption and the other
    headers only where the column's own path is silent)."""
    context = " ".join([table.caption] + [c.label for c in table.columns])
    default_unit = stated_table_unit(table.caption) or counted_unit(context)
    out: dict[int, str] = {}
    previous: Column | None = None
    previous_unit: str | None = None
    label_col = table.label_column
    for col in table.values:
        unit = column_unit(col) or default_unit or previous_unit
        if under_a_total(col):
            metric = total_column_metric(col, table, out) or classify_metric(
                col.leaf, unit, table.caption
            )
            if metric:
                out[col.index] = metric
            previous, previous_unit = col, _carried_unit(unit)
            continue
        metric = path_metric(col, unit, context, table)
        if metric is None and unit_from_another_group(col, previous, unit, default_unit):
            # (`Đơn thư | Đã giải quyết` lends no unit to `Hòa giải ở cơ sở | Thụ lý`: its group
            # header names its own family, read in that family's words)
            named = path_metric(col, None, context, table)
            own = classify_metric(col.path[0], None)
            if named and own and family(named) == family(own):
                metric, unit = named, None
        metric = metric and new_part_of_its_group(col, metric, unit)
        if metric is not None and new_part_of_another(col, metric, unit):
            previous, previous_unit = col, _carried_unit(unit)
            continue  # `Đơn thuộc thẩm quyền | Phát sinh trong kỳ`: no figure of the dictionary
        if metric is None and previous is not None and lends_its_words(previous, col, out, table):
            # (`Tỷ lệ đúng hạn (%) | Thư xin lỗi`: a rate lends a count column no words)
            metric = classify_metric(f"{previous.label} {col.label}", unit, context, table.themes)
        if metric is None and label_col is not None and label_col.path:
            # what the two headers say together; a bare split (`Lĩnh vực | Tổng số`: by topic)
            # under `Kết quả xây dựng mô hình "Dân vận khéo"` counts what the caption counts
            metric = classify_metric(f"{label_col.label} {col.label}", unit, context, table.themes)
            if metric in catalog_file("structure.toml")["item"]["split_metrics"]:
                metric = generic_under_caption(col, table, unit) or metric
        if metric:
            out[col.index] = metric
        previous, previous_unit = col, _carried_unit(unit)
    caption_names_the_rest(out, table, default_unit)
    units_named_after_the_caption(out, table, default_unit)
    leaders_named_by_the_caption(out, table)
    leaders_only_where_named(out, table)
    totals_named_by_the_caption(out, table)
    splits_count_their_whole(out, table)
    whole_counts_its_splits(out, table)
    figures_fit_their_cells(out, table)
    resolved_with_base_and_rate(out, table)
    columns_of_the_tables_family(out, table)
    _unnamed_rates(out, table, load_catalog())
    _drop_class_rates(out, table)
    drop_totals_to_resolve(out, table)
    unit_measures_of_province_indexes(out, table)
    return out


def _drop_class_rates(metrics: dict[int, str], table: Table) -> None:
    """A percentage column under one deadline class (`Trước hạn | %`, `Đúng hạn | %`) is that
    class's share only, not the early-or-on-time rate, when the table prints the classes apart."""
    early, on_time = words("deadline_classes", "early"), words("deadline_classes", "on_time")
    parents = {c.index: fold(" ".join(c.path[:-1])) for c in table.values}
    has = lambda cues: any(any_cue(p, cues) for p in parents.values())  # noqa: E731
    if not (has(early) and has(on_time)):
        return
    for c, parent in parents.items():
        one_class = any_cue(parent, early) != any_cue(parent, on_time)
        if one_class and metrics.get(c) == "dossiers.on_time_rate":
            del metrics[c]


def _unnamed_rates(metrics: dict[int, str], table: Table, catalog: Catalog) -> None:
    """A bare rate column (`Tỷ lệ (%)`) after the counts is the rate of the nearest count
    before it that has one (`Hòa giải thành | ... | Tỷ lệ`: the success rate)."""
    for col in table.values:
        if col.index in metrics or not a_rate_column(col):
            continue
        before = [k for k in table.values if k.index < col.index and k.index in metrics]
        for k in reversed(before):
            rule = next((r for r in catalog.rules if r.metric == metrics[k.index] and r.rate), None)
            if rule is not None and rule.rate:
                metrics[col.index] = rule.rate
                break


def matrix_facts(
    table: Table, metrics: dict[int, str], meta: DocMeta, catalog: Catalog
) -> list[Fact]:
    facts: list[Fact] = []
    year = period_year(meta.period or "")
    splits = split_labels(table, metrics)
    details = _details(table, {c: m for c, m in metrics.items() if c not in splits})
    own_levels = {c.index: levels_named(c.label) for c in table.values}
    caption = caption_level(table.caption)
    apart = parts_of_an_unstated_whole(table, metrics)
    for row in table.rows:
        if row.kind not in (DATA, TOTAL, SUBTOTAL):
            continue
        scope, period = _row_place(row, table, year, meta)
        for col in table.values:
            metric = metrics.get(col.index)
            if metric is None:
                continue
            refined = _refined_by_row(row, col, metric, catalog, table) if scope else metric
            row_scope = None if refined != metric else scope  # the row names a form, not a unit
            metric = refined
            cell = row.cells[col.index]
            made = cell_facts(
                table, row, col, cell, metric, catalog, row_scope, period or _col_period(col, meta)
            )
            if row.kind == TOTAL:
                total_of_levels(made, own_levels[col.index], caption)
            for f in made:
                f.detail = details.get(col.index)
                if col.index in apart:  # (a group of its own: parts of a whole not stated)
                    f.group = f"{f.group}:{apart[col.index]}"
                if col.index in splits:  # `Chia ra | Tập thể`: a scoped part of the whole column
                    f.scope, f.detail = (
                        ", ".join(filter(None, (row_scope, splits[col.index]))),
                        None,
                    )
            facts += made
    return facts


def cell_facts(
    table: Table,
    row: Row,
    col: Column,
    cell: str,
    metric: str,
    catalog: Catalog,
    scope: str | None,
    period: str | None,
    unit: str | None = None,
    namer: str | None = None,
) -> list[Fact]:
    """The facts of one value cell: one figure, or both sides of `a/b` (`54/61` under
    `lượt/người`: visits and persons; `27/31` under resolved: resolved and its whole)."""
    numbers = cell_numbers(cell, catalog.unit_of(metric) == "%")
    if not numbers or not _fits(metric, numbers[0], catalog):
        return []
    # (a row names its sides in its own words: `Tổng số lượt tiếp/số người` over `1.1 Tiếp
    # thường xuyên | 214/251` names the parent's, not this row's)
    label = (row.label if "/" in row.label else "") if namer else col.label
    named = unit or unit_of_label(label)
    sides = sides_named(label, named) if len(numbers) == 2 and label else None
    if sides is not None:
        # `Đơn tiếp nhận/đã giải quyết | 06/05`: each side of the cell is what its label names;
        # `(lượt hài lòng/lượt đánh giá)`: only the side that names a metric is a fact
        return [
            cell_fact(table, row, col, n, m, catalog, scope, period)
            for n, m in zip(numbers, sides, strict=True)
            if m is not None
        ]
    first = cell_fact(table, row, col, numbers[0], metric, catalog, scope, period)
    if len(numbers) == 1:
        return [first]
    other, same_kind = _second_metric(col, namer or col.label, metric, catalog, unit)
    if other is None:
        return [first]
    second = cell_fact(table, row, col, numbers[1], other, catalog, scope, period)
    link_pair(first, second, same_kind)
    return [first, second]


def _second_metric(
    col: Column, namer: str, metric: str, catalog: Catalog, unit: str | None
) -> tuple[str | None, bool]:
    """The metric of the whole of an `a/b` cell: what its second unit names (`lượt/người`),
    else the denominator the catalog gives the first metric."""
    units = split_units(unit or unit_of_label(col.label))
    if len(units) == 2 and units[1] and units[1] != units[0]:
        # (`Tổng số lượt tiếp công dân | lượt/người | 412/468`: the persons of those visits)
        return classify_metric(namer, units[1]) or catalog.persons_of(metric), False
    rule = catalog.rule_for(metric)
    return (rule.denominator if rule else None), True


def _row_place(row: Row, table: Table, year: int | None, meta: DocMeta):
    """(scope, period) of a row: its unit, its sub-period, its subtotal's group, or nothing."""
    if row.kind == TOTAL:
        return None, None
    if table.label_column is None:
        group = next((a for a in row.ancestors() if a.kind == "group"), None)
        if group is None or _names_the_whole(group.label):
            return None, None
        return _clean_scope(group.label), None
    if row.kind == SUBTOTAL:
        name = _subtotal_name(row)
        period = bare_period(name, year) if name else None  # `Cộng 9 tháng`: the 9 months'
        if period:
            return None, (period if period != meta.period else None)
        return name, None
    label = ROW_ASIDE.sub(" ", row.label).strip()  # `Quý III (đến 14/9)`
    period = bare_period(label, year) or bare_period(_without_running_word(label), year)
    if period:
        return None, (period if period != meta.period else None)
    if the_documents_own(row, table, meta.place):
        return None, None
    scope = _clean_scope(row.label)
    # `Huyện Trà Cú` / `Cấp huyện`: a level under a unit (not under a level) is that unit's
    units = [_clean_scope(a.label) for a in row.ancestors() if names_a_unit(a.label)]
    unit = next((u for u in units if u and not u.islower()), None)
    if unit is not None and scope is not None and scope.islower():
        return f"{unit}, {scope}", None
    return scope, None


@cache
def _running_words() -> tuple[str, ...]:
    """The folded words of a running total (number_roles.toml [periods] cumulative), longest
    first."""
    words = catalog_file("number_roles.toml")["periods"]["cumulative"]
    return tuple(sorted((fold(w) for w in words), key=len, reverse=True))


def _without_running_word(label: str) -> str:
    """`Lũy kế 9 tháng` → `9 tháng`: a running total's row is of the period it names."""
    stripped = label.strip()
    folded = fold(stripped)
    for w in _running_words():
        if folded.startswith(w + " "):
            return stripped[len(w) :].strip()
    return label


def _names_the_whole(label: str) -> bool:
    """A section heading over rows that names the report's own subject (`... của công dân`,
    `chung`), not a part of it (`... của cán bộ, công chức`)."""
    return any_cue(fold(label), words("rows", "whole_groups"))


def _subtotal_name(row: Row) -> str | None:
    return total_of(row.label) or None


def _clean_scope(label: str) -> str | None:
    return scope_of_label(label)


def _col_period(col: Column, meta: DocMeta) -> str | None:
    return col.period if col.period and col.period != meta.period else None


def _refined_by_row(row: Row, col: Column, metric: str, catalog: Catalog, table: Table) -> str:
    """`Chủ tịch UBND huyện tiếp định kỳ | Số lượt`: a row that names a form or channel narrows
    the column's generic metric (the row is then no unit of its own); an aside in the row's
    label only says who the unit is (`UBND huyện (Ban Tiếp công dân và lãnh đạo UBND huyện)`).
    The label column's header may say what the rows' bodies do (`Người tiếp | Chủ tịch UBND
    xã`: the chairman's reception)."""
    unit = canonical_unit(unit_of_label(col.leaf) or unit_of_label(col.label))
    label = ROW_ASIDE.sub(" ", row.label)
    refined = classify_metric(f"{label} {col.label}", unit)
    header = table.label_column.label if table.label_column is not None else ""
    if refined in (None, metric) and header:
        refined = classify_metric(f"{header} {label} {col.label}", unit) or refined
    rule = catalog.rule_for(refined) if refined else None
    if refined and refined != metric and rule is not None and rule.refines == metric:
        return metric if _joins_two_forms(label, col, unit) else refined
    return metric


def _joins_two_forms(label: str, col: Column, unit: str | None) -> bool:
    """`Ban Tiếp công dân và lãnh đạo UBND huyện`: the row joins two bodies that each narrow
    the column otherwise (regular and leaders' reception), so it is a unit of its own."""
    and_word = regex.escape(catalog_file("prose.toml")["words"]["and"])
    sides = regex.split(rf"\s+{and_word}\s+", label)
    if len(sides) != 2:
        return False
    named = {classify_metric(f"{side} {col.label}", unit) for side in sides}
    return None not in named and len(named) == 2


def _fits(metric: str, number, catalog: Catalog) -> bool:
    """A rate takes a percentage or a plain number, a count never a percentage."""
    kind = catalog.kind_of(metric)
    return not (number.percent and kind == "count")


def _details(table: Table, metrics: dict[int, str]) -> dict[int, str]:
    """Columns that share a metric keep apart by their own header (`Trước hạn`, `Đúng hạn`);
    the whole column of a split (`Tổng số` beside `Chia ra | Tập thể`) is the count itself."""
    by_metric: dict[str, list[int]] = {}
    for c, m in metrics.items():
        by_metric.setdefault(m, []).append(c)
    out: dict[int, str] = {}
    for cols in by_metric.values():
        if len(cols) > 1:
            for c in cols:
                out[c] = table.columns[c].leaf
    return out


__all__ = ["column_metrics", "matrix_facts", "looks_like_units", "link_pair"]


def _carried_unit(unit: str | None) -> str | None:
    """The unit a next column without one inherits: a count's (`Số đơn | Tỷ lệ (%) | Đang giải
    quyết`: the pending are counted, not a percentage)."""
    return None if unit == "%" else unit
