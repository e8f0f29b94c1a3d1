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
from functools import cache, lru_cache

import regex

import catalog
from catalog.patterns import compiled
from model import FOOTNOTE, HEADING, TABLE, Document
from normalizers.text import LIST_LETTERS, alternation, fold

# Outline labels, from the top level down: `I.`/`II-`, `1.`, `1.1.`/`2.3`, `a)`.
_ROMAN = compiled(r"^\s*((?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.\-–:/]\s+(?=\p{Lu})")
_ARABIC = compiled(r"^\s*(\d{1,2})\s*[.\-/)]\s+(?=\p{L})")
_SUB_ARABIC = compiled(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\p{L})")
_LETTER = compiled(rf"^\s*([{LIST_LETTERS}])\s*[)\/.]\s+(?=\p{{L}})")
# a part of the report lettered in capitals (`A. KẾT QUẢ ...`, `B. PHƯƠNG HƯỚNG ...`)
_PART_LETTER = compiled(r"^\s*([A-E])\s*[.)]\s+(?=\p{Lu})")

_DIGIT = compiled(r"\d")
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


def outline_heading(text: str) -> tuple[int, str] | None:
    """(level, words after the outline label) of a block that starts with one, else None."""
    for level, pattern in ((1, _ROMAN), (3, _SUB_ARABIC), (2, _ARABIC), (4, _LETTER)):
        m = pattern.match(text)
        if m and m.group(1):
            return level, text[m.end() :].strip()
    return None


_UPPER_RUN = compiled(r"^[^\p{Ll}]{12,}?(?=\s+\p{Lu}\p{Ll})")


@dataclass(frozen=True)
class _Patterns:
    families: dict[str, regex.Pattern]  # one compiled alternation per family
    forward_looking: regex.Pattern
    appendix: regex.Pattern
    run_in_end: regex.Pattern


@cache
def _patterns() -> _Patterns:
    data = catalog.toml("sections.toml")
    ap = data["appendix"]
    appendix = (
        rf"(?i)^\s*(?:{alternation(ap['titles'])}"
        rf"|(?:{alternation(ap['forms'])})(?:\s+(?:{alternation(ap['form_kinds'])}))?\s*(?:\d+|[:.])"
        rf"|(?:{alternation(ap['tables'])})\s*(?:{alternation([ap['number_word']])}\s*)?(?:\d+|[:.])"
        rf"|(?:{alternation(ap['forms'])})\s*$)"  # `Biểu` alone on its line, its title below
        r"(?![\p{L}])"
    )
    openers = alternation(data["run_in"]["body_openers"], spaces=" ")
    return _Patterns(
        families={
            family: compiled(
                r"(?<![\p{L}])(?:"
                + "|".join(regex.escape(c) for c in sorted(map(fold, cues), key=len, reverse=True))
                + r")(?![\p{L}])"
            )
            for family, cues in data["families"].items()
        },
        forward_looking=compiled(
            rf"^(?:{alternation(data['forward_looking']['openers'], spaces=' ')})", regex.I
        ),
        appendix=compiled(appendix),
        run_in_end=compiled(rf"(?<=\p{{Ll}}|\))\s+(?=(?:{openers})\s)"),
    )


def _is_signature(text: str) -> bool:
    folded = fold(text)
    return any(fold(w) in folded for w in catalog.toml("sections.toml")["appendix"]["signature"])


def _opens_with_signature(block) -> bool:
    """`Nơi nhận: GIÁM ĐỐC` read from a PDF as a line of its own: the signature block."""
    head = fold(block.text[:40])
    words = catalog.toml("sections.toml")["appendix"]["signature"]
    return block.kind != FOOTNOTE and any(head.lstrip().startswith(fold(w)) for w in words)


def is_appendix_title(text: str) -> bool:
    """`Phụ lục 01`, `Biểu số 02`, `Bảng 3.`: the block opens an appendix."""
    return bool(_patterns().appendix.match(text))


def heading_text(text: str) -> str:
    """The heading part of a block: all of a short block, the run-in first line of a long one
    (an upper-case heading ends where sentence case begins: `II- KẾT QUẢ THỰC HIỆN Ban cán sự
    ...`)."""
    text = text.strip()
    upper = _UPPER_RUN.match(text)
    if upper and len(text) > len(upper.group(0)) + 40:
        return upper.group(0).strip()
    if len(text) <= _HEADING_MAX:
        return text
    cut = _patterns().run_in_end.search(text[20:_HEADING_MAX])
    return text[: 20 + cut.start()] if cut else text[:_HEADING_MAX]


@lru_cache(maxsize=256)
def title_context(title: str | None) -> str:
    """The folded title, as the domain of every figure of its document; empty when it names
    rival families (catalog prose.toml [title])."""
    rivals = set(catalog.words("prose.toml", "title", "rival_families"))
    if len(rivals & set(_families_of(title or ""))) > 1:
        return ""
    return fold(title or "")


def families_of(text: str) -> list[str]:
    return list(_families_of(text))


@lru_cache(maxsize=4096)
def _families_of(text: str) -> tuple[str, ...]:
    """Remembered: every block under a heading asks it of the same headings."""
    folded = fold(text)
    return tuple(family for family, p in _patterns().families.items() if p.search(folded))


@lru_cache(maxsize=4096)
def is_forward_looking(heading: str) -> bool:
    """A heading (past its outline label, or a part's label on its line: `Phần thứ hai.
    PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023`) that opens with a forward-looking word."""
    body = _part_label().sub("", heading, count=1)
    for pattern in (_ROMAN, _SUB_ARABIC, _ARABIC, _LETTER, _PART_LETTER):
        m = pattern.match(body)
        if m and m.group(1):
            body = body[m.end() :]
            break
    return bool(_patterns().forward_looking.match(body.strip()))


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
    label, colon, rest = head.partition(":")
    if colon and _DIGIT.search(rest):
        # `b) Tại Bộ phận Một cửa cấp xã: tiếp nhận 21.356 hồ sơ, ...`: the item's label heads
        # the paragraphs after it, its figures do not
        head = label
    if level[0] == 1 and not _is_upper(head) and len(block.text) > _HEADING_MAX:
        return None
    return level[0], head


def section_contexts(doc: Document) -> dict[int, SectionContext]:
    """The section context of every block, by block index (footnotes take their citer's).
    The prose and the tables ask it of one document in turn: the last answer is kept for a
    document of the same blocks."""
    key = [(b.index, b.kind, b.text, b.label, tuple(b.footnote_refs)) for b in doc.blocks]
    if _LAST and _LAST[0] == key:
        return _LAST[1]
    out = _section_contexts(doc)
    _LAST[:] = [key, out]
    return out


_LAST: list = []  # [key, contexts] of the document asked last


def _section_contexts(doc: Document) -> dict[int, SectionContext]:
    stack: list[tuple[int, str]] = []
    out: dict[int, SectionContext] = {}
    for block in doc.blocks:
        if block.kind != FOOTNOTE and is_appendix_title(block.text):
            stack = [(0, heading_text(block.text))]  # an appendix starts over, under its own title
            out[block.index] = _context(stack)
            continue
        if _is_signature(block.text) and (block.kind == TABLE or _opens_with_signature(block)):
            stack = []  # the body ends with its signature: what follows is outside its sections
            out[block.index] = _context(stack)
            continue
        opened = _is_heading(block) or _part_heading(block)
        if opened:
            level, head = opened
            if block.kind == HEADING and outline_level(block.text) is None and _is_upper(head):
                level = 0  # `NHIỆM VỤ, GIẢI PHÁP 6 THÁNG CUỐI NĂM`: a part's title, unnumbered
            keep = [(lv, h) for lv, h in stack if lv < level]
            stack = keep + [(level, head)]
        out[block.index] = _context(stack)
    _footnotes_take_their_citers(doc, out)
    return out


def _part_heading(block) -> tuple[int, str] | None:
    """`Phần thứ hai` on a line of its own, or with its title in capitals after it (`Phần thứ
    hai. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023`): a part of the report, above every section."""
    lowered = " ".join(block.text.lower().split()) + " "
    if block.kind == FOOTNOTE or not lowered.startswith(_part_openers()):
        return None
    title = _part_label().sub("", block.text, count=1)
    if len(lowered) < 40 or (len(lowered) < _HEADING_MAX and _is_upper(title)):
        return 0, block.text.strip()
    return None


@cache
def _part_label() -> regex.Pattern:
    """A part's label that its title follows on the same line (`Phần thứ hai. `, `Phần II: `)."""
    openers = alternation(catalog.words("sections.toml", "parts", "openers"), spaces=" ")
    return compiled(rf"(?i)^\s*(?:{openers})(?:\s+\p{{L}}+)?\s*[.:\-–]\s+")


@cache
def _part_openers() -> tuple[str, ...]:
    return tuple(w + " " for w in catalog.words("sections.toml", "parts", "openers"))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.7


def _context(stack: list[tuple[int, str]]) -> SectionContext:
    headings = [h for _, h in stack]
    families: list[str] = []
    for h in reversed(headings):
        families = families_of(h)
        if families:
            break
    forward = any(is_forward_looking(h) for h in headings)
    return SectionContext(headings, families, forward)


def footnote_citers(doc: Document) -> dict[str, int]:
    """The block each footnote's mark stands in (its first), by footnote label."""
    citer: dict[str, int] = {}
    for block in doc.blocks:
        for ref in block.footnote_refs:
            citer.setdefault(ref, block.index)
    return citer


def _footnotes_take_their_citers(doc: Document, out: dict[int, SectionContext]) -> None:
    citer = footnote_citers(doc)
    for block in doc.blocks:
        if block.kind == FOOTNOTE and block.label in citer:
            out[block.index] = out[citer[block.label]]
