"""Columns read by what the other columns of their table count: a count between a bare total
and a bare rate (`Tổng số vụ | Đã giải quyết dứt điểm | Tỷ lệ (%)`) and its base and rate; the
columns of when the counted began (`Tiếp nhận mới`, `Năm 2022 chuyển sang`) in a table whose
columns mostly count one family, read in that family's units."""

from __future__ import annotations

from collections import Counter
from functools import cache

from catalog import family, figure_units, sum_part_of
from catalog import toml as catalog_file
from extractors.finders.cues import any_cue, classify_metric, load_catalog
from extractors.finders.prose.lists import is_outcome_label
from extractors.finders.tables.column_names import column_unit, start_half
from extractors.finders.tables.columns import Column, is_bare_rate, is_carried_over
from extractors.finders.tables.model import Table
from extractors.finders.tables.rows import total_of
from extractors.finders.tables.units import canonical_unit, unit_of_label
from extractors.finders.tables.vocabulary import words
from normalizers.text import fold


def resolved_with_base_and_rate(out: dict[int, str], table: Table) -> None:
    """`Tổng số vụ | Đã giải quyết dứt điểm | Đang giải quyết | Tỷ lệ (%)`: a count just after a
    bare total, with a bare rate just after it, is read in the total's unit; when its rule has
    a base (`denominator`) and a rate, the total is that base and the rate that rate, whatever
    the caption's words made of them."""
    rules = {r.metric: r for r in load_catalog().rules if r.denominator and r.rate}
    values = table.values
    context = " ".join([table.caption] + [c.label for c in table.columns])
    for k, col in enumerate(values[1:], start=1):
        rates = [c for c in values[k + 1 : k + 3] if is_bare_rate(c.label)]
        if not rates or not _bare_count(values[k - 1].label):
            continue
        unit = column_unit(col) or column_unit(values[k - 1])
        metric = classify_metric(col.label, unit, context, table.themes)
        rule = rules.get(metric or "")
        if rule is None or rule.denominator is None or rule.rate is None:
            continue
        out[col.index] = rule.metric
        out[values[k - 1].index] = rule.denominator
        out[rates[0].index] = rule.rate
        for between in values[k + 1 : values.index(rates[0])]:
            if family(out.get(between.index, rule.metric)) != family(rule.metric):
                del out[between.index]  # (`Đang giải quyết` of complex cases: no id of theirs)


def _bare_count(label: str) -> bool:
    """`Tổng số vụ`, `Số đơn`: a count head and a unit, nothing else."""
    folded = " ".join(fold(label).split())
    units, heads = _units_and_heads()
    head = next((h for h in heads if folded.startswith(h + " ")), None)
    return head is not None and folded[len(head) + 1 :] in units


@cache
def _units_and_heads() -> tuple[frozenset[str], tuple[str, ...]]:
    """The folded units and count heads (`tổng số`, `số`), longest head first."""
    units = frozenset(fold(u) for u in figure_units().units)
    heads = sorted((fold(w) for w in words("unit_labels", "count_heads")), key=len, reverse=True)
    return units, tuple(heads)


def columns_of_the_tables_family(out: dict[int, str], table: Table) -> None:
    """A table whose columns mostly count one family (`Kết quả | Thành, Không thành, Đang hòa
    giải`: mediation) reads its columns of when the counted began that state no unit in that
    family's units (`Tiếp nhận mới` counts cases, not petitions); an outcome column of such a
    table (`Rút yêu cầu`, `Đúng một phần`) counts nothing of ours, whatever its words name."""
    counts = Counter(family(m) for m in out.values())
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return
    own = ranked[0][0]
    context = " ".join([table.caption] + [c.label for c in table.columns])
    units = dict.fromkeys(
        u for r in load_catalog().rules if family(r.metric) == own for u in r.units
    )
    for col in table.values:
        metric = out.get(col.index)
        if metric is None:
            continue
        if an_outcome_column(col, own):
            del out[col.index]  # (`Đúng một phần` is no partly online service either)
            continue
        if family(metric) == own:
            continue
        if column_unit(col) is not None or not start_half(col, ending=True):
            continue
        found = (
            classify_metric(col.label, u, context, table.themes)
            for u in units
            if u not in ("%", "-")
        )
        better = next((m for m in found if m is not None and family(m) == own), None)
        better = better or _carried_of(own, col)
        if better is not None:
            out[col.index] = better
        else:
            del out[col.index]  # (`Năm 2022 chuyển sang` of mediation cases: no id of theirs)


def _carried_of(own: str, col: Column) -> str | None:
    """The family's carried-over id for a column of the ones carried over, if it has one."""
    metric = f"{own}.carried_over"
    if is_carried_over(fold(col.leaf)) and load_catalog().rule_for(metric) is not None:
        return metric
    return None


@cache
def _outcome_families() -> tuple[str, ...]:
    """The families whose cases or ratings have outcomes (structure.toml [outcome] metrics)."""
    prefixes = catalog_file("structure.toml")["outcome"]["metrics"]
    return tuple(p.rstrip(".") for p in prefixes)


def an_outcome_column(col: Column, family_counted: str) -> bool:
    """A column of an outcome of the cases or ratings (`Kết quả giải quyết | Đúng | Sai`, `Rút
    yêu cầu`, `Mức độ đánh giá | Rất hài lòng | Bình thường`) in a table counting petitions,
    mediation cases or ratings: no figure of the dictionary (labelling.md rule 7)."""
    return family_counted in _outcome_families() and bool(col.path) and is_outcome_label(col.leaf)


def a_rate_column(col: Column) -> bool:
    """A column whose own header names the percent (`Tỷ lệ (%)`)."""
    return canonical_unit(unit_of_label(col.leaf)) == "%"


def lends_its_words(previous: Column, col: Column, out: dict[int, str], table: Table) -> bool:
    """The column before lends a column that names nothing its words, unless it is a rate
    (`Tỷ lệ đúng hạn (%) | Thư xin lỗi`), the last leaf of another header group before a header
    of its own that names no unit, or the column is the rest of siblings that count
    different things (`Kết quả | Thành | Không thành | Khác`: other outcomes, none of theirs)."""
    if a_rate_column(previous):
        return False
    if len(previous.path) > 1 and len(col.path) == 1 and column_unit(col) != column_unit(previous):
        # (`Vụ việc hòa giải | Đang hòa giải` then `Ý kiến, kiến nghị cử tri`; `Hòa giải ở cơ sở |
        # Không thành` then `Số đơn gửi UBND phường`: a unit of its own)
        return False
    if len(col.path) < 2 or not any_cue(fold(col.leaf), _rest_words()):
        return True
    group = col.path[:-1]
    siblings = {
        out[c.index]
        for c in table.values
        if c.index < col.index and c.index in out and c.path[:-1] == group
    }
    return len(siblings) < 2


@cache
def _rest_words() -> tuple[str, ...]:
    return tuple(fold(w) for w in catalog_file("structure.toml")["item"]["rest"])


def parts_of_an_unstated_whole(table: Table, metrics: dict[int, str]) -> dict[int, str]:
    """Columns under a header naming a whole the table states in no column of its own
    (`Thuộc thẩm quyền | Khiếu nại | Tố cáo | Kiến nghị, phản ánh` beside `Tổng số đơn`): the
    key of the whole they break down, so a row's other counts are no total of theirs."""
    stated = set(metrics.values())
    apart: dict[int, str] = {}
    for col in table.values:
        part = metrics.get(col.index)
        if part is None or len(col.path) < 2:
            continue
        whole = classify_metric(" ".join(col.path[:-1]))
        if whole and whole not in stated and sum_part_of(part, whole):
            apart[col.index] = whole
    return apart


def under_a_total(col: Column) -> bool:
    """A column whose group header totals the groups before it (`Tổng cộng | Lượt`)."""
    return len(col.path) > 1 and total_of(col.path[0]) == ""


def total_column_metric(col: Column, table: Table, known: dict[int, str]) -> str | None:
    """`Tổng cộng | Lượt` after `Tiếp thường xuyên | Lượt` and `Tiếp định kỳ | Lượt`: the
    total the catalog's sums make of the metrics of the same leaf before it."""
    leaf = fold(col.leaf).strip()
    parts = {
        known[k.index]
        for k in table.values
        if k.index < col.index and k.index in known and fold(k.leaf).strip() == leaf
    }
    if len(parts) < 2:
        return None
    for relation in catalog_file("relations.toml")["sum"]:
        # (`Đoàn đông người | Người` beside them counts some of the persons, no part of the sum)
        if parts <= set(relation["parts"]) or set(relation["parts"]) <= parts:
            return str(relation["total"])
    return None
