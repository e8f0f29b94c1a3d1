"""Ingest a folder of reports: read, extract, check in worker processes; load with one writer.

Per file:  read_document -> extract_metadata -> extract_facts -> extract_references ->
check_document, always in a worker (pipeline.workers, or a Dask cluster: pipeline.executors;
a file that takes too long or exhausts memory costs that file, never the run; a scan's pages
are read by all the workers at once: pipeline.schedule); the main process is the only one
that writes, a batch of documents per transaction (pipeline.writer). Which files are read at
all, and which document each file is (renamed and moved files keep theirs), is decided first
(pipeline.plan); documents whose file left the folder are marked removed.

Ctrl-C or SIGTERM: the workers are killed at once, the batch being loaded is rolled back,
and the summary says what was loaded and what was not (`stopped`, `not_loaded`).
"""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import catalog
from extractors.readers import (
    limits,
)
from pipeline import workers as worker_pool
from pipeline.executors import make_executor
from pipeline.jobs import DocJob, describe
from pipeline.plan import Plan, code_version, is_under, plan, source_folder, walk
from pipeline.schedule import UNREADABLE, documents
from pipeline.writer import IDLE_SECONDS, Writer
from warehouse.checks import refresh_copies, refresh_cross_doc_flags
from warehouse.compare import create_compare_views
from warehouse.corrections import stale
from warehouse.lifecycle import (
    GONE_NOTE,
    SAMPLE_NOTE,
    known_documents,
    mark_removed,
    relocate,
    touch_documents,
)
from warehouse.store import DocumentResult, FileState, open_warehouse
from warehouse.units import UnitsReport, refresh_units, register_changed

ROOT = Path(__file__).resolve().parent.parent
# The user's additions and corrections to the unit register (warehouse/units/register.py).
USER_UNITS = ROOT / "data" / "units.csv"
# Tests that replace the extractors in this process read there too (workers would not see it).
READ_IN_PROCESS = False
DIED = "tiến trình đọc tệp bị dừng đột ngột (hết bộ nhớ hoặc tệp hỏng nặng{code})"
TIMED_OUT = "quá thời gian xử lý ({seconds} s, {option})"


@dataclass
class IngestSummary:
    source: Path | None = None
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    skipped_failed: list[str] = field(default_factory=list)  # failed before, file unchanged
    kept_removed: list[str] = field(default_factory=list)  # removed by the user, unchanged
    moved: list[str] = field(default_factory=list)  # same document, new path (no re-read)
    removed: list[str] = field(default_factory=list)  # file gone from the folder
    failed: list[tuple[str, str]] = field(default_factory=list)
    unreadable_dirs: list[tuple[str, str]] = field(default_factory=list)
    not_loaded: list[str] = field(default_factory=list)  # left when stopped
    stopped: bool = False
    ignored: Counter = field(default_factory=Counter)  # suffix -> count of files left alone
    facts: int = 0
    flags: int = 0
    cross_doc_flags: int = 0
    cross_doc_error: str | None = None
    units: UnitsReport | None = None  # the unit register's refresh, when it ran
    copies: int = 0  # documents that are a copy of another one's report
    # the clerk's corrections no figure of the files just loaded matches any more, read on the
    # ingest's own connection (None: not read, cmd_ingest opens the warehouse for them)
    stale_corrections: list | None = None

    @property
    def exit_code(self) -> int:
        if self.stopped:
            return 130
        # a file that failed before and was not read again is still not loaded
        return 2 if self.failed or self.skipped_failed or self.unreadable_dirs else 0


# --------------------------------------------------------------------------- one file


def ingest(
    raw_dir: Path,
    db_path: str,
    workers: int | None = None,
    progress: bool | None = None,
    retry_failed: bool = False,
    limit_values: dict | None = None,
    samples_dir: Path | None = None,
    units_csv: Path | None = USER_UNITS,
    executor: str = "local",
    scheduler: str | None = None,
) -> IngestSummary:
    """Load every report below raw_dir into the warehouse at db_path.

    limit_values override catalog/settings.toml [limits] for this run; documents from
    samples_dir (the shipped sample reports) are retired from this warehouse; units_csv is
    the user's own rows of the unit register (a changed one re-resolves every document);
    executor is `local` (worker processes) or `dask` (at scheduler, or a LocalCluster)."""
    run = Execution(executor, scheduler, workers, progress, limit_values)
    with catalog.settings_overridden("limits", limit_values or {}):
        return _ingest(raw_dir, db_path, run, retry_failed, samples_dir, units_csv)


@dataclass
class Execution:
    """Where and how the per-document stage runs."""

    executor: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    progress: bool | None = None
    limit_values: dict | None = None


def _ingest(raw_dir, db_path, run: Execution, retry_failed, samples_dir, units_csv):
    summary = IngestSummary(source=raw_dir)
    con = open_warehouse(db_path, backup=True)
    try:
        found = walk(raw_dir, summary.ignored)
        summary.unreadable_dirs = found.unreadable
        version = code_version()
        todo = plan(raw_dir, found, known_documents(con), version, retry_failed)
        rel_paths = [state.rel_path for _, state in todo.jobs]
        summary.not_loaded = rel_paths
        if todo.jobs and run.executor == "local" and not READ_IN_PROCESS:
            worker_pool.start_server()  # the readers get ready while the bookkeeping is done
        folder = source_folder(raw_dir)
        changed = _bookkeeping(con, todo, folder, summary, samples_dir)
        read_all(Writer(con, folder, version, summary, rel_paths), todo.jobs, run)
        if changed or todo.jobs or register_changed(con, units_csv):
            refresh_after_batch(con, summary, units_csv)
        summary.stale_corrections = _stale(con, summary.loaded)
    except (KeyboardInterrupt, duckdb.InterruptException):
        summary.stopped = True  # the batch being loaded was rolled back
    finally:
        con.close()
    return summary


def _stale(con, loaded: list[str]) -> list | None:
    if not loaded:
        return []
    try:
        return stale(con, loaded)
    except Exception:  # noqa: BLE001 - asked again once the summary is out, as it was before
        return None


def _bookkeeping(con, todo: Plan, folder: str, summary: IngestSummary, samples_dir) -> bool:
    """What needs no reading: remembered mtimes, new paths of moved files, removals; True
    when a document changed path or was removed."""
    summary.skipped = todo.skipped
    summary.skipped_failed, summary.kept_removed = todo.skipped_failed, todo.kept_removed
    touch_documents(con, todo.touched)
    for doc, state in todo.moved:
        relocate(con, doc.doc_id, folder, state)
        summary.moved.append(f"{doc.rel_path} → {state.rel_path}")
    changed = mark_removed(con, [k.doc_id for k in todo.gone], "ingest", GONE_NOTE)
    summary.removed = [k.rel_path for k in todo.gone]
    if samples_dir is not None and not is_under(folder, str(samples_dir.resolve())):
        samples = str(samples_dir.resolve())
        ids = [k.doc_id for k in known_documents(con) if k.path and is_under(k.path, samples)]
        changed += mark_removed(con, ids, "ingest", SAMPLE_NOTE)
    return bool(changed or todo.moved)


def read_all(sink, jobs: list[tuple[str, FileState]], run: Execution) -> None:
    """Read the jobs on the run's executor and hand each result to the sink (the warehouse's
    writer, or a stage) as it comes; whatever stops this (Ctrl-C included) kills the workers
    at once, and the sink's `remaining` are the files not written."""
    from tqdm import tqdm

    if not jobs:
        return
    show = sys.stderr.isatty() if run.progress is None else run.progress
    bar = tqdm(total=len(jobs), unit="tệp", desc="Đang đọc", disable=not show)
    seconds = limits.limit("seconds_per_document")
    workers = 0 if READ_IN_PROCESS else run.workers
    executor = make_executor(run.executor, workers, seconds, run.limit_values, run.scheduler)
    limit = None if run.executor == "dask" else seconds
    outcomes = documents(executor, [DocJob(p, s) for p, s in jobs], limit, IDLE_SECONDS)
    shown = ""
    try:
        with closing(outcomes):
            for outcome in outcomes:
                if outcome is None:
                    sink.idle()
                else:
                    sink.add(_result_of(outcome))
                    bar.update()
                reading = describe(executor.running())  # the files and pages being read
                if reading != shown:
                    bar.set_postfix_str(reading)
                    shown = reading
        sink.flush()
    finally:
        executor.close()
        bar.close()


def _result_of(outcome: worker_pool.Outcome) -> DocumentResult:
    if outcome.failure is None:
        return outcome.result
    from pipeline.file_reading import failed  # (what reads files: only for a failure here)

    job = outcome.job
    result = DocumentResult(state=job.state, file_name=Path(job.path).name)
    if outcome.failure == UNREADABLE:
        reason = outcome.result
    elif outcome.failure == "timeout":
        seconds = limits.limit("seconds_per_document")
        reason = TIMED_OUT.format(seconds=seconds, option=limits.option("seconds_per_document"))
    else:
        code = f"; mã thoát {outcome.exitcode}" if outcome.exitcode is not None else ""
        reason = DIED.format(code=code)
    return failed(result, reason)


def refresh_after_batch(con, summary: IngestSummary, units_csv: Path | None = None) -> None:
    """Units, copies, cross-document flags and the comparison views, over the whole warehouse."""
    try:
        summary.units = refresh_units(con, units_csv)
        summary.copies = refresh_copies(con)
        summary.cross_doc_flags = refresh_cross_doc_flags(con)
    except Exception as exc:  # noqa: BLE001 - the documents are loaded; say what was not checked
        from pipeline.file_reading import one_line

        summary.cross_doc_error = f"{type(exc).__name__}: {one_line(exc)}"
    create_compare_views(con)
