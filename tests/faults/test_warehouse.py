"""A warehouse to trust: a truncated file is refused with how to restore it and restored from
the backup; someone else's DuckDB file gets nothing written; the reading commands work beside
a reader and name the writer that holds the lock."""

import signal

import duckdb
import pytest

from tests.faults.conftest import Pipeline, counts, query, record
from tests.fixtures.faults.make_files import report_docx, scanned_pdf

pytestmark = pytest.mark.slow


def report(path, n: int):
    return report_docx(
        path,
        [
            "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP",
            "BÁO CÁO Kết quả công tác tiếp công dân quý III năm 2023",
            f"Trong quý, Ban Tiếp công dân huyện đã tiếp {n} lượt công dân.",
        ],
    )


def test_a_truncated_warehouse_is_refused_and_restored_from_the_backup(corpus30, tmp_path):
    db = tmp_path / "w.duckdb"
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in sorted(corpus30.glob("*.*"))[:6]:
        (raw / p.name).write_bytes(p.read_bytes())
    assert Pipeline("ingest", str(raw), "--db", str(db)).finish().code == 0
    first = counts(db)
    report(raw / "them.docx", 57)
    assert Pipeline("ingest", str(raw), "--db", str(db)).finish().code == 0  # backup: first
    second = counts(db)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    damaged = db.read_bytes()
    for args in (("ingest", str(raw)), ("report", "--out", str(tmp_path / "out")), ("flags",)):
        run = Pipeline(*args, "--db", str(db)).finish()
        assert run.code == 1, (args, run.out, run.err)
        assert "bị hỏng" in run.err and f"python -m pipeline restore --db {db}" in run.err
        assert "Traceback" not in run.err
    assert db.read_bytes() == damaged
    restore = Pipeline("restore", "--db", str(db)).finish()
    assert restore.code == 0 and "Đã khôi phục" in restore.out
    assert counts(db) == first
    assert Pipeline("ingest", str(raw), "--db", str(db)).finish().code == 0
    assert counts(db) == second
    record(
        f"truncated warehouse: ingest, report and flags refused (exit 1, how to restore);"
        f" restore gave back the backup {first}, the next ingest {second}"
    )


def test_someone_elses_duckdb_file_gets_nothing_written(tmp_path):
    db = tmp_path / "ban_hang.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO sales VALUES (1, 9.5)")
    con.close()
    before = db.read_bytes()
    report(tmp_path / "raw" / "a.docx", 57)
    run = Pipeline("ingest", str(tmp_path / "raw"), "--db", str(db)).finish()
    assert run.code == 1 and "không phải kho dữ liệu báo cáo" in run.err
    assert db.read_bytes() == before and not (tmp_path / "ban_hang.duckdb.bak").exists()
    assert query(db, "SELECT table_name FROM duckdb_tables()") == [("sales",)]
    record("foreign DuckDB file: refused with exit 1, not a byte written")


def test_reading_beside_a_writer_names_it_and_beside_a_reader_works(tmp_path):
    db = tmp_path / "w.duckdb"
    report(tmp_path / "raw" / "a.docx", 57)
    assert Pipeline("ingest", str(tmp_path / "raw"), "--db", str(db)).finish().code == 0
    reader = duckdb.connect(str(db), read_only=True)  # a BI tool reading
    try:
        assert Pipeline("flags", "--db", str(db)).finish().code == 0
        out = tmp_path / "out"
        assert Pipeline("report", "--db", str(db), "--out", str(out)).finish().code == 0
    finally:
        reader.close()
    scanned_pdf(tmp_path / "raw" / "b_scan.pdf", pages=6)
    writer = Pipeline("ingest", str(tmp_path / "raw"), "--db", str(db))
    writer.wait_for("tesseract")
    blocked = Pipeline("flags", "--db", str(db)).finish()
    writer.signal(signal.SIGINT, group=True)
    writer.finish(timeout=30)
    assert blocked.code == 1 and "Traceback" not in blocked.err
    assert f"PID {writer.proc.pid}, chạy từ " in blocked.err, blocked.err
    record(f"lock held by an ingest: flags says '{blocked.err.strip()[:160]}...'")
