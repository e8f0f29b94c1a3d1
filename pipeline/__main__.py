"""`python -m pipeline ...`"""

import atexit
import os
import sys

_EXIT_CODE: list[int] = []


def _exit_at_once() -> None:
    """Registered before anything else, so run after every other exit handler: the output is
    flushed and the process ends without the interpreter's teardown of every module and
    object (a tenth of a second after an ingest, with pandas, DuckDB and the catalogs loaded)."""
    if _EXIT_CODE:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_CODE[0])


atexit.register(_exit_at_once)

from pipeline.cli import main  # noqa: E402

_EXIT_CODE.append(main())
sys.exit(_EXIT_CODE[0])
