"""Lists whose items are paragraphs of their own (the structure stage across blocks).

`Hồ sơ tiếp nhận gồm các lĩnh vực sau:` then `- Chứng thực: 598 hồ sơ;`, `- Hộ tịch: 436 hồ
sơ;` ...: each item is read with the lead-in (so its figure has the lead-in's metric), and the
run of items together breaks down the figure of that metric the lead-in states or follows. Each
item's figure is scoped to its label and linked to that figure, complete when the lead-in
claims the list is the whole (`gồm`) and every item gave a part. An item labelled with an
outcome of a resolution (`- Khiếu nại đúng: 02 vụ`) is no part and no figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import catalog
from catalog import aside_of
from catalog.patterns import compiled
from extractors.finders.cues import classify_metric
from extractors.finders.prose.facts import split_metrics, whole_named
from extractors.finders.prose.headed_items import complete_lead_in, link_headed
from extractors.finders.prose.item_labels import is_rest_label, same_marks
from extractors.finders.prose.lists import is_outcome_label
from extractors.finders.prose.sections import outline_heading
from extractors.finders.prose.sentences import ITEM_MARK
from extractors.finders.prose.spans import Num, numbers_in
from extractors.finders.prose.zeros import answered_zero
from model import HEADING, Block, Fact
from normalizers.text import fold

DIGIT = compiled(r"\d")
ASIDE = compiled(r"\([^()]*\)")  # `Lĩnh vực đất đai (tranh chấp ranh giới, ...)`
LABEL_TRIM = " :-–.;,"
MAX_LABEL = 80
SHORT_LINE = 120  # a line this short without figures is a heading, not a paragraph
EARLIER_BLOCKS = 3  # blocks before the lead-in's last one whose wholes items may add up to


@dataclass
class ItemRun:
    lead: str  # the lead-in sentence (`... gồm các lĩnh vực sau:`)
    near: list[Fact]  # the facts of the block before the lead-in's, then of the lead-in's
    items: list[tuple[Block, list[Fact]]] = field(default_factory=list)
    # items that are a numbered sub-heading and the paragraph under it (`1.1. Tiếp thường
    # xuyên` / `Ban Tiếp công dân ... đã tiếp 64 lượt/81 người.`): (heading words, paragraph)
    headed: list[tuple[str, Block, list[Fact]]] = field(default_factory=list)
    heading: str | None = None  # the sub-heading waiting for its paragraph
    tail: list[tuple[Block, list[Fact]]] = field(default_factory=list)  # further paragraphs
    level: int | None = None  # the outline level of the run's sub-headings
    # the facts of a few blocks further back: a whole the items add up to exactly may stand
    # there (`tiếp 231 lượt ...` / `+ Đoàn đông người: ...` / `Phân loại theo nội dung:` / items)
    earlier: list[Fact] = field(default_factory=list)


class ItemRuns:
    """Follows the blocks of a document's prose, one after another, and links each run of
    item paragraphs after a lead-in when the run ends."""

    def __init__(self) -> None:
        self.run: ItemRun | None = None
        self.before: list[Fact] = []
        self.earlier: list[list[Fact]] = []  # the facts of the blocks before `before`
        self.dropped: list[Fact] = []
        self.added: list[Fact] = []

    def after_block(self, block: Block, is_item: bool, facts: list[Fact], lead: str) -> None:
        """`facts`: the block's own; `lead`: its last sentence when it ends with a colon."""
        if self.run is not None and not self._under_headings(block, is_item, facts):
            if self.run.headed or self.run.heading is not None:
                self.finish()  # (the next section's heading, or a paragraph of its own)
            elif is_item:
                self.run.items.append((block, facts))
            if self.run is not None and (not is_item or lead):
                self.finish()
        if lead:
            self.run = ItemRun(lead, self.before + facts, earlier=sum(self.earlier, []))
        if facts or len(block.text) > SHORT_LINE:
            self.earlier = (self.earlier + [self.before])[-EARLIER_BLOCKS:]
            self.before = facts  # (a heading between keeps the figures before it in view)

    def at_heading(self, block: Block) -> None:
        """A heading block (a styled one, which carries no figures) in a run of sub-headed
        items; a run of other items sees only a numbered one (`2. Kết quả`), which ends it."""
        if self.run is not None and self.run.items and outline_heading(block.text) is not None:
            self.finish()
        if self.run is None or self.run.items or block.kind != HEADING:
            return
        if not self._under_headings(block, True, []) and (self.run.headed or self.run.level):
            self.finish()

    def _under_headings(self, block: Block, is_item: bool, facts: list[Fact]) -> bool:
        """Whether the block goes on a run of sub-headed items: a sub-heading of the run's
        level, the paragraph under it, or a further paragraph under the same sub-heading."""
        run = self.run
        if run is None or run.items:
            return False
        outline = outline_heading(block.text)
        if outline is not None and not facts and len(block.text) <= SHORT_LINE:
            level, words = outline
            if run.heading is not None or (run.level is not None and level != run.level):
                return False
            run.level, run.heading = level, words.strip(LABEL_TRIM)
            return True
        if is_item or run.level is None:
            return False
        if run.heading is not None:
            if not facts:
                return False
            run.headed.append((run.heading, block, facts))
            run.heading = None
        elif run.headed:
            run.tail.append((block, facts))
        return bool(run.headed)

    def finish(self) -> None:
        if self.run is not None:
            dropped, added = link_item_run(self.run)
            self.dropped += dropped
            self.added += added
        self.run = None

    def kept(self, facts: list[Fact]) -> list[Fact]:
        """The document's facts once the last run is linked, without the outcome items."""
        self.finish()
        dropped = {id(f) for f in self.dropped}
        return [f for f in facts + self.added if id(f) not in dropped]


def link_item_run(run: ItemRun) -> tuple[list[Fact], list[Fact]]:
    """Scope and link the run's item figures (in place); the facts to drop (outcome items) and
    the item figures no finder read that the run shows to be parts."""
    if run.headed:
        return [], link_headed(run.lead, run.near, run.headed, run.tail)
    parts: list[tuple[str, Fact, list[Fact]]] = []
    dropped: list[Fact] = []
    items = same_marks(run.items)
    unread: list[tuple[str, Block, Num, list[Fact]]] = []
    for block, facts in items:
        found = _item_figure(block, facts)
        if found is None:
            first = _unread_first(block, facts)
            if first is None:
                return dropped, []  # an item that is not `label: figure` breaks no figure down
            unread.append((first[0], block, first[1], facts))
            continue
        label, fact = found
        if is_outcome_label(label) and fact.unit != "%":
            dropped.append(fact)
            continue
        if _of_its_kind(label, fact):
            continue  # `- Khiếu nại: đã giải quyết 10 đơn`: complaints resolved, no split
        parts.append((label, fact, facts))
    added: list[Fact] = []
    if unread and not any(is_outcome_label(label) for label, *_ in unread):
        # (`Đã giải quyết 08/09 đơn, cụ thể:` / `- Hòa giải thành 05 đơn;` / `- Công dân rút
        # đơn 01 đơn;` ...: items summing to the resolved, one an outcome, are all outcomes)
        read = _read_as_parts_of_their_sum(unread, parts, run.near) or (
            _read_as_parts_of_their_sum(unread, parts, run.earlier)
        )
        if not read:
            return dropped, []
        added = [f for _, f, _ in read]
        for label, f, _ in read:
            f.scope = label
        parts = sorted(parts + read, key=lambda p: p[1].start or 0)
    _rest_as_the_others(parts)
    _as_the_whole_they_make(parts, run.near)
    _as_the_lead_names(parts, run.lead)
    if len(parts) >= 2 and len({f.metric for _, f, _ in parts}) > 1:
        _link_catalog_parts(parts, run.near, f"items {items[0][0].index}", len(parts) == len(items))
    if len(parts) < 2 or len({f.metric for _, f, _ in parts}) != 1:
        return dropped, added
    total = sum(f.value or 0 for _, f, _ in parts)
    head = _head(run.near, parts[0][1].metric, total) or _head(
        run.earlier, parts[0][1].metric, total, summed_only=True
    )
    for label, _, facts in parts:
        for fact in facts:  # the item's other figures are the label's too (`trong đó trực tuyến`)
            fact.scope = fact.scope or label
    if head is not None:
        claimed = complete_lead_in().search(fold(run.lead)) or is_rest_label(parts[-1][0])
        complete = bool(claimed) and len(parts) == len(items)  # (or a last `- Các loại khác`)
        key = f"items {items[0][0].index}"  # a list of its own beside the sentence's lists
        for _, fact, _ in parts:
            fact.link("part_of", head, key, complete=complete)
    return dropped, added


def _link_catalog_parts(
    parts: list[tuple[str, Fact, list[Fact]]], near: list[Fact], key: str, every_item: bool
) -> None:
    """Items of the metrics a catalog sum makes a whole of (`+ Trực tuyến: 117 hồ sơ; + Trực
    tiếp: 48 hồ sơ; + Qua bưu chính: 03 hồ sơ` after `tiếp nhận mới 168 hồ sơ, trong đó:`) are
    parts of that whole's figure the lead-in follows, complete when they are all its parts."""
    metrics = {f.metric for _, f, _ in parts}
    for rel in catalog.toml("relations.toml").get("sum", []):
        if not metrics <= set(rel["parts"]):
            continue
        head = _head(near, rel["total"], sum(f.value or 0 for _, f, _ in parts))
        if head is not None:
            complete = every_item and metrics == set(rel["parts"])
            for _, f, _ in parts:
                f.link("part_of", head, key, complete=complete)
            return


def _as_the_whole_they_make(parts: list[tuple[str, Fact, list[Fact]]], near: list[Fact]) -> None:
    """Items that add up to exactly one figure the lead-in follows (`236 hồ sơ, ...; trong đó
    trực tuyến 41 hồ sơ. Theo lĩnh vực: - Chứng thực: 128 hồ sơ; ...`) are the parts of that
    figure, whatever the nearest words made of them: its metric is theirs."""
    if len(parts) < 2:
        return
    total = sum(f.value or 0 for _, f, _ in parts)
    wholes = {f.metric for f in near if f.value == total and f.scope is None}
    if len(wholes) == 1:
        metric = wholes.pop()
        if _catalog_parts_of(metric, {f.metric for _, f, _ in parts}):
            return  # `- Hòa giải thành: 51 vụ việc; - Không thành: 08; - Đang hòa giải: 04`
        if all(_names_its_own(label, f, metric) for label, f, _ in parts):
            return  # `- Đơn thuộc thẩm quyền: 64 đơn; - Đơn không thuộc thẩm quyền: 88 đơn, ...`
        for _, f, _ in parts:
            f.metric = metric


def _names_its_own(label: str, fact: Fact, whole: str) -> bool:
    """The item's label names a count of its own, not the whole's."""
    named = classify_metric(label, fact.unit)
    return named is not None and named != whole and catalog.kind(named) == "count"


def _as_the_lead_names(parts: list[tuple[str, Fact, list[Fact]]], lead: str) -> None:
    """Items the nearest words read apart (a split by topic here, received there) under a
    lead-in that names their whole (`Phân theo lĩnh vực, đơn đủ điều kiện xử lý gồm:`) are
    that whole's parts: its metric is theirs."""
    metrics = {f.metric for _, f, _ in parts}
    splits = split_metrics()
    if len(parts) < 2 or not metrics & splits or len(metrics - splits) > 1:
        return  # (only topic splits, and at most one other reading among them)
    named = whole_named(lead.rstrip(" :"), parts[0][1].unit)
    if named is None:
        return
    for _, f, _ in parts:
        f.metric = named


def _catalog_parts_of(whole: str, metrics: set[str]) -> bool:
    """The items are figures of their own that a catalog sum makes the whole of (relations.toml
    `[[sum]]`: successful, unsuccessful and ongoing make the cases)."""
    return len(metrics) > 1 and any(
        r["total"] == whole and metrics <= set(r["parts"]) and whole not in metrics
        for r in catalog.toml("relations.toml").get("sum", [])
    )


def _rest_as_the_others(parts: list[tuple[str, Fact, list[Fact]]]) -> None:
    """`- Các lĩnh vực còn lại: 21 hồ sơ` counts what the other items count (its `còn lại` is
    no pending figure)."""
    rest = tuple(fold(w) for w in catalog.words("structure.toml", "item", "rest"))
    others = {f.metric for label, f, _ in parts if not fold(label).endswith(rest)}
    if len(others) == 1:
        metric = next(iter(others))
        for label, f, _ in parts:
            if fold(label).endswith(rest):
                f.metric = metric


def _item_figure(block: Block, facts: list[Fact]) -> tuple[str, Fact] | None:
    """The item's label and the count that follows it (`- Hộ tịch: 436 hồ sơ`), unless the
    item's own sentence already placed that count in a structure of its own."""
    mark = ITEM_MARK.match(block.text)
    counts = [
        f
        for f in facts
        if f.start is not None and f.unit != "%" and catalog.kind(f.metric) == "count"
    ]
    if mark is None or not counts:
        return None
    first = min(counts, key=lambda f: f.start or 0)
    label = block.text[mark.end() : (first.start or 0) - block.start].strip(LABEL_TRIM)
    label = ASIDE.sub("", label).strip(LABEL_TRIM)  # (`Vi phạm nhỏ (gây gổ, ...): 02 vụ việc`)
    if not label or len(label) > MAX_LABEL or DIGIT.search(label):
        return None
    if first.links or first.role is not None:
        return None
    return label, first


def _of_its_kind(label: str, fact: Fact) -> bool:
    """An item labelled with a kind of petition states the figure of that kind (the item's
    figure becomes its kind's metric, in place: `- Tố cáo: đã giải quyết 02 đơn`)."""
    kind = classify_metric(label.split(":")[0], fact.unit)
    if kind is None or kind == fact.metric:
        return False
    mapped = aside_of(fact.metric).get(kind)
    if mapped is not None:
        fact.metric = mapped
    return fact.metric.startswith(kind + ".")  # (`petitions.complaints.resolved`, read so)


def _unread_first(block: Block, facts: list[Fact]) -> tuple[str, Num] | None:
    """`- Hôn nhân và gia đình: 296 vụ việc, hòa giải thành 262 vụ việc`: the label and the
    first figure of an item whose words name no metric, when no finder read that figure."""
    mark = ITEM_MARK.match(block.text)
    if mark is None:
        return None
    nums = [n for n in numbers_in(block.text) if not n.skip and n.unit and n.unit != "%"]
    zero = None if nums else answered_zero(block.text, mark.end())  # `- Vay mượn: không.`
    nums = nums or ([zero] if zero is not None else [])
    if not nums:
        return None
    first = nums[0]
    label = block.text[mark.end() : first.start].strip(LABEL_TRIM)
    label = ASIDE.sub("", label).strip(LABEL_TRIM)
    if not label or len(label) > MAX_LABEL or DIGIT.search(label):
        return None
    if any(f.start == block.start + first.start for f in facts):
        return None
    return label, first


def _read_as_parts_of_their_sum(
    unread: list[tuple[str, Block, Num, list[Fact]]],
    parts: list[tuple[str, Fact, list[Fact]]],
    near: list[Fact],
) -> list[tuple[str, Fact, list[Fact]]]:
    """Unread item figures that, with the read ones, add up to exactly one count the lead-in
    follows are that count's parts (`tiếp nhận 1.214 vụ việc ... Phân theo lĩnh vực: - Đất
    đai: 402 vụ việc, hòa giải thành 318 vụ việc; ...`), each in its item's sentence."""
    total = sum(n.value or 0 for _, _, n, _ in unread) + sum(f.value or 0 for _, f, _ in parts)
    units = catalog.figure_units()
    counts = {units.counts(n.unit) for _, _, n, _ in unread if n.unit} or {
        units.counts(f.unit or "") for _, f, _ in parts
    }
    wholes = [
        f
        for f in near
        if f.scope is None
        and f.value == total
        and catalog.kind(f.metric) == "count"
        and counts == {units.counts(f.unit or "")}
    ]
    if len({f.metric for f in wholes}) != 1 or any(
        f.metric != wholes[0].metric for _, f, _ in parts
    ):
        return []
    return [
        (label, _item_fact(wholes[0], block, n, facts), facts) for label, block, n, facts in unread
    ]


def _item_fact(whole: Fact, block: Block, n: Num, facts: list[Fact]) -> Fact:
    """The fact of an unread item figure, of its whole's metric, stated in the item's sentence
    (the group of the figures after it in that sentence)."""
    start = block.start + n.start
    after = [
        f
        for f in facts
        if (f.start or 0) > start and "." not in block.text[n.end : (f.start or 0) - block.start]
    ]
    same = min(after, key=lambda f: f.start or 0) if after else None
    fact = replace(
        whole,
        value=n.value,
        qualifier=n.qualifier,
        raw=n.raw,
        start=start,
        end=block.start + n.end,
        block_index=block.index,
        page=block.page_at(n.start) if block.page_starts else block.page,
        evidence=same.evidence if same is not None else block.text.strip(),
        group=same.group if same is not None else f"{whole.group}:{block.index}",
        decimals=n.decimals,
        role=None,
        detail=None,
        links=[],
    )
    return fact


def _head(near: list[Fact], metric: str, total: float, summed_only: bool = False) -> Fact | None:
    """The figure of the items' metric the lead-in states or follows: the one the items add up
    to, else (unless `summed_only`) the last one stated."""
    candidates = [
        f for f in near if f.metric == metric and f.scope is None and not f.has_link("part_of")
    ]
    summed = [f for f in candidates if f.value is not None and abs(f.value - total) < 1e-6]
    best = summed or ([] if summed_only else candidates)
    return best[-1] if best else None
