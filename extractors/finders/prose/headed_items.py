"""Items that are a numbered sub-heading and the paragraph under it, after a lead-in.

`đã tiếp 236 lượt/285 người, gồm:` then `1.1. Tiếp thường xuyên` / `Ban Tiếp công dân ... 64
lượt/81 người.` then `1.2. Tiếp định kỳ` / ...: each paragraph's first figure of a count the
lead-in states is a part of that count, complete when the lead-in claims the whole (`gồm`).
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from extractors.finders.cues import classify_metric
from model import Block, Fact
from normalizers.text import alternation, fold


@cache
def _complete_pattern() -> regex.Pattern:
    words = catalog.toml("structure.toml")["lead_in"]["complete"]
    return regex.compile(rf"(?<![\p{{L}}])(?:{alternation([fold(w) for w in words])})(?![\p{{L}}])")


def link_headed(lead: str, near: list[Fact], headed: list[tuple[str, Block, list[Fact]]]) -> None:
    """Sub-headed items break down each count of the lead-in that every item states a part of
    (its first figure in the count's unit, of the count's metric or of a catalog part of it):
    `đã tiếp 236 lượt/285 người, gồm:` then `1.1. Tiếp thường xuyên` / `... 64 lượt/81 người`.
    A sub-heading naming a catalog part of the whole (`Tiếp thường xuyên`) names its figure."""
    if len(headed) < 2 or not near:
        return
    lead_block = max(f.block_index or 0 for f in near)
    units = catalog.figure_units()
    wholes = [
        f
        for f in near
        if f.block_index == lead_block
        and f.scope is None
        and f.unit
        and catalog.kind(f.metric) == "count"
        and not f.has_link("part_of")
    ]
    complete = bool(_complete_pattern().search(fold(lead)))
    for whole in wholes:
        counted = units.counts(whole.unit or "")
        parts: list[tuple[str, Fact, list[Fact]]] = []
        for label, _, facts in headed:
            part = next(
                (
                    f
                    for f in sorted(facts, key=lambda f: f.start or 0)
                    if f.unit
                    and units.counts(f.unit) == counted
                    and _part_metric(f.metric, whole.metric)
                    and not f.has_link("part_of")
                ),
                None,
            )
            if part is None:
                break
            parts.append((label, part, facts))
        else:
            key = f"headed {headed[0][1].index}:{whole.metric}"
            for label, part, facts in parts:
                _named_by_heading(label, part, whole.metric)
                for fact in facts:
                    fact.scope = fact.scope or label
                part.link("part_of", whole, key, complete=complete)


def _part_metric(metric: str, whole: str) -> bool:
    return metric == whole or catalog.sum_part_of(metric, whole)


def _named_by_heading(label: str, part: Fact, whole: str) -> None:
    if part.metric != whole:
        return
    named = classify_metric(label, part.unit)
    if named is not None and named != whole and _part_metric(named, whole):
        part.metric = named
