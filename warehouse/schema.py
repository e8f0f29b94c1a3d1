"""The warehouse schema, its contract views and its migrations.

Tables (internal, free to evolve through MIGRATIONS):
  documents       one row per source file seen: doc_id, rel_path (key: path relative to the
                  ingested folder), file_name, size, mtime, sha256, status ('ok'|'failed'),
                  error, doc_type, issuer, province, period, doc_number, doc_date, title,
                  pages, file_type, loaded_at
  facts           one row per figure: doc_id + every field of extractors.model.Fact
                  (start/end as start_offset/end_offset, row/col as row_index/col_index,
                  group as grp)
  flags           one row per inconsistency: doc_id, rule, severity, metric, message,
                  evidence, page, origin ('document' from the per-document checks,
                  'cross_doc' from warehouse.cross_checks)
  doc_references  one row per cited document: doc_id + every field of Reference

Views (the outside contract, ../shared/spec/contract.md): v_documents, v_facts, v_flags,
plus v_references.
"""
from __future__ import annotations

SCHEMA_VERSION = 2

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

MIGRATIONS = {1: _V1, 2: _V2}

VIEWS = [
    """CREATE OR REPLACE VIEW v_documents AS
       SELECT file_name, status, error, doc_type, issuer, province, period, doc_number, doc_date,
              rel_path, title, pages, file_type, sha256, loaded_at, doc_id
       FROM documents""",
    """CREATE OR REPLACE VIEW v_facts AS
       SELECT d.file_name, f.metric, f.value, f.unit, f.qualifier, f.scope,
              coalesce(f.period, d.period) AS period, f.evidence, f.page,
              f.raw, f.source, f.block_index, f.start_offset, f.end_offset, f.row_index, f.col_index,
              d.issuer, d.rel_path, f.doc_id
       FROM facts f JOIN documents d USING (doc_id)""",
    """CREATE OR REPLACE VIEW v_flags AS
       SELECT d.file_name, g.rule, g.severity, g.metric, g.message, g.evidence, g.page, g.origin,
              d.rel_path, g.doc_id
       FROM flags g JOIN documents d USING (doc_id)""",
    """CREATE OR REPLACE VIEW v_references AS
       SELECT d.file_name, r.kind, r.number, r.issuer_code, r.date_text, r.date, r.date_valid,
              r.is_basis, r.evidence, r.page, d.rel_path, r.doc_id
       FROM doc_references r JOIN documents d USING (doc_id)""",
]


def current_version(con) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(con) -> int:
    """Bring a warehouse of any earlier version up to SCHEMA_VERSION, step by step."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"kho dữ liệu có phiên bản {version}, mới hơn chương trình ({SCHEMA_VERSION})")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        con.execute("BEGIN TRANSACTION")
        for sql in MIGRATIONS[step]:
            con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?)", [step])
        con.execute("COMMIT")
    for sql in VIEWS:
        con.execute(sql)
    return SCHEMA_VERSION
