"""The same figure stated twice in one document with two values.

A body figure and its restatement in an appendix or table (same metric, scope, period and
detail) that differ; or the whole of an `a/b` pair that differs from the figure of the same
metric its own sentence states (unless the finders set it apart as another base). A table
row that is the body's whole less one of the body's stated parts covers the rest, not the whole.
"""

from __future__ import annotations

from collections import defaultdict

import catalog
from catalog import label
from model import Fact, Flag, ValuedFact, are_facets, has_value
from normalizers.numbers import format_vn as vn
from normalizers.text import fold


def value_conflicts(facts: list[Fact]) -> list[Flag]:
    return _body_against_appendix(facts) + _pair_against_its_sentence(facts)


def _scope_key(scope: str | None) -> str | None:
    """A scope as the body and a table both write it: `lĩnh vực kinh tế` and the row `Kinh tế`,
    `xã Búng Lao` and `Xã Búng Lao` are one."""
    if scope is None:
        return None
    key = fold(" ".join(scope.split())).lower()
    for word in catalog.words("prose.toml", "scopes", "field", "words") + catalog.words(
        "prose.toml", "scopes", "aspect"
    ):
        key = key.removeprefix(fold(word) + " ")
    return key


def _side(f: Fact) -> str:
    return "appendix" if f.section == "appendix" else "body"


def _body_against_appendix(facts: list[Fact]) -> list[Flag]:
    by_key: dict[tuple, list[ValuedFact]] = defaultdict(list)
    body_values: dict[str, set[float]] = defaultdict(set)
    appendix_values: dict[str, set[float]] = defaultdict(set)
    facets = _facets(facts)
    narrower = _rows_of_a_narrower_scope(facts)
    of_their_level = _totals_of_their_caption_level(facts)
    for f in facts:
        if not has_value(f) or f.metric.endswith(".change") or id(f) in facets:
            continue
        if _side(f) == "body":
            body_values[f.metric].add(f.value)
        else:
            appendix_values[f.metric].add(f.value)
        if f.qualifier == "exact":
            # a table row's label told apart rows of one metric (`Số cuộc thanh tra` under
            # three tracks); the body's figure may restate any of them
            detail = f.detail if _side(f) == "body" else None
            scope = _scope_key(f.scope)
            row = (f.group, _family(f.metric))
            if _side(f) == "appendix" and row in narrower:
                # the row is of the body's `cấp xã` figures (its split columns too)
                scope = ", ".join(filter(None, (narrower[row], scope)))
            elif id(f) in of_their_level:
                # the total of a `... CẤP HUYỆN` table (its facets, `tập thể`, that level's too)
                scope = ", ".join(filter(None, (_scope_key(f.table_level), scope)))
            by_key[(f.metric, scope, f.period, detail)].append(f)
    for metric, total in facets.values():
        appendix_values[metric].add(total)
    pairs = []
    for (metric, *_), items in by_key.items():
        body = {f.value: f for f in items if _side(f) == "body"}
        appendix = {f.value: f for f in items if _side(f) == "appendix"}
        if not body or not appendix:
            continue
        if len(body) > 1 and any(abs(sum(body) - a) < 0.5 for a in appendix):
            continue  # `định kỳ 24 kỳ ... đột xuất 02 kỳ` and the table's 26: facets of one count
        if set(appendix) & body_values[metric]:
            # the table restates some of the body's figures (three tracks left unscoped): of
            # the rest, a near miss of the body's is its restatement gone wrong
            body = {v: f for v, f in body.items() if v not in appendix_values[metric]}
            appendix = {v: f for v, f in appendix.items() if v not in body_values[metric]}
            pair = _near_miss(body, appendix)
        elif any(f.detail for f in appendix.values()):
            pair = _near_miss(body, appendix)  # a row of its own label: only a near miss
        else:
            pair = _restated_pair(body, appendix)
        if pair is not None and not _another_rows(pair, appendix_values[metric], facts):
            pairs.append(pair)
    elsewhere = _rows_of_the_rest(pairs, facts)
    restating = _rows_restating(facts)
    return [
        _conflict(b, a)
        for b, a in pairs
        if (a.group, _family(a.metric)) not in elsewhere
        and not _restates_another(restating.get(a.group), b.group, _family(a.metric))
        and not _parts_of_other_wholes(b, a)
        and not _split_in_its_row(b, a, facts)
    ]


def _another_rows(pair: tuple[Fact, Fact], appendix_values: set[float], facts: list[Fact]) -> bool:
    """A body figure the table states for one of its rows is that row's, not a second value of
    the figure the pair's appendix side states; unless it is a facet of the table's total."""
    b, a = pair
    return b.value in appendix_values - {a.value} and not _facet_of_the_tables_total(b, facts)


def _facet_of_the_tables_total(b: Fact, facts: list[Fact]) -> bool:
    """The body figure breaks down a body whole the table's total restates (`70 hồ sơ đang giải
    quyết, trong đó 02 hồ sơ đã quá hạn` beside a total row of 70, 67 and 3): it is that total's
    facet, whatever row happens to state its value."""
    wholes = {(k.other.metric, k.other.value) for k in b.links if k.relation == "part_of"}
    return any(
        (f.metric, f.value) in wholes and f.scope is None and _side(f) == "appendix" for f in facts
    )


def _split_in_its_row(b: Fact, a: Fact, facts: list[Fact]) -> bool:
    """The appendix's row (or its note) splits the body's figure: `Định kỳ 09 kỳ, đột xuất 01
    kỳ` beside the body's 10 sessions; two facets of one count, not a second value of it."""
    row = [f for f in facts if f.group == a.group and f.metric == a.metric and has_value(f)]
    return len(row) > 1 and abs(sum(f.value or 0 for f in row) - (b.value or 0)) < 0.5


def _parts_of_other_wholes(b: Fact, a: Fact) -> bool:
    """Each breaks down a whole of another metric (the kinds of all received petitions in the
    body, of those in jurisdiction in the table): two counts, not one stated twice."""
    wholes_b = {k.other.metric for k in b.links if k.relation == "part_of"}
    wholes_a = {k.other.metric for k in a.links if k.relation == "part_of"}
    return bool(wholes_b and wholes_a) and not wholes_b & wholes_a


def _family(metric: str) -> str:
    """What a row restating a sentence must speak of: the metric's family."""
    return catalog.family(metric)


def _rows_restating(facts: list[Fact]) -> dict[str | None, dict[str | None, list[str]]]:
    """For each table row, the body sentences it restates and the families of the figures it
    restates of each: `UBND cấp huyện và cấp xã tiếp nhận mới 182.843 hồ sơ, giải quyết
    180.659 hồ sơ` and a total row of the same two figures speak of one population."""
    body: dict[tuple[str, float], set[str | None]] = defaultdict(set)
    for f in facts:
        if has_value(f) and _side(f) == "body":
            body[(f.metric, f.value)].add(f.group)
    out: dict[str | None, dict[str | None, list[str]]] = defaultdict(lambda: defaultdict(list))
    for f in facts:
        if has_value(f) and _side(f) == "appendix":
            for group in body.get((f.metric, f.value), ()):
                out[f.group][group].append(_family(f.metric))
    return out


def _restates_another(
    restated: dict[str | None, list[str]] | None, sentence: str | None, family: str
) -> bool:
    """The row restates another body sentence (two figures or more) and none of this one's:
    it is that sentence's population, not a copy of this figure; unless the row restates a
    sentence of this figure's family too (`Các cấp đã giải quyết 79/88 đơn` and `Tổng số đơn
    các cấp tiếp nhận là 214 đơn`: one population, the row's 217 misprints it)."""
    if not restated or restated.get(sentence):
        return False
    others = [fams for g, fams in restated.items() if g != sentence]
    if any(family in fams for fams in others):
        return False
    return any(len(fams) >= 2 for fams in others)


def _facets(facts: list[Fact]) -> dict[int, tuple[str, float]]:
    """Figures stated as facets of one count (`Trước hạn 3.688; đúng hạn 402`: both on time),
    by id, with their metric and sum: it is the sum that restates the body's count."""
    groups: dict[tuple, list[ValuedFact]] = defaultdict(list)
    for f in facts:
        if has_value(f) and f.detail is not None and _side(f) == "appendix":
            groups[(f.metric, f.scope, f.period, f.group)].append(f)
    out: dict[int, tuple[str, float]] = {}
    for (metric, *_), items in groups.items():
        if are_facets(items):
            total = sum(f.value for f in items)
            out.update({id(f): (metric, total) for f in items})
    return out


def _rows_of_the_rest(pairs: list[tuple[ValuedFact, ValuedFact]], facts: list[Fact]) -> set:
    """The table rows that cover the rest of a whole, not the whole: where the body's figure
    less one of its own stated parts (`a) Cấp tỉnh: ... 24.579 hồ sơ`, `trong đó cấp huyện 02
    cuộc`) is the row's figure, the row (a per-unit table's total of the districts) counts
    the other parts, and none of its figures of that family restates the body's (a row of
    districts may count the rest of the models and all the dialogues)."""
    rows = set()
    for b, a in pairs:
        parts = (
            f.value
            for f in facts
            if _side(f) == "body"
            and has_value(f)
            and f.metric == b.metric
            and f.period == b.period
            and f.scope is not None
            and f.scope != b.scope
        )
        if any(abs(b.value - part - a.value) < 0.5 for part in parts):
            rows.add((a.group, _family(a.metric)))  # (the row's other families may differ)
    return rows


def _totals_of_their_caption_level(facts: list[Fact]) -> set[int]:
    """The figures of a total row whose table's caption names one level (Fact.table_level) that
    meet the body's figures of that level, not its whole: those of a metric the body states for
    that level and not for the whole (`Cấp huyện: tiếp nhận 59.577 hồ sơ`), and of those the
    row restates the body's figure of that level for; and all of a row that restates none of
    the body's whole figures and differs from two or more (the communes' total beside the
    district's whole, the Centre's beside the province's: where one figure is off among figures
    that agree, the whole is misprinted). (A caption may name a narrower body as its level.)"""
    stated_whole: set[tuple] = set()
    whole_values: dict[tuple, float] = {}
    scoped: set[tuple] = set()
    scoped_values: dict[tuple, set[float]] = defaultdict(set)
    for f in (f for f in facts if _side(f) == "body"):
        if f.scope is None:
            stated_whole.add((f.metric, f.period))
            if has_value(f):
                whole_values.setdefault((f.metric, f.period), f.value)
        else:
            scoped.add((f.metric, f.period, _scope_key(f.scope)))
            if has_value(f):
                scoped_values[(f.metric, f.period, _scope_key(f.scope))].add(f.value)
    levels = {key for key in scoped if key[:2] not in stated_whole}
    totals = [f for f in facts if has_value(f) and f.table_level and _side(f) == "appendix"]
    rows: dict[str | None, list[ValuedFact]] = defaultdict(list)
    for f in totals:
        if f.scope is None:
            rows[f.group].append(f)
    apart = set()
    for group, row in rows.items():
        agree = [
            whole_values[(f.metric, f.period)] == f.value
            for f in row
            if (f.metric, f.period) in whole_values
        ]
        if len(agree) >= 2 and not any(agree):
            apart.add(group)
    # a metric whose total restates the body's figure of the caption's level, not its whole
    # (`cấp xã 64 mô hình` beside the whole's 85): the row's facets of it are of that level too
    restated = {
        (f.group, f.metric, f.period)
        for f in totals
        if f.scope is None
        and f.value in scoped_values[(f.metric, f.period, _scope_key(f.table_level))]
    }
    return {
        id(f)
        for f in totals
        if f.group in apart
        or (f.metric, f.period, _scope_key(f.table_level)) in levels
        or (f.group, f.metric, f.period) in restated
    }


def _rows_of_a_narrower_scope(facts: list[Fact]) -> dict[tuple[str | None, str], str]:
    """Table rows that restate two or more of the body's figures of one narrower scope (or one of
    three digits) and none of its unscoped ones (a communes' table whose `Tổng cộng` is the
    body's `cấp xã 65/73`): by row, the scope (as _scope_key writes it) the row is of; its
    figures meet the body's of that scope, not the body's whole. By row and family: one row
    may total the districts' models, the body's `các huyện` scope, and all the dialogues."""
    scoped: dict[tuple[str, float], set[str]] = defaultdict(set)
    unscoped: set[tuple[str, float]] = set()
    for f in facts:
        if has_value(f) and _side(f) == "body":
            if f.scope is None:
                unscoped.add((f.metric, f.value))
            else:
                scoped[(f.metric, f.value)].add(_scope_key(f.scope) or "")
    rows: dict[tuple[str | None, str], list[ValuedFact]] = defaultdict(list)
    for f in facts:
        if has_value(f) and _side(f) == "appendix" and f.scope is None:
            rows[(f.group, _family(f.metric))].append(f)
    out: dict[tuple[str | None, str], str] = {}
    for group, row in rows.items():
        keys = [(f.metric, f.value) for f in row]
        if any(k in unscoped for k in keys):
            continue
        counts: dict[str, int] = defaultdict(int)
        for k in keys:
            for scope in scoped.get(k, ()):
                counts[scope] += 1 if k[1] < 100 else 2  # (a large figure is no coincidence)
        best = max(counts.items(), key=lambda kv: kv[1], default=None)
        if best is not None and best[1] >= 2:
            out[group] = best[0]
    return out


def _conflict(b: ValuedFact, a: ValuedFact) -> Flag:
    return Flag(
        "value_conflict",
        "warning",
        b.metric,
        f"{label(b.metric)}: phần báo cáo ghi {vn(b.value)}, phụ lục/bảng số liệu ghi "
        f"{vn(a.value)}.",
        f"{b.evidence} | {a.evidence}",
        b.page,
    )


def _restated_pair(
    body: dict[float, ValuedFact], appendix: dict[float, ValuedFact]
) -> tuple[ValuedFact, ValuedFact] | None:
    """Which body figure the appendix restates: with one body value, that one; with several,
    only a near miss (within 10 %) is a restatement."""
    if len(body) == 1 and len(appendix) == 1:
        return next(iter(body.values())), next(iter(appendix.values()))
    return _near_miss(body, appendix)


def _near_miss(
    body: dict[float, ValuedFact], appendix: dict[float, ValuedFact]
) -> tuple[ValuedFact, ValuedFact] | None:
    """An appendix figure within 10 % of a body figure: a restatement that went wrong."""
    for a_value, a in appendix.items():
        for b_value, b in body.items():
            if b_value and abs(a_value - b_value) <= 0.1 * abs(b_value):
                return b, a
    return None


def _pair_against_its_sentence(facts: list[Fact]) -> list[Flag]:
    out = []
    for whole in facts:
        if whole.role != "whole" or whole.detail is not None or whole.value is None:
            continue
        stated = [
            f
            for f in facts
            if f.group == whole.group
            and f.metric == whole.metric
            and f.scope == whole.scope
            and f.role is None
            and has_value(f)
            and f.value != whole.value
            and f.qualifier == "exact"
        ]
        if stated:
            out.append(
                Flag(
                    "value_conflict",
                    "warning",
                    whole.metric,
                    f"{label(whole.metric)} trong cùng một câu ghi {vn(stated[0].value)} và "
                    f"{vn(whole.value)}.",
                    whole.evidence,
                    whole.page,
                )
            )
    return out
