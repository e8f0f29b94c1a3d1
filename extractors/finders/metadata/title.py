"""The kind of document, its subject line and the period it names.

The kind is the capitalised title word (`BÁO CÁO`, `KẾ HOẠCH`, doc_types.toml) on a line of
its own or opening the subject line, else the kind code inside the document's number
(`245/BC-UBND` → BC); the subject line may run over several paragraphs and a data window may
follow it. The period is the one the title names, else the one the opening paragraph states,
else the year of the document's date.
"""

from __future__ import annotations

from functools import cache

import regex

import catalog
from extractors.finders.metadata.patterns import LETTERS, RULE_LINE, SENTENCE_END, YEAR, patterns
from model import TABLE
from normalizers.periods import stated_period, title_period


@cache
def _doc_types() -> list[dict]:
    return catalog.toml("doc_types.toml")["doc_type"]


def title_of(blocks) -> tuple[str | None, str | None]:
    """The document kind from its capitalised title word, and the subject line after it."""
    for i, b in enumerate(blocks):
        if b.kind == TABLE:
            continue
        for line_no, line in enumerate(b.text.splitlines() or [b.text]):
            kind, rest = kind_of_line(line)
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
                    kind, rest = kind_of_line(line)
                    # "BÁO CÁO", "QUYẾT ĐỊNH" first, not an issuer's words
                    if kind and len(line) - len(rest) <= 16:
                        return kind, _cut_subject(" ".join([rest] + lines[k + 1 :]).strip())
    return None, None


def _continues_title(subject: str, block) -> bool:
    """Whether a paragraph after the kind word still belongs to the title: the subject line may
    run over several paragraphs ("Kết quả ... tiêu cực" / "quý III năm 2023") and a data window
    "(Số liệu từ ngày ... đến ngày ...)" may follow it; the body, a list or a rule line ends it."""
    p = patterns()
    text = block.text.strip()
    if block.kind == TABLE or not text or p.body_openers.match(text) or RULE_LINE.fullmatch(text):
        return False
    if p.data_window.match(text):
        return len(text) < 160
    if not subject:
        return len(text) < 400
    if text[:1].islower() and len(subject) <= 300:
        return (
            True  # the subject line wrapped ("quý III năm 2023"); a body run on to it is cut later
        )
    if block.kind == "list_item" or len(text) > 160 or len(subject) > 300:
        return False
    if SENTENCE_END.search(subject) or SENTENCE_END.search(text):
        return False  # a title does not end in a full stop: this is a body sentence
    if kind_of_line(text)[0]:
        return False
    return True


def _cut_subject(subject: str) -> str:
    m = patterns().subject_end.search(subject)
    return (subject[: m.start()] if m else subject).strip()[:300]


def kind_of_line(line: str) -> tuple[str | None, str]:
    """(kind id, the rest of the line) when a line holds the document's title word."""
    p = patterns()
    text = p.motto.sub(" ", line).strip()
    text = p.number.sub(" ", text)
    text = p.place_date.sub(" ", text).strip()
    subject = catalog.table("header.toml", "letter", "subject")
    for kind, word, alone, inside in p.titles:
        if word.lower() == subject.lower():
            if p.about_start.match(text):
                return kind, text[len(subject) :].strip()
            continue
        if alone.fullmatch(text):
            return kind, ""
        m = inside.search(text)
        if m and (
            m.start() <= 2 or (text[: m.start()].strip().isupper() and _is_title_word(text, m))
        ):
            return kind, text[m.end() :].strip()
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


def type_from_number(number: str | None) -> str:
    """The kind whose code stands in the document's number (`245/BC-UBND` → bao_cao)."""
    if not number:
        return "other"
    codes = LETTERS.findall(number)
    for entry in _doc_types():
        if any(c in entry["codes"] for c in codes[:1] + codes):
            return entry["id"]
    return "other"


def document_period(title: str | None, blocks, doc_date: str | None) -> str | None:
    """The period the title names, else the opening paragraph's, else the date's year."""
    year = int(doc_date[:4]) if doc_date else None
    month = int(doc_date[5:7]) if doc_date else None
    if title:
        # a phrase without its year takes the next year the title states, else the document's
        p = title_period(title, year, month)
        if p:
            return p
        m = YEAR.search(title)
        if m:
            return m.group(1)
    for b in blocks:
        if b.kind != TABLE and patterns().body_openers.match(b.text.strip()):
            p = stated_period(b.text, year, month)
            if p:
                return p
    return str(year) if year else None
