"""The document model every reader produces and every finder consumes.

Readers (PDF, DOCX, OCR, legacy .doc) differ in how they get text out of a file; after them,
everything downstream sees one shape: an ordered list of blocks with provenance. Offsets
are into `Document.text`, the blocks' texts joined by BLOCK_SEPARATOR, so any figure can
point back at the exact characters it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

BLOCK_SEPARATOR = "\n"

# Block kinds
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE = "table"
FOOTNOTE = "footnote"


NUMBER_RUN = regex.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class MarkAnchor:
    """Where a footnote mark stands in its block: after how many numbers, and how many words
    after the last of them (`15 hồ sơ, trong đó ... 10 hồ sơ²`: after 2 numbers, 2 words on)."""

    numbers: int
    words: int

    @classmethod
    def after(cls, text: str) -> MarkAnchor:
        """The anchor of a mark standing at the end of text."""
        runs = list(NUMBER_RUN.finditer(text))
        tail = text[runs[-1].end() :] if runs else text
        return cls(len(runs), len(tail.split()))

    def following(self, text: str) -> MarkAnchor:
        """This anchor (of a mark in a line) in a paragraph whose text before the line is text."""
        before = MarkAnchor.after(text)
        if self.numbers:
            return MarkAnchor(before.numbers + self.numbers, self.words)
        return MarkAnchor(before.numbers, before.words + self.words)


@dataclass
class Block:
    """One unit of reading order: a paragraph, heading, list item, table or footnote body.

    For tables `rows` holds the cell texts (merged cells once, at their first grid
    position, with "" where the merge continues) and `text` is the rows joined by " | "
    and newlines. `label` is a list label ("1.", "a)") or a footnote id ("3").
    `footnote_refs` lists the footnote ids whose marks stand in this block's text (the
    marks themselves are NOT part of `text`); `footnote_at` says where each mark stood, as a
    `MarkAnchor` (offsets would not survive the text's normalization; numbers and words do).
    `merged` maps a grid position a merged cell
    covers (row, col) to the position of the cell that covers it, when the reader knows
    (a DOCX gridSpan or vMerge); `bold` holds the positions of cells set in bold.
    """

    kind: str
    text: str
    index: int = 0
    page: int | None = None  # 1-based, PDF only
    start: int = 0  # offset of text in Document.text
    end: int = 0
    rows: list[list[str]] | None = None
    label: str | None = None
    footnote_refs: list[str] = field(default_factory=list)
    footnote_at: dict[str, MarkAnchor] = field(default_factory=dict)
    page_end: int | None = None  # last page a paragraph/table runs onto (PDF)
    row_pages: list[int] | None = None  # page of each table row (PDF), when known
    merged: dict[tuple[int, int], tuple[int, int]] | None = None
    bold: set[tuple[int, int]] | None = None
    page_starts: list[tuple[int, int]] = field(
        default_factory=list
    )  # (offset in text, page) where a later page begins

    def page_at(self, offset: int) -> int | None:
        """The page a character of this block's text stands on (a paragraph may run on)."""
        page = self.page
        for start, later in self.page_starts:
            if offset >= start:
                page = later
        return page


@dataclass
class Document:
    """A read source file: its blocks in reading order plus file facts."""

    path: Path
    blocks: list[Block]
    file_type: str  # 'pdf' | 'docx' | 'doc' | 'pdf-ocr'
    pages: int | None = None
    sha256: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return BLOCK_SEPARATOR.join(b.text for b in self.blocks)

    def reindex(self) -> Document:
        """Number the blocks and compute their offsets into `text` (call after building)."""
        pos = 0
        for i, b in enumerate(self.blocks):
            b.index = i
            b.start = pos
            b.end = pos + len(b.text)
            pos = b.end + len(BLOCK_SEPARATOR)
        return self

    def footnote(self, label: str) -> Block | None:
        for b in self.blocks:
            if b.kind == FOOTNOTE and b.label == label:
                return b
        return None
