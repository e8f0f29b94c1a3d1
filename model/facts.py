"""What the finders read from a document: its fields, its figures and the documents it cites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeGuard


@dataclass
class DocMeta:
    """Document fields for v_documents, read from the header block and title."""

    doc_type: str = "other"  # bao_cao | ke_hoach | cong_van | quyet_dinh | other
    issuer: str | None = None
    province: str | None = None
    period: str | None = None  # '2022', '2023-H1', '2022-9M', '2022-Q3', '2022-M10'
    doc_number: str | None = None
    doc_date: str | None = None  # ISO 'YYYY-MM-DD'
    title: str | None = None
    issuer_parent: str | None = None  # the body above the issuer in the header ("UBND huyện X")
    place: str | None = None  # the place of the date line ("Cao Lãnh, ngày ...")


@dataclass
class Fact:
    """One figure read from a document, normalised, with its provenance.

    `group` ties together figures stated in one sentence, one table row or one `a/b`
    pair: relation checks (rate = numerator/denominator, parts sum to total) only compare
    figures of one group, never a figure with a denominator guessed from elsewhere.
    `value` is None when the number as written cannot be read (`04,%`); `raw` keeps it.
    """

    metric: str
    value: float | None
    unit: str | None = None
    qualifier: str = "exact"  # exact | more_than | less_than | about
    scope: str | None = None
    period: str | None = None  # None = the document's period
    evidence: str = ""
    page: int | None = None
    block_index: int | None = None
    start: int | None = None  # offset of the number in Document.text
    end: int | None = None
    raw: str = ""  # the number as written
    source: str = "text"  # text | table | footnote
    row: int | None = None  # table provenance
    col: int | None = None
    group: str | None = None
    decimals: int | None = None  # decimals printed, for rate checks
    role: str | None = None  # 'part' or 'whole' of an `a/b` pair; None for a plain statement
    detail: str | None = None  # a facet that is neither scope nor period (`Trước hạn` column)
    section: str | None = None  # 'appendix' for a figure of an appendix or a table
    # a note cell's figure is stated with its row's figure: the value column that figure is in
    stated_col: int | None = None
    # the one level a table's caption names, on its total row (`... HỒ SƠ TTHC CẤP HUYỆN`): the
    # checks compare the row with the body's figure of that level when the body states no whole
    table_level: str | None = None
    links: list[FactLink] = field(default_factory=list, compare=False, repr=False)

    def has_link(self, relation: str) -> bool:
        return any(k.relation == relation for k in self.links)

    def link(
        self, relation: str, other: Fact, role: str | None = None, complete: bool | None = None
    ) -> None:
        """Record that this fact stands in `relation` to `other` (see FactLink); a claim that
        the parts are complete upgrades the same link made without it (`trong đó khiếu nại
        246/287, tố cáo 58/71, ...` is also the catalog's whole sum)."""
        if other is self:
            return
        same = next((k for k in self.links if k.relation == relation and k.other is other), None)
        if same is None:
            self.links.append(FactLink(relation, other, role, complete))
        elif complete and not same.complete:
            same.complete, same.role = complete, role


if TYPE_CHECKING:

    class ValuedFact(Fact):
        """A Fact whose value was read (not None), for the type checker: at run time it is Fact
        itself; `has_value` narrows a Fact to it."""

        value: float

else:
    ValuedFact = Fact


def has_value(f: Fact) -> TypeGuard[ValuedFact]:
    """The figure as written could be read: its value is a number."""
    return f.value is not None


def are_facets(facts: Sequence[Fact]) -> bool:
    """Figures of one metric told apart only by their labels (`Trước hạn 3.688`, `Đúng hạn 402`:
    both on time): facets of one count, which add up to it."""
    details = [f.detail for f in facts]
    return len(facts) > 1 and None not in details and len(set(details)) == len(facts)


def table_column_key(f: Fact) -> str | None:
    """The unscoped figures of one table column and period are stated together: in an
    indicator table (`3 Số hồ sơ đã giải quyết 1.236 | 3.1 Trước hạn 1.104 | 4 Tỷ lệ 99,2`)
    its rows relate as a sentence's figures do. None for a figure of no table column."""
    col = f.stated_col if f.stated_col is not None else f.col
    if f.source != "table" or f.scope is not None or col is None:
        return None
    return f"t{f.block_index}c{col}|{f.period}"


@dataclass
class FactLink:
    """A relation the document states between two of its figures.

    part_of  this figure breaks down `other` (a list item, a sub-row, a table row under its
             total row); `complete` says whether the parts claim to make up the whole
             (`gồm`, a total row) or are only some of it (`trong đó`, `chủ yếu là`)
    pair     the two sides of an `a/b` pair (`27/31 vụ`, `54 lượt/61 người`); `role` is
             `part` when this side is a part of the other (`giải quyết 27/31`), else None
    rate_of  this rate is stated with its `numerator` or `denominator` (`role`) = `other`
    """

    relation: str
    other: Fact = field(compare=False, repr=False)
    role: str | None = None
    complete: bool | None = None


@dataclass
class Reference:
    """A document cited in the text: `Kế hoạch số 159/KH-UBND ngày 06/5/2022`."""

    kind: str  # 'Kế hoạch', 'Quyết định', 'Công văn', ...
    number: str | None  # '159/KH-UBND'
    issuer_code: str | None  # 'UBND'
    date_text: str | None  # as written
    date: str | None  # ISO when valid
    date_valid: bool = True
    evidence: str = ""
    page: int | None = None
    block_index: int | None = None
    is_basis: bool = False  # cited as the basis (Căn cứ / Thực hiện) of this report
