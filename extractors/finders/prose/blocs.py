"""Figures of one bloc of the political system (`khối chính quyền`, `khối Đảng`).

A report on "Dân vận khéo" counts the models of every bloc, then says `Khối chính quyền có 25
mô hình`: that figure is the government bloc's, and it meets the appendix row `Khối chính
quyền`. A report on the government's own mass-mobilisation work says the same words about its
only subject: there the figure is the document's (prose.toml [scopes.bloc]).
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from model import Fact
from normalizers.text import alternation, fold


@cache
def _bloc_subject() -> regex.Pattern:
    """`khối <name> [các cấp ...] <verb>` opening a clause, on folded text."""
    bloc = catalog.table("prose.toml", "scopes", "bloc")
    verbs = catalog.table("prose.toml", "scopes", "own")["verbs"]
    return compiled(
        rf"(?:^|[.;:,]\s*)({regex.escape(fold(bloc['opener']))}\s+[^\d,;:.()]{{2,60}}?)\s+"
        rf"(?:{alternation([fold(v) for v in verbs])})(?![\p{{L}}])"
    )


@cache
def _name_end() -> regex.Pattern:
    ends = catalog.table("prose.toml", "scopes", "bloc")["ends"]
    return compiled(rf"\s+(?:{alternation([fold(w) for w in ends])})(?![\p{{L}}])")


def scope_by_bloc_subject(facts: list[Fact]) -> None:
    """Scope (in place) each unscoped prose count of a clause whose subject is a bloc, when a
    figure of its metric was stated for the whole before it."""
    word = fold(catalog.table("prose.toml", "scopes", "bloc")["opener"])
    named: dict[str, bool] = {}  # evidence -> names a bloc at all (a sentence folded once)
    for f in facts:
        if f.scope is not None or f.source == "table" or not f.raw or f.start is None:
            continue
        if f.evidence not in named:
            named[f.evidence] = word in fold(f.evidence)
        if not named[f.evidence]:
            continue
        bloc = _bloc_of_clause(f)
        if bloc is not None and _whole_stated_before(f, facts):
            f.scope = bloc


def _bloc_of_clause(f: Fact) -> str | None:
    """The bloc the figure's clause opens with, as the sentence writes it (lower case)."""
    if f.evidence.count(f.raw) != 1:
        return None
    at = f.evidence.index(f.raw)
    folded = fold(f.evidence[:at])
    found = [
        m for m in _bloc_subject().finditer(folded) if not regex.search(r"[;(]", folded[m.end() :])
    ]
    if not found:
        return None
    m = found[-1]
    name_end = _name_end().search(folded, m.start(1), m.end(1))
    end = name_end.start() if name_end else m.end(1)
    return " ".join(f.evidence[m.start(1) : end].split()).lower()


def _whole_stated_before(f: Fact, facts: list[Fact]) -> bool:
    return any(
        o.metric == f.metric
        and o.scope is None
        and o.source != "table"
        and o.start is not None
        and o.start < (f.start or 0)
        and o is not f
        for o in facts
    )
