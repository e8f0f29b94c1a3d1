"""Find every figure a metric covers in a document (prose, lists, footnotes, tables)."""
from __future__ import annotations

from extractors.model import DocMeta, Document, Fact


def extract_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """All facts of the document. Placeholder until the finders land."""
    return []
