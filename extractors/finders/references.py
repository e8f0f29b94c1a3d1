"""Documents cited in the text (`Kế hoạch số 159/KH-UBND ngày 06/5/2022`).

Useful by itself (which directives each unit implements) and for the date checks: a date
that cannot exist, a cited document dated after the report, one number cited with two dates.
"""

from __future__ import annotations

import regex

from model import TABLE, Document, Reference
from normalizers.dates import DATE_PATTERN, make_date

KINDS = (
    "Kế hoạch phối hợp",
    "Kế hoạch",
    "Quyết định",
    "Công văn",
    "Chỉ thị",
    "Nghị quyết",
    "Thông báo",
    "Kết luận",
    "Chương trình phối hợp",
    "Chương trình",
    "Hướng dẫn",
    "Nghị định",
    "Thông tư",
    "Báo cáo",
    "Tờ trình",
    "Quy chế",
    "Luật",
    "Đề án",
    "Công điện",
)
REFERENCE = regex.compile(
    r"(?P<kind>"
    + "|".join(regex.escape(k) for k in KINDS)
    + r")\s+(?:liên\s+tịch\s+)?(?:số\s*:?\s*)?"
    r"(?P<number>\d+[\p{L}\d]*(?:\s*[/-]\s*[\p{L}\d.]+)+)"
    r"(?:\s*,)?(?:\s+ngày\s+|\s*,\s*ngày\s+|\s+)(?P<date>\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})?",
    regex.IGNORECASE,
)
BASIS = regex.compile(r"(?i)(căn\s+cứ|thực\s+hiện|theo|triển\s+khai)\s*$")


def extract_references(doc: Document) -> list[Reference]:
    refs = []
    for block in doc.blocks:
        if block.kind == TABLE and block.index < 3:
            continue  # the official header carries the document's own number
        for m in REFERENCE.finditer(block.text):
            number = regex.sub(r"\s+", "", m.group("number")).rstrip(".,")
            if not regex.search(r"[\p{L}]", number):
                continue  # "Kế hoạch 2021-2025" is a period, not a number
            date_text = m.group("date")
            iso, valid = None, True
            if date_text:
                d = DATE_PATTERN.search(date_text)
                day, month, year = (
                    (d.group("d"), d.group("m"), d.group("y"))
                    if d.group("d")
                    else (d.group("d2"), d.group("m2"), d.group("y2"))
                )
                iso = make_date(int(day), int(month), int(year))
                valid = iso is not None
            sentence = _sentence_around(block.text, m.start(), m.end())
            refs.append(
                Reference(
                    kind=_kind(m.group("kind")),
                    number=number,
                    issuer_code=_issuer_code(number),
                    date_text=date_text,
                    date=iso,
                    date_valid=valid,
                    evidence=sentence,
                    page=block.page,
                    block_index=block.index,
                    is_basis=bool(BASIS.search(block.text[max(0, m.start() - 15) : m.start()])),
                )
            )
    return refs


def _kind(text: str) -> str:
    for k in KINDS:
        if k.lower() == text.lower():
            return k
    return text


def _issuer_code(number: str) -> str | None:
    parts = regex.split(r"[/-]", number)
    return parts[-1] if len(parts) > 1 else None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("; ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right + 1].strip()
