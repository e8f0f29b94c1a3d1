"""Find every figure a metric covers in a document: prose, lists, footnotes and tables."""

from __future__ import annotations

import catalog
from extractors.finders.links import link_facts
from extractors.finders.links.levels import complete_by_scopes, level_of_scope
from extractors.finders.prose import prose_facts
from extractors.finders.prose.blocs import scope_by_bloc_subject
from extractors.finders.prose.named_places import scope_by_named_places
from extractors.finders.prose.topics import scope_by_known_topics
from extractors.finders.tables import extract_table_facts
from model import DocMeta, Document, Fact
from normalizers.text import fold


def extract_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """All facts of the document. A plan (Kế hoạch) states targets, not results: no facts."""
    if meta.doc_type == "ke_hoach":
        return []
    facts = prose_facts(doc, meta) + extract_table_facts(doc, meta)
    for fact in facts:
        _as_scoped_split(fact)
    _alone_parts_as_wholes(facts)
    _totals_of_carried_and_new(facts)
    scope_by_known_topics(facts)
    scope_by_bloc_subject(facts)
    scope_by_named_places(facts, meta)
    facts = [f for f in facts if not _a_part_of_an_index(f, meta)]
    link_facts(doc, facts)
    complete_by_scopes(facts, meta)
    return facts


def _a_part_of_an_index(fact: Fact, meta: DocMeta) -> bool:
    """A published index is the province's one score and rank (labelling rule 3): a component
    (`Cải cách thủ tục hành chính | 11,48`) or a unit's own score in the province's ranking,
    read under the index's name and scoped by its row or item, is none of the dictionary's
    figures (structure.toml [item] whole_only); scoped by the province itself, it is its own."""
    whole_only = tuple(catalog.words("structure.toml", "item", "whole_only"))
    if not fact.metric.startswith(whole_only):
        return False
    if fact.has_link("part_of"):
        return True  # (an item of the list under the index's score, a row under its total)
    if fact.scope is None or not meta.province:
        return False
    own = fold(meta.province)
    if level_of_scope(fact.scope) is not None:
        # (`Chỉ số ... cấp tỉnh (PAPI)` over `tỉnh Phú Yên đạt 42,3018 điểm`: the level the
        # index is published for, stated of the province)
        return own not in fold(fact.evidence)
    return own not in fold(fact.scope)


def _as_scoped_split(fact: Fact) -> None:
    """A split id no stated whole took in (`28 dịch vụ công một phần`) becomes the scoped fact
    of the metric it splits (structure.toml [split_of]), as labelling rule 7 reads it."""
    split = catalog.toml("structure.toml").get("split_of", {}).get(fact.metric)
    if split is not None:
        fact.metric = split["metric"]
        fact.scope = fact.scope or split["scope"]


def _totals_of_carried_and_new(facts: list[Fact]) -> None:
    """A count stated with its carried-over and new halves right after it, adding up, is the
    total to be resolved (structure.toml [carried_and_new])."""
    rules = catalog.toml("structure.toml").get("carried_and_new", {})
    for metric, rule in rules.items():
        for total in [f for f in facts if f.metric == metric and f.value is not None]:
            after = [
                f for f in facts if f.group == total.group and (f.start or 0) > (total.start or 0)
            ]
            carried = [f for f in after if f.metric == rule["carried"]]
            new = [f for f in after if f.metric == metric]
            if any(
                c.value is not None and n.value is not None and c.value + n.value == total.value
                for c in carried
                for n in new
            ):
                total.metric = rule["total"]


def _alone_parts_as_wholes(facts: list[Fact]) -> None:
    """A part whose whole its sentence or table row does not state is read as the whole, unless
    the document states that part beside its whole somewhere (structure.toml
    [whole_when_alone])."""
    wholes = catalog.toml("structure.toml").get("whole_when_alone", {})
    stated = {(f.group, f.metric) for f in facts}
    for part, whole in wholes.items():
        mine = [f for f in facts if f.metric == part]
        if any((f.group, whole["metric"]) in stated for f in mine):
            continue  # the document counts the part apart from its whole
        for fact in mine:
            fact.metric = whole["metric"]
