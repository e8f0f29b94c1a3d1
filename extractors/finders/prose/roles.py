"""Roles."""

from __future__ import annotations

import regex

from extractors.finders.cues import (
    Catalog,
    find_cue,
    load_catalog,
)
from extractors.finders.prose.spans import Num, numbers_in
from model import DocMeta

CHANGE_BEFORE = regex.compile(
    r"(?i)(?<![\p{L}])(?<!cắt\s)(tăng|giảm|tăng thêm|giảm thêm|nhiều hơn|ít hơn|cao hơn|thấp hơn|chênh lệch|so với|so cùng kỳ|vượt|"
    r"hơn so với|bằng)(?!\s+(?:còn|xuống còn|lên|lên mức|xuống mức|xuống)\s*$)\s*(?:[\p{L}]+\s*){0,2}$"
)


# `đạt 120,49% kế hoạch`, `bằng 109,40% so với năm 2022`: the figure is measured against another one.
# (`ước đạt 7,5%, vượt chỉ tiêu đề ra` is not: there the figure itself is the result.)
CHANGE_AFTER = regex.compile(
    r"(?i)^\s*(?:[\p{L}]+\s*){0,1}?(so với|so cùng kỳ|so với cùng kỳ|kế hoạch|KH\b|chỉ tiêu|"
    r"dự toán)(?<!vượt\s(?:kế hoạch|chỉ tiêu))"
)


# `(cùng kỳ năm trước 285 lượt)`, `(năm 2022 tiếp 210 lượt)`: a parenthesis giving an older value.
PREVIOUS_PAREN = regex.compile(
    r"(?i)\(\s*(?:so với\s+|so\s+)?(?:cùng kỳ|năm trước|kỳ trước(?!\s+chuyển)|năm\s+(?:19|20)\d\d|"
    r"quý trước|tháng trước|đầu năm|đầu kỳ|đầu nhiệm kỳ)[^()]*$"
)


# `tăng 0,03% so với năm 2020 (đạt 86,77%)`: the aside gives the value compared with.
COMPARED_ASIDE = regex.compile(r"(?i)(?:so với|so cùng kỳ|cùng kỳ)[^,;()]{0,30}\([^()]*$")


TARGET_SENTENCE = regex.compile(
    r"^\W*(?:phan dau|muc tieu|chi tieu|du kien|dinh huong|ke hoach nam)(?![\p{L}])"
)


TARGET = (
    "phấn đấu",
    "chỉ tiêu",
    "mục tiêu",
    "kế hoạch đề ra",
    "dự kiến",
    "định hướng",
    "phấn đấu đạt",
    "đề ra",
)


# `sẽ thành lập 5 đoàn kiểm tra`: what is to come is a plan (matched with its tone: `chia sẻ` is not it)
FUTURE = regex.compile(r"(?i)(?<![\p{L}])sẽ(?![\p{L}])")


REGIONAL = regex.compile(
    r"(?i)^\s*(?:[\p{L}]+\s*){0,3}(khu vực|vùng|đbscl|đồng bằng|cụm|khối thi đua)"
)


# `tăng từ thứ hạng 51 lên thứ hạng 31`, `giảm từ 10,85% xuống còn 1,31%`: the first is the older value
FROM_BEFORE = regex.compile(r"(?i)(?<![\p{L}])từ\s+(?:[\p{L}]+\s+){0,3}$")


TO_AFTER = regex.compile(r"(?i)^\s*(?:lên|xuống)(?![\p{L}])")


# what may stand between two items of one list: the first item's trailing word and a comma or `và`
LIST_GAP = regex.compile(r"(?:\s*[\p{L}]+){0,2}\s*(?:,|và)\s*")


def change_list_items(nums: list[Num], text: str) -> set[int]:
    """Numbers that continue a list of changes: in `So với cùng kỳ giảm 146 lượt tiếp, 127 lượt
    người` the change word governs both; an item with a verb of its own (`, tiếp nhận 30 đơn`)
    starts a new clause."""
    out: set[int] = set()
    prev = None
    for n in nums:
        if (
            prev is not None
            and n.unit
            and (id(prev) in out or change_before(prev, text))
            and LIST_GAP.fullmatch(text, prev.unit_end if prev.unit else prev.end, n.start)
        ):
            out.add(id(n))
        prev = n
    return out


def change_before(n: Num, text: str) -> bool:
    before = text[max(0, n.start - 30) : n.start]
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind("(")) + 1 :]
    return bool(CHANGE_BEFORE.search(clause))


OUTCOME_KINDS = ("petitions.complaints", "petitions.denunciations", "petitions.recommendations")


# the clause after a count of one kind ends with the verdict on the cases: every count of the
# clause is an outcome (`có 7 vụ KN, 12 vụ TC đúng; 19 vụ KN, 37 vụ TC sai`)
OUTCOME_END = regex.compile(
    r"[^;.:()]{0,40}?(?<![\p{L}])(?:co\s+)?(?:dung\s+mot\s+phan|co\s+dung,?\s+co\s+sai|dung|sai)\s*(?:[;.]|$)"
)


# `So với cùng kỳ tăng 4,1% (615/591 đơn)`: the pair after a change in percent gives the current and the earlier value
CHANGE_PAIR = regex.compile(
    r"(?i)(?<![\p{L}])(?:tăng|giảm)(?:\s+[\p{L}]+){0,2}\s*\d+(?:[.,]\d+)?\s*%\s*\(\s*"
    r"(?:\d+(?:[.,]\d+)*\s*(?:[\p{L}]+\s*){0,2}/\s*)?$"
)


THRESHOLD_FROM = regex.compile(r"(?i)(?<![\p{L}])từ\s*$")


THRESHOLD_UP = regex.compile(r"(?i)[^,;.()]{0,25}?(?<![\p{L}])trở\s+lên(?![\p{L}])")


GROWTH_RISE = regex.compile(r"(?i)(?<![\p{L}])tăng\s*$")


def is_growth(metric: str) -> bool:
    return any(r.growth for r in load_catalog().rules if r.metric == metric)


def excluded(n: Num, text: str, folded: str, metric: str) -> bool:
    before = text[max(0, n.start - 30) : n.start]
    if CHANGE_PAIR.search(text[max(0, n.start - 60) : n.start]):
        return True
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind("(")) + 1 :]
    # a growth rate is a rise by definition: `GRDP ước tăng 7,36% so với năm 2016`, when it is the
    # sentence's first figure (`đạt 11,01%, tăng 0,26% so với năm 2022`, `đạt 3.410 tỷ đồng, tăng
    # 14,7%`, `22,4 triệu đồng (tăng 7,7%)`: the rise is then the change of that earlier figure)
    rise = (
        is_growth(metric)
        and GROWTH_RISE.search(clause)
        and not any(not m.skip for m in numbers_in(text[: n.start]))
    )
    if CHANGE_BEFORE.search(clause) and not rise:
        return True
    if n.start > 0 and text[n.start - 1] in "+-" and (n.start < 2 or text[n.start - 2] in " (\t"):
        return True
    if PREVIOUS_PAREN.search(text[: n.start]) or COMPARED_ASIDE.search(text[: n.start]):
        return True
    after = text[n.unit_end : n.unit_end + 35]
    if (
        CHANGE_AFTER.match(after)
        and not metric.startswith("index.")
        and not (rise and COMPARED_WITH.match(after))
    ):
        return True
    if ".rank" not in metric and REGIONAL.match(after):
        return True
    if FROM_BEFORE.search(text[max(0, n.start - 30) : n.start]) and TO_AFTER.match(
        text[n.unit_end : n.unit_end + 12]
    ):
        return True
    if FROM_BEFORE.search(text[max(0, n.start - 30) : n.start]) and TO_AFTER.match(
        text[n.unit_end : n.unit_end + 12]
    ):
        return True
    if THRESHOLD_FROM.search(before) and THRESHOLD_UP.match(text, n.unit_end if n.unit else n.end):
        return True  # `mỗi đoàn có từ 4 người trở lên`: a threshold, not a count
    if metric in OUTCOME_KINDS and OUTCOME_END.match(folded, n.unit_end if n.unit else n.end):
        return True  # `7 vụ khiếu nại, 12 vụ tố cáo đúng; 19 vụ khiếu nại ... sai`: outcomes, not kinds
    left_clause = folded[max(0, folded.rfind(";", 0, n.start)) : n.start]
    if any(find_cue(left_clause, t) for t in TARGET) or FUTURE.search(
        text, max(0, text.rfind(";", 0, n.start)), n.start
    ):
        return True
    return False


CHANGE_WORD = regex.compile(r"(?i)(?<![\p{L}])(tăng|giảm)(?:\s+thêm)?\s*$")


COMPARED_WITH = regex.compile(
    r"(?i)^\s*(?:[\p{L}]+\s*){0,2}?so\s+(?:với\s+)?(cùng\s+kỳ(?:\s+năm\s+((?:19|20)\d{2}))?"
    r"|năm\s+((?:19|20)\d{2})|kỳ\s+trước)"
)


def stated_change(
    n: Num, text: str, metric: str, meta: DocMeta, catalog: Catalog
) -> tuple[float, str] | None:
    """`182 đơn (giảm 24 đơn so với năm 2019)`: the change a count states against an earlier
    period, as (signed change, the period compared against). Kept under the id `<metric>.change`
    with that period, so the warehouse can check it once it holds the earlier period's figure."""
    if catalog.kind_of(metric) != "count" or n.value is None or not meta.period:
        return None
    word = CHANGE_WORD.search(text[max(0, n.start - 12) : n.start])
    compared = COMPARED_WITH.match(text[n.unit_end : n.unit_end + 45])
    if not word or not compared:
        return None
    year = int(meta.period[:4])
    ref_year = int(compared.group(2) or compared.group(3) or year - 1)
    if ref_year >= year:
        return None
    tail = (
        meta.period[4:]
        if not compared.group(3)
        else ("" if len(meta.period) == 4 else meta.period[4:])
    )
    sign = -1 if word.group(1).lower() == "giảm" else 1
    return sign * n.value, f"{ref_year}{tail}"
