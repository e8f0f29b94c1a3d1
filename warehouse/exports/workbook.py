"""so_lieu_tong_hop.xlsx: the summary, every figure, every flag, the documents, the history.

Every code is shown in Vietnamese (catalog labels), rates as real percentages. The figures
and flags sheets have the clerk's editable columns (`Giá trị đúng`, `Trạng thái`, `Ghi chú`,
`Người xem`) and hidden key columns that `python -m pipeline apply` reads back
(warehouse.exports.edits).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

import catalog
from warehouse.exports import sheets
from warehouse.exports.cells import vn_number
from warehouse.exports.data import ReportData
from warehouse.exports.layout import (
    DOC_COLUMNS,
    DOCS_SHEET,
    FACT_COLUMNS,
    FACTS_SHEET,
    FLAG_COLUMNS,
    FLAGS_SHEET,
    GUIDE_SHEET,
    HISTORY_COLUMNS,
    HISTORY_SHEET,
    SUMMARY_COLUMNS,
    SUMMARY_METRIC_WIDTH,
    SUMMARY_SHEET,
    Column,
)
from warehouse.exports.summary import Summary, SummaryRow

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def write_workbook(data: ReportData, summary: Summary, path: Path) -> Path:
    wb = Workbook()
    sheets.add_styles(wb)
    first = wb.worksheets[0]  # a new workbook's one sheet
    first.title = SUMMARY_SHEET
    summary_sheet(first, summary)
    facts_sheet(wb.create_sheet(FACTS_SHEET), data.facts)
    flags_sheet(wb.create_sheet(FLAGS_SHEET), data.flags)
    docs_sheet(wb.create_sheet(DOCS_SHEET), data.docs)
    history_sheet(wb.create_sheet(HISTORY_SHEET), data.history)
    guide_sheet(wb.create_sheet(GUIDE_SHEET))
    wb.save(path)
    return path


# --------------------------------------------------------------------------- summary


def _metric_header(metric: str) -> str:
    info = catalog.metric_labels().get(metric)
    unit = info.unit if info else ""
    return f"{catalog.metric_label(metric)} ({unit})" if unit else catalog.metric_label(metric)


def _summary_unit(row: SummaryRow) -> str:
    if not row.subtotal:
        return row.unit
    level = catalog.code_label("unit_levels", row.level).lower()
    return f"Cộng {row.units} đơn vị {level}"


def summary_sheet(ws, summary: Summary) -> None:
    columns = list(SUMMARY_COLUMNS) + [
        Column(m, _metric_header(m), SUMMARY_METRIC_WIDTH) for m in summary.metrics
    ]
    records = [
        {
            "unit": _summary_unit(r),
            "level": catalog.code_label("unit_levels", r.level),
            "province": r.province,
            "period": catalog.period_label(r.period),
            "_subtotal": r.subtotal,
            **{
                m: sheets.as_cell_value(v, catalog.metric_labels()[m].unit, catalog.kind(m))
                for m, v in r.values.items()
            },
        }
        for r in summary.rows
    ]

    def fmt(record: dict, col: Column) -> str | None:
        if col.name not in summary.metrics:
            return None
        info = catalog.metric_labels()[col.name]
        return sheets.number_format_of(info.unit, info.kind, record.get(col.name), None)

    sheets.write_table(
        ws,
        columns,
        records,
        freeze="E2",
        number_format=fmt,
        row_kind=lambda r: "subtotal" if r["_subtotal"] else "text",
    )
    first_metric = len(SUMMARY_COLUMNS) + 1
    for i, row in enumerate(summary.rows, start=2):
        for j, metric in enumerate(summary.metrics, start=first_metric):
            if metric in row.conflicts:
                cell = ws.cell(i, j)
                sheets.mark(cell, "conflict")
                cell.comment = Comment(_conflict_text(row.conflicts[metric]), "report")


def _conflict_text(values: list[tuple[float, str]]) -> str:
    lines = [f"{vn_number(v)} — {name}" for v, name in values]
    return (
        "Các báo cáo của đơn vị ghi khác nhau cho kỳ này:\n"
        + "\n".join(lines)
        + "\nÔ này lấy giá trị lớn nhất; hãy xem trang Số liệu và sửa ở cột Giá trị đúng."
    )


# --------------------------------------------------------------------------- figures


def _fact_record(f: dict) -> dict:
    unit, kind = f["unit"], catalog.kind(f["metric"])
    corrected = f["value"] if f["corrected"] else None
    return {
        "file_name": f["file_name"],
        "issuer": f["issuer"],
        "label": catalog.metric_label(f["metric"]),
        "value_extracted": sheets.as_cell_value(f["value_extracted"], unit, kind),
        "value_corrected": sheets.as_cell_value(corrected, unit, kind),
        "unit": unit,
        "qualifier": catalog.code_label("qualifiers", f["qualifier"]),
        "scope": f["scope"],
        "period": catalog.period_label(f["period"]),
        "page": f["page"],
        "evidence": f["evidence"],
        "note": f["note"],
        "reviewer": f["reviewer"],
        "Khóa: sha256": f["sha256"],
        "Khóa: metric": f["metric"],
        "Khóa: scope": f["scope"],
        "Khóa: period": f["period"],
        "Khóa: evidence": f["evidence"],
        "Khóa: raw": f["raw"],
        "Khóa: unit": unit,
        "Khóa: shown_value": corrected,
        "Khóa: shown_note": f["note"],
        "Khóa: shown_reviewer": f["reviewer"],
        "_kind": kind,
        "_decimals": f["decimals"],
        "_corrected": f["corrected"],
    }


def _keyed(columns: tuple[Column, ...]) -> list[Column]:
    """Hidden key columns are stored under their header in the records."""
    return [
        Column(c.header, c.header, c.width, c.wrap, c.editable, c.hidden) if c.hidden else c
        for c in columns
    ]


def facts_sheet(ws, facts: list[dict]) -> None:
    records = [_fact_record(f) for f in facts]

    def fmt(record: dict, col: Column) -> str | None:
        if col.name in ("value_extracted", "value_corrected"):
            value = record[col.name] if record[col.name] is not None else record["value_extracted"]
            return sheets.number_format_of(
                record["unit"], record["_kind"], value, record["_decimals"]
            )
        return None

    columns = _keyed(FACT_COLUMNS)
    sheets.write_table(ws, columns, records, freeze="D2", number_format=fmt)
    corrected_col = 1 + [c.name for c in columns].index("value_corrected")
    for i, record in enumerate(records, start=2):
        if record["_corrected"]:
            sheets.mark(ws.cell(i, corrected_col), "corrected")


# --------------------------------------------------------------------------- flags


def _flag_record(g: dict) -> dict:
    status = catalog.code_label("review_statuses", g["status"])
    return {
        "file_name": g["file_name"],
        "rule": catalog.code_label("rules", g["rule"]),
        "severity": catalog.code_label("severities", g["severity"]),
        "label": catalog.metric_label(g["metric"]),
        "message": g["message"],
        "page": g["page"],
        "evidence": g["evidence"],
        "status": status,
        "note": g["note"],
        "reviewer": g["reviewer"],
        "Khóa: sha256": g["sha256"],
        "Khóa: rule": g["rule"],
        "Khóa: metric": g["metric"],
        "Khóa: evidence": g["evidence"] or "",
        "Khóa: shown_status": status,
        "Khóa: shown_note": g["note"],
        "Khóa: shown_reviewer": g["reviewer"],
        "_severity": g["severity"],
    }


def flags_sheet(ws, flags: list[dict]) -> None:
    records = [_flag_record(g) for g in flags]
    columns = _keyed(FLAG_COLUMNS)
    sheets.write_table(
        ws,
        columns,
        records,
        freeze="B2",
        row_kind=lambda r: "error" if r["_severity"] == "error" else "warning",
    )
    names = [c.name for c in columns]
    statuses = list(catalog.code_labels("review_statuses").values())
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(statuses) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Trạng thái",
        error="Hãy chọn một trạng thái trong danh sách.",
    )
    col = get_column_letter(names.index("status") + 1)
    check.add(f"{col}2:{col}{max(len(records) + 1, 2)}")
    ws.add_data_validation(check)


# --------------------------------------------------------------------------- documents


def docs_sheet(ws, docs: list[dict]) -> None:
    records = [
        {
            **d,
            "status": catalog.code_label("doc_statuses", d["status"]),
            "doc_type": catalog.code_label("doc_types", d["doc_type"]),
            "period": catalog.period_label(d["period"]),
            "_status": d["status"],
        }
        for d in docs
    ]

    def fmt(record: dict, col: Column) -> str | None:
        return "dd/mm/yyyy" if col.name == "doc_date" else None

    sheets.write_table(
        ws,
        DOC_COLUMNS,
        records,
        freeze="B2",
        number_format=fmt,
        row_kind=lambda r: "text" if r["_status"] == "ok" else "error",
    )


# --------------------------------------------------------------------------- history


def _history_record(h: dict) -> dict:
    if h["kind"] == "value":
        info = catalog.metric_labels().get(h["metric"])
        suffix = " %" if info and info.unit == "%" else ""
        before = h["value_before"] if h["value_before"] is not None else h["value_extracted"]
        after = (
            vn_number(h["value_corrected"]) + suffix
            if h["value_corrected"] is not None
            else "(giá trị đọc được)"
        )
        before_text = vn_number(before) + suffix if before is not None else ""
    else:
        before_text = catalog.code_label("review_statuses", h["status_before"] or "unreviewed")
        after = catalog.code_label("review_statuses", h["status"])
    return {
        "changed_at": h["changed_at"],
        "reviewer": h["reviewer"],
        "file_name": h["file_name"],
        "kind": catalog.code_label("correction_kinds", h["kind"]),
        "label": catalog.metric_label(h["metric"]),
        "rule": catalog.code_label("rules", h["rule"]),
        "evidence": h["evidence"],
        "before": before_text,
        "after": after,
        "note": h["note"],
        "state": catalog.code_label("correction_states", h["state"]),
        "_state": h["state"],
    }


def history_sheet(ws, history: list[dict]) -> None:
    records = [_history_record(h) for h in history]

    def fmt(record: dict, col: Column) -> str | None:
        return "dd/mm/yyyy hh:mm" if col.name == "changed_at" else None

    sheets.write_table(
        ws,
        HISTORY_COLUMNS,
        records,
        freeze="A2",
        number_format=fmt,
        row_kind=lambda r: "warning" if r["_state"] == "stale" else "text",
    )


def guide_sheet(ws) -> None:
    lines = (TEMPLATES / "workbook_guide.txt").read_text(encoding="utf-8").splitlines()
    column = Column("text", "Cách dùng bảng tổng hợp", 110, wrap=True)
    sheets.write_table(
        ws, [column], [{"text": line} for line in lines if line.strip()], freeze="A2"
    )
