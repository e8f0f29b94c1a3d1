"""The request read_pdf(defer_ocr=True) makes when pages have no text layer, in a module of its
own: what hands files to the readers catches it without importing them."""

from __future__ import annotations


class ScanPages(Exception):  # noqa: N818 - a request, not an error
    """read_pdf(defer_ocr=True) met pages with no text layer: the caller reads them by OCR
    (ocr.ocr_page, one page per worker) and reads the PDF again with their layouts."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__(f"{len(pages)} trang cần OCR")
        self.pages = pages
