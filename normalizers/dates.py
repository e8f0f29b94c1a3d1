"""Dates as written in Vietnamese documents: `25/11/2022`, `06-5-2022`, `ngày 25 tháng 11 năm
2022`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalog.patterns import compiled

# The words of a written date, and fragments of the date grammar for patterns that find a
# date with the words around it.
DAY, MONTH, YEAR = "ngày", "tháng", "năm"
DAY_MONTH_YEAR = rf"\d{{1,2}}\s+{MONTH}\s+\d{{1,2}}\s+{YEAR}\s+\d{{4}}"  # 25 tháng 11 năm 2022
WRITTEN_DATE = rf"{DAY}\s+{DAY_MONTH_YEAR}"  # ngày 25 tháng 11 năm 2022
SLASHED_DATE = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"  # 25/11/2022
NUMERIC_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"  # 25/11/2022, 06-5-2022, 06.5.2022

DATE_PATTERN = compiled(
    rf"(?i)(?:{DAY}\s+)?(?P<d>\d{{1,2}})\s+{MONTH}\s+(?P<m>\d{{1,2}})\s+{YEAR}\s+(?P<y>\d{{4}})"
    r"|(?<![\d/.-])(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4})(?![\d/])"
)


@dataclass(frozen=True)
class ParsedDate:
    text: str
    iso: str | None  # None when the date cannot exist
    valid: bool
    start: int = 0
    end: int = 0


def make_date(day: int, month: int, year: int) -> str | None:
    """ISO date, or None for a date that cannot exist (31/4, 29/02 of a non-leap year)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[ParsedDate]:
    out = []
    for m in DATE_PATTERN.finditer(text):
        d, mo, y = (
            (m.group("d"), m.group("m"), m.group("y"))
            if m.group("d")
            else (m.group("d2"), m.group("m2"), m.group("y2"))
        )
        iso = make_date(int(d), int(mo), int(y))
        out.append(ParsedDate(m.group(0), iso, iso is not None, m.start(), m.end()))
    return out


def parse_vn_date(text: str) -> ParsedDate | None:
    """The first date in text, valid or not."""
    found = find_dates(text)
    return found[0] if found else None
