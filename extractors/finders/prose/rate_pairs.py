"""The `a/b` pair a rate gives in a parenthesis right after it (`cấp tỉnh 99,69% (24.455/24.531
hồ sơ)`): its numerator over its denominator, of the rate's relation (relations.toml `[[rate]]`),
in the rate's scope, whatever the nearest words would make of the two counts."""

from __future__ import annotations

from functools import cache

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue
from extractors.finders.prose.facts import make_fact
from extractors.finders.prose.sentences import Sentence
from extractors.finders.prose.spans import Num, numbers_in
from model import Fact
from normalizers.text import fold

OPENS_PAIR = compiled(r"^\s*%?\s*\(\s*$")
RATE_THEN_PAIR = compiled(r"%\s*\(\s*\d[\d.,]*\s*/")


@cache
def _sides() -> dict[str, tuple[str, str]]:
    """{rate metric: (numerator metric, denominator metric)}."""
    return {
        r["rate"]: (r["numerator"], r["denominators"][0])
        for r in catalog.toml("relations.toml").get("rate", [])
    }


def pairs_after_rates(
    facts: list[Fact], nums: list[Num], s: Sentence, group: str, cat: Catalog
) -> list[Fact]:
    """The facts with each rate's parenthesised pair read as its numerator and denominator; the
    pair of a share of what no id counts (`Tỷ lệ số hóa hồ sơ ... đạt 93,65% (1.475/1.575 hồ
    sơ)`; prose.toml [rates] without_id) is no figure either."""
    if not RATE_THEN_PAIR.search(s.text):
        return facts  # (most sentences: no percentage opening a parenthesis with a pair)
    nums = [n for n in numbers_in(s.text) if not n.skip]  # (as written, before any list's reading)
    read = {f.start for f in facts}
    shares = [n for n in nums if n.unit == "%" and n.start not in read and _of_no_id(s.text, n)]
    pairs = [_pair_after(nums, n.unit_end, s.text) for n in shares]
    unread = {side.start for p in pairs if p is not None for side in (p, p.partner) if side}
    facts = [f for f in facts if f.start not in unread]
    rates = [f for f in facts if f.unit == "%" and f.metric in _sides()]
    at = {f.start: f for f in facts}
    out = list(facts)
    for rate in rates:
        pair = _pair_after(nums, rate.end, s.text) if rate.end is not None else None
        if pair is None or pair.partner is None:
            continue
        part_metric, whole_metric = _sides()[rate.metric]
        part = _as(at.get(pair.start), part_metric, pair, rate, s, group, cat, out)
        whole = _as(
            at.get(pair.partner.start), whole_metric, pair.partner, rate, s, group, cat, out
        )
        part.role, whole.role = "part", "whole"
        part.link("pair", whole, "part")
        whole.link("pair", part, "whole")
    return out


def _of_no_id(text: str, n: Num) -> bool:
    """The percentage's clause names what no id counts (prose.toml [rates] without_id)."""
    clause = fold(text[max(text.rfind(c, 0, n.start) for c in ";:") + 1 : n.start])
    return any_cue(clause, _without_id())


@cache
def _without_id() -> tuple[str, ...]:
    return tuple(catalog.words("prose.toml", "rates", "without_id"))


def _pair_after(nums: list[Num], end: int, text: str) -> Num | None:
    """The numerator of an `a/b` pair opening a parenthesis right after `end`."""
    return next(
        (
            n
            for n in nums
            if n.partner is not None
            and n.is_numerator
            and n.start > end
            and OPENS_PAIR.match(text[end : n.start])
        ),
        None,
    )


def _as(
    fact: Fact | None,
    metric: str,
    n: Num,
    rate: Fact,
    s: Sentence,
    group: str,
    cat: Catalog,
    out: list[Fact],
) -> Fact:
    """The fact of one side of the pair, of `metric` in the rate's scope (made if unread)."""
    if fact is None:
        fact = make_fact(metric, n, s, group, rate.period, cat)
        out.append(fact)
    fact.metric, fact.scope, fact.period = metric, rate.scope, rate.period
    fact.links = [k for k in fact.links if k.relation != "pair"]
    return fact
