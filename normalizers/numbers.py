"""Numbers as Vietnamese clerks write them.

`3.862` is 3862 (dot thousands), `94,89` is 94.89 (comma decimals), `95.83` is 95.83 when
the dot cannot be a thousands separator, `09` is 9, `Không` answering a count is 0, and
written-out numbers (`hai`, `mười lăm`) count. A figure that cannot be read (`04,%`,
`1.2.345`) is returned with ok=False and its text kept, never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from catalog.patterns import compiled
from normalizers.text import fold


@dataclass(frozen=True)
class ParsedNumber:
    value: float | None
    raw: str
    decimals: int = 0  # digits printed after the decimal mark
    ok: bool = True


# Fragments of the grammar, for patterns that find a figure with the words around it.
DIGITS = r"\d+(?:[.,]\d+)*"  # any token: `1.234,5`, `94,89`, `1.2.345` (read, maybe not ok)
THOUSANDS = r"\d{1,3}(?:\.\d{3})+"  # a whole number with dot thousands: `1.234`
WHOLE_OR_DECIMAL = r"\d+(?:,\d+)?"  # `12`, `94,89`

# A numeric token as it stands in a sentence: `1.234`, `1.234,5`, `94,89`, `09`. A comma
# before `%` stays with it (`04,%` is then caught as malformed, not read as 4); digits glued
# to a letter, and the day and month of a date `d/m/y`, are no token.
NUMBER_TOKEN = compiled(
    rf"(?<![\p{{L}}\d.,-])({THOUSANDS}(?:,\d+)?|\d+(?:[.,]\d+)?)(?:,(?=\s*%))?"
    r"(?![\d]|/\d{1,2}/\d)"
)


def number_tokens(text: str) -> Iterator[regex.Match]:
    """Every numeric token of a text, in order: the one place that finds figures' digits."""
    return NUMBER_TOKEN.finditer(text)


_THOUSANDS_DOT = compiled(r"^\d{1,3}(?:\.\d{3})+$")
_THOUSANDS_DOT_DEC = compiled(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_DECIMAL_COMMA = compiled(r"^\d+,\d+$")
_DECIMAL_DOT = compiled(r"^\d+\.\d+$")
_THOUSANDS_COMMA = compiled(r"^\d{1,3}(?:,\d{3}){2,}$")


def parse_number(raw: str, *, percent: bool = False) -> ParsedNumber:
    """Read one numeric token the Vietnamese way.

    `percent` says the token is followed by `%`: then a single dot followed by three digits
    (`97.180%` is rare, `1.848` is common) is still read as thousands, but one followed by
    one or two digits is a decimal point.
    """
    s = raw.strip().replace(" ", "")
    if not s:
        return ParsedNumber(None, raw, ok=False)
    if not s[0].isdigit() and is_zero_word(raw):  # `Không` answering a count
        return ParsedNumber(0.0, raw)
    if s.isdigit():
        return ParsedNumber(float(int(s)), raw)
    if _THOUSANDS_DOT.match(s):
        if percent and s.count(".") == 1 and int(s.replace(".", "")) > 100:
            # `97.180%` cannot be 97180 %; read as a decimal point
            return ParsedNumber(float(s), raw, decimals=len(s.split(".")[1]))
        return ParsedNumber(float(s.replace(".", "")), raw)
    if _THOUSANDS_DOT_DEC.match(s):
        whole, dec = s.split(",")
        return ParsedNumber(float(whole.replace(".", "") + "." + dec), raw, decimals=len(dec))
    if _DECIMAL_COMMA.match(s):
        whole, dec = s.split(",")
        return ParsedNumber(float(whole + "." + dec), raw, decimals=len(dec))
    if _DECIMAL_DOT.match(s):
        whole, dec = s.split(".")
        return ParsedNumber(float(s), raw, decimals=len(dec))
    if _THOUSANDS_COMMA.match(s):
        return ParsedNumber(float(s.replace(",", "")), raw)
    return ParsedNumber(None, raw, ok=False)


# Written-out numbers.
_UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
# The scale words a figure of a sentence or a table header may carry (`5,65 ngàn hồ sơ`,
# `(nghìn lượt)`); `tỷ` stands only in money units (`tỷ đồng`), which are units of their own.
FIGURE_SCALES = {word: _SCALES[word] for word in ("ngàn", "nghìn", "triệu")}

# Written-out counts in prose (`ba buổi`, `mười hai đoàn`): the words that open one, and the
# joiners that may stand inside it (`một trăm linh năm`).
COUNT_WORDS = (
    "một",
    "hai",
    "ba",
    "bốn",
    "năm",
    "sáu",
    "bảy",
    "tám",
    "chín",
    "mười",
    "mươi",
    "mốt",
    "lăm",
    "trăm",
)
COUNT_JOINERS = ("linh", "lẻ")


@cache
def word_number_pattern(units: tuple[str, ...]) -> regex.Pattern:
    """Written-out counts followed by one of `units` (whole words), the count as group 1."""
    first = "|".join(COUNT_WORDS)
    more = "|".join(COUNT_WORDS + COUNT_JOINERS)
    after = "|".join(regex.escape(u) for u in units)
    return compiled(
        rf"(?i)(?<![\p{{L}}])((?:{first})(?:\s+(?:{more}))*)(?=\s+(?:{after})(?![\p{{L}}]))"
    )


def parse_number_words(text: str) -> float | None:
    """`mười lăm` → 15, `hai mươi mốt` → 21, `một trăm linh năm` → 105, `một nghìn` → 1000,
    `hai nghìn không trăm hai mươi hai` → 2022; None if not a number."""
    words = text.lower().split()
    if not words:
        return None
    total = 0  # everything already closed by a scale word (nghìn, triệu, tỷ)
    chunk = 0  # hundreds of the group being read
    current = 0  # tens and units of the group being read
    largest_scale = 0
    digits = False  # a digit word read since the last multiplier (`không trăm` is 0 hundreds)
    seen = False
    for w in words:
        if w == "mười":
            current += 10
            digits = True
        elif w == "mươi":
            current = (current if digits else 1) * 10
        elif w == "trăm":
            chunk += (current if digits else 1) * 100
            current = 0
            digits = False
        elif w in ("linh", "lẻ"):
            continue
        elif w in _SCALES:
            scale = _SCALES[w]
            group = chunk + current if (digits or chunk) else (0 if seen else 1)
            digits = False
            if scale > largest_scale:
                total = (total + group) * scale
                largest_scale = scale
            else:
                total += group * scale
            chunk = current = 0
        elif w in _UNITS:
            current += _UNITS[w]
            digits = True
        else:
            return None
        seen = True
    return float(total + chunk + current) if seen else None


def is_zero_word(text: str) -> bool:
    """`Không`, `không có` answering a count."""
    return fold(text).strip(" .:;,") in {"khong", "khong co"}


# Qualifiers standing just before a number.
_QUALIFIERS = [
    ("more_than", ("hơn", "trên", "vượt", "ngoài")),
    ("less_than", ("dưới", "chưa đến", "chưa tới", "không quá")),
    ("about", ("khoảng", "gần", "xấp xỉ", "hầu hết", "chừng", "tầm")),
]
_QUALIFIER_RE = compiled(
    r"(?i)(?<![\p{L}])(" + "|".join(w for _, ws in _QUALIFIERS for w in ws) + r")\s*$"
)


def qualifier_before(prefix: str) -> str:
    """The qualifier word that ends `prefix` (the text just before a number), else `exact`."""
    m = _QUALIFIER_RE.search(prefix[-20:])
    if not m:
        return "exact"
    word = m.group(1).lower()
    for name, words in _QUALIFIERS:
        if word in words:
            return name
    return "exact"


def rate_holds(stated: float, numerator: float, denominator: float, decimals: int | None) -> bool:
    """A rate as printed (`94,89`) states numerator/denominator in percent: it equals the
    quotient rounded or truncated at its printed decimals."""
    if denominator == 0:
        return True
    exact = numerator / denominator * 100
    d = decimals or 0
    step = 10**-d
    rounded = round(exact, d)
    half_up = math.floor(exact * 10**d + 0.5 + 1e-9) / 10**d  # 58/64 = 90,625 is printed 90,63
    truncated = int(exact * 10**d + 1e-9) / 10**d
    return (
        any(abs(stated - x) < step / 2 for x in (rounded, half_up, truncated))
        or abs(stated - exact) < 1e-9
    )


def format_vn(x: float, decimals: int | None = None) -> str:
    """A number the Vietnamese way, for messages: 1.848, 82,21 (2 decimals unless given, none
    for whole numbers)."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 2
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")
