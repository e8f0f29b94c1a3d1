"""Files for other tools: every figure as Parquet, every flag as CSV (safe to open in Excel)."""

from __future__ import annotations

import csv
from pathlib import Path

from warehouse.exports.cells import csv_cell

FLAG_CSV_COLUMNS = (
    "file_name",
    "rule",
    "severity",
    "metric",
    "message",
    "evidence",
    "page",
    "review_status",
)


def write_parquet(con, path: Path) -> Path:
    literal = str(path).replace("'", "''")
    con.execute(f"COPY (SELECT * FROM v_facts) TO '{literal}' (FORMAT PARQUET)")
    return path


def write_flags_csv(con, path: Path) -> Path:
    rows = con.execute(
        f"SELECT {', '.join(FLAG_CSV_COLUMNS)} FROM v_flags ORDER BY file_name, rule, flag_id"
    ).fetchall()
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(FLAG_CSV_COLUMNS)
        w.writerows([csv_cell(v) for v in row] for row in rows)
    return path
