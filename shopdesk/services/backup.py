"""Backups that restore: a consistent copy of the live shop, kept as 7 daily and 4 weekly files.

SQLite: SQLite's online backup API copies the live file (WAL included) page by page into a
``.partial`` file, which is checked and then renamed, so a program killed mid-backup leaves
only a partial file behind (removed by the next backup) and every earlier backup intact.
PostgreSQL: ``pg_dump`` (custom format) where it is installed, else a dataset dump
(``.jsonl.gz``, ``shopdesk dump``'s format) of what the dataset format carries.

Restore checks the file (integrity, schema version), refuses a target that holds a shop
unless told to replace it, keeps a replaced SQLite file aside, and brings the restored
database to the newest schema.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from shopdesk.db import Database, describe, open_database, resolve_url
from shopdesk.errors import ShopDeskError
from shopdesk.migrations import HEAD
from shopdesk.services.permissions import Action, AgentLike, require

DAILY = 7
WEEKLY = 4
SUFFIXES = (".sqlite", ".pgdump", ".jsonl.gz")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?P<suffix>\.sqlite|\.pgdump|\.jsonl\.gz)$")

Progress = Callable[[int, int], None]  # (done, total) pages or records


class BackupError(ShopDeskError):
    """A backup cannot be written, or a file cannot be restored. Says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    stem: str
    at: datetime

    @property
    def day(self) -> date:
        return self.at.date()


@dataclass(frozen=True)
class Restored:
    target: str
    replaced: str | None  # what the target held before, in words; None when it was empty
    kept_aside: Path | None  # the replaced SQLite file, renamed


def default_folder() -> Path:
    from shopdesk import paths

    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stem_of(db: Database) -> str:
    """The name a database's backups start with: the SQLite file's stem, or the PG database."""
    if db.backend == "sqlite":
        return Path(str(db.engine.url.database)).stem
    return db.engine.url.database or "shopdesk"


def backups(folder: Path, stem: str | None = None) -> list[Backup]:
    """The backups in ``folder`` (of one database when ``stem`` is given), oldest first."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or (stem is not None and match["stem"] != stem):
            continue
        at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(Backup(path, match["stem"], at))
    return sorted(found, key=lambda b: (b.at, b.path.name))


def is_due(db: Database, folder: Path, now: datetime | None = None) -> bool:
    """True when the database has no backup of today in ``folder`` (the daily backup)."""
    today = (now or datetime.now()).date()
    return not any(b.day == today for b in backups(folder, stem_of(db)))


def back_up(db: Database, folder: Path, *, now: datetime | None = None,
            progress: Progress | None = None, use_pg_dump: bool | None = None) -> Path:
    """Write a backup of ``db`` into ``folder``, then thin out the old ones. Returns its path."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"The backup folder {folder} cannot be created: {exc.strerror}.") from exc
    stamp = _stamp(now)
    stem = stem_of(db)
    for pattern in (f"{stem}-*.partial", f"{stem}-*.part"):
        for stale in folder.glob(pattern):
            stale.unlink(missing_ok=True)  # left by a backup that was killed
    target = _write(db, folder / f"{stem}-{stamp}", progress, use_pg_dump)
    prune(folder, stem)
    return target


def _write(db: Database, name: Path, progress: Progress | None,
           use_pg_dump: bool | None) -> Path:
    """Write a backup of ``db`` to ``name`` plus the suffix of its kind. Returns the path."""
    if db.backend == "sqlite":
        target = name.with_name(name.name + ".sqlite")
        _write_atomically(target, lambda tmp: _sqlite_backup(db, tmp, progress))
        return target
    pg_dump = _pg_tool("pg_dump") if use_pg_dump is not False else None
    if use_pg_dump and pg_dump is None:
        raise BackupError("pg_dump is not installed on this computer.")
    if pg_dump:
        target = name.with_name(name.name + ".pgdump")
        _write_atomically(target, lambda tmp: _run_pg(
            [pg_dump, "--format=custom", "--no-owner", f"--file={tmp}"], db.url))
        return target
    from shopdesk.dataset.dump import dump_file

    target = name.with_name(name.name + ".jsonl.gz")
    try:
        dump_file(db, target)  # written as a .part file, renamed when whole
    except OSError as exc:
        raise BackupError(f"The backup cannot be written to {target.parent}: "
                          f"{exc.strerror or exc}.") from exc
    return target


def prune(folder: Path, stem: str) -> list[Path]:
    """Keep the newest backup of each of the last 7 days that have one and of each of the
    last 4 weeks before those; delete the rest. Returns what was deleted."""
    found = backups(folder, stem)
    keep: set[Path] = set()
    days: dict[date, Backup] = {}
    for b in found:
        days[b.day] = b  # oldest first: the last one of a day wins
    recent = sorted(days)[-DAILY:]
    keep.update(days[d].path for d in recent)
    weeks: dict[tuple[int, int], Backup] = {}
    for day in sorted(days):
        if day not in recent:
            weeks[day.isocalendar()[:2]] = days[day]
    keep.update(b.path for b in [weeks[w] for w in sorted(weeks)[-WEEKLY:]])
    gone = [b.path for b in found if b.path not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def restore(file: Path, url: str | None, *, actor: AgentLike | None, replace: bool = False,
            ) -> Restored:
    """Restore a backup (or a dataset dump) into the database at ``url``, for ``actor``
    (None: the command line, which acts for whoever may use this computer's files).

    The file is checked first; a target that holds a shop is refused unless ``replace``.
    A replaced SQLite file is kept aside, renamed. The caller must have closed its own
    connections to the target."""
    if actor is not None:
        require(actor, Action.RESTORE_BACKUP)
    file = Path(file)
    if not file.is_file():
        raise BackupError(f"{file} is not a file.")
    url = resolve_url(url)
    sqlite_target = make_url(url).get_backend_name() == "sqlite"
    if file.name.endswith(".sqlite") or _is_sqlite_file(file):
        check_sqlite_backup(file)
        if not sqlite_target:
            raise BackupError("An SQLite backup restores into an SQLite file. To move a shop "
                              "to PostgreSQL, load a dump of it there.")
        return _restore_sqlite(file, url, replace)
    if sqlite_target and file.name.endswith(".pgdump"):
        raise BackupError("A PostgreSQL backup (.pgdump) restores into a PostgreSQL database.")
    db = open_database(url, upgrade=False)
    kept = None
    try:
        replaced = _describe_shop(db)
        if replaced and not replace:
            raise BackupError(f"{describe(url)} already holds a shop ({replaced}). "
                              "Restore into an empty database, or replace it on purpose.")
        if replaced:  # kept aside, beside the file being restored
            kept = _write(db, file.parent / f"{stem_of(db)}.before-restore-{_stamp()}", None,
                          None)
        _empty_database(db)
        if file.name.endswith(".pgdump"):
            pg_restore = _pg_tool("pg_restore")
            if pg_restore is None:
                raise BackupError("pg_restore is not installed on this computer.")
            _run_pg([pg_restore, "--no-owner", "--exit-on-error", str(file)], db.url,
                    dbname_flag=True)
        else:
            from shopdesk.dataset.load import load_file
            from shopdesk.db import upgrade_to_head

            upgrade_to_head(db)
            load_file(db, file)
    finally:
        db.dispose()
    open_database(url).dispose()  # to the newest schema
    return Restored(describe(url), replaced, kept)


def check_sqlite_backup(file: Path) -> str:
    """The schema revision of an SQLite backup; raises when it is damaged or unknown."""
    try:
        conn = sqlite3.connect(_read_only(file), uri=True)
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() \
                if verdict == "ok" else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{file.name} is not a ShopDesk backup ({exc}).") from exc
    if verdict != "ok":
        raise BackupError(f"{file.name} is damaged ({verdict}). Choose another backup.")
    if row is None:
        raise BackupError(f"{file.name} is not a ShopDesk backup (no schema version).")
    revision = str(row[0])
    if revision not in _known_revisions():
        raise BackupError(f"{file.name} was made by a newer ShopDesk (schema {revision}). "
                          "Update ShopDesk first.")
    return revision


def _restore_sqlite(file: Path, url: str, replace: bool) -> Restored:
    target = Path(str(make_url(url).database))
    replaced = kept = None
    if target.exists() and target.stat().st_size:
        db = open_database(url, upgrade=False)
        try:
            replaced = _describe_shop(db)
        finally:
            db.dispose()
        if replaced and not replace:
            raise BackupError(f"{target} already holds a shop ({replaced}). "
                              "Restore into a new file, or replace it on purpose.")
        kept = target.with_name(f"{target.stem}.before-restore-{_stamp()}{target.suffix}")
        with sqlite3.connect(target) as src, sqlite3.connect(kept) as dst:
            src.backup(dst)  # folds the WAL in: the file set aside is whole
        src.close()
        dst.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, lambda tmp: _copy_sqlite(file, tmp))
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    open_database(url).dispose()  # to the newest schema
    return Restored(str(target), replaced if replaced else None, kept)


def _describe_shop(db: Database) -> str | None:
    """What the database holds, in words, or None when it holds no shop."""
    with db.engine.connect() as conn:
        try:
            counts = {
                name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
                for name in ("stores", "customers", "conversations")
            }
        except Exception:  # no ShopDesk tables: an empty database  # noqa: BLE001
            return None
    if not any(counts.values()):
        return None
    return (f"{counts['stores']} stores, {counts['customers']} customers, "
            f"{counts['conversations']} conversations")


def _empty_database(db: Database) -> None:
    with db.engine.begin() as conn:
        if db.backend == "postgresql":
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")


def _sqlite_backup(db: Database, tmp: Path, progress: Progress | None) -> None:
    source = Path(str(db.engine.url.database))
    with sqlite3.connect(source) as src, sqlite3.connect(tmp) as dst:
        src.backup(dst, pages=1024,
                   progress=(lambda _s, left, total: progress(total - left, total))
                   if progress else None)
        verdict = dst.execute("PRAGMA quick_check").fetchone()[0]
    src.close()
    dst.close()
    if verdict != "ok":
        raise BackupError(f"The backup did not check out ({verdict}). The database may be damaged.")


def _copy_sqlite(file: Path, tmp: Path) -> None:
    with sqlite3.connect(_read_only(file), uri=True) as src, sqlite3.connect(tmp) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """``write`` fills a ``.partial`` file, which becomes ``target`` only when whole."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise BackupError(f"The backup cannot be written to {target.parent}: "
                          f"{exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)


def _read_only(file: Path) -> str:
    return file.resolve().as_uri() + "?mode=ro"


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


def _is_sqlite_file(file: Path) -> bool:
    with open(file, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _known_revisions() -> set[str]:
    versions = Path(__file__).resolve().parents[1] / "migrations" / "versions"
    return {p.name[:4] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py")} | {HEAD}


def _pg_tool(name: str) -> str | None:
    """``pg_dump``/``pg_restore`` on the PATH, else in PostgreSQL's own folders (the
    installer's ``C:\\Program Files\\PostgreSQL\\<version>\\bin``, Debian's
    ``/usr/lib/postgresql/<version>/bin``), the newest version first."""
    found = shutil.which(name)
    if found:
        return found
    roots = [Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "PostgreSQL",
             Path("/usr/lib/postgresql")]
    for root in roots:
        for candidate in sorted(root.glob(f"*/bin/{name}*"), reverse=True):
            if candidate.stem == name and candidate.is_file():
                return str(candidate)
    return None


def _run_pg(args: list[str], url: str, *, dbname_flag: bool = False) -> None:
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    conninfo = parsed.set(drivername="postgresql", password=None).render_as_string(False)
    args = [*args, f"--dbname={conninfo}"] if dbname_flag else [*args, conninfo]
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"{Path(args[0]).name} did not run: {exc}.") from exc
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        raise BackupError(f"{Path(args[0]).name} failed: {reason}.")
