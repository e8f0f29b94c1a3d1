"""Rates."""

from __future__ import annotations

import regex

from extractors.finders.cues import (
    any_cue,
)
from extractors.finders.prose.classify import classify
from extractors.finders.prose.facts import make_fact
from extractors.finders.prose.periods import period_of
from extractors.finders.prose.roles import excluded
from model import Fact

BASE_OF_SHARE = regex.compile(r"(?i)%\s*(?:trên\s+|so\s+với\s+)?tổng(?:\s+số)?\s*$")


SHARE_OF = regex.compile(r"(?i)chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*(?:là\s*)?$")


# what a share by subject is taken of: `đơn thư về lĩnh vực đất đai chiếm tỷ lệ 84%` is no resolution rate
SHARE_TOPICS = (
    "lĩnh vực",
    "đất đai",
    "liên quan đến",
    "chế độ chính sách",
    "tranh chấp",
    "bồi thường",
    "giải phóng mặt bằng",
    "môi trường",
    "nội dung",
)


def rate_facts(
    nums,
    text,
    folded,
    s,
    group,
    catalog,
    by_num,
    meta,
    doc_year,
    context_folded="",
    heading_folded="",
    topic_folded="",
) -> list[Fact]:
    """A percentage: the rate of the count it follows (`giải quyết 761 đơn, đạt tỷ lệ 94,89%`),
    else a rate named by its own cue (`đúng hạn đạt 97,18%`)."""
    out = []
    for i, n in enumerate(nums):
        if n.unit != "%" or n.partner is not None:
            continue
        metric = None
        before = text[max(0, n.start - 25) : n.start]
        if regex.search(
            r"(?i)(đạt|tỷ lệ|tỉ lệ|bằng|chiếm|là)\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*(?:là\s*)?$", before
        ) or regex.search(r"(?i)(đạt|tỷ lệ|tỉ lệ)\s*:?\s*$", before):
            for prev in reversed(nums[:i]):
                if prev.unit == "%" or ";" in text[prev.end : n.start]:
                    break  # a rate follows the count of its own clause only
                if ")" in text[prev.end : n.start] and "(" not in text[prev.end : n.start]:
                    continue  # a part inside a breakdown: `176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn, đạt 79,63%`
                m = by_num.get(id(prev))
                if m is None:
                    continue
                rule = catalog.rule_for(m)
                rate = (
                    next((r.rate for r in catalog.rules if r.metric == m and r.rate), None)
                    if rule
                    else None
                )
                if rate:
                    metric = rate
                elif SHARE_OF.search(before):
                    metric = ""  # `8.694 hồ sơ trực tuyến (chiếm 73%)`: the share of a count that has no rate metric
                break
        if metric == "":
            continue
        if (
            metric is None
            and SHARE_OF.search(before)
            and any_cue(folded[max(0, folded.rfind(";", 0, n.start)) : n.start], SHARE_TOPICS)
        ):
            continue  # a share by subject, of no count the sentence states
        if metric is None:
            metric, _ = classify(
                n, text, folded, catalog, context_folded, heading_folded, topic_folded
            )
        if metric is None or excluded(n, text, folded, metric):
            continue
        period = period_of(n, text, meta, doc_year, metric)
        if period == "previous":
            continue
        out.append(make_fact(metric, n, s, group, period, catalog))
    return out
