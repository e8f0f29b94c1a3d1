"""Shared test builders and the location of ../shared.

Tests that need `../shared` (the dev corpus, the spec, the scorer) use `needs_shared` or
`needs_dev_corpus`: a clone published alone skips them cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model import FOOTNOTE, HEADING, PARAGRAPH, TABLE, Block, DocMeta, Document, Fact

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
METRICS_CSV = SHARED / "spec" / "metrics.csv"
SCORER = SHARED / "eval" / "score.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the project")
needs_dev_corpus = pytest.mark.skipif(
    not DEV_CORPUS.exists(), reason="../shared/corpus/dev is not beside the project"
)


def make_doc(
    *texts: str,
    name: str = "bao_cao.docx",
    footnotes: dict[str, str] | None = None,
    refs: list[str] | None = None,
) -> Document:
    """A document of paragraphs; '## ' opens a heading; footnote bodies after the text."""
    blocks = []
    for i, text in enumerate(texts):
        if text.startswith("## "):
            blocks.append(Block(HEADING, text[3:], page=1))
        else:
            blocks.append(
                Block(PARAGRAPH, text, page=1, footnote_refs=(refs or []) if i == 0 else [])
            )
    for label, text in (footnotes or {}).items():
        blocks.append(Block(FOOTNOTE, text, page=1, label=label))
    return Document(Path(name), blocks, "docx").reindex()


def make_table_doc(rows: list[list[str]], *before: str, name: str = "bao_cao.docx") -> Document:
    """A document whose paragraphs `before` (a caption, say) precede one table of `rows`."""
    blocks = [Block(PARAGRAPH, text, page=1) for text in before]
    text = "\n".join(" | ".join(row) for row in rows)
    blocks.append(Block(TABLE, text, page=1, rows=rows))
    return Document(Path(name), blocks, "docx").reindex()


def make_meta(period: str = "2023", doc_type: str = "bao_cao", **fields) -> DocMeta:
    """Document fields of a report of the given period."""
    return DocMeta(doc_type=doc_type, period=period, **fields)


def make_fact(metric: str, value: float | None, **fields) -> Fact:
    """A fact with only what a test cares about; `group` defaults to one shared sentence."""
    fields.setdefault("group", "b0s0")
    fields.setdefault("evidence", "")
    return Fact(metric=metric, value=value, **fields)
