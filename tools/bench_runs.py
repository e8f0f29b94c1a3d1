"""The timed runs of the benchmark: bare pdfplumber, bare tesseract, and the pipeline's ingest
(with the peak memory of its whole process tree) and the scorer."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def bare_pdfplumber(paths: list[Path]) -> tuple[float, int, float]:
    """Seconds for pdfplumber's extract_text over every page, the pages, the CPU seconds."""
    import pdfplumber

    pages = 0
    t, cpu = time.perf_counter(), time.process_time()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return time.perf_counter() - t, pages, time.process_time() - cpu


def page_images(paths: list[Path], folder: Path, dpi: int) -> list[Path]:
    """Every page of the scans as a PNG at the resolution the pipeline reads them (untimed)."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        for i in range(len(pdf)):
            target = folder / f"{path.stem}_{i + 1:03d}.png"
            if not target.exists():
                page = pdf[i]
                page.render(scale=dpi / 72).to_pil().save(target)
                page.close()
            out.append(target)
        pdf.close()
    return out


def bare_tesseract(images: list[Path]) -> tuple[float, float]:
    """Seconds for plain `tesseract IMAGE - -l vie` over the images, one after another, and
    the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    for image in images:
        subprocess.run(["tesseract", str(image), "-", "-l", "vie"], capture_output=True, check=True)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


class TreeWatch:
    """A process and all its descendants, sampled every 50 ms: the peak of the sum of their
    proportional set sizes (a page the forkserver shares with its workers counts once) and
    the CPU seconds they used (the last sample of each process; the machine may be shared, so
    CPU time says what wall time cannot)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_mb, self.done = pid, 0.0, threading.Event()
        self.cpu: dict[int, float] = {}
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        try:
            import psutil
        except ImportError:  # then neither is known
            return
        while not self.done.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            total = 0
            for p in procs:
                try:
                    total += _pss(p)
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            time.sleep(0.05)

    def stop(self) -> tuple[float, float]:
        """The peak memory (MB) and the CPU seconds."""
        self.done.set()
        self.thread.join()
        return self.peak_mb, sum(self.cpu.values())


def _pss(process) -> int:
    try:
        return process.memory_full_info().pss
    except AttributeError:  # no PSS on this system: resident size
        return process.memory_info().rss


def run_ingest(raw: Path, db: Path, *options: str) -> dict:
    """One `python -m pipeline ingest` run: seconds, exit code, peak memory (largest process
    and the whole tree)."""
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(raw), "--db", str(db), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        tree = TreeWatch(proc.pid)
        code = proc.wait()
        seconds = time.perf_counter() - t
        tree_mb, cpu_s = tree.stop()
        if code not in (0, 2):
            err.seek(0)
            raise SystemExit(f"ingest failed ({code}): {err.read().decode()[-2000:]}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": seconds,
        "exit_code": code,
        "largest_process_mb": max(before, largest) / 1024,
        "tree_mb": tree_mb,
        "cpu_s": cpu_s,
    }


def score(db: Path, gold: Path) -> str:
    """The scorer's last line (micro-averaged facts, flags and document fields)."""
    if not SCORER.exists():
        return "(../shared/eval/score.py is not beside the project)"
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--db", str(db), "--gold", str(gold)],
        capture_output=True,
        text=True,
    )
    lines = proc.stdout.strip().splitlines()
    return lines[-1] if lines else proc.stderr.strip()[-300:]


def fresh(db: Path) -> Path:
    for f in db.parent.glob(db.name + "*"):
        f.unlink()
    return db


def cpu_count() -> int:
    return os.cpu_count() or 1
