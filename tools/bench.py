"""End-to-end ingest benchmark: the pipeline against bare text extraction, in the same run.

Three corpora, generated once and cached under --dir:
  bench   N four-page PDF reports of tools/samplegen.py (prose, a small indicator table);
  ruled   reports of tools/ruledgen.py: appendix tables in office layouts (per-unit national
          form with a two-row merged header, per-month table, indicator table), printed by
          LibreOffice;
  scans   some of both rasterised by tools/scangen.py (tilted, blurred, speckled JPEG pages).
For each: the bare baseline (pdfplumber `extract_text` over the same pages; for the scans,
plain sequential `tesseract -l vie` over the same page images), the pipeline's ingest into a
fresh warehouse (ratio, pages/s, peak memory of its whole process tree), round-trip accuracy
against the generators' gold; for the bench corpus also the re-ingest of the unchanged corpus
and the local pool against a Dask LocalCluster with the same number of workers; for the scans
also the dev corpus's scan against its gold.

    .venv/bin/python tools/bench.py --count 500          # what `make bench` runs
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import bench_runs as runs  # noqa: E402
import ruledgen  # noqa: E402
import samplegen  # noqa: E402
import scangen  # noqa: E402

DEV_SCAN = ROOT.parent / "shared" / "corpus" / "dev" / "001_vp_huyen_2020_scan.pdf"
DEV_GOLD = ROOT.parent / "shared" / "corpus" / "dev" / "gold" / "001_vp_huyen_2020.json"


def bench_corpus(folder: Path, count: int) -> list[Path]:
    """samplegen's PDF reports, generated unless a complete corpus of that size is there."""
    stamp = folder / f".complete-{count}"
    if not stamp.exists():
        shutil.rmtree(folder / "reports", ignore_errors=True)
        samplegen.generate(
            folder / "reports", count, 1, ("pdf",), gold_dir=folder / "gold", extra_filler=10
        )
        stamp.touch()
    return sorted((folder / "reports").glob("*.pdf"))


def ruled_corpus(folder: Path, count: int) -> list[Path]:
    """ruledgen's reports (their PDFs linked into folder/pdf, the docx left out)."""
    pdfs = ruledgen.generate(folder, count)
    target = folder / "pdf"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for p in pdfs:
        (target / p.name).hardlink_to(p)
    return sorted(target.glob("*.pdf"))


def scan_corpus(folder: Path, sources: list[tuple[Path, Path]]) -> list[Path]:
    """Scans of the sources (pdf, its gold folder), each scan with its gold beside."""
    gold = folder / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    out = []
    for pdf, gold_dir in sources:
        target = folder / "pdf" / scangen.scan_name(pdf)
        if not target.exists():
            scangen.scan_pdf(pdf, target)
        shutil.copy(gold_dir / f"{pdf.stem}.json", gold / f"{pdf.stem}.json")
        out.append(target)
    return out


def text_pdfs(name: str, paths: list[Path], gold: Path, work: Path, reingest=False) -> dict:
    base_s, pages, base_cpu = runs.bare_pdfplumber(paths)
    db = runs.fresh(work / f"{name}.duckdb")
    run = runs.run_ingest(paths[0].parent, db)
    out = {
        "documents": len(paths),
        "pages": pages,
        "pdfplumber_extract_text_s": round(base_s, 2),
        "pipeline_ingest_s": round(run["seconds"], 2),
        "ratio_pipeline_to_pdfplumber": round(run["seconds"] / base_s, 3),
        "pages_per_s": round(pages / run["seconds"], 1),
        "pdfplumber_cpu_s": round(base_cpu, 2),
        "pipeline_cpu_s": round(run["cpu_s"], 2),
        "cpu_ratio_pipeline_to_pdfplumber": round(run["cpu_s"] / base_cpu, 3),
        "peak_memory_tree_mb": round(run["tree_mb"], 1),
        "round_trip_accuracy": runs.score(db, gold),
    }
    if reingest:
        out["reingest_unchanged_s"] = round(runs.run_ingest(paths[0].parent, db)["seconds"], 2)
    return out


def dask_against_local(paths: list[Path], work: Path, workers: int, local_s: float) -> dict:
    if find_spec("distributed") is None:
        return {"dask": "not installed (make dask)"}
    db = runs.fresh(work / "bench_dask.duckdb")
    run = runs.run_ingest(paths[0].parent, db, "--executor", "dask", "--workers", str(workers))
    return {
        "dask_localcluster_s": round(run["seconds"], 2),
        "ratio_dask_to_local_pool": round(run["seconds"] / local_s, 3),
        "dask_cpu_s": round(run["cpu_s"], 2),
        "dask_peak_memory_tree_mb": round(run["tree_mb"], 1),
    }


def scans(paths: list[Path], gold: Path, work: Path) -> dict:
    images = runs.page_images(paths, work / "scan_pages", scangen.DPI)
    bare_s, bare_cpu = runs.bare_tesseract(images)
    db = runs.fresh(work / "scans.duckdb")
    run = runs.run_ingest(paths[0].parent, db)
    out = {
        "scan_documents": len(paths),
        "scan_pages": len(images),
        "bare_sequential_tesseract_s": round(bare_s, 2),
        "pipeline_scan_ingest_s": round(run["seconds"], 2),
        "ratio_pipeline_to_tesseract": round(run["seconds"] / bare_s, 3),
        "tesseract_cpu_s": round(bare_cpu, 2),
        "pipeline_scan_cpu_s": round(run["cpu_s"], 2),
        "scan_pages_per_s": round(len(images) / run["seconds"], 2),
        "scan_peak_memory_tree_mb": round(run["tree_mb"], 1),
        "scan_round_trip_accuracy": runs.score(db, gold),
    }
    if DEV_SCAN.exists():
        raw, dev_gold = work / "dev_scan", work / "dev_scan_gold"
        for d in (raw, dev_gold):
            d.mkdir(exist_ok=True)
        shutil.copy(DEV_SCAN, raw / DEV_SCAN.name)
        shutil.copy(DEV_GOLD, dev_gold / DEV_GOLD.name)
        db = runs.fresh(work / "dev_scan.duckdb")
        dev = runs.run_ingest(raw, db)
        out["dev_scan_s"] = round(dev["seconds"], 2)
        out["dev_scan_gold"] = runs.score(db, dev_gold)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, default=500, help="bench corpus reports")
    ap.add_argument("--ruled", type=int, default=90, help="ruled-table reports")
    ap.add_argument("--scans", type=int, default=4, help="reports of each corpus to scan")
    ap.add_argument("--dir", default=str(ROOT / "bench_out"))
    ap.add_argument("--skip", nargs="*", default=[], choices=("bench", "dask", "ruled", "scans"))
    args = ap.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    workers = runs.cpu_count()
    result: dict = {"workers": workers, "load_average_at_start": os.getloadavg()[0]}
    t = time.perf_counter()
    bench = bench_corpus(folder, args.count)
    ruled = ruled_corpus(folder / "ruled", args.ruled)
    ruled_gold = folder / "ruled" / ruledgen.PART / "gold"
    sources = [(p, folder / "gold") for p in bench[: args.scans]]
    sources += [(p, ruled_gold) for p in ruled[: args.scans]]
    scanned = scan_corpus(folder / "scans", sources)
    result["corpora_ready_s"] = round(time.perf_counter() - t, 1)
    if "bench" not in args.skip:
        result["bench"] = text_pdfs("bench", bench, folder / "gold", folder, reingest=True)
        if "dask" not in args.skip:
            local_s = result["bench"]["pipeline_ingest_s"]
            result["bench"].update(dask_against_local(bench, folder, workers, local_s))
    if "ruled" not in args.skip:
        result["ruled"] = text_pdfs("ruled", ruled, ruled_gold, folder)
    if "scans" not in args.skip:
        result["scans"] = scans(scanned, folder / "scans" / "gold", folder)
    result["load_average_at_end"] = os.getloadavg()[0]
    (folder / "bench.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print_result(result)
    return 0


def print_result(result: dict) -> None:
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"[{key}]")
            for k, v in value.items():
                print(f"  {k:34} {v}")
        else:
            print(f"{key:36} {value}")


if __name__ == "__main__":
    sys.exit(main())
