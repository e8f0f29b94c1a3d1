"""The life of the document set: removed, renamed and moved files, two raw folders, explicit
removal, failed files left alone until they change, the sample reports kept apart."""

import os
import shutil

import duckdb
import pytest

from pipeline.ingest import ingest
from pipeline.maintenance import remove_documents
from tests.test_ingest import GOOD_TEXT, fake_extractors, rows, write_docx  # noqa: F401

# Extractors replaced by the figures these tests write (read in this process).
pytestmark = pytest.mark.usefixtures("fake_extractors")


def visits(n: int) -> list[str]:
    return GOOD_TEXT[:2] + [f"Đã tiếp {n} lượt công dân."]


def documents(db) -> list[tuple]:
    return rows(db, "SELECT rel_path, status FROM v_documents ORDER BY rel_path")


def fact_values(db) -> list[tuple]:
    return rows(db, "SELECT file_name, value FROM v_facts ORDER BY file_name, value")


def doc_ids(db) -> dict[str, int]:
    return dict(rows(db, "SELECT rel_path, doc_id FROM v_documents"))


def test_a_deleted_file_is_marked_removed_and_leaves_every_view(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    write_docx(raw / "b.docx", visits(22))
    ingest(raw, str(db), workers=1)
    (raw / "b.docx").unlink()
    summary = ingest(raw, str(db), workers=1)
    assert summary.removed == ["b.docx"] and summary.exit_code == 0
    assert documents(db) == [("a.docx", "ok")]
    assert fact_values(db) == [("a.docx", 11.0)]
    assert rows(db, "SELECT count(*) FROM v_flags WHERE file_name = 'b.docx'") == [(0,)]
    history = rows(db, "SELECT rel_path, status, removed_by FROM v_documents_all ORDER BY 1")
    assert history == [("a.docx", "ok", None), ("b.docx", "removed", "ingest")]
    assert rows(db, "SELECT count(*) FROM facts") == [(2,)]  # kept for history


def test_a_renamed_file_is_the_same_document_with_a_new_path_not_read_again(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    ingest(raw, str(db), workers=1)
    before = doc_ids(db)["a.docx"]
    (raw / "a.docx").rename(raw / "bao_cao_quy_3.docx")
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == [] and summary.removed == []
    assert summary.moved == ["a.docx → bao_cao_quy_3.docx"]
    assert doc_ids(db) == {"bao_cao_quy_3.docx": before}
    assert fact_values(db) == [("bao_cao_quy_3.docx", 11.0)]
    assert rows(db, "SELECT DISTINCT file_name FROM facts") == [("bao_cao_quy_3.docx",)]
    assert ingest(raw, str(db), workers=1).skipped == ["bao_cao_quy_3.docx"]


def test_a_file_moved_to_a_subfolder_or_another_raw_folder_keeps_its_document(tmp_path):
    raw, other, db = tmp_path / "raw", tmp_path / "raw2", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    write_docx(raw / "b.docx", visits(22))
    ingest(raw, str(db), workers=1)
    ids = doc_ids(db)
    (raw / "nam_2023").mkdir()
    (raw / "a.docx").rename(raw / "nam_2023" / "a.docx")
    assert ingest(raw, str(db), workers=1).moved == ["a.docx → nam_2023/a.docx"]
    other.mkdir()
    shutil.move(raw / "b.docx", other / "b.docx")
    assert ingest(other, str(db), workers=1).moved == ["b.docx → b.docx"]
    assert ingest(raw, str(db), workers=1).removed == []
    assert doc_ids(db) == {"nam_2023/a.docx": ids["a.docx"], "b.docx": ids["b.docx"]}
    assert fact_values(db) == [("a.docx", 11.0), ("b.docx", 22.0)]


def test_a_copy_beside_its_original_is_a_document_of_its_own(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    ingest(raw, str(db), workers=1)
    shutil.copy(raw / "a.docx", raw / "a_ban_sao.docx")
    summary = ingest(raw, str(db), workers=1)
    assert summary.loaded == ["a_ban_sao.docx"] and summary.moved == []


def test_two_raw_folders_with_the_same_relative_paths_never_replace_each_other(tmp_path):
    one, two, db = tmp_path / "tinh_a", tmp_path / "tinh_b", tmp_path / "w.duckdb"
    write_docx(one / "quy_3" / "bc.docx", visits(11))
    write_docx(two / "quy_3" / "bc.docx", visits(22))
    ingest(one, str(db), workers=1)
    ingest(two, str(db), workers=1)
    assert ingest(one, str(db), workers=1).skipped == ["quy_3/bc.docx"]
    assert rows(db, "SELECT source_dir, rel_path FROM v_documents ORDER BY 1") == [
        (str(one.resolve()), "quy_3/bc.docx"),
        (str(two.resolve()), "quy_3/bc.docx"),
    ]
    assert fact_values(db) == [("bc.docx", 11.0), ("bc.docx", 22.0)]


def test_a_document_removed_on_request_stays_removed_until_its_file_changes(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    write_docx(raw / "b.docx", visits(22))
    ingest(raw, str(db), workers=1)
    outcome = remove_documents(str(db), [str(raw / "b.docx"), "khong_co.docx"])
    assert outcome.removed == 1 and outcome.unknown == ["khong_co.docx"]
    assert documents(db) == [("a.docx", "ok")]
    assert ingest(raw, str(db), workers=1).kept_removed == ["b.docx"]
    assert documents(db) == [("a.docx", "ok")]
    write_docx(raw / "b.docx", visits(23))
    assert ingest(raw, str(db), workers=1).loaded == ["b.docx"]
    assert fact_values(db) == [("a.docx", 11.0), ("b.docx", 23.0)]


def test_remove_takes_a_folder_or_a_stored_name(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "huyen" / "a.docx", visits(11))
    write_docx(raw / "huyen" / "b.docx", visits(22))
    write_docx(raw / "c.docx", visits(33))
    ingest(raw, str(db), workers=1)
    assert remove_documents(str(db), [str(raw / "huyen")]).removed == 2
    assert remove_documents(str(db), ["c.docx"]).removed == 1
    assert documents(db) == []


def test_a_failed_file_is_not_read_again_until_it_changes_or_retry_is_asked(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    raw.mkdir()
    (raw / "hong.docx").write_bytes(b"not a word file\n" * 10)
    assert ingest(raw, str(db), workers=1).failed
    again = ingest(raw, str(db), workers=1)
    assert again.failed == [] and again.skipped_failed == ["hong.docx"] and again.exit_code == 2
    assert ingest(raw, str(db), workers=1, retry_failed=True).failed[0][0] == "hong.docx"
    os.utime(raw / "hong.docx", (1_600_000_000, 1_600_000_000))  # touched, same content
    assert ingest(raw, str(db), workers=1).skipped_failed == ["hong.docx"]
    write_docx(raw / "hong.docx", visits(5))
    assert ingest(raw, str(db), workers=1).loaded == ["hong.docx"]


def test_a_good_file_broken_later_keeps_its_figures_and_is_not_read_again(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(raw / "a.docx", visits(11))
    ingest(raw, str(db), workers=1)
    (raw / "a.docx").write_bytes(b"broken copy\n" * 10)
    assert ingest(raw, str(db), workers=1).failed
    assert ingest(raw, str(db), workers=1).skipped_failed == ["a.docx"]
    assert fact_values(db) == [("a.docx", 11.0)]


def test_sample_reports_leave_a_real_warehouse_on_its_next_ingest(tmp_path):
    samples, raw, db = tmp_path / "samples", tmp_path / "raw", tmp_path / "w.duckdb"
    write_docx(samples / "mau.docx", visits(99))
    write_docx(raw / "that.docx", visits(11))
    ingest(samples, str(db), workers=1)
    ingest(raw, str(db), workers=1, samples_dir=samples)
    assert documents(db) == [("that.docx", "ok")]
    assert fact_values(db) == [("that.docx", 11.0)]


def test_documents_keep_their_ids_through_the_upgrade_to_version_4(tmp_path):
    from tests.test_warehouse_schema import v1_warehouse
    from warehouse.schema import migrate

    db = tmp_path / "old.duckdb"
    v1_warehouse(db)
    con = duckdb.connect(str(db))
    before = con.execute("SELECT doc_id, rel_path FROM documents ORDER BY 1").fetchall()
    migrate(con)
    assert con.execute("SELECT doc_id, rel_path FROM documents ORDER BY 1").fetchall() == before
    con.execute(
        "INSERT INTO documents (source_dir, rel_path, file_name, status)"
        " VALUES ('/other', 'huyen/bao_cao_quy_3.docx', 'bao_cao_quy_3.docx', 'ok')"
    )
    assert con.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 3


def test_a_warehouse_that_recorded_an_empty_step_4_gets_it_keeping_later_columns(
    tmp_path, monkeypatch
):
    import warehouse.schema as schema
    from tests.test_warehouse_schema import v1_warehouse

    db = tmp_path / "interim.duckdb"
    v1_warehouse(db)
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE documents ADD COLUMN issuer_parent VARCHAR")  # another step's
    con.execute("UPDATE documents SET issuer_parent = 'UBND tỉnh' WHERE doc_id = 1")
    monkeypatch.setitem(schema.MIGRATIONS, 4, [])  # a build where step 4 was a placeholder
    schema.migrate(con)
    assert max(r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()) == (
        schema.SCHEMA_VERSION
    )
    row = con.execute("SELECT issuer_parent, removed_by FROM documents WHERE doc_id = 1")
    assert row.fetchone() == ("UBND tỉnh", None)
    con.execute(
        "INSERT INTO documents (source_dir, rel_path, file_name, status)"
        " VALUES ('/other', 'huyen/bao_cao_quy_3.docx', 'bao_cao_quy_3.docx', 'ok')"
    )
    assert con.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 3
