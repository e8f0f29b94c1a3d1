"""Sentence."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.finders.cues import (
    Catalog,
    classify_metric,
)
from extractors.finders.prose.breakdowns import apply_breakdowns
from extractors.finders.prose.classify import (
    SIBLING,
    classify,
    delegation_with_persons,
    list_sibling,
)
from extractors.finders.prose.facts import (
    aside_metric,
    dedupe,
    make_fact,
    part_of_same_metric,
    whole_metric,
)
from extractors.finders.prose.lists import breakdowns
from extractors.finders.prose.periods import period_of, spans_years
from extractors.finders.prose.rates import BASE_OF_SHARE, rate_facts
from extractors.finders.prose.roles import (
    TARGET_SENTENCE,
    change_list_items,
    excluded,
    stated_change,
)
from extractors.finders.prose.sentences import BREAKDOWN_START, Sentence
from extractors.finders.prose.spans import Num, numbers_in
from extractors.finders.prose.zeros import zero_facts
from model import DocMeta, Fact
from normalizers.text import fold


def sentence_facts(
    s: Sentence,
    catalog: Catalog,
    meta: DocMeta,
    doc_year: int | None,
    context: str = "",
    heading: str = "",
    topic: str = "",
    previous_head: Fact | None = None,
) -> list[Fact]:
    """`topic` is the sentence before in the same paragraph: what it is about stands for what
    this sentence leaves unsaid (`Công tác tiếp công dân, xử lý đơn thư đạt nhiều kết quả. Tỉnh
    đã giải quyết 115/164 vụ việc`): it may satisfy a rule's `with` and `domain` groups, and then
    its `without` phrases count too."""
    text = s.text
    folded = fold(text)
    topic_folded = fold(topic)
    if TARGET_SENTENCE.match(folded):
        return []  # `Phấn đấu tỷ lệ ... đạt 98%; tỷ lệ ... đạt 85%`: the whole list is targets
    if context and BREAKDOWN_START.match(text) and spans_years(context):
        return []  # `Sau hơn 2 năm ... đã tổ chức 98 cuộc. Trong đó, cấp huyện tổ chức 4 cuộc`: parts of a multi-year total
    nums = [n for n in numbers_in(text) if not n.skip]
    context_folded = fold(context)
    heading_folded = fold(heading)
    group = f"b{s.block_index}s{s.number}"
    facts: list[Fact] = []
    by_num: dict[int, str] = {}
    changes = change_list_items(nums, text)
    for n in nums:
        if n.partner is not None and not n.is_numerator:
            continue  # the whole of a pair is named after its part
        if n.unit == "%" and n.partner is None:
            continue  # percentages are read by rate_facts, after the counts they may follow
        item_of = list_sibling(n, text, nums, facts, catalog)
        metric, rule = classify(
            n,
            text,
            folded,
            catalog,
            context_folded,
            heading_folded,
            topic_folded,
            sibling=item_of[0] if item_of else None,
        )
        if metric is None and delegation_with_persons(n, text, folded, nums):
            metric, rule = "reception.delegations", None  # `có 5 đoàn gồm 96 người đến khiếu nại`
        if metric is None:
            continue
        metric = aside_metric(n, text, metric, facts)
        if metric.endswith(".received") and BASE_OF_SHARE.search(
            text, max(0, n.start - 40), n.start
        ):
            continue  # `(chiếm 73% trên tổng số 11.906 hồ sơ mức độ 3, 4)`: the base of a share, not what was received
        if id(n) in changes:
            continue  # `giảm 146 lượt tiếp, 127 lượt người`: the whole list states changes
        if excluded(n, text, folded, metric):
            change = stated_change(n, text, metric, meta, catalog)
            if change is not None:
                facts.append(make_fact(f"{metric}.change", n, s, group, change[1], catalog))
                facts[-1].value = change[0]
            continue
        period = period_of(n, text, meta, doc_year, metric)
        if period == "previous":
            continue
        if part_of_same_metric(n, text, metric, facts):
            continue
        facts.append(make_fact(metric, n, s, group, period, catalog))
        if rule is SIBLING and item_of:
            facts[-1].scope = item_of[1]
            rule = None
        by_num[id(n)] = metric
        if (
            n.partner is not None
            and rule is not None
            and rule.denominator
            and n.partner.value is not None
        ):
            facts[-1].role = "part"
            whole = make_fact(
                whole_metric(rule.denominator, n.partner.value, facts),
                n.partner,
                s,
                group,
                period,
                catalog,
            )
            whole.role = "whole"
            facts[-1].link("pair", whole, "part")
            whole.link("pair", facts[-1], "whole")
            facts.append(whole)
    facts.extend(
        rate_facts(
            nums,
            text,
            folded,
            s,
            group,
            catalog,
            by_num,
            meta,
            doc_year,
            context_folded,
            heading_folded,
            topic_folded,
        )
    )
    facts.extend(zero_facts(text, folded, s, group, catalog))
    found = breakdowns(text, nums)
    if found:
        reader = _Reader(s, group, catalog, meta, doc_year, folded)
        facts = apply_breakdowns(found, facts, reader, previous_head)
    return dedupe(facts)


@dataclass
class _Reader:
    """The prose finder as the structure stage sees it (structure.SentenceReader)."""

    sentence: Sentence
    group: str
    catalog: Catalog
    meta: DocMeta
    doc_year: int | None
    folded: str

    def make_fact(self, metric: str, num: Num) -> Fact:
        return make_fact(metric, num, self.sentence, self.group, None, self.catalog)

    def names(self, label: str, num: Num) -> str | None:
        return classify_metric(label, num.unit)

    def excluded(self, num: Num, metric: str) -> bool:
        text = self.sentence.text
        return excluded(num, text, self.folded, metric) or (
            period_of(num, text, self.meta, self.doc_year, metric) == "previous"
        )

    def rate_metric(self, metric: str) -> str | None:
        rule = next((r for r in self.catalog.rules if r.metric == metric and r.rate), None)
        return rule.rate if rule else None
