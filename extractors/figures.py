"""Find every figure a metric covers in a document: prose, lists, footnotes and tables."""
from __future__ import annotations

from extractors.model import DocMeta, Document, Fact
from extractors.prose import prose_facts


def extract_facts(doc: Document, meta: DocMeta) -> list[Fact]:
    """All facts of the document. A plan (Kế hoạch) states targets, not results: no facts."""
    if meta.doc_type == "ke_hoach":
        return []
    facts = prose_facts(doc, meta)
    try:
        from extractors.tables import extract_table_facts
    except ImportError:
        return facts
    return facts + extract_table_facts(doc, meta)
