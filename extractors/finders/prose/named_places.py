"""Figures a sentence states for a place other than the document's own unit.

`Các địa phương có số vụ việc tiếp nhận nhiều là huyện Châu Thành (114 vụ việc), huyện Cao
Lãnh (104 vụ việc); thành phố Sa Đéc có tỷ lệ hòa giải thành cao nhất tỉnh (89,06%)`: each
figure is that place's, scoped to it, so it meets the place's table row (a conflict when they
differ) and never the document's own totals. The place is the last one named in the figure's
phrase (since a comma or semicolon); the kinds of place are the catalog's (prose.toml
[scopes.named_places]); an agent (`theo chỉ đạo của UBND huyện X`) is no subject.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from model import DocMeta, Fact
from normalizers.text import alternation, fold

PHRASE_BREAK = compiled(r"[,;]")


@cache
def _place() -> regex.Pattern:
    kinds = catalog.table("prose.toml", "scopes", "named_places")["kinds"]
    name = r"\p{Lu}[\p{L}']*(?:\s+\p{Lu}[\p{L}']*){0,3}"
    return compiled(rf"(?i:(?<![\p{{L}}])({alternation(kinds)}))\s+({name})")


@cache
def _not_subject() -> regex.Pattern:
    t = catalog.table("prose.toml", "scopes", "named_places")
    agents, bodies = alternation(t["agents"]), alternation(t["bodies"])
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{agents})\s+(?:(?:{bodies})\s+)?$")


def scope_by_named_places(facts: list[Fact], meta: DocMeta) -> None:
    """Scope (in place) each unscoped prose figure whose phrase names another place."""
    issuers = " ; ".join(x for x in (meta.issuer, meta.issuer_parent) if x)
    own_places = {_folded_place(m) for m in _place().finditer(issuers)}
    own = fold(" ".join(x for x in (issuers, meta.place) if x))
    for f in facts:
        if (f.scope is not None and not is_level(f.scope)) or f.source == "table" or not f.raw:
            continue  # (a place named in a level's sentence is narrower than the level)
        if f.evidence.count(f.raw) != 1:
            continue
        before = f.evidence[: f.evidence.index(f.raw)]
        breaks = [m.end() for m in PHRASE_BREAK.finditer(before)]
        phrase_start = breaks[-1] if breaks else 0
        found = list(_place().finditer(before, phrase_start))
        if not found:
            continue
        m = found[-1]
        if _not_subject().search(before, max(0, m.start() - 20), m.start()):
            continue
        if _folded_place(m) in own_places or not issuers and fold(m.group(2)) in own:
            continue  # the own unit (`thành phố Vũng Tàu` is not `tỉnh Bà Rịa - Vũng Tàu`)
        f.scope = _as_row_name(m)


@cache
def _levels() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.table("prose.toml", "scopes", "level_lead")["levels"])


def is_level(scope: str) -> bool:
    """A scope that is a level of government alone (`cấp xã`), prose.toml [scopes.level_lead]."""
    return fold(scope) in _levels()


def place_named(label: str) -> str | None:
    """The place a label names (`xã Búng Lao tổ chức` → `Xã Búng Lao`), as a table row names it."""
    m = _place().search(label)
    return _as_row_name(m) if m is not None else None


def _as_row_name(m: regex.Match) -> str:
    """`xã Búng Lao` as a table's row names it: `Xã Búng Lao`."""
    kind = m.group(1).lower()
    return f"{kind[:1].upper()}{kind[1:]} {m.group(2)}"


def _folded_place(m: regex.Match) -> str:
    return f"{fold(m.group(1))} {fold(m.group(2))}"


@lru_cache(maxsize=512)
def without_place_names(text: str) -> str:
    """The text with the names of places blanked (same length): `xã Bằng Hành 09 lượt` names
    no comparison (`bằng`)."""
    out = text
    for m in _place().finditer(text):
        out = out[: m.start(2)] + " " * (m.end(2) - m.start(2)) + out[m.end(2) :]
    return out


def blank_place_names(text: str, folded: str) -> str:
    """The folded sentence with the names of places blanked (`huyện Châu Thành`: its `Thành`
    is no `hòa giải thành`), so no cue word is read inside a proper name."""
    if len(folded) != len(text):
        return folded
    out = folded
    for m in _place().finditer(text):
        out = out[: m.start(2)] + " " * (m.end(2) - m.start(2)) + out[m.end(2) :]
    return out


def units_of_one_level(text: str, end: int) -> str | None:
    """`UBND các xã, thị trấn tiếp nhận 146 đơn`: all the units of one level named in the
    figure's clause (prose.toml [scopes.level_lead] plural) name that level, unless joined to
    another body (`UBND huyện và UBND các xã, thị trấn tiếp 85 lượt`: the whole)."""
    start = max(text.rfind(c, 0, end) for c in ";:()") + 1
    folded = fold(text[start:end])
    for units, level in _plural_levels():
        at = folded.find(units)
        if at >= 0 and not regex.search(r"[,;:]", folded[at + len(units) :]):
            return None if _joined().search(folded[:at]) else level
    return None


@cache
def _plural_levels() -> list[tuple[str, str]]:
    plural = catalog.table("prose.toml", "scopes", "level_lead")["plural"]
    return sorted(((fold(u), lv) for u, lv in plural.items()), key=lambda p: -len(p[0]))


@cache
def _joined() -> regex.Pattern:
    words = catalog.table("prose.toml", "scopes", "level_lead")["joined"]
    return compiled(rf"(?<![\p{{L}}])(?:{alternation([fold(w) for w in words])})(?![\p{{L}}])")


def levels_of_units() -> frozenset[str]:
    """The levels all the units of which a scope may name (`cấp xã` for `các xã, thị trấn`)."""
    return frozenset(level for _, level in _plural_levels())
