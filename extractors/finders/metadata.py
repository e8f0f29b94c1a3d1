"""Document fields (type, issuer, province, period, number, date) from the header and title.

Official documents open with a header: the issuing body on the left (its parent above it),
the national motto on the right, then `Số: 85-BC/BCSĐ` left and `Place, ngày … tháng … năm …`
right; then the kind of document in capitals (BÁO CÁO, KẾ HOẠCH …) and its subject line.
DOCX files carry the header as a two-column table; PDFs as lines that may interleave both
columns. Both are read here from the text of the first blocks.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

import catalog
from extractors.finders.issuer import issuer_of, place_of
from model import TABLE, DocMeta, Document
from normalizers.dates import DATE_PATTERN, make_date
from normalizers.periods import stated_period, title_period
from normalizers.text import fold

HEAD_BLOCKS = 12  # the header and title sit in the first blocks

MOTTO = regex.compile(
    r"(?i)CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|[-_*=]{3,}"
)
# "Số: 85-BC/BCSĐ", "Số 07 - BC/ĐU", "Số: 06/2024/QĐ-UBND" (a year inside), "Số: 22/SNV-CCHC&PC"
NUMBER = regex.compile(
    r"Số\s*:?\s*(\d+(?:\s*/\s*(?:19|20)\d{2})?\s*[-/]\s*[\p{Lu}Đ][\p{L}\d&]*"
    r"(?:\s*[-/]\s*[\p{Lu}Đ\d][\p{L}\d&]*)*)"
)
# "V/v báo cáo kết quả ..." under the number: the subject line of an official letter (công văn)
ABOUT = regex.compile(r"(?i)^\s*V/v\.?\s*:?\s*(.+)$")
PLACE_DATE = regex.compile(
    r"(?P<place>[\p{L} .…]{0,40}),\s*(?P<date>ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})"
)
BODY_OPENERS = regex.compile(
    r"(?i)^(căn cứ|thực hiện|theo|tiếp nhận|trên cơ sở|nhằm|để|kính gửi|i[.\-]|1\.)"
)


@lru_cache(maxsize=1)
def _doc_types() -> list[dict]:
    return catalog.toml("doc_types.toml")["doc_type"]


@lru_cache(maxsize=1)
def provinces() -> list[str]:
    return sorted(catalog.text_lines("provinces.txt"), key=len, reverse=True)


def extract_metadata(doc: Document) -> DocMeta:
    head_blocks = doc.blocks[:HEAD_BLOCKS]
    left, right, loose = _header_columns(head_blocks)
    head_text = "\n".join(left + right + loose)
    meta = DocMeta()
    m = NUMBER.search(head_text) or _number_below_header(head_blocks)
    if m:
        meta.doc_number = regex.sub(r"\s+", "", m.group(1))
    meta.doc_date = (_doc_date("\n".join(right)) if right else None) or _doc_date(head_text)
    kind, title = _title(head_blocks)
    if not kind:
        about = _letter_subject(left + loose)
        if about:
            kind, title = "cong_van", about
    meta.doc_type = kind or _type_from_number(meta.doc_number)
    if meta.doc_type == "other" and not kind and _addressed(head_blocks):
        meta.doc_type = (
            "cong_van"  # no kind word, no kind code in the number, "Kính gửi: ...": a letter
        )
    meta.title = title
    meta.period = _period(title, head_blocks, meta.doc_date)
    meta.issuer, meta.issuer_parent = _issuer(left)
    place = PLACE_DATE.search("\n".join(right) or head_text)
    meta.place = place_of(place.group("place")) if place else None
    meta.province = _province(left, head_text, doc)
    return meta


def _header_columns(blocks) -> tuple[list[str], list[str], list[str]]:
    """Left-column lines, right-column lines, and header lines whose column is unknown."""
    for b in blocks[:3]:
        if b.kind == TABLE and b.rows and MOTTO.search(b.text):
            left = [ln for row in b.rows for ln in (row[0] if row else "").splitlines()]
            right = [ln for row in b.rows for cell in row[1:] for ln in cell.splitlines()]
            return (
                [ln.strip() for ln in left if ln.strip()],
                [ln.strip() for ln in right if ln.strip()],
                [],
            )
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


def _addressed(blocks) -> bool:
    return any(b.kind != TABLE and regex.match(r"(?i)^\s*Kính\s+gửi\b", b.text) for b in blocks[:6])


def _number_below_header(blocks) -> regex.Match | None:
    """ "Số 45-BC/HU" on its own line between the header and the title (a Party header's number
    under the star, left out of the header table)."""
    for b in blocks[:6]:
        if b.kind == TABLE:
            continue
        if _kind_of_line(b.text.splitlines()[0] if b.text else "")[0]:
            return None
        m = regex.match(r"^[\s*]*" + NUMBER.pattern, b.text)
        if m:
            return m
    return None


def _letter_subject(lines: list[str]) -> str | None:
    """The "V/v ..." subject of an official letter, with the header lines that continue it."""
    for i, line in enumerate(lines):
        m = ABOUT.match(MOTTO.split(line)[0])
        if m:
            rest = [m.group(1).strip()]
            for more in lines[i + 1 : i + 3]:
                if (
                    MOTTO.search(more)
                    or PLACE_DATE.search(more)
                    or regex.match(r"(?i)^(Số|Kính gửi)", more)
                ):
                    break
                rest.append(more.strip())
            return " ".join(rest)
    return None


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
    day, month, year = (
        (d.group("d"), d.group("m"), d.group("y"))
        if d.group("d")
        else (d.group("d2"), d.group("m2"), d.group("y2"))
    )
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
                    later = b.text.splitlines()[line_no + 1 :]
                    subject = " ".join(later) if later else ""
                for nxt in blocks[i + 1 : i + 4]:
                    if not _continues_title(subject, nxt):
                        break
                    subject = (subject + " " + nxt.text).strip()
                return kind, _cut_subject(subject)
    return _title_in_header_table(blocks)


def _title_in_header_table(blocks) -> tuple[str | None, str | None]:
    """A title typed into the header table (a last, merged row: "BÁO CÁO" / "Kết quả ...")."""
    for b in blocks[:3]:
        if b.kind != TABLE or not b.rows:
            continue
        for row in b.rows:
            for cell in row:
                lines = [ln.strip() for ln in cell.splitlines() if ln.strip()]
                for k, line in enumerate(lines):
                    kind, rest = _kind_of_line(line)
                    opens_line = (
                        kind and len(line) - len(rest) <= 16
                    )  # "BÁO CÁO", "QUYẾT ĐỊNH" first, not an issuer's words
                    if opens_line:
                        return kind, _cut_subject(" ".join([rest] + lines[k + 1 :]).strip())
    return None, None


def _continues_title(subject: str, block) -> bool:
    """Whether a paragraph after the kind word still belongs to the title: the subject line may
    run over several paragraphs ("Kết quả ... tiêu cực" / "quý III năm 2023") and a data window
    "(Số liệu từ ngày ... đến ngày ...)" may follow it; the body, a list or a rule line ends it."""
    text = block.text.strip()
    if (
        block.kind == TABLE
        or not text
        or BODY_OPENERS.match(text)
        or regex.fullmatch(r"[-_*=.…\s]+", text)
    ):
        return False
    if regex.match(r"(?i)^(số\s+liệu|\(\s*số\s+liệu|\(\s*từ\s+ngày|\(\s*kỳ\s+báo\s+cáo)", text):
        return len(text) < 160
    if not subject:
        return len(text) < 400
    if text[:1].islower() and len(subject) <= 300:
        return (
            True  # the subject line wrapped ("quý III năm 2023"); a body run on to it is cut later
        )
    if block.kind == "list_item" or len(text) > 160 or len(subject) > 300:
        return False
    if regex.search(r"[.:!?]$", subject) or regex.search(r"[.:!?]$", text):
        return False  # a title does not end in a full stop: this is a body sentence
    if _kind_of_line(text)[0]:
        return False
    return True


def _cut_subject(subject: str) -> str:
    m = regex.search(r"\s(Căn cứ|Thực hiện|Tiếp nhận|Theo|Kính gửi)\s", subject)
    return (subject[: m.start()] if m else subject).strip()[:300]


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
            spelled = r"\s+".join(regex.escape(w) for w in word.split())
            if regex.fullmatch(rf"(?i){spelled}", text):
                return entry["id"], ""
            m = regex.search(rf"(?:^|\s){spelled}(?:\s|$)", text)
            if m and (
                m.start() <= 2 or (text[: m.start()].strip().isupper() and _is_title_word(text, m))
            ):
                return entry["id"], text[m.end() :].strip()
    return None, ""


def _is_title_word(text: str, m: regex.Match) -> bool:
    """A kind word in capitals standing alone or followed by the subject line."""
    after = text[m.end() :].strip()
    return (
        not after
        or not after[:1].isupper()
        or not after.split()[0].isupper()
        or len(after.split()[0]) <= 1
    )


def _type_from_number(number: str | None) -> str:
    if not number:
        return "other"
    codes = regex.findall(r"[\p{L}]+", number)
    for entry in _doc_types():
        if any(c in entry["codes"] for c in codes[:1] + codes):
            return entry["id"]
    return "other"


def _period(title: str | None, blocks, doc_date: str | None) -> str | None:
    year = int(doc_date[:4]) if doc_date else None
    month = int(doc_date[5:7]) if doc_date else None
    if title:
        # a phrase without its year takes the next year the title states, else the document's
        p = title_period(title, year, month)
        if p:
            return p
        m = regex.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", title)
        if m:
            return m.group(1)
    for b in blocks:
        if b.kind != TABLE and BODY_OPENERS.match(b.text.strip()):
            p = stated_period(b.text, year, month)
            if p:
                return p
    return str(year) if year else None


def _issuer(left: list[str]) -> tuple[str | None, str | None]:
    """(issuer, the body above it) from the header's left column (extractors/finders/issuer.py)."""
    lines = [
        ln
        for ln in left
        if not MOTTO.fullmatch(ln) and not ln.startswith("Số") and ln.strip("-_* ")
    ]
    return issuer_of(lines)


def _place_key(text: str) -> str:
    """A place name folded for matching: no marks, hyphens as spaces, one space
    ("BÀ RỊA-VŨNG TÀU" and "Bà Rịa - Vũng Tàu" match)."""
    return regex.sub(r"[\s\-–]+", " ", fold(text)).strip(" .…,")


def _province_at_start(text: str) -> str | None:
    """The province whose name opens text ("ĐỒNG THÁP", "ĐỒNG THÁP SỞ NỘI VỤ"), longest first."""
    key = _place_key(text)
    for name in provinces():
        k = _place_key(name)
        if key == k or key.startswith(k + " "):
            return name
    return None


PROVINCE_LEVEL = r"(?:TỈNH\s+ỦY|TỈNH|THÀNH\s+PHỐ|THÀNH\s+ỦY|TP\s*\.|TP)"


def _province(left: list[str], head_text: str, doc: Document) -> str | None:
    names = provinces()
    # 1. the header names it: "TỈNH ỦY ĐỒNG THÁP", "UBND TỈNH AN GIANG", "UBND TP. CẦN THƠ"
    for line in left:
        for m in regex.finditer(rf"(?i)(?<!\p{{L}}){PROVINCE_LEVEL}\s*(\p{{L}}.*)$", line):
            name = _province_at_start(m.group(1))
            if name:
                return name
    joined = " ".join(left)  # a long name wrapped: "ỦY BAN NHÂN DÂN TỈNH" / "BÀ RỊA - VŨNG TÀU"
    for m in regex.finditer(rf"(?i)(?<!\p{{L}}){PROVINCE_LEVEL}\s*(\p{{L}}.*)$", joined):
        name = _province_at_start(m.group(1))
        if name:
            return name
    # 2. the place in the date line is a province ("Bà Rịa-Vũng Tàu, ngày ...", "TP. Hồ Chí Minh, ngày ...");
    # a district's or commune's place is its own name (xã Phú Thọ is no province): the text decides first
    place = _place_province(head_text)
    local = any(
        regex.search(
            r"(?i)(?<!\p{L})(?:HUYỆN|QUẬN|THỊ\s+XÃ|XÃ(?!\s+HỘI)|PHƯỜNG|THỊ\s+TRẤN)(?!\p{L})", ln
        )
        for ln in left
    )
    if place and not local:
        return place
    # 3. a district the header names whose name is unique in the country ("HUYỆN ỦY U MINH THƯỢNG")
    district_province = _province_of_district(left)
    if district_province:
        return district_province
    # 4. the province most named in the text ("tỉnh Đồng Tháp", "TP. Hồ Chí Minh")
    counts: Counter[str] = Counter()
    text = doc.text
    for name in names:
        spelled = r"[\s\-–]+".join(regex.escape(part) for part in regex.split(r"[\s\-–]+", name))
        n = len(
            regex.findall(
                rf"(?i)\b(?:tỉnh|thành\s+phố|tp\s*\.?|tỉnh\s+ủy|thành\s+ủy)\s*{spelled}\b", text
            )
        )
        if n:
            counts[name] += n
    hcm = len(regex.findall(r"(?i)\bTP\s*\.?\s*HCM\b", text))
    if hcm:
        counts["Hồ Chí Minh"] += hcm
    if counts:
        return counts.most_common(1)[0][0]
    return place


DISTRICT_LEVEL = (
    r"(?:HUYỆN\s+ỦY|HUYỆN|QUẬN\s+ỦY|QUẬN|THỊ\s+ỦY|THỊ\s+XÃ|THÀNH\s+ỦY|THÀNH\s+PHỐ|TP\s*\.?)"
)


@lru_cache(maxsize=1)
def _unique_districts() -> dict[str, str]:
    """District name key -> province, for names that only one district in the country bears."""
    rows = catalog.csv_rows("districts.csv")
    by_name: dict[str, set[str]] = {}
    for r in rows:
        by_name.setdefault(_place_key(r["district"]), set()).add(r["province"])
    provinces_by_key = {_place_key(n) for n in provinces()}
    return {
        k: next(iter(v)) for k, v in by_name.items() if len(v) == 1 and k not in provinces_by_key
    }


def _province_of_district(left: list[str]) -> str | None:
    districts = _unique_districts()
    for line in left:
        for m in regex.finditer(
            rf"(?i)(?<!\p{{L}}){DISTRICT_LEVEL}\s*(\p{{L}}[\p{{L}}\s\-–]*)", line
        ):
            words = _place_key(m.group(1)).split()
            for n in range(
                min(4, len(words)), 0, -1
            ):  # the longest district name the words open with
                province = districts.get(" ".join(words[:n]))
                if province:
                    return province
    return None


def _place_province(head_text: str) -> str | None:
    m = PLACE_DATE.search(head_text)
    if not m:
        return None
    place = regex.sub(r"(?i)^\s*(?:thành\s+phố|tp\s*\.?)\s*", "", m.group("place")).strip(" .…")
    names_by_key = {_place_key(n): n for n in provinces()}
    return names_by_key.get(_place_key(place))
