"""The two sides of an `a/b` cell named by its label: `Hồ sơ TTHC tiếp nhận/đã giải quyết`,
`Vụ việc hòa giải tiếp nhận/thành`, `Đánh giá hài lòng (lượt hài lòng/lượt đánh giá)`."""

from __future__ import annotations

from catalog.patterns import compiled
from extractors.finders.cues import classify_metric
from extractors.finders.tables.units import split_units, unit_word_at_start

SLASHED_LABEL = compiled(r"^(\D*\p{L})\s*/\s*(\p{L}\D*)$")
SLASHED_ASIDE = compiled(r"\(([^()/]*\p{L})\s*/\s*(\p{L}[^()/]*)\)")


def sides_named(label: str, unit: str | None) -> tuple[str | None, str | None] | None:
    """The metrics a label naming two figures gives its `a/b` cell (`Hồ sơ TTHC tiếp
    nhận/đã giải quyết`, `Vụ việc hòa giải/hòa giải thành`), when both sides name one; or
    a parenthesis naming the sides (`Đánh giá hài lòng (lượt hài lòng/lượt đánh giá)`), read
    under the words outside it, when one side names one."""
    aside = SLASHED_ASIDE.search(label)
    if aside is not None:
        context = label[: aside.start()] + label[aside.end() :]
        a, b = (
            classify_metric(side, unit_word_at_start(side.strip().lower()), context)
            for side in aside.groups()
        )
        return (a, b) if (a or b) and a != b else None
    m = SLASHED_LABEL.match(" ".join(label.split()))
    if m is None:
        return None
    first = split_units(unit)[0] if unit else None
    a = classify_metric(m.group(1), first)
    b = classify_metric(m.group(2), first) or _second_side_with_stem(m.group(1), m.group(2), first)
    return (a, b) if a and b and a != b else None


def _second_side_with_stem(left: str, right: str, unit: str | None) -> str | None:
    """`Vụ việc hòa giải tiếp nhận/thành`: a second side too short to name a figure is read
    with the words of the first side it shares (`Vụ việc hòa giải thành`)."""
    words = left.split()
    for cut in range(len(words) - 1, 0, -1):
        named = classify_metric(" ".join(words[:cut] + [right]), unit)
        if named is not None:
            return named
    return None
