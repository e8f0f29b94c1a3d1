"""Where the per-document stage runs: worker processes here, this process, or a Dask cluster.

Every executor takes the jobs of pipeline.jobs and runs the same function on them
(pipeline.jobs.run_job); pipeline.schedule drives it, and the one writer loads what comes back.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Generator
from typing import Any

import catalog
from pipeline import workers as worker_pool
from pipeline.jobs import run_job
from pipeline.workers import Outcome

EXECUTORS = ("local", "dask")


class InProcess:
    """Jobs run one after another in this process (tests that replace the extractors here)."""

    def __init__(self, work: Callable = run_job) -> None:
        self.work = work
        self.queue: deque[Any] = deque()

    def submit(self, job: Any, deadline: float | None = None, first: bool = False) -> None:
        (self.queue.appendleft if first else self.queue.append)(job)

    def outcomes(self, idle: float | None = None) -> Generator[Outcome | None, None, None]:
        while self.queue:
            job = self.queue.popleft()
            started = time.monotonic()
            yield Outcome(job, result=self.work(job), started=started)

    def cancel(self, which: Callable[[Any], bool]) -> None:
        self.queue = deque(job for job in self.queue if not which(job))

    def running(self) -> list[Any]:
        return []

    def dispatch(self) -> None:
        pass  # the next job runs when the outcomes are read on

    def close(self) -> None:
        self.queue.clear()


class LocalPool(worker_pool.Pool):
    """The worker processes of pipeline.workers, each with this run's limits."""

    def __init__(self, workers: int, seconds: float, limit_values: dict | None) -> None:
        super().__init__(
            run_job,
            workers,
            seconds,
            setup=catalog.override_settings,
            setup_args=("limits", dict(limit_values or {})),
        )


def executor_problem(kind: str, scheduler: str | None) -> str | None:
    """What stands in the way of running on this executor (one Vietnamese line), or None."""
    from importlib.util import find_spec

    if scheduler and kind != "dask":
        return "--scheduler chỉ dùng cùng --executor dask"
    if kind == "dask" and find_spec("distributed") is None:
        return "chưa cài Dask: chạy `make dask` (hoặc `pip install .[dask]`)"
    return None


def worker_count(workers: int | None) -> int:
    """Workers asked for, or one per core (the pool starts them only when it has jobs)."""
    return max(1, workers or os.cpu_count() or 1)


def make_executor(
    kind: str,
    workers: int | None,
    seconds: float,
    limit_values: dict | None,
    scheduler: str | None = None,
):
    """The executor of a run: `local` (worker processes, or this process when `workers` is 0)
    or `dask` (a Dask cluster at `scheduler`, or a LocalCluster of `workers` processes)."""
    if kind == "dask":
        from pipeline.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, worker_count(workers), limit_values)
    if workers == 0:
        return InProcess()
    return LocalPool(worker_count(workers), seconds, limit_values)
