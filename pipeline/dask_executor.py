"""The per-document stage as Dask tasks, for archives beyond one machine.

`python -m pipeline ingest RAW --executor dask [--scheduler tcp://HOST:8786]` runs every job of
pipeline.jobs as a Dask task (the same function the local pool runs) on the cluster at the
scheduler's address, or on a LocalCluster of `--workers` processes when none is given; the
results stream back to the one writer in this process as they complete. Dask is an extra
(`pip install .[dask]`, `make dask`), imported only here.

A task reads a few documents one after another (a chunk: CHUNK at most, fewer towards the end
of the queue, so the workers finish together): a task costs the scheduler and its worker a few
milliseconds, as much as reading a short text PDF, so one task a document made the cluster a
third slower than the local pool. A chunk whose worker died is split and its documents sent
again one a task, so a document that kills its worker fails alone.

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
from pipeline import workers as worker_pool
from pipeline.jobs import DocJob, PageJob, run_job
from pipeline.workers import Outcome

INSTALL_HINT = "chưa cài Dask: chạy `make dask` (hoặc `pip install .[dask]`)"
PAGE_PRIORITY = 10  # a scan's pages before other documents, as in the local pool
POLL = 0.01  # seconds between looks at the tasks completed
CHUNK = 8  # documents a task at most
CHUNKS_PER_WORKER = 8  # at least, while there are documents enough: the last ones end together


def run_jobs_with_limits(jobs: list, limit_values: dict) -> list:
    """run_job on each job under this run's limits (the settings of the process that started
    the run)."""
    with catalog.settings_overridden("limits", limit_values):
        return [run_job(job) for job in jobs]


class DaskExecutor:
    def __init__(self, scheduler: str | None, workers: int, limit_values: dict | None) -> None:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as exc:
            raise RuntimeError(INSTALL_HINT) from exc
        self.cluster = None
        self.config = None
        if scheduler:
            self.client = Client(scheduler)
            workers = max(1, sum(self.client.nthreads().values()))
        else:
            self.config = local_config()
            self.config.__enter__()
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self.client = Client(self.cluster)
        self.workers = workers
        self.limit_values = dict(limit_values or {})
        self.futures: dict[Any, list] = {}  # future -> its jobs
        self.waiting: list[DocJob] = []  # documents to send as chunks
        self.completed = as_completed(with_results=True, raise_errors=False)

    def submit(self, job: Any, deadline: float | None = None, first: bool = False) -> None:
        if isinstance(job, DocJob) and job.page_layouts is None and not first:
            self.waiting.append(job)  # sent in chunks by dispatch()
            return
        self._send([job], PAGE_PRIORITY if first or isinstance(job, PageJob) else 0)

    def _send(self, jobs: list, priority: int = 0) -> None:
        future = self.client.submit(
            run_jobs_with_limits, jobs, self.limit_values, pure=False, priority=priority
        )
        self.futures[future] = jobs
        self.completed.add(future)

    def dispatch(self) -> None:
        """Send the documents submitted since, in chunks that shrink towards the last ones."""
        waiting, self.waiting = self.waiting, []
        while waiting:
            size = chunk_size(len(waiting), self.workers)
            self._send(waiting[:size])
            waiting = waiting[size:]

    def outcomes(self, idle: float | None = None) -> Generator[Outcome | None, None, None]:
        """Outcomes as the tasks complete (polled every POLL seconds: distributed's wait() on
        every pending future each time cost seconds over a few hundred documents)."""
        quiet = 0.0
        try:
            self.dispatch()
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
                for future, result in done:
                    yield from self._ended(future, result)
                self.dispatch()
        finally:
            self.client.cancel(list(self.futures))
            self.futures = {}

    def _ended(self, future, result: Any) -> list[Outcome]:
        """The outcomes of a task that ended: one a job, or none when a chunk is sent again."""
        jobs = self.futures.pop(future, None)
        if jobs is None:  # cancelled meanwhile
            return []
        if future.status == "finished":
            return [Outcome(job, result=r) for job, r in zip(jobs, result)]
        if len(jobs) > 1:  # its worker died (or it was lost): each document on its own
            for job in jobs:
                self._send([job])
            return []
        return [Outcome(jobs[0], failure="died")]

    def cancel(self, which: Callable[[Any], bool]) -> None:
        self.waiting = [job for job in self.waiting if not which(job)]
        dropped = [f for f, jobs in self.futures.items() if any(which(job) for job in jobs)]
        for future in dropped:
            for job in self.futures.pop(future):
                if not which(job):
                    self._send([job])  # a chunk's other documents
        if dropped:
            self.client.cancel(dropped)

    def running(self) -> list[Any]:
        return []  # the cluster knows; asking it for every bar update costs a round trip

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.config is not None:
            self.config.__exit__(None, None, None)


def chunk_size(documents: int, workers: int) -> int:
    """Documents the next task takes of those left: CHUNK, fewer when there are not
    CHUNKS_PER_WORKER chunks a worker."""
    return max(1, min(CHUNK, documents // (workers * CHUNKS_PER_WORKER)))


def local_config():
    """Dask's settings for a LocalCluster of this run (a context manager): its workers fork
    from the project's forkserver, where the readers are imported and the catalog's patterns
    compiled once (pipeline.warm), instead of each spawned worker importing and compiling on
    its first task; Dask's profiler, which samples a task's stack every 10 ms, is off; and its
    monitors (event loop ticks, memory, system load for the dashboard) look less often."""
    import dask

    values: dict[str, Any] = {
        "distributed.worker.profile.enabled": False,
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "500ms",
    }
    if worker_pool.start_server(worker_pool.DASK_PRELOAD):
        values["distributed.worker.multiprocessing-method"] = "forkserver"
    return dask.config.set(values)
