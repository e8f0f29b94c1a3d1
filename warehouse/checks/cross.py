"""Checks across documents, recomputed over the whole warehouse after every ingest, so they
hold for documents loaded in earlier runs too.

  cross_doc_conflict  one unit states one metric, scope and period differently in two documents
  period_rollup       a shorter period's cumulative count is above the longer period that
                      contains it (the first half-year above the full year)
  cross_doc_conflict  also: a stated change ("giảm 24 đơn so với năm 2019", kept as the fact
                      `<metric>.change` with the compared period) that the two periods'
                      figures in the warehouse contradict

A unit is its unit in the register (warehouse.units; two communes of one name in two
provinces are two units), else its issuer within its province. Each document involved gets its
own flag row (scope 'cross_doc'). A document that states a figure with several values already
has its own value_conflict: it is not compared again. A copy of a report that is not its
primary (warehouse.checks.copies, run first) is left out: copies are compared with each other
by copy_conflict. Stocks (catalog/relations.toml [stocks]) roll up over no period.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import catalog
from normalizers.numbers import format_vn as _vn
from normalizers.periods import period_contains


def _label(metric: str) -> str:
    return catalog.label(metric)


def is_cumulative_count(metric: str) -> bool:
    """A count that adds up over time (a flow): a shorter period never holds more of it."""
    info = catalog.metric_labels().get(metric)
    return info is not None and info.kind == "count" and metric not in _stocks()


STATED = """
SELECT d.doc_id, d.file_name, d.issuer, f.metric, coalesce(f.scope, '') AS scope,
       coalesce(f.period, d.period) AS period, min(f.value) AS value,
       any_value(f.evidence) AS evidence, any_value(f.page) AS page,
       coalesce(u.unit_id, coalesce(d.province, '') || '|' || d.issuer) AS unit
FROM facts f JOIN documents d USING (doc_id) LEFT JOIN doc_units u USING (doc_id)
WHERE d.status = 'ok' AND d.issuer IS NOT NULL AND f.value IS NOT NULL
  AND coalesce(f.qualifier, 'exact') = 'exact' AND coalesce(f.period, d.period) IS NOT NULL
  AND f.detail IS NULL
  AND d.doc_id NOT IN (SELECT doc_id FROM doc_copies WHERE doc_id <> primary_doc_id)
GROUP BY ALL
HAVING count(DISTINCT f.value) = 1
"""


def _contradicted_changes(rows: list[tuple]) -> list[tuple]:
    """A change a document states against an earlier period, against the two periods' figures."""
    value_of: dict[tuple, tuple] = {}
    for r in rows:
        doc_id, file_name, issuer, metric, scope, period, value, evidence, page, unit = r
        if not scope and not metric.endswith(".change"):
            value_of.setdefault((unit, metric, period), r)
    doc_period: dict[int, set[str]] = {}
    for r in rows:
        if not r[3].endswith(".change"):
            doc_period.setdefault(r[0], set()).add(r[5])
    out = []
    for r in rows:
        doc_id, file_name, issuer, metric, scope, ref_period, change, evidence, page, unit = r
        if not metric.endswith(".change") or scope:
            continue
        base = metric[: -len(".change")]
        current = next(
            (
                value_of[(unit, base, p)]
                for p in sorted(doc_period.get(doc_id, ()))
                if value_of.get((unit, base, p), (None,))[0] == doc_id
            ),
            None,
        )
        earlier = value_of.get((unit, base, ref_period))
        if current is None or earlier is None or earlier[0] == doc_id:
            continue
        actual = current[6] - earlier[6]
        if abs(actual - change) < 1e-6:
            continue
        word = "tăng" if change > 0 else "giảm"
        message = (
            f"{_label(base)} của {issuer}: văn bản ghi {word} {_vn(abs(change))} so với kỳ "
            f"{ref_period}, nhưng {_vn(current[6])} - {_vn(earlier[6])} = {_vn(actual)} "
            f"(kỳ {ref_period} theo văn bản {earlier[1]})."
        )
        out.append(
            (doc_id, file_name, "cross_doc_conflict", "warning", base, message, evidence, page)
        )
        out.append(
            (
                earlier[0],
                earlier[1],
                "cross_doc_conflict",
                "warning",
                base,
                message,
                earlier[7],
                earlier[8],
            )
        )
    return out


def _group_flags(metric: str, items: list[tuple], wider_of: dict[str, list[str]]) -> list[tuple]:
    """The flags of one unit's statements of one metric and scope, in the order of a walk over
    every pair (a, b): a differs from b for the same period, or a's shorter period holds more
    of a flow than b's longer one (wider_of: the periods that contain each period). Each a
    meets only the b's of its own period and of the periods containing it, not every pair."""
    by_period: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_period[item[5]].append(i)
    cumulative = is_cumulative_count(metric)
    wider = {p: [q for q in wider_of[p] if q in by_period] if cumulative else [] for p in by_period}
    least = {
        p: min((items[i][6] for q in wider[p] for i in by_period[q]), default=None)
        for p in by_period
    }
    values = {p: {items[i][6] for i in ids} for p, ids in by_period.items()}
    issuer = items[0][2]
    flags: list[tuple] = []
    for a in items:
        low = least[a[5]]
        if len(values[a[5]]) == 1 and (low is None or a[6] <= low):
            continue  # no other value for its period, nothing less in a longer one
        same = [i for i in by_period[a[5]] if items[i][6] != a[6]]
        rollup = [i for q in wider[a[5]] for i in by_period[q] if a[6] > items[i][6]]
        for i in sorted(same + rollup):
            b = items[i]
            if a[0] == b[0]:
                continue
            if a[5] == b[5]:
                message = (
                    f"{_label(metric)} của {issuer} kỳ {a[5]}: văn bản này ghi {_vn(a[6])}, "
                    f"văn bản {b[1]} ghi {_vn(b[6])}."
                )
                flags.append(
                    (a[0], a[1], "cross_doc_conflict", "warning", metric, message, a[7], a[8])
                )
                continue
            message = (
                f"{_label(metric)} của {issuer} kỳ {a[5]} là {_vn(a[6])}, lớn hơn cả kỳ {b[5]} "
                f"({_vn(b[6])}, văn bản {b[1]})."
            )
            flags.append((a[0], a[1], "period_rollup", "warning", metric, message, a[7], a[8]))
            flags.append((b[0], b[1], "period_rollup", "warning", metric, message, b[7], b[8]))
    return flags


@lru_cache(maxsize=1)
def _stocks() -> frozenset[str]:
    return frozenset(catalog.toml("relations.toml")["stocks"]["metrics"])


def refresh_cross_doc_flags(con) -> int:
    """Replace every cross-document flag; return how many rows were written."""
    rows = con.execute(STATED).fetchall()
    flags: list[tuple] = []
    by_key: dict[tuple, list[tuple]] = defaultdict(list)
    for r in rows:
        doc_id, file_name, issuer, metric, scope, period, value, evidence, page, unit = r
        by_key[(unit, metric, scope)].append(r)
    periods = {r[5] for r in rows}
    wider_of = {p: [q for q in periods if q != p and period_contains(q, p)] for p in periods}
    for (_, metric, _scope), items in by_key.items():
        if len(items) > 1:
            flags += _group_flags(metric, items, wider_of)
    flags.extend(_contradicted_changes(rows))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM flags WHERE scope = 'cross_doc'")
        seen = set()
        for doc_id, file_name, rule, severity, metric, message, evidence, page in flags:
            key = (doc_id, rule, metric, message)
            if key in seen:
                continue
            seen.add(key)
            con.execute(
                "INSERT INTO flags (doc_id, file_name, scope, rule, severity, metric, message,"
                " evidence, page) VALUES (?, ?, 'cross_doc', ?, ?, ?, ?, ?, ?)",
                [doc_id, file_name, rule, severity, metric, message, evidence, page],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(seen)
