"""Documents cited in the text (`Kế hoạch số 159/KH-UBND ngày 06/5/2022`)."""
from __future__ import annotations

from extractors.model import Document, Reference


def extract_references(doc: Document) -> list[Reference]:
    """Placeholder until the reference finder lands."""
    return []
