"""The relations between a document's facts reach the warehouse: v_fact_links names a fact,
its relation to another fact of the same document, and that fact."""

from __future__ import annotations

import duckdb

from pipeline.ingest import ingest
from tests.test_ingest import write_docx

REPORT = [
    "ỦY BAN NHÂN DÂN XÃ TÂN HÒA",
    "BÁO CÁO",
    "Kết quả công tác hòa giải ở cơ sở năm 2023",
    "Năm 2023, các tổ hòa giải tiếp nhận 30 vụ việc, gồm: đất đai 18 vụ, hôn nhân 7 vụ, "
    "khác 5 vụ; hòa giải thành 24/30 vụ, đạt 80%.",
]


def _links(tmp_path) -> set[tuple]:
    raw = tmp_path / "raw"
    write_docx(raw / "hoa_giai.docx", REPORT)
    db = tmp_path / "w.duckdb"
    assert ingest(raw, str(db), workers=1, progress=False).exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        return set(
            con.execute(
                "SELECT metric, value, relation, role, complete, other_metric, other_value"
                " FROM v_fact_links"
            ).fetchall()
        )
    finally:
        con.close()


def test_list_parts_rates_and_pairs_are_stored_as_links_between_facts(tmp_path):
    links = _links(tmp_path)
    # a list's parts carry the list's key (`list <offset>`): two lists of one whole add up apart
    parts = {
        (m, v, rel, c, om, ov)
        for m, v, rel, role, c, om, ov in links
        if (role or "").startswith("list ")
    }
    assert ("mediation.cases", 18.0, "part_of", True, "mediation.cases", 30.0) in parts
    assert ("mediation.cases", 5.0, "part_of", True, "mediation.cases", 30.0) in parts
    assert (
        "mediation.success_rate",
        80.0,
        "rate_of",
        "numerator",
        None,
        "mediation.successful",
        24.0,
    ) in links
    assert (
        "mediation.success_rate",
        80.0,
        "rate_of",
        "denominator",
        None,
        "mediation.cases",
        30.0,
    ) in links
    assert ("mediation.successful", 24.0, "pair", "part", None, "mediation.cases", 30.0) in links
