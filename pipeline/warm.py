"""Warm the readers and finders once, in the forkserver, before any worker is forked from it.

Importing this module (it is in pipeline.workers.PRELOAD) reads the shipped sample reports
the way a worker reads a file: every catalog pattern the finders compile on first use (over a
thousand of them, most of a second) is compiled here once, and each worker starts with them
instead of compiling its own. What the sample yields is thrown away; the caches it fills hold
pure functions of the catalog. A sample that is missing or fails costs nothing but the warmth.
The compiled patterns are kept for the next run (catalog.patterns), which unpickles them in a few
milliseconds instead of compiling them again.

Then everything the forkserver holds is frozen out of the garbage collector's reach: a worker's
full collections walk only the objects it made itself, not the fifty thousand of the imports
(a quarter of a second a worker over 250 short documents).
"""

from __future__ import annotations

import gc
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
WARM_FILES = ("bao_cao_0001.pdf", "bao_cao_0002.docx")


def warm() -> None:
    from catalog import patterns
    from pipeline.file_reading import process_file
    from warehouse.store import FileState

    for name in WARM_FILES:
        path = SAMPLES / name
        try:
            process_file(path, FileState(name, path.stat().st_size, 0.0, sha256="warm"))
        except Exception:  # noqa: BLE001, S110 - warmth is optional
            pass
    patterns.keep()


def freeze() -> None:
    gc.collect()
    gc.freeze()


warm()
freeze()
