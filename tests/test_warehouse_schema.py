"""The warehouse layout: contract views, and upgrades of older warehouses in place."""

from pathlib import Path

import duckdb
import pytest

from warehouse.schema import SCHEMA_VERSION, WarehouseTooNew, current_version, migrate

FIXTURES = Path(__file__).parent / "fixtures" / "warehouse"

CONTRACT = {
    "v_documents": [
        "file_name",
        "status",
        "error",
        "doc_type",
        "issuer",
        "province",
        "period",
        "doc_number",
        "doc_date",
    ],
    "v_facts": [
        "file_name",
        "metric",
        "value",
        "unit",
        "qualifier",
        "scope",
        "period",
        "evidence",
        "page",
    ],
    "v_flags": ["file_name", "rule", "severity", "metric", "message", "evidence"],
}


def columns(con, view: str) -> list[str]:
    return [d[0] for d in con.execute(f"SELECT * FROM {view} LIMIT 0").description]


def test_a_new_warehouse_has_the_contract_views_with_their_columns_first(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con) == SCHEMA_VERSION
    for view, cols in CONTRACT.items():
        assert columns(con, view)[: len(cols)] == cols
    assert "kind" in columns(con, "v_references")


def test_doc_date_is_a_date_column(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = 'v_documents'"
        ).fetchall()
    )
    assert types["doc_date"] == "DATE"


def test_migrate_twice_changes_nothing(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    migrate(con)
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def v1_warehouse(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute((FIXTURES / "v1_warehouse.sql").read_text(encoding="utf-8"))
    con.close()


def test_a_v1_warehouse_is_upgraded_step_by_step_keeping_its_rows(tmp_path):
    db = tmp_path / "old.duckdb"
    v1_warehouse(db)
    con = duckdb.connect(str(db))
    assert current_version(con) == 1
    migrate(con)
    assert [
        r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
    ] == list(range(1, SCHEMA_VERSION + 1))
    docs = con.execute(
        "SELECT file_name, status, period, doc_date::VARCHAR FROM v_documents ORDER BY 1"
    ).fetchall()
    assert docs == [
        ("bao_cao_quy_3.docx", "ok", "2023-Q3", "2023-09-28"),
        ("hong.pdf", "failed", None, None),
    ]
    facts = con.execute("SELECT metric, value, period FROM v_facts ORDER BY metric").fetchall()
    assert facts == [
        ("petitions.received", 45.0, "2023-9M"),
        ("reception.visits", 312.0, "2023-Q3"),
    ]
    flag = con.execute("SELECT file_name, rule, scope FROM v_flags").fetchall()
    assert flag == [("bao_cao_quy_3.docx", "part_exceeds_total", "document")]
    ids = con.execute("SELECT count(DISTINCT fact_id), count(file_name) FROM facts").fetchone()
    assert ids == (2, 2)


def test_an_upgraded_warehouse_takes_new_rows_with_fresh_ids(tmp_path):
    db = tmp_path / "old.duckdb"
    v1_warehouse(db)
    con = duckdb.connect(str(db))
    migrate(con)
    con.execute(
        "INSERT INTO facts (doc_id, file_name, metric, value)"
        " VALUES (1, 'bao_cao_quy_3.docx', 'x', 1)"
    )
    con.execute(
        "INSERT INTO flags (doc_id, file_name, rule, severity)"
        " VALUES (1, 'bao_cao_quy_3.docx', 'r', 'error')"
    )
    assert con.execute("SELECT count(DISTINCT fact_id) FROM facts").fetchone()[0] == 3
    assert con.execute("SELECT scope FROM flags WHERE rule = 'r'").fetchone()[0] == "document"
    new_doc = con.execute(
        "INSERT INTO documents (rel_path, file_name, status) VALUES ('b.pdf', 'b.pdf', 'ok')"
        " RETURNING doc_id"
    ).fetchone()[0]
    assert new_doc == 3


def test_a_warehouse_from_a_newer_pipeline_is_refused(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    with pytest.raises(WarehouseTooNew):
        migrate(con)
