"""What the clause after a figure says was done with what it counts.

`Không thuộc thẩm quyền 02 đơn, UBND xã đã chuyển đến UBND huyện`: the figure's own clause ends
at the comma, but the clause after it has no figure of its own and a predicate (a verb the
catalog lists, prose.toml [clause] predicate_after_verbs): it tells what became of all the
02 petitions, and a rule's `then` groups are looked for there (catalog/metrics.toml).
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import any_cue, first_cue_offsets
from normalizers.text import alternation

_ASIDE_AND_COMMA = compiled(r"(?:\s*\([^()]{1,100}\))?\s*,")
_REST_END = compiled(r"[;:()\[\]]|\.(?!\d)")
_DIGIT = compiled(r"\d")


@cache
def _verb() -> regex.Pattern:
    verbs = catalog.words("prose.toml", "clause", "predicate_after_verbs")
    return compiled(rf"(?<![\p{{L}}])(?:{alternation(verbs, folded=True)})(?![\p{{L}}])")


def predicate_after(folded: str, tail: int) -> str:
    """The clause after a figure's comma (past an aside on its parts) up to the next comma,
    when a predicate verb stands in it and no figure stands before the `;` or `.` that ends
    it: a figure there counts a part of its own (`đơn không thuộc thẩm quyền 27 đơn, đã chuyển
    21 đơn đến ...`; `309 đơn, Sở đã chuyển UBND các huyện, thành phố 214 đơn`)."""
    comma = _ASIDE_AND_COMMA.match(folded, tail)
    if comma is None:
        return ""
    end = _REST_END.search(folded, comma.end())
    rest = folded[comma.end() : end.start() if end else len(folded)]
    if _DIGIT.search(rest):
        return ""
    clause = rest.split(",", 1)[0]
    return clause if _verb().search(clause) else ""


def then_distances(groups, without: tuple[str, ...], then: str) -> list[float] | None:
    """Where each `then` group's first cue stands in the predicate after the figure; None
    when one is missing or a phrase the rule excludes stands there."""
    if not groups:
        return []
    if not then or any_cue(then, without):
        return None
    return first_cue_offsets(groups, then)
