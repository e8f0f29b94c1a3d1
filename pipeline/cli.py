"""Command line: `python -m pipeline ingest|flags|report|consolidate|apply|remove|restore`
(see ../shared/spec/contract.md).

Subcommands live in a small registry: a function decorated with @command(name, help, setup)
becomes `python -m pipeline <name>`; `setup(parser)` adds its arguments. Exit codes: 0 ok,
2 some files or folders failed (ingest), 1 usage error or unusable --db, 130 stopped by
Ctrl-C or SIGTERM: the first signal stops cleanly (workers killed at once, the document in
progress rolled back, a summary), a second one exits at once. Tracebacks only with --debug.
The reading commands (flags, report, consolidate) open the warehouse read-only.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import workers
from pipeline.output import format_table, print_summary

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RAW = Path("data/raw")
DEFAULT_DB = "data/processed/warehouse.duckdb"
SAMPLES_DB = "data/processed/samples.duckdb"  # the sample reports never mix with real ones
DEFAULT_OUT = Path("data/processed")
SAMPLES = ROOT / "data" / "samples"
STOPPED = (
    "Đã dừng theo yêu cầu; kho dữ liệu giữ nguyên các văn bản đã nạp xong,"
    " văn bản đang nạp dở không được ghi."
)


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
    """Register a subcommand (the function takes the parsed args and returns the exit code)."""

    def register(run: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = Command(name, help, run, setup)
        return run

    return register


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=None, help=f"tệp kho dữ liệu DuckDB (mặc định {DEFAULT_DB})"
    )


def reading_db(args) -> str:
    """The warehouse a reading command opens: --db, else the real one, else the samples'."""
    if args.db:
        return args.db
    if not Path(DEFAULT_DB).exists() and Path(SAMPLES_DB).exists():
        return SAMPLES_DB
    return DEFAULT_DB


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
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="đọc lại cả các tệp đã lỗi dù tệp chưa thay đổi",
    )
    _executor_arguments(p)
    _limit_arguments(p)


def _executor_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=("local", "dask"), default="local", help="nơi đọc tệp")
    p.add_argument("--scheduler", default=None, help="địa chỉ Dask, vd tcp://HOST:8786")
    p.add_argument("--stage", default=None, help="ghi kết quả ra thư mục Parquet, nạp sau (load)")


def _limit_arguments(p: argparse.ArgumentParser) -> None:
    """One option per limit of catalog/settings.toml [limits] (max_pages -> --max-pages)."""
    import catalog

    group = p.add_argument_group("giới hạn cho mỗi tệp (catalog/settings.toml, bảng [limits])")
    for name, value in catalog.settings()["limits"].items():
        group.add_argument(
            "--" + name.replace("_", "-"),
            dest=f"limit_{name}",
            type=type(value),
            default=None,
            metavar="N",
            help=f"mặc định {value}",
        )


def _limit_values(args) -> dict:
    values = {
        name[len("limit_") :]: value
        for name, value in vars(args).items()
        if name.startswith("limit_") and value is not None
    }
    for name, value in values.items():
        if value <= 0:
            raise UsageError(f"--{name.replace('_', '-')} phải là số dương")
    return values


def _has_reports(folder: Path) -> bool:
    from extractors.readers import SUPPORTED_SUFFIXES
    from pipeline.plan import find_files

    return any(p.suffix.lower() in SUPPORTED_SUFFIXES for p in find_files(folder))


@command("ingest", "đọc các báo cáo trong thư mục và nạp vào kho dữ liệu", _ingest_arguments)
def cmd_ingest(args) -> int:
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers phải là số nguyên dương")
    limit_values = _limit_values(args)
    raw = Path(args.raw_dir) if args.raw_dir else DEFAULT_RAW
    if not raw.exists():
        if args.raw_dir:
            raise UsageError(f"không tìm thấy thư mục báo cáo {raw}")
        raw.mkdir(parents=True, exist_ok=True)
    samples = args.raw_dir is None and not _has_reports(raw) and SAMPLES.is_dir()
    db = args.db or (SAMPLES_DB if samples else DEFAULT_DB)
    if samples:
        print(
            f"Thư mục {raw}/ chưa có báo cáo nào (.pdf, .docx, .doc); nạp các báo cáo mẫu trong "
            f"{SAMPLES.relative_to(ROOT)}/ vào kho riêng {db}."
        )
        raw = SAMPLES
    check_db_path(db)
    if args.units and not Path(args.units).is_file():
        raise UsageError(f"không tìm thấy danh mục đơn vị {args.units}")
    from pipeline.executors import executor_problem

    problem = executor_problem(args.executor, args.scheduler)
    if problem:
        raise UsageError(problem)
    if args.executor == "local" and not Path(db).exists():
        workers.start_server()  # a new warehouse: every file is read (else after the plan)
    if args.stage:
        from pipeline.stage import stage_command

        return stage_command(args, raw, db, limit_values)
    from pipeline.ingest import ingest

    summary = ingest(
        raw,
        db,
        workers=args.workers,
        retry_failed=args.retry_failed,
        limit_values=limit_values,
        samples_dir=None if samples else SAMPLES,
        units_csv=Path(args.units) if args.units else None,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    print_summary(summary, db)
    if summary.stopped:
        print(f"\n{STOPPED}", file=sys.stderr)
        return summary.exit_code
    print_stale_corrections(db, summary.loaded)
    return summary.exit_code


def _load_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("stage", help="thư mục kết quả đã ghi bằng ingest --stage")
    _db_argument(p)


@command("load", "nạp vào kho các kết quả đã ghi bằng ingest --stage", _load_arguments)
def cmd_load(args) -> int:
    from pipeline.stage import MANIFEST, load_stage

    if not (Path(args.stage) / MANIFEST).is_file():
        raise UsageError(f"{args.stage} không phải thư mục kết quả của ingest --stage")
    db = args.db or DEFAULT_DB
    check_db_path(db)
    summary = load_stage(Path(args.stage), db)
    print_summary(summary, db)
    return summary.exit_code


def print_stale_corrections(db: str, rel_paths: list[str] | None = None) -> None:
    """The clerk's corrections that no figure matches any more (the file changed)."""
    from warehouse.corrections import stale
    from warehouse.store import open_warehouse

    if rel_paths is not None and not rel_paths:
        return
    con = open_warehouse(db, read_only=True)
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

    db = reading_db(args)
    check_db_path(db, must_exist=True)
    con = open_warehouse(db, read_only=True)
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

    db = reading_db(args)
    check_db_path(db, must_exist=True)
    con = open_warehouse(db, read_only=True)
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

    db = args.db or DEFAULT_DB
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
    _db_argument(p)


@command("remove", "gỡ bỏ văn bản khỏi kho (giữ lại làm lịch sử)", _remove_arguments)
def cmd_remove(args) -> int:
    from pipeline.maintenance import remove_documents

    db = args.db or DEFAULT_DB
    check_db_path(db, must_exist=True)
    outcome = remove_documents(db, args.paths)
    for arg, n in outcome.matched.items():
        if n:
            print(f"Đã gỡ bỏ {arg}: {n} văn bản")
    for arg in outcome.unknown:
        print(f"Lỗi: không có văn bản nào trong kho ứng với {arg}", file=sys.stderr)
    return 1 if outcome.unknown else 0


@command("restore", "khôi phục kho dữ liệu từ bản sao lưu <db>.bak", _db_argument)
def cmd_restore(args) -> int:
    from pipeline.maintenance import restore_backup

    db = args.db or DEFAULT_DB
    check_db_path(db)
    kept = restore_backup(db)
    print(f"Đã khôi phục {db} từ {db}.bak; kho dữ liệu trước khi khôi phục được giữ ở {kept}")
    return 0


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


def _first_stop(signum, frame):
    """Ctrl-C or SIGTERM: stop cleanly (raised where the run is); a second one stops now."""
    _on_stop_signals(_stop_now)
    raise KeyboardInterrupt


def _stop_now(signum, frame):
    workers.kill_all()
    os.write(2, "\nĐã dừng ngay.\n".encode())
    os._exit(130)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help; the contract says 1
        return 0 if exc.code in (0, None) else 1
    from warehouse.store import WarehouseBusy, WarehouseUnusable

    previous = _on_stop_signals(_first_stop)  # a kill rolls back like Ctrl-C
    try:
        return COMMANDS[args.command].run(args)
    except (UsageError, WarehouseBusy, WarehouseUnusable) as exc:
        if args.debug:
            traceback.print_exc()
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{STOPPED}", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback for users unless --debug
        if type(exc).__name__ == "InterruptException":  # DuckDB's word for our Ctrl-C
            print(f"\n{STOPPED}", file=sys.stderr)
            return 130
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
        if signal.getsignal(signal.SIGTERM) is not _stop_now:  # once stopping, a signal ends it
            _on_stop_signals(previous)


def _on_stop_signals(handler) -> dict | None:
    """Install handlers of SIGINT and SIGTERM when we can (main thread only); return the
    previous ones. `handler` is one handler for both, or the dict this returned."""
    if handler is None:
        return None
    chosen = handler if isinstance(handler, dict) else dict.fromkeys(STOP_SIGNALS, handler)
    try:
        return {sig: signal.signal(sig, chosen[sig] or signal.SIG_DFL) for sig in STOP_SIGNALS}
    except ValueError:
        return None


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
