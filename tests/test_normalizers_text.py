"""One Unicode form and one tone placement for every Vietnamese text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.text import fold, normalize_text, unify_tone_placement


@pytest.mark.parametrize(
    "old,new",
    [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("hoã", "hõa"),
        ("hoạ", "họa"),
        ("khoẻ", "khỏe"),
        ("khoè", "khòe"),
        ("thuỷ", "thủy"),
        ("thuý", "thúy"),
        ("thuỳ", "thùy"),
        ("thuỵ", "thụy"),
        ("uỷ ban", "ủy ban"),
        ("Uỷ ban", "Ủy ban"),
        ("HOÀ", "HÒA"),
        ("THUỶ", "THỦY"),
        ("Hoà Bình", "Hòa Bình"),
    ],
)
def test_old_tone_placement_moves_to_the_first_vowel(old, new):
    assert normalize_text(old) == new


@pytest.mark.parametrize(
    "word",
    ["quý", "Quý", "QUÝ", "hoàn", "thuyền", "khuya", "hoạch", "khuỷu", "quả", "toán", "tuyết"],
)
def test_words_whose_tone_is_already_placed_are_unchanged(word):
    assert normalize_text(word) == word


def test_decomposed_input_comes_out_composed():
    text = "Hòa giải thành 12 vụ việc tại xã Phước Hưng"
    assert normalize_text(unicodedata.normalize("NFD", text)) == text


def test_decomposed_old_tone_placement_is_unified_too():
    assert normalize_text(unicodedata.normalize("NFD", "hoà giải, khoẻ")) == "hòa giải, khỏe"


def test_eth_is_read_as_d_with_stroke():
    assert normalize_text("\u00d0ảng bộ") == "Đảng bộ"


def test_invisible_and_look_alike_characters_are_cleaned():
    text = "tiếp\u00a0125\u202flượt, công\u00addân\u200b đạt\ufeff 98,2%\u2013 tăng"
    assert normalize_text(text) == "tiếp 125 lượt, côngdân đạt 98,2%- tăng"


def test_newlines_are_kept_and_space_runs_collapse():
    assert normalize_text("dòng một  \t có\ndòng hai") == "dòng một có\ndòng hai"


def test_empty_text_stays_empty():
    assert normalize_text("") == ""


VOWELS = list("aăâeêioôơuưy")
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["h", "th", "ng", "kh", "tr", "đ", "b"]),
            st.sampled_from(VOWELS),
            st.sampled_from(TONES),
            st.sampled_from(["", "n", "ng", "c", "t", "m"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_normalizing_is_idempotent_and_nfc(syllables):
    text = " ".join(unicodedata.normalize("NFD", a + v + t + c) for a, v, t, c in syllables)
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_fold_strips_diacritics_and_case():
    assert fold("Đơn THƯ Khiếu Nại") == "don thu khieu nai"


def test_unify_tone_placement_leaves_other_text_alone():
    assert unify_tone_placement("Báo cáo số 12/BC-UBND") == "Báo cáo số 12/BC-UBND"


def test_unicode_line_separators_become_line_breaks():
    assert normalize_text("dòng một\u2028dòng hai\u3000x\u2060y") == "dòng một\ndòng hai xy"
