"""The one loader of the catalog: domain knowledge kept as data files beside this module.

Every module that needs a cue, a unit, a metric label, a relation or a setting asks here;
each file is parsed once per process. The files:

    metrics.toml        cue phrases and units that name each metric (the finders' rules)
    cues.toml           what cue matching needs besides the rules: false friends (`tiếp tục`
                        is no `tiếp`), petition types, the published indices' names
    number_roles.toml   what makes a number no figure of the period: dates, references,
                        labels, changes, comparisons, earlier periods, targets, thresholds,
                        regions, outcomes, ranks, spans of years
    prose.toml          how prose is laid out: sentence ends, spans, the words around a
                        figure, list siblings, delegations, rates, zeros, scopes
    sections.toml       the outline: heading families, forward-looking sections, appendices
    structure.toml      lists that break a figure down: lead-ins, outcomes, asides
    header.toml         the header block: motto, number, letter, body openers, places, issuers
    relations.toml      rate = count / count, parts sum to a total, part <= whole (the checks)
    metric_labels.csv   Vietnamese label, unit, kind and family of each metric id
    figure_units.toml   the one list of units of measure a figure carries (`lượt`, `vụ việc`,
                        `hồ sơ`), with their kinds (persons, petitions, bodies ...), money
                        units, abbreviations and the words after a number that is no figure
    table_headers.toml  header words of tables (comparison columns, units, column roles)
    doc_types.toml      document kinds and the title words that name them; cited documents
    provinces.txt       province names; districts.csv districts and their province
    units/              the unit register's seed: kinds.toml (kinds of issuing bodies, their
                        patterns, names, reporting line), places.toml (place words, district
                        and commune types), successors.csv (the 2025 merger)
    settings.toml       tolerances, scoring weights and limits, one table per concern
    consolidation.toml  the consolidated appendix: the national forms' tables and columns
    templates/          the appendix's Word template and the review page's section template
    labels.toml         Vietnamese labels of codes (rules, severities, statuses, document
                        kinds, qualifiers, review statuses, periods) for the clerk's views
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """A catalog file by name (`metrics.toml`)."""
    return CATALOG_DIR / name


@cache
def toml(name: str) -> dict:
    """A TOML file of the catalog, parsed once."""
    with path(name).open("rb") as f:
        return tomllib.load(f)


def words(name: str, *keys: str) -> tuple[str, ...]:
    """A list of phrases of a TOML file of the catalog, by its keys (`words("prose.toml",
    "sentences", "abbreviations")`); a missing key is a bug in the catalog, so it raises."""
    return tuple(table(name, *keys))


def table(name: str, *keys: str):
    """A table (or any value) of a TOML file of the catalog, by its keys."""
    data = toml(name)
    for key in keys:
        data = data[key]
    return data


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a CSV file of the catalog (lines starting with # are comments)."""
    with path(name).open(encoding="utf-8") as f:
        return tuple(csv.DictReader(line for line in f if not line.startswith("#")))


@cache
def text_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of a text file of the catalog."""
    lines = path(name).read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@dataclass(frozen=True)
class MetricLabel:
    """What a clerk reads for a metric id: its Vietnamese label, unit, kind and family."""

    metric: str
    family: str
    unit: str
    kind: str  # count | rate | score | rank | money
    label_vi: str


@lru_cache(maxsize=1)
def metric_labels() -> dict[str, MetricLabel]:
    """Every metric id the project knows (the shared ones and its own), by id."""
    return {
        r["metric"]: MetricLabel(r["metric"], r["family"], r["unit"], r["kind"], r["label_vi"])
        for r in csv_rows("metric_labels.csv")
    }


def label(metric: str | None) -> str:
    """The Vietnamese label of a metric id, or the id itself when the catalog has none."""
    if metric is None:
        return ""
    info = metric_labels().get(metric)
    return info.label_vi if info else metric


def shared_metric_ids() -> frozenset[str]:
    """The metric ids of the shared dictionary (../shared/spec/metrics.csv, mirrored here)."""
    return frozenset(m for m, r in _origins().items() if r == "shared")


@lru_cache(maxsize=1)
def _origins() -> dict[str, str]:
    return {r["metric"]: r.get("origin", "shared") for r in csv_rows("metric_labels.csv")}


def kind(metric: str) -> str:
    """The kind of a metric (count, rate, score, rank, money); unknown ids count."""
    info = metric_labels().get(metric)
    return info.kind if info else "count"


@lru_cache(maxsize=1)
def settings() -> dict:
    """Tolerances, scoring weights and limits (catalog/settings.toml)."""
    return toml("settings.toml")


@lru_cache(maxsize=1)
def prose_weights() -> dict:
    """settings.toml [prose] with the split ids (structure.toml [item]) that lose a tie."""
    return {
        **settings()["prose"],
        "splits": frozenset(words("structure.toml", "item", "split_metrics")),
    }


def setting(section: str, name: str):
    """One value of settings.toml; a missing one is a bug in the catalog, so it raises."""
    return settings()[section][name]


@dataclass(frozen=True)
class UnitSeed:
    """What the unit register is built from: kinds of bodies, place words and types, the
    provinces and districts, and the provinces that ended in a merger."""

    kinds: tuple[dict, ...]
    casing: dict
    place_words: tuple[dict, ...]  # longest words first
    types: dict[str, dict]  # district and commune types by name ("Huyện")
    cities: frozenset[str]
    provinces: tuple[str, ...]
    districts: tuple[tuple[str, str, str], ...]  # (type, name, province)
    successors: dict[str, tuple[str, dt.date]]  # province -> (successor, first day without it)
    districts_ended: dt.date


@lru_cache(maxsize=1)
def unit_seed() -> UnitSeed:
    """The seed of the unit register (catalog/units/, provinces.txt, districts.csv)."""
    kinds = toml("units/kinds.toml")
    places = toml("units/places.toml")
    districts = tuple(
        # "Cao Lãnh (Huyện)": the catalog tells same-named districts apart by their type
        (r["type"], re.sub(r"\s*\(.*\)\s*$", "", r["district"]), r["province"])
        for r in csv_rows("districts.csv")
    )
    successors = {
        r["province"]: (r["successor"], dt.date.fromisoformat(r["ended"]))
        for r in csv_rows("units/successors.csv")
    }
    words = sorted(places["place_words"], key=lambda w: len(w["words"]), reverse=True)
    return UnitSeed(
        kinds=tuple(kinds["kind"]),
        casing=kinds["casing"],
        place_words=tuple(words),
        types={t["name"]: t for t in places["type"]},
        cities=frozenset(places["cities"]),
        provinces=text_lines("provinces.txt"),
        districts=districts,
        successors=successors,
        districts_ended=places["districts_ended"],
    )


@dataclass(frozen=True)
class FigureUnits:
    """The units of measure of figures (figure_units.toml): the list, what each counts, the
    kinds of units by name, money units in đồng, and the words after a number no figure has."""

    units: tuple[str, ...]
    same_count: dict[str, str]
    kinds: dict[str, tuple[str, ...]]
    money: dict[str, int]
    money_unit: str
    abbreviations: dict[str, str]
    header_synonyms: dict[str, str]
    not_figure: tuple[str, ...]

    def counts(self, unit: str) -> str:
        """What a unit counts: units of one count make a part and its whole (`vụ việc` = `vụ`)."""
        return self.same_count.get(unit, unit)

    def kind(self, name: str) -> tuple[str, ...]:
        """The units of one kind (`persons`, `petitions`, `bodies` ...); a missing kind raises."""
        return self.kinds[name]


@cache
def figure_units() -> FigureUnits:
    """The units of measure of figures (catalog/figure_units.toml), parsed once."""
    data = toml("figure_units.toml")
    return FigureUnits(
        units=tuple(data["units"]),
        same_count=dict(data["same_count"]),
        kinds={name: tuple(units) for name, units in data["kinds"].items()},
        money=dict(data["money"]),
        money_unit=data["money_unit"],
        abbreviations=dict(data["abbreviations"]),
        header_synonyms=dict(data["header_synonyms"]),
        not_figure=tuple(data["not_figure"]["words"]),
    )


def family(metric: str) -> str:
    """`petitions.received` → `petitions`: the family a metric id names first."""
    return metric.split(".", 1)[0]


@cache
def has_carried_over(metric: str) -> bool:
    """The dictionary splits the metric's family by when it began (a carried-over id beside it:
    petitions, dossiers); inspections and models it does not."""
    family = metric.rsplit(".", 1)[0]
    return any(m.startswith(family + ".") and m.endswith(".carried_over") for m in metric_labels())


@cache
def aside_of(whole_metric: str) -> dict[str, str]:
    """{metric read alone: metric it has in a breakdown of `whole_metric`} (structure.toml
    [aside_of]): `khiếu nại` in a breakdown of the resolved counts complaints resolved."""
    return toml("structure.toml").get("aside_of", {}).get(whole_metric, {})


def sum_part_of(metric: str, whole: str) -> bool:
    """A part the catalog's sums give the whole (relations.toml `[[sum]]`)."""
    return any(
        r["total"] == whole and metric in r["parts"] for r in toml("relations.toml").get("sum", [])
    )


def splits_of(whole_metric: str) -> frozenset[str]:
    """The split ids (structure.toml) a part may carry under a whole of `whole_metric`: those of
    any whole (`petitions.by_topic`) and those that split that very metric ([split_of])."""
    data = toml("structure.toml")
    bound = data.get("split_of", {})
    return frozenset(
        m
        for m in data["item"]["split_metrics"]
        if m not in bound or bound[m]["metric"] == whole_metric
    )


@cache
def sum_totals_of(part_metric: str) -> frozenset[str]:
    """The totals of the catalog's sums (relations.toml [[sum]]) that `part_metric` is a part of."""
    return frozenset(
        rel["total"] for rel in toml("relations.toml").get("sum", []) if part_metric in rel["parts"]
    )


def consolidation() -> dict:
    """The consolidated appendix's forms, columns and wording (consolidation.toml)."""
    return toml("consolidation.toml")


def template(name: str) -> Path:
    """A template file of the catalog (templates/<name>)."""
    return path(f"templates/{name}")


def code_labels(kind: str) -> dict[str, str]:
    """The Vietnamese labels of one kind of code (labels.toml table `kind`), by code."""
    return dict(toml("labels.toml").get(kind, {}))


def code_label(kind: str, code: str | None) -> str:
    """The Vietnamese label of a code; the code itself when labels.toml has none."""
    if code is None:
        return ""
    return toml("labels.toml").get(kind, {}).get(code, code)


def metric_label(metric: str | None) -> str:
    """A metric's Vietnamese label, derived ids (`<metric>.change`) included."""
    if metric is None:
        return ""
    info = metric_labels().get(metric)
    if info:
        return info.label_vi
    base, _, suffix = metric.rpartition(".")
    template = toml("labels.toml").get("metric_suffixes", {}).get(suffix)
    if base and template and base in metric_labels():
        return template.format(label=metric_labels()[base].label_vi)
    return metric


_ROMAN = ("", "I", "II", "III", "IV")


def period_label(code: str | None) -> str:
    """How a period code reads (`2023-H1` -> `6 tháng đầu năm 2023`); unknown codes as they are."""
    if not code:
        return ""
    templates = toml("labels.toml").get("periods", {})
    year, _, part = code.partition("-")
    if not (year.isdigit() and len(year) == 4):
        return code
    if not part:
        return templates.get("year", "{year}").format(year=year)
    if part in templates:
        return templates[part].format(year=year)
    if part[0] == "Q" and part[1:] in ("1", "2", "3", "4"):
        return templates["Q"].format(year=year, quarter=_ROMAN[int(part[1:])])
    if part[0] == "M" and part[1:].isdigit():
        return templates["M"].format(year=year, month=int(part[1:]))
    if part[-1] == "M" and part[:-1].isdigit():
        return templates["months"].format(year=year, months=int(part[:-1]))
    return code


def override_settings(section: str, values: dict) -> None:
    """Change some values of one settings table for this process (command-line overrides);
    a name the table does not have is a bug in the caller, so it raises."""
    table = settings()[section]
    unknown = set(values) - set(table)
    if unknown:
        raise KeyError(f"[{section}] has no setting {', '.join(sorted(unknown))}")
    table.update(values)


@contextmanager
def settings_overridden(section: str, values: dict) -> Iterator[None]:
    """override_settings for the duration of a block; the earlier values come back after it."""
    table = settings()[section]
    before = {name: table[name] for name in values if name in table}
    override_settings(section, values)
    try:
        yield
    finally:
        table.update(before)
