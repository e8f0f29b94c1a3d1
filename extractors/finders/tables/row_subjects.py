"""What a table's rows are about: units or sub-periods (a per-unit or per-period table), told
by their labels or by the header over them; the levels a caption or a column names; a province
index read on rows of units."""

from __future__ import annotations

from functools import cache

from catalog import toml as catalog_file
from extractors.finders.tables.columns import LABEL, column_of
from extractors.finders.tables.model import Table
from extractors.finders.tables.rows import DATA, Row, names_a_unit
from extractors.finders.tables.vocabulary import words
from model import Fact
from normalizers.periods import bare_period
from normalizers.text import fold


def looks_like_units(table: Table) -> bool:
    """Row labels that name units or sub-periods (most of the valued rows), or rows under a
    header that names them so (`Lĩnh vực`, `Đơn vị`)."""
    labels = [r.label for r in table.rows if r.kind == DATA and r.label]
    if not labels:
        return False
    named_by = column_of(table.columns, LABEL)
    if named_by is not None and named_by.path:
        if fold(named_by.path[0]).strip() in {fold(w) for w in words("roles", "entity_label")}:
            return True
    hits = sum(1 for lab in labels if names_a_unit(lab) or bare_period(lab, 2000))
    return hits >= len(labels) / 2


def caption_level(caption: str) -> str | None:
    """The one level a table's caption names (`TÌNH HÌNH GIẢI QUYẾT HỒ SƠ ... CẤP HUYỆN`), or
    the narrower body it names (`... TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH`, structure.toml
    [caption_bodies]): its total row is that level's or body's, not the whole's."""
    found = _levels_in(caption)
    if len(found) == 1:
        return found.pop()
    folded = " ".join(fold(caption).split())
    bodies = catalog_file("structure.toml")["caption_bodies"]["names"]
    return next((b for b in bodies if fold(b) in folded), None) if not found else None


def levels_named(text: str) -> str | None:
    """The levels a header names of its own (`Mô hình (cấp huyện và cấp xã)`: `cấp huyện, cấp
    xã`), top down, or None."""
    found = _levels_in(text)
    order = list(_level_words().values())
    return ", ".join(sorted(found, key=order.index)) if found else None


def _levels_in(text: str) -> set[str]:
    folded = " ".join(fold(text).split())
    return {word for key, word in _level_words().items() if key in folded}


@cache
def _level_words() -> dict[str, str]:
    """{folded level scope: the scope as the prose writes it} (prose.toml [scopes.level_lead])."""
    lead = catalog_file("prose.toml")["scopes"]["level_lead"]
    out = {fold(w): w.lower() for w in lead["levels"]}
    return out | {fold(units): level for units, level in lead["plural"].items()}


def unit_measures_of_province_indexes(out: dict[int, str], table: Table) -> None:
    """`Chỉ số hài lòng (%)` on rows of departments and districts: their own measure (structure.toml
    [per_unit_index]), not the province's published index."""
    named = catalog_file("structure.toml")["per_unit_index"]
    if any(m in named for m in out.values()) and looks_like_units(table):
        for k, metric in out.items():
            out[k] = named.get(metric, metric)


def total_of_levels(made: list[Fact], own: str | None, caption: str | None) -> None:
    """A total row's figures are of the levels their column's header names (`Mô hình (cấp huyện
    và cấp xã)`), else of the one level the caption names (Fact.table_level, for the checks)."""
    for f in made:
        if own is None:
            f.table_level = caption
        elif f.scope is None:
            f.scope = own


def the_documents_own(row: Row, table: Table, place: str | None) -> bool:
    """The one data row of a table names the report's own place (`UBND huyện Như Xuân` in the
    district inspectorate's appendix): its figures are the report's, not a narrower unit's."""
    data = [r for r in table.rows if r.kind == DATA]
    return bool(place) and data == [row] and fold(place or "") in fold(row.label)
