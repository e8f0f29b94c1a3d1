"""Stops that stop: Ctrl-C (to the whole process group, as a terminal sends it) or SIGTERM
(to the main process, as `kill` does) while a worker reads a slow file — OCR of a scan, or
LibreOffice converting a .doc. The run exits 130 within 2 s with a summary of what was
loaded and what was not, no traceback, and no worker, tesseract or soffice left running; the
document in progress is not in the warehouse. A second signal exits at once."""

import signal
import time

import pytest

from tests.faults.conftest import Pipeline, alive, counts, query, record
from tests.fixtures.faults.make_files import legacy_doc, report_docx, scanned_pdf

pytestmark = pytest.mark.slow
LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP",
    "BÁO CÁO Kết quả công tác tiếp công dân quý III năm 2023",
    "Trong quý, Ban Tiếp công dân huyện đã tiếp 57 lượt công dân đến kiến nghị, phản ánh.",
]


@pytest.fixture(scope="module")
def slow_folders(tmp_path_factory):
    """a.docx (fast) beside a 12-page scan, and beside a .doc; each alone for its counts."""
    root = tmp_path_factory.mktemp("slow")
    report_docx(root / "scan" / "a.docx", LINES)
    scanned_pdf(root / "scan" / "b_scan.pdf", pages=12)
    report_docx(root / "doc" / "a.docx", LINES)
    legacy_doc(root / "doc" / "b_cu.doc", LINES)
    report_docx(root / "alone" / "a.docx", LINES)
    return root


@pytest.fixture(scope="module")
def a_alone(slow_folders, tmp_path_factory):
    db = tmp_path_factory.mktemp("alone") / "w.duckdb"
    run = Pipeline("ingest", str(slow_folders / "alone"), "--db", str(db)).finish()
    assert run.code == 0, run.err
    return counts(db)


def gone_in(run, family: dict[int, str]) -> float:
    """Seconds from the signal until every process of the run had ended (at most 2 s)."""
    deadline = run.signalled + 2
    while any(alive(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.01)
    left = {pid: name for pid, name in family.items() if alive(pid)}
    assert left == {}, left
    return time.monotonic() - run.signalled


def stopped(pipeline: Pipeline, result, family: dict[int, str], label: str) -> None:
    assert result.code == 130, (result.code, result.err)
    assert result.stop_seconds < 2, result.stop_seconds
    assert "Traceback" not in result.err and "Đã dừng" in result.err
    everything = gone_in(pipeline, family)
    record(
        f"{label}: exit 130 in {result.stop_seconds:.2f} s, every worker and child gone in"
        f" {everything:.2f} s, no traceback"
    )


@pytest.mark.parametrize(
    "folder, child, sig, group",
    [
        ("scan", "tesseract", signal.SIGINT, True),
        ("scan", "tesseract", signal.SIGTERM, False),
        ("doc", "soffice", signal.SIGINT, True),
        ("doc", "soffice", signal.SIGTERM, False),
    ],
)
def test_a_signal_stops_the_run_at_once_and_keeps_what_was_loaded(
    slow_folders, a_alone, tmp_path, folder, child, sig, group
):
    db = tmp_path / "w.duckdb"
    run = Pipeline("ingest", str(slow_folders / folder), "--db", str(db), "--workers", "1")
    family = run.wait_for(child)  # a.docx, read first, is loaded by then
    time.sleep(0.5)
    run.signal(sig, group=group)
    result = run.finish(timeout=30)
    stopped(run, result, {**family, **run.seen}, f"{signal.Signals(sig).name} during {child}")
    assert "ĐÃ DỪNG: 1 tệp chưa được nạp" in result.out
    assert counts(db) == a_alone
    assert query(db, "SELECT file_name FROM v_documents") == [("a.docx",)]


def test_a_second_signal_exits_at_once_without_a_traceback(slow_folders, tmp_path):
    db = tmp_path / "w.duckdb"
    run = Pipeline("ingest", str(slow_folders / "scan"), "--db", str(db), "--workers", "2")
    family = run.wait_for("tesseract")
    run.signal(signal.SIGINT, group=True)
    run.signal(signal.SIGINT, group=True)
    result = run.finish(timeout=30)
    assert result.code == 130 and "Traceback" not in result.err
    assert result.stop_seconds < 2
    everything = gone_in(run, {**family, **run.seen})
    assert counts(db)[0] <= 1  # the warehouse opens; at most a.docx, whole
    record(
        f"second Ctrl-C: exit 130 in {result.stop_seconds:.2f} s, everything gone in"
        f" {everything:.2f} s, no traceback"
    )


def test_a_document_past_its_time_is_killed_and_recorded_failed(slow_folders, a_alone, tmp_path):
    db = tmp_path / "w.duckdb"
    run = Pipeline(
        "ingest", str(slow_folders / "scan"), "--db", str(db), "--seconds-per-document", "3"
    )
    result = run.finish(timeout=60)
    assert result.code == 2, result.err
    assert "LỖI b_scan.pdf: quá thời gian xử lý (3 s, --seconds-per-document)" in result.out
    time.sleep(1)
    assert not [pid for pid in run.seen if alive(pid)]
    assert counts(db) == (a_alone[0] + 1, a_alone[1], a_alone[2])
    assert query(db, "SELECT status FROM v_documents WHERE file_name = 'b_scan.pdf'") == [
        ("failed",)
    ]
    record(f"wall-clock limit: 12-page scan killed at 3 s, run done in {result.seconds:.1f} s")
