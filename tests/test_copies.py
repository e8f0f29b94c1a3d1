"""Copies of one report recognised, and which one is primary (warehouse/checks/copies.py)."""

from __future__ import annotations

import datetime as dt

from warehouse.checks.copies import Doc, are_copies, conflicts, copy_groups

DATE = dt.date(2023, 6, 16)


def doc(doc_id, file_type="pdf", number="245/BC-UBND", mtime=100.0, unit="u", **figures) -> Doc:
    figures = figures or {"reception_visits": 161, "petitions_received": 48, "mediation_cases": 24}
    facts = {
        (m.replace("_", ".", 1), "", "2023-H1"): ([float(v)], f"… {v} …", 1)
        for m, v in figures.items()
    }
    return Doc(doc_id, unit, number, DATE, "2023-H1", file_type, mtime, f"{doc_id}.x", facts)


def test_a_text_file_is_primary_over_its_scan_and_the_later_file_over_the_earlier():
    docx, pdf, scan = (
        doc(1, "docx", mtime=100),
        doc(2, "pdf", mtime=200),
        doc(3, "pdf-ocr", mtime=300),
    )
    [group] = copy_groups([scan, docx, pdf])
    assert [d.doc_id for d in group] == [2, 1, 3]  # signed PDF, then the Word file, then the scan


def test_a_scan_without_its_number_is_a_copy_only_when_its_figures_agree():
    text = doc(1)
    assert are_copies(text, doc(2, "pdf-ocr", number=None))
    differing = doc(2, "pdf-ocr", number=None, reception_visits=1, petitions_received=2)
    assert not are_copies(text, differing)


def test_two_reports_of_one_unit_and_day_with_different_numbers_are_no_copies():
    assert not are_copies(doc(1), doc(2, number="246/BC-UBND"))
    assert not are_copies(doc(1), doc(2, unit="other"))


def test_a_figure_the_copy_states_differently_is_a_conflict_on_both_files():
    primary = doc(2)
    copy = doc(1, "docx", reception_visits=171, petitions_received=48, mediation_cases=24)
    assert are_copies(primary, copy)
    rows = conflicts(primary, copy)
    assert [(r[0], r[1]) for r in rows] == [(1, "reception.visits"), (2, "reception.visits")]
    assert "bản 1.x ghi 171, bản chính 2.x ghi 161" in rows[0][2]
