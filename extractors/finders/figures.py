"""Find every figure a metric covers in a document: prose, lists, footnotes and tables."""

from __future__ import annotations

from extractors.finders.links import link_facts
from extractors.finders.prose import prose_facts
from extractors.finders.tables import extract_table_facts
from model import DocMeta, Document, Fact


def extract_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """All facts of the document. A plan (Kế hoạch) states targets, not results: no facts."""
    if meta.doc_type == "ke_hoach":
        return []
    facts = prose_facts(doc, meta) + extract_table_facts(doc, meta)
    link_facts(doc, facts)
    return facts
