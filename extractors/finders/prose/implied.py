"""Metrics a figure takes when no rule names it, from what stands around it: the next item
of a list of counts by part counts what the list's figure before it counts (`là 1.962 thủ
tục, trong đó cấp tỉnh 1.528, cấp huyện 286`), and a delegation count followed by its
persons in a sentence about reception is a count of delegations (`có 5 đoàn gồm 96 người đến
khiếu nại`). The words are the catalog's (prose.toml [siblings], [delegations]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import alternation, fold

SPACES = compiled(r"\s+")
LETTER = compiled(r"\p{L}")


@dataclass(frozen=True)
class _Words:
    list_item_gap: regex.Pattern
    delegation_gap: regex.Pattern
    reception: tuple[str, ...]
    other_teams: tuple[str, ...]


@cache
def _words() -> _Words:
    siblings = catalog_files.table("prose.toml", "siblings")
    delegations = catalog_files.table("prose.toml", "delegations")
    openers = "|".join(rf",?\s*{alternation([w])}:?" for w in siblings["openers"])
    reopeners = "|".join(rf"{alternation([w])}:?\s*" for w in siblings["reopeners"])
    return _Words(
        # what stands between two items of one list: the first's closed aside, if any (`cấp huyện
        # 03 cuộc (do Chủ tịch UBND huyện chủ trì), cấp xã 27 cuộc`), a separator, then the next
        # item's label
        list_item_gap=compiled(
            rf"(?i)(?:\s*\([^()]*\))?\s*(?:[;,]|\(|{openers})\s*(?:{reopeners})?"
            rf"([^\d;:()]{{2,80}}?)\s*(?:{alternation(siblings['copulas'])})?\s*:?\s*$"
        ),
        delegation_gap=compiled(
            rf"(?i)\s*,?\s*(?:{alternation(delegations['between'])})?\s*(?:\(\s*)?(?:[\p{{L}}]+\s+)?"
        ),
        reception=tuple(delegations["reception"]),
        other_teams=tuple(delegations["other_teams"]),
    )


def list_sibling(
    n: Num, text: str, nums: list[Num], earlier: list[Fact], catalog: Catalog
) -> tuple[str, str] | None:
    """(metric, scope) of a figure that continues a list of counts by part: `là 1.962 thủ tục,
    trong đó cấp tỉnh 1.528, cấp huyện 286`, `... là 104 vụ, các tranh chấp về hôn nhân gia đình là
    26 vụ`: an item without a cue of its own counts what the list's figure before it counts, for
    the part its label names."""
    if n.unit is None or n.unit == "%" or n.partner is not None or not earlier:
        return None
    prev_fact = earlier[-1]
    if (
        prev_fact.role == "whole"
        or prev_fact.start is None
        or catalog.kind_of(prev_fact.metric) != "count"
    ):
        return None
    prev = next((m for m in nums if m.start == prev_fact.start), None)
    if prev is None or any(not m.skip and prev.start < m.start < n.start for m in nums):
        return None
    counts = catalog_files.figure_units().counts
    if counts(prev.unit or "") != counts(n.unit):
        return None
    gap = _words().list_item_gap.fullmatch(text, prev.unit_end, n.start)
    if not gap:
        return None
    label = SPACES.sub(" ", gap.group(1)).strip(" ,")
    if not LETTER.search(label):
        return None
    folded_label = fold(label)
    if not any(
        n.unit in r.units and not any_cue(folded_label, r.without + r.without_before)
        for r in catalog.rules
        if r.metric == prev_fact.metric
    ):
        # `tiếp 412 lượt, trong đó: khiếu nại 37 lượt`: a part the metric's rules leave out
        return None
    return prev_fact.metric, label


def delegation_with_persons(n: Num, text: str, folded: str, nums: list[Num]) -> bool:
    """`có 5 đoàn gồm 96 người đến khiếu nại`: a delegation count followed by its persons, in a
    sentence about reception (not about inspection or other teams)."""
    units = catalog_files.figure_units()
    if n.unit not in units.kind("delegations") or n.partner is not None:
        return False
    later = [m for m in nums if m.start > n.start and not m.skip]
    if (
        not later
        or later[0].unit not in units.kind("delegation_persons")
        or not _words().delegation_gap.fullmatch(text, n.unit_end, later[0].start)
    ):
        return False
    clause_start = max(folded.rfind(c, 0, n.start) for c in ";.:")
    return any_cue(folded, _words().reception) and not any_cue(
        folded[clause_start + 1 : later[0].unit_end], _words().other_teams
    )
