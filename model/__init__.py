"""The shared model: documents as read, facts and references found, flags raised.

Readers produce `Document`s, finders `DocMeta`, `Fact` and `Reference`, checks `Flag`; the
warehouse stores them all. Everything here is plain data with no behaviour beyond offsets.
"""

from model.document import (
    BLOCK_SEPARATOR,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    TABLE,
    Block,
    Document,
    MarkAnchor,
)
from model.errors import UnreadableDocument
from model.facts import (
    DocMeta,
    Fact,
    FactLink,
    Reference,
    ValuedFact,
    are_facets,
    has_value,
    table_column_key,
)
from model.flags import Flag

__all__ = [
    "BLOCK_SEPARATOR",
    "FOOTNOTE",
    "HEADING",
    "LIST_ITEM",
    "PARAGRAPH",
    "TABLE",
    "Block",
    "Document",
    "MarkAnchor",
    "DocMeta",
    "Fact",
    "FactLink",
    "Reference",
    "Flag",
    "UnreadableDocument",
    "ValuedFact",
    "are_facets",
    "has_value",
    "table_column_key",
]
