"""Reading one file: checks before opening it, the reader, the finders and the document's own
checks, every failure a result with a Vietnamese reason (run by the workers, pipeline.jobs)."""

from __future__ import annotations

import zipfile
from pathlib import Path

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
from warehouse.checks import check_document
from warehouse.store import DocumentResult, FileState


def process_file(
    path: Path, state: FileState, page_layouts: dict | None = None, defer_ocr: bool = False
) -> DocumentResult:
    """Read one file and extract everything from it; never raises (failures become results),
    except ScanPages when defer_ocr asks for a scan's pages to be read apart (pipeline.jobs)."""
    result = DocumentResult(state=state, file_name=path.name)
    problem = precheck(path, state)
    if problem:
        return failed(result, problem)
    try:
        doc = read_document(path, page_layouts, defer_ocr)
    except ScanPages:
        raise
    except UnreadableDocument as exc:
        return failed(result, one_line(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
        return failed(result, read_failure_reason(path, exc))
    if not any(b.text.strip() for b in doc.blocks):
        return failed(result, "tệp không có nội dung chữ để đọc")

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
            return failed(result, f"{label}: {type(exc).__name__}: {one_line(exc)}")
    result.pages, result.file_type = doc.pages, doc.file_type
    result.warnings = [one_line(w) for w in (doc.warnings or [])]
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
    return f"không đọc được tệp: {type(exc).__name__}: {one_line(exc)}"


def failed(result: DocumentResult, reason: str) -> DocumentResult:
    result.status, result.error = "failed", reason
    result.facts, result.flags, result.refs = [], [], []
    return result


def one_line(exc) -> str:
    text = " ".join(str(exc).split())
    return text[:300]


# --------------------------------------------------------------------------- the run
