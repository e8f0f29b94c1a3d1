"""Reporting periods: `năm 2022` → `2022`, `6 tháng đầu năm 2023` → `2023-H1`, `9 tháng` → `-9M`,
`quý III` → `-Q3`, `tháng 10` → `-M10` (`tháng 4` → `-M04`: months in two digits, so periods
sort), `6 tháng cuối năm` → `-H2`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.dates import find_dates, make_date
from normalizers.text import fold

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"(?:năm\s+)?(?P<year>(?:19|20)\d{2})"

_PATTERNS = [
    # 6 tháng đầu năm 2023 / 06 tháng năm 2023 / sáu tháng đầu năm
    (
        "H1",
        compiled(r"(?i)(?:0?6|sáu)\s+tháng\s+(?:đầu\s+)?năm(?:\s+(?P<year>(?:19|20)\d{2}))?"),
    ),
    # `6 tháng 2025` (a column of an indicator table): the year right after
    ("H1", compiled(r"(?i)(?:0?6|sáu)\s+tháng\s+(?P<year>(?:19|20)\d{2})(?!\d)")),
    # `Lũy kế 6 tháng` (a running total: the months from the year's start)
    ("H1", compiled(r"(?i)(?<=lũy\s+kế\s+|luỹ\s+kế\s+)(?:0?6|sáu)\s+tháng(?!\s+cuối)")),
    ("H2", compiled(r"(?i)(?:0?6|sáu)\s+tháng\s+cuối\s+năm(?:\s+(?P<year>(?:19|20)\d{2}))?")),
    (
        "9M",
        compiled(r"(?i)(?:0?9|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?(?:\s+(?P<year>(?:19|20)\d{2}))?"),
    ),
    (
        "H1",
        compiled(
            r"(?i)sơ\s+kết\s+(?:06|6|sáu)\s+tháng(?:\s+đầu)?\s+năm(?:\s+(?P<year>(?:19|20)\d{2}))?"
        ),
    ),
    (
        "Q",
        compiled(r"(?i)quý\s+(?P<q>IV|III|II|I|[1-4])(?:\s*(?:năm|/)\s*(?P<year>(?:19|20)\d{2}))?"),
    ),
    (
        "M",
        compiled(
            r"(?i)(?<!\d\s)tháng\s+(?P<mo>1[0-2]|0?[1-9])(?:\s*(?:năm|/)\s*(?P<year>(?:19|20)\d{2}))(?![\d/])"
        ),
    ),
    ("Y", compiled(r"(?i)năm\s+(?P<year>(?:19|20)\d{2})(?![\d/])")),
]


@dataclass(frozen=True)
class PeriodPhrase:
    period: str | None  # None when the phrase has no year and no default was given
    kind: str
    start: int
    end: int

    def __iter__(self):
        """Unpacks as (start, end, period)."""
        return iter((self.start, self.end, self.period))


# Data windows of inspection and complaint reports: `từ ngày 15/12/2021 đến ngày 14/6/2022`.
_DMY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})"
_WINDOW = compiled(
    r"(?i)(?:từ\s+)?(?:ngày\s+)?" + _DMY + r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?" + _DMY
)


def window_period(start: dt.date, end: dt.date) -> str | None:
    """The reporting period a data window stands for: the one whose months it covers, the
    window's end deciding the year (15/12/2021-14/6/2022 is 2022-H1; 15/12/2021-14/12/2022 is
    2022)."""
    days = (end - start).days + 1
    if days <= 0:
        return None
    months = round(days / 30.44)
    y, m = end.year, end.month
    if end.day < 10 and m > 1:  # a window ending early in a month closes the month before
        m -= 1
    if months >= 11:
        return str(y if m >= 6 else y - 1)
    if 8 <= months <= 10:
        return f"{y}-9M"
    if 5 <= months <= 7:
        return f"{y}-H1" if m <= 8 else f"{y}-H2"
    if 2 <= months <= 4:
        return f"{y}-Q{(m - 1) // 3 + 1}"
    if months == 1:
        return f"{y}-M{m:02d}"
    return None


def _window_phrases(text: str) -> list[PeriodPhrase]:
    out = []
    for m in _WINDOW.finditer(text):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in m.groups())
        a, b = make_date(d1, m1, y1), make_date(d2, m2, y2)
        if not (a and b):
            continue
        period = window_period(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
        if period:
            out.append(PeriodPhrase(period, "W", m.start(), m.end()))
    return out


def _code(kind: str, m: regex.Match, year: str) -> str:
    if kind == "Q":
        return f"{year}-Q{ROMAN[m.group('q').lower()]}"
    if kind == "M":
        return f"{year}-M{int(m.group('mo')):02d}"
    if kind == "Y":
        return year
    return f"{year}-{kind}"


def find_period_phrases(text: str, default_year: int | None = None) -> list[PeriodPhrase]:
    """Every period phrase in text, longest first at each position, not overlapping."""
    found: list[PeriodPhrase] = _window_phrases(text)
    taken: list[tuple[int, int]] = [(p.start, p.end) for p in found]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            year = m.groupdict().get("year") or (str(default_year) if default_year else None)
            found.append(
                PeriodPhrase(_code(kind, m, year) if year else None, kind, m.start(), m.end())
            )
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)


def parse_period(text: str, default_year: int | None = None) -> str | None:
    """The first period stated in text (a title, a table header)."""
    for p in find_period_phrases(text, default_year):
        if p.period:
            return p.period
    return None


def period_months(period: str) -> int:
    if "-H" in period:
        return 6
    if period.endswith("-9M"):
        return 9
    if "-Q" in period:
        return 3
    if "-M" in period:
        return 1
    return 12


_YEAR_AT_START = compiled(r"(\d{4})")


@lru_cache(maxsize=4096)
def period_year(period: str) -> int | None:
    """The year a period code starts with (`2023-H1` → 2023); asked once per pair of facts by
    the cross-document checks, hence remembered."""
    m = _YEAR_AT_START.match(period or "")
    return int(m.group(1)) if m else None


_SPANS = {"H1": (1, 6), "H2": (7, 12), "9M": (1, 9)}


def _months(period: str) -> tuple[int, int]:
    """The first and last month of a period code within its year."""
    tail = period[5:]
    if not tail:
        return (1, 12)
    if tail in _SPANS:
        return _SPANS[tail]
    if tail.startswith("Q"):
        q = int(tail[1:])
        return (3 * q - 2, 3 * q)
    if tail.startswith("M"):
        mo = int(tail[1:])
        return (mo, mo)
    return (1, 12)


@lru_cache(maxsize=16384)
def period_contains(longer: str, shorter: str) -> bool:
    """Whether the shorter period lies inside the longer one (2023-H1 in 2023, 2022-Q3 in
    2022-9M)."""
    if period_year(longer) != period_year(shorter) or longer == shorter:
        return False
    a, b = _months(longer), _months(shorter)
    return a[0] <= b[0] and b[1] <= a[1] and a != b


def period_ends_before(earlier: str, later: str) -> bool:
    """Whether a period is over before another begins (2023-Q3 before 2023-Q4, 2023 before
    2024-H1): a column of it in the later period's report is an earlier period's."""
    ey, ly = period_year(earlier), period_year(later)
    if ey is None or ly is None:
        return False
    return ey * 12 + _months(earlier)[1] < ly * 12 + _months(later)[0]


# A month named without its year in a title: "tháng 5 và 5 tháng đầu năm 2024" (not a date's month).
_YEARLESS_MONTH = compiled(
    r"(?i)(?<!\d\s{0,3})\btháng\s+(?P<mo>1[0-2]|0?[1-9])(?![\d/.\-])(?!\s*(?:năm|/)\s*\d)"
)
_FIRST_MONTH = {"H1": 1, "H2": 7, "9M": 1, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}


def _first_month(period: str) -> int:
    tail = period[5:]
    if tail.startswith("M"):
        return int(tail[1:])
    return _FIRST_MONTH.get(tail, 1)


def title_period(
    text: str, doc_year: int | None = None, doc_month: int | None = None
) -> str | None:
    """The period a document's title names: its first period phrase. A phrase without its year
    takes the year of the next phrase that states one ('9 tháng đầu năm, nhiệm vụ 3 tháng cuối
    năm 2023' is 2023-9M), else the document's own year, or the year before when the period would
    not have begun by the document's date (a '6 tháng cuối năm' report signed in January)."""
    dates = [(d.start, d.end) for d in find_dates(text)]
    # "năm 2021" closing a cited date ("Nghị quyết ... ngày 20 tháng 5 năm 2021") is no period
    phrases = [
        p
        for p in find_period_phrases(text)
        if not (p.kind in ("Y", "M") and any(s <= p.start < e for s, e in dates))
    ]
    month = _YEARLESS_MONTH.search(text)
    if month and (not phrases or month.end() <= phrases[0].start):
        first: PeriodPhrase | None = PeriodPhrase(None, "M", month.start(), month.end())
    else:
        first = phrases[0] if phrases else None
        month = None
    if first is None:
        return None
    if first.period:
        return _results_named_later(text, first, phrases, doc_year, doc_month) or first.period
    later = [p for p in phrases if p.start >= first.end and p.period]
    year = period_year(later[0].period) if later else doc_year
    if year is None:
        return None
    period: str | None
    if month:
        period = f"{year}-M{int(month.group('mo')):02d}"
    else:
        period = next(
            (
                p.period
                for p in find_period_phrases(text[first.start : first.end], year)
                if p.period
            ),
            None,
        )
    if (
        period
        and not later
        and doc_year
        and doc_month
        and year == doc_year
        and _first_month(period) > doc_month
    ):
        return title_period(text, doc_year - 1, 12)
    return period


def _results_named_later(
    text: str,
    first: PeriodPhrase,
    phrases: list[PeriodPhrase],
    doc_year: int | None,
    doc_month: int | None,
) -> str | None:
    """`Kết quả các chỉ số ... năm 2020 và mức độ hài lòng ... 6 tháng đầu năm 2021`: a title
    naming a year's published results first and the report's own part of a later year after it
    is about that later part, once it has begun by the document's date; a later year the title
    looks forward to (`... và phương hướng, nhiệm vụ năm 2024`) is none of its results."""
    if first.kind != "Y" or not doc_year or not doc_month or not first.period:
        return None
    for p in phrases:
        if p.start < first.end or not p.period or p.kind == "Y":
            continue
        year = period_year(p.period)
        began = year is not None and (year, _first_month(p.period)) <= (doc_year, doc_month)
        if began and year is not None and year > int(first.period[:4]):
            between = fold(text[first.end : p.start])
            forward = catalog.words("sections.toml", "forward_looking", "openers")
            if not any(fold(w) in between for w in forward):
                return p.period
    return None


def stated_period(
    text: str, doc_year: int | None = None, doc_month: int | None = None
) -> str | None:
    """The period an opening sentence says the report covers: a data window first ("từ ngày
    15/12/2022 đến ngày 14/6/2023"), else the first half-year, nine months, quarter or month, else
    the first year; years of cited dates ("Kế hoạch ... ngày 10/01/2023") do not count."""
    dates = [(d.start, d.end) for d in find_dates(text)]
    phrases = [
        p
        for p in find_period_phrases(text, doc_year)
        if p.period and (p.kind == "W" or not any(s <= p.start < e for s, e in dates))
    ]
    for kinds in (("W",), ("H1", "H2", "9M", "Q", "M")):
        found = [p for p in phrases if p.kind in kinds]
        if found:
            return (
                found[0].period
                if found[0].kind == "W"
                else title_period(text[found[0].start : found[0].end], doc_year, doc_month)
            )
    return phrases[0].period if phrases else None


_BARE_MONTH = compiled(
    r"(?i)^\s*tháng\s+(1[0-2]|0?[1-9])(?:\s*(?:/|-|năm)\s*((?:19|20)\d{2}))?\s*$"
)
_WHOLE_YEAR = compiled(r"(?i)^\s*(?:cả|cả\s+năm|năm)\s*((?:19|20)\d{2})?\s*$")


def bare_period(label: str, default_year: int | None) -> str | None:
    """The period a row or column label IS (`Tháng 7`, `Quý III`, `6 tháng đầu năm`, `Cả năm`),
    None when the label is something else that may merely mention a period."""
    m = _BARE_MONTH.match(label)
    if m:
        year = m.group(2) or (str(default_year) if default_year else None)
        return f"{year}-M{int(m.group(1)):02d}" if year else None
    m = _WHOLE_YEAR.match(label)
    if m and (m.group(1) or default_year) and label.strip().lower() != "năm":
        return m.group(1) or str(default_year)
    phrases = find_period_phrases(label, default_year)
    if (
        len(phrases) == 1
        and not label[: phrases[0].start].strip(" -–:.")
        and not label[phrases[0].end :].strip(" -–:.()")
    ):
        return phrases[0].period
    return None
