"""A document's figures for a sub-period against its figures for the period that contains it.

`period_rollup`: a report that states a count for a shorter period (`9 tháng đầu năm: 320
lượt`) above the same count, scope and detail for the longer period containing it (the
year's 298) cannot be right for a figure that adds up over time (stocks do not: catalog
relations.toml [stocks]). Across documents the same rule runs in checks.cross.
"""

from __future__ import annotations

from collections import defaultdict

from catalog import label
from model import Fact, Flag, ValuedFact, has_value
from normalizers.numbers import format_vn as vn
from normalizers.periods import period_contains
from warehouse.checks.cross import is_cumulative_count


def period_rollups(facts: list[Fact], doc_period: str | None) -> list[Flag]:
    groups: dict[tuple, list[tuple[str, ValuedFact]]] = defaultdict(list)
    for f in facts:
        period = f.period or doc_period
        if (
            not has_value(f)
            or f.qualifier != "exact"
            or not period
            or not is_cumulative_count(f.metric)
        ):
            continue
        groups[(f.metric, f.scope, f.detail)].append((period, f))
    out = []
    for (metric, *_), items in groups.items():
        for short_period, short in items:
            # of two figures for one longer period (two tracks left unscoped), the larger
            longest: dict[str, ValuedFact] = {}
            for p, f in items:
                if period_contains(p, short_period) and (
                    p not in longest or f.value > longest[p].value
                ):
                    longest[p] = f
            for long_period, long in longest.items():
                if short.value > long.value:
                    out.append(_rollup_flag(metric, short_period, short, long_period, long))
    return out


def _rollup_flag(
    metric: str, short_period: str, short: ValuedFact, long_period: str, long: ValuedFact
) -> Flag:
    return Flag(
        "period_rollup",
        "warning",
        metric,
        f"{label(metric)} kỳ {short_period} là {vn(short.value)}, lớn hơn cả "
        f"kỳ {long_period} ({vn(long.value)}) trong cùng văn bản.",
        short.evidence,
        short.page,
    )
