"""Document fields (type, issuer, province, period, number, date) from header and title."""
from __future__ import annotations

from extractors.model import DocMeta, Document


def extract_metadata(doc: Document) -> DocMeta:
    """Placeholder until the header reader lands."""
    return DocMeta()
