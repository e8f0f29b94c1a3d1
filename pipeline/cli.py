"""Command line: `python -m pipeline ingest|flags|report|consolidate` (../shared/spec/contract.md).

Subcommands live in a small registry: a function decorated with @command(name, help, setup)
becomes `python -m pipeline <name>`; `setup(parser)` adds its arguments. Exit codes: 0 ok,
2 some files failed (ingest), 1 usage error or unusable --db, 130 stopped by Ctrl-C.
Tracebacks only with --debug.
"""

from __future__ import annotations

import argparse
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = Path("data/raw")
DEFAULT_DB = "data/processed/warehouse.duckdb"
DEFAULT_OUT = Path("data/processed")
SAMPLES = ROOT / "data" / "samples"


class UsageError(Exception):
    """A problem with the command line or the --db path: exit 1."""


@dataclass
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    setup: Callable[[argparse.ArgumentParser], None] | None = None


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, setup: Callable[[argparse.ArgumentParser], None] | None = None):
    """Register a subcommand: the decorated function gets the parsed args, returns the exit code."""

    def register(run: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = Command(name, help, run, setup)
        return run

    return register


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=DEFAULT_DB, help=f"tệp kho dữ liệu DuckDB (mặc định {DEFAULT_DB})"
    )


def check_db_path(db: str, must_exist: bool = False) -> None:
    """Refuse a --db that cannot be a warehouse file before DuckDB says it less clearly."""
    path = Path(db)
    if path.is_dir():
        raise UsageError(f"--db {db} là một thư mục, không phải tệp kho dữ liệu DuckDB")
    if must_exist and not path.exists():
        raise UsageError(f"chưa có kho dữ liệu {db}; hãy chạy `python -m pipeline ingest` trước")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"không tạo được thư mục cho kho dữ liệu {db}: {exc.strerror or exc}"
        ) from exc


# --------------------------------------------------------------------------- ingest


def _ingest_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "raw_dir", nargs="?", default=None, help=f"thư mục báo cáo (mặc định {DEFAULT_RAW}/)"
    )
    _db_argument(p)
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="số tiến trình đọc song song (mặc định: số lõi CPU)",
    )
    p.add_argument(
        "--units",
        default=None,
        help="danh mục đơn vị bổ sung/sửa của người dùng (mặc định data/units.csv)",
    )


def _has_reports(folder: Path) -> bool:
    from extractors.readers import SUPPORTED_SUFFIXES
    from pipeline.ingest import find_files

    return any(p.suffix.lower() in SUPPORTED_SUFFIXES for p in find_files(folder))


@command("ingest", "đọc các báo cáo trong thư mục và nạp vào kho dữ liệu", _ingest_arguments)
def cmd_ingest(args) -> int:
    from pipeline.ingest import ingest

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers phải là số nguyên dương")
    raw = Path(args.raw_dir) if args.raw_dir else DEFAULT_RAW
    if not raw.exists():
        if args.raw_dir:
            raise UsageError(f"không tìm thấy thư mục báo cáo {raw}")
        raw.mkdir(parents=True, exist_ok=True)
    if args.raw_dir is None and not _has_reports(raw) and SAMPLES.is_dir():
        print(
            f"Thư mục {raw}/ chưa có báo cáo nào (.pdf, .docx, .doc); nạp các báo cáo mẫu trong "
            f"{SAMPLES.relative_to(ROOT)}/."
        )
        raw = SAMPLES
    check_db_path(args.db)
    if args.units and not Path(args.units).is_file():
        raise UsageError(f"không tìm thấy danh mục đơn vị {args.units}")
    units = {"units_csv": Path(args.units)} if args.units else {}
    summary = ingest(raw, args.db, workers=args.workers, **units)
    print_summary(summary, args.db)
    print_stale_corrections(args.db, summary.loaded)
    return summary.exit_code


def print_summary(summary, db: str) -> None:
    print(f"Nguồn: {summary.source}  →  kho dữ liệu: {db}")
    print(
        f"  Đã nạp: {len(summary.loaded)} tệp · bỏ qua (không thay đổi): {len(summary.skipped)} tệp"
        f" · lỗi: {len(summary.failed)} tệp"
    )
    print(
        f"  Số liệu vừa nạp: {summary.facts} · cảnh báo trong văn bản: {summary.flags}"
        f" · cảnh báo giữa các văn bản: {summary.cross_doc_flags}"
    )
    if summary.ignored:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(summary.ignored.items()))
        print(f"  Không xét các tệp không phải báo cáo: {kinds}")
    print_units(summary)
    if summary.cross_doc_error:
        print(f"  Chưa kiểm tra được mâu thuẫn giữa các văn bản: {summary.cross_doc_error}")
    for rel, reason in summary.failed:
        print(f"  LỖI {rel}: {reason}")


def print_units(summary) -> None:
    """Who reported: documents resolved to the unit register, new units, copies, bad CSV rows."""
    units = summary.units
    if units is None:
        return
    print(
        f"  Đơn vị: {units.resolved}/{units.documents} văn bản thuộc đơn vị đã có trong danh mục"
        f" · đơn vị mới: {len(units.new_units)} · bản sao của cùng báo cáo: {summary.copies}"
    )
    if units.new_units:
        shown = "; ".join(units.new_units[:5]) + ("; ..." if len(units.new_units) > 5 else "")
        print(f"  Đơn vị mới (xem v_units, sửa trong data/units.csv nếu cần): {shown}")
    for warning in units.warnings:
        print(f"  Danh mục đơn vị: {warning}")


def print_stale_corrections(db: str, rel_paths: list[str] | None = None) -> None:
    """The clerk's corrections that no figure matches any more (the file changed)."""
    from warehouse.corrections import stale
    from warehouse.store import open_warehouse

    if rel_paths is not None and not rel_paths:
        return
    con = open_warehouse(db)
    try:
        left = stale(con, rel_paths)
    finally:
        con.close()
    if not left:
        return
    print(
        f"  {len(left)} chỗ sửa không còn khớp số liệu nào (văn bản đã thay đổi); xem trang"
        " “Lịch sử sửa” của bảng Excel hoặc bảng v_corrections, rồi sửa lại trên bản mới:"
    )
    for c in left[:10]:
        what = c.metric or c.rule or ""
        print(f"    {c.file_name}: {what} – {(c.evidence or '')[:80]}")
    if len(left) > 10:
        print(f"    … và {len(left) - 10} chỗ khác")


# --------------------------------------------------------------------------- flags


@command("flags", "in các cảnh báo số liệu trong kho", _db_argument)
def cmd_flags(args) -> int:
    from warehouse.store import open_warehouse

    check_db_path(args.db, must_exist=True)
    con = open_warehouse(args.db)
    try:
        rows = con.execute(
            "SELECT file_name, rule, severity, message FROM v_flags"
            " ORDER BY file_name, severity, rule"
        ).fetchall()
    finally:
        con.close()
    if not rows:
        print("Không có cảnh báo nào.")
        return 0
    print(format_table(("Tệp", "Quy tắc", "Mức độ", "Nội dung"), rows))
    files = len({r[0] for r in rows})
    print(f"{len(rows)} cảnh báo trong {files} văn bản.")
    return 0


def format_table(header: tuple[str, ...], rows: list[tuple], max_width: int = 40) -> str:
    """Aligned columns; the last one (the message) is never cut."""
    widths = [
        min(max_width, max(len(str(r[i] or "")) for r in [header, *rows]))
        for i in range(len(header) - 1)
    ]

    def line(values) -> str:
        cells = [str(v or "")[:w].ljust(w) for v, w in zip(values, widths)]
        return "  ".join(cells + [str(values[-1] or "")])

    rule = "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1])
    return "\n".join([line(header), rule] + [line(r) for r in rows])


# --------------------------------------------------------------------------- report


def _report_arguments(p: argparse.ArgumentParser) -> None:
    _db_argument(p)
    p.add_argument(
        "--out", default=str(DEFAULT_OUT), help=f"thư mục ghi kết quả (mặc định {DEFAULT_OUT}/)"
    )


@command(
    "report", "ghi bảng Excel, trang HTML kiểm tra, facts.parquet, flags.csv", _report_arguments
)
def cmd_report(args) -> int:
    from warehouse.exports import ReportError, write_reports
    from warehouse.store import open_warehouse

    check_db_path(args.db, must_exist=True)
    con = open_warehouse(args.db)
    try:
        paths = write_reports(con, Path(args.out))
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        con.close()
    for p in paths:
        print(f"Đã ghi {p}")
    return 0


# --------------------------------------------------------------------------- consolidate


def _consolidate_arguments(p: argparse.ArgumentParser) -> None:
    _db_argument(p)
    p.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2023-H1, 2023, 2023-9M")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--unit", help="mã đơn vị tổng hợp (xem v_units), ví dụ dong-thap:ubnd")
    who.add_argument("--province", help="tên tỉnh: tổng hợp các đơn vị thuộc UBND tỉnh")
    p.add_argument(
        "--out", default=str(DEFAULT_OUT), help=f"thư mục ghi kết quả (mặc định {DEFAULT_OUT}/)"
    )


@command(
    "consolidate",
    "ghi phụ lục tổng hợp số liệu một kỳ của các đơn vị cấp dưới (Excel, Word, HTML)",
    _consolidate_arguments,
)
def cmd_consolidate(args) -> int:
    from warehouse.consolidate import ConsolidationError, consolidate
    from warehouse.store import open_warehouse

    check_db_path(args.db, must_exist=True)
    con = open_warehouse(args.db)
    try:
        paths = consolidate(con, args.period, Path(args.out), args.unit, args.province)
    except ConsolidationError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        con.close()
    for p in paths:
        print(f"Đã ghi {p}")
    return 0


# --------------------------------------------------------------------------- apply


def _apply_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "workbook",
        nargs="?",
        default=str(DEFAULT_OUT / "so_lieu_tong_hop.xlsx"),
        help="bảng Excel đã sửa (mặc định data/processed/so_lieu_tong_hop.xlsx)",
    )
    _db_argument(p)
    p.add_argument("--reviewer", default=None, help="tên người sửa khi ô Người xem để trống")


@command(
    "apply",
    "lưu vào kho các chỗ sửa trong bảng Excel (Giá trị đúng, Trạng thái, Ghi chú, Người xem)",
    _apply_arguments,
)
def cmd_apply(args) -> int:
    import getpass

    from warehouse.corrections import record
    from warehouse.exports.cells import clean_text
    from warehouse.exports.edits import EditError, read_edits
    from warehouse.store import open_warehouse

    check_db_path(args.db, must_exist=True)
    path = Path(args.workbook)
    try:
        edits = read_edits(path, args.reviewer or _login(getpass))
    except EditError as exc:
        for line in exc.lines:
            print(f"Lỗi: {line}", file=sys.stderr)
        print("Chưa lưu chỗ sửa nào; hãy sửa các ô trên rồi chạy lại.", file=sys.stderr)
        return 1
    con = open_warehouse(args.db)
    try:
        facts, flags = record(con, edits.facts, edits.flags, path.name, as_written=clean_text)
    finally:
        con.close()
    if not facts and not flags:
        print(f"Không có chỗ sửa mới trong {path}.")
    else:
        print(f"Đã lưu từ {path}: {facts} số liệu sửa, {flags} cảnh báo đã xem vào {args.db}.")
    print_stale_corrections(args.db)
    return 0


def _login(getpass) -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return None


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m pipeline", description="Đọc báo cáo định kỳ và nạp số liệu vào kho."
    )
    ap.add_argument("--debug", action="store_true", help="in đầy đủ lỗi (traceback)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}")
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        # SUPPRESS: `--debug` before or after the subcommand, neither overrides the other
        p.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="in đầy đủ lỗi (traceback)",
        )
        if cmd.setup:
            cmd.setup(p)
    return ap


def _terminate_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    from warehouse.store import WarehouseBusy, WarehouseUnusable

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help; the contract says 1
        return 0 if exc.code in (0, None) else 1
    previous = _on_sigterm(_terminate_as_interrupt)  # a kill rolls back like Ctrl-C
    try:
        return COMMANDS[args.command].run(args)
    except (UsageError, WarehouseBusy, WarehouseUnusable) as exc:
        if args.debug:
            traceback.print_exc()
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "\nĐã dừng theo yêu cầu; kho dữ liệu giữ nguyên các văn bản đã nạp xong,"
            " văn bản đang nạp dở không được ghi.",
            file=sys.stderr,
        )
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback for users unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"Lỗi không mong đợi: {type(exc).__name__}: {exc}"
                " (chạy lại với --debug để xem chi tiết)",
                file=sys.stderr,
            )
        return 1
    finally:
        _on_sigterm(previous)


def _on_sigterm(handler):
    """Install a SIGTERM handler when we can (main thread only); return the previous one."""
    try:
        return signal.signal(signal.SIGTERM, handler if handler is not None else signal.SIG_DFL)
    except ValueError:
        return None
