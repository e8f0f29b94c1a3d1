"""kill -9 at random moments of a 30-file ingest: after every kill the warehouse opens, holds
no half-loaded and no duplicated document, no reader survives the run; the next run loads
the rest and the warehouse ends exactly as one uninterrupted ingest leaves it."""

import random
import signal
import time

import pytest

from tests.faults.conftest import Pipeline, alive, counts, per_document, query, record

pytestmark = pytest.mark.slow
KILLS = 10


def duplicated(db) -> list[tuple]:
    return query(
        db,
        "SELECT source_dir, rel_path, count(*) FROM documents GROUP BY ALL HAVING count(*) > 1",
    )


def test_ten_kills_lose_nothing_duplicate_nothing_and_leave_nothing_half_loaded(
    corpus30, reference30, tmp_path
):
    db = tmp_path / "w.duckdb"
    expected = per_document(reference30)
    assert len(expected) == 30
    # after the first worker starts reading: the moments a document can be half done
    moments = random.Random(19).sample(range(0, 2000, 25), KILLS)  # milliseconds
    half_loaded, loading, orphans_gone_in = 0, 0, 0.0
    for ms in moments:
        before = len(per_document(db)) if db.exists() else 0
        run = Pipeline("ingest", str(corpus30), "--db", str(db), "--workers", "1")
        run.wait_for_worker()
        time.sleep(ms / 1000)
        family = dict(run.seen)
        run.signal(signal.SIGKILL)
        run.finish(timeout=30)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in family) and time.monotonic() < deadline:
            time.sleep(0.05)
        orphans_gone_in = max(orphans_gone_in, time.monotonic() - run.signalled)
        assert not [pid for pid in family if alive(pid)], f"left running: {family}"
        if not db.exists():
            continue
        now = per_document(db)
        half_loaded += sum(1 for rel, n in now.items() if n != expected[rel])
        assert duplicated(db) == []
        loading += len(now) > before
    final = Pipeline("ingest", str(corpus30), "--db", str(db)).finish()
    assert final.code == 0, final.err
    assert per_document(db) == expected
    assert counts(db) == counts(reference30)
    assert duplicated(db) == [] and half_loaded == 0
    record(
        f"kill -9: {KILLS} kills ({loading} while documents were loading), "
        f"0 documents lost, 0 duplicated, {half_loaded} half-loaded; every worker, forkserver "
        f"and OCR process gone within {orphans_gone_in:.1f} s of a kill; final counts "
        f"{counts(db)} = uninterrupted {counts(reference30)}"
    )
