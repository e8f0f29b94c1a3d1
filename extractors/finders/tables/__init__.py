"""Figures in tables: appendices, `Biểu số liệu`, indicator tables, per-unit and per-period
tables.

Every table is first modelled (grid, header paths, column roles, row hierarchy: see
`model`), then read by its layout: an indicator table (rows name the metrics, `indicator`)
or a per-unit / per-period table (columns name the metrics, `matrix`). A table the model
cannot read yields no facts and a note on the document rather than a guess. Cells and note
columns that hold sentences are read by the prose finder.
"""

from __future__ import annotations

import catalog as catalog_files
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue, load_catalog
from extractors.finders.links.levels import issuer_level, level_of_scope, levels_below
from extractors.finders.prose import Sentence, sentence_facts
from extractors.finders.prose.sections import families_of, outline_level, section_contexts
from extractors.finders.prose.spans import numbers_in
from extractors.finders.tables.columns import UNIT
from extractors.finders.tables.facts import link_periods_to_running_totals, link_rows_to_totals
from extractors.finders.tables.formulas import link_formulas
from extractors.finders.tables.grid import is_value_cell
from extractors.finders.tables.indicator import indicator_facts, note_sentences, row_metrics
from extractors.finders.tables.kind_rows import kinds_of_the_caption, kinds_of_the_rows
from extractors.finders.tables.matrix import column_metrics, looks_like_units, matrix_facts
from extractors.finders.tables.model import Table, build_table
from extractors.finders.tables.rows import DATA, GROUP, TOTAL, Row
from extractors.finders.tables.vocabulary import words
from model import HEADING, TABLE, Block, DocMeta, Document, Fact
from normalizers.periods import parse_period, period_year
from normalizers.text import fold

MONTHS = compiled(r"\b\d{1,2} thang\b")
YEAR_OR_DATING = compiled(r"\d+|/|\b(?:nam|quy|thang|ky)\b")


def extract_table_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    facts: list[Fact] = []
    sections = section_contexts(doc)
    for block in doc.blocks:
        if block.kind != TABLE or not block.rows or _is_layout_table(block.text):
            continue
        section = sections.get(block.index)
        if section is not None and section.forward_looking and not _titled_as_results(doc, block):
            continue  # a table of targets under `PHƯƠNG HƯỚNG, NHIỆM VỤ`
        headings = " ".join(section.headings) if section is not None else ""
        caption = f"{headings} {_caption(doc, block.index)}".strip()
        table = build_table(block, caption, meta.period)
        table.themes = fold(meta.title or "")  # (the title gives `title_with` rules their groups)
        found = table_facts(table, meta)
        own = section.headings[-1] if section is not None and section.headings else ""
        _of_the_track(found, f"{own} {_caption(doc, block.index)}")
        kinds_of_the_caption(found, _own_titles(doc, block.index))
        if not found and _carries_figures(table):
            doc.warnings.append(f"bảng trang {block.page or '?'}: không xác định được chỉ tiêu")
        facts += found
    return facts


def _of_the_track(facts: list[Fact], named: str) -> None:
    """Inspection figures of a table under the specialised track's own heading or caption
    (`II. THANH TRA, KIỂM TRA CHUYÊN NGÀNH`) are that track's, as its prose figures are
    (prose.toml [scopes.track]): apart from the administrative inspections."""
    track = catalog_files.table("prose.toml", "scopes", "track")
    if fold(track["phrase"]) not in fold(named):
        return
    for f in facts:
        if f.metric.startswith(tuple(track["metrics"])) and track["scope"] not in (f.scope or ""):
            f.scope = ", ".join(filter(None, (f.scope, track["scope"])))


def _is_layout_table(text: str) -> bool:
    """The official header and the signature block are laid out as tables without borders."""
    folded = fold(text)
    return any(any_cue(folded, (w,)) for w in words("layout", "words"))


def _caption(doc: Document, index: int) -> str:
    """The lines just above a table (its title names its subject); of a long paragraph, its
    last sentence (`Kết quả cụ thể từng tháng như sau:`)."""
    lines: list[str] = []
    for b in reversed(doc.blocks[max(0, index - 3) : index]):
        if b.kind == TABLE:
            break
        if len(b.text) > 300:
            lines.insert(0, _last_sentences(b.text))
            break
        if lines and outline_level(b.text) is not None and _states_figures(b.text):
            break  # (`c) Đoàn đông người: 05 đoàn/96 người.` over the lead-in: the list before)
        if lines and _names_its_family(lines[0]) and b.text.rstrip().endswith((".", ";")):
            break  # (a sentence of the section above a title naming the table's family: none of it)
        lines.insert(0, b.text)
        if len(lines) > 1 and (b.kind == HEADING or outline_level(b.text) is not None):
            break  # (a heading over the table's lead-in opens its section: above is another's)
    return " ".join(lines)


TITLE_WORDS = 16  # a table's own title is a short line, no sentence


def _title_line(text: str) -> bool:
    """A line naming what the table under it holds (`Kết quả hòa giải ở cơ sở 6 tháng đầu năm
    2022`): short, no sentence, no figures of its own."""
    line = text.strip()
    return (
        0 < len(line.split()) <= TITLE_WORDS
        and not line.endswith((".", ";", ":"))
        and not _states_figures(line)
    )


def _own_titles(doc: Document, index: int) -> str:
    """The title lines just above a table, its caption's lines that are no sentence."""
    lines: list[str] = []
    for b in reversed(doc.blocks[max(0, index - 3) : index]):
        if b.kind == TABLE:
            break
        if _title_line(b.text):
            lines.insert(0, b.text)
    return " ".join(lines)


def _names_its_family(line: str) -> bool:
    """A table's own title that names what the table counts (`Kết quả hòa giải ở cơ sở ...`),
    not only how it splits it (`2. Kết quả theo lĩnh vực`)."""
    return _title_line(line) and bool(families_of(line))


def _titled_as_results(doc: Document, table: Block) -> bool:
    """A table whose own title names results (`Kết quả hòa giải ... 6 tháng đầu năm 2022`) holds
    them, even under the section of tasks it was put after."""
    before = doc.blocks[table.index - 1] if table.index > 0 else None
    if before is None or before.kind == TABLE or not _title_line(before.text):
        return False
    titles = catalog_files.words("sections.toml", "forward_looking", "result_titles")
    return fold(before.text).strip().startswith(tuple(fold(t) for t in titles))


def _states_figures(text: str) -> bool:
    """A line that states counts in their units: an item of the list before, no title."""
    return any(n.unit and not n.skip for n in numbers_in(text))


def _last_sentences(text: str, limit: int = 300) -> str:
    """The tail of a paragraph, cut at a sentence start within `limit` characters."""
    tail = text[-limit:]
    cut = max(tail.find(". ") + 2, 0) if ". " in tail else 0
    return tail[cut:]


def table_facts(table: Table, meta: DocMeta) -> list[Fact]:
    catalog = load_catalog()
    layout, metrics = choose_layout(table)
    if layout == "indicator":
        facts = indicator_facts(table, metrics, meta, catalog)
        facts += _note_facts(table, meta, catalog, facts)
    elif layout == "matrix":
        facts = matrix_facts(table, metrics, meta, catalog)
        kinds_of_the_rows(facts)
    else:
        facts = []
    facts += _sentence_cell_facts(table, meta, catalog)
    _total_of_the_levels_present(facts, table, meta)
    link_rows_to_totals(facts, table, unit_groups=layout == "matrix")
    link_periods_to_running_totals(facts, meta.period)
    link_formulas(facts, table)
    return facts


def choose_layout(table: Table) -> tuple[str, dict]:
    """`indicator` when the rows name the metrics, `matrix` when the columns do, `unknown`
    when neither reads."""
    if not table.values:
        return "unknown", {}
    by_rows = row_metrics(table)
    by_cols = column_metrics(table)
    label = table.label_column
    header = fold(label.label) if label is not None else ""
    if table.unit_column is not None or any_cue(header, words("roles", "indicator_label")):
        return ("indicator", by_rows) if by_rows else ("unknown", {})
    if by_cols and (label is None or looks_like_units(table) or _entity_header(header)):
        return "matrix", by_cols
    data_rows = [r for r in table.rows if r.kind == DATA]
    if by_rows and len(by_rows) >= max(1, len(data_rows) // 2) and len(by_rows) >= len(by_cols):
        return "indicator", by_rows
    if by_cols:
        return "matrix", by_cols
    return ("indicator", by_rows) if by_rows else ("unknown", {})


def _entity_header(header: str) -> bool:
    return bool(header) and any_cue(header, words("roles", "entity_label"))


def _note_facts(table: Table, meta: DocMeta, catalog: Catalog, row_facts: list[Fact]) -> list[Fact]:
    """A note about a row (`Định kỳ 12, đột xuất 03`) read as a sentence about its row: the
    row's label and figure lead it, so a list in the note breaks that figure down."""
    out: list[Fact] = []
    if table.note_column is None:
        return out  # no note column: no notes
    year = period_year(meta.period or "")
    for row, note in note_sentences(table):
        if not any(ch.isdigit() for ch in note):
            continue
        note = note.replace(";", ",")  # a note lists items: `Trong hạn 166; quá hạn 03`
        heads = [f for f in row_facts if f.row == row.index and f.role is None]
        # (of the two sides of one count in two units, `23/26` under `vụ/đơn`, the first)
        one_cell = len({(f.metric, f.col) for f in heads}) == 1
        head = heads[0] if heads and one_cell else None
        lead = (
            f"{row.label} {head.raw} {head.unit or ''}".rstrip()
            if head
            else _row_stated(table, row)
        )
        text = f"{lead}: {note}"
        s = Sentence(text, 0, table.block.index, table.page_of(row), "table", row.index)
        groups = " / ".join(r.label for r in reversed(row.ancestors()))  # `I. Hòa giải ở cơ sở`
        found = sentence_facts(s, catalog, meta, year, heading=groups)
        # (the row's own figure read again at the lead; its metric is the row's, which its
        # group row named: `I. Hòa giải ở cơ sở` / `Số vụ việc tiếp nhận 09 vụ`)
        stand_in = {
            id(f): head
            for f in found
            if head and f.start is not None and f.start < len(lead) and f.value == head.value
        }
        renamed = {
            f.metric: head.metric
            for f in found
            if head and id(f) in stand_in and f.metric != head.metric
        }
        named = None if head else _column_named_in(note, table)
        for f in found:
            if f.start is not None and f.start >= len(lead) + 2:
                if head and any(id(k.other) in stand_in for k in f.links):
                    f.metric = renamed.get(f.metric, f.metric)  # its split: the row's metric
                for k in f.links:
                    k.other = stand_in.get(id(k.other), k.other)
                _place_in_table(f, table, row, table.note_column.index)
                f.stated_col = head.col if head else None  # `Trước hạn 2.049` breaks down the row's
                if named is not None:
                    # `Lũy kế đạt 90,90%` beside `Quý IV/2019 | Lũy kế năm 2019`: that column's
                    f.stated_col = named.index
                    f.period = f.period or _own_or_none(named.period, meta)
                # `Tỷ lệ giải quyết 6 tháng 91,67%` in a second-quarter report: the note's period
                f.period = f.period or _own_or_none(parse_period(note, year), meta)
                out.append(f)
    return out


def _column_named_in(note: str, table: Table):
    """The one value column a note names by its header's words (`Lũy kế` of `Lũy kế năm
    2019`), the header's dating words and figures left out."""
    folded = fold(note)
    months = MONTHS.search(folded)  # `6 tháng` names `Lũy kế 6 tháng năm 2024`
    named = []
    for col in table.values:
        label = fold(col.leaf or col.label)
        words = YEAR_OR_DATING.sub(" ", label).split()
        if (words and len(" ".join(words)) >= 4 and " ".join(words) in folded) or (
            months and months.group() in label
        ):
            named.append(col)
    return named[0] if len(named) == 1 else None


def _own_or_none(period: str | None, meta: DocMeta) -> str | None:
    return period if period and period != meta.period else None


def _row_stated(table: Table, row) -> str:
    """A row as a clause (`Số TTHC được công bố trong kỳ 11 TTHC`): its label, its first value
    and its unit, so a note's list reads as that figure's breakdown."""
    value = next((row.cells[c.index] for c in table.values if row.cells[c.index].strip()), "")
    unit = row.cells[table.unit_column.index] if table.unit_column is not None else ""
    return " ".join(f"{row.label} {value} {unit}".split())


def _sentence_cell_facts(table: Table, meta: DocMeta, catalog: Catalog) -> list[Fact]:
    """Cells that are sentences with figures (a table used to lay out prose)."""
    out: list[Fact] = []
    year = period_year(meta.period or "")
    skip = {
        c.index
        for c in table.columns
        if c.role in (UNIT, "note", "number", "comparison", "previous", "target")
    }
    rows = {r.index: r for r in table.rows}
    for r in range(table.n_header, len(table.grid.rows)):
        row = rows.get(r) or Row(r, table.grid.rows[r], None, "", 0, "group")
        for c, cell in enumerate(row.cells):
            if c in skip or not cell or is_value_cell(cell) or len(cell) < 25:
                continue
            if not any(ch.isdigit() for ch in cell):
                continue
            for i, line in enumerate(x for x in cell.split("\n") if x.strip()):
                s = Sentence(line, 0, table.block.index, table.page_of(row), "table", i)
                for f in sentence_facts(s, catalog, meta, year):
                    _place_in_table(f, table, row, c)
                    out.append(f)
    return out


def _place_in_table(f: Fact, table: Table, row, col: int) -> None:
    f.row, f.col = row.index, col
    f.group = f"t{table.block.index}r{row.index}c{col}"
    f.start, f.end = table.block.start, table.block.end
    f.source = "table"


def _carries_figures(table: Table) -> bool:
    cells = [c for r in table.rows for c in r.cells if is_value_cell(c)]
    return len(cells) >= 3


__all__ = ["extract_table_facts", "table_facts", "choose_layout", "build_table"]


def _total_of_the_levels_present(facts: list[Fact], table: Table, meta: DocMeta) -> None:
    """A table whose group rows are levels (`I. Cấp tỉnh`, `II. Cấp huyện`) totals those levels
    only: where they are not all the issuer's levels (a province's communes left out), its total
    row is scoped to them, not the document's whole."""
    own = issuer_level(meta)
    present = [r.label for r in table.rows if r.kind == GROUP and level_of_scope(r.label)]
    if own is None or not present:
        return
    if any(
        r.kind == DATA
        and not any(a.kind == GROUP and level_of_scope(a.label) for a in r.ancestors())
        for r in table.rows
    ):
        return  # (`1 UBND huyện` above `II Cấp xã`: the total is of rows outside the groups too)
    if sorted(level_of_scope(label) or "" for label in present) == sorted(levels_below(own)):
        return
    scope = ", ".join(" ".join(label.split()).lower() for label in present)
    totals = {r.index for r in table.rows if r.kind == TOTAL}
    for f in facts:
        if f.row in totals and f.scope is None:
            f.scope = scope
