"""Word 97-2003 (.doc) files: converted to .docx by LibreOffice headless, then read as DOCX."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from extractors.readers.docx import read_docx
from model import Document, UnreadableDocument

INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
TIMEOUT_S = 180


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path) -> Document:

    if zipfile.is_zipfile(path):
        doc = read_docx(path)  # a .docx sent with the old extension
        doc.file_type = "docx"
        return doc
    soffice = _soffice()
    if soffice is None:
        raise UnreadableDocument(
            f"tệp Word cũ (.doc) cần LibreOffice để đọc: chạy `{INSTALL_HINT}`"
        )
    with tempfile.TemporaryDirectory(prefix="doc2docx-") as tmp:
        source = Path(tmp) / "input.doc"
        shutil.copyfile(path, source)  # a private copy: odd file names and concurrent runs are safe
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableDocument("chuyển đổi tệp .doc quá thời gian cho phép") from exc
        converted = Path(tmp) / "input.docx"
        if not converted.exists():
            raise UnreadableDocument("tệp .doc bị hỏng hoặc LibreOffice không chuyển đổi được")
        doc = read_docx(converted)
    doc.path = path
    doc.file_type = "doc"
    return doc
