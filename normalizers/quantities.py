"""The unit after a figure, in the canonical spelling metrics.csv uses, and money in đồng.

`1.420 lượt công dân`, `35 đơn thư`, `12 vụ việc`, `09 kỳ`, `97,5%`, `18.699 triệu đồng`.
Longer unit phrases win over their prefixes (`lượt người` before `lượt`, `đơn thư` before
`đơn`, `triệu đồng` before `đồng`), and a unit must end at a word boundary (`đơn vị` is a
unit of its own, not `đơn`).
"""

from __future__ import annotations

import regex

# (phrase as written, canonical unit); money multipliers are in MONEY_SCALE.
UNIT_PHRASES: list[tuple[str, str]] = [
    ("lượt người", "lượt"),
    ("lượt công dân", "lượt"),
    ("lượt đoàn", "đoàn"),
    ("lượt", "lượt"),
    ("người", "người"),
    ("công dân", "người"),
    ("đơn thư", "đơn"),
    ("đơn kiến nghị", "đơn"),
    ("đơn vị", "đơn vị"),
    ("đơn", "đơn"),
    ("vụ việc", "vụ"),
    ("vụ", "vụ"),
    ("việc", "vụ"),
    ("kỳ", "kỳ"),
    ("buổi", "kỳ"),
    ("cuộc", "cuộc"),
    ("đoàn", "đoàn"),
    ("hồ sơ", "hồ sơ"),
    ("thủ tục hành chính", "thủ tục"),
    ("thủ tục", "thủ tục"),
    ("TTHC", "thủ tục"),
    ("dịch vụ công", "thủ tục"),
    ("dịch vụ", "thủ tục"),
    ("DVCTT", "thủ tục"),
    ("DVC", "thủ tục"),
    ("phần trăm", "%"),
    ("%", "%"),
    ("điểm", "điểm"),
    ("bậc", "hạng"),
    ("hạng", "hạng"),
    ("cơ quan", "đơn vị"),
    ("xã, phường, thị trấn", "đơn vị"),
    ("xã", "đơn vị"),
    ("phường", "đơn vị"),
    ("văn bản", "văn bản"),
    ("mô hình", "mô hình"),
    ("tỷ đồng", "đồng"),
    ("tỉ đồng", "đồng"),
    ("triệu đồng", "đồng"),
    ("nghìn đồng", "đồng"),
    ("ngàn đồng", "đồng"),
    ("đồng", "đồng"),
    ("USD", "USD"),
    ("m2", "m2"),
    ("m²", "m2"),
    ("ha", "ha"),
]

MONEY_SCALE = {
    "tỷ đồng": 10**9,
    "tỉ đồng": 10**9,
    "triệu đồng": 10**6,
    "nghìn đồng": 10**3,
    "ngàn đồng": 10**3,
    "đồng": 1,
}

_CANONICAL = {p.lower(): c for p, c in UNIT_PHRASES}
_ORDERED = sorted((p for p, _ in UNIT_PHRASES), key=len, reverse=True)
_UNIT_AFTER = regex.compile(
    r"[ \t\u00a0]*(?:\([^)]{0,30}\)[ \t]*)?(?P<unit>"
    + "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in _ORDERED)
    + r")(?![\p{L}\p{M}\d])",
    regex.IGNORECASE,
)


def canonical_unit(phrase: str) -> str | None:
    """`đơn thư` → `đơn`, `lượt người` → `lượt`, `TTHC` → `thủ tục`; None if not a unit."""
    return _CANONICAL.get(regex.sub(r"\s+", " ", phrase.strip()).lower())


def read_unit_after(text: str, pos: int) -> tuple[str, int] | None:
    """The canonical unit written right after position pos (the end of a figure), and where it
    ends; None when the figure is followed by something else."""
    m = _UNIT_AFTER.match(text, pos)
    if not m:
        return None
    phrase = regex.sub(r"\s+", " ", m.group("unit")).lower()
    return _CANONICAL[phrase], m.end()


def read_money_after(text: str, pos: int, value: float) -> tuple[float, int] | None:
    """`18.699 triệu đồng` → 18_699_000_000: the amount in đồng when a money unit follows."""
    m = _UNIT_AFTER.match(text, pos)
    if not m:
        return None
    phrase = regex.sub(r"\s+", " ", m.group("unit")).lower()
    if phrase not in MONEY_SCALE:
        return None
    return round(value * MONEY_SCALE[phrase], 6), m.end()


def to_dong(value: float, unit_phrase: str) -> float | None:
    """The amount in đồng for a value stated in `tỷ đồng`, `triệu đồng`, `nghìn đồng` or `đồng`."""
    scale = MONEY_SCALE.get(regex.sub(r"\s+", " ", unit_phrase.strip()).lower())
    return None if scale is None else round(value * scale, 6)
