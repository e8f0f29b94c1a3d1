"""Looking after the warehouse between ingests: removing documents, restoring the backup."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest import IngestSummary, refresh_after_batch
from warehouse import guard
from warehouse.lifecycle import USER_NOTE, documents_named, documents_under, mark_removed
from warehouse.store import open_warehouse


@dataclass
class Removal:
    removed: int = 0
    matched: dict[str, int] = field(default_factory=dict)  # argument -> documents it named
    unknown: list[str] = field(default_factory=list)


def remove_documents(db: str, paths: list[str]) -> Removal:
    """Mark the documents of these files or folders removed (kept for history, out of every
    view and export). A path names a file or folder as on disk (it may no longer exist), or a
    document by its relative path or file name as the warehouse shows it. The next ingest
    leaves a removed file out while it is unchanged."""
    out = Removal()
    con = open_warehouse(db, backup=True)
    try:
        for arg in paths:
            ids = documents_under(con, os.path.abspath(arg)) or documents_named(con, arg)
            out.matched[arg] = len(ids)
            if not ids:
                out.unknown.append(arg)
                continue
            out.removed += mark_removed(con, ids, "user", USER_NOTE)
        if out.removed:
            refresh_after_batch(con, IngestSummary())
    finally:
        con.close()
    return out


def restore_backup(db: str) -> Path:
    """Put <db>.bak back; return where the replaced warehouse was kept."""
    if not Path(db).exists() and not guard.backup_path(db).exists():
        raise guard.WarehouseUnusable(f"không có kho dữ liệu {db} hay bản sao lưu của nó")
    return guard.restore(db)
