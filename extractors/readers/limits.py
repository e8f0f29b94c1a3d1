"""Limits a file must keep before it is parsed, each with its reason (catalog/settings.toml
[limits]; every value can be changed for one run on the command line).

  - a .docx is a zip package: its unpacked size and entry count are read from the zip
    directory before any part is parsed (zipfile never inflates an entry past its stated
    size, so a lying directory cannot get round this);
  - a PDF: its page count and the size of every page, in points, from the page tree alone;
  - a scanned page: the pixels it takes once rendered for OCR, checked before rendering.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import catalog
from model import UnreadableDocument


def limit(name: str):
    """One limit of this run (settings.toml [limits], or its command-line override)."""
    return catalog.setting("limits", name)


def option(name: str) -> str:
    """The command-line option that changes a limit (`max_pages` -> `--max-pages`)."""
    return "--" + name.replace("_", "-")


def check_zip(path: Path) -> None:
    """Refuse a zip package (.docx) that unpacks to too much or holds too many entries."""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the reader says so in its own words
    most = limit("max_zip_entries")
    if len(infos) > most:
        raise UnreadableDocument(
            f"tệp nén có {len(infos)} mục, vượt giới hạn {most} mục ({option('max_zip_entries')});"
            " tệp có thể là bom nén (zip bomb), không đọc"
        )
    unpacked_mb = sum(i.file_size for i in infos) / 2**20
    most = limit("max_unpacked_mb")
    if unpacked_mb > most:
        raise UnreadableDocument(
            f"tệp giải nén ra {unpacked_mb:.0f} MB, vượt giới hạn {most} MB"
            f" ({option('max_unpacked_mb')}); tệp có thể là bom nén (zip bomb), không đọc"
        )


def check_pdf(pdf) -> None:
    """Refuse a PDF (an open pypdfium2 document) with too many pages or a page too large."""
    pages = len(pdf)
    most = limit("max_pages")
    if pages > most:
        raise UnreadableDocument(
            f"tệp PDF có {pages} trang, vượt giới hạn {most} trang ({option('max_pages')});"
            " hãy tách tệp hoặc nâng giới hạn"
        )
    most = limit("max_page_points")
    for index in range(pages):
        width, height = pdf.get_page_size(index)
        if max(width, height) > most:
            raise UnreadableDocument(
                f"trang {index + 1} khổ quá lớn ({width:.0f} × {height:.0f} pt, giới hạn {most} pt"
                f" mỗi cạnh, {option('max_page_points')})"
            )


def check_render(page_no: int, width_pt: float, height_pt: float, dpi: int) -> None:
    """Refuse to render a scanned page that would take too many pixels."""
    megapixels = (width_pt * dpi / 72) * (height_pt * dpi / 72) / 1e6
    most = limit("max_render_megapixels")
    if megapixels > most:
        raise UnreadableDocument(
            f"trang {page_no} là ảnh quét cần {megapixels:.0f} triệu điểm ảnh khi dựng ở {dpi} dpi,"
            f" vượt giới hạn {most} triệu ({option('max_render_megapixels')})"
        )
