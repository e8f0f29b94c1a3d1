"""A batch of the genre corpus is scored out of the tune report by its files' prefix."""

from __future__ import annotations

from tools import batch_score


def test_a_batch_sums_its_own_files_only(tmp_path):
    report = tmp_path / "tune.txt"
    report.write_text(
        "n5a_x.docx: facts 8/10 found, 2 extra; flags 1/2 found, 0 extra\n"
        "    missed  mediation.cases = 4\n"
        "n5b_y.pdf: facts 10/10 found, 0 extra; flags 1/1 found, 1 extra\n"
        "tcd_z.docx: facts 0/10 found, 9 extra; flags 0/3 found, 3 extra\n",
        encoding="utf-8",
    )
    line = batch_score.main(report, ("n5a", "n5b"))
    assert line == (
        "n5a n5b: facts P=0.900 R=0.900 F1=0.900 | flags P=0.667 R=0.667 F1=0.667 | 2 files"
    )
