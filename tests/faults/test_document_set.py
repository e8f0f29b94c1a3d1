"""Folders that change between runs: a deleted file leaves the views, a renamed or moved file
(same content) stays one document, two raw folders sharing relative paths never replace each
other, a file removed on request stays out, a folder that cannot be read is reported."""

import os
import shutil
import stat

import pytest

from tests.faults.conftest import Pipeline, Run, counts, per_document, query, record

pytestmark = pytest.mark.slow


def ingest(raw, db, *extra, prefix=()) -> Run:
    run = Pipeline("ingest", str(raw), "--db", str(db), *extra, prefix=prefix).finish()
    assert "Traceback" not in run.err, run.err
    return run


def fresh(tmp_path, *folders) -> tuple[int, int, int]:
    """The counts of a new warehouse that ingests these folders as they are now."""
    db = tmp_path / f"fresh_{len(list(tmp_path.glob('fresh_*')))}.duckdb"
    for folder in folders:
        assert ingest(folder, db).code == 0
    return counts(db)


def copy_reports(corpus, raw, names):
    raw.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(corpus / name, raw / name)


@pytest.fixture
def six(corpus30, reference30, tmp_path):
    """Six reports of the corpus in a raw folder, ingested; their counts in the reference."""
    names = sorted(p.name for p in corpus30.iterdir() if p.suffix in (".pdf", ".docx"))[:6]
    raw, db = tmp_path / "raw", tmp_path / "w.duckdb"
    copy_reports(corpus30, raw, names)
    assert ingest(raw, db).code == 0
    expected = per_document(reference30)
    return raw, db, names, {n: expected[n] for n in names}


def facts_of(expected: dict, names) -> int:
    return sum(expected[n][0] for n in names)


def test_deleted_renamed_and_moved_files_are_counted_once(six, tmp_path):
    raw, db, names, expected = six
    before = counts(db)
    assert before == fresh(tmp_path, raw)
    ids = dict(query(db, "SELECT rel_path, doc_id FROM v_documents"))
    assert before[1] == facts_of(expected, names)

    (raw / names[0]).unlink()
    run = ingest(raw, db)
    assert run.code == 0 and "Không còn trong thư mục (đánh dấu đã gỡ bỏ): 1 tệp" in run.out
    assert counts(db)[:2] == (5, facts_of(expected, names[1:]))
    assert query(
        db, "SELECT status FROM v_documents_all WHERE rel_path = ?".replace("?", f"'{names[0]}'")
    ) == [("removed",)]

    (raw / names[1]).rename(raw / f"doi_ten_{names[1]}")
    (raw / "nam_2023").mkdir()
    (raw / names[2]).rename(raw / "nam_2023" / names[2])
    run = ingest(raw, db)
    assert run.code == 0 and "Đã nạp: 0 tệp" in run.out
    assert "Đổi tên hoặc chuyển chỗ (cùng nội dung, giữ số liệu): 2 tệp" in run.out
    after = counts(db)
    assert after[:2] == (5, facts_of(expected, names[1:])) and after == fresh(tmp_path, raw)
    now = dict(query(db, "SELECT rel_path, doc_id FROM v_documents"))
    assert now[f"doi_ten_{names[1]}"] == ids[names[1]]
    assert now[f"nam_2023/{names[2]}"] == ids[names[2]]
    assert query(db, "SELECT count(*) FROM documents") == [(6,)]
    record(
        f"document set: deleted file removed from views {before} -> {counts(db)} with the"
        f" renamed and moved files counted once (same doc_id, not read again)"
    )


def test_two_raw_folders_never_replace_each_other(corpus30, reference30, tmp_path):
    names = sorted(p.name for p in corpus30.iterdir() if p.suffix in (".pdf", ".docx"))
    one, two, db = tmp_path / "tinh_a", tmp_path / "tinh_b", tmp_path / "w.duckdb"
    copy_reports(corpus30, one / "quy_3", names[:3])
    for a, b in zip(names[:3], names[6:9]):  # same relative paths, other content
        (two / "quy_3").mkdir(parents=True, exist_ok=True)
        shutil.copy(corpus30 / b, two / "quy_3" / a)
    assert ingest(one, db).code == 0
    first = counts(db)
    assert ingest(two, db).code == 0
    assert ingest(one, db).code == 0
    expected = per_document(reference30)
    total = sum(expected[n][0] for n in names[:3] + names[6:9])
    assert counts(db)[:2] == (6, total)
    assert counts(db) == fresh(tmp_path, two, one)  # in the other order: the same
    assert query(db, "SELECT count(DISTINCT source_dir) FROM v_documents") == [(2,)]
    record(f"two raw folders with the same relative paths: {first[0]} + 3 = 6 documents kept")


def test_a_document_removed_on_request_stays_out_until_its_file_changes(six, tmp_path):
    raw, db, names, expected = six
    run = Pipeline("remove", str(raw / names[0]), "--db", str(db)).finish()
    assert run.code == 0 and "Đã gỡ bỏ" in run.out
    assert counts(db)[:2] == (5, facts_of(expected, names[1:]))
    rest = tmp_path / "rest"
    copy_reports(raw, rest, names[1:])
    assert counts(db) == fresh(tmp_path, rest)
    run = ingest(raw, db)
    assert run.code == 0 and "Giữ nguyên 1 tệp đã gỡ bỏ theo yêu cầu" in run.out
    assert counts(db) == fresh(tmp_path, rest)
    bad = Pipeline("remove", "khong_co.pdf", "--db", str(db)).finish()
    assert bad.code == 1 and "không có văn bản nào" in bad.err


def test_an_unreadable_folder_is_reported_with_exit_2_and_its_documents_kept(six):
    raw, db, names, expected = six
    sub = raw / "huyen_b"
    sub.mkdir()
    shutil.move(raw / names[0], sub / names[0])
    assert ingest(raw, db).code == 0  # moved into the sub-folder
    before = counts(db)
    sub.chmod(0)
    try:
        drop = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")
        run = ingest(raw, db, prefix=drop if os.geteuid() == 0 else ())
    finally:
        sub.chmod(stat.S_IRWXU)
    assert run.code == 2, (run.out, run.err)
    assert "LỖI thư mục huyen_b/: không đọc được (Permission denied)" in run.out
    assert counts(db) == before  # its document is not taken for deleted
    record(f"unreadable sub-folder: exit {run.code}, named in the summary, its documents kept")
