"""Document fields from the official header and title, in the layouts offices use."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from extractors.metadata import extract_metadata
from extractors.model import Block, Document
from extractors.readers import read_document

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
needs_dev = pytest.mark.skipif(not DEV.exists(), reason="../shared/corpus/dev is not beside the project")


def header_table_doc(tmp_path, left: str, right_date: str, number: str, title: list[str]) -> Path:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = left
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = right_date
    for line in title:
        d.add_paragraph(line)
    d.add_paragraph("Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh, báo cáo như sau:")
    path = tmp_path / "van ban.docx"
    d.save(str(path))
    return path


def test_commune_report_with_header_table(tmp_path):
    path = header_table_doc(tmp_path, "UBND HUYỆN CHÂU THÀNH\nUBND XÃ AN HIỆP", "An Hiệp, ngày 05 tháng 7 năm 2024",
                            "Số: 45 /BC-UBND", ["BÁO CÁO", "Kết quả công tác hòa giải ở cơ sở 6 tháng đầu năm 2024"])
    meta = extract_metadata(read_document(path))
    assert (meta.doc_type, meta.doc_number, meta.doc_date, meta.period) == ("bao_cao", "45/BC-UBND", "2024-07-05", "2024-H1")
    assert meta.issuer == "UBND xã An Hiệp"


def test_party_board_report_names_its_province_in_the_header(tmp_path):
    path = header_table_doc(tmp_path, "TỈNH ỦY NGHỆ AN\nBAN DÂN VẬN", "Vinh, ngày 20 tháng 12 năm 2023",
                            "Số: 310-BC/BDVTU", ["BÁO CÁO", "Kết quả công tác dân vận chính quyền năm 2023"])
    meta = extract_metadata(read_document(path))
    assert (meta.province, meta.doc_number, meta.period) == ("Nghệ An", "310-BC/BDVTU", "2023")


def test_plan_and_quarter_and_province_from_the_place_line(tmp_path):
    path = header_table_doc(tmp_path, "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ", "Lâm Đồng, ngày 02 tháng 10 năm 2024",
                            "Số: 88/KH-SNV", ["KẾ HOẠCH", "Kiểm tra công tác cải cách hành chính quý IV năm 2024"])
    meta = extract_metadata(read_document(path))
    assert (meta.doc_type, meta.province, meta.period) == ("ke_hoach", "Lâm Đồng", "2024-Q4")


def test_flattened_header_lines_as_pdf_text_gives_them(tmp_path):
    lines = ["UBND TỈNH THÁI BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "THANH TRA TỈNH Độc lập - Tự do - Hạnh phúc",
             "Số: 77/BC-TTr Thái Bình, ngày 14 tháng 6 năm 2022"]
    blocks = [Block("paragraph", "\n".join(lines)), Block("heading", "BÁO CÁO"),
              Block("paragraph", "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo 6 tháng đầu năm 2022")]
    meta = extract_metadata(Document(Path("x.pdf"), blocks, "pdf").reindex())
    assert (meta.doc_number, meta.doc_date, meta.province, meta.period) == ("77/BC-TTr", "2022-06-14", "Thái Bình", "2022-H1")


@needs_dev
@pytest.mark.parametrize("name", ["000_dong_thap_bcsd_2022.pdf", "001_vp_huyen_2020.pdf",
                                  "002_ke_hoach_huyen_2022.docx", "003_sa_dec_6thang_2023.docx",
                                  "003_sa_dec_6thang_2023.pdf"])
def test_dev_documents_match_their_gold_fields(name):
    gold = json.loads((DEV / "gold" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))["document"]
    meta = extract_metadata(read_document(DEV / name))
    got = {"doc_type": meta.doc_type, "province": meta.province, "period": meta.period,
           "doc_number": meta.doc_number, "doc_date": meta.doc_date}
    assert got == {k: gold[k] for k in got}
