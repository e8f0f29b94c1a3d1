"""The kind of petition a figure counts: complaints, denunciations or recommendations.

A type word right after the figure (`219/260 vụ việc khiếu nại`) or last in its clause says
it; `khiếu nại, tố cáo` and `KNTC` are petitions of every kind; figures earlier in the
sentence, or the section heading, may name the one type the sentence is about. The words are
the catalog's (cues.toml [petition_types], figure_units.toml `petition_counts`); the text is
folded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import find_cue, petition_kinds
from extractors.finders.prose.sentences import ASIDE
from extractors.finders.prose.spans import Num
from normalizers.numbers import DIGITS
from normalizers.text import LIST_LETTERS, alternation, fold

DIGIT = compiled(r"\d")
ITEM_MARK = compiled(rf"^\s*(?:[{LIST_LETTERS}]|\d+(?:\.\d+)*|[ivx]+)\s*[.)]\s*")

ALL = "all"  # petitions of every kind


@dataclass(frozen=True)
class _Patterns:
    kind_word: str  # a fragment: `khiếu nại, tố cáo` is one phrase, `khiếu nại: 45 đơn` a label
    combined: regex.Pattern
    petition_figure: regex.Pattern
    own_family: regex.Pattern
    type_words: tuple[tuple[regex.Pattern, str], ...]
    words: tuple[str, ...]
    requests: dict[str, str]  # request word -> the kind it names


@cache
def _patterns() -> _Patterns:
    types = catalog.table("cues.toml", "petition_types")
    kind_word = (
        rf"\s*(?:{alternation(petition_kinds(), folded=True, spaces=' ')})"
        r"(?![\p{L}])(?!\s*[:\d])"
    )
    first, second = (regex.escape(fold(w)) for w in types["combined"])
    and_word = regex.escape(fold(catalog.table("prose.toml", "words", "and")))
    units = alternation(catalog.figure_units().kind("petition_counts"), folded=True, spaces=" ")
    return _Patterns(
        kind_word=kind_word,
        combined=compiled(
            rf"{first}\s*(?:,|{and_word}|/)\s*{second}"
            rf"|(?<![\p{{L}}])(?:{alternation(types['combined_abbreviations'])})(?![\p{{L}}])"
        ),
        petition_figure=compiled(
            rf"(?<![\p{{L}}\d.,]){DIGITS}\s*(?:/\s*{DIGITS}\s*)?(?:{units})(?![\p{{L}}])"
            rf"((?:[^,;:()]|,(?={kind_word})){{0,40}})"
        ),
        own_family=compiled(alternation(types["own_family"], folded=True, spaces=" ")),
        type_words=tuple(
            (compiled(rf"(?<![\p{{L}}]){regex.escape(fold(word))}(?![\p{{L}}])"), kind)
            for word, kind in petition_kinds().items()
        ),
        words=tuple(petition_kinds()),
        requests=dict(types["requests"]),
    )


def kind_word() -> str:
    """A regex fragment: a petition type word that does not open a label (`tố cáo: 12 đơn`)."""
    return _patterns().kind_word


def combined_types(folded: str) -> bool:
    """`khiếu nại, tố cáo`, `KNTC`: the text names petitions of every kind."""
    return bool(_patterns().combined.search(folded))


def type_of_earlier_figures(folded: str, anchor: int) -> str | None:
    """The one petition type that earlier figures of the sentence were counted in
    (`tiếp nhận 9 đơn kiến nghị, phản ánh, đã giải quyết 9/9 đơn`: the 9/9 are of that type too).
    Types inside parentheses (a breakdown) and sentences naming several types give none."""
    text = ASIDE.sub(lambda m: " " * len(m.group(0)), folded[:anchor])
    clause = text.rfind(";") + 1
    if clause:  # `...; tố cáo thuộc thẩm quyền 21 vụ việc, đã giải quyết 18 vụ việc`
        own = _kinds_of_figures(text, clause)
        if len(own) == 1:
            return own.pop()
    kinds = _kinds_of_figures(text, 0)
    if len(kinds) == 1:
        return kinds.pop()
    return _kind_of_the_figure_before(text) if kinds else None


def _kind_of_the_figure_before(text: str) -> str | None:
    """`..., 04 đơn tố cáo, đã giải quyết 05 đơn`: of a sentence naming several kinds, the kind
    of the figure right before, when only a comma and words stand between (asides blanked)."""
    found = list(_patterns().petition_figure.finditer(text))
    last = found[-1] if found else None
    if last is None or DIGIT.search(text, last.end()) or ";" in text[last.end() :]:
        return None
    label_start = max(text.rfind(c, 0, last.start()) for c in ",;(")
    kinds = petition_types_in(text[label_start + 1 : last.start()] + " " + last.group(1))
    return kinds.pop() if len(kinds) == 1 else None


def _kinds_of_figures(text: str, start: int) -> set[str]:
    """The petition kinds the figures of the text from `start` were counted in."""
    kinds: set[str] = set()
    for m in _patterns().petition_figure.finditer(text, start):
        label_start = max(
            text.rfind(c, 0, m.start()) for c in ",;("
        )  # `Số vụ việc khiếu nại ...: 23 vụ việc`
        words = text[label_start + 1 : m.start()] + " " + m.group(1)
        if _patterns().own_family.search(words):
            continue  # complex cases are their own metric family
        kinds |= petition_types_in(words)
    return kinds


def petition_types_in(folded: str) -> set[str]:
    """The petition kinds a folded text names."""
    return {kind for pattern, kind in _patterns().type_words if pattern.search(folded)}


def single_type(heading: str) -> str | None:
    """The one petition type a section heading is about (`b) Giải quyết tố cáo`), if only one."""
    kinds = petition_types_in(heading) if heading else set()
    return kinds.pop() if len(kinds) == 1 else None


def heading_type(heading: str, before: str) -> str | None:
    """The heading's one petition type, for a figure whose sentence names no other before it
    (`Đối với các vụ việc khiếu nại phức tạp, ... đã giải quyết 09 vụ` under `4. Giải quyết
    kiến nghị, phản ánh` is no recommendation)."""
    kind = single_type(heading)
    return kind if kind is None or petition_types_in(before) <= {kind} else None


def type_near(clause: str, right: str, inherited: str | None = None) -> str | None:
    """Which kind of petition a figure is about: the type word right after it
    (`219/260 vụ việc khiếu nại`) or else the last one in its own clause."""
    p = _patterns()
    kinds = petition_kinds()
    for window, pick in ((right, min), (clause, max)):
        words = p.words + tuple(p.requests) if window is right else p.words  # `02 đơn đề nghị`
        hits = [(st, t) for t in words for st, _ in find_cue(window, t)]
        if not hits and window is clause:
            # `và kiến nghị, đề nghị 3.448 đơn`: the list item's own label, after its comma
            hits = [(st, r) for r in p.requests for st, _ in find_cue(window, r)]
        if combined_types(window):
            return ALL  # `khiếu nại, tố cáo`, `KNTC`: petitions of every kind
        if hits:
            t = pick(hits)[1]
            return kinds.get(t) or p.requests[t]
    return inherited


def kind_count(metric: str, folded: str, n: Num, heading: str = "") -> str:
    """`khiếu nại thuộc thẩm quyền 64 vụ việc`: a generic count whose phrase names one kind is
    that kind's count (structure.toml [kind_counts]). The phrase is the words before the figure
    in its clause, with the item's label before a colon (`a) Khiếu nại: thuộc thẩm quyền 09
    đơn`), or the words right after its unit (`07 đơn khiếu nại thuộc thẩm quyền`), or else the
    section heading over it when it names one kind (`1. Giải quyết đơn khiếu nại`, folded)."""
    table = catalog.table("structure.toml", "kind_counts")
    if metric not in table["of"]:
        return metric
    within = tuple(fold(w) for w in table["within"])
    for kinds, phrase in _kind_phrases(folded, n, heading):
        if len(kinds) == 1 and not _patterns().combined.search(phrase):
            if any(w in phrase for w in within):
                return table["kinds"].get(next(iter(kinds)), metric)
    return metric


def _kind_phrases(folded: str, n: Num, heading: str):
    """(kinds named, phrase) of the places a count's kind may be named, nearest first."""
    start = max(folded.rfind(c, 0, n.start) for c in ",;:(") + 1
    before = folded[start : n.start]
    ends = [i for i in (folded.find(c, n.unit_end) for c in ",;:(") if i >= 0]
    after = folded[n.unit_end : min(ends, default=len(folded))].lstrip()
    yield petition_types_in(before), before
    if start > 0 and folded[start - 1] == ":":
        label = folded[max(folded.rfind(c, 0, start - 1) for c in ",;:(") + 1 : start - 1]
        label = ITEM_MARK.sub("", label)
        if not DIGIT.search(label) and not petition_types_in(after):
            yield petition_types_in(label), f"{label} {before} {after}"
    yield {k for k in petition_types_in(after) if after.startswith(fold(k))}, after
    clause = folded[max(folded.rfind(c, 0, n.start) for c in ";.") + 1 : n.start]
    # (`khiếu nại thuộc thẩm quyền của Chủ tịch UBND huyện 19 vụ, của Chủ tịch UBND cấp xã 23
    # vụ`: the clause's one kind holds for the item that repeats its phrase; not a kind of an
    # aside closed before the figure)
    own = clause[clause.rfind(")") + 1 :]
    yield petition_types_in(own), own
    not_with = catalog.table("structure.toml", "kind_counts")["heading_not_with"]
    if (
        heading
        and not petition_types_in(f"{clause} {after}")
        and not any(fold(w) in heading for w in not_with)
    ):
        yield petition_types_in(heading), f"{clause} {after}"
