"""Ingest a folder of reports: read, extract, check in workers; load with one writer.

Per file:  read_document -> extract_metadata -> extract_facts -> extract_references ->
check_document, in a worker process (in-process with one worker); the main process is the
only one that writes, one transaction per document. Unchanged files are skipped before any
work is sent out: same size and mtime as stored (no hashing), or same content hash, and
read by the same extractor code (see code_version). Failed files are always tried again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import time
import zipfile
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.finders.figures import extract_facts
from extractors.finders.metadata import extract_metadata
from extractors.finders.references import extract_references
from extractors.readers import SUPPORTED_SUFFIXES, file_sha256, read_document
from model import UnreadableDocument
from warehouse.checks import check_document, refresh_copies, refresh_cross_doc_flags
from warehouse.compare import create_compare_views
from warehouse.store import (
    DocumentResult,
    FileState,
    KnownDocument,
    known_documents,
    load_document,
    open_warehouse,
    touch_documents,
)
from warehouse.units import UnitsReport, refresh_units, register_changed

ROOT = Path(__file__).resolve().parent.parent
# The user's additions and corrections to the unit register (warehouse/units/register.py).
USER_UNITS = ROOT / "data" / "units.csv"
IGNORED_PREFIXES = (".", "~$")
# Files users may drop by mistake beside their reports: recorded as failed so they see why.
# Anything else (gold .json, notes .md, ...) is left alone and only counted.
UNSUPPORTED_SEEN = (
    ".xls",
    ".xlsx",
    ".xlsm",
    ".ods",
    ".odt",
    ".rtf",
    ".txt",
    ".pptx",
    ".ppt",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".zip",
    ".rar",
    ".7z",
    ".htm",
    ".html",
)
MAX_FILE_BYTES = 300 * 1024 * 1024  # far above any real report, scans included
# The code whose changes make earlier extractions stale (read again although the file is unchanged).
CODE_PATHS = ("model", "extractors", "normalizers", "catalog", "warehouse/checks")


@dataclass
class IngestSummary:
    source: Path | None = None
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # suffix -> count of files left alone
    facts: int = 0
    flags: int = 0
    cross_doc_flags: int = 0
    cross_doc_error: str | None = None
    units: UnitsReport | None = None  # the unit register's refresh, when it ran
    copies: int = 0  # documents that are a copy of another one's report

    @property
    def exit_code(self) -> int:
        return 2 if self.failed else 0


# --------------------------------------------------------------------------- finding files


def is_candidate(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in UNSUPPORTED_SEEN


def find_files(raw_dir: Path, ignored: Counter | None = None) -> list[Path]:
    """Every report-like file below raw_dir (or raw_dir itself if a file); hidden and ~$ lock files left out."""
    if raw_dir.is_file():
        return [raw_dir]
    files = []
    for path in sorted(raw_dir.rglob("*")):
        rel_parts = path.relative_to(raw_dir).parts
        if any(part.startswith(IGNORED_PREFIXES) for part in rel_parts) or not path.is_file():
            continue
        if is_candidate(path):
            files.append(path)
        elif ignored is not None:
            ignored[path.suffix.lower() or "(không có phần mở rộng)"] += 1
    return files


def rel_key(raw_dir: Path, path: Path) -> str:
    return path.name if raw_dir.is_file() else path.relative_to(raw_dir).as_posix()


@lru_cache(maxsize=1)
def code_version() -> str:
    """Fingerprint of the extractor, normaliser, catalog and check code (a few ms)."""
    h = hashlib.sha256()
    for base in CODE_PATHS:
        root = ROOT / base
        paths = (
            [root]
            if root.is_file()
            else sorted(
                p
                for p in root.rglob("*")
                if p.is_file() and p.suffix in (".py", ".toml", ".csv", ".json", ".txt")
            )
        )
        for p in paths:
            h.update(p.relative_to(ROOT).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def plan(
    raw_dir: Path, files: list[Path], known: dict[str, KnownDocument], version: str | None = None
) -> tuple[list[tuple[str, FileState]], list[str], list[FileState]]:
    """Split files into jobs to run, unchanged ones to skip, and skipped ones whose mtime moved."""
    version = version or code_version()
    jobs, skipped, touched = [], [], []
    for path in files:
        rel = rel_key(raw_dir, path)
        try:
            st = path.stat()
        except OSError:
            jobs.append((str(path), FileState(rel, 0, 0.0)))
            continue
        state = FileState(rel, st.st_size, st.st_mtime)
        before = known.get(rel)
        if (
            not before
            or before.status != "ok"
            or before.code_version != version
            or before.size != st.st_size
        ):
            jobs.append((str(path), state))
            continue
        if before.mtime == st.st_mtime:
            skipped.append(rel)
            continue
        try:
            state.sha256 = file_sha256(path)
        except OSError:
            jobs.append((str(path), state))
            continue
        if state.sha256 == before.sha256:
            skipped.append(rel)
            touched.append(state)
        else:
            jobs.append((str(path), state))
    return jobs, skipped, touched


# --------------------------------------------------------------------------- one file


def process_file(path: Path, state: FileState) -> DocumentResult:
    """Read one file and extract everything from it; never raises (failures become results)."""
    result = DocumentResult(state=state, file_name=path.name)
    problem = precheck(path, state)
    if problem:
        return _failed(result, problem)
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        return _failed(result, _one_line(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return _failed(result, read_failure_reason(path, exc))
    if not any(b.text.strip() for b in doc.blocks):
        return _failed(result, "tệp không có nội dung chữ để đọc")
    steps = (
        ("lỗi khi đọc thông tin văn bản", lambda: extract_metadata(doc)),
        ("lỗi khi trích xuất số liệu", lambda: extract_facts(doc, result.meta)),
        ("lỗi khi tìm văn bản dẫn chiếu", lambda: extract_references(doc)),
        (
            "lỗi khi kiểm tra số liệu",
            lambda: check_document(result.meta, result.facts, result.refs),
        ),
    )
    outputs = []
    for label, step in steps:
        try:
            outputs.append(step())
        except Exception as exc:  # noqa: BLE001
            return _failed(result, f"{label}: {type(exc).__name__}: {_one_line(exc)}")
        if len(outputs) == 1:
            result.meta = outputs[0]
        elif len(outputs) == 2:
            result.facts = list(outputs[1])
        elif len(outputs) == 3:
            result.refs = list(outputs[2])
    result.flags = list(outputs[3])
    result.pages, result.file_type = doc.pages, doc.file_type
    result.warnings = [_one_line(w) for w in (doc.warnings or [])]
    return result


def precheck(path: Path, state: FileState) -> str | None:
    """Reasons to fail a file before opening it: gone, empty, too large, of a kind we do not read."""
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
    if size > MAX_FILE_BYTES:
        return (
            f"tệp quá lớn ({size / 2**20:.0f} MB, giới hạn {MAX_FILE_BYTES / 2**20:.0f} MB); "
            "hãy tách tệp hoặc kiểm tra lại"
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


def _process_job(job: tuple[str, FileState]) -> DocumentResult:
    path, state = job
    return process_file(Path(path), state)


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
    units_csv: Path | None = USER_UNITS,
) -> IngestSummary:
    """Load every report below raw_dir into the warehouse at db_path; units_csv is the user's
    own rows of the unit register (a changed one re-resolves every document)."""
    summary = IngestSummary(source=raw_dir)
    con = open_warehouse(db_path)
    try:
        files = find_files(raw_dir, summary.ignored)
        version = code_version()
        jobs, summary.skipped, touched = plan(raw_dir, files, known_documents(con), version)
        touch_documents(con, touched)
        source_dir = str((raw_dir.parent if raw_dir.is_file() else raw_dir).resolve())
        for result in results(jobs, workers, progress):
            try:
                load_document(con, result, source_dir=source_dir, code_version=version)
            except Exception as exc:  # noqa: BLE001 - e.g. a value DuckDB cannot store
                result = _failed(
                    result, f"lỗi khi ghi vào kho dữ liệu: {type(exc).__name__}: {_one_line(exc)}"
                )
                load_document(con, result, source_dir=source_dir, code_version=version)
            if result.status == "ok":
                summary.loaded.append(result.state.rel_path)
                summary.facts += len(result.facts)
                summary.flags += len(result.flags)
            else:
                summary.failed.append((result.state.rel_path, result.error or ""))
        if jobs or touched or register_changed(con, units_csv):
            refresh_after_batch(con, summary, units_csv)
    finally:
        con.close()
    return summary


def refresh_after_batch(con, summary: IngestSummary, units_csv: Path | None = None) -> None:
    """Units, copies, cross-document flags and the comparison views, once the batch is in."""
    try:
        summary.units = refresh_units(con, units_csv)
        summary.copies = refresh_copies(con)
        summary.cross_doc_flags = refresh_cross_document_flags(con)
    except Exception as exc:  # noqa: BLE001 - the documents are loaded; say what was not checked
        summary.cross_doc_error = f"{type(exc).__name__}: {_one_line(exc)}"
    create_compare_views(con)


def refresh_cross_document_flags(con) -> int:
    return refresh_cross_doc_flags(con)


# --------------------------------------------------------------------------- workers


def results(jobs: list[tuple[str, FileState]], workers: int | None, progress: bool | None):
    """Results in completion order; in-process for one worker, else a process pool."""
    from tqdm import tqdm

    workers = workers or os.cpu_count() or 1
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(
        total=len(jobs), unit="tệp", desc="Đang đọc", disable=not show or not jobs, file=sys.stderr
    )
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield _process_job(job)
                bar.update()
            return
        for result in _pooled(jobs, min(workers, len(jobs))):
            yield result
            bar.update()
    finally:
        bar.close()


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the main process, which stops them itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: never fork the writer, which holds an open DuckDB connection and its threads.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["pipeline.ingest", "extractors.readers"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_ignore_sigint)


def _pooled(jobs: list[tuple[str, FileState]], workers: int):
    """Run jobs in a pool, a bounded number in flight; a worker that dies takes only its own file down.

    When a worker dies the pool breaks: the files then in flight are tried again one by
    one in a pool of their own (so the culprit is named), the rest go on in a new pool.
    """
    queue = deque(jobs)
    suspects: list[tuple[str, FileState]] = []
    while queue:
        pool = _pool(min(workers, len(queue)))
        in_flight: dict = {}
        broken = False
        try:
            while (queue or in_flight) and not broken:
                while queue and len(in_flight) < workers * 4:
                    job = queue.popleft()
                    try:
                        in_flight[pool.submit(_process_job, job)] = job
                    except BrokenProcessPool:
                        queue.appendleft(job)
                        broken = True
                        break
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for fut in done:
                    job = in_flight.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        suspects.append(job)
                        broken = True
                        continue
                    yield result
            suspects.extend(in_flight.values())
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=not broken, cancel_futures=True)
    for job in suspects:
        yield _isolated(job)


def _isolated(job: tuple[str, FileState]) -> DocumentResult:
    path, state = job
    pool = _pool(1)
    try:
        return pool.submit(_process_job, job).result()
    except BrokenProcessPool:
        result = DocumentResult(state=state, file_name=Path(path).name)
        return _failed(
            result, "tiến trình đọc tệp bị dừng đột ngột (tệp quá lớn hoặc hỏng nặng, hết bộ nhớ)"
        )
    except BaseException:
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (Ctrl-C, a kill, an error in the writer)."""
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    deadline = time.monotonic() + 2
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.join(timeout=max(0.0, deadline - time.monotonic()))
