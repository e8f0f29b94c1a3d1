"""rate_of: a rate stated with its own numerator and denominator (relations.toml `[[rate]]`).

The figures of one sentence, row or `a/b` pair, never a denominator guessed from elsewhere; not
when another base the sentence states makes the rate hold, nor when a number no finder read
stands between the numerator and the rate.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from functools import cache
from typing import Literal

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.links.rules import count_in_unit, values
from model import Fact, ValuedFact, are_facets, has_value, table_column_key
from normalizers.numbers import THOUSANDS, WHOLE_OR_DECIMAL, parse_number, rate_holds
from normalizers.text import alternation, fold

# a figure in the text between the numerator and the rate (not a percentage, not a date)
FIGURE = compiled(
    rf"(?<![\d/.,]){THOUSANDS}(?![\d/])|(?<![\d/.,]){WHOLE_OR_DECIMAL}(?![\d/.,]|\s*%)"
)


@cache
def _change_unit() -> regex.Pattern:
    """A change stated in points or steps (`cao hơn tháng trước 0,4 điểm phần trăm`)."""
    words = alternation(catalog.words("number_roles.toml", "change", "in_units"))
    return compiled(rf"(?i)\s*(?:{words})(?![\p{{L}}])")


@cache
def _dated() -> regex.Pattern:
    """A date or period (`năm 2023`, `ngày 15/6`): its digits are no figure."""
    words = alternation(catalog.words("number_roles.toml", "not_figure", "dated"))
    return compiled(rf"(?i)\b({words})\s+\d+(/\d+)*")


def link_rates(
    rel: dict,
    facts: list[Fact],
    groups: dict[str, list[ValuedFact]],
    text: str,
    columns: dict[str, list[ValuedFact]] | None = None,
) -> None:
    """Link each rate of `rel` to the numerator and denominator stated with it (in place): in
    its sentence or row, or, for a rate row of an indicator table, in the table's column."""
    blocks: dict[int | None, list[ValuedFact]] = defaultdict(list)
    for f in facts:
        if has_value(f) and f.source != "table" and f.qualifier == "exact":
            blocks[f.block_index].append(f)
    for rate in values(facts, rel["rate"]):
        if rate.qualifier != "exact" or not rate.group:
            continue
        group = groups.get(rate.group, [])
        if rate.source == "table" and not [f for f in group if f.metric == rel["numerator"]]:
            group = (columns or {}).get(table_column_key(rate) or "", group)
        named = rel.get("named_total") and any(
            fold(t) in fold(rate.evidence) for t in rel["named_total"]
        )
        pool = blocks.get(rate.block_index, []) if named else []
        if not pool and rate.source != "table" and _only_its_part(rate, rel, group):
            # `tiếp nhận 11 vụ việc. Kết quả: hòa giải thành 09 vụ việc, đạt 86,36%`: the
            # whole its paragraph stated once before, when the rate's sentence states the part
            pool = [
                f
                for f in blocks.get(rate.block_index, [])
                if f.start is not None and rate.start is not None and f.start < rate.start
            ]
            if not values(pool, rel["denominators"][0]) and rate.block_index is not None:
                # `Kết quả: đã giải quyết 635 hồ sơ; ...` then the next paragraph: `Số hồ sơ giải
                # quyết trước hạn, đúng hạn là 630 hồ sơ, đạt tỷ lệ 99,53%`
                pool += _blocks_back_to_the_whole(blocks, rate, rel["denominators"][0])
        if not pool and rate.source != "table":
            # `Đã giải quyết ...: 36/41 đơn tố cáo. Tỷ lệ giải quyết đơn tố cáo đạt 87,08%`
            block = _facets_summed(blocks.get(rate.block_index, []), rel["numerator"])
            pool = _pair_stated_before(rate, rel, group, block)
            if not pool and rate.block_index is not None:
                pool = _parts_stated_before(
                    rate, rel, group, block, blocks.get(rate.block_index - 1)
                )
        pair = _stated_pair(rate, rel, _facets_summed(group, rel["numerator"]), pool, text)
        if pair is not None:
            for num in pair[0].links_to if isinstance(pair[0], _Summed) else [pair[0]]:
                rate.link("rate_of", num, "numerator")
            rate.link("rate_of", pair[1], "denominator")


def _blocks_back_to_the_whole(
    blocks: dict[int | None, list[ValuedFact]], rate: ValuedFact, whole: str
) -> list[ValuedFact]:
    """The paragraph before the rate's; past items that break the whole down and their lead-in,
    to the one that states it (`27 vụ việc.` `Gồm:` `- đất đai: 09 vụ;` ... `thành 21 vụ, đạt`)."""
    out, at, items = [], (rate.block_index or 0) - 1, 0
    while at >= 0:
        block = blocks.get(at, [])
        out += block
        wholes = values(block, whole)
        if any(f.scope == rate.scope for f in wholes) or not (wholes or (items and block == [])):
            return out
        at, items = at - 1, bool(wholes)
    return out


def _only_its_part(rate: ValuedFact, rel: dict, group: list[ValuedFact]) -> bool:
    """The rate's sentence states its numerator and no other count in that unit (`Kết quả: hòa
    giải thành 09 vụ việc, đạt 86,36%`), so the whole it is a rate of stands before it."""
    parts = values(group, rel["numerator"])
    if len(parts) != 1 or not parts[0].unit:
        return False
    at = rate.evidence.find(rate.raw) if rate.raw else -1
    if at < 0:
        return False
    start = rate.evidence.rfind(";", 0, at) + 1
    end = rate.evidence.find(";", at)
    clause = rate.evidence[start : end if end >= 0 else len(rate.evidence)]
    unit = regex.escape(parts[0].unit.split()[0])
    counts = regex.findall(rf"(?<![\d/.,])\d[\d.]*\s*{unit}(?![\p{{L}}])", clause)
    return len(counts) == 1


def _pair_stated_before(
    rate: ValuedFact, rel: dict, group: list[ValuedFact], block: list[ValuedFact]
) -> list[ValuedFact]:
    """A rate whose sentence states neither its numerator nor its denominator is the rate of
    the one `a/b` pair of its relation the paragraph stated before it (rule: the rate of an
    `a/b` pair), never a choice among several."""
    if rate.start is None or any(f.unit != "%" for f in group):
        return []  # the rate's sentence states counts of its own
    text = _dated().sub(" ", rate.evidence)
    if any(not _change_unit().match(text, m.end()) for m in FIGURE.finditer(text)):
        return []  # ... or counts no finder read as exact (`tiếp nhận gần 9.400 hồ sơ`)
    nums = [
        f
        for f in block
        if f.metric == rel["numerator"]
        and f.scope == rate.scope
        and f.start is not None
        and f.start < rate.start
    ]
    if len(nums) != 1:
        return []
    paired = [
        k.other
        for k in nums[0].links
        if k.relation == "pair" and k.other.metric in rel["denominators"] and has_value(k.other)
    ]
    dens: list[ValuedFact] = [f for f in paired if has_value(f)] or [
        # `Hôn nhân và gia đình: 296 vụ việc, hòa giải thành 262 vụ việc. Tỷ lệ ... đạt 85,51%`
        f
        for f in block
        if f.group == nums[0].group and f.metric in rel["denominators"] and f.scope == rate.scope
    ]
    return [nums[0], *dens] if len(dens) == 1 else []


def _parts_stated_before(
    rate: ValuedFact,
    rel: dict,
    group: list[ValuedFact],
    block: list[ValuedFact],
    before: list[ValuedFact] | None,
) -> list[ValuedFact]:
    """A rate after a sentence or clause stating every catalog part of its base (`hòa giải
    thành 118 vụ, không thành 21 vụ, đang hòa giải 06 vụ. Tỷ lệ hòa giải thành đạt 87,6%`),
    with no base of its own: the rate of the numerator over the base stated before (in the
    paragraph before or earlier in its own), the one those parts add up to."""
    den = rel["denominators"][0]
    sums = [r for r in catalog.toml("relations.toml").get("sum", []) if r["total"] == den]
    parts_of_den = {m for r in sums for m in r["parts"]}
    # (alone, or beside those parts only: `Tính trên 8.912 hồ sơ đến hạn` makes another base's)
    if rate.start is None or any(f.unit != "%" and f.metric not in parts_of_den for f in group):
        return []
    if _counts_beside(rate, [f for f in [*group, *block] if f.group == rate.group], parts_of_den):
        return []
    earlier = [f for f in block if f.start is not None and f.start < rate.start and f.unit != "%"]
    last = (
        [f for f in earlier if f.group == max(earlier, key=lambda f: f.start or 0).group]
        if earlier
        else []
    )
    for r in sums:
        parts = [f for f in last if f.metric in r["parts"] and f.scope == rate.scope]
        if {f.metric for f in parts} != set(r["parts"]) or len(parts) != len(r["parts"]):
            continue
        total = sum(f.value for f in parts)
        nums = [f for f in parts if f.metric == rel["numerator"]]
        # (the base in the paragraph before, or earlier in the rate's own paragraph: `tiếp nhận
        # 64 vụ việc. Kết quả: thành 51, không thành 08, đang hòa giải 05; tỷ lệ ... 82,7%`)
        bases = [
            f
            for f in [*(before or []), *earlier]
            if f.metric == den
            and f.scope == rate.scope
            and f.value == total
            and f.period == rate.period
        ]
        if len(nums) == 1 and len(bases) == 1:
            return [nums[0], bases[0]]
    return []


def _counts_beside(rate: ValuedFact, group: list[ValuedFact], parts: set[str]) -> bool:
    """The rate's sentence prints a count that is none of the parts its group read (`Tính trên
    8.912 hồ sơ đến hạn trả kết quả, tỷ lệ ... đạt 99,75%`: the rate of that other base)."""
    read = {f.value for f in group if f.metric in parts}
    units = {f.unit.split()[0] for f in group if f.unit and f.unit != "%"} or {
        u.split()[0] for u in catalog.figure_units().units if u != "%"
    }
    return any(
        (parse_number(m.group(1)).value or 0) not in read
        for unit in units
        for m in count_in_unit(unit).finditer(rate.evidence)
    )


class _Summed(ValuedFact):
    """The facets of one count stated apart (`trước hạn 39.055, đúng hạn 1.505`), as one
    numerator: their sum, standing where the last of them stands."""

    links_to: list[ValuedFact]


def _facets_summed(group: list[ValuedFact], metric: str) -> list[ValuedFact]:
    facets = [
        f for f in group if f.metric == metric and f.detail is not None and f.value is not None
    ]
    if not are_facets(facets):
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


def _candidates(
    metric: str, rate: Fact, group: list[ValuedFact], pool: list[ValuedFact]
) -> list[ValuedFact]:
    """Figures of a metric stated with the rate, those of its own period when the sentence
    states several (`quý I, thụ lý 38 vụ, thành 29 vụ, đạt 76,32%; quý II, ...`); else, when
    the rate names the total, the one value its paragraph states (never a choice among
    several)."""
    stated = [f for f in values(group, metric) if f.scope == rate.scope]
    if stated:
        return [f for f in stated if f.period == rate.period] or stated
    in_pool = [f for f in values(pool, metric) if f.scope == rate.scope]
    return in_pool if len({f.value for f in in_pool}) == 1 else []


def _nearest_before(rate: Fact, nums: list[ValuedFact]) -> list[ValuedFact]:
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
    rate: ValuedFact, rel: dict, group: list[ValuedFact], pool: list[ValuedFact], text: str
) -> tuple[ValuedFact, ValuedFact] | None:
    """The numerator and denominator stated with the rate: the pair the rate must match, or,
    when it matches some stated pairing, that pairing (a rate that holds is linked too)."""
    paired = _pair_right_before(rate, rel, group, text)
    if paired is not None:
        if rate_holds(rate.value, paired[0].value, paired[1].value, rate.decimals):
            return paired
        if _other_base_holds(rate, paired, group) or _follows_another_figure(rate, group, text):
            return None
        return paired
    nums = _nearest_before(rate, _candidates(rel["numerator"], rate, group, pool))
    if not nums:
        return None
    first: tuple[ValuedFact, ValuedFact] | Literal[False] | None = None
    for den_metric in rel["denominators"]:
        dens = _candidates(den_metric, rate, group, pool)
        candidates = _its_pairs(nums, dens) or list(itertools.product(nums, dens))
        holding = [
            (n, d) for n, d in candidates if rate_holds(rate.value, n.value, d.value, rate.decimals)
        ]
        if holding:
            return holding[0]
        if first is None and candidates:
            # (one pairing, whatever figure states its value twice: `83 đơn ... trong 83 đơn`)
            distinct = {(n.value, d.value) for n, d in candidates}
            first = candidates[0] if len(distinct) == 1 else False
    if (
        not first
        or _other_base_holds(rate, first, group + [f for f in pool if f not in group])
        or _follows_another_figure(rate, group, text)
    ):
        return None
    return first


def _pair_right_before(
    rate: ValuedFact, rel: dict, group: list[ValuedFact], text: str = ""
) -> tuple[ValuedFact, ValuedFact] | None:
    """The `a/b` pair of the relation right before the rate, whatever scope each was given:
    `Chủ tịch UBND huyện giải quyết 11/13 vụ việc, đạt 84,62%` is the rate of 11/13; not a
    pair inside an aside closed before it (`402/437 đơn (cấp tỉnh 87/96 đơn; ...), đạt 93,2%`)."""
    if rate.start is None:
        return None
    before = [
        f
        for f in group
        if f.start is not None
        and f.block_index == rate.block_index
        and f.start < rate.start
        and f.unit != "%"
        and not _in_closed_aside(text[f.end or f.start : rate.start])
    ]
    if not before:
        return None
    last = max(before, key=lambda f: f.start or 0)
    for k in last.links:  # (a link's role is the figure's own role in the pair)
        if k.relation != "pair" or not has_value(k.other):
            continue
        num, den = (last, k.other) if k.role == "part" else (k.other, last)
        if num.metric == rel["numerator"] and den.metric in rel["denominators"]:
            return num, den
    return None


def _in_closed_aside(between: str) -> bool:
    """The text from a figure to the rate closes a parenthesis it does not open."""
    return between.count(")") > between.count("(")


def _its_pairs(
    nums: list[ValuedFact], dens: list[ValuedFact]
) -> list[tuple[ValuedFact, ValuedFact]]:
    """A numerator stated as an `a/b` pair has its denominator: `giải quyết 27/31 vụ việc, đạt
    89,10%; trong đó ... 11/13 vụ việc` (the 13 is no base of the first rate)."""
    return [
        (n, d) for n in nums for k in n.links if k.relation == "pair" for d in dens if k.other is d
    ]


def _other_base_holds(
    rate: ValuedFact, pair: tuple[ValuedFact, ValuedFact], group: list[ValuedFact]
) -> bool:
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


def _follows_another_figure(rate: Fact, group: list[ValuedFact], text: str) -> bool:
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
    gap = _dated().sub(" ", text[last.end : rate.start])
    return bool(FIGURE.search(gap))
