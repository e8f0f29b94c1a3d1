"""Vietnamese text normalisation: one Unicode form and one tone-placement convention.

Reports arrive typed on different keyboards and fonts: decomposed or precomposed
diacritics, old (`hoà`, `thuý`) or new (`hòa`, `thúy`) tone placement, U+00D0 for Đ,
non-breaking and zero-width spaces, soft hyphens. Every later step compares text, so all
of it is brought to NFC with the new tone placement first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import regex

from catalog.patterns import compiled

INLINE_SPACES = compiled(r"[ \t\f\v]+")

# Characters that look like something else or carry nothing.
_CHAR_MAP = {
    "\u00d0": "Đ",  # Latin capital ETH used for Đ
    "\u00f0": "đ",
    "\u0110": "Đ",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u3000": " ",
    "\u2028": "\n",  # line and paragraph separators (PDF text layers) are line breaks
    "\u2029": "\n",
    "\u200b": "",
    "\u2060": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u00ad": "",  # soft hyphen
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}
_TRANSLATE = str.maketrans(_CHAR_MAP)

# Tone marks as combining characters (NFD).
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# Old style puts the tone on the second vowel of an open oa/oe/uy syllable: hoà, khoẻ, thuý.
# New style (the one kept here) puts it on the first: hòa, khỏe, thúy. `quý` keeps its tone
# on y because there u belongs to the consonant qu.
_OLD_TONE = compiled(
    r"(?<![\p{L}])([\p{L}]*?)(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![\p{L}\p{M}])"
)


def _move_tone(match: regex.Match) -> str:
    head, first, second, tone = match.groups()
    pair = (first.lower(), second.lower())
    if pair not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return match.group(0)
    return f"{head}{first}{tone}{second}"


# In NFC text an old-style tone shows as o/u followed by a/e/y composed with its tone, at the
# end of a word and not after q (`hoà`, not `toàn` or `quả`: no letter or mark follows, and none
# begins with anything else once decomposed): where none stands (and the text is NFC already),
# nothing moves.
_TONED_SECOND = "".join(unicodedata.normalize("NFC", v + t) for v in "aAeEyY" for t in _TONES)
_MAYBE_OLD_TONE = compiled(f"(?<![qQ])[oOuU][{_TONED_SECOND}]" + r"(?![\p{L}\p{M}])")


def unify_tone_placement(text: str) -> str:
    """Move tones of open oa/oe/uy syllables to the first vowel (hoà → hòa)."""
    if unicodedata.is_normalized("NFC", text) and not _MAYBE_OLD_TONE.search(text):
        return text  # (decomposing and composing again would give it back unchanged)
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize_text(text: str) -> str:
    """NFC, unified tone placement, look-alike characters and invisible spaces mapped.

    Whitespace runs inside a line are kept as single spaces; newlines are kept.
    """
    if not text:
        return text
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = unify_tone_placement(text)
    text = INLINE_SPACES.sub(" ", text)
    return text


# The lower-case letters that label list items and outline levels (`a)`, `b)` ... `đ)`), as
# the body of a regex character class.
LIST_LETTERS = "a-zđ"
# The capitals that label the text columns of a form (A, B, C, D, Đ, E), likewise.
COLUMN_LETTERS = "A-EĐ"


# The combining marks of the Latin blocks (Vietnamese tones and vowel marks among them), as a
# table that deletes them: str.translate instead of a test of every character.
_MARKS_DELETED = dict.fromkeys(
    cp
    for lo, hi in ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100))
    for cp in range(lo, hi)
    if unicodedata.combining(chr(cp))
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics, for matching cue words loosely (OCR, old fonts).
    Remembered: the finders fold one sentence in several stages."""
    nfd = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return nfd.translate(_MARKS_DELETED)


def alternation(phrases: Iterable[str], *, folded: bool = False, spaces: str = r"\s+") -> str:
    """A regex alternation of phrases in their order (put longer phrases first where one begins
    another): each escaped, its words joined by `spaces` (any whitespace unless told), folded
    first when the pattern runs on folded text."""
    options = []
    for phrase in phrases:
        words = (fold(phrase) if folded else phrase).split()
        options.append(spaces.join(regex.escape(w) for w in words))
    return "|".join(options)
