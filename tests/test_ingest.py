"""Ingesting a folder: idempotence, replacement, skips, and one row with a reason for every bad
file."""

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

import pipeline.file_reading as reading_mod
import pipeline.ingest as ingest_mod
from model import DocMeta, Fact
from pipeline.ingest import ingest

GOOD_TEXT = [
    "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP",
    "BÁO CÁO Kết quả công tác tiếp công dân quý III năm 2023",
    "Trong quý, Ban Tiếp công dân huyện đã tiếp 57 lượt công dân đến kiến nghị, phản ánh.",
]


def write_docx(path: Path, paragraphs=GOOD_TEXT) -> Path:
    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


@pytest.fixture
def fake_extractors(monkeypatch):
    """Facts under our control: one `reception.visits` per number written before 'lượt'
    (read in this process, where the replacements are seen)."""

    def facts(doc, meta):
        return [
            Fact("reception.visits", float(n), "lượt", evidence=doc.text[:60])
            for n in re.findall(r"(\d+) lượt", doc.text)
        ]

    monkeypatch.setattr(
        reading_mod, "extract_metadata", lambda doc: DocMeta(doc_type="bao_cao", period="2023-Q3")
    )
    monkeypatch.setattr(reading_mod, "extract_facts", facts)
    monkeypatch.setattr(ingest_mod, "READ_IN_PROCESS", True)


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> tuple:
    return (
        rows(db, "SELECT file_name, status, error, period, sha256 FROM v_documents ORDER BY 1"),
        rows(db, "SELECT file_name, metric, value, period FROM v_facts ORDER BY 1, 2, 3"),
        rows(db, "SELECT file_name, rule FROM v_flags ORDER BY 1, 2"),
    )


def test_ingesting_twice_leaves_the_same_warehouse_and_skips_everything(tmp_path, fake_extractors):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    write_docx(raw / "sub" / "b.docx", GOOD_TEXT[:2] + ["Tiếp 12 lượt công dân."])
    first = ingest(raw, str(db), workers=1)
    assert sorted(first.loaded) == ["a.docx", "sub/b.docx"] and first.exit_code == 0
    before = snapshot(db)
    second = ingest(raw, str(db), workers=1)
    assert second.loaded == [] and sorted(second.skipped) == ["a.docx", "sub/b.docx"]
    assert snapshot(db) == before


def test_a_file_only_touched_is_skipped_after_hashing_and_its_new_mtime_remembered(
    tmp_path, fake_extractors
):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    path = write_docx(raw / "a.docx")
    ingest(raw, str(db), workers=1)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    assert ingest(raw, str(db), workers=1).skipped == ["a.docx"]
    assert rows(db, "SELECT mtime FROM documents") == [(1_600_000_000.0,)]


def test_a_changed_file_replaces_its_earlier_figures(tmp_path, fake_extractors):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    ingest(raw, str(db), workers=1)
    write_docx(raw / "a.docx", GOOD_TEXT[:2] + ["Đã tiếp 64 lượt công dân."])
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a.docx"]
    assert rows(db, "SELECT value FROM v_facts") == [(64.0,)]
    assert rows(db, "SELECT count(*) FROM documents") == [(1,)]


def test_new_extractor_code_reads_unchanged_files_again(tmp_path, fake_extractors, monkeypatch):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    ingest(raw, str(db), workers=1)
    monkeypatch.setattr(ingest_mod, "code_version", lambda: "another-version")
    assert ingest(raw, str(db), workers=1).loaded == ["a.docx"]


def make_bad_files(raw: Path) -> dict[str, str]:
    """Broken files beside a good one; each maps to a word its reason must contain."""
    from reportlab.pdfgen import canvas

    raw.mkdir(parents=True, exist_ok=True)
    (raw / "rong.pdf").write_bytes(b"")
    (raw / "khong_phai_zip.docx").write_bytes(b"this is plain text, not a Word file\n" * 20)
    c = canvas.Canvas(str(raw / "tot.pdf"))
    c.drawString(72, 720, "Bao cao ket qua cong tac")
    c.save()
    data = (raw / "tot.pdf").read_bytes()
    (raw / "cut.pdf").write_bytes(data[: len(data) // 3])
    (raw / "tot.pdf").unlink()
    c = canvas.Canvas(str(raw / "mat_khau.pdf"), encrypt="bi-mat")
    c.drawString(72, 720, "Bao cao mat")
    c.save()
    (raw / "ghi_chu.txt").write_text("ghi chú", encoding="utf-8")
    return {
        "rong.pdf": "rỗng",
        "khong_phai_zip.docx": "hỏng",
        "cut.pdf": "hỏng",
        "mat_khau.pdf": "mật khẩu",
        "ghi_chu.txt": "không được hỗ trợ",
    }


def test_every_broken_file_gets_a_failed_row_naming_its_cause(tmp_path, fake_extractors):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    expected = make_bad_files(raw)
    write_docx(raw / "Báo cáo quý 3 năm 2023.docx")
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["Báo cáo quý 3 năm 2023.docx"] and summary.exit_code == 2
    reasons = dict(summary.failed)
    assert set(reasons) == set(expected)
    for name, word in expected.items():
        assert word in reasons[name], (name, reasons[name])
        assert "\n" not in reasons[name]
    stored = dict(rows(db, "SELECT file_name, error FROM v_documents WHERE status = 'failed'"))
    assert stored == reasons


def test_hidden_lock_and_non_report_files_are_left_alone(tmp_path, fake_extractors):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    (raw / "~$a.docx").write_bytes(b"lock")
    (raw / ".an.pdf").write_bytes(b"hidden")
    (raw / "gold").mkdir()
    (raw / "gold" / "a.json").write_text("{}")
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a.docx"] and summary.failed == []
    assert summary.ignored == {".json": 1}


def test_a_file_that_vanishes_mid_run_is_recorded_as_failed(tmp_path, fake_extractors, monkeypatch):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    write_docx(raw / "b.docx")
    real_walk = ingest_mod.walk

    def find_then_delete(folder, ignored=None):
        found = real_walk(folder, ignored)
        (raw / "b.docx").unlink()
        return found

    monkeypatch.setattr(ingest_mod, "walk", find_then_delete)
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a.docx"]
    assert "không còn tồn tại" in dict(summary.failed)["b.docx"]


def test_a_too_large_file_is_refused_with_its_size(tmp_path, fake_extractors, monkeypatch):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    summary = ingest(raw, str(db), workers=1, limit_values={"max_file_mb": 0.0001})
    assert "quá lớn" in dict(summary.failed)["a.docx"]
    assert "--max-file-mb" in dict(summary.failed)["a.docx"]


def test_an_extractor_error_fails_only_its_file_with_the_step_named(
    tmp_path, fake_extractors, monkeypatch
):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx")
    write_docx(raw / "b.docx", GOOD_TEXT[:2] + ["Tiếp 3 lượt, lỗi ở đây."])

    def picky(doc, meta):
        if "lỗi ở đây" in doc.text:
            raise ValueError("không hiểu câu")
        return []

    monkeypatch.setattr(reading_mod, "extract_facts", picky)
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a.docx"]
    assert (
        dict(summary.failed)["b.docx"] == "lỗi khi trích xuất số liệu: ValueError: không hiểu câu"
    )


def test_a_failed_file_is_tried_again_and_loads_once_fixed(tmp_path, fake_extractors):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    (raw / "a.docx").write_bytes(b"")
    assert ingest(raw, str(db), workers=1).exit_code == 2
    write_docx(raw / "a.docx")
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a.docx"] and summary.exit_code == 0
    assert rows(db, "SELECT status, error FROM v_documents") == [("ok", None)]


def test_a_process_pool_loads_the_same_as_one_process(tmp_path):
    raw = tmp_path / "raw"
    for i in range(3):
        write_docx(raw / f"bc_{i}.docx", GOOD_TEXT[:2] + [f"Đã tiếp {10 + i} lượt công dân."])
    (raw / "rong.docx").write_bytes(b"")
    one = ingest(raw, str(tmp_path / "one.duckdb"), workers=1)
    pool = ingest(raw, str(tmp_path / "pool.duckdb"), workers=2)
    assert sorted(pool.loaded) == sorted(one.loaded) and pool.failed == one.failed
    assert snapshot(tmp_path / "pool.duckdb")[1:] == snapshot(tmp_path / "one.duckdb")[1:]


def test_the_dev_corpus_ingests_without_failures(tmp_path):
    dev = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
    docx = sorted(dev.glob("*.docx")) if dev.is_dir() else []
    if not docx:
        pytest.skip("dev corpus not available")
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in docx:
        shutil.copy(p, raw / p.name)
    summary = ingest(raw, str(tmp_path / "w.duckdb"), workers=1)
    assert summary.failed == [] and summary.facts > 0
