"""The period a figure is of, when its sentence names another one than the report's.

`năm 2015, thụ lý 2.592 vụ việc` states an earlier period's value (left out, `previous`);
`Trong 5 năm qua (2014 - 2018), ... thụ lý 12.896 vụ việc` a span of years; a published index
takes the latest year its sentence names. The words are the catalog's (number_roles.toml
[periods], [multi_year]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.prose.sentences import ASIDE
from extractors.finders.prose.spans import Num
from model import DocMeta
from normalizers.numbers import DIGITS
from normalizers.periods import (
    find_period_phrases,
    period_contains,
    period_ends_before,
    period_year,
)
from normalizers.text import alternation, fold

ANY_SPACE = r"\s+"

YEAR = r"(?:19|20)\d\d"
# a year standing for a period (`năm 2020`, `2020`), not the year of a date (`ngày 22/4/2021`)
YEAR_IN_TEXT = compiled(r"(?<![\d/.\-])((?:19|20)\d{2})(?!\d)")
FIGURE_TAIL = compiled(r"[^,;()]{0,60}")


@dataclass(frozen=True)
class _Patterns:
    compared_year: regex.Pattern  # `tăng 26 bậc so với năm 2015`, `công bố năm 2022`
    compared: regex.Pattern
    multi_year: regex.Pattern
    number_tail_stop: regex.Pattern  # the next figure
    clause_lead: regex.Pattern
    now: regex.Pattern
    cumulative_year: regex.Pattern  # `Lũy kế năm 2023`
    cumulative_lead: regex.Pattern  # `Lũy kế` opening a sentence
    range_end: regex.Pattern  # `Từ tháng 5 đến` before the period that ends a span


def _words(key: str, section: str = "periods", spaces: str = " ") -> str:
    return alternation(catalog.words("number_roles.toml", section, key), spaces=spaces)


def _word(key: str, section: str = "periods") -> str:
    return alternation([catalog.table("number_roles.toml", section, key)])


def _multi_year() -> regex.Pattern:
    def w(key: str) -> str:
        return _words(key, "multi_year")

    def one(key: str) -> str:
        return _word(key, "multi_year")

    year, month = one("year"), one("month")
    dated = rf"(?:{year}\s+|{month}\s+\d{{1,2}}\s*/\s*)?"
    return compiled(
        rf"(?i)(?<![\p{{L}}])(?:(?:{w('within')})\s+(?:(?:{w('about')})\s+)?(?:\d+|{w('counts')})"
        rf"\s+{year}(?![\p{{L}}])|(?:{w('range_openers')})\s+(?:{one('plural')}\s+)?(?:{year}\s+)?"
        rf"{YEAR}\s*[-–]\s*(?:19|20)?\d\d(?!\d)|"
        rf"{one('stage')}\s+{YEAR}\s*[-–]\s*(?:19|20)?\d\d|"
        rf"{one('from')}\s+{dated}{YEAR}\s+(?:{w('until')})\s+(?:{one('now')}|{dated}{YEAR})|"
        rf"{one('since')}\s+[^\d;.]{{2,60}}?\s+(?:{w('until')})\s+{one('now')}(?![\p{{L}}]))"
    )


@cache
def _patterns() -> _Patterns:
    stage_end = regex.escape(catalog.table("number_roles.toml", "multi_year", "stage").split()[-1])
    return _Patterns(
        compared_year=compiled(
            rf"(?i)({_words('compared_year_openers')}|{_words('published_year_openers')})"
            rf"\s*(?:{_word('year')}\s*)?$"
        ),
        compared=compiled(
            rf"(?i)({_words('compared_openers')})\s*(?:{_words_one('same_period')}\s*)?$"
        ),
        multi_year=_multi_year(),
        number_tail_stop=compiled(
            rf"(?<![\p{{L}}\d]){DIGITS}\s*(?:%|[\p{{L}}])(?<!{stage_end} \d)"
        ),
        clause_lead=compiled(rf"(?i)[\s;:,.\-–+•]*(?:(?:{_words('clause_leads')})[\s:,]*)?"),
        now=compiled(rf"(?i)(?<![\p{{L}}])(?:{_words('now', spaces=ANY_SPACE)})(?![\p{{L}}])"),
        cumulative_year=compiled(
            rf"(?i)(?<![\p{{L}}])(?:{_words('cumulative')})\s*(?:{_word('year')})?\s*$"
        ),
        cumulative_lead=compiled(rf"(?i)(?:{_words('cumulative', spaces=ANY_SPACE)})"),
        range_end=compiled(
            rf"(?i)(?<![\p{{L}}])(?:{_words('from', 'range')})\s[^,;()]{{1,30}}"
            rf"(?<![\p{{L}}])(?:{_words('to', 'range')})\s*$"
        ),
    )


def _words_one(key: str) -> str:
    """One phrase of [periods], with single spaces."""
    return alternation([catalog.table("number_roles.toml", "periods", key)], spaces=" ")


def spans_years(text: str) -> bool:
    """A sentence whose figures add up a span of several years (`Từ năm 2019-2022, ...`)."""
    spans = list(_patterns().multi_year.finditer(text))
    span = spans[-1] if spans else None
    return span is not None and not find_period_phrases(text[span.end() :], None)


def period_of(n: Num, text: str, meta: DocMeta, doc_year: int | None, metric: str) -> str | None:
    """The figure's period when the sentence names one before it; 'previous' for an older one."""
    clause_start = max(text.rfind(";", 0, n.start), 0)
    if _value_of_a_compared_period(text[: n.start], doc_year):
        return "previous"  # `cao hơn năm 2022 (80,1%)`: the earlier period's own value
    before = ASIDE.sub(lambda m: " " * len(m.group(0)), text[: n.start])  # `(năm 2020 xếp hạng 5)`
    phrases, spans = _periods_before(before, text, clause_start, doc_year, metric)
    years_in_sentence = [
        int(m.group(1))
        for m in YEAR_IN_TEXT.finditer(text)
        if not _patterns().compared_year.search(text[max(0, m.start() - 25) : m.start()])
    ]
    if metric.startswith("index."):
        latest = max((y for y in years_in_sentence if not doc_year or y <= doc_year), default=None)
        near = phrases[-1] if phrases else None
        if near and latest and (near_year := period_year(near.period)) and near_year < latest:
            return "previous"
        if latest:
            return str(latest)
        return None
    if spans_years(before):
        # `Trong 5 năm qua (2014 - 2018), ... thụ lý 12.896 vụ việc`: a span of years, not the
        # period
        return "previous"
    tail = FIGURE_TAIL.match(text[n.unit_end if n.unit else n.end :])
    p = _patterns()
    if tail and p.multi_year.search(p.number_tail_stop.split(tail.group(0))[0]):
        return "previous"  # `khen thưởng 18 mô hình giai đoạn 2020 - 2022`
    if not phrases and spans:
        return None  # (`Từ tháng 5 đến tháng 8/2022, ...`: when, not a period of the figure)
    if not phrases:
        return _bare_month_of_the_period(text[clause_start : n.start], meta, doc_year)
    near = phrases[-1]
    year = period_year(near.period)
    if doc_year and year and year < doc_year:
        # a past period right before the figure, or heading its clause (`năm 2015, thụ lý 2.592
        # vụ việc, hòa giải thành 1.735 vụ việc`): a comparison value
        if p.now.search(text, near.end, n.start):
            # `Năm 2016 chỉ có 9 mô hình, đến nay đã có 1.200 mô hình`: the later figure is today's
            return None
        if _carried_into(text[near.end : n.start]):
            return None  # `(năm 2023 chuyển sang 05 đơn)`: what the year before left to this one
        if n.start - near.end < 25 or p.clause_lead.fullmatch(text[clause_start : near.start]):
            return "previous"
        return None
    between = text[near.end : n.start]
    if near.period == meta.period or (_carried_into(between) and not CLAUSE_MARK.search(between)):
        return None  # (`quý II chuyển sang 04 đơn` in a third-quarter report: this quarter's)
    if near.period and meta.period and period_ends_before(near.period, meta.period):
        return "previous"  # `(tháng 9/2024: 41 lượt)` in the October report: an earlier month
    if near.kind == "Y":
        # `Lũy kế năm 2023, ...` in a 2023-Q4 report: the year's running total
        cumulative = p.cumulative_year.search(text[max(0, near.start - 25) : near.start])
        shorter = meta.period and period_contains(near.period, meta.period)
        return near.period if cumulative and shorter else None
    return near.period


def _periods_before(
    before: str, text: str, clause_start: int, doc_year: int | None, metric: str
) -> tuple[list, list]:
    """The period phrases before the figure that may be its own (in its clause, or anywhere for
    an index; none compared with), and those that end a span (`Từ tháng 5 đến tháng 8/2022`)."""
    named = [p for p in find_period_phrases(before, doc_year) if p.period]
    spans = [p for p in named if _patterns().range_end.search(text[max(0, p.start - 40) : p.start])]
    phrases = [
        p
        for p in named
        if (p.start >= clause_start or metric.startswith("index."))
        and not _patterns().compared.search(text[max(0, p.start - 25) : p.start])
        and p not in spans
    ]
    return phrases, spans


def _value_of_a_compared_period(before: str, doc_year: int | None) -> bool:
    """The figure opens a parenthesis right after a period the sentence compares with (`tỷ lệ
    hòa giải thành cao hơn năm 2022 (80,1%)`)."""
    stripped = before.rstrip()
    if not stripped.endswith("("):
        return False
    head = stripped[:-1].rstrip()
    phrases = [p for p in find_period_phrases(head[-40:], doc_year) if p.period]
    if not phrases or head[-40:][phrases[-1].end :].strip():
        return False
    tail = head[-40:]
    return bool(_patterns().compared.search(tail[: phrases[-1].start]))


@cache
def _bare_month() -> regex.Pattern:
    """`tháng 9 là tháng có ...`: a month named without its year, not a date's month."""
    month = regex.escape(catalog.table("number_roles.toml", "multi_year", "month"))
    return compiled(
        rf"(?i)(?<![\p{{L}}\d/]\s?\d{{1,2}}\s)(?<![\p{{L}}]){month}\s+(\d{{1,2}})(?![\d/.,])"
    )


def _bare_month_of_the_period(clause: str, meta: DocMeta, doc_year: int | None) -> str | None:
    """A month of the report's own period named in the figure's clause without a year (`Trong
    quý, tháng 9 là tháng có số lượt tiếp cao nhất (47 lượt/52 người)`): the figure's month."""
    if _dated_carry().search(fold(clause)):
        return None  # (`tháng 8 chuyển sang 05 hồ sơ`: carried into this period)
    found = list(_bare_month().finditer(clause))
    if len(found) != 1 or not doc_year or not meta.period:
        return None
    month = int(found[0].group(1))
    if not 1 <= month <= 12:
        return None
    period = f"{doc_year}-M{month:02d}"
    return period if period_contains(meta.period, period) else None


@cache
def _carried_word() -> regex.Pattern:
    word = catalog.table("number_roles.toml", "previous", "carried_over")
    return compiled(rf"(?i)(?<![\p{{L}}]){regex.escape(word)}(?![\p{{L}}])")


def _carried_into(between: str) -> bool:
    """`năm 2023 chuyển sang 05 đơn`: the figure is carried over into the report's period."""
    return bool(_carried_word().search(between))


@cache
def _dated_carry() -> regex.Pattern:
    t = catalog.table("number_roles.toml", "previous")
    dated = alternation([fold(w) for w in t["dated_before_carried"]], spaces=" ")
    carried = regex.escape(fold(t["carried_over"]))
    return compiled(
        rf"(?<![\p{{L}}])(?:{dated})\s+(?:[\divx/]*\d{{4}}|[ivx]+|\d{{1,2}})(?=\s+{carried}\s)",
        regex.IGNORECASE,
    )


def dated_carry_as_previous(folded: str) -> str:
    """The folded sentence with `năm 2023 chuyển sang` read as `kỳ trước chuyển sang` (same
    length; `quý II chuyển sang` as `trước chuyển sang`): the carried over of a named earlier
    period is the carried over."""
    t = catalog.table("number_roles.toml", "previous")
    words = [fold(t["before_carried_over"][0]), fold(t["short_carried_over"])]
    out = folded
    for m in _dated_carry().finditer(folded):
        span = m.end() - m.start()
        word = next((w for w in words if len(w) <= span), None)
        if word is not None:
            out = out[: m.start()] + word.ljust(span) + out[m.end() :]
    return out


CLAUSE_MARK = compiled(r"[,;:()]")
OPENING = 45  # how far into a sentence its opening period phrase may reach


def opening_period(text: str, meta: DocMeta, doc_year: int | None) -> tuple[str, int] | None:
    """The period a sentence opens with, and where its phrase ends (`Riêng quý III năm 2023
    (...), toàn huyện tiếp ...` in a nine-month report), when it is another period of the
    report's own year: every figure of the sentence that names none of its own is of it."""
    if doc_year is None:
        return None
    head = text[:OPENING].split(",", 1)[0].split("(", 1)[0]
    phrases = sorted(
        (p for p in find_period_phrases(head, doc_year) if p.period), key=lambda p: p.start
    )
    # (the phrase opens the sentence, after at most a word like `Riêng` or a running total's
    # words, `Lũy kế 9 tháng, ...`: `Thực hiện Kế hoạch thanh tra năm 2023, ...` dates the
    # plan, not the figures)
    lead = head[: phrases[0].start].strip() if phrases else ""
    if not phrases or len(lead.split()) > 1 and not _patterns().cumulative_lead.fullmatch(lead):
        return None
    period = phrases[0].period
    if period is None or period == meta.period or period_year(period) != doc_year:
        return None
    return period, phrases[0].end


def restated_between(
    text: str, start: int, end: int, doc_year: int | None, opening: str | None = None
) -> bool:
    """A period phrase stands between the sentence's opening period and a figure (`9 tháng đầu
    năm, ... GRDP cả năm 2022 ước đạt 9,11%`): the figure names its own. The opening period
    said again (`Riêng tháng 3 (từ ngày 15/02 đến ngày 14/3/2024)`) names no other."""
    return any(
        p.period and p.period != opening for p in find_period_phrases(text[start:end], doc_year)
    )
