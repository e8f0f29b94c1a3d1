"""classify_metric on table headers and list labels as other provinces write them.

The table finder maps each header cell to a metric with this classifier, so every column
name in tests/fixtures/figures/genre_headers.toml (written for this test) must map to its
metric, and a column of no metric (STT, Ghi chú, a comparison column) to None.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extractors.finders.cues import classify_metric  # noqa: E402

HEADERS = Path(__file__).resolve().parent / "fixtures" / "figures" / "genre_headers.toml"


def header_rows() -> list[list[str]]:
    with HEADERS.open("rb") as f:
        return tomllib.load(f)["headers"]


def accuracy() -> tuple[float, list[str]]:
    wrong = []
    rows = header_rows()
    for label, unit, context, metric in rows:
        got = classify_metric(label, unit or None, context) or ""
        if got != metric:
            wrong.append(
                f"{label!r} unit={unit!r} ctx={context!r}: expected {metric or None}, got "
                f"{got or None}"
            )
    return 1 - len(wrong) / len(rows), wrong


@pytest.mark.parametrize("label,unit,context", [r[:3] for r in header_rows() if not r[3]])
def test_columns_of_no_metric_stay_unclassified(label, unit, context):
    assert classify_metric(label, unit or None, context) is None


def test_header_classification_accuracy_stays_above_the_floor():
    acc, wrong = accuracy()
    assert acc >= 0.98, "\n".join(wrong)


if __name__ == "__main__":
    acc, wrong = accuracy()
    print("\n".join(wrong))
    print(f"accuracy {acc:.3f} over {len(header_rows())} headers")
