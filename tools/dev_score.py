"""Fast developer loop: run readers + finders + checks on a folder and score against gold.

Bypasses the warehouse loader (a throwaway DuckDB with just the three contract views), so
finder work can be measured in seconds:

    .venv/bin/python tools/dev_score.py                      # ../shared/corpus/dev, -v
    .venv/bin/python tools/dev_score.py --only 003 --facts   # also print every fact found
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from extractors.finders.figures import extract_facts  # noqa: E402
from extractors.finders.metadata import extract_metadata  # noqa: E402
from extractors.finders.references import extract_references  # noqa: E402
from extractors.readers import read_document  # noqa: E402
from warehouse.checks import check_document  # noqa: E402

DOC_COLUMNS = (
    "file_name VARCHAR, status VARCHAR, error VARCHAR, doc_type VARCHAR, issuer VARCHAR,"
    " province VARCHAR, period VARCHAR, doc_number VARCHAR, doc_date VARCHAR"
)
FACT_COLUMNS = (
    "file_name VARCHAR, metric VARCHAR, value DOUBLE, unit VARCHAR, qualifier VARCHAR,"
    " scope VARCHAR, period VARCHAR, evidence VARCHAR, page INTEGER"
)
FLAG_COLUMNS = (
    "file_name VARCHAR, rule VARCHAR, severity VARCHAR, metric VARCHAR, message VARCHAR,"
    " evidence VARCHAR"
)


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--gold", default=None)
    ap.add_argument("--only", default="", help="substring of file names to keep")
    ap.add_argument("--facts", action="store_true", help="print the facts found")
    ap.add_argument("--skip-scan", action="store_true", help="leave out *_scan.pdf (slow OCR)")
    return ap.parse_args()


def _read(path: Path, show: bool, rows: dict[str, list[tuple]]) -> None:
    """One document through readers, finders and checks, as rows of the three views."""
    try:
        doc = read_document(path)
    except Exception as exc:  # noqa: BLE001 - a developer tool: show and go on
        print(f"{path.name}: FAILED {exc}")
        rows["v_documents"].append((path.name, "failed", str(exc), *[None] * 6))
        return
    meta = extract_metadata(doc)
    found = extract_facts(doc, meta)
    flags = check_document(meta, found, extract_references(doc))
    rows["v_documents"].append(
        (path.name, "ok", None, meta.doc_type, meta.issuer, meta.province, meta.period,
         meta.doc_number, meta.doc_date)
    )  # fmt: skip
    for f in found:
        rows["v_facts"].append(
            (path.name, f.metric, f.value, f.unit, f.qualifier, f.scope, f.period or meta.period,
             f.evidence, f.page)
        )  # fmt: skip
        if show:
            print(
                f"  {path.name[:12]} {f.metric:40} {f.value!s:>10} {f.unit or '':8} "
                f"q={f.qualifier} scope={f.scope} period={f.period} p{f.page} | "
                f"{f.evidence[:150]}"
            )
    for g in flags:
        rows["v_flags"].append((path.name, g.rule, g.severity, g.metric, g.message, g.evidence))
        if show:
            print(f"  FLAG {path.name[:12]} {g.rule} {g.metric}: {g.message}")


def _score(rows: dict[str, list[tuple]], gold: str) -> int:
    """The rows in a throwaway warehouse of the three views, scored by the shared scorer."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        con = duckdb.connect(str(db))
        for view, columns in (
            ("v_documents", DOC_COLUMNS),
            ("v_facts", FACT_COLUMNS),
            ("v_flags", FLAG_COLUMNS),
        ):
            con.execute(f"CREATE TABLE {view} ({columns})")
            if rows[view]:
                marks = ",".join("?" * len(rows[view][0]))
                con.executemany(f"INSERT INTO {view} VALUES ({marks})", rows[view])
        con.close()
        scorer = ROOT.parent / "shared" / "eval" / "score.py"
        return subprocess.call([sys.executable, str(scorer), "--db", str(db), "--gold", gold, "-v"])


def main() -> int:
    args = _arguments()
    folder = Path(args.folder)
    rows: dict[str, list[tuple]] = {"v_documents": [], "v_facts": [], "v_flags": []}
    for path in sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".doc")
    ):
        if args.only in path.name and not (args.skip_scan and "_scan" in path.name):
            _read(path, args.facts, rows)
    return _score(rows, args.gold or str(folder / "gold"))


if __name__ == "__main__":
    sys.exit(main())
