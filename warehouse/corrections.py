"""The clerk's corrections and flag reviews: recorded once, kept across every re-ingest.

A correction is keyed by the document's content hash (sha256) and the figure's metric, scope,
period, evidence and number as written; a review by the hash and the flag's rule, metric and
evidence - never by a row number. Both tables are append-only: the latest entry for a figure
or flag is in force, the earlier ones are the audit trail (`v_corrections`). Which entry
applies to which figure is decided by the views (warehouse.schema), so a re-ingest of an
unchanged file, or of a changed one whose sentence still stands, finds its corrections again
without any step of its own; the ones that no longer match turn `stale`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warehouse.schema import rollback

REVIEW_STATUSES = ("unreviewed", "confirmed", "misread", "dismissed")


@dataclass(frozen=True)
class FactKey:
    """What identifies a figure across re-ingests."""

    sha256: str
    metric: str
    scope: str | None
    period: str | None
    evidence: str
    raw: str | None


@dataclass(frozen=True)
class FlagKey:
    """What identifies a flag across re-ingests."""

    sha256: str
    rule: str
    metric: str | None
    evidence: str


@dataclass(frozen=True)
class FactEdit:
    key: FactKey
    value: float | None  # None: no corrected value (back to the extracted one)
    note: str | None
    reviewer: str | None


@dataclass(frozen=True)
class FlagEdit:
    key: FlagKey
    status: str  # one of REVIEW_STATUSES
    note: str | None
    reviewer: str | None


@dataclass(frozen=True)
class StaleCorrection:
    kind: str  # value | flag
    file_name: str | None
    metric: str | None
    rule: str | None
    evidence: str
    value_corrected: float | None
    status: str | None


def record(
    con,
    facts: list[FactEdit],
    flags: list[FlagEdit],
    source_file: str | None = None,
    as_written: Callable[[str], str] = str,
) -> tuple[int, int]:
    """Store the edits in one transaction; return how many corrections and reviews were added.

    `as_written` is what the workbook made of a text (it drops characters a cell cannot hold):
    an edit's evidence is matched back to the text the warehouse stores through it. An edit
    the warehouse already holds (the same workbook applied twice) adds nothing.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        n_facts = sum(_record_fact(con, e, source_file, as_written) for e in facts)
        n_flags = sum(_record_flag(con, e, source_file, as_written) for e in flags)
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return n_facts, n_flags


def _document(con, sha256: str) -> tuple[int | None, str | None]:
    row = con.execute(
        "SELECT min(doc_id), min(file_name) FROM documents WHERE sha256 = ?", [sha256]
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


_FACT_MATCH = """
    FROM v_facts f JOIN documents d ON d.doc_id = f.doc_id
    WHERE d.sha256 = ? AND f.metric = ? AND f.scope IS NOT DISTINCT FROM ?
      AND f.period IS NOT DISTINCT FROM ? AND coalesce(f.evidence, '') = ?
    ORDER BY (coalesce(f.raw, '') = coalesce(?, '')) DESC, f.fact_id LIMIT 1"""


def _stored_evidence(con, written: str, as_written, sql: str, params: list) -> str:
    """The evidence as the warehouse holds it for the one the workbook shows.

    The key must be the stored text, or the correction would never match its figure again.
    """
    stored = [r[0] for r in con.execute(sql, params).fetchall() if r[0] is not None]
    if written in stored:
        return written
    return next((e for e in stored if as_written(e) == written), written)


def _record_fact(con, edit: FactEdit, source_file: str | None, as_written) -> bool:
    k = edit.key
    evidence = _stored_evidence(
        con,
        k.evidence,
        as_written,
        "SELECT DISTINCT f.evidence FROM v_facts f JOIN documents d ON d.doc_id = f.doc_id"
        " WHERE d.sha256 = ? AND f.metric = ?",
        [k.sha256, k.metric],
    )
    k = FactKey(k.sha256, k.metric, k.scope, k.period, evidence, k.raw)
    doc_id, file_name = _document(con, k.sha256)
    current = con.execute(
        f"SELECT f.value_extracted, f.value, f.corrected, f.correction_note {_FACT_MATCH}",
        [k.sha256, k.metric, k.scope, k.period, k.evidence, k.raw],
    ).fetchone()
    extracted, before, corrected, note = current if current else (None, None, False, None)
    if current and (before if corrected else None) == edit.value and note == edit.note:
        return False
    con.execute(
        "INSERT INTO corrections (sha256, doc_id, file_name, metric, scope, period, evidence, raw,"
        " value_extracted, value_before, value_corrected, note, reviewer, source_file)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            k.sha256,
            doc_id,
            file_name,
            k.metric,
            k.scope,
            k.period,
            k.evidence,
            k.raw,
            extracted,
            before,
            edit.value,
            edit.note,
            edit.reviewer,
            source_file,
        ],
    )
    return True


def _record_flag(con, edit: FlagEdit, source_file: str | None, as_written) -> bool:
    k = edit.key
    evidence = _stored_evidence(
        con,
        k.evidence,
        as_written,
        "SELECT DISTINCT coalesce(g.evidence, '') FROM v_flags g"
        " JOIN documents d ON d.doc_id = g.doc_id WHERE d.sha256 = ? AND g.rule = ?",
        [k.sha256, k.rule],
    )
    k = FlagKey(k.sha256, k.rule, k.metric, evidence)
    doc_id, file_name = _document(con, k.sha256)
    current = con.execute(
        "SELECT g.review_status, g.review_note FROM v_flags g"
        " JOIN documents d ON d.doc_id = g.doc_id"
        " WHERE d.sha256 = ? AND g.rule = ? AND g.metric IS NOT DISTINCT FROM ?"
        " AND coalesce(g.evidence, '') = ? LIMIT 1",
        [k.sha256, k.rule, k.metric, k.evidence],
    ).fetchone()
    if current and current[0] == edit.status and current[1] == edit.note:
        return False
    con.execute(
        "INSERT INTO flag_reviews (sha256, doc_id, file_name, rule, metric, evidence,"
        " status_before, status, note, reviewer, source_file)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            k.sha256,
            doc_id,
            file_name,
            k.rule,
            k.metric,
            k.evidence,
            current[0] if current else None,
            edit.status,
            edit.note,
            edit.reviewer,
            source_file,
        ],
    )
    return True


def stale(con, rel_paths: list[str] | None = None) -> list[StaleCorrection]:
    """Corrections and reviews in force no more because no figure or flag matches them.

    Only the latest entry of each key counts (an earlier one replaced by it is history, not
    stale). `rel_paths` narrows the list to those documents (the files just re-read).
    """
    sql = """
        WITH s AS (
          SELECT v.*, row_number() OVER (
                   PARTITION BY kind, coalesce(CAST(doc_id AS VARCHAR), sha256), metric, scope,
                                period, rule, evidence ORDER BY id DESC) AS latest
          FROM v_corrections v)
        SELECT s.kind, s.file_name, s.metric, s.rule, s.evidence, s.value_corrected, s.status
        FROM s LEFT JOIN documents d ON d.doc_id = s.doc_id
        WHERE s.state = 'stale' AND s.latest = 1
          AND NOT (s.kind = 'value' AND s.value_corrected IS NULL AND s.note IS NULL)
          AND NOT (s.kind = 'flag' AND s.status = 'unreviewed' AND s.note IS NULL)"""
    params: list = []
    if rel_paths is not None:
        if not rel_paths:
            return []
        sql += f" AND d.rel_path IN ({', '.join('?' * len(rel_paths))})"
        params = list(rel_paths)
    rows = con.execute(sql + " ORDER BY s.file_name, s.kind, s.metric", params).fetchall()
    return [StaleCorrection(*r) for r in rows]
