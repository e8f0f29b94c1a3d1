"""Footnote bodies: the run of small-type lines at a page's foot, each opening with its mark."""

from __future__ import annotations

from catalog.patterns import compiled
from extractors.readers.line import Line, join_text
from model import FOOTNOTE, Block

OPENS_WITH_MARK = compiled(r"^\s*\d{1,3}\s*\S")
NUMBER_FIRST = compiled(r"^\s*\d{1,3}\s")
MARK_FIRST = compiled(r"^\s*(\d{1,3})\s+(?=\S)")


def split_footnotes(lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """Footnote bodies: the run of small-type lines at the bottom of the page."""
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].size < body * 0.88:
            cut = i
        else:
            break
    foot = lines[cut:]
    if foot and not OPENS_WITH_MARK.match(foot[0].text) and not foot[0].marks:
        # small type that does not open with a mark: a caption or signature, not footnotes
        if not any(NUMBER_FIRST.match(ln.text) or ln.marks for ln in foot):
            return lines, []
    return lines[:cut], foot


def footnote_blocks(lines: list[Line], previous: list[Block], page_no: int) -> list[Block]:
    """Footnote bodies, each opening with its mark; a line opening with a number that is not
    the next mark (`420 căn nhà ...`) continues the footnote before it."""
    out: list[Block] = []
    last = next((b.label for b in reversed(previous) if b.label and b.label.isdigit()), "0")
    for ln in lines:
        expected = str(int(last) + 1) if last.isdigit() else None
        label = ln.marks[0] if ln.marks and ln.x0 < 120 else None
        text = ln.text
        if label is None:
            m = MARK_FIRST.match(text)
            if m and m.group(1) == expected:
                label, text = m.group(1), text[m.end() :]
        if label is not None:
            out.append(Block(FOOTNOTE, text.strip(), page=page_no, label=label))
            last = label
        elif out:
            out[-1].text = join_text(out[-1].text, text)
        elif previous:
            previous[-1].text = join_text(
                previous[-1].text, text
            )  # a footnote running on from the last page
        else:
            out.append(Block(FOOTNOTE, text.strip(), page=page_no))
    return out
