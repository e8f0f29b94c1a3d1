"""Pick the reader for a file by its type and return one Document."""
from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.model import Document


class UnreadableDocument(Exception):
    """A file that cannot be read; the message is one Vietnamese line naming the cause."""


SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _reader_for(suffix: str):
    if suffix == ".pdf":
        from extractors.pdf_reader import read_pdf

        return read_pdf
    if suffix == ".docx":
        from extractors.docx_reader import read_docx

        return read_docx
    if suffix == ".doc":
        from extractors.doc_reader import read_doc

        return read_doc
    return None


def read_document(path: Path) -> Document:
    """Read a PDF, DOCX or legacy DOC into the document model, or raise UnreadableDocument."""
    suffix = path.suffix.lower()
    reader = _reader_for(suffix)
    if reader is None:
        raise UnreadableDocument(f"định dạng tệp không được hỗ trợ ({suffix or 'không có phần mở rộng'})")
    doc = reader(path)
    doc.reindex()
    return doc
