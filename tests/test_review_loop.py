"""The clerk's loop: ingest, correct and review in the workbook, apply, re-ingest, query.

A real report (tests/fixtures/review/tan_lap_2023.txt made into a .docx) goes through the
real pipeline; the workbook is edited with openpyxl as a clerk would in Excel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from pipeline.cli import main
from tools.text2docx import convert
from warehouse.store import open_warehouse

FIXTURES = Path(__file__).parent / "fixtures" / "review"
REPORT = FIXTURES / "tan_lap_2023.txt"
VISITS = "đã tiếp 1.234 lượt công dân"
RATE = "đạt tỷ lệ 82,21%"
TABLE_ROW = "Đơn tiếp nhận trong kỳ | 40 | 25 | 10"


def write_report(raw: Path, text: str) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    src = raw.parent / "tan_lap_2023.txt"
    src.write_text(text, encoding="utf-8")
    convert(src, raw / "tan_lap_2023.docx")
    return raw / "tan_lap_2023.docx"


def edit(path: Path, sheet: str, match: dict[str, str], changes: dict[str, object]) -> None:
    """Set cells (by header) on the one row whose key columns contain the given text."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    hits = [
        row
        for row in ws.iter_rows(min_row=2)
        if all(text in str(row[header.index(col)].value or "") for col, text in match.items())
    ]
    assert len(hits) == 1, (match, len(hits))
    for col, value in changes.items():
        hits[0][header.index(col)].value = value
    wb.save(path)


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def applied(tmp_path_factory) -> Path:
    """An ingested report, its workbook edited by the clerk and applied (built once)."""
    work = tmp_path_factory.mktemp("loop")
    raw, db, out = work / "raw", work / "w.duckdb", work / "out"
    write_report(raw, REPORT.read_text(encoding="utf-8"))
    assert main(["ingest", str(raw), "--db", str(db), "--workers", "1"]) == 0
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    book = out / "so_lieu_tong_hop.xlsx"
    edit(
        book,
        "Số liệu",
        {"Khóa: metric": "reception.visits", "Trích dẫn": VISITS},
        {"Giá trị đúng": 1243, "Ghi chú": "bản giấy ghi 1.243"},
    )
    # a rate typed into a percentage cell is a fraction, as Excel stores it
    edit(book, "Số liệu", {"Khóa: metric": "petitions.resolution_rate"}, {"Giá trị đúng": 0.8521})
    edit(
        book,
        "Cảnh báo",
        {"Khóa: rule": "rate_mismatch"},
        {"Trạng thái": "đúng là lỗi của báo cáo", "Người xem": "Chị Lan"},
    )
    edit(
        book,
        "Cảnh báo",
        {"Khóa: rule": "sum_mismatch"},
        {"Trạng thái": "bỏ qua", "Ghi chú": "cột 1 gồm cả đơn kiến nghị"},
    )
    assert main(["apply", str(book), "--db", str(db), "--reviewer", "Anh Minh"]) == 0
    return work


@pytest.fixture()
def loop(applied, tmp_path) -> tuple[Path, Path, Path]:
    """A copy of the applied loop for one test: (raw folder, warehouse, output folder)."""
    work = tmp_path / "loop"
    shutil.copytree(applied, work)
    con = duckdb.connect(str(work / "w.duckdb"))  # the copy's documents are its own raw folder's
    con.execute(
        "UPDATE documents SET source_dir = replace(source_dir, ?, ?)", [str(applied), str(work)]
    )
    con.close()
    return work / "raw", work / "w.duckdb", work / "out"


def corrected(db: Path) -> dict[str, tuple]:
    rows = query(
        db, "SELECT metric, value, value_extracted, corrected FROM v_facts WHERE corrected"
    )
    return {r[0]: r[1:] for r in rows}


def reviews(db: Path) -> dict[str, str]:
    return dict(query(db, "SELECT rule, review_status FROM v_flags"))


def test_a_correction_shows_beside_the_extracted_value_in_every_view(loop):
    _, db, _ = loop
    assert query(db, "SELECT count(*) FROM corrections")[0][0] == 2
    assert query(db, "SELECT count(*) FROM flag_reviews")[0][0] == 2
    assert corrected(db) == {
        "reception.visits": (1243.0, 1234.0, True),
        "petitions.resolution_rate": (pytest.approx(85.21), 82.21, True),
    }
    audit = query(
        db,
        "SELECT reviewer, value_before, value_corrected, note, state FROM v_corrections"
        " WHERE kind = 'value' AND metric = 'reception.visits'",
    )
    assert audit == [("Anh Minh", 1234.0, 1243.0, "bản giấy ghi 1.243", "in_force")]
    assert reviews(db) == {
        "rate_mismatch": "confirmed",
        "sum_mismatch": "dismissed",
        "value_conflict": "unreviewed",  # 257 received in the text, 40 in the table
    }
    who = query(db, "SELECT reviewer FROM v_corrections WHERE rule = 'rate_mismatch'")
    assert who == [("Chị Lan",)]


def test_the_rewritten_workbook_shows_the_correction_and_the_review(loop):
    _, db, out = loop
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    wb = load_workbook(out / "so_lieu_tong_hop.xlsx")
    facts = wb["Số liệu"]
    header = [c.value for c in facts[1]]
    row = next(
        r
        for r in facts.iter_rows(min_row=2, values_only=True)
        if r[header.index("Khóa: metric")] == "reception.visits"
        and VISITS in r[header.index("Trích dẫn")]
    )
    assert (
        row[header.index("Giá trị đọc được")] == 1234 and row[header.index("Giá trị đúng")] == 1243
    )
    flags = {r[1]: r[7] for r in wb["Cảnh báo"].iter_rows(min_row=2, values_only=True)}
    assert flags["Tỷ lệ không khớp"] == "đúng là lỗi của báo cáo"
    history = list(wb["Lịch sử sửa"].iter_rows(min_row=2, values_only=True))
    assert len(history) == 4 and {r[10] for r in history} == {"đang áp dụng"}


def test_corrections_and_reviews_survive_a_re_ingest_of_the_unchanged_file(loop):
    raw, db, _ = loop
    con = duckdb.connect(str(db))
    con.execute("UPDATE documents SET code_version = 'older extractor'")  # read it again
    con.close()
    assert main(["ingest", str(raw), "--db", str(db), "--workers", "1"]) == 0
    assert query(db, "SELECT count(*) FROM documents")[0][0] == 1
    assert set(corrected(db)) == {"reception.visits", "petitions.resolution_rate"}
    assert reviews(db) == {
        "rate_mismatch": "confirmed",
        "sum_mismatch": "dismissed",
        "value_conflict": "unreviewed",  # 257 received in the text, 40 in the table
    }


def test_a_changed_file_keeps_corrections_whose_evidence_stands_and_lists_the_others(loop, capsys):
    raw, db, _ = loop
    text = REPORT.read_text(encoding="utf-8")
    text = text.replace(
        "# BÁO CÁO\n", "# BÁO CÁO\nBáo cáo này thay thế báo cáo gửi ngày 05/12/2023.\n"
    )
    text = text.replace("đạt tỷ lệ 82,21%", "đạt tỷ lệ 85,21%")  # the report itself was fixed
    write_report(raw, text)
    capsys.readouterr()
    assert main(["ingest", str(raw), "--db", str(db), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp: 1 tệp" in out
    assert corrected(db) == {"reception.visits": (1243.0, 1234.0, True)}
    assert reviews(db) == {"sum_mismatch": "dismissed", "value_conflict": "unreviewed"}
    assert "2 chỗ sửa không còn khớp số liệu nào" in out and RATE in out
    stale = query(
        db, "SELECT kind, metric, rule FROM v_corrections WHERE state = 'stale' ORDER BY kind"
    )
    assert stale == [
        ("flag", "petitions.resolution_rate", "rate_mismatch"),
        ("value", "petitions.resolution_rate", None),
    ]


def test_applying_the_same_workbook_again_adds_nothing(loop, capsys):
    _, db, out = loop
    capsys.readouterr()
    assert main(["apply", str(out / "so_lieu_tong_hop.xlsx"), "--db", str(db)]) == 0
    assert "Không có chỗ sửa mới" in capsys.readouterr().out
    assert query(db, "SELECT count(*) FROM v_corrections")[0][0] == 4


def test_an_older_workbook_never_undoes_a_later_correction(loop, tmp_path):
    _, db, out = loop
    older = tmp_path / "cu.xlsx"
    shutil.copy(out / "so_lieu_tong_hop.xlsx", older)  # as written before the corrections
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    edit(older, "Số liệu", {"Khóa: metric": "reception.leader.persons"}, {"Giá trị đúng": 16})
    assert main(["apply", str(older), "--db", str(db)]) == 0
    assert set(corrected(db)) == {
        "reception.visits",
        "petitions.resolution_rate",
        "reception.leader.persons",
    }


def test_clearing_a_correction_goes_back_to_the_extracted_value(loop):
    _, db, out = loop
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    book = out / "so_lieu_tong_hop.xlsx"
    edit(book, "Số liệu", {"Khóa: metric": "petitions.resolution_rate"}, {"Giá trị đúng": None})
    assert main(["apply", str(book), "--db", str(db)]) == 0
    assert set(corrected(db)) == {"reception.visits"}
    assert query(db, "SELECT value FROM v_facts WHERE metric = 'petitions.resolution_rate'") == [
        (82.21,)
    ]


def test_bad_cells_are_one_vietnamese_line_each_and_nothing_is_applied(loop, capsys):
    _, db, out = loop
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    book = out / "so_lieu_tong_hop.xlsx"
    edit(book, "Số liệu", {"Khóa: metric": "reception.leader.persons"}, {"Giá trị đúng": "mười"})
    edit(book, "Cảnh báo", {"Khóa: rule": "sum_mismatch"}, {"Trạng thái": "xong rồi"})
    edit(
        book,
        "Số liệu",
        {"Khóa: metric": "reception.delegations", "Trích dẫn": "Tổng cộng"},
        {"Giá trị đúng": "6"},
    )
    capsys.readouterr()
    assert main(["apply", str(book), "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and "Traceback" not in "".join(err)
    assert err[0].startswith("Lỗi: so_lieu_tong_hop.xlsx, trang “Số liệu”, dòng ")
    assert "“mười” ở cột Giá trị đúng không phải là số" in err[0]
    assert "trạng thái “xong rồi” không có trong danh sách" in err[1]
    assert query(db, "SELECT count(*) FROM v_corrections")[0][0] == 4


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "không tìm thấy tệp"),
        (b"PK\x03\x04 not really a zip", "không phải bảng Excel .xlsx"),
    ],
)
def test_apply_of_a_missing_or_broken_file_is_one_line(tmp_path, capsys, content, expected):
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    book = tmp_path / "bang.xlsx"
    if content is not None:
        book.write_bytes(content)
    assert main(["apply", str(book), "--db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert expected in err[0] and "bang.xlsx" in err[0] and "Traceback" not in "".join(err)


def test_report_to_an_unwritable_folder_is_one_vietnamese_line(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    open_warehouse(str(db)).close()  # an empty warehouse of ours
    blocker = tmp_path / "mot_tep"
    blocker.write_text("x")
    assert main(["report", "--db", str(db), "--out", str(blocker / "ket_qua")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Lỗi: không tạo được thư mục")
    assert "--out" in err[0] and "FileNotFoundError" not in err[0]
