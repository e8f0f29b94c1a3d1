"""Numbers as clerks write them, and which digits in a sentence are figures."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.number_spans import find_numbers, is_date, is_doc_number, non_figure_spans
from normalizers.numbers import parse_number, parse_number_words


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_decimal(whole: int, frac: str) -> str:
    return f"{vn_int(whole)},{frac}"


@given(st.integers(min_value=0, max_value=10**12))
def test_an_integer_with_dot_thousands_reads_back(n):
    assert parse_number(vn_int(n)).value == n


@given(st.integers(min_value=0, max_value=10**9), st.from_regex(r"\A[0-9]{1,2}\Z"))
def test_a_decimal_with_comma_and_dot_thousands_reads_back(whole, frac):
    parsed = parse_number(vn_decimal(whole, frac))
    assert parsed.ok and parsed.decimals == len(frac)
    assert parsed.value == pytest.approx(float(f"{whole}.{frac}"))


@pytest.mark.parametrize("raw", ["04,", "1.2.345", "1.23.456", "12,3,4"])
def test_malformed_numbers_keep_their_text_and_are_not_ok(raw):
    parsed = parse_number(raw)
    assert not parsed.ok and parsed.value is None and parsed.raw == raw


@pytest.mark.parametrize(
    "words,value",
    [
        ("hai", 2),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("một trăm linh năm", 105),
        ("ba mươi", 30),
        ("một nghìn", 1000),
        ("bốn mươi tư", 44),
        ("hai nghìn không trăm hai mươi hai", 2022),
        ("một triệu hai trăm nghìn", 1_200_000),
        ("ba trăm lẻ bảy", 307),
        ("không", 0),
    ],
)
def test_written_out_numbers(words, value):
    assert parse_number_words(words) == value


def test_words_that_are_not_numbers_give_none():
    assert parse_number_words("hai đoàn") is None
    assert parse_number_words("") is None


@pytest.mark.parametrize(
    "token", ["85-BC/BCSĐ", "159/KH-UBND", "61/2018/NĐ-CP", "01-NQ/TU", "25/2018/QH14"]
)
def test_document_numbers_are_recognised(token):
    assert is_doc_number(token)


@pytest.mark.parametrize("token", ["219/260", "12", "1.420"])
def test_ratios_and_figures_are_not_document_numbers(token):
    assert not is_doc_number(token)


def test_a_date_needs_a_day_and_month_that_exist_or_ngay_before_it():
    assert is_date("06/5/2022") and is_date("25-11-2022")
    assert not is_date("219/260")
    assert not is_date("5/10") and is_date("5/10", after_ngay=True)
    assert not is_date("12/15", after_ngay=True)


def _figures(text):
    return [(text[n.start : n.end], n.number.value) for n in find_numbers(text)]


def test_digits_of_document_numbers_dates_and_years_are_not_figures():
    text = (
        "Thực hiện Kế hoạch số 47/KH-UBND ngày 03/4/2023 của UBND huyện và Nghị định 30/2020/NĐ-CP, "
        "trong năm 2023 đã tiếp 2.315 lượt công dân."
    )
    assert _figures(text) == [("2.315", 2315)]


def test_a_ratio_gives_two_figures():
    assert _figures("đã giải quyết 187/203 đơn thuộc thẩm quyền") == [("187", 187), ("203", 203)]


def test_list_labels_at_line_start_are_not_figures():
    text = "1. Công tác tiếp dân\n2.1. Tiếp thường xuyên: 64 lượt\na) Tiếp định kỳ: 09 kỳ"
    assert _figures(text) == [("64", 64), ("09", 9)]


def test_written_dates_periods_and_legal_references_are_not_figures():
    text = (
        "Ngày 14 tháng 3 năm 2023, theo khoản 2 Điều 9 của Luật, trong 6 tháng đầu năm, quý 2 "
        "và tháng 5/2023 có 18 vụ việc; giai đoạn 2021-2025 đạt 97,5%."
    )
    assert _figures(text) == [("18", 18), ("97,5%", 97.5)]


def test_percent_and_qualifier_come_with_the_figure():
    spans = find_numbers("tiếp hơn 120 lượt, đạt khoảng 88,4 % kế hoạch")
    assert [(s.qualifier, s.is_percent) for s in spans] == [("more_than", False), ("about", True)]
    assert spans[1].number.value == pytest.approx(88.4)


def test_an_unreadable_percentage_is_returned_not_ok():
    spans = find_numbers("tỷ lệ đạt 07,% so với cùng kỳ")
    assert len(spans) == 1 and not spans[0].number.ok and spans[0].number.raw == "07,"


def test_non_figure_spans_name_their_kind():
    kinds = {k for _, _, k in non_figure_spans("Công văn 12/UBND-NC ngày 02/3/2023 năm 2023")}
    assert {"doc_number", "date", "year"} <= kinds


def test_digits_inside_names_codes_and_service_levels_are_not_figures():
    text = (
        "Phòng, chống dịch COVID-19 theo thông điệp 5K; áp dụng ISO 9001:2015 tại Phường 3; "
        "gọi Tổng đài 1022; dịch vụ công trực tuyến mức độ 3, 4: 612 thủ tục, trong đó mức 4: 205 thủ tục."
    )
    assert _figures(text) == [("612", 612), ("205", 205)]


def test_bare_years_and_ranges_ending_a_sentence_are_not_figures():
    text = "Nhiệm kỳ 2020 - 2025. Chỉ số SIPAS 2021 xếp hạng 14/63; (01/5/1975 - 01/5/2023) có 2.310 lượt."
    assert _figures(text) == [("14", 14), ("63", 63), ("2.310", 2310)]


def test_a_four_digit_count_followed_by_its_unit_is_a_figure():
    assert _figures("đã tiếp nhận 2020 hồ sơ") == [("2020", 2020)]


@pytest.mark.parametrize("raw", ["Không", "không", "không có", "Không."])
def test_no_as_an_answer_to_a_count_is_zero(raw):
    parsed = parse_number(raw)
    assert parsed.ok and parsed.value == 0 and parsed.raw == raw


def test_other_words_are_not_numbers():
    assert not parse_number("không rõ").ok and not parse_number("hai").ok


_FIXTURE = (
    __import__("pathlib").Path(__file__).parent
    / "fixtures"
    / "normalizers"
    / "figures_in_sentences.tsv"
)
_CASES = [
    line.split("\t")
    for line in _FIXTURE.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("sentence,expected", _CASES)
def test_figures_in_genre_sentences(sentence, expected):
    assert [s.number.raw for s in find_numbers(sentence)] == expected.split(";")
