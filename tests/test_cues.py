"""The metric classifier the table finder relies on: stable signature, catalog loaded."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import catalog
from extractors.finders.cues import classify_metric, load_catalog

METRICS_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "metrics.csv"


def test_classify_metric_reads_label_unit_and_context():
    assert (
        classify_metric("Số đơn khiếu nại đã giải quyết", "đơn") == "petitions.complaints.resolved"
    )
    assert classify_metric("Số lượt tiếp", "lượt", "Kết quả tiếp công dân") == "reception.visits"
    assert classify_metric("Tỷ lệ hòa giải thành", "%") == "mediation.success_rate"
    assert classify_metric("Ghi chú") is None


def test_catalog_rules_name_known_metrics():
    catalog = load_catalog()
    assert catalog.rules
    if METRICS_CSV.exists():
        with METRICS_CSV.open(encoding="utf-8") as f:
            ids = {row["metric"] for row in csv.DictReader(f)}
        covered = {r.metric for r in catalog.rules}
        missing = ids - covered
        assert not missing, missing


@pytest.mark.skipif(not METRICS_CSV.exists(), reason="../shared is not beside the project")
def test_the_catalog_mirrors_every_shared_metric_id_and_marks_it_shared():
    with METRICS_CSV.open(encoding="utf-8") as f:
        spec = {row["metric"] for row in csv.DictReader(f)}
    assert catalog.shared_metric_ids() == spec
