"""Petitions received named by their kind.

`UBND xã tiếp nhận 03 đơn kiến nghị, phản ánh, không có đơn khiếu nại, tố cáo` states what the
office received, and that all of it is of one kind: the count is both the received and the
kind's. `tiếp nhận 89 đơn kiến nghị, phản ánh, khiếu nại` names two kinds after its unit: it is
the received of every kind, no count of one of them. The words (the verbs, the openers that say
the count is not all there is) are the catalog's (prose.toml [kind_as_received]); the kinds are
the parts of the received in relations.toml.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import regex

import catalog
from extractors.finders.prose.petition_types import petition_types_in
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import alternation

_KIND_WORDS = 3  # a kind phrase after the unit is short (`kiến nghị`, `phản ánh`, `đề nghị`)
_LEAD_WORDS = 2  # the words that open a kind phrase (`phản ánh về ranh giới đất`)
_CLAUSE_END = regex.compile(r"[;.:()]")


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


def _kinds_after_unit(folded: str, n: Num) -> set[str]:
    """The petition kinds named right after the figure's unit, one phrase per comma, up to the
    first words that are no kind (`kiến nghị, phản ánh, không có đơn khiếu nại`: one kind)."""
    rest = folded[n.unit_end :]
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
    return regex.compile(rf"(?<!\p{{L}})(?:{alternation(verbs, spaces=' ', folded=True)})\s*$")


@cache
def _besides() -> regex.Pattern:
    openers = catalog.words("prose.toml", "kind_as_received", "besides_openers")
    return regex.compile(rf"\s*(?:{alternation(openers, spaces=' ', folded=True)})(?!\p{{L}})")
