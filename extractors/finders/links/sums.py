"""part_of: parts stated with their total (relations.toml `[[sum]]`): when the sentence or
row states the total and every part, and the parts do not break down another figure stated
between them."""

from __future__ import annotations

import itertools

import regex

import catalog
from extractors.finders.links.rules import count_in_unit, values
from model import Fact, ValuedFact, are_facets
from normalizers.numbers import parse_number
from normalizers.text import fold


def link_sum(key: str, rel: dict, group: list[ValuedFact], text: str) -> None:
    """Link the parts of `rel` stated with their total in one group (in place)."""
    totals = values(group, rel["total"])
    parts = [values(group, p) for p in rel["parts"]]
    if not totals or any(not p for p in parts):
        return
    if any(values(group, m) for m in rel.get("unless", [])):
        return  # the group states a figure the parts belong to instead
    # `cấp huyện 21 vụ việc, cấp xã 36 vụ việc; theo loại, khiếu nại 18, ...`: parts of no
    # narrower scope than theirs break down no level's figure
    scopes = {f.scope for p in parts for f in p}
    totals = [t for t in totals if t.scope in scopes]
    if not totals:
        return
    # (of several totals of the metric, the one its parts make, else the largest: `2 Tổng số
    # lượt 412/468`, not `2.3 UBND các xã tiếp 78/92`)
    total = next(
        (t for t in totals if _made_by(t, parts)),
        _of_their_period(totals, parts) or max(totals, key=lambda t: t.value),
    )
    options = [_facets([f for f in p if f.scope == total.scope] or p) for p in parts]
    combos = [tuple(f for option in c for f in option) for c in itertools.product(*options)]
    # (none adding up: in a table, the parts in the rows right under the total, not a kind's
    # rows further down its column)
    combo = next(
        (c for c in combos if abs(sum(f.value for f in c) - total.value) < 1e-6),
        next((c for c in combos if not _rows_apart(total, c)), combos[0]),
    )
    if abs(sum(f.value for f in combo) - total.value) >= 1e-6 and (
        _not_this_totals_parts(total, combo, group, rel, text) or _rows_apart(total, combo)
    ):
        return
    # (parts a list made parts of another figure are that one's, `1.208 đơn đủ điều kiện xử lý,
    # gồm 162 đơn khiếu nại, ...`; parts a list already linked to this total keep its key: the
    # catalog's sum joins that list, `gồm 06 đơn kiến nghị và 01 đơn khiếu nại; không có đơn tố
    # cáo`)
    if any(_listed(k) and k.other is not total for f in combo for k in f.links):
        return
    listed = (
        k.role for f in combo for k in f.links if k.relation == "part_of" and k.other is total
    )
    key = next(listed, None) or key
    for part in combo:
        part.link("part_of", total, key, complete=True)


def _listed(k) -> bool:
    """A `part_of` link a list of the sentence made (its key names the list)."""
    return k.relation == "part_of" and (k.role or "").startswith(("list ", "items "))


def _made_by(total: ValuedFact, parts: list[list[ValuedFact]]) -> bool:
    """Some choice of the parts (facets of one count together) adds up to the total."""
    if len(parts) > 4:
        return False
    options = [_facets(p) for p in parts]
    return any(
        abs(sum(f.value for option in combo for f in option) - total.value) < 1e-6
        for combo in itertools.product(*options)
    )


def _of_their_period(totals: list[ValuedFact], parts: list[list[ValuedFact]]) -> ValuedFact | None:
    """The largest total of the parts' own period, when they share one (a row's `Trong quý`
    columns beside its `Lũy kế 6 tháng` column: the quarter's resolved, not the running one)."""
    periods = {f.period for p in parts for f in p}
    if len(periods) != 1:
        return None
    same = [t for t in totals if t.period in periods]
    return max(same, key=lambda t: t.value) if same else None


def _rows_apart(total: ValuedFact, combo: tuple[ValuedFact, ...]) -> bool:
    """Rows of an indicator table's column that do not follow the total's row together (`Tổng
    số đơn tiếp nhận` in row 1, `Chuyển cơ quan có thẩm quyền` in row 4.1, `Đang giải quyết`
    in row 6) make no claim to add up to it: only its own sub-rows right under it (the table's
    `items`; rows numbered as its siblings do not) or the rows right above a total row do."""
    if total.source != "table" or total.row is None or any(f.row is None for f in combo):
        return False
    if len({f.row for f in combo}) == 1 and combo[0].row == total.row:
        return False  # a row's own columns
    rows = sorted({f.row for f in combo if f.row is not None})
    under = rows[0] > total.row and rows[-1] - total.row <= len(rows) + 1
    under = under and all(_item_of(f, total) for f in combo)
    above = rows[-1] < total.row and total.row - rows[0] <= len(rows) + 1  # a `Tổng cộng` row
    return not (under or above)


def _facets(facts: list[ValuedFact]) -> list[tuple[ValuedFact, ...]]:
    """The choices for one part: each figure alone, or all its facets together when they are
    facets of one count (`Trước hạn` and `Đúng hạn` are both on time)."""
    if are_facets(facts):
        return [tuple(facts)]
    return [(f,) for f in facts]


def _not_this_totals_parts(
    total: ValuedFact,
    combo: tuple[ValuedFact, ...],
    group: list[ValuedFact],
    rel: dict,
    text: str,
) -> bool:
    """Parts that do not add up may still be no claim about this total: in a table row they
    break down another figure the row states; in prose they follow another total, or other
    listed items make up the shortfall."""
    got = sum(f.value for f in combo)
    if total.source == "table":
        # (`2.1 Ban Tiếp công dân`, `2.2 Lãnh đạo`, `2.3 UBND các xã`: a row of no catalog
        # part makes up the shortfall)
        return _shortfall_is_listed(total, combo, group) or any(
            abs(f.value - got) < 1e-6
            for f in group
            if f.metric not in (total.metric, *rel["parts"]) and catalog.kind(f.metric) == "count"
        )
    return (
        _shortfall_is_listed(total, combo, group)
        or _parts_follow_another_total(total, combo, group, rel, text)
        or _part_inside_another(combo, text)
    )


def _part_inside_another(combo: tuple[ValuedFact, ...], text: str) -> bool:
    """A part in a parenthesis right after another part says more about that one (`trực tiếp
    và qua bưu chính 562 hồ sơ (riêng qua bưu chính 29 hồ sơ)`): no claim that they add up."""
    for part in combo:
        if part.start is None or part.start > len(text):
            continue
        opened = text.rfind("(", 0, part.start)
        if opened < 0 or text.rfind(")", 0, part.start) > opened:
            continue
        if any(
            other is not part
            and other.end is not None
            and other.end <= opened
            and not regex.search(r"[,;]", text[other.end : opened])
            for other in combo
        ):
            return True
    return False


def _parts_follow_another_total(
    total: ValuedFact,
    combo: tuple[ValuedFact, ...],
    group: list[ValuedFact],
    rel: dict,
    text: str,
) -> bool:
    """Listed parts break down the figure they follow: another count in the total's unit, or a
    phrase naming another whole (`not_between`), stands between the total and its parts; or
    the parts add up to another count stated before them with the total not between."""
    starts = [f.start for f in combo if f.start is not None]
    if total.start is None or total.end is None or not starts:
        return False
    first, got = min(starts), sum(f.value for f in combo)
    others = [
        f
        for f in group
        if f.start is not None
        and catalog.kind(f.metric) == "count"
        and f.metric != total.metric
        and f.metric not in rel["parts"]
    ]
    if any(
        f.start < first and abs(f.value - got) < 1e-6 and not f.start < total.start < first
        for f in others
        if f.start is not None
    ):
        return True
    if total.start > first:
        return False
    if any(
        total.end <= f.start < first and f.unit == total.unit and not _aside(text, total, f, first)
        for f in others
        if f.start is not None
    ):
        return True
    between = fold(text[total.end : first]) if first <= len(text) else ""
    return any(fold(w) in between for w in rel.get("not_between", []))


def _aside(text: str, total: ValuedFact, f: ValuedFact, first: int) -> bool:
    """A count in a parenthesis after the total (`238 đơn (kỳ trước chuyển sang 11 đơn), gồm:
    ...`) says more about the total; the parts after it still break the total down."""
    if f.start is None or f.end is None or total.end is None:
        return False
    opened = text.rfind("(", total.end, f.start)
    closed = text.find(")", f.end)
    return opened >= 0 and 0 <= closed < first


def _shortfall_is_listed(
    total: ValuedFact, combo: tuple[ValuedFact, ...], group: list[ValuedFact]
) -> bool:
    """The parts fall short of the total by exactly other items the sentence lists (its other
    figures, or counts in the total's unit no finder named): the catalog's parts are not every
    category the text names."""
    shortfall = total.value - sum(f.value for f in combo)
    if shortfall <= 0:
        return False
    used = {id(f) for f in (total, *combo)}
    others = [
        f.value
        for f in _rows_beside(total, combo, group)
        if id(f) not in used and catalog.kind(f.metric) == "count" and f.value
    ]
    others += _unread_counts(total, [f.value for f in group])
    others = [v for v in others if 0 < v <= shortfall][:12]
    return any(
        abs(sum(c) - shortfall) < 1e-6 for n in (1, 2, 3) for c in itertools.combinations(others, n)
    )


def _rows_beside(
    total: ValuedFact, combo: tuple[ValuedFact, ...], group: list[ValuedFact]
) -> list[ValuedFact]:
    """The figures that may be the other items of a table's sub-rows under their total (the
    table's `items` links): those of the rows from the total's to the row after the last part,
    not the whole indicator column, whose other small counts make up any shortfall."""
    rows = [f.row for f in (total, *combo)]
    if any(r is None for r in rows) or not all(_item_of(f, total) for f in combo):
        return group
    low, high = min(r for r in rows if r is not None), max(r for r in rows if r is not None)
    return [f for f in group if f.row is not None and low <= f.row <= high + 1]


def _item_of(part: ValuedFact, total: ValuedFact) -> bool:
    return any(
        k.relation == "part_of" and k.other is total and (k.role or "").startswith("items ")
        for k in part.links
    )


def _unread_counts(total: Fact, read: list[float]) -> list[float]:
    """Counts in the total's unit that its sentence prints (`50 đơn`, `05 vụ việc`) and no
    finder read (the `read` values are the sentence's facts, the total's among them)."""
    if not total.unit or not total.evidence:
        return []
    values = [
        parse_number(m.group(1)).value or 0.0
        for m in count_in_unit(total.unit.split()[0]).finditer(total.evidence)
    ]
    for value in [total.value, *read]:
        if value in values:
            values.remove(value)
    return values
