"""Zeros."""

from __future__ import annotations

import regex

from extractors.finders.cues import (
    Catalog,
    any_cue,
    classify_metric,
    find_cue,
)
from extractors.finders.prose.sentences import Sentence
from model import Fact
from normalizers.text import fold

ZERO_PHRASE = regex.compile(
    r"(?i)(?<![\p{L}])(không có|không phát sinh|chưa phát sinh|chưa thành lập|không thành lập)\s+"
    r"((?:(?!,?\s*(?:không có|không phát sinh|chưa phát sinh))[^.;:()]){3,80})"
)


ZERO_ANSWER = regex.compile(
    r"(?i)([^.;:]{4,120}):\s*(không có|không)(\s+(?:cuộc|lượt|đơn|vụ|vụ việc|đoàn|kỳ|buổi))?\s*(?=[.;,]|$)"
)


ZERO_UNITS = (
    "đơn",
    "đơn thư",
    "vụ việc",
    "vụ",
    "việc",
    "đoàn",
    "đoàn đông người",
    "cuộc",
    "lượt",
    "đơn vị",
    "kỳ",
    "buổi",
    "đoàn kiểm tra",
)


def zero_facts(text: str, folded: str, s: Sentence, group: str, catalog: Catalog) -> list[Fact]:
    """`không có đơn khiếu nại, tố cáo` → 0 complaints and 0 denunciations; `Số đoàn: Không.` → 0."""
    out = []
    for m in ZERO_PHRASE.finditer(text):
        phrase = m.group(2)
        fphrase = fold(phrase)
        unit = next(
            (
                u
                for u in sorted(ZERO_UNITS, key=len, reverse=True)
                if fphrase.startswith(fold(u) + " ") or fphrase == fold(u)
            ),
            None,
        )
        if unit is None:
            continue
        types = [t for t in ("khiếu nại", "tố cáo", "kiến nghị") if any_cue(fphrase, (t,))]
        # `không có đơn khiếu nại, tố cáo`: one zero per type, each read on its own
        labels = (
            [f"{unit} {t}" for t in types]
            if len(types) > 1
            else [phrase + " " + text[: m.start()][-60:]]
        )
        for label in labels:
            metric = classify_metric(label if len(types) > 1 else phrase, unit) or classify_metric(
                label, unit
            )
            if metric:
                out.append(
                    Fact(
                        metric,
                        0.0,
                        catalog.unit_of(metric),
                        evidence=text.strip(),
                        page=s.page,
                        block_index=s.block_index,
                        start=m.start(),
                        end=m.end(),
                        raw=m.group(1),
                        source=s.source,
                        group=group,
                    )
                )
    for m in ZERO_ANSWER.finditer(text):
        label = m.group(1)
        unit = _first_unit(fold(label) + " " + fold(m.group(3) or ""))
        metric = classify_metric(label, unit) if unit else None
        if metric:
            out.append(
                Fact(
                    metric,
                    0.0,
                    catalog.unit_of(metric),
                    evidence=text.strip(),
                    page=s.page,
                    block_index=s.block_index,
                    start=m.start(2),
                    end=m.end(2),
                    raw=m.group(2),
                    source=s.source,
                    group=group,
                )
            )
    return out


def _first_unit(folded: str) -> str | None:
    """The unit word that stands first in a label (`Tổng số đơn vị được kiểm tra` → đơn vị)."""
    best = None
    for u in ZERO_UNITS:
        for st, e in find_cue(folded, u):
            if best is None or (st, -(e - st)) < (best[0], -best[1]):
                best = (st, e - st, u)
    return best[2] if best else None
