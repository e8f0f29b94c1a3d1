"""The words naming an item of a list: before its number, else after it (lists.py)."""

from __future__ import annotations

from functools import cache

import catalog
from catalog.patterns import compiled
from extractors.finders.prose.list_spans import has_digit
from extractors.finders.prose.sentences import ITEM_MARK
from extractors.finders.prose.spans import Num
from model import Block, Fact
from normalizers.text import LIST_LETTERS, fold

ITEM_LABEL_MARK = compiled(rf"^(?:[{LIST_LETTERS}]\)|\d{{1,2}}[.)])\s*")


@cache
def _fillers(key: str = "fillers") -> tuple[str, ...]:
    return tuple(sorted(catalog.toml("structure.toml")["item"][key], key=len, reverse=True))


def item_label(text: str, chunk_start: int, num: Num) -> str:
    """The words naming an item: its text before the number, fillers and marks taken off."""
    return label_before(text, chunk_start, num.start)


def label_before(text: str, chunk_start: int, end: int) -> str:
    """The words from `chunk_start` to a number at `end`, fillers and marks taken off."""
    label = text[chunk_start:end]
    head, colon, tail = label.rpartition(":")
    # `lĩnh vực: đất đai 31` → `đất đai`; `tranh chấp đất đai: 31 đơn` → `tranh chấp đất đai`
    label = (tail if tail.strip() else head) if colon else label
    label = label.strip(" :-–+•*()")
    label = ITEM_LABEL_MARK.sub("", label)
    lowered = label.lower()
    opener = next((w for w in _fillers("openers") if lowered.startswith(w + " ")), "")
    label, lowered = label[len(opener) :], lowered[len(opener) :]
    for filler in _fillers():
        if lowered.endswith(" " + filler) or lowered == filler:
            label = label[: len(label) - len(filler)].rstrip()
            lowered = label.lower()
    return " ".join(label.split())


def label_after(text: str, num: Num, end: int) -> str:
    """`29 tập thể, 26 cá nhân`: the words after the number (and its unit) name the item."""
    words = text[max(num.unit_end, num.end) : end].strip(" :-–().;").split()[:6]
    reasons = _fillers("reason_openers")
    return " ".join(next((words[:k] for k, w in enumerate(words) if w in reasons), words))


def is_rest_label(label: str) -> bool:
    """The item that gathers the rest of a list (`các lĩnh vực còn lại`, `lĩnh vực khác`); a
    bare `còn lại 29 đơn` is what is left to do, not a kind of the list."""
    words = tuple(fold(w) for w in catalog.words("structure.toml", "item", "rest"))
    folded = fold(label).strip(" :.,;")
    return folded.endswith(words) and folded not in words


def same_marks(items: list[tuple[Block, list[Fact]]]) -> list[tuple[Block, list[Fact]]]:
    """The items marked as the first is (`- `), up to the first marked otherwise (`2. Kết quả
    giải quyết` opens the next section)."""
    kinds = [mark_kind(block.text) for block, _ in items]
    n = next((i for i, k in enumerate(kinds) if k != kinds[0]), len(items)) if kinds else 0
    return items[:n]


def mark_kind(text: str) -> str:
    mark = ITEM_MARK.match(text)
    body = mark.group().strip() if mark else ""
    return "digit" if body[:1].isdigit() else "letter" if body[:1].isalpha() else body


def colon_label(left: str) -> str:
    """The label a figure stands right after, when a colon ends it and no figure stands before
    it: all of it names the figure, commas and all (`Số hóa hồ sơ, kết quả giải quyết TTHC:
    201/211 hồ sơ` is digitised, whatever its last comma's clause says)."""
    colon = left.rfind(":")
    if colon < 0 or left[colon + 1 :].strip() or has_digit(left, 0, colon):
        return ""
    return left[:colon]
