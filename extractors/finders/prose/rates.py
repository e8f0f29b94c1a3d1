"""Percentages: the rate of the count they follow, or a rate named by its own cues.

`giải quyết 761 đơn, đạt tỷ lệ 94,89%` is the resolution rate of the 761 (the catalog's rule
for the count names its rate); `đúng hạn đạt 97,18%` is named by its own cue; `8.694 hồ sơ
trực tuyến (chiếm 73%)` is a share of a count without a rate and `đơn thư về lĩnh vực đất đai
chiếm tỷ lệ 84%` a share by subject: neither is a figure. The words are the catalog's
(prose.toml [rates]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue
from extractors.finders.prose.classify import classify
from extractors.finders.prose.facts import level_in_phrase, make_fact
from extractors.finders.prose.periods import period_of
from extractors.finders.prose.roles import excluded, is_growth, sub_period_rise
from extractors.finders.prose.sentences import Sentence
from extractors.finders.prose.spans import Num
from model import DocMeta, Fact
from normalizers.text import alternation, fold

SHARE_WITHOUT_RATE = ""
# `giải quyết 29/34 đơn khiếu nại (85,29%)`: a bare parenthesised percentage after a count
BARE_OPEN = compiled(r"\(\s*$")  # a share of a count that has no rate metric: no figure


@dataclass(frozen=True)
class _Patterns:
    rate_before: regex.Pattern
    share_of: regex.Pattern
    base_of_share: regex.Pattern
    share_topics: tuple[str, ...]


@cache
def _patterns() -> _Patterns:
    words = catalog_files.table("prose.toml", "rates")
    nouns = alternation(words["nouns"], spaces=" ")
    copula = regex.escape(words["copula"])
    tail = rf"\s*(?:{nouns})?\s*:?\s*(?:{copula}\s*)?$"
    return _Patterns(
        rate_before=compiled(rf"(?i)({alternation(words['verbs'], spaces=' ')}){tail}"),
        share_of=compiled(rf"(?i){regex.escape(words['share'])}{tail}"),
        base_of_share=compiled(
            rf"(?i)%\s*(?:(?:{alternation(words['base_links'])})\s+)?"
            rf"(?:{alternation(words['base_totals'])})\s*$"
        ),
        share_topics=tuple(words["share_topics"]),
    )


def base_of_share(text: str, start: int) -> bool:
    """`(chiếm 73% trên tổng số 11.906 hồ sơ)`: the count at `start` is the base of a share."""
    return bool(_patterns().base_of_share.search(text, max(0, start - 40), start))


@dataclass
class RateContext:
    """What the rate stage reads besides the sentence: the metric each count was read as (by
    id of its number), the document, and the folded context, heading and topic."""

    by_num: dict[int, str]
    meta: DocMeta
    doc_year: int | None
    context: str = ""
    heading: str = ""
    topic: str = ""


def rate_facts(
    nums: list[Num], s: Sentence, folded: str, group: str, catalog: Catalog, rc: RateContext
) -> list[Fact]:
    """A percentage: the rate of the count it follows (`giải quyết 761 đơn, đạt tỷ lệ 94,89%`),
    else a rate named by its own cue (`đúng hạn đạt 97,18%`)."""
    text = s.text
    out: list[Fact] = []
    for i, n in enumerate(nums):
        if n.unit != "%" or n.partner is not None:
            continue
        before = text[max(0, n.start - 25) : n.start]
        metric, count = _rate_of_count_before(nums[:i], n, text, before, catalog, rc.by_num)
        if metric == SHARE_WITHOUT_RATE:
            continue
        if (
            metric is None
            and _patterns().share_of.search(before)
            and any_cue(
                folded[max(0, folded.rfind(";", 0, n.start)) : n.start], _patterns().share_topics
            )
        ):
            continue  # a share by subject, of no count the sentence states
        if metric is None and out and is_growth(out[-1].metric) and sub_period_rise(n, text):
            metric = out[-1].metric  # (`GRDP tăng 7,46% (quý I tăng 6,92%; ...)`)
        if metric is None:
            metric, _ = classify(n, text, folded, catalog, rc.context, rc.heading, rc.topic)
        if metric is None or excluded(n, text, folded, metric):
            continue
        period = period_of(n, text, rc.meta, rc.doc_year, metric)
        if period == "previous":
            continue
        fact = make_fact(metric, n, s, group, period, catalog)
        if fact.scope is None and count is not None:
            fact.scope = level_in_phrase(text, count)  # `Cấp huyện giải quyết 41/47, đạt 87%`
        out.append(fact)
    return out


CLOSED_ASIDE = compiled(r"\([^()]*\)")


def _named_in_between(between: str) -> bool:
    """A rate noun with words of its own between the count and the percentage (`tỷ lệ giải
    quyết đúng hạn đạt`): the rate says what it measures, the count before says nothing."""
    nouns, verbs = _rate_words()
    folded = fold(between)
    for noun in nouns:
        at = folded.find(noun)
        if at >= 0:
            return len([w for w in folded[at + len(noun) :].split() if w not in verbs]) >= 2
    return False


@cache
def _rate_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """The folded rate nouns (`tỷ lệ`) and the words that lead to a rate (`đạt`)."""
    t = catalog_files.table("prose.toml", "rates")
    return tuple(fold(w) for w in t["nouns"]), frozenset(fold(w) for w in t["verbs"])


def _rate_of_count_before(
    earlier: list[Num], n: Num, text: str, before: str, catalog: Catalog, by_num: dict[int, str]
) -> tuple[str | None, Num | None]:
    """The rate metric of the count a percentage follows in its clause (`đạt tỷ lệ`), the empty
    string for a share of a count without a rate (`chiếm 73%`), else None; and that count."""
    if not (_patterns().rate_before.search(before) or BARE_OPEN.search(before)):
        return None, None
    for prev in reversed(earlier):
        between = text[prev.end : n.start]
        if ")" in between and "(" not in between:
            # a part inside a breakdown: `176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn, đạt 79,63%`
            # (`(cấp tỉnh 87/96 đơn; cấp huyện 315/341 đơn), đạt 93,2%`: its semicolons too)
            continue
        if prev.unit == "%" or ";" in CLOSED_ASIDE.sub("", between):
            break  # a rate follows the count of its own clause only
        if _named_in_between(text[prev.unit_end : n.start]):
            break  # `quá hạn 38 hồ sơ, tỷ lệ giải quyết đúng hạn đạt 98,99%`: it names itself
        m = by_num.get(id(prev))
        if m is None:
            continue
        rate = (
            next((r.rate for r in catalog.rules if r.metric == m and r.rate), None)
            if catalog.rule_for(m)
            else None
        )
        if rate and _patterns().share_of.search(before) and rate in _rates_over(m):
            return SHARE_WITHOUT_RATE, None  # `17/38 đơn thuộc thẩm quyền, chiếm 44,74%`
        if rate:
            return rate, prev
        if _patterns().share_of.search(before):
            return SHARE_WITHOUT_RATE, None  # `8.694 hồ sơ trực tuyến (chiếm 73%)`
        return None, None
    return None, None


@cache
def _rates_over(metric: str) -> frozenset[str]:
    """The rates whose base, not numerator, the metric is (relations.toml [[rate]]): a share
    after it (`chiếm`) is its part of another whole, not that rate."""
    return frozenset(
        r["rate"]
        for r in catalog_files.toml("relations.toml")["rate"]
        if metric in r["denominators"] and metric != r["numerator"]
    )
