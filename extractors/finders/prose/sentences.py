"""Sentences of a paragraph."""

from __future__ import annotations

from dataclasses import dataclass

import regex

# A label and its answer stay together: `Tổng số đoàn kiểm tra: Không.`, `Đối thoại: Không cuộc`.
# `TP. Đồng Hới`, `TX. Ba Đồn`, `H. Lệ Thủy`: an abbreviated place name does not end a sentence
SENTENCE_END = regex.compile(
    r"(?<=[.!?;])(?<!(?<![\p{L}])(?:TP|Tp|TX|Tx|TT|Q|H|P|X|Th|TS|ThS)\.)\s+(?=[\p{Lu}Đ\-–+•(\d])|(?<=:)\s+(?=[-–+•\p{Lu}Đ])(?!(?:Không|Có)(?![\p{L}]))|"
    r"(?<=[.:;!?])\s*\n+|\n+(?=\s*[\p{Lu}Đ\-–+•(])"
)  # a wrapped line goes on



@dataclass
class Sentence:
    text: str
    start: int  # offset in the block text
    block_index: int
    page: int | None
    source: str
    number: int


def split_sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            out.append((pos, chunk))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, text[pos:]))
    # `Trong đó: Các cơ quan đã giải quyết ...`: a bare lead-in stays with the sentence it opens on its line
    for i in range(len(out) - 2, -1, -1):
        (p0, a), (p1, b) = out[i], out[i + 1]
        if BARE_LEAD_IN.fullmatch(a) and "\n" not in text[p0 + len(a) : p1]:
            out[i : i + 2] = [(p0, text[p0 : p1 + len(b)])]
    return out


BARE_LEAD_IN = regex.compile(r"(?i)\W*(?:trong\s+đó|cụ\s+thể|trong\s+số\s+đó)\s*:\s*")


ITEM_MARK = regex.compile(r"^\s*(?:[-–+•*]|[a-zđ]\)|\d{1,2}[.)])\s")


LEAD_IN = regex.compile(r"(?i)(:\s*$|^\s*trong\s+đó)")


BREAKDOWN_START = regex.compile(r"(?i)^\W*trong\s+đó(?![\p{L}])")


ASIDE = regex.compile(r"\([^()]*\)")
