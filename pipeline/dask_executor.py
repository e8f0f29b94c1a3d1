"""The per-document stage as Dask tasks, for archives beyond one machine.

`python -m pipeline ingest RAW --executor dask [--scheduler tcp://HOST:8786]` runs every job of
pipeline.jobs as a Dask task (the same function the local pool runs) on the cluster at the
scheduler's address, or on a LocalCluster of `--workers` processes when none is given; the
results stream back to the one writer in this process as they complete. Dask is an extra
(`pip install .[dask]`, `make dask`), imported only here.

What differs from the local pool: a task cannot be killed half-way, so a document's wall-clock
limit is not enforced on the cluster (Dask's own worker memory limits restart a worker that
exhausts its memory; a task that kills its worker again and again fails its document). Every
worker must be able to import this project (same code version) and read the raw files at the
same paths.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any

import catalog
from pipeline.jobs import PageJob, run_job
from pipeline.workers import Outcome

INSTALL_HINT = "chưa cài Dask: chạy `make dask` (hoặc `pip install .[dask]`)"
PAGE_PRIORITY = 10  # a scan's pages before other documents, as in the local pool
POLL = 0.01  # seconds between looks at the tasks completed


def run_job_with_limits(job: Any, limit_values: dict) -> Any:
    """run_job under this run's limits (the settings of the process that started the run)."""
    with catalog.settings_overridden("limits", limit_values):
        return run_job(job)


class DaskExecutor:
    def __init__(self, scheduler: str | None, workers: int, limit_values: dict | None) -> None:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as exc:
            raise RuntimeError(INSTALL_HINT) from exc
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self.client = Client(self.cluster)
        self.limit_values = dict(limit_values or {})
        self.futures: dict[Any, Any] = {}  # future -> job
        self.completed = as_completed()

    def submit(self, job: Any, deadline: float | None = None, first: bool = False) -> None:
        priority = PAGE_PRIORITY if first or isinstance(job, PageJob) else 0
        future = self.client.submit(
            run_job_with_limits, job, self.limit_values, pure=False, priority=priority
        )
        self.futures[future] = job
        self.completed.add(future)

    def outcomes(self, idle: float | None = None) -> Generator[Outcome | None, None, None]:
        """Outcomes as the tasks complete (polled every POLL seconds: distributed's wait() on
        every pending future each time cost seconds over a few hundred documents)."""
        quiet = 0.0
        try:
            while self.futures:
                done = self.completed.next_batch(block=False)
                if not done:
                    time.sleep(POLL)
                    quiet += POLL
                    if idle is not None and quiet >= idle:
                        quiet = 0.0
                        yield None
                    continue
                quiet = 0.0
                for future in done:
                    job = self.futures.pop(future, None)
                    if job is not None:  # not cancelled meanwhile
                        yield _outcome(future, job)
        finally:
            self.client.cancel(list(self.futures))
            self.futures = {}

    def cancel(self, which: Callable[[Any], bool]) -> None:
        dropped = [f for f, job in self.futures.items() if which(job)]
        for future in dropped:
            del self.futures[future]
        if dropped:
            self.client.cancel(dropped)

    def dispatch(self) -> None:
        pass  # every job is on the cluster from its submit

    def running(self) -> list[Any]:
        return []  # the cluster knows; asking it for every bar update costs a round trip

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _outcome(future, job: Any) -> Outcome:
    if future.status == "finished":
        return Outcome(job, result=future.result())
    return Outcome(job, failure="died")  # erred: its worker died under it, or it was lost
