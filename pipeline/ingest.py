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
import zipfile
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

import catalog
from extractors.finders.figures import extract_facts
from extractors.finders.metadata import extract_metadata
from extractors.finders.references import extract_references
from extractors.readers import (
    SUPPORTED_SUFFIXES,
    ScanPages,
    file_sha256,
    limits,
    read_document,
)
from model import UnreadableDocument
from pipeline import workers as worker_pool
from pipeline.executors import make_executor
from pipeline.jobs import DocJob, describe
from pipeline.plan import Plan, code_version, is_under, plan, source_folder, walk
from pipeline.schedule import UNREADABLE, documents
from pipeline.writer import IDLE_SECONDS, Writer
from warehouse.checks import check_document, refresh_copies, refresh_cross_doc_flags
from warehouse.compare import create_compare_views
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

    @property
    def exit_code(self) -> int:
        if self.stopped:
            return 130
        # a file that failed before and was not read again is still not loaded
        return 2 if self.failed or self.skipped_failed or self.unreadable_dirs else 0


# --------------------------------------------------------------------------- one file


def process_file(
    path: Path, state: FileState, page_layouts: dict | None = None, defer_ocr: bool = False
) -> DocumentResult:
    """Read one file and extract everything from it; never raises (failures become results),
    except ScanPages when defer_ocr asks for a scan's pages to be read apart (pipeline.jobs)."""
    result = DocumentResult(state=state, file_name=path.name)
    problem = precheck(path, state)
    if problem:
        return _failed(result, problem)
    try:
        doc = read_document(path, page_layouts, defer_ocr)
    except ScanPages:
        raise
    except UnreadableDocument as exc:
        return _failed(result, _one_line(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return _failed(result, read_failure_reason(path, exc))
    if not any(b.text.strip() for b in doc.blocks):
        return _failed(result, "tệp không có nội dung chữ để đọc")

    def read_meta() -> None:
        result.meta = extract_metadata(doc)

    def read_facts() -> None:
        result.facts = list(extract_facts(doc, result.meta))

    def read_refs() -> None:
        result.refs = list(extract_references(doc))

    def check() -> None:
        result.flags = list(check_document(result.meta, result.facts, result.refs))

    steps = (
        ("lỗi khi đọc thông tin văn bản", read_meta),
        ("lỗi khi trích xuất số liệu", read_facts),
        ("lỗi khi tìm văn bản dẫn chiếu", read_refs),
        ("lỗi khi kiểm tra số liệu", check),
    )
    for label, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001
            return _failed(result, f"{label}: {type(exc).__name__}: {_one_line(exc)}")
    result.pages, result.file_type = doc.pages, doc.file_type
    result.warnings = [_one_line(w) for w in (doc.warnings or [])]
    return result


def precheck(path: Path, state: FileState) -> str | None:
    """Reasons to fail a file before opening it: gone, empty, too large, of a kind not read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "tệp không còn tồn tại (đã bị xóa hoặc di chuyển trong khi đang nạp)"
    except OSError as exc:
        return f"không truy cập được tệp: {exc.strerror or exc}"
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return f"định dạng không được hỗ trợ ({suffix}); chỉ đọc được tệp .pdf, .docx, .doc"
    if size == 0:
        return "tệp rỗng (0 byte)"
    most_mb = limits.limit("max_file_mb")
    if size > most_mb * 2**20:
        return (
            f"tệp quá lớn ({size / 2**20:.0f} MB, giới hạn {most_mb} MB,"
            f" {limits.option('max_file_mb')}); hãy tách tệp hoặc kiểm tra lại"
        )
    if state.sha256 is None:
        try:
            state.sha256 = file_sha256(path)
        except OSError as exc:
            return f"không đọc được tệp: {exc.strerror or exc}"
    return None


def read_failure_reason(path: Path, exc: Exception) -> str:
    """One Vietnamese line for what a reader raised without saying it in our words."""
    text = f"{type(exc).__name__}: {exc}".lower()
    suffix = path.suffix.lower()
    if isinstance(exc, FileNotFoundError):
        return "tệp không còn tồn tại (đã bị xóa hoặc di chuyển trong khi đang nạp)"
    if isinstance(exc, PermissionError):
        return "không có quyền đọc tệp"
    if isinstance(exc, MemoryError):
        return "tệp quá lớn, không đủ bộ nhớ để đọc"
    if "password" in text or "encrypt" in text:
        return "tệp được bảo vệ bằng mật khẩu"
    if suffix == ".docx" and (
        isinstance(exc, zipfile.BadZipFile) or "package not found" in text or "zip" in text
    ):
        return "tệp .docx bị hỏng hoặc không phải tệp Word (.docx) thật"
    if suffix == ".doc" and isinstance(exc, ImportError):
        return "chưa đọc được tệp .doc (Word 97-2003); hãy lưu lại thành .docx"
    if suffix == ".pdf" and any(w in text for w in ("pdf", "syntax", "eof", "xref", "trailer")):
        return "tệp PDF bị hỏng hoặc không đầy đủ"
    return f"không đọc được tệp: {type(exc).__name__}: {_one_line(exc)}"


def _failed(result: DocumentResult, reason: str) -> DocumentResult:
    result.status, result.error = "failed", reason
    result.facts, result.flags, result.refs = [], [], []
    return result


def _one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:300]


# --------------------------------------------------------------------------- the run


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
    except (KeyboardInterrupt, duckdb.InterruptException):
        summary.stopped = True  # the batch being loaded was rolled back
    finally:
        con.close()
    return summary


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
    return _failed(result, reason)


def refresh_after_batch(con, summary: IngestSummary, units_csv: Path | None = None) -> None:
    """Units, copies, cross-document flags and the comparison views, over the whole warehouse."""
    try:
        summary.units = refresh_units(con, units_csv)
        summary.copies = refresh_copies(con)
        summary.cross_doc_flags = refresh_cross_doc_flags(con)
    except Exception as exc:  # noqa: BLE001 - the documents are loaded; say what was not checked
        summary.cross_doc_error = f"{type(exc).__name__}: {_one_line(exc)}"
    create_compare_views(con)
