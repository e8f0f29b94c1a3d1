"""Text typed in the pre-Unicode Vietnamese font encodings, converted to Unicode.

Old documents set in TCVN3 (ABC; fonts `.VnTime`, `.VnArial`, upper-case `.VnTimeH`) or VNI
(fonts `VNI-Times`, ...) store Vietnamese letters as Latin-1 code points that only look right
in those fonts: `B¸o c¸o` is `Báo cáo`, `Baùo caùo` is VNI for the same. The font name says
which encoding a run uses; without it, character statistics do. Conversion runs before any
other normalisation (TCVN3 uses U+00AD, the soft hyphen, for `ư`).
"""
from __future__ import annotations

import regex

# TCVN3 (ABC): one byte per letter. The upper-case fonts (.VnTimeH) use the same bytes for
# the upper-case letters, so text in them is converted and then upper-cased.
TCVN3 = {
    "µ": "à", "¸": "á", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¾": "ắ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "Ê": "ấ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ",
    "Ì": "è", "Ð": "é", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Õ": "ế", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "×": "ì", "Ý": "í", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ß": "ò", "ã": "ó", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "å": "ồ", "è": "ố", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "í": "ớ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ï": "ù", "ó": "ú", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\u00ad": "ư", "õ": "ừ", "ø": "ứ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ú": "ỳ", "ý": "ý", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}
_TCVN3_TABLE = str.maketrans(TCVN3)
_TCVN3_DISTINCT = set("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞß«åçé¬îïþ¡¢§£¤¥¦")

# VNI: a base letter followed by one or two Latin-1 mark characters.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_TONES_UP = {"Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
# marks that both shape the vowel and carry a tone (â/ê/ô with a tone, ă with a tone)
_VNI_CIRC_TONE = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE_TONE = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ò": "ị", "Ò": "Ị",
               "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "î": "ỵ", "Î": "Ỵ"}
# one pass: a vowel with its marks, or a letter that VNI stores as a single byte
_VNI_SEQ = regex.compile(r"([aAeEoOuUyYôÔöÖ])([âÂêÊ]|[áàåãäÁÀÅÃÄ]|[éèúüëÉÈÚÜË]|[ùøûõïÙØÛÕÏ])?|([ñÑòÒæÆóÓîÎ])")


def _vni_letter(m: regex.Match) -> str:
    import unicodedata

    if m.group(3):
        return _VNI_SINGLE[m.group(3)]
    base, mark = m.group(1), m.group(2)
    base = {"ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư"}.get(base, base)
    if not mark:
        return base
    lower = mark.lower()
    if lower in ("â", "ê"):
        if base.lower() in "aeo":
            return unicodedata.normalize("NFC", base + "\u0302")
        return base + mark
    if lower in _VNI_CIRC_TONE and base.lower() in "aeo":
        return unicodedata.normalize("NFC", base + "\u0302" + _VNI_CIRC_TONE[lower])
    if lower in _VNI_BREVE_TONE and base.lower() == "a":
        return unicodedata.normalize("NFC", base + "\u0306" + _VNI_BREVE_TONE[lower])
    tone = _VNI_TONES.get(mark) or _VNI_TONES_UP.get(mark)
    if tone:
        return unicodedata.normalize("NFC", base + tone)
    return base + mark


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if upper else out


def vni_to_unicode(text: str) -> str:
    return _VNI_SEQ.sub(_vni_letter, text)


_UNICODE_VIETNAMESE = regex.compile(r"[ăđơưĂĐƠƯ\u1EA0-\u1EF9]")  # never in a legacy byte font
_VNI_MARKS = regex.compile(r"[aeouyAEOUY][ùøûõïâêáàåãäéèúüëÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]")


def detect_legacy_encoding(text: str, font_name: str | None = None) -> str | None:
    """'tcvn3', 'tcvn3-upper', 'vni' or None (already Unicode, or not Vietnamese)."""
    if font_name:
        f = font_name.strip().lower()
        if f.startswith(".vn"):
            return "tcvn3-upper" if f.endswith("h") else "tcvn3"
        if f.startswith("vni"):
            return "vni"
    if not text or _UNICODE_VIETNAMESE.search(text):
        return None
    letters = sum(1 for c in text if c.isalpha())
    tcvn = sum(1 for c in text if c in _TCVN3_DISTINCT)
    vni = len(_VNI_MARKS.findall(text)) + text.count("ñ")
    if letters and tcvn >= 2 and tcvn / letters > 0.04 and tcvn >= vni:
        return "tcvn3"
    if letters and vni >= 2 and vni / letters > 0.04:
        return "vni"
    return None


def fix_legacy_text(text: str, font_name: str | None = None) -> str:
    """Convert text in a legacy encoding to Unicode; Unicode text comes back unchanged."""
    encoding = detect_legacy_encoding(text, font_name)
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "tcvn3-upper":
        return tcvn3_to_unicode(text, upper=True)
    if encoding == "vni":
        return vni_to_unicode(text)
    return text
