"""Document fields (type, issuer, province, period, number, date) from the header and title.

Official documents open with a header: the issuing body on the left (its parent above it),
the national motto on the right, then `Số: 85-BC/BCSĐ` left and `Place, ngày … tháng … năm …`
right; then the kind of document in capitals (BÁO CÁO, KẾ HOẠCH …) and its subject line.
DOCX files carry the header as a two-column table; PDFs as lines that may interleave both
columns. Both are read here from the text of the first blocks.
"""
from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import regex

from extractors.model import TABLE, DocMeta, Document
from normalizers.dates import DATE_PATTERN, make_date
from normalizers.periods import parse_period
from normalizers.text import fold

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
HEAD_BLOCKS = 12  # the header and title sit in the first blocks

MOTTO = regex.compile(r"(?i)CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc"
                      r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|[-_*=]{3,}")
NUMBER = regex.compile(r"Số\s*:?\s*(\d+\s*[-/]\s*[\p{Lu}Đ][\p{L}\d]*(?:\s*[-/]\s*[\p{Lu}Đ\d][\p{L}\d]*)*)")
PLACE_DATE = regex.compile(r"(?P<place>[\p{L} .…]{0,40}),\s*(?P<date>ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
                           r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")
BODY_OPENERS = regex.compile(r"(?i)^(căn cứ|thực hiện|theo|tiếp nhận|trên cơ sở|nhằm|để|kính gửi|i[.\-]|1\.)")
ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "huyện", "tỉnh", "quận", "xã", "phường")


@lru_cache(maxsize=1)
def _doc_types() -> list[dict]:
    with (CATALOG / "doc_types.toml").open("rb") as f:
        return tomllib.load(f)["doc_type"]


@lru_cache(maxsize=1)
def provinces() -> list[str]:
    lines = (CATALOG / "provinces.txt").read_text(encoding="utf-8").splitlines()
    return sorted((ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")), key=len, reverse=True)


def extract_metadata(doc: Document) -> DocMeta:
    head_blocks = doc.blocks[:HEAD_BLOCKS]
    left, right, loose = _header_columns(head_blocks)
    head_text = "\n".join(left + right + loose)
    meta = DocMeta()
    m = NUMBER.search(head_text)
    if m:
        meta.doc_number = regex.sub(r"\s+", "", m.group(1))
    meta.doc_date = _doc_date(head_text)
    kind, title = _title(head_blocks)
    meta.doc_type = kind or _type_from_number(meta.doc_number)
    meta.title = title
    year = int(meta.doc_date[:4]) if meta.doc_date else None
    meta.period = _period(title, head_blocks, year)
    meta.issuer = _issuer(left)
    meta.province = _province(left, head_text, doc)
    return meta


def _header_columns(blocks) -> tuple[list[str], list[str], list[str]]:
    """Left-column lines, right-column lines, and header lines whose column is unknown."""
    for b in blocks[:3]:
        if b.kind == TABLE and b.rows and MOTTO.search(b.text):
            left = [ln for row in b.rows for ln in (row[0] if row else "").splitlines()]
            right = [ln for row in b.rows for cell in row[1:] for ln in cell.splitlines()]
            return [ln.strip() for ln in left if ln.strip()], [ln.strip() for ln in right if ln.strip()], []
    # Flattened header (PDF lines): issuer words precede the motto on the same lines.
    loose = []
    for b in blocks[:4]:
        loose.extend(b.text.splitlines())
    left = []
    for line in loose:
        first = MOTTO.split(line)[0].strip()
        if regex.match(r"^Số\s*:", first):
            break
        if first and first.upper() == first and len(first) < 80:
            left.append(first)
        elif first:
            # a line whose left part ends where a title-case or body text begins
            caps = regex.match(r"^([\p{Lu}Đ\s…,.]+?)(?=\s+[\p{Lu}Đ][\p{Ll}]|$)", first)
            if caps and caps.group(1).strip():
                left.append(caps.group(1).strip())
            break
    return left, [], loose


def _doc_date(head_text: str) -> str | None:
    m = PLACE_DATE.search(head_text)
    text = m.group("date") if m else None
    if not text:
        # a place line OCR garbled: the first full "ngày … tháng … năm …" of the header
        m = regex.search(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", head_text)
        text = m.group(0) if m else None
    if not text:
        return None
    d = DATE_PATTERN.search(text)
    if not d:
        return None
    day, month, year = (d.group("d"), d.group("m"), d.group("y")) if d.group("d") else (d.group("d2"), d.group("m2"), d.group("y2"))
    return make_date(int(day), int(month), int(year))


def _title(blocks) -> tuple[str | None, str | None]:
    """The document kind from its capitalised title word, and the subject line after it."""
    for i, b in enumerate(blocks):
        if b.kind == TABLE:
            continue
        for line_no, line in enumerate(b.text.splitlines() or [b.text]):
            kind, rest = _kind_of_line(line)
            if kind:
                subject = rest
                if not subject:
                    later = b.text.splitlines()[line_no + 1:]
                    subject = " ".join(later) if later else ""
                if not subject or len(subject) < 12:
                    for nxt in blocks[i + 1:i + 3]:
                        if nxt.kind == TABLE or BODY_OPENERS.match(nxt.text.strip()):
                            break
                        subject = (subject + " " + nxt.text).strip()
                        if len(subject) > 40:
                            break
                return kind, _cut_subject(subject)
    return None, None


def _cut_subject(subject: str) -> str:
    m = regex.search(r"\s(Căn cứ|Thực hiện|Tiếp nhận|Theo|Kính gửi)\s", subject)
    return (subject[:m.start()] if m else subject).strip()[:300]


def _kind_of_line(line: str) -> tuple[str | None, str]:
    text = MOTTO.sub(" ", line).strip()
    text = NUMBER.sub(" ", text)
    text = PLACE_DATE.sub(" ", text).strip()
    for entry in _doc_types():
        for word in entry["titles"]:
            if word.startswith("V/"):
                if regex.match(r"(?i)^V/v\b", text):
                    return entry["id"], text[3:].strip()
                continue
            m = regex.search(rf"(?:^|\s){regex.escape(word)}(?:\s|$)", text)
            if m and (m.start() <= 2 or text[:m.start()].strip().isupper()) and _is_title_word(text, m):
                return entry["id"], text[m.end():].strip()
    return None, ""


def _is_title_word(text: str, m: regex.Match) -> bool:
    """A kind word in capitals standing alone or followed by the subject line."""
    after = text[m.end():].strip()
    return not after or not after[:1].isupper() or not after.split()[0].isupper() or len(after.split()[0]) <= 1


def _type_from_number(number: str | None) -> str:
    if not number:
        return "other"
    codes = regex.findall(r"[\p{L}]+", number)
    for entry in _doc_types():
        if any(c in entry["codes"] for c in codes[:1] + codes):
            return entry["id"]
    return "other"


def _period(title: str | None, blocks, year: int | None) -> str | None:
    if title:
        p = parse_period(title, None)
        if p:
            return p
        # a half-year or nine-month title without its year takes the document's year
        p = parse_period(title, year)
        if p and year:
            return p
        m = regex.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", title)
        if m:
            return m.group(1)
    for b in blocks:
        if b.kind != TABLE and BODY_OPENERS.match(b.text.strip()):
            p = parse_period(b.text, year)
            if p:
                return p
    return str(year) if year else None


def _issuer(left: list[str]) -> str | None:
    lines = [ln for ln in left if not MOTTO.fullmatch(ln) and not ln.startswith("Số") and ln.strip("-_* ")]
    if not lines:
        return None
    # "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ SA ĐÉC": one body over two lines
    if len(lines) >= 2 and regex.fullmatch(r"(?i)(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|UBND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN", lines[-2].strip()):
        body = f"{lines[-2]} {lines[-1]}"
    elif len(lines) >= 2 and regex.fullmatch(r"(?i)(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|UBND", lines[0].strip()):
        body = f"{lines[0]} {lines[1]}" if len(lines) == 2 else lines[-1]
    else:
        body = lines[-1]
    return _sentence_case(body)


def _sentence_case(text: str) -> str:
    text = regex.sub(r"(?i)\b(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\b", "UBND", text.strip())
    text = regex.sub(r"(?i)\bHỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b", "HĐND", text)
    keep = {"UBND", "HĐND", "MTTQ", "VN", "BCSĐ"}
    words = []
    for w in text.split():
        words.append(w if w in keep else w.lower())
    out = " ".join(words)
    # names after administrative words keep capitals: "thành phố sa đéc" -> "thành phố Sa Đéc"
    pattern = r"\b(" + "|".join(ADMIN_WORDS) + r")\s+([\p{L}…. ]+)$"
    m = regex.search(pattern, out)
    if m:
        name = " ".join(w[:1].upper() + w[1:] for w in m.group(2).split())
        out = out[:m.start(2)] + name
    return out[:1].upper() + out[1:]


def _province(left: list[str], head_text: str, doc: Document) -> str | None:
    names = provinces()
    folded = {fold(n): n for n in names}
    # 1. the header names it: "TỈNH ỦY ĐỒNG THÁP", "UBND TỈNH AN GIANG", "SỞ NỘI VỤ TỈNH X"
    for line in left:
        m = regex.search(r"(?i)(?:TỈNH\s+ỦY|TỈNH|THÀNH\s+PHỐ|THÀNH\s+ỦY)\s+(.+)$", line)
        if m and fold(m.group(1).strip()) in folded:
            return folded[fold(m.group(1).strip())]
    # 2. the place in the date line is a province
    m = PLACE_DATE.search(head_text)
    if m:
        place = fold(m.group("place").strip(" .…"))
        if place in folded:
            return folded[place]
    # 3. the province most named in the text ("tỉnh Đồng Tháp")
    counts: Counter[str] = Counter()
    text = doc.text
    for name in names:
        n = len(regex.findall(rf"(?i)\b(?:tỉnh|thành phố)\s+{regex.escape(name)}\b", text))
        if n:
            counts[name] += n
    if counts:
        return counts.most_common(1)[0][0]
    return None
