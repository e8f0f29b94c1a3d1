"""The one loader of the catalog: domain knowledge kept as data files beside this module.

Every module that needs a cue, a unit, a metric label, a relation or a setting asks here;
each file is parsed once per process. The files:

    metrics.toml        cue phrases and units that name each metric (the finders' rules)
    relations.toml      rate = count / count, parts sum to a total, part <= whole (the checks)
    metric_labels.csv   Vietnamese label, unit, kind and family of each metric id
    table_headers.toml  header words of tables (comparison columns, units, column roles)
    doc_types.toml      document kinds and the title words that name them
    provinces.txt       province names; districts.csv districts and their province
    settings.toml       tolerances, scoring weights and limits, one table per concern
"""

from __future__ import annotations

import csv
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


def setting(section: str, name: str):
    """One value of settings.toml; a missing one is a bug in the catalog, so it raises."""
    return settings()[section][name]


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
