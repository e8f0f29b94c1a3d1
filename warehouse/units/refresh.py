"""The register written to the warehouse and every document resolved to its unit.

Run after every ingest that loaded something, and whenever the register changed (the
catalog's units, the user's data/units.csv or this code): `units`, `unit_successions` and
`doc_units` are rebuilt whole in one transaction, so a corrected register re-resolves every
document without reading any file again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import catalog
from warehouse.schema import rollback
from warehouse.units.register import Register
from warehouse.units.resolve import Header, Resolver

_CODE = Path(__file__).resolve().parent
_SEED_FILES: tuple[str, ...] = ("units/kinds.toml", "units/places.toml", "units/successors.csv")
_SEED_FILES += ("provinces.txt", "districts.csv")


@dataclass
class UnitsReport:
    """What a refresh did, for the ingest summary."""

    documents: int = 0
    resolved: int = 0  # to a unit the register held (catalog, user row or a name it goes by)
    new_units: list[str] = field(default_factory=list)  # names of units first recorded now
    warnings: list[str] = field(default_factory=list)  # the user's CSV rows that were skipped


def fingerprint(user_csv: Path | None) -> str:
    """What the register is built from: the catalog's seed, the user's CSV and this code."""
    h = hashlib.sha256()
    for name in _SEED_FILES:
        h.update(catalog.path(name).read_bytes())
    for p in sorted(_CODE.glob("*.py")):
        h.update(p.read_bytes())
    if user_csv is not None and user_csv.is_file():
        h.update(user_csv.read_bytes())
    return h.hexdigest()[:16]


def register_changed(con, user_csv: Path | None) -> bool:
    row = con.execute("SELECT max(fingerprint) FROM unit_register_state").fetchone()
    return row[0] != fingerprint(user_csv)


def refresh_units(con, user_csv: Path | None = None) -> UnitsReport:
    """Rebuild the register and resolve every document's issuer to a unit."""
    report = UnitsReport()
    register = Register()
    register.apply_user_csv(user_csv)
    resolver = Resolver(register)
    before = set(register.units)
    headers = [
        Header(*row)
        for row in con.execute(
            "SELECT doc_id, issuer, issuer_parent, place, province, rel_path FROM documents"
            " ORDER BY doc_id"
        ).fetchall()
    ]
    doc_rows = []
    for h in headers:
        uid, how = resolver.resolve(h)
        doc_rows.append((h.doc_id, uid, how))
        report.documents += 1
        report.resolved += how in ("name", "register")
    register.apply_pending()
    report.new_units = sorted(register.units[u].name for u in set(register.units) - before)
    report.warnings = register.warnings
    _write(con, register, doc_rows, fingerprint(user_csv))
    return report


def _write(con, register: Register, doc_rows: list[tuple], stamp: str) -> None:
    import pandas as pd  # here: an ingest that loads nothing never needs it

    units = pd.DataFrame(
        [
            (
                u.unit_id,
                u.name,
                u.kind,
                u.level,
                u.parent_id,
                u.province,
                sorted(set(u.names)),
                u.successor_id,
                u.ended,
                u.origin,
                u.chased,
                u.note,
            )
            for u in register.units.values()
        ],
        columns=[
            "unit_id",
            "name",
            "kind",
            "level",
            "parent_id",
            "province",
            "names",
            "successor_id",
            "ended",
            "origin",
            "chased",
            "note",
        ],
    )
    successions = pd.DataFrame(
        register.successions(), columns=["unit_id", "successor_id", "ended"], dtype=object
    )
    docs = pd.DataFrame(doc_rows, columns=["doc_id", "unit_id", "resolved_by"], dtype=object)
    con.execute("BEGIN TRANSACTION")
    try:
        for table, frame in (
            ("units", units),
            ("unit_successions", successions),
            ("doc_units", docs),
        ):
            con.execute(f"DELETE FROM {table}")
            if len(frame):
                con.register("_frame", frame)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")
                con.unregister("_frame")
        con.execute("DELETE FROM unit_register_state")
        con.execute("INSERT INTO unit_register_state VALUES (?)", [stamp])
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
