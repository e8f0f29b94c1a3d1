"""Figures in tables (appendices, "Biểu số liệu", per-unit tables), read by their headers.

A table has one or more header rows (a parent cell spanning its children), then data rows.
Each column's label is its header cells top to bottom; its unit comes from the label
(`Số người`, `(lượt)`, `Tỷ lệ ...` = %) or the cells. Then either
  - the columns name metrics and each row is a unit (district, commune, or the whole):
    one fact per cell, the row's name as scope, none for a total row; or
  - the rows name metrics ("STT | Nội dung | Đơn vị tính | Kết quả"): one fact per row.
Columns that compare (so với cùng kỳ, tăng/giảm, kế hoạch, ghi chú) hold no current figure.
A cell that is a sentence with figures is read by the prose finder.
"""

from __future__ import annotations

from functools import cache, lru_cache

import regex

import catalog
from extractors.finders.cues import any_cue, classify_metric, load_catalog
from extractors.finders.numbers_in_text import UNITS
from extractors.finders.prose import Sentence, sentence_facts
from model import TABLE, DocMeta, Document, Fact
from normalizers.numbers import is_zero_word, parse_number
from normalizers.periods import parse_period, period_year
from normalizers.text import fold

OFFICIAL_HEADER = regex.compile(
    r"(?i)CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|Nơi\s+nhận|TM\.\s|KT\.\s"
)
COMPARISON_COLUMN = (
    "so sánh",
    "so với",
    "tăng, giảm",
    "tăng/giảm",
    "tăng giảm",
    "đánh giá",
    "ghi chú",
    "cùng kỳ",
    "kế hoạch",
    "chỉ tiêu giao",
    "kỳ trước",
    "năm trước",
    "dự toán",
    "mục tiêu",
)
ROW_LABEL_HEADER = (
    "nội dung",
    "chỉ tiêu",
    "tên chỉ tiêu",
    "lĩnh vực",
    "danh mục",
    "nhiệm vụ",
    "tiêu chí",
)
UNIT_COLUMN = ("đơn vị tính", "đvt", "đơn vị đo")
ENTITY_HEADER = ("đơn vị", "địa phương", "tên đơn vị", "cơ quan", "huyện", "xã", "phường")
TOTAL_ROW = regex.compile(
    r"(?i)^\s*(?:[IVX\d]+[.)]\s*)?(?:tổng\s+cộng|tổng\s+số|tổng|cộng(?:\s+chung)?|chung|"
    r"(?:cộng\s+)?(?:toàn|cả)\s+(?:tỉnh|huyện|quận|thành\s+phố|thị\s+xã|thị\s+trấn|xã|phường|ngành|cơ\s+quan))"
    r"(?:\s*[:(].{0,30})?\s*$"
)
STT = regex.compile(r"(?i)^\s*(stt|tt|số\s+tt)\s*$")
ENTITY_LABEL = regex.compile(
    r"^\s*(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|TP\.|sở|phòng|ban|UBND|"
    r"công\s+an|thanh\s+tra|văn\s+phòng|trung\s+tâm|chi\s+cục|cục|tòa\s+án|viện)\s+\S",
    regex.I,
)
ENUMERATOR = regex.compile(r"^\s*(?:[IVX]+|[A-ZĐa-zđ]|\d+(?:\.\d+)*)\s*[.)-]\s*")
SECTION_LABEL = regex.compile(
    r"^\s*(?:[IVX]+|[A-ZĐ]|\d+)\s*[.)-]\s|^\s*(?i:khối|cấp|nhóm|lĩnh vực)\s|.*:\s*$|^[^\p{Ll}]+$"
)
SUB_ROW = regex.compile(r"(?i)^\s*(?:[-+•*–]\s*|trong\s+đó\s*:?\s*|gồm\s*:?\s*|[a-zđ]\)\s*)")
NUMBER_WITH_UNIT = regex.compile(r"^\s*([-+]?\s*\d[\d.,]*\s*%?)\s*(\p{L}[\p{L} ]{0,24})\s*$")
NUMERIC_CELL = regex.compile(r"^\s*[-+]?\s*\d[\d.,]*\s*%?\s*$")
FORMULA_CELL = regex.compile(
    r"^\s*\(?\s*\d+\s*\)?\s*([=+-]\s*\(?\s*\d+\s*\)?\s*)*$"
)  # `(3) =(4)+( 5)` from a narrow PDF cell
LETTER_COLUMN = regex.compile(
    r"^\s*\(?[A-EĐ]\)?\s*$"
)  # "A | B | 1 | 2": letters number the label columns


def extract_table_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    facts: list[Fact] = []
    for block in doc.blocks:
        if block.kind != TABLE or not block.rows or OFFICIAL_HEADER.search(block.text):
            continue
        facts.extend(table_facts(block, meta, _caption(doc, block.index)))
    return facts


def _caption(doc: Document, index: int) -> str:
    """The heading or caption lines just above a table (its title names its subject)."""
    lines = []
    for b in reversed(doc.blocks[max(0, index - 3) : index]):
        if b.kind == TABLE or len(b.text) > 300:
            break
        lines.insert(0, b.text)
    return " ".join(lines)


def _is_number_cell(cell: str) -> bool:
    return (
        bool(NUMERIC_CELL.match(cell))
        or is_zero_word(cell)
        and len(cell.strip()) <= 8
        or _number_with_unit(cell) is not None
    )


def _number_with_unit(cell: str) -> tuple[str, str] | None:
    """`12 đơn`, `05 vụ`: a number and a unit word, nothing else in the cell."""
    m = NUMBER_WITH_UNIT.match(cell)
    if not m:
        return None
    tail = fold(m.group(2).strip().lower())
    unit = next((u for u in UNITS if fold(u.lower()) == tail), None)
    return (m.group(1).strip(), unit) if unit else None


def _header_rows(rows: list[list[str]]) -> int:
    """Leading rows that hold labels, not values (at most four)."""
    n = 0
    for row in rows[:4]:
        cells = [c for c in row if c.strip()]
        if not cells:
            n += 1
            continue
        if n >= 1 and _is_column_number_row(cells):
            n += 1  # the "1 2 3 4" / "A B 1 2 3=4+5" row under the headers
            continue
        numeric = [c for c in cells if _is_number_cell(c)]
        if numeric and len(numeric) >= max(1, len(cells) // 2):
            break
        if n >= 1 and len(cells) == 1 and len(row) > 2:
            break  # a section row opens the data
        n += 1
    return n


def _is_column_number_row(filled: list[str]) -> bool:
    numeric = [c for c in filled if FORMULA_CELL.match(c)]
    return (
        bool(numeric)
        and len(numeric) + sum(1 for c in filled if LETTER_COLUMN.match(c)) == len(filled)
        and (_looks_like_column_numbers(numeric) or any("=" in c or "+" in c for c in numeric))
    )


def _looks_like_column_numbers(cells: list[str]) -> bool:
    """Distinct consecutive printed column numbers, each cell's first number (`3=4+5` is 3);
    a data row of zeros or ones is not one."""
    firsts = [int(m.group()) for c in cells if (m := regex.search(r"\d+", c))]
    return (
        len(firsts) >= 2
        and len(set(firsts)) == len(firsts)
        and min(firsts) >= 1
        and max(firsts) <= 60
        and sorted(firsts) == list(range(min(firsts), min(firsts) + len(firsts)))
    )


def _column_labels(rows: list[list[str]], n_header: int, width: int) -> list[str]:
    """Each column's label: its header cells top to bottom, a spanning parent carried right
    over the columns that have children under it and share its ancestors. The row of
    column numbers or formulas under the headers is not part of any label."""
    label_rows = [rows[r] + [""] * (width - len(rows[r])) for r in range(n_header)]
    label_rows = [
        row for row in label_rows if not _is_column_number_row([c for c in row if c.strip()])
    ]
    labels = [""] * width
    for r, row in enumerate(label_rows):
        before = labels[:]
        carried, origin = "", None
        for c in range(width):
            cell = row[c].strip()
            if cell:
                carried, origin = cell, c
            elif carried and _has_child(label_rows[r + 1 :], c) and before[c] == before[origin]:
                cell = carried  # a parent cell spanning to the right
            else:
                carried, origin = "", None
            if cell and not labels[c].endswith(cell):
                labels[c] = f"{labels[c]} {cell}".strip()
    return labels


def _has_child(lower_rows: list[list[str]], c: int) -> bool:
    return any(row[c].strip() for row in lower_rows)


def _leaf_labels(rows: list[list[str]], n_header: int, width: int) -> list[str]:
    """The lowest header cell of each column (the one that names the figure itself)."""
    leaves = [""] * width
    for r in range(n_header):
        row = rows[r] + [""] * (width - len(rows[r]))
        filled = [c for c in row if c.strip()]
        if filled and _is_column_number_row(filled):
            continue
        for c in range(width):
            if row[c].strip():
                leaves[c] = row[c].strip()
    return leaves


UNIT_IN_PARENS = regex.compile(r"\(\s*(?:đơn vị tính|đvt)?\s*:?\s*([^()]{1,25}?)\s*\)", regex.I)
UNIT_AFTER_WORD = regex.compile(r"(?i)(?:đơn\s+vị\s+tính|đvt)\s*:\s*([\p{L} ]{1,25})")
COUNT_HEAD = regex.compile(r"(?i)(?<![\p{L}])(?:tổng\s+số\s+lượng|tổng\s+số|số\s+lượng|số)\s+")
# Unit words that in a header name who acts or where, not what is counted.
NOT_HEADER_UNITS = {
    "UBND",
    "huyện",
    "xã",
    "phường",
    "sở",
    "phòng",
    "địa phương",
    "cơ quan",
    "công dân",
}


def _unit_of_label(label: str) -> str | None:
    """The unit a column header states: `(lượt)`, `ĐVT: đơn`, a rate (%), the noun after
    `Số`/`Tổng số` (`Số đoàn đông người`), a unit its activity implies (`tiếp định kỳ`),
    else the first unit word that is not an actor or a place. Words that only look like a unit
    (`kỳ trước chuyển sang`, `qua dịch vụ bưu chính`) are not read as one."""
    f = label.lower()
    for phrase in table_headers()["not_units"]["phrases"]:
        f = regex.sub(r"(?<![\p{L}])" + regex.escape(phrase) + r"(?![\p{L}])", " ", f)
    for m in list(UNIT_IN_PARENS.finditer(f)) + list(UNIT_AFTER_WORD.finditer(f)):
        unit = _unit_word_at_start(m.group(1).strip())
        if unit or "%" in m.group(1):
            return unit or "%"
    if regex.search(r"(?<![\p{L}])(tỷ lệ|tỉ lệ)(?![\p{L}])|%", f):
        return "%"
    for m in COUNT_HEAD.finditer(f):
        unit = _unit_word_at_start(f[m.end() :]) or _counted_noun_at_start(f[m.end() :])
        if unit:
            return unit
    folded = fold(f)
    for words, unit in table_headers()["implied_units"].items():
        if any_cue(folded, (words,)):
            return unit
    best = None
    for unit in sorted(UNITS, key=len, reverse=True):
        if unit in NOT_HEADER_UNITS:
            continue
        m = regex.search(r"(?<![\p{L}])" + regex.escape(unit.lower()) + r"(?![\p{L}])", f)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), unit)
    if best:
        return best[1]
    return None


def _counted_noun_at_start(text: str) -> str | None:
    """`Số tổ hòa giải`, `Số hòa giải viên`: a count of something no metric counts."""
    folded = fold(text)
    for noun in table_headers()["not_units"]["counted_nouns"]:
        if regex.match(regex.escape(fold(noun)) + r"(?![\p{L}])", folded):
            return noun
    return None


def _unit_word_at_start(text: str) -> str | None:
    for unit in sorted(UNITS, key=len, reverse=True):
        if regex.match(regex.escape(unit.lower()) + r"(?![\p{L}])", text):
            return "lượt" if unit == "lần" else unit
    return None


@lru_cache(maxsize=1)
def table_headers() -> dict:
    return catalog.toml("table_headers.toml")


def _is_comparison(label: str) -> bool:
    words = tuple(COMPARISON_COLUMN) + tuple(table_headers()["columns"]["comparison"])
    folded = fold(label)
    for phrase in table_headers()["columns"][
        "carried_over"
    ]:  # `Kỳ trước chuyển sang` is this period's stock
        folded = regex.sub(
            r"(?<![\p{L}])" + regex.escape(fold(phrase)) + r"(?![\p{L}])", " ", folded
        )
    return any_cue(folded, words)


def table_facts(block, meta: DocMeta, caption: str = "") -> list[Fact]:
    rows = [[(c or "").strip() for c in r] for r in block.rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    n_header = _header_rows(rows)
    labels = _column_labels(rows, n_header, width)
    leaves = _leaf_labels(rows, n_header, width)
    context = f"{caption} {' '.join(labels)}"
    catalog = load_catalog()
    doc_year = period_year(meta.period or "")
    skip_cols = {c for c, lab in enumerate(labels) if _is_comparison(lab) or STT.match(lab)}
    unit_col = next((c for c, lab in enumerate(labels) if any_cue(fold(lab), UNIT_COLUMN)), None)
    label_col = _label_column(
        rows[n_header:], labels, skip_cols | ({unit_col} if unit_col is not None else set())
    )
    # "Chỉ tiêu năm 2024" over figures is the target set, not a result ("Chỉ tiêu" over names labels rows)
    skip_cols |= {
        c
        for c, lab in enumerate(labels)
        if c != label_col and regex.match(r"(?i)^\s*chỉ\s+tiêu", lab)
    }
    table_unit = _stated_table_unit(caption)
    col_metrics = _column_metrics(
        labels, leaves, skip_cols, label_col, unit_col, context, table_unit
    )
    col_periods = [parse_period(lab, doc_year) for lab in labels]
    # a column of an earlier year (`Năm 2023`, `6 tháng đầu năm 2023` in a 2024 report) is a comparison
    skip_cols |= {
        c
        for c, p in enumerate(col_periods)
        if p and doc_year and (period_year(p) or doc_year) < doc_year
    }
    facts: list[Fact] = []
    section = parent = None
    for r in range(n_header, len(rows)):
        row = rows[r]
        cells = [c for c in row if c]
        if not cells:
            continue
        page = block.row_pages[r] if block.row_pages and r < len(block.row_pages) else block.page
        evidence = " | ".join(c.replace("\n", " ") for c in row if c)
        group = f"t{block.index}r{r}"
        if (
            len(cells) == 1
            and not _is_number_cell(cells[0])
            and not regex.search(r"\d", ENUMERATOR.sub("", cells[0]))
        ):
            if (
                label_col is not None
                and col_metrics
                and row[label_col]
                and not SECTION_LABEL.match(cells[0])
            ):
                continue  # a unit that reported nothing, not a heading over the units below it
            section = cells[0]  # a section row: its label scopes the rows under it
            continue
        row_label = row[label_col] if label_col is not None else ""
        if row_label and not SUB_ROW.match(row_label):
            parent = row_label
        row_scope = _row_scope(row_label, section, label_col, col_metrics)
        for c in range(width):
            if c in skip_cols or c == unit_col:
                continue
            cell = row[c]
            if not cell:
                continue
            if c == label_col or not _is_number_cell(cell):
                if c != label_col or len(cells) == 1:
                    facts.extend(
                        _cell_sentence_facts(
                            cell, block, r, c, page, group, catalog, meta, doc_year
                        )
                    )
                continue
            metric, scope = col_metrics.get(c), row_scope
            if metric is not None and row_label:
                # `Chủ tịch UBND huyện tiếp định kỳ | Số lượt`: the row names which visits
                refined = _refined_by_row(row_label, labels[c], leaves[c], metric)
                if refined:
                    metric = refined
            if metric is None and row_label and not TOTAL_ROW.match(row_label):
                unit = (
                    row[unit_col]
                    if unit_col is not None and row[unit_col]
                    else _unit_of_label(row_label) or table_unit
                )
                if "%" in cell:
                    unit = "%"
                elif not unit and _number_with_unit(cell):
                    unit = _number_with_unit(cell)[1]
                metric = _row_metric(row_label, parent, section, _canonical_unit(unit))
                if metric and _ruled_out_by_column(metric, labels[c], catalog):
                    metric = None  # `Tỷ lệ TTHC trực tuyến` over `Mức độ 1`: level 1 is not an online service
                scope = _column_entity(
                    labels[c]
                )  # units as columns: "Nội dung | Huyện A | Huyện B | Tổng"
            if metric is None or _kind_clash(metric, cell, leaves[c] or labels[c], catalog):
                continue
            facts.append(
                _cell_fact(
                    metric,
                    cell,
                    c,
                    r,
                    block,
                    page,
                    evidence,
                    group,
                    scope,
                    _period(col_periods[c], meta),
                    catalog,
                    labels[c],
                )
            )
    return facts


def _refined_by_row(row_label: str, col_label: str, leaf: str, metric: str) -> str | None:
    """A narrower metric the row label names for a column's generic one: rows that are forms or
    channels (`Tiếp thường xuyên`, `Chủ tịch UBND tiếp định kỳ`), never a unit's name or a total."""
    if (
        ENTITY_LABEL.match(row_label)
        or TOTAL_ROW.match(row_label)
        or SECTION_LABEL.match(row_label)
    ):
        return None
    unit = _canonical_unit(_unit_of_label(leaf) or _unit_of_label(col_label))
    refined = classify_metric(
        f"{_strip_sub_marker(ENUMERATOR.sub('', row_label))} {col_label}", unit
    )
    if refined and refined != metric and _refines(refined) == metric:
        return refined
    return None


@cache
def _refines(metric: str) -> str | None:
    return next((r.refines for r in load_catalog().rules if r.metric == metric and r.refines), None)


def _label_column(data_rows, labels, skip) -> int | None:
    """The column whose cells name the row (a unit, or an indicator), read on the rows that
    carry values: section rows and sentence rows do not make a column a label column."""
    valued = [
        r
        for r in data_rows
        if sum(1 for c in r if c and _is_number_cell(c)) >= 1 and sum(1 for c in r if c) >= 2
    ]
    for c, lab in enumerate(labels):
        if c in skip:
            continue
        if any_cue(fold(lab), ROW_LABEL_HEADER + ENTITY_HEADER) and any(
            r[c] and not _is_number_cell(r[c]) for r in valued
        ):
            return c
    for c in range(len(labels)):
        if c in skip:
            continue
        texts = [r[c] for r in valued if r[c]]
        if texts and sum(1 for t in texts if not _is_number_cell(t)) > len(texts) / 2:
            return c
    return None


def _stated_table_unit(caption: str) -> str | None:
    """`Đơn vị tính: hồ sơ` over a table: the unit of every column that names none."""
    m = UNIT_AFTER_WORD.search(caption.lower())
    return _unit_word_at_start(m.group(1).strip()) if m else None


def _column_metrics(
    labels, leaves, skip_cols, label_col, unit_col, context: str = "", table_unit: str | None = None
) -> dict[int, str]:
    """The metric each column holds. The unit comes from the column's own (lowest) header
    first; the table's other headers and its caption may satisfy a rule's context."""
    metrics: dict[int, str] = {}
    previous_label = ""
    previous_unit = None
    counted = _counted_unit(context)
    for c, lab in enumerate(labels):
        if c in skip_cols or c == label_col or c == unit_col or not lab:
            continue
        if COUNT_LEAF.match(leaves[c]) and leaves[c] != lab:
            # `Trước hạn | Tổng | %`: the count beside a rate is a count, whatever its neighbour's unit;
            # `Dịch vụ công trực tuyến | Tổng`: its parent's unit when the parent states one
            unit = (
                (_unit_of_label(lab[: -len(leaves[c])]) if lab.endswith(leaves[c]) else None)
                or table_unit
                or counted
            )
        else:
            unit = (
                _unit_of_label(leaves[c])
                or _unit_of_label(lab)
                or table_unit
                or previous_unit
                or counted
            )
        # the column's own header first; the other headers and the caption only when it is silent
        metric = classify_metric(lab, _canonical_unit(unit)) or classify_metric(
            lab, _canonical_unit(unit), context
        )
        if COUNT_LEAF.match(leaves[c]) and lab.endswith(leaves[c]) and lab != leaves[c]:
            # `Trễ hạn | Tổng`: the parent names what the count column counts
            metric = (
                classify_metric(lab[: -len(leaves[c])], _canonical_unit(unit), context) or metric
            )
        if metric is None and previous_label:
            # "Số người" under or beside "Số lượt tiếp thường xuyên": the neighbour names it
            metric = classify_metric(f"{previous_label} {lab}", _canonical_unit(unit), context)
        if metric is None and label_col is not None and labels[label_col]:
            # `Hình thức tiếp công dân | Số người`: the row labels' header names the subject
            metric = classify_metric(f"{labels[label_col]} {lab}", _canonical_unit(unit), context)
        if metric:
            metrics[c] = metric
        previous_label, previous_unit = lab, unit
    _split_early_and_on_time(metrics, labels)
    return metrics


COUNT_LEAF = regex.compile(r"(?i)^\s*(?:tổng|tổng\s+số|số\s+lượng|số)\s*$")
EARLY = regex.compile(r"(?i)trước\s+hạn")
ON_TIME = regex.compile(r"(?i)đúng\s+hạn")


def _counted_unit(context: str) -> str | None:
    """What a table about procedures counts when no header says: `Kết quả giải quyết thủ tục
    hành chính | Tổng | Đã xử lý` counts dossiers."""
    f = fold(context)
    if any_cue(f, ("hồ sơ",)) or (
        any_cue(f, ("thủ tục hành chính", "tthc"))
        and any_cue(f, ("giải quyết", "tiếp nhận", "xử lý"))
    ):
        return "hồ sơ"
    return None


def _split_early_and_on_time(metrics: dict[int, str], labels: list[str]) -> None:
    """A table with a `Trước hạn` column and a separate `Đúng hạn` column states neither the
    early-or-on-time rate: each of its columns is one part of it."""
    early_only = [
        c for c, lab in enumerate(labels) if EARLY.search(lab) and not ON_TIME.search(lab)
    ]
    on_time_only = [
        c for c, lab in enumerate(labels) if ON_TIME.search(lab) and not EARLY.search(lab)
    ]
    if early_only and on_time_only:
        for c in early_only + on_time_only:
            if metrics.get(c) == "dossiers.on_time_rate":
                del metrics[c]


def _canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = " ".join(unit.strip().lower().replace(",", " ").split())  # `Vụ, việc` in a unit column
    for known in UNITS:
        if fold(known) == fold(u):
            return known
    return "%" if "%" in u else unit


def _column_entity(label: str) -> str | None:
    """The unit a column stands for when the table lists units across (None for a total or
    a value column such as `Kết quả`, `Số liệu`)."""
    if ENTITY_LABEL.match(label) and not TOTAL_ROW.match(label):
        return label.replace("\n", " ")[:120]
    return None


def _row_metric(
    label: str, parent: str | None, section: str | None, unit: str | None
) -> str | None:
    """A row's metric from its label; a sub-row (`- Đã giải quyết`, `Trong đó: ...`) takes
    its parent row's subject when that names something other than the parent itself."""
    own = classify_metric(_with_section(label, section), unit)
    if parent and parent != label and SUB_ROW.match(label):
        inherited = classify_metric(f"{parent} {_strip_sub_marker(label)}", unit)
        if inherited and inherited != classify_metric(parent, unit) or own is None:
            return inherited or own
    return own


def _ruled_out_by_column(metric: str, column_label: str, catalog) -> bool:
    """A column header that a rule of the row's metric excludes narrows the row away."""
    folded = fold(column_label)
    return any(
        r.without and any_cue(folded, r.without) for r in catalog.rules if r.metric == metric
    )


def _kind_clash(metric: str, cell: str, column_label: str, catalog) -> bool:
    """A rate takes a percentage, a count does not: `Tỷ lệ TTHC trực tuyến` as a row over
    `TTHC | %` columns gives its rate only from the `%` column."""
    kind = catalog.kind_of(metric)
    if "%" in cell:
        return kind == "count"
    column_unit = _canonical_unit(_unit_of_label(column_label))
    return kind == "rate" and column_unit not in (None, "%")


def _strip_sub_marker(label: str) -> str:
    return SUB_ROW.sub("", label, count=1).strip()


def _with_section(label: str, section: str | None) -> str:
    label = regex.sub(r"^\s*[-+•]\s*", "", label)
    if section and (regex.match(r"(?i)^\s*(trong\s+đó|-|\+)", label) or len(label) < 25):
        return f"{section} {label}"
    return label


def _row_scope(row_label: str, section: str | None, label_col, col_metrics) -> str | None:
    """A per-unit row is scoped to its unit; a total row, or a table without unit rows, is not."""
    if section and not regex.search(r"(?i)công dân|chung|toàn", section):
        base = regex.sub(r"^\s*[\dIVX]+[.)-]\s*", "", section)
    else:
        base = None
    if label_col is None or not col_metrics or not row_label or TOTAL_ROW.match(row_label):
        return base
    return regex.sub(r"^\s*[\dIVX]+[.)-]\s*", "", row_label.replace("\n", " "))[:120]


def _period(column_period: str | None, meta: DocMeta) -> str | None:
    if column_period and column_period != meta.period:
        return column_period
    return None


HEADER_SCALE = regex.compile(
    r"(?i)(?:\(|đvt\s*:?\s*|đơn\s+vị\s+tính\s*:?\s*)(nghìn|ngàn|triệu)\s+(?!đồng)\p{L}"
)
SCALES = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000}


def _header_scale(label: str) -> int:
    """A header that counts in thousands or millions: `(ngàn HS)`, `ĐVT: nghìn lượt`."""
    m = HEADER_SCALE.search(label or "")
    return SCALES[m.group(1).lower()] if m else 1


def _cell_fact(
    metric, cell, c, r, block, page, evidence, group, scope, period, catalog, label
) -> Fact:
    raw = cell.strip()
    with_unit = _number_with_unit(raw)
    if with_unit:
        raw = with_unit[0]
    if is_zero_word(raw):
        value, ok, decimals = 0.0, True, 0
    else:
        parsed = parse_number(
            raw.rstrip("% ").strip(), percent="%" in raw or catalog.unit_of(metric) == "%"
        )
        value, ok, decimals = parsed.value, parsed.ok, parsed.decimals
    scale = _header_scale(label) if ok and catalog.kind_of(metric) == "count" else 1
    if scale != 1:
        value, decimals = (
            round(value * scale, 6),
            0,
        )  # `Hồ sơ tiếp nhận (ngàn HS) | 7,7` is 7.700 dossiers
    return Fact(
        metric=metric,
        value=value if ok else None,
        unit=catalog.unit_of(metric),
        scope=scope,
        period=period,
        evidence=f"{label}: {raw} | {evidence}" if label else evidence,
        page=page,
        block_index=block.index,
        start=block.start,
        end=block.end,
        raw=raw,
        source="table",
        row=r,
        col=c,
        group=group,
        decimals=decimals,
    )


def _cell_sentence_facts(cell, block, r, c, page, group, catalog, meta, doc_year) -> list[Fact]:
    if not regex.search(r"\d|(?i)không", cell):
        return []
    out = []
    for i, line in enumerate(x for x in cell.split("\n") if x.strip()):
        s = Sentence(line, 0, block.index, page, "table", i)
        for f in sentence_facts(s, catalog, meta, doc_year):
            f.row, f.col, f.group = r, c, f"{group}c{c}"
            f.start, f.end = block.start, block.end
            out.append(f)
    return out
