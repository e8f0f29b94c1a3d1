"""Render the genre corpus (tests/genre/<part>/*.rpt, see tests/genre/README.md).

    .venv/bin/python tools/genre_render.py                 # both parts, changed sources only
    .venv/bin/python tools/genre_render.py --part tune --force

For each source <id>.rpt of a part this writes build/genre/<part>/<id>.docx, <id>.pdf (the docx
printed by LibreOffice headless) and, for sources marked `fallback: yes`, <id>_fb.pdf: the same
document with every run in a font lacking the Vietnamese letters (see genre_fonts.py). The gold
<id>.json is copied into build/genre/<part>/gold/ under every rendered stem (`file` set to the
stem), as the scorer matches gold by file stem. A source is rendered again only when it or the
renderer changed (hash stamp in build/genre/<part>/.stamps/). The LibreOffice runs use private
profiles, many files per run, a few runs in parallel.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))

import genre_docx  # noqa: E402
import genre_fonts  # noqa: E402
import genre_rpt  # noqa: E402

SRC = ROOT / "tests" / "genre"
OUT = ROOT / "build" / "genre"
PARTS = ("tune", "holdout")
CODE = ("genre_render.py", "genre_rpt.py", "genre_docx.py", "genre_fonts.py")


@dataclass
class Job:
    part: str
    src: Path
    out: Path  # the part's output folder
    fallback: bool = False
    docx_seconds: float = 0.0

    @property
    def id(self) -> str:
        return self.src.stem

    def outputs(self, with_pdf: bool = True) -> list[Path]:
        paths = [self.out / f"{self.id}.docx"]
        if with_pdf:
            paths.append(self.out / f"{self.id}.pdf")
            if self.fallback:
                paths.append(self.out / f"{self.id}_fb.pdf")
        return paths


@dataclass
class Report:
    rendered: list[Job] = field(default_factory=list)
    cached: int = 0
    errors: list[str] = field(default_factory=list)
    pdf_seconds: float = 0.0
    pdf_count: int = 0


def code_hash() -> str:
    """The renderer's code and the serif font it subsets (Liberation Serif once installed)."""
    h = hashlib.sha256()
    for name in CODE:
        h.update((TOOLS / name).read_bytes())
    h.update(str(sorted(genre_fonts.source_fonts().items())).encode())
    return h.hexdigest()


def stamp_path(job: Job) -> Path:
    return job.out / ".stamps" / f"{job.id}.sha256"


def stamp_of(job: Job, code: str) -> str:
    return hashlib.sha256(code.encode() + job.src.read_bytes()).hexdigest()


def is_fresh(job: Job, code: str, with_pdf: bool) -> bool:
    stamp = stamp_path(job)
    return (
        stamp.exists()
        and stamp.read_text() == stamp_of(job, code)
        and all(p.exists() for p in job.outputs(with_pdf))
    )


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_soffice(binary: str, files: list[Path], outdir: Path, env: dict) -> None:
    """Convert files to PDF in outdir with one soffice process and a private profile."""
    profile = Path(tempfile.mkdtemp(prefix="genre_lo_"))
    cmd = [
        binary,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    try:
        subprocess.run(
            cmd, env=env, capture_output=True, timeout=120 + 30 * len(files), check=False
        )
    except subprocess.TimeoutExpired:
        print(f"LibreOffice quá thời gian khi chuyển {len(files)} tệp sang PDF", file=sys.stderr)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


CHUNK = 40  # documents per soffice process: a long run of one process may stop part-way


def _print_in_chunks(
    binary: str, files: list[Path], outdir: Path, env: dict, workers: int, size: int
) -> None:
    chunks = [files[k : k + size] for k in range(0, len(files), size)]
    if chunks:
        with ThreadPoolExecutor(min(workers, len(chunks))) as pool:
            list(pool.map(lambda c: run_soffice(binary, c, outdir, env), chunks))


def convert(pairs: list[tuple[Path, Path]], fonts_conf: Path | None, workers: int) -> list[Path]:
    """Print each (docx, pdf) pair; return the PDFs LibreOffice did not make."""
    binary = soffice_binary()
    if not pairs or binary is None:
        return [pdf for _, pdf in pairs]
    env = dict(os.environ)
    if fonts_conf is not None:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    stage = Path(tempfile.mkdtemp(prefix="genre_stage_"))
    try:
        staged = []
        for n, (docx, _) in enumerate(pairs):
            link = stage / f"d{n:05d}.docx"
            shutil.copyfile(docx, link)
            staged.append(link)
        _print_in_chunks(binary, staged, stage, env, workers, CHUNK)
        # (a soffice process that stops part-way loses the rest of its chunk: once more, smaller)
        left = [d for d in staged if not d.with_suffix(".pdf").exists()]
        _print_in_chunks(binary, left, stage, env, workers, 4)
        missing = []
        for link, (_, pdf) in zip(staged, pairs):
            made = link.with_suffix(".pdf")
            if made.exists():
                shutil.move(str(made), pdf)
            else:
                missing.append(pdf)
        return missing
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def build_job(job: Job, fb_dir: Path) -> list[tuple[Path, Path]]:
    """Parse and write the docx (and the fallback copy); return the (docx, pdf) pairs to print."""
    start = time.perf_counter()
    source = genre_rpt.parse_rpt(job.src)
    job.fallback = source.flag("fallback")
    docx = job.out / f"{job.id}.docx"
    genre_docx.build_docx(source, docx)
    pairs = [(docx, job.out / f"{job.id}.pdf")]
    if job.fallback:
        fb_docx = fb_dir / f"{job.id}_fb.docx"
        genre_docx.build_docx(source, fb_docx, family=genre_fonts.FAMILY)
        pairs.append((fb_docx, job.out / f"{job.id}_fb.pdf"))
    job.docx_seconds = time.perf_counter() - start
    return pairs


def wants_fallback(src: Path) -> bool:
    try:
        return genre_rpt.parse_rpt(src).flag("fallback")
    except genre_rpt.RptError:
        return False


def remove_stale(out: Path, ids: set[str]) -> None:
    """Drop outputs whose source is gone (renamed or deleted by its author)."""
    for path in list(out.glob("*.docx")) + list(out.glob("*.pdf")):
        stem = path.stem[:-3] if path.stem.endswith("_fb") else path.stem
        if stem not in ids:
            path.unlink()
    for stamp in (out / ".stamps").glob("*.sha256"):
        if stamp.name[: -len(".sha256")] not in ids:
            stamp.unlink()


def part_jobs(part: str, src_root: Path, out_root: Path) -> list[Job]:
    out = out_root / part
    (out / ".stamps").mkdir(parents=True, exist_ok=True)
    sources = sorted((src_root / part).glob("*.rpt"))
    remove_stale(out, {s.stem for s in sources})
    return [Job(part, src, out) for src in sources]


def prepare(jobs: list[Job], report: Report, code: str, force: bool, out_root: Path):
    """Write the docx files of the sources that changed; return the jobs and pairs to print."""
    with_pdf = soffice_binary() is not None
    todo, pairs = [], []
    for job in jobs:
        if not force and is_fresh(job, code, with_pdf):
            report.cached += 1
            continue
        stamp_path(job).unlink(missing_ok=True)
        for old in job.outputs():
            old.unlink(missing_ok=True)
        try:
            pairs += build_job(job, out_root / ".fb" / job.part)
            todo.append(job)
        except (genre_rpt.RptError, ValueError, OSError) as exc:
            report.errors.append(str(exc))
    return todo, pairs


def check_fallback(job: Job, report: Report) -> None:
    pdf = job.out / f"{job.id}_fb.pdf"
    if pdf.exists() and not genre_fonts.fallback_ok(pdf):
        report.errors.append(f"{pdf}: chữ tiếng Việt không lấy từ phông thay thế như mong đợi")


def finish(todo: list[Job], missing: list[Path], report: Report, code: str) -> None:
    with_pdf = soffice_binary() is not None
    for pdf in missing:
        if with_pdf:
            report.errors.append(f"{pdf}: LibreOffice không tạo được tệp PDF")
    for job in todo:
        if job.fallback:
            check_fallback(job, report)
        if all(p.exists() for p in job.outputs(with_pdf)):
            stamp_path(job).write_text(stamp_of(job, code))
            report.rendered.append(job)


def copy_gold(part_out: Path, src_dir: Path, jobs: list[Job], report: Report) -> None:
    """Gold for every rendered stem: <id>.json (docx and pdf) and <id>_fb.json (fallback pdf)."""
    gold_dir = part_out / "gold"
    shutil.rmtree(gold_dir, ignore_errors=True)
    gold_dir.mkdir(parents=True)
    for job in jobs:
        stems = sorted({p.stem for p in job.outputs() if p.exists()})
        gold = src_dir / f"{job.id}.json"
        if not stems:
            continue
        try:
            data = json.loads(gold.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            report.errors.append(f"{gold}: không đọc được tệp gold ({exc})")
            continue
        for stem in stems:
            data["file"] = stem
            text = json.dumps(data, ensure_ascii=False, indent=1)
            (gold_dir / f"{stem}.json").write_text(text + "\n", encoding="utf-8")


def render(parts=PARTS, force=False, workers=None, src_root=SRC, out_root=OUT) -> Report:
    report, code = Report(), code_hash()
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    jobs = [job for part in parts for job in part_jobs(part, src_root, out_root)]
    for job in jobs:
        job.fallback = wants_fallback(job.src)
    todo, pairs = prepare(jobs, report, code, force, out_root)
    fonts_conf = None
    if any(job.fallback for job in todo):
        fonts_conf = genre_fonts.ensure_fonts(out_root / ".fonts")
    start = time.perf_counter()
    missing = convert(pairs, fonts_conf, workers)
    report.pdf_seconds, report.pdf_count = time.perf_counter() - start, len(pairs)
    finish(todo, missing, report, code)
    for part in parts:
        copy_gold(out_root / part, src_root / part, [j for j in jobs if j.part == part], report)
    return report


def summary(report: Report) -> str:
    n = len(report.rendered)
    docx_time = sum(j.docx_seconds for j in report.rendered)
    lines = [f"Dựng lại {n} nguồn, {report.cached} nguồn không đổi (dùng bản đã dựng)."]
    if n:
        lines.append(
            f"Thời gian: docx {docx_time:.2f} s, PDF {report.pdf_seconds:.1f} s cho "
            f"{report.pdf_count} tệp; trung bình {(docx_time + report.pdf_seconds) / n:.2f}"
            " s mỗi nguồn."
        )
    if soffice_binary() is None:
        lines.append("Không có LibreOffice (soffice): chỉ dựng được tệp .docx.")
    lines += [f"Lỗi: {e}" for e in report.errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Dựng bộ báo cáo mẫu thể loại (.rpt) ra docx và pdf.")
    ap.add_argument("--part", choices=(*PARTS, "all"), default="all", help="phần cần dựng")
    ap.add_argument("--force", action="store_true", help="dựng lại cả các nguồn không đổi")
    ap.add_argument("--workers", type=int, default=None, help="số tiến trình LibreOffice song song")
    ap.add_argument("--src", type=Path, default=SRC, help="thư mục nguồn (mặc định tests/genre)")
    ap.add_argument("--out", type=Path, default=OUT, help="thư mục kết quả (mặc định build/genre)")
    args = ap.parse_args(argv)
    parts = PARTS if args.part == "all" else (args.part,)
    report = render(parts, args.force, args.workers, args.src, args.out)
    print(summary(report))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
