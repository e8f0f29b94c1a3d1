"""A scan's pages are jobs of their own: the document job asks for its pages, each page is read
by whichever worker is free (before any other document), and the document is read again with
the pages' layouts; a page that cannot be read fails its document and drops its other pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import ocr
from pipeline.executors import InProcess
from pipeline.jobs import DocJob, PageFailed, PageJob, PagesWanted, describe
from pipeline.schedule import UNREADABLE, documents
from warehouse.store import DocumentResult, FileState

FONT = Path(__file__).resolve().parent.parent / "tools" / "fonts" / "DejaVuSerif.ttf"


def _job(name: str) -> DocJob:
    return DocJob(f"/raw/{name}", FileState(name, 1, 0.0))


def _fake_work(bad_page: int | None = None):
    """scan.pdf has pages 1-3 to read by OCR; other files are read at once."""
    seen: list = []

    def work(job):
        seen.append(job)
        if isinstance(job, PageJob):
            return PageFailed("trang hỏng") if job.page == bad_page else f"layout {job.page}"
        if job.name == "scan.pdf" and job.page_layouts is None:
            return PagesWanted([1, 2, 3])
        return DocumentResult(job.state, job.name, pages=len(job.page_layouts or {}) or None)

    return work, seen


def test_a_scans_pages_are_read_before_other_documents_then_the_scan_again_with_them():
    work, seen = _fake_work()
    outcomes = list(documents(InProcess(work), [_job("scan.pdf"), _job("a.docx")], 60))
    assert [o.job.name for o in outcomes] == ["scan.pdf", "a.docx"]
    scan = outcomes[0]
    assert scan.failure is None and scan.result.pages == 3
    assert scan.job.page_layouts == {1: "layout 1", 2: "layout 2", 3: "layout 3"}
    kinds = [(type(j).__name__, getattr(j, "page", None)) for j in seen]
    assert kinds == [
        ("DocJob", None),
        ("PageJob", 1),
        ("PageJob", 2),
        ("PageJob", 3),
        ("DocJob", None),
        ("DocJob", None),
    ]


def test_a_page_that_cannot_be_read_fails_its_document_and_drops_its_other_pages():
    work, seen = _fake_work(bad_page=1)
    outcomes = list(documents(InProcess(work), [_job("scan.pdf"), _job("a.docx")], 60))
    failed = next(o for o in outcomes if o.job.name == "scan.pdf")
    assert failed.failure == UNREADABLE and failed.result == "trang hỏng"
    assert [getattr(j, "page", None) for j in seen if isinstance(j, PageJob)] == [1]
    assert [o.job.name for o in outcomes] == ["scan.pdf", "a.docx"]


def test_the_progress_names_the_files_and_pages_being_read():
    jobs = [
        PageJob("/raw/b_scan.pdf", "b_scan.pdf", 4, 12),
        _job("a.docx"),
        PageJob("/raw/b_scan.pdf", "b_scan.pdf", 3, 12),
    ]
    assert describe(jobs) == "b_scan.pdf tr. 3, 4/12, a.docx"


@pytest.mark.skipif(not ocr.tesseract_ready(), reason="Tesseract with Vietnamese is not installed")
def test_a_scanned_pdf_is_read_page_by_page_across_the_workers(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    from pipeline.ingest import ingest

    font = ImageFont.truetype(str(FONT), 40)
    pages = []
    for text in ("Ban Tiếp công dân huyện đã tiếp 245 lượt", "tiếp nhận 182 đơn khiếu nại."):
        image = Image.new("L", (1654, 1169), 255)
        ImageDraw.Draw(image).text((160, 200), text, font=font, fill=0)
        pages.append(image)
    raw = tmp_path / "raw"
    raw.mkdir()
    pages[0].save(raw / "quet.pdf", "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    summary = ingest(raw, str(tmp_path / "w.duckdb"), workers=2, units_csv=None)
    assert summary.loaded == ["quet.pdf"] and summary.failed == []

    import duckdb

    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    row = con.execute("SELECT file_type, pages FROM v_documents").fetchone()
    values = {v for (v,) in con.execute("SELECT value FROM v_facts").fetchall()}
    con.close()
    assert row == ("pdf-ocr", 2)
    assert {245.0, 182.0} <= values
