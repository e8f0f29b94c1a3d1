"""The relations a document states between its figures, found once all its facts are read.

The checks test relations; they never read the document. This stage, which still has the
sentences, decides what the printed numbers relate:
  rate_of   a rate stated with its own numerator and denominator (catalog/relations.toml
            `[[rate]]`): the figures of one sentence, row or `a/b` pair, never a denominator
            guessed from elsewhere; not when another base the sentence states makes it hold,
            nor when a number no finder read stands between the numerator and the rate;
  part_of   parts stated with their total (`[[sum]]`): when the sentence states the total and
            every part, and the parts do not break down another figure stated between;
  the whole of an `a/b` pair that names another base than its metric's (`90/95 đơn đến hạn`)
            is set apart (its detail says so), so it is never compared with that metric.
Appendix figures are marked (`section`), so a body/appendix disagreement can be told.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import cache

import regex

import catalog
from extractors.finders.prose.sections import is_appendix_title
from model import FOOTNOTE, Document, Fact
from normalizers.text import fold

FIGURE = regex.compile(
    r"(?<![\d/.,])\d{1,3}(?:\.\d{3})+(?![\d/])|(?<![\d/.,])\d+(?:,\d+)?(?![\d/.,]|\s*%)"
)
DATED = regex.compile(r"(?i)\b(năm|ngày|tháng|quý)\s+\d+(/\d+)*")
OTHER_BASE = "cơ sở khác"


@cache
def relations() -> dict:
    return catalog.toml("relations.toml")


@cache
def _other_base_words() -> tuple[str, ...]:
    return tuple(relations().get("other_base", {}).get("words", []))


def link_facts(doc: Document, facts: list[Fact]) -> None:
    """Record the rates, sums and other bases the document states (in place)."""
    _mark_appendix(doc, facts)
    text = doc.text
    groups = _groups(facts)
    for rel in relations().get("rate", []):
        _link_rates(rel, facts, groups, text)
    for key, rel in enumerate(relations().get("sum", [])):
        for group in groups.values():
            _link_sum(f"sum{key}", rel, group, text)
    _set_apart_other_bases(facts, groups, text)


def _mark_appendix(doc: Document, facts: list[Fact]) -> None:
    start = next(
        (
            b.index
            for b in doc.blocks
            if b.kind != FOOTNOTE and len(b.text) < 200 and is_appendix_title(b.text)
        ),
        None,
    )
    for f in facts:
        if f.source == "table" or (start is not None and (f.block_index or 0) >= start):
            f.section = "appendix"


def _groups(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Figures stated together; approximate figures (`hơn 2.900 đơn`) take part in no relation
    that arithmetic could test."""
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        if (
            f.group
            and f.value is not None
            and f.qualifier == "exact"
            and not f.metric.endswith(".change")
        ):
            out[f.group].append(f)
    return out


def _values(facts: list[Fact], metric: str) -> list[Fact]:
    return [f for f in facts if f.metric == metric and f.value is not None]


# ------------------------------------------------------------------ rates


def rate_holds(stated: float, numerator: float, denominator: float, decimals: int | None) -> bool:
    """The stated rate equals numerator/denominator rounded OR truncated at its printed decimals."""
    if denominator == 0:
        return True
    exact = numerator / denominator * 100
    d = decimals or 0
    step = 10**-d
    rounded = round(exact, d)
    truncated = int(exact * 10**d + 1e-9) / 10**d
    return (
        any(abs(stated - x) < step / 2 for x in (rounded, truncated)) or abs(stated - exact) < 1e-9
    )


def _link_rates(rel: dict, facts: list[Fact], groups: dict[str, list[Fact]], text: str) -> None:
    blocks: dict[int | None, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.value is not None and f.source != "table" and f.qualifier == "exact":
            blocks[f.block_index].append(f)
    for rate in _values(facts, rel["rate"]):
        if rate.qualifier != "exact" or not rate.group:
            continue
        group = groups.get(rate.group, [])
        named = rel.get("named_total") and any(
            fold(t) in fold(rate.evidence) for t in rel["named_total"]
        )
        pool = blocks.get(rate.block_index, []) if named else []
        pair = _stated_pair(rate, rel, _facets_summed(group, rel["numerator"]), pool, text)
        if pair is not None:
            for num in pair[0].links_to if isinstance(pair[0], _Summed) else [pair[0]]:
                rate.link("rate_of", num, "numerator")
            rate.link("rate_of", pair[1], "denominator")


class _Summed(Fact):
    """The facets of one count stated apart (`trước hạn 39.055, đúng hạn 1.505`), as one
    numerator: their sum, standing where the last of them stands."""

    links_to: list[Fact]


def _facets_summed(group: list[Fact], metric: str) -> list[Fact]:
    facets = [
        f for f in group if f.metric == metric and f.detail is not None and f.value is not None
    ]
    if len(facets) < 2 or len({f.detail for f in facets}) < len(facets):
        return group
    last = max(facets, key=lambda f: f.start or 0)
    summed = _Summed(
        metric,
        sum(f.value for f in facets),
        scope=last.scope,
        start=last.start,
        end=last.end,
        block_index=last.block_index,
        group=last.group,
    )
    summed.links_to = facets
    return [f for f in group if f not in facets] + [summed]


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
    one nearest before it."""
    if len({f.value for f in nums}) < 2 or rate.start is None:
        return nums
    before = [
        f
        for f in nums
        if f.start is not None and f.block_index == rate.block_index and f.start < rate.start
    ]
    return [max(before, key=lambda f: f.start or 0)] if before else nums


def _stated_pair(
    rate: Fact, rel: dict, group: list[Fact], pool: list[Fact], text: str
) -> tuple[Fact, Fact] | None:
    """The numerator and denominator stated with the rate: the pair the rate must match, or,
    when it matches some stated pairing, that pairing (a rate that holds is linked too)."""
    nums = _nearest_before(rate, _candidates(rel["numerator"], rate.scope, group, pool))
    if not nums:
        return None
    first = None
    for den_metric in rel["denominators"]:
        dens = _candidates(den_metric, rate.scope, group, pool)
        candidates = list(itertools.product(nums, dens))
        holding = [
            (n, d) for n, d in candidates if rate_holds(rate.value, n.value, d.value, rate.decimals)
        ]
        if holding:
            return holding[0]
        if first is None and candidates:
            first = candidates[0] if len(candidates) == 1 else False
    if (
        not first
        or _other_base_holds(rate, first, group)
        or _follows_another_figure(rate, group, text)
    ):
        return None
    return first


def _other_base_holds(rate: Fact, pair: tuple[Fact, Fact], group: list[Fact]) -> bool:
    """The rate matches its numerator over another count its sentence states (on time over
    resolved, resolved over eligible or new plus carried over): the base is not the one the
    catalog assumes, so the printed numbers show no error."""
    num, den = pair
    counts = [
        f
        for f in group
        if catalog.kind(f.metric) == "count" and f.scope == rate.scope and f.value and f is not num
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


def _follows_another_figure(rate: Fact, group: list[Fact], text: str) -> bool:
    """A rate is the share of the figure it follows: when a number no finder read stands
    between the last figure before the rate and the rate, the rate is that number's."""
    if rate.start is None or rate.source == "table":
        return False
    before = [
        f
        for f in group
        if f.start is not None
        and f.end is not None
        and f.block_index == rate.block_index
        and f.start < rate.start
        and f is not rate
    ]
    if not before:
        return False
    last = max(before, key=lambda f: f.start or 0)
    if last.end is None or last.end > rate.start or rate.start > len(text):
        return False
    gap = DATED.sub(" ", text[last.end : rate.start])
    return bool(FIGURE.search(gap))


# ------------------------------------------------------------------ sums


def _link_sum(key: str, rel: dict, group: list[Fact], text: str) -> None:
    totals = _values(group, rel["total"])
    parts = [_values(group, p) for p in rel["parts"]]
    if not totals or any(not p for p in parts):
        return
    total = totals[0]
    options = [_facets([f for f in p if f.scope == total.scope] or p) for p in parts]
    combos = [tuple(f for option in c for f in option) for c in itertools.product(*options)]
    combo = next(
        (c for c in combos if abs(sum(f.value for f in c) - total.value) < 1e-6), combos[0]
    )
    if abs(sum(f.value for f in combo) - total.value) >= 1e-6 and _not_this_totals_parts(
        total, combo, group, rel, text
    ):
        return
    for part in combo:
        part.link("part_of", total, key, complete=True)


def _facets(facts: list[Fact]) -> list[tuple[Fact, ...]]:
    """The choices for one part: each figure alone, or all its facets together when they are
    facets of one count (`Trước hạn` and `Đúng hạn` are both on time)."""
    details = {f.detail for f in facts}
    if len(facts) > 1 and None not in details and len(details) == len(facts):
        return [tuple(facts)]
    return [(f,) for f in facts]


def _not_this_totals_parts(
    total: Fact, combo: tuple[Fact, ...], group: list[Fact], rel: dict, text: str
) -> bool:
    """Parts that do not add up may still be no claim about this total: in a table row they
    break down another figure the row states; in prose they follow another total, or other
    listed items make up the shortfall."""
    got = sum(f.value for f in combo)
    if total.source == "table":
        return any(
            abs(f.value - got) < 1e-6
            for f in group
            if f.metric not in (total.metric, *rel["parts"]) and catalog.kind(f.metric) == "count"
        )
    return _shortfall_is_listed(total, combo, group) or _parts_follow_another_total(
        total, combo, group, rel, text
    )


def _parts_follow_another_total(
    total: Fact, combo: tuple[Fact, ...], group: list[Fact], rel: dict, text: str
) -> bool:
    """Listed parts break down the figure they follow: another count in the total's unit, or a
    phrase naming another whole (`not_between`), stands between the total and its parts; or
    the parts add up to another count stated before them with the total not between."""
    starts = [f.start for f in combo if f.start is not None]
    if total.start is None or total.end is None or not starts:
        return False
    first, got = min(starts), sum(f.value for f in combo)
    others = [
        f
        for f in group
        if f.start is not None
        and catalog.kind(f.metric) == "count"
        and f.metric != total.metric
        and f.metric not in rel["parts"]
    ]
    if any(
        f.start < first and abs(f.value - got) < 1e-6 and not f.start < total.start < first
        for f in others
    ):
        return True
    if total.start > first:
        return False
    if any(total.end <= f.start < first and f.unit == total.unit for f in others):
        return True
    between = fold(text[total.end : first]) if first <= len(text) else ""
    return any(fold(w) in between for w in rel.get("not_between", []))


def _shortfall_is_listed(total: Fact, combo: tuple[Fact, ...], group: list[Fact]) -> bool:
    """The parts fall short of the total by exactly other items the sentence lists (its other
    figures, or counts in the total's unit no finder named): the catalog's parts are not every
    category the text names."""
    shortfall = total.value - sum(f.value for f in combo)
    if shortfall <= 0:
        return False
    used = {id(f) for f in (total, *combo)}
    others = [
        f.value
        for f in group
        if id(f) not in used and catalog.kind(f.metric) == "count" and f.value
    ]
    others += _unread_counts(total)
    others = [v for v in others if 0 < v <= shortfall][:12]
    return any(
        abs(sum(c) - shortfall) < 1e-6 for n in (1, 2, 3) for c in itertools.combinations(others, n)
    )


def _unread_counts(total: Fact) -> list[float]:
    """Counts in the total's unit that its sentence prints (`50 đơn`, `05 vụ việc`)."""
    if not total.unit or not total.evidence:
        return []
    head = regex.escape(total.unit.split()[0])
    pattern = r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\d/.,])\s*" + head + r"\b"
    values = [
        float(m.group(1).replace(".", ""))
        for m in regex.finditer(pattern, total.evidence, flags=regex.I)
    ]
    if total.value in values:
        values.remove(total.value)
    return values


# ------------------------------------------------------------------ other bases


def _set_apart_other_bases(facts: list[Fact], groups: dict[str, list[Fact]], text: str) -> None:
    """The whole of an `a/b` that differs from the figure of its metric its sentence states is
    of another base when the words after it name one (`90/95 đơn đến hạn giải quyết`), when
    it is that figure plus the cases carried over, or when the sentence states several."""
    for group in groups.values():
        for whole in (f for f in group if f.role == "whole"):
            stated = [
                f
                for f in group
                if f.metric == whole.metric
                and f.scope == whole.scope
                and f.role is None
                and f.value != whole.value
            ]
            if stated and _another_base(whole, stated, group, text):
                whole.detail = OTHER_BASE


def _another_base(whole: Fact, stated: list[Fact], group: list[Fact], text: str) -> bool:
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
    folded = fold(after)
    return any(
        regex.search(r"^[^,;.()]{0,25}?(?<![\p{L}])" + regex.escape(fold(w)), folded)
        for w in _other_base_words()
    )
