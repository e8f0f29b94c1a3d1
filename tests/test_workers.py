"""Worker processes on handles the parent keeps: a job past its time is killed, a worker
that dies costs its own job only, closing the run kills every worker at once."""

import os
import time

from pipeline import workers


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def crash_on_negative(x: int) -> int:
    if x < 0:
        os._exit(3)
    return x * 2


def test_a_job_past_its_wall_clock_limit_is_killed_and_named():
    outcomes = list(workers.run([30.0, 0.01], nap, workers=2, seconds=1))
    by_job = {o.job: o for o in outcomes}
    assert by_job[30.0].failure == "timeout" and by_job[30.0].result is None
    assert by_job[0.01].failure is None and by_job[0.01].result == 0.01
    assert workers.LIVE == {}


def test_a_worker_that_dies_costs_its_own_job_and_the_others_go_on():
    outcomes = list(workers.run([1, -1, 2, 3], crash_on_negative, workers=1, seconds=60))
    assert sorted(o.result for o in outcomes if o.failure is None) == [2, 4, 6]
    (dead,) = [o for o in outcomes if o.failure]
    assert dead.job == -1 and dead.failure == "died" and dead.exitcode == 3


def test_closing_the_run_kills_the_workers_still_reading():
    run = workers.run([0.01, 60.0], nap, workers=2, seconds=120)
    first = next(run)
    assert first.result == 0.01
    pids = list(workers.LIVE)
    run.close()
    assert workers.LIVE == {}
    for pid in pids:
        assert (
            not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"
        )


def test_a_queued_job_past_its_deadline_is_not_started():
    pool = workers.Pool(nap, workers=1, seconds=60)
    pool.submit(0.3)
    pool.submit(0.01, deadline=time.monotonic() + 0.1)  # a page of a document out of time
    outcomes = {o.job: o for o in pool.outcomes()}
    assert outcomes[0.3].result == 0.3
    assert outcomes[0.01].failure == "timeout" and outcomes[0.01].result is None


def test_a_job_submitted_first_is_read_before_those_queued():
    pool = workers.Pool(nap, workers=1, seconds=60)
    for job in (0.01, 0.02, 0.03):
        pool.submit(job)
    order = []
    for outcome in pool.outcomes():
        order.append(outcome.job)
        if outcome.job == 0.01:
            pool.submit(0.04, first=True)  # a scan's page goes before the other documents
    assert order == [0.01, 0.04, 0.02, 0.03]


def test_the_pool_says_when_it_has_been_idle():
    outcomes = list(workers.run([0.5], nap, workers=1, seconds=60, idle=0.1))
    assert None in outcomes and outcomes[-1].result == 0.5
