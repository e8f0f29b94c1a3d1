"""A warehouse to trust: foreign files refused before writing, damage found at open, the
backup kept before writing and put back by restore, read-only opens that never write."""

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipeline.cli import main
from pipeline.ingest import ingest
from tests.test_ingest import GOOD_TEXT, fake_extractors, rows, write_docx  # noqa: F401
from warehouse import guard
from warehouse.store import WarehouseCorrupt, WarehouseUnusable, open_warehouse

ROOT = Path(__file__).resolve().parent.parent

# Extractors replaced by the figures these tests write (read in this process).
pytestmark = pytest.mark.usefixtures("fake_extractors")


def loaded(tmp_path, *names: str) -> tuple[Path, Path]:
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    for i, name in enumerate(names):
        write_docx(raw / name, GOOD_TEXT[:2] + [f"Đã tiếp {10 + i} lượt công dân."])
    ingest(raw, str(db), workers=1)
    return raw, db


def truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def test_a_foreign_duckdb_file_is_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "ban_hang.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(WarehouseUnusable, match="không phải kho dữ liệu báo cáo"):
        open_warehouse(str(db), backup=True)
    assert rows(db, "SELECT table_name FROM duckdb_tables()") == [("sales",)]
    assert not guard.backup_path(db).exists()


def test_a_truncated_warehouse_is_refused_with_how_to_restore_it(tmp_path):
    raw, db = loaded(tmp_path, "a.docx")
    write_docx(raw / "b.docx")
    ingest(raw, str(db), workers=1)  # keeps the one-document warehouse as the backup
    truncate(db)
    damaged = db.read_bytes()
    with pytest.raises(WarehouseCorrupt, match="restore"):
        open_warehouse(str(db), backup=True)
    with pytest.raises(WarehouseCorrupt, match="bị hỏng"):
        open_warehouse(str(db), read_only=True)
    assert db.read_bytes() == damaged


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(tmp_path, capsys):
    raw, db = loaded(tmp_path, "a.docx")
    write_docx(raw / "b.docx")
    ingest(raw, str(db), workers=1)
    truncate(db)
    assert main(["restore", "--db", str(db)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert rows(db, "SELECT file_name FROM v_documents") == [("a.docx",)]
    assert Path(f"{db}.before-restore").exists()
    assert ingest(raw, str(db), workers=1).loaded == ["b.docx"]


def test_restore_without_a_backup_says_so(tmp_path, capsys):
    assert main(["restore", "--db", str(tmp_path / "w.duckdb")]) == 1
    assert "sao lưu" in capsys.readouterr().err


def test_the_backup_is_copied_only_when_the_warehouse_changed(tmp_path):
    raw, db = loaded(tmp_path, "a.docx")
    assert not guard.backup_path(db).exists()  # nothing to keep before the first ingest
    ingest(raw, str(db), workers=1)
    first = guard.backup_path(db).stat().st_mtime_ns
    ingest(raw, str(db), workers=1)
    assert guard.backup_path(db).stat().st_mtime_ns == first
    write_docx(raw / "b.docx")
    ingest(raw, str(db), workers=1)
    ingest(raw, str(db), workers=1)
    assert guard.backup_path(db).stat().st_mtime_ns != first


def test_reading_commands_never_write_to_the_warehouse(tmp_path):
    _, db = loaded(tmp_path, "a.docx")
    before = db.read_bytes()
    assert main(["flags", "--db", str(db)]) == 0
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "out")]) == 0
    assert db.read_bytes() == before and not Path(f"{db}.wal").exists()


def test_reading_works_beside_another_reader(tmp_path):
    _, db = loaded(tmp_path, "a.docx")
    other = duckdb.connect(str(db), read_only=True)
    try:
        assert main(["flags", "--db", str(db)]) == 0
    finally:
        other.close()


def test_a_writer_holding_the_lock_is_named_with_its_pid_and_start_time(tmp_path, capsys):
    _, db = loaded(tmp_path, "a.docx")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
            " print('ready', flush=True); sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert main(["flags", "--db", str(db)]) == 1
        err = capsys.readouterr().err
        assert f"PID {holder.pid}, chạy từ " in err and "Traceback" not in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
