"""Pick the reader for a file by its type and return one Document.

The readers (pdfium, pdfplumber, python-docx) are imported when the first file is read: the
ingest's main process, which plans and writes, never reads one (its workers' forkserver
imports them ahead: pipeline.workers.PRELOAD)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.readers.scan_pages import ScanPages
from model import Document, UnreadableDocument


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")


__all__ = ["SUPPORTED_SUFFIXES", "ScanPages", "file_sha256", "read_document"]


def read_document(
    path: Path, page_layouts: dict | None = None, defer_ocr: bool = False
) -> Document:
    """Read a PDF, DOCX or legacy DOC into the document model, or raise UnreadableDocument.

    A PDF's scanned pages are read by OCR here, unless their layouts are given
    ({page: ocr.PageLayout}) or defer_ocr asks for ScanPages (their numbers) instead."""
    from extractors.readers.doc import read_doc
    from extractors.readers.docx import read_docx
    from extractors.readers.pdf import read_pdf

    suffix = path.suffix.lower()
    reader = {".pdf": read_pdf, ".docx": read_docx, ".doc": read_doc}.get(suffix)
    if reader is None:
        raise UnreadableDocument(
            f"định dạng tệp không được hỗ trợ ({suffix or 'không có phần mở rộng'})"
        )
    doc = read_pdf(path, page_layouts, defer_ocr) if reader is read_pdf else reader(path)
    doc.reindex()
    return doc
