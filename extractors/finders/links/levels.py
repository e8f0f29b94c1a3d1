"""Parts whose scopes name every part of their whole make it up, whatever the lead-in says.

`Khối chính quyền có 46 mô hình, trong đó cấp huyện 09 mô hình, cấp xã 35 mô hình` in a
district's report: `trong đó` names only some parts in general, but these are all the levels the
district has, so the list is the whole and its parts are checked against it (structure.toml
[levels]); so are `tập thể` and `cá nhân` ([exhaustive]).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from model import DocMeta, Fact
from normalizers.text import alternation, fold


@cache
def _issuer_words() -> tuple[regex.Pattern, dict[str, str]]:
    """One pattern over the folded level words of an issuer's name, and word -> level."""
    levels = catalog.toml("structure.toml")["levels"]["issuer"]
    word_level = {fold(w): level for level, words in levels.items() for w in words}
    words = sorted(word_level, key=len, reverse=True)  # `thị xã` before `xã`
    return compiled(rf"(?<!\p{{L}})({alternation(words)})(?!\p{{L}})"), word_level


def issuer_level(meta: DocMeta) -> str | None:
    """The level of the body that issued the document: the last level word of its name, or of
    the body above it in the header when its name has none (`Ban Dân vận` under `Huyện ủy`)."""
    pattern, word_level = _issuer_words()
    name = fold(meta.issuer or "")
    found = list(pattern.finditer(name))
    if not found:
        name = fold(meta.issuer_parent or "")
        found = list(pattern.finditer(name))
    if not found:
        return None
    last = found[-1]
    city = fold(catalog.toml("structure.toml")["levels"]["city"])
    if last.group(1) == city and meta.province and fold(meta.province) in name[last.end() :]:
        return catalog.toml("structure.toml")["levels"]["order"][0]
    return word_level[last.group(1)]


@cache
def _scope_levels() -> dict[str, str]:
    """{folded level scope: level}: the prose's level words (`cấp huyện`, prose.toml
    [scopes.level_lead]) by the issuer's level word they end in."""
    _, word_level = _issuer_words()
    levels = catalog.table("prose.toml", "scopes", "level_lead")["levels"]
    return {fold(w): word_level[fold(w).split()[-1]] for w in levels}


@cache
def _plain_words() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.table("structure.toml", "levels", "plain"))


def level_of_scope(scope: str) -> str | None:
    """The level a scope or row label names (`Cấp huyện`: huyện; `ở thị xã`, `ở các phường`:
    the units of that kind, structure.toml [levels] plain), if it names only one."""
    folded = fold(" ".join(scope.split())).strip(" .:")
    level = _scope_levels().get(folded)
    if level is None:
        words = folded.split()
        while words and words[0] in _plain_words():
            words = words[1:]  # `ở`, `tại`, `các`
        if len(words) < len(folded.split()):
            level = _issuer_words()[1].get(" ".join(words))
    return level


@cache
def _joins() -> regex.Pattern:
    joined = catalog.table("prose.toml", "scopes", "level_lead")["joined"]
    return compiled(rf"\s*,\s*|\s+(?:{alternation(joined)})\s+")


def levels_of_scope(scope: str) -> list[str]:
    """The levels a scope names, one or joined (`cấp huyện, cấp xã`, `cấp huyện và cấp xã`);
    a scope naming anything else names none ([""])."""
    pieces = _joins().split(scope.strip())
    levels = [level_of_scope(piece) for piece in pieces]
    return [lv for lv in levels if lv] if all(levels) else [""]


def levels_below(level: str) -> list[str]:
    order = catalog.toml("structure.toml")["levels"]["order"]
    return order[order.index(level) :]


@cache
def _exhaustive_sets() -> list[list[str]]:
    sets = catalog.toml("structure.toml")["exhaustive"]["sets"]
    return [sorted(fold(w) for w in words) for words in sets]


def complete_by_scopes(facts: list[Fact], meta: DocMeta) -> None:
    """A list of parts whose scopes are exactly the issuer's level and those below it, or one
    of the catalog's exhaustive sets, claims the whole: its part_of links become complete."""
    level = issuer_level(meta)
    levels = sorted(levels_below(level)) if level is not None else None
    lists: dict[tuple[int, str | None], list[Fact]] = defaultdict(list)
    for f in facts:
        for k in f.links:
            if k.relation == "part_of" and not k.complete and k.other.metric == f.metric:
                lists[(id(k.other), k.role)].append(f)
    for parts in lists.values():
        scopes = sorted(fold(p.scope or "").strip() for p in parts)
        named = sorted(level for p in parts for level in levels_of_scope(p.scope or ""))
        if len(parts) > 1 and (named == levels or scopes in _exhaustive_sets()):
            for p in parts:
                for k in p.links:
                    if k.relation == "part_of" and k.other.metric == p.metric:
                        k.complete = True
