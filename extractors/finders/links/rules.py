"""The relations the catalog defines between figures (relations.toml), as the link stage
reads them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from model import Fact, ValuedFact, has_value
from normalizers.numbers import THOUSANDS
from normalizers.text import fold


@cache
def relations() -> dict:
    """relations.toml: `[[rate]]` rate = numerator / denominator, `[[sum]]` parts sum to a
    total, `[other_base]` the words that name another base than the metric's."""
    return catalog.toml("relations.toml")


@cache
def other_base_words() -> tuple[str, ...]:
    return tuple(relations().get("other_base", {}).get("words", []))


@cache
def other_base_label() -> str:
    """The detail of a whole of another base (`90/95 đơn đến hạn`), as the clerk reads it."""
    return relations()["other_base"]["label"]


@cache
def other_base_after() -> tuple[regex.Pattern, ...]:
    """A word naming another base within 25 characters after a figure (on folded text)."""
    return tuple(
        compiled(r"^[^,;.()]{0,25}?(?<![\p{L}])" + regex.escape(fold(w)))
        for w in other_base_words()
    )


def values(facts: Iterable[Fact], metric: str) -> list[ValuedFact]:
    """The facts of a metric that have a value."""
    return [f for f in facts if f.metric == metric and has_value(f)]


@lru_cache(maxsize=64)
@lru_cache(maxsize=64)
def count_in_unit(head: str) -> regex.Pattern:
    """A whole count followed by a unit's first word (`50 đơn`, `1.050 vụ việc`)."""
    return compiled(
        rf"(?<![\d/.,])({THOUSANDS}|\d+)(?![\d/.,])\s*{regex.escape(head)}\b", flags=regex.I
    )
