"""The per-document stage gives the same warehouse wherever it runs: the local pool, a Dask
cluster, or staged as Parquet partitions and loaded later."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import Execution, ingest
from pipeline.stage import load_stage, partitions, stage_ingest
from tests.fixtures.faults.make_files import report_docx

LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN TÂN LẬP",
    "BÁO CÁO Kết quả công tác tiếp công dân quý III năm 2023",
    "Trong quý, Ban Tiếp công dân huyện đã tiếp {n} lượt công dân; tiếp nhận {m} đơn, đã giải"
    " quyết {k}/{m} đơn, đạt 80%.",
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for i, (n, m, k) in enumerate([(57, 20, 16), (120, 45, 30), (33, 10, 9)]):
        lines = LINES[:2] + [LINES[2].format(n=n, m=m, k=k)]
        report_docx(raw / f"xa_{i}" / "bao_cao.docx", lines)
    (raw / "hong.pdf").write_bytes(b"%PDF-1.4 not really")
    return raw


def snapshot(db: Path) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(
            con.execute(sql).fetchall()
            for sql in (
                "SELECT rel_path, status, error, period, sha256 FROM v_documents ORDER BY ALL",
                "SELECT file_name, metric, value, unit, scope, period, evidence FROM v_facts"
                " ORDER BY ALL",
                "SELECT file_name, rule, severity, metric, message FROM v_flags ORDER BY ALL",
                "SELECT rel_path, metric, value, relation, role, complete, other_metric,"
                " other_value FROM v_fact_links ORDER BY ALL",
            )
        )
    finally:
        con.close()


@pytest.fixture(scope="module")
def local(folder, tmp_path_factory) -> tuple:
    db = tmp_path_factory.mktemp("local") / "w.duckdb"
    summary = ingest(folder, str(db), workers=2, units_csv=None)
    assert len(summary.loaded) == 3 and len(summary.failed) == 1
    return snapshot(db)


@pytest.mark.skipif(find_spec("distributed") is None, reason="Dask is not installed (make dask)")
def test_a_dask_cluster_gives_the_same_warehouse_as_the_local_pool(folder, local, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        db = tmp_path / "dask.duckdb"
        summary = ingest(
            folder, str(db), units_csv=None, executor="dask", scheduler=cluster.scheduler_address
        )
    assert len(summary.loaded) == 3
    assert snapshot(db) == local and local[1] and local[3]


def test_results_staged_as_parquet_and_loaded_later_give_the_same_warehouse(
    folder, local, tmp_path
):
    stage, db = tmp_path / "stage", tmp_path / "staged.duckdb"
    staged = stage_ingest(folder, stage, None, Execution(workers=2))
    assert len(staged.loaded) == 3 and len(partitions(stage)) >= 1
    assert not db.exists()  # the heavy part never touched the warehouse
    loaded = load_stage(stage, str(db))
    assert len(loaded.loaded) == 3 and len(loaded.failed) == 1
    assert snapshot(db) == local
    assert partitions(stage) == []  # loaded partitions are not loaded twice


def test_documents_go_to_dask_in_chunks_that_shrink_towards_the_end():
    from pipeline.dask_executor import CHUNK, DaskExecutor, chunk_size

    assert chunk_size(500, 2) == CHUNK
    assert chunk_size(40, 2) == 2  # still eight tasks a worker
    assert chunk_size(3, 2) == 1
    sent: list = []
    executor = DaskExecutor.__new__(DaskExecutor)  # no cluster: only the bookkeeping
    executor._send = lambda jobs, priority=0: sent.append(len(jobs))  # type: ignore[method-assign]
    executor.waiting, executor.workers = list(range(200)), 2  # type: ignore[list-item]
    executor.dispatch()
    assert sum(sent) == 200 and sent[0] == CHUNK and sent[-16:] == [1] * 16


def test_a_chunk_whose_worker_died_is_sent_again_one_document_a_task():
    from pipeline.dask_executor import DaskExecutor
    from pipeline.jobs import DocJob

    sent: list = []
    executor = DaskExecutor.__new__(DaskExecutor)  # no cluster: only the bookkeeping
    executor._send = lambda jobs, priority=0: sent.append(jobs)  # type: ignore[method-assign]
    a, b = DocJob("a.pdf", None), DocJob("b.pdf", None)  # type: ignore[arg-type]
    died, finished = _Future("error"), _Future("finished")
    executor.futures = {died: [a, b], finished: [a]}
    assert executor._ended(died, None) == [] and sent == [[a], [b]]
    assert [o.result for o in executor._ended(finished, ["read"])] == ["read"]
    executor.futures = {died: [a]}
    assert [o.failure for o in executor._ended(died, None)] == ["died"]


class _Future:
    def __init__(self, status: str) -> None:
        self.status = status
