"""The warehouse schema, its contract views and its migrations.

Tables (stable names; other modules such as warehouse.checks.cross write SQL over them):
  documents       one row per document seen: doc_id (stable across re-ingests, renames and
                  moves), source_dir (absolute folder it was ingested from) + rel_path (path
                  relative to it, '/'-separated) name the file, file_name (base name), size,
                  mtime (st_mtime), sha256, code_version (fingerprint of the extractor code
                  that read it), status ('ok'|'failed'|'removed'), error (one line, NULL when
                  ok), doc_type, issuer, province, period, doc_number, doc_date DATE, title,
                  pages, file_type, warnings, loaded_at, failed_size/failed_mtime/
                  failed_sha256 (the file a failed read saw), removed_at, removed_by
  facts           one row per figure: fact_id, doc_id, file_name + every field of
                  model.Fact, where start/end are start_offset/end_offset,
                  row/col are row_index/col_index and group is grp (SQL keywords);
                  period NULL means the document's period (v_facts fills it in)
  flags           one row per inconsistency: flag_id, doc_id, file_name, scope
                  ('document' from warehouse.checks, 'cross_doc' from warehouse.checks.cross,
                  one row per document involved), rule, severity, metric, message,
                  evidence, page
  doc_references  one row per cited document: ref_id, doc_id, file_name + every field of
                  model.Reference (kind, number, issuer_code, date_text, date DATE,
                  date_valid, evidence, page, block_index, is_basis); REFERENCES is an SQL
                  keyword, hence the name
  corrections     the clerk's figure corrections, append-only (the latest per figure is in
                  force): correction_id, sha256 + doc_id of the document they were made on,
                  the figure's key (metric, scope, period, evidence, raw), value_extracted,
                  value_before (the value in use before), value_corrected (NULL: back to the
                  extracted value), note, reviewer, source_file (the workbook), changed_at
  flag_reviews    the clerk's flag reviews, append-only likewise: review_id, sha256, doc_id,
                  the flag's key (rule, metric, evidence), status_before, status
                  (unreviewed|confirmed|misread|dismissed), note, reviewer, source_file,
                  changed_at
  backup_state    the data fingerprint of the last backup copy (warehouse.guard)
  schema_version  one row per applied migration step

A correction or review applies to the figures and flags of its document - the same content
(sha256) or the same document row (doc_id) after the file changed - whose key still matches:
never to a row number, so it survives every re-ingest while its evidence stands.

Ids: fact_id, flag_id and ref_id default to their sequences (fact_id_seq, flag_id_seq,
ref_id_seq), so an INSERT may leave them out. Loading a document deletes all its rows in
facts, flags (both scopes) and doc_references first.

  units, unit_successions, doc_units, doc_copies, unit_register_state
                  the unit register and each document's unit and copy group (version 6;
                  derived, rebuilt after every ingest: warehouse/units, warehouse/checks/copies)

Views (the outside contract, ../shared/spec/contract.md; contract columns first, more
follow): v_documents, v_facts (value is the value in use: the clerk's correction when there
is one, value_extracted beside it), v_flags (with the review status), plus v_references,
v_fact_corrections (which correction is in force for which fact) and v_corrections (the
audit: who changed what, when, from which value, and whether it still applies).
Removed documents are in none of them, only in v_documents_all.
v_documents, v_facts and v_flags end with unit_id and primary_doc_id (the primary document
of a copy group, the document itself when it has no copy); v_facts and v_flags also with
primary_rel_path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from warehouse.views import VIEWS

# a migration step's statements: SQL strings, or functions of the connection
Statement = str | Callable[[Any], None]

SCHEMA_VERSION = 7

_V1 = [
    "CREATE SEQUENCE IF NOT EXISTS doc_id_seq START 1",
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id INTEGER PRIMARY KEY DEFAULT nextval('doc_id_seq'),
        rel_path VARCHAR UNIQUE NOT NULL,
        file_name VARCHAR NOT NULL,
        size BIGINT, mtime DOUBLE, sha256 VARCHAR,
        status VARCHAR NOT NULL, error VARCHAR,
        doc_type VARCHAR, issuer VARCHAR, province VARCHAR, period VARCHAR,
        doc_number VARCHAR, doc_date DATE, title VARCHAR,
        pages INTEGER, file_type VARCHAR, loaded_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS facts (
        doc_id INTEGER NOT NULL, metric VARCHAR NOT NULL, value DOUBLE, unit VARCHAR,
        qualifier VARCHAR, scope VARCHAR, period VARCHAR, evidence VARCHAR, page INTEGER,
        block_index INTEGER, start_offset INTEGER, end_offset INTEGER, raw VARCHAR,
        source VARCHAR, row_index INTEGER, col_index INTEGER, grp VARCHAR, decimals INTEGER)""",
    """CREATE TABLE IF NOT EXISTS flags (
        doc_id INTEGER NOT NULL, rule VARCHAR NOT NULL, severity VARCHAR NOT NULL,
        metric VARCHAR, message VARCHAR, evidence VARCHAR, page INTEGER)""",
]

# Version 2: flags know whether they come from one document or from comparing documents;
# cited documents get a table of their own.
_V2 = [
    "ALTER TABLE flags ADD COLUMN IF NOT EXISTS origin VARCHAR DEFAULT 'document'",
    """CREATE TABLE IF NOT EXISTS doc_references (
        doc_id INTEGER NOT NULL, kind VARCHAR, number VARCHAR, issuer_code VARCHAR,
        date_text VARCHAR, date DATE, date_valid BOOLEAN, evidence VARCHAR, page INTEGER,
        block_index INTEGER, is_basis BOOLEAN)""",
]

# Version 3: every child row carries its own id and the file name (plain SQL over the
# tables without a join), flags.origin becomes scope, documents remember where they came
# from and which extractor code read them (so improved extractors re-read unchanged files).
# DuckDB refuses to alter a table and then update it in one transaction, so the child
# tables are rebuilt: create the new layout, copy, drop, rename.
_V3_FACTS = """CREATE TABLE facts_v3 (
        fact_id BIGINT DEFAULT nextval('fact_id_seq'), doc_id INTEGER NOT NULL, file_name VARCHAR,
        metric VARCHAR NOT NULL, value DOUBLE, unit VARCHAR, qualifier VARCHAR, scope VARCHAR,
        period VARCHAR, evidence VARCHAR, page INTEGER, block_index INTEGER, start_offset INTEGER,
        end_offset INTEGER, raw VARCHAR, source VARCHAR, row_index INTEGER, col_index INTEGER,
        grp VARCHAR, decimals INTEGER)"""
_V3_FLAGS = """CREATE TABLE flags_v3 (
        flag_id BIGINT DEFAULT nextval('flag_id_seq'), doc_id INTEGER NOT NULL, file_name VARCHAR,
        scope VARCHAR DEFAULT 'document', rule VARCHAR NOT NULL, severity VARCHAR NOT NULL,
        metric VARCHAR, message VARCHAR, evidence VARCHAR, page INTEGER)"""
_V3_REFS = """CREATE TABLE doc_references_v3 (
        ref_id BIGINT DEFAULT nextval('ref_id_seq'), doc_id INTEGER NOT NULL, file_name VARCHAR,
        kind VARCHAR, number VARCHAR, issuer_code VARCHAR, date_text VARCHAR, date DATE,
        date_valid BOOLEAN, evidence VARCHAR, page INTEGER, block_index INTEGER,
        is_basis BOOLEAN)"""
_FACT_FIELDS = (
    "metric, value, unit, qualifier, scope, period, evidence, page, block_index, start_offset, "
    "end_offset, raw, source, row_index, col_index, grp, decimals"
)
_REF_FIELDS = (
    "kind, number, issuer_code, date_text, date, date_valid, evidence, page, block_index, is_basis"
)
_V3 = [
    "DROP VIEW IF EXISTS v_documents",
    "DROP VIEW IF EXISTS v_facts",
    "DROP VIEW IF EXISTS v_flags",
    "DROP VIEW IF EXISTS v_references",
    "CREATE SEQUENCE IF NOT EXISTS fact_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS flag_id_seq START 1",
    "CREATE SEQUENCE IF NOT EXISTS ref_id_seq START 1",
    "ALTER TABLE documents ADD COLUMN source_dir VARCHAR",
    "ALTER TABLE documents ADD COLUMN code_version VARCHAR",
    "ALTER TABLE documents ADD COLUMN warnings VARCHAR",
    _V3_FACTS,
    f"""INSERT INTO facts_v3 (doc_id, file_name, {_FACT_FIELDS})
        SELECT t.doc_id, d.file_name, {", ".join("t." + c for c in _FACT_FIELDS.split(", "))}
        FROM facts t LEFT JOIN documents d USING (doc_id)""",
    _V3_FLAGS,
    """INSERT INTO flags_v3 (doc_id, file_name, scope, rule, severity, metric, message, evidence,
                             page)
        SELECT t.doc_id, d.file_name, coalesce(t.origin, 'document'), t.rule, t.severity, t.metric,
               t.message, t.evidence, t.page
        FROM flags t LEFT JOIN documents d USING (doc_id)""",
    _V3_REFS,
    f"""INSERT INTO doc_references_v3 (doc_id, file_name, {_REF_FIELDS})
        SELECT t.doc_id, d.file_name, {", ".join("t." + c for c in _REF_FIELDS.split(", "))}
        FROM doc_references t LEFT JOIN documents d USING (doc_id)""",
]
for _table in ("facts", "flags", "doc_references"):
    _V3 += [f"DROP TABLE {_table}", f"ALTER TABLE {_table}_v3 RENAME TO {_table}"]

# Version 4: a document is its source folder and relative path (two raw folders never replace
# each other), so rel_path alone is no longer unique; a file gone from its folder or removed by
# `pipeline remove` is kept with status 'removed' (removed_at, removed_by: 'ingest' | 'user'),
# out of every view; a failed read remembers the file it read (failed_size, failed_mtime,
# failed_sha256) so an unchanged failed file is not read again; backup_state holds the data
# fingerprint of the last backup copy (warehouse.guard). The table is rebuilt to drop the
# UNIQUE constraint, keeping every column it has (whichever steps added them) and doc_id.
_V4_COLUMNS = (
    ("failed_size", "BIGINT"),
    ("failed_mtime", "DOUBLE"),
    ("failed_sha256", "VARCHAR"),
    ("removed_at", "TIMESTAMP"),
    ("removed_by", "VARCHAR"),
)
_V4_CONSTRAINTS = {
    "doc_id": " PRIMARY KEY DEFAULT nextval('doc_id_seq')",
    "rel_path": " NOT NULL",
    "file_name": " NOT NULL",
    "status": " NOT NULL",
    "loaded_at": " DEFAULT current_timestamp",
}


def _documents_columns(con) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'documents'"
        " AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index"
    ).fetchall()


def _rebuild_documents(con) -> None:
    """documents without UNIQUE(rel_path), with the version 4 columns, every row kept."""
    old = _documents_columns(con)
    names = [n for n, _ in old]
    columns = old + [c for c in _V4_COLUMNS if c[0] not in names]
    spec = ", ".join(f"{n} {t}{_V4_CONSTRAINTS.get(n, '')}" for n, t in columns)
    con.execute(f"CREATE TABLE documents_v4 ({spec})")
    kept = ", ".join(names)
    con.execute(f"INSERT INTO documents_v4 ({kept}) SELECT {kept} FROM documents")
    con.execute("DROP TABLE documents")
    con.execute("ALTER TABLE documents_v4 RENAME TO documents")


_V4: list[Statement] = [
    "DROP VIEW IF EXISTS v_documents",
    "DROP VIEW IF EXISTS v_facts",
    "DROP VIEW IF EXISTS v_flags",
    "DROP VIEW IF EXISTS v_references",
    _rebuild_documents,
    "CREATE TABLE IF NOT EXISTS backup_state (fingerprint VARCHAR, taken_at TIMESTAMP)",
]

# Version 5: the clerk's corrections and flag reviews, kept across re-ingests.
_V5 = [
    "CREATE SEQUENCE IF NOT EXISTS correction_id_seq START 1",
    """CREATE TABLE IF NOT EXISTS corrections (
        correction_id BIGINT PRIMARY KEY DEFAULT nextval('correction_id_seq'),
        sha256 VARCHAR NOT NULL, doc_id INTEGER, file_name VARCHAR, metric VARCHAR NOT NULL,
        scope VARCHAR, period VARCHAR, evidence VARCHAR NOT NULL, raw VARCHAR,
        value_extracted DOUBLE, value_before DOUBLE, value_corrected DOUBLE, note VARCHAR,
        reviewer VARCHAR, source_file VARCHAR, changed_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE SEQUENCE IF NOT EXISTS review_id_seq START 1",
    """CREATE TABLE IF NOT EXISTS flag_reviews (
        review_id BIGINT PRIMARY KEY DEFAULT nextval('review_id_seq'),
        sha256 VARCHAR NOT NULL, doc_id INTEGER, file_name VARCHAR, rule VARCHAR NOT NULL,
        metric VARCHAR, evidence VARCHAR NOT NULL, status_before VARCHAR, status VARCHAR NOT NULL,
        note VARCHAR, reviewer VARCHAR, source_file VARCHAR,
        changed_at TIMESTAMP DEFAULT current_timestamp)""",
]

# Version 6: units and copies. The header's parent body and date-line place are kept, so the
# unit register can resolve documents again without reading them; the register (`units`, and
# `unit_successions`: every unit with each unit that continues it, transitively), each
# document's unit (`doc_units`) and its copy group (`doc_copies`) are derived tables, rebuilt
# after every ingest by warehouse.units and warehouse.checks.copies (no key constraints, so a
# rebuild may delete and insert the same ids in one transaction).
_V6 = [
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS issuer_parent VARCHAR",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS place VARCHAR",
    """CREATE TABLE IF NOT EXISTS units (
        unit_id VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR, level VARCHAR,
        parent_id VARCHAR, province VARCHAR, names VARCHAR[], successor_id VARCHAR, ended DATE,
        origin VARCHAR, chased BOOLEAN, note VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS unit_successions (
        unit_id VARCHAR NOT NULL, successor_id VARCHAR NOT NULL, ended DATE)""",
    """CREATE TABLE IF NOT EXISTS doc_units (
        doc_id INTEGER NOT NULL, unit_id VARCHAR, resolved_by VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS doc_copies (
        doc_id INTEGER NOT NULL, primary_doc_id INTEGER NOT NULL, similarity DOUBLE)""",
    "CREATE TABLE IF NOT EXISTS unit_register_state (fingerprint VARCHAR)",
]

# Version 7: the relations the finders record between a document's facts (a part and its
# whole, the sides of an a/b pair, a rate and the figures it is a rate of): facts get their
# number within the document (fact_no) and a facet (detail); fact_links holds the relations
# by fact number, so a document's rows are replaced together.
_V7 = [
    "ALTER TABLE facts ADD COLUMN IF NOT EXISTS fact_no INTEGER",
    "ALTER TABLE facts ADD COLUMN IF NOT EXISTS detail VARCHAR",
    """CREATE TABLE IF NOT EXISTS fact_links (
        doc_id INTEGER NOT NULL, fact_no INTEGER NOT NULL, relation VARCHAR NOT NULL,
        other_no INTEGER NOT NULL, role VARCHAR, complete BOOLEAN)""",
]

MIGRATIONS: dict[int, Sequence[Statement]] = {
    1: _V1,
    2: _V2,
    3: _V3,
    4: _V4,
    5: _V5,
    6: _V6,
    7: _V7,
}


class WarehouseTooNew(Exception):
    """The warehouse was written by a newer pipeline: refuse rather than guess its layout."""


def rollback(con) -> None:
    """Roll back if a transaction is still open (a failed COMMIT has already rolled back)."""
    try:
        con.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - no transaction active
        pass


def current_version(con) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(con) -> int:
    """Bring a warehouse of any earlier version up to SCHEMA_VERSION, one step per transaction.

    A step that fails rolls back whole, leaving the warehouse at the previous version.
    """
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise WarehouseTooNew(
            f"kho dữ liệu có phiên bản cấu trúc {version}, mới hơn chương trình này"
            f" ({SCHEMA_VERSION}); hãy cập nhật chương trình"
        )
    for step in sorted(s for s in MIGRATIONS if s > version):
        _apply(con, MIGRATIONS[step], step)
    if "removed_by" not in {n for n, _ in _documents_columns(con)}:
        _apply(con, _V4)  # a build that recorded step 4 before the step was merged
    for sql in VIEWS:
        con.execute(sql)
    return SCHEMA_VERSION


def _apply(con, statements: Sequence[Statement], step: int | None = None) -> None:
    """One migration step in one transaction: SQL strings, or functions of the connection."""
    con.execute("BEGIN TRANSACTION")
    try:
        for sql in statements:
            if callable(sql):
                sql(con)
            else:
                con.execute(sql)
        if step is not None:
            # (no parameters: binding one makes DuckDB import pandas, which a new warehouse
            # does not need yet)
            con.execute(f"INSERT INTO schema_version VALUES ({int(step)})")
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
