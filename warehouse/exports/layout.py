"""The workbook's sheets and columns: what `report` writes and what `apply` reads back.

Columns are found by their header, so a clerk who moves or hides a column does not break
`apply`. The hidden `Khóa …` columns carry the key of each figure or flag (document hash,
metric, scope, period, evidence, number as written) and what the editable cells held when
the workbook was written, so `apply` records only what the clerk changed.
"""

from __future__ import annotations

from dataclasses import dataclass

SUMMARY_SHEET = "Tổng hợp"
FACTS_SHEET = "Số liệu"
FLAGS_SHEET = "Cảnh báo"
DOCS_SHEET = "Văn bản"
HISTORY_SHEET = "Lịch sử sửa"
GUIDE_SHEET = "Hướng dẫn"
SHEETS = (SUMMARY_SHEET, FACTS_SHEET, FLAGS_SHEET, DOCS_SHEET, HISTORY_SHEET, GUIDE_SHEET)


@dataclass(frozen=True)
class Column:
    name: str  # the field of the row it shows
    header: str
    width: float
    wrap: bool = False
    editable: bool = False
    hidden: bool = False


def _keys(*names: str) -> tuple[Column, ...]:
    return tuple(Column(n, f"Khóa: {n}", 12, hidden=True) for n in names)


FACT_COLUMNS = (
    Column("file_name", "Tệp", 18, wrap=True),
    Column("issuer", "Cơ quan ban hành", 16, wrap=True),
    Column("label", "Chỉ tiêu", 24, wrap=True),
    Column("value_extracted", "Giá trị đọc được", 11),
    Column("value_corrected", "Giá trị đúng", 11, editable=True),
    Column("unit", "Đơn vị", 7),
    Column("qualifier", "Cách ghi số", 8),
    Column("scope", "Phạm vi", 14, wrap=True),
    Column("period", "Kỳ", 11, wrap=True),
    Column("page", "Trang", 6),
    Column("evidence", "Trích dẫn", 40, wrap=True),
    Column("note", "Ghi chú", 14, wrap=True, editable=True),
    Column("reviewer", "Người xem", 11, wrap=True, editable=True),
    *_keys("sha256", "metric", "scope", "period", "evidence", "raw", "unit"),
    *_keys("shown_value", "shown_note", "shown_reviewer"),
)

FLAG_COLUMNS = (
    Column("file_name", "Tệp", 18, wrap=True),
    Column("rule", "Quy tắc", 16, wrap=True),
    Column("severity", "Mức độ", 11),
    Column("label", "Chỉ tiêu", 18, wrap=True),
    Column("message", "Nội dung", 36, wrap=True),
    Column("page", "Trang", 6),
    Column("evidence", "Trích dẫn", 36, wrap=True),
    Column("status", "Trạng thái", 15, wrap=True, editable=True),
    Column("note", "Ghi chú", 14, wrap=True, editable=True),
    Column("reviewer", "Người xem", 11, wrap=True, editable=True),
    *_keys("sha256", "rule", "metric", "evidence"),
    *_keys("shown_status", "shown_note", "shown_reviewer"),
)

DOC_COLUMNS = (
    Column("file_name", "Tệp", 22, wrap=True),
    Column("status", "Trạng thái", 11, wrap=True),
    Column("error", "Lỗi", 30, wrap=True),
    Column("doc_type", "Loại", 10),
    Column("issuer", "Cơ quan ban hành", 24, wrap=True),
    Column("province", "Tỉnh", 12, wrap=True),
    Column("period", "Kỳ", 13, wrap=True),
    Column("doc_number", "Số hiệu", 13, wrap=True),
    Column("doc_date", "Ngày", 11),
    Column("pages", "Số trang", 7),
    Column("facts", "Số liệu", 7),
    Column("flags", "Cảnh báo", 8),
)

HISTORY_COLUMNS = (
    Column("changed_at", "Thời điểm", 16),
    Column("reviewer", "Người sửa", 12, wrap=True),
    Column("file_name", "Tệp", 18, wrap=True),
    Column("kind", "Loại", 12),
    Column("label", "Chỉ tiêu", 20, wrap=True),
    Column("rule", "Quy tắc", 16, wrap=True),
    Column("evidence", "Trích dẫn", 36, wrap=True),
    Column("before", "Trước khi sửa", 12, wrap=True),
    Column("after", "Sau khi sửa", 12, wrap=True),
    Column("note", "Ghi chú", 16, wrap=True),
    Column("state", "Tình trạng", 14, wrap=True),
)

# The summary sheet's leading columns; one column per main metric follows.
SUMMARY_COLUMNS = (
    Column("unit", "Đơn vị", 24, wrap=True),
    Column("level", "Cấp", 11),
    Column("province", "Tỉnh", 12, wrap=True),
    Column("period", "Kỳ báo cáo", 13, wrap=True),
)
SUMMARY_METRIC_WIDTH = 11


def key_header(name: str) -> str:
    """The header of a hidden key column."""
    return f"Khóa: {name}"
