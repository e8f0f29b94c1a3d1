"""TCVN3 (ABC) and VNI text converted to Unicode; Unicode text left alone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.legacy_encoding import (
    TCVN3,
    VNI,
    detect_legacy_encoding,
    fix_legacy_text,
    legacy_font_encoding,
    to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
)

SENTENCE = (
    "trong kỳ báo cáo, ban tiếp công dân huyện đã tiếp 318 lượt người, nhận 46 đơn thư; "
    "hòa giải thành 27 vụ việc, đạt tỷ lệ 93,1%; thủy lợi, khỏe mạnh, quý, thuyền, khuya, "
    "nguyễn, phường, ngoằn ngoèo, khuỷu, tuyệt, ấm ức, ặc, ữ, đồng ý"
)
VOCABULARY = (
    "Ủy ban nhân dân tỉnh huyện xã phường đã tiếp công dân lượt người đơn thư khiếu nại tố cáo "
    "kiến nghị phản ánh hòa giải thành vụ việc thủ tục hành chính hồ sơ trực tuyến tỷ lệ đạt "
    "Đảng bộ chính quyền dân vận khéo năm quý tháng kết quả triển khai thực hiện Nghị định "
    "Ý kiến «Dân vận khéo» Café ×2 © ® · Hội đồng"
).split()


def _all_letters() -> str:
    return "".join(sorted({unicodedata.normalize("NFC", k) for k in VNI if len(k) == 1}))


def test_tcvn3_sentence_converts_back_exactly():
    legacy = unicode_to_tcvn3(SENTENCE)
    assert legacy != SENTENCE and detect_legacy_encoding(legacy) == "tcvn3"
    assert fix_legacy_text(legacy) == SENTENCE


def test_every_tcvn3_letter_round_trips():
    letters = "".join(TCVN3.values())
    assert to_unicode(unicode_to_tcvn3(letters), "tcvn3") == letters


def test_vni_sentence_converts_back_exactly():
    legacy = unicode_to_vni(SENTENCE)
    assert legacy != SENTENCE and detect_legacy_encoding(legacy) == "vni"
    assert fix_legacy_text(legacy) == SENTENCE


def test_every_vietnamese_letter_round_trips_through_vni_in_both_cases():
    letters = _all_letters()
    assert (
        len(set(letters.lower())) == 67
    )  # 12 vowels x 6 tone forms, less the 6 plain ASCII ones, plus đ
    assert to_unicode(unicode_to_vni(letters), "vni") == letters


def test_hand_typed_vni_reads_as_unicode():
    assert fix_legacy_text("Baùo caùo keát quaû coâng taùc naêm") == "Báo cáo kết quả công tác năm"
    assert fix_legacy_text("ÑAÛNG BOÄ XAÕ", "VNI-Times") == "ĐẢNG BỘ XÃ"
    assert fix_legacy_text("Uûy ban", "VNI-Times") == "Ủy ban"


def test_hand_typed_tcvn3_reads_as_unicode():
    assert fix_legacy_text("B¸o c¸o kÕt qu¶ c«ng t¸c n¨m") == "Báo cáo kết quả công tác năm"
    assert fix_legacy_text("®· tiÕp 25 l­ît c«ng d©n") == "đã tiếp 25 lượt công dân"


def test_upper_case_tcvn3_reads_upper_case_by_font_or_by_its_ascii_letters():
    assert fix_legacy_text("b¸o c¸o", ".VnTimeH") == "BÁO CÁO"
    assert fix_legacy_text("B¸O C¸O KÕT QU¶") == "BÁO CÁO KẾT QUẢ"


@pytest.mark.parametrize(
    "font,encoding",
    [
        (".VnTime", "tcvn3"),
        (".VnArial", "tcvn3"),
        (".VnTimeH", "tcvn3-upper"),
        ("ABCDEF+.VnTime,Bold", "tcvn3"),
        ("VNI-Times", "vni"),
        ("BCDEFG+VNI-Helve-Bold", "vni"),
        ("Times New Roman", None),
        (None, None),
    ],
)
def test_encoding_by_font_name(font, encoding):
    assert legacy_font_encoding(font) == encoding


@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_unicode_text_is_never_changed(words):
    text = " ".join(words)
    assert fix_legacy_text(text) == text


def test_plain_ascii_and_latin1_symbols_are_not_taken_for_legacy_text():
    for text in ["Report 2022: 318 visits", "«Test»", "Café × 2", ""]:
        assert detect_legacy_encoding(text) is None


def test_an_unknown_encoding_name_is_an_error():
    with pytest.raises(ValueError):
        to_unicode("x", "viqr")


@pytest.mark.parametrize(
    "text", ["Toà án, hoà", "khoá, xoá", "Xuân Quân", "quá, quà", "Nguyên Xuân", "hoà, Huế"]
)
def test_unicode_words_with_old_tone_placement_are_not_taken_for_vni(text):
    assert fix_legacy_text(text) == text
