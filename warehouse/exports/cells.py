"""Text from documents made safe for a spreadsheet cell: never a formula, never a bad byte.

A sentence or file name that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
what spreadsheet programs run as a formula (`=HYPERLINK(...)`); in the workbook it is written
as a text cell, in CSV it gets the OWASP prefix (a leading apostrophe).
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry (openpyxl refuses them): control characters but tab/LF/CR.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL_TEXT = 32_000  # Excel holds 32,767 characters in a cell


def clean_text(text: str) -> str:
    """The text with characters a workbook cannot hold removed and cut to a cell's size."""
    text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet program read this text as a formula?"""
    return text.startswith(FORMULA_START)


def csv_cell(value):
    """A value for a CSV row: text that could run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def vn_number(value: float | None, decimals: int | None = None) -> str:
    """A number the Vietnamese way: 1.234,5 (dot thousands, comma decimals)."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
