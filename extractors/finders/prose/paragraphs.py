"""The prose of a document, paragraph by paragraph: what each sentence borrows from around it.

Paragraphs, list items and footnotes are read sentence by sentence; forward-looking sections
(targets) are skipped. A list read after a lead-in (`Kết quả ... như sau:`, `Trong đó:`) is
read with that lead-in, also when its items are paragraphs of their own; a paragraph opening
with `Trong đó` breaks down the figure the paragraph before ended with; the sentence before
in the same paragraph is a sentence's topic.
"""

from __future__ import annotations

from functools import cache

from catalog import words as catalog_words
from catalog.patterns import compiled
from extractors.finders.cues import (
    load_catalog,
)
from extractors.finders.prose.facts import level_lead, level_named, some_units
from extractors.finders.prose.item_runs import ItemRuns
from extractors.finders.prose.named_places import levels_of_units
from extractors.finders.prose.sections import (
    families_of,
    footnote_citers,
    outline_heading,
    outline_level,
    section_contexts,
)
from extractors.finders.prose.sentence import sentence_facts
from extractors.finders.prose.sentences import (
    ITEM_MARK,
    Sentence,
    continues_lead_in,
    opens_breakdown,
    split_sentences,
)
from extractors.finders.prose.split_runs import splits_carried_on
from model import FOOTNOTE, LIST_ITEM, PARAGRAPH, DocMeta, Document, Fact
from model.document import NUMBER_RUN
from normalizers.periods import parse_period, period_year
from normalizers.text import fold

DIGIT = compiled(r"\d")
SHORT_LEAD = 30  # characters of a lead-in too short to name what its items count
MARK_AFTER_WORDS = 3  # a footnote mark this many words after a number marks that number


def prose_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """Every figure the document states in prose, with its place in the document."""
    catalog = load_catalog()
    doc_year = period_year(meta.period or "") or (int(meta.doc_date[:4]) if meta.doc_date else None)
    sections = section_contexts(doc)
    facts: list[Fact] = []
    lead_in = _LeadIn()
    last_sentence = ""
    heads = _Heads()
    citers = footnote_citers(doc)
    block_heads: dict[int, list[Fact]] = {}
    runs = ItemRuns()
    for block in doc.blocks:
        if block.kind not in (PARAGRAPH, LIST_ITEM, FOOTNOTE):
            runs.at_heading(block)  # (a styled sub-heading in a run of sub-headed items)
            continue
        section = sections.get(block.index)
        if section is not None and section.forward_looking:
            continue  # `PHƯƠNG HƯỚNG, NHIỆM VỤ ...`: targets, not results
        heading = _heading_over(block.text, section)
        is_item = block.kind == LIST_ITEM or bool(ITEM_MARK.match(block.text))
        lead_in.at_block(block, is_item)
        sentences = split_sentences(block.text)
        heads.at_block(is_item or block.kind == FOOTNOTE)
        place = (level_lead(block.text) or _heading_level(section), _section_period(heading, meta))
        # a paragraph that opens with `Trong đó, 194 mô hình tập thể ...` breaks down the figure the
        # paragraph before ended with
        previous = last_sentence if sentences and opens_breakdown(sentences[0][1]) else ""
        cited, marked = _cited_heads(block, citers, block_heads, doc, facts)
        for i, (offset, text) in enumerate(sentences):
            s = Sentence(text, offset, block.index, block.page, _source(block), i)
            context = _context(previous, text, lead_in.text if is_item else "")
            topic, previous = previous, text
            found = sentence_facts(
                s,
                catalog,
                meta,
                doc_year,
                context,
                heading,
                topic,
                cited or heads.candidates(),
                bool(cited) or _under_a_split_heading(section),
            )
            found = [] if _restates(found, marked) else found
            splits_carried_on(found, heads.found, text)
            counts = heads.after_sentence(found, is_item)
            block_heads.setdefault(block.index, []).extend(counts + _of_some_units(found))
            facts += [_placed(fact, block, offset, place) for fact in found]
        # `Kết quả hòa giải ở cơ sở như sau:` names the items below
        lead = _lead_of(sentences) if block.text.rstrip().endswith(":") else ""
        if block.kind != FOOTNOTE:
            own = [f for f in facts if f.block_index == block.index]
            runs.after_block(block, is_item, own, lead)
            lead_in.after_block(block, lead)
            heads.after_lead(lead)
        if block.kind != FOOTNOTE and sentences and not _bare_heading(block):
            # (`3. Kết quả giải quyết` opens a section: what it heads is said before)
            last_sentence = sentences[-1][1]
    return runs.kept(facts)


class _Heads:
    """The counts a list opening the next sentence may break down: the sentence before's; a
    head a sentence broke down whole stays among them (`_whole_they_make`); after a run of
    item paragraphs that adds up to the count the lead-in followed (`thụ lý 63 vụ việc. Kết
    quả: - Hòa giải thành: 51 ...; - ... 08; - ... 04.`), that count."""

    def __init__(self) -> None:
        self.last: list[Fact] = []
        self.earlier: list[Fact] = []  # the counts of the few sentences before the last
        self.before_items: list[Fact] = []
        self.item_total = 0.0
        self.found: list[Fact] = []  # the facts of the block's sentence before

    def after_sentence(self, found: list[Fact], is_item: bool) -> list[Fact]:
        self.found = found
        counts = [f for f in found if f.unit != "%" and f.scope is None]
        if counts or not all(f.has_link("part_of") for f in found):
            # (a sentence of parts leaves the heads to the next list)
            new = {id(f) for f in counts}
            self.earlier = (self.earlier + [f for f in self.last if id(f) not in new])[-8:]
            self.last = counts + _whole_they_make(counts, self.last)
        if is_item:
            self.item_total += sum(f.value or 0 for f in counts)
        return counts

    def candidates(self) -> list[Fact]:
        """The last sentence's counts, after those of the sentences before it: a list may add
        up to one of those (`tiếp nhận 411 vụ việc; ... Riêng quý II ... 236 vụ việc. Các vụ việc
        phân theo lĩnh vực gồm: ...` breaks down the 411)."""
        last = {id(f) for f in self.last}
        return [f for f in self.earlier if id(f) not in last] + self.last

    def after_lead(self, lead: str) -> None:
        if lead:
            self.before_items, self.item_total = list(self.last), 0.0

    def at_block(self, is_item: bool) -> None:
        self.found = []
        if is_item or not self.before_items:
            return
        whole = [h for h in self.before_items if h.value == self.item_total and h.scope is None]
        if whole:
            self.last = whole[-1:]
        self.before_items = []


def _of_some_units(found: list[Fact]) -> list[Fact]:
    """Counts scoped by the units below the issuer (`UBND các xã, thị trấn tiếp 85 lượt`): a
    footnote listing those units breaks them down (prose.toml [scopes] some_units)."""
    words, levels = some_units(), levels_of_units()  # (`cấp xã`: what `các xã, thị trấn` names)
    return [
        f
        for f in found
        if f.unit != "%"
        and f.scope
        and (f.scope in levels or any(w in fold(f.scope) for w in words))
    ]


def _whole_they_make(counts: list[Fact], heads: list[Fact]) -> list[Fact]:
    """The one head of the sentence before that these counts add up to exactly: a sentence
    that breaks a head down whole leaves that head for the next list too, last (`47 đơn. Gồm
    khiếu nại 04, tố cáo 01, kiến nghị 42. Phân theo lĩnh vực, đất đai 29 đơn; ...`)."""
    total = sum(f.value or 0 for f in counts)
    wholes = [h for h in heads if len(counts) > 1 and h.scope is None and h.value == total]
    return wholes[-1:] if len({h.metric for h in wholes}) == 1 else []


def _lead_of(sentences: list[tuple[int, str]]) -> str:
    """The lead-in the items below are read with: the block's last sentence, with the one
    before it when it is a bare `Theo lĩnh vực:` that names no figure of its own."""
    if not sentences:
        return ""
    lead = sentences[-1][1]
    openers = tuple(
        fold(w) + " " for w in catalog_words("prose.toml", "item_leads", "dimension_openers")
    )
    if (
        len(lead.strip()) < SHORT_LEAD
        and len(sentences) > 1
        and fold(lead).strip().startswith(openers)
    ):
        return f"{sentences[-2][1]} {lead}"
    return lead


class _LeadIn:
    """The lead-in (`... như sau:`) the items below it are read with: a paragraph that is no
    item ends it, and so does an item numbered at the lead-in item's own level or above, its
    sibling (`3. Chủ tịch UBND xã tiếp đột xuất:` ... `4. Tổng số lượt tiếp ...: 17 lượt`)."""

    def __init__(self) -> None:
        self.text = ""
        self.level: tuple[int, str] | None = None  # the outline level of its own item

    def at_block(self, block, is_item: bool) -> None:
        level = outline_level(block.text) if self.level is not None else None
        sibling = level is not None and self.level is not None and level[0] <= self.level[0]
        if (not is_item and block.kind != FOOTNOTE) or sibling:
            self.text = ""

    def after_block(self, block, lead: str) -> None:
        if lead:
            self.text, self.level = lead, outline_level(block.text)
        elif not self.text:
            self.level = None


def _source(block) -> str:
    return "footnote" if block.kind == FOOTNOTE else "text"


def _context(previous: str, text: str, lead_in: str) -> str:
    """A list after a lead-in (`Trong đó: ...`, `... như sau:`) is read with the lead-in, also
    when its items are paragraphs of their own."""
    context = (
        previous
        if previous and (previous.rstrip().endswith(":") or continues_lead_in(text))
        else ""
    )
    return (lead_in + " " + context).strip() if lead_in else context


def _cited_heads(
    block, citers: dict[str, int], block_heads: dict[int, list[Fact]], doc: Document, facts
) -> tuple[list[Fact], Fact | None]:
    """A footnote's items break down a figure of the block that cites it: one of its counts,
    or the count the mark stands right after (`trong đó ... chờ kết quả: 10 hồ sơ²`, scoped
    or not); and that marked count."""
    citer = citers.get(block.label) if block.label and block.kind == FOOTNOTE else None
    if citer is None:
        return [], None
    heads = block_heads.get(citer, [])
    marked = _count_at_mark(doc.blocks[citer], block.label, facts)
    if marked is None or any(h is marked for h in heads):
        return heads, marked
    return [*heads, marked], marked


def _restates(found: list[Fact], marked: Fact | None) -> bool:
    """A footnote's one count that is the figure its mark follows says what that figure holds
    (`quá hạn: 02¹` ... `¹ 02 hồ sơ đăng ký đất đai ...`): no figure of its own."""
    counts = [f for f in found if f.unit != "%"]
    return (
        marked is not None
        and len(counts) == 1
        and counts[0].value == marked.value
        and not counts[0].has_link("part_of")
    )


def _count_at_mark(citer, label: str, facts: list[Fact]) -> Fact | None:
    """The count whose number the mark stands right after (its unit's words between them)."""
    at = citer.footnote_at.get(label)
    if at is None or not at.numbers or at.words > MARK_AFTER_WORDS:
        return None
    runs = list(NUMBER_RUN.finditer(citer.text))
    if len(runs) < at.numbers:
        return None
    number = citer.start + runs[at.numbers - 1].start()
    return next(
        (
            f
            for f in facts
            if f.block_index == citer.index
            and f.unit != "%"
            and (f.start or 0) <= number < (f.end or 0)
        ),
        None,
    )


def _placed(fact: Fact, block, offset: int, place: tuple[str | None, str | None]) -> Fact:
    """The fact placed in its document: its block's level scope, its section's period, page
    and offsets."""
    level, period = place
    if level and fact.scope is None:
        fact.scope = level  # `a) Cấp tỉnh: tiếp nhận 24.906 hồ sơ, ...`
    if period and fact.period is None:
        fact.period = period  # under `2. Lũy kế 6 tháng đầu năm 2024` in a quarterly report
    if block.page_starts:
        fact.page = block.page_at(offset + (fact.start or 0))
    fact.start = block.start + offset + (fact.start or 0)
    fact.end = block.start + offset + (fact.end or 0)
    return fact


def _section_period(heading: str, meta: DocMeta) -> str | None:
    """The period a section's heading names, when it is another period of the report's own
    year (`Lũy kế 6 tháng đầu năm 2024` in a second-quarter report, `Quý I` in a half-year's)."""
    year = period_year(meta.period or "")
    period = parse_period(heading, year) if heading and year else None
    if period is None or period == meta.period or period_year(period) != year:
        return None
    return period


def _under_a_split_heading(section) -> bool:
    """`2. Phân loại theo nội dung` over `Khiếu nại 287 lượt; tố cáo 46 lượt; ...`: a sentence
    under a heading that opens a split (structure.toml [lead_in] complete) may be nothing but
    its items."""
    if section is None or not section.headings:
        return False
    labelled = outline_heading(section.headings[-1])
    words = labelled[1] if labelled else section.headings[-1]
    return fold(words).strip(" .:-").startswith(_split_openers())


@cache
def _split_openers() -> tuple[str, ...]:
    return tuple(fold(w) + " " for w in catalog_words("structure.toml", "lead_in", "complete"))


def _heading_over(text: str, section) -> str:
    """The heading a block's sentences are read under: its section's, or, for a numbered
    paragraph that opened a section itself (`3. Tính chung toàn huyện đã giải quyết ...`), the
    one above it (its own words are its sentences, not their context)."""
    if section is None or not section.families or not section.headings:
        return ""
    own = section.headings[-1]
    if text.strip().startswith(own.strip()[:60]) and DIGIT.search(own):
        return section.headings[-2] if len(section.headings) > 1 else ""
    if (
        len(section.headings) > 1
        and not families_of(own)
        and len(families_of(section.headings[-2])) == 1
    ):
        # `2. Phân loại vụ việc` under `II. KẾT QUẢ HÒA GIẢI Ở CƠ SỞ`: the one above names it
        # (when it names one family: a heading that lists several names none for the figures)
        return f"{section.headings[-2]} {own}"
    return own


def _heading_level(section) -> str | None:
    """`a) Tại Bộ phận Một cửa cấp huyện` over the paragraphs it heads: their level."""
    if section is None or not section.headings:
        return None
    return level_named(section.headings[-1])


def _bare_heading(block) -> bool:
    """A short outline-numbered block without figures: a section heading written as a list item."""
    level = outline_level(block.text)
    if level is None or len(block.text) > 150:
        return False
    body = block.text.strip()[len(level[1]) + 1 :]
    return not DIGIT.search(body) and not body.rstrip().endswith((".", ";", ":"))
