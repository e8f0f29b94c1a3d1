"""Documents through an executor: a scan's pages spread over the workers, one outcome a document.

An executor runs jobs (pipeline.jobs) and reports their outcomes: the local pool of worker
processes (pipeline.workers.Pool) or Dask (pipeline.dask_executor). `documents` gives every
document job to it and yields one outcome per document in completion order. A document job that
answers with pages to read by OCR puts a job per page at the front of the queue, all with the
document's deadline (its wall-clock limit counts from when its first job started); when every
page is read, the document job runs again with their layouts. A page that runs out of time,
kills its worker or cannot be read fails its document and its other pages are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.jobs import DocJob, PageFailed, PageJob, PagesWanted
from pipeline.workers import Outcome

UNREADABLE = "unreadable"  # Outcome.failure of a document whose page could not be read


class Executor(Protocol):
    def submit(self, job: Any, deadline: float | None = None, first: bool = False) -> None: ...

    def outcomes(self, idle: float | None = None) -> Generator[Outcome | None, None, None]: ...

    def cancel(self, which: Callable[[Any], bool]) -> None: ...

    def running(self) -> list[Any]: ...

    def dispatch(self) -> None: ...


@dataclass
class _Scan:
    job: DocJob
    deadline: float | None
    wanted: list[int]
    layouts: dict = field(default_factory=dict)


def documents(
    executor: Executor,
    jobs: Iterable[DocJob],
    seconds: float | None,
    idle: float | None = None,
) -> Generator[Outcome | None, None, None]:
    """One outcome per document job (its DocumentResult, or why there is none), and None when
    `idle` seconds pass without one. `seconds` is a document's wall-clock limit (None: none)."""
    for job in jobs:
        executor.submit(job)
    scans: dict[str, _Scan] = {}
    with closing(executor.outcomes(idle)) as outcomes:  # closed with this one: workers killed
        for outcome in outcomes:
            if outcome is None:
                yield None
                continue
            done = _settle(executor, scans, outcome, seconds)
            if done is not None:
                executor.dispatch()  # idle workers take their next job before the consumer
                yield done  # (the writer) may spend a while on a batch


def _settle(executor: Executor, scans: dict, outcome: Outcome, seconds) -> Outcome | None:
    """The document's outcome when this job's outcome ends it, else None (more jobs queued)."""
    job = outcome.job
    if isinstance(job, PageJob):
        return _page_done(executor, scans, outcome)
    rel = job.state.rel_path
    if outcome.failure is None and isinstance(outcome.result, PagesWanted):
        first = scans.get(rel)
        started = outcome.started
        deadline = first.deadline if first else (started + seconds if seconds else None)
        pages = outcome.result.pages
        scans[rel] = _Scan(job, deadline, pages)
        for page in reversed(pages):  # page 1 first, before any other document
            executor.submit(PageJob(job.path, rel, page, max(pages)), deadline, first=True)
        return None
    scans.pop(rel, None)
    return outcome


def _page_done(executor: Executor, scans: dict, outcome: Outcome) -> Outcome | None:
    job: PageJob = outcome.job
    scan = scans.get(job.rel_path)
    if scan is None:
        return None  # its document failed already
    result = outcome.result
    if outcome.failure is None and not isinstance(result, PageFailed):
        scan.layouts[job.page] = result
        if len(scan.layouts) == len(scan.wanted):
            again = DocJob(scan.job.path, scan.job.state, scan.layouts)
            executor.submit(again, scan.deadline, first=True)
        return None
    del scans[job.rel_path]
    executor.cancel(lambda j: isinstance(j, PageJob) and j.rel_path == job.rel_path)
    if outcome.failure is not None:
        return Outcome(scan.job, failure=outcome.failure, exitcode=outcome.exitcode)
    return Outcome(scan.job, result=result.reason, failure=UNREADABLE)
