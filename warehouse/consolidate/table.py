"""The consolidated tables of one period for one stating unit, as plain rows.

For a stating unit (a province's UBND, a district's UBND, a Ban Dân vận ...) and a period,
each form of catalog/consolidation.toml becomes a table:

    1        UBND huyện Cao Lãnh          its own stated figures     Số 120/BC-UBND, ngày ...
    1.1        UBND xã Mỹ Hiệp            (flagged cells carry the flag's message)
    1.2        UBND xã Phong Mỹ           Chưa báo cáo
               Cộng 3 đơn vị thuộc ...    the communes summed, rates recomputed
    2        UBND huyện Tháp Mười         ...
             Tổng cộng các đơn vị         the units directly below summed once each
             Số liệu UBND tỉnh ... báo cáo
             Chênh lệch (báo cáo − tổng cộng)

The units directly below (one level down, in the register's reporting line) are the rows
summed; a unit with units of its own below it opens a group listing them with their subtotal.
Values are each unit's primary copy's, from `v_unit_facts`; rates are recomputed from the
row's counts, never averaged, and the stated rate is kept beside.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import catalog
from normalizers.text import fold

NEXT_LEVEL = {"province": "district", "district": "commune"}


@dataclass
class Column:
    key: str  # the metric; a rate's two columns are "<rate>#computed" and "<rate>#stated"
    metric: str
    group: str
    header: str
    kind: str = "count"  # count | computed | stated
    numerator: str | None = None
    denominator: str | None = None


@dataclass
class Row:
    kind: str  # unit | missing | subtotal | total | stated | difference
    label: str
    stt: str = ""
    depth: int = 0  # 1 for the units inside a group
    unit_id: str | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # by column key
    flags: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> (severity, msg)
    source: str = ""


@dataclass
class Sheet:
    id: str
    tab: str
    title: str
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Consolidation:
    period: str
    period_label: str
    unit_id: str
    unit_name: str
    province: str | None
    sheets: list[Sheet]
    missing: list[str]  # names of the units with no report for the period


def period_label(period: str) -> str:
    """2024-H1 -> "6 tháng đầu năm 2024"."""
    labels = catalog.consolidation()["period_labels"]
    year, span = period[:4], period[5:]
    if span.startswith("M"):
        return labels["M"].format(m=int(span[1:]), y=year)
    return labels.get(span or "year", labels["year"]).format(y=year)


def columns(spec: dict) -> list[Column]:
    form = catalog.consolidation()
    out = []
    for c in spec["columns"]:
        if "rate" in c:
            for kind, header in (
                ("computed", form["rate_computed"]),
                ("stated", form["rate_stated"]),
            ):
                out.append(
                    Column(
                        f"{c['rate']}#{kind}",
                        c["rate"],
                        c["group"],
                        header,
                        kind,
                        c["numerator"],
                        c["denominator"],
                    )
                )
        else:
            out.append(Column(c["metric"], c["metric"], c["group"], c["header"]))
    return out


class Source:
    """What the warehouse holds for one period: units, values, documents, flags."""

    def __init__(self, con, period: str) -> None:
        self.period = period
        rows = con.execute(
            "SELECT unit_id, name, level, parent_id, province, ended FROM units"
        ).fetchall()
        self.units = {r[0]: r for r in rows}
        self.children: dict[str, list[str]] = defaultdict(list)
        start = con.execute("SELECT period_start(?)", [period]).fetchone()[0]
        for uid, _, level, parent, _, ended in rows:
            if parent in self.units and level == NEXT_LEVEL.get(self.units[parent][2]):
                if ended is None or start is None or ended > start:
                    self.children[parent].append(uid)
        for kids in self.children.values():
            kids.sort(key=lambda u: fold(self.units[u][1]))
        self.values: dict[str, dict[str, tuple[float, int]]] = defaultdict(dict)
        for uid, metric, value, doc_id in con.execute(
            "SELECT unit_id, metric, value, doc_id FROM v_unit_facts WHERE period = ?", [period]
        ).fetchall():
            self.values[uid][metric] = (value, doc_id)
        self.docs = {
            r[0]: (r[1], r[2])
            for r in con.execute("SELECT doc_id, doc_number, doc_date FROM v_documents").fetchall()
        }
        # units that sent a report of the period (as v_missing counts them), primary copy first
        self.reports: dict[str, list[int]] = defaultdict(list)
        for uid, doc_id in con.execute(
            "SELECT unit_id, doc_id FROM v_documents WHERE status = 'ok' AND period = ?"
            " AND doc_id = primary_doc_id AND unit_id IS NOT NULL"
            " AND coalesce(doc_type, 'other') NOT IN ('ke_hoach', 'quyet_dinh')"
            " ORDER BY doc_date DESC NULLS LAST, doc_id DESC",
            [period],
        ).fetchall():
            self.reports[uid].append(doc_id)
        self.flags: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for doc_id, metric, severity, message in con.execute(
            "SELECT doc_id, metric, severity, message FROM v_flags WHERE metric IS NOT NULL"
        ).fetchall():
            self.flags[(doc_id, metric)].append((severity, message))


def unit_row(src: Source, uid: str, cols: list[Column], stt: str, depth: int) -> Row:
    """A unit's own stated figures, their flags and source documents (or `chưa báo cáo`)."""
    name = src.units[uid][1]
    own = src.values.get(uid, {})
    form = catalog.consolidation()
    if not own and not src.reports.get(uid):
        return Row("missing", name, stt, depth, uid, source=form["missing"])
    row = Row("unit", name, stt, depth, uid)
    docs = set()
    for c in cols:
        if c.kind == "computed" or c.metric not in own:
            continue
        value, doc_id = own[c.metric]
        row.values[c.key] = value
        docs.add(doc_id)
        if src.flags.get((doc_id, c.metric)):
            row.flags[c.key] = src.flags[(doc_id, c.metric)]
    recompute(row, cols)
    if not docs:  # it reported, but none of this form's figures
        docs = {src.reports[uid][0]} if src.reports.get(uid) else set()
        row.source = form["no_figures"] + ": "
    row.source += "; ".join(_doc_label(src.docs.get(d)) for d in sorted(docs))
    return row


def _doc_label(doc: tuple | None) -> str:
    if doc is None:
        return ""
    number, date = doc
    parts = [f"Số {number}" if number else "", f"ngày {date:%d/%m/%Y}" if date else ""]
    return ", ".join(p for p in parts if p)


def recompute(row: Row, cols: list[Column]) -> None:
    """Rates from the row's own counts: numerator / denominator * 100, rounded to 2 places."""
    for c in cols:
        if c.kind != "computed":
            continue
        num = row.values.get(c.numerator) if c.numerator is not None else None
        den = row.values.get(c.denominator) if c.denominator is not None else None
        row.values[c.key] = round(num / den * 100, 2) if num is not None and den else None


def summed(kind: str, label: str, rows: list[Row], cols: list[Column]) -> Row:
    row = Row(kind, label)
    for c in cols:
        if c.kind == "count":
            present = [v for r in rows if (v := r.values.get(c.key)) is not None]
            row.values[c.key] = sum(present) if present else None
    recompute(row, cols)
    return row


def difference(stated: Row, total: Row, cols: list[Column]) -> Row:
    row = Row("difference", catalog.consolidation()["difference"])
    for c in cols:
        base = total.values.get(
            c.key if c.kind != "stated" else c.key.replace("#stated", "#computed")
        )
        value = stated.values.get(c.key)
        if value is not None and base is not None:
            row.values[c.key] = round(value - base, 2)
    return row


def sheet_rows(src: Source, stating: str, cols: list[Column]) -> list[Row]:
    form = catalog.consolidation()
    rows, tops = [], []
    for i, child in enumerate(src.children.get(stating, []), start=1):
        top = unit_row(src, child, cols, str(i), 0)
        rows.append(top)
        tops.append(top)
        members = [
            unit_row(src, g, cols, f"{i}.{j}", 1)
            for j, g in enumerate(src.children.get(child, []), start=1)
        ]
        if members:
            rows.extend(members)
            label = form["subtotal"].format(
                unit=src.units[child][1], n=_reported(members), of=len(members)
            )
            rows.append(summed("subtotal", label, members, cols))
    total = summed("total", form["total"].format(n=_reported(tops), of=len(tops)), tops, cols)
    stated = unit_row(src, stating, cols, "", 0)
    stated.kind, stated.label = "stated", form["stated"].format(unit=src.units[stating][1])
    if not stated.source:
        stated.source = form["missing"]
    return rows + [total, stated, difference(stated, total, cols)]


def _reported(rows: list[Row]) -> int:
    return sum(1 for r in rows if r.kind != "missing")


def build(con, period: str, unit_id: str) -> Consolidation:
    """The consolidated tables of a period for a stating unit of the register."""
    src = Source(con, period)
    if unit_id not in src.units:
        raise KeyError(unit_id)
    sheets = []
    for spec in catalog.consolidation()["sheet"]:
        cols = columns(spec)
        rows = sheet_rows(src, unit_id, cols)
        reported = [r for r in rows if r.kind in ("unit", "stated")]
        optional = {c["metric"] for c in spec["columns"] if c.get("optional")}
        cols = [
            c for c in cols if c.metric not in optional or any(c.key in r.values for r in reported)
        ]
        sheets.append(Sheet(spec["id"], spec["tab"], spec["title"], cols, rows))
    missing = sorted({r.label for r in sheets[0].rows if r.kind == "missing"}) if sheets else []
    _, name, _, _, province, _ = src.units[unit_id]
    return Consolidation(period, period_label(period), unit_id, name, province, sheets, missing)
