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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

PRELOAD = ["pipeline.ingest", "pipeline.workers", "extractors.readers"]
PR_SET_PDEATHSIG = 1
LIVE: dict[int, Worker] = {}  # pid -> worker, for kill_all() from a signal handler


@dataclass
class Outcome:
    """What became of one job: its result, or why there is none ('timeout' or 'died')."""

    job: Any
    result: Any = None
    failure: str | None = None
    exitcode: int | None = None


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
        LIVE[self.proc.pid] = self

    def give(self, job: Any) -> None:
        self.job, self.started = job, time.monotonic()
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


def context():
    # forkserver: never fork the writer, which holds an open DuckDB connection and its threads.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx


def run(
    jobs: Iterable,
    work: Callable,
    workers: int,
    seconds: float,
    setup: Callable | None = None,
    setup_args: tuple = (),
) -> Iterator[Outcome]:
    """Outcomes of the jobs in completion order, `workers` at a time, each job given at most
    `seconds` of wall-clock time. Closing the iterator (or an exception in the consumer,
    Ctrl-C included) kills every worker at once."""
    ctx = context()
    queue = deque(jobs)
    pool: list[Worker] = []
    try:
        while queue or any(w.job is not None for w in pool):
            _fill(pool, queue, workers, lambda: Worker(ctx, work, setup, setup_args))
            busy = [w for w in pool if w.job is not None]
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + seconds for w in busy) - now)
            ready = multiprocessing.connection.wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for
            )
            for worker in busy:
                outcome = _collect(worker, ready, seconds)
                if outcome is None:
                    continue
                if outcome.failure:
                    pool.remove(worker)
                yield outcome
    finally:
        for worker in pool:
            worker.kill()
        for worker in pool:
            worker.reap()


def _fill(pool: list[Worker], queue: deque, workers: int, start: Callable[[], Worker]) -> None:
    for worker in pool:
        if queue and worker.job is None:
            worker.give(queue.popleft())
    while queue and len(pool) < workers:
        worker = start()
        pool.append(worker)
        worker.give(queue.popleft())


def _collect(worker: Worker, ready: list, seconds: float) -> Outcome | None:
    """The worker's outcome if it has one now: a result, a death, or its time run out."""
    job = worker.job
    if worker.conn in ready or worker.conn.poll():
        try:
            result = worker.conn.recv()
        except (EOFError, OSError):
            return Outcome(job, failure="died", exitcode=worker.reap())
        worker.job = None
        return Outcome(job, result=result)
    if worker.proc.sentinel in ready:
        return Outcome(job, failure="died", exitcode=worker.reap())
    if time.monotonic() - worker.started >= seconds:
        worker.reap()
        return Outcome(job, failure="timeout")
    return None
