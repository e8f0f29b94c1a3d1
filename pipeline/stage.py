"""Results staged as Parquet partitions, loaded into the warehouse later.

`python -m pipeline ingest RAW --stage DIR` does the heavy part (read, extract, check: on a
Dask cluster too) without writing the warehouse: every batch of results becomes a partition
DIR/part-<id>/ with documents, facts, flags and refs as Parquet files (written by DuckDB,
renamed into place only when whole). Which files are read is planned against the warehouse
when it is there (read-only), else every file is read. `python -m pipeline load DIR` then loads
the partitions as an ingest would (each document replaced whole, a batch per transaction) and
refreshes units, copies and cross-document flags. Files removed or moved are the business of a
plain ingest, which sees the folder.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from model import DocMeta, Fact, FactLink, Flag, Reference
from warehouse.store import DocumentResult, FileState, link_rows

MANIFEST = "stage.json"
PARTITION_DOCUMENTS = 256
TABLES = {"facts": Fact, "flags": Flag, "refs": Reference}
SQL_TYPES = {"str": "VARCHAR", "float": "DOUBLE", "int": "BIGINT", "bool": "BOOLEAN"}
# the relations between a document's facts, by their numbers (as the warehouse keeps them)
LINK_COLUMNS = {
    "rel_path": "VARCHAR",
    "fact_no": "BIGINT",
    "relation": "VARCHAR",
    "other_no": "BIGINT",
    "role": "VARCHAR",
    "complete": "BOOLEAN",
}
DOCUMENT_COLUMNS = {
    "rel_path": "VARCHAR",
    "file_name": "VARCHAR",
    "size": "BIGINT",
    "mtime": "DOUBLE",
    "sha256": "VARCHAR",
    "status": "VARCHAR",
    "error": "VARCHAR",
    "pages": "BIGINT",
    "file_type": "VARCHAR",
    "warnings": "VARCHAR",  # a JSON list
}


def _columns(kind) -> dict[str, str]:
    """The dataclass's plain fields with their SQL types (links between facts are not kept)."""
    out = {}
    for f in dataclasses.fields(kind):
        base = str(f.type).split("|")[0].strip()
        if base in SQL_TYPES:
            out[f.name] = SQL_TYPES[base]
    return out


class Stager:
    """Writes results as partitions; the same interface as pipeline.writer.Writer."""

    def __init__(self, stage: Path, folder: str, version: str, summary, rel_paths: list[str]):
        self.stage, self.summary = stage, summary
        self.remaining = dict.fromkeys(rel_paths)
        self.pending: list[DocumentResult] = []
        stage.mkdir(parents=True, exist_ok=True)
        (stage / MANIFEST).write_text(json.dumps({"source_dir": folder, "code_version": version}))
        summary.not_loaded = list(self.remaining)

    def add(self, result: DocumentResult) -> None:
        self.pending.append(result)
        if len(self.pending) >= PARTITION_DOCUMENTS:
            self.flush()

    def idle(self) -> None:
        """Partitions are written when full (and at the end), not when the readers pause."""

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        write_partition(self.stage, batch)
        for result in batch:
            if result.status == "ok":
                self.summary.loaded.append(result.state.rel_path)
                self.summary.facts += len(result.facts)
                self.summary.flags += len(result.flags)
            else:
                self.summary.failed.append((result.state.rel_path, result.error or ""))
            self.remaining.pop(result.state.rel_path, None)
        self.summary.not_loaded = list(self.remaining)


def write_partition(stage: Path, results: list[DocumentResult]) -> Path:
    """One partition of results, renamed into place when every file of it is written."""
    name = f"part-{uuid.uuid4().hex[:12]}"
    tmp = stage / f".{name}"
    tmp.mkdir()
    con = duckdb.connect()
    try:
        meta = _columns(DocMeta)
        docs = [_document_row(r) + [getattr(r.meta, c) for c in meta] for r in results]
        _write(con, tmp / "documents.parquet", {**DOCUMENT_COLUMNS, **meta}, docs)
        for table, kind in TABLES.items():
            cols = _columns(kind)
            rows = [
                [r.state.rel_path] + [getattr(x, c) for c in cols]
                for r in results
                for x in getattr(r, table)
            ]
            _write(con, tmp / f"{table}.parquet", {"rel_path": "VARCHAR", **cols}, rows)
        links = [[r.state.rel_path, *row[1:]] for r in results for row in link_rows(0, r.facts)]
        _write(con, tmp / "links.parquet", LINK_COLUMNS, links)
    finally:
        con.close()
    os.rename(tmp, stage / name)
    return stage / name


def _document_row(r: DocumentResult) -> list:
    st = r.state
    warnings = json.dumps(r.warnings, ensure_ascii=False)
    return [st.rel_path, r.file_name, st.size, st.mtime, st.sha256, r.status, r.error] + [
        r.pages,
        r.file_type,
        warnings,
    ]


def _write(con, path: Path, columns: dict[str, str], rows: list[list]) -> None:
    spec = ", ".join(f'"{c}" {t}' for c, t in columns.items())
    con.execute(f"CREATE OR REPLACE TABLE t ({spec})")
    if rows:
        frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
        con.register("incoming", frame)
        con.execute("INSERT INTO t SELECT * FROM incoming")
        con.unregister("incoming")
    con.execute(f"COPY t TO '{path}' (FORMAT PARQUET)")


# --------------------------------------------------------------------------- loading


def manifest(stage: Path) -> dict:
    return json.loads((stage / MANIFEST).read_text())


def partitions(stage: Path) -> list[Path]:
    return sorted(p for p in stage.glob("part-*") if p.is_dir())


def read_partition(part: Path) -> list[DocumentResult]:
    """The results of one partition, as the workers gave them (their warehouse columns)."""
    con = duckdb.connect()
    try:
        children = {
            table: _grouped(con, part / f"{table}.parquet", kind) for table, kind in TABLES.items()
        }
        links = _records(
            con.execute(f"SELECT * FROM read_parquet('{part / 'links.parquet'}')").df()
        )
        frame = con.execute(f"SELECT * FROM read_parquet('{part / 'documents.parquet'}')").df()
    finally:
        con.close()
    for row in links:
        facts = children["facts"].get(row["rel_path"], [])
        one, other = facts[int(row["fact_no"])], facts[int(row["other_no"])]
        complete = None if row["complete"] is None else bool(row["complete"])
        one.links.append(FactLink(row["relation"], other, row["role"], complete))
    meta_cols = list(_columns(DocMeta))
    out = []
    for row in _records(frame):
        rel = row["rel_path"]
        state = FileState(rel, int(row["size"]), float(row["mtime"]), row["sha256"])
        out.append(
            DocumentResult(
                state=state,
                file_name=row["file_name"],
                status=row["status"],
                error=row["error"],
                meta=DocMeta(**{c: row[c] for c in meta_cols}),
                pages=None if row["pages"] is None else int(row["pages"]),
                file_type=row["file_type"],
                warnings=json.loads(row["warnings"] or "[]"),
                **{table: children[table].get(rel, []) for table in TABLES},
            )
        )
    return out


def _grouped(con, path: Path, kind) -> dict[str, list]:
    types = _columns(kind)
    frame = con.execute(f"SELECT * FROM read_parquet('{path}')").df()
    out: dict[str, list] = {}
    for row in _records(frame):
        rel = row.pop("rel_path")
        values = {c: _typed(v, types[c]) for c, v in row.items()}
        out.setdefault(rel, []).append(kind(**values))
    return out


def _records(frame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _typed(value, sql_type: str):
    """A value back in its Python type (pandas gives nullable integers as floats)."""
    if value is None:
        return None
    if sql_type == "BIGINT":
        return int(value)
    if sql_type == "BOOLEAN":
        return bool(value)
    return value


# --------------------------------------------------------------------------- the commands


def stage_ingest(raw_dir: Path, stage: Path, db_path: str | None, run, retry_failed=False):
    """Read what an ingest would read into partitions under `stage` (the warehouse, when it
    is there, only tells which files are unchanged)."""
    from pipeline.ingest import IngestSummary, read_all
    from pipeline.plan import code_version, plan, source_folder, walk

    summary = IngestSummary(source=raw_dir)
    found = walk(raw_dir, summary.ignored)
    summary.unreadable_dirs = found.unreadable
    version = code_version()
    todo = plan(raw_dir, found, _known(db_path), version, retry_failed)
    summary.skipped, summary.skipped_failed = todo.skipped, todo.skipped_failed
    rel_paths = [state.rel_path for _, state in todo.jobs]
    stager = Stager(stage, source_folder(raw_dir), version, summary, rel_paths)
    try:
        read_all(stager, todo.jobs, run)
    except KeyboardInterrupt:
        summary.stopped = True
    return summary


def stage_command(args, raw_dir: Path, db_path: str, limit_values: dict) -> int:
    """`ingest RAW --stage DIR`: read into partitions, print the summary, return the exit code."""
    import catalog
    from pipeline.ingest import Execution
    from pipeline.output import print_summary

    run = Execution(args.executor, args.scheduler, args.workers, None, limit_values)
    with catalog.settings_overridden("limits", limit_values):
        summary = stage_ingest(raw_dir, Path(args.stage), db_path, run, args.retry_failed)
    print_summary(summary, f"{args.stage} (Parquet; nạp bằng `python -m pipeline load`)")
    return summary.exit_code


def _known(db_path: str | None) -> list:
    from warehouse.lifecycle import known_documents
    from warehouse.store import open_warehouse

    if not db_path or not Path(db_path).is_file():
        return []
    con = open_warehouse(db_path, read_only=True)
    try:
        return known_documents(con)
    finally:
        con.close()


def load_stage(stage: Path, db_path: str, units_csv: Path | None = None):
    """Load every partition not loaded yet into the warehouse (a partition loaded is renamed
    done-<id>), then refresh what spans documents."""
    from pipeline.ingest import IngestSummary, refresh_after_batch
    from pipeline.writer import Writer
    from warehouse.store import open_warehouse

    info = manifest(stage)
    summary = IngestSummary(source=stage)
    con = open_warehouse(db_path, backup=True)
    try:
        for part in partitions(stage):
            results = read_partition(part)
            rel_paths = [r.state.rel_path for r in results]
            writer = Writer(con, info["source_dir"], info["code_version"], summary, rel_paths)
            for result in results:
                writer.add(result)
            writer.flush()
            part.rename(part.with_name("done-" + part.name.removeprefix("part-")))
        refresh_after_batch(con, summary, units_csv)
    except KeyboardInterrupt:
        summary.stopped = True
    finally:
        con.close()
    return summary
