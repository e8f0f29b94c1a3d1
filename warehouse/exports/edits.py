"""The clerk's edits read back from the workbook, for `python -m pipeline apply`.

Only what the clerk changed is an edit: each editable cell is compared with what the hidden
`Khóa: shown_…` columns say it held when `report` wrote the workbook, so an old workbook
applied again never undoes a later correction. Every problem is one Vietnamese line naming
the file, sheet and row; with any problem nothing is applied.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import catalog
from normalizers.numbers import parse_number
from normalizers.text import fold
from warehouse.corrections import REVIEW_STATUSES, FactEdit, FactKey, FlagEdit, FlagKey
from warehouse.exports.layout import FACT_COLUMNS, FACTS_SHEET, FLAG_COLUMNS, FLAGS_SHEET, Column

USE_REPORT = "hãy dùng bảng do lệnh `python -m pipeline report` (make report) ghi ra"


class EditError(Exception):
    """Problems in the workbook, one Vietnamese line each."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Edits:
    facts: list[FactEdit] = field(default_factory=list)
    flags: list[FlagEdit] = field(default_factory=list)


def read_edits(path: Path, reviewer: str | None) -> Edits:
    """The edits in the workbook at `path`; `reviewer` is who made those that name nobody."""
    wb = _open(path)
    try:
        errors: list[str] = []
        facts = _sheet_rows(wb, path, FACTS_SHEET, FACT_COLUMNS, errors)
        flags = _sheet_rows(wb, path, FLAGS_SHEET, FLAG_COLUMNS, errors)
        edits = Edits()
        for row_no, row in facts:
            _fact_edit(
                row, reviewer, f"{path.name}, trang “{FACTS_SHEET}”, dòng {row_no}", edits, errors
            )
        for row_no, row in flags:
            _flag_edit(
                row, reviewer, f"{path.name}, trang “{FLAGS_SHEET}”, dòng {row_no}", edits, errors
            )
    finally:
        wb.close()
    if errors:
        raise EditError(errors)
    return edits


def _open(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.exists():
        raise EditError(
            [f"không tìm thấy tệp {path}; hãy ghi đúng đường dẫn tới bảng Excel đã sửa"]
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        raise EditError(
            [
                f"không đọc được tệp {path} (không có quyền hoặc đang bị khóa);"
                " hãy đóng tệp rồi chạy lại"
            ]
        ) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise EditError(
            [
                f"tệp {path} không phải bảng Excel .xlsx hoặc đã hỏng; hãy lưu bảng ở định dạng"
                " .xlsx (Excel Workbook) rồi chạy lại"
            ]
        ) from None


def _sheet_rows(wb, path: Path, sheet: str, columns, errors: list[str]) -> list[tuple[int, dict]]:
    """(row number, {column name: cell}) of every row of a sheet, columns found by header."""
    if sheet not in wb.sheetnames:
        errors.append(f"tệp {path.name} không có trang “{sheet}”; {USE_REPORT}")
        return []
    rows = wb[sheet].iter_rows()
    header = [c.value for c in next(rows, ())]
    where: dict[str, int] = {}
    for col in columns:
        if col.header not in header:
            if col.editable or col.hidden:
                errors.append(
                    f"tệp {path.name}, trang “{sheet}” thiếu cột “{col.header}”; {USE_REPORT}"
                    " và không xóa cột nào"
                )
                return []
            continue
        where[_name(col)] = header.index(col.header)
    out = []
    for i, cells in enumerate(rows, start=2):
        row = {name: cells[j] if j < len(cells) else None for name, j in where.items()}
        out.append((i, row))
    return out


def _name(col: Column) -> str:
    return col.header if col.hidden else col.name


def _value(cell):
    return getattr(cell, "value", None) if cell is not None else None


def _text(cell) -> str | None:
    """A key or text cell as text; a number a spreadsheet made of it is turned back."""
    value = _value(cell)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _key(cell) -> str | None:
    """A hidden key cell exactly as written (a number a spreadsheet made of it turned back)."""
    value = _value(cell)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return None if value is None or value == "" else str(value)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def parse_value(cell, unit: str | None) -> float | None:
    """The number a clerk wrote in `Giá trị đúng`; raises ValueError when it is none.

    A percentage cell holds a fraction (0.8521 shown as 85,21%): it becomes 85.21 percent
    points again. Text is read the Vietnamese way (1.234 is a thousand two hundred ...).
    """
    value = _value(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float):
        fmt = getattr(cell, "number_format", "") or ""
        return round(float(value) * 100, 10) if unit == "%" and "%" in fmt else float(value)
    text = str(value).strip()
    sign = -1.0 if text.startswith("-") else 1.0
    body = text.lstrip("-").strip().rstrip("%").strip()
    parsed = parse_number(body, percent=text.endswith("%") or unit == "%")
    if not parsed.ok or parsed.value is None or not body[:1].isdigit():
        raise ValueError(text)
    return sign * parsed.value


def _fact_key(row: dict) -> FactKey | None:
    sha, metric = _key(row.get("Khóa: sha256")), _key(row.get("Khóa: metric"))
    if not sha or not metric:
        return None
    return FactKey(
        sha256=sha,
        metric=metric,
        scope=_key(row.get("Khóa: scope")),
        period=_key(row.get("Khóa: period")),
        evidence=_key(row.get("Khóa: evidence")) or "",
        raw=_key(row.get("Khóa: raw")) or "",
    )


def _fact_edit(row: dict, reviewer, where: str, edits: Edits, errors: list[str]) -> None:
    unit = _text(row.get("Khóa: unit"))
    try:
        value = parse_value(row.get("value_corrected"), unit)
    except ValueError as exc:
        errors.append(
            f"{where}: “{exc}” ở cột Giá trị đúng không phải là số; hãy ghi một số"
            " (ví dụ 1.234 hoặc 85,21%) hoặc để trống ô"
        )
        return
    shown = _value(row.get("Khóa: shown_value"))
    note, by = _text(row.get("note")), _text(row.get("reviewer"))
    shown_note, shown_by = (
        _text(row.get("Khóa: shown_note")),
        _text(row.get("Khóa: shown_reviewer")),
    )
    if _same(value, shown) and note == shown_note and by == shown_by:
        return
    key = _fact_key(row)
    if key is None:
        errors.append(
            f"{where}: dòng này không có khóa (có lẽ được thêm bằng tay); hãy sửa trên dòng số"
            " liệu có sẵn"
        )
        return
    who = by if by and by != shown_by else reviewer
    edits.facts.append(FactEdit(key, value, note, who))


def _status_code(text: str | None) -> str | None:
    if text is None:
        return "unreviewed"
    wanted = fold(text).strip()
    for code, label in catalog.code_labels("review_statuses").items():
        if wanted in (fold(label), code):
            return code
    return None


def _flag_edit(row: dict, reviewer, where: str, edits: Edits, errors: list[str]) -> None:
    status = _status_code(_text(row.get("status")))
    if status not in REVIEW_STATUSES:
        choices = ", ".join(catalog.code_labels("review_statuses").values())
        errors.append(
            f"{where}: trạng thái “{_text(row.get('status'))}” không có trong danh sách;"
            f" hãy chọn một trong: {choices}"
        )
        return
    shown = _status_code(_text(row.get("Khóa: shown_status")))
    note, by = _text(row.get("note")), _text(row.get("reviewer"))
    shown_note, shown_by = (
        _text(row.get("Khóa: shown_note")),
        _text(row.get("Khóa: shown_reviewer")),
    )
    if status == shown and note == shown_note and by == shown_by:
        return
    sha, rule = _key(row.get("Khóa: sha256")), _key(row.get("Khóa: rule"))
    if not sha or not rule:
        errors.append(
            f"{where}: dòng này không có khóa (có lẽ được thêm bằng tay); hãy sửa trên dòng cảnh"
            " báo có sẵn"
        )
        return
    key = FlagKey(sha, rule, _key(row.get("Khóa: metric")), _key(row.get("Khóa: evidence")) or "")
    who = by if by and by != shown_by else reviewer
    edits.flags.append(FlagEdit(key, status, note, who))
