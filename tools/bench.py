"""End-to-end ingest benchmark against bare pdfplumber text extraction.

Generates (once, cached) a synthetic corpus of N four-page PDF reports with known figures,
then in the same run:
  1. times bare pdfplumber `page.extract_text()` over every PDF (one process);
  2. times a full `python -m pipeline ingest` into a fresh warehouse (documents/s, pages/s,
     peak memory of the pipeline and its workers);
  3. times the re-ingest of the unchanged corpus;
  4. scores the warehouse against the generator's gold (round-trip accuracy).

    .venv/bin/python tools/bench.py --count 500          # what `make bench` runs
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import samplegen  # noqa: E402


def ensure_corpus(folder: Path, count: int) -> list[Path]:
    """Generate the corpus unless a complete one of that size is already there."""
    stamp = folder / f".complete-{count}"
    if not stamp.exists():
        for old in folder.glob("*.pdf"):
            old.unlink()
        t = time.perf_counter()
        samplegen.generate(
            folder / "reports", count, 1, ("pdf",), gold_dir=folder / "gold", extra_filler=10
        )
        print(f"generated {count} PDF reports in {time.perf_counter() - t:.1f} s")
        stamp.touch()
    return sorted((folder / "reports").glob("*.pdf"))


def bare_pdfplumber(paths: list[Path]) -> tuple[float, int]:
    import pdfplumber

    pages = 0
    t = time.perf_counter()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return time.perf_counter() - t, pages


def run_ingest(raw: Path, db: Path, workers: int | None) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(raw), "--db", str(db)]
    if workers:
        cmd += ["--workers", str(workers)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 2):
        print(proc.stdout[-2000:], proc.stderr[-2000:])
        raise SystemExit(f"ingest failed with exit code {proc.returncode}")
    return elapsed, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--dir", default=str(ROOT / "bench_out"))
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths = ensure_corpus(folder, args.count)
    db = folder / "bench.duckdb"
    for f in (db, Path(str(db) + ".wal")):
        f.unlink(missing_ok=True)

    base_s, pages = bare_pdfplumber(paths)
    full_s, rc = run_ingest(folder / "reports", db, args.workers)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    again_s, _ = run_ingest(folder / "reports", db, args.workers)

    score = subprocess.run(
        [
            sys.executable,
            str(ROOT.parent / "shared" / "eval" / "score.py"),
            "--db",
            str(db),
            "--gold",
            str(folder / "gold"),
            "--json",
            str(folder / "score.json"),
        ],
        capture_output=True,
        text=True,
    )
    summary = (
        score.stdout.strip().splitlines()[-1] if score.stdout.strip() else score.stderr.strip()
    )
    result = {
        "documents": len(paths),
        "pages": pages,
        "workers": args.workers or os.cpu_count(),
        "pdfplumber_extract_text_s": round(base_s, 2),
        "pipeline_ingest_s": round(full_s, 2),
        "ratio_pipeline_to_pdfplumber": round(full_s / base_s, 3),
        "documents_per_s": round(len(paths) / full_s, 1),
        "pages_per_s": round(pages / full_s, 1),
        "reingest_unchanged_s": round(again_s, 2),
        "peak_memory_mb": round(peak_mb, 1),
        "ingest_exit_code": rc,
        "round_trip_accuracy": summary,
    }
    (folder / "bench.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    for k, v in result.items():
        print(f"{k:32} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
