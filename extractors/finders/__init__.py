"""Finders: what a read document states — its fields, its figures, the documents it cites.

    metadata/      the document's fields from its header and title (kind, issuer, number,
                   date, period, province)
    prose/         figures stated in prose, read in stages (see prose/__init__.py)
    tables/        figures stated in tables
    links/         the relations between the figures: rate_of, part_of, another base
    figures.py     all figures of a document: prose, tables, then their relations
    references.py  the documents the text cites
    cues.py        the metric rules of the catalog and cue matching
    issuer.py      the issuing body and the body above it, from the header's left column

Every phrase these match is catalog data (catalog/); the number and date grammar is
normalizers/numbers.py and normalizers/dates.py.
"""

from extractors.finders.figures import extract_facts
from extractors.finders.metadata import extract_metadata
from extractors.finders.references import extract_references

__all__ = ["extract_facts", "extract_metadata", "extract_references"]
