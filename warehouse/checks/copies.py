"""Copies of one report: the .docx and its signed PDF, a text PDF and its scan.

Two loaded documents are copies when they come from the same unit, carry the same date and
number (or one lacks the number, as a scan may) and state nearly the same figures. One of a
group is primary: a text file over a scan, then the later file over the earlier (the signed
PDF is made after the Word file), then the PDF. The others stay in the warehouse with their
own figures and flags, linked to the primary in `doc_copies`; comparisons, roll-ups and
exports count the primary only.

    copy_conflict   a figure one copy states differently from the primary (warning), one flag
                    row on each of the two documents (scope 'copy')

Run after the unit register (warehouse.units) and before the cross-document checks, which
leave non-primary copies out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import regex

import catalog
from warehouse.schema import rollback

# Nearly the same figures: the share of the smaller document's figures the other states too,
# and the share of those stated alike; stricter when one copy has no number to match.
WITH_NUMBER = (0.5, 0.6)
WITHOUT_NUMBER = (0.8, 0.8)
FILE_RANK = {"pdf": 3, "docx": 2, "doc": 1, "pdf-ocr": 0}

DOCS = """
SELECT d.doc_id, u.unit_id, d.doc_number, d.doc_date, d.period, d.file_type, d.mtime, d.rel_path
FROM documents d JOIN doc_units u USING (doc_id)
WHERE d.status = 'ok' AND u.unit_id IS NOT NULL AND d.doc_date IS NOT NULL
"""
FACTS = """
SELECT f.doc_id, f.metric, coalesce(f.scope, ''), coalesce(f.period, d.period, ''),
       list(DISTINCT f.value), min(f.evidence), min(f.page)
FROM facts f JOIN documents d USING (doc_id)
WHERE d.status = 'ok' AND f.value IS NOT NULL
GROUP BY ALL
"""


@dataclass
class Doc:
    doc_id: int
    unit_id: str
    number: str | None
    date: object
    period: str | None
    file_type: str | None
    mtime: float | None
    rel_path: str
    facts: dict  # (metric, scope, period) -> (values, evidence, page)

    def rank(self) -> tuple:
        scan = self.file_type == "pdf-ocr"
        return (not scan, self.mtime or 0.0, FILE_RANK.get(self.file_type or "", 0), self.doc_id)


def _number_key(number: str | None) -> str | None:
    return regex.sub(r"[\s.]", "", number).upper() if number else None


def similarity(a: dict, b: dict) -> tuple[float, float]:
    """(share of the smaller set of figures the other states, share of those stated alike)."""
    if not a or not b:
        return (1.0, 1.0) if not a and not b else (0.0, 0.0)
    common = a.keys() & b.keys()
    if not common:
        return 0.0, 0.0
    alike = sum(1 for k in common if set(a[k][0]) & set(b[k][0]))
    return len(common) / min(len(a), len(b)), alike / len(common)


def are_copies(a: Doc, b: Doc) -> bool:
    if a.unit_id != b.unit_id or a.date != b.date:
        return False
    if a.period and b.period and a.period != b.period:
        return False
    na, nb = _number_key(a.number), _number_key(b.number)
    if na and nb and na != nb:
        return False
    share, alike = similarity(a.facts, b.facts)
    need = WITH_NUMBER if na and nb else WITHOUT_NUMBER
    return share >= need[0] and alike >= need[1]


def copy_groups(docs: list[Doc]) -> list[list[Doc]]:
    """Groups of two or more copies, primary first."""
    parent = {d.doc_id: d.doc_id for d in docs}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    buckets: dict[tuple, list[Doc]] = defaultdict(list)
    for d in docs:
        buckets[(d.unit_id, d.date)].append(d)
    for bucket in buckets.values():
        for a, b in combinations(bucket, 2):
            if are_copies(a, b):
                parent[root(a.doc_id)] = root(b.doc_id)
    groups: dict[int, list[Doc]] = defaultdict(list)
    for d in docs:
        groups[root(d.doc_id)].append(d)
    return [sorted(g, key=Doc.rank, reverse=True) for g in groups.values() if len(g) > 1]


def _vn(x: float) -> str:
    text = f"{x:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def conflicts(primary: Doc, copy: Doc) -> list[tuple]:
    """copy_conflict flag rows (doc_id, metric, message, evidence, page) for both documents."""
    out = []
    for key in sorted(primary.facts.keys() & copy.facts.keys()):
        (pv, pe, pp), (cv, ce, cp) = primary.facts[key], copy.facts[key]
        if len(pv) != 1 or len(cv) != 1 or abs(pv[0] - cv[0]) < 1e-6:
            continue  # a figure stated twice in one file has its own value_conflict
        metric, scope, period = key
        what = catalog.label(metric) + (f" ({scope})" if scope else "")
        message = (
            f"{what} kỳ {period}: bản {copy.rel_path} ghi {_vn(cv[0])}, bản chính "
            f"{primary.rel_path} ghi {_vn(pv[0])} (hai bản của cùng một báo cáo)."
        )
        out.append((copy.doc_id, metric, message, ce, cp))
        out.append((primary.doc_id, metric, message, pe, pp))
    return out


def load_docs(con) -> list[Doc]:
    facts: dict[int, dict] = defaultdict(dict)
    for doc_id, metric, scope, period, values, evidence, page in con.execute(FACTS).fetchall():
        facts[doc_id][(metric, scope, period)] = (sorted(values), evidence, page)
    docs = con.execute(DOCS).fetchall()
    return [
        Doc(doc_id, unit, number, date, period, file_type, mtime, path, facts.get(doc_id, {}))
        for doc_id, unit, number, date, period, file_type, mtime, path in docs
    ]


def refresh_copies(con) -> int:
    """Rebuild `doc_copies` and the copy_conflict flags; return how many copies were found."""
    groups = copy_groups(load_docs(con))
    links, flags = [], []
    for group in groups:
        primary = group[0]
        links.append((primary.doc_id, primary.doc_id, 1.0))
        for copy in group[1:]:
            links.append((copy.doc_id, primary.doc_id, similarity(primary.facts, copy.facts)[1]))
            flags.extend(conflicts(primary, copy))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM doc_copies")
        con.execute("DELETE FROM flags WHERE scope = 'copy'")
        if links:
            con.executemany("INSERT INTO doc_copies VALUES (?, ?, ?)", links)
        for doc_id, metric, message, evidence, page in dict.fromkeys(flags):
            con.execute(
                "INSERT INTO flags (doc_id, file_name, scope, rule, severity, metric, message,"
                " evidence, page) SELECT ?, file_name, 'copy', 'copy_conflict', 'warning', ?, ?,"
                " ?, ? FROM documents WHERE doc_id = ?",
                [doc_id, metric, message, evidence, page, doc_id],
            )
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    return sum(len(g) - 1 for g in groups)
