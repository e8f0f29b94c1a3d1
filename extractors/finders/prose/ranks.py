"""Ranks of published indices: `xếp thứ 12/63`, `đứng vị trí 5 về Chỉ số CCHC`.

A figure after a rank word is the rank of the index named nearest before it (or named after
the rank's universe, introduced by `về`), unless it ranks a region or the province's own
units. The words are the catalog's (number_roles.toml [rank], cues.toml [index_cues]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import find_cue, last_cue_before
from extractors.finders.prose.roles import regional_pattern
from extractors.finders.prose.spans import Num
from normalizers.text import alternation, fold

DENOMINATOR = compiled(r"^\s*/\s*\d+")
DIGIT = compiled(r"\d")


@dataclass(frozen=True)
class _Patterns:
    rank_cue: regex.Pattern
    local_universe: regex.Pattern
    about: regex.Pattern
    index_cues: dict[str, tuple[str, ...]]


@cache
def _patterns() -> _Patterns:
    words = catalog.table("number_roles.toml", "rank")
    ordinal = alternation([words["ordinal"]])
    return _Patterns(
        rank_cue=compiled(rf"(?i)({alternation(words['words'])})\s*(?:{ordinal}\s*)?$"),
        local_universe=compiled(
            rf"(?i)^\s*(?:{alternation(words['local_universes'])})(?![\p{{L}}])"
        ),
        about=compiled(rf"(?<![\p{{L}}]){regex.escape(fold(words['about']))}\s+"),
        index_cues={m: tuple(c) for m, c in catalog.table("cues.toml", "index_cues").items()},
    )


@dataclass
class RankRule:
    """A rank of a published index (`xếp hạng 27/63`): read by its own cue, not by a rule."""

    metric: str
    denominator: str | None = None
    rate: str | None = None


def rank_metric(n: Num, text: str, folded: str) -> str | None:
    """`<index>.rank` when the number is a rank of a published index, else None."""
    p = _patterns()
    if not p.rank_cue.search(text[max(0, n.start - 20) : n.start]):
        return None
    end = n.partner.end if n.partner else n.end
    after = DENOMINATOR.sub("", text[end:][:50])  # `thứ 3/13 tỉnh, thành phố vùng ...`
    if _regional(text[n.unit_end if n.unit else n.end :][:40]) or _regional(after[:40]):
        return None
    if p.local_universe.match(DENOMINATOR.sub("", text[end:][:50])):
        return None
    best = None
    for metric, cues in p.index_cues.items():
        d = last_cue_before(folded, cues, n.start)
        if d is not None and (best is None or d < best[0]):
            best = (d, metric)
    if best is None:
        best = _index_named_after(folded, end)
    return f"{best[1]}.rank" if best else None


def _regional(text: str) -> bool:
    return bool(regional_pattern().match(text))


def _index_named_after(folded: str, end: int) -> tuple[int, str] | None:
    """`xếp thứ 3/63 tỉnh, thành phố về Chỉ số cải cách hành chính (PAR INDEX)`: the index
    named right after the ranking's universe, introduced by `về`."""
    p = _patterns()
    best = None
    after = folded[end : end + 90].split(";")[0]
    m = p.about.search(after)
    if m and not DIGIT.search(after[: m.start()]):
        for metric, cues in p.index_cues.items():
            hits = [s for c in cues for s, _ in find_cue(after[m.end() :], c) if s <= 25]
            if hits and (best is None or min(hits) < best[0]):
                best = (min(hits), metric)
    return best
