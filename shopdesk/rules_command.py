"""``shopdesk rules test --store KEY --at "2026-12-01 23:10" TEXT``: which automation rules
would fire for that customer message at that time (the store's local time unless the time
has an offset), and exactly what each would send or do. Nothing is changed."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shopdesk.db import open_database
from shopdesk.errors import ShopDeskError


def add_parsers(sub: argparse._SubParsersAction,
                add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("rules", help="automation rules: try them on a message")
    p.add_argument("action", choices=["test"])
    p.add_argument("--store", required=True, metavar="KEY", help="the store's key")
    p.add_argument("--at", metavar="TIME", help='"2026-12-01 23:10" (default: now)')
    p.add_argument("--conversation", type=int, metavar="ID",
                   help="pretend the message came in this conversation")
    p.add_argument("text", help="the customer's message")
    add_db(p)


def _when(value: str | None, zone: str) -> datetime:
    if not value:
        return datetime.now(ZoneInfo(zone))
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise ShopDeskError(f"“{value}” is not a time like 2026-12-01 23:10") from None
    return at if at.tzinfo else at.replace(tzinfo=ZoneInfo(zone))


def _cmd_rules(args: argparse.Namespace) -> int:
    from shopdesk.db import current_revision
    from shopdesk.migrations import HEAD
    from shopdesk.models import Store
    from shopdesk.services.automation_dryrun import describe, try_message

    db = open_database(args.db, upgrade=False)  # a dry run: not even the schema changes
    try:
        if current_revision(db) != HEAD:
            raise ShopDeskError("this database needs an upgrade first: shopdesk db upgrade")
        with db.read_session() as session:
            store = session.scalar(select(Store).where(Store.key == args.store))
            if store is None:
                raise ShopDeskError(f"no store with the key '{args.store}'")
            at = _when(args.at, store.timezone)
            results = try_message(session, store.id, args.text, at,
                                  conversation_id=args.conversation)
            name = store.name
            session.rollback()  # nothing was written; and nothing will be
    finally:
        db.dispose()
    print(f"{name} at {at:%Y-%m-%d %H:%M %Z}: “{args.text}”")
    fired = [r for r in results if r.fires]
    for r in fired:
        state = "" if r.enabled else " (switched off)"
        wait = f" — would wait: {r.waits}" if r.waits else ""
        print(f"* {r.rule}{state}{wait}")
        for step in r.steps:
            print(f"    {describe(step)}")
    if not fired:
        print("no rule fires")
    return 0


HANDLERS = {"rules": _cmd_rules}
