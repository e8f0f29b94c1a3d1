"""The review page and the workbook on hostile text: nothing a document says can run.

A report whose sentences hold `<!--<script>`, `</script><script>…</script>`,
`<img src=x onerror=…>`, U+2028/U+2029 and `=HYPERLINK(…)`, under a file name that starts
with `=`, plus a broken file with markup in its name, goes through the real pipeline; the
page is opened in headless Chromium at 1400 and 390 pixels.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from docx import Document

from pipeline.cli import main
from pipeline.ingest import IngestSummary, refresh_after_batch
from tools.text2docx import convert

FIXTURES = Path(__file__).parent / "fixtures" / "review"
GOOD_NAME = "=1+2 <script>alert(1)<!--.docx"
# U+2028/U+2029 survive only in file names (the text normalizer makes them line breaks)
BROKEN_NAME = "=HYPERLINK(1) <img src=x onerror=alert(2)>\u2028\u2029.pdf"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def hostile_docx(dest: Path) -> None:
    src = dest.parent / "hostile.txt"
    shutil.copy(FIXTURES / "hostile.txt", src)
    convert(src, dest)
    src.unlink()
    doc = Document(str(dest))
    for p in doc.paragraphs:
        for run in p.runs:
            run.text = run.text.replace("<U+2028>", "\u2028").replace("<U+2029>", "\u2029")
    doc.save(str(dest))


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("hostile")
    raw, db, out = work / "raw", work / "w.duckdb", work / "out"
    raw.mkdir()
    hostile_docx(raw / GOOD_NAME)
    (raw / BROKEN_NAME).write_bytes(b"%PDF-1.4\n<script>alert(3)</script> not a pdf")
    assert main(["ingest", str(raw), "--db", str(db), "--workers", "1"]) == 2
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    return out


needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (apt-get install chromium)"
)


def start_tags(html: str) -> list[str]:
    """Every element the browser built, by tag name."""
    from html.parser import HTMLParser

    tags: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    Collect().feed(html)
    return tags


def run_chromium(
    page: Path, profile: Path, *args: str, hash: str = ""
) -> subprocess.CompletedProcess:
    url = page.as_uri() + (f"#{hash}" if hash else "")
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workbook_of_hostile_text_has_no_formula_cell(report):
    from openpyxl import load_workbook

    wb = load_workbook(report / "so_lieu_tong_hop.xlsx")
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                texts.append(str(cell.value))
    assert GOOD_NAME in texts and BROKEN_NAME in texts
    assert any(t.startswith('=HYPERLINK("http://example.com"') for t in texts)


def test_the_page_embeds_document_text_only_as_escaped_json(report):
    page = (report / "bao_cao_kiem_tra.html").read_text(encoding="utf-8")
    data = page.split('<script id="data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "\u2028" not in data and "\u2029" not in data
    assert page.count("<script") == 2 and page.count("</script>") == 2


@pytest.mark.slow
@needs_chromium
def test_hostile_text_renders_every_section_and_runs_nothing_in_chromium(report, tmp_path):
    page = report / "bao_cao_kiem_tra.html"
    wide = run_chromium(page, tmp_path / "p1", "--window-size=1400,1000", "--dump-dom")
    dom, log = wide.stdout, wide.stderr
    assert ":CONSOLE" not in log, log  # no error, no CSP refusal, nothing logged
    assert 'data-docs="1"' in dom and int(re.search(r'data-charts="(\d+)"', dom)[1]) >= 3
    assert "data-pwned" not in re.search(r"<html[^>]*>", dom)[0]  # the injected script never ran
    tags = start_tags(dom)
    assert tags.count("script") == 2 and "img" not in tags  # no element from document text
    assert tags.count("b") == 1  # the failed file's name, bold by the page itself
    assert "&lt;!--&lt;script&gt; đến phản ánh" in dom
    assert "&lt;/script&gt;&lt;script&gt;document.documentElement" in dom
    assert "&lt;img src=x onerror=alert(1)&gt; đạt" in dom and "4 đoàn\ngồm " in dom
    # the failed file in its own section, counted as failed, not among the loaded documents
    failed = dom.split('id="failed-section"', 1)[1].split("</section>", 1)[0]
    assert "hidden" not in failed.split(">", 1)[0]
    assert "=HYPERLINK(1) &lt;img src=x onerror=alert(2)&gt;\u2028\u2029.pdf" in failed
    assert "1 văn bản · 1 tệp không đọc được" in dom
    # a flag shows the column headers of the table row it quotes
    assert "<th>Tổng số đơn</th><th>Đơn khiếu nại</th><th>Đơn tố cáo</th>" in dom
    # on a 390-pixel screen nothing is wider than the screen
    frame = f"{(FIXTURES / 'phone_frame.html').as_uri()}#{quote(page.as_uri(), safe='')}"
    narrow = subprocess.run(
        [
            chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'p2'}",
            "--allow-file-access-from-files",
            "--dump-dom",
            frame,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ":CONSOLE" not in narrow.stderr, narrow.stderr
    body = re.search(r"<body[^>]*>", narrow.stdout)[0]
    client = int(re.search(r'data-client-width="(\d+)"', body)[1])
    assert 360 <= client <= 390 and int(re.search(r'data-scroll-width="(\d+)"', body)[1]) <= client
    for width, height in ((1400, 1000), (390, 844)):
        shot = tmp_path / f"review_{width}.png"
        run_chromium(
            page,
            tmp_path / f"s{width}",
            f"--screenshot={shot}",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
        )
        assert shot.stat().st_size > 10_000


def many_units(db: Path) -> None:
    """20 districts reporting for 2023, 5 of them for 2022 too, 2 files that failed."""
    import duckdb

    from warehouse.schema import migrate

    con = duckdb.connect(str(db))
    migrate(con)
    docs, facts = [], []
    for i in range(25):
        period = "2023" if i < 20 else "2022"
        doc_id = i + 1
        name = f"huyen_{i:02d}_{period}.docx"
        docs.append(
            (
                doc_id,
                name,
                name,
                f"h{i}",
                "ok",
                "bao_cao",
                f"UBND huyện Số {i:02d}",
                "Hòa Bình Xanh",
                period,
            )
        )
        visits = 100 + (i * 37) % 500
        facts.append(
            (
                doc_id,
                name,
                "reception.visits",
                visits,
                "lượt",
                "exact",
                f"đã tiếp {visits} lượt công dân",
                str(visits),
                "text",
            )
        )
    docs += [
        (26, "hong_1.pdf", "hong_1.pdf", "x1", "failed", None, None, None, None),
        (27, "hong_2.pdf", "hong_2.pdf", "x2", "failed", None, None, None, None),
    ]
    con.executemany(
        "INSERT INTO documents (doc_id, rel_path, file_name, sha256, status, doc_type, issuer,"
        " province, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        docs,
    )
    con.executemany(
        "INSERT INTO facts (doc_id, file_name, metric, value, unit, qualifier, evidence, raw,"
        " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        facts,
    )
    refresh_after_batch(con, IngestSummary())  # units, copies and views, as an ingest leaves them
    con.close()


@pytest.mark.slow
@needs_chromium
def test_charts_show_one_period_sorted_and_paged_and_documents_collapse(tmp_path):
    db, out = tmp_path / "w.duckdb", tmp_path / "out"
    many_units(db)
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    page = out / "bao_cao_kiem_tra.html"
    dom = run_chromium(page, tmp_path / "p", "--window-size=1400,1000", "--dump-dom").stdout
    chart = dom.split('<div class="chart"', 1)[1].split("</div>", 1)[0]
    assert "Tổng số lượt tiếp công dân – Năm 2023" in chart  # the busiest period only
    values = [
        int(v.replace(".", "")) for v in re.findall(r'<span class="val">([\d.]+)</span>', chart)
    ]
    assert len(values) == 15 and values == sorted(values, reverse=True)
    assert "1–15 / 20 đơn vị" in dom and "Sau ›" in dom
    assert "25 văn bản · 2 tệp không đọc được · 25 số liệu · 0 cảnh báo (0 lỗi)<" in dom
    assert "<details" in dom and '<details class="doc" open' not in dom  # collapsed
    # the filters (here from the address: a period and a search) drive counts, documents, charts
    dom = run_chromium(page, tmp_path / "q", "--dump-dom", hash="ky=2022&tim=" + quote("số 23"))
    dom = dom.stdout.split('<script id="data"', 1)[0]  # what is shown, not the data
    assert "1 văn bản · 0 tệp không đọc được · 1 số liệu · 0 cảnh báo (0 lỗi) – theo bộ lọc" in dom
    assert "UBND huyện Số 23" in dom and "UBND huyện Số 22" not in dom
    assert "Tổng số lượt tiếp công dân – Năm 2022" in dom and "Năm 2023</h3>" not in dom
