"""Figures whose clause is about a topic the document breaks its counts down by.

`Phân theo lĩnh vực: đất đai 402 vụ việc; hôn nhân và gia đình 318 vụ việc; ...` makes
`hôn nhân và gia đình` one of the document's topics; `Các vụ việc hôn nhân và gia đình đạt kết
quả cao nhất với 381 vụ việc hòa giải thành` then states a figure of that topic: scoped to it,
so it meets the topic's other figures (a part above its topic's whole is wrong).
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.prose.named_places import is_level
from model import Fact
from normalizers.text import alternation, fold

CLAUSE_BREAK = compiled(r"[;:(]")


@cache
def _more_numbers() -> str:
    """`mức độ 3, 4`, `mức độ 3 và 4`: after a topic's number, more numbers named with it (the
    joining words of prose.toml [scopes.level_lead])."""
    joins = catalog.table("prose.toml", "scopes", "level_lead")["joined"]
    return rf"(?:,|\s+(?:{alternation(joins, folded=True)}))\s*\d"


def scope_by_known_topics(facts: list[Fact]) -> None:
    """Scope (in place) each unscoped prose count whose clause names one known topic."""
    topics = _topics(facts)
    if not topics:
        return
    for f in facts:
        if f.scope is not None or f.source == "table" or catalog.kind(f.metric) != "count":
            continue
        clause = _clause_before(f)
        if clause is None:
            continue
        named = [
            t
            for t in topics
            if regex.search(
                rf"(?<![\p{{L}}]){regex.escape(t)}(?![\p{{L}}]|{_more_numbers()})", clause
            )
        ]
        if len(named) == 1:
            f.scope = topics[named[0]]


def _topics(facts: list[Fact]) -> dict[str, str]:
    """{folded topic: topic as written} of the prose list items that break a count down by a
    label of their own words (not a level, not a unit's name)."""
    out: dict[str, str] = {}
    for f in facts:
        scope = f.scope or ""
        if (
            f.source != "table"
            and f.has_link("part_of")
            and scope[:1].islower()
            and 4 <= len(scope) <= 40
            and not is_level(scope)
        ):
            out[fold(scope)] = scope
    return out


def _clause_before(f: Fact) -> str | None:
    """The folded words of the figure's clause before it, when its number stands once in its
    sentence."""
    if not f.raw or f.evidence.count(f.raw) != 1:
        return None
    at = f.evidence.index(f.raw)
    before = f.evidence[:at]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    return fold(before[breaks[-1] if breaks else 0 :])
