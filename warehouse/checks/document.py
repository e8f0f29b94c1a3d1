"""Consistency checks within one document, on its facts and their recorded relations.

A flag is raised only where the numbers printed in the document show it; which figures
relate was decided by the finders (catalog/relations.toml, the lists and tables they read):
no check reads the document text. Rates, sums and bounds are in `arithmetic`, the same
figure stated twice in `conflicts`; here the numbers themselves and the dates.
"""

from __future__ import annotations

from collections import defaultdict

from catalog import kind, label, shared_metric_ids
from model import DocMeta, Fact, Flag, Reference
from normalizers.numbers import format_vn as vn
from normalizers.text import fold
from warehouse.checks.arithmetic import parts_exceeding_totals, rate_mismatches, sum_mismatches
from warehouse.checks.conflicts import value_conflicts
from warehouse.checks.periods import period_rollups


def check_document(meta: DocMeta, facts: list[Fact], refs: list[Reference]) -> list[Flag]:
    # a stated change against an earlier period is checked across documents (checks.cross)
    facts = [f for f in facts if not f.metric.endswith(".change")]
    flags: list[Flag] = []
    flags += malformed_numbers(facts)
    flags += implausible_values(facts)
    flags += rate_mismatches(facts)
    flags += sum_mismatches(facts)
    flags += parts_exceeding_totals(facts)
    flags += value_conflicts(facts)
    flags += period_rollups(facts, meta.period)
    flags += date_flags(meta, refs)
    return _distinct_flags([f for f in flags if _of_the_dictionary(f)])


def _of_the_dictionary(flag: Flag) -> bool:
    """A flag about a figure of the shared dictionary (or about none: dates, references). The
    project's own ids are read to relate figures, but labelling.md flags only the dictionary's
    figures: an unnamed column that does not add up is no finding the clerk reports."""
    return flag.metric is None or flag.metric in shared_metric_ids()


def _distinct_flags(flags: list[Flag]) -> list[Flag]:
    """Each flag once: the same rule, metric and message found twice is one finding."""
    seen, out = set(), []
    for f in flags:
        key = (f.rule, f.metric, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def malformed_numbers(facts: list[Fact]) -> list[Flag]:
    return [
        Flag(
            "malformed_number",
            "error",
            f.metric,
            f"{label(f.metric)} ghi '{f.raw}' - không đọc được thành một con số.",
            f.evidence,
            f.page,
        )
        for f in facts
        if f.value is None and f.raw
    ]


def implausible_values(facts: list[Fact]) -> list[Flag]:
    out = []
    for f in facts:
        if f.value is None:
            continue
        if f.metric.endswith(".rank") and f.value < 1:
            why = "thứ hạng phải từ 1 trở lên"
        elif kind(f.metric) == "count" and f.value < 0:
            why = "số lượng không thể âm"
        else:
            continue
        out.append(
            Flag(
                "implausible_value",
                "warning",
                f.metric,
                f"{label(f.metric)} ghi {vn(f.value)}, {why}.",
                f.evidence,
                f.page,
            )
        )
    return out


# ------------------------------------------------------------------ dates and cited documents


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def date_flags(meta: DocMeta, refs: list[Reference]) -> list[Flag]:
    out = []
    for r in refs:
        name = f"{r.kind} số {r.number}" if r.number else r.kind
        if not r.date_valid and r.date_text:
            out.append(
                Flag(
                    "invalid_date",
                    "error",
                    None,
                    f"{name} ghi ngày {r.date_text}, ngày này không tồn tại.",
                    r.evidence,
                    r.page,
                )
            )
        elif r.date and meta.doc_date and r.date > meta.doc_date:
            out.append(
                Flag(
                    "invalid_date",
                    "warning",
                    None,
                    f"{name} đề ngày {_vn_date(r.date)}, sau ngày của chính báo cáo "
                    f"({_vn_date(meta.doc_date)}).",
                    r.evidence,
                    r.page,
                )
            )
    # numbering starts again every year: the same number cited in two years is two documents
    by_ref: dict[tuple, dict] = defaultdict(dict)
    for r in refs:
        if r.number and r.date:
            by_ref[(fold(r.kind), r.number.replace(" ", "").upper(), r.date[:4])][r.date] = r
    for (_, _number, _), dates in by_ref.items():
        if len(dates) > 1:
            rs = list(dates.values())
            out.append(
                Flag(
                    "reference_conflict",
                    "warning",
                    None,
                    f"{rs[0].kind} số {rs[0].number} được dẫn với các ngày khác nhau: "
                    f"{' và '.join(_vn_date(d) for d in sorted(dates))}.",
                    " | ".join(r.evidence for r in rs),
                    rs[0].page,
                )
            )
    return out
