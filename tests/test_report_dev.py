"""The report command on the development corpus: workbook, review page and files for tools."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_review_page import CHROMIUM_FLAGS, chromium

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(
    not DEV.exists(), reason="../shared/corpus/dev is not beside the project"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dev")
    raw = work / "raw"
    raw.mkdir()
    for f in DEV.iterdir():
        if f.suffix in (".pdf", ".docx") and "_scan" not in f.name:  # OCR is tested on its own
            shutil.copy(f, raw / f.name)
    db, out = work / "w.duckdb", work / "out"
    subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(raw), "--db", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "pipeline", "report", "--db", str(db), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def test_report_writes_workbook_page_parquet_and_csv(report):
    names = {p.name for p in report.iterdir()}
    assert {"so_lieu_tong_hop.xlsx", "bao_cao_kiem_tra.html", "facts.parquet", "flags.csv"} <= names


def test_workbook_holds_the_province_petitions_received(report):
    from openpyxl import load_workbook

    wb = load_workbook(report / "so_lieu_tong_hop.xlsx")
    facts = wb["Số liệu"]
    header = [c.value for c in facts[1]]
    file_col, metric_col = header.index("Tệp"), header.index("Khóa: metric")
    value_col = header.index("Giá trị đọc được")
    rows = [
        (r[file_col], r[metric_col], r[value_col])
        for r in facts.iter_rows(min_row=2, values_only=True)
    ]
    assert ("000_dong_thap_bcsd_2022.pdf", "petitions.received", 2295) in rows
    flags = [r[4] for r in wb["Cảnh báo"].iter_rows(min_row=2, values_only=True)]
    assert any("82,21%" in m for m in flags)


@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)
def test_review_page_shows_the_complaint_rate_flag_in_chromium(report, tmp_path):
    page = (report / "bao_cao_kiem_tra.html").as_uri()
    profile = [f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, *profile, "--dump-dom", page],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Tỷ lệ giải quyết khiếu nại ghi 82,21%" in dom.stdout
    assert 'class="bars"' in dom.stdout  # the comparison charts
    assert ":CONSOLE" not in dom.stderr
    shot = tmp_path / "review.png"
    subprocess.run(
        [
            chromium(),
            *CHROMIUM_FLAGS,
            *profile,
            f"--screenshot={shot}",
            "--window-size=1280,900",
            page,
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.stat().st_size > 10_000


def test_dev_corpus_scores_stay_at_todays_level(report, tmp_path):
    """The shared scorer on the text files of the dev corpus: 1.00 on facts, flags and fields
    today, so the floor is a small margin under it."""
    figures = tmp_path / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(DEV.parent.parent / "eval" / "score.py"),
            "--db",
            str(report.parent / "w.duckdb"),
            "--gold",
            str(DEV / "gold"),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    scores = json.loads(figures.read_text(encoding="utf-8"))
    assert scores["documents"] == 5
    assert scores["fact_f1"] >= 0.97, scores
    assert scores["flag_f1"] >= 0.97, scores
    assert scores["document_fields"] >= 0.97, scores
