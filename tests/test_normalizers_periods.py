"""Reporting periods and dates as the reports state them."""

from __future__ import annotations

import pytest

from normalizers.dates import find_dates, parse_vn_date
from normalizers.periods import find_period_phrases, parse_period, period_contains, period_months


@pytest.mark.parametrize(
    "text,period",
    [
        ("Báo cáo kết quả năm 2022", "2022"),
        ("kết quả 6 tháng đầu năm 2023", "2023-H1"),
        ("06 tháng đầu năm 2023", "2023-H1"),
        ("6 tháng cuối năm 2022", "2022-H2"),
        ("9 tháng năm 2022", "2022-9M"),
        ("9 tháng đầu năm 2022", "2022-9M"),
        ("quý III năm 2022", "2022-Q3"),
        ("quý 3 năm 2022", "2022-Q3"),
        ("quý I/2023", "2023-Q1"),
        ("tháng 10/2022", "2022-M10"),
        ("tháng 10 năm 2022", "2022-M10"),
    ],
)
def test_period_phrases(text, period):
    assert parse_period(text) == period


def test_a_phrase_without_a_year_takes_the_default_year():
    assert parse_period("Trong 09 tháng đầu năm, đã tiếp", default_year=2022) == "2022-9M"
    assert parse_period("Trong 09 tháng đầu năm, đã tiếp") is None


@pytest.mark.parametrize(
    "text,period",
    [
        ("(số liệu từ ngày 15/12/2021 đến ngày 14/6/2022)", "2022-H1"),
        ("từ 15/12/2021 đến 14/12/2022", "2022"),
        ("từ 15/6/2022 đến 14/12/2022", "2022-H2"),
        ("từ ngày 01/01/2023 đến hết ngày 30/9/2023", "2023-9M"),
        ("từ 01/10/2022 đến 31/12/2022", "2022-Q4"),
        ("từ 01/11/2022 đến 30/11/2022", "2022-M11"),
    ],
)
def test_a_data_window_gives_the_period_it_covers(text, period):
    assert parse_period(text) == period


def test_a_window_with_an_impossible_date_gives_no_period():
    assert parse_period("từ 31/4/2022 đến 30/9/2022") is None


def test_period_phrases_unpack_as_start_end_period():
    text = "Trong năm 2022 và quý I năm 2023"
    spans = [tuple(p) for p in find_period_phrases(text)]
    assert [(text[s:e], p) for s, e, p in spans] == [
        ("năm 2022", "2022"),
        ("quý I năm 2023", "2023-Q1"),
    ]


def test_period_containment():
    assert period_contains("2023", "2023-H1")
    assert period_contains("2022-9M", "2022-Q3")
    assert period_contains("2022-H2", "2022-M10")
    assert not period_contains("2022-H1", "2022-Q3")
    assert not period_contains("2022", "2023-H1")
    assert not period_contains("2022", "2022")


@pytest.mark.parametrize(
    "period,months", [("2022", 12), ("2022-H1", 6), ("2022-9M", 9), ("2022-Q3", 3), ("2022-M10", 1)]
)
def test_period_months(period, months):
    assert period_months(period) == months


@pytest.mark.parametrize(
    "text,iso",
    [
        ("25/11/2022", "2022-11-25"),
        ("06-5-2022", "2022-05-06"),
        ("06.5.2022", "2022-05-06"),
        ("ngày 25 tháng 11 năm 2022", "2022-11-25"),
        ("Hà Nội, ngày 03 tháng 02 năm 2023", "2023-02-03"),
    ],
)
def test_vietnamese_dates(text, iso):
    parsed = parse_vn_date(text)
    assert parsed.valid and parsed.iso == iso


@pytest.mark.parametrize("text", ["31/4/2019", "29/02/2023", "ngày 30 tháng 2 năm 2022"])
def test_impossible_dates_are_kept_invalid(text):
    parsed = parse_vn_date(text)
    assert not parsed.valid and parsed.iso is None and parsed.text == text


def test_a_leap_day_is_valid_in_a_leap_year():
    assert parse_vn_date("29/02/2024").iso == "2024-02-29"


def test_a_ratio_is_not_a_date():
    assert parse_vn_date("giải quyết 219/260 đơn") is None
    assert find_dates("đạt 12/15 chỉ tiêu") == []


def test_title_period_borrows_the_year_of_the_next_phrase_or_the_documents():
    from normalizers.periods import title_period

    assert (
        title_period("Kết quả 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm 2026", 2026, 10)
        == "2026-9M"
    )
    assert title_period("Tình hình quý II và nhiệm vụ 6 tháng cuối năm 2026", 2026, 7) == "2026-Q2"
    assert title_period("Công tác hòa giải 6 tháng đầu năm", 2026, 6) == "2026-H1"
    # signed in January about the quarter or half-year just ended
    assert title_period("Kết quả công tác quý IV", 2027, 1) == "2026-Q4"
    assert title_period("Kết quả 6 tháng cuối năm", 2027, 1) == "2026-H2"


def test_title_period_month_report_and_cited_dates():
    from normalizers.periods import title_period

    assert (
        title_period(
            "Tình hình kinh tế - xã hội tháng 4 và 4 tháng đầu năm 2026; nhiệm vụ tháng 5/2026"
        )
        == "2026-M04"
    )
    # the year of a cited document's date is not the period
    assert (
        title_period("kết quả thực hiện Chỉ thị số 08-CT/TU, ngày 11 tháng 3 năm 2022 năm 2026")
        == "2026"
    )
    assert title_period("Sơ kết công tác ngày 5 tháng 5") is None


def test_a_period_ends_before_another_only_when_it_is_over_before_that_one_begins():
    from normalizers.periods import period_ends_before

    assert period_ends_before("2023-Q3", "2023-Q4")
    assert period_ends_before("2023", "2024-H1")
    assert period_ends_before("2023-H1", "2024-H1")
    assert not period_ends_before("2023-9M", "2023-Q3")  # it contains the quarter
    assert not period_ends_before("2023", "2023-Q4")
    assert not period_ends_before("2023-Q4", "2023-Q3")


def test_six_months_and_a_year_right_after_it_are_the_first_half_year():
    from normalizers.periods import bare_period

    assert bare_period("6 tháng 2025", 2025) == "2025-H1"
    assert bare_period("trong 6 tháng", 2025) is None


def test_a_running_total_of_six_months_is_the_first_half():
    assert [p.period for p in find_period_phrases("Lũy kế 6 tháng", 2024)] == ["2024-H1"]
    assert [p.period for p in find_period_phrases("sau 6 tháng triển khai", 2024)] == []


def test_a_title_naming_a_years_index_and_a_later_half_year_is_about_the_half_year():
    from normalizers.periods import title_period

    title = (
        "Kết quả Chỉ số hài lòng năm 2022 và kết quả giải quyết thủ tục hành chính "
        "6 tháng đầu năm 2023"
    )
    assert title_period(title, 2023, 6) == "2023-H1"
    assert (
        title_period("Tổng kết năm 2022 và phương hướng, nhiệm vụ quý I năm 2023", 2023, 1)
        == "2022"
    )
