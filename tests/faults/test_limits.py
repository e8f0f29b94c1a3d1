"""Oversized and malformed input: each file is refused (or read) within its limits, its reason
recorded, the others loaded; memory stays bounded whatever the file asks for."""

import pytest

from tests.faults.conftest import Pipeline, counts, query, record
from tests.fixtures.faults.make_files import (
    blank_scan_pdf,
    huge_page_pdf,
    report_docx,
    zip_bomb_docx,
)

pytestmark = pytest.mark.slow
LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP",
    "BÁO CÁO Kết quả công tác tiếp công dân quý III năm 2023",
    "Trong quý, Ban Tiếp công dân huyện đã tiếp 57 lượt công dân đến kiến nghị, phản ánh.",
]


def beside_a_good_report(tmp_path, make, name: str):
    raw = tmp_path / "raw"
    report_docx(raw / "a.docx", LINES)
    make(raw / name)
    alone = tmp_path / "alone"
    report_docx(alone / "a.docx", LINES)
    db = tmp_path / "alone.duckdb"
    assert Pipeline("ingest", str(alone), "--db", str(db)).finish().code == 0
    return raw, counts(db)


def refused(run, db, name: str, reason: str, good: tuple) -> None:
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    assert reason in run.out, run.out
    assert counts(db) == (good[0] + 1, good[1], good[2])
    assert query(db, f"SELECT status FROM v_documents WHERE file_name = '{name}'") == [("failed",)]


def test_a_zip_bomb_is_refused_in_seconds_and_little_memory(tmp_path):
    raw, good = beside_a_good_report(tmp_path, zip_bomb_docx, "bom.docx")
    size_mb = (raw / "bom.docx").stat().st_size / 2**20
    db = tmp_path / "w.duckdb"
    run = Pipeline("ingest", str(raw), "--db", str(db)).finish()
    refused(run, db, "bom.docx", "tệp giải nén ra 401 MB, vượt giới hạn 200 MB", good)
    assert run.seconds < 5 and run.peak_mb < 300 and run.total_mb < 300
    record(
        f"zip bomb ({size_mb:.1f} MB unpacking to 401 MB): refused in {run.seconds:.1f} s,"
        f" peak {run.peak_mb:.0f} MB in a process, {run.total_mb:.0f} MB for the whole run"
    )


def test_a_2000_page_blank_scan_is_refused_by_default_and_read_under_1_gb_when_allowed(
    tmp_path,
):
    raw, good = beside_a_good_report(
        tmp_path, lambda p: blank_scan_pdf(p, pages=2000), "trang_trang.pdf"
    )
    db = tmp_path / "w.duckdb"
    run = Pipeline("ingest", str(raw), "--db", str(db), memory_cap_mb=1024).finish()
    refused(run, db, "trang_trang.pdf", "tệp PDF có 2000 trang, vượt giới hạn 1000 trang", good)
    record(f"2,000-page blank scan: refused (page limit) in {run.seconds:.1f} s under a 1 GB cap")
    allowed = Pipeline(
        "ingest",
        str(raw),
        "--db",
        str(db),
        "--retry-failed",
        "--max-pages",
        "2000",
        memory_cap_mb=1024,
    ).finish()
    refused(allowed, db, "trang_trang.pdf", "tệp không có nội dung chữ để đọc", good)
    assert allowed.peak_mb < 1024 and allowed.total_mb < 1024
    record(
        f"2,000-page blank scan with --max-pages 2000: all pages rendered and read one by one in"
        f" {allowed.seconds:.0f} s under a 1 GB cap, peak {allowed.peak_mb:.0f} MB in a process,"
        f" {allowed.total_mb:.0f} MB for the whole run"
    )
    again = Pipeline("ingest", str(raw), "--db", str(db)).finish()
    assert again.code == 2 and "Không đọc lại 1 tệp đã lỗi" in again.out
    assert again.seconds < 10


def test_a_huge_page_is_refused_before_it_is_rendered(tmp_path):
    raw, good = beside_a_good_report(tmp_path, huge_page_pdf, "kho_lon.pdf")
    db = tmp_path / "w.duckdb"
    run = Pipeline("ingest", str(raw), "--db", str(db), memory_cap_mb=1024).finish()
    refused(run, db, "kho_lon.pdf", "trang 1 khổ quá lớn (14400 × 14400 pt", good)
    assert run.peak_mb < 300
    record(
        f"14,400-pt page: refused in {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB in a process"
    )
