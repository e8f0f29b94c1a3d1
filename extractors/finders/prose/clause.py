"""Clause."""

from __future__ import annotations

import regex

from extractors.finders.cues import (
    find_cue,
)
from extractors.finders.prose.sentences import ASIDE
from extractors.finders.prose.spans import Num

# `khiếu nại, tố cáo` is one phrase; `khiếu nại: 45 đơn, tố cáo: 12 đơn` are two labels
KIND_WORD = r"\s*(?:to cao|khieu nai|kien nghi|phan anh)(?![\p{L}])(?!\s*[:\d])"


NEW_PREDICATE = regex.compile(r"\s(?:va|nhung|con)\s+(?:da|co|duoc|dang)\s")  # on folded text


DESCRIPTOR_END = regex.compile(
    r",(?!" + KIND_WORD + r")|[;:()\[\].]|"
    r"\s(?:va(?!\s+(?:truoc|dung)\s+han)|voi|trong do|gom|dat)\s"
)  # on folded text (`đúng và trước hạn` is one phrase)


PERCENT_DESCRIPTOR_END = regex.compile(r"[;:()\[\]]|\.(?!\d)")


BREAKDOWN_AFTER = regex.compile(r"\s*\([^()]{1,100}\)(?=\s*[\p{L}])")


NUMBER_START = regex.compile(r"(?<![\p{L}\d.,])\d+(?:[.,]\d+)*\s*(?:%|[\p{L}])(?<!muc \d)")


def descriptor(n: Num, folded: str, tail: int) -> str:
    """The words right after a figure's unit that say what it counts, up to the clause's end
    (`6 đơn kiến nghị, phản ánh` → `kiến nghị`; `100% xã, phường thực hiện một cửa` → all of it)."""
    start, end = descriptor_span(n, folded, tail)
    return folded[start:end]


def descriptor_span(n: Num, folded: str, tail: int) -> tuple[int, int]:
    end_re = PERCENT_DESCRIPTOR_END if n.unit == "%" else DESCRIPTOR_END
    if n.unit != "%":
        aside = BREAKDOWN_AFTER.match(folded, tail)
        if aside:
            tail = aside.end()  # `221 đơn (196 khiếu nại, 25 tố cáo) thuộc thẩm quyền`: the words after the breakdown
    m = end_re.search(folded, tail)
    end = m.start() if m else len(folded)
    nxt = NUMBER_START.search(folded, tail, end)
    if nxt:
        end = nxt.start()
        comma = folded.rfind(",", tail, end)
        if n.unit == "%" and comma >= 0:
            end = comma  # `giảm còn 7,16%, hộ cận nghèo còn 16,96%`: after the comma stands the next figure's subject
    return tail, max(tail, min(end, tail + 80))


def mask_descriptors(folded: str, anchor: int) -> str:
    """The text before a figure with the descriptors of earlier figures blanked out: in
    `176 TTHC sửa đổi, bổ sung, 38 TTHC bị bãi bỏ`, `sửa đổi, bổ sung` names 176, not 38."""
    chars = list(folded)
    for m in NUMBER_START.finditer(folded, 0, anchor):
        unit_end = m.end() - 1  # NUMBER_START stops on the unit's first letter
        word = regex.match(
            r"[\p{L}%]+(?:\s+(?!va(?![\p{L}]))[\p{L}]+){0,2}", folded[unit_end:]
        )  # the unit, never past `và`
        tail = unit_end + (word.end() if word else 0)
        conj = NEW_PREDICATE.search(folded, unit_end, tail + 4)
        if conj:
            continue  # `629 vụ việc và đã hòa giải thành công 372 vụ việc`: what follows `và đã` names the next figure
        fake = Num(None, "", m.start(), unit_end, "x", tail)
        start, end = descriptor_span(fake, folded, tail)
        for i in range(start, min(end, anchor)):
            chars[i] = " "
    return "".join(chars)


CLAUSE_START = regex.compile(r"[;:]|(?<![\d])\.(?!\d)")


MEASURE_HEAD = regex.compile(r"(?<![\p{L}])(?:ty le|ti le|muc do|chi so)(?![\p{L}])")


SUBJECT_DISTANCE = 15


def subject_before(folded: str, anchor: int) -> str:
    """The clause's subject when the number is the first figure of its clause: `Tỷ lệ hài lòng
    của người dân, tổ chức ... đạt` before `98,6%`; empty when another figure stands between.
    After a figure earlier in the clause, a measure phrase (`mức độ hài lòng ... đạt`) still is."""
    starts = [m.end() for m in CLAUSE_START.finditer(folded, 0, anchor)]
    begin = starts[-1] if starts else 0
    span = folded[begin:anchor]
    if NUMBER_START.search(span) or len(span) > 160:
        head = None
        for head in MEASURE_HEAD.finditer(span):
            pass
        if head is None or NUMBER_START.search(span, head.start()):
            return ""
        span = span[head.start() :]
    head = MEASURE_HEAD.search(span)
    return span[head.start() : head.start() + 40] if head else span


def subject_distance(subject: str) -> int:
    """How near a cue in the subject counts: a measure phrase's head (`mức độ hài lòng của ...
    Bộ phận Một cửa đạt`) outranks the words of its modifiers."""
    return 2 if MEASURE_HEAD.match(subject) else SUBJECT_DISTANCE


def first_cue_in(text: str, cues: tuple[str, ...]) -> int | None:
    """Where the first cue of a group starts in `text` (already folded), or None."""
    hits = [st for c in cues for st, _ in find_cue(text, c)]
    return min(hits) if hits else None


TYPE_WORDS = ("khiếu nại", "tố cáo", "kiến nghị", "phản ánh")


COMBINED_TYPES = regex.compile(r"khieu nai\s*(?:,|va|/)\s*to cao|(?<![\p{L}])kntc(?![\p{L}])")


PETITION_FIGURE = regex.compile(
    r"(?<![\p{L}\d.,])\d+(?:[.,]\d+)*\s*(?:/\s*\d+(?:[.,]\d+)*\s*)?(?:don thu|don|vu viec|vu)(?![\p{L}])"
    r"((?:[^,;:()]|,(?=" + KIND_WORD + r")){0,40})"
)


def type_of_earlier_figures(folded: str, anchor: int) -> str | None:
    """The one petition type that earlier figures of the sentence were counted in
    (`tiếp nhận 9 đơn kiến nghị, phản ánh, đã giải quyết 9/9 đơn`: the 9/9 are of that type too).
    Types inside parentheses (a breakdown) and sentences naming several types give none."""
    text = ASIDE.sub(lambda m: " " * len(m.group(0)), folded[:anchor])
    kinds = set()
    for m in PETITION_FIGURE.finditer(text):
        label_start = max(
            text.rfind(c, 0, m.start()) for c in ",;("
        )  # `Số vụ việc khiếu nại ...: 23 vụ việc`
        words = text[label_start + 1 : m.start()] + " " + m.group(1)
        if regex.search(r"phuc tap|keo dai|dong nguoi", words):
            continue  # complex cases are their own metric family
        kinds |= petition_types_in(words)
    return kinds.pop() if len(kinds) == 1 else None


def petition_types_in(folded: str) -> set[str]:
    kinds = set()
    for word, kind in (
        ("khieu nai", "khiếu nại"),
        ("to cao", "tố cáo"),
        ("kien nghi", "kiến nghị"),
        ("phan anh", "kiến nghị"),
    ):
        if regex.search(r"(?<![\p{L}])" + word + r"(?![\p{L}])", folded):
            kinds.add(kind)
    return kinds


def single_type(heading: str) -> str | None:
    """The one petition type a section heading is about (`b) Giải quyết tố cáo`), if only one."""
    kinds = petition_types_in(heading) if heading else set()
    return kinds.pop() if len(kinds) == 1 else None


def type_near(clause: str, right: str, inherited: str | None = None) -> str | None:
    """Which kind of petition a figure is about: the type word right after it
    (`219/260 vụ việc khiếu nại`) or else the last one in its own clause."""
    for window, pick in ((right, min), (clause, max)):
        words = TYPE_WORDS + ("đề nghị",) if window is right else TYPE_WORDS  # `02 đơn đề nghị`
        hits = [(st, t) for t in words for st, _ in find_cue(window, t)]
        if not hits and window is clause:
            # `và kiến nghị, đề nghị 3.448 đơn`: the list item's own label, after its comma
            hits = [(st, "đề nghị") for st, _ in find_cue(window, "đề nghị")]
        if COMBINED_TYPES.search(window):
            return "all"  # `khiếu nại, tố cáo`, `KNTC`: petitions of every kind
        if hits:
            t = pick(hits)[1]
            return "kiến nghị" if t in ("phản ánh", "đề nghị") else t
    return inherited
