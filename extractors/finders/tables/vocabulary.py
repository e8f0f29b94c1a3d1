"""The words of report tables, from catalog/table_headers.toml."""

from __future__ import annotations

from functools import cache

import catalog


@cache
def words(section: str, key: str) -> tuple[str, ...]:
    """A list of header words of the table catalog, as a tuple (cue form)."""
    return tuple(catalog.toml("table_headers.toml")[section][key])


@cache
def implied_units() -> dict[str, str]:
    """Activity words of a header that imply the unit of its count (`tiếp định kỳ` → kỳ)."""
    return dict(catalog.toml("table_headers.toml")["implied_units"])
