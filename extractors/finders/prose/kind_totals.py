"""Petitions received named by their kind, and counts all of one kind.

`UBND xã tiếp nhận 03 đơn kiến nghị, phản ánh, không có đơn khiếu nại, tố cáo` states what the
office received, and that all of it is of one kind: the count is both the received and the
kind's. `tiếp nhận 89 đơn kiến nghị, phản ánh, khiếu nại` names two kinds after its unit: it is
the received of every kind, no count of one of them. The words (the verbs, the openers that say
the count is not all there is) are the catalog's (prose.toml [kind_as_received]); the kinds are
the parts of the received in relations.toml. `tiếp nhận 07 đơn, đều là đơn kiến nghị, phản ánh`
says the same after the count (prose.toml [all_of_one_kind]).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

import catalog
from catalog import aside_of
from catalog.patterns import compiled
from extractors.finders.cues import classify_metric
from extractors.finders.prose.lists import is_outcome_label
from extractors.finders.prose.petition_types import petition_types_in
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import alternation, fold

_KIND_WORDS = 3  # a kind phrase after the unit is short (`kiến nghị`, `phản ánh`, `đề nghị`)
_LEAD_WORDS = 2  # the words that open a kind phrase (`phản ánh về ranh giới đất`)
_CLAUSE_END = compiled(r"[;.:()]")


def received_named_by_kind(facts: list[Fact], nums: list[Num], folded: str) -> list[Fact]:
    """The sentence's facts with the received count a kind's count also states (a second fact
    beside it), or states alone (the kind's fact renamed)."""
    whole = _whole()
    if any(f.metric == whole for f in facts) or _besides().match(folded):
        return facts  # (`Ngoài ra, UBND xã tiếp nhận 02 đơn kiến nghị`: not all it received)
    counted = [f for f in facts if f.metric in _kinds() and f.value and not f.links]
    by_start = {n.start: n for n in nums}
    out = list(facts)
    for f in counted:
        n = by_start.get(f.start) if f.scope is None and f.start is not None else None
        if n is None or not _receive_verb().search(folded, 0, n.start):
            continue
        named = _kinds_after_unit(folded, n)
        if len(named) > 1:
            f.metric = whole
        elif named and len(counted) == 1:
            out.append(replace(f, metric=whole, links=[]))
    return out


def all_of_one_kind(facts: list[Fact], text: str) -> list[Fact]:
    """The sentence's facts with the kind's count beside a count its next words say is all of
    one kind (`tiếp nhận 07 đơn, đều là đơn kiến nghị, phản ánh`: recommendations 07 too)."""
    folded, out = fold(text), list(facts)
    wholes = catalog.words("prose.toml", "all_of_one_kind", "wholes")
    for m in _all_of().finditer(folded):
        before = [f for f in facts if f.end is not None and f.end <= m.start() and f.unit != "%"]
        whole = max(before, key=lambda f: f.end or 0) if before else None
        if whole is None or regex.search(r"\d", folded[whole.end or 0 : m.start()]):
            continue
        at = m.end() + _noun_length(folded, m.end())  # (`đều là đơn kiến nghị`)
        kinds = _kinds_after(folded, at)
        if len(kinds) != 1 or is_outcome_label(text[at:].split(",")[0]):
            continue  # (`đều là tố cáo sai`: what became of them)
        kind = classify_metric(kinds.pop(), whole.unit)
        metric = kind if whole.metric in wholes else aside_of(whole.metric).get(kind or "")
        if metric and not any(f.metric == metric and f.value == whole.value for f in facts):
            out.append(replace(whole, metric=metric, links=[], role=None))
    return out


def _noun_length(folded: str, at: int) -> int:
    """The length of the petition noun standing at `at` before the kind, with its space."""
    nouns = catalog.words("prose.toml", "all_of_one_kind", "nouns")
    return next((len(n) + 1 for n in map(fold, nouns) if folded.startswith(n + " ", at)), 0)


@cache
def _all_of() -> regex.Pattern:
    phrases = catalog.words("prose.toml", "all_of_one_kind", "phrases")
    return compiled(rf"[,(]\s*(?:{alternation(phrases, spaces=' ', folded=True)})\s+")


def _kinds_after_unit(folded: str, n: Num) -> set[str]:
    """The petition kinds named right after the figure's unit, one phrase per comma, up to the
    first words that are no kind (`kiến nghị, phản ánh, không có đơn khiếu nại`: one kind)."""
    return _kinds_after(folded, n.unit_end)


def _kinds_after(folded: str, at: int) -> set[str]:
    """The petition kinds named from `at` on, one phrase per comma (see _kinds_after_unit)."""
    rest = folded[at:]
    end = _CLAUSE_END.search(rest)
    kinds: set[str] = set()
    for phrase in rest[: end.start() if end else len(rest)].split(","):
        words = phrase.split()
        found = petition_types_in(" ".join(words[:_LEAD_WORDS]))
        if not found:
            break
        kinds |= found
        if len(words) > _KIND_WORDS:
            break  # (`phản ánh về ranh giới đất`: the phrase goes on about its topic)
    return kinds


def _whole() -> str:
    return catalog.table("prose.toml", "kind_as_received")["whole"]


@cache
def _kinds() -> frozenset[str]:
    sums = catalog.toml("relations.toml").get("sum", [])
    return frozenset(p for r in sums if r["total"] == _whole() for p in r["parts"])


@cache
def _receive_verb() -> regex.Pattern:
    """A receiving verb right before the figure (the end of the words before it)."""
    verbs = catalog.words("prose.toml", "kind_as_received", "verbs")
    return compiled(rf"(?<!\p{{L}})(?:{alternation(verbs, spaces=' ', folded=True)})\s*$")


@cache
def _besides() -> regex.Pattern:
    openers = catalog.words("prose.toml", "kind_as_received", "besides_openers")
    return compiled(rf"\s*(?:{alternation(openers, spaces=' ', folded=True)})(?!\p{{L}})")
