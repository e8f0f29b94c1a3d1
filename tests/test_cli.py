"""`python -m pipeline`: exit codes, messages without tracebacks, the busy-warehouse refusal."""

import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.cli as cli
from pipeline import commands
from pipeline.cli import main
from tests.test_ingest import GOOD_TEXT, fake_extractors, write_docx  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def test_an_unknown_subcommand_is_a_usage_error(capsys):
    assert main(["frobnicate"]) == 1


def test_zero_workers_is_a_usage_error(tmp_path, capsys):
    assert (
        main(["ingest", str(tmp_path), "--db", str(tmp_path / "w.duckdb"), "--workers", "0"]) == 1
    )
    assert "--workers" in capsys.readouterr().err


def test_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "khong_co"), "--db", str(tmp_path / "w.duckdb")]) == 1
    assert "không tìm thấy" in capsys.readouterr().err


def test_a_directory_as_db_is_refused_without_traceback(tmp_path, capsys):
    assert main(["ingest", str(tmp_path), "--db", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "thư mục" in err and "Traceback" not in err


def test_a_file_that_is_not_a_warehouse_is_refused_without_traceback(tmp_path, capsys):
    bogus = tmp_path / "w.duckdb"
    bogus.write_text("không phải DuckDB\n" * 50, encoding="utf-8")
    (tmp_path / "raw").mkdir()
    assert main(["ingest", str(tmp_path / "raw"), "--db", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert "không mở được kho dữ liệu" in err and "Traceback" not in err


def test_flags_without_a_warehouse_says_to_ingest_first(tmp_path, capsys):
    assert main(["flags", "--db", str(tmp_path / "w.duckdb")]) == 1
    assert "ingest" in capsys.readouterr().err
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.usefixtures("fake_extractors")
def test_some_failed_files_exit_2_and_the_summary_names_them(tmp_path, capsys):
    raw = tmp_path / "raw"
    write_docx(raw / "tot.docx")
    (raw / "hong.docx").write_bytes(b"")
    assert main(["ingest", str(raw), "--db", str(tmp_path / "w.duckdb"), "--workers", "1"]) == 2
    out = capsys.readouterr().out
    assert "Đã nạp: 1 tệp" in out and "hong.docx: tệp rỗng" in out
    assert main(["ingest", str(raw), "--db", str(tmp_path / "w.duckdb"), "--workers", "1"]) == 2
    assert "bỏ qua (không thay đổi): 1 tệp" in capsys.readouterr().out


@pytest.mark.usefixtures("fake_extractors")
def test_all_good_files_exit_0_and_flags_prints_a_table(tmp_path, capsys, monkeypatch):
    import pipeline.file_reading
    from model import Flag

    monkeypatch.setattr(
        pipeline.file_reading,
        "check_document",
        lambda meta, facts, refs: [
            Flag(
                "rate_mismatch",
                "error",
                "petitions.resolution_rate",
                "Tỷ lệ ghi 90% nhưng 45/60 = 75%.",
            )
        ],
    )
    raw = tmp_path / "raw"
    write_docx(raw / "tot.docx")
    db = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(raw), "--db", db, "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["flags", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "tot.docx" in out and "rate_mismatch" in out and "45/60 = 75%" in out


@pytest.mark.usefixtures("fake_extractors")
def test_the_default_folder_falls_back_to_the_samples_when_empty(tmp_path, capsys, monkeypatch):
    samples = tmp_path / "samples"
    write_docx(samples / "mau.docx")
    monkeypatch.setattr(commands, "DEFAULT_RAW", tmp_path / "raw")
    monkeypatch.setattr(commands, "SAMPLES", samples)
    monkeypatch.setattr(commands, "ROOT", tmp_path)
    assert main(["ingest", "--db", str(tmp_path / "w.duckdb"), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "samples" in out and "Đã nạp: 1 tệp" in out


def test_debug_may_come_before_or_after_the_subcommand():
    parser = cli.build_parser()
    assert parser.parse_args(["--debug", "flags"]).debug is True
    assert parser.parse_args(["flags", "--debug"]).debug is True
    assert parser.parse_args(["flags"]).debug is False


def test_a_warehouse_held_by_another_process_is_refused_with_the_busy_message(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        (tmp_path / "raw").mkdir()
        assert main(["ingest", str(tmp_path / "raw"), "--db", str(db), "--workers", "1"]) == 1
        err = capsys.readouterr().err
        assert "đang được một tiến trình khác mở" in err and "Traceback" not in err
        assert f"PID {holder.pid}, chạy từ " in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)


def test_python_dash_m_pipeline_runs_and_reports_usage_errors_with_exit_1(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "ingest",
            str(tmp_path / "nowhere"),
            "--db",
            str(tmp_path / "w.duckdb"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
