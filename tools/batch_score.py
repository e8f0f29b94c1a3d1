"""Score one batch of the genre corpus out of a verbose tune report, by its files' prefix.

    make -s eval EVAL_ARGS="--part tune -v" > /tmp/tune.txt
    .venv/bin/python tools/batch_score.py /tmp/tune.txt n5a n5b n5c     # one line for all three

The per-file lines of the shared scorer (`<file>: facts a/b found, c extra; flags d/e found, f
extra`) are summed and precision, recall and F1 printed for facts and flags.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LINE = re.compile(
    r"(.+?): facts (\d+)/(\d+) found, (\d+) extra; flags (\d+)/(\d+) found, (\d+) extra"
)


def prf(found: int, total: int, extra: int) -> tuple[float, float, float]:
    p = found / (found + extra) if found + extra else 1.0
    r = found / total if total else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(report: Path, prefixes: tuple[str, ...]) -> str:
    sums = [0] * 6
    files = 0
    for line in report.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if m and m.group(1).startswith(prefixes):
            files += 1
            sums = [a + int(b) for a, b in zip(sums, m.groups()[1:], strict=True)]
    facts = "facts P={:.3f} R={:.3f} F1={:.3f}".format(*prf(sums[0], sums[1], sums[2]))
    flags = "flags P={:.3f} R={:.3f} F1={:.3f}".format(*prf(sums[3], sums[4], sums[5]))
    return f"{' '.join(prefixes)}: {facts} | {flags} | {files} files"


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), tuple(sys.argv[2:])))
