"""The patterns of an official document's header, built once from the catalog's words
(header.toml, doc_types.toml) and the date grammar (normalizers/dates.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.dates import DAY, SLASHED_DATE, WRITTEN_DATE
from normalizers.text import alternation

RULE_LINE = compiled(r"[-_*=.…\s]+")
SENTENCE_END = compiled(r"[.:!?]$")
YEAR = compiled(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
LETTERS = compiled(r"[\p{L}]+")
# a line whose left part ends where a title-case or body text begins
CAPS_RUN = compiled(r"^([\p{Lu}\s…,.]+?)(?=\s+\p{Lu}[\p{Ll}]|$)")


def spelled(phrase: str) -> str:
    """A header phrase as a pattern: words joined by any whitespace, a hyphen with any space
    around it (`Độc lập - Tự do`), a final dot after any space (`TP .`)."""
    dot = phrase.endswith(".") and len(phrase) > 1
    body = phrase[:-1] if dot else phrase
    out = r"\s*-\s*".join(alternation([part.strip()]) for part in body.split("-"))
    return out + (r"\s*\." if dot else "")


def spelled_all(phrases: list[str]) -> str:
    return "|".join(spelled(p) for p in phrases)


@dataclass(frozen=True)
class Patterns:
    motto: regex.Pattern
    number: regex.Pattern
    number_below: regex.Pattern  # `Số 45-BC/HU` on its own line under the header
    number_line: regex.Pattern  # `Số:` opening a line
    about: regex.Pattern  # `V/v ...`: a letter's subject line
    about_start: regex.Pattern
    place_date: regex.Pattern
    written_date: regex.Pattern
    body_openers: regex.Pattern
    addressed: regex.Pattern
    letter_line: regex.Pattern  # `Số ...`, `Kính gửi ...`: the subject line ended
    data_window: regex.Pattern
    subject_end: regex.Pattern
    number_word: str
    titles: tuple[tuple[str, str, regex.Pattern, regex.Pattern], ...]  # (id, word, alone, in line)


@cache
def patterns() -> Patterns:
    h = catalog.toml("header.toml")
    number = regex.escape(h["number"]["word"])
    subject = regex.escape(h["letter"]["subject"])
    addressee = alternation([h["letter"]["addressee"]])
    title = h["title"]
    number_pattern = (
        rf"{number}\s*:?\s*(\d+(?:\s*/\s*(?:19|20)\d{{2}})?\s*[-/]\s*\p{{Lu}}[\p{{L}}\d&]*"
        r"(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d&]*)*)"
    )
    return Patterns(
        motto=compiled(rf"(?i){spelled_all(h['motto']['lines'])}|[-_*=]{{3,}}"),
        number=compiled(number_pattern),
        number_below=compiled(r"^[\s*]*" + number_pattern),
        number_line=compiled(rf"^{number}\s*:"),
        about=compiled(rf"(?i)^\s*{subject}\.?\s*:?\s*(.+)$"),
        about_start=compiled(rf"(?i)^{subject}\b"),
        place_date=compiled(
            r"(?P<place>[\p{L} .…]{0,40}),\s*"
            rf"(?P<date>{WRITTEN_DATE}|{DAY}\s+{SLASHED_DATE}|{SLASHED_DATE})"
        ),
        written_date=compiled(WRITTEN_DATE),
        body_openers=compiled(
            rf"(?i)^({alternation(h['body']['openers'], spaces=' ')}|i[.\-]|1\.)"
        ),
        addressed=compiled(rf"(?i)^\s*{addressee}\b"),
        letter_line=compiled(
            rf"(?i)^({number}|{alternation([h['letter']['addressee']], spaces=' ')})"
        ),
        data_window=compiled(
            rf"(?i)^(?:{alternation(title['data_window'])}"
            rf"|\(\s*(?:{alternation(title['data_window_in_parentheses'])}))"
        ),
        subject_end=compiled(
            rf"(?<!{alternation(h['body']['starts_not_after'], spaces=' ')})"
            rf"\s({alternation(h['body']['starts'], spaces=' ')})\s"
        ),
        number_word=h["number"]["word"],
        titles=_titles(),
    )


def _titles() -> tuple[tuple[str, str, regex.Pattern, regex.Pattern], ...]:
    """Each kind word of doc_types.toml with its patterns: the line is the word alone, or the
    word stands in the line."""
    out = []
    for entry in catalog.toml("doc_types.toml")["doc_type"]:
        for word in entry["titles"]:
            spelled_word = r"\s+".join(regex.escape(w) for w in word.split())
            out.append(
                (
                    entry["id"],
                    word,
                    compiled(rf"(?i){spelled_word}"),
                    compiled(rf"(?:^|\s){spelled_word}(?:\s|$)"),
                )
            )
    return tuple(out)
