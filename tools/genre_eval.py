"""Render the genre corpus, ingest each part into its own warehouse and score it.

    .venv/bin/python tools/genre_eval.py                    # what `make eval` runs
    .venv/bin/python tools/genre_eval.py --part tune -v     # the scorer's misses and extras too
    .venv/bin/python tools/genre_eval.py --format fb        # only the fallback-font PDFs

For each part: render (tools/genre_render.py, changed sources only), ingest the chosen
renderings of build/genre/<part>/ into a fresh build/genre/<part>.duckdb with
`python -m pipeline ingest`, score with ../shared/eval/score.py against build/genre/<part>/gold
and print one summary line per part, the holdout line last. Without ../shared it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))

import genre_render  # noqa: E402

SCORE = ROOT.parent / "shared" / "eval" / "score.py"
FORMATS = ("docx", "pdf", "fb", "all")


def pick(part_dir: Path, fmt: str) -> list[Path]:
    """The renderings of a part to ingest: docx, normal pdf, fallback pdf or all of them."""
    docx = sorted(part_dir.glob("*.docx"))
    pdfs = sorted(part_dir.glob("*.pdf"))
    fb = [p for p in pdfs if p.stem.endswith("_fb")]
    plain = [p for p in pdfs if p not in fb]
    return {"docx": docx, "pdf": plain, "fb": fb, "all": docx + plain + fb}[fmt]


def link(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def stage(part: str, fmt: str, out_root: Path) -> tuple[Path, Path, int]:
    """A folder holding only the chosen files and a gold folder for exactly their stems."""
    part_dir = out_root / part
    base = out_root / ".eval" / part
    shutil.rmtree(base, ignore_errors=True)
    docs, gold = base / "docs", base / "gold"
    docs.mkdir(parents=True)
    files = pick(part_dir, fmt)
    for path in files:
        link(path, docs / path.name)
    if fmt == "all":
        return docs, part_dir / "gold", len(files)
    gold.mkdir()
    for stem in sorted({p.stem for p in files}):
        if (part_dir / "gold" / f"{stem}.json").exists():
            link(part_dir / "gold" / f"{stem}.json", gold / f"{stem}.json")
    return docs, gold, len(files)


def ingest(docs: Path, db: Path, verbose: bool) -> tuple[int, float]:
    """Ingest into a fresh warehouse; return the exit code and the seconds it took."""
    for old in (db, db.with_name(db.name + ".wal")):
        old.unlink(missing_ok=True)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(docs), "--db", str(db)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if verbose or done.returncode not in (0, 2):
        sys.stdout.write(done.stdout + done.stderr)
    return done.returncode, time.perf_counter() - start


def score(db: Path, gold: Path, verbose: bool) -> str:
    cmd = [sys.executable, str(SCORE), "--db", str(db), "--gold", str(gold)] + (
        ["-v"] if verbose else []
    )
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if verbose:
        print("\n".join(lines[:-1]))
    if not lines or not lines[-1].startswith("facts "):
        return "không chấm được: " + (done.stderr.strip() or done.stdout.strip())[-300:]
    return lines[-1]


def eval_part(part: str, fmt: str, out_root: Path, verbose: bool) -> str:
    docs, gold, count = stage(part, fmt, out_root)
    if count == 0 or not any(gold.glob("*.json")):
        return f"{part}: chưa có tài liệu nào để chấm"
    db = out_root / f"{part}.duckdb"
    if fmt != "all":
        db = out_root / f"{part}-{fmt}.duckdb"
    code, seconds = ingest(docs, db, verbose)
    if code not in (0, 2):
        return f"{part}: nạp dữ liệu thất bại (mã thoát {code}), không chấm được"
    failed = ", một số tệp không đọc được (mã thoát 2)" if code == 2 else ""
    print(f"{part}: đã nạp {count} tệp trong {seconds:.1f} s{failed}")
    return f"{part}: {score(db, gold, verbose)}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Dựng, nạp và chấm bộ báo cáo mẫu thể loại.")
    ap.add_argument("--part", choices=(*genre_render.PARTS, "all"), default="all")
    ap.add_argument("--format", choices=FORMATS, default="all", help="chỉ chấm một kiểu tệp")
    ap.add_argument("-v", "--verbose", action="store_true", help="in chi tiết của bộ chấm điểm")
    ap.add_argument("--force", action="store_true", help="dựng lại mọi nguồn")
    args = ap.parse_args(argv)
    if not SCORE.exists():
        print(f"Chấm điểm cần thư mục ../shared (không thấy {SCORE}); bỏ qua.")
        return 0
    parts = genre_render.PARTS if args.part == "all" else (args.part,)
    report = genre_render.render(parts, force=args.force)
    print(genre_render.summary(report))
    lines = [eval_part(part, args.format, genre_render.OUT, args.verbose) for part in parts]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
