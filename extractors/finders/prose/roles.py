"""The role of a figure in its sentence, when it is not the period's own value of its metric.

A figure may state a change (`giảm 24 đơn so với năm 2019`), be measured against a plan or an
earlier period (`đạt 120,49% kế hoạch`), give an older value in a parenthesis (`(cùng kỳ năm
trước 285 lượt)`), be a range's start (`từ 10,85% xuống còn 1,31%`), a threshold (`từ 4 người
trở lên`), a region's rank, an outcome of a resolution (`12 vụ tố cáo đúng`), a target or a
plan (`phấn đấu đạt 95%`, `sẽ thành lập 5 đoàn`). Such figures are left out; a change a count
states against an earlier period is kept as `<metric>.change`. The words are the catalog's
(number_roles.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

import catalog
from catalog.patterns import compiled
from extractors.finders.cues import Catalog, any_cue, load_catalog
from extractors.finders.prose.named_places import without_place_names
from extractors.finders.prose.spans import Num, numbers_in
from model import DocMeta
from normalizers.numbers import DIGITS
from normalizers.text import alternation, fold

YEAR = r"(?:19|20)\d\d"
ANY_SPACE = r"\s+"


@dataclass(frozen=True)
class _Patterns:
    change_before: regex.Pattern
    change_after: regex.Pattern
    previous_paren: regex.Pattern
    previous_clause: regex.Pattern
    carried_in: regex.Pattern
    compared_aside: regex.Pattern
    target_sentence: regex.Pattern
    targets: tuple[str, ...]
    future: regex.Pattern
    regional: regex.Pattern
    from_before: regex.Pattern
    to_after: regex.Pattern
    list_gap: regex.Pattern
    outcome_end: regex.Pattern
    verdict_before: regex.Pattern
    verdict_metrics: frozenset[str]
    change_pair: regex.Pattern
    superlative: regex.Pattern
    threshold_from: regex.Pattern
    threshold_up: regex.Pattern
    units_bound: regex.Pattern
    rise: regex.Pattern
    period_rise: regex.Pattern
    change_word: regex.Pattern
    share_of: regex.Pattern
    falls: frozenset[str]
    compared_with: regex.Pattern
    remaining: regex.Pattern
    not_yet: regex.Pattern


def _words(section: str, key: str, *, spaces: str = " ", folded: bool = False) -> str:
    return alternation(
        catalog.words("number_roles.toml", section, key), spaces=spaces, folded=folded
    )


def _word(section: str, key: str) -> str:
    """One phrase of the catalog, its words joined by any whitespace."""
    return alternation([catalog.table("number_roles.toml", section, key)])


def _change_patterns() -> dict[str, regex.Pattern]:
    change, comparison = "change", "comparison"
    rise_fall = f"{_words(change, 'rise')}|{_words(change, 'fall')}"
    abbreviations = _words(comparison, "measured_against_abbreviations")
    return {
        "change_before": compiled(
            rf"(?i)(?<![\p{{L}}])(?<!(?:{_words(change, 'not_after')})\s)"
            rf"({_words(change, 'words')})"
            rf"(?!\s+(?:{_words(change, 'to_level')})\s*$)"
            # (`cao hơn năm 2021 là 2,3%`: the period compared with between)
            rf"\s*(?:{_word('comparison', 'year')}\s+(?:19|20)\d{{2}}\s*)?(?:[\p{{L}}]+\s*){{0,2}}$"
        ),
        "change_after": compiled(
            rf"(?i)^\s*(?!(?:{_words(comparison, 'as_planned')})\s)"
            rf"(?:[\p{{L}}]+\s*){{0,1}}?({_words(comparison, 'measured_against')}|"
            rf"(?:{abbreviations})\b)"
            rf"(?<!{_word(comparison, 'exceeded')}\s(?:{_words(comparison, 'exceeded_plans')}))"
        ),
        "compared_aside": compiled(
            rf"(?i)(?:{_words(comparison, 'aside_openers')})[^,;()]{{0,30}}\([^()]*$"
        ),
        "change_pair": compiled(
            rf"(?i)(?<![\p{{L}}])(?:{rise_fall})(?:\s+[\p{{L}}]+){{0,2}}\s*\d+(?:[.,]\d+)?\s*%"
            rf"\s*\(\s*(?:{DIGITS}\s*(?:[\p{{L}}]+\s*){{0,2}}/\s*)?$"
        ),
        "rise": compiled(rf"(?i)(?<![\p{{L}}])(?:{_words(change, 'rise')})\s*$"),
        "period_rise": compiled(
            rf"(?i)^\s*(?:{_words(change, 'rise_periods')})\s+[\p{{L}}\d]+(?:/\d{{4}})?\s+"
            rf"(?:(?:{_words(change, 'estimated')})\s+)?(?:{_words(change, 'rise')})\s*$"
        ),
        "share_of": compiled(rf"(?i)\s*(?:{_words(change, 'share_of')})(?![\p{{L}}])"),
        "change_word": compiled(
            rf"(?i)(?<![\p{{L}}])({rise_fall})(?:\s+{_word(change, 'more')})?\s*$"
        ),
        "compared_with": compiled(
            rf"(?i)^\s*(?:[\p{{L}}]+\s*){{0,2}}?{_word(comparison, 'compare')}\s+"
            rf"(?:{_word(comparison, 'compare_with')}\s+)?"
            rf"({_word(comparison, 'same_period')}"
            rf"(?:\s+{_word(comparison, 'year')}\s+((?:19|20)\d{{2}}))?"
            rf"|{_word(comparison, 'year')}\s+((?:19|20)\d{{2}})"
            rf"|{_word(comparison, 'previous_period')})"
        ),
    }


@cache
def _patterns() -> _Patterns:
    previous, target = "previous", "target"
    outcome = catalog.table("number_roles.toml", "outcome")
    and_word = regex.escape(catalog.table("prose.toml", "words", "and"))
    return _Patterns(
        **_change_patterns(),
        previous_paren=compiled(
            rf"(?i)\(\s*(?:(?:{_words(previous, 'openers')})\s+)?"
            rf"(?:{_words(previous, 'in_parenthesis')}"
            rf"|(?:{_words(previous, 'before_carried_over')})"
            rf"(?!\s+{_word(previous, 'carried_over')})|{_word(previous, 'year')}\s+{YEAR})[^()]*$"
        ),
        carried_in=compiled(rf"(?i)(?<![\p{{L}}]){_word(previous, 'carried_over')}(?![\p{{L}}])"),
        previous_clause=compiled(
            rf"(?i)(?:(?:^|[,;:(])\s*(?:{_words(previous, 'clause_openers')})(?![\p{{L}}])"
            r"[^,;:()\d]{0,30}(?:\d{4}[^,;:()\d]{0,20})?"
            # (`Cùng kỳ năm 2022, xã tiếp nhận 1.985 hồ sơ`: a sentence about the older period)
            rf"|^\s*(?:{_words(previous, 'clause_openers')})(?![\p{{L}}])"
            r"[^,;:()\d]{0,30}(?:\d{4})?,[^;:()\d]{0,40})$"
        ),
        target_sentence=compiled(
            rf"^\W*(?:{_words(target, 'sentence_openers', folded=True)})(?![\p{{L}}])"
        ),
        targets=catalog.words("number_roles.toml", target, "words"),
        future=compiled(rf"(?i)(?<![\p{{L}}])(?:{_words(target, 'future')})(?![\p{{L}}])"),
        regional=regional_pattern(),
        from_before=compiled(
            rf"(?i)(?<![\p{{L}}]){_word('from_to', 'from')}\s+(?:[\p{{L}}]+\s+){{0,3}}$"
        ),
        to_after=compiled(rf"(?i)^\s*(?:{_words('from_to', 'to')})(?![\p{{L}}])"),
        list_gap=compiled(rf"(?:\s*[\p{{L}}]+){{0,2}}\s*(?:,|{and_word})\s*"),
        outcome_end=compiled(
            rf"(?:(?!{alternation(outcome['resolving'], folded=True)})[^;.:()]){{0,40}}?"
            rf"(?<![\p{{L}}])(?:{regex.escape(fold(outcome['verdict_opener']))}\s+)?"
            rf"(?:{alternation(outcome['verdicts'], folded=True)})\s*(?:[;.]|$)"
        ),
        verdict_metrics=frozenset((*outcome["metrics"], *outcome["wholes"])),
        verdict_before=compiled(  # (with its tones: `xây dựng` is no `đúng`)
            rf"(?i)(?<![\p{{L}}])(?:{alternation(outcome['verdicts'])})\s*$"
        ),
        superlative=compiled(
            rf"(?i)(?<![\p{{L}}])(?:{_words('threshold', 'superlatives')})(?![\p{{L}}])"
            r"[^,;:()\d]{0,20}$"
        ),
        threshold_from=compiled(rf"(?i)(?<![\p{{L}}]){_word('threshold', 'from')}\s*$"),
        threshold_up=compiled(
            rf"(?i)[^,;.()]{{0,25}}?(?<![\p{{L}}])(?:{_words('threshold', 'up', spaces=ANY_SPACE)})"
            r"(?![\p{L}])"
        ),
        units_bound=compiled(
            rf"(?i)(?:^|[,;:]\s*)(?:{_words('threshold', 'most_of')})\s+"
            rf"(?:(?:{_words('threshold', 'plural')})\s+)?"
            rf"(?:{_words('threshold', 'units')})(?![\p{{L}}])[^,;:)\d]*$"  # (`thấp (dưới 80%)`)
        ),
        falls=frozenset(w.lower() for w in catalog.words("number_roles.toml", "change", "fall")),
        remaining=compiled(rf"(?i)(?:^|[,;:]\s*|\s)(?:{_words('remaining', 'before')})\s+$"),
        not_yet=compiled(rf"(?i)[^;.]*?(?<![\p{{L}}])(?:{_words('remaining', 'not_yet')})\s"),
    )


@cache
def regional_pattern() -> regex.Pattern:
    """A region named within three words (`đứng thứ 3 khu vực ĐBSCL`, `thứ 3/13 tỉnh, thành phố
    vùng Đồng bằng sông Cửu Long`): not the unit's own figure."""
    return compiled(rf"(?i)^\s*(?:[\p{{L}}]+[\s,]*){{0,3}}({_words('region', 'words')})")


def is_target_sentence(folded: str) -> bool:
    """`Phấn đấu tỷ lệ ... đạt 98%; tỷ lệ ... đạt 85%`: a sentence of targets (folded text)."""
    return bool(_patterns().target_sentence.match(folded))


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
            and _patterns().list_gap.fullmatch(
                text, prev.unit_end if prev.unit else prev.end, n.start
            )
        ):
            out.add(id(n))
        prev = n
    return out


def _clause_before(n: Num, text: str) -> str:
    before = text[max(0, n.start - 30) : n.start]
    return before[max(before.rfind(","), before.rfind(";"), before.rfind("(")) + 1 :]


def change_before(n: Num, text: str) -> bool:
    """A change word in the figure's clause before it (`giảm 146 lượt`)."""
    return bool(_patterns().change_before.search(_clause_before(n, text)))


def sub_period_rise(n: Num, text: str) -> bool:
    """`(quý I tăng 6,92%; quý II ước tăng 7,38%)`: a rise stated for a sub-period."""
    return bool(_patterns().period_rise.match(_clause_before(n, text)))


def is_growth(metric: str) -> bool:
    return any(r.growth for r in load_catalog().rules if r.metric == metric)


def excluded(n: Num, text: str, folded: str, metric: str) -> bool:
    """Whether a figure is not the period's own value of `metric`: a change, a comparison, an
    older value, a range's start, a threshold, a region's figure, an outcome or a target."""
    p = _patterns()
    text = without_place_names(text)
    clause = _clause_before(n, text)
    # a growth rate is a rise by definition: `GRDP ước tăng 7,36% so với năm 2016`, when it is the
    # sentence's first figure (`đạt 11,01%, tăng 0,26% so với năm 2022`, `đạt 3.410 tỷ đồng, tăng
    # 14,7%`, `22,4 triệu đồng (tăng 7,7%)`: the rise is then the change of that earlier figure)
    # (`... so với cùng kỳ năm 2021 (quý I tăng 6,92%; quý II tăng 7,38%)`: the growth of each
    # sub-period, not a change or the value compared with)
    sub_period = is_growth(metric) and sub_period_rise(n, text)
    rise = bool(
        is_growth(metric)
        and p.rise.search(clause)
        and (not any(not m.skip for m in numbers_in(text[: n.start])) or sub_period)
    )
    if p.change_pair.search(text[max(0, n.start - 60) : n.start]):
        return True
    if p.change_before.search(clause) and not rise and not p.share_of.match(text, n.unit_end):
        return True
    if n.start > 0 and text[n.start - 1] in "+-" and (n.start < 2 or text[n.start - 2] in " (\t"):
        return True
    paren = p.previous_paren.search(text[: n.start])
    if paren and not p.carried_in.search(paren.group()):  # (`tháng trước chuyển sang 04 đơn`)
        return True
    if p.compared_aside.search(text[: n.start]) and not sub_period:
        return True
    if p.previous_clause.search(text[: n.start]):
        return True  # `cùng kỳ năm 2022 đạt 84,7%`
    after = text[n.unit_end : n.unit_end + 35]
    if (
        p.change_after.match(after)
        and not metric.startswith("index.")
        and not (rise and p.compared_with.match(after))
    ):
        return True
    if ".rank" not in metric and p.regional.match(after):
        return True
    return _range_threshold_or_outcome(n, text, folded, metric) or _target(n, text, folded)


def _range_threshold_or_outcome(n: Num, text: str, folded: str, metric: str) -> bool:
    p = _patterns()
    end = n.unit_end if n.unit else n.end
    if p.from_before.search(text[max(0, n.start - 30) : n.start]) and p.to_after.match(
        text[n.unit_end : n.unit_end + 12]
    ):
        return True
    if _range_end().search(text, max(0, n.start - 40), n.start):
        return True  # `các xã còn lại tiếp từ 06 đến 19 lượt`: a range's bound, not a count
    if n.unit != "%" and p.superlative.search(text[max(0, n.start - 40) : n.start]):
        return True  # `Đoàn đông nhất có 21 người`
    if p.threshold_from.search(text[max(0, n.start - 30) : n.start]) and p.threshold_up.match(
        text, end
    ):
        return True  # `mỗi đoàn có từ 4 người trở lên`: a threshold, not a count
    if n.unit == "%" and p.units_bound.search(text, 0, n.start):
        return True  # `phần lớn đơn vị giải quyết đạt trên 85%`
    # `7 vụ khiếu nại, 12 vụ tố cáo đúng; 19 vụ khiếu nại ... sai`: outcomes, not kinds; so
    # is an item whose label ends in the verdict (`..., đúng một phần 23 đơn, sai 148 đơn`),
    # and a count of the resolved the verdict follows (`cả 02 đơn đều tố cáo sai`)
    if metric in p.verdict_metrics and p.outcome_end.match(folded, end):
        return True
    if (
        not metric.endswith(".pending")
        and metric not in catalog.words("number_roles.toml", "remaining", "open_ids")
        and p.remaining.search(text, max(0, n.start - 12), n.start)
        and p.not_yet.match(text, end)
    ):
        return True  # `còn 02 vụ việc phức tạp ... chưa giải quyết`: left to do
    label = text[_item_start(text, n.start) : n.start]
    return metric in p.verdict_metrics and bool(p.verdict_before.search(label))


def _item_start(folded: str, at: int) -> int:
    """Where the list item holding position `at` begins: after the last `,;:(` before it."""
    return max(folded.rfind(c, 0, at) for c in ",;:(") + 1


@cache
def _range_end() -> regex.Pattern:
    """`từ 06 đến ` right before a figure: it ends a range that starts at a bare number."""
    start, to = _words("range", "from"), _words("range", "to")
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{start})\s+[\d.,]+\s+(?:{to})\s*$")


@cache
def _plan_value() -> regex.Pattern:
    """The plan's words right before the parenthesis a figure opens (folded text)."""
    plan = _words("target", "plan_values", folded=True)
    return compiled(rf"(?i)(?<![\p{{L}}])(?:{plan})\s*\(\s*$")


def _target(n: Num, text: str, folded: str) -> bool:
    """A target's cue in the figure's clause, a future, or a plan's value in a parenthesis
    after it (`đạt 79,2% kế hoạch năm (48 cuộc)`)."""
    p = _patterns()
    left_clause = folded[max(0, folded.rfind(";", 0, n.start)) : n.start]
    if n.partner is None and _plan_value().search(folded, max(0, n.start - 40), n.start):
        return True  # (not `đạt 100% kế hoạch (12/12 cuộc)`: what was done of the plan)
    ends = [at for at in (text.find(c, n.unit_end) for c in ",;") if at >= 0]
    # (`tại 03 xã sẽ triển khai trong tháng 6`: the predicate after the figure is to come too)
    return any_cue(left_clause, p.targets) or bool(
        p.future.search(text, max(0, text.rfind(";", 0, n.start)), n.start)
        or p.future.search(text, n.unit_end, min(ends, default=len(text)))
    )


def stated_change(
    n: Num, text: str, metric: str, meta: DocMeta, catalog: Catalog
) -> tuple[float, str] | None:
    """`182 đơn (giảm 24 đơn so với năm 2019)`: the change a count states against an earlier
    period, as (signed change, the period compared against). Kept under the id `<metric>.change`
    with that period, so the warehouse can check it once it holds the earlier period's figure."""
    if catalog.kind_of(metric) != "count" or n.value is None or not meta.period:
        return None
    word = _patterns().change_word.search(text[max(0, n.start - 12) : n.start])
    compared = _patterns().compared_with.match(text[n.unit_end : n.unit_end + 45])
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
    sign = -1 if word.group(1).lower() in _patterns().falls else 1
    return sign * n.value, f"{ref_year}{tail}"
