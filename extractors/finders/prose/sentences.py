"""Sentences of a paragraph, and the lead-ins that tie a sentence to the one before it.

A sentence ends at `.`, `!`, `?` or `;` before a capital, a digit or a list mark, at a line
break after such a mark, or at a colon before a capital (a label's answer stays with it:
`Tổng số đoàn kiểm tra: Không.`); an abbreviated place name (`TP. Đồng Hới`) ends none. The
words are the catalog's (prose.toml [sentences]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.text import LIST_LETTERS, alternation, fold

# a list item's mark: `- `, `a) `, `1. `
ITEM_MARK = compiled(rf"^\s*(?:[-–+•*]|[{LIST_LETTERS}]\)|\d{{1,2}}[.)])\s")
# a parenthesis (an aside)
ASIDE = compiled(r"\([^()]*\)")
# an `a/b` pair of figures
PAIR = compiled(r"\d+\s*/\s*\d")


@dataclass
class Sentence:
    text: str
    start: int  # offset in the block text
    block_index: int
    page: int | None
    source: str
    number: int


@dataclass(frozen=True)
class _Patterns:
    end: regex.Pattern
    bare_lead_in: regex.Pattern
    lead_in: regex.Pattern
    breakdown_start: regex.Pattern
    list_lead: regex.Pattern
    item_lead: regex.Pattern


def _folded(words: list[str]) -> list[str]:
    return [fold(w) for w in words]


@cache
def _patterns() -> _Patterns:
    words = catalog.table("prose.toml", "sentences")
    abbreviations = alternation(words["abbreviations"])
    answers = alternation(words["answers"])
    breakdown = alternation([words["breakdown"]])
    leads = catalog.toml("structure.toml")["lead_in"]
    return _Patterns(
        end=compiled(
            rf"(?<=[.!?;])(?<!(?<![\p{{L}}])(?:{abbreviations})\.)\s+(?=[\p{{Lu}}\-–+•(\d])"
            rf"|(?<=:)\s+(?=[-–+•\p{{Lu}}])(?!(?:{answers})(?![\p{{L}}]))"
            r"|(?<=[.:;!?])\s*\n+|\n+(?=\s*[\p{Lu}\-–+•(])"  # a wrapped line goes on
        ),
        bare_lead_in=compiled(rf"(?i)\W*(?:{alternation(words['bare_lead_ins'])})\s*:\s*"),
        lead_in=compiled(rf"(?i)(:\s*$|^\s*{breakdown})"),
        breakdown_start=compiled(rf"(?i)^\W*{breakdown}(?![\p{{L}}])"),
        # `Theo lĩnh vực, có 24 cuộc ...; 15 cuộc ...`: a list that claims the whole goes on
        list_lead=compiled(
            rf"(?<![\p{{L}}])(?:{alternation([fold(w) for w in leads['complete']], spaces=' ')})"
            r"(?![\p{L}])"
        ),
        # `..., trong đó Ban Tiếp công dân tiếp 71 lượt; UBND 11 xã tiếp 170 lượt`: any list
        item_lead=compiled(
            rf"(?<![\p{{L}}])(?:{alternation(_folded(leads['complete'] + leads['partial']))})"
            r"(?![\p{L}])"
        ),
    )


ITEM_FIGURE = compiled(r"(?<![\d/.,])\d[\d.,]*\s+\p{L}")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a block's text."""
    out, pos = [], 0
    for m in _patterns().end.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.count("(") > chunk.count(")") and "\n" not in text[m.start() : m.end()]:
            continue  # `(01 đơn ... đúng một phần; 01 đơn ... rút đơn)`: an aside goes on
        if _list_goes_on(chunk, text[m.start() - 1 : m.end()], text[m.end() : m.end() + 60]):
            continue  # `cụ thể: 171/189 đơn khiếu nại; 36/41 đơn tố cáo; 85/88 đơn ...`

        if chunk.strip():
            out.append((pos, chunk))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    # `Trong đó: Các cơ quan đã giải quyết ...`: a bare lead-in stays with the sentence it opens on
    # its line
    for i in range(len(out) - 2, -1, -1):
        (p0, a), (p1, b) = out[i], out[i + 1]
        if _patterns().bare_lead_in.fullmatch(a) and "\n" not in text[p0 + len(a) : p1]:
            out[i : i + 2] = [(p0, text[p0 : p1 + len(b)])]
    return out


def _list_goes_on(chunk: str, boundary: str, after: str) -> bool:
    """A semicolon before a figure, in a sentence that opened a list with a colon, or an `a/b`
    pair after a sentence of pairs: the next item of that list or series, not a sentence."""
    if not boundary.lstrip().startswith(";") or "\n" in boundary:
        return False
    if not after[:1].isdigit():
        # `Cụ thể: UBND huyện 17 văn bản; UBND các xã, thị trấn 111 văn bản.`: labelled items
        # `..., trong đó Ban Tiếp công dân tiếp 71 lượt; ...; UBND 11 xã tiếp 170 lượt/190 người;`
        item = regex.split(r"[.;]", after, maxsplit=1)
        opened = _labelled_item(chunk.rsplit(":", 1)[-1]) or bool(
            _patterns().item_lead.search(fold(chunk))
        )
        return len(item) == 2 and opened and _labelled_item(item[0])
    return (
        ":" in chunk
        or bool(_patterns().list_lead.search(fold(chunk)))
        or bool(PAIR.search(chunk) and PAIR.match(after))
    )


def _labelled_item(text: str) -> bool:
    """`UBND huyện 17 văn bản`: a short label, then its figure (no verb clause of its own)."""
    m = ITEM_FIGURE.search(text)
    return m is not None and m.start() <= 40 and len(text.strip()) <= 60


def opens_breakdown(text: str) -> bool:
    """`Trong đó, 194 mô hình tập thể ...`: the sentence breaks down the figure before it."""
    return bool(_patterns().breakdown_start.match(text))


def continues_lead_in(text: str) -> bool:
    """A sentence ending in a colon, or opening with `Trong đó`: what follows is read with it."""
    return bool(_patterns().lead_in.match(text))
