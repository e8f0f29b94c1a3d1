"""Arithmetic the printed figures must satisfy, tested on the relations the finders recorded.

  rate_of  a stated rate against its own numerator and denominator (rounded or truncated
           to the printed decimals is fine);
  part_of  parts that claim to be the whole (a `gồm` list, a table's total row, a printed
           column formula) against that whole; any part larger than its whole;
  bounds   catalog/relations.toml `[[bound]]`: a part metric larger than its whole metric
           stated with it (resolved > in jurisdiction), a rate above 100 %.
No check reads the document: what relates to what was decided when it was read.
"""

from __future__ import annotations

from collections import defaultdict

import catalog
from catalog import kind, label
from model import Fact, Flag, ValuedFact, has_value, table_column_key
from normalizers.numbers import format_vn as vn
from normalizers.numbers import rate_holds

EPSILON = 1e-6


def rate_mismatches(facts: list[Fact]) -> list[Flag]:
    out = []
    for rate in facts:
        nums = [k.other for k in rate.links if k.relation == "rate_of" and k.role == "numerator"]
        dens = [k.other for k in rate.links if k.relation == "rate_of" and k.role == "denominator"]
        num_values = [n.value for n in nums if n.value is not None]
        if (
            rate.value is None
            or not nums
            or len(num_values) < len(nums)  # a numerator without a value tests nothing
            or len(dens) != 1
            or not dens[0].value
        ):
            continue
        num_value, den_value = sum(num_values), dens[0].value  # facets of one count add up
        if rate_holds(rate.value, num_value, den_value, rate.decimals):
            continue
        exact = num_value / den_value * 100
        severity = (
            "error"
            if abs(exact - rate.value) >= catalog.setting("checks", "rate_error_points")
            else "warning"
        )
        out.append(
            Flag(
                "rate_mismatch",
                severity,
                rate.metric,
                f"{label(rate.metric)} ghi {vn(rate.value, rate.decimals or 0)}% nhưng "
                f"{vn(num_value)}/{vn(den_value)} = {vn(exact, max(rate.decimals or 0, 2))}%.",
                rate.evidence,
                rate.page,
            )
        )
    return out


def _complete_lists(
    facts: list[Fact],
) -> dict[tuple[int, str], tuple[Fact, list[tuple[ValuedFact, int]]]]:
    """Each whole's lists of parts that claim to make it up, by (whole, list key)."""
    lists: dict[tuple[int, str], tuple[Fact, list[tuple[ValuedFact, int]]]] = {}
    for part in facts:
        for k in part.links:
            if k.relation != "part_of" or not k.complete or not has_value(part):
                continue
            key = (k.role or "").removesuffix("|-")
            sign = -1 if (k.role or "").endswith("|-") else 1
            entry = lists.setdefault((id(k.other), key), (k.other, []))
            entry[1].append((part, sign))
    return lists


def sum_mismatches(facts: list[Fact]) -> list[Flag]:
    """One flag a whole whose parts, claiming to make it up, do not: a printed formula and a
    catalog sum over the same row are one finding, and so is a wrong cell that is the whole of
    one list and a part of another (the total row's `Không thành` against its column and
    against the row's `Số vụ`): the list it only upsets holds once the cell is corrected."""
    failing = _failing_lists(facts)
    corrected = {id(whole): (got, {id(p) for p, _ in parts}) for whole, parts, got, _ in failing}
    out = []
    flagged: set[int] = set()
    for whole, parts, got, key in failing:
        if id(whole) in flagged or _holds_once_corrected(whole, parts, corrected):
            continue
        flagged.add(id(whole))
        out.append(
            Flag(
                "sum_mismatch",
                "error",
                whole.metric,
                _sum_message(whole, parts, got, key),
                whole.evidence,
                whole.page,
            )
        )
    return out


_Failing = tuple[ValuedFact, list[tuple[ValuedFact, int]], float, str]


def _failing_lists(facts: list[Fact]) -> list[_Failing]:
    """Each complete list whose exact parts do not add up to its exact whole, with what they
    add up to (a part above its whole by a catalog bound is part_exceeds_total's finding)."""
    out: list[_Failing] = []
    for (_, key), (whole, parts) in _complete_lists(facts).items():
        if not has_value(whole) or whole.qualifier != "exact":
            continue
        if any(p.qualifier != "exact" for p, _ in parts):
            continue
        got = sum(p.value * sign for p, sign in parts)
        if abs(got - whole.value) < EPSILON:
            continue
        if any(p.value > whole.value + EPSILON and _bounded_by(p, whole) for p, _ in parts):
            continue
        out.append((whole, parts, got, key))
    return out


def _holds_once_corrected(
    whole: ValuedFact,
    parts: list[tuple[ValuedFact, int]],
    corrected: dict[int, tuple[float, set[int]]],
) -> bool:
    """Whether the list adds up once its parts that are wrong wholes of other lists take the
    value their own parts give (unless this list's whole is a part of those: then either
    cell may be the wrong one, and both are said)."""
    fixes = {id(p): corrected[id(p)] for p, _ in parts if id(p) in corrected}
    if not fixes or any(id(whole) in their_parts for _, their_parts in fixes.values()):
        return False
    got = sum((fixes[id(p)][0] if id(p) in fixes else p.value) * sign for p, sign in parts)
    return abs(got - whole.value) < EPSILON


def _sum_message(
    whole: ValuedFact, parts: list[tuple[ValuedFact, int]], got: float, key: str
) -> str:
    name = label(whole.metric).lower()
    if key.startswith("formula "):
        return (
            f"Theo công thức của bảng ({key[8:]}), dòng này phải bằng {vn(got)} "
            f"nhưng ghi {vn(whole.value)}."
        )
    if key.startswith("periods "):
        return f"Cộng các kỳ được {vn(got)}, nhưng số lũy kế của {name} ghi {vn(whole.value)}."
    if whole.source == "table" and all(p.source == "table" for p, _ in parts):
        return f"Cộng các dòng được {vn(got)}, nhưng dòng tổng của {name} ghi {vn(whole.value)}."
    terms = " + ".join(vn(p.value) for p, _ in parts)
    return f"{terms} = {vn(got)}, nhưng {name} ghi {vn(whole.value)}."


def parts_exceeding_totals(facts: list[Fact]) -> list[Flag]:
    out = [
        _over_100(f) for f in facts if has_value(f) and kind(f.metric) == "rate" and f.value > 100
    ]
    seen: set[tuple[int, int]] = set()
    over = _over_100_rates(facts)
    for part, whole in _stated_parts(facts):
        if (id(part), id(whole)) in seen or part.value is None or whole.value is None:
            continue
        if (part.metric, whole.metric, _place(part)) in over and not _strict(part, whole):
            continue  # `Tỷ lệ 116,67%` beside them says it: the rate's flag is the one
        seen.add((id(part), id(whole)))
        if part.value > whole.value + EPSILON:
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


def _strict(part: Fact, whole: Fact) -> bool:
    return any(
        r.get("strict") and r["part"] == part.metric and r["whole"] == whole.metric
        for r in catalog.toml("relations.toml").get("bound", [])
    )


def _place(f: Fact) -> str | None:
    return table_column_key(f) or f.group


def _over_100_rates(facts: list[Fact]) -> set[tuple[str, str, str | None]]:
    """(numerator metric, denominator metric, place) of each rate stated above 100 %."""
    rels = catalog.toml("relations.toml").get("rate", [])
    out = set()
    for f in facts:
        if has_value(f) and kind(f.metric) == "rate" and f.value > 100:
            for rel in (r for r in rels if r["rate"] == f.metric):
                out |= {(rel["numerator"], d, _place(f)) for d in rel["denominators"]}
    return out


def _bounded_by(part: Fact, whole: Fact) -> bool:
    return any(
        r["part"] == part.metric and r["whole"] == whole.metric
        for r in catalog.toml("relations.toml").get("bound", [])
    )


def _over_100(f: ValuedFact) -> Flag:
    return Flag(
        "part_exceeds_total",
        "error",
        f.metric,
        f"{label(f.metric)} ghi {vn(f.value)}%, vượt quá 100%.",
        f.evidence,
        f.page,
    )


def _stated_parts(facts: list[Fact]):
    """(part, whole) pairs: the parts of lists that do not claim to be complete (a complete
    list that overshoots is a sum mismatch), and the catalog's bounds among the figures stated
    together (the whole being the largest such figure, widened by the cases carried over)."""
    for part in facts:
        for k in part.links:
            if k.relation == "part_of" and not k.complete and kind(part.metric) == "count":
                yield part, k.other
    groups: dict[str, list[ValuedFact]] = defaultdict(list)
    for f in facts:
        if f.group and has_value(f) and f.qualifier == "exact":
            groups[f.group].append(f)
            column = table_column_key(f)  # an indicator table's rows are stated together
            if column:
                groups[column].append(f)
    for f in facts:  # a topic's or a unit's figures, wherever the body states them
        if f.scope and has_value(f) and f.qualifier == "exact" and f.section != "appendix":
            groups[f"scope|{f.scope}|{f.period}"].append(f)
    for rel in catalog.toml("relations.toml").get("bound", []):
        for group in groups.values():
            yield from _bounded(rel, group)
        if rel.get("across"):
            yield from _bounded_across(rel, facts)


def _bounded_across(rel: dict, facts: list[Fact]):
    """The bound across the document's body: one value of the part, one of the whole, the
    whole stated as a part of `across` (the kinds due: what of them was resolved)."""
    body = [
        f
        for f in facts
        if has_value(f) and f.scope is None and f.section != "appendix" and f.qualifier == "exact"
    ]
    parts = {f.value: f for f in body if f.metric == rel["part"]}
    due = {f.group for f in body if f.metric == rel["across"]}
    wholes = {
        f.value: f
        for f in body
        if f.metric == rel["whole"]
        and (
            f.group in due  # (stated in the sentence of the figure it is a kind of)
            or any(k.relation == "part_of" and k.other.metric == rel["across"] for k in f.links)
        )
    }
    if len(parts) == 1 and len(wholes) == 1:
        yield next(iter(parts.values())), next(iter(wholes.values()))


def _bounded(rel: dict, group: list[ValuedFact]):
    for part in (f for f in group if f.metric == rel["part"]):
        wholes = [
            w
            for w in group
            if w.metric == rel["whole"] and w.scope == part.scope and w.detail is None
        ]
        if not wholes:
            continue
        largest = max(wholes, key=lambda w: w.value)
        family = catalog.family(rel["whole"])
        carried = [
            f.value
            for f in group
            if f.metric == f"{family}.carried_over"
            and f.scope == part.scope
            and not any(
                k.relation == "part_of"
                and (k.other is largest or k.other.metric == f"{family}.received")
                for k in f.links
            )
        ]  # (not those said to be among the whole or the received it is part of: `57 đơn (kỳ
        # trước chuyển sang 04 đơn)`)
        if rel.get("needs_carried_over") and not carried:
            continue  # the carried over, not stated, may account for the difference
        whole: Fact = largest
        if sum(carried) and rel.get("carried", True):
            whole = Fact(largest.metric, largest.value + sum(carried), scope=largest.scope)
        yield part, whole
