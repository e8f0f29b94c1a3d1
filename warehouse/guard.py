"""Opening the warehouse safely: who holds its lock, whether it is ours, whether it is intact,
and the backup copy kept before each writing run.

  - a lock held by another process is named: its process id, start time and command line;
  - a DuckDB file that is not a warehouse of this pipeline is refused before anything is
    written to it;
  - every table is read through at open (count(*) alone is answered from metadata and misses
    a truncated file); a corrupt warehouse is refused with how to restore it;
  - before a run writes, the warehouse is copied to `<db>.bak` when its data changed since the
    last copy (the fingerprint of the data is kept in the table backup_state);
    `restore` puts the copy back and keeps the damaged file aside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from warehouse.schema import SCHEMA_VERSION, WarehouseTooNew, current_version, migrate

# Rebuilt on every run or bookkeeping of the backup itself: not part of the data fingerprint.
NOT_FINGERPRINTED = ("metric_labels", "backup_state")


class WarehouseBusy(Exception):
    """Another process holds the warehouse open."""


class WarehouseUnusable(Exception):
    """The --db path cannot be opened as this pipeline's warehouse."""


class WarehouseCorrupt(WarehouseUnusable):
    """The warehouse file is damaged: a table cannot be read through."""


def backup_path(db: str | Path) -> Path:
    return Path(f"{db}.bak")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


# --------------------------------------------------------------------------- locks


def lock_holder(message: str) -> str:
    """Who holds the lock, from DuckDB's lock error: 'PID 123, chạy từ 07:45:12 06/12/2025:
    python -m pipeline ingest'."""
    m = re.search(r"PID (\d+)", message)
    if not m:
        return "không rõ tiến trình nào"
    pid = int(m.group(1))
    parts = [f"PID {pid}"]
    started = process_start(pid)
    if started:
        parts.append(f"chạy từ {started:%H:%M:%S %d/%m/%Y}")
    command = process_command(pid)
    return ", ".join(parts) + (f": {command}" if command else "")


def process_start(pid: int) -> dt.datetime | None:
    """When a process started (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22 of stat, counted after the command name
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return dt.datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def process_command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(raw.decode(errors="replace").split("\0")).strip()[:120]


def busy(path: str, message: str) -> WarehouseBusy:
    return WarehouseBusy(
        f"kho dữ liệu {path} đang được một tiến trình khác mở ({lock_holder(message)}); "
        "hãy chờ tiến trình đó kết thúc (hoặc đóng nó) rồi chạy lại"
    )


# --------------------------------------------------------------------------- connecting


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file. Read-only: an in-memory database with the
    warehouse attached read-only first on the search path, so helper tables and views a
    report builds stay in memory and nothing is ever written to the file."""
    try:
        if not read_only:
            return duckdb.connect(path)
        con = duckdb.connect()
        try:
            literal = path.replace("'", "''")
            con.execute(f"ATTACH '{literal}' AS wh (READ_ONLY)")
            con.execute("SET search_path = 'memory.main,wh.main'")
        except BaseException:
            con.close()
            raise
        return con
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise busy(path, text) from exc
        raise _unusable(path, text) from exc
    except (duckdb.Error, OSError) as exc:
        raise _unusable(path, str(exc)) from exc


def _unusable(path: str, text: str) -> WarehouseUnusable:
    """A DuckDB file that cannot be opened is damaged; anything else is not a warehouse."""
    if is_duckdb_file(path):
        return corrupt(path, _first_line(text))
    return WarehouseUnusable(f"không mở được kho dữ liệu {path}: {_first_line(text)}")


def is_duckdb_file(path: str | Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(12)[8:12] == b"DUCK"
    except OSError:
        return False


def tables(con, read_only: bool = False) -> list[str]:
    database = "wh" if read_only else None
    sql = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
    if database:
        sql += f" AND database_name = '{database}'"
    else:
        sql += " AND database_name = current_database()"
    return sorted(r[0] for r in con.execute(sql + " ORDER BY 1").fetchall())


def check_ours(con, path: str, read_only: bool = False) -> bool:
    """True for this pipeline's warehouse, False for an empty file; a foreign one is refused."""
    names = tables(con, read_only)
    if not names:
        return False
    if "documents" in names and "schema_version" in names:
        return True
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    raise WarehouseUnusable(
        f"{path} là tệp DuckDB khác, không phải kho dữ liệu báo cáo (có các bảng {shown}); "
        "không ghi gì vào tệp này — hãy chọn tệp khác với --db"
    )


def check_integrity(con, path: str, read_only: bool = False) -> str:
    """Read every table through; return the data fingerprint, or refuse a damaged file."""
    h = hashlib.sha256()
    prefix = "wh.main." if read_only else ""
    for name in tables(con, read_only):
        try:
            row = con.execute(
                f'SELECT count(*), bit_xor(hash(COLUMNS(*))) FROM {prefix}"{name}"'
            ).fetchone()
        except duckdb.Error as exc:
            raise corrupt(path, f"bảng {name}: {_first_line(str(exc))}") from exc
        if name not in NOT_FINGERPRINTED:
            h.update(f"{name}:{row}".encode())
    return h.hexdigest()[:32]


def corrupt(path: str, detail: str) -> WarehouseCorrupt:
    bak = backup_path(path)
    if bak.exists():
        advice = (
            f"khôi phục bản sao lưu gần nhất ({bak.name}) bằng "
            f"`python -m pipeline restore --db {path}` rồi chạy lại ingest"
        )
    else:
        advice = "chưa có bản sao lưu; hãy đổi tên hoặc xóa tệp này rồi chạy lại ingest"
    return WarehouseCorrupt(f"kho dữ liệu {path} bị hỏng ({detail}); {advice}")


# --------------------------------------------------------------------------- backups


def keep_backup(con, path: str, fingerprint: str) -> bool:
    """Copy the warehouse to <db>.bak unless the copy already holds this data; True if copied.

    Called on an intact warehouse before a run writes anything; the copy is written beside
    and renamed, so a crash mid-copy never spoils the previous backup.
    """
    if _last_backup(con) == fingerprint and backup_path(path).exists():
        return False
    con.execute("CHECKPOINT")
    bak = backup_path(path)
    partial = bak.with_name(bak.name + ".tmp")
    copy_elsewhere(path, partial)
    os.replace(partial, bak)
    if "backup_state" in tables(con):
        con.execute("DELETE FROM backup_state")
        con.execute("INSERT INTO backup_state VALUES (?, current_timestamp)", [fingerprint])
    return True


def copy_elsewhere(source: str | Path, target: str | Path) -> None:
    """Copy a file in a child process. DuckDB's lock on the warehouse is a POSIX record lock,
    which a process loses the moment it closes *any* descriptor of that file: copying it here
    would silently let a second writer in."""
    subprocess.run(
        [sys.executable, "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])"]
        + [str(source), str(target)],
        check=True,
        capture_output=True,
    )


def _last_backup(con) -> str | None:
    if "backup_state" not in tables(con):
        return None
    row = con.execute("SELECT max(fingerprint) FROM backup_state").fetchone()
    return row[0] if row else None


def restore(path: str) -> Path:
    """Put <db>.bak back in place of the warehouse; the replaced file is kept as
    <db>.before-restore. Refuses a missing or damaged backup and a warehouse in use."""
    bak = backup_path(path)
    if not bak.exists():
        raise WarehouseUnusable(f"không có bản sao lưu {bak} để khôi phục")
    check = connect(str(bak), read_only=True)
    try:
        if not check_ours(check, str(bak), read_only=True):
            raise WarehouseUnusable(f"bản sao lưu {bak} trống, không khôi phục")
        check_integrity(check, str(bak), read_only=True)
    except WarehouseCorrupt as exc:
        raise WarehouseUnusable(f"bản sao lưu {bak} cũng bị hỏng: {exc}") from exc
    finally:
        check.close()
    _refuse_if_in_use(path)
    kept = Path(f"{path}.before-restore")
    for suffix in ("", ".wal"):
        current = Path(f"{path}{suffix}")
        if current.exists():
            os.replace(current, Path(f"{kept}{suffix}"))
    partial = Path(f"{path}.restoring")
    shutil.copyfile(bak, partial)
    os.replace(partial, path)
    return kept


def _refuse_if_in_use(path: str) -> None:
    """A warehouse another process has open is not replaced under it."""
    if not Path(path).exists():
        return
    try:
        con = duckdb.connect(path)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise busy(path, str(exc)) from exc
        return  # damaged beyond opening: nothing holds it
    except duckdb.Error:
        return
    con.close()


# --------------------------------------------------------------------------- opening


def open_warehouse(
    path: str, read_only: bool = False, backup: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse with errors users can act on: a lock names its holder, a foreign
    DuckDB file is refused before anything is written, a damaged one is refused with how to
    restore it. Writing: created or migrated, and copied to <db>.bak first when `backup`.
    Reading: nothing is ever written to the file (see connect)."""
    created = not read_only and not Path(path).exists()
    if created:
        _create(path)  # a new warehouse holds nothing to back up
    con = connect(path, read_only)
    try:
        ours = check_ours(con, path, read_only)
        if read_only and not ours:
            raise WarehouseUnusable(
                f"kho dữ liệu {path} còn trống; hãy chạy `python -m pipeline ingest` trước"
            )
        fingerprint = check_integrity(con, path, read_only) if ours else None
        if read_only:
            _refuse_too_new(con, path)
            return con
        if ours and fingerprint is not None and backup and not created:
            keep_backup(con, path, fingerprint)
        before = current_version(con)
        migrate(con)
        if before < SCHEMA_VERSION:
            con.execute("CHECKPOINT")  # no schema change is left to replay from the WAL
    except WarehouseTooNew as exc:
        con.close()
        raise WarehouseUnusable(f"{path}: {exc}") from exc
    except duckdb.Error as exc:
        con.close()
        raise WarehouseUnusable(
            f"không nâng cấp được kho dữ liệu {path}: {_first_line(str(exc))}"
        ) from exc
    except BaseException:
        con.close()
        raise
    return con


def _create(path: str) -> None:
    """A new warehouse is built beside its place and moved in whole: a crash while creating
    it never leaves a file whose WAL DuckDB cannot replay (it fails on a schema change made
    to a table with a sequence default)."""
    partial = Path(f"{path}.creating")
    for stale in (partial, Path(f"{partial}.wal")):
        stale.unlink(missing_ok=True)
    con = connect(str(partial))
    try:
        migrate(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(partial, path)


def _refuse_too_new(con, path: str) -> None:
    version = con.execute("SELECT max(version) FROM wh.main.schema_version").fetchone()[0] or 0
    if version > SCHEMA_VERSION:
        raise WarehouseUnusable(
            f"{path}: kho dữ liệu có phiên bản cấu trúc {version}, mới hơn chương trình này"
            f" ({SCHEMA_VERSION}); hãy cập nhật chương trình"
        )
