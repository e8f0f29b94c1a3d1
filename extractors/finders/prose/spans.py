"""Numbers in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from normalizers.numbers import (
    FIGURE_SCALES,
    number_tokens,
    parse_number,
    parse_number_words,
    qualifier_before,
    word_number_pattern,
)
from normalizers.text import fold

# Units that may follow a number, longest first; the value is the unit as rules name it.
UNITS = [
    "lượt người",
    "lượt công dân",
    "lượt đơn",
    "lượt đoàn",
    "lượt",
    "người dân",
    "người",
    "công dân",
    "đơn thư",
    "đơn vị",
    "đơn",
    "vụ việc",
    "vụ",
    "việc",
    "kỳ tiếp",
    "kỳ",
    "buổi tiếp",
    "buổi",
    "phiên",
    "cuộc",
    "đoàn đông người",
    "đoàn kiểm tra",
    "đoàn",
    "hồ sơ",
    "thủ tục hành chính",
    "thủ tục",
    "nhóm thủ tục",
    "TTHC",
    "dịch vụ công trực tuyến",
    "dịch vụ công",
    "dịch vụ",
    "DVCTT",
    "DVC",
    "điểm",
    "bậc",
    "hạng",
    "cơ quan, đơn vị",
    "cơ quan",
    "sở",
    "xã, phường",
    "xã",
    "phường",
    "huyện",
    "UBND",
    "phòng",
    "địa phương",
    "văn bản",
    "mô hình",
    "điển hình",
    "lần",
    "triệu đồng",
    "tỷ đồng",
    "nghìn đồng",
    "đồng",
    "hộ",
    "suất",
    "tin",
    "bài",
    "trường hợp",
    "cuộc kiểm tra",
    "cuộc thanh tra",
    "hội nghị đối thoại",
    "hội nghị",
]


# Words after a number that make it not a figure of ours.
NOT_FIGURE_UNITS = (
    "tuổi",
    "tháng",
    "năm",
    "ngày",
    "giờ",
    "phút",
    "km",
    "ha",
    "m2",
    "m",
    "kg",
    "tấn",
    "liều",
    "USD",
    "lần thứ",
    "khóa",
    "nhiệm kỳ",
)


_UNIT_RES = [
    (
        u,
        regex.compile(
            r"\s*" + r"\s+".join(regex.escape(w) for w in u.lower().split()) + r"(?![\p{L}\d])"
        ),
    )
    for u in sorted(UNITS, key=len, reverse=True)
]


_NOT_UNIT_RES = [
    regex.compile(r"\s*" + regex.escape(fold(u)) + r"(?![\p{L}])") for u in NOT_FIGURE_UNITS
]


WORD_NUMBER = word_number_pattern(
    (
        "lượt", "người", "đơn", "vụ", "cuộc", "đoàn", "kỳ", "buổi", "hồ sơ", "thủ tục", "văn bản",
        "mô hình",
    )
)


@dataclass
class Num:
    value: float | None
    raw: str
    start: int  # in the sentence
    end: int  # end of the number (before the unit)
    unit: str | None  # unit as written ("%" for percentages), None if none
    unit_end: int
    decimals: int = 0
    qualifier: str = "exact"
    ok: bool = True
    partner: Num | None = None  # the other side of an a/b pair
    is_numerator: bool = False
    skip: str | None = None  # why this is not a figure
    pair: Num | None = None  # the other side of an a/b as written (kept when not read as a part)


# Text that lost its diacritics (OCR, old fonts): units are matched without them too.
_UNIT_RES_FOLDED = [
    (
        u,
        regex.compile(
            r"\s*" + r"\s+".join(regex.escape(w) for w in fold(u).split()) + r"(?![\p{L}\d])"
        ),
    )
    for u in sorted(UNITS, key=len, reverse=True)
]


def _lost_diacritics(sentence: str) -> bool:
    """A sentence of Vietnamese words with no diacritic at all was read without them."""
    letters = [c for c in sentence if c.isalpha()]
    return len(letters) > 15 and all(c.isascii() for c in letters)


def _unit_after(lowered: str, pos: int, folded_units: bool = False) -> tuple[str | None, int]:
    rest = lowered[pos : pos + 40]
    if regex.match(r"\s*%", rest):
        m = regex.match(r"\s*%", rest)
        return "%", pos + m.end()
    for unit, pattern in _UNIT_RES_FOLDED if folded_units else _UNIT_RES:
        m = pattern.match(rest)
        if m:
            return unit, pos + m.end()
    for short, unit in UNIT_ABBREVIATIONS:
        m = short.match(rest)
        if m:
            return unit, pos + m.end()
    return None, pos


# Units written as an abbreviation the report introduced: `tiếp nhận 5.650 hồ sơ (HS) ... 132 HS`.
UNIT_ABBREVIATIONS = [(regex.compile(r"\s*hs(?![\p{L}\d])"), "hồ sơ")]


# `5,65 ngàn hồ sơ`, `1,2 triệu lượt`: a scale word between the number and its unit (money has its own units)
SCALE = regex.compile(r"(?i)\s*(ngàn|nghìn|triệu)(?![\p{L}])(?!\s+đồng)")


SCALE_FACTOR = FIGURE_SCALES


def _not_a_figure(sentence: str, folded: str, start: int, end: int, raw: str) -> str | None:
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 25]
    fb = folded[max(0, start - 30) : start]
    if regex.match(r"\s*[/-]\s*[\p{Lu}Đ]", after) or regex.match(r"/\d+/", after):
        return "document number"
    if regex.match(r"\s*-\s*\d", after) or regex.search(r"\d\s*-\s*$", before):
        return "range"
    if regex.search(
        r"(?i)(?<!tổng\s)(?<!tổng\s)(?<![\p{L}])(số|số hiệu|nghị định|thông tư|quyết định|nghị quyết|luật|điều|khoản|chương|mục|phụ lục|"
        r"biểu|mẫu|kế hoạch|công văn|chỉ thị|kết luận|khóa|lần thứ|quy định|hướng dẫn|tờ trình)\s*(số\s*)?$",
        before,
    ):
        return "reference"
    if (
        regex.search(r"(?i)(ngày|tháng|năm|quý|giai đoạn|nhiệm kỳ|đến|từ|covid|khóa)\s*$", before)
        and "." not in raw
        and "," not in raw
    ):
        if not regex.match(r"\s*(lượt|người|đơn|vụ|hồ sơ|thủ tục|cuộc|đoàn|%)", after):
            return "date or period"
    if regex.fullmatch(r"(19|20)\d{2}", raw) and not regex.match(
        r"\s*(lượt|người|đơn|vụ|hồ sơ|thủ tục|%)", after
    ):
        return "year"
    if (
        regex.match(r"\s*/\s*\d{1,2}\s*/", after)
        or regex.search(r"\d{1,2}\s*/\s*$", before)
        and regex.match(r"\s*/\s*\d{4}", after)
    ):
        return "date"
    if regex.search(r"(?i)\d\s*[/-]\s*$", before) and regex.match(r"\s*[/-]", after):
        return "date"
    if (
        raw.isdigit()
        and int(raw) <= 12
        and regex.search(
            r"(?i)(?<![\p{L}])(ngày|từ|đến|tới|hết|trước|sau)\s+\d{1,2}\s*/\s*$", before
        )
    ):
        return "date"  # the month of `từ 25/9 đến 15/10`
    if regex.search(
        r"(?i)(mức|mức độ|cấp độ|loại|nhóm|khu vực|vùng|tiêu chí|tiểu mục)\s*$", before
    ) or regex.search(r"(?i)(mức|mức độ)\s*\d\s*(,|và|-|/)\s*$", before):  # `mức độ 3, 4`
        return "level label"
    for p in _NOT_UNIT_RES:
        if p.match(folded, end):
            return "not our unit"
    if regex.match(r"\s*(\)|\.)\s", sentence[end : end + 3]) and start < 4:
        return "list label"
    if start == 0 and regex.match(r"[.)]\s", after):
        return "list label"
    if regex.match(r"\s*[a-zđ]?\)", after) and regex.search(r"(^|[\s(])$", before) and start < 3:
        return "list label"
    if regex.search(r"[\p{L}]$", before) and not regex.search(r"\s$", before):
        return "glued to a word"
    if fb.endswith("tuoi") or regex.search(r"(?i)tuổi\s*$", before):
        return "age"
    return None


def numbers_in(sentence: str) -> list[Num]:
    """Every number of the sentence with its unit, qualifier and a/b partner."""
    folded = fold(sentence)
    lowered = sentence.lower()
    no_marks = _lost_diacritics(sentence)
    nums: list[Num] = []
    for m in number_tokens(sentence):
        raw = m.group(0)
        start, end = m.start(), m.end()
        is_pct = bool(regex.match(r"\s*%", sentence[end : end + 3]))
        parsed = parse_number(raw, percent=is_pct)
        value, decimals = parsed.value, parsed.decimals
        scale = SCALE.match(sentence, end)
        unit, unit_end = _unit_after(lowered, scale.end() if scale else end, no_marks)
        if scale and unit is not None and value is not None:
            value = round(value * SCALE_FACTOR[scale.group(1).lower()], 6)
            decimals = max(0, decimals - len(str(SCALE_FACTOR[scale.group(1).lower()])) + 1)
        elif scale:
            unit, unit_end = None, end
        n = Num(
            value,
            raw,
            start,
            end,
            unit,
            unit_end,
            decimals,
            qualifier_before(sentence[max(0, start - 25) : start]),
            parsed.ok,
        )
        n.skip = _not_a_figure(sentence, folded, start, end, raw)
        nums.append(n)
    for m in WORD_NUMBER.finditer(sentence):
        value = parse_number_words(m.group(1))
        if value is None:
            continue
        unit, unit_end = _unit_after(lowered, m.end())
        nums.append(
            Num(
                value,
                m.group(1),
                m.start(),
                m.end(),
                unit,
                unit_end,
                qualifier=qualifier_before(sentence[max(0, m.start() - 25) : m.start()]),
            )
        )
    nums.sort(key=lambda n: n.start)
    _pair_ratios(sentence, nums)
    _inherit_units(sentence, nums)
    return nums


PAIR_JOIN = regex.compile(
    r"(?i)\s*(?:\([^()]*\)\s*)?(?:/|trên\s+tổng\s+số|trên\s+tổng|trên\s+số)\s*"
)


PERSON_UNITS = ("người", "công dân", "người dân")


VISIT_THEN_PERSONS = ("lượt người", "lượt công dân")


def _pair_ratios(sentence: str, nums: list[Num]) -> None:
    """`219/260 vụ việc`, `176 đơn/221 đơn`: the smaller is the part, the larger the whole; also
    across the part's breakdown: `176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn`.
    A reception count and its persons are two figures, not a part of a whole: in `866 lượt/964
    lượt người` and `05 lượt đoàn/75 lượt người` the second counts persons, and in `tiếp
    thường xuyên 161/201 người` the first counts visits."""
    for i, a in enumerate(nums):
        if a.skip or a.value is None:
            continue
        join = PAIR_JOIN.match(sentence, a.unit_end if a.unit else a.end)
        b = next((n for n in nums[i + 1 :] if join and n.start >= join.end()), None)
        if b is None or b.start != join.end() or b.skip or b.value is None:
            continue  # `219/260 vụ việc`, `41 trên tổng số 45 đơn`
        if a.unit in ("lượt", "lượt đoàn") and b.unit in VISIT_THEN_PERSONS:
            b.unit = "người"
            continue
        if a.unit is None and b.unit in PERSON_UNITS and _reception_before(sentence, a.start):
            a.unit = "lượt"
            continue
        if regex.match(r"\s*/\s*\d", sentence[b.end : b.end + 4]):
            continue  # a date d/m/y
        if a.unit and b.unit and unit_kind(a.unit) != unit_kind(b.unit):
            continue  # `45 lượt/52 người`: two counts of different things, not a part of a whole
        unit = b.unit or a.unit
        a.unit = a.unit or unit
        b.unit = b.unit or unit
        part, whole = (a, b) if a.value <= b.value else (b, a)
        part.partner, whole.partner = whole, part
        part.pair, whole.pair = whole, part
        part.is_numerator = True


# Units that count the same thing, for telling `219/260 vụ việc` (a pair) from `45 lượt/52 người`.
_UNIT_KINDS = {
    "lượt người": "lượt",
    "lượt công dân": "lượt",
    "lượt đơn": "đơn",
    "lượt đoàn": "đoàn",
    "người dân": "người",
    "công dân": "người",
    "đơn thư": "đơn",
    "vụ việc": "vụ",
    "việc": "vụ",
    "kỳ tiếp": "kỳ",
    "buổi tiếp": "kỳ",
    "buổi": "kỳ",
    "phiên": "kỳ",
    "thủ tục hành chính": "thủ tục",
    "TTHC": "thủ tục",
    "nhóm thủ tục": "thủ tục",
    "dịch vụ công trực tuyến": "thủ tục",
    "dịch vụ công": "thủ tục",
    "dịch vụ": "thủ tục",
    "DVCTT": "thủ tục",
    "DVC": "thủ tục",
}


# `Số lượt tiếp: 245`, `số người: 312`: the unit named in a label that ends in a colon.
_LABEL_UNIT = regex.compile(
    r"(?i)(?:^|[\s(])(?:tổng\s+)?số\s+(lượt\s+người|lượt|người|đơn\s+thư|đơn\s+vị|đơn|vụ\s+việc|vụ|việc|kỳ|buổi|"
    r"cuộc|đoàn|hồ\s+sơ|thủ\s+tục|TTHC|văn\s+bản|mô\s+hình|cơ\s+quan|dịch\s+vụ)(?![\p{L}])[^:;]*:\s*$"
)


RECEPTION_VERB = regex.compile(
    r"(?<![\p{L}])tiep(?!\s+(?:nhan|tuc|can|thu|theo|xuc)(?![\p{L}]))(?![\p{L}])"
)



def _reception_before(sentence: str, start: int) -> bool:
    """The clause before a number speaks of receiving citizens (`tiếp thường xuyên 161/201 người`)."""
    return bool(RECEPTION_VERB.search(fold(sentence[max(0, start - 40) : start])))


def unit_kind(unit: str) -> str:
    return _UNIT_KINDS.get(unit, unit)


def _unit_of_label(sentence: str, start: int) -> str | None:
    """The unit a `label: N` list item names in its label (`số đoàn đông người: 4` → đoàn)."""
    before = sentence[:start]
    cut = max(before.rfind(";"), before.rfind("."), before.rfind("("), before.rfind("\n"))
    m = _LABEL_UNIT.search(before[cut + 1 :])
    if not m:
        return None
    word = regex.sub(r"\s+", " ", m.group(1)).lower()
    return {"tthc": "TTHC", "lượt người": "lượt người"}.get(word, word)


PETITION_UNITS = ("đơn", "đơn thư", "vụ việc", "vụ", "việc")


PETITION_TYPE_AFTER = regex.compile(r"\s*(?:khieu nai|to cao|kien nghi|phan anh)(?![\p{L}])")


def _inherit_units(sentence: str, nums: list[Num]) -> None:
    """A number in a list takes the unit the list states once: `khiếu nại 257 đơn; tố cáo 10`,
    or the unit its own label names: `Số lượt tiếp: 245`."""
    last = None
    for n in nums:
        if n.skip:
            continue
        if n.unit:
            last = n.unit if n.unit != "%" else last
            continue
        labelled = _unit_of_label(sentence, n.start)
        if labelled:
            n.unit = labelled
            continue
        if (
            last
            and not regex.match(r"\s*[\p{L}]", sentence[n.end : n.end + 2])
            or (last and regex.match(r"\s*[,;)]", sentence[n.end : n.end + 2]))
            or (last in PETITION_UNITS and regex.match(r"\s*và\s", sentence[n.end : n.end + 5]))
        ):
            n.unit = last  # `(KN 76, TC 143 và kiến nghị 3.448 đơn)`: an item before `và` too
        elif last in PETITION_UNITS and PETITION_TYPE_AFTER.match(
            fold(sentence[n.end : n.end + 20])
        ):
            n.unit = last  # `221 đơn (196 khiếu nại, 25 tố cáo)`: a count of petitions by kind
