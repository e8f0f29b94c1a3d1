"""Rows that are the kinds of petition: each kind's own figures, not scoped totals.

A table of `Loại đơn | Thuộc thẩm quyền | Đã giải quyết | Tỷ lệ (%)` with rows `Khiếu nại`,
`Tố cáo`, `Kiến nghị, phản ánh` states the complaints within jurisdiction, the complaints
resolved and their rate: the dictionary's kind ids (structure.toml [kind_rows]), as the prose
reads `thuộc thẩm quyền 31 đơn (khiếu nại 07 đơn, ...)`. Then a kind's stated rate is checked
against the kind's own counts.
"""

from __future__ import annotations

from functools import cache

import catalog
from extractors.finders.cues import classify_metric, kind_version, petition_kinds
from model import Fact
from normalizers.text import fold

MAX_LABEL_WORDS = 5  # a kind's row label is its name, not a sentence


def kinds_of_the_rows(facts: list[Fact]) -> None:
    """Give the facts of rows naming one kind of petition that kind's metric (in place)."""
    for f in facts:
        kind = _kind_named(f.scope) if f.scope is not None and kind_version("", f.metric) else None
        metric = kind_version(kind, f.metric) if kind is not None else None
        if metric is not None:
            f.metric, f.scope = metric, None


def _kind_named(label: str) -> str | None:
    """The kind's metric a short row label names alone (`Kiến nghị, phản ánh`), else None."""
    folded = fold(label)
    if len(folded.split()) > MAX_LABEL_WORDS:
        return None
    words = {kind for word, kind in petition_kinds().items() if fold(word) in folded}
    if len(words) != 1:
        return None
    named = {classify_metric(label, unit) for unit in _kind_units()} & _kind_ids()
    return named.pop() if len(named) == 1 else None


@cache
def _kind_units() -> frozenset[str]:
    labels = catalog.metric_labels()
    return frozenset(labels[m].unit for m in _kind_ids() if m in labels)


@cache
def _kind_ids() -> frozenset[str]:
    """The kinds' ids: those whose resolved count the catalog names (structure.toml
    [aside_of."petitions.resolved"])."""
    return frozenset(catalog.aside_of("petitions.resolved"))


def kinds_of_the_caption(facts: list[Fact], caption: str) -> None:
    """A table whose own title names one kind of petition and no other (`TỔNG HỢP KẾT QUẢ
    GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN`) counts that kind: its generic petition figures are
    the kind's (in place), as the rows naming a kind make theirs."""
    folded = fold(caption)
    kinds = {kind for word, kind in petition_kinds().items() if fold(word) in folded}
    counts = catalog.table("structure.toml", "kind_counts")
    if len(kinds) != 1 or not any(fold(w) in folded for w in counts["within"]):
        return  # (`... thuộc thẩm quyền`: the kind's own figures, not a reception's topic)
    kind_id = counts["kinds"].get(kinds.pop())
    for f in facts:
        metric = kind_version(kind_id, f.metric) if kind_id else None
        if metric is not None:
            f.metric = metric
