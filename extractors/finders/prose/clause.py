"""The words around a figure in its clause (all on folded text).

The descriptor is what follows a figure's unit and says what it counts (`6 đơn kiến nghị,
phản ánh` → `kiến nghị`); the subject is what the clause says before its first figure
(`Tỷ lệ hài lòng của người dân ... đạt` before `98,6%`); descriptors of earlier figures are
masked so they name only their own figure. The words are the catalog's (prose.toml [clause]).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import any_cue, false_friends, find_cue, group_may_match
from extractors.finders.prose.petition_types import kind_word, petition_types_in
from extractors.finders.prose.sentences import ASIDE
from extractors.finders.prose.spans import Num
from normalizers.numbers import DIGITS
from normalizers.text import alternation, fold

PERCENT_DESCRIPTOR_END = compiled(r"[;:()\[\]]|\.(?!\d)")
# what a count counts is said in its next 80 characters; a share's subject may run to 120
_DESCRIPTOR_CHARS = (80, 120)  # (`100% cơ quan ... UBND các xã thực hiện cơ chế một cửa`)
BREAKDOWN_AFTER = compiled(r"\s*\([^()]{1,100}\)(?=\s*[\p{L}])")
CLAUSE_START = compiled(r"[;:]|(?<![\d])\.(?!\d)")
ANY_SPACE = r"\s+"


@dataclass(frozen=True)
class _Patterns:
    new_predicate: regex.Pattern
    predicate_verb: regex.Pattern  # `đã`, `được` ... opening the predicate of the next figure
    descriptor_end: regex.Pattern
    bare_comma: regex.Pattern
    number_start: regex.Pattern
    unit_words: regex.Pattern  # a unit of up to three words, never past `và`
    measure_head: regex.Pattern
    and_next: regex.Pattern  # `tố cáo 43 đơn và kiến nghị 202 đơn`
    percent_clause: regex.Pattern  # `100% ..., không có hồ sơ quá hạn`: a clause of its own
    period_before: regex.Pattern  # `năm ` before a year: a date or period, not a figure
    period_unit: regex.Pattern  # `6 tháng`: a period, not a figure


@cache
def _patterns() -> _Patterns:
    words = catalog.table("prose.toml", "clause")
    and_word = regex.escape(fold(catalog.table("prose.toml", "words", "and")))

    level = regex.escape(fold(words["level"]))

    def folded(key: str, spaces: str = " ") -> str:
        return alternation(words[key], folded=True, spaces=spaces)

    return _Patterns(
        new_predicate=compiled(
            rf"\s(?:{folded('new_predicate_conjunctions')})\s+(?:{folded('new_predicate_verbs')})\s"
        ),
        predicate_verb=compiled(rf"\s(?:{folded('new_predicate_verbs')})\s"),
        # a comma right after the unit, not joining a second party to it (`1.187 tổ chức, cá
        # nhân`): the figure has no words of its own
        bare_comma=compiled(rf"\s?,(?!\s*(?:{folded('descriptor_parties')})(?![\p{{L}}]))"),
        descriptor_end=compiled(
            rf",(?!{kind_word()})(?!\s*(?:{folded('descriptor_parties')})(?![\p{{L}}]))|[;:()\[\].]|"
            rf"\s(?:{and_word}(?!\s+(?:{folded('and_joins', spaces=ANY_SPACE)}))"
            rf"|{folded('descriptor_ends')})\s"
        ),
        number_start=compiled(rf"(?<![\p{{L}}\d.,]){DIGITS}\s*(?:%|[\p{{L}}])(?<!{level} \d)"),
        unit_words=compiled(rf"[\p{{L}}%]+(?:\s+(?!{and_word}(?![\p{{L}}]))[\p{{L}}]+){{0,2}}"),
        measure_head=compiled(rf"(?<![\p{{L}}])(?:{folded('measure_heads')})(?![\p{{L}}])"),
        and_next=compiled(rf"\s*{and_word}(?![\p{{L}}])"),
        percent_clause=compiled(rf",\s*(?:{folded('percent_clause_openers')})\s"),
        period_before=compiled(rf"(?<![\p{{L}}])(?:{folded('period_words')})\s+$"),
        period_unit=compiled(rf"(?:{folded('period_words')})(?![\p{{L}}])"),
    )


def number_start() -> regex.Pattern:
    """A figure and the first letter (or `%`) of its unit, on folded text: where the words
    about one figure end and the next figure begins."""
    return _patterns().number_start


def new_predicate() -> regex.Pattern:
    """`... và đã ...`, `... nhưng có ...`: a new predicate starts (on folded text)."""
    return _patterns().new_predicate


def starts_with_and(folded: str) -> bool:
    """`và kiến nghị 202 đơn`: what follows names the next item, not this figure."""
    return bool(_patterns().and_next.match(folded))


YEAR = compiled(r"(?:19|20)\d\d(?!\d)")


def descriptor(n: Num, folded: str, tail: int) -> str:
    """The words right after a figure's unit that say what it counts, up to the clause's end
    (`6 đơn kiến nghị, phản ánh` → `kiến nghị`; `100% xã, phường thực hiện một cửa` → all of it)."""
    start, end = descriptor_span(n, folded, tail)
    return folded[start:end]


def descriptor_span(n: Num, folded: str, tail: int) -> tuple[int, int]:
    if _patterns().bare_comma.match(folded, tail):
        return tail, tail  # `khiếu nại 03 đơn, kiến nghị phản ánh 12 đơn`: nothing describes it
    end_re = PERCENT_DESCRIPTOR_END if n.unit == "%" else _patterns().descriptor_end
    if n.unit != "%":
        aside = BREAKDOWN_AFTER.match(folded, tail)
        if aside:
            # `221 đơn (196 khiếu nại, 25 tố cáo) thuộc thẩm quyền`: the words after the breakdown
            tail = aside.end()
    m = end_re.search(folded, tail)
    end = m.start() if m else len(folded)
    if n.unit == "%":
        # `100% trước hạn và đúng hạn, không có hồ sơ quá hạn`: a clause of its own follows
        clause = _patterns().percent_clause.search(folded, tail, end)
        end = clause.start() if clause else end
    nxt = next(
        (m for m in _patterns().number_start.finditer(folded, tail, end) if not _a_year(folded, m)),
        None,
    )
    if nxt:
        end = nxt.start()
        verb = _patterns().predicate_verb.search(folded, tail, end)
        if verb:
            # `38 đơn khiếu nại đã giải quyết 33 đơn`: the verb's words name the next figure
            end = verb.start()
        comma = folded.rfind(",", tail, end)
        if n.unit == "%" and comma >= 0:
            # `giảm còn 7,16%, hộ cận nghèo còn 16,96%`: after the comma stands the next figure's
            # subject
            end = comma
    return tail, max(tail, min(end, tail + _DESCRIPTOR_CHARS[n.unit == "%"]))


def _a_year(folded: str, m: regex.Match) -> bool:
    """A year after `năm` names when, not what: `03 vụ việc năm 2022 chuyển sang`."""
    return folded[max(0, m.start() - 4) : m.start()] == "nam " and bool(
        YEAR.match(folded, m.start())
    )


def mask_descriptors(folded: str, anchor: int) -> str:
    """The text before a figure with the descriptors of earlier figures blanked out: in
    `176 TTHC sửa đổi, bổ sung, 38 TTHC bị bãi bỏ`, `sửa đổi, bổ sung` names 176, not 38."""
    p = _patterns()
    chars = list(folded)
    for m in p.number_start.finditer(folded, 0, anchor):
        unit_end = m.end() - 1  # the number's pattern stops on the unit's first letter
        if p.period_before.search(folded, max(0, m.start() - 8), m.start()) or p.period_unit.match(
            folded, unit_end
        ):
            continue  # `6 tháng đầu năm 2023 đã tiếp nhận 25.914 hồ sơ`: periods have no words
        word = p.unit_words.match(folded[unit_end:])  # the unit, never past `và`
        tail = unit_end + (word.end() if word else 0)
        conj = p.new_predicate.search(folded, unit_end, tail + 4)
        if conj:
            # `629 vụ việc và đã hòa giải thành công 372 vụ việc`: what follows `và đã` names the
            # next figure
            continue
        fake = Num(None, "", m.start(), unit_end, "x", tail)
        start, end = descriptor_span(fake, folded, tail)
        for i in range(start, min(end, anchor)):
            chars[i] = " "
    return "".join(chars)


def subject_before(folded: str, anchor: int) -> str:
    """The clause's subject when the number is the first figure of its clause: `Tỷ lệ hài lòng
    của người dân, tổ chức ... đạt` before `98,6%`; empty when another figure stands between.
    After a figure earlier in the clause, a measure phrase (`mức độ hài lòng ... đạt`) still is."""
    p = _patterns()
    starts = [m.end() for m in CLAUSE_START.finditer(folded, 0, anchor)]
    begin = starts[-1] if starts else 0
    span = folded[begin:anchor]
    if p.number_start.search(span) or len(span) > 160:
        heads = list(p.measure_head.finditer(span))
        head = heads[-1] if heads else None
        if head is None or p.number_start.search(span, head.start()):
            return ""
        span = span[head.start() :]
    head = p.measure_head.search(span)
    return span[head.start() : head.start() + 40] if head else span


def topic_lead(folded: str, anchor: int) -> str:
    """The sentence's topic when it opens with a topic word and a colon before the figure
    (`đối với các vụ việc phức tạp, kéo dài:`), else empty; a lead with a figure of its own is
    no topic."""
    colon = folded.find(":", 0, anchor)
    if colon < 0 or not _topic_opener().match(folded) or DIGIT.search(folded, 0, colon):
        return ""
    return folded[:colon]


def topic_kind(folded: str, anchor: int) -> str | None:
    """The one petition kind a topic lead names before its comma or colon (`Đối với đơn kiến
    nghị, phản ánh thuộc thẩm quyền, đã giải quyết 81/88 đơn`: of recommendations)."""
    if not _topic_opener().match(folded):
        return None
    cut = max(folded.rfind(c, 0, anchor) for c in ",:")
    if cut < 0:
        return None
    lead = folded[:cut]
    if DIGIT.search(lead) or any_cue(lead, _narrower_topics()):
        return None
    kinds = petition_types_in(lead)
    return kinds.pop() if len(kinds) == 1 else None


@cache
def _narrower_topics() -> tuple[str, ...]:
    return tuple(catalog.table("prose.toml", "clause")["topic_kind_not_with"])


DIGIT = compiled(r"\d")


@cache
def _topic_opener() -> regex.Pattern:
    words = catalog.table("prose.toml", "clause")["topic_openers"]
    return compiled(rf"\s*(?:{alternation(words, folded=True)})(?![\p{{L}}])")


def subject_distance(subject: str) -> int:
    """How near a cue in the subject counts: a measure phrase's head (`mức độ hài lòng của ...
    Bộ phận Một cửa đạt`) outranks the words of its modifiers."""
    return (
        2
        if _patterns().measure_head.match(subject)
        else catalog.setting("prose", "subject_distance")
    )


def first_cue_in(text: str, cues: tuple[str, ...]) -> int | None:
    """Where the first cue of a group starts in `text` (already folded), or None."""
    if not group_may_match(text, cues):
        return None
    hits = [st for c in cues for st, _ in find_cue(text, c)]
    return min(hits) if hits else None


FIGURE = compiled(r"\d[\d.,]*")


@cache
def _and_word() -> regex.Pattern:
    word = regex.escape(fold(catalog.table("prose.toml", "words", "and")))
    return compiled(rf"(?<!\p{{L}}){word}(?!\p{{L}})")


def own_item_start(clause: str) -> int:
    """Where the words of a figure's own item start in its (folded) clause: after the figure
    before it when only `và` joins the two items (`trực tiếp tại quầy 5.832 hồ sơ và qua bưu
    chính`), not after a list's head (`39 TTHC: mới 08` keeps the head's words)."""
    found = list(FIGURE.finditer(clause))
    if not found:
        return 0
    between = clause[found[-1].end() :]
    return found[-1].end() if _and_word().search(between) and ":" not in between else 0


SERIES_BREAK = compiled(r"[;:]")
SERIES_DIGIT = compiled(r"\d")
SHORT_LABEL = 25  # `cấp huyện`, `Sở Tư pháp`: a label, not a clause of its own


def lead_of_labelled_rates(left: str, clause: str) -> str:
    """`Tỷ lệ giải quyết hồ sơ đúng hạn: cấp tỉnh 99,69%; cấp huyện 98,47%`: a rate after a short
    label in a semicolon series is named by the lead-in before the series' colon."""
    colon = left.find(":")
    if colon < 0 or len(clause.strip()) > SHORT_LABEL or SERIES_DIGIT.search(left[:colon]):
        return ""
    return left[:colon]


def series_predicate(left: str) -> str:
    """`đã giải quyết 171/189 đơn khiếu nại; 36/41 đơn tố cáo; 85/88 đơn kiến nghị`: an item of
    a semicolon series that opens with its figure says what the series' first clause says; the
    words before that clause's first figure (empty when there is none)."""
    segments = SERIES_BREAK.split(left)[:-1]
    for segment in reversed(segments[-5:]):
        first = SERIES_DIGIT.search(segment)
        if first is None or not segment[: first.start()].strip():
            continue  # another item of the series, or its lead-in word (`gồm:`)
        return segment[: first.start()]
    return ""


def prefer_own_clause(best, scored, folded: str, anchor: int, words: str, min_score: float):
    """After an item's label and colon (`a) Giải quyết khiếu nại: tổng số 07 đơn khiếu nại thuộc
    thẩm quyền`), a rule whose cues all stand in the figure's own clause and words (its unit's,
    its descriptor: `words`) wins over one whose cues stand only in the label: the label names
    the topic, the clause the figure. `best` and `scored` are (score, rule)."""
    start = len(folded) - len(folded.lstrip())
    lead_end = folded.rfind(":", 0, anchor)
    if best is None or lead_end < 0 or _patterns().number_start.search(folded, start, lead_end):
        return best
    own = folded[lead_end + 1 : anchor] + " " + words

    def in_own(rule) -> bool:
        return all(any_cue(own, g) for g in rule.near)

    if in_own(best[1]):
        return best
    # (`a) Tiếp thường xuyên: ... Ban Tiếp công dân tiếp 142 lượt`: the label refines the figure)
    refined = getattr(best[1], "refines", None)
    mine = [(sc, r) for sc, r in scored if sc >= min_score and in_own(r) and r.metric != refined]
    return max(mine, key=lambda x: x[0]) if mine else best


CLAUSE_BREAK = compiled(r"[,;()]")


@cache
def _phrases_with_commas() -> regex.Pattern | None:
    """The false friends that hold a comma (`phải rà soát, giải quyết`), any spaces around it."""
    phrases = {fold(p) for ff in false_friends().values() for p in ff if "," in p}
    if not phrases:
        return None
    return compiled(
        "|".join(r"\s*,\s*".join(map(regex.escape, p.split(","))) for p in sorted(phrases))
    )


def phrase_commas_blanked(folded: str) -> str:
    """The text with the comma inside such a phrase blanked: it breaks no clause (`phải rà
    soát, giải quyết 21 vụ`: the cue `giải quyết` is the phrase's, in the figure's clause)."""
    pattern = _phrases_with_commas()
    if pattern is None or "," not in folded:
        return folded
    return pattern.sub(lambda m: m.group().replace(",", " "), folded)


def closed_asides_blanked(folded: str, anchor: int) -> str:
    """The text with each parenthesis closed before the figure blanked out: `cấp huyện tiếp 312
    lượt (...; lãnh đạo UBND huyện tiếp 58 lượt), cấp xã tiếp 474 lượt` — the aside's words
    describe its own figures, not the ones after it."""
    if "(" not in folded[:anchor]:
        return folded
    return ASIDE.sub(lambda m: " " * len(m.group()) if m.end() <= anchor else m.group(), folded)


def right_of(folded: str, tail: int) -> str:
    """The words right after a figure: up to 30 characters, the clause's end or a colon,
    the next figure or a new predicate (`tiếp nhận 629 vụ việc và đã hòa giải thành công
    372 vụ việc`)."""
    ends = [tail + 30]
    colon = folded.find(":", tail)  # (`giải quyết 23 vụ: khiếu nại 09 vụ, ...`: a list opens)
    ends.append(colon if colon >= 0 else len(folded))
    for m in (
        CLAUSE_BREAK.search(folded, tail),
        number_start().search(folded, tail),
        new_predicate().search(folded, tail),
    ):
        ends.append(m.start() if m else len(folded))
    right = folded[tail : min(ends)]
    if starts_with_and(right):
        return ""  # `tố cáo 43 đơn và kiến nghị 202 đơn`: what follows `và` is the next item's kind
    return right


def to_clause_end(folded: str, tail: int) -> str:
    """The sentence without the clauses after the figure's that state a zero of their own
    (prose.toml [zeros] openers)."""
    parts = folded[tail:].split(";")
    kept = [p for p in parts[1:] if not p.strip().startswith(_zero_openers())]
    return ";".join([folded[:tail] + parts[0], *kept])


@cache
def _zero_openers() -> tuple[str, ...]:
    return tuple(fold(w) for w in catalog.table("prose.toml", "zeros", "openers"))


@cache
def _subjectless_opener() -> regex.Pattern:
    words = catalog.words("prose.toml", "clause", "subjectless_openers")
    return compiled(rf"\s*(?:{alternation(words, spaces=' ', folded=True)})(?![\p{{L}}])")


def subject_clause_start(text: str, at: int) -> int:
    """Where the `;` clause holding the subject of a figure at `at` starts: its own clause, or
    the one before when its own opens with a verb (`...; tiếp 41 lượt/67 người`)."""
    cut = text.rfind(";", 0, at)
    if cut >= 0 and _subjectless_opener().match(fold(text[cut + 1 : at])):
        return text.rfind(";", 0, cut) + 1
    return cut + 1


def in_an_aside_closed_before(text: str, at: int, opened: int) -> bool:
    """`cấp huyện (214 hồ sơ) và cấp xã (57 hồ sơ)`: a figure in a parenthesis closed before
    the next one opens is that one's sibling, not what it breaks down."""
    inside = text.rfind("(", 0, at) > text.rfind(")", 0, at)
    return inside and -1 < text.find(")", at) < opened
