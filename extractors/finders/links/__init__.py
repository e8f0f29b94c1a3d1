"""The relations a document states between its figures, found once all its facts are read.

The checks test relations; they never read the document. This stage, which still has the
sentences, decides what the printed numbers relate:
  rate_of   a rate stated with its own numerator and denominator (rates.py)
  part_of   parts stated with their total (sums.py)
  the whole of an `a/b` pair that names another base than its metric's (`90/95 đơn đến hạn`)
            is set apart (bases.py), so it is never compared with that metric.
Appendix figures are marked (`section`), so a body/appendix disagreement can be told.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.links.bases import set_apart_other_bases
from extractors.finders.links.rates import link_rates
from extractors.finders.links.rules import relations
from extractors.finders.links.sums import link_sum
from extractors.finders.prose.sections import is_appendix_title, outline_level
from model import FOOTNOTE, Document, Fact, ValuedFact, has_value, table_column_key
from normalizers.text import alternation, fold

SENTENCE_GROUP = compiled(r"b(\d+)s(\d+)")

__all__ = ["link_facts"]


def link_facts(doc: Document, facts: list[Fact]) -> None:
    """Record the rates, sums and other bases the document states (in place)."""
    _mark_appendix(doc, facts)
    text = doc.text
    groups = _groups(facts)
    columns = _indicator_columns(facts)
    for rel in relations().get("rate", []):
        link_rates(rel, facts, groups, text, columns)
    every_group = [(g, {f.metric for f in g}) for g in [*groups.values(), *columns.values()]]
    for key, rel in enumerate(relations().get("sum", [])):
        for group, metrics in every_group:
            if rel["total"] in metrics:  # (most groups state no total of most sums)
                link_sum(f"sum{key}", rel, group, text)
    set_apart_other_bases(facts, groups, text)
    _carried_inside_the_received(groups, text)


def _carried_inside_the_received(groups: dict[str, list[ValuedFact]], text: str) -> None:
    """`tiếp nhận 57 đơn (kỳ trước chuyển sang 04 đơn)`: the carried over said in the received
    count's own parenthesis are among those received (a part of it, no claim of a whole)."""
    for group in groups.values():
        for carried in (f for f in group if f.metric.endswith(".carried_over")):
            received = carried.metric.removesuffix(".carried_over") + ".received"
            for whole in (f for f in group if f.metric == received and f.scope == carried.scope):
                if whole.end is None or carried.start is None or whole.end > carried.start:
                    continue
                between = text[whole.end : carried.start]
                if "(" in between and ")" not in between and len(between) < 40:
                    carried.link("part_of", whole, "aside", complete=False)


def _mark_appendix(doc: Document, facts: list[Fact]) -> None:
    titles = [
        b.index
        for b in doc.blocks
        if b.kind != FOOTNOTE and len(b.text) < 200 and is_appendix_title(b.text)
    ]
    # `Bảng 2. ...` inside section II, the body going on under `III. ...` after it: a table of
    # the body, not the start of an appendix
    headings = [b.index for b in doc.blocks if b.kind != FOOTNOTE and _body_heading(b.text)]
    start = next(
        (
            t
            for t in titles
            if _names_an_annex(doc.blocks[t].text) or not any(h > t for h in headings)
        ),
        None,
    )
    for f in facts:
        if f.source == "table" or (
            f.source != "footnote" and start is not None and (f.block_index or 0) >= start
        ):
            f.section = "appendix"  # (a footnote is the body's, wherever the file puts it)


def _names_an_annex(text: str) -> bool:
    """`Phụ lục 01`, `BIỂU TỔNG HỢP`: an annex however the text goes on after it (its own
    numbered rows), unlike a numbered table of the body (`Bảng 2.`)."""
    folded = fold(text).lstrip()
    return folded.startswith(
        tuple(fold(w) for w in catalog.words("sections.toml", "appendix", "annexes"))
    )


def _body_heading(text: str) -> bool:
    """A short outline-numbered heading of the body (`III. KẾT QUẢ ...`, `3. Công tác ...`)."""
    level = outline_level(text)
    return level is not None and level[0] <= 2 and len(text) < 150 and not is_appendix_title(text)


def _groups(facts: list[Fact]) -> dict[str, list[ValuedFact]]:
    """Figures stated together; approximate figures (`hơn 2.900 đơn`) take part in no relation
    that arithmetic could test. A sentence pointing back at the one before (`Số lượt tiếp nêu
    trên gồm: ...`) is stated together with it too."""
    out: dict[str, list[ValuedFact]] = defaultdict(list)
    for f in facts:
        if f.group and has_value(f) and f.qualifier == "exact" and not f.metric.endswith(".change"):
            out[f.group].append(f)
    for key, group in list(out.items()):
        before = _sentence_before(key, out) if _points_back(group[0].evidence) else None
        if before is not None:
            out[f"{before}+{key}"] = out[before] + group
    return out


def _sentence_before(group: str, groups: dict[str, list[ValuedFact]]) -> str | None:
    """The group of the sentence right before (the last of the paragraph before, for the
    first of a paragraph), when it states figures."""
    m = SENTENCE_GROUP.fullmatch(group)
    if m is None:
        return None
    block, number = int(m.group(1)), int(m.group(2))
    if number > 0:
        key = f"b{block}s{number - 1}"
        return key if key in groups else None
    earlier = [
        int(k.group(2))
        for k in map(SENTENCE_GROUP.fullmatch, groups)
        if k is not None and int(k.group(1)) == block - 1
    ]
    return f"b{block - 1}s{max(earlier)}" if earlier else None


@cache
def _back_reference() -> regex.Pattern:
    words = catalog.table("structure.toml", "back_reference")
    return compiled(
        rf"(?i)^[^\d.;:]{{0,60}}?(?:{alternation(words['words'])})\s+"
        rf"(?:{alternation(words['leads'])})\b"
    )


def _points_back(sentence: str) -> bool:
    return bool(_back_reference().match(sentence))


def _indicator_columns(facts: list[Fact]) -> dict[str, list[ValuedFact]]:
    """The rows of an indicator table's value column, stated together (model.table_column_key),
    when its rows hold several metrics (a per-unit table's column holds one)."""
    out: dict[str, list[ValuedFact]] = defaultdict(list)
    for f in facts:
        key = table_column_key(f)
        if key and has_value(f) and f.qualifier == "exact" and not f.metric.endswith(".change"):
            out[key].append(f)
    return {k: g for k, g in out.items() if len({f.metric for f in g}) > 2}
