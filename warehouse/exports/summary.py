"""The summary: one row per unit and period, its level and province, one column per main metric.

No grand total: a province's nine months and a city's half-year, or a province's figure and
its districts', do not add up. A subtotal is given per period, province and level, for
counts only, where two units or more of that level report. A cell whose unit states two
different values for one period (two reports, or one report disagreeing with itself) keeps
v_compare's value and lists every value stated, with its file, for the workbook's comment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import catalog
from warehouse.compare import MAIN_METRICS

LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}


@dataclass
class SummaryRow:
    unit: str
    level: str | None
    province: str | None
    period: str
    values: dict[str, float | None]
    unit_key: str | None = None
    conflicts: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    units: int = 1  # how many units a subtotal adds up
    subtotal: bool = False


@dataclass
class Summary:
    metrics: list[str]  # the main metrics at least one unit reports
    rows: list[SummaryRow]  # unit rows, each group followed by its subtotal


def compare_rows(con) -> tuple[list[str], list[SummaryRow], str]:
    """v_compare as the summary reads it; the one place that knows v_compare's columns.

    Returns the metric columns, one row per unit and period, and the SQL expression over
    v_documents `d` that gives a document's unit key (for the conflict lookup). Today
    v_compare is keyed by issuer; keyed by the unit register it has unit_id, unit_name,
    unit_level and province before period, and this reads those.
    """
    columns = [r[0] for r in con.execute("DESCRIBE v_compare").fetchall()]
    metrics = [m for m in MAIN_METRICS if m in columns]
    if "unit_id" in columns:
        head = "CAST(unit_id AS VARCHAR), unit_name, level, province, period"
        doc_key = "CAST(d.unit_id AS VARCHAR)"
    else:
        head = "issuer, issuer, NULL, province, period"
        doc_key = "d.issuer"
    values = ", ".join(f'"{m}"' for m in metrics)
    rows = []
    for r in con.execute(f"SELECT {head}, {values} FROM v_compare").fetchall():
        key, unit, level, province, period = r[:5]
        rows.append(
            SummaryRow(
                unit=unit or "",
                level=level or _level_of(unit),
                province=province,
                period=period or "",
                values=dict(zip(metrics, r[5:])),
                unit_key=key,
            )
        )
    return metrics, rows, doc_key


def _level_of(issuer: str | None) -> str | None:
    """An issuer's level read from its name (until the unit register says it)."""
    if not issuer:
        return None
    patterns = catalog.toml("labels.toml")["unit_level_patterns"]
    if re.search(patterns["province"], issuer):
        return "province"
    commune = patterns["commune"]
    return "commune" if re.search(commune, issuer + " ") else "district"


def _conflicts(con, doc_key: str, metrics: list[str]) -> dict[tuple, list[tuple[float, str]]]:
    """(unit key, period, metric) -> every distinct value stated, with its file, when several."""
    if not metrics:
        return {}
    wanted = ", ".join(f"'{m}'" for m in metrics)
    rows = con.execute(f"""
        SELECT {doc_key}, f.period, f.metric, f.value, f.file_name
        FROM v_facts f JOIN v_documents d ON d.doc_id = f.doc_id
        WHERE d.status = 'ok' AND f.scope IS NULL AND f.value IS NOT NULL
          AND f.metric IN ({wanted}) AND f.primary_doc_id = f.doc_id
        ORDER BY f.value DESC, f.file_name""").fetchall()
    stated: dict[tuple, dict[float, str]] = defaultdict(dict)
    for key, period, metric, value, file_name in rows:
        stated[(key, period, metric)].setdefault(round(value, 6), file_name)
    return {k: list(v.items()) for k, v in stated.items() if len(v) > 1}


def build(con) -> Summary:
    """The summary's rows in print order: by period, province, level and unit."""
    metrics, rows, doc_key = compare_rows(con)
    rows = [r for r in rows if any(v is not None for v in r.values.values())]
    kept = [m for m in metrics if any(r.values.get(m) is not None for r in rows)]
    conflicts = _conflicts(con, doc_key, kept)
    for r in rows:
        r.values = {m: r.values.get(m) for m in kept}
        r.conflicts = {
            m: conflicts[(r.unit_key, r.period, m)]
            for m in kept
            if (r.unit_key, r.period, m) in conflicts
        }
    rows.sort(key=_order)
    return Summary(kept, _with_subtotals(rows, kept))


def _order(r: SummaryRow) -> tuple:
    return (r.period, r.province or "~", LEVEL_ORDER.get(r.level or "", 9), r.unit)


def _with_subtotals(rows: list[SummaryRow], metrics: list[str]) -> list[SummaryRow]:
    counts = [m for m in metrics if catalog.kind(m) == "count"]
    out: list[SummaryRow] = []
    group: list[SummaryRow] = []
    for r in rows + [None]:  # type: ignore[list-item]
        if group and (r is None or _group_of(r) != _group_of(group[0])):
            out.extend(group)
            if len(group) > 1 and group[0].province and group[0].level:
                out.append(_subtotal(group, counts, metrics))
            group = []
        if r is not None:
            group.append(r)
    return out


def _group_of(r: SummaryRow) -> tuple:
    return (r.period, r.province, r.level)


def _subtotal(group: list[SummaryRow], counts: list[str], metrics: list[str]) -> SummaryRow:
    values: dict[str, float | None] = {m: None for m in metrics}
    for m in counts:
        stated = [v for r in group if (v := r.values.get(m)) is not None]
        values[m] = sum(stated) if len(stated) > 1 else None  # one unit's figure is no subtotal
    first = group[0]
    return SummaryRow(
        unit="",
        level=first.level,
        province=first.province,
        period=first.period,
        values=values,
        units=len(group),
        subtotal=True,
    )
