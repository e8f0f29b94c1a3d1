"""How the figure finder generalises: genre sentences from other provinces, levels, periods.

The cases (tests/fixtures/figures/genre_cases*.toml) are written for this test in the style
of the reports, not copied from the dev corpus. They are scored like the hidden set:
distinct (metric, value) pairs with the metric in metrics.csv. Run this file as a script
to print every miss and every false positive:

    .venv/bin/python -m tests.test_figures_genre
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest
import regex

import catalog

ROOT = Path(__file__).resolve().parent.parent

from extractors.finders.figures import extract_facts  # noqa: E402
from model import FOOTNOTE, HEADING, PARAGRAPH, Block, DocMeta, Document  # noqa: E402

CASES_FILES = sorted((ROOT / "tests" / "fixtures" / "figures").glob("genre_cases*.toml"))
METRICS_CSV = ROOT.parent / "shared" / "spec" / "metrics.csv"
FOOTNOTE_MARK = regex.compile(r"\[\^(\w+)\]")
FOOTNOTE_BODY = regex.compile(r"^\[\^(\w+)\]:\s*(.*)$", regex.S)

# The floor this suite must keep; raise it as the finder improves.
MIN_PRECISION = 0.98
MIN_RECALL = 0.98


def load_cases() -> list[dict]:
    cases = []
    for path in CASES_FILES:
        with path.open("rb") as f:
            cases.extend(tomllib.load(f)["case"])
    return cases


def scored_metrics() -> set[str]:
    """The shared metric ids: from ../shared when it is beside the project, else the mirror."""
    if METRICS_CSV.exists():
        with METRICS_CSV.open(encoding="utf-8") as f:
            return {row["metric"] for row in csv.DictReader(f)}
    return set(catalog.shared_metric_ids())


def build_document(case: dict) -> Document:
    """Paragraphs split on blank lines; '## ' makes a heading, '[^n]: ' a footnote body."""
    blocks: list[Block] = []
    page = 1
    for chunk in [c.strip() for c in case["text"].split("\n\n") if c.strip()]:
        body = FOOTNOTE_BODY.match(chunk)
        if body:
            blocks.append(Block(FOOTNOTE, body.group(2), page=page, label=body.group(1)))
        elif chunk.startswith("## "):
            blocks.append(Block(HEADING, chunk[3:], page=page))
        else:
            refs = FOOTNOTE_MARK.findall(chunk)
            blocks.append(
                Block(PARAGRAPH, FOOTNOTE_MARK.sub("", chunk), page=page, footnote_refs=refs)
            )
    return Document(path=Path(f"{case['id']}.docx"), blocks=blocks, file_type="docx").reindex()


def case_meta(case: dict) -> DocMeta:
    return DocMeta(
        doc_type=case.get("doc_type", "bao_cao"), province="Hà Tĩnh", period=case.get("period")
    )


def pairs(items) -> set[tuple[str, float]]:
    return {(m, round(float(v), 4)) for m, v in items}


def score_case(case: dict, metrics: set[str]) -> tuple[set, set, set]:
    """(hits, misses, false positives) of one case."""
    doc = build_document(case)
    found = pairs(
        (f.metric, f.value)
        for f in extract_facts(doc, case_meta(case))
        if f.metric in metrics and f.value is not None
    )
    expected = pairs(case.get("facts", []))
    ignore = pairs(case.get("ignore", []))
    return found & expected, expected - found, found - expected - ignore


def score_all() -> tuple[float, float, list[str]]:
    metrics = scored_metrics()
    tp = fn = fp = 0
    report = []
    for case in load_cases():
        hits, misses, extra = score_case(case, metrics)
        tp, fn, fp = tp + len(hits), fn + len(misses), fp + len(extra)
        if misses or extra:
            report.append(f"{case['id']}: missed {sorted(misses)} extra {sorted(extra)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, report


def test_genre_cases_parse_into_documents():
    for case in load_cases():
        doc = build_document(case)
        assert doc.blocks, case["id"]
        for m, v in case.get("facts", []):
            assert isinstance(m, str) and isinstance(v, (int, float)), case["id"]


def test_plan_yields_no_scored_facts():
    metrics = scored_metrics()
    for case in load_cases():
        if case.get("doc_type") == "ke_hoach":
            _, _, extra = score_case(case, metrics)
            assert not extra, f"{case['id']}: {extra}"


@pytest.mark.parametrize("case_id", [c["id"] for c in load_cases() if not c.get("facts")])
def test_sentences_without_figures_of_ours_yield_nothing(case_id):
    case = next(c for c in load_cases() if c["id"] == case_id)
    _, _, extra = score_case(case, scored_metrics())
    assert not extra, f"{case_id}: {sorted(extra)}"


@pytest.mark.parametrize("case_id", [c["id"] for c in load_cases() if c.get("exact")])
def test_cases_marked_exact_are_read_exactly(case_id):
    """A case marked `exact = true` pins one behaviour: no miss and no extra, on its own."""
    case = next(c for c in load_cases() if c["id"] == case_id)
    _, misses, extra = score_case(case, scored_metrics())
    assert not misses and not extra, f"{case_id}: missed {sorted(misses)} extra {sorted(extra)}"


def test_genre_suite_precision_and_recall_stay_above_the_floor():
    precision, recall, report = score_all()
    detail = "\n".join(report)
    assert precision >= MIN_PRECISION, f"precision {precision:.2f}\n{detail}"
    assert recall >= MIN_RECALL, f"recall {recall:.2f}\n{detail}"


if __name__ == "__main__":
    p, r, lines = score_all()
    print("\n".join(lines))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f} over {len(load_cases())} cases")
