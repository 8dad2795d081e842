"""``shopdesk suggest --store KEY [--json] TEXT [TEXT ...]``: the top three suggested
replies for each text, with their scores (the rest of the command line is ``cli.py``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from shopdesk.db import open_database


def add_parser(sub: argparse._SubParsersAction,
               add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("suggest", help="the best quick replies and articles for messages")
    p.add_argument("--store", required=True, metavar="KEY", help="the store's key")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--limit", type=int, default=3, help=argparse.SUPPRESS)
    p.add_argument("texts", nargs="+", metavar="TEXT", help="a customer's message")
    add_db(p)


def run(args: argparse.Namespace) -> int:
    from shopdesk.services import suggestions as sg

    db = open_database(args.db)
    try:
        with db.read_session() as session:
            store = sg.store_by_key(session, args.store)
            results = sg.suggest_many(session, store.id, args.texts, args.limit)
    finally:
        db.dispose()
    for text, found in results:
        if args.json:
            print(json.dumps({"text": text, "suggestions": [s.as_json() for s in found]},
                             ensure_ascii=False))
            continue
        print(text)
        if not found:
            print("  (no suggestion)")
        for n, s in enumerate(found, start=1):
            print(f"  {n}. {s.score:.3f}  {s.kind:<11} {s.code:<12} {s.title}")
    return 0


HANDLERS = {"suggest": run}
