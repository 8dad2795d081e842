"""The commands that keep a whole shop safe or move it: ``backup``, ``restore``, ``move``
(the rest of the command line is ``shopdesk/cli.py``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from shopdesk.db import describe, open_database
from shopdesk.progress import Progress


def add_parsers(sub: argparse._SubParsersAction,
                add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p_backup = sub.add_parser("backup", help="back the database up into a folder")
    p_backup.add_argument("--to", type=Path, metavar="DIR", dest="folder",
                          help="the backup folder (default: backups in the data folder)")
    add_db(p_backup)

    p_restore = sub.add_parser("restore", help="restore a backup into the database")
    p_restore.add_argument("file", type=Path)
    p_restore.add_argument("--replace", action="store_true",
                           help="replace a database that already holds a shop")
    add_db(p_restore)

    p_move = sub.add_parser("move", help="copy the shop to an empty PostgreSQL database")
    p_move.add_argument("--to", required=True, metavar="URL", dest="target",
                        help="postgresql+psycopg://user:password@server/dbname")
    add_db(p_move)


def _cmd_backup(args: argparse.Namespace) -> int:
    from shopdesk.services import backup

    db = open_database(args.db)
    try:
        path = backup.back_up(db, args.folder or backup.default_folder())
    finally:
        db.dispose()
    print(f"backed up {describe(db.url)} to {path}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from shopdesk.services import backup

    done = backup.restore(args.file, args.db, actor=None, replace=args.replace)
    print(f"restored {args.file} into {done.target}")
    if done.replaced:
        print(f"replaced: {done.replaced}" + (
            f" (kept as {done.kept_aside})" if done.kept_aside else ""))
    return 0


def _cmd_move(args: argparse.Namespace) -> int:
    from shopdesk.services.move import move

    source = open_database(args.db)
    target = open_database(args.target)
    progress = Progress()
    try:
        moved = move(source, target, lambda table, done, total: progress(
            f"copying {table}", done, total))
    finally:
        source.dispose()
        target.dispose()
    print(f"moved {moved.summary()} to {describe(target.url)}; every table holds the same "
          "number of rows on both sides.")
    print(f"Point every PC at it: start ShopDesk with --db {describe(target.url)} (with the "
          "password), or set SHOPDESK_DB to that address. The SQLite file is left as it was.")
    return 0



HANDLERS = {"backup": _cmd_backup, "restore": _cmd_restore, "move": _cmd_move}
