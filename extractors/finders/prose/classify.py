"""Classify."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.finders.cues import (
    Catalog,
    any_cue,
    find_cue,
    last_cue_before,
)
from extractors.finders.prose.clause import (
    COMBINED_TYPES,
    NEW_PREDICATE,
    NUMBER_START,
    descriptor,
    first_cue_in,
    mask_descriptors,
    single_type,
    subject_before,
    subject_distance,
    type_near,
    type_of_earlier_figures,
)
from extractors.finders.prose.ranks import rank_metric
from extractors.finders.prose.spans import Num, unit_kind
from model import Fact
from normalizers.text import fold

NEAR_LIMIT = 150  # a cue further than this before the number does not name it


MIN_SCORE = -0.5  # one cue group 60 characters away; further, a number is not read as that figure


CLAUSE_BREAK = regex.compile(r"[,;()]")


CLAUSE_CROSSING = 30


FALLBACK_DISTANCE = 20  # a cue found only in the section heading


def classify(
    n: Num,
    text: str,
    folded: str,
    catalog: Catalog,
    context: str = "",
    heading: str = "",
    topic: str = "",
    sibling: str | None = None,
):
    """The best rule for a number: every `near` group before it (nearest counts), `after`
    groups right after it, `with` groups anywhere; `without` phrases in its own clause.
    The section heading counts for `with` groups, and for `near` groups only when nothing in
    the sentence names the figure (`Tổng số: 120 lượt` under `1. Công tác tiếp công dân`)."""
    best = _best_rule(n, text, folded, catalog, context, heading, topic=topic)
    if best is None and sibling:
        return sibling, SIBLING  # an item of a list whose first figure the sentence names
    if best is None and (heading or context):
        best = _best_rule(
            n,
            text,
            folded,
            catalog,
            (context + " " + heading).strip(),
            heading,
            fallback=True,
            topic=topic,
        )
    if best is None and n.partner is not None and n.is_numerator:
        n.partner, n.is_numerator = None, False
        return classify(n, text, folded, catalog, context, heading, topic)
    if best is None:
        return best, None
    return best.metric, best


SIBLING = object()  # the rule marker of a figure read as the next item of a list


# what stands between two items of one list: a separator, then the next item's label
LIST_ITEM_GAP = regex.compile(
    r"(?i)\s*(?:[;,]|\(|,?\s*trong\s+đó:?|,?\s*gồm:?|,?\s*cụ\s+thể:?)\s*(?:trong\s+đó:?\s*|gồm:?\s*)?"
    r"([^\d;:()]{2,80}?)\s*(?:là|có|được)?\s*:?\s*$"
)


def list_sibling(
    n: Num, text: str, nums: list[Num], earlier: list[Fact], catalog: Catalog
) -> tuple[str, str] | None:
    """(metric, scope) of a figure that continues a list of counts by part: `là 1.962 thủ tục,
    trong đó cấp tỉnh 1.528, cấp huyện 286`, `... là 104 vụ, các tranh chấp về hôn nhân gia đình là
    26 vụ`: an item without a cue of its own counts what the list's figure before it counts, for
    the part its label names."""
    if n.unit is None or n.unit == "%" or n.partner is not None or not earlier:
        return None
    prev_fact = earlier[-1]
    if (
        prev_fact.role == "whole"
        or prev_fact.start is None
        or catalog.kind_of(prev_fact.metric) != "count"
    ):
        return None
    prev = next((m for m in nums if m.start == prev_fact.start), None)
    if prev is None or any(not m.skip and prev.start < m.start < n.start for m in nums):
        return None
    if unit_kind(prev.unit or "") != unit_kind(n.unit):
        return None
    gap = LIST_ITEM_GAP.fullmatch(text, prev.unit_end, n.start)
    if not gap:
        return None
    label = regex.sub(r"\s+", " ", gap.group(1)).strip(" ,")
    if not regex.search(r"\p{L}", label):
        return None
    folded_label = fold(label)
    if not any(
        n.unit in r.units
        and not any(find_cue(folded_label, w) for w in r.without + r.without_before)
        for r in catalog.rules
        if r.metric == prev_fact.metric
    ):
        return None  # `tiếp 412 lượt, trong đó: khiếu nại 37 lượt`: a part the metric's rules leave out
    return prev_fact.metric, label


def _best_rule(
    n: Num,
    text: str,
    folded: str,
    catalog: Catalog,
    context: str,
    heading: str,
    fallback: bool = False,
    topic: str = "",
):
    rank = rank_metric(n, text, folded)
    if rank:
        return RankRule(rank)
    if n.unit is None:
        return None
    anchor = min(n.start, n.partner.start) if n.partner is not None else n.start
    tail = max(n.unit_end, n.partner.unit_end) if n.partner is not None else n.unit_end
    left = folded[:anchor]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(left)]
    clause = left[breaks[-1] if breaks else 0 :]
    ruled_out_in = clause
    if n.unit == "%" and breaks and left[breaks[-1] - 1] == "(":
        # `tỷ lệ hồ sơ giải quyết trước hạn (chiếm 99%)`: what a parenthesised share measures stands before it
        ruled_out_in = left[(breaks[-2] if len(breaks) > 1 else 0) :]
    nxt = CLAUSE_BREAK.search(folded, tail)
    following = NUMBER_START.search(
        folded, tail
    )  # the words after a figure end where the next figure starts
    # ... or where a new predicate starts: `tiếp nhận 629 vụ việc và đã hòa giải thành công 372 vụ việc`
    predicate = NEW_PREDICATE.search(folded, tail)
    right = folded[
        tail : min(
            tail + 30,
            nxt.start() if nxt else len(folded),
            following.start() if following else len(folded),
            predicate.start() if predicate else len(folded),
        )
    ]
    if regex.match(r"\s*va(?![\p{L}])", right):
        right = (
            ""  # `tố cáo 43 đơn và kiến nghị 202 đơn`: what follows `và` is the next item's kind
        )
    stop = regex.compile(r"[;.]").search(folded, tail)
    right_long = folded[tail : min(tail + 45, stop.start() if stop else len(folded))]
    descr = descriptor(n, folded, tail)
    unit_words = folded[n.end : n.unit_end]  # they name the figure too: `ba buổi tiếp công dân`
    inherited = type_of_earlier_figures(folded, anchor) or single_type(heading)
    masked = mask_descriptors(folded, anchor)
    subject = subject_before(folded, anchor)
    subject_d = subject_distance(subject)
    whole = context + " " + heading + " " + folded
    best = None
    scored: list = []
    # `a/b`: a is a part of b, so a rule that names a part (it has a denominator) reads it
    part_rules_only = n.partner is not None and n.is_numerator
    for rule in catalog.rules:
        if rule.units and n.unit not in rule.units:
            continue
        if part_rules_only and not rule.denominator:
            continue
        if any(
            find_cue(ruled_out_in + " " + folded[n.end : n.unit_end] + " " + right + " " + descr, w)
            for w in rule.without
        ):
            continue
        if (
            rule.without_before
            and any(find_cue(clause, w) for w in rule.without_before)
            and not COMBINED_TYPES.search(folded[max(0, anchor - 40) : anchor])
        ):
            continue  # `Ở cấp tỉnh tiếp 197 lượt, trong đó: khiếu nại 52 lượt`: visits of one kind, not all visits
        dists = []
        ok = True
        cue_len = 0
        for g in rule.near:
            d, length = nearest_cue_before(masked, g, anchor)
            cue_len = max(cue_len, length)
            d_tail = first_cue_in(descr, g)
            if d_tail is None and first_cue_in(unit_words, g) is not None:
                d_tail = 0
            if d_tail is not None and (d is None or d_tail <= d):
                d = max(
                    d_tail - 0.5, 0
                )  # the words right after the unit name the figure: `6 đơn kiến nghị`
            if rule.reach == "sentence" and d is not None:
                d = min(d, 10 + d / 20)  # far is fine, nearer still wins
            if subject and d is not None and d > subject_d and any_cue(subject, g):
                d = subject_d  # `Tỷ lệ hài lòng của người dân, tổ chức đối với ... đạt 98,6%`
            if d is None and context:
                d = last_cue_before(context, g, len(context))
                d = None if d is None else (FALLBACK_DISTANCE if fallback else d + anchor + 20)
            if d is None or (d > NEAR_LIMIT and rule.reach != "sentence"):
                ok = False
                break
            dists.append(d)
        if not ok:
            continue
        for g in rule.after:
            hits = [st for c in g for st, _ in find_cue(descr, c)]
            if not hits:
                ok = False
                break
            dists.append(min(hits))
        if not ok:
            continue
        borrowed = [g for g in rule.with_ + rule.domain if not any_cue(whole, g)]
        if borrowed and (
            not all(any_cue(topic, g) for g in borrowed)
            or any(find_cue(topic, w) for w in rule.without)
        ):
            continue
        if rule.near_type and (
            COMBINED_TYPES.search(folded[max(0, anchor - 80) : tail + 40])
            or type_near(clause, right, inherited) != rule.near_type
        ):
            continue
        score = (
            len(rule.near) + len(rule.after) + 0.5 * len(rule.with_) - max(dists, default=0) / 40
        )
        score += (
            cue_len / 1000
        )  # at one distance the longer cue wins: `đủ điều kiện xử lý` over `xử lý`
        if rule.near_type:
            score += 0.25  # of one petition type: narrower than the rule for all petitions
        scored.append((score, rule))
        if best is None or score > best[0]:
            best = (score, rule)
    best = _prefer_refinement(best, scored)
    if best is not None and best[0] < MIN_SCORE:
        best = None  # the nearest cue is too far away to name this number
    return best[1] if best else None


@dataclass
class RankRule:
    """A rank of a published index (`xếp hạng 27/63`): read by its own cue, not by a rule."""

    metric: str
    denominator: str | None = None
    rate: str | None = None


def nearest_cue_before(folded: str, cues: tuple[str, ...], limit: int) -> tuple[int | None, int]:
    """(distance, length) of the nearest cue of a group ending before `limit`; longer first at a tie."""
    best = None
    for cue in cues:
        for st, e in find_cue(folded[:limit], cue):
            d = (
                limit - e + CLAUSE_CROSSING * folded.count(";", e, limit)
            )  # another clause's cue is weaker
            key = (d, -(e - st))
            if best is None or key < best:
                best = key
    return (best[0], -best[1]) if best else (None, 0)


def _prefer_refinement(best, scored):
    """A generic reception figure is the narrower one when that one's cue stands close enough."""
    if best is None:
        return best
    refinements = [
        (sc, r)
        for sc, r in scored
        if getattr(r, "refines", None) == best[1].metric and sc >= MIN_SCORE
    ]
    return max(refinements, key=lambda x: x[0]) if refinements else best


# `có 5 đoàn gồm 96 người`: a delegation count followed by its persons, in a sentence about reception
DELEGATION_PERSONS_GAP = regex.compile(
    r"(?i)\s*,?\s*(?:gồm|với|có|tổng\s+số|tổng\s+cộng)?\s*(?:\(\s*)?(?:[\p{L}]+\s+)?"
)


RECEPTION_WORDS = (
    "tiếp",
    "tiếp công dân",
    "tiếp dân",
    "đông người",
    "khiếu nại",
    "tố cáo",
    "kiến nghị",
    "phản ánh",
    "khiếu kiện",
)


NOT_RECEPTION_TEAMS = ("kiểm tra", "giám sát", "thanh tra", "công tác", "đoàn viên", "khảo sát")


def delegation_with_persons(n: Num, text: str, folded: str, nums: list[Num]) -> bool:
    if n.unit not in ("đoàn", "lượt đoàn") or n.partner is not None:
        return False
    later = [m for m in nums if m.start > n.start and not m.skip]
    if (
        not later
        or later[0].unit not in ("người", "lượt người", "công dân")
        or not DELEGATION_PERSONS_GAP.fullmatch(text, n.unit_end, later[0].start)
    ):
        return False
    clause_start = max(folded.rfind(c, 0, n.start) for c in ";.:")
    return any_cue(folded, RECEPTION_WORDS) and not any_cue(
        folded[clause_start + 1 : later[0].unit_end], NOT_RECEPTION_TEAMS
    )
