"""Worker processes that read files, each on a handle the parent keeps.

The parent holds every worker's process, pipe, job and start time, and gives each worker one
job at a time, so it always knows which file a worker is reading and can end exactly that
worker: at once on Ctrl-C or SIGTERM, when a document runs past its wall-clock limit, and it
knows which file was lost when a worker dies (the out-of-memory killer costs one file, never
the run). Each worker leads a process group of its own, which the OCR (tesseract) and
LibreOffice programs it starts belong to: killing the group ends them too. A worker ignores
the terminal's Ctrl-C (the parent decides) and dies with the forkserver that started it
(PR_SET_PDEATHSIG), which ends when the parent does, so a `kill -9` of the run leaves no
reader behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# pipeline.warm reads the sample reports once, so the workers fork with the patterns compiled.
PRELOAD = [
    "pipeline.ingest",
    "pipeline.jobs",
    "pipeline.workers",
    "pipeline.file_reading",
    "extractors.readers.pdf",
    "extractors.readers.docx",
    "extractors.readers.doc",
    "pipeline.warm",
]
# A Dask LocalCluster's workers fork from the same server (pipeline.dask_executor) and need this.
DASK_PRELOAD = ("distributed",)
PR_SET_PDEATHSIG = 1
LIVE: dict[int, Worker] = {}  # pid -> worker, for kill_all() from a signal handler


@dataclass
class Outcome:
    """What became of one job: its result, or why there is none ('timeout' or 'died')."""

    job: Any
    result: Any = None
    failure: str | None = None
    exitcode: int | None = None
    started: float = 0.0  # when a worker took the job (time.monotonic())


def serve(conn, work: Callable, setup: Callable | None, setup_args: tuple) -> None:
    """A worker's life: jobs from the pipe, results back, until the pipe closes."""
    os.setpgrp()
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if setup is not None:
        setup(*setup_args)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(work(job))


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class Worker:
    def __init__(self, ctx, work: Callable, setup: Callable | None, setup_args: tuple):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=serve, args=(child, work, setup, setup_args), daemon=True)
        self.proc.start()
        child.close()
        self.job: Any = None
        self.started = 0.0
        self.deadline = 0.0
        LIVE[self.proc.pid] = self

    def give(self, job: Any, deadline: float) -> None:
        self.job, self.started, self.deadline = job, time.monotonic(), deadline
        self.conn.send(job)

    def kill(self) -> None:
        """End the worker and everything it started, now."""
        pid = self.proc.pid
        LIVE.pop(pid, None)
        for end in (os.killpg, os.kill):
            try:
                end(pid, signal.SIGKILL)
            except OSError:
                pass

    def reap(self) -> int | None:
        self.kill()
        self.proc.join(timeout=2)
        self.conn.close()
        return self.proc.exitcode


def kill_all() -> None:
    """Kill every live worker with its children (safe in a signal handler: no waiting)."""
    for worker in list(LIVE.values()):
        worker.kill()


def context(extra: tuple[str, ...] = ()):
    """The start method of the workers; `extra` modules join the forkserver's preload (the
    Dask executor's `distributed`, which its workers would otherwise import one by one)."""
    # forkserver: never fork the writer, which holds an open DuckDB connection and its threads.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload([*extra, *PRELOAD])
    return ctx


def start_server(extra: tuple[str, ...] = ()) -> bool:
    """Start the forkserver now, as soon as workers are known to be wanted: it imports and
    warms (PRELOAD) while this process goes on, instead of when the first worker is asked for.
    False where there is no forkserver (the workers are spawned)."""
    ctx = context(extra)
    if ctx.get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return True


class Pool:
    """Worker processes reading jobs, `workers` at a time. A job has `seconds` of wall-clock time
    from when a worker takes it, or until the deadline it was submitted with (the jobs of one
    document share the document's time); a job whose deadline passed while it waited is not
    started. Jobs may be submitted while the outcomes are read, to the front of the queue too."""

    def __init__(
        self,
        work: Callable,
        workers: int,
        seconds: float,
        setup: Callable | None = None,
        setup_args: tuple = (),
    ) -> None:
        self.ctx = context()
        self.work, self.workers, self.seconds = work, workers, seconds
        self.setup, self.setup_args = setup, setup_args
        self.queue: deque[tuple[Any, float | None]] = deque()
        self.pool: list[Worker] = []
        self.expired: list[Outcome] = []

    def submit(self, job: Any, deadline: float | None = None, first: bool = False) -> None:
        (self.queue.appendleft if first else self.queue.append)((job, deadline))

    def running(self) -> list[Any]:
        """The jobs workers are reading now."""
        return [w.job for w in self.pool if w.job is not None]

    def dispatch(self) -> None:
        """Give queued jobs to idle workers now, not when the outcomes are read on: the reader
        of the outcomes is about to be busy (writing a batch) and the workers would wait."""
        self._fill()

    def cancel(self, which: Callable[[Any], bool]) -> None:
        """Drop the queued jobs `which` picks and kill the workers reading one."""
        self.queue = deque(item for item in self.queue if not which(item[0]))
        for worker in [w for w in self.pool if w.job is not None and which(w.job)]:
            worker.reap()
            self.pool.remove(worker)

    def outcomes(self, idle: float | None = None) -> Generator[Outcome | None, None, None]:
        """Outcomes in completion order until no job is left; with `idle`, None whenever that
        many seconds pass without one (the consumer's moment to write what it holds). Closing
        the iterator (or an exception in the consumer, Ctrl-C included) kills every worker."""
        last = time.monotonic()
        try:
            while self.queue or self.expired or any(w.job is not None for w in self.pool):
                self._fill()
                ready = self._wait(last, idle)
                expired, self.expired = self.expired, []  # dispatch() may add to it meanwhile
                for outcome in expired + self._collect_all(ready):
                    last = time.monotonic()
                    yield outcome
                if idle is not None and time.monotonic() - last >= idle:
                    last = time.monotonic()
                    yield None
        finally:
            self.close()

    def close(self) -> None:
        for worker in self.pool:
            worker.kill()
        for worker in self.pool:
            worker.reap()
        self.pool = []

    def _fill(self) -> None:
        idle = [w for w in self.pool if w.job is None]
        while self.queue and (idle or len(self.pool) < self.workers):
            job, deadline = self.queue.popleft()
            now = time.monotonic()
            if deadline is not None and deadline <= now:
                self.expired.append(Outcome(job, failure="timeout", started=now))
                continue
            if idle:
                worker = idle.pop()
            else:
                worker = Worker(self.ctx, self.work, self.setup, self.setup_args)
                self.pool.append(worker)
            worker.give(job, deadline if deadline is not None else now + self.seconds)

    def _wait(self, last: float, idle: float | None) -> list:
        busy = [w for w in self.pool if w.job is not None]
        if not busy or self.expired:
            return []
        now = time.monotonic()
        wait_for = max(0.0, min(w.deadline for w in busy) - now)
        if idle is not None:
            wait_for = min(wait_for, max(0.0, last + idle - now))
        return multiprocessing.connection.wait(
            [w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for
        )

    def _collect_all(self, ready: list) -> list[Outcome]:
        out = []
        for worker in [w for w in self.pool if w.job is not None]:
            outcome = _collect(worker, ready)
            if outcome is None:
                continue
            if outcome.failure:
                self.pool.remove(worker)
            out.append(outcome)
        return out


def run(
    jobs: Iterable,
    work: Callable,
    workers: int,
    seconds: float,
    setup: Callable | None = None,
    setup_args: tuple = (),
    idle: float | None = None,
) -> Iterator[Outcome | None]:
    """Outcomes of the jobs in completion order, `workers` at a time, each job given at most
    `seconds` of wall-clock time (Pool.outcomes says the rest)."""
    pool = Pool(work, workers, seconds, setup, setup_args)
    for job in jobs:
        pool.submit(job)
    return pool.outcomes(idle)


def _collect(worker: Worker, ready: list) -> Outcome | None:
    """The worker's outcome if it has one now: a result, a death, or its time run out."""
    job, started = worker.job, worker.started
    if worker.conn in ready or worker.conn.poll():
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            return Outcome(job, failure="died", exitcode=worker.reap(), started=started)
        worker.job = None
        return Outcome(job, result=result, started=started)
    if worker.proc.sentinel in ready:
        return Outcome(job, failure="died", exitcode=worker.reap(), started=started)
    if time.monotonic() >= worker.deadline:
        worker.reap()
        return Outcome(job, failure="timeout", started=started)
    return None
