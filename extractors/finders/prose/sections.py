"""Which section of the report a block stands in, and what that says about its figures.

Reports are outlines: `I. KẾT QUẢ THỰC HIỆN` > `3. Công tác tiếp công dân ...` > `b) Công tác
hòa giải ở cơ sở`. A figure's family often comes only from that heading (`Tổng số: 120 lượt`
under a reception heading), and a whole section can be forward-looking (`PHƯƠNG HƯỚNG, NHIỆM
VỤ NĂM 2024`, `Mục tiêu`), where every percentage is a target, not a result. Readers do not
always mark headings (a PDF paragraph may start with its run-in heading), so a heading is
recognised by its outline label and its wording as well as by the block kind.

    contexts = section_contexts(doc)
    ctx = contexts[block.index]   # .headings, .families, .forward_looking
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from model import FOOTNOTE, HEADING, Document
from normalizers.text import fold

# Outline labels, from the top level down: `I.`/`II-`, `1.`, `1.1.`/`2.3`, `a)`.
_ROMAN = regex.compile(r"^\s*((?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.\-–:/]\s+(?=\p{Lu})")
_ARABIC = regex.compile(r"^\s*(\d{1,2})\s*[.\-/)]\s+(?=\p{L})")
_SUB_ARABIC = regex.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\p{L})")
_LETTER = regex.compile(r"^\s*([a-zđ])\s*[)\/.]\s+(?=\p{L})")

# Family words of a heading (matched without diacritics). A heading may name several.
FAMILY_CUES = {
    "reception": ("tiep cong dan", "tiep dan", "doi thoai"),
    "petitions": (
        "khieu nai",
        "to cao",
        "don thu",
        "xu ly don",
        "kien nghi, phan anh",
        "khieu kien",
    ),
    "mediation": ("hoa giai",),
    "tthc": (
        "thu tuc hanh chinh",
        "tthc",
        "cai cach hanh chinh",
        "cchc",
        "mot cua",
        "dich vu cong",
        "ho so",
    ),
    "inspection": ("kiem tra",),
    "index": ("par index", "sipas", "papi", "pci", "chi so"),
    "governance": ("lanh dao, chi dao", "van ban", "dan van kheo", "mo hinh"),
    "econ": ("kinh te", "an sinh", "xa hoi"),
}
# A section whose heading begins with these words looks forward: targets, not results.
FORWARD_LOOKING = regex.compile(
    r"^(?:phương hướng|nhiệm vụ|mục tiêu|chỉ tiêu|giải pháp|kiến nghị(?:,| và)? đề xuất|đề xuất|"
    r"dự kiến|định hướng|phương hướng,? nhiệm vụ)",
    regex.I,
)
_HEADING_MAX = 220  # characters of a run-in heading kept as the heading text


@dataclass
class SectionContext:
    headings: list[str] = field(default_factory=list)  # outer to inner
    families: list[str] = field(default_factory=list)  # of the innermost heading naming any
    forward_looking: bool = False

    @property
    def text(self) -> str:
        """All headings joined: a context string for classify_metric."""
        return " / ".join(self.headings)


def outline_level(text: str) -> tuple[int, str] | None:
    """(level, label) of a block that starts with an outline label, else None."""
    for level, pattern in ((1, _ROMAN), (3, _SUB_ARABIC), (2, _ARABIC), (4, _LETTER)):
        m = pattern.match(text)
        if m and m.group(1):
            return level, m.group(1)
    return None


_UPPER_RUN = regex.compile(r"^[^\p{Ll}]{12,}?(?=\s+\p{Lu}\p{Ll})")
APPENDIX = regex.compile(
    r"(?i)^\s*(?:phụ\s+lục|biểu(?:\s+(?:số|mẫu))?\s*(?:\d+|[:.])|bảng\s*(?:số\s*)?(?:\d+|[:.]))(?![\p{L}])"
)


def heading_text(text: str) -> str:
    """The heading part of a block: all of a short block, the run-in first line of a long one
    (an upper-case heading ends where sentence case begins: `II- KẾT QUẢ THỰC HIỆN Ban cán sự ...`)."""
    text = text.strip()
    upper = _UPPER_RUN.match(text)
    if upper and len(text) > len(upper.group(0)) + 40:
        return upper.group(0).strip()
    if len(text) <= _HEADING_MAX:
        return text
    cut = regex.search(
        r"(?<=\p{Ll}|\))\s+(?=(?:Trong|Năm|Từ|Thời gian|Qua|Nhìn chung|Ban|Ủy ban|UBND|Các|Công tác)\s)",
        text[20:_HEADING_MAX],
    )
    return text[: 20 + cut.start()] if cut else text[:_HEADING_MAX]


@cache
def _family_pattern(family: str) -> regex.Pattern:
    """One compiled alternation per family (building patterns per call cost 20 % of extraction)."""
    cues = sorted(FAMILY_CUES[family], key=len, reverse=True)
    return regex.compile(
        r"(?<![\p{L}])(?:" + "|".join(regex.escape(c) for c in cues) + r")(?![\p{L}])"
    )


def families_of(text: str) -> list[str]:
    folded = fold(text)
    return [family for family in FAMILY_CUES if _family_pattern(family).search(folded)]


def is_forward_looking(heading: str) -> bool:
    body = heading
    for pattern in (_ROMAN, _SUB_ARABIC, _ARABIC, _LETTER):
        m = pattern.match(body)
        if m and m.group(1):
            body = body[m.end() :]
            break
    return bool(FORWARD_LOOKING.match(body.strip()))


def _is_heading(block) -> tuple[int, str] | None:
    """(level, heading text) when the block opens a section."""
    if block.kind == FOOTNOTE:
        return None
    level = outline_level(block.text)
    if block.kind == HEADING:
        return (level[0] if level else 2), heading_text(block.text)
    if level is None:
        return None
    head = heading_text(block.text)
    letters = [c for c in head if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.7
    if level[0] == 1 and not upper and len(block.text) > _HEADING_MAX:
        return None
    return level[0], head


def section_contexts(doc: Document) -> dict[int, SectionContext]:
    """The section context of every block, by block index (footnotes take their citer's)."""
    stack: list[tuple[int, str]] = []
    out: dict[int, SectionContext] = {}
    for block in doc.blocks:
        if block.kind != FOOTNOTE and APPENDIX.match(block.text):
            stack = [(0, heading_text(block.text))]  # an appendix starts over, under its own title
            out[block.index] = _context(stack)
            continue
        opened = _is_heading(block)
        if opened:
            level, head = opened
            keep = [(lv, h) for lv, h in stack if lv < level]
            stack = keep + [(level, head)]
        out[block.index] = _context(stack)
    _footnotes_take_their_citers(doc, out)
    return out


def _context(stack: list[tuple[int, str]]) -> SectionContext:
    headings = [h for _, h in stack]
    families: list[str] = []
    for h in reversed(headings):
        families = families_of(h)
        if families:
            break
    forward = any(is_forward_looking(h) for h in headings)
    return SectionContext(headings, families, forward)


def _footnotes_take_their_citers(doc: Document, out: dict[int, SectionContext]) -> None:
    citer: dict[str, int] = {}
    for block in doc.blocks:
        for ref in block.footnote_refs:
            citer.setdefault(ref, block.index)
    for block in doc.blocks:
        if block.kind == FOOTNOTE and block.label in citer:
            out[block.index] = out[citer[block.label]]
