"""Loading documents into the warehouse: one transaction per document, idempotent.

A file is keyed by its path relative to the ingested folder (two files of one base name in
different subfolders are two documents). An unchanged file (same size and mtime, or same
content hash) read by the same extractor code is skipped; a changed one has its rows
replaced; a file that cannot be read gets a `failed` row with the reason.

A file that loaded before and now fails (replaced by a broken copy, vanished mid-run)
keeps the figures, flags and references of its last good load: nothing already loaded is
lost. Its row turns `failed`, and the error says the earlier figures were kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from model import DocMeta, Fact, Flag, Reference
from warehouse.schema import WarehouseTooNew, migrate, rollback

BUSY_MESSAGE = (
    "Kho dữ liệu đang được một tiến trình khác ghi; hãy chờ tiến trình đó kết thúc rồi chạy lại."
)
KEPT_NOTE = "vẫn giữ số liệu của lần nạp thành công trước"


class WarehouseBusy(Exception):
    """Another process holds the warehouse open for writing."""


class WarehouseUnusable(Exception):
    """The --db path cannot be opened as a DuckDB warehouse."""


@dataclass
class FileState:
    rel_path: str
    size: int
    mtime: float
    sha256: str | None = None


@dataclass
class DocumentResult:
    """Everything one file yields, ready to load (built in a worker process)."""

    state: FileState
    file_name: str
    status: str = "ok"
    error: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)
    pages: int | None = None
    file_type: str | None = None
    warnings: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)


@dataclass
class KnownDocument:
    """What the warehouse remembers of a file, to decide whether to read it again."""

    size: int | None
    mtime: float | None
    sha256: str | None
    status: str
    code_version: str | None


def open_warehouse(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating and migrating) the warehouse, with errors users can act on."""
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise WarehouseBusy(BUSY_MESSAGE) from exc
        raise WarehouseUnusable(f"không mở được kho dữ liệu {path}: {_first_line(text)}") from exc
    except (duckdb.Error, OSError) as exc:
        raise WarehouseUnusable(
            f"không mở được kho dữ liệu {path}: {_first_line(str(exc))}"
        ) from exc
    if read_only:
        return con
    try:
        migrate(con)
    except WarehouseTooNew as exc:
        con.close()
        raise WarehouseUnusable(f"{path}: {exc}") from exc
    except duckdb.Error as exc:
        con.close()
        raise WarehouseUnusable(
            f"không nâng cấp được kho dữ liệu {path}: {_first_line(str(exc))}"
        ) from exc
    return con


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def known_documents(con) -> dict[str, KnownDocument]:
    """rel_path -> what the warehouse remembers of every file already seen."""
    rows = con.execute(
        "SELECT rel_path, size, mtime, sha256, status, code_version FROM documents"
    ).fetchall()
    return {r[0]: KnownDocument(*r[1:]) for r in rows}


def touch_documents(con, states: list[FileState]) -> None:
    """Unchanged files whose mtime moved: remember it so the next run skips them without hashing."""
    if not states:
        return
    con.executemany(
        "UPDATE documents SET size = ?, mtime = ? WHERE rel_path = ?",
        [[s.size, s.mtime, s.rel_path] for s in states],
    )


_FACT_COLUMNS = [
    "doc_id",
    "file_name",
    "metric",
    "value",
    "unit",
    "qualifier",
    "scope",
    "period",
    "evidence",
    "page",
    "block_index",
    "start_offset",
    "end_offset",
    "raw",
    "source",
    "row_index",
    "col_index",
    "grp",
    "decimals",
]
_FLAG_COLUMNS = [
    "doc_id",
    "file_name",
    "scope",
    "rule",
    "severity",
    "metric",
    "message",
    "evidence",
    "page",
]
_REF_COLUMNS = [
    "doc_id",
    "file_name",
    "kind",
    "number",
    "issuer_code",
    "date_text",
    "date",
    "date_valid",
    "evidence",
    "page",
    "block_index",
    "is_basis",
]
_DOC_FIELDS = [
    "file_name",
    "source_dir",
    "size",
    "mtime",
    "sha256",
    "code_version",
    "status",
    "error",
    "doc_type",
    "issuer",
    "province",
    "period",
    "doc_number",
    "doc_date",
    "title",
    "pages",
    "file_type",
    "warnings",
    "issuer_parent",
    "place",
]


def _fact_row(doc_id: int, file_name: str, f: Fact) -> tuple:
    return (
        doc_id,
        file_name,
        f.metric,
        f.value,
        f.unit,
        f.qualifier,
        f.scope,
        f.period,
        f.evidence,
        f.page,
        f.block_index,
        f.start,
        f.end,
        f.raw,
        f.source,
        f.row,
        f.col,
        f.group,
        f.decimals,
    )


def _iso_date(value) -> dt.date | None:
    """A DATE from an ISO string; None for anything that is not one (never fails the load)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _insert_frame(
    con, table: str, columns: list[str], rows: list[tuple], dtypes: dict[str, str] | None = None
) -> None:
    """Bulk insert through a DataFrame: far faster than executemany for DuckDB."""
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for col, dtype in (dtypes or {}).items():
        frame[col] = frame[col].astype(dtype)
    con.register("_incoming", frame)
    try:
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _incoming"
        )
    finally:
        con.unregister("_incoming")


def _document_values(
    result: DocumentResult, source_dir: str | None, code_version: str | None
) -> list:
    m = result.meta if result.status == "ok" else DocMeta(doc_type=None)
    return [
        result.file_name,
        source_dir,
        result.state.size,
        result.state.mtime,
        result.state.sha256,
        code_version,
        result.status,
        result.error,
        m.doc_type,
        m.issuer,
        m.province,
        m.period,
        m.doc_number,
        _iso_date(m.doc_date),
        m.title,
        result.pages,
        result.file_type,
        "; ".join(result.warnings) if result.warnings else None,
        m.issuer_parent,
        m.place,
    ]


def load_document(
    con, result: DocumentResult, source_dir: str | None = None, code_version: str | None = None
) -> int:
    """Replace everything known about one file in a single transaction; return its doc_id.

    Any exception, KeyboardInterrupt included, rolls the document back whole.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        row = con.execute(
            "SELECT doc_id, status, error FROM documents WHERE rel_path = ?",
            [result.state.rel_path],
        ).fetchone()
        if row and result.status != "ok" and _holds_good_load(row[1], row[2]):
            doc_id = row[0]
            _keep_earlier_load(con, doc_id, result, source_dir)
        else:
            doc_id = _upsert_document(
                con, row[0] if row else None, result, source_dir, code_version
            )
            if result.status == "ok":
                _insert_children(con, doc_id, result)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return doc_id


def _holds_good_load(status: str, error: str | None) -> bool:
    return status == "ok" or (error or "").endswith(KEPT_NOTE)


def _upsert_document(
    con, doc_id: int | None, result: DocumentResult, source_dir, code_version
) -> int:
    values = _document_values(result, source_dir, code_version)
    if doc_id is not None:
        for table in ("facts", "flags", "doc_references"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        assignments = ", ".join(f"{c} = ?" for c in _DOC_FIELDS)
        con.execute(
            f"UPDATE documents SET {assignments}, loaded_at = current_timestamp WHERE doc_id = ?",
            values + [doc_id],
        )
        return doc_id
    return con.execute(
        f"INSERT INTO documents ({', '.join(_DOC_FIELDS)}, rel_path) VALUES ({', '.join('?' * (len(_DOC_FIELDS) + 1))})"
        " RETURNING doc_id",
        values + [result.state.rel_path],
    ).fetchone()[0]


def _keep_earlier_load(con, doc_id: int, result: DocumentResult, source_dir) -> None:
    """A file that loaded before fails now: mark it failed, keep its last good rows.

    sha256/size/mtime stay those of the good load, so the file is read again next run
    (failed files always are) and a restored original comes back as ok.
    """
    error = f"{result.error}; {KEPT_NOTE}"
    con.execute(
        "UPDATE documents SET status = 'failed', error = ?, source_dir = coalesce(?, source_dir),"
        " loaded_at = current_timestamp WHERE doc_id = ?",
        [error, source_dir, doc_id],
    )


def _insert_children(con, doc_id: int, result: DocumentResult) -> None:
    name = result.file_name
    _insert_frame(
        con,
        "facts",
        _FACT_COLUMNS,
        [_fact_row(doc_id, name, f) for f in result.facts],
        {"value": "float64"},
    )
    _insert_frame(
        con,
        "flags",
        _FLAG_COLUMNS,
        [
            (doc_id, name, "document", g.rule, g.severity, g.metric, g.message, g.evidence, g.page)
            for g in result.flags
        ],
    )
    _insert_frame(
        con,
        "doc_references",
        _REF_COLUMNS,
        [
            (
                doc_id,
                name,
                r.kind,
                r.number,
                r.issuer_code,
                r.date_text,
                _iso_date(r.date) if r.date_valid else None,
                r.date_valid,
                r.evidence,
                r.page,
                r.block_index,
                r.is_basis,
            )
            for r in result.refs
        ],
    )
