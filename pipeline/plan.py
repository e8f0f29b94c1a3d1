"""Which files to read, and which document each file is.

A document is its source folder and its path relative to that folder. Before anything is
read, every file found is matched to what the warehouse knows:
  - same folder and path: the same document; skipped when unchanged (same size and mtime, or
    same content hash) and read by the same extractor code; a file that failed before is not
    read again until it changes (or --retry-failed); a document removed with `pipeline
    remove` stays removed while its file is unchanged;
  - a new path whose content is that of a document whose file is gone (renamed, or moved
    within or between raw folders): the same document with a new path, so its doc_id and its
    figures stay and nothing is counted twice;
  - a document of the ingested folder whose file is gone (and not moved) is marked removed.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.readers import SUPPORTED_SUFFIXES, file_sha256
from warehouse.lifecycle import KnownDocument
from warehouse.store import FileState

ROOT = Path(__file__).resolve().parent.parent
IGNORED_PREFIXES = (".", "~$")
# Files users may drop by mistake beside their reports: recorded as failed so they see why.
# Anything else (gold .json, notes .md, ...) is left alone and only counted.
UNSUPPORTED_SEEN = (
    *(".xls", ".xlsx", ".xlsm", ".ods", ".odt", ".rtf", ".txt", ".pptx", ".ppt"),
    *(".jpg", ".jpeg", ".png", ".tif", ".tiff", ".zip", ".rar", ".7z", ".htm", ".html"),
)
# The code whose changes make earlier extractions stale (read again although the file is unchanged).
CODE_PATHS = ("model", "extractors", "normalizers", "catalog", "warehouse/checks")


@dataclass
class Found:
    """What a walk of the raw folder found."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason)


@dataclass
class Plan:
    jobs: list[tuple[str, FileState]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # unchanged since read
    skipped_failed: list[str] = field(default_factory=list)  # failed before, unchanged since
    kept_removed: list[str] = field(default_factory=list)  # removed by the user, unchanged
    touched: list[FileState] = field(default_factory=list)  # unchanged, mtime moved
    moved: list[tuple[KnownDocument, FileState]] = field(default_factory=list)  # new path only
    gone: list[KnownDocument] = field(default_factory=list)  # file no longer in the folder


# --------------------------------------------------------------------------- finding files


def is_candidate(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in UNSUPPORTED_SEEN


def walk(raw_dir: Path, ignored: Counter | None = None) -> Found:
    """Every report-like file below raw_dir (or raw_dir itself if a file), and every folder
    that could not be read; hidden and ~$ lock files are left out."""
    found = Found()
    if raw_dir.is_file():
        found.files.append(raw_dir)
        return found

    def unreadable(exc: OSError) -> None:
        folder = Path(exc.filename or raw_dir)
        rel = folder.relative_to(raw_dir).as_posix() if folder != raw_dir else "."
        found.unreadable.append((rel, exc.strerror or str(exc)))

    for folder, dirs, names in os.walk(raw_dir, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(IGNORED_PREFIXES))
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith(IGNORED_PREFIXES) or not path.is_file():
                continue
            if is_candidate(path):
                found.files.append(path)
            elif ignored is not None:
                ignored[path.suffix.lower() or "(không có phần mở rộng)"] += 1
    found.files.sort()
    return found


def find_files(raw_dir: Path, ignored: Counter | None = None) -> list[Path]:
    return walk(raw_dir, ignored).files


def source_folder(raw_dir: Path) -> str:
    """The absolute folder documents are keyed under (a single file's own folder)."""
    return str((raw_dir.parent if raw_dir.is_file() else raw_dir).resolve())


def rel_key(raw_dir: Path, path: Path) -> str:
    return path.name if raw_dir.is_file() else path.relative_to(raw_dir).as_posix()


def is_under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


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


# --------------------------------------------------------------------------- planning


def plan(
    raw_dir: Path,
    found: Found,
    known: list[KnownDocument],
    version: str,
    retry_failed: bool = False,
) -> Plan:
    """Split the files found into reads, skips and moves; name the documents gone."""
    out = Plan()
    folder = source_folder(raw_dir)
    by_path = {k.path: k for k in known if k.path}
    by_rel = {k.rel_path: k for k in known if not k.source_dir}  # rows older than source_dir
    seen: set[int] = set()
    new: list[tuple[str, FileState]] = []
    for path in found.files:
        rel = rel_key(raw_dir, path)
        doc = by_path.get(os.path.join(folder, rel)) or by_rel.get(rel)
        state = _stat(path, rel)
        if doc is None:
            new.append((str(path), state))
            continue
        seen.add(doc.doc_id)
        state.doc_id = doc.doc_id
        decision = _decide(doc, path, state, version, retry_failed)
        _record(out, decision, str(path), state)
    gone = [] if raw_dir.is_file() else _gone(known, seen, folder, found.unreadable)
    candidates = gone + _lost_elsewhere(known, seen, folder) if new else []
    moved_ids = _match_moves(out, new, candidates, version)
    out.gone = [k for k in gone if k.doc_id not in moved_ids]
    return out


def _stat(path: Path, rel: str) -> FileState:
    try:
        st = path.stat()
    except OSError:
        return FileState(rel, 0, 0.0)
    return FileState(rel, st.st_size, st.st_mtime)


def _unchanged(path: Path, state: FileState, size, mtime, sha256) -> bool | None:
    """Same file as the one remembered: True, False, or None when it cannot be told (gone)."""
    if size is None or state.size != size:
        return False
    if mtime == state.mtime:
        return True
    try:
        state.sha256 = state.sha256 or file_sha256(path)
    except OSError:
        return None
    return state.sha256 == sha256


def _decide(doc: KnownDocument, path: Path, state: FileState, version: str, retry: bool) -> str:
    """'read', 'skip', 'touch' (skip, remember the new mtime), 'failed' or 'removed' (skip)."""
    if doc.status == "removed":
        if doc.removed_by == "user" and _unchanged(path, state, doc.size, doc.mtime, doc.sha256):
            return "removed"
        return "read"
    if doc.code_version != version:
        return "read"
    if doc.status == "failed":
        tried = (doc.failed_size, doc.failed_mtime, doc.failed_sha256)
        return "failed" if not retry and _unchanged(path, state, *tried) else "read"
    if not _unchanged(path, state, doc.size, doc.mtime, doc.sha256):
        return "read"
    return "skip" if doc.mtime == state.mtime else "touch"


def _record(out: Plan, decision: str, path: str, state: FileState) -> None:
    if decision == "read":
        out.jobs.append((path, state))
    elif decision == "failed":
        out.skipped_failed.append(state.rel_path)
    elif decision == "removed":
        out.kept_removed.append(state.rel_path)
    else:
        out.skipped.append(state.rel_path)
        if decision == "touch":
            out.touched.append(state)


def _gone(known, seen: set[int], folder: str, unreadable) -> list[KnownDocument]:
    """Documents of the ingested folder whose file was not found (folders that could not be
    read are not judged: their files may well be there)."""
    blind = [os.path.join(folder, rel) for rel, _ in unreadable]
    return [
        k
        for k in known
        if k.status != "removed"
        and k.doc_id not in seen
        and k.path
        and is_under(k.path, folder)
        and not any(is_under(k.path, b) for b in blind)
    ]


def _lost_elsewhere(known, seen: set[int], folder: str) -> list[KnownDocument]:
    """Documents of other folders whose file no longer exists, or that are removed: a file
    moved from there is the same document."""
    return [
        k
        for k in known
        if k.doc_id not in seen
        and k.removed_by != "user"
        and k.sha256
        and (not k.path or not is_under(k.path, folder))
        and (k.status == "removed" or (k.path and not os.path.exists(k.path)))
    ]


def _match_moves(out: Plan, new, candidates: list[KnownDocument], version: str) -> set[int]:
    """New paths with the content of a document whose file is gone: that document, moved."""
    by_size: dict[int, list[KnownDocument]] = {}
    for k in candidates:
        if k.removed_by != "user" and k.sha256 and k.size is not None:
            by_size.setdefault(k.size, []).append(k)
    moved: set[int] = set()
    for path, state in new:
        pool = [k for k in by_size.get(state.size, []) if k.doc_id not in moved]
        doc = _same_content(Path(path), state, pool)
        if doc is None:
            out.jobs.append((path, state))
            continue
        moved.add(doc.doc_id)
        state.doc_id = doc.doc_id
        if doc.status == "ok" and doc.code_version == version:
            out.moved.append((doc, state))
        else:
            out.jobs.append((path, state))
    return moved


def _same_content(path: Path, state: FileState, pool: list[KnownDocument]):
    if not pool:
        return None
    try:
        state.sha256 = state.sha256 or file_sha256(path)
    except OSError:
        return None
    return next((k for k in pool if k.sha256 == state.sha256), None)
