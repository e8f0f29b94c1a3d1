"""An inconsistency found by the checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Flag:
    """One inconsistency, with a Vietnamese message a provincial officer understands."""

    rule: str
    severity: str  # error | warning
    metric: str | None
    message: str
    evidence: str = ""
    page: int | None = None
