"""Loading documents into the warehouse: a document whole or not at all, idempotent.

load_document loads one document in a transaction; load_documents loads a batch of them in one
(the ingest's writer), their figures, flags and references in one insert per table.

A document is its source folder and its path relative to that folder (two files of one base
name in different subfolders, or in two raw folders, are two documents); its doc_id stays
the same across re-reads, renames and moves (pipeline.lifecycle decides which document a
file is and hands the doc_id in FileState). An unchanged file (same size and mtime, or same
content hash) read by the same extractor code is skipped; a changed one has its rows
replaced; a file that cannot be read gets a `failed` row with the reason.

A file that loaded before and now fails (replaced by a broken copy, vanished mid-run)
keeps the figures, flags and references of its last good load: nothing already loaded is
lost. Its row turns `failed`, and the error says the earlier figures were kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from model import DocMeta, Fact, Flag, Reference
from warehouse.guard import WarehouseBusy, WarehouseCorrupt, WarehouseUnusable, open_warehouse
from warehouse.schema import rollback

__all__ = ["WarehouseBusy", "WarehouseCorrupt", "WarehouseUnusable", "open_warehouse"]

KEPT_NOTE = "vẫn giữ số liệu của lần nạp thành công trước"


@dataclass
class FileState:
    rel_path: str
    size: int
    mtime: float
    sha256: str | None = None
    doc_id: int | None = None  # the document this file is, when the warehouse knows it


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
    "fact_no",
    "detail",
]
_FLAG_COLUMNS = "doc_id file_name scope rule severity metric message evidence page".split()
_REF_COLUMNS = (
    "doc_id file_name kind number issuer_code date_text date date_valid"
    " evidence page block_index is_basis"
).split()
_DOC_FIELDS = (
    "file_name rel_path source_dir size mtime sha256 code_version status error doc_type issuer"
    " province period doc_number doc_date title pages file_type warnings issuer_parent place"
    " failed_size failed_mtime failed_sha256 removed_at removed_by"
).split()


def _fact_row(doc_id: int, file_name: str, f: Fact, no: int) -> tuple:
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
        no,
        f.detail,
    )


_LINK_COLUMNS = ["doc_id", "fact_no", "relation", "other_no", "role", "complete"]


def link_rows(doc_id: int, facts: list[Fact]) -> list[tuple]:
    """The relations the finders recorded between the document's facts, by fact number."""
    number = {id(f): no for no, f in enumerate(facts)}
    return [
        (doc_id, no, k.relation, number[id(k.other)], k.role, k.complete)
        for no, f in enumerate(facts)
        for k in f.links
        if id(k.other) in number
    ]


def _iso_date(value) -> dt.date | None:
    """A DATE from an ISO string; None for anything that is not one (never fails the load)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _insert_frame(
    con,
    table: str,
    columns: list[str],
    rows: list[tuple],
    dtypes: dict[str, Literal["float64"]] | None = None,
) -> None:
    """Bulk insert through a DataFrame: far faster than executemany for DuckDB. (pandas is
    imported here, on the first write: the workers that build results never load it.)"""
    import pandas as pd

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
    ok = result.status == "ok"
    m = result.meta if ok else DocMeta()  # a file not read has no fields, not even a type
    st = result.state
    tried = [None, None, None] if ok else [st.size, st.mtime, st.sha256]
    return [
        result.file_name,
        st.rel_path,
        source_dir,
        result.state.size,
        result.state.mtime,
        result.state.sha256,
        code_version,
        result.status,
        result.error,
        m.doc_type if ok else None,
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
        *tried,
        None,
        None,
    ]


def load_document(
    con, result: DocumentResult, source_dir: str | None = None, code_version: str | None = None
) -> int:
    """Replace everything known about one file in a single transaction; return its doc_id.

    Any exception, KeyboardInterrupt included, rolls the document back whole.
    """
    return load_documents(con, [result], source_dir, code_version)[0]


def load_documents(
    con,
    results: list[DocumentResult],
    source_dir: str | None = None,
    code_version: str | None = None,
) -> list[int]:
    """Several files loaded in one transaction (their figures, flags and references in one
    insert per table): each is replaced as load_document replaces it; any exception rolls
    every one of them back. Returns their doc_ids in order."""
    con.execute("BEGIN TRANSACTION")
    try:
        ids = []
        children = _Children()
        new = _insert_new(con, results, source_dir, code_version)
        for result in results:
            if id(result) in new:
                doc_id, fresh = new[id(result)], result.status == "ok"
            else:
                doc_id, fresh = _document_row(con, result, source_dir, code_version)
            if fresh:
                children.add(doc_id, result)
            ids.append(doc_id)
        children.insert(con)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return ids


def _insert_new(con, results: list[DocumentResult], source_dir, code_version) -> dict[int, int]:
    """The batch's documents the warehouse has no row of, inserted in one statement with the
    doc_ids one insert each would give them (the batch's order); {id(result): doc_id}."""
    paths = [r.state.rel_path for r in results if r.state.doc_id is None]
    if not paths or len(set(paths)) < len(paths):
        return {}  # (one file twice: one at a time, the second finds the first)
    known = con.execute(
        "SELECT rel_path FROM documents WHERE source_dir IS NOT DISTINCT FROM ?"
        f" AND rel_path IN ({', '.join('?' * len(paths))})",
        [source_dir, *paths],
    ).fetchall()
    seen = {row[0] for row in known}
    new = [r for r in results if r.state.doc_id is None and r.state.rel_path not in seen]
    if not new:
        return {}
    ids = con.execute("SELECT nextval('doc_id_seq') FROM range(?)", [len(new)]).fetchall()
    doc_ids = sorted(row[0] for row in ids)
    values = [(d, *_document_values(r, source_dir, code_version)) for d, r in zip(doc_ids, new)]
    row = f"({', '.join('?' * (len(_DOC_FIELDS) + 1))})"
    con.execute(
        f"INSERT INTO documents (doc_id, {', '.join(_DOC_FIELDS)}) VALUES "
        + ", ".join([row] * len(new)),
        [value for v in values for value in v],
    )
    return {id(r): d for d, r in zip(doc_ids, new)}


def _document_row(con, result: DocumentResult, source_dir, code_version) -> tuple[int, bool]:
    """The document's row written (or kept); True when its children are to be inserted."""
    row = _current_row(con, result.state, source_dir)
    if row and result.status != "ok" and _holds_good_load(row[1], row[2]):
        _keep_earlier_load(con, row[0], result, source_dir)
        return row[0], False
    doc_id = _upsert_document(con, row[0] if row else None, result, source_dir, code_version)
    return doc_id, result.status == "ok"


def _current_row(con, state: FileState, source_dir: str | None) -> tuple | None:
    """The document's row: by doc_id when known, else by source folder and relative path."""
    if state.doc_id is not None:
        return con.execute(
            "SELECT doc_id, status, error FROM documents WHERE doc_id = ?", [state.doc_id]
        ).fetchone()
    return con.execute(
        "SELECT doc_id, status, error FROM documents WHERE rel_path = ?"
        " AND source_dir IS NOT DISTINCT FROM ? ORDER BY doc_id LIMIT 1",
        [state.rel_path, source_dir],
    ).fetchone()


def _holds_good_load(status: str, error: str | None) -> bool:
    return status == "ok" or (error or "").endswith(KEPT_NOTE)


def _upsert_document(
    con, doc_id: int | None, result: DocumentResult, source_dir, code_version
) -> int:
    values = _document_values(result, source_dir, code_version)
    if doc_id is not None:
        for table in ("facts", "flags", "doc_references", "fact_links"):
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        assignments = ", ".join(f"{c} = ?" for c in _DOC_FIELDS)
        con.execute(
            f"UPDATE documents SET {assignments}, loaded_at = current_timestamp WHERE doc_id = ?",
            values + [doc_id],
        )
        return doc_id
    return con.execute(
        f"INSERT INTO documents ({', '.join(_DOC_FIELDS)})"
        f" VALUES ({', '.join('?' * len(_DOC_FIELDS))}) RETURNING doc_id",
        values,
    ).fetchone()[0]


def _keep_earlier_load(con, doc_id: int, result: DocumentResult, source_dir) -> None:
    """A file that loaded before fails now: mark it failed, keep its last good rows.

    sha256/size/mtime stay those of the good load (what the kept rows were read from); the
    failed_* columns hold the file that failed, so it is not read again until it changes, and
    a restored original comes back as ok.
    """
    error = f"{result.error}; {KEPT_NOTE}"
    st = result.state
    con.execute(
        "UPDATE documents SET status = 'failed', error = ?, source_dir = coalesce(?, source_dir),"
        " rel_path = ?, file_name = ?, failed_size = ?, failed_mtime = ?, failed_sha256 = ?,"
        " removed_at = NULL, removed_by = NULL, loaded_at = current_timestamp WHERE doc_id = ?",
        [error, source_dir, st.rel_path, result.file_name, st.size, st.mtime, st.sha256, doc_id],
    )
    rename_children(con, doc_id, result.file_name)


def rename_children(con, doc_id: int, file_name: str) -> None:
    """The file name the child tables carry (for SQL without a join) follows a rename."""
    for table in ("facts", "flags", "doc_references"):
        con.execute(
            f"UPDATE {table} SET file_name = ? WHERE doc_id = ? AND file_name IS DISTINCT FROM ?",
            [file_name, doc_id, file_name],
        )


class _Children:
    """The figures, their links, flags and references of the documents of one transaction,
    inserted together."""

    def __init__(self) -> None:
        self.facts: list[tuple] = []
        self.links: list[tuple] = []
        self.flags: list[tuple] = []
        self.refs: list[tuple] = []

    def add(self, doc_id: int, result: DocumentResult) -> None:
        name = result.file_name
        self.facts.extend(_fact_row(doc_id, name, f, no) for no, f in enumerate(result.facts))
        self.links.extend(link_rows(doc_id, result.facts))
        self.flags.extend(
            (doc_id, name, "document", g.rule, g.severity, g.metric, g.message, g.evidence, g.page)
            for g in result.flags
        )
        self.refs.extend(_ref_row(doc_id, name, r) for r in result.refs)

    def insert(self, con) -> None:
        _insert_frame(con, "facts", _FACT_COLUMNS, self.facts, {"value": "float64"})
        _insert_frame(con, "fact_links", _LINK_COLUMNS, self.links)
        _insert_frame(con, "flags", _FLAG_COLUMNS, self.flags)
        _insert_frame(con, "doc_references", _REF_COLUMNS, self.refs)


def _ref_row(doc_id: int, name: str, r: Reference) -> tuple:
    return (
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
