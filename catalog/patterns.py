"""Compiled patterns kept between runs, the way Python keeps bytecode.

The finders build over a thousand patterns from the catalog, and `regex` parses each one in
Python: most of a second of every process's start (every ingest waits for it in the forkserver
before the first document is read). A compiled `regex` pattern pickles as its compiled code, so
the patterns a run compiled are kept in `__pycache__` beside this module and the next run
unpickles them in a few milliseconds instead. A pattern is kept under its source and flags: a
pattern whose source changed (a catalog edit) is compiled anew and kept at the next save. The
file is named by the Python and `regex` versions that wrote it; one that cannot be read is
ignored (the patterns are compiled as if it were not there).
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

KEPT_FILE = (
    Path(__file__).resolve().parent
    / "__pycache__"
    / f"patterns.{sys.implementation.cache_tag}.regex-{regex.__version__}.pickle"
)

Key = tuple[str, int]


class KeptPatterns:
    """The patterns of one file: those it holds (read once), and those this process used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept = _read_kept(path)
        self.used: dict[Key, regex.Pattern] = {}

    def compiled(self, source: str, flags: int = 0) -> regex.Pattern:
        """`regex.compile(source, flags)`, from the file when an earlier run compiled it."""
        key = (source, int(flags))
        pattern = self.used.get(key)
        if pattern is None:
            pattern = self.kept.get(key)
            if pattern is None:
                pattern = regex.compile(source, flags)
            self.used[key] = pattern
        return pattern

    def keep(self) -> bool:
        """Write the patterns this process used, when they are not those the file holds (a new
        or changed pattern; one no longer used drops out). Atomic: a run reading the file
        meanwhile sees the old file or the new one. False when nothing was written (nothing
        new, or the folder is not writable: the next run compiles, nothing is lost)."""
        if not self.used or self.used.keys() == self.kept.keys():
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
        except OSError:
            return False
        try:
            os.fchmod(fd, 0o644)  # a cache as readable as the bytecode beside it
            with os.fdopen(fd, "wb") as f:
                pickle.dump(dict(self.used), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return False
        self.kept = dict(self.used)
        return True


def _read_kept(path: Path) -> dict[Key, regex.Pattern]:
    try:
        with path.open("rb") as f:
            kept = pickle.load(f)  # noqa: S301 - written by this module, like a .pyc beside it
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: compile instead
        return {}
    return kept if isinstance(kept, dict) else {}


KEPT = KeptPatterns(KEPT_FILE)
compiled = KEPT.compiled
keep = KEPT.keep
