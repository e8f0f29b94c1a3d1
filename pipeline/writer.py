"""The one writer: results loaded into the warehouse a batch at a time.

Results are held until a batch is full or the readers have been quiet for a moment (the pool
says so; at most once every IDLE_INTERVAL, else slow readers make batches of one), then loaded
in one transaction (warehouse.store.load_documents): a transaction per
document cost the writer more than the readers on a small machine. A document counts as loaded
only once its batch is committed, so a stop (Ctrl-C, SIGTERM) rolls back the open batch and the
summary names its files among those not loaded. A batch DuckDB refuses is loaded again one
document at a time, the one it cannot store recorded as failed.
"""

from __future__ import annotations

import time

import duckdb

from warehouse.store import DocumentResult, load_document, load_documents

BATCH_DOCUMENTS = 64  # documents in one transaction at most
BATCH_ROWS = 20_000  # facts, flags and references in one transaction at most
IDLE_SECONDS = 0.2  # readers quiet this long: write what is held ...
IDLE_INTERVAL = 2.0  # ... unless the last batch was written less than this ago
WRITE_FAILED = "lỗi khi ghi vào kho dữ liệu: {kind}: {text}"


class Writer:
    """Loads results in batches and keeps the summary: `loaded`, `failed`, `facts`, `flags`
    and `not_loaded` (the jobs' files not yet committed)."""

    def __init__(self, con, folder: str, version: str, summary, rel_paths: list[str]) -> None:
        self.con, self.folder, self.version, self.summary = con, folder, version, summary
        self.remaining = dict.fromkeys(rel_paths)
        self.pending: list[DocumentResult] = []
        self.rows = 0
        self.written_at = -IDLE_INTERVAL
        summary.not_loaded = list(self.remaining)
        if rel_paths:
            _import_pandas()

    def idle(self) -> None:
        """The readers are quiet: write what is held, unless a batch was written just now."""
        if time.monotonic() - self.written_at >= IDLE_INTERVAL:
            self.flush()

    def add(self, result: DocumentResult) -> None:
        self.pending.append(result)
        self.rows += len(result.facts) + len(result.flags) + len(result.refs)
        if len(self.pending) >= BATCH_DOCUMENTS or self.rows >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Commit what is held (a stop in the middle rolls it back and raises)."""
        batch, self.pending, self.rows = self.pending, [], 0
        if not batch:
            return
        self.written_at = time.monotonic()
        try:
            load_documents(self.con, batch, self.folder, self.version)
        except duckdb.InterruptException:
            raise
        except Exception:  # noqa: BLE001 - one document DuckDB cannot store: find it
            batch = [self._load_alone(result) for result in batch]
        for result in batch:
            self._record(result)
        self.summary.not_loaded = list(self.remaining)

    def _load_alone(self, result: DocumentResult) -> DocumentResult:
        try:
            load_document(self.con, result, self.folder, self.version)
        except duckdb.InterruptException:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a value DuckDB cannot store
            text = " ".join(str(exc).split())[:300]
            result.status = "failed"
            result.error = WRITE_FAILED.format(kind=type(exc).__name__, text=text)
            result.facts, result.flags, result.refs = [], [], []
            load_document(self.con, result, self.folder, self.version)
        return result

    def _record(self, result: DocumentResult) -> None:
        summary = self.summary
        if result.status == "ok":
            summary.loaded.append(result.state.rel_path)
            summary.facts += len(result.facts)
            summary.flags += len(result.flags)
        else:
            summary.failed.append((result.state.rel_path, result.error or ""))
        self.remaining.pop(result.state.rel_path, None)


def _import_pandas() -> None:
    """Import pandas ahead of the first write (DuckDB binds parameters and the store's bulk
    inserts through it): done while the readers start, not when the first batch is written
    with every reader waiting for its next file."""
    import pandas  # noqa: F401
