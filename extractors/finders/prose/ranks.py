"""Ranks."""

from __future__ import annotations

import regex

from extractors.finders.cues import (
    find_cue,
    last_cue_before,
)
from extractors.finders.prose.roles import REGIONAL
from extractors.finders.prose.spans import Num

INDEX_CUES = {
    "index.par": ("par index", "chỉ số cải cách hành chính", "chỉ số cchc", "par"),
    "index.sipas": (
        "sipas",
        "chỉ số hài lòng",
        "sự phục vụ hành chính",
        "sự phục vụ của cơ quan hành chính",
        "sự phục vụ của các cơ quan hành chính",
    ),
    "index.papi": ("papi",),
    "index.pci": ("pci", "năng lực cạnh tranh"),
}


RANK_CUE = regex.compile(
    r"(?i)(xếp(?:\s+(?:hạng|thứ|vị\s+thứ|vị\s+trí))?|đứng\s+(?:thứ|hạng|vị\s+trí)|vị\s+trí|vị\s+thứ|hạng)"
    r"\s*(?:thứ\s*)?$"
)


# `xếp thứ 10/18 huyện, thị xã, thành phố`: a ranking among the province's own units, not among provinces
LOCAL_UNIVERSE = regex.compile(
    r"(?i)^\s*(?:huyện|quận|thị\s+xã|xã|phường|sở|cơ\s+quan|đơn\s+vị|ban,\s+ngành|địa\s+phương\s+cấp\s+huyện)"
    r"(?![\p{L}])"
)


def rank_metric(n: Num, text: str, folded: str) -> str | None:
    if not RANK_CUE.search(text[max(0, n.start - 20) : n.start]):
        return None
    if REGIONAL.match(text[n.unit_end if n.unit else n.end :][:40]) or REGIONAL.match(
        text[(n.partner.end if n.partner else n.end) :][:40]
    ):
        return None
    universe = regex.sub(r"^\s*/\s*\d+", "", text[(n.partner.end if n.partner else n.end) :][:50])
    if LOCAL_UNIVERSE.match(universe):
        return None
    universe = regex.sub(r"^\s*/\s*\d+", "", text[(n.partner.end if n.partner else n.end) :][:50])
    if LOCAL_UNIVERSE.match(universe):
        return None
    best = None
    for metric, cues in INDEX_CUES.items():
        d = last_cue_before(folded, cues, n.start)
        if d is not None and (best is None or d < best[0]):
            best = (d, metric)
    if best is None:
        # `xếp thứ 3/63 tỉnh, thành phố về Chỉ số cải cách hành chính (PAR INDEX)`: the index
        # named right after the ranking's universe, introduced by `về`
        end = n.partner.end if n.partner else n.end
        after = folded[end : end + 90].split(";")[0]
        m = regex.search(r"(?<![\p{L}])ve\s+", after)
        if m and not regex.search(r"\d", after[: m.start()]):
            for metric, cues in INDEX_CUES.items():
                hits = [s for c in cues for s, _ in find_cue(after[m.end() :], c) if s <= 25]
                if hits and (best is None or min(hits) < best[0]):
                    best = (min(hits), metric)
    return f"{best[1]}.rank" if best else None
