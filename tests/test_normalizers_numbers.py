"""Numbers as clerks write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize("raw", ["Không", "không", "không có", "Không."])
def test_no_as_an_answer_to_a_count_is_zero(raw):
    parsed = parse_number(raw)
    assert parsed.ok and parsed.value == 0 and parsed.raw == raw


def test_other_words_are_not_numbers():
    assert not parse_number("không rõ").ok and not parse_number("hai").ok


def test_a_rate_rounded_half_up_holds():
    from normalizers.numbers import rate_holds

    assert rate_holds(90.63, 58, 64, 2)  # 90,625 printed as a clerk rounds it
    assert rate_holds(90.62, 58, 64, 2)  # or cut
    assert not rate_holds(90.64, 58, 64, 2)
