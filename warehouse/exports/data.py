"""The rows the workbook and the review page show, read once from the warehouse views.

A file is shown by its path under the ingested folder (two offices name files alike).

Every row is a dict keyed by column name; documents are keyed by doc_id and carry their
content hash (sha256), the key corrections and reviews are recorded under.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

_DOCS = """
    SELECT d.doc_id, d.rel_path AS file_name, d.status, d.error, d.doc_type, d.issuer,
           d.province, d.period, d.doc_number, d.doc_date, d.pages, d.sha256, d.rel_path,
           (SELECT count(*) FROM v_facts f WHERE f.doc_id = d.doc_id) AS facts,
           (SELECT count(*) FROM v_flags g WHERE g.doc_id = d.doc_id) AS flags
    FROM v_documents d ORDER BY d.rel_path"""

_FACTS = """
    SELECT f.fact_id, f.doc_id, d.sha256, f.rel_path AS file_name, d.issuer, f.metric, f.value,
           f.value_extracted, f.corrected, f.unit, f.qualifier, f.scope, f.period, f.page,
           f.evidence, f.raw, f.decimals, f.source, f.correction_note AS note,
           f.corrected_by AS reviewer
    FROM v_facts f JOIN v_documents d ON d.doc_id = f.doc_id
    ORDER BY f.rel_path, f.doc_id, f.block_index, f.row_index, f.col_index, f.start_offset,
             f.metric, f.fact_id"""

_FLAGS = """
    SELECT g.flag_id, g.doc_id, d.sha256, g.rel_path AS file_name, g.rule, g.severity,
           g.metric, g.message, g.evidence, g.page, g.scope, g.review_status AS status,
           g.review_note AS note,
           g.reviewed_by AS reviewer
    FROM v_flags g JOIN v_documents d ON d.doc_id = g.doc_id
    ORDER BY g.severity, g.rel_path, g.rule, g.flag_id"""

_HISTORY = """
    SELECT kind, changed_at, reviewer, file_name, metric, scope, period, rule, evidence,
           value_extracted, value_before, value_corrected, status_before, status, note, state
    FROM v_corrections ORDER BY changed_at DESC, id DESC"""


@dataclass
class ReportData:
    docs: list[dict]
    facts: list[dict]
    flags: list[dict]
    history: list[dict]
    # per flag_id: the column headers and values of the table row it quotes
    flag_cells: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


def _dicts(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def read(con) -> ReportData:
    """Everything the workbook and the page show."""
    data = ReportData(
        docs=_dicts(con, _DOCS),
        facts=_dicts(con, _FACTS),
        flags=_dicts(con, _FLAGS),
        history=_dicts(con, _HISTORY),
    )
    data.flag_cells = table_cells(data.facts, data.flags)
    return data


def _table_row(fact: dict) -> tuple[str, str] | None:
    """(column header, row text) of a table figure, whose evidence is `header: raw | row`."""
    evidence, raw = fact.get("evidence") or "", fact.get("raw") or ""
    marker = f": {raw} | "
    at = evidence.find(marker) if raw else -1
    if at <= 0:
        return None
    return evidence[:at], evidence[at + len(marker) :]


def table_cells(facts: list[dict], flags: list[dict]) -> dict[int, list[tuple[str, str]]]:
    """For each flag quoting a table row: the (header, value) pairs the finders read in it.

    The finders keep a table figure's evidence as `header: raw | a | b | c`; a flag quotes
    either that or the bare row `a | b | c`. The figures of the same document and row give
    the headers back.
    """
    rows: dict[tuple[int, str], dict[str, str]] = defaultdict(dict)
    for f in facts:
        if f.get("source") != "table":
            continue
        parsed = _table_row(f)
        if parsed:
            header, row = parsed
            rows[(f["doc_id"], row)].setdefault(header, f["raw"])
    out: dict[int, list[tuple[str, str]]] = {}
    for g in flags:
        evidence = g.get("evidence") or ""
        cells = rows.get((g["doc_id"], evidence))
        if cells is None:
            parsed = _table_row({"evidence": evidence, "raw": _raw_after_header(evidence)})
            cells = rows.get((g["doc_id"], parsed[1])) if parsed else None
        if cells:
            out[g["flag_id"]] = list(cells.items())
    return out


def _raw_after_header(evidence: str) -> str:
    """`Số lượt: 4 | 1 | ...` -> `4` (the value quoted after a column header)."""
    head, sep, _ = evidence.partition(" | ")
    if not sep or ": " not in head:
        return ""
    return head.rsplit(": ", 1)[1]
