"""The one writer loads results a batch per transaction; a document the warehouse refuses
fails alone, and a stop in a batch rolls the batch back and names its files not loaded."""

from __future__ import annotations

import pytest

import warehouse.store as store
from model import Fact
from pipeline.ingest import IngestSummary
from pipeline.writer import Writer
from tests.test_warehouse_store import counts, result
from warehouse.store import open_warehouse


@pytest.fixture
def con(tmp_path):
    c = open_warehouse(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def _writer(con, rels):
    summary = IngestSummary()
    return Writer(con, "/raw", "v1", summary, rels), summary


def test_a_batch_of_documents_is_committed_together_when_flushed(con):
    rels = ["a/bc.docx", "b/bc.docx", "c/bc.docx"]
    writer, summary = _writer(con, rels)
    for rel in rels:
        writer.add(result(rel=rel))
    assert counts(con)[0] == 0 and summary.loaded == []  # held until the batch is written
    writer.flush()
    assert counts(con) == (3, 6, 3, 3)
    assert summary.loaded == rels and summary.facts == 6 and summary.not_loaded == []


def test_a_document_the_warehouse_refuses_fails_alone_and_the_rest_of_its_batch_loads(con):
    writer, summary = _writer(con, ["a/bc.docx", "b/bc.docx"])
    bad = result(rel="b/bc.docx")
    bad.facts.append(Fact("petitions.received", 5.0, page=2**40))  # no INTEGER holds it
    writer.add(result(rel="a/bc.docx"))
    writer.add(bad)
    writer.flush()
    assert summary.loaded == ["a/bc.docx"]
    ((rel, reason),) = summary.failed
    assert rel == "b/bc.docx" and reason.startswith("lỗi khi ghi vào kho dữ liệu")
    assert con.execute("SELECT rel_path, status FROM documents ORDER BY 1").fetchall() == [
        ("a/bc.docx", "ok"),
        ("b/bc.docx", "failed"),
    ]


def test_a_stop_while_a_batch_is_written_rolls_it_back_and_names_its_files(con, monkeypatch):
    rels = ["a/bc.docx", "b/bc.docx"]
    writer, summary = _writer(con, rels)
    for rel in rels:
        writer.add(result(rel=rel))

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_insert_frame", stopped)
    with pytest.raises(KeyboardInterrupt):
        writer.flush()
    assert counts(con) == (0, 0, 0, 0)
    assert summary.loaded == [] and summary.not_loaded == rels
