"""The fault suite's harness: `python -m pipeline` run as a user would, in a session of its
own, watched from outside — every process it starts (workers, OCR, LibreOffice), their peak
memory, the time from a signal to the exit — and the warehouse counted before and after.

Every test records what it measured with `record(...)`; the session ends with a summary of
those measures (the numbers issue 19 asks for).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
MEASURES: list[str] = []


def record(line: str) -> None:
    MEASURES.append(line)


def pytest_terminal_summary(terminalreporter) -> None:
    if MEASURES:
        terminalreporter.section("fault suite: what was measured")
        for line in MEASURES:
            terminalreporter.write_line(line)


# --------------------------------------------------------------------------- processes


def process_table() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, command name) of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), fields[0], name)
    return table


def descendants(pid: int) -> dict[int, str]:
    """Every living process below pid: pid -> command name."""
    table = process_table()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, state, name) in table.items():
            if ppid == parent and child not in found and state != "Z":
                found[child] = name
                todo.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""  # gone meanwhile


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def memory_kb(pid: int, field: str = "VmHWM", source: str = "status") -> int:
    """A process's peak resident memory (VmHWM), or its proportional share of the memory in
    use now (Pss from smaps_rollup: pages shared with the forkserver counted once overall)."""
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float  # the largest peak resident memory of any process of the run
    stop_seconds: float | None = None  # from the (first) signal to the exit
    total_mb: float = 0.0  # the most memory all its processes held at once (sum of Pss)


class Pipeline:
    """`python -m pipeline ARGS` started in its own session and watched until it ends."""

    def __init__(self, *args: str, memory_cap_mb: int | None = None, prefix: tuple = ()):
        def cap() -> None:
            if memory_cap_mb:
                size = memory_cap_mb * 2**20
                resource.setrlimit(resource.RLIMIT_AS, (size, size))

        self.proc = subprocess.Popen(
            [*prefix, sys.executable, "-m", "pipeline", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=cap,
        )
        self.started = time.monotonic()
        self.signalled: float | None = None
        self.peak = self.total = 0
        self.seen: dict[int, str] = {}
        self._watch = threading.Thread(target=self._watch_memory, daemon=True)
        self._watch.start()

    def _watch_memory(self) -> None:
        while self.proc.poll() is None:
            family = {self.proc.pid: "main", **descendants(self.proc.pid)}
            self.seen.update(family)
            self.peak = max([self.peak] + [memory_kb(pid) for pid in family])
            now = sum(memory_kb(pid, "Pss", "smaps_rollup") for pid in family)
            self.total = max(self.total, now)
            time.sleep(0.02)

    def wait_for(self, command: str, timeout: float = 60) -> dict[int, str]:
        """Wait until a process named `command` runs below the pipeline; its family then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            family = descendants(self.proc.pid)
            if any(command in name for name in family.values()):
                return family
            time.sleep(0.05)
        raise AssertionError(f"no {command} process appeared below the pipeline")

    def wait_for_worker(self, timeout: float = 60) -> None:
        """Wait until a worker process (a child of the forkserver) is reading."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            table = process_table()
            servers = [pid for pid in descendants(self.proc.pid) if "forkserver" in cmdline(pid)]
            if any(ppid in servers and state != "Z" for ppid, state, _ in table.values()):
                return
            time.sleep(0.02)

    def signal(self, sig: int, group: bool = False) -> None:
        """Send a signal to the main process, or to its process group (a terminal's Ctrl-C)."""
        if self.signalled is None:
            self.signalled = time.monotonic()
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)

    def finish(self, timeout: float = 600) -> Run:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        ended = time.monotonic()
        if self.proc.poll() is None:
            self.proc.kill()
        out, err = self.proc.communicate(timeout=60)
        self._watch.join(timeout=5)
        stop = ended - self.signalled if self.signalled is not None else None
        return Run(
            self.proc.returncode,
            out,
            err,
            ended - self.started,
            self.peak / 1024,
            stop,
            self.total / 1024,
        )


def pipeline(*args: str, **kwargs) -> Run:
    return Pipeline(*args, **kwargs).finish()


# --------------------------------------------------------------------------- the warehouse


def counts(db: Path) -> tuple[int, int, int]:
    """Rows in v_documents, v_facts and v_flags."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(
            con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
            for view in ("v_documents", "v_facts", "v_flags")
        )
    finally:
        con.close()


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def corpus30(tmp_path_factory) -> Path:
    """30 generated reports (15 PDF, 15 DOCX) with their gold files."""
    out = tmp_path_factory.mktemp("corpus30")
    subprocess.run(
        [sys.executable, "tools/samplegen.py", "--out", str(out), "--count", "30", "--seed", "19"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


@pytest.fixture(scope="session")
def reference30(corpus30, tmp_path_factory) -> Path:
    """The 30 reports ingested once without interruption: the counts every run must reach."""
    db = tmp_path_factory.mktemp("reference") / "w.duckdb"
    run = pipeline("ingest", str(corpus30), "--db", str(db))
    assert run.code == 0, run.err
    return db


def per_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """rel_path -> (facts, document flags, references) of every document loaded ok."""
    return {
        r[0]: r[1:]
        for r in query(
            db,
            """SELECT d.rel_path,
                      (SELECT count(*) FROM facts f WHERE f.doc_id = d.doc_id),
                      (SELECT count(*) FROM flags g WHERE g.doc_id = d.doc_id
                                                      AND g.scope = 'document'),
                      (SELECT count(*) FROM doc_references r WHERE r.doc_id = d.doc_id)
               FROM documents d WHERE d.status = 'ok'""",
        )
    }
