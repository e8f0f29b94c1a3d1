"""Errors every layer may raise and the command line reports in one Vietnamese line."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """A file that cannot be read; the message is one Vietnamese line naming the cause."""
