"""Choose the stating unit of a consolidation and write its three files."""

from __future__ import annotations

from pathlib import Path

from catalog.patterns import compiled
from warehouse.compare import create_compare_views
from warehouse.consolidate.excel import write_workbook
from warehouse.consolidate.page import consolidation_section, write_page
from warehouse.consolidate.table import build
from warehouse.consolidate.word import write_document
from warehouse.units.places import name_key

PERIOD = compiled(r"^\d{4}(-(H[12]|9M|Q[1-4]|M(0[1-9]|1[0-2])))?$")


class ConsolidationError(Exception):
    """What the user asked for cannot be consolidated (a message in Vietnamese)."""


def stating_unit(con, period: str, unit_id: str | None = None, province: str | None = None) -> str:
    """The unit whose subordinate units are consolidated: the one asked for, the UBND of the
    province asked for, or the UBND of the one province that has reports for the period."""
    if unit_id:
        if not con.execute("SELECT 1 FROM units WHERE unit_id = ?", [unit_id]).fetchone():
            raise ConsolidationError(
                f"không có đơn vị {unit_id} trong danh mục; xem mã đơn vị trong v_units"
            )
        return unit_id
    if province:
        found = [
            uid
            for uid, name in con.execute(
                "SELECT unit_id, province FROM units WHERE kind = 'ubnd' AND level = 'province'"
            ).fetchall()
            if name_key(name or "") == name_key(province)
        ]
        if not found:
            raise ConsolidationError(f"không có tỉnh {province} trong danh mục; hãy viết đúng tên")
        return found[0]
    provinces = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT u.province FROM v_documents d JOIN units u USING (unit_id)"
            " WHERE d.status = 'ok' AND d.period = ? AND u.province IS NOT NULL ORDER BY 1",
            [period],
        ).fetchall()
    ]
    if not provinces:
        raise ConsolidationError(f"kho dữ liệu chưa có báo cáo nào của kỳ {period}")
    if len(provinces) > 1:
        raise ConsolidationError(
            f"kỳ {period} có báo cáo của {len(provinces)} tỉnh ({', '.join(provinces)}); "
            "hãy chọn --province TÊN hoặc --unit MÃ_ĐƠN_VỊ"
        )
    return stating_unit(con, period, province=provinces[0])


def consolidate(
    con,
    period: str,
    out_dir: Path,
    unit_id: str | None = None,
    province: str | None = None,
) -> list[Path]:
    """Write tong_hop_<period>.xlsx, .docx and .html for the period; return their paths."""
    if not PERIOD.match(period):
        raise ConsolidationError(
            f"kỳ báo cáo '{period}' không hợp lệ; hãy viết như 2023-H1, 2023, 2023-9M, 2023-Q3,"
            " 2023-M05"
        )
    create_compare_views(con)
    c = build(con, period, stating_unit(con, period, unit_id, province))
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"tong_hop_{period}"
    return [
        write_workbook(c, out_dir / f"{stem}.xlsx"),
        write_document(c, out_dir / f"{stem}.docx"),
        write_page(con, c, out_dir / f"{stem}.html"),
    ]


def review_section(
    con, period: str, unit_id: str | None = None, province: str | None = None
) -> str:
    """The consolidated tables and trend of a period as one HTML <section> for the review page
    (self-contained: scoped styles, no script); raises ConsolidationError like consolidate."""
    create_compare_views(con)
    return consolidation_section(
        con, build(con, period, stating_unit(con, period, unit_id, province))
    )
