"""The per-document stage as jobs a worker runs: the same function for the local pool and Dask.

A document job reads one file, extracts and checks it (pipeline.file_reading.process_file). A PDF
with scanned pages does not read them itself: its job answers with the pages it needs
(`PagesWanted`), each page is a job of its own that renders, reads and releases that one page
(`PageJob`, so the pages of one scan are read on every worker at once), and the document job
runs again with the pages' layouts. pipeline.schedule keeps that bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.readers import ScanPages
from model import UnreadableDocument
from warehouse.store import DocumentResult, FileState

if TYPE_CHECKING:  # the readers and finders are imported by the worker that runs a job (the
    from extractors.readers import ocr  # main process, which hands them out, never loads them)

PAGE_FAILED = "không đọc được trang {page} (OCR): {kind}: {text}"


@dataclass
class DocJob:
    path: str
    state: FileState
    page_layouts: dict | None = None  # {page: ocr.PageLayout} of its scanned pages, once read

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class PageJob:
    path: str
    rel_path: str
    page: int
    pages: int  # how many pages of the document are read by OCR

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class PagesWanted:
    """A document job's answer when its PDF has pages to read by OCR first."""

    pages: list[int]


@dataclass
class PageFailed:
    """A page that could not be read (the document fails with this reason)."""

    reason: str


def run_job(job: DocJob | PageJob) -> DocumentResult | PagesWanted | ocr.PageLayout | PageFailed:
    """What a worker does with a job; never raises."""
    if isinstance(job, PageJob):
        return read_page(job)
    from pipeline.file_reading import process_file

    try:
        return process_file(
            Path(job.path), job.state, job.page_layouts, defer_ocr=job.page_layouts is None
        )
    except ScanPages as wanted:
        return PagesWanted(wanted.pages)


def read_page(job: PageJob) -> ocr.PageLayout | PageFailed:
    from extractors.readers import ocr

    try:
        return ocr.ocr_page(Path(job.path), job.page)
    except UnreadableDocument as exc:
        return PageFailed(str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad page fails its document, never the run
        text = " ".join(str(exc).split())[:300]
        return PageFailed(PAGE_FAILED.format(page=job.page, kind=type(exc).__name__, text=text))


def describe(jobs: list) -> str:
    """What the workers are reading, for the progress bar: `a.pdf, b_scan.pdf tr. 3, 4/12`."""
    pages: dict[str, list] = {}
    for job in jobs:
        if isinstance(job, PageJob):
            pages.setdefault(job.name, [job.pages]).append(job.page)
        elif job is not None:
            pages.setdefault(job.name, [])
    parts = []
    for name, found in pages.items():
        if found:
            of, *numbers = found
            parts.append(f"{name} tr. {', '.join(str(n) for n in sorted(numbers))}/{of}")
        else:
            parts.append(name)
    return ", ".join(parts)
