"""An `a/b` pair after a label that names both sides: `tiếp nhận/giải quyết 41.260/40.830 hồ sơ`.

The rule that reads such a pair takes the nearest words (`giải quyết`) for the first number and
its denominator for the second; but the label says, in order, what each side counts: the first
number is what `tiếp nhận` names, the second what `giải quyết` names. Neither is then a part of
the other.
"""

from __future__ import annotations

from catalog.patterns import compiled
from extractors.finders.cues import classify_metric
from model import Fact

# the two sides' words right before the pair (or before the colon of a label: `Số đơn thuộc thẩm
# quyền/đã giải quyết: 05/04 đơn`), each a few words without digits or punctuation
SLASHED_LABEL = compiled(r"(\p{L}[\p{L} ]{1,30}?)\s*/\s*(\p{L}[\p{L} ]{1,30}?)\s*:?\s*$")
# a list's lead that says once what the sides of its items' pairs count: `Theo từng cấp (hồ sơ
# trực tuyến/tổng số hồ sơ tiếp nhận):` over `- Cấp tỉnh: 61.408/97.533 hồ sơ;`
LEAD_LABEL = compiled(r"\((\p{L}[\p{L} ]{1,40}?)\s*/\s*(\p{L}[\p{L} ]{1,40}?)\)\s*:?\s*$")
LOOK_BACK = 70


def sides_of_slashed_labels(facts: list[Fact], text: str, lead: str = "") -> None:
    """Give each side of a pair after a two-sided label (or in an item of a list whose lead
    ends in one) the metric its side of the label names (in place), and unlink them as part
    and whole."""
    in_lead = LEAD_LABEL.search(lead.rstrip())
    for part in facts:
        whole = next(
            (k.other for k in part.links if k.relation == "pair" and k.role == "part"), None
        )
        if whole is None or part.start is None:
            continue
        m = SLASHED_LABEL.search(text[max(0, part.start - LOOK_BACK) : part.start]) or in_lead
        if m is None:
            continue
        first, second = (classify_metric(side, part.unit) for side in m.groups())
        if first is None or second is None or first == second:
            continue
        part.metric, whole.metric = first, second
        part.role = whole.role = None
        part.links = [k for k in part.links if k.other is not whole]
        whole.links = [k for k in whole.links if k.other is not part]
