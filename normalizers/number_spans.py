"""Where the figures in a sentence are, and which digits are not figures at all.

Reports are full of digits that count nothing: document numbers (`159/KH-UBND`,
`Nghị định 61/2018/NĐ-CP`, `01-NQ/TU`), dates (`06/5/2022`, `ngày 25 tháng 11 năm 2022`),
years (`năm 2022`, `giai đoạn 2021-2025`), periods (`6 tháng đầu năm`, `quý 3`), list labels
(`1.`, `2.1.`) and legal references (`khoản 2 Điều 5`). `non_figure_spans` finds those so a
finder can skip them; `find_numbers` returns the remaining figures with their percent sign
and the qualifier before them. A ratio `219/260` is two figures, not a date: a date needs a
day ≤ 31 and a month ≤ 12, and either a year part or `ngày` just before.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from normalizers.numbers import NUMBER_TOKEN, ParsedNumber, parse_number, qualifier_before
from normalizers.periods import find_period_phrases
from normalizers.quantities import read_unit_after

DOC_NUMBER = "doc_number"
DATE = "date"
YEAR = "year"
PERIOD = "period"
LIST_LABEL = "list_label"
LEGAL_REF = "legal_ref"
NAME = "name"  # digits inside a name or code: COVID-19, ISO 9001:2015, Phường 2, Tổng đài 1022
LEVEL = "level"  # service levels: mức độ 3, 4

# `159/KH-UBND`, `85-BC/BCSĐ`, `61/2018/NĐ-CP`, `01-NQ/TU`, `25/2018/QH14`: digits joined by
# / or - to parts of which at least one is upper-case letters.
_DOC_NUMBER = regex.compile(
    r"(?<![\p{L}\d/.-])\d+[a-zđ]?(?:\s?[/-]\s?(?:\d+|[\p{Lu}Đ][\p{L}\d.Đđ]*))*\s?[/-]\s?[\p{Lu}Đ][\p{L}\d.Đđ]*"
    r"(?:[/-][\p{L}\d.Đđ]+)*"
)
# `06/5/2022`, `6-5-2022`, `06.5.2022` (year part of 4 digits or 2)
_DATE_DMY = regex.compile(
    r"(?<![\d/.,])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/])"
)
_DATE_WORDS = regex.compile(r"(?i)(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?")
# `ngày 06/5`, `ngày 15-12`: day and month after `ngày`
_DATE_DM = regex.compile(r"(?i)(?<=ngày\s{1,3})(?P<d>\d{1,2})[/-](?P<m>\d{1,2})(?![\d/])")
# `tháng 5/2022`, `5/2022`: month and year
_MONTH_YEAR = regex.compile(r"(?<![\d/.,-])(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")
_YEAR_RANGE = regex.compile(r"(?<![\d.,])(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}(?!\d|[.,]\d)")
_YEAR_WORD = regex.compile(
    r"(?i)(?:năm|niên độ|giai đoạn|nhiệm kỳ|từ|đến|đầu|cuối)\s+(?P<y>(?:19|20)\d{2})(?!\d|[.,]\d)"
)
# A bare year: 4 digits without a thousands dot, 1950-2049 (counts that size carry a dot).
_BARE_YEAR = regex.compile(r"(?<![\d.,/-])(?:19[5-9]\d|20[0-4]\d)(?!\d|[.,]\d|/)")
_NAME = regex.compile(
    r"(?<![\p{L}])(?:\p{L}+-\d+\b"  # COVID-19
    r"|(?<![\d.,])\d+\p{L}+"  # 2K, 5G: a digit glued to letters is a code
    r"|ISO\s*\d+(?::\d{4})?|\d+:\d{4}\b"  # ISO 9001:2015
    r"|(?:Phường|Quận|Khu phố|Khóm|Ấp|Tổ|Trung ương|Tổ dân phố|Đội|Thôn|Bản)\s+\d+\b"
    r"|(?i:tổng đài|đường dây nóng|số điện thoại|điện thoại|hotline|fax)\s*:?\s*\d[\d .]{2,}\d)"
)
_LEVEL = regex.compile(
    r"(?i)(?<![\p{L}])mức(?:\s+độ)?\s+\d(?:\s*(?:,|và|-|–)\s*(?:mức(?:\s+độ)?\s+)?\d)*(?![\d.,]\d)"
)
_LIST_LABEL = regex.compile(r"(?m)^[ \t]*(?:\d+(?:\.\d+)*[.)]|\d+\s?-(?=\s))(?=\s|$)")
_LEGAL_REF = regex.compile(
    r"(?i)(?<![\p{L}])(?:điều|khoản|mục|chương|phần|phụ\s+lục|biểu(?:\s+mẫu)?|mẫu|bảng|tiết|"
    r"kế\s+hoạch|quyết\s+định|nghị\s+định|nghị\s+quyết|thông\s+tư|chỉ\s+thị|công\s+văn|kết\s+luận|"
    r"hướng\s+dẫn|luật|tờ\s+trình|báo\s+cáo)\s+(?:số\s+)?\d+(?:[.,]\d+)*(?![\d/])"
)


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int  # after the number, or after the `%` sign when there is one
    number: ParsedNumber
    is_percent: bool
    qualifier: str  # 'exact' | 'more_than' | 'less_than' | 'about'


def is_doc_number(token: str) -> bool:
    """`159/KH-UBND`, `01-NQ/TU`, `61/2018/NĐ-CP` are document numbers, not figures."""
    m = _DOC_NUMBER.fullmatch(token.strip())
    return m is not None


def is_date(token: str, after_ngay: bool = False) -> bool:
    """`06/5/2022`, `25-11-2022` are dates; `5/10` only after `ngày`; `219/260` never."""
    t = token.strip()
    m = _DATE_DMY.fullmatch(t)
    if m:
        return 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12
    if after_ngay:
        m = regex.fullmatch(r"(\d{1,2})[/-](\d{1,2})", t)
        return bool(m) and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12
    return _DATE_WORDS.fullmatch(t) is not None


def non_figure_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of text whose digits are not figures, as (start, end, kind), sorted."""
    spans: list[tuple[int, int, str]] = []
    for m in _DOC_NUMBER.finditer(text):
        spans.append((m.start(), m.end(), DOC_NUMBER))
    for m in _DATE_DMY.finditer(text):
        if 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
            spans.append((m.start(), m.end(), DATE))
    for m in _DATE_WORDS.finditer(text):
        spans.append((m.start(), m.end(), DATE))
    for m in _DATE_DM.finditer(text):
        if 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
            spans.append((m.start(), m.end(), DATE))
    for m in _MONTH_YEAR.finditer(text):
        if 1 <= int(m.group("m")) <= 12:
            spans.append((m.start(), m.end(), DATE))
    for m in _YEAR_RANGE.finditer(text):
        spans.append((m.start(), m.end(), YEAR))
    for m in _YEAR_WORD.finditer(text):
        spans.append((m.start("y"), m.end("y"), YEAR))
    for p in find_period_phrases(text):
        spans.append((p.start, p.end, PERIOD))
    for m in _LIST_LABEL.finditer(text):
        spans.append((m.start(), m.end(), LIST_LABEL))
    for m in _LEGAL_REF.finditer(text):
        spans.append((m.start(), m.end(), LEGAL_REF))
    for m in _NAME.finditer(text):
        spans.append((m.start(), m.end(), NAME))
    for m in _LEVEL.finditer(text):
        spans.append((m.start(), m.end(), LEVEL))
    for m in _BARE_YEAR.finditer(text):
        if read_unit_after(text, m.end()) is None:
            spans.append((m.start(), m.end(), YEAR))
    return sorted(spans)


def classify_position(text: str, start: int, end: int) -> str | None:
    """The kind of non-figure span covering text[start:end], or None for a figure."""
    for s, e, kind in non_figure_spans(text):
        if s < end and start < e:
            return kind
    return None


_PERCENT_AFTER = regex.compile(r"\s?(?:%|phần\s+trăm)")


def find_numbers(text: str) -> list[NumberSpan]:
    """Every figure written in digits in text, leaving out dates, document numbers, years,
    period phrases, list labels and legal references. Unreadable figures come with ok=False."""
    skip = non_figure_spans(text)
    out: list[NumberSpan] = []
    for m in NUMBER_TOKEN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in skip):
            continue
        pct = _PERCENT_AFTER.match(text, m.end())
        number = parse_number(m.group(0), percent=bool(pct))
        end = pct.end() if pct else m.end()
        out.append(
            NumberSpan(m.start(), end, number, bool(pct), qualifier_before(text[: m.start()]))
        )
    return out
