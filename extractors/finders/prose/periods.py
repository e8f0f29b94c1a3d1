"""Periods."""

from __future__ import annotations

import regex

from extractors.finders.prose.sentences import ASIDE
from extractors.finders.prose.spans import Num
from model import DocMeta
from normalizers.periods import find_period_phrases, period_year

COMPARED_YEAR = regex.compile(
    r"(?i)(so với|so|cùng kỳ)\s*(?:năm\s*)?$"
)  # `tăng 26 bậc so với năm 2015`


COMPARED = regex.compile(r"(?i)(so với|so|cùng kỳ|bằng|hơn)\s*(?:cùng kỳ\s*)?$")


# a span of several years: its totals are not the report period's figures
MULTI_YEAR = regex.compile(
    r"(?i)(?<![\p{L}])(?:(?:trong|qua|sau)\s+(?:(?:hơn|gần|trên|khoảng)\s+)?(?:\d+|hai|ba|bốn|năm|mười)"
    r"\s+năm(?![\p{L}])|(?:từ|trong|các)\s+(?:các\s+)?(?:năm\s+)?(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d(?!\d)|"
    r"giai\s+đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d|"
    r"từ\s+(?:năm\s+|tháng\s+\d{1,2}\s*/\s*)?(?:19|20)\d\d\s+(?:đến|tới)\s+(?:nay|"
    r"(?:năm\s+|tháng\s+\d{1,2}\s*/\s*)?(?:19|20)\d\d))"
)


NUMBER_TAIL_STOP = regex.compile(
    r"(?<![\p{L}\d])\d+(?:[.,]\d+)*\s*(?:%|[\p{L}])(?<!đoạn \d)"
)  # the next figure


# what may stand between a clause's start and a year that heads it: `; năm 2015,`, `Cụ thể: năm 2014,`
CLAUSE_LEAD = regex.compile(r"(?i)[\s;:,.\-–+•]*(?:(?:cụ thể|trong đó|riêng|và|còn)[\s:,]*)?")


NOW = regex.compile(
    r"(?i)(?<![\p{L}])(?:đến\s+nay|tới\s+nay|hiện\s+nay|hiện\s+có|đến\s+thời\s+điểm\s+này)(?![\p{L}])"
)


def spans_years(text: str) -> bool:
    """A sentence whose figures add up a span of several years (`Từ năm 2019-2022, ...`)."""
    span = None
    for span in MULTI_YEAR.finditer(text):
        pass
    return span is not None and not find_period_phrases(text[span.end() :], None)


def period_of(n: Num, text: str, meta: DocMeta, doc_year: int | None, metric: str) -> str | None:
    """The figure's period when the sentence names one before it; 'previous' for an older one."""
    clause_start = max(text.rfind(";", 0, n.start), 0)
    before = ASIDE.sub(lambda m: " " * len(m.group(0)), text[: n.start])  # `(năm 2020 xếp hạng 5)`
    phrases = [
        p
        for p in find_period_phrases(before, doc_year)
        if p.period
        and (p.start >= clause_start or metric.startswith("index."))
        and not COMPARED.search(text[max(0, p.start - 25) : p.start])
    ]
    years_in_sentence = [
        int(m.group(1))
        for m in regex.finditer(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
        if not COMPARED_YEAR.search(text[max(0, m.start() - 25) : m.start()])
    ]
    if metric.startswith("index."):
        latest = max((y for y in years_in_sentence if not doc_year or y <= doc_year), default=None)
        near = phrases[-1] if phrases else None
        if near and latest and period_year(near.period) and period_year(near.period) < latest:
            return "previous"
        if latest:
            return str(latest)
        return None
    if spans_years(before):
        return "previous"  # `Trong 5 năm qua (2014 - 2018), ... thụ lý 12.896 vụ việc`: a span of years, not the period
    tail = regex.match(r"[^,;()]{0,60}", text[n.unit_end if n.unit else n.end :])
    if tail and MULTI_YEAR.search(NUMBER_TAIL_STOP.split(tail.group(0))[0]):
        return "previous"  # `khen thưởng 18 mô hình giai đoạn 2020 - 2022`
    if not phrases:
        return None
    near = phrases[-1]
    year = period_year(near.period)
    if doc_year and year and year < doc_year:
        # a past period right before the figure, or heading its clause (`năm 2015, thụ lý 2.592
        # vụ việc, hòa giải thành 1.735 vụ việc`): a comparison value
        if NOW.search(text, near.end, n.start):
            return None  # `Năm 2016 chỉ có 9 mô hình, đến nay đã có 1.200 mô hình`: the later figure is today's
        if n.start - near.end < 25 or CLAUSE_LEAD.fullmatch(text[clause_start : near.start]):
            return "previous"
        return None
    if near.period == meta.period or near.kind == "Y":
        return None
    return near.period
