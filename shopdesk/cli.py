"""The ``shopdesk`` command: the window by default, and the work that needs no window.

    shopdesk [--db URL] [--demo] [--agent KEY]     open the program
    shopdesk db upgrade | current                   migrate / show the schema revision
    shopdesk load FILE                              load a dataset (.jsonl or .jsonl.gz)
    shopdesk dump FILE                              write the database as a dataset
    shopdesk demo [--size small|large] [--seed N]   build the demo shop into the database
    shopdesk backup [--to DIR]                      back the database up (7 daily, 4 weekly)
    shopdesk restore FILE [--replace]               restore a backup into the database
    shopdesk move --to URL                          copy the shop to an empty PostgreSQL database
    shopdesk rules test --store KEY [--at TIME] TEXT   which automation rules would fire

Every command takes ``--db URL`` (or the ``SHOPDESK_DB`` environment variable); without it
ShopDesk uses the SQLite file in the user's data folder. Failures print one line and exit
with a non-zero status.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from shopdesk import __version__, paths, rules_command, shop_commands, suggest_command
from shopdesk.db import (
    Database,
    current_revision,
    describe,
    head_revision,
    is_empty,
    open_database,
    upgrade_to_head,
)
from shopdesk.errors import ShopDeskError
from shopdesk.logs import setup_logging
from shopdesk.progress import Progress

log = logging.getLogger(__name__)


def _add_db(parser: argparse.ArgumentParser, top: bool = False) -> None:
    parser.add_argument(
        "--db", metavar="URL", default=None if top else argparse.SUPPRESS,
        help="database URL (sqlite:///file.sqlite or postgresql+psycopg://user@host/db), "
             "or a path to an SQLite file; default: $SHOPDESK_DB or the file in the user "
             "data folder",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shopdesk", description="Customer service for a small online shop.")
    parser.add_argument("--version", action="version", version=f"ShopDesk {__version__}")
    _add_db(parser, top=True)
    parser.add_argument("--demo", action="store_true",
                        help="open a freshly built demo shop (its own file unless --db is given)")
    parser.add_argument("--agent", metavar="KEY", help="sign in as this agent (no PIN)")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_db = sub.add_parser("db", help="database schema: upgrade or show the revision")
    p_db.add_argument("action", choices=["upgrade", "current"])
    _add_db(p_db)

    p_load = sub.add_parser("load", help="load a dataset file into the database")
    p_load.add_argument("file", type=Path)
    _add_db(p_load)

    p_dump = sub.add_parser("dump", help="write the database out as a dataset file")
    p_dump.add_argument("file", type=Path, help=".jsonl, or .jsonl.gz to compress")
    _add_db(p_dump)

    p_export = sub.add_parser("export", help="write an Excel workbook")
    p_export.add_argument("what", choices=["complaints", "satisfaction", "refunds",
                                           "handovers"])
    p_export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", required=True,
                          help="first day (a calendar day in this computer's time zone)")
    p_export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", required=True,
                          help="last day, included")
    p_export.add_argument("--lang", choices=["en", "zh_CN"], default="en",
                          help="language of headers and names")
    p_export.add_argument("--store", action="append", metavar="KEY",
                          help="only this store (repeat for several; default: all)")
    p_export.add_argument("--agent", metavar="KEY", default=argparse.SUPPRESS,
                          help="export as this agent (default: the owner); the agent's role "
                               "decides whether it may export and what is masked")
    p_export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")
    _add_db(p_export)

    p_import = sub.add_parser("import", help="import orders from a platform's export")
    p_import.add_argument("what", choices=["orders"])
    p_import.add_argument("--format", required=True, choices=["taobao", "shopify"],
                          dest="fmt", help="taobao: the Taobao/Tmall order report; shopify: "
                                           "the Shopify orders export")
    p_import.add_argument("--store", required=True, metavar="KEY", help="the store's key")
    p_import.add_argument("file", type=Path)
    _add_db(p_import)

    p_demo = sub.add_parser("demo", help="build the demo shop into an empty database")
    p_demo.add_argument("--size", choices=["small", "large"], default="small",
                        help="small: 600 conversations; large: 100,000 and 1,000,000 messages")
    p_demo.add_argument("--seed", type=int, default=1, help="same seed, same shop")
    p_demo.add_argument("--anchor", metavar="YYYY-MM-DD",
                        help="the demo's 'today' (default: today), for a fully repeatable shop")
    _add_db(p_demo)

    shop_commands.add_parsers(sub, _add_db)
    rules_command.add_parsers(sub, _add_db)
    suggest_command.add_parser(sub, _add_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    try:
        if args.command is None:
            return _run_gui(args)
        handler = {"db": _cmd_db, "load": _cmd_load, "dump": _cmd_dump, "demo": _cmd_demo,
                   "export": _cmd_export, "import": _cmd_import, **shop_commands.HANDLERS,
                   **rules_command.HANDLERS, **suggest_command.HANDLERS}
        return handler[args.command](args)
    except ShopDeskError as exc:
        log.warning("command failed: %s", exc)
        print(f"shopdesk: {exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        log.exception("database error")
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"shopdesk: database error: {reason}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        log.exception("database error")
        print(f"shopdesk: database error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"shopdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("shopdesk: interrupted; nothing was changed by the unfinished command",
              file=sys.stderr)
        return 130


def _cmd_db(args: argparse.Namespace) -> int:
    db = open_database(args.db, upgrade=False)
    if args.action == "upgrade":
        before = current_revision(db)
        upgrade_to_head(db)
        after = current_revision(db)
        if before == after:
            print(f"{describe(db.url)}: already at the newest schema ({after})")
        else:
            print(f"{describe(db.url)}: upgraded from {before or 'empty'} to {after}")
    else:
        current = current_revision(db)
        head = head_revision()
        state = "up to date" if current == head else f"needs upgrade to {head}"
        print(f"{describe(db.url)}: {current or 'empty'} ({state})")
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from shopdesk.dataset.load import load_file

    db = open_database(args.db)
    started = time.perf_counter()
    report = load_file(db, args.file, Progress())
    seconds = time.perf_counter() - started
    print(f"loaded {args.file}: {report.summary()} in {seconds:.1f} s")
    return 0


def _cmd_dump(args: argparse.Namespace) -> int:
    from shopdesk.dataset.dump import dump_file

    db = open_database(args.db)
    count = dump_file(db, args.file, Progress())
    print(f"wrote {count:,} records to {args.file}")
    return 0


def _parse_day(text: str, option: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ShopDeskError(f"{option} '{text}' is not a date like 2026-11-22") from None


def _parse_anchor(text: str | None) -> datetime | None:
    if not text:
        return None
    day = _parse_day(text, "--anchor")
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _cmd_export(args: argparse.Namespace) -> int:
    first = _parse_day(args.date_from, "--from")
    last = _parse_day(args.date_to, "--to")
    if args.output.suffix.lower() != ".xlsx":
        raise ShopDeskError(f"the output file must end in .xlsx: {args.output}")
    if args.what == "handovers" and args.store:
        raise ShopDeskError("--store does not apply to handovers")
    db = open_database(args.db)
    with db.read_session() as session:
        actor = _actor(session, args.agent)
        if args.what == "handovers":
            from shopdesk.exporters.handovers import export_handovers

            rows = export_handovers(session, actor, args.output, first, last, lang=args.lang)
        else:
            from shopdesk.exporters import EXPORTERS

            rows = EXPORTERS[args.what](session, actor, args.output, first, last,
                                        lang=args.lang, store_keys=args.store)
    print(f"wrote {rows:,} {args.what} to {args.output}")
    return 0


def _actor(session, key: str | None):  # type: ignore[no-untyped-def]
    """Who a command acts as: the agent ``key`` (``--agent``), or else the owner."""
    from sqlalchemy import select

    from shopdesk.models import Agent
    from shopdesk.models.enums import Role

    if key:
        agent = session.scalar(select(Agent).where(Agent.key == key))
        if agent is None:
            raise ShopDeskError(f"no agent with the key {key}")
        return agent
    owner = session.scalar(select(Agent).where(Agent.role == Role.OWNER,
                                               Agent.active.is_(True)).order_by(Agent.id).limit(1))
    if owner is None:
        raise ShopDeskError("the database has no owner yet; start ShopDesk once first")
    return owner


def _cmd_import(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from shopdesk.importers import orders as imp
    from shopdesk.models import Agent, Store
    from shopdesk.models.enums import Role

    db = open_database(args.db)
    with db.read_session() as session:
        store = session.scalar(select(Store).where(Store.key == args.store))
        if store is None:
            raise ShopDeskError(f"no store with the key {args.store}")
        store_id, zone = store.id, store.timezone
    parsed = imp.parse_file(args.fmt, args.file, zone)
    if parsed.errors:
        for error in parsed.errors[:50]:
            print(f"line {error.line}: {error.reason}", file=sys.stderr)
        more = len(parsed.errors) - 50
        if more > 0:
            print(f"… and {more} more", file=sys.stderr)
        raise ShopDeskError(f"{len(parsed.errors)} rows cannot be read; nothing was imported")
    progress = Progress()
    with db.transaction() as session:
        owner = session.scalar(select(Agent).where(Agent.role == Role.OWNER,
                                                   Agent.active.is_(True)).limit(1))
        if owner is None:
            raise ShopDeskError("the database has no owner yet; start ShopDesk once first")
        result = imp.apply(session, owner, store_id, parsed,
                           lambda done, total: progress("importing", done, total))
    print(f"{result.orders_new:,} new orders, {result.orders_updated:,} updated; "
          f"{result.customers_new:,} new customers, {result.customers_matched:,} matched")
    return 0


def build_demo(db: Database, size: str = "small", seed: int = 1,
               anchor: datetime | None = None, progress: Progress | None = None) -> str:
    """Load the demo shop into ``db``, which must hold no shop yet. Returns a summary."""
    from shopdesk.dataset.demo import demo_records, finish_demo
    from shopdesk.dataset.load import load_records

    if not is_empty(db):
        raise ShopDeskError(
            f"{describe(db.url)} already holds a shop; build the demo into an empty "
            "database (for example --db demo.sqlite)")
    records = demo_records(size, seed, anchor)
    next(records)  # the header
    numbered = ((n, r) for n, r in enumerate(records, start=2))
    summary = load_records(db, numbered, progress).summary()
    from sqlalchemy import update

    from shopdesk.models import Agent
    from shopdesk.models.enums import Role

    with db.transaction() as session:  # what the dataset format does not carry
        session.execute(update(Agent).where(Agent.role == Role.AGENT)
                        .values(refund_limits=DEMO_REFUND_LIMITS))
        finish_demo(session)
    return summary


DEMO_REFUND_LIMITS = {"CNY": 20000, "USD": 3000}  # the demo's agents: ¥200.00 and $30.00


def _cmd_demo(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    started = time.perf_counter()
    summary = build_demo(db, args.size, args.seed, _parse_anchor(args.anchor), Progress())
    print(f"demo shop built in {describe(db.url)}: {summary} "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def fresh_demo_database(url: str | None) -> Database:
    """The database ``--demo`` opens: its own file, rebuilt at every start, unless ``--db``
    names one (which must then be empty or already hold the demo)."""
    if url is None:
        path = paths.demo_db_path()
        for suffix in ("", "-wal", "-shm"):
            candidate = path.with_name(path.name + suffix)
            try:
                candidate.unlink(missing_ok=True)
            except OSError as exc:
                raise ShopDeskError(
                    f"the demo shop cannot be rebuilt: {path} is in use ({exc.strerror}); "
                    "close the other ShopDesk window first") from None
        url = f"sqlite:///{path}"
    db = open_database(url)
    if is_empty(db):
        build_demo(db)
        _attach_demo_channels(db)
    return db


def _attach_demo_channels(db: Database) -> None:
    """The demo's stores get the demo channel, which plays customers while the window is open."""
    from sqlalchemy import select

    from shopdesk.models import Store

    with db.transaction() as session:
        for store in session.scalars(select(Store)):
            store.settings = {**(store.settings or {}), "channel": {"kind": "demo"}}


def _run_gui(args: argparse.Namespace) -> int:
    from shopdesk.launch import run_window  # what `shopdesk` without a command runs

    return run_window(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
