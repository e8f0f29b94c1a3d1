"""The metric catalog (catalog/metrics.toml) and cue matching on Vietnamese text.

A cue phrase matches on word boundaries, on the text as written or without diacritics
(OCR and old fonts lose some), and never inside a longer phrase that means something else
(`tiếp` is reception, `tiếp tục` is not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from normalizers.text import fold


@cache
def false_friends() -> dict[str, tuple[str, ...]]:
    """Phrases that begin like a cue but mean something else (catalog/cues.toml), by cue."""
    return {cue: tuple(ff) for cue, ff in catalog.table("cues.toml", "false_friends").items()}


@cache
def petition_kinds() -> dict[str, str]:
    """The petition type words and the kind each names (`phản ánh` is a recommendation)."""
    return dict(catalog.table("cues.toml", "petition_types", "kinds"))


def kind_version(kind: str, metric: str) -> str | None:
    """A kind's version of a generic petition metric (`petitions.complaints` + `.resolved` for
    `petitions.resolved`; structure.toml [kind_rows]), when the dictionary has it; with no kind
    given, the metric itself when it has kinds at all."""
    suffixes = catalog.table("structure.toml", "kind_rows")
    if metric not in suffixes:
        return None
    if not kind:
        return metric
    named = kind + suffixes[metric]
    return named if named in catalog.metric_labels() else None


@cache
def generic_of_kind() -> dict[str, str]:
    """The generic metric of each kind's metric that has one of its own suffix (the inverse of
    kind_version: `petitions.complaints.resolved` → `petitions.resolved`)."""
    kinds = catalog.table("structure.toml", "kind_counts")["kinds"].values()
    suffixed = {g: s for g, s in catalog.table("structure.toml", "kind_rows").items() if s}
    return {kind + suffix: generic for generic, suffix in suffixed.items() for kind in kinds}


@dataclass
class Rule:
    metric: str
    units: tuple[str, ...]
    near: tuple[tuple[str, ...], ...] = ()
    with_: tuple[tuple[str, ...], ...] = ()
    after: tuple[tuple[str, ...], ...] = ()
    then: tuple[tuple[str, ...], ...] = ()  # groups in the predicate clause after the figure
    without: tuple[str, ...] = ()
    denominator: str | None = None
    rate: str | None = None
    near_type: str | None = None
    reach: str = "clause"  # "sentence": a cue anywhere before in the sentence names the figure
    without_before: tuple[
        str, ...
    ] = ()  # phrases that rule the rule out in the clause before the number only
    refines: str | None = None  # the generic metric this one narrows (leader visits of all visits)
    domain: tuple[tuple[str, ...], ...] = ()  # groups that must stand in the sentence; no score
    growth: bool = False  # a growth rate: `tăng X% so với năm trước` is its value
    title_with: bool = False  # its `with` groups may stand in the document's title instead
    outside: tuple[str, ...] = ()  # the sentence before the figure names another body's work

    @property
    def groups(self) -> int:
        return len(self.near) + len(self.with_) + len(self.after) + len(self.then)


@dataclass
class Catalog:
    rules: list[Rule]
    metrics: dict[str, catalog.MetricLabel] = field(default_factory=dict)

    def unit_of(self, metric: str) -> str | None:
        info = self.metrics.get(metric)
        return info.unit if info else None

    def kind_of(self, metric: str) -> str | None:
        info = self.metrics.get(metric)
        return info.kind if info else None

    def rule_for(self, metric: str) -> Rule | None:
        return next((r for r in self.rules if r.metric == metric), None)

    def persons_of(self, metric: str | None) -> str | None:
        """The persons of a visits count, of its kind of reception (`1.236 lượt/1.311 người`;
        prose.toml [persons_of_visits])."""
        return catalog.table("prose.toml", "persons_of_visits").get(metric or "")


def _tuple_groups(value) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in (value or []))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """The metric rules (metrics.toml). Their cue patterns are compiled on first use, once a
    process (_cue_pattern, _group_pattern): a corpus needs fewer than half of them, and the
    forkserver compiles what the sample reports need before the workers fork."""
    data = catalog.toml("metrics.toml")
    rules = [
        Rule(
            metric=r["metric"],
            units=tuple(r.get("units", [])),
            near=_tuple_groups(r.get("near")),
            with_=_tuple_groups(r.get("with")),
            after=_tuple_groups(r.get("after")),
            then=_tuple_groups(r.get("then")),
            without=tuple(r.get("without", [])) + _excluded_from(data, r["metric"], "clause"),
            denominator=r.get("denominator"),
            rate=r.get("rate"),
            near_type=r.get("near_type"),
            reach=r.get("reach", "clause"),
            without_before=tuple(r.get("without_before", [])),
            refines=r.get("refines"),
            domain=_tuple_groups(r.get("domain")),
            growth=r.get("growth", False),
            title_with=r.get("title_with", False),
            outside=_excluded_from(data, r["metric"], "sentence"),
        )
        for r in data["rule"]
    ]
    return Catalog(rules, catalog.metric_labels())


@cache
def narrower_metrics(metric: str) -> tuple[str, ...]:
    """The metrics that narrow this one (the rules' `refines`: online and postal dossiers narrow
    the received), looked up once."""
    return tuple(dict.fromkeys(r.metric for r in load_catalog().rules if r.refines == metric))


def _excluded_from(data: dict, metric: str, reach: str) -> tuple[str, ...]:
    """The words no figure of the metric's family counts, in its clause or anywhere in its
    sentence before it (metrics.toml [[excluded_from]])."""
    return tuple(
        w
        for e in data.get("excluded_from", [])
        if metric.startswith(e["prefix"]) and e.get("reach", "clause") == reach
        for w in e["words"]
    )


def _cue_options(cue: str) -> list[str]:
    """A cue as written (any whitespace between its folded words), or any abbreviation whose
    expansion contains it (TCD for `tiếp công dân`, HGCS for `hòa giải`, KNTC for `khiếu nại`
    and `tố cáo`)."""
    words = [regex.escape(w) for w in fold(cue).split()]
    return [r"\s+".join(words)] + [regex.escape(a) for a in _abbreviations_of(cue)]


def _bounded(options: list[str]) -> regex.Pattern:
    return compiled(r"(?<![\p{L}\d])(?:" + "|".join(options) + r")(?![\p{L}\d])")


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> regex.Pattern:
    """A cue as a pattern on folded text, on word boundaries."""
    return _bounded(_cue_options(cue))


@lru_cache(maxsize=4096)
def _group_pattern(cues: tuple[str, ...]) -> regex.Pattern:
    """Every cue of a group in one alternation: where it finds nothing, no cue of the group
    stands (one search instead of one per cue; the cues' own matches decide the rest)."""
    return _bounded([option for cue in cues for option in _cue_options(cue)])


def group_may_match(folded: str, cues: tuple[str, ...]) -> bool:
    """False when no cue of the group stands in the folded text (false friends aside)."""
    return _group_pattern(tuple(cues)).search(folded) is not None


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """The catalog's abbreviations, folded: {"tcd": "tiep cong dan", ...}."""
    data = catalog.toml("metrics.toml")
    return {fold(k): fold(v) for k, v in data.get("abbreviations", {}).items()}


def _abbreviations_of(cue: str) -> list[str]:
    target = " " + " ".join(fold(cue).replace(",", " ").split()) + " "
    out = []
    for abbr, expansion in abbreviations().items():
        if (
            target in " " + " ".join(expansion.replace(",", " ").split()) + " "
            and fold(cue) != abbr
        ):
            out.append(abbr)
    return out


@lru_cache(maxsize=1024)
def _false_friend_patterns(cue: str) -> tuple[regex.Pattern, ...]:
    return tuple(_cue_pattern(ff) for ff in false_friends().get(cue, ()))


def find_cue(folded: str, cue: str) -> list[tuple[int, int]]:
    """Spans of `cue` in already-folded text, leaving out its false friends."""
    found = [m.span() for m in _cue_pattern(cue).finditer(folded)]
    if not found:
        return found
    bad = [m.span() for p in _false_friend_patterns(cue) for m in p.finditer(folded)]
    return [(st, e) for st, e in found if not any(s <= st < end for s, end in bad)]


def first_cue_offsets(groups, folded: str) -> list[float] | None:
    """Where each group's first cue stands in the text; None when a group has none there."""
    offsets: list[float] = []
    for g in groups:
        hits = (
            [st for c in g for st, _ in find_cue(folded, c)] if group_may_match(folded, g) else []
        )
        if not hits:
            return None
        offsets.append(min(hits))
    return offsets


def last_cue_before(folded: str, cues: tuple[str, ...], limit: int) -> int | None:
    """Distance from the end of the nearest cue (any of `cues`) to `limit`, or None."""
    best = None
    text = folded[:limit]
    if not group_may_match(text, cues):
        return None
    for cue in cues:
        for _, e in find_cue(text, cue):
            d = limit - e
            if best is None or d < best:
                best = d
    return best


def any_cue(folded: str, cues: tuple[str, ...]) -> bool:
    """Whether any cue of the group stands in the folded text."""
    return group_may_match(folded, cues) and any(find_cue(folded, c) for c in cues)


def _petition_types(folded: str) -> set[str]:
    """The petition kinds a label names (`kiến nghị` and `phản ánh` are one kind)."""
    return {kind for word, kind in petition_kinds().items() if find_cue(folded, word)}


@cache
def _generic_cues() -> frozenset[str]:
    return frozenset(fold(w) for w in catalog.words("metrics.toml", "generic_cues", "words"))


def _only_generic_cues(folded: str, rule: Rule) -> bool:
    """Every cue of the rule found in the label is a word any count can take (`tổng số`)."""
    found = {fold(c) for g in rule.near for c in g if find_cue(folded, c)}
    return bool(found) and found <= _generic_cues()


def _names_a_unit_of(ctx: str, rule: Rule) -> bool:
    return not rule.units or any(any_cue(ctx, (u,)) for u in rule.units if u not in ("%", "-"))


def _near_distances(folded: str, near: tuple[tuple[str, ...], ...]) -> list[int] | None:
    """Each near group's distance from its nearest cue to the end of the label; None as soon
    as one group has no cue there (most rules: the other groups are not searched)."""
    dists = []
    for group in near:
        d = last_cue_before(folded, group, len(folded))
        if d is None:
            return None
        dists.append(d)
    return dists


def with_groups_stand(rule: Rule, context: str, themes: str) -> bool:
    """Every `with` and `domain` group stands in the context, or among the title's themes (a
    domain group, as in prose: a table of `Vụ việc thuộc thẩm quyền` in a report on complaints;
    a `with` group of a `title_with` rule)."""
    return all(
        any_cue(context, g)
        or ((g in rule.domain or (rule.title_with and g in rule.with_)) and any_cue(themes, g))
        for g in rule.with_ + rule.domain
    )


@lru_cache(maxsize=16384)
def classify_metric(
    label: str, unit: str | None = None, context: str = "", themes: str = ""
) -> str | None:
    """The metric a label describes (a table header, the words before a number).

    The label is read as the text right before a number of `unit`; `context` (a section
    heading, the table's title) may satisfy a rule's `with` groups. Remembered: a table asks
    the same header path for every cell, and an office's reports repeat their labels.
    """
    folded = fold(label)
    ctx = fold(context) + " " + folded
    best = None
    types: set[str] | None = None  # the petition kinds the label names, when a rule asks
    for rule in load_catalog().rules:
        if (
            unit is not None
            and rule.units
            and unit not in rule.units
            and not (unit == "-" and "%" not in rule.units)
        ):
            continue
        if rule.after or rule.then or (not rule.near and unit is None):
            continue  # a rule without cue words is named by its unit alone (`lượt đoàn`)
        dists = _near_distances(folded, rule.near)
        if dists is None or any_cue(folded, rule.without):
            continue
        if unit is None and _only_generic_cues(folded, rule) and not _names_a_unit_of(ctx, rule):
            continue  # `Tổng số` alone, with no unit: the total of whatever the table counts
        if not with_groups_stand(rule, ctx, themes):
            continue
        if rule.near_type:
            types = _petition_types(folded) if types is None else types
            if len(types) != 1 or rule.near_type not in types:
                # `Tỷ lệ giải quyết tố cáo` is of denunciations; `khiếu nại, tố cáo` of all
                continue
        longest = max(
            (
                e - st
                for g in rule.near
                for c in g
                for st, e in find_cue(folded, c)
                if len(folded) - e == min(dists)
            ),
            default=0,
        )
        score = (rule.groups + (1 if rule.near_type else 0), -max(dists, default=0), longest)
        if best is None or score > best[0]:
            best = (score, rule.metric)
    return best[1] if best else None


@cache
def _toned_false_friends() -> regex.Pattern | None:
    phrases = catalog.toml("cues.toml").get("toned", {}).get("false_friends", [])
    if not phrases:
        return None
    return compiled(rf"(?<![\p{{L}}])(?:{'|'.join(map(regex.escape, phrases))})(?![\p{{L}}])")


def fold_for_cues(text: str) -> str:
    """The text folded for cue matching, with the phrases only their tones tell from a cue
    blanked (cues.toml [toned]: `liên thông cùng cấp 19` is no `cung cấp`)."""
    folded = fold(text)
    pattern = _toned_false_friends()
    lowered = text.lower()
    if pattern is None or len(folded) != len(text) or len(lowered) != len(text):
        return folded
    for m in pattern.finditer(lowered):
        folded = folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end() :]
    return folded
