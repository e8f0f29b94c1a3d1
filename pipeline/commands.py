"""The command registry and what the commands share: the default paths, the --db argument
and its checks, the clerk's corrections left without a figure.

A function decorated with @command(name, help, setup) becomes `python -m pipeline <name>`;
`setup(parser)` adds its arguments. The paths are read through this module (`commands.SAMPLES`)
so a test can point them elsewhere.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def db_argument(parser: argparse.ArgumentParser) -> None:
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
    print_stale(left)


def print_stale(left: list) -> None:
    """The stale corrections (warehouse.corrections.stale), the first ten named."""
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
