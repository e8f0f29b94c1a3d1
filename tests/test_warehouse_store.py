"""Loading one document: a single transaction that replaces its rows, and never half a document."""

import pytest

import warehouse.store as store
from model import DocMeta, Fact, Flag, Reference
from warehouse.store import KEPT_NOTE, DocumentResult, FileState, load_document, open_warehouse


def result(
    rel="huyen/bc.docx", sha="s1", values=(120, 80), status="ok", error=None, doc_date="2023-06-15"
):
    meta = DocMeta(
        doc_type="bao_cao",
        issuer="UBND huyện Tân Lập",
        province="Hòa Bình Xanh",
        period="2023-H1",
        doc_number="15/BC-UBND",
        doc_date=doc_date,
    )
    facts = [
        Fact("petitions.received", values[0], "đơn", evidence="tiếp nhận 120 đơn"),
        Fact(
            "petitions.resolved",
            values[1],
            "đơn",
            evidence="giải quyết 80 đơn",
            period="2023-Q2",
            group="g1",
        ),
    ]
    flags = [
        Flag(
            "part_exceeds_total",
            "error",
            "petitions.resolved",
            "Số đơn giải quyết lớn hơn số đơn nhận.",
        )
    ]
    refs = [Reference("Kế hoạch", "12/KH-UBND", "UBND", "05/01/2023", "2023-01-05")]
    r = DocumentResult(
        FileState(rel, 100, 1.0, sha),
        file_name=rel.rsplit("/", 1)[-1],
        meta=meta,
        pages=None,
        file_type="docx",
        facts=facts,
        flags=flags,
        refs=refs,
    )
    if status != "ok":
        r.status, r.error, r.facts, r.flags, r.refs = status, error, [], [], []
    return r


@pytest.fixture
def con(tmp_path):
    c = open_warehouse(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def counts(con):
    return tuple(
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "facts", "flags", "doc_references")
    )


def test_a_loaded_document_shows_in_every_view(con):
    load_document(con, result())
    assert con.execute(
        "SELECT file_name, status, period, doc_date::VARCHAR FROM v_documents"
    ).fetchall() == [("bc.docx", "ok", "2023-H1", "2023-06-15")]
    periods = dict(con.execute("SELECT metric, period FROM v_facts").fetchall())
    assert periods == {"petitions.received": "2023-H1", "petitions.resolved": "2023-Q2"}
    assert con.execute("SELECT file_name, rule, scope FROM v_flags").fetchall() == [
        ("bc.docx", "part_exceeds_total", "document")
    ]
    assert con.execute("SELECT number, date::VARCHAR FROM v_references").fetchall() == [
        ("12/KH-UBND", "2023-01-05")
    ]


def test_reloading_a_document_replaces_its_rows_and_keeps_its_id(con):
    first = load_document(con, result())
    second = load_document(con, result(sha="s2", values=(130, 90)))
    assert first == second
    assert counts(con) == (1, 2, 1, 1)
    assert sorted(v for (v,) in con.execute("SELECT value FROM facts").fetchall()) == [90, 130]


def test_same_base_name_in_two_folders_is_two_documents(con):
    load_document(con, result(rel="huyen_a/bc.docx"))
    load_document(con, result(rel="huyen_b/bc.docx"))
    assert counts(con) == (2, 4, 2, 2)


def test_an_interrupt_during_a_load_leaves_the_previous_load_untouched(con, monkeypatch):
    load_document(con, result())
    before = con.execute("SELECT metric, value FROM facts ORDER BY 1").fetchall()
    real_insert = store._insert_frame

    def interrupted(con_, table, *args, **kwargs):
        real_insert(con_, table, *args, **kwargs)
        if table == "flags":
            raise KeyboardInterrupt

    monkeypatch.setattr(store, "_insert_frame", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_document(con, result(sha="s2", values=(999, 998)))
    assert con.execute("SELECT metric, value FROM facts ORDER BY 1").fetchall() == before
    assert con.execute("SELECT sha256 FROM documents").fetchone()[0] == "s1"
    assert counts(con) == (1, 2, 1, 1)


def test_a_new_file_that_fails_gets_a_failed_row_and_nothing_else(con):
    load_document(
        con, result(rel="hong.pdf", status="failed", error="tệp PDF bị hỏng hoặc không đầy đủ")
    )
    assert con.execute("SELECT status, error, doc_type FROM v_documents").fetchall() == [
        ("failed", "tệp PDF bị hỏng hoặc không đầy đủ", None)
    ]
    assert counts(con) == (1, 0, 0, 0)


def test_a_good_file_that_now_fails_keeps_its_last_good_figures(con):
    load_document(con, result())
    load_document(con, result(sha="s2", status="failed", error="tệp .docx bị hỏng"))
    status, error, sha = con.execute("SELECT status, error, sha256 FROM documents").fetchone()
    assert (
        status == "failed" and error.startswith("tệp .docx bị hỏng") and error.endswith(KEPT_NOTE)
    )
    assert sha == "s1"
    assert counts(con) == (1, 2, 1, 1)
    # failing again still keeps them; loading fine again replaces them
    load_document(con, result(sha="s3", status="failed", error="tệp .docx bị hỏng"))
    assert counts(con) == (1, 2, 1, 1)
    load_document(con, result(sha="s4", values=(5, 4)))
    assert con.execute("SELECT status, error FROM documents").fetchone() == ("ok", None)
    assert sorted(v for (v,) in con.execute("SELECT value FROM facts").fetchall()) == [4, 5]


def test_an_impossible_document_date_is_stored_as_null_not_a_failure(con):
    load_document(con, result(doc_date="2023-04-31"))
    assert con.execute("SELECT status, doc_date FROM documents").fetchone() == ("ok", None)


def test_an_unreadable_figure_is_stored_with_a_null_value(con):
    r = result()
    r.facts.append(Fact("poverty.rate", None, "%", raw="04,"))
    load_document(con, r)
    assert con.execute("SELECT value, raw FROM facts WHERE metric = 'poverty.rate'").fetchone() == (
        None,
        "04,",
    )
