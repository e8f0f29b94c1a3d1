"""The metric a figure is of: its cues scored against the catalog's rules (metrics.toml).

Each rule names the units it accepts and groups of cue phrases: every `near` group must
stand before the figure (the nearest cue counts, a cue in another clause counts less),
`after` groups right after it, `then` groups in the predicate clause after its comma, `with`
and `domain` groups anywhere in the sentence (or in the sentence before, its topic); `without`
phrases in the figure's clause rule the rule out. The words right after the unit (the
descriptor) and the clause's subject count as near; the section heading only when nothing in
the sentence names the figure. The best score wins, a narrower rule over the generic one it
refines when its cue stands close enough. Scoring weights are settings (settings.toml [prose]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import (
    Catalog,
    Rule,
    any_cue,
    find_cue,
    first_cue_offsets,
    group_may_match,
    last_cue_before,
)
from extractors.finders.prose.clause import (
    CLAUSE_BREAK,
    closed_asides_blanked,
    descriptor,
    first_cue_in,
    lead_of_labelled_rates,
    mask_descriptors,
    own_item_start,
    phrase_commas_blanked,
    prefer_own_clause,
    right_of,
    series_predicate,
    subject_before,
    subject_clause_start,
    subject_distance,
    to_clause_end,
    topic_kind,
    topic_lead,
)
from extractors.finders.prose.item_labels import colon_label
from extractors.finders.prose.petition_types import (
    combined_types,
    heading_type,
    type_near,
    type_of_earlier_figures,
)
from extractors.finders.prose.predicates import predicate_after, then_distances
from extractors.finders.prose.ranks import RankRule, rank_metric
from extractors.finders.prose.spans import Num
from normalizers.text import alternation

LETTER = compiled(r"\p{L}")
DIGIT = compiled(r"\d")
SIBLING = object()  # the rule marker of a figure read as the next item of a list


def classify(
    n: Num,
    text: str,
    folded: str,
    catalog: Catalog,
    context: str = "",
    heading: str = "",
    topic: str = "",
    sibling: str | None = None,
    themes: str = "",
):
    """(metric, rule) of the best rule for a number, (None, None) when none names it.
    The section heading counts for `with` groups, and for `near` groups only when nothing in
    the sentence names the figure (`Tổng số: 120 lượt` under `1. Công tác tiếp công dân`)."""
    best = _best_rule(n, folded, catalog, _Context(context, heading, topic, themes=themes), text)
    if best is None and sibling:
        return sibling, SIBLING  # an item of a list whose first figure the sentence names
    if best is None and (heading or context):
        borrowed = _Context(
            (context + " " + heading).strip(), heading, topic, fallback=True, themes=themes
        )
        best = _best_rule(n, folded, catalog, borrowed, text)
        n.borrowed = best is not None
    if best is None and n.partner is not None and n.is_numerator:
        n.partner, n.is_numerator = None, False
        return classify(n, text, folded, catalog, context, heading, topic, themes=themes)
    if best is None:
        return best, None
    generic = getattr(best, "refines", None)
    if generic and _totals_before().search(folded, 0, n.start):
        best = catalog.rule_for(generic) or best  # `tổng cộng 1.236 lượt`: all visits
    return best.metric, best


@cache
def _totals_before() -> regex.Pattern:
    """A total word opening the figure's clause (`; tổng cộng 1.236 lượt`; not `709 lượt, tổng
    cộng 741 người`: the persons of those visits)."""
    words = alternation(catalog_files.words("prose.toml", "totals", "words"), folded=True)
    return compiled(rf"(?:^|[;:]\s*)(?:{words})\s*:?\s*$")


@cache
def _sums_up_pattern() -> regex.Pattern:
    words = alternation(catalog_files.words("prose.toml", "totals", "across"), folded=True)
    return compiled(rf"\W*(?:{words})(?!\w)")


def _sums_up(folded: str) -> bool:
    """The sentence opens by summing up the items before it (`Tổng cộng đã giải quyết ...`)."""
    return _sums_up_pattern().match(folded) is not None


@dataclass(frozen=True)
class _Context:
    """What stands outside the sentence: the lead-in or list context, the section heading,
    the sentence before (topic); `fallback` when the context stands in for the sentence."""

    context: str
    heading: str
    topic: str
    fallback: bool = False
    themes: str = ""  # the document's title (folded): `with` groups of `title_with` rules, domains


@dataclass
class _View:
    """What the classifier reads around one number (all on folded text)."""

    n: Num
    folded: str
    anchor: int  # where the number (or its pair) starts
    tail: int  # where its unit (or its pair's) ends
    clause: str  # the clause before it
    ruled_out_in: str  # where `without` phrases rule a rule out
    right: str  # the words right after it, up to the next figure or predicate
    descr: str
    unit_words: str  # the unit's words name the figure too: `ba buổi tiếp công dân`
    inherited: str | None  # the petition type earlier figures or the heading name
    masked: str
    subject: str
    subject_d: int
    topic: str  # the sentence's topic lead before its colon (`đối với ...:`), if any
    whole: str  # context, heading and sentence: where `with` groups may stand
    weights: dict  # settings.toml [prose]
    around: str = ""  # where `without` phrases stand: the clause, the unit, the words after
    carried: str = ""  # the predicate of a semicolon series this item continues


def _view(n: Num, folded: str, ctx: _Context) -> _View:
    anchor = min(n.start, n.partner.start) if n.partner is not None else n.start
    tail = max(n.unit_end, n.partner.unit_end) if n.partner is not None else n.unit_end
    folded = closed_asides_blanked(folded, anchor)
    left = folded[:anchor]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(phrase_commas_blanked(left))]
    clause = left[breaks[-1] if breaks else 0 :]
    carried = (
        series_predicate(left)
        if n.partner is not None
        and breaks
        and left[breaks[-1] - 1] == ";"
        and not LETTER.search(clause)
        else ""
    )  # (an item of a series of pairs: `; 36/41 đơn tố cáo; 85/88 đơn ...`)
    if not carried and n.unit == "%" and breaks and left[breaks[-1] - 1] == ";":
        carried = lead_of_labelled_rates(left, clause)
    # `trực tiếp tại quầy 5.832 hồ sơ và qua bưu chính 909 hồ sơ`: a figure before this one in
    # its clause ends what that figure's words exclude
    ruled_out_in = colon_label(left) + " " + clause[own_item_start(clause) :]
    if n.unit == "%" and breaks and left[breaks[-1] - 1] == "(":
        # `tỷ lệ hồ sơ giải quyết trước hạn (chiếm 99%)`: what a parenthesised share measures stands
        # before it
        ruled_out_in = left[(breaks[-2] if len(breaks) > 1 else 0) :]
    subject = subject_before(folded, anchor)
    right, descr = right_of(folded, tail), descriptor(n, folded, tail)
    return _View(
        n=n,
        folded=folded,
        anchor=anchor,
        tail=tail,
        clause=clause,
        ruled_out_in=ruled_out_in,
        right=right,
        descr=descr,
        unit_words=folded[n.end : n.unit_end],
        inherited=type_of_earlier_figures(folded, anchor)
        or topic_kind(folded, anchor)
        or (None if _sums_up(folded) else heading_type(ctx.heading, left)),
        masked=mask_descriptors(folded, anchor),
        subject=subject,
        subject_d=subject_distance(subject),
        topic=topic_lead(folded, anchor),
        # (not the clauses after the figure's: `12 vụ việc (...); không có vụ việc chậm giải
        # quyết, để kéo dài` is no count of protracted cases)
        whole=ctx.context + " " + ctx.heading + " " + to_clause_end(folded, tail),
        weights=catalog_files.prose_weights(),
        around=" ".join((ruled_out_in, folded[n.end : n.unit_end], right, descr)),
        carried=carried,
    )


def _best_rule(n: Num, folded: str, catalog: Catalog, ctx: _Context, text: str):
    rank = rank_metric(n, text, folded)
    if rank:
        return RankRule(rank)
    if n.unit is None:
        return None
    v = _view(n, folded, ctx)
    w = v.weights
    best = None
    scored: list = []
    predicate: str | None = None  # the clause after the figure's comma (prose/predicates.py)
    for rule in catalog.rules:
        if _ruled_out(rule, v):
            continue
        near = _near_distances(rule, v, ctx)
        after = first_cue_offsets(rule.after, v.descr) if near is not None else None
        if after and rule.reach == "sentence":  # (a share's long subject: `100% cơ quan ...`)
            after = [min(d, 10 + d / 20) for d in after]
        if rule.then and predicate is None:  # (asked only of the few rules that look there)
            predicate = predicate_after(v.folded, v.tail)
        then = None if after is None else then_distances(rule.then, rule.without, predicate or "")
        if near is None or after is None or then is None:
            continue
        if _outside_topic(rule, v, ctx) or _other_type(rule, v):
            continue
        dists, cue_len = near[0] + after + then, near[1]
        score = (
            len(rule.near)
            + len(rule.after)
            + len(rule.then)
            + w["with_weight"] * len(rule.with_)
            - max(dists, default=0) / w["distance_per_point"]
        )
        # at one distance the longer cue wins (`đủ điều kiện xử lý` over `xử lý`), a split by
        # topic loses (`còn 01 đơn tranh chấp đất ... đang xác minh`: pending, about a dispute)
        score += cue_len / 1000 - (w["split_tie"] if rule.metric in w["splits"] else 0)
        if rule.near_type:
            score += w["near_type_bonus"]  # of one petition type: narrower than for all petitions
        scored.append((score, rule))
        if best is None or score > best[0]:
            best = (score, rule)
    best = _prefer_refinement(
        best, [(s, r) for s, r in scored if _in_its_clause(r, v, ctx)], w["min_score"]
    )
    own = v.unit_words + " " + v.descr
    best = prefer_own_clause(best, scored, v.folded, v.anchor, own, w["min_score"])
    if best is not None and best[0] < w["min_score"]:
        best = None  # the nearest cue is too far away to name this number
    return best[1] if best else None


def _ruled_out(rule: Rule, v: _View) -> bool:
    """The rule does not take this unit, or a phrase it excludes stands in the clause."""
    n, folded = v.n, v.folded
    if rule.units and n.unit not in rule.units:
        return True
    # `a/b`: a is a part of b, so a rule that names a part (it has a denominator) reads it
    if n.partner is not None and n.is_numerator and not rule.denominator:
        return True
    if any_cue(v.around, rule.without) or (
        rule.outside and any_cue(_opening(folded), rule.outside)
    ):
        return True  # (`- Tòa án nhân dân hai cấp thụ lý ...`: the sentence is another body's)
    # `Ở cấp tỉnh tiếp 197 lượt, trong đó: khiếu nại 52 lượt`: visits of one kind, not all visits
    return bool(
        rule.without_before
        and any_cue(v.clause, rule.without_before)
        and not combined_types(folded[max(0, v.anchor - 40) : v.anchor])
    )


def _opening(folded: str) -> str:
    """The sentence's words before its first figure: its subject."""
    m = DIGIT_RUN.search(folded)
    return folded[: m.start()] if m else folded


DIGIT_RUN = compiled(r"\d")


def _near_distances(rule: Rule, v: _View, ctx: _Context) -> tuple[list[float], int] | None:
    """The distance of each `near` group's nearest cue and the longest cue's length; None when
    a group stands too far or nowhere."""
    w = v.weights
    dists: list[float] = []
    cue_len = 0
    for g in rule.near:
        d: float | None
        d, length = nearest_cue_before(v.masked, g, v.anchor, w["clause_crossing"])
        cue_len = max(cue_len, length)
        d_tail = first_cue_in(v.descr, g)
        if d_tail is None and first_cue_in(v.unit_words, g) is not None:
            d_tail = 0
        if d_tail is not None and (d is None or d_tail <= d):
            # the words right after the unit name the figure: `6 đơn kiến nghị`
            d = max(d_tail - 0.5, 0)
        if rule.reach == "sentence" and d is not None:
            d = min(d, 10 + d / 20)  # far is fine, nearer still wins
        if v.subject and d is not None and d > v.subject_d and any_cue(v.subject, g):
            d = v.subject_d  # `Tỷ lệ hài lòng của người dân, tổ chức đối với ... đạt 98,6%`
        fallback = w["fallback_distance"]
        if v.topic and (d is None or d > fallback) and any_cue(v.topic, g):
            d = fallback  # `Đối với các vụ việc phức tạp: ..., có 09 vụ việc`
        if d is None and ctx.context:
            d = last_cue_before(ctx.context, g, len(ctx.context))
            d = None if d is None else (fallback if ctx.fallback else d + v.anchor + 20)
        carried = last_cue_before(v.carried, g, len(v.carried)) if v.carried else None
        if carried is not None and (d is None or carried < d):
            d = float(carried)  # the predicate of the series the item continues
        if d is None or (d > w["near_limit"] and rule.reach != "sentence"):
            return None
        dists.append(d)
    return dists, cue_len


def _outside_topic(rule: Rule, v: _View, ctx: _Context) -> bool:
    """A `with` or `domain` group the sentence lacks must stand in its topic (the sentence
    before), and then that topic's `without` phrases count too."""
    titled = rule.domain + (rule.with_ if rule.title_with else ())  # (a report on petitions)
    borrowed = [
        g
        for g in rule.with_ + rule.domain
        if not any_cue(v.whole, g) and not (g in titled and any_cue(ctx.themes, g))
    ]
    return bool(borrowed) and (
        not all(any_cue(ctx.topic, g) for g in borrowed)
        or (any_cue(ctx.topic, rule.without) and not _topic_states_it(rule, ctx.topic))
    )


def _topic_states_it(rule: Rule, topic: str) -> bool:
    """The topic names the rule's figure by a cue of its own (`các tổ hòa giải tiếp nhận 1.214
    vụ việc; hòa giải thành ...`): what it rules out elsewhere in it does not rule the rule out."""
    with_cues = {c for g in rule.with_ for c in g}
    return any(any_cue(topic, tuple(c for c in g if c not in with_cues)) for g in rule.near)


def _other_type(rule: Rule, v: _View) -> bool:
    """A rule of one petition type for a figure of another type, or of every type."""
    if not rule.near_type:
        return False
    # (inside a parenthesis, from its opening: `140 vụ việc khiếu nại, tố cáo, ... (khiếu nại 23
    # vụ việc, tố cáo 06 vụ việc, ...)`: the head's kinds together are no item's)
    opened = v.folded.rfind("(", 0, v.anchor)
    start = opened + 1 if opened > v.folded.rfind(")", 0, v.anchor) else 0
    return (
        combined_types(v.folded[max(start, v.anchor - 80) : v.tail + 40])
        or type_near(v.clause, v.right, v.inherited) != rule.near_type
    )


def nearest_cue_before(
    folded: str, cues: tuple[str, ...], limit: int, crossing: int
) -> tuple[int | None, int]:
    """(distance, length) of the nearest cue of a group ending before `limit`; longer first at a
    tie; a cue in another clause (past a `;`) counts `crossing` characters further away."""
    best = None
    text = folded[:limit]
    if not group_may_match(text, cues):
        return (None, 0)
    for cue in cues:
        for st, e in find_cue(text, cue):
            d = limit - e + crossing * folded.count(";", e, limit)
            key = (d, -(e - st))
            if best is None or key < best:
                best = key
    return (best[0], -best[1]) if best else (None, 0)


def _in_its_clause(rule: Rule, v: _View, ctx: _Context) -> bool:
    """Every `near` group of a refinement stands in the figure's own `;` clause or right after it
    (`Chủ tịch UBND tỉnh tiếp định kỳ ... 36 lượt; các sở, ngành tiếp 55 lượt`: no leader's)."""
    if not getattr(rule, "refines", None):
        return True
    cut = subject_clause_start(v.folded, v.anchor)
    own = v.folded[cut : v.anchor] if cut > 0 else f"{ctx.context} {v.folded[: v.anchor]}"
    after = v.unit_words + " " + v.descr
    return all(any_cue(own, g) or any_cue(after, g) for g in rule.near)


def _prefer_refinement(best, scored, min_score: float):
    """A generic reception figure is the narrower one when that one's cue stands close enough."""
    if best is None:
        return best
    refinements = [
        (sc, r)
        for sc, r in scored
        if getattr(r, "refines", None) == best[1].metric and sc >= min_score
    ]
    return max(refinements, key=lambda x: x[0]) if refinements else best
