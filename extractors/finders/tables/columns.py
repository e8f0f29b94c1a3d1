"""What each column of a table is: the row number, the row label, the unit of measure, a
value of the report's own period, an earlier period, a comparison, a target, a note.

Roles come from the column's whole header path (catalog/table_headers.toml `[roles]`) and
from what its cells hold; a column of an earlier period than the report's is a comparison
even when its header names no comparison (`Năm 2023 | Năm 2024` in a 2024 report).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import any_cue
from extractors.finders.tables.grid import Grid, is_dash_cell, is_row_numbering, is_value_cell
from extractors.finders.tables.vocabulary import words
from normalizers.periods import (
    bare_period,
    parse_period,
    period_contains,
    period_ends_before,
    period_year,
)
from normalizers.text import alternation, fold

SPACES_AND_DOTS = compiled(r"[\s.]")
SPACE = compiled(r"\s")

NUMBER, LABEL, UNIT, VALUE, PREVIOUS, COMPARISON, TARGET, NOTE, TEXT, EMPTY = (
    "number",
    "label",
    "unit",
    "value",
    "previous",
    "comparison",
    "target",
    "note",
    "text",
    "empty",
)


@dataclass
class Column:
    index: int
    path: tuple[str, ...]
    role: str = EMPTY
    period: str | None = None  # the period its header states, when it states one

    @property
    def label(self) -> str:
        return " ".join(self.path)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


def _period_named(col: Column, year: int | None) -> str | None:
    """The period a column's header names: its leaf's when the leaf is only a period (`Năm
    2024 | Quý I`: the first quarter of the year its parent names; `Tháng 01`: that month of
    the report's year), else the first its words name."""
    if not col.path:
        return None
    parent_year = period_year(parse_period(" ".join(col.path[:-1]), year) or "")
    return bare_period(col.leaf, parent_year or year) or parse_period(col.label, year)


def classify_columns(
    grid: Grid, n_header: int, paths: list[tuple[str, ...]], doc_period: str | None
) -> list[Column]:
    data = [row for row in grid.rows[n_header:] if not _section_row(row)]
    columns = [Column(c, _split_inline(paths[c])) for c in range(grid.width)]
    year = period_year(doc_period or "")
    for col in columns:
        cells = [row[col.index] for row in data if row[col.index]]
        # (`Năm 2022 chuyển sang`: the stock carried into this period, dated by where it began)
        carried = is_carried_over(fold(col.label))
        named = _period_named(col, year)
        col.period = named if col.path and not carried else None
        col.role = _role_by_header(col, doc_period) or _role_by_cells(col, cells)
    _latest_earlier_period_is_current(columns, data)
    _parts_of_a_running_total(columns, data)
    _ratio_of_result_to_plan(columns)
    _choose_label_column(columns, data)
    return columns


def is_bare_rate(label: str) -> bool:
    """`Tỷ lệ (%)`, `Tỷ lệ %`, `%`: a rate that names nothing."""
    bare = " ".join(fold(label).replace("(%)", " ").replace("%", " ").split())
    rates = {fold(w) for w in words("unit_labels", "rate_words")}
    return bare in rates or (not bare and "%" in label)


def _split_inline(path: tuple[str, ...]) -> tuple[str, ...]:
    """`Trong đó: tranh chấp đất đai` in one header cell is the split header and its column,
    as if printed on two rows (`Trong đó | Tranh chấp đất đai`)."""
    if len(path) != 1:
        return path
    head, colon, rest = path[0].partition(":")
    splits = {fold(w) for w in words("columns", "splits")}
    if colon and rest.strip() and fold(head).strip() in splits:
        return (head.strip(), rest.strip())
    return path


def _ratio_of_result_to_plan(columns: list[Column]) -> None:
    """`Kế hoạch | Thực hiện | Tỷ lệ (%)`: a bare rate after a target and a result compares
    them (the result over the plan), it is no rate of the row's figure; so beside them under a
    group that names the period (`Năm 2022 | Kế hoạch | Thực hiện | Tỷ lệ (%)`), not under the
    result's own group (`Thực hiện | Số lượng | Tỷ lệ (%)`)."""
    for k, col in enumerate(columns):
        before = [c.role for c in columns[:k]]
        plans = [c for c in columns[:k] if c.role == TARGET and c.path[:-1] == col.path[:-1]]
        if is_bare_rate(col.leaf) and plans:
            if VALUE in before[before.index(TARGET) :]:
                col.role = COMPARISON


def _parts_of_a_running_total(columns: list[Column], data: list[list[str]]) -> None:
    """Earlier sub-periods beside a column whose period holds them all (`Quý I | Quý II | Quý
    III | Lũy kế 9 tháng` in a Q3 report) break that running total down: each is a figure of
    its own period, not a value given for comparison."""
    spans = [c.period for c in columns if c.period and c.role != PREVIOUS]
    for col in columns:
        if (
            col.role == PREVIOUS
            and col.period
            and not any_cue(
                fold(col.label), words("roles", "previous") + words("roles", "comparison")
            )
            and any(p != col.period and period_contains(p, col.period) for p in spans if p)
        ):
            col.role = _role_by_cells(col, [row[col.index] for row in data if row[col.index]])


def _latest_earlier_period_is_current(columns: list[Column], data: list[list[str]]) -> None:
    """A table whose every dated column is of an earlier period than the report's, with no
    column of figures besides, states that period's figures: the latest of them is the table's
    own (`Kết quả năm 2022 | Xếp hạng năm 2022 | Xếp hạng năm 2021` in a 2023 report, the
    indexes published a year late), the others are earlier."""
    if any(c.role == VALUE for c in columns):
        return
    dated = [
        c
        for c in columns
        if c.role == PREVIOUS and not any_cue(fold(c.label), words("roles", "previous"))
    ]
    years = [period_year(c.period or "") for c in dated]
    latest = max((y for y in years if y is not None), default=None)
    for col, y in zip(dated, years, strict=True):
        if latest is not None and y == latest:
            col.role = _role_by_cells(col, [row[col.index] for row in data if row[col.index]])


def _section_row(row: list[str]) -> bool:
    """A row with one filled cell across a wide table heads a section; it says nothing of
    what the columns hold."""
    return (
        len(row) > 2
        and sum(1 for c in row if c) == 1
        and not is_value_cell(next(c for c in row if c))
    )


def _role_by_header(col: Column, doc_period: str | None) -> str | None:
    folded = fold(col.label)
    if not folded:
        return None
    squeezed = SPACES_AND_DOTS.sub("", folded)  # `ST T`: a narrow PDF cell wraps the header
    # (`STT | A`: the column-number row under the header is no part of its name)
    first = SPACES_AND_DOTS.sub("", fold(col.path[0])) if col.path else squeezed
    numbers = {SPACE.sub("", fold(w)) for w in words("roles", "number")}
    if col.index <= 1 and (squeezed in numbers or first in numbers):
        return NUMBER
    for role, key in ((UNIT, "unit"), (NOTE, "note")):
        if any_cue(folded, words("roles", key)):
            return role
    if is_carried_over(folded):
        return None  # `Kỳ trước chuyển sang` is this period's stock, a value
    if _names_previous(col) or _earlier_period(col.period, doc_period):
        return PREVIOUS
    if any_cue(folded, words("roles", "comparison")) and not any_cue(
        folded, words("roles", "not_comparison")
    ):
        return COMPARISON
    if any_cue(folded, words("roles", "target")) and not any_cue(
        folded, words("roles", "not_target")
    ):
        return TARGET
    return None


def _names_previous(col: Column) -> bool:
    """A header level names an earlier period (`Cùng kỳ`, `Tháng trước`): each level on its
    own, as `... trong tháng` over `Trước hạn` reads no `tháng trước`."""
    levels = col.path or (col.label,)
    return any(any_cue(fold(level), words("roles", "previous")) for level in levels)


def is_carried_over(folded: str) -> bool:
    """`Kỳ trước chuyển sang`, `Năm 2022 chuyển sang`: the stock carried into this period."""
    return any_cue(folded, words("columns", "carried_over")) or bool(_dated_carry().search(folded))


@cache
def _dated_carry() -> regex.Pattern:
    """`nam 2022 chuyen sang`: a dated period, then the carried-over words (folded)."""
    dated = catalog.words("number_roles.toml", "previous", "dated_before_carried")
    verbs = words("columns", "carried_over_after_date")
    return compiled(
        rf"(?<![\p{{L}}])(?:{alternation(dated, folded=True)})\s+[\w/]+\s+"
        rf"(?:{alternation(verbs, folded=True)})(?![\p{{L}}])"
    )


def _earlier_period(period: str | None, doc_period: str | None) -> bool:
    """A header period over before the report's own begins (`Năm 2023` in a 2024 report,
    `6 tháng đầu năm 2023` in a 2024-H1 one, `Quý III/2023` in a 2023-Q4 one)."""
    if not period or not doc_period or period == doc_period:
        return False
    return period_ends_before(period, doc_period)


def _role_by_cells(col: Column, cells: list[str]) -> str:
    if not cells:
        return EMPTY
    if col.index <= 1 and not col.path and is_row_numbering(cells):
        return NUMBER
    values = sum(1 for c in cells if is_value_cell(c))
    dashes = sum(1 for c in cells if is_dash_cell(c))  # (`Quá hạn | - | - | 14 | -`: a count)
    return VALUE if values and values >= (len(cells) - dashes) / 2 else TEXT


def _choose_label_column(columns: list[Column], data: list[list[str]]) -> None:
    """The column that names each row: the first text column, preferring one whose header
    says it names rows (`Nội dung`, `Đơn vị`); other text columns stay text."""
    texts = [c for c in columns if c.role == TEXT]
    if not texts:
        return
    named = [
        c
        for c in texts
        if any_cue(
            fold(c.label), words("roles", "indicator_label") + words("roles", "entity_label")
        )
    ]
    (named or texts)[0].role = LABEL


def value_columns(columns: list[Column]) -> list[Column]:
    return [c for c in columns if c.role == VALUE]


def column_of(columns: list[Column], role: str) -> Column | None:
    return next((c for c in columns if c.role == role), None)
