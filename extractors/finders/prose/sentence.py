"""One sentence through the prose finder's stages: its numbers (spans), each count's metric
(classify) unless its role leaves it out (roles, periods), the fact and the whole of its
`a/b` pair (facts), then its percentages (rates), its zeros (zeros) and the lists that break
a figure down (lists, breakdowns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, Rule, classify_metric, fold_for_cues
from extractors.finders.prose.breakdowns import apply_breakdowns
from extractors.finders.prose.classify import SIBLING, classify
from extractors.finders.prose.facts import (
    aside_metric,
    dedupe,
    make_fact,
    origin_aside,
    own_subject,
    part_of_same_metric,
    split_aside,
    split_metrics,
    whole_metric,
    whole_named,
)
from extractors.finders.prose.implied import delegation_with_persons, list_sibling
from extractors.finders.prose.kind_totals import all_of_one_kind, received_named_by_kind
from extractors.finders.prose.lists import breakdowns, is_outcome_label
from extractors.finders.prose.named_places import blank_place_names
from extractors.finders.prose.periods import (
    dated_carry_as_previous,
    opening_period,
    period_of,
    restated_between,
    spans_years,
)
from extractors.finders.prose.petition_types import kind_count, petition_types_in
from extractors.finders.prose.rate_pairs import pairs_after_rates
from extractors.finders.prose.rates import RateContext, base_of_share, rate_facts
from extractors.finders.prose.roles import (
    change_list_items,
    excluded,
    is_target_sentence,
    stated_change,
)
from extractors.finders.prose.sections import title_context
from extractors.finders.prose.sentences import Sentence, opens_breakdown
from extractors.finders.prose.slashed_pairs import sides_of_slashed_labels
from extractors.finders.prose.spans import Num, lead_unit, numbers_in, words_after
from extractors.finders.prose.zeros import zero_facts
from model import DocMeta, Fact
from normalizers.text import alternation, fold


@cache
def _delegation_metric() -> str:
    return catalog_files.table("prose.toml", "delegations", "metric")


@cache
def _dating() -> regex.Pattern:
    """The dating words of a head's clause (structure.toml [item] dating)."""
    words = catalog_files.toml("structure.toml")["item"]["dating"]
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{alternation(words)})(?![\p{{L}}])")


@dataclass
class _Reading:
    """One sentence as the stages read it; context, heading and topic are folded."""

    s: Sentence
    folded: str
    catalog: Catalog
    meta: DocMeta
    doc_year: int | None
    context: str
    heading: str
    topic: str
    nums: list[Num]
    facts: list[Fact] = field(default_factory=list)
    by_num: dict[int, str] = field(default_factory=dict)  # the metric each count was read as
    left_out: set[int] = field(default_factory=set)  # where counts stand that are no figures

    @property
    def text(self) -> str:
        return self.s.text

    @property
    def group(self) -> str:
        return f"b{self.s.block_index}s{self.s.number}"


def sentence_facts(
    s: Sentence,
    catalog: Catalog,
    meta: DocMeta,
    doc_year: int | None,
    context: str = "",
    heading: str = "",
    topic: str = "",
    previous_heads: list[Fact] | None = None,
    bare_list: bool = False,
) -> list[Fact]:
    """The facts one sentence states. `context` is the lead-in it continues, `heading` its
    section's heading; `topic` is the sentence before in the same paragraph: what it is about
    stands for what this sentence leaves unsaid (`Công tác tiếp công dân, xử lý đơn thư đạt
    nhiều kết quả. Tỉnh đã giải quyết 115/164 vụ việc`): it may satisfy a rule's `with` and
    `domain` groups, and then its `without` phrases count too. `previous_heads` are the
    counts of the sentence before, one of which a list opening this sentence breaks down;
    `bare_list`: the sentence may be nothing but the items of such a list (a footnote's)."""
    text = s.text
    folded = dated_carry_as_previous(blank_place_names(text, fold_for_cues(text)))
    if is_target_sentence(folded):
        return []  # `Phấn đấu tỷ lệ ... đạt 98%; tỷ lệ ... đạt 85%`: the whole list is targets
    if context and opens_breakdown(text) and spans_years(context):
        # `Sau hơn 2 năm ... đã tổ chức 98 cuộc. Trong đó, cấp huyện tổ chức 4 cuộc`: parts of a
        # multi-year total
        return []
    nums = [n for n in numbers_in(text, lead_unit(context, text)) if not n.skip]
    r = _Reading(
        s, folded, catalog, meta, doc_year, fold(context), fold(heading), fold(topic), nums
    )
    changes = change_list_items(nums, text)
    for n in nums:
        _read_count(r, n, changes)
    rates = RateContext(r.by_num, meta, doc_year, r.context, r.heading, r.topic)
    r.facts.extend(rate_facts(nums, s, folded, r.group, catalog, rates))
    r.facts.extend(zero_facts(text, s, r.group, catalog, f"{r.context} {r.heading}"))
    facts = r.facts
    _splits_of_the_named_whole(facts, text)  # (before the lists: their head is that whole)
    found = breakdowns(text, nums, bare_list)
    if found:
        reader = _StructureReader(s, r.group, catalog, meta, doc_year, folded, r.left_out)
        facts = apply_breakdowns(found, facts, reader, previous_heads or [])
    facts = pairs_after_rates(facts, nums, s, r.group, catalog)
    facts = all_of_one_kind(received_named_by_kind(facts, nums, folded), text)
    sides_of_slashed_labels(facts, text, r.context)  # `tiếp nhận/giải quyết 41.260/40.830 hồ sơ`
    opening = opening_period(text, meta, doc_year)  # `Riêng quý III năm 2023 (...), ...`
    period, since = opening if opening else (None, 0)
    for f in facts if period else []:
        if f.period is None and not restated_between(text, since, f.start or 0, doc_year, period):
            f.period = period
    _scoped_by_own_subject(facts, text)
    _rates_scoped_as_their_count(facts, text)
    _splits_of_the_named_whole(facts, text)
    return dedupe(facts)


@cache
def _whole_opener() -> regex.Pattern:
    words = catalog_files.table("prose.toml", "clause")["whole_openers"]
    return compiled(rf"(?i)\s*(?:{alternation(words)})\s+([^\d,;:.()]{{3,60}}),")


@cache
def _whole_by_dimension() -> regex.Pattern:
    words = catalog_files.words("prose.toml", "item_leads", "dimension_openers")
    return compiled(
        rf"(?i)\s*([^\d,;:.()]{{3,60}}?)\s+(?:{alternation(words)})\s+[^\d,;:.()]{{2,30}}:"
    )


def _splits_of_the_named_whole(facts: list[Fact], text: str) -> None:
    """`Trong số đơn tiếp nhận, đơn thuộc lĩnh vực đất đai là 71 đơn`, `Đơn thuộc thẩm quyền
    phân theo lĩnh vực: đất đai 31 đơn, ...`: topic splits under an opening that names their
    whole (and states no figure) are scoped facts of its metric."""
    m = _whole_opener().match(text) or _whole_by_dimension().match(text)
    if m is None:
        return
    for f in facts:
        if f.metric in split_metrics() and (f.start or 0) > m.end():
            f.metric = whole_named(m.group(1), f.unit) or f.metric


@cache
def _counts_of_rates() -> dict[str, frozenset[str]]:
    """{rate metric: the counts it is a rate of} (relations.toml [[rate]])."""
    bases: dict[str, set[str]] = {}
    for rel in catalog_files.toml("relations.toml").get("rate", []):
        bases.setdefault(rel["rate"], set()).update({rel["numerator"], *rel["denominators"]})
    return {rate: frozenset(counts) for rate, counts in bases.items()}


def _rates_scoped_as_their_count(facts: list[Fact], text: str) -> None:
    """`Cấp tỉnh giải quyết 29.402 hồ sơ, đúng hạn 99,65%; cấp huyện ...`: a rate after the
    count it measures, in that count's clause, is of the count's scope."""
    bases = _counts_of_rates()
    for rate in facts:
        if rate.scope is not None or rate.unit != "%" or rate.start is None:
            continue
        before = [
            f
            for f in facts
            if f.scope is not None
            and f.start is not None
            and f.start < rate.start
            and f.metric in bases.get(rate.metric, ())
            and ";" not in text[f.start : rate.start]
            and ")" not in text[f.start : rate.start]  # (a part in an aside closed before it)
        ]
        if before:
            rate.scope = max(before, key=lambda f: f.start or 0).scope


def _scoped_by_own_subject(facts: list[Fact], text: str) -> None:
    """`Riêng khối chính quyền các cấp có 71 mô hình`: the unscoped figures of a clause that
    opens with `riêng` and a subject are that subject's."""
    for m in own_subject().finditer(text):
        # (a topic, `Riêng tại <body>,`, holds for the sentence; a subject for its clause)
        end = -1 if text[m.end() - 1] == "," else text.find(";", m.end())
        for f in facts:
            inside = m.end() <= (f.start or -1) < (end if end >= 0 else len(text))
            if inside and f.scope is None and f.period is None:
                f.scope = " ".join(m.group("subject").split())


def _read_count(r: _Reading, n: Num, changes: set[int]) -> None:
    """The fact of one count (and the whole of its pair), unless no rule names it or its role
    leaves it out; a change it states against an earlier period is kept as `.change`."""
    if n.partner is not None and not n.is_numerator:
        return  # the whole of a pair is named after its part
    if n.unit == "%" and n.partner is None:
        return  # percentages are read by rate_facts, after the counts they may follow
    text = r.text
    item_of = list_sibling(n, text, r.nums, r.facts, r.catalog)
    sibling = item_of[0] if item_of else None
    named_by = (r.context, r.heading, r.topic, sibling, title_context(r.meta.title))
    metric, rule = classify(n, text, r.folded, r.catalog, *named_by)
    if rule is SIBLING and r.facts:
        # the next item of a list whose first figure only the heading named is named so too
        n.borrowed = any(m.borrowed for m in r.nums if m.start == r.facts[-1].start)
    persons = _persons_of_visits(r, n)
    if persons is not None:
        metric, rule = persons, None  # `tổng cộng 1.236 lượt/1.311 người`
    if metric is None and delegation_with_persons(n, text, r.folded, r.nums):
        metric, rule = _delegation_metric(), None  # `có 5 đoàn gồm 96 người đến khiếu nại`
    if metric is None or _an_outcome(n, text, metric):
        return
    if origin_aside(n, text, metric, r.facts):
        r.left_out.add(n.start)  # `giải quyết 07 đơn (05 đơn tiếp nhận trong quý, ...)`
        return
    metric = aside_metric(n, text, metric, r.facts)
    metric = kind_count(metric, r.folded, n, r.heading)
    split = split_aside(n, text, metric, r.facts)
    if split is not None:
        metric = split[0]
    if metric.endswith(".received") and base_of_share(text, n.start):
        # `(chiếm 73% trên tổng số 11.906 hồ sơ mức độ 3, 4)`: the base of a share, not what was
        # received
        return
    if id(n) in changes:
        return  # `giảm 146 lượt tiếp, 127 lượt người`: the whole list states changes
    if excluded(n, text, r.folded, metric):
        change = stated_change(n, text, metric, r.meta, r.catalog)
        if change is not None:
            r.facts.append(make_fact(f"{metric}.change", n, r.s, r.group, change[1], r.catalog))
            r.facts[-1].value = change[0]
        return
    period = period_of(n, text, r.meta, r.doc_year, metric)
    # (the persons of visits read as a figure go with them)
    same = split is None and persons is None and _restates_its_parent(r, n, metric, period)
    if same and period != "previous" and _restated_against_its_base(r, n, metric, rule, period):
        return
    if period == "previous" or same:
        return
    fact = make_fact(metric, n, r.s, r.group, period, r.catalog)
    if split is not None:
        fact.scope = split[1]
    r.facts.append(fact)
    if rule is SIBLING and item_of:
        fact.scope = item_of[1]
        rule = None
    r.by_num[id(n)] = metric
    if n.partner is not None and rule is not None and rule.denominator:
        _add_whole(r, n, fact, rule, period)


def _restates_its_parent(r: _Reading, n: Num, metric: str, period: str | None) -> bool:
    """A part in a parenthesis after a figure of its metric breaks that figure down; one of a
    shorter period is that period's figure (`267.077 hồ sơ (riêng quý III tiếp nhận 98.315
    hồ sơ)`)."""
    return period in (None, "previous") and part_of_same_metric(n, r.s.text, metric, r.facts)


def _restated_against_its_base(
    r: _Reading, n: Num, metric: str, rule: Rule | None, period: str | None
) -> bool:
    """`giải quyết 27 đơn (27/31 đơn thuộc thẩm quyền, đạt 89,1%)`: the pair says the count
    again against its base; the base is the whole of the count already read."""
    if n.partner is None or rule is None or not rule.denominator:
        return False
    twin = next((f for f in r.facts if f.metric == metric and f.value == n.value), None)
    if twin is None:
        return False
    r.by_num[id(n)] = metric
    _add_whole(r, n, twin, rule, period)
    return True


def _an_outcome(n: Num, text: str, metric: str) -> bool:
    """`khiếu nại đúng 04 đơn, đúng một phần 09 đơn, sai 18 đơn`: a petition count whose own
    item's words end in an outcome of a resolution counts that outcome, no figure of ours."""
    if n.unit == "%" or not metric.startswith(
        catalog_files.words("structure.toml", "outcome", "metrics")
    ):
        return False  # (`Tỷ lệ hài lòng: 98,5%` is the rate it says)
    start = max(text.rfind(c, 0, n.start) for c in ",;:(") + 1
    label = text[start : n.start]
    if not label.strip() and text[start - 1 : start] == ":":  # `- Các bên rút yêu cầu: 01 vụ`
        label = text[max(text.rfind(c, 0, start - 1) for c in ",;(") + 1 : start - 1]
    # (`10 vụ sai`; not a pair's: `610/618 lượt đánh giá hài lòng` states the satisfied)
    return is_outcome_label(label) or (n.partner is None and is_outcome_label(words_after(text, n)))


def _persons_of_visits(r: _Reading, n: Num) -> str | None:
    """The persons after `a lượt/`: of the kind of reception its visits count."""
    if n.visits is None or id(n.visits) not in r.by_num:
        return None
    return r.catalog.persons_of(r.by_num[id(n.visits)])


def _add_whole(r: _Reading, n: Num, part: Fact, rule: Rule, period: str | None) -> None:
    """`đã giải quyết 27/31 vụ`: the whole of a part's pair, of the rule's denominator metric
    (or the figure the sentence already stated with that value)."""
    if n.partner is None or n.partner.value is None or not rule.denominator:
        return
    part.role = "part"
    metric = _whole_named_after(r.text, n.partner, rule.denominator, part.metric) or whole_metric(
        rule.denominator, n.partner.value, r.facts
    )
    whole = make_fact(metric, n.partner, r.s, r.group, period, r.catalog)
    whole.role = "whole"
    part.link("pair", whole, "part")
    whole.link("pair", part, "whole")
    r.facts.append(whole)


WORDS_AFTER = compiled(r"[^,;:.()\d]{3,60}")  # (a colon opens the pair's parts)
# (a comma joining two kinds: `335/371 vụ việc khiếu nại, tố cáo thuộc thẩm quyền`)
WORDS_AFTER_PAST_COMMAS = compiled(r"[^;:.()\d]{3,60}")


def _whole_named_after(text: str, whole: Num, default: str, part: str) -> str | None:
    """`đã giải quyết 1.226/1.239 hồ sơ phải giải quyết trong kỳ`: the words after the pair
    name its whole (what was to be resolved), when they name another count of the family."""
    words = WORDS_AFTER.match(text, whole.unit_end)
    named = classify_metric(words.group(0), whole.unit) if words else None
    if named is not None and words is not None and text[words.end() : words.end() + 1] == ",":
        # (`335/371 vụ việc khiếu nại, tố cáo thuộc thẩm quyền`: a kind, a comma, another kind)
        longer = WORDS_AFTER_PAST_COMMAS.match(text, whole.unit_end)
        kinds = petition_types_in(fold(longer.group(0))) if longer else set()
        if longer is not None and len(kinds) > 1:
            named = classify_metric(longer.group(0), whole.unit)
    if named is None or named == part:
        return None
    return named if catalog_files.family(named) == catalog_files.family(default) else None


@dataclass
class _StructureReader:
    """The prose finder as the structure stage sees it (lists.SentenceReader)."""

    sentence: Sentence
    group: str
    catalog: Catalog
    meta: DocMeta
    doc_year: int | None
    folded: str
    left_out: set[int] = field(default_factory=set)

    def make_fact(self, metric: str, num: Num) -> Fact:
        return make_fact(metric, num, self.sentence, self.group, None, self.catalog)

    def names(self, label: str, num: Num) -> str | None:
        return classify_metric(label, num.unit)

    def names_under(self, label: str, num: Num, head: Num) -> str | None:
        """An item's metric read with the words of its head's clause before it: `công bố 11
        TTHC, gồm: mới 03` reads `công bố mới`."""
        text = self.sentence.text
        start = max(text.rfind(mark, 0, head.start) for mark in ",;:.") + 1
        words = _dating().sub(" ", text[start : head.start])
        return classify_metric(f"{words} {label}", num.unit or head.unit)

    def excluded(self, num: Num, metric: str) -> bool:
        text = self.sentence.text
        return (
            num.start in self.left_out
            or excluded(num, text, self.folded, metric)
            or (period_of(num, text, self.meta, self.doc_year, metric) == "previous")
        )

    def rate_metric(self, metric: str) -> str | None:
        rule = next((r for r in self.catalog.rules if r.metric == metric and r.rate), None)
        return rule.rate if rule else None
