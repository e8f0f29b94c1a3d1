"""Figures stated in prose: paragraphs, list items and footnotes.

Each sentence is read number by number. A number is a figure when it carries a unit a
metric accepts and the cue phrases before it (or right after it) name the metric, per the
catalog's rules; comparisons (`giảm 24 đơn so với năm 2019`), targets (`phấn đấu đạt 95%`),
previous-period values and regional rankings are left out. `a/b` pairs give the part and
the whole; a `đạt tỷ lệ X%` takes the rate of the figure it follows.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.finders.cues import (
    Catalog,
    any_cue,
    classify_metric,
    find_cue,
    last_cue_before,
    load_catalog,
)
from extractors.finders.structure import apply_breakdowns, aside_of, breakdowns
from extractors.finders.numbers_in_text import Num, _unit_kind, numbers_in
from extractors.finders.prose_sections import outline_level, section_contexts
from model import FOOTNOTE, LIST_ITEM, PARAGRAPH, DocMeta, Document, Fact
from normalizers.periods import find_period_phrases, period_year
from normalizers.text import fold

# A label and its answer stay together: `Tổng số đoàn kiểm tra: Không.`, `Đối thoại: Không cuộc`.
# `TP. Đồng Hới`, `TX. Ba Đồn`, `H. Lệ Thủy`: an abbreviated place name does not end a sentence
SENTENCE_END = regex.compile(
    r"(?<=[.!?;])(?<!(?<![\p{L}])(?:TP|Tp|TX|Tx|TT|Q|H|P|X|Th|TS|ThS)\.)\s+(?=[\p{Lu}Đ\-–+•(\d])|(?<=:)\s+(?=[-–+•\p{Lu}Đ])(?!(?:Không|Có)(?![\p{L}]))|"
    r"(?<=[.:;!?])\s*\n+|\n+(?=\s*[\p{Lu}Đ\-–+•(])"
)  # a wrapped line goes on
NEAR_LIMIT = 150  # a cue further than this before the number does not name it
MIN_SCORE = -0.5  # one cue group 60 characters away; further, a number is not read as that figure
LEAD_IN = regex.compile(r"(?i)(:\s*$|^\s*trong\s+đó)")
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
ASIDE = regex.compile(r"\([^()]*\)")
COMPARED_YEAR = regex.compile(
    r"(?i)(so với|so|cùng kỳ)\s*(?:năm\s*)?$"
)  # `tăng 26 bậc so với năm 2015`
COMPARED_YEAR = regex.compile(
    r"(?i)(so với|so|cùng kỳ)\s*(?:năm\s*)?$"
)  # `tăng 26 bậc so với năm 2015`
COMPARED = regex.compile(r"(?i)(so với|so|cùng kỳ|bằng|hơn)\s*(?:cùng kỳ\s*)?$")
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
INDEX_CUES = {
    "index.par": ("par index", "chỉ số cải cách hành chính", "chỉ số cchc", "par"),
    "index.sipas": (
        "sipas",
        "chỉ số hài lòng",
        "sự phục vụ hành chính",
        "sự phục vụ của cơ quan hành chính",
        "sự phục vụ của các cơ quan hành chính",
    ),
    "index.papi": ("papi",),
    "index.pci": ("pci", "năng lực cạnh tranh"),
}
RANK_CUE = regex.compile(
    r"(?i)(xếp(?:\s+(?:hạng|thứ|vị\s+thứ|vị\s+trí))?|đứng\s+(?:thứ|hạng|vị\s+trí)|vị\s+trí|vị\s+thứ|hạng)"
    r"\s*(?:thứ\s*)?$"
)
# `xếp thứ 10/18 huyện, thị xã, thành phố`: a ranking among the province's own units, not among provinces
LOCAL_UNIVERSE = regex.compile(
    r"(?i)^\s*(?:huyện|quận|thị\s+xã|xã|phường|sở|cơ\s+quan|đơn\s+vị|ban,\s+ngành|địa\s+phương\s+cấp\s+huyện)"
    r"(?![\p{L}])"
)
# `tăng từ thứ hạng 51 lên thứ hạng 31`, `giảm từ 10,85% xuống còn 1,31%`: the first is the older value
FROM_BEFORE = regex.compile(r"(?i)(?<![\p{L}])từ\s+(?:[\p{L}]+\s+){0,3}$")
TO_AFTER = regex.compile(r"(?i)^\s*(?:lên|xuống)(?![\p{L}])")
SCOPE = regex.compile(
    r"(?<![\p{L}])((?:Phó\s+)?Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân)(?:\s+(?:Tỉnh|tỉnh|Huyện|huyện|Thành\s+phố|thành\s+phố|"
    r"thị\s+xã|Thị\s+xã|xã|Xã|phường|Phường|Quận|quận))?|Ban\s+[Tt]iếp\s+công\s+dân(?:\s+(?:tỉnh|Tỉnh|huyện|Huyện|"
    r"thành\s+phố|Thành\s+phố))?)"
)
ZERO_PHRASE = regex.compile(
    r"(?i)(?<![\p{L}])(không có|không phát sinh|chưa phát sinh|chưa thành lập|không thành lập)\s+"
    r"((?:(?!,?\s*(?:không có|không phát sinh|chưa phát sinh))[^.;:()]){3,80})"
)
ZERO_ANSWER = regex.compile(
    r"(?i)([^.;:]{4,120}):\s*(không có|không)(\s+(?:cuộc|lượt|đơn|vụ|vụ việc|đoàn|kỳ|buổi))?\s*(?=[.;,]|$)"
)
ZERO_UNITS = (
    "đơn",
    "đơn thư",
    "vụ việc",
    "vụ",
    "việc",
    "đoàn",
    "đoàn đông người",
    "cuộc",
    "lượt",
    "đơn vị",
    "kỳ",
    "buổi",
    "đoàn kiểm tra",
)


@dataclass
class Sentence:
    text: str
    start: int  # offset in the block text
    block_index: int
    page: int | None
    source: str
    number: int


def split_sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            out.append((pos, chunk))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    # `Trong đó: Các cơ quan đã giải quyết ...`: a bare lead-in stays with the sentence it opens on its line
    for i in range(len(out) - 2, -1, -1):
        (p0, a), (p1, b) = out[i], out[i + 1]
        if BARE_LEAD_IN.fullmatch(a) and "\n" not in text[p0 + len(a) : p1]:
            out[i : i + 2] = [(p0, text[p0 : p1 + len(b)])]
    return out


BARE_LEAD_IN = regex.compile(r"(?i)\W*(?:trong\s+đó|cụ\s+thể|trong\s+số\s+đó)\s*:\s*")


def prose_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    catalog = load_catalog()
    doc_year = period_year(meta.period or "") or (int(meta.doc_date[:4]) if meta.doc_date else None)
    sections = section_contexts(doc)
    facts: list[Fact] = []
    lead_in = ""
    last_sentence = ""
    last_head: Fact | None = None
    for block in doc.blocks:
        if block.kind not in (PARAGRAPH, LIST_ITEM, FOOTNOTE):
            continue
        section = sections.get(block.index)
        if section is not None and section.forward_looking:
            continue  # `PHƯƠNG HƯỚNG, NHIỆM VỤ ...`: targets, not results
        heading = (
            section.headings[-1]
            if section is not None and section.families and section.headings
            else ""
        )
        source = "footnote" if block.kind == FOOTNOTE else "text"
        is_item = block.kind == LIST_ITEM or bool(ITEM_MARK.match(block.text))
        if not is_item and block.kind != FOOTNOTE:
            lead_in = ""
        sentences = split_sentences(block.text)
        # a paragraph that opens with `Trong đó, 194 mô hình tập thể ...` breaks down the figure the
        # paragraph before ended with
        previous = last_sentence if sentences and BREAKDOWN_START.match(sentences[0][1]) else ""
        for i, (offset, text) in enumerate(sentences):
            s = Sentence(text, offset, block.index, block.page, source, i)
            # a list after a lead-in ("Trong đó: ...", "... như sau:") is read with the lead-in,
            # also when its items are paragraphs of their own
            context = (
                previous
                if previous and (previous.rstrip().endswith(":") or LEAD_IN.match(text))
                else ""
            )
            if is_item and lead_in:
                context = (lead_in + " " + context).strip()
            topic = previous
            previous = text
            found = sentence_facts(
                s, catalog, meta, doc_year, context, heading, topic=topic, previous_head=last_head
            )
            counts = [f for f in found if f.unit != "%" and f.scope is None]
            last_head = counts[-1] if counts else (None if found else last_head)
            for fact in found:
                if block.page_starts:
                    fact.page = block.page_at(offset + (fact.start or 0))
                fact.start = block.start + offset + (fact.start or 0)
                fact.end = block.start + offset + (fact.end or 0)
                facts.append(fact)
        if block.kind != FOOTNOTE and sentences and block.text.rstrip().endswith(":"):
            lead_in = sentences[-1][1]  # `Kết quả hòa giải ở cơ sở như sau:` names the items below
        if block.kind != FOOTNOTE and sentences and not _bare_heading(block):
            last_sentence = sentences[-1][
                1
            ]  # (`3. Kết quả giải quyết` opens a section: what it heads is said before)
    return facts


def _bare_heading(block) -> bool:
    """A short outline-numbered block without figures: a section heading written as a list item."""
    level = outline_level(block.text)
    if level is None or len(block.text) > 150:
        return False
    body = block.text.strip()[len(level[1]) + 1 :]
    return not regex.search(r"\d", body) and not body.rstrip().endswith((".", ";", ":"))


def sentence_facts(
    s: Sentence,
    catalog: Catalog,
    meta: DocMeta,
    doc_year: int | None,
    context: str = "",
    heading: str = "",
    topic: str = "",
    previous_head: Fact | None = None,
) -> list[Fact]:
    """`topic` is the sentence before in the same paragraph: what it is about stands for what
    this sentence leaves unsaid (`Công tác tiếp công dân, xử lý đơn thư đạt nhiều kết quả. Tỉnh
    đã giải quyết 115/164 vụ việc`): it may satisfy a rule's `with` and `domain` groups, and then
    its `without` phrases count too."""
    text = s.text
    folded = fold(text)
    topic_folded = fold(topic)
    if TARGET_SENTENCE.match(folded):
        return []  # `Phấn đấu tỷ lệ ... đạt 98%; tỷ lệ ... đạt 85%`: the whole list is targets
    if context and BREAKDOWN_START.match(text) and _spans_years(context):
        return []  # `Sau hơn 2 năm ... đã tổ chức 98 cuộc. Trong đó, cấp huyện tổ chức 4 cuộc`: parts of a multi-year total
    nums = [n for n in numbers_in(text) if not n.skip]
    context_folded = fold(context)
    heading_folded = fold(heading)
    group = f"b{s.block_index}s{s.number}"
    facts: list[Fact] = []
    by_num: dict[int, str] = {}
    changes = _change_list_items(nums, text)
    for n in nums:
        if n.partner is not None and not n.is_numerator:
            continue  # the whole of a pair is named after its part
        if n.unit == "%" and n.partner is None:
            continue  # percentages are read by _rates, after the counts they may follow
        item_of = _list_sibling(n, text, nums, facts, catalog)
        metric, rule = _classify(
            n,
            text,
            folded,
            catalog,
            context_folded,
            heading_folded,
            topic_folded,
            sibling=item_of[0] if item_of else None,
        )
        if metric is None and _delegation_with_persons(n, text, folded, nums):
            metric, rule = "reception.delegations", None  # `có 5 đoàn gồm 96 người đến khiếu nại`
        if metric is None:
            continue
        metric = _aside_metric(n, text, metric, facts)
        if metric.endswith(".received") and BASE_OF_SHARE.search(
            text, max(0, n.start - 40), n.start
        ):
            continue  # `(chiếm 73% trên tổng số 11.906 hồ sơ mức độ 3, 4)`: the base of a share, not what was received
        if id(n) in changes:
            continue  # `giảm 146 lượt tiếp, 127 lượt người`: the whole list states changes
        if _excluded(n, text, folded, metric):
            change = _stated_change(n, text, metric, meta, catalog)
            if change is not None:
                facts.append(_fact(f"{metric}.change", n, s, group, change[1], catalog))
                facts[-1].value = change[0]
            continue
        period = _period_of(n, text, meta, doc_year, metric)
        if period == "previous":
            continue
        if _part_of_same_metric(n, text, metric, facts):
            continue
        facts.append(_fact(metric, n, s, group, period, catalog))
        if rule is SIBLING and item_of:
            facts[-1].scope = item_of[1]
            rule = None
        by_num[id(n)] = metric
        if (
            n.partner is not None
            and rule is not None
            and rule.denominator
            and n.partner.value is not None
        ):
            facts[-1].role = "part"
            whole = _fact(
                _whole_metric(rule.denominator, n.partner.value, facts),
                n.partner,
                s,
                group,
                period,
                catalog,
            )
            whole.role = "whole"
            facts[-1].link("pair", whole, "part")
            whole.link("pair", facts[-1], "whole")
            facts.append(whole)
    facts.extend(
        _rates(
            nums,
            text,
            folded,
            s,
            group,
            catalog,
            by_num,
            meta,
            doc_year,
            context_folded,
            heading_folded,
            topic_folded,
        )
    )
    facts.extend(_zeros(text, folded, s, group, catalog))
    found = breakdowns(text, nums)
    if found:
        reader = _Reader(s, group, catalog, meta, doc_year, folded)
        facts = apply_breakdowns(found, facts, reader, previous_head)
    return _dedupe(facts)


@dataclass
class _Reader:
    """The prose finder as the structure stage sees it (structure.SentenceReader)."""

    sentence: Sentence
    group: str
    catalog: Catalog
    meta: DocMeta
    doc_year: int | None
    folded: str

    def make_fact(self, metric: str, num: Num) -> Fact:
        return _fact(metric, num, self.sentence, self.group, None, self.catalog)

    def names(self, label: str, num: Num) -> str | None:
        return classify_metric(label, num.unit)

    def excluded(self, num: Num, metric: str) -> bool:
        text = self.sentence.text
        return _excluded(num, text, self.folded, metric) or (
            _period_of(num, text, self.meta, self.doc_year, metric) == "previous"
        )

    def rate_metric(self, metric: str) -> str | None:
        rule = next((r for r in self.catalog.rules if r.metric == metric and r.rate), None)
        return rule.rate if rule else None


BASE_OF_SHARE = regex.compile(r"(?i)%\s*(?:trên\s+|so\s+với\s+)?tổng(?:\s+số)?\s*$")
CLAUSE_BREAK = regex.compile(r"[,;()]")
# what may stand between two items of one list: the first item's trailing word and a comma or `và`
LIST_GAP = regex.compile(r"(?:\s*[\p{L}]+){0,2}\s*(?:,|và)\s*")


def _change_list_items(nums: list[Num], text: str) -> set[int]:
    """Numbers that continue a list of changes: in `So với cùng kỳ giảm 146 lượt tiếp, 127 lượt
    người` the change word governs both; an item with a verb of its own (`, tiếp nhận 30 đơn`)
    starts a new clause."""
    out: set[int] = set()
    prev = None
    for n in nums:
        if (
            prev is not None
            and n.unit
            and (id(prev) in out or _change_before(prev, text))
            and LIST_GAP.fullmatch(text, prev.unit_end if prev.unit else prev.end, n.start)
        ):
            out.add(id(n))
        prev = n
    return out


def _change_before(n: Num, text: str) -> bool:
    before = text[max(0, n.start - 30) : n.start]
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind("(")) + 1 :]
    return bool(CHANGE_BEFORE.search(clause))


# A figure in a parenthesis right after another one says more about that one: a breakdown by
# kind of a resolved count counts resolved petitions of each kind (`đã giải quyết 176 đơn (160
# khiếu nại, 16 tố cáo)`), and persons after a delegation count are its persons (`7 lượt đoàn
# (142 người)`). {parent metric: {metric as read alone: metric in that parenthesis}}
PARENT_TO_ASIDE = regex.compile(r"[\s\p{L}]*\(")


def _aside_metric(n: Num, text: str, metric: str, earlier: list[Fact]) -> str:
    opened = text.rfind("(", 0, n.start)
    if opened < 0 or text.rfind(")", 0, n.start) > opened:
        return metric
    parents = [f for f in earlier if f.start is not None and f.start < opened]
    if not parents or metric not in aside_of(parents[-1].metric):
        return metric
    if PARENT_TO_ASIDE.fullmatch(text, parents[-1].end, opened + 1):
        return aside_of(parents[-1].metric)[metric]
    return metric


ITEM_MARK = regex.compile(r"^\s*(?:[-–+•*]|[a-zđ]\)|\d{1,2}[.)])\s")


ENTITY_UNITS = (
    "đơn vị",
    "cơ quan",
    "cơ quan, đơn vị",
    "sở",
    "xã",
    "xã, phường",
    "phường",
    "huyện",
    "UBND",
    "phòng",
    "địa phương",
    "văn bản",
    "mô hình",
    "điển hình",
)


def _part_of_same_metric(n: Num, text: str, metric: str, earlier: list[Fact]) -> bool:
    """`đã giải quyết 20 vụ việc (ban hành quyết định 12 vụ, rút đơn 8 vụ)`: a part inside the
    parenthesis that follows a figure of the same metric is a breakdown by kind, not that metric
    again. Parts that are units (`17 cơ quan (09 xã, 08 phòng)`) are kept: they are scopes."""
    if n.unit in ENTITY_UNITS:
        return False
    opened = text.rfind("(", 0, n.start)
    if opened < 0 or text.rfind(")", 0, n.start) > opened:
        return False
    parents = [f for f in earlier if f.start is not None and f.start < opened]
    # a figure larger than the one it follows sums it up with others (`đúng hạn 699 hồ sơ (cộng
    # trước hạn và đúng hạn là 6.061 hồ sơ)`): a figure of its own
    return (
        bool(parents)
        and parents[-1].metric == metric
        and (n.value is None or parents[-1].value is None or n.value <= parents[-1].value)
    )


def _whole_metric(default: str, value: float, earlier: list[Fact]) -> str:
    """The whole of `đã giải quyết 9/9 đơn` is the figure the sentence already stated with that
    value (`tiếp nhận 9 đơn`), not a new one; else the rule's denominator."""
    family = default.split(".")[0]
    for f in reversed(earlier):
        if f.value == value and f.metric.split(".")[0] == family and f.role is None:
            return f.metric
    return default


def _classify(
    n: Num,
    text: str,
    folded: str,
    catalog: Catalog,
    context: str = "",
    heading: str = "",
    topic: str = "",
    sibling: str | None = None,
):
    """The best rule for a number: every `near` group before it (nearest counts), `after`
    groups right after it, `with` groups anywhere; `without` phrases in its own clause.
    The section heading counts for `with` groups, and for `near` groups only when nothing in
    the sentence names the figure (`Tổng số: 120 lượt` under `1. Công tác tiếp công dân`)."""
    best = _best_rule(n, text, folded, catalog, context, heading, topic=topic)
    if best is None and sibling:
        return sibling, SIBLING  # an item of a list whose first figure the sentence names
    if best is None and (heading or context):
        best = _best_rule(
            n,
            text,
            folded,
            catalog,
            (context + " " + heading).strip(),
            heading,
            fallback=True,
            topic=topic,
        )
    if best is None and n.partner is not None and n.is_numerator:
        n.partner, n.is_numerator = None, False
        return _classify(n, text, folded, catalog, context, heading, topic)
    if best is None:
        return best, None
    return best.metric, best


SIBLING = object()  # the rule marker of a figure read as the next item of a list
# what stands between two items of one list: a separator, then the next item's label
LIST_ITEM_GAP = regex.compile(
    r"(?i)\s*(?:[;,]|\(|,?\s*trong\s+đó:?|,?\s*gồm:?|,?\s*cụ\s+thể:?)\s*(?:trong\s+đó:?\s*|gồm:?\s*)?"
    r"([^\d;:()]{2,80}?)\s*(?:là|có|được)?\s*:?\s*$"
)


def _list_sibling(
    n: Num, text: str, nums: list[Num], earlier: list[Fact], catalog: Catalog
) -> tuple[str, str] | None:
    """(metric, scope) of a figure that continues a list of counts by part: `là 1.962 thủ tục,
    trong đó cấp tỉnh 1.528, cấp huyện 286`, `... là 104 vụ, các tranh chấp về hôn nhân gia đình là
    26 vụ`: an item without a cue of its own counts what the list's figure before it counts, for
    the part its label names."""
    if n.unit is None or n.unit == "%" or n.partner is not None or not earlier:
        return None
    prev_fact = earlier[-1]
    if (
        prev_fact.role == "whole"
        or prev_fact.start is None
        or catalog.kind_of(prev_fact.metric) != "count"
    ):
        return None
    prev = next((m for m in nums if m.start == prev_fact.start), None)
    if prev is None or any(not m.skip and prev.start < m.start < n.start for m in nums):
        return None
    if _unit_kind(prev.unit or "") != _unit_kind(n.unit):
        return None
    gap = LIST_ITEM_GAP.fullmatch(text, prev.unit_end, n.start)
    if not gap:
        return None
    label = regex.sub(r"\s+", " ", gap.group(1)).strip(" ,")
    if not regex.search(r"\p{L}", label):
        return None
    folded_label = fold(label)
    if not any(
        n.unit in r.units
        and not any(find_cue(folded_label, w) for w in r.without + r.without_before)
        for r in catalog.rules
        if r.metric == prev_fact.metric
    ):
        return None  # `tiếp 412 lượt, trong đó: khiếu nại 37 lượt`: a part the metric's rules leave out
    return prev_fact.metric, label


def _best_rule(
    n: Num,
    text: str,
    folded: str,
    catalog: Catalog,
    context: str,
    heading: str,
    fallback: bool = False,
    topic: str = "",
):
    rank = _rank_metric(n, text, folded)
    if rank:
        return _RankRule(rank)
    if n.unit is None:
        return None
    anchor = min(n.start, n.partner.start) if n.partner is not None else n.start
    tail = max(n.unit_end, n.partner.unit_end) if n.partner is not None else n.unit_end
    left = folded[:anchor]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(left)]
    clause = left[breaks[-1] if breaks else 0 :]
    ruled_out_in = clause
    if n.unit == "%" and breaks and left[breaks[-1] - 1] == "(":
        # `tỷ lệ hồ sơ giải quyết trước hạn (chiếm 99%)`: what a parenthesised share measures stands before it
        ruled_out_in = left[(breaks[-2] if len(breaks) > 1 else 0) :]
    nxt = CLAUSE_BREAK.search(folded, tail)
    following = NUMBER_START.search(
        folded, tail
    )  # the words after a figure end where the next figure starts
    # ... or where a new predicate starts: `tiếp nhận 629 vụ việc và đã hòa giải thành công 372 vụ việc`
    predicate = NEW_PREDICATE.search(folded, tail)
    right = folded[
        tail : min(
            tail + 30,
            nxt.start() if nxt else len(folded),
            following.start() if following else len(folded),
            predicate.start() if predicate else len(folded),
        )
    ]
    if regex.match(r"\s*va(?![\p{L}])", right):
        right = (
            ""  # `tố cáo 43 đơn và kiến nghị 202 đơn`: what follows `và` is the next item's kind
        )
    stop = regex.compile(r"[;.]").search(folded, tail)
    right_long = folded[tail : min(tail + 45, stop.start() if stop else len(folded))]
    descr = _descriptor(n, folded, tail)
    unit_words = folded[n.end : n.unit_end]  # they name the figure too: `ba buổi tiếp công dân`
    inherited = _type_of_earlier_figures(folded, anchor) or _single_type(heading)
    masked = _mask_descriptors(folded, anchor)
    subject = _subject_before(folded, anchor)
    subject_d = _subject_distance(subject)
    whole = context + " " + heading + " " + folded
    best = None
    scored: list = []
    # `a/b`: a is a part of b, so a rule that names a part (it has a denominator) reads it
    part_rules_only = n.partner is not None and n.is_numerator
    for rule in catalog.rules:
        if rule.units and n.unit not in rule.units:
            continue
        if part_rules_only and not rule.denominator:
            continue
        if any(
            find_cue(ruled_out_in + " " + folded[n.end : n.unit_end] + " " + right + " " + descr, w)
            for w in rule.without
        ):
            continue
        if (
            rule.without_before
            and any(find_cue(clause, w) for w in rule.without_before)
            and not COMBINED_TYPES.search(folded[max(0, anchor - 40) : anchor])
        ):
            continue  # `Ở cấp tỉnh tiếp 197 lượt, trong đó: khiếu nại 52 lượt`: visits of one kind, not all visits
        dists = []
        ok = True
        cue_len = 0
        for g in rule.near:
            d, length = _nearest_before(masked, g, anchor)
            cue_len = max(cue_len, length)
            d_tail = first_cue_in(descr, g)
            if d_tail is None and first_cue_in(unit_words, g) is not None:
                d_tail = 0
            if d_tail is not None and (d is None or d_tail <= d):
                d = max(
                    d_tail - 0.5, 0
                )  # the words right after the unit name the figure: `6 đơn kiến nghị`
            if rule.reach == "sentence" and d is not None:
                d = min(d, 10 + d / 20)  # far is fine, nearer still wins
            if subject and d is not None and d > subject_d and any_cue(subject, g):
                d = subject_d  # `Tỷ lệ hài lòng của người dân, tổ chức đối với ... đạt 98,6%`
            if d is None and context:
                d = last_cue_before(context, g, len(context))
                d = None if d is None else (FALLBACK_DISTANCE if fallback else d + anchor + 20)
            if d is None or (d > NEAR_LIMIT and rule.reach != "sentence"):
                ok = False
                break
            dists.append(d)
        if not ok:
            continue
        for g in rule.after:
            hits = [st for c in g for st, _ in find_cue(descr, c)]
            if not hits:
                ok = False
                break
            dists.append(min(hits))
        if not ok:
            continue
        borrowed = [g for g in rule.with_ + rule.domain if not any_cue(whole, g)]
        if borrowed and (
            not all(any_cue(topic, g) for g in borrowed)
            or any(find_cue(topic, w) for w in rule.without)
        ):
            continue
        if rule.near_type and (
            COMBINED_TYPES.search(folded[max(0, anchor - 80) : tail + 40])
            or _type_near(clause, right, inherited) != rule.near_type
        ):
            continue
        score = (
            len(rule.near) + len(rule.after) + 0.5 * len(rule.with_) - max(dists, default=0) / 40
        )
        score += (
            cue_len / 1000
        )  # at one distance the longer cue wins: `đủ điều kiện xử lý` over `xử lý`
        if rule.near_type:
            score += 0.25  # of one petition type: narrower than the rule for all petitions
        scored.append((score, rule))
        if best is None or score > best[0]:
            best = (score, rule)
    best = _prefer_refinement(best, scored)
    if best is not None and best[0] < MIN_SCORE:
        best = None  # the nearest cue is too far away to name this number
    return best[1] if best else None


@dataclass
class _RankRule:
    """A rank of a published index (`xếp hạng 27/63`): read by its own cue, not by a rule."""

    metric: str
    denominator: str | None = None
    rate: str | None = None


# `khiếu nại, tố cáo` is one phrase; `khiếu nại: 45 đơn, tố cáo: 12 đơn` are two labels
KIND_WORD = r"\s*(?:to cao|khieu nai|kien nghi|phan anh)(?![\p{L}])(?!\s*[:\d])"
NEW_PREDICATE = regex.compile(r"\s(?:va|nhung|con)\s+(?:da|co|duoc|dang)\s")  # on folded text
DESCRIPTOR_END = regex.compile(
    r",(?!" + KIND_WORD + r")|[;:()\[\].]|"
    r"\s(?:va(?!\s+(?:truoc|dung)\s+han)|voi|trong do|gom|dat)\s"
)  # on folded text (`đúng và trước hạn` is one phrase)
PERCENT_DESCRIPTOR_END = regex.compile(r"[;:()\[\]]|\.(?!\d)")


def _descriptor(n: Num, folded: str, tail: int) -> str:
    """The words right after a figure's unit that say what it counts, up to the clause's end
    (`6 đơn kiến nghị, phản ánh` → `kiến nghị`; `100% xã, phường thực hiện một cửa` → all of it)."""
    start, end = _descriptor_span(n, folded, tail)
    return folded[start:end]


def _descriptor_span(n: Num, folded: str, tail: int) -> tuple[int, int]:
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


BREAKDOWN_AFTER = regex.compile(r"\s*\([^()]{1,100}\)(?=\s*[\p{L}])")
NUMBER_START = regex.compile(r"(?<![\p{L}\d.,])\d+(?:[.,]\d+)*\s*(?:%|[\p{L}])(?<!muc \d)")


def _nearest_before(folded: str, cues: tuple[str, ...], limit: int) -> tuple[int | None, int]:
    """(distance, length) of the nearest cue of a group ending before `limit`; longer first at a tie."""
    best = None
    for cue in cues:
        for st, e in find_cue(folded[:limit], cue):
            d = (
                limit - e + CLAUSE_CROSSING * folded.count(";", e, limit)
            )  # another clause's cue is weaker
            key = (d, -(e - st))
            if best is None or key < best:
                best = key
    return (best[0], -best[1]) if best else (None, 0)


CLAUSE_CROSSING = 30


def _prefer_refinement(best, scored):
    """A generic reception figure is the narrower one when that one's cue stands close enough."""
    if best is None:
        return best
    refinements = [
        (sc, r)
        for sc, r in scored
        if getattr(r, "refines", None) == best[1].metric and sc >= MIN_SCORE
    ]
    return max(refinements, key=lambda x: x[0]) if refinements else best


def _mask_descriptors(folded: str, anchor: int) -> str:
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
        start, end = _descriptor_span(fake, folded, tail)
        for i in range(start, min(end, anchor)):
            chars[i] = " "
    return "".join(chars)


SUBJECT_DISTANCE = 15
FALLBACK_DISTANCE = 20  # a cue found only in the section heading
CLAUSE_START = regex.compile(r"[;:]|(?<![\d])\.(?!\d)")


MEASURE_HEAD = regex.compile(r"(?<![\p{L}])(?:ty le|ti le|muc do|chi so)(?![\p{L}])")


def _subject_before(folded: str, anchor: int) -> str:
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


def _subject_distance(subject: str) -> int:
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


def _type_of_earlier_figures(folded: str, anchor: int) -> str | None:
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
        kinds |= _types_in(words)
    return kinds.pop() if len(kinds) == 1 else None


def _types_in(folded: str) -> set[str]:
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


def _single_type(heading: str) -> str | None:
    """The one petition type a section heading is about (`b) Giải quyết tố cáo`), if only one."""
    kinds = _types_in(heading) if heading else set()
    return kinds.pop() if len(kinds) == 1 else None


def _type_near(clause: str, right: str, inherited: str | None = None) -> str | None:
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


def _rank_metric(n: Num, text: str, folded: str) -> str | None:
    if not RANK_CUE.search(text[max(0, n.start - 20) : n.start]):
        return None
    if REGIONAL.match(text[n.unit_end if n.unit else n.end :][:40]) or REGIONAL.match(
        text[(n.partner.end if n.partner else n.end) :][:40]
    ):
        return None
    universe = regex.sub(r"^\s*/\s*\d+", "", text[(n.partner.end if n.partner else n.end) :][:50])
    if LOCAL_UNIVERSE.match(universe):
        return None
    universe = regex.sub(r"^\s*/\s*\d+", "", text[(n.partner.end if n.partner else n.end) :][:50])
    if LOCAL_UNIVERSE.match(universe):
        return None
    best = None
    for metric, cues in INDEX_CUES.items():
        d = last_cue_before(folded, cues, n.start)
        if d is not None and (best is None or d < best[0]):
            best = (d, metric)
    if best is None:
        # `xếp thứ 3/63 tỉnh, thành phố về Chỉ số cải cách hành chính (PAR INDEX)`: the index
        # named right after the ranking's universe, introduced by `về`
        end = n.partner.end if n.partner else n.end
        after = folded[end : end + 90].split(";")[0]
        m = regex.search(r"(?<![\p{L}])ve\s+", after)
        if m and not regex.search(r"\d", after[: m.start()]):
            for metric, cues in INDEX_CUES.items():
                hits = [s for c in cues for s, _ in find_cue(after[m.end() :], c) if s <= 25]
                if hits and (best is None or min(hits) < best[0]):
                    best = (min(hits), metric)
    return f"{best[1]}.rank" if best else None


CHANGE_WORD = regex.compile(r"(?i)(?<![\p{L}])(tăng|giảm)(?:\s+thêm)?\s*$")
COMPARED_WITH = regex.compile(
    r"(?i)^\s*(?:[\p{L}]+\s*){0,2}?so\s+(?:với\s+)?(cùng\s+kỳ(?:\s+năm\s+((?:19|20)\d{2}))?"
    r"|năm\s+((?:19|20)\d{2})|kỳ\s+trước)"
)


def _stated_change(
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


OUTCOME_KINDS = ("petitions.complaints", "petitions.denunciations", "petitions.recommendations")
# `có 5 đoàn gồm 96 người`: a delegation count followed by its persons, in a sentence about reception
DELEGATION_PERSONS_GAP = regex.compile(
    r"(?i)\s*,?\s*(?:gồm|với|có|tổng\s+số|tổng\s+cộng)?\s*(?:\(\s*)?(?:[\p{L}]+\s+)?"
)
RECEPTION_WORDS = (
    "tiếp",
    "tiếp công dân",
    "tiếp dân",
    "đông người",
    "khiếu nại",
    "tố cáo",
    "kiến nghị",
    "phản ánh",
    "khiếu kiện",
)
NOT_RECEPTION_TEAMS = ("kiểm tra", "giám sát", "thanh tra", "công tác", "đoàn viên", "khảo sát")


def _delegation_with_persons(n: Num, text: str, folded: str, nums: list[Num]) -> bool:
    if n.unit not in ("đoàn", "lượt đoàn") or n.partner is not None:
        return False
    later = [m for m in nums if m.start > n.start and not m.skip]
    if (
        not later
        or later[0].unit not in ("người", "lượt người", "công dân")
        or not DELEGATION_PERSONS_GAP.fullmatch(text, n.unit_end, later[0].start)
    ):
        return False
    clause_start = max(folded.rfind(c, 0, n.start) for c in ";.:")
    return any_cue(folded, RECEPTION_WORDS) and not any_cue(
        folded[clause_start + 1 : later[0].unit_end], NOT_RECEPTION_TEAMS
    )


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


def _excluded(n: Num, text: str, folded: str, metric: str) -> bool:
    before = text[max(0, n.start - 30) : n.start]
    if CHANGE_PAIR.search(text[max(0, n.start - 60) : n.start]):
        return True
    clause = before[max(before.rfind(","), before.rfind(";"), before.rfind("(")) + 1 :]
    # a growth rate is a rise by definition: `GRDP ước tăng 7,36% so với năm 2016`, when it is the
    # sentence's first figure (`đạt 11,01%, tăng 0,26% so với năm 2022`, `đạt 3.410 tỷ đồng, tăng
    # 14,7%`, `22,4 triệu đồng (tăng 7,7%)`: the rise is then the change of that earlier figure)
    rise = (
        _is_growth(metric)
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


# a span of several years: its totals are not the report period's figures
MULTI_YEAR = regex.compile(
    r"(?i)(?<![\p{L}])(?:(?:trong|qua|sau)\s+(?:(?:hơn|gần|trên|khoảng)\s+)?(?:\d+|hai|ba|bốn|năm|mười)"
    r"\s+năm(?![\p{L}])|(?:từ|trong|các)\s+(?:các\s+)?(?:năm\s+)?(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d(?!\d)|"
    r"giai\s+đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d|"
    r"từ\s+(?:năm\s+|tháng\s+\d{1,2}\s*/\s*)?(?:19|20)\d\d\s+(?:đến|tới)\s+(?:nay|"
    r"(?:năm\s+|tháng\s+\d{1,2}\s*/\s*)?(?:19|20)\d\d))"
)
NUMBER_TAIL_STOP = regex.compile(
    r"(?<![\p{L}\d])\d+(?:[.,]\d+)*\s*(?:%|[\p{L}])(?<!đoạn \d)"
)  # the next figure
# what may stand between a clause's start and a year that heads it: `; năm 2015,`, `Cụ thể: năm 2014,`
CLAUSE_LEAD = regex.compile(r"(?i)[\s;:,.\-–+•]*(?:(?:cụ thể|trong đó|riêng|và|còn)[\s:,]*)?")
THRESHOLD_FROM = regex.compile(r"(?i)(?<![\p{L}])từ\s*$")
THRESHOLD_UP = regex.compile(r"(?i)[^,;.()]{0,25}?(?<![\p{L}])trở\s+lên(?![\p{L}])")
BREAKDOWN_START = regex.compile(r"(?i)^\W*trong\s+đó(?![\p{L}])")


def _spans_years(text: str) -> bool:
    """A sentence whose figures add up a span of several years (`Từ năm 2019-2022, ...`)."""
    span = None
    for span in MULTI_YEAR.finditer(text):
        pass
    return span is not None and not find_period_phrases(text[span.end() :], None)


GROWTH_RISE = regex.compile(r"(?i)(?<![\p{L}])tăng\s*$")


def _is_growth(metric: str) -> bool:
    return any(r.growth for r in load_catalog().rules if r.metric == metric)


def _period_of(n: Num, text: str, meta: DocMeta, doc_year: int | None, metric: str) -> str | None:
    """The figure's period when the sentence names one before it; 'previous' for an older one."""
    clause_start = max(text.rfind(";", 0, n.start), 0)
    before = ASIDE.sub(lambda m: " " * len(m.group(0)), text[: n.start])  # `(năm 2020 xếp hạng 5)`
    phrases = [
        p
        for p in find_period_phrases(before, doc_year)
        if p.period
        and (p.start >= clause_start or metric.startswith("index."))
        and not COMPARED.search(text[max(0, p.start - 25) : p.start])
    ]
    years_in_sentence = [
        int(m.group(1))
        for m in regex.finditer(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
        if not COMPARED_YEAR.search(text[max(0, m.start() - 25) : m.start()])
    ]
    if metric.startswith("index."):
        latest = max((y for y in years_in_sentence if not doc_year or y <= doc_year), default=None)
        near = phrases[-1] if phrases else None
        if near and latest and period_year(near.period) and period_year(near.period) < latest:
            return "previous"
        if latest:
            return str(latest)
        return None
    if _spans_years(before):
        return "previous"  # `Trong 5 năm qua (2014 - 2018), ... thụ lý 12.896 vụ việc`: a span of years, not the period
    tail = regex.match(r"[^,;()]{0,60}", text[n.unit_end if n.unit else n.end :])
    if tail and MULTI_YEAR.search(NUMBER_TAIL_STOP.split(tail.group(0))[0]):
        return "previous"  # `khen thưởng 18 mô hình giai đoạn 2020 - 2022`
    if not phrases:
        return None
    near = phrases[-1]
    year = period_year(near.period)
    if doc_year and year and year < doc_year:
        # a past period right before the figure, or heading its clause (`năm 2015, thụ lý 2.592
        # vụ việc, hòa giải thành 1.735 vụ việc`): a comparison value
        if NOW.search(text, near.end, n.start):
            return None  # `Năm 2016 chỉ có 9 mô hình, đến nay đã có 1.200 mô hình`: the later figure is today's
        if n.start - near.end < 25 or CLAUSE_LEAD.fullmatch(text[clause_start : near.start]):
            return "previous"
        return None
    if near.period == meta.period or near.kind == "Y":
        return None
    return near.period


SHARE_OF = regex.compile(r"(?i)chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*(?:là\s*)?$")
NOW = regex.compile(
    r"(?i)(?<![\p{L}])(?:đến\s+nay|tới\s+nay|hiện\s+nay|hiện\s+có|đến\s+thời\s+điểm\s+này)(?![\p{L}])"
)
# what a share by subject is taken of: `đơn thư về lĩnh vực đất đai chiếm tỷ lệ 84%` is no resolution rate
SHARE_TOPICS = (
    "lĩnh vực",
    "đất đai",
    "liên quan đến",
    "chế độ chính sách",
    "tranh chấp",
    "bồi thường",
    "giải phóng mặt bằng",
    "môi trường",
    "nội dung",
)


def _rates(
    nums,
    text,
    folded,
    s,
    group,
    catalog,
    by_num,
    meta,
    doc_year,
    context_folded="",
    heading_folded="",
    topic_folded="",
) -> list[Fact]:
    """A percentage: the rate of the count it follows (`giải quyết 761 đơn, đạt tỷ lệ 94,89%`),
    else a rate named by its own cue (`đúng hạn đạt 97,18%`)."""
    out = []
    for i, n in enumerate(nums):
        if n.unit != "%" or n.partner is not None:
            continue
        metric = None
        before = text[max(0, n.start - 25) : n.start]
        if regex.search(
            r"(?i)(đạt|tỷ lệ|tỉ lệ|bằng|chiếm|là)\s*(?:tỷ lệ|tỉ lệ)?\s*:?\s*(?:là\s*)?$", before
        ) or regex.search(r"(?i)(đạt|tỷ lệ|tỉ lệ)\s*:?\s*$", before):
            for prev in reversed(nums[:i]):
                if prev.unit == "%" or ";" in text[prev.end : n.start]:
                    break  # a rate follows the count of its own clause only
                if ")" in text[prev.end : n.start] and "(" not in text[prev.end : n.start]:
                    continue  # a part inside a breakdown: `176 đơn (160 khiếu nại, 16 tố cáo)/221 đơn, đạt 79,63%`
                m = by_num.get(id(prev))
                if m is None:
                    continue
                rule = catalog.rule_for(m)
                rate = (
                    next((r.rate for r in catalog.rules if r.metric == m and r.rate), None)
                    if rule
                    else None
                )
                if rate:
                    metric = rate
                elif SHARE_OF.search(before):
                    metric = ""  # `8.694 hồ sơ trực tuyến (chiếm 73%)`: the share of a count that has no rate metric
                break
        if metric == "":
            continue
        if (
            metric is None
            and SHARE_OF.search(before)
            and any_cue(folded[max(0, folded.rfind(";", 0, n.start)) : n.start], SHARE_TOPICS)
        ):
            continue  # a share by subject, of no count the sentence states
        if metric is None:
            metric, _ = _classify(
                n, text, folded, catalog, context_folded, heading_folded, topic_folded
            )
        if metric is None or _excluded(n, text, folded, metric):
            continue
        period = _period_of(n, text, meta, doc_year, metric)
        if period == "previous":
            continue
        out.append(_fact(metric, n, s, group, period, catalog))
    return out


def _zeros(text: str, folded: str, s: Sentence, group: str, catalog: Catalog) -> list[Fact]:
    """`không có đơn khiếu nại, tố cáo` → 0 complaints and 0 denunciations; `Số đoàn: Không.` → 0."""
    out = []
    for m in ZERO_PHRASE.finditer(text):
        phrase = m.group(2)
        fphrase = fold(phrase)
        unit = next(
            (
                u
                for u in sorted(ZERO_UNITS, key=len, reverse=True)
                if fphrase.startswith(fold(u) + " ") or fphrase == fold(u)
            ),
            None,
        )
        if unit is None:
            continue
        types = [t for t in ("khiếu nại", "tố cáo", "kiến nghị") if any_cue(fphrase, (t,))]
        # `không có đơn khiếu nại, tố cáo`: one zero per type, each read on its own
        labels = (
            [f"{unit} {t}" for t in types]
            if len(types) > 1
            else [phrase + " " + text[: m.start()][-60:]]
        )
        for label in labels:
            metric = classify_metric(label if len(types) > 1 else phrase, unit) or classify_metric(
                label, unit
            )
            if metric:
                out.append(
                    Fact(
                        metric,
                        0.0,
                        catalog.unit_of(metric),
                        evidence=text.strip(),
                        page=s.page,
                        block_index=s.block_index,
                        start=m.start(),
                        end=m.end(),
                        raw=m.group(1),
                        source=s.source,
                        group=group,
                    )
                )
    for m in ZERO_ANSWER.finditer(text):
        label = m.group(1)
        unit = _first_unit(fold(label) + " " + fold(m.group(3) or ""))
        metric = classify_metric(label, unit) if unit else None
        if metric:
            out.append(
                Fact(
                    metric,
                    0.0,
                    catalog.unit_of(metric),
                    evidence=text.strip(),
                    page=s.page,
                    block_index=s.block_index,
                    start=m.start(2),
                    end=m.end(2),
                    raw=m.group(2),
                    source=s.source,
                    group=group,
                )
            )
    return out


def _first_unit(folded: str) -> str | None:
    """The unit word that stands first in a label (`Tổng số đơn vị được kiểm tra` → đơn vị)."""
    best = None
    for u in ZERO_UNITS:
        for st, e in find_cue(folded, u):
            if best is None or (st, -(e - st)) < (best[0], -best[1]):
                best = (st, e - st, u)
    return best[2] if best else None


def _fact(
    metric: str, n: Num, s: Sentence, group: str, period: str | None, catalog: Catalog
) -> Fact:
    unit = catalog.unit_of(metric) or n.unit
    value = n.value
    if n.unit in ("triệu đồng", "tỷ đồng", "nghìn đồng") and value is not None:
        value *= {"triệu đồng": 1e6, "tỷ đồng": 1e9, "nghìn đồng": 1e3}[n.unit]
        unit = "đồng"
    return Fact(
        metric=metric,
        value=value,
        unit=unit,
        qualifier=n.qualifier,
        scope=_scope(s.text, n, metric),
        period=period,
        evidence=s.text.strip(),
        page=s.page,
        block_index=s.block_index,
        start=n.start,
        end=n.end,
        raw=n.raw,
        source=s.source,
        group=group,
        decimals=n.decimals,
    )


def _scope(text: str, n: Num, metric: str) -> str | None:
    if not metric.startswith(("reception.", "inspection.")):
        return None
    found = [m for m in SCOPE.finditer(text[: n.start])]
    if found:
        return regex.sub(r"\s+", " ", found[-1].group(1))
    return None


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f.metric, f.value, f.start)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
