"""The unit after a figure, canonical as metrics.csv spells it; money in đồng."""

from __future__ import annotations

import re

import pytest

from normalizers.quantities import canonical_unit, read_money_after, read_unit_after, to_dong


@pytest.mark.parametrize(
    "text,unit",
    [
        ("215 lượt công dân", "lượt"),
        ("215 lượt người", "lượt"),
        ("40 người", "người"),
        ("37 đơn thư", "đơn"),
        ("37 đơn", "đơn"),
        ("6 vụ việc", "vụ"),
        ("6 vụ", "vụ"),
        ("06 việc", "vụ"),
        ("12 kỳ", "kỳ"),
        ("12 buổi", "kỳ"),
        ("3 cuộc đối thoại", "cuộc"),
        ("2 đoàn đông người", "đoàn"),
        ("1.205 hồ sơ", "hồ sơ"),
        ("1.796 thủ tục hành chính", "thủ tục"),
        ("1.796 TTHC", "thủ tục"),
        ("415 dịch vụ công trực tuyến", "thủ tục"),
        ("98,5%", "%"),
        ("98,5 %", "%"),
        ("88 phần trăm", "%"),
        ("87,2 điểm", "điểm"),
        ("xếp thứ 5 bậc", "hạng"),
        ("hạng", "hạng"),
        ("14 đơn vị", "đơn vị"),
        ("9 cơ quan", "đơn vị"),
        ("21 xã", "đơn vị"),
        ("45 văn bản", "văn bản"),
        ("7 mô hình", "mô hình"),
        ("3 tỷ đồng", "đồng"),
        ("500 USD", "USD"),
    ],
)
def test_unit_after_a_figure_is_canonical(text, unit):
    digits = re.search(r"\d[\d.,]*", text)
    pos = digits.end() if digits else 0
    found = read_unit_after(text, pos)
    assert found is not None and found[0] == unit


def test_the_longer_unit_phrase_wins_and_ends_after_it():
    text = "có 18 đơn vị thực hiện"
    assert read_unit_after(text, 5) == ("đơn vị", 12)


def test_a_unit_must_end_at_a_word_boundary():
    assert read_unit_after("18 đơnx", 2) is None
    assert read_unit_after("18 vụng", 2) is None


def test_no_unit_after_the_figure_gives_none():
    assert read_unit_after("có 18 trường hợp", 5) is None


@pytest.mark.parametrize(
    "text,value,dong",
    [
        ("18.699 triệu đồng", 18699, 18_699_000_000),
        ("1,5 tỷ đồng", 1.5, 1_500_000_000),
        ("70,128 tỷ đồng", 70.128, 70_128_000_000),
        ("350 nghìn đồng", 350, 350_000),
        ("9.000 đồng", 9000, 9000),
    ],
)
def test_money_is_converted_to_dong(text, value, dong):
    pos = text.index(" ")
    amount, _ = read_money_after(text, pos, value)
    assert amount == pytest.approx(dong)


def test_a_count_unit_is_not_money():
    assert read_money_after("18 đơn", 2, 18) is None
    assert to_dong(2, "lượt") is None and to_dong(2, "tỷ đồng") == 2_000_000_000


def test_canonical_unit_of_a_phrase():
    assert canonical_unit("Đơn thư") == "đơn" and canonical_unit("lượt  người") == "lượt"
    assert canonical_unit("trường hợp") is None
