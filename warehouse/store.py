"""Loading documents into the warehouse: one transaction per document, idempotent.

A file is keyed by its path relative to the ingested folder. An unchanged file (same size
and mtime, or same content hash) is skipped; a changed one has its rows replaced; a file
that cannot be read gets a `failed` row with the reason, and keeps no facts.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from extractors.model import DocMeta, Fact, Flag, Reference
from warehouse.schema import migrate


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
    facts: list[Fact] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)


def open_warehouse(path: str) -> duckdb.DuckDBPyConnection:
    """Open (creating and migrating) the warehouse, with errors users can act on."""
    try:
        con = duckdb.connect(path)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise WarehouseBusy(
                "Kho dữ liệu đang được một tiến trình khác ghi; hãy chờ tiến trình đó kết thúc rồi chạy lại."
            ) from exc
        raise WarehouseUnusable(f"không mở được kho dữ liệu {path}: {text.splitlines()[0]}") from exc
    except (duckdb.Error, OSError) as exc:
        raise WarehouseUnusable(f"không mở được kho dữ liệu {path}: {str(exc).splitlines()[0]}") from exc
    migrate(con)
    return con


def known_states(con) -> dict[str, tuple]:
    """rel_path -> (size, mtime, sha256, status) of every document already in the warehouse."""
    rows = con.execute("SELECT rel_path, size, mtime, sha256, status FROM documents").fetchall()
    return {r[0]: r[1:] for r in rows}


def touch_document(con, state: FileState) -> None:
    """An unchanged file moved in time only: remember its new mtime so the next run skips it cheaply."""
    con.execute("UPDATE documents SET size = ?, mtime = ? WHERE rel_path = ?", [state.size, state.mtime, state.rel_path])


_FACT_COLUMNS = ["doc_id", "metric", "value", "unit", "qualifier", "scope", "period", "evidence", "page",
                 "block_index", "start_offset", "end_offset", "raw", "source", "row_index", "col_index", "grp",
                 "decimals"]
_FLAG_COLUMNS = ["doc_id", "rule", "severity", "metric", "message", "evidence", "page", "origin"]
_REF_COLUMNS = ["doc_id", "kind", "number", "issuer_code", "date_text", "date", "date_valid", "evidence", "page",
                "block_index", "is_basis"]


def _fact_row(doc_id: int, f: Fact) -> tuple:
    return (doc_id, f.metric, f.value, f.unit, f.qualifier, f.scope, f.period, f.evidence, f.page, f.block_index,
            f.start, f.end, f.raw, f.source, f.row, f.col, f.group, f.decimals)


def _insert_frame(con, table: str, columns: list[str], rows: list[tuple], dtypes: dict[str, str] | None = None) -> None:
    """Bulk insert through a DataFrame: far faster than executemany for DuckDB."""
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=columns)
    for col, dtype in (dtypes or {}).items():
        frame[col] = frame[col].astype(dtype)
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _incoming")
    finally:
        con.unregister("_incoming")


def load_document(con, result: DocumentResult) -> int:
    """Replace everything known about one file in a single transaction; return its doc_id."""
    m = result.meta
    con.execute("BEGIN TRANSACTION")
    try:
        row = con.execute("SELECT doc_id FROM documents WHERE rel_path = ?", [result.state.rel_path]).fetchone()
        values = [result.file_name, result.state.size, result.state.mtime, result.state.sha256, result.status,
                  result.error, m.doc_type if result.status == "ok" else None, m.issuer, m.province, m.period,
                  m.doc_number, m.doc_date, m.title, result.pages, result.file_type]
        if row:
            doc_id = row[0]
            for table in ("facts", "flags", "doc_references"):
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            con.execute("""UPDATE documents SET file_name = ?, size = ?, mtime = ?, sha256 = ?, status = ?, error = ?,
                           doc_type = ?, issuer = ?, province = ?, period = ?, doc_number = ?, doc_date = ?, title = ?,
                           pages = ?, file_type = ?, loaded_at = current_timestamp WHERE doc_id = ?""",
                        values + [doc_id])
        else:
            doc_id = con.execute("""INSERT INTO documents (file_name, size, mtime, sha256, status, error, doc_type,
                                    issuer, province, period, doc_number, doc_date, title, pages, file_type, rel_path)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING doc_id""",
                                 values + [result.state.rel_path]).fetchone()[0]
        _insert_frame(con, "facts", _FACT_COLUMNS, [_fact_row(doc_id, f) for f in result.facts],
                      {"value": "float64"})
        _insert_frame(con, "flags", _FLAG_COLUMNS,
                      [(doc_id, g.rule, g.severity, g.metric, g.message, g.evidence, g.page, "document")
                       for g in result.flags])
        _insert_frame(con, "doc_references", _REF_COLUMNS,
                      [(doc_id, r.kind, r.number, r.issuer_code, r.date_text, r.date if r.date_valid else None,
                        r.date_valid, r.evidence, r.page, r.block_index, r.is_basis) for r in result.refs])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return doc_id


def as_dict(obj) -> dict:
    return dataclasses.asdict(obj)
