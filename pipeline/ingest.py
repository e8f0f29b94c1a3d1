"""Ingest a folder of reports: read, extract, check in workers; load with one writer."""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from extractors.readers import SUPPORTED_SUFFIXES, UnreadableDocument, file_sha256
from warehouse.compare import create_compare_views
from warehouse.store import DocumentResult, FileState, known_states, load_document, open_warehouse, touch_document

IGNORED_PREFIXES = (".", "~$")


@dataclass
class IngestSummary:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    facts: int = 0
    flags: int = 0
    cross_doc_flags: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if self.failed else 0


def find_files(raw_dir: Path) -> list[Path]:
    """Every report-like file below raw_dir, recursively; hidden and Office lock files left out."""
    files = []
    for path in sorted(raw_dir.rglob("*")):
        if not path.is_file() or path.name.startswith(IGNORED_PREFIXES):
            continue
        if any(part.startswith(".") for part in path.relative_to(raw_dir).parts[:-1]):
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in UNSUPPORTED_SEEN:
            files.append(path)
    return files


# Files users may drop by mistake beside their reports: recorded as failed so they see why.
UNSUPPORTED_SEEN = (".xls", ".xlsx", ".odt", ".rtf", ".txt", ".jpg", ".jpeg", ".png", ".zip", ".rar")


def process_file(path: Path, state: FileState) -> DocumentResult:
    """Read one file and extract everything from it; never raises (failures become results)."""
    from extractors.figures import extract_facts
    from extractors.metadata import extract_metadata
    from extractors.readers import read_document
    from extractors.references import extract_references
    from warehouse.checks import check_document

    result = DocumentResult(state=state, file_name=path.name)
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        return _failed(result, str(exc))
    except FileNotFoundError:
        return _failed(result, "tệp đã bị xóa hoặc di chuyển trong khi đang xử lý")
    except MemoryError:
        return _failed(result, "tệp quá lớn, không đủ bộ nhớ để đọc")
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return _failed(result, f"không đọc được tệp: {type(exc).__name__}: {_one_line(exc)}")
    try:
        if not any(b.text.strip() for b in doc.blocks):
            return _failed(result, "tệp không có nội dung chữ để đọc")
        meta = extract_metadata(doc)
        facts = extract_facts(doc, meta)
        refs = extract_references(doc)
        flags = check_document(doc, meta, facts, refs)
    except Exception as exc:  # noqa: BLE001
        return _failed(result, f"lỗi khi trích xuất số liệu: {type(exc).__name__}: {_one_line(exc)}")
    result.meta, result.facts, result.refs, result.flags = meta, facts, refs, flags
    result.pages, result.file_type = doc.pages, doc.file_type
    return result


def _process_job(job: tuple[str, FileState]) -> DocumentResult:
    path, state = job
    if state.sha256 is None:
        try:
            state.sha256 = file_sha256(Path(path))
        except OSError:
            pass
    return process_file(Path(path), state)


def _failed(result: DocumentResult, reason: str) -> DocumentResult:
    result.status, result.error = "failed", reason
    return result


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else ""


def plan(raw_dir: Path, files: list[Path], known: dict[str, tuple]) -> tuple[list[tuple[str, FileState]], list, list]:
    """Split files into jobs to run, unchanged ones to skip, and ones whose mtime only moved."""
    jobs, skipped, touched = [], [], []
    for path in files:
        rel = path.relative_to(raw_dir).as_posix()
        try:
            st = path.stat()
        except OSError:
            jobs.append((str(path), FileState(rel, 0, 0.0)))
            continue
        state = FileState(rel, st.st_size, st.st_mtime)
        before = known.get(rel)
        if before and before[3] == "ok" and before[0] == st.st_size and before[1] == st.st_mtime:
            skipped.append(rel)
            continue
        if before and before[3] == "ok" and before[0] == st.st_size:
            state.sha256 = file_sha256(path)
            if state.sha256 == before[2]:
                skipped.append(rel)
                touched.append(state)
                continue
        jobs.append((str(path), state))
    return jobs, skipped, touched


def ingest(raw_dir: Path, db_path: str, workers: int | None = None, progress: bool | None = None) -> IngestSummary:
    """Load every report below raw_dir into the warehouse at db_path."""
    con = open_warehouse(db_path)
    summary = IngestSummary()
    try:
        files = find_files(raw_dir)
        jobs, summary.skipped, touched = plan(raw_dir, files, known_states(con))
        for state in touched:
            touch_document(con, state)
        for result in _results(jobs, workers, progress):
            load_document(con, result)
            if result.status == "ok":
                summary.loaded.append(result.state.rel_path)
                summary.facts += len(result.facts)
                summary.flags += len(result.flags)
            else:
                summary.failed.append((result.state.rel_path, result.error or ""))
        summary.cross_doc_flags = refresh_cross_document_flags(con)
        create_compare_views(con)
    finally:
        con.close()
    return summary


def refresh_cross_document_flags(con) -> int:
    try:
        from warehouse.cross_checks import refresh_cross_doc_flags
    except ImportError:
        return 0
    return refresh_cross_doc_flags(con)


def _results(jobs: list[tuple[str, FileState]], workers: int | None, progress: bool | None):
    """Results in completion order; in-process for one worker, else a process pool."""
    from tqdm import tqdm

    workers = workers or os.cpu_count() or 1
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(jobs), unit="tệp", desc="Đang đọc", disable=not show or not jobs, file=sys.stderr)
    try:
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield _process_job(job)
                bar.update()
            return
        chunk = max(1, min(8, len(jobs) // (workers * 4)))
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            try:
                for result in pool.map(_process_job, jobs, chunksize=chunk):
                    yield result
                    bar.update()
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        bar.close()
