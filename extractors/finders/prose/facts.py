"""Fact objects from the figures a sentence states, and a figure read against the ones
before it.

A fact takes its metric's unit (money in đồng), the scope of a narrower body named before it
(`Ban Tiếp công dân tỉnh`, prose.toml [scopes]) and its period. A figure in a parenthesis after
another one may be a part of that one (`đã giải quyết 176 đơn (160 khiếu nại, 16 tố cáo)`:
resolved complaints), a breakdown of it by kind (not that metric again), and the whole of an
`a/b` pair is the figure the sentence already stated with that value.
"""

from __future__ import annotations

from functools import cache

import regex

import catalog as catalog_files
from catalog import aside_of
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, classify_metric
from extractors.finders.prose.clause import in_an_aside_closed_before, subject_clause_start
from extractors.finders.prose.named_places import units_of_one_level
from extractors.finders.prose.sentences import ITEM_MARK, Sentence
from extractors.finders.prose.spans import Num
from model import Fact
from normalizers.text import alternation, fold

SPACES = compiled(r"\s+")
# `đã giải quyết 176 đơn (160 khiếu nại, ...)`: the parenthesis right after the parent figure
PARENT_TO_ASIDE = compiled(r"[\s\p{L}]*\(")


@cache
def _scope_pattern() -> regex.Pattern:
    bodies = [
        rf"(?:{alternation(b['names'])})(?:\s+(?:{alternation(b['levels'])}))?"
        for b in catalog_files.table("prose.toml", "scopes", "body")
    ]
    return compiled(rf"(?<![\p{{L}}])({'|'.join(bodies)})")


@cache
def _scoped_metrics() -> tuple[str, ...]:
    return tuple(catalog_files.table("prose.toml", "scopes", "metrics"))


@cache
def _level_lead_pattern() -> regex.Pattern:
    t = catalog_files.table("prose.toml", "scopes", "level_lead")
    # (`Cấp tỉnh:`, `Tại cấp xã:`; after a lead word a comma ends it too: `Tại cấp xã, ...`)
    places = [
        w for ws in catalog_files.toml("structure.toml")["levels"]["issuer"].values() for w in ws
    ]
    return compiled(
        rf"\s*(?:(?:{alternation(t['lead'])})\s+({alternation(t['levels'])})\s*[:,]"
        rf"|({alternation(t['levels'])})\s*:"
        # (`- Tại Bộ phận Một cửa huyện: ...`: a body of one level)
        rf"|(?:{alternation(t['lead'])})\s+([^\d,;:.()]{{3,50}}\s(?:{alternation(places)}))\s*:)"
    )


def level_lead(text: str) -> str | None:
    """The level of government a paragraph is about when it opens with it (`a) Cấp tỉnh:`),
    in lower case (prose.toml [scopes.level_lead]); or the body of one level it opens with
    (`Tại Bộ phận Một cửa huyện:`), as written."""
    mark = ITEM_MARK.match(text)  # `a) `, `- `: the item's mark, as the lists read it
    m = _level_lead_pattern().match(text, mark.end() if mark else 0)
    if not m:
        return None
    return (
        SPACES.sub(" ", m.group(3))
        if m.group(3)
        else SPACES.sub(" ", m.group(1) or m.group(2)).lower()
    )


@cache
def own_subject() -> regex.Pattern:
    """`Riêng <subject> <verb>` opening a clause (catalog prose.toml [scopes.own])."""
    t = catalog_files.table("prose.toml", "scopes", "own")
    return compiled(
        rf"(?i)(?:^|[.;:]\s*)(?:{regex.escape(t['opener'])})\s+"
        rf"(?:(?:{alternation(t['topic'])})\s+(?P<subject>[^\d,;:.()]{{3,60}}),"
        rf"|(?!(?:{alternation(t['not_subjects'])})(?![\p{{L}}]))"
        rf"(?P<subject>[^\d,;:.()]{{3,60}}?)\s+(?:{alternation(t['verbs'])})(?![\p{{L}}]))"
    )


def make_fact(
    metric: str, n: Num, s: Sentence, group: str, period: str | None, catalog: Catalog
) -> Fact:
    """The fact of a figure read as `metric` (money in đồng), scoped and dated."""
    unit = catalog.unit_of(metric) or n.unit
    value = n.value
    money = catalog_files.figure_units()
    if n.unit in money.money and value is not None:
        value *= money.money[n.unit]
        unit = money.money_unit
    scope, joint = _scope_and_joint(s.text, n, metric)
    if joint or (metric in _generic_of_leaders() and _leader_joined_by_staff(s.text, n)):
        # `Chủ tịch UBND và công chức các xã tiếp 157 lượt`: the reception of them all
        metric = _generic_of_leaders().get(metric, metric)
    return Fact(
        metric=_leader_metric(metric, scope),
        value=value,
        unit=unit,
        qualifier=n.qualifier,
        scope=scope,
        period=period,
        evidence=s.text.strip(),
        page=s.page,
        block_index=s.block_index,
        start=n.start,
        end=n.end,
        raw=n.raw,
        source=s.source,
        group=group,
        decimals=n.decimals,
    )


def _leader_metric(metric: str, scope: str | None) -> str:
    """A generic reception figure of a leader's scope is the leaders' reception figure
    (prose.toml [scopes.leader])."""
    leader = catalog_files.table("prose.toml", "scopes", "leader")
    if scope and metric in leader["metrics"] and scope.startswith(tuple(leader["names"])):
        return leader["metrics"][metric]
    return metric


def scope_of(text: str, n: Num, metric: str) -> str | None:
    """The last narrower body named before the figure in its clause (a semicolon opens a clause
    with a subject of its own), for the metrics that have such scopes; else a level of
    government named in the figure's own phrase (`cấp huyện giải quyết 17/21 vụ việc`)."""
    return _scope_and_joint(text, n, metric)[0]


def _scope_and_joint(text: str, n: Num, metric: str) -> tuple[str | None, bool]:
    """The figure's scope (scope_of), and whether its body is joined by staff (`Chủ tịch UBND
    và công chức các xã tiếp 157 lượt`: the figure is of them all, no body's own)."""
    if not metric.startswith(_scoped_metrics()):
        return level_in_phrase(text, n), False
    body = _body_before(text, n)
    if body is not None and not _joined_after().match(text, body.end(), n.start):
        return SPACES.sub(" ", body.group(1)).strip(), False
    if body is not None:
        return level_in_phrase(text, n), True
    return _track_of(text, n, metric) or level_in_phrase(text, n), False


def _body_before(text: str, n: Num) -> regex.Match | None:
    """The last narrower body named as a subject before the figure in its clause."""
    clause = subject_clause_start(text, n.start)
    found = [
        m
        for m in _scope_pattern().finditer(text, clause, n.start)
        if not _not_the_doer().search(text, max(0, m.start() - 12), m.start())
        and not _in_closed_aside(text, m.start(), n.start)
    ]
    return found[-1] if found else None


@cache
def _generic_of_leaders() -> dict[str, str]:
    """{leaders' reception metric: the generic one} (prose.toml [scopes.leader])."""
    leader = catalog_files.table("prose.toml", "scopes", "leader")["metrics"]
    return {v: k for k, v in leader.items()}


@cache
def some_units() -> tuple[str, ...]:
    """Folded words naming some or all of the units below the issuer (prose.toml [scopes]
    some_units): their zeros are no whole's, their figures what a footnote of units breaks
    down."""
    return tuple(fold(w) for w in catalog_files.table("prose.toml", "scopes", "some_units"))


def _track_of(text: str, n: Num, metric: str) -> str | None:
    """The specialised inspections' figures, by the track their clause names (prose.toml
    [scopes.track])."""
    t = catalog_files.table("prose.toml", "scopes", "track")
    if not metric.startswith(tuple(t["metrics"])):
        return None
    after = regex.split(r"[;\d]", text[n.unit_end : n.unit_end + 60], maxsplit=1)[0]
    clause = text[text.rfind(";", 0, n.start) + 1 : n.start] + " " + after
    return t["scope"] if t["phrase"] in clause.lower() else None


@cache
def _level_pattern() -> regex.Pattern:
    levels = catalog_files.table("prose.toml", "scopes", "level_lead")["levels"]
    return compiled(rf"(?<![\p{{L}}])({alternation(levels)})(?![\p{{L}}])")


def level_named(heading: str) -> str | None:
    """The one level a sub-heading names (`a) Tại Bộ phận Một cửa cấp huyện`), lower case: the
    figures under it are that level's; None when it names none or several."""
    found = {SPACES.sub(" ", m.group(1)).lower() for m in _level_pattern().finditer(heading)}
    return found.pop() if len(found) == 1 else None


@cache
def _joined_before() -> regex.Pattern:
    joined = catalog_files.table("prose.toml", "scopes", "level_lead")["joined"]
    return compiled(rf"(?<![\p{{L}}])(?:{alternation(joined)})\s+(?:\p{{L}}+\s+){{0,4}}$")


def level_in_phrase(text: str, n: Num) -> str | None:
    """`cấp xã 32/36 vụ việc`, `thuộc thẩm quyền cấp huyện 21 vụ việc`: the level named in the
    figure's phrase (since the last comma, semicolon, colon or parenthesis), in lower case; a
    field named right before the figure is the narrower scope (`tại lĩnh vực đất đai (398`)."""
    start = max(text.rfind(c, 0, n.start) for c in ",;:)") + 1  # (`... cấp huyện (398 hồ sơ)`)
    field = _field_pattern().search(text, start, n.start)
    if field:
        name = _field_name(field.group(1))
        anaphora = catalog_files.table("prose.toml", "scopes", "field")["anaphora"]
        return None if name.lower().endswith(tuple(f" {w}" for w in anaphora)) else name
    found = list(_level_pattern().finditer(text, start, n.start))
    if not found:
        return units_of_one_level(text, n.start)  # (`UBND các xã, thị trấn tiếp nhận 146 đơn`)
    last = SPACES.sub(" ", found[-1].group(1)).lower()
    if len(found) > 1 and _only_joins(text[found[-2].end() : found[-1].start()]):
        # `cấp huyện và cấp xã tiếp nhận 1.302 đơn`: the two levels together
        return SPACES.sub(" ", text[found[-2].start(1) : found[-1].end(1)]).lower()
    joined = _joined_before().search(text, start, found[-1].start())
    if joined and text[start : joined.start()].strip():
        # `của Chủ tịch UBND huyện và Chủ tịch UBND cấp xã 74 đơn`: both levels (not `...) và
        # cấp xã (57 hồ sơ)`, where `và` joins the aside closed before)
        return None
    listed = next(reversed(list(_level_pattern().finditer(text, max(0, start - 30), start))), None)
    if listed and _only_joins(text[listed.end() : start]) and found[0].start() - start < 3:
        # `cấp huyện, cấp xã 315/341 đơn`: the level listed before the figure's own
        return f"{SPACES.sub(' ', listed.group(1)).lower()}, {last}"
    return last


def _only_joins(between: str) -> bool:
    """Nothing but a comma or a joining word stands between two levels."""
    joins = catalog_files.table("prose.toml", "scopes", "level_lead")["joined"]
    return between.strip(" ,").lower() in {"", *joins}


def _field_name(words: str) -> str:
    """`lĩnh vực kinh tế với` → `lĩnh vực kinh tế`: the field's name without the clause's words."""
    ends = set(catalog_files.table("prose.toml", "scopes", "field")["ends"])
    name = SPACES.sub(" ", words).strip(" ,-")
    while name.rsplit(" ", 1)[-1].lower() in ends and " " in name:
        name = name.rsplit(" ", 1)[0]
    return name


@cache
def _field_pattern() -> regex.Pattern:
    words = alternation(catalog_files.table("prose.toml", "scopes", "field")["words"])
    return compiled(rf"(?i)(?<![\p{{L}}])((?:{words})\s+[\p{{L}}\s,\-]{{2,40}}?)\s*\(?\s*$")


def _in_closed_aside(text: str, at: int, figure: int) -> bool:
    """`(Chủ tịch UBND huyện chủ trì 12 kỳ) và tiếp đột xuất 02 kỳ`: a body named inside a
    parenthesis closed before the figure is that aside's subject, not the figure's."""
    close = text.find(")", at, figure)
    return close >= 0 and text.rfind("(", 0, at) > text.rfind(")", 0, at)


@cache
def _joined_after() -> regex.Pattern:
    """A body joined by staff (`Chủ tịch UBND và công chức các xã`): the figure is of them
    all, not the body's own (prose.toml [scopes] staff)."""
    return compiled(rf"(?i){_and_staff()}")


def _and_staff() -> str:
    joined = catalog_files.table("prose.toml", "scopes", "level_lead")["joined"]
    staff = catalog_files.table("prose.toml", "scopes", "staff")
    return rf"\s*,?\s+(?:{alternation(joined)})\s+(?:{alternation(staff)})(?![\p{{L}}])"


@cache
def _leader_words_joined() -> regex.Pattern:
    """A leader's title joined by staff (`Thủ trưởng và bộ phận tiếp công dân các sở tiếp`)
    (prose.toml [scopes.leader] caption_words, [scopes] staff)."""
    leaders = catalog_files.table("prose.toml", "scopes", "leader")["caption_words"]
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{alternation(leaders)}){_and_staff()}")


def _leader_joined_by_staff(text: str, n: Num) -> bool:
    clause = max(text.rfind(mark, 0, n.start) for mark in ";.") + 1
    return _leader_words_joined().search(text, clause, n.start) is not None


@cache
def _not_the_doer() -> regex.Pattern:
    """Words before a body that make it no subject of the figure (`Kế hoạch ... được Chủ tịch UBND
    huyện phê duyệt`, `chỉ đạo của Chủ tịch UBND tỉnh`) (prose.toml [scopes] not_subject)."""
    words = catalog_files.table("prose.toml", "scopes", "not_subject")
    return compiled(rf"(?<![\p{{L}}])(?:{alternation(words)})\s+$")


def dedupe(facts: list[Fact]) -> list[Fact]:
    """Facts without repeats of one metric, value and place (the first kept)."""
    seen, out = set(), []
    for f in facts:
        key = (f.metric, f.value, f.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def aside_metric(n: Num, text: str, metric: str, earlier: list[Fact]) -> str:
    """A figure in a parenthesis right after another one says more about that one: a breakdown
    by kind of a resolved count counts resolved petitions of each kind (`đã giải quyết 176 đơn
    (160 khiếu nại, 16 tố cáo)`), and persons after a delegation count are its persons (`7 lượt
    đoàn (142 người)`) (structure.toml [aside_of])."""
    parent = _aside_parent(n, text, earlier)
    if parent is None or metric not in aside_of(parent.metric):
        return metric
    return aside_of(parent.metric)[metric]


def split_aside(n: Num, text: str, metric: str, earlier: list[Fact]) -> tuple[str, str] | None:
    """A split by topic in a parenthesis right after a count (`06 đơn thuộc thẩm quyền (tranh
    chấp đất đai 04 đơn, tranh chấp lối đi chung 02 đơn)`) is that count's metric scoped to the
    item's words (labelling rule 7): (metric, scope), or None."""
    parent = _aside_parent(n, text, earlier)
    if parent is None or metric not in catalog_files.splits_of(parent.metric):
        return None
    start = max(text.rfind(mark, 0, n.start) for mark in "(,;") + 1
    label = SPACES.sub(" ", text[start : n.start]).strip(" :")
    return (parent.metric, label[:120]) if label else None


def origin_aside(n: Num, text: str, metric: str, earlier: list[Fact]) -> bool:
    """A figure in a parenthesis after a resolved count that says where those came from
    (`đã giải quyết 07 đơn (05 đơn tiếp nhận trong quý, 02 đơn quý III chuyển sang)`): a part
    of that count by origin, not a figure of received or carried-over petitions
    (structure.toml [origin_of])."""
    parent = _aside_parent(n, text, earlier)
    origins = catalog_files.toml("structure.toml").get("origin_of", {})
    return parent is not None and metric in origins.get(parent.metric, ())


def _aside_parent(n: Num, text: str, earlier: list[Fact]) -> Fact | None:
    """The figure right before the parenthesis the number stands in, if it stands in one."""
    opened = text.rfind("(", 0, n.start)
    if opened < 0 or text.rfind(")", 0, n.start) > opened:
        return None
    parents = [f for f in earlier if f.start is not None and f.start < opened]
    if parents and PARENT_TO_ASIDE.fullmatch(text, parents[-1].end, opened + 1):
        return parents[-1]
    return None


def part_of_same_metric(n: Num, text: str, metric: str, earlier: list[Fact]) -> bool:
    """`đã giải quyết 20 vụ việc (ban hành quyết định 12 vụ, rút đơn 8 vụ)`: a part inside the
    parenthesis that follows a figure of the same metric is a breakdown by kind, not that metric
    again. Parts that are units (`17 cơ quan (09 xã, 08 phòng)`) are kept: they are scopes."""
    if n.unit in catalog_files.figure_units().kind("bodies"):
        return False
    opened = text.rfind("(", 0, n.start)
    if opened < 0 or text.rfind(")", 0, n.start) > opened:
        return False
    parents = [f for f in earlier if f.start is not None and f.start < opened]
    if any(f.metric.endswith(".carried_over") and (f.start or 0) > opened for f in earlier):
        return False  # `2.416 hồ sơ (kỳ trước chuyển sang 12; tiếp nhận mới 2.404)`: the new half
    # a figure larger than the one it follows sums it up with others (`đúng hạn 699 hồ sơ (cộng
    # trước hạn và đúng hạn là 6.061 hồ sơ)`): a figure of its own
    return (
        bool(parents)
        and parents[-1].metric == metric
        and (n.value is None or parents[-1].value is None or n.value <= parents[-1].value)
        and not in_an_aside_closed_before(text, parents[-1].start or 0, opened)
    )


def whole_metric(default: str, value: float, earlier: list[Fact]) -> str:
    """The whole of `đã giải quyết 9/9 đơn` is the figure the sentence already stated with that
    value (`tiếp nhận 9 đơn`), not a new one; else the rule's denominator."""
    family = catalog_files.family(default)
    for f in reversed(earlier):
        if f.value == value and catalog_files.family(f.metric) == family and f.role is None:
            return f.metric
    return default


@cache
def split_metrics() -> frozenset[str]:
    """The project's ids of a split whose whole was not stated (structure.toml [item])."""
    return frozenset(catalog_files.words("structure.toml", "item", "split_metrics"))


def whole_named(lead: str, unit: str | None) -> str | None:
    """The count a lead-in names as the whole of the splits under it (`Phân theo lĩnh vực, đơn
    đủ điều kiện xử lý gồm:`, `Trong số đơn tiếp nhận,`): a count of the catalog, no split id."""
    named = classify_metric(lead, unit)
    if named is None or named in split_metrics() or catalog_files.kind(named) != "count":
        return None
    return named
