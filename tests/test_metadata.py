"""Document fields from the official header and title, in the layouts offices use."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from extractors.finders.metadata import extract_metadata
from extractors.readers import read_document
from model import Block, Document

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
M = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
needs_dev = pytest.mark.skipif(
    not DEV.exists(), reason="../shared/corpus/dev is not beside the project"
)


def header_table_doc(tmp_path, left: str, right_date: str, number: str, title: list[str]) -> Path:
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = left
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = right_date
    for line in title:
        d.add_paragraph(line)
    d.add_paragraph(
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh, báo cáo như "
        "sau:"
    )
    path = tmp_path / "van ban.docx"
    d.save(str(path))
    return path


def test_commune_report_with_header_table(tmp_path):
    path = header_table_doc(
        tmp_path,
        "UBND HUYỆN CHÂU THÀNH\nUBND XÃ AN HIỆP",
        "An Hiệp, ngày 05 tháng 7 năm 2024",
        "Số: 45 /BC-UBND",
        ["BÁO CÁO", "Kết quả công tác hòa giải ở cơ sở 6 tháng đầu năm 2024"],
    )
    meta = extract_metadata(read_document(path))
    assert (meta.doc_type, meta.doc_number, meta.doc_date, meta.period) == (
        "bao_cao",
        "45/BC-UBND",
        "2024-07-05",
        "2024-H1",
    )
    assert meta.issuer == "UBND xã An Hiệp"


def test_party_board_report_names_its_province_in_the_header(tmp_path):
    path = header_table_doc(
        tmp_path,
        "TỈNH ỦY NGHỆ AN\nBAN DÂN VẬN",
        "Vinh, ngày 20 tháng 12 năm 2023",
        "Số: 310-BC/BDVTU",
        ["BÁO CÁO", "Kết quả công tác dân vận chính quyền năm 2023"],
    )
    meta = extract_metadata(read_document(path))
    assert (meta.province, meta.doc_number, meta.period) == ("Nghệ An", "310-BC/BDVTU", "2023")


def test_plan_and_quarter_and_province_from_the_place_line(tmp_path):
    path = header_table_doc(
        tmp_path,
        "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ",
        "Lâm Đồng, ngày 02 tháng 10 năm 2024",
        "Số: 88/KH-SNV",
        ["KẾ HOẠCH", "Kiểm tra công tác cải cách hành chính quý IV năm 2024"],
    )
    meta = extract_metadata(read_document(path))
    assert (meta.doc_type, meta.province, meta.period) == ("ke_hoach", "Lâm Đồng", "2024-Q4")


def test_flattened_header_lines_as_pdf_text_gives_them(tmp_path):
    lines = [
        "UBND TỈNH THÁI BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "THANH TRA TỈNH Độc lập - Tự do - Hạnh phúc",
        "Số: 77/BC-TTr Thái Bình, ngày 14 tháng 6 năm 2022",
    ]
    blocks = [
        Block("paragraph", "\n".join(lines)),
        Block("heading", "BÁO CÁO"),
        Block(
            "paragraph", "Công tác tiếp công dân, giải quyết khiếu nại, tố cáo 6 tháng đầu năm 2022"
        ),
    ]
    meta = extract_metadata(Document(Path("x.pdf"), blocks, "pdf").reindex())
    assert (meta.doc_number, meta.doc_date, meta.province, meta.period) == (
        "77/BC-TTr",
        "2022-06-14",
        "Thái Bình",
        "2022-H1",
    )


@needs_dev
@pytest.mark.parametrize(
    "name",
    [
        "000_dong_thap_bcsd_2022.pdf",
        "001_vp_huyen_2020.pdf",
        "002_ke_hoach_huyen_2022.docx",
        "003_sa_dec_6thang_2023.docx",
        "003_sa_dec_6thang_2023.pdf",
    ],
)
def test_dev_documents_match_their_gold_fields(name):
    gold = json.loads((DEV / "gold" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))[
        "document"
    ]
    meta = extract_metadata(read_document(DEV / name))
    got = {
        "doc_type": meta.doc_type,
        "province": meta.province,
        "period": meta.period,
        "doc_number": meta.doc_number,
        "doc_date": meta.doc_date,
    }
    assert got == {k: gold[k] for k in got}


def header_doc(
    tmp_path, left: list[str], right: list[str], paragraphs: list[str], name: str = "vb.docx"
) -> Path:
    """A header table with one multi-line cell per column (as offices type it), then paragraphs."""
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    for cell, lines in zip(t.rows[0].cells, (left, right)):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for text in paragraphs:
        d.add_paragraph(text)
    path = tmp_path / name
    d.save(str(path))
    return path


def fields(path: Path) -> tuple:
    meta = extract_metadata(read_document(path))
    return meta.doc_type, meta.province, meta.period, meta.doc_number, meta.doc_date


def test_party_header_with_number_under_the_star_and_a_yearless_nine_months(tmp_path):
    path = header_doc(
        tmp_path,
        ["ĐẢNG BỘ TỈNH GIA LAI", "HUYỆN ỦY ĐỨC CƠ", "BAN TUYÊN GIÁO", "*", "Số 17-BC/BTGHU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đức Cơ, ngày 03 tháng 10 năm 2025"],
        [
            "BÁO CÁO",
            "Kết quả công tác tuyên giáo 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm 2025",
        ],
    )
    assert fields(path) == ("bao_cao", "Gia Lai", "2025-9M", "17-BC/BTGHU", "2025-10-03")


def test_decision_number_with_its_year_and_a_date_wrapped_in_the_cell(tmp_path):
    path = header_doc(
        tmp_path,
        ["ỦY BAN NHÂN DÂN", "TỈNH YÊN BÁI", "-------", "Số:", "14/2025/QĐ-UBND"],
        [M, "Độc lập - Tự do - Hạnh phúc", "Yên Bái, ngày 09", "tháng 4 năm 2025"],
        ["QUYẾT ĐỊNH", "BAN HÀNH QUY ĐỊNH VỀ CHẾ ĐỘ BÁO CÁO THỐNG KÊ TRÊN ĐỊA BÀN TỈNH"],
    )
    kind, province, _, number, date = fields(path)
    assert (kind, province, number, date) == (
        "quyet_dinh",
        "Yên Bái",
        "14/2025/QĐ-UBND",
        "2025-04-09",
    )


def test_official_letter_takes_its_kind_and_period_from_the_subject_under_the_number(tmp_path):
    path = header_doc(
        tmp_path,
        [
            "UBND TỈNH BẠC LIÊU",
            "VĂN PHÒNG",
            "Số: 901/VP-TCD",
            "V/v báo cáo công tác tiếp công dân quý II năm 2025",
        ],
        [M, "Độc lập - Tự do - Hạnh phúc", "Bạc Liêu, ngày 16 tháng 6 năm 2025"],
        ["Kính gửi: Các sở, ban, ngành tỉnh."],
    )
    assert fields(path) == ("cong_van", "Bạc Liêu", "2025-Q2", "901/VP-TCD", "2025-06-16")


def test_subject_running_over_paragraphs_and_a_data_window_under_it(tmp_path):
    three_lines = header_doc(
        tmp_path,
        ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "Số: 318/BC-UBND"],
        [M, "Hòa Bình, ngày 19 tháng 9 năm 2025"],
        [
            "BÁO CÁO",
            "Kết quả công tác phòng, chống tham nhũng, tiêu cực",
            "quý III năm 2025",
            "Thực hiện chỉ đạo của Thanh tra Chính phủ, Ủy ban nhân dân tỉnh báo cáo như sau:",
        ],
        "a.docx",
    )
    assert fields(three_lines)[2] == "2025-Q3"
    window = header_doc(
        tmp_path,
        ["UBND HUYỆN ĐÔNG HẢI", "THANH TRA HUYỆN", "Số: 27/BC-TTr"],
        [M, "Đông Hải, ngày 17 tháng 6 năm 2025"],
        [
            "BÁO CÁO",
            "Kết quả tiếp công dân, xử lý đơn thư",
            "(Số liệu từ ngày 15/12/2024 đến ngày 14/6/2025)",
            "Thực hiện hướng dẫn của Thanh tra tỉnh Bạc Liêu, Thanh tra huyện báo cáo như sau:",
        ],
        "b.docx",
    )
    assert fields(window)[1:3] == ("Bạc Liêu", "2025-H1")


def test_a_law_named_in_the_subject_line_does_not_end_it_at_its_own_words(tmp_path):
    doc = header_doc(
        tmp_path,
        ["ỦY BAN NHÂN DÂN", "HUYỆN CHI LĂNG", "Số: 88/BC-UBND"],
        [M, "Chi Lăng, ngày 12 tháng 6 năm 2024"],
        [
            "BÁO CÁO",
            "Kết quả công tác dân vận chính quyền",
            "và Luật Thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2024",
            "Ủy ban nhân dân huyện báo cáo như sau:",
        ],
        "c.docx",
    )
    assert fields(doc)[2] == "2024-H1"


def test_kind_word_in_capitals_with_its_subject_or_spaced_or_in_lower_case(tmp_path):
    one_line = header_doc(
        tmp_path,
        ["UBND TỈNH ĐIỆN BIÊN", "SỞ TƯ PHÁP", "Số: 71/BC-STP"],
        [M, "Điện Biên, ngày 08 tháng 12 năm 2025"],
        ["BÁO CÁO TỔNG KẾT CÔNG TÁC PHỔ BIẾN PHÁP LUẬT NĂM 2025"],
        "a.docx",
    )
    assert fields(one_line)[:3] == ("bao_cao", "Điện Biên", "2025")
    lower = header_doc(
        tmp_path,
        ["UBND HUYỆN MƯỜNG ẢNG", "PHÒNG NỘI VỤ", "Số: 08/KH-PNV"],
        [M, "Mường Ảng, ngày 06 tháng 01 năm 2025"],
        ["Kế   hoạch", "Kiểm tra công tác văn thư, lưu trữ năm 2025"],
        "b.docx",
    )
    assert fields(lower)[0] == "ke_hoach" and fields(lower)[2] == "2025"


def test_province_spellings_in_header_place_and_body(tmp_path):
    hyphen = header_doc(
        tmp_path,
        ["UBND TỈNH BÀ RỊA-VŨNG TÀU", "SỞ NỘI VỤ", "Số: 50/BC-SNV"],
        [M, "Bà Rịa-Vũng Tàu, ngày 02 tháng 7 năm 2024"],
        ["BÁO CÁO", "Công tác văn thư năm 2024"],
        "a.docx",
    )
    assert fields(hyphen)[1] == "Bà Rịa - Vũng Tàu"
    short = header_doc(
        tmp_path,
        ["UBND TP. ĐÀ NẴNG", "SỞ TƯ PHÁP", "Số: 91/BC-STP"],
        [M, "TP. Đà Nẵng, ngày 02 tháng 7 năm 2024"],
        ["BÁO CÁO", "Công tác hộ tịch năm 2024"],
        "b.docx",
    )
    assert fields(short)[1] == "Đà Nẵng"
    party_body = header_doc(
        tmp_path,
        ["HUYỆN ỦY NĂM CĂN", "*", "Số 40-BC/HU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Năm Căn, ngày 02 tháng 7 năm 2024"],
        [
            "BÁO CÁO",
            "Công tác kiểm tra 6 tháng đầu năm 2024",
            "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy Cà Mau, Huyện ủy báo cáo như sau:",
        ],
        "c.docx",
    )
    assert fields(party_body)[1:4] == ("Cà Mau", "2024-H1", "40-BC/HU")
    old_hyphen = header_doc(
        tmp_path,
        ["UBND XÃ VINH THANH", "Số: 12/BC-UBND"],
        [M, "Vinh Thanh, ngày 02 tháng 7 năm 2024"],
        [
            "BÁO CÁO",
            "Công tác hòa giải 6 tháng đầu năm 2024",
            "Thực hiện hướng dẫn của huyện Phú Vang, tỉnh Thừa Thiên - Huế, UBND xã báo cáo như "
            "sau:",
        ],
        "d.docx",
    )
    assert fields(old_hyphen)[1] == "Thừa Thiên Huế"


def test_pdf_party_header_with_the_year_wrapped_and_the_number_below_the_date(tmp_path):
    from tests.fixtures.pdf.make_pdf import _a4_canvas

    path = tmp_path / "dang_uy.pdf"
    c, h = _a4_canvas(path)
    c.setFont("VNSerif", 12)
    c.drawString(70, h - 60, "ĐẢNG BỘ TỈNH PHÚ THỌ")
    c.drawString(330, h - 60, "ĐẢNG CỘNG SẢN VIỆT NAM")
    c.drawString(80, h - 76, "ĐẢNG ỦY XÃ TIÊN KIÊN")
    c.drawString(120, h - 100, "*")
    c.drawString(330, h - 100, "Tiên Kiên, ngày 21 tháng 6 năm")
    c.drawString(330, h - 116, "2024")
    c.drawString(80, h - 132, "Số 66-BC/ĐU")
    c.drawString(270, h - 170, "BÁO CÁO")
    c.drawString(150, h - 188, "Sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2024")
    c.drawString(85, h - 220, "Thực hiện Hướng dẫn của Huyện ủy, Đảng ủy xã báo cáo như sau:")
    c.showPage()
    c.save()
    assert fields(path) == ("bao_cao", "Phú Thọ", "2024-H1", "66-BC/ĐU", "2024-06-21")


def test_period_from_the_opening_sentence_prefers_the_window_or_the_sub_period_over_cited_years(
    tmp_path,
):
    window = header_doc(
        tmp_path,
        ["UBND HUYỆN LẤP VÒ", "UBND XÃ BÌNH THÀNH", "Số: 31/BC-UBND"],
        [M, "Bình Thành, ngày 13 tháng 6 năm 2025"],
        [
            "BÁO CÁO",
            "Kết quả công tác tiếp công dân, xử lý đơn thư",
            "Thực hiện Kế hoạch số 9/KH-UBND ngày 08/01/2025 của UBND huyện về công tác năm 2025, "
            "UBND xã báo cáo kết quả từ ngày 15/12/2024 đến ngày 14/6/2025 như sau:",
        ],
        "a.docx",
    )
    assert fields(window)[2] == "2025-H1"
    half = header_doc(
        tmp_path,
        ["ỦY BAN NHÂN DÂN", "THỊ XÃ VĨNH CHÂU", "Số: 150/BC-UBND"],
        [M, "Vĩnh Châu, ngày 11 tháng 6 năm 2025"],
        [
            "BÁO CÁO",
            "Tình hình thực hiện dân chủ ở cơ sở",
            "Thực hiện Kế hoạch về dân chủ ở cơ sở năm 2025 của Ban Chỉ đạo tỉnh Sóc Trăng, "
            "UBND thị xã báo cáo kết quả 6 tháng đầu năm 2025 như sau:",
        ],
        "b.docx",
    )
    assert fields(half)[1:3] == ("Sóc Trăng", "2025-H1")


def test_a_commune_named_like_a_province_is_not_the_province(tmp_path):
    path = header_doc(
        tmp_path,
        ["UBND HUYỆN ĐOAN HÙNG", "UBND XÃ LONG AN", "Số: 20/BC-UBND"],
        [M, "Long An, ngày 13 tháng 6 năm 2025"],
        [
            "BÁO CÁO",
            "Công tác hòa giải ở cơ sở 6 tháng đầu năm 2025",
            "Thực hiện hướng dẫn của Phòng Tư pháp huyện Đoan Hùng, tỉnh Phú Thọ, UBND xã báo cáo "
            "như sau:",
        ],
    )
    assert fields(path)[1] == "Phú Thọ"


def test_title_in_the_header_table_and_a_letter_without_subject_line(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text = "UBND HUYỆN MỸ TÚ\nPHÒNG TƯ PHÁP"
    t.cell(0, 1).text = M + "\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = "Số: 41/BC-PTP"
    t.cell(1, 1).text = "Mỹ Tú, ngày 22 tháng 9 năm 2025"
    merged = t.cell(2, 0).merge(t.cell(2, 1))
    merged.text = "BÁO CÁO\nKết quả công tác hộ tịch 9 tháng đầu năm 2025"
    d.add_paragraph(
        "Thực hiện chỉ đạo của Sở Tư pháp tỉnh Sóc Trăng, Phòng Tư pháp báo cáo như sau:"
    )
    d.save(str(tmp_path / "a.docx"))
    assert fields(tmp_path / "a.docx")[:3] == ("bao_cao", "Sóc Trăng", "2025-9M")
    letter = header_doc(
        tmp_path,
        ["ỦY BAN NHÂN DÂN", "HUYỆN TIỂU CẦN", "Số: 880/UBND-NV"],
        [M, "Tiểu Cần, ngày 04 tháng 11 năm 2025"],
        [
            "Kính gửi: Sở Nội vụ tỉnh Trà Vinh.",
            "Ủy ban nhân dân huyện đề nghị Sở Nội vụ hướng dẫn.",
        ],
        "b.docx",
    )
    assert fields(letter)[0] == "cong_van"


@pytest.mark.parametrize(
    "left, province",
    [
        (
            "ĐẢNG BỘ HUYỆN U MINH THƯỢNG\nBAN DÂN VẬN",
            "Kiên Giang",
        ),  # a name no other district bears
        ("UBND THỊ XÃ HƯƠNG THỦY\nPHÒNG TƯ PHÁP", "Thừa Thiên Huế"),
        ("UBND HUYỆN CHÂU THÀNH\nVĂN PHÒNG", None),  # a name several provinces have: not guessed
        (
            "ỦY BAN NHÂN DÂN\nHUYỆN PHÙ NINH",
            "Phú Thọ",
        ),  # unique with its tones (Phú Ninh folds alike)
        ("ỦY BAN NHÂN DÂN\nHUYỆN PHÚ NINH", "Quảng Nam"),
        ("ỦY BAN NHÂN DÂN\nHUYỆN M'ĐRẮK", "Đắk Lắk"),  # an apostrophe inside the name
        ("UBND HUYỆN LONG ĐIỀN\nVĂN PHÒNG", "Bà Rịa - Vũng Tàu"),  # merged in 2025, still named
    ],
)
def test_a_district_header_places_the_report_in_its_province_only_when_the_name_is_unique(
    tmp_path, left, province
):
    path = header_table_doc(
        tmp_path,
        left,
        "ngày 12 tháng 12 năm 2023",
        "Số: 30-BC/BDV",
        ["BÁO CÁO", "Kết quả công tác dân vận chính quyền năm 2023"],
    )
    assert extract_metadata(read_document(path)).province == province


def test_a_commune_report_is_placed_by_the_unique_district_its_text_names(tmp_path):
    path = header_table_doc(
        tmp_path,
        "ỦY BAN NHÂN DÂN\nXÃ GIAO HƯƠNG",
        "Giao Hương, ngày 20 tháng 6 năm 2024",
        "Số: 51/BC-UBND",
        [
            "BÁO CÁO",
            "Kết quả công tác 6 tháng đầu năm 2024",
            "Xã tổ chức theo chỉ đạo của huyện Giao Thủy.",
        ],
    )
    assert extract_metadata(read_document(path)).province == "Nam Định"


def test_a_rural_district_bearing_its_provinces_name_places_the_commune(tmp_path):
    path = header_table_doc(
        tmp_path,
        "UBND HUYỆN ĐIỆN BIÊN\nUBND XÃ NÀ TẤU",
        "Nà Tấu, ngày 24 tháng 3 năm 2025",
        "Số: 46/BC-UBND",
        ["BÁO CÁO", "Kết quả thực hiện nhiệm vụ tháng 3 năm 2025"],
    )
    assert extract_metadata(read_document(path)).province == "Điện Biên"
