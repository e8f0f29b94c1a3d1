"""A split by topic that goes on over several sentences (`Phân theo lĩnh vực, đất đai, xây
dựng có 14 đơn. Trật tự đô thị, vệ sinh môi trường có 11 đơn. Các lĩnh vực còn lại (...) có
13 đơn.`): the sentences after the first state nothing but further items of it, which break
down the same whole (labelling rule 7)."""

from __future__ import annotations

from catalog.patterns import compiled
from extractors.finders.prose.facts import split_metrics
from extractors.finders.prose.item_labels import is_rest_label, label_before
from model import Fact

PARENTHESIS = compiled(r"\s*\([^()]*\)\s*")


def splits_carried_on(found: list[Fact], before: list[Fact], text: str) -> None:
    """Unscoped figures of a sentence right after a sentence of scoped splits of one whole,
    each a split by topic or the rest of the list, in that whole's unit, become scoped facts
    of the whole's metric, parts of it (no claim of the whole) (in place)."""
    wholes = {
        id(k.other): k.other
        for f in before
        if f.scope
        for k in f.links
        if k.relation == "part_of" and k.other.metric == f.metric
    }
    if len(wholes) != 1 or not found:
        return
    whole = next(iter(wholes.values()))
    labels = [_label(f, text) for f in found]
    if not all(_goes_on(f, label, whole) for f, label in zip(found, labels, strict=True)):
        return
    for f, label in zip(found, labels, strict=True):
        f.metric, f.scope = whole.metric, label
        f.link("part_of", whole, complete=False)


def _label(f: Fact, text: str) -> str:
    return label_before(text, 0, f.start or 0)


def _goes_on(f: Fact, label: str, whole: Fact) -> bool:
    return (
        f.scope is None
        and not f.links
        and f.unit == whole.unit
        and bool(label)
        and (f.metric in split_metrics() or is_rest_label(PARENTHESIS.sub(" ", label)))
    )
