"""What users look at after an ingest: an Excel workbook, an offline review page, files for tools.

so_lieu_tong_hop.xlsx   the summary, every figure, every flag, the documents and the history
                        of corrections, with the clerk's editable columns (workbook.py; read
                        back by `python -m pipeline apply`, edits.py)
bao_cao_kiem_tra.html   one self-contained page: per document its figures and flags, charts,
                        filters and search; opens by double-click with no network (page.py,
                        templates under warehouse/templates/)
facts.parquet, flags.csv  for other tools (files.py)
"""

from __future__ import annotations

import html
from pathlib import Path

import catalog
from warehouse.compare import create_compare_views
from warehouse.consolidate import ConsolidationError, stating_unit
from warehouse.consolidate.page import consolidation_section
from warehouse.consolidate.table import build
from warehouse.exports import data, summary
from warehouse.exports.files import write_flags_csv, write_parquet
from warehouse.exports.page import write_page
from warehouse.exports.workbook import write_workbook

XLSX_NAME = "so_lieu_tong_hop.xlsx"
HTML_NAME = "bao_cao_kiem_tra.html"
PARQUET_NAME = "facts.parquet"
FLAGS_CSV_NAME = "flags.csv"


# The review page shows the consolidated tables of the latest periods (issue 16).
CONSOLIDATED_PERIODS = 4


def consolidated_sections(con) -> str:
    """The consolidated appendix of each of the latest periods with reports, each in a
    collapsed <details>; a period with nothing to consolidate is left out."""
    periods = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT period FROM v_documents WHERE status = 'ok' AND period IS NOT NULL"
            " ORDER BY period DESC"
        ).fetchall()
    ][:CONSOLIDATED_PERIODS]
    parts = []
    for period in periods:
        try:
            unit = stating_unit(con, period)
            body = consolidation_section(con, build(con, period, unit))
        except ConsolidationError:
            continue
        label = html.escape(catalog.period_label(period))
        parts.append(
            f'<details class="consolidated"><summary>Tổng hợp kỳ {label}</summary>{body}</details>'
        )
    return "\n".join(parts)


class ReportError(Exception):
    """An output that cannot be written; the message is one Vietnamese line."""


def write_reports(con, out_dir: Path) -> list[Path]:
    """Write the four outputs from an open warehouse connection; return their paths."""
    _prepare(out_dir)
    create_compare_views(con)
    rows = data.read(con)
    table = summary.build(con)
    targets = [
        (out_dir / XLSX_NAME, lambda p: write_workbook(rows, table, p)),
        (out_dir / HTML_NAME, lambda p: write_page(rows, table, p, consolidated_sections(con))),
        (out_dir / PARQUET_NAME, lambda p: write_parquet(con, p)),
        (out_dir / FLAGS_CSV_NAME, lambda p: write_flags_csv(con, p)),
    ]
    paths = []
    for path, write in targets:
        try:
            paths.append(write(path))
        except PermissionError as exc:
            raise ReportError(
                f"không ghi được {path}: tệp đang mở trong chương trình khác hoặc không có quyền"
                " ghi; hãy đóng tệp (Excel, trình duyệt) rồi chạy lại"
            ) from exc
        except OSError as exc:
            raise ReportError(
                f"không ghi được {path}: {exc.strerror or exc}; hãy kiểm tra ổ đĩa hoặc chọn"
                " thư mục khác bằng --out"
            ) from exc
    return paths


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(
            f"--out {out_dir} là một tệp, không phải thư mục; hãy chọn một thư mục để ghi kết quả"
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            f"không tạo được thư mục {out_dir}: {exc.strerror or exc}; hãy chọn thư mục khác"
            " bằng --out"
        ) from exc
    probe = out_dir / ".ghi_thu"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ReportError(
            f"không có quyền ghi vào thư mục {out_dir}; hãy chọn thư mục khác bằng --out"
        ) from exc
