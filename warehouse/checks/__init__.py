"""Consistency checks: within one document (rates, sums, parts, restated values, dates,
printed column formulas) and across the documents of the warehouse."""

from warehouse.checks.copies import refresh_copies
from warehouse.checks.cross import refresh_cross_doc_flags
from warehouse.checks.document import check_document

__all__ = ["check_document", "refresh_copies", "refresh_cross_doc_flags"]
