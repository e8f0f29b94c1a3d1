"""Parser of the genre corpus sources (`.rpt`, see tests/genre/README.md) into a block model.

    doc = parse_rpt(Path("tests/genre/tune/x.rpt"))   # RptDocument: meta, blocks, footnotes

Blocks: Pair (@header / @sign rows), Title, Heading, Para (body, '-' and '+' items), Table,
PageBreak, Landscape. Inline text keeps its markup (`**bold**`, footnote marks `[^n]`);
`inline_runs` splits it into runs. Errors are RptError with `file:line` and a Vietnamese message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FOOTNOTE_BODY = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
INLINE = re.compile(r"\*\*(.+?)\*\*|\[\^([^\]\s]+)\]")
TABLE_OPTIONS = ("header_rows", "widths", "repeat_header")
PAIR_KINDS = ("header", "sign")


class RptError(Exception):
    """A source that cannot be rendered; the message names the file and line."""


@dataclass
class Run:
    text: str = ""
    bold: bool = False
    footnote: str | None = None  # the label of a footnote mark; text is empty then


@dataclass
class Cell:
    text: str = ""
    bold: bool = False
    merge: str | None = None  # "left" (`<`) or "up" (`^`)


@dataclass
class Pair:
    kind: str  # "header" or "sign"
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Title:
    lines: list[str] = field(default_factory=list)


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str
    bullet: str = ""  # "", "-" or "+"


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    header_rows: int = 0
    repeat_header: bool = True
    widths: list[float] | None = None

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def spans(self) -> list[tuple[int, int, int, int]]:
        """Every merged region as (top, left, bottom, right), inclusive, in reading order."""
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        for i, row in enumerate(self.rows):
            for j, cell in enumerate(row):
                if cell.merge == "left":
                    origin[i, j] = origin[i, j - 1]
                elif cell.merge == "up":
                    origin[i, j] = origin[i - 1, j]
                else:
                    origin[i, j] = (i, j)
        boxes: dict[tuple[int, int], list[int]] = {}
        for (i, j), o in origin.items():
            box = boxes.setdefault(o, [i, j, i, j])
            box[2], box[3] = max(box[2], i), max(box[3], j)
        spans = [tuple(b) for o, b in sorted(boxes.items()) if (b[2], b[3]) != o]
        for top, left, bottom, right in spans:
            for i in range(top, bottom + 1):
                for j in range(left, right + 1):
                    if origin[i, j] != (top, left):
                        raise ValueError(
                            f"ô gộp không phải hình chữ nhật quanh hàng {top + 1}, cột {left + 1}"
                        )
        return spans


@dataclass
class PageBreak:
    pass


@dataclass
class Landscape:
    pass


@dataclass
class RptDocument:
    path: Path
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.path.stem

    def flag(self, key: str) -> bool:
        return self.meta.get(key, "no").strip().lower() in ("yes", "true", "1", "có")


def inline_runs(text: str) -> list[Run]:
    """Split text into plain, bold and footnote-mark runs."""
    runs: list[Run] = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        runs.append(Run(m.group(1), bold=True) if m.group(1) else Run(footnote=m.group(2)))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def footnote_marks(text: str) -> list[str]:
    return [r.footnote for r in inline_runs(text) if r.footnote]


def parse_cell(raw: str) -> Cell:
    text = raw.strip()
    if text in ("<", "^"):
        return Cell(merge="left" if text == "<" else "up")
    m = re.fullmatch(r"\*\*(.*)\*\*", text)
    return Cell(m.group(1).strip(), bold=True) if m else Cell(text)


def parse_table_options(args: str) -> Table:
    table = Table()
    for item in args.split():
        key, _, value = item.partition("=")
        if key not in TABLE_OPTIONS or not value:
            raise ValueError(
                f"tùy chọn bảng không hợp lệ: {item!r} (chỉ có {', '.join(TABLE_OPTIONS)})"
            )
        if key == "header_rows":
            table.header_rows = int(value)
        elif key == "repeat_header":
            table.repeat_header = value.lower() not in ("no", "false", "0", "không")
        else:
            table.widths = [float(w) for w in value.split(",")]
    return table


def parse_table_row(line: str) -> list[Cell]:
    body = line.strip()
    if not body.startswith("|"):
        raise ValueError("trong @table mỗi dòng phải bắt đầu bằng '|'")
    body = body[1:-1] if body.endswith("|") and len(body) > 1 else body[1:]
    return [parse_cell(c) for c in body.split("|")]


def check_table(table: Table) -> None:
    if not table.rows:
        raise ValueError("bảng không có hàng nào")
    width = table.n_cols
    for row in table.rows:
        row.extend(Cell() for _ in range(width - len(row)))
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            if (cell.merge == "left" and j == 0) or (cell.merge == "up" and i == 0):
                mark = "<" if cell.merge == "left" else "^"
                raise ValueError(
                    f"ô gộp '{mark}' ở hàng {i + 1}, cột {j + 1} không có ô để gộp vào"
                )
    if table.widths and len(table.widths) != width:
        raise ValueError(f"widths có {len(table.widths)} giá trị nhưng bảng có {width} cột")
    if table.header_rows > len(table.rows):
        raise ValueError(f"header_rows={table.header_rows} nhiều hơn số hàng của bảng")
    table.spans()


def parse_front_matter(lines: list[str], doc: RptDocument) -> int:
    """Read the `---` block if present; return the index of the first body line."""
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    for i in range(first + 1, len(lines)):
        line = lines[i].split("#", 1)[0].strip()
        if lines[i].strip() == "---":
            return i + 1
        if line:
            key, sep, value = line.partition(":")
            if not sep:
                raise RptError(f"{doc.path}:{i + 1}: dòng đầu tệp không có dạng 'khóa: giá trị'")
            doc.meta[key.strip().lower()] = value.strip()
    raise RptError(f"{doc.path}:{first + 1}: phần đầu tệp '---' không được đóng")


def open_block(line: str):
    """The block a directive line opens (None for a single-line directive already complete)."""
    name, _, args = line[1:].partition(" ")
    if name in PAIR_KINDS:
        return Pair(name)
    if name == "title":
        return Title()
    if name == "table":
        return parse_table_options(args)
    raise ValueError(f"chỉ thị không rõ: @{name}")


def add_block_line(block, line: str) -> None:
    if isinstance(block, Pair):
        left, _, right = line.partition("||")
        block.rows.append((left.strip(), right.strip()))
    elif isinstance(block, Title):
        block.lines.append(line.strip())
    else:
        block.rows.append(parse_table_row(line))


def close_block(block, doc: RptDocument, opened_at: int) -> None:
    """Check and keep a finished block; a table's errors name the line that opened it."""
    if isinstance(block, Table):
        try:
            check_table(block)
        except ValueError as exc:
            raise RptError(f"{doc.path}:{opened_at}: {exc}") from None
    doc.blocks.append(block)


def simple_block(line: str):
    """The block of a line outside any @...@end block."""
    if line in ("@pagebreak", "@landscape"):
        return PageBreak() if line == "@pagebreak" else Landscape()
    m = re.match(r"^(#+)\s+(.*)$", line)
    if m:
        return Heading(len(m.group(1)), m.group(2).strip())
    if line[:2] in ("- ", "+ "):
        return Para(line[2:].strip(), bullet=line[0])
    return Para(line)


def parse_lines(lines: list[str], start: int, doc: RptDocument) -> None:
    block, opened_at = None, 0
    for i in range(start, len(lines)):
        line = lines[i].strip()
        try:
            if not line:
                continue
            if block is not None:
                if line == "@end":
                    close_block(block, doc, opened_at)
                    block = None
                else:
                    add_block_line(block, line)
            elif m := FOOTNOTE_BODY.match(line):
                if m.group(1) in doc.footnotes:
                    raise ValueError(f"chú thích [^{m.group(1)}] được định nghĩa hai lần")
                doc.footnotes[m.group(1)] = m.group(2).strip()
            elif line.startswith("@") and line not in ("@pagebreak", "@landscape"):
                block, opened_at = open_block(line), i + 1
            else:
                doc.blocks.append(simple_block(line))
        except ValueError as exc:
            raise RptError(f"{doc.path}:{i + 1}: {exc}") from None
    if block is not None:
        raise RptError(f"{doc.path}:{opened_at}: khối không có '@end'")


def block_texts(block) -> list[str]:
    if isinstance(block, Pair):
        return [t for row in block.rows for t in row]
    if isinstance(block, Title):
        return block.lines
    if isinstance(block, Table):
        return [c.text for row in block.rows for c in row]
    return [block.text] if isinstance(block, (Heading, Para)) else []


def check_footnotes(doc: RptDocument) -> None:
    marks = [m for b in doc.blocks for t in block_texts(b) for m in footnote_marks(t)]
    missing = sorted(set(marks) - set(doc.footnotes))
    if missing:
        raise RptError(
            f"{doc.path}: chú thích không có nội dung: " + ", ".join(f"[^{m}]" for m in missing)
        )


def parse_text(text: str, path: Path) -> RptDocument:
    doc = RptDocument(path)
    lines = unicodedata.normalize("NFC", text.lstrip("\ufeff")).splitlines()
    parse_lines(lines, parse_front_matter(lines, doc), doc)
    check_footnotes(doc)
    return doc


def parse_rpt(path: Path) -> RptDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RptError(f"{path}: không đọc được tệp nguồn ({exc})") from None
    return parse_text(text, path)
