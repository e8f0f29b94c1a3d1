"""The life of a document in the warehouse beyond loading: what is remembered of each file, a
new path for a moved or renamed file, removal (kept for history, out of every view).

A removed document keeps its row, figures, flags and references; its status is 'removed',
with removed_at, removed_by ('ingest': its file left the folder, or it was a sample report in
the real warehouse; 'user': `python -m pipeline remove`) and the reason in error. The
contract views, the comparison views, the cross-document checks and every export leave it
out; v_documents_all shows it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from warehouse.schema import rollback
from warehouse.store import FileState, rename_children

GONE_NOTE = "tệp không còn trong thư mục nguồn"
USER_NOTE = "đã gỡ bỏ theo yêu cầu (python -m pipeline remove)"
SAMPLE_NOTE = "báo cáo mẫu: nay ở kho riêng data/processed/samples.duckdb"


@dataclass
class KnownDocument:
    """What the warehouse remembers of a document, to decide whether to read its file again."""

    doc_id: int
    source_dir: str | None
    rel_path: str
    size: int | None
    mtime: float | None
    sha256: str | None
    status: str
    code_version: str | None
    failed_size: int | None = None
    failed_mtime: float | None = None
    failed_sha256: str | None = None
    removed_by: str | None = None

    @property
    def path(self) -> str | None:
        """The file's absolute path, when the folder it came from is known."""
        return os.path.join(self.source_dir, self.rel_path) if self.source_dir else None


_KNOWN_COLUMNS = (
    "doc_id, source_dir, rel_path, size, mtime, sha256, status, code_version, failed_size,"
    " failed_mtime, failed_sha256, removed_by"
)


def known_documents(con) -> list[KnownDocument]:
    rows = con.execute(f"SELECT {_KNOWN_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
    return [KnownDocument(*r) for r in rows]


def touch_documents(con, states: list[FileState]) -> None:
    """Unchanged files whose mtime moved: remember it so the next run skips them without hashing."""
    if states:
        con.executemany(
            "UPDATE documents SET size = ?, mtime = ? WHERE doc_id = ?",
            [[s.size, s.mtime, s.doc_id] for s in states],
        )


def relocate(con, doc_id: int, source_dir: str, state: FileState) -> None:
    """A document's file moved or was renamed, content unchanged: the same document, new path."""
    file_name = state.rel_path.rsplit("/", 1)[-1]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "UPDATE documents SET source_dir = ?, rel_path = ?, file_name = ?, size = ?, mtime = ?"
            " WHERE doc_id = ?",
            [source_dir, state.rel_path, file_name, state.size, state.mtime, doc_id],
        )
        rename_children(con, doc_id, file_name)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise


def mark_removed(con, doc_ids: list[int], by: str, note: str) -> int:
    """Mark documents removed (kept for history); return how many were not removed already."""
    if not doc_ids:
        return 0
    placeholders = ", ".join("?" * len(doc_ids))
    changed = con.execute(
        "UPDATE documents SET status = 'removed', removed_at = current_timestamp,"
        f" removed_by = ?, error = ? WHERE status <> 'removed' AND doc_id IN ({placeholders})"
        " RETURNING doc_id",
        [by, note, *doc_ids],
    ).fetchall()
    return len(changed)


def documents_under(con, folder: str) -> list[int]:
    """Documents (not removed) whose file lies in a folder or is that file."""
    folder = folder.rstrip("/")
    rows = con.execute(
        "SELECT doc_id FROM documents WHERE status <> 'removed' AND source_dir IS NOT NULL"
        " AND (source_dir || '/' || rel_path = ? OR starts_with(source_dir || '/' || rel_path, ?))",
        [folder, folder + "/"],
    ).fetchall()
    return [r[0] for r in rows]


def documents_named(con, name: str) -> list[int]:
    """Documents (not removed) stored under this relative path, else under this file name."""
    for column in ("rel_path", "file_name"):
        rows = con.execute(
            f"SELECT doc_id FROM documents WHERE status <> 'removed' AND {column} = ?", [name]
        ).fetchall()
        if rows:
            return [r[0] for r in rows]
    return []
