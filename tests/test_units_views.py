"""Units, documents and copies with identities of their own, through a real ingest of
generated folders (tests/fixtures/units/reports.py)."""

from __future__ import annotations

import json
import re

import duckdb
import pytest

from pipeline.ingest import ingest
from tests.fixtures.units.folders import ingested
from tests.fixtures.units.reports import Figures, commune_header, write_report
from warehouse.exports import write_reports

A, B = "huyen_a/bao_cao_6_thang.docx", "huyen_b/bao_cao_6_thang.docx"
DOCX, PDF = "tinh/bao_cao.docx", "tinh/bao_cao_ky_so.pdf"


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    db, figures = ingested("identity", tmp_path_factory)
    con = duckdb.connect(str(db))
    yield con, figures
    con.close()


def one(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchall()


def test_same_named_files_in_two_sub_folders_keep_their_own_figures_in_views_and_exports(
    identity, tmp_path
):
    con, figures = identity
    facts = dict(
        one(
            con,
            "SELECT rel_path, value FROM v_facts WHERE metric = 'reception.visits'"
            " AND rel_path IN (?, ?)",
            A,
            B,
        )
    )
    assert facts == {A: figures[A].visits, B: figures[B].visits}
    compare = dict(
        one(con, "SELECT unit_id, \"reception.visits\" FROM v_compare WHERE level = 'district'")
    )
    assert compare["dong-thap.h-cao-lanh:ubnd"] == figures[A].visits
    assert compare["dong-thap.h-thap-muoi:ubnd"] == figures[B].visits
    paths = {p.name: p for p in write_reports(con, tmp_path)}
    from openpyxl import load_workbook

    wb = load_workbook(paths["so_lieu_tong_hop.xlsx"])
    ws = wb["Tổng hợp"]
    visits = [c.value for c in ws[1]].index("Tổng số lượt tiếp công dân (lượt)")
    sheet = {r[0]: r[visits] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert sheet["UBND huyện Cao Lãnh"] == figures[A].visits
    assert sheet["UBND huyện Tháp Mười"] == figures[B].visits
    ws = wb["Số liệu"]
    head = [c.value for c in ws[1]]
    file_col, value_col = head.index("Tệp"), head.index("Giá trị đọc được")
    metric_col = head.index("Khóa: metric")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    visits = {r[file_col]: r[value_col] for r in rows if r[metric_col] == "reception.visits"}
    assert visits[A] == figures[A].visits and visits[B] == figures[B].visits
    page = paths["bao_cao_kiem_tra.html"].read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="data" type="application/json">(.*?)</script>', page).group(1))
    doc_of = {d["file"]: d["id"] for d in data["docs"]}  # a file by its path under the folder
    page_visits = {f["d"]: f["v"] for f in data["facts"] if f["m"] == "reception.visits"}
    assert page_visits[doc_of[A]] == figures[A].visits
    assert page_visits[doc_of[B]] == figures[B].visits


def test_same_named_communes_of_two_provinces_are_two_units(identity):
    con, figures = identity
    rows = one(
        con,
        'SELECT province, unit_id, "reception.visits" FROM v_compare'
        " WHERE unit_name = 'UBND xã An Hiệp' ORDER BY province",
    )
    assert rows == [
        (
            "Bến Tre",
            "ben-tre.h-chau-thanh.x-an-hiep:ubnd",
            figures["xa/an_hiep_ben_tre.docx"].visits,
        ),
        (
            "Đồng Tháp",
            "dong-thap.h-chau-thanh.x-an-hiep:ubnd",
            figures["xa/an_hiep_dong_thap.docx"].visits,
        ),
    ]
    assert not one(con, "SELECT * FROM v_flags WHERE rule = 'cross_doc_conflict'")


def test_district_offices_resolve_to_their_districts(identity):
    con, _ = identity
    rows = one(
        con,
        "SELECT d.rel_path, u.unit_id, u.name FROM v_documents d JOIN v_units u USING (unit_id)"
        " WHERE d.rel_path LIKE 'van_phong/%' ORDER BY 1",
    )
    assert rows == [
        (
            "van_phong/vp_cao_lanh.docx",
            "dong-thap.h-cao-lanh:van-phong",
            "Văn phòng HĐND và UBND huyện Cao Lãnh",
        ),
        (
            "van_phong/vp_sa_dec.docx",  # no parent line: its district from "Sa Đéc, ngày ..."
            "dong-thap.tp-sa-dec:van-phong",
            "Văn phòng HĐND và UBND thành phố Sa Đéc",
        ),
        (
            "van_phong/vp_thap_muoi.docx",
            "dong-thap.h-thap-muoi:van-phong",
            "Văn phòng HĐND và UBND huyện Tháp Mười",
        ),
    ]


def test_the_docx_and_pdf_of_one_report_count_once_and_a_changed_figure_is_a_copy_conflict(
    identity,
):
    con, figures = identity
    docs = dict(one(con, "SELECT rel_path, doc_id FROM v_documents"))
    primary = one(
        con, "SELECT DISTINCT primary_doc_id FROM v_documents WHERE rel_path IN (?, ?)", DOCX, PDF
    )
    assert primary == [(docs[PDF],)]  # the signed PDF, saved later, is primary
    own = one(
        con,
        "SELECT rel_path, value, primary_rel_path FROM v_facts WHERE metric = 'reception.visits'"
        " AND rel_path IN (?, ?) ORDER BY 1",
        DOCX,
        PDF,
    )
    assert own == [
        (DOCX, figures[DOCX].visits, PDF),  # each file keeps its own figure, naming its primary
        (PDF, figures[PDF].visits, PDF),
    ]
    compare = one(
        con, "SELECT \"reception.visits\" FROM v_compare WHERE unit_id = 'dong-thap:ubnd'"
    )
    assert compare == [(figures[PDF].visits,)]
    flags = one(
        con,
        "SELECT rel_path, severity, metric, message FROM v_flags WHERE rule = 'copy_conflict'"
        " ORDER BY 1",
    )
    assert [f[:3] for f in flags] == [
        (DOCX, "warning", "reception.visits"),
        (PDF, "warning", "reception.visits"),
    ]
    assert f"ghi {figures[DOCX].visits}" in flags[0][3] and PDF in flags[0][3]


def test_a_province_department_and_the_province_ubnd_are_summed_once_each_never_together(
    identity,
):
    con, figures = identity
    rollup = one(
        con,
        "SELECT units, units_total, stated, summed_units FROM v_rollup"
        " WHERE unit_id = 'dong-thap:ubnd' AND metric = 'reception.visits'",
    )
    assert rollup == [
        (
            2,
            figures[A].visits + figures[B].visits,
            figures[PDF].visits,
            "UBND huyện Cao Lãnh; UBND huyện Tháp Mười",
        )
    ]
    summed = one(con, "SELECT unnest(summed_unit_ids) FROM v_rollup")
    stating = one(con, "SELECT unit_id FROM v_rollup")
    assert ("dong-thap:so-noi-vu",) not in summed + stating


@pytest.fixture(scope="module")
def consolidation(tmp_path_factory):
    db, figures = ingested("consolidation", tmp_path_factory)
    con = duckdb.connect(str(db))
    yield con, figures
    con.close()


def test_v_missing_lists_the_commune_that_has_not_reported(consolidation):
    con, _ = consolidation
    rows = one(
        con,
        "SELECT unit_name, parent_name, siblings_reported, last_reported_period FROM v_missing"
        " WHERE level = 'commune' ORDER BY period",
    )
    assert rows == [("UBND xã Phong Mỹ", "UBND huyện Cao Lãnh", 2, "2023-H1")]
    # the province's districts that sent nothing are chased too; the Sở are not siblings
    districts = one(
        con, "SELECT count(*) FROM v_missing WHERE level = 'district' AND period = '2024-H1'"
    )
    assert districts == [(9,)]  # Đồng Tháp's 12 districts less the three that reported


def test_v_units_lists_what_each_unit_reported(consolidation):
    con, _ = consolidation
    rows = one(
        con,
        "SELECT name, origin, documents, periods FROM v_units"
        " WHERE unit_id IN ('dong-thap:ubnd', 'dong-thap.h-cao-lanh.x-phong-my:ubnd') ORDER BY 1",
    )
    assert rows == [
        ("UBND tỉnh Đồng Tháp", "catalog", 2, ["2023-H1", "2024-H1"]),
        ("UBND xã Phong Mỹ", "new", 1, ["2023-H1"]),
    ]


def test_a_changed_user_register_re_resolves_documents_without_reading_them(tmp_path):
    raw = tmp_path / "raw"
    write_report(
        raw / "xa.docx",
        commune_header("Cao Lãnh", "Mỹ Hiệp"),
        "2024-H1",
        "3/BC-UBND",
        Figures.random("x"),
    )
    db, user = str(tmp_path / "w.duckdb"), tmp_path / "units.csv"
    ingest(raw, db, workers=1, progress=False, units_csv=user)
    user.write_text(
        "unit_id,name,kind,level,parent_id,province,names\n"
        "dong-thap.h-cao-lanh.x-my-hiep:ubnd,UBND xã Mỹ Hiệp (huyện Cao Lãnh),,,,,\n",
        encoding="utf-8",
    )
    again = ingest(raw, db, workers=1, progress=False, units_csv=user)
    assert again.loaded == [] and again.units is not None
    con = duckdb.connect(db)
    name = one(con, "SELECT unit_name FROM v_compare")
    con.close()
    assert name == [("UBND xã Mỹ Hiệp (huyện Cao Lãnh)",)]
    assert ingest(raw, db, workers=1, progress=False, units_csv=user).units is None
