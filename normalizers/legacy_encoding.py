"""Text typed in the pre-Unicode Vietnamese font encodings, converted to Unicode.

Old documents set in TCVN3 (ABC; fonts `.VnTime`, `.VnArial`, upper-case `.VnTimeH`) or VNI
(fonts `VNI-Times`, ...) store Vietnamese letters as Latin-1 code points that only look right
in those fonts: `B¸o c¸o` is `Báo cáo`, `Baùo caùo` is VNI for the same. The font name says
which encoding a run uses; without it, character statistics do. Conversion runs before any
other normalisation (TCVN3 uses U+00AD, the soft hyphen, for `ư`).
"""

from __future__ import annotations

import regex

from catalog.patterns import compiled

# TCVN3 (ABC): one byte per letter. The upper-case fonts (.VnTimeH) use the same bytes for
# the upper-case letters, so text in them is converted and then upper-cased.
TCVN3 = {
    "µ": "à",
    "¸": "á",
    "¶": "ả",
    "·": "ã",
    "¹": "ạ",
    "¨": "ă",
    "»": "ằ",
    "¾": "ắ",
    "¼": "ẳ",
    "½": "ẵ",
    "Æ": "ặ",
    "©": "â",
    "Ç": "ầ",
    "Ê": "ấ",
    "È": "ẩ",
    "É": "ẫ",
    "Ë": "ậ",
    "®": "đ",
    "Ì": "è",
    "Ð": "é",
    "Î": "ẻ",
    "Ï": "ẽ",
    "Ñ": "ẹ",
    "ª": "ê",
    "Ò": "ề",
    "Õ": "ế",
    "Ó": "ể",
    "Ô": "ễ",
    "Ö": "ệ",
    "×": "ì",
    "Ý": "í",
    "Ø": "ỉ",
    "Ü": "ĩ",
    "Þ": "ị",
    "ß": "ò",
    "ã": "ó",
    "á": "ỏ",
    "â": "õ",
    "ä": "ọ",
    "«": "ô",
    "å": "ồ",
    "è": "ố",
    "æ": "ổ",
    "ç": "ỗ",
    "é": "ộ",
    "¬": "ơ",
    "ê": "ờ",
    "í": "ớ",
    "ë": "ở",
    "ì": "ỡ",
    "î": "ợ",
    "ï": "ù",
    "ó": "ú",
    "ñ": "ủ",
    "ò": "ũ",
    "ô": "ụ",
    "\u00ad": "ư",
    "õ": "ừ",
    "ø": "ứ",
    "ö": "ử",
    "÷": "ữ",
    "ù": "ự",
    "ú": "ỳ",
    "ý": "ý",
    "û": "ỷ",
    "ü": "ỹ",
    "þ": "ỵ",
    "¡": "Ă",
    "¢": "Â",
    "§": "Đ",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
}
_TCVN3_TABLE = str.maketrans(TCVN3)
_TCVN3_DISTINCT = set("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞß«åçé¬îïþ¡¢§£¤¥¦")


# VNI: a base letter followed by one or two Latin-1 mark characters. The table below is
# built from VNI's rules (the same rules the VNI keyboard follows):
#   tone after a plain vowel: ù sắc, ø huyền, û hỏi, õ ngã, ï nặng          (aù = á)
#   â after a/e/o makes â/ê/ô; with a tone: á sắc, à huyền, å hỏi, ã ngã, ä nặng   (eá = ế)
#   ê after a makes ă; with a tone: é sắc, è huyền, ú hỏi, ü ngã, ë nặng          (aé = ắ)
#   single bytes: ô = ơ, ö = ư, ñ = đ; i with a tone í ì æ ó ò; ỵ = î
# Upper-case letters use the upper-case marks (AÙ = Á); lower-case marks after an upper-case
# base are read too.
_TONE_ORDER = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # sắc huyền hỏi ngã nặng
_PLAIN_TONES = "ùøûõï"
_CIRC_TONES = "áàåãä"
_BREVE_TONES = "éèúüë"
_I_TONES = "íìæóò"


def _build_vni() -> dict[str, str]:
    import unicodedata

    def nfc(s: str) -> str:
        return unicodedata.normalize("NFC", s)

    table: dict[str, str] = {
        "đ": "ñ",
        "ơ": "ô",
        "ư": "ö",
        "â": "aâ",
        "ê": "eâ",
        "ô": "oâ",
        "ă": "aê",
    }
    for base in "aeouyơư":
        code = table.get(base, base)
        for tone, mark in zip(_TONE_ORDER, _PLAIN_TONES):
            table[nfc(base + tone)] = code + mark
    for base in "aeo":
        for tone, mark in zip(_TONE_ORDER, _CIRC_TONES):
            table[nfc(base + "\u0302" + tone)] = base + mark
    for tone, mark in zip(_TONE_ORDER, _BREVE_TONES):
        table[nfc("a\u0306" + tone)] = "a" + mark
    for tone, mark in zip(_TONE_ORDER, _I_TONES):
        table[nfc("i" + tone)] = mark
    table["ỵ"] = "î"
    upper = {k.upper(): v.upper() for k, v in table.items()}
    table.update(upper)
    return table


VNI = _build_vni()  # Unicode letter -> VNI bytes
_FROM_VNI = {v: k for k, v in VNI.items() if v != k}
# an upper-case base with lower-case marks (AÙ typed as Aù) reads the same
_FROM_VNI.update(
    {
        v[0] + v[1:].lower(): k
        for k, v in VNI.items()
        if len(v) > 1 and v[0].isupper() and v[0] + v[1:].lower() not in _FROM_VNI
    }
)
_VNI_SEQ = compiled("|".join(regex.escape(k) for k in sorted(_FROM_VNI, key=len, reverse=True)))


def tcvn3_to_unicode(text: str, upper: bool = False) -> str:
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if upper else out


def _tcvn3_word_case(legacy: str, converted: str) -> str:
    """Upper-case TCVN3 text typed without an H font name (B¸O C¸O): a word whose ASCII
    letters are all upper case is upper-cased whole."""
    out = []
    for raw, word in zip(regex.split(r"(\s+)", legacy), regex.split(r"(\s+)", converted)):
        ascii_letters = [c for c in raw if c.isascii() and c.isalpha()]
        if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
            word = word.upper()
        out.append(word)
    return "".join(out)


def vni_to_unicode(text: str) -> str:
    return _VNI_SEQ.sub(lambda m: _FROM_VNI[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> str:
    """Unicode Vietnamese as a TCVN3 font stores it (for tests and fixtures); upper-case
    letters TCVN3 has no code for are written lower-case, as an H font expects."""
    import unicodedata

    inverse = {v: k for k, v in TCVN3.items()}
    text = unicodedata.normalize("NFC", text)
    return "".join(inverse.get(ch, inverse.get(ch.lower(), ch)) for ch in text)


def unicode_to_vni(text: str) -> str:
    """Unicode Vietnamese as a VNI font stores it (for tests and fixtures)."""
    import unicodedata

    return "".join(VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


_UNICODE_VIETNAMESE = compiled(r"[ăđơưĂĐƠƯ\u1EA0-\u1EF9]")  # never in a legacy byte font
_VNI_MARKS = compiled(r"[aeouyAEOUY][ùøûõïâêáàåãäéèúüëÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË]")


_AMBIGUOUS_TCVN3 = set("«»©®·×")  # also quotes and symbols in ordinary Latin-1 text
# Latin-1 letters that Unicode Vietnamese uses too (khéo, Ý): TCVN3 evidence only where
# Unicode could not have them, as an upper-case letter after a lower-case one (kÕt).
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def _tcvn3_evidence(text: str) -> tuple[int, int]:
    """(all TCVN3-looking characters, those that cannot be ordinary Latin-1 or Unicode text)."""
    seen = clear = 0
    for i, c in enumerate(text):
        if c not in _TCVN3_DISTINCT:
            continue
        seen += 1
        if c in _AMBIGUOUS_TCVN3:
            continue
        if c in _VIETNAMESE_LATIN1 and not (c.isupper() and i and text[i - 1].islower()):
            continue
        clear += 1
    return seen, clear


def legacy_font_encoding(font_name: str | None) -> str | None:
    """'vni', 'tcvn3' or 'tcvn3-upper' by font name: `VNI-Times`, `.VnTime`, `.VnTimeH`, also as
    PDFs spell them (`ABCDEF+.VnArial,Bold`); None for any other font."""
    if not font_name:
        return None
    f = font_name.strip().lower().split("+", 1)[-1]
    f = regex.split(r"[,]|[-\s](?:bold|italic|regular|normal)\b", f)[0].strip()
    if f.startswith("vni"):
        return "vni"
    if f.startswith(".vn") or regex.match(
        r"vn(?:time|arial|avant|book|century|courier|helve|univers)", f
    ):
        return "tcvn3-upper" if f.endswith("h") else "tcvn3"
    return None


# vowel pairs Unicode Vietnamese writes too (hoà, khoá, xuân, quá, nguyên): no VNI evidence
_UNICODE_DIGRAMS = {"oà", "oá", "oã", "oè", "oé", "uâ", "uê", "uá", "uà", "uã", "yê"}


def detect_legacy_encoding(text: str, font_name: str | None = None) -> str | None:
    """'tcvn3', 'tcvn3-upper', 'vni' or None (already Unicode, or not Vietnamese)."""
    by_font = legacy_font_encoding(font_name)
    if by_font:
        return by_font
    if not text or _UNICODE_VIETNAMESE.search(text):
        return None
    letters = sum(1 for c in text if c.isalpha())
    tcvn, clear_tcvn = _tcvn3_evidence(text)
    vni = sum(
        1 for m in _VNI_MARKS.findall(text) if m.lower() not in _UNICODE_DIGRAMS
    ) + text.count("ñ")
    if letters and tcvn >= 2 and tcvn / letters > 0.04 and tcvn >= vni and clear_tcvn:
        return "tcvn3"
    if letters and vni >= 2 and vni / letters > 0.04:
        return "vni"
    return None


def to_unicode(text: str, encoding: str | None) -> str:
    """Text in the named legacy encoding ('tcvn3', 'tcvn3-upper', 'vni') as Unicode."""
    if encoding == "tcvn3":
        return _tcvn3_word_case(text, tcvn3_to_unicode(text))
    if encoding == "tcvn3-upper":
        return tcvn3_to_unicode(text, upper=True)
    if encoding == "vni":
        return vni_to_unicode(text)
    if encoding is None:
        return text
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def fix_legacy_text(text: str, font_name: str | None = None) -> str:
    """Convert text in a legacy encoding to Unicode; Unicode text comes back unchanged."""
    return to_unicode(text, detect_legacy_encoding(text, font_name))
