"""Section context: the outline a block stands in, its families, forward-looking sections."""

from __future__ import annotations

from pathlib import Path

from extractors.finders.prose.sections import (
    families_of,
    heading_text,
    is_forward_looking,
    outline_level,
    section_contexts,
)
from model import FOOTNOTE, HEADING, PARAGRAPH, Block, Document


def doc_of(*blocks: tuple[str, str] | tuple[str, str, dict]) -> Document:
    built = []
    for b in blocks:
        kind, text = b[0], b[1]
        extra = b[2] if len(b) > 2 else {}
        built.append(Block(kind, text, **extra))
    return Document(Path("x.docx"), built, "docx").reindex()


def test_outline_labels_give_levels():
    assert outline_level("II. KẾT QUẢ THỰC HIỆN")[0] == 1
    assert outline_level("IV- PHƯƠNG HƯỚNG NHIỆM VỤ")[0] == 1
    assert outline_level("3. Công tác tiếp công dân")[0] == 2
    assert outline_level("2.4. Công tác hòa giải")[0] == 3
    assert outline_level("b) Công tác hòa giải ở cơ sở")[0] == 4
    assert outline_level("Trong năm 2023, UBND xã tiếp 12 lượt") is None
    assert outline_level("12 lượt công dân") is None


def test_run_in_upper_case_heading_is_cut_where_the_sentence_begins():
    text = (
        "II- KẾT QUẢ THỰC HIỆN Ban cán sự đảng UBND huyện lãnh đạo thực hiện đạt kết quả như sau: "
        + "x" * 50
    )
    assert heading_text(text) == "II- KẾT QUẢ THỰC HIỆN"


def test_families_of_a_heading():
    assert families_of("3. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo") == [
        "reception",
        "petitions",
    ]
    assert families_of("b) Công tác hòa giải ở cơ sở") == ["mediation"]
    assert families_of("2. Cải cách thủ tục hành chính") == ["tthc"]


def test_forward_looking_headings():
    assert is_forward_looking("V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024")
    assert is_forward_looking("III- Nhiệm vụ trọng tâm 6 tháng cuối năm")
    assert is_forward_looking("2. Mục tiêu cụ thể")
    assert not is_forward_looking("II. KẾT QUẢ THỰC HIỆN")
    assert not is_forward_looking("1.1. Kế hoạch số 39/KH-UBND ngày 16/3/2023 của UBND huyện")
    assert not is_forward_looking("2. Kết quả giải quyết đơn kiến nghị, phản ánh")


def test_a_part_lettered_in_capitals_looks_forward_by_its_words():
    assert is_forward_looking("B. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025")
    assert is_forward_looking("C) Đề xuất, kiến nghị")
    assert not is_forward_looking("A. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")


def test_blocks_inherit_the_innermost_heading_with_a_family():
    doc = doc_of(
        (PARAGRAPH, "II. KẾT QUẢ THỰC HIỆN"),
        (PARAGRAPH, "3. Công tác tiếp công dân"),
        (PARAGRAPH, "Tổng số: 120 lượt, 134 người."),
        (HEADING, "4. Công tác hòa giải ở cơ sở"),
        (PARAGRAPH, "Tiếp nhận 14 vụ, hòa giải thành 12 vụ."),
        (PARAGRAPH, "V. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024"),
        (PARAGRAPH, "Phấn đấu hòa giải thành trên 85%."),
    )
    ctx = section_contexts(doc)
    assert ctx[2].families == ["reception"] and not ctx[2].forward_looking
    assert ctx[4].families == ["mediation"]
    assert ctx[4].headings == ["II. KẾT QUẢ THỰC HIỆN", "4. Công tác hòa giải ở cơ sở"]
    assert ctx[6].forward_looking


def test_an_appendix_starts_a_new_outline():
    doc = doc_of(
        (PARAGRAPH, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        (PARAGRAPH, "1. Tiếp tục triển khai công tác tiếp công dân."),
        (PARAGRAPH, "Phụ lục I"),
        (PARAGRAPH, "2. Kết quả tiếp công dân"),
        (PARAGRAPH, "Số lượt tiếp: 45."),
    )
    ctx = section_contexts(doc)
    assert ctx[1].forward_looking
    assert not ctx[4].forward_looking
    assert ctx[4].families == ["reception"]


def test_a_footnote_takes_the_context_of_the_paragraph_citing_it():
    doc = doc_of(
        (PARAGRAPH, "3. Công tác hòa giải ở cơ sở"),
        (PARAGRAPH, "Công tác hòa giải được quan tâm", {"footnote_refs": ["5"]}),
        (PARAGRAPH, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        (FOOTNOTE, "Tiếp nhận 20 vụ, hòa giải thành 18 vụ.", {"label": "5"}),
    )
    ctx = section_contexts(doc)
    assert ctx[3].families == ["mediation"] and not ctx[3].forward_looking


def test_a_signature_read_as_a_line_and_a_bare_form_title_end_the_plan_section():
    from model import TABLE

    d = doc_of(
        (HEADING, "II. NHIỆM VỤ THÁNG 12 NĂM 2023"),
        (PARAGRAPH, "Tiếp tục tiếp nhận, giải quyết hồ sơ đúng hạn."),
        (PARAGRAPH, "Nơi nhận: GIÁM ĐỐC"),
        (PARAGRAPH, "Biểu"),
        (HEADING, "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THÁNG 11 NĂM 2023"),
        (TABLE, "STT | Cơ quan | Tổng số", {"rows": [["STT", "Cơ quan", "Tổng số"]]}),
    )
    contexts = section_contexts(d)
    assert contexts[1].forward_looking
    assert not contexts[5].forward_looking


def test_a_lettered_item_with_figures_heads_what_follows_by_its_label_only():
    doc = doc_of(
        (PARAGRAPH, "b) Tại Bộ phận Một cửa cấp xã: tiếp nhận 9.120 hồ sơ, đúng hạn 100%."),
        (PARAGRAPH, "Thanh toán trực tuyến phí, lệ phí được thực hiện đối với 1.460 hồ sơ."),
    )
    assert section_contexts(doc)[1].headings == ["b) Tại Bộ phận Một cửa cấp xã"]


def test_a_part_and_its_unnumbered_title_outrank_the_numbered_sections_before_it():
    doc = doc_of(
        (HEADING, "I. KẾT QUẢ THỰC HIỆN"),
        (PARAGRAPH, "3. Cải cách hành chính"),
        (PARAGRAPH, "Phần thứ hai"),
        (HEADING, "NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2024"),
        (PARAGRAPH, "3. Duy trì tiếp công dân định kỳ; giữ tỷ lệ hồ sơ đúng hạn trên 98%."),
        (PARAGRAPH, "Phân theo nội dung công dân trình bày:"),
    )
    contexts = section_contexts(doc)
    assert contexts[4].forward_looking
    assert contexts[4].headings[0] == "NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2024"
    assert contexts[5].headings[0] == "NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM 2024"  # `Phân`: no part


def test_a_span_of_months_dates_when_the_work_was_done_not_the_figure():
    from extractors.finders.figures import extract_facts
    from tests.conftest import make_doc, make_meta

    text = "Từ tháng 4 đến tháng 9/2022, các Đoàn đã kiểm tra tại 14 cơ quan, đơn vị."
    facts = extract_facts(make_doc(text), make_meta("2022"))
    assert [(f.metric, f.value, f.period) for f in facts] == [("inspection.units", 14, None)]
