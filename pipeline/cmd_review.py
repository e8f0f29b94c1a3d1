"""The commands on a loaded warehouse: `flags`, `report`, `consolidate`, `apply` (the
clerk's corrections), `remove` and `restore`. The reading ones open it read-only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import commands
from pipeline.commands import (
    UsageError,
    check_db_path,
    command,
    db_argument,
    print_stale_corrections,
    reading_db,
)
from pipeline.output import format_table

# --------------------------------------------------------------------------- flags


@command("flags", "in các cảnh báo số liệu trong kho", db_argument)
def cmd_flags(args) -> int:
    from warehouse.store import open_warehouse

    db = reading_db(args)
    check_db_path(db, must_exist=True)
    con = open_warehouse(db, read_only=True)
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


# --------------------------------------------------------------------------- report


def _report_arguments(p: argparse.ArgumentParser) -> None:
    db_argument(p)
    p.add_argument(
        "--out",
        default=str(commands.DEFAULT_OUT),
        help=f"thư mục ghi kết quả (mặc định {commands.DEFAULT_OUT}/)",
    )


@command(
    "report", "ghi bảng Excel, trang HTML kiểm tra, facts.parquet, flags.csv", _report_arguments
)
def cmd_report(args) -> int:
    from warehouse.exports import ReportError, write_reports

    return _write_from_warehouse(args, lambda con: write_reports(con, Path(args.out)), ReportError)


# --------------------------------------------------------------------------- consolidate


def _consolidate_arguments(p: argparse.ArgumentParser) -> None:
    db_argument(p)
    p.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2023-H1, 2023, 2023-9M")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--unit", help="mã đơn vị tổng hợp (xem v_units), ví dụ dong-thap:ubnd")
    who.add_argument("--province", help="tên tỉnh: tổng hợp các đơn vị thuộc UBND tỉnh")
    p.add_argument(
        "--out",
        default=str(commands.DEFAULT_OUT),
        help=f"thư mục ghi kết quả (mặc định {commands.DEFAULT_OUT}/)",
    )


@command(
    "consolidate",
    "ghi phụ lục tổng hợp số liệu một kỳ của các đơn vị cấp dưới (Excel, Word, HTML)",
    _consolidate_arguments,
)
def cmd_consolidate(args) -> int:
    from warehouse.consolidate import ConsolidationError, consolidate

    return _write_from_warehouse(
        args,
        lambda con: consolidate(con, args.period, Path(args.out), args.unit, args.province),
        ConsolidationError,
    )


def _write_from_warehouse(args, write, refused: type[Exception]) -> int:
    """Open the warehouse read-only, write the files, say where they are; a refusal of the
    writer (`refused`) is a usage error with its own words."""
    from warehouse.store import open_warehouse

    db = reading_db(args)
    check_db_path(db, must_exist=True)
    con = open_warehouse(db, read_only=True)
    try:
        paths = write(con)
    except refused as exc:
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
        default=str(commands.DEFAULT_OUT / "so_lieu_tong_hop.xlsx"),
        help="bảng Excel đã sửa (mặc định data/processed/so_lieu_tong_hop.xlsx)",
    )
    db_argument(p)
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

    db = args.db or commands.DEFAULT_DB
    check_db_path(db, must_exist=True)
    path = Path(args.workbook)
    try:
        edits = read_edits(path, args.reviewer or _login(getpass))
    except EditError as exc:
        for line in exc.lines:
            print(f"Lỗi: {line}", file=sys.stderr)
        print("Chưa lưu chỗ sửa nào; hãy sửa các ô trên rồi chạy lại.", file=sys.stderr)
        return 1
    con = open_warehouse(db)
    try:
        facts, flags = record(con, edits.facts, edits.flags, path.name, as_written=clean_text)
    finally:
        con.close()
    if not facts and not flags:
        print(f"Không có chỗ sửa mới trong {path}.")
    else:
        print(f"Đã lưu từ {path}: {facts} số liệu sửa, {flags} cảnh báo đã xem vào {db}.")
    print_stale_corrections(db)
    return 0


def _login(getpass) -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return None


# --------------------------------------------------------------------------- remove, restore


def _remove_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="tệp hoặc thư mục (kể cả đã xóa khỏi ổ đĩa), hoặc đường dẫn/tên tệp như trong kho",
    )
    db_argument(p)


@command("remove", "gỡ bỏ văn bản khỏi kho (giữ lại làm lịch sử)", _remove_arguments)
def cmd_remove(args) -> int:
    from pipeline.maintenance import remove_documents

    db = args.db or commands.DEFAULT_DB
    check_db_path(db, must_exist=True)
    outcome = remove_documents(db, args.paths)
    for arg, n in outcome.matched.items():
        if n:
            print(f"Đã gỡ bỏ {arg}: {n} văn bản")
    for arg in outcome.unknown:
        print(f"Lỗi: không có văn bản nào trong kho ứng với {arg}", file=sys.stderr)
    return 1 if outcome.unknown else 0


@command("restore", "khôi phục kho dữ liệu từ bản sao lưu <db>.bak", db_argument)
def cmd_restore(args) -> int:
    from pipeline.maintenance import restore_backup

    db = args.db or commands.DEFAULT_DB
    check_db_path(db)
    kept = restore_backup(db)
    print(f"Đã khôi phục {db} từ {db}.bak; kho dữ liệu trước khi khôi phục được giữ ở {kept}")
    return 0
