"""`ingest` and `load`: read a folder of reports into the warehouse (or stage the results
for a later `load`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import commands, workers
from pipeline.commands import (
    UsageError,
    check_db_path,
    command,
    db_argument,
    print_stale,
    print_stale_corrections,
)
from pipeline.output import print_summary


def _ingest_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "raw_dir",
        nargs="?",
        default=None,
        help=f"thư mục báo cáo (mặc định {commands.DEFAULT_RAW}/)",
    )
    db_argument(p)
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
    raw = Path(args.raw_dir) if args.raw_dir else commands.DEFAULT_RAW
    if not raw.exists():
        if args.raw_dir:
            raise UsageError(f"không tìm thấy thư mục báo cáo {raw}")
        raw.mkdir(parents=True, exist_ok=True)
    samples = args.raw_dir is None and not _has_reports(raw) and commands.SAMPLES.is_dir()
    db = args.db or (commands.SAMPLES_DB if samples else commands.DEFAULT_DB)
    if samples:
        print(
            f"Thư mục {raw}/ chưa có báo cáo nào (.pdf, .docx, .doc); nạp các báo cáo mẫu trong "
            f"{commands.SAMPLES.relative_to(commands.ROOT)}/ vào kho riêng {db}."
        )
        raw = commands.SAMPLES
    check_db_path(db)
    if args.units and not Path(args.units).is_file():
        raise UsageError(f"không tìm thấy danh mục đơn vị {args.units}")
    if not args.scheduler and not Path(db).exists():
        # a new warehouse: every file is read (else after the plan); started before the
        # readers are imported here, so the workers' preload runs beside that import (a
        # LocalCluster's workers fork from it too)
        workers.start_server(workers.DASK_PRELOAD if args.executor == "dask" else ())
    from pipeline.executors import executor_problem

    problem = executor_problem(args.executor, args.scheduler)
    if problem:
        raise UsageError(problem)
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
        samples_dir=None if samples else commands.SAMPLES,
        units_csv=Path(args.units) if args.units else None,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    print_summary(summary, db)
    if summary.stopped:
        print(f"\n{commands.STOPPED}", file=sys.stderr)
        return summary.exit_code
    if summary.stale_corrections is None:
        print_stale_corrections(db, summary.loaded)
    else:
        print_stale(summary.stale_corrections)
    return summary.exit_code


def _load_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("stage", help="thư mục kết quả đã ghi bằng ingest --stage")
    db_argument(p)


@command("load", "nạp vào kho các kết quả đã ghi bằng ingest --stage", _load_arguments)
def cmd_load(args) -> int:
    from pipeline.stage import MANIFEST, load_stage

    if not (Path(args.stage) / MANIFEST).is_file():
        raise UsageError(f"{args.stage} không phải thư mục kết quả của ingest --stage")
    db = args.db or commands.DEFAULT_DB
    check_db_path(db)
    summary = load_stage(Path(args.stage), db)
    print_summary(summary, db)
    return summary.exit_code
