"""Tesseract's words made into text: a cell's lines, the PDF reader's lines of a page, and the
typical OCR confusions mended inside figures.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import regex

from catalog.patterns import compiled
from extractors.readers.layout import LIST_START, Line, cut_inside_word
from normalizers.text import normalize_text

SIZE_PER_LINE_HEIGHT = (
    0.78  # font size (pt) per point of a text line's box height (diacritics included)
)


def cell_text(lines: list[str]) -> str:
    """A cell's lines joined: a figure or a syllable cut by a narrow column (`2687` / `63`,
    `Ngư` / `ời`) is joined without a space, a numbered line keeps its own line."""

    text = ""
    for ln in (x.strip() for x in lines):
        if not ln:
            continue
        if text and LIST_START.match(ln):
            text += "\n" + ln
        elif text and cut_inside_word(text, ln):
            text += ln
        else:
            text = f"{text} {ln}".strip()
    return text


# ------------------------------------------------------------------ words and lines


@dataclass
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    line_key: tuple
    line_height: float
    conf: float


def words_of(data, dx: int = 0, dy: int = 0, key_prefix: tuple = ()) -> list[Word]:
    line_boxes = {}
    for i, level in enumerate(data["level"]):
        if level == 4:
            key = key_prefix + (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            line_boxes[key] = data["height"][i]
    out = []
    for i, level in enumerate(data["level"]):
        text = (data["text"][i] or "").strip()
        if level != 5 or not text:
            continue
        conf = float(data["conf"][i])
        if conf < 20 and not regex.search(r"\p{L}{2}|\d", text):
            continue  # specks of a stamp or a signature read as stray marks
        key = key_prefix + (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = data["left"][i] + dx, data["top"][i] + dy
        out.append(
            Word(
                text,
                left,
                top,
                left + data["width"][i],
                top + data["height"][i],
                key,
                line_boxes.get(key, data["height"][i]),
                conf,
            )
        )
    return out


def text_lines(words: list[Word]) -> list[str]:
    """Words of one cell as lines of text, top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if (
            lines
            and abs(mid - statistics.mean((x.top + x.bottom) / 2 for x in lines[-1]))
            < (w.bottom - w.top) * 0.6
        ):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [
        fix_ocr_numbers(normalize_text(" ".join(w.text for w in sorted(ln, key=lambda w: w.left))))
        for ln in lines
    ]


def _visual_lines(words: list[Word]) -> list[list]:
    """Tesseract's lines grouped into visual lines: [top, bottom, left, right, pieces], each
    piece [top, bottom, left, right, words] (the two columns of the header are one line)."""
    by_key: dict[tuple, list[Word]] = {}
    for w in words:
        by_key.setdefault(w.line_key, []).append(w)
    pieces: list[list] = []
    for ws in by_key.values():
        ws.sort(key=lambda w: w.left)
        top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        pieces.append([top, bottom, ws[0].left, max(w.right for w in ws), ws])
    pieces.sort(key=lambda p: (p[0] + p[1]) / 2)
    visual: list[list] = []
    for p in pieces:
        for v in visual[-3:]:
            overlap = min(v[1], p[1]) - max(v[0], p[0])
            if overlap > 0.5 * min(v[1] - v[0], p[1] - p[0]) and not any(
                p[2] < q[3] and p[3] > q[2] for q in v[4]
            ):
                v[0], v[1] = min(v[0], p[0]), max(v[1], p[1])
                v[4].append(p)
                break
        else:
            visual.append([p[0], p[1], p[2], p[3], [p]])
    visual.sort(key=lambda v: (v[0] + v[1]) / 2)
    return visual


def page_lines(words: list[Word], page_no: int, page_height: float, scale: float) -> list:
    """Tesseract's lines as the PDF reader's lines: pieces on one visual line (the two columns
    of the header) joined with their column segments, sizes from line heights, y up."""

    visual = _visual_lines(words)
    heights = [statistics.median(w.line_height for w in p[4]) for v in visual for p in v[4]]
    body_px = statistics.median(heights) if heights else 40.0
    lines = []
    for v in visual:
        parts = sorted(v[4], key=lambda p: p[2])
        ws = [w for p in parts for w in p[4]]
        px = statistics.median(w.line_height for w in ws)
        if len(ws) < 3 or abs(px - body_px) < body_px * 0.25:
            px = body_px  # a short line's box says little about its type size
        size = round(px * scale * SIZE_PER_LINE_HEIGHT, 1)
        segments, current = [], [ws[0]]
        for a, b in zip(ws, ws[1:]):
            if (b.left - a.right) * scale > size * 2.5:
                segments.append(current)
                current = []
            current.append(b)
        segments.append(current)
        seg_out = [
            (
                s[0].left * scale,
                max(w.right for w in s) * scale,
                fix_ocr_numbers(normalize_text(" ".join(w.text for w in s))),
            )
            for s in segments
        ]
        text = " ".join(t for _, _, t in seg_out).strip()
        if not text:
            continue
        lines.append(
            Line(
                text=text,
                size=size,
                x0=min(w.left for w in ws) * scale,
                x1=max(w.right for w in ws) * scale,
                top=page_height - min(w.top for w in ws) * scale,
                bottom=page_height - max(w.bottom for w in ws) * scale,
                page=page_no,
                segments=seg_out if len(seg_out) > 1 else [],
            )
        )
    return lines


# ------------------------------------------------------------------ figures

DIGIT_CONFUSIONS = compiled(r"(?<=\d[.,]?)[Oo](?=[.,]?\d)|(?<=\d)[lI|](?=\d)")
SPLIT_GROUP = compiled(r"(?<=\p{L}\s)(\d{1,3}(?:[.]\d{3})*)(?:\s[.]\s?|[.]\s)(\d{3})(?![\d.,]?\d)")


def fix_ocr_numbers(text: str) -> str:
    """Typical OCR confusions inside figures only: a letter O between digits is 0 (`1O5`,
    `2.O00`), l or I between digits is 1, and a thousands group cut off by a stray space
    (`tiếp nhận 1. 234 đơn`, `12 .345`) joins again; a list label at a line start (`2. 150 hồ
    sơ`) is not after a word and stays. Words and other numbers are left as read."""
    text = DIGIT_CONFUSIONS.sub(lambda m: "0" if m.group() in "Oo" else "1", text)
    return SPLIT_GROUP.sub(lambda m: f"{m.group(1)}.{m.group(2)}", text)
