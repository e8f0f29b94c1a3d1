"""Limits with reasons: a file past a limit is refused before it is parsed, with the limit and
the option that changes it; the command line changes a limit for one run, workers included."""

import zipfile
from pathlib import Path

import pytest

import catalog
from extractors.readers import limits, read_document
from model import UnreadableDocument
from pipeline.cli import main
from pipeline.ingest import ingest
from tests.fixtures.faults.make_files import huge_page_pdf, report_docx, text_pages_pdf


def padded_docx(path: Path, extra_mb: int = 2, entries: int = 0) -> Path:
    """A readable .docx carrying extra_mb MB of padding (and `entries` empty parts)."""
    seed = report_docx(path.with_suffix(".seed.docx"), ["Báo cáo"])
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("customXml/padding.xml", b" " * (extra_mb * 2**20))
        for i in range(entries):
            out.writestr(f"customXml/pad{i}.xml", b"")
    seed.unlink()
    return path


def test_a_docx_unpacking_past_the_limit_is_refused_before_parsing(tmp_path):
    path = padded_docx(tmp_path / "bom.docx", extra_mb=2)
    with catalog.settings_overridden("limits", {"max_unpacked_mb": 1}):
        with pytest.raises(
            UnreadableDocument,
            match=r"giải nén ra \d+ MB, vượt giới hạn 1 MB \(--max-unpacked-mb\)",
        ):
            read_document(path)
    assert read_document(path).blocks  # within the default limit it reads


def test_a_docx_with_too_many_entries_is_refused(tmp_path):
    path = padded_docx(tmp_path / "nhieu.docx", extra_mb=0, entries=30)
    with catalog.settings_overridden("limits", {"max_zip_entries": 20}):
        with pytest.raises(UnreadableDocument, match="--max-zip-entries"):
            read_document(path)


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    path = text_pages_pdf(tmp_path / "dai.pdf", pages=3, lines=2)
    with catalog.settings_overridden("limits", {"max_pages": 2}):
        with pytest.raises(UnreadableDocument, match="có 3 trang, vượt giới hạn 2 trang"):
            read_document(path)


def test_a_page_larger_than_the_limit_in_points_is_refused(tmp_path):
    path = huge_page_pdf(tmp_path / "to.pdf", points=6000)
    with pytest.raises(UnreadableDocument, match=r"trang 1 khổ quá lớn \(6000 × 6000 pt"):
        read_document(path)


def test_a_scanned_page_is_not_rendered_past_the_pixel_limit():
    limits.check_render(1, 595, 842, 200)  # A4: 3.9 million pixels
    with pytest.raises(UnreadableDocument, match="--max-render-megapixels"):
        limits.check_render(2, 2384, 3370, 200)  # A0: 62 million


def test_a_limit_given_for_the_run_reaches_the_worker_processes(tmp_path):
    text_pages_pdf(tmp_path / "raw" / "dai.pdf", pages=3, lines=2)
    summary = ingest(tmp_path / "raw", str(tmp_path / "w.duckdb"), limit_values={"max_pages": 2})
    assert "vượt giới hạn 2 trang" in dict(summary.failed)["dai.pdf"]
    assert catalog.setting("limits", "max_pages") == 1000  # the run's value did not stay


def test_a_limit_must_be_positive(tmp_path, capsys):
    assert main(["ingest", str(tmp_path), "--db", str(tmp_path / "w.duckdb"), "--max-pages", "0"])
    assert "--max-pages" in capsys.readouterr().err
