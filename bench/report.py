"""Write a benchmark's figures into docs/benchmarks.md between its own markers."""

from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> str:
    import os

    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def median_ms(work, repeat: int = 7, clock=None) -> float:  # type: ignore[no-untyped-def]
    """The median time of ``work()`` over ``repeat`` runs, in milliseconds (wall time, or
    ``clock``: ``time.process_time`` gives this process's CPU time, which other work on a
    shared machine does not inflate)."""
    import statistics
    import time

    clock = clock or time.perf_counter
    times = []
    for _ in range(repeat):
        started = clock()
        work()
        times.append((clock() - started) * 1000)
    return statistics.median(times)


def record(section: str, body: str) -> None:
    """Replace the block ``<!-- section -->…<!-- /section -->`` of docs/benchmarks.md."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = (f"<!-- {section} -->\n_Measured {date.today().isoformat()} on {machine()}._\n\n"
             f"{body.strip()}\n<!-- /{section} -->")
    pattern = re.compile(rf"<!-- {re.escape(section)} -->.*?<!-- /{re.escape(section)} -->", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else (
        text.rstrip() + f"\n\n## {section}\n\n{block}\n")
    DOC.write_text(text, encoding="utf-8")


def large_demo_args(description: str) -> tuple[str, bool]:
    """Parse ``--db`` and ``--no-record``; build the large demo into the database the first
    time. Returns (database URL, whether to record the figures)."""
    import argparse
    from datetime import UTC, datetime

    from shopdesk.cli import build_demo
    from shopdesk.db import is_empty, open_database, resolve_url

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", default="/tmp/shopdesk-large.sqlite",
                        help="an SQLite path or a database URL; built on first use")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    url = resolve_url(args.db)
    db = open_database(url)
    if is_empty(db):
        print("building the large demo (once)…")
        build_demo(db, "large", 1, datetime(2026, 11, 1, tzinfo=UTC))
    db.dispose()
    return url, not args.no_record
