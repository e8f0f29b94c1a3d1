"""Consistency checks within one document, following the relations in catalog/relations.toml.

A flag is raised only where the numbers printed in the document show it: a rate is checked
against the numerator and denominator stated with it, parts against the total they are
listed under, the body against the appendix. Clerks round and truncate, so a rate holds
when either matches at the printed decimals.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import regex

import catalog
from catalog import kind, label
from model import DocMeta, Document, Fact, Flag, Reference
from normalizers.text import fold

APPENDIX_HEADING = regex.compile(
    r"(?i)^\s*(phụ\s+lục|biểu\s+(số\s+liệu|mẫu|số)|bảng\s+tổng\s+hợp)\b"
)


@dataclass(frozen=True)
class Relations:
    rates: tuple[dict, ...]
    sums: tuple[dict, ...]
    bounds: tuple[dict, ...]


@lru_cache(maxsize=1)
def relations() -> Relations:
    data = catalog.toml("relations.toml")
    return Relations(
        tuple(data.get("rate", [])), tuple(data.get("sum", [])), tuple(data.get("bound", []))
    )


def vn(x: float, decimals: int | None = None) -> str:
    """A number the Vietnamese way: 1.848, 82,21."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 2
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def check_document(
    doc: Document, meta: DocMeta, facts: list[Fact], refs: list[Reference]
) -> list[Flag]:
    # a stated change against an earlier period is checked across documents (cross_checks)
    facts = [f for f in facts if not f.metric.endswith(".change")]
    flags: list[Flag] = []
    flags += malformed_numbers(facts)
    flags += implausible_values(facts)
    flags += rate_mismatches(facts, doc)
    flags += sum_mismatches(facts, doc.text)
    flags += table_total_mismatches(facts)
    flags += table_formula_mismatches(doc, facts)
    flags += parts_exceeding_totals(facts)
    flags += value_conflicts(facts, doc)
    flags += date_flags(meta, refs)
    return _distinct_flags(flags)


def _distinct_flags(flags: list[Flag]) -> list[Flag]:
    """Each flag once: the same rule, metric and message found twice is one finding."""
    seen, out = set(), []
    for f in flags:
        key = (f.rule, f.metric, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ------------------------------------------------------------------ numbers themselves


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
            out.append(
                Flag(
                    "implausible_value",
                    "warning",
                    f.metric,
                    f"{label(f.metric)} ghi {vn(f.value)}, thứ hạng phải từ 1 trở lên.",
                    f.evidence,
                    f.page,
                )
            )
        elif kind(f.metric) == "count" and f.value < 0:
            out.append(
                Flag(
                    "implausible_value",
                    "warning",
                    f.metric,
                    f"{label(f.metric)} ghi {vn(f.value)}, số lượng không thể âm.",
                    f.evidence,
                    f.page,
                )
            )
    return out


# ------------------------------------------------------------------ rates


def rate_holds(stated: float, numerator: float, denominator: float, decimals: int | None) -> bool:
    """The stated rate equals numerator/denominator rounded OR truncated at its printed decimals."""
    if denominator == 0:
        return True
    exact = numerator / denominator * 100
    d = decimals or 0
    step = 10**-d
    rounded = round(exact, d)
    truncated = math.floor(exact * 10**d + 1e-9) / 10**d
    return (
        any(abs(stated - x) < step / 2 for x in (rounded, truncated)) or abs(stated - exact) < 1e-9
    )


def _by_group(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Figures stated together. Approximate figures (`hơn 2.900 đơn`, `gần 97%`) are left out:
    no arithmetic on them shows an error at the printed precision."""
    groups: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.group and f.value is not None and (f.qualifier or "exact") == "exact":
            groups[f.group].append(f)
    return groups


def _values(facts: list[Fact], metric: str) -> list[Fact]:
    return [f for f in facts if f.metric == metric and f.value is not None]


def rate_mismatches(facts: list[Fact], doc: Document) -> list[Flag]:
    out = []
    groups = _by_group(facts)
    text = doc.text
    blocks = defaultdict(list)
    for f in facts:
        if (
            f.block_index is not None
            and f.value is not None
            and f.source != "table"
            and f.qualifier == "exact"
        ):
            blocks[f.block_index].append(f)
    for rel in relations().rates:
        for rate in _values(facts, rel["rate"]):
            if rate.qualifier != "exact":
                continue
            group = groups.get(rate.group, [])
            named = rel.get("named_total") and any(
                fold(t) in fold(rate.evidence) for t in rel["named_total"]
            )
            pool = blocks.get(rate.block_index, []) if named else []
            pair = _stated_pair(rate, rel, group, pool, text)
            if pair is None:
                continue
            num, den = pair
            exact = num.value / den.value * 100
            severity = "error" if abs(exact - rate.value) >= 1 else "warning"
            d = max(rate.decimals or 0, 2)
            out.append(
                Flag(
                    "rate_mismatch",
                    severity,
                    rate.metric,
                    f"{label(rate.metric)} ghi {vn(rate.value, rate.decimals or 0)}% nhưng "
                    f"{vn(num.value)}/{vn(den.value)} = {vn(exact, d)}%.",
                    rate.evidence,
                    rate.page,
                )
            )
    return out


def _candidates(metric: str, scope, group: list[Fact], pool: list[Fact]) -> list[Fact]:
    """Figures of a metric stated with the rate; else, when the rate names the total, the one
    value its paragraph states (never a choice among several)."""
    stated = [f for f in _values(group, metric) if f.scope == scope]
    if stated:
        return stated
    in_pool = [f for f in _values(pool, metric) if f.scope == scope]
    return in_pool if len({f.value for f in in_pool}) == 1 else []


def _nearest_before(rate: Fact, nums: list[Fact]) -> list[Fact]:
    """A rate is the rate of the figure it follows: of several numerators stated with it, the
    one nearest before it ("cung cấp 1.420 thủ tục ..., chiếm 74,6%")."""
    if len({f.value for f in nums}) < 2 or rate.start is None:
        return nums
    before = [
        f
        for f in nums
        if f.start is not None and f.block_index == rate.block_index and f.start < rate.start
    ]
    return [max(before, key=lambda f: f.start)] if before else nums


def _stated_pair(
    rate: Fact, rel: dict, group: list[Fact], pool: list[Fact], text: str = ""
) -> tuple[Fact, Fact] | None:
    """The numerator and denominator the rate must match, when the document states them
    unambiguously and no stated pairing makes the rate hold."""
    nums = _nearest_before(rate, _candidates(rel["numerator"], rate.scope, group, pool))
    if not nums:
        return None
    found = None
    for den_metric in rel["denominators"]:
        dens = _candidates(den_metric, rate.scope, group, pool)
        if not dens:
            continue
        candidates = list(itertools.product(nums, dens))
        if any(rate_holds(rate.value, n.value, d.value, rate.decimals) for n, d in candidates):
            return None  # some stated base makes it hold (in_jurisdiction before received)
        if found is None:
            found = candidates[0] if len(candidates) == 1 else False
    if (
        not found
        or _other_base_holds(rate, found, group)
        or _follows_another_figure(rate, group, text)
    ):
        return None
    return found


def _other_base_holds(rate: Fact, pair: tuple[Fact, Fact], group: list[Fact]) -> bool:
    """The rate matches its numerator over another count its sentence states: the base is not
    the one the catalog assumes (on time over resolved, resolved over eligible, resolved over
    new plus carried-over cases), so the printed numbers do not show an error."""
    num, den = pair
    counts = [
        f
        for f in group
        if kind(f.metric) == "count" and f.scope == rate.scope and f.value and f is not num
    ]
    carried = [f.value for f in counts if f.metric.endswith(".carried_over")]
    bases = {f.value for f in counts} | {den.value + c for c in carried}
    if any(rate_holds(rate.value, num.value, b, rate.decimals) for b in bases if b >= num.value):
        return True
    return any(
        rate_holds(rate.value, f.value, den.value, rate.decimals)
        for f in counts
        if f is not den and f.value <= den.value
    )


_FIGURE = regex.compile(
    r"(?<![\d/.,])\d{1,3}(?:\.\d{3})+(?![\d/])|(?<![\d/.,])\d+(?:,\d+)?(?![\d/.,]|\s*%)"
)


def _follows_another_figure(rate: Fact, group: list[Fact], text: str) -> bool:
    """A rate is the share of the figure it follows. When a number the finders did not read
    stands between the last figure before the rate and the rate ("giải quyết 40 vụ, đạt 80%;
    bằng quyết định 30 vụ, đạt 75%"), the rate is that number's, not the numerator's."""
    if rate.start is None or rate.source == "table":
        return False
    before = [
        f
        for f in group
        if f.start is not None
        and f.block_index == rate.block_index
        and f.end is not None
        and f.start < rate.start
        and f is not rate
    ]
    if not before:
        return False
    last = max(before, key=lambda f: f.start)
    if last.end > rate.start or rate.start > len(text):
        return False
    gap = text[last.end : rate.start]
    gap = regex.sub(r"(?i)\b(năm|ngày|tháng|quý)\s+\d+(/\d+)*", " ", gap)
    return bool(_FIGURE.search(gap))


# ------------------------------------------------------------------ sums and bounds


def sum_mismatches(facts: list[Fact], text: str = "") -> list[Flag]:
    out = []
    for group in _by_group(facts).values():
        for rel in relations().sums:
            totals = _values(group, rel["total"])
            parts = [_values(group, p) for p in rel["parts"]]
            if not totals or any(not p for p in parts):
                continue
            if any(
                abs(sum(f.value for f in combo) - t.value) < 1e-6
                for t in totals
                for combo in itertools.product(*parts)
            ):
                continue
            for total in totals[:1]:
                options = [[f for f in p if f.scope == total.scope] or p for p in parts]
                combos = list(itertools.product(*options))
                if any(abs(sum(f.value for f in combo) - total.value) < 1e-6 for combo in combos):
                    continue
                combo = combos[0]
                got = sum(f.value for f in combo)
                if total.source == "table" and any(
                    abs(f.value - got) < 1e-6
                    for f in group
                    if f.metric not in (total.metric, *rel["parts"]) and kind(f.metric) == "count"
                ):
                    continue  # the row's parts break down another figure it states (eligible petitions)
                if total.source != "table" and (
                    _shortfall_is_listed(total, combo, group)
                    or _parts_follow_another_total(total, combo, group, rel, text)
                ):
                    continue
                out.append(
                    Flag(
                        "sum_mismatch",
                        "error",
                        total.metric,
                        f"{' + '.join(vn(f.value) for f in combo)} = {vn(got)}, nhưng "
                        f"{label(total.metric).lower()} ghi {vn(total.value)}.",
                        total.evidence,
                        total.page,
                    )
                )
    return out


def _parts_follow_another_total(
    total: Fact, combo: tuple[Fact, ...], group: list[Fact], rel: dict, text: str
) -> bool:
    """Listed parts break down the figure they follow. Between the total and its parts the
    sentence states another count in the same unit ("đủ điều kiện 300 đơn, trong đó thuộc thẩm
    quyền 100 đơn (khiếu nại ..., tố cáo ...)"), or names another whole (`not_between`): the
    parts are that figure's, not the total's. So are parts that add up exactly to another count
    the sentence states before them, unless the total stands between that count and the parts
    ("nhận 910 đơn, ..., đủ điều kiện 780 đơn (khiếu nại 61, tố cáo 49, kiến nghị 800)" is wrong)."""
    starts = [f.start for f in combo if f.start is not None]
    if total.start is None or total.end is None or not starts:
        return False
    first = min(starts)
    got = sum(f.value for f in combo)
    if any(
        f.start is not None
        and f.start < first
        and abs(f.value - got) < 1e-6
        and kind(f.metric) == "count"
        and f.metric != total.metric
        and f.metric not in rel["parts"]
        and not f.start < total.start < first
        for f in group
    ):
        return True
    if total.start > first:
        return False
    if any(
        f.start is not None
        and total.end <= f.start < first
        and kind(f.metric) == "count"
        and f.metric != total.metric
        and f.metric not in rel["parts"]
        and f.unit == total.unit
        for f in group
    ):
        return True
    between = fold(text[total.end : first]) if first <= len(text) else ""
    return any(fold(w) in between for w in rel.get("not_between", []))


_COUNT_BEFORE_UNIT = r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/.,])\s*"


def _printed_counts(evidence: str, unit: str | None) -> list[float]:
    """The counts a sentence prints in the total's unit ("50 đơn", "05 vụ việc")."""
    if not unit or not evidence:
        return []
    head = regex.escape(unit.split()[0])
    return [
        float(m.group(1).replace(".", ""))
        for m in regex.finditer(_COUNT_BEFORE_UNIT + head + r"\b", evidence, flags=regex.IGNORECASE)
    ]


def _shortfall_is_listed(total: Fact, combo: tuple[Fact, ...], group: list[Fact]) -> bool:
    """The parts fall short of the total by exactly other items the sentence lists in the same
    unit ("khiếu nại 40, tố cáo 20, kiến nghị 30, tranh chấp 10 đơn"; "lãnh đạo tiếp định kỳ 80
    lượt, đột xuất 20 lượt"): the catalog's parts are not every category the text names, so the
    list does not show a wrong total."""
    shortfall = total.value - sum(f.value for f in combo)
    if shortfall <= 0:
        return False
    others = _printed_counts(total.evidence, total.unit)
    others += [
        f.value
        for f in group
        if kind(f.metric) == "count"
        and f.value
        and f.start is not None
        and not any(f.start == o.start for o in (total, *combo))
        and f.value not in others
    ]
    for used in (total, *combo):
        if used.value in others:
            others.remove(used.value)
    others = [v for v in others if 0 < v <= shortfall][:12]
    return any(
        abs(sum(c) - shortfall) < 1e-6 for n in (1, 2, 3) for c in itertools.combinations(others, n)
    )


def table_total_mismatches(facts: list[Fact]) -> list[Flag]:
    """A per-unit table's total row against the sum of its unit rows, column by column."""
    out = []
    columns: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if (
            f.source == "table"
            and f.value is not None
            and f.col is not None
            and kind(f.metric) == "count"
        ):
            columns[(f.block_index, f.col, f.metric)].append(f)
    for (_, _, metric), cells in columns.items():
        totals = [f for f in cells if f.scope is None]
        units = [f for f in cells if f.scope is not None]
        if len(totals) != 1 or len(units) < 2 or any(f.row > totals[0].row for f in units):
            continue
        got = sum(f.value for f in units)
        if abs(got - totals[0].value) > 1e-6:
            got = sum(f.value for f in _without_children(units))
        if abs(got - totals[0].value) > 1e-6:
            out.append(
                Flag(
                    "sum_mismatch",
                    "error",
                    metric,
                    f"Cộng các đơn vị được {vn(got)}, nhưng dòng tổng của {label(metric).lower()} ghi "
                    f"{vn(totals[0].value)}.",
                    totals[0].evidence,
                    totals[0].page,
                )
            )
    return out


def _without_children(units: list[Fact]) -> list[Fact]:
    """Unit rows without the rows nested under a subtotal: a row followed by two or more rows
    that add up to it ("Cấp huyện 50", then "Huyện A 20", "Huyện B 30") is their subtotal, and
    the total row counts it once."""
    rows = sorted(units, key=lambda f: f.row)
    kept, i = [], 0
    while i < len(rows):
        head, acc, j = rows[i], 0.0, i + 1
        while j < len(rows) and acc < head.value - 1e-6:
            acc += rows[j].value
            j += 1
        kept.append(head)
        i = j if j - i > 2 and abs(acc - head.value) < 1e-6 else i + 1
    return kept


def table_formula_mismatches(doc: Document, facts: list[Fact]) -> list[Flag]:
    """An official form's own column formula (`1 = 2 + 3 + 4` printed under its headers) is a
    relation too: a row that breaks it is a sum mismatch of the whole column's metric."""
    from warehouse.checks.table_formulas import formula_mismatches

    out = []
    for m in formula_mismatches(doc, facts):
        out.append(
            Flag(
                "sum_mismatch",
                "error",
                m.metric,
                f"Theo công thức của bảng ({m.formula.text}), dòng này phải bằng {vn(m.parts_value)} "
                f"nhưng ghi {vn(m.whole_value)}.",
                m.evidence,
                m.page,
            )
        )
    return out


def parts_exceeding_totals(facts: list[Fact]) -> list[Flag]:
    out = []
    for f in facts:
        if f.value is not None and kind(f.metric) == "rate" and f.value > 100:
            out.append(
                Flag(
                    "part_exceeds_total",
                    "error",
                    f.metric,
                    f"{label(f.metric)} ghi {vn(f.value)}%, vượt quá 100%.",
                    f.evidence,
                    f.page,
                )
            )
    groups = _by_group(facts)
    for rel in relations().bounds:
        for group in groups.values():
            for part in _values(group, rel["part"]):
                wholes = [w for w in _values(group, rel["whole"]) if w.scope == part.scope]
                if not wholes:
                    continue
                # of several wholes stated together (all received, and those received at levels 3
                # and 4), the part is a part of the largest; cases carried over from the previous
                # period are resolved too, so they widen the whole the sentence states
                whole = max(wholes, key=lambda w: w.value)
                family = rel["whole"].split(".")[0]
                carried = sum(
                    f.value
                    for f in group
                    if f.metric == f"{family}.carried_over" and f.scope == part.scope
                )
                if part.value > whole.value + carried:
                    out.append(
                        Flag(
                            "part_exceeds_total",
                            "error",
                            part.metric,
                            f"{label(part.metric)} ({vn(part.value)}) lớn hơn "
                            f"{label(whole.metric).lower()} ({vn(whole.value)}).",
                            part.evidence,
                            part.page,
                        )
                    )
    return out


# ------------------------------------------------------------------ the same figure twice


def _appendix_start(doc: Document) -> int | None:
    for b in doc.blocks:
        if len(b.text) < 200 and APPENDIX_HEADING.match(b.text):
            return b.index
    return None


def _restated_pair(body: dict, appendix: dict) -> tuple[Fact, Fact] | None:
    """Which body figure the appendix restates. With one body value, that one; with several
    (the metric is stated for several parts), only a near miss (within 10 %) is a restatement."""
    if len(body) == 1:
        return next(iter(body.values())), next(iter(appendix.values()))
    for a_value, a in appendix.items():
        for b_value, b in body.items():
            if b_value and abs(a_value - b_value) <= 0.1 * abs(b_value):
                return b, a
    return None


def value_conflicts(facts: list[Fact], doc: Document) -> list[Flag]:
    """The body and the appendix (or a table) state one metric, scope and period differently;
    or an `a/b` restates a whole that its own sentence states with another value."""
    out = []
    text = doc.text
    start = _appendix_start(doc)

    def side(f: Fact) -> str:
        if f.source == "table" or (
            start is not None and f.block_index is not None and f.block_index >= start
        ):
            return "appendix"
        return "body"

    by_key: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.value is not None and f.qualifier == "exact":
            by_key[(f.metric, f.scope, f.period)].append(f)
    for (metric, scope, period), items in by_key.items():
        body = {f.value: f for f in items if side(f) == "body"}
        appendix = {f.value: f for f in items if side(f) == "appendix"}
        any_body = {f.value for f in facts if f.metric == metric and side(f) == "body"}
        if body and appendix and not set(appendix) & any_body:
            pair = _restated_pair(body, appendix)
            if pair is None:
                continue
            b, a = pair
            out.append(
                Flag(
                    "value_conflict",
                    "warning",
                    metric,
                    f"{label(metric)}: phần báo cáo ghi {vn(b.value)}, phụ lục/bảng số liệu ghi {vn(a.value)}.",
                    f"{b.evidence} | {a.evidence}",
                    b.page,
                )
            )
    for group in _by_group(facts).values():
        by_metric: dict[tuple, set] = defaultdict(set)
        for f in group:
            by_metric[(f.metric, f.scope)].add(f.value)
        wholes = [f for f in group if f.role == "whole"]
        for w in wholes:
            others = by_metric[(w.metric, w.scope)] - {w.value}
            stated = [
                f
                for f in group
                if f.metric == w.metric
                and f.scope == w.scope
                and f.value in others
                and f.role is None
            ]
            if stated and not _whole_of_another_base(w, stated, group, text):
                out.append(
                    Flag(
                        "value_conflict",
                        "warning",
                        w.metric,
                        f"{label(w.metric)} trong cùng một câu ghi {vn(stated[0].value)} và {vn(w.value)}.",
                        w.evidence,
                        w.page,
                    )
                )
    return out


_OTHER_BASE = regex.compile(
    r"(?i)^[^,;.()]{0,25}?\b(đến hạn|đủ điều kiện|phải giải quyết|cần giải quyết)"
)


def _whole_of_another_base(whole: Fact, stated: list[Fact], group: list[Fact], text: str) -> bool:
    """An `a/b` whole that differs from the figure its sentence states is a conflict only when
    the sentence states one such figure and one such whole. Not when it lists several (one per
    kind or field), not when the whole is that figure plus the cases carried over, nor when the
    words after it name another base (`90/95 đơn đến hạn giải quyết`)."""
    same = [f for f in group if f.metric == whole.metric and f.scope == whole.scope]
    if (
        len({f.value for f in same if f.role is None}) > 1
        or len({f.value for f in same if f.role == "whole"}) > 1
    ):
        return True
    family = whole.metric.split(".")[0]
    carried = [
        f.value for f in group if f.metric == f"{family}.carried_over" and f.scope == whole.scope
    ]
    if any(abs(s.value + c - whole.value) < 1e-6 for s in stated for c in carried):
        return True
    after = (
        text[whole.end : whole.end + 60]
        if whole.end is not None and whole.source != "table"
        else ""
    )
    return bool(_OTHER_BASE.search(after))


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
                    f"{name} đề ngày {_vn_date(r.date)}, sau ngày của chính báo cáo ({_vn_date(meta.doc_date)}).",
                    r.evidence,
                    r.page,
                )
            )
    # numbering starts again every year: the same number cited in two years is two documents
    by_ref: dict[tuple, dict] = defaultdict(dict)
    for r in refs:
        if r.number and r.date:
            by_ref[(fold(r.kind), r.number.replace(" ", "").upper(), r.date[:4])][r.date] = r
    for (_, number, _), dates in by_ref.items():
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
