"""Numbers, periods, dates and Vietnamese text as clerks write them."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.dates import find_dates, parse_vn_date
from normalizers.numbers import is_zero_word, parse_number, parse_number_words, qualifier_before
from normalizers.periods import parse_period, period_contains
from normalizers.text import fold, normalize_text


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_decimal(x: float, decimals: int) -> str:
    whole, frac = f"{x:.{decimals}f}".split(".")
    return f"{vn_int(int(whole))},{frac}"


@pytest.mark.parametrize(
    "raw,value",
    [
        ("3.862", 3862),
        ("1.420", 1420),
        ("100.172", 100172),
        ("94,89", 94.89),
        ("74,6", 74.6),
        ("09", 9),
        ("05", 5),
        ("1.234,5", 1234.5),
        ("95.83", 95.83),
        ("2.655", 2655),
        ("0", 0),
    ],
)
def test_vietnamese_number_forms(raw, value):
    assert parse_number(raw).value == pytest.approx(value)


def test_a_dot_before_two_digits_of_a_percentage_is_a_decimal_point():
    assert parse_number("95.83", percent=True).value == pytest.approx(95.83)
    assert parse_number("97.180", percent=True).value == pytest.approx(97.18)


@pytest.mark.parametrize("raw", ["04,", "1.2.345", ""])
def test_unreadable_numbers_are_kept_not_guessed(raw):
    parsed = parse_number(raw)
    assert parsed.value is None and not parsed.ok and parsed.raw == raw


@given(st.integers(min_value=0, max_value=10**9))
def test_integers_written_the_vietnamese_way_read_back(n):
    assert parse_number(vn_int(n)).value == n


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=3))
def test_decimals_written_the_vietnamese_way_read_back(whole, decimals):
    x = whole + 0.5 / 10**decimals
    text = vn_decimal(x, decimals)
    assert parse_number(text).value == pytest.approx(float(f"{x:.{decimals}f}"))
    assert parse_number(text).decimals == decimals


@pytest.mark.parametrize(
    "words,value",
    [
        ("hai", 2),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("ba mươi", 30),
        ("một trăm linh năm", 105),
    ],
)
def test_written_out_numbers(words, value):
    assert parse_number_words(words) == value


def test_khong_answering_a_count_is_zero():
    assert is_zero_word("Không") and is_zero_word("không có.") and not is_zero_word("không thành")


@pytest.mark.parametrize(
    "prefix,qualifier",
    [
        ("tiếp nhận hơn ", "more_than"),
        ("đạt trên ", "more_than"),
        ("gần ", "about"),
        ("khoảng ", "about"),
        ("dưới ", "less_than"),
        ("ước đạt ", "exact"),
        ("đã tiếp ", "exact"),
    ],
)
def test_qualifier_words_before_a_figure(prefix, qualifier):
    assert qualifier_before(prefix) == qualifier


@pytest.mark.parametrize(
    "text,period",
    [
        ("6 tháng đầu năm 2023", "2023-H1"),
        ("06 tháng đầu năm 2023", "2023-H1"),
        ("năm 2022 và phương hướng năm 2023", "2022"),
        ("9 tháng năm 2022", "2022-9M"),
        ("quý III năm 2022", "2022-Q3"),
        ("quý 3/2022", "2022-Q3"),
        ("tháng 10/2022", "2022-M10"),
        ("6 tháng cuối năm 2021", "2021-H2"),
    ],
)
def test_periods(text, period):
    assert parse_period(text) == period


def test_a_period_without_its_year_takes_the_documents():
    assert parse_period("Trong 09 tháng đầu năm", default_year=2022) == "2022-9M"


def test_period_containment():
    assert period_contains("2023", "2023-H1") and period_contains("2022-9M", "2022-Q3")
    assert not period_contains("2023-H1", "2023") and not period_contains("2023", "2022-H1")


def test_dates_valid_and_impossible():
    assert parse_vn_date("ngày 25 tháng 11 năm 2022").iso == "2022-11-25"
    assert parse_vn_date("06/5/2022").iso == "2022-05-06"
    assert [d.valid for d in find_dates("ngày 31/4/2019 và 29/02/2023, 29/02/2024")] == [
        False,
        False,
        True,
    ]


@pytest.mark.parametrize(
    "old,new",
    [
        ("hoà giải", "hòa giải"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("HOÀ", "HÒA"),
        ("quý", "quý"),
        ("hoàn thành", "hoàn thành"),
        ("thuyền", "thuyền"),
    ],
)
def test_one_tone_placement(old, new):
    assert normalize_text(old) == new


def test_decomposed_text_lookalikes_and_invisible_characters_are_normalised():
    raw = unicodedata.normalize("NFD", "Ðồng\u00a0Tháp\u00adx\u200b")
    assert normalize_text(raw) == "Đồng Thápx"


def test_fold_drops_diacritics_for_loose_matching():
    assert fold("Hòa giải THÀNH") == "hoa giai thanh"
