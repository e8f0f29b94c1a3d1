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
