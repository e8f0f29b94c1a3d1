"""The official header on page 1: issuer and number on the left; motto, place and date on the
right. It comes out as a two-column table block, read from the lines' column segments.
"""

from __future__ import annotations

import regex

from extractors.readers.cells import table_block
from extractors.readers.line import Line
from model import Block

PLACE_DATE = regex.compile(
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|ngày\s+\d{1,2}/\d{1,2}/\d{4}"
)
MOTTO = regex.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập|ĐẢNG\s+CỘNG\s+SẢN")
WRAPPED_DATE = regex.compile(r"ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm)?)?\s*$")
NUMBER_LINE = regex.compile(r"^\s*Số\s*(?::|\d|$)")
TITLE_WORD = regex.compile(
    r"^\s*(?:BÁO\s+CÁO|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|TỜ\s+TRÌNH|CHƯƠNG\s+TRÌNH|THÔNG\s+BÁO|CÔNG\s+VĂN"
    r"|CHỈ\s+THỊ|NGHỊ\s+QUYẾT|HƯỚNG\s+DẪN|BIÊN\s+BẢN|KẾT\s+LUẬN|ĐỀ\s+ÁN)\s*$"
)


def header_block(lines: list[Line]) -> tuple[Block | None, list[Line]]:
    """The official header: issuer (left) and motto, place and date (right), as a table of two
    columns; the lines after it."""
    end = _header_end(lines)
    if end is None or not any(MOTTO.search(ln.text) for ln in lines[: end + 1]):
        return None, lines
    # a Party header sets the number under the star, below the place and date
    for j in range(end + 1, min(end + 3, len(lines))):
        if NUMBER_LINE.match(lines[j].text.lstrip("* ")):
            end = j
            break
        if lines[j].text.strip() != "*":
            break
    page_mid = max(ln.x1 for ln in lines[: end + 1]) * 0.55
    left: list[str] = []
    right: list[str] = []
    for ln in lines[: end + 1]:
        for x0, x1, text in ln.segments or [(ln.x0, ln.x1, ln.text)]:
            (left if x0 < page_mid and (x0 + x1) / 2 < page_mid else right).append(text)
    return table_block([["\n".join(left), "\n".join(right)]], lines[0].page), lines[end + 1 :]


def _header_end(lines: list[Line]) -> int | None:
    """The header's last line: the place and date (or the number line), before the title."""
    end = None
    for i, ln in enumerate(lines[:10]):
        if TITLE_WORD.match(ln.text):
            break  # the kind of document (BÁO CÁO, KẾ HOẠCH ...) opens the title below the header
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if PLACE_DATE.search(ln.text) or (i > 0 and NUMBER_LINE.match(ln.text) and i >= 2):
            end = i
        if PLACE_DATE.search(ln.text):
            break
        if WRAPPED_DATE.search(ln.text) and regex.search(
            r"^\s*(?:năm\s+)?(?:19|20)\d{2}\b|tháng\s+\d{1,2}\s+năm\s+\d{4}", nxt
        ):
            end = i + 1  # the place line wrapped: "…, ngày 05 tháng 7 năm" / "2023"
            break
    return end
