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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--gold", default=None)
    ap.add_argument("--only", default="", help="substring of file names to keep")
    ap.add_argument("--facts", action="store_true", help="print the facts found")
    ap.add_argument("--skip-scan", action="store_true", help="leave out *_scan.pdf (slow OCR)")
    args = ap.parse_args()
    folder = Path(args.folder)
    gold = args.gold or str(folder / "gold")
    docs, facts, flags = [], [], []
    for path in sorted(
        p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".doc")
    ):
        if args.only not in path.name or (args.skip_scan and "_scan" in path.name):
            continue
        try:
            doc = read_document(path)
        except Exception as exc:  # noqa: BLE001 - a developer tool: show and go on
            print(f"{path.name}: FAILED {exc}")
            docs.append((path.name, "failed", str(exc), None, None, None, None, None, None))
            continue
        meta = extract_metadata(doc)
        ff = extract_facts(doc, meta)
        refs = extract_references(doc)
        fl = check_document(meta, ff, refs)
        docs.append(
            (
                path.name,
                "ok",
                None,
                meta.doc_type,
                meta.issuer,
                meta.province,
                meta.period,
                meta.doc_number,
                meta.doc_date,
            )
        )
        for f in ff:
            facts.append(
                (
                    path.name,
                    f.metric,
                    f.value,
                    f.unit,
                    f.qualifier,
                    f.scope,
                    f.period or meta.period,
                    f.evidence,
                    f.page,
                )
            )
            if args.facts:
                print(
                    f"  {path.name[:12]} {f.metric:40} {f.value!s:>10} {f.unit or '':8} "
                    f"q={f.qualifier} "
                    f"scope={f.scope} period={f.period} p{f.page} | {f.evidence[:150]}"
                )
        for g in fl:
            flags.append((path.name, g.rule, g.severity, g.metric, g.message, g.evidence))
            if args.facts:
                print(f"  FLAG {path.name[:12]} {g.rule} {g.metric}: {g.message}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "w.duckdb"
        con = duckdb.connect(str(db))
        con.execute(
            "CREATE TABLE v_documents (file_name VARCHAR, status VARCHAR, error VARCHAR, doc_type "
            "VARCHAR,"
            " issuer VARCHAR, province VARCHAR, period VARCHAR, doc_number VARCHAR, doc_date "
            "VARCHAR)"
        )
        con.execute(
            "CREATE TABLE v_facts (file_name VARCHAR, metric VARCHAR, value DOUBLE, unit VARCHAR,"
            " qualifier VARCHAR, scope VARCHAR, period VARCHAR, evidence VARCHAR, page INTEGER)"
        )
        con.execute(
            "CREATE TABLE v_flags (file_name VARCHAR, rule VARCHAR, severity VARCHAR, metric "
            "VARCHAR,"
            " message VARCHAR, evidence VARCHAR)"
        )
        if docs:
            con.executemany("INSERT INTO v_documents VALUES (?,?,?,?,?,?,?,?,?)", docs)
        if facts:
            con.executemany("INSERT INTO v_facts VALUES (?,?,?,?,?,?,?,?,?)", facts)
        if flags:
            con.executemany("INSERT INTO v_flags VALUES (?,?,?,?,?,?)", flags)
        con.close()
        cmd = [
            sys.executable,
            str(ROOT.parent / "shared" / "eval" / "score.py"),
            "--db",
            str(db),
            "--gold",
            gold,
            "-v",
        ]
        return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
