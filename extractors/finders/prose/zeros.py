"""Zeros stated without digits: `không có đơn khiếu nại, tố cáo` → 0 complaints and 0
denunciations; `Số đoàn đông người: Không.` → 0 crowd delegations.

A zero phrase counts what follows it when that starts with a unit a zero may count
(figure_units.toml `zero`); several petition types in it give one zero each. A label's
answer `Không` counts what its label names. The words are the catalog's (prose.toml [zeros]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue, classify_metric, find_cue, petition_kinds
from extractors.finders.prose.facts import some_units
from extractors.finders.prose.sentences import Sentence
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import alternation, fold

_BARE_LABEL_WORDS = 5  # (`1. Kỳ trước chuyển sang`: a label, not a clause)


@dataclass(frozen=True)
class _Patterns:
    phrase: regex.Pattern
    answer: regex.Pattern
    item_answer: regex.Pattern
    units: tuple[str, ...]
    types: tuple[str, ...]  # the petition kinds a zero phrase is split by
    own_words: tuple[str, ...]  # units whose zero phrase names its figure itself


@cache
def _patterns() -> _Patterns:
    words = catalog_files.table("prose.toml", "zeros")
    units = catalog_files.figure_units()
    return _Patterns(
        phrase=compiled(
            rf"(?i)(?<![\p{{L}}])({alternation(words['openers'], spaces=' ')})\s+"
            rf"((?:(?!,?\s*(?:{alternation(words['stops'], spaces=' ')}))[^.;:()]){{3,80}})"
        ),
        answer=compiled(
            rf"(?i)([^.;:]{{4,120}}):\s*({alternation(words['answers'], spaces=' ')})"
            rf"(\s+(?:{alternation(units.kind('zero_answer'), spaces=' ')}))?\s*(?=[.;,]|$)"
        ),
        item_answer=compiled(
            rf"(?i)(?:^|[,;:]|\s-)\s*([^\d.;:,()]{{2,30}}?)\s+"
            rf"({alternation(words['answers'], spaces=' ')})\s*(?=[.;,]|$)"
        ),
        units=units.kind("zero"),
        types=tuple(dict.fromkeys(petition_kinds().values())),
        own_words=units.kind("zero_own_words"),
    )


def zero_facts(
    text: str, s: Sentence, group: str, catalog: Catalog, around: str = ""
) -> list[Fact]:
    """The zeros of a sentence: its zero phrases and its labels answered `Không`; `around` is
    its lead-in and heading (folded), which name the unit a bare label leaves unsaid."""
    return _zero_phrases(text, s, group, catalog) + _zero_answers(text, s, group, catalog, around)


def answered_zero(text: str, start: int) -> Num | None:
    """`- Tranh chấp về vay mượn, hợp đồng dân sự: không.`: an item's label answered `không`
    (and nothing after it), as a zero figure in the unit said after it, if any."""
    m = _patterns().answer.match(text, start)
    if m is None or text[m.end() :].strip(" .;"):
        return None
    unit = m.group(3).strip() if m.group(3) else None
    return Num(0.0, m.group(2), m.start(2), m.end(2), unit, m.end())


def _zero_phrases(text: str, s: Sentence, group: str, catalog: Catalog) -> list[Fact]:
    """`không có đơn khiếu nại, tố cáo`: one zero per petition type, each read on its own."""
    out = []
    units = sorted(_patterns().units, key=len, reverse=True)
    for m in _patterns().phrase.finditer(text):
        named = _units_named(text, m.start())
        if named is None and _of_some_units(text, m.start()):
            continue
        phrase = m.group(2)
        fphrase = fold(phrase)
        unit = next(
            (u for u in units if fphrase.startswith(fold(u) + " ") or fphrase == fold(u)), None
        )
        if unit is None:
            continue
        types = [t for t in _patterns().types if any_cue(fphrase, (t,))]
        whole = classify_metric(phrase, unit)
        if whole is not None and not _of_a_kind(whole):
            types = []  # `không có vụ việc khiếu nại, tố cáo phức tạp, kéo dài`: complex cases
        labels = (
            [f"{unit} {t}" for t in types]
            if len(types) > 1
            else [phrase + " " + text[: m.start()][-60:]]
        )
        own_words_only = unit in _patterns().own_words
        if own_words_only:
            phrase = _own_words(phrase, unit)
        for label in labels:
            metric = classify_metric(label if len(types) > 1 else phrase, unit) or (
                None if own_words_only else classify_metric(label, unit)
            )
            if metric and not _overdue_of_another(fphrase, metric):
                out.append(_zero(metric, m, 1, text, s, group, catalog, whole=True))
                out[-1].scope = named
    return out


def _of_some_units(text: str, at: int) -> bool:
    """The clause of the zero phrase at `at` opens with some of the units as its subject
    (facts.some_units): their zero, not the whole's."""
    start = max(text.rfind(c, 0, at) for c in ".;:") + 1
    return fold(text[start:at]).strip().startswith(some_units())


def _units_named(text: str, at: int) -> str | None:
    """`Các xã Quang Thịnh, Đào Mỹ, Hương Lạc không phát sinh ...`: the units a clause's subject
    names one by one (their zero, scoped so), else None."""
    start = max(text.rfind(c, 0, at) for c in ".;:") + 1
    words = text[start:at].split()
    for i in range(len(words)):
        for lead in some_units():
            size = len(lead.split())
            if fold(" ".join(words[i : i + size]).strip(",")) == lead:
                rest = words[i + size :]
                return " ".join(words[i:]) if rest and rest[0][:1].isupper() else None
    return None


def _own_words(phrase: str, unit: str) -> str:
    """The words of a zero phrase that name its count: up to the first comma (`hồ sơ trong
    tháng, không đưa vào Biểu tổng hợp`), unless the words after it name a part of what the
    first ones name (`hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích`: postal)."""
    first = phrase.split(",")[0]
    named, whole = classify_metric(phrase, unit), classify_metric(first, unit)
    if named and whole and named != whole and catalog_files.sum_part_of(named, whole):
        return phrase
    return first


def _zero_answers(
    text: str, s: Sentence, group: str, catalog: Catalog, around: str = ""
) -> list[Fact]:
    """`Số đoàn đông người: Không.`: a zero of what the label names."""
    out = []
    for m in _patterns().answer.finditer(text):
        label = m.group(1)
        unit = _first_unit(fold(label) + " " + fold(m.group(3) or ""))
        if unit is None:  # `khiếu nại 01 đơn, kiến nghị 04 đơn; tố cáo: không`
            unit = _unit_of_the_list(label, text, m.start())
        metric = classify_metric(label, unit) if unit else None
        if metric is None and len(label.split()) <= _BARE_LABEL_WORDS:
            # `II. TIẾP NHẬN, XỬ LÝ ĐƠN` over `1. Kỳ trước chuyển sang: không.`: the heading's unit
            unit = _first_unit(around, last=True)
            metric = classify_metric(label, unit) if unit else None
        if metric:
            out.append(_zero(metric, m, 2, text, s, group, catalog))
    return out + _kinds_answered(text, s, group, catalog)


def _kinds_answered(text: str, s: Sentence, group: str, catalog: Catalog) -> list[Fact]:
    """`khiếu nại 01 đơn, tố cáo không có, kiến nghị 11 đơn`: a kind of petition answered
    `không có` in a list of counts is a zero in the list's unit."""
    out = []
    for m in _patterns().item_answer.finditer(text):
        label = m.group(1)
        unit = _unit_of_the_list(label, text, m.start())
        metric = classify_metric(label, unit) if unit else None
        if metric:
            out.append(_zero(metric, m, 2, text, s, group, catalog))
    return out


def _unit_of_the_list(label: str, text: str, at: int) -> str | None:
    """A petition kind named bare in a list of counts counts in the list's unit (the last
    unit before it); any other label names no unit of the list's."""
    if len(label.split()) > 3 or not _a_kind(label):
        return None
    return _first_unit(fold(text[:at]), last=True)


def _zero(
    metric: str,
    m: regex.Match,
    raw_group: int,
    text: str,
    s: Sentence,
    group: str,
    catalog: Catalog,
    whole: bool = False,
) -> Fact:
    """A zero fact standing at the match (all of it, or the group that says `không`)."""
    start, end = (m.start(), m.end()) if whole else (m.start(raw_group), m.end(raw_group))
    return Fact(
        metric,
        0.0,
        catalog.unit_of(metric),
        evidence=text.strip(),
        page=s.page,
        block_index=s.block_index,
        start=start,
        end=end,
        raw=m.group(raw_group),
        source=s.source,
        group=group,
    )


def _overdue_of_another(folded_phrase: str, metric: str) -> bool:
    """`không có đơn quá hạn giải quyết`: a zero of the overdue, which only a late metric counts."""
    overdue = tuple(fold(w) for w in catalog_files.table("prose.toml", "zeros", "overdue"))
    return any_cue(folded_phrase, overdue) and not metric.endswith(
        (".late", ".pending")  # (`không có hồ sơ đang giải quyết quá hạn`: none pending overdue)
    )


def _of_a_kind(metric: str) -> bool:
    """A metric of petitions (of one kind or of all): the zero phrase splits by kind."""
    return catalog_files.family(metric) == "petitions"


def _a_kind(label: str) -> bool:
    """A label that names a kind of petition (`tố cáo`)."""
    return any(any_cue(fold(label), (t,)) for t in _patterns().types)


def _first_unit(folded: str, last: bool = False) -> str | None:
    """The unit word that stands first in a label (`Tổng số đơn vị được kiểm tra` → đơn vị), or
    last in the text before one (`last`), the longer at one place."""
    best = None
    for u in _patterns().units:
        for st, e in find_cue(folded, u):
            key = (-e, -(e - st)) if last else (st, -(e - st))
            if best is None or key < best[0]:
                best = (key, u)
    return best[1] if best else None
