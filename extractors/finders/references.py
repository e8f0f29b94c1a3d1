"""Documents cited in the text (`Kế hoạch số 159/KH-UBND ngày 06/5/2022`).

Useful by itself (which directives each unit implements) and for the date checks: a date
that cannot exist, a cited document dated after the report, one number cited with two dates.
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from model import TABLE, Document, Reference
from normalizers.dates import DATE_PATTERN, DAY, DAY_MONTH_YEAR, NUMERIC_DATE, make_date
from normalizers.text import alternation

SPACES = compiled(r"\s+")
LETTER = compiled(r"[\p{L}]")
NUMBER_PARTS = compiled(r"[/-]")


@cache
def _cited() -> dict:
    return catalog.table("doc_types.toml", "cited")


@cache
def _reference() -> regex.Pattern:
    """A cited document: its kind, number and date."""
    cited = _cited()
    kinds = "|".join(regex.escape(k) for k in cited["kinds"])
    joint, number = alternation([cited["joint"]]), regex.escape(cited["number_word"])
    return compiled(
        # `Quyết định giải quyết khiếu nại lần hai số 2715/QĐ-UBND`: words between the kind
        # and its number only with the number word
        rf"(?P<kind>{kinds})(?:(?:\s+\p{{L}}+){{1,7}}?\s+{number}\s*:?\s*"
        rf"|\s+(?:{joint}\s+)?(?:{number}\s*:?\s*)?)"
        r"(?P<number>\d+[\p{L}\d]*(?:\s*[/-]\s*[\p{L}\d.]+)+)"
        rf"(?:\s*,)?(?:\s+{DAY}\s+|\s*,\s*{DAY}\s+|\s+)(?P<date>{DAY_MONTH_YEAR}|{NUMERIC_DATE})?",
        regex.IGNORECASE,
    )


@cache
def _basis() -> regex.Pattern:
    return compiled(rf"(?i)({alternation(_cited()['basis'])})\s*$")


def extract_references(doc: Document) -> list[Reference]:
    refs = []
    for block in doc.blocks:
        if block.kind == TABLE and block.index < 3:
            continue  # the official header carries the document's own number
        for m in _reference().finditer(block.text):
            number = SPACES.sub("", m.group("number")).rstrip(".,")
            if not LETTER.search(number):
                continue  # "Kế hoạch 2021-2025" is a period, not a number
            date_text = m.group("date")
            iso, valid = None, True
            if date_text and (d := DATE_PATTERN.search(date_text)) is not None:
                iso = _iso(d)
                valid = iso is not None
            sentence = _sentence_around(block.text, m.start(), m.end())
            refs.append(
                Reference(
                    kind=_kind(_nearest_kind(m)),
                    number=number,
                    issuer_code=_issuer_code(number),
                    date_text=date_text,
                    date=iso,
                    date_valid=valid,
                    evidence=sentence,
                    page=block.page,
                    block_index=block.index,
                    is_basis=bool(_basis().search(block.text[max(0, m.start() - 15) : m.start()])),
                )
            )
    return refs + _impossible_dates_elsewhere(doc, refs)


def _iso(d: regex.Match) -> str | None:
    """The ISO date of a DATE_PATTERN match (`ngày 06 tháng 5 năm 2022`, `06/5/2022`); None
    when no such day exists."""
    day, month, year = (
        (d.group("d"), d.group("m"), d.group("y"))
        if d.group("d")
        else (d.group("d2"), d.group("m2"), d.group("y2"))
    )
    return make_date(int(day), int(month), int(year))


def _impossible_dates_elsewhere(doc: Document, refs: list[Reference]) -> list[Reference]:
    """The impossible dates the text writes outside its citations (`số liệu tính từ ngày
    01/01/2020 đến ngày 31/6/2020`): a date of the report itself that cannot be."""
    cited = {(r.block_index, r.date_text) for r in refs}
    out = []
    for block in doc.blocks:
        if block.kind == TABLE and block.index < 3:
            continue
        for d in DATE_PATTERN.finditer(block.text):
            if _iso(d) is not None:
                continue
            if any(b == block.index and t and d.group() in t for b, t in cited):
                continue
            out.append(
                Reference(
                    kind=str(_cited()["own_date"]),
                    number=None,
                    issuer_code=None,
                    date_text=d.group(),
                    date=None,
                    date_valid=False,
                    evidence=_sentence_around(block.text, d.start(), d.end()),
                    page=block.page,
                    block_index=block.index,
                )
            )
    return out


def _nearest_kind(m: regex.Match) -> str:
    """The kind word nearest the number: `Quy chế ban hành kèm theo Quyết định số 1128/...`
    cites the Quyết định."""
    words = m.string[m.start("kind") : m.start("number")]
    kinds = compiled("|".join(regex.escape(k) for k in _cited()["kinds"]), regex.I)
    found = list(kinds.finditer(words))
    return found[-1].group() if found else m.group("kind")


def _kind(text: str) -> str:
    for k in _cited()["kinds"]:
        if k.lower() == text.lower():
            return k
    return text


def _issuer_code(number: str) -> str | None:
    parts = NUMBER_PARTS.split(number)
    return parts[-1] if len(parts) > 1 else None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right + 1].strip()
