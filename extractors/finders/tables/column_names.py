"""What a value column's headers name: its unit, a caption's count where the headers name
none, and the new ones of another count (the table stage, before any cell is read)."""

from __future__ import annotations

from functools import cache

import regex

from catalog import family, has_carried_over, sum_part_of
from catalog import kind as catalog_kind
from catalog import toml as catalog_file
from catalog.patterns import compiled
from extractors.finders.cues import classify_metric, load_catalog
from extractors.finders.tables.cells import header_scale
from extractors.finders.tables.columns import Column
from extractors.finders.tables.model import Table
from extractors.finders.tables.row_subjects import looks_like_units
from extractors.finders.tables.rows import total_of
from extractors.finders.tables.units import canonical_unit, stated_unit, unit_of_label, up_to_unit
from extractors.finders.tables.vocabulary import words
from normalizers.text import alternation, fold

YEAR_SPAN = compiled(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d")


def caption_names_the_rest(out: dict[int, str], table: Table, unit: str | None) -> None:
    """Columns whose headers name no figure (`Năm 2024 | Tổng số`, `Tập thể`, `Cá nhân`)
    count what the caption names (`SỐ MÔ HÌNH "DÂN VẬN KHÉO" ...`), when no column names
    a figure of its own; a span of years (`Lũy kế 2021 - 2024`) is no period of the report."""
    if out or not table.caption or not looks_like_units(table):
        return
    metric = _caption_metric(table.caption, unit, table.themes)
    if metric is None:
        return
    for col in table.values:
        if not YEAR_SPAN.search(col.label) and column_unit(col) is None:
            out[col.index] = metric


def split_after(whole: Column, table: Table) -> list[Column]:
    """The columns of the split header right after a column (`Tổng số | Trong đó: ...`)."""
    splits = {fold(w) for w in words("columns", "splits")}
    after = [c for c in table.values if c.index > whole.index]
    if not after or len(after[0].path) < 2 or fold(after[0].path[0]).strip(" :") not in splits:
        return []
    return [c for c in after if c.path[:1] == after[0].path[:1]]


def splits_count_their_whole(out: dict[int, str], table: Table) -> None:
    """The columns under a split header (`Chia ra | Tập thể`, `Chia ra | Cá nhân`) that name no
    figure count what the column right before the split counts (`Tổng số mô hình`)."""
    values = table.values
    for i, col in enumerate(values):
        if len(col.path) < 2 or not _a_split_header(col.path[0]):
            continue
        first = next(j for j in range(i + 1) if values[j].path[:1] == col.path[:1])
        whole = values[first - 1] if first > 0 else None
        if whole is None or len(whole.path) != 1 or whole.index not in out:
            continue
        if catalog_kind(out[whole.index]) != "count":
            continue
        by_dimension = _a_split_header(col.path[0], openers_only=True)
        unit = column_unit(col)
        if col.index not in out and (unit is None or by_dimension and unit == column_unit(whole)):
            out[col.index] = out[whole.index]
        elif col.index in out and by_dimension and unit in (None, column_unit(whole)):
            # `Tổng số vụ việc tiếp nhận | Phân loại theo tính chất | Hôn nhân và gia đình`: the
            # topic's cases, not petitions its words would name alone
            if _another_familys_topic(out[col.index], out[whole.index]):
                out[col.index] = out[whole.index]
        elif col.index in out and out[col.index] in _split_ids():
            # (`Tổng số vụ việc tiếp nhận | Trong đó: tranh chấp đất đai`: the cases of that topic)
            out[col.index] = out[whole.index]


@cache
def _split_ids() -> frozenset[str]:
    return frozenset(catalog_file("structure.toml")["item"]["split_metrics"])


def _another_familys_topic(named: str, whole: str) -> bool:
    """A split column read as a topic split or as a figure of another family than its whole's."""
    splits = catalog_file("structure.toml")["item"]["split_metrics"]
    return named in splits or family(named) != family(whole)


def _a_split_header(header: str, openers_only: bool = False) -> bool:
    """`Chia ra`, `Trong đó`, `Phân loại theo tính chất vụ việc`: a header whose columns split
    the column before it (`openers_only`: by a dimension it names, whose leaves are topics)."""
    folded = fold(header).strip(" :")
    openers = tuple(fold(w) for w in words("columns", "split_openers"))
    if folded.startswith(openers):
        return True
    return not openers_only and folded in {fold(w) for w in words("columns", "splits")}


def whole_counts_its_splits(out: dict[int, str], table: Table) -> None:
    """A bare total column (`Tổng số`) whose split header (`Trong đó: Mô hình tập thể, Điển hình
    cá nhân`) counts one figure in every column counts that figure too."""
    for col in table.values:
        if col.index in out or len(col.path) != 1 or total_of(col.leaf) is None:
            continue
        split = split_after(col, table)
        metrics = {out.get(k.index) for k in split}
        if len(split) > 1 and len(metrics) == 1 and None not in metrics:
            metric = metrics.pop()
            if metric is not None and catalog_kind(metric) == "count":
                out[col.index] = metric


def start_half(col: Column, ending: bool = False) -> bool:
    """A column of the carried-over or the new ones (`Kỳ trước chuyển sang`, `Triển khai trong
    kỳ`): a leaf that says only when the counted began, any family's words, no family of their
    own; with `ending`, also a leaf that ends in those words (`Năm 2022 chuyển sang`)."""
    leaf = fold(col.leaf).strip(" .:")
    if ending:
        return any(leaf == w or leaf.endswith(" " + w) for w in _new_ones())
    return leaf in _new_ones()


@cache
def _new_ones() -> tuple[str, ...]:
    return tuple(fold(w) for w in catalog_file("structure.toml")["item"]["new_ones"])


def split_labels(table: Table, metrics: dict[int, str]) -> dict[int, str]:
    """The columns of a split header that count what the column before it counts (`Tổng số
    mô hình | Chia ra: Tập thể, Cá nhân`), or what their `Tổng số` sibling counts, each with
    the words it splits by (`tập thể`)."""
    out: dict[int, str] = {}
    for whole in table.values:
        metric = metrics.get(whole.index)
        if metric is None:
            continue
        if len(whole.path) == 1:
            parts = split_after(whole, table)
        elif is_count_leaf(whole.leaf):  # `Số mô hình | Tổng số, Tập thể, Cá nhân`
            parts = [
                c
                for c in table.values
                if c.path[:-1] == whole.path[:-1] and c is not whole and not is_count_leaf(c.leaf)
            ]
        else:
            continue
        for col in parts:
            if metrics.get(col.index) == metric:
                out[col.index] = " ".join(col.leaf.split()).lower()
    return out


def new_part_of_another(col: Column, metric: str, unit: str | None) -> bool:
    """A column of the new ones (`Phát sinh trong kỳ`, `Tiếp nhận mới`) under a group header
    naming another count than its own reading (`Đơn thuộc thẩm quyền`): the new part of that
    count, which the dictionary does not name."""
    new_ones = {fold(w) for w in catalog_file("structure.toml")["item"]["new_ones"]}
    if len(col.path) < 2 or fold(col.leaf).strip(" .:") not in new_ones:
        return False
    if not metric.endswith((".received", ".received_new")):
        # (`Kỳ trước chuyển sang` beside it is carried over; the halves of a count no id splits
        # by when it began, `Số cuộc thanh tra | Triển khai trong kỳ`, are none)
        return not metric.endswith(".carried_over") and not has_carried_over(metric)
    group = classify_metric(col.path[0], unit)
    if group is None or group == metric or catalog_kind(group) != "count":
        return False
    # (the new ones of what is to be resolved or processed, `Số đơn phải xử lý | Tiếp nhận
    # trong kỳ`, are the received)
    return not group.endswith((".received", ".to_resolve", ".to_process"))


def new_part_of_its_group(col: Column, metric: str, unit: str | None) -> str:
    """A column of the new ones under a group header of the count it reads as (`Tổng số đơn |
    Trong đó | Tiếp nhận trong kỳ` beside `Kỳ trước chuyển sang`): the new part, as its leaf
    alone names it (`petitions.received_new`); the metric as read otherwise."""
    if len(col.path) < 2 or not start_half(col) or classify_metric(col.path[0], unit) != metric:
        return metric
    part = classify_metric(col.leaf, unit)
    return part if part is not None and sum_part_of(part, metric) else metric


def totals_named_by_the_caption(out: dict[int, str], table: Table) -> None:
    """A bare total column (`Tổng số (Lượt/Người)`) before columns of one family counts what
    the caption counts in its unit (`Kết quả tiếp công dân theo đơn vị`: all visits); after
    them, it counts the generic figure, not a narrower form."""
    families = {family(m) for m in out.values()}
    for col in table.values:
        if len(col.path) != 1 or total_of(col.leaf) != "":
            continue
        if col.index in out:
            # (`Chủ tịch UBND huyện tiếp | Lượt/người` then `Tổng số (lượt/người)`: the total of
            # every form, never the narrower form the column before names)
            rule = load_catalog().rule_for(out[col.index])
            if rule is not None and rule.refines:
                out[col.index] = rule.refines
            continue
        unit = column_unit(col)
        metric = _caption_metric(table.caption, unit, table.themes) if unit else None
        if metric and families == {family(metric)} and catalog_kind(metric) == "count":
            out[col.index] = metric


def generic_under_caption(col: Column, table: Table, unit: str | None) -> str | None:
    """The caption's count for a column whose header names no figure (`Tổng số`, `Tập thể`)."""
    if (
        column_unit(col) is not None
        or any(ch.isdigit() for ch in col.label)
        or not looks_like_units(table)
    ):
        return None  # (a header run into its rows, `STT 1 2 3`, is no header to read)
    return _caption_metric(table.caption, unit, table.themes)


def _caption_metric(caption: str, unit: str | None, themes: str = "") -> str | None:
    """What a caption counts, read from its shortest opening that names a count (`Số đơn chuyển
    UBND các huyện, thành phố | xem xét, giải quyết`: the transferred, not what the receivers
    do with them); never a rate where no percent is named."""
    cuts = [m.start() for m in regex.finditer(",", caption)] + [len(caption)]
    for cut in cuts:
        metric = classify_metric(caption[:cut], unit, "", themes)  # (the title's words too)
        if metric and (load_catalog().kind_of(metric) != "rate" or unit == "%"):
            return metric
    return None


@cache
def _count_leaves() -> frozenset[str]:
    return frozenset(fold(w) for w in words("columns", "count_leaves"))


def is_count_leaf(leaf: str) -> bool:
    return fold(leaf.split("(")[0]).strip() in _count_leaves()  # (`Tổng số (hồ sơ)` too)


def column_unit(col: Column) -> str | None:
    """The unit of a value column: its leaf's, else (under a bare `Tổng số` leaf) its
    parent's, else the path's."""
    leaf = col.leaf
    if is_count_leaf(leaf) and len(col.path) > 1:  # (`Tổng số (lượt/người)` states its own)
        return canonical_unit(stated_unit(leaf) or unit_of_label(" ".join(col.path[:-1])))
    if len(col.path) > 1 and not stated_unit(leaf):
        # `Số lượt tiếp | Định kỳ`: the parent's stated unit, not the leaf's word `kỳ`
        parent = stated_unit(" ".join(col.path[:-1]))
        if parent:
            return canonical_unit(parent)
    return canonical_unit(unit_of_label(leaf) or unit_of_label(col.label))


def path_metric(col: Column, unit: str | None, context: str, table: Table) -> str | None:
    """Under a bare count leaf (`Trước hạn | Tổng`) the parent names the figure."""
    themes = table.themes
    if is_count_leaf(col.leaf) and len(col.path) > 1:
        parent = " ".join(col.path[:-1])
        found = classify_metric(parent, unit) or classify_metric(parent, unit, context, themes)
        if found:
            return found
    return classify_metric(col.label, unit) or classify_metric(col.label, unit, context, themes)


def units_named_after_the_caption(out: dict[int, str], table: Table, unit: str | None) -> None:
    """A column still unread whose header names only its unit (`Số cuộc`) counts what the
    table's heading and caption say last in that unit (`... THANH TRA, KIỂM TRA CHUYÊN NGÀNH
    ... theo từng quý như sau:`); persons right after visits (`Số lượt | Số người`) are the
    persons of those visits."""
    before: Column | None = None
    for col in table.values:
        own = column_unit(col) or unit
        if col.index not in out and own and _names_only_its_unit(col.label, own):
            found = (
                _partner_in_its_unit(out.get(before.index) if before else None, own)
                or classify_metric(f"{up_to_unit(_lead_line(table), own)} {col.label}", own)
                or classify_metric(f"{up_to_unit(table.caption, own)} {col.label}", own)
            )
            if found:
                out[col.index] = found
        before = col


def _partner_in_its_unit(metric: str | None, unit: str) -> str | None:
    """The persons of the visits counted right before (prose.toml [persons_of_visits])."""
    catalog = load_catalog()
    partner = catalog.persons_of(metric)
    return partner if partner and canonical_unit(catalog.unit_of(partner)) == unit else None


def _names_only_its_unit(label: str, unit: str) -> bool:
    """`Số cuộc`, `Cuộc`: a header that says what it counts in and nothing of what."""
    said = fold(label).split()
    while said and said[0] in _count_leaves():
        said = said[1:]
    return " ".join(said) == fold(unit)


def leaders_named_by_the_caption(out: dict[int, str], table: Table) -> None:
    """A table of reception figures only, under a caption about the leaders' reception (`Kết
    quả tiếp công dân của lãnh đạo UBND cấp huyện`), counts the leaders' visits and persons
    (prose.toml [scopes.leader]; the leader words of the leaders' rule). A delegations column
    beside them is no leaders' figure: there is none of its kind."""
    mapping: dict[str, str] = catalog_file("prose.toml")["scopes"]["leader"]["metrics"]
    if not any(m in mapping for m in out.values()) or any(
        not m.startswith("reception.") for m in out.values()
    ):
        return
    if _leader_words().search(fold(_lead_line(table))):
        for k, m in out.items():
            out[k] = mapping.get(m, m)


def leaders_only_where_named(out: dict[int, str], table: Table) -> None:
    """Beside a column naming the leaders (`Kỳ tiếp của lãnh đạo`), a visits column that names
    no one (`Số lượt`), and the persons column after it, count all the visits and persons,
    whatever the lines above the table said of the leaders, unless its own lead-in is about
    the leaders; persons right after the leaders' sessions (`Chủ tịch UBND tiếp định kỳ | Số
    người`) stay theirs."""
    leader = catalog_file("prose.toml")["scopes"]["leader"]["metrics"]
    generic = {v: k for k, v in leader.items()}
    named = [c for c in table.values if _leader_words().search(fold(c.label))]
    if not named or _leader_words().search(fold(_lead_line(table))):
        return
    reverted = False
    for col in table.values:
        metric = out.get(col.index)
        if col in named or metric not in generic:
            reverted = False
            continue
        if metric == leader["reception.visits"] or reverted:
            out[col.index], reverted = generic[metric], True


@cache
def _leader_words() -> regex.Pattern:
    words_ = catalog_file("prose.toml")["scopes"]["leader"]["caption_words"]
    return compiled(rf"(?<![\p{{L}}])(?:{alternation(words_, folded=True)})(?![\p{{L}}])")


def _lead_line(table: Table) -> str:
    """The caption's last sentence: the lead-in line right above the table. After a list
    closed above the table it is the list's lead (`Trong quý, Sở tiếp 96 lượt/118 người.
    Trong đó: + ...; + Lãnh đạo Sở tiếp 04 kỳ ...`: the reception, not its last item)."""
    caption = table.caption.rstrip(" .")
    line = caption.rsplit(". ", 1)[-1]
    if line.endswith(":") or not _LIST_ITEM.search(line):
        return line.rstrip(" :")
    return _list_lead(caption)


def _list_lead(caption: str) -> str:
    """The sentence that opens the list the caption ends with, and the one before it when the
    opener is bare (`... của lãnh đạo UBND huyện: 34 lượt. Cụ thể:`)."""
    segments = _ITEM_START.split(caption)
    first = len(segments) - 1
    while first > 1 and ". " not in segments[first - 1].rstrip(" .;"):
        first -= 1
    head = " ".join(segments[:first]).rstrip()
    sentences = head.rsplit(". ", 2)
    lead = sentences[-1]
    if len(lead.split()) <= _BARE_OPENER_WORDS and len(sentences) > 1:
        lead = f"{sentences[-2]}. {lead}"
    return lead.rstrip(" :")


_LIST_ITEM = compiled(r"(?:^|[:;]\s*)[+\-–]\s")
_ITEM_START = compiled(r"(?<=[:;.])\s+(?=[+\-–]\s)")
_BARE_OPENER_WORDS = 3


DECIMAL_CELL = compiled(r"^\s*\**\d+(?:,\d+|\.\d{1,2})\**\s*$")


def figures_fit_their_cells(out: dict[int, str], table: Table) -> None:
    """A column of a count whose figures are mostly decimals (`Tiến độ giải quyết | 19,5`: the
    points of an index's component) counts nothing: counts are whole numbers; and a column that
    states a count's unit (`Số phiếu hài lòng`) is no rate."""
    for c, metric in list(out.items()):
        unit = column_unit(table.columns[c])
        if catalog_kind(metric) == "rate" and unit not in (None, "%"):
            del out[c]
            continue
        if catalog_kind(metric) != "count" or header_scale(table.columns[c].label) != 1:
            continue  # (`Hồ sơ tiếp nhận (ngàn HS) | 12,4`: thousands)
        cells = [r.cells[c] for r in table.rows if c < len(r.cells) and r.cells[c].strip()]
        decimals = [x for x in cells if DECIMAL_CELL.match(x)]
        if cells and len(decimals) * 2 > len(cells):
            del out[c]


def unit_from_another_group(
    col: Column, previous: Column | None, unit: str | None, default: str | None
) -> bool:
    """The column's unit came from the column before, under another group header."""
    return (
        unit is not None
        and default is None
        and previous is not None
        and column_unit(col) is None
        and len(col.path) > 1
        and previous.path[:1] != col.path[:1]
    )
