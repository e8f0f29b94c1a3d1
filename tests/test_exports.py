"""The workbook, the review page and the files for other tools, written from the contract views."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from warehouse.exports import write_reports

FIXTURE = Path(__file__).parent / "fixtures" / "exports" / "mini_warehouse.sql"


@pytest.fixture()
def outputs(tmp_path: Path) -> dict[str, Path]:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(FIXTURE.read_text(encoding="utf-8"))
    paths = write_reports(con, tmp_path / "out")
    con.close()
    return {p.name: p for p in paths}


def test_report_writes_the_four_outputs(outputs):
    assert set(outputs) == {
        "so_lieu_tong_hop.xlsx",
        "bao_cao_kiem_tra.html",
        "facts.parquet",
        "flags.csv",
    }
    assert all(p.stat().st_size > 0 for p in outputs.values())


def test_workbook_has_the_comparison_table_with_vietnamese_headers_and_values(outputs):
    from openpyxl import load_workbook

    wb = load_workbook(outputs["so_lieu_tong_hop.xlsx"])
    assert wb.sheetnames == ["Tổng hợp", "Số liệu", "Cảnh báo", "Văn bản"]
    ws = wb["Tổng hợp"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Đơn vị", "Kỳ báo cáo", "Tổng số lượt tiếp công dân (lượt)"]
    rows = {(r[0], r[1]): r[2] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[("UBND huyện Tân Lập", "2023")] == 1234
    assert ws.freeze_panes == "B2"
    assert ws.page_setup.orientation == "landscape"


def test_workbook_lists_flags_and_failed_documents(outputs):
    from openpyxl import load_workbook

    wb = load_workbook(outputs["so_lieu_tong_hop.xlsx"])
    flags = list(wb["Cảnh báo"].iter_rows(min_row=2, values_only=True))
    assert flags[0][1] == "rate_mismatch" and "82,21%" in flags[0][4]
    docs = {r[0]: r[1] for r in wb["Văn bản"].iter_rows(min_row=2, values_only=True)}
    assert docs["hong.pdf"] == "failed"


def test_review_page_is_self_contained_and_carries_flag_messages(outputs):
    page = outputs["bao_cao_kiem_tra.html"].read_text(encoding="utf-8")
    assert "Tỷ lệ giải quyết đơn ghi 82,21% nhưng 219/257 = 85,21%" in page
    assert "http://" not in page and "https://" not in page
    assert "<script src" not in page and "<link" not in page


def test_parquet_and_csv_hold_every_fact_and_flag(outputs):
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM '{outputs['facts.parquet']}'").fetchone()[0]
    assert n == 5
    lines = outputs["flags.csv"].read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("file_name,rule")


def test_comparison_views_compare_periods_and_roll_units_up(tmp_path):
    from warehouse.compare import create_compare_views

    con = duckdb.connect()
    con.execute(FIXTURE.read_text(encoding="utf-8"))
    create_compare_views(con)
    change = con.execute(
        "SELECT value, previous_value, change FROM v_change WHERE metric = 'reception.visits'"
        " AND unit_name = 'UBND huyện Tân Lập'"
    ).fetchall()
    assert change == [(1234.0, 1000.0, 234.0)]
    rollup = con.execute(
        "SELECT units, units_total, stated, difference FROM v_rollup"
        " WHERE metric = 'reception.visits' AND period = '2023'"
    ).fetchall()
    assert rollup == [(2, 2000.0, 2100.0, 100.0)]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_workbook_converts_to_pdf_with_libreoffice(outputs, tmp_path):
    out = tmp_path / "pdf"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(outputs["so_lieu_tong_hop.xlsx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (out / "so_lieu_tong_hop.pdf").stat().st_size > 0


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.mark.skipif(
    _chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_review_page_renders_flags_and_charts_in_chromium_without_console_errors(outputs, tmp_path):
    page = outputs["bao_cao_kiem_tra.html"].as_uri()
    profile = [f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, *profile, "--dump-dom", page],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Tỷ lệ giải quyết đơn ghi 82,21% nhưng 219/257 = 85,21%" in dom.stdout
    assert "<mark>82,21</mark>" in dom.stdout  # the figure highlighted in its sentence
    assert "<svg" in dom.stdout  # the comparison charts
    assert "Uncaught" not in dom.stderr and "SyntaxError" not in dom.stderr
    shot = tmp_path / "review.png"
    subprocess.run(
        [
            _chromium(),
            *CHROMIUM_FLAGS,
            *profile,
            f"--screenshot={shot}",
            "--window-size=1280,900",
            page,
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000
