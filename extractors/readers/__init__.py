"""Pick the reader for a file by its type and return one Document."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.readers.doc import read_doc
from extractors.readers.docx import read_docx
from extractors.readers.pdf import ScanPages, read_pdf
from model import Document, UnreadableDocument


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")

READERS = {".pdf": read_pdf, ".docx": read_docx, ".doc": read_doc}


__all__ = ["SUPPORTED_SUFFIXES", "ScanPages", "file_sha256", "read_document"]


def read_document(
    path: Path, page_layouts: dict | None = None, defer_ocr: bool = False
) -> Document:
    """Read a PDF, DOCX or legacy DOC into the document model, or raise UnreadableDocument.

    A PDF's scanned pages are read by OCR here, unless their layouts are given
    ({page: ocr.PageLayout}) or defer_ocr asks for ScanPages (their numbers) instead."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnreadableDocument(
            f"định dạng tệp không được hỗ trợ ({suffix or 'không có phần mở rộng'})"
        )
    doc = read_pdf(path, page_layouts, defer_ocr) if reader is read_pdf else reader(path)
    doc.reindex()
    return doc
