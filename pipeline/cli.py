"""Command line: `python -m pipeline ingest|load|flags|report|consolidate|apply|remove|restore`
(see ../shared/spec/contract.md).

The commands register themselves (pipeline/commands.py; cmd_ingest.py, cmd_review.py). Exit
codes: 0 ok, 2 some files or folders failed (ingest), 1 usage error or unusable --db, 130
stopped by Ctrl-C or SIGTERM: the first signal stops cleanly (workers killed at once, the
document in progress rolled back, a summary), a second one exits at once. Tracebacks only with
--debug.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback

from pipeline import cmd_ingest, cmd_review, workers
from pipeline.commands import COMMANDS, STOPPED, UsageError

REGISTERED = (cmd_ingest, cmd_review)  # importing them registers their commands


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
