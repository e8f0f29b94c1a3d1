"""Every relation of catalog/relations.toml fires on figures stated together that break it
and holds on figures that keep it (the figures linked as the finders link them)."""

from __future__ import annotations

import pytest

import catalog
from extractors.finders.links import link_facts
from model import DocMeta, Fact
from tests.conftest import make_doc
from warehouse.checks import check_document

RELATIONS = catalog.toml("relations.toml")
META = DocMeta(doc_type="bao_cao", period="2023")


def stated(*figures: tuple[str, float]) -> list[Fact]:
    """Figures of one sentence, in order, as the prose finder places them."""
    facts, pos = [], 0
    for metric, value in figures:
        facts.append(
            Fact(
                metric,
                value,
                group="b0s0",
                block_index=0,
                start=pos,
                end=pos + 3,
                evidence="câu",
                decimals=2 if catalog.kind(metric) == "rate" else 0,
            )
        )
        pos += 10
    return facts


def rules_of(facts: list[Fact]) -> set[tuple[str, str | None]]:
    link_facts(make_doc("x" * 200), facts)
    return {(f.rule, f.metric) for f in check_document(META, facts, [])}


@pytest.mark.parametrize(
    "rel, denominator",
    [(r, d) for r in RELATIONS["rate"] for d in r["denominators"]],
    ids=lambda x: x if isinstance(x, str) else x["rate"],
)
def test_a_rate_relation_fires_off_its_numerator_and_denominator_and_holds_on_them(
    rel, denominator
):
    numerator = rel["numerator"]
    right = stated((numerator, 45), (denominator, 60), (rel["rate"], 75.0))
    assert not rules_of(right)
    wrong = stated((numerator, 45), (denominator, 60), (rel["rate"], 80.0))
    assert ("rate_mismatch", rel["rate"]) in rules_of(wrong)


@pytest.mark.parametrize(
    "rel", RELATIONS["sum"], ids=lambda r: f"{r['total']}={'+'.join(r['parts'])}"
)
def test_a_sum_relation_fires_when_its_parts_miss_the_total_and_holds_when_they_make_it(rel):
    parts = [(p, 10 + i) for i, p in enumerate(rel["parts"])]
    total = sum(v for _, v in parts)
    assert not rules_of(stated((rel["total"], total), *parts))
    assert ("sum_mismatch", rel["total"]) in rules_of(stated((rel["total"], total + 1), *parts))


@pytest.mark.parametrize("rel", RELATIONS["bound"], ids=lambda r: f"{r['part']}<={r['whole']}")
def test_a_bound_fires_on_a_part_above_its_whole_and_holds_below_it(rel):
    carried = (
        [(rel["whole"].split(".")[0] + ".carried_over", 0)] if rel.get("needs_carried_over") else []
    )
    assert not rules_of(stated((rel["whole"], 50), (rel["part"], 40), *carried))
    fired = rules_of(stated((rel["whole"], 50), (rel["part"], 60), *carried))
    assert ("part_exceeds_total", rel["part"]) in fired


@pytest.mark.parametrize(
    "rel", [r for r in RELATIONS["bound"] if r.get("across")], ids=lambda r: r["part"]
)
def test_a_bound_across_the_body_fires_on_a_part_above_the_kind_due_and_holds_below_it(rel):
    def across(resolved: float) -> set:
        due = Fact(rel["across"], 27, group="b0s0", block_index=0, start=0, end=3, evidence="a")
        kind = Fact(rel["whole"], 9, group="b0s0", block_index=0, start=10, end=13, evidence="a")
        kind.link("part_of", due, complete=False)
        part = Fact(rel["part"], resolved, group="b2s0", block_index=2, start=90, end=93)
        return {(f.rule, f.metric) for f in check_document(META, [due, kind, part], [])}

    assert not across(8)
    assert ("part_exceeds_total", rel["part"]) in across(10)


def test_a_kind_stated_in_the_sentence_of_the_petitions_due_bounds_its_resolved():
    due = Fact("petitions.in_jurisdiction", 52, group="b0s0", block_index=0, start=0, end=3)
    kind = Fact("petitions.denunciations", 5, group="b0s0", block_index=0, start=10, end=13)
    part = Fact("petitions.denunciations.resolved", 6, group="b3s0", block_index=3, start=90)
    flags = {(f.rule, f.metric) for f in check_document(META, [due, kind, part], [])}
    assert ("part_exceeds_total", "petitions.denunciations.resolved") in flags
