"""Command line: `python -m pipeline ingest|flags|report` (see ../shared/spec/contract.md)."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = Path("data/raw")
DEFAULT_DB = "data/processed/warehouse.duckdb"
DEFAULT_OUT = Path("data/processed")
SAMPLES = ROOT / "data" / "samples"


class UsageError(Exception):
    """A problem with the command line or the --db path: exit 1."""


def _check_db_path(db: str) -> None:
    path = Path(db)
    if path.is_dir():
        raise UsageError(f"--db {db} là một thư mục, không phải tệp kho dữ liệu DuckDB")
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)


def cmd_ingest(args) -> int:
    from pipeline.ingest import find_files, ingest

    raw = Path(args.raw_dir) if args.raw_dir else DEFAULT_RAW
    if not raw.exists():
        if args.raw_dir:
            raise UsageError(f"không tìm thấy thư mục {raw}")
        raw.mkdir(parents=True, exist_ok=True)
    if not raw.is_dir():
        raise UsageError(f"{raw} không phải là thư mục")
    if args.raw_dir is None and not find_files(raw):
        print(f"Thư mục {raw} chưa có báo cáo nào; nạp các báo cáo mẫu trong {SAMPLES.relative_to(ROOT)}.")
        raw = SAMPLES
    _check_db_path(args.db)
    summary = ingest(raw, args.db, workers=args.workers)
    print_summary(summary, args.db)
    return summary.exit_code


def print_summary(summary, db: str) -> None:
    print(f"Kho dữ liệu: {db}")
    print(f"  Đã nạp: {len(summary.loaded)} tệp · bỏ qua (không thay đổi): {len(summary.skipped)} tệp"
          f" · lỗi: {len(summary.failed)} tệp")
    print(f"  Số liệu: {summary.facts} · cảnh báo trong văn bản: {summary.flags}"
          f" · cảnh báo giữa các văn bản: {summary.cross_doc_flags}")
    for rel, reason in summary.failed:
        print(f"  LỖI {rel}: {reason}")


def cmd_flags(args) -> int:
    from warehouse.store import open_warehouse

    _check_db_path(args.db)
    con = open_warehouse(args.db)
    rows = con.execute("SELECT file_name, rule, severity, message FROM v_flags ORDER BY file_name, severity, rule").fetchall()
    con.close()
    if not rows:
        print("Không có cảnh báo nào.")
        return 0
    width = min(40, max(len(r[0]) for r in rows))
    print(f"{'Tệp':{width}}  {'Quy tắc':20} {'Mức độ':8} Nội dung")
    for file_name, rule, severity, message in rows:
        print(f"{file_name[:width]:{width}}  {rule:20} {severity:8} {message}")
    print(f"{len(rows)} cảnh báo.")
    return 0


def cmd_report(args) -> int:
    from warehouse.exports import write_reports
    from warehouse.store import open_warehouse

    _check_db_path(args.db)
    con = open_warehouse(args.db)
    try:
        paths = write_reports(con, Path(args.out))
    finally:
        con.close()
    for p in paths:
        print(f"Đã ghi {p}")
    return 0


COMMANDS = {"ingest": cmd_ingest, "flags": cmd_flags, "report": cmd_report}


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pipeline", description="Đọc báo cáo định kỳ và nạp số liệu vào kho.")
    ap.add_argument("--debug", action="store_true", help="in đầy đủ lỗi (traceback)")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="đọc các báo cáo trong thư mục và nạp vào kho")
    p.add_argument("raw_dir", nargs="?", default=None, help=f"thư mục báo cáo (mặc định {DEFAULT_RAW}/)")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--workers", type=int, default=None, help="số tiến trình đọc song song (mặc định: số lõi)")
    p.add_argument("--debug", action="store_true", help="in đầy đủ lỗi (traceback)")
    p = sub.add_parser("flags", help="in các cảnh báo số liệu")
    p.add_argument("--db", default=DEFAULT_DB)
    p = sub.add_parser("report", help="ghi bảng Excel, trang HTML kiểm tra, facts.parquet, flags.csv")
    p.add_argument("--db", default=DEFAULT_DB)
    p.add_argument("--out", default=str(DEFAULT_OUT))
    return ap


def main(argv: list[str] | None = None) -> int:
    from warehouse.store import WarehouseBusy, WarehouseUnusable

    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", None) is not None and args.workers < 1:
        parser.error("--workers phải là số nguyên dương")
    try:
        return COMMANDS[args.command](args)
    except (UsageError, WarehouseBusy, WarehouseUnusable) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kho dữ liệu giữ nguyên như trước văn bản đang xử lý.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback for users unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"Lỗi không mong đợi: {type(exc).__name__}: {exc} (chạy lại với --debug để xem chi tiết)",
                  file=sys.stderr)
        return 1
