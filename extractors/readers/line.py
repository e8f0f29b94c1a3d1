"""A positioned line of text, as the PDF and OCR readers hand it to the layout.

Both readers produce `Line`s with their boxes (PDF coordinates: larger is higher on the page);
the layout modules (header, paragraphs, footnotes, tables) read them. The patterns here are the
ones every layout step shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.patterns import compiled
from model import MarkAnchor

SENTENCE_END = compiled(r"[.:;!?…]\s*$")
LIST_START = compiled(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|[IVXLC]+[.\-–)])\s")
LINE_END_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen that ends a line inside a word or a code


@dataclass
class Line:
    text: str
    size: float
    x0: float
    x1: float
    top: float  # PDF coordinates: larger is higher on the page
    bottom: float
    page: int
    marks: list[str] = field(default_factory=list)
    mark_at: list[MarkAnchor] = field(default_factory=list)  # where each mark stood in the line
    segments: list[tuple[float, float, str]] = field(
        default_factory=list
    )  # (x0, x1, text) split at wide gaps


def join_text(a: str, b: str) -> str:
    """Two lines' text joined: with a space, or with the hyphen a line ended on (`96/KH-` /
    `UBND` is `96/KH-UBND`)."""
    if not a:
        return b
    if a.endswith(LINE_END_HYPHEN):
        return f"{a[:-1]}-{b}"
    return f"{a} {b}"
