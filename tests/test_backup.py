"""Backups that restore (services/backup.py), on real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from shopdesk.cli import main
from shopdesk.dataset.dump import dump_file
from shopdesk.dataset.load import load_file
from shopdesk.db import open_database
from shopdesk.services import backup
from tests.conftest import database_url
from tests.test_dataset import SMALL, write


def shop(url: str, tmp_path: Path):
    db = open_database(url)
    load_file(db, write(tmp_path / "small.jsonl", SMALL))
    return db


def dump_text(db, path: Path) -> str:
    dump_file(db, path)
    return path.read_text(encoding="utf-8")


def change(db) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE customers SET name = 'someone else'"))
        session.execute(text("DELETE FROM customer_notes"))


def test_backup_change_restore_gives_back_the_same_shop(db_url: str, tmp_path: Path) -> None:
    backup_change_restore(db_url, tmp_path, use_pg_dump=None)


def test_postgresql_without_pg_dump_backs_up_as_a_dataset(tmp_path: Path) -> None:
    path = backup_change_restore(database_url("postgresql", tmp_path), tmp_path,
                                 use_pg_dump=False)
    assert path.name.endswith(".jsonl.gz")


def backup_change_restore(db_url: str, tmp_path: Path, use_pg_dump: bool | None) -> Path:
    db = shop(db_url, tmp_path)
    before = dump_text(db, tmp_path / "before.jsonl")
    path = backup.back_up(db, tmp_path / "backups", use_pg_dump=use_pg_dump)
    assert path.exists() and path.parent == tmp_path / "backups"
    change(db)
    assert dump_text(db, tmp_path / "changed.jsonl") != before
    db.dispose()

    with pytest.raises(backup.BackupError, match="already holds a shop"):
        backup.restore(path, db_url, actor=None)
    done = backup.restore(path, db_url, replace=True, actor=None)
    assert done.replaced and "1 customers" in done.replaced
    assert done.kept_aside is not None and done.kept_aside.exists()  # the shop as it was
    db = open_database(db_url)
    assert dump_text(db, tmp_path / "after.jsonl") == before
    db.dispose()
    return path


def test_a_replaced_sqlite_file_is_kept_aside(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = shop(url, tmp_path)
    path = backup.back_up(db, tmp_path / "backups")
    change(db)
    changed = dump_text(db, tmp_path / "changed.jsonl")
    db.dispose()
    done = backup.restore(path, url, replace=True, actor=None)
    assert done.kept_aside is not None and done.kept_aside.exists()
    aside = open_database(f"sqlite:///{done.kept_aside}")
    assert dump_text(aside, tmp_path / "aside.jsonl") == changed
    aside.dispose()


def test_restore_into_an_empty_database_needs_no_replace(db_url: str, tmp_path: Path) -> None:
    source = shop(f"sqlite:///{tmp_path / 'source.sqlite'}", tmp_path)
    before = dump_text(source, tmp_path / "before.jsonl")
    dump = tmp_path / "shop.jsonl.gz"
    dump_file(source, dump)
    source.dispose()
    done = backup.restore(dump, db_url, actor=None)  # a dataset dump restores into either backend
    assert done.replaced is None
    db = open_database(db_url)
    assert dump_text(db, tmp_path / "after.jsonl") == before
    db.dispose()


def test_restore_checks_the_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = shop(url, tmp_path)
    good = backup.back_up(db, tmp_path / "backups")
    db.dispose()
    target = f"sqlite:///{tmp_path / 'new.sqlite'}"

    not_a_backup = tmp_path / "notes.sqlite"
    not_a_backup.write_bytes(b"hello")
    with pytest.raises(backup.BackupError, match="not a ShopDesk backup"):
        backup.restore(not_a_backup, target, actor=None)

    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(good.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="damaged|not a ShopDesk backup"):
        backup.restore(damaged, target, actor=None)

    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(backup.BackupError, match="newer ShopDesk"):
        backup.restore(newer, target, actor=None)

    assert not Path(tmp_path / "new.sqlite").exists() or backup._describe_shop(
        open_database(target)) is None
    done = backup.restore(good, target, actor=None)
    assert done.replaced is None and done.kept_aside is None


def test_seven_daily_and_four_weekly_backups_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 9, 1, 9, 0, 0)
    for day in range(90):  # two backups a day for three months
        for hour in (9, 18):
            at = start + timedelta(days=day, hours=hour - 9)
            (folder / f"shop-{at:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"x")
    (folder / "other-20260901-090000.sqlite").write_bytes(b"x")  # another database's
    backup.prune(folder, "shop")
    kept = backup.backups(folder, "shop")
    days = [b.day for b in kept]
    last = (start + timedelta(days=89)).date()
    assert days[-7:] == [last - timedelta(days=n) for n in range(6, -1, -1)]
    assert all(b.at.hour == 18 for b in kept)  # the newest of each day
    weekly = days[:-7]
    assert len(weekly) == 4 and len({d.isocalendar()[:2] for d in weekly}) == 4
    assert (folder / "other-20260901-090000.sqlite").exists()


def test_the_daily_backup_is_due_once_a_day(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    folder = tmp_path / "backups"
    now = datetime(2026, 12, 1, 8, 0)
    assert backup.is_due(db, folder, now)
    backup.back_up(db, folder, now=now)
    assert not backup.is_due(db, folder, now + timedelta(hours=10))
    assert backup.is_due(db, folder, now + timedelta(days=1))
    db.dispose()


KILLED_BACKUP = """
import sys, time
from pathlib import Path
from shopdesk.db import open_database
from shopdesk.services import backup
db = open_database(sys.argv[1])
backup.back_up(db, Path(sys.argv[2]), progress=lambda done, total: time.sleep(0.2))
"""


def test_kill_9_during_a_backup_leaves_earlier_backups_and_the_database_whole(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = shop(url, tmp_path)
    with db.transaction() as session:  # about 20 MB: the backup takes many steps
        session.execute(text("UPDATE customer_notes SET text = :t"), {"t": "x" * 20_000_000})
    folder = tmp_path / "backups"
    earlier = backup.back_up(db, folder, now=datetime(2026, 11, 30, 8, 0))
    digest = hashlib.sha256(earlier.read_bytes()).hexdigest()
    before = dump_text(db, tmp_path / "before.jsonl")
    db.dispose()

    proc = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, url, str(folder)],
                            env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.partial")):
        assert proc.poll() is None, "the backup finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert [b.path for b in backup.backups(folder)] == [earlier]
    assert hashlib.sha256(earlier.read_bytes()).hexdigest() == digest
    db = open_database(url)
    assert dump_text(db, tmp_path / "after.jsonl") == before
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    backup.back_up(db, folder)
    assert not list(folder.glob("*.partial")) and len(backup.backups(folder)) == 2
    db.dispose()


def test_the_commands(capsys, db_url: str, tmp_path: Path) -> None:
    shop(db_url, tmp_path).dispose()
    folder = tmp_path / "backups"
    assert main(["backup", "--db", db_url, "--to", str(folder)]) == 0
    out = capsys.readouterr().out
    made = backup.backups(folder)
    assert len(made) == 1 and str(made[0].path) in out
    assert main(["restore", str(made[0].path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert "already holds a shop (1 stores, 1 customers, 1 conversations)" in err
    assert main(["restore", str(made[0].path), "--db", db_url, "--replace"]) == 0
    assert "replaced: 1 stores, 1 customers, 1 conversations" in capsys.readouterr().out


def test_only_the_owner_restores(tmp_path: Path) -> None:
    from shopdesk.models import Agent
    from shopdesk.models.enums import Role
    from shopdesk.services.permissions import PermissionDenied

    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = shop(url, tmp_path)
    made = backup.back_up(db, tmp_path / "backups")
    db.dispose()
    agent = Agent(key="a", name="a", role=Role.AGENT, active=True, refund_limits=None)
    with pytest.raises(PermissionDenied, match="An agent cannot restore backups"):
        backup.restore(made, url, actor=agent, replace=True)
    owner = Agent(key="o", name="o", role=Role.OWNER, active=True, refund_limits=None)
    assert backup.restore(made, url, actor=owner, replace=True).replaced
