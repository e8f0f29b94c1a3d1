"""Consistency checks within one document, following the catalog's relations."""
from __future__ import annotations

from extractors.model import DocMeta, Document, Fact, Flag, Reference


def check_document(doc: Document, meta: DocMeta, facts: list[Fact], refs: list[Reference]) -> list[Flag]:
    """Placeholder until the checks land."""
    return []
