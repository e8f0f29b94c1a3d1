"""Where the items of a list begin and end (the structure stage's spans).

Items are told apart by `;`, `,` (not inside a number) or `và` between two figures, never
inside a parenthesis; where semicolons tell them apart, the commas inside one belong to its
label. The words are the catalog's (prose.toml [words]).
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.prose.spans import Num
from normalizers.text import alternation

SEPARATOR = compiled(r"[;,]")
FIGURES = compiled(r"\d+(?:[.,]\d+)*")


@cache
def _item_separator() -> regex.Pattern:
    """`;`, `,` (not inside a number) or `và` between two items."""
    and_word = regex.escape(catalog.table("prose.toml", "words", "and"))
    return compiled(rf"\s*(?:;|,(?!\d)|\s{and_word}\s)\s*")


def item_spans(text: str, start: int, end: int, nums: list[Num]) -> list[tuple[int, int]]:
    """The items of a list: where its items are told apart by semicolons, the commas inside
    one belong to its label (`05 sở, ngành; 03 UBND huyện, thành phố; 04 UBND xã`), unless
    that item holds several figures itself (`khiếu nại 18, tố cáo 05; kiến nghị 34`)."""
    semis = top_level_semicolons(text, start, end)
    if not semis:
        return _chunks(text, start, end, nums)
    out: list[tuple[int, int]] = []
    for a, b in zip([start, *[i + 1 for i in semis]], [*semis, end], strict=True):
        figures = [n for n in nums if a <= n.start < b and not n.skip and n.unit != "%"]
        if len([n for n in figures if n.partner is None or n.is_numerator]) > 1:
            out += _chunks(text, a, b, nums)
        elif text[a:b].strip():
            out.append((a, b))
    return out


def top_level_semicolons(text: str, start: int, end: int) -> list[int]:
    depth, out = 0, []
    for i in range(start, end):
        ch = text[i]
        depth += 1 if ch == "(" else -1 if ch == ")" and depth else 0
        if ch == ";" and depth == 0:
            out.append(i)
    return out


def _chunks(
    text: str, start: int, end: int, nums: list[Num] | None = None
) -> list[tuple[int, int]]:
    """The spans between separators at the top level (not inside a nested parenthesis)."""
    starts = [n.start for n in nums or []]
    # a comma inside a figure's unit separates nothing (`32 mô hình, điển hình`)
    in_units = [(n.end, n.unit_end) for n in nums or [] if n.unit and "," in n.unit]
    spans, depth, last = [], 0, start
    i = start
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and not any(a <= i < b for a, b in in_units):
            m = _item_separator().match(text, i)
            joins = m is not None and ch.isspace()  # `và`: only between two figures
            if (
                m
                and m.end() > i
                and (
                    ch in ";,"
                    or joins
                    and _figure_within(text, last, i, starts)
                    and _figure_next(text, m.end(), end, starts)
                )
            ):
                spans.append((last, i))
                last = m.end()
                i = m.end()
                continue
        i += 1
    spans.append((last, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def has_digit(text: str, start: int, end: int) -> bool:
    return any(ch.isdigit() for ch in text[start:end])


def _figure_within(text: str, start: int, end: int, starts: list[int]) -> bool:
    """A figure in the span: digits, or a written-out count (`sáu điển hình`)."""
    return has_digit(text, start, end) or any(start <= s < end for s in starts)


def _figure_next(text: str, start: int, end: int, starts: list[int]) -> bool:
    """A figure before the next separator: `và` joins two items, not two words of one label."""
    m = SEPARATOR.search(text[start:end])
    return _figure_within(text, start, start + m.start() if m else end, starts)


def only_its_rate(gap: str) -> bool:
    """Nothing, the figure's own rate (`33 đơn, đạt 86,84% (...)`) or its own words (`327 mô
    hình "Dân vận khéo" được công nhận (...)`: no clause break) between a figure and a
    parenthesis."""
    rest = regex.sub(r"\d+(?:[.,]\d+)?\s*%", " ", gap)
    if any(ch.isdigit() for ch in rest):
        return False
    letters = len(regex.sub(r"[\s,;:]", "", rest))
    if letters <= 12 or (letters <= 40 and not regex.search(r"[,;:.]", rest)):
        return True
    # `236 cuộc thanh tra, kiểm tra chuyên ngành (...)`: a comma inside the figure's own words,
    # no clause of its own after it
    return letters <= 80 and not regex.search(r"[;:.]", rest) and not _clause_verb().search(rest)


@cache
def _clause_verb() -> regex.Pattern:
    verbs = catalog.words("prose.toml", "clause", "new_predicate_verbs")
    changes = catalog.words("prose.toml", "clause", "percent_clause_openers")
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{alternation([*verbs, *changes])})(?![\p{{L}}])")


def shares_its_unit(gap: str, inside: list[Num]) -> bool:
    """`03 mô hình ... được UBND huyện công nhận (01 tập thể, 02 cá nhân)`: a parenthesis at the
    end of the figure's own clause whose figures name no unit break that figure down."""
    return (
        bool(inside)
        and not any(ch.isdigit() for ch in gap)
        and not any(c in gap for c in ";:(")
        and len(gap) < 80
        and all(n.unit is None for n in inside)
    )


def counts_in_its_unit(gap: str, inside: list[Num], figure: Num) -> bool:
    """`186 thủ tục được cung cấp dịch vụ công trực tuyến trên Cổng ... (cấp huyện 131 thủ tục,
    cấp xã 55 thủ tục)`: figures in the figure's own unit, at the end of its own words (no
    figure, no clause break between), break it down."""
    return (
        figure.unit is not None
        and len(inside) >= 2
        and all(n.unit == figure.unit for n in inside)
        and not any(ch.isdigit() for ch in gap)
        and not regex.search(r"[;:.()]", gap)
        and len(gap) <= 100
    )


def follows_its_figure(gap: str, inside: list[Num], figure: Num) -> bool:
    """A parenthesis of figures breaks down the figure before it across this gap."""
    return (
        only_its_rate(gap)
        or shares_its_unit(gap, inside)
        or counts_in_its_unit(gap, inside, figure)
    )


@cache
def _whole_opening() -> regex.Pattern:
    opens = catalog.toml("structure.toml")["lead_in"]["named"]["opens"]
    return compiled(rf"\s*(?:{alternation(opens, folded=True)})\s+")


def comma_after_a_counted_whole(folded: str, nums: list[Num]) -> list[int]:
    """`Trong số 118 hồ sơ đang giải quyết, có 109 ... và 09 ...`: the comma after a whole the
    sentence opens with (structure.toml [lead_in] named.opens and a figure), which opens the
    list of its parts."""
    m = _whole_opening().match(folded)
    first = next((n for n in nums if not n.skip), None)
    if m is None or first is None or first.start != m.end() or not first.unit:
        return []
    comma = folded.find(",", first.unit_end)
    inside = [n for n in nums if n.start > comma and not n.skip and n.unit != "%"]
    return [comma] if comma > 0 and len(inside) >= 2 else []


def breaks_the_item_before(text: str, c_start: int, inside: list[Num], before: int) -> bool:
    """A span of words then a parenthesised list (`thị trấn (61 mô hình tập thể, 32 ...)`)
    after an item whose figure (at `before`) stands outside any parenthesis: the list breaks
    that item down, it is no item of its own."""
    opened = text.find("(", c_start, inside[0].start) if inside else -1
    if opened < 0 or ")" in text[opened : inside[0].start]:
        return False
    if text.rfind("(", 0, before) > text.rfind(")", 0, before):
        return False  # (`đất đai (38 đơn), chế độ, chính sách (09 đơn)`: items in parentheses)
    close = text.find(")", opened)
    return len(FIGURES.findall(text, opened, close if close >= 0 else len(text))) >= 2


def figureless_aside(text: str, lead) -> bool:
    """A lead-in that opens or stands in a parenthesis without a figure opens no list (`cấp
    huyện 03 cuộc (do Chủ tịch chủ trì, tập trung vào ...), cấp xã 27 cuộc`): the list goes on."""
    opened = text.rfind("(", 0, lead.start() + 1)
    if opened < 0 or text.rfind(")", opened, lead.start()) >= 0:
        return False
    close = text.find(")", lead.start())
    return close > 0 and not has_digit(text, opened, close)


def ends_its_clause_figureless(text: str, lead) -> bool:
    """A lead-in whose words reach a `;` with no figure opens no list (`03 cuộc ..., tập trung
    vào bồi thường ...; Chủ tịch UBND các xã tổ chức 41 cuộc`: the next clause is no item)."""
    stop = text.find(";", lead.end())
    return stop > 0 and not has_digit(text, lead.end(), stop)


def list_end(text: str, start: int) -> int:
    """A list inside a parenthesis ends at its closing parenthesis, else at the sentence end."""
    opened = text.rfind("(", 0, start)
    if opened >= 0 and text.rfind(")", 0, start) < opened:
        close = text.find(")", start)
        if close >= 0:
            return close
    return len(text)
