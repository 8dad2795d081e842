"""Dataset load speed: the large demo (100,000 conversations, 1,000,000 messages) written to
a .jsonl file, then ``shopdesk load`` into a fresh SQLite file (and a fresh PostgreSQL
database with ``--pg``).

The baseline, measured in the same run: the rows the load wrote, read back from its file,
inserted into another fresh SQLite file by plain ``executemany`` per table in one
transaction, with the search index filled in one statement as the loader does. The ratio is
the baseline's time over the load's (1.0× would be a load as fast as writing its rows with
nothing to read, check or compute). Target: at least 0.6×.

With ``--pg`` the same on PostgreSQL: the load into the wiped database at that URL, and as its
baseline the rows it wrote, taken out by ``COPY … TO`` beforehand and written by ``COPY …
FROM`` into a second fresh database (the URL's name + ``_baseline``, made by the migrations)
in one transaction, the indexes (the search index among them) kept up by PostgreSQL as rows
arrive, as they are for the load.

    python -m bench.load [--pg postgresql+psycopg://user@127.0.0.1/db] [--size large|medium]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.report import record
from shopdesk.dataset.demo import SIZES, DemoSize, _Demo
from shopdesk.dataset.load import load_file
from shopdesk.db import open_database
from shopdesk.models import Base
from shopdesk.services import search

TARGET = 0.6
SEEDED = {"presend_rules"}  # the migrations write these rows: the fresh file has them
MEDIUM = DemoSize(customers=6_000, conversations=20_000, messages=200_000, complaints=400,
                  returns=200)  # a fifth of the large demo, for trying changes quickly


def write_dataset(path: Path, size: str) -> int:
    demo = _Demo(MEDIUM if size == "medium" else SIZES[size], 1, datetime(2026, 11, 1, tzinfo=UTC))
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in demo.records():
            fh.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count - 1


def measure(url: str, path: Path) -> tuple[float, int]:
    db = open_database(url)
    started = time.perf_counter()
    report = load_file(db, path)
    seconds = time.perf_counter() - started
    db.dispose()
    return seconds, report.records


def baseline(loaded: Path, fresh: Path) -> tuple[float, int]:
    """Seconds to write the rows of ``loaded`` into the new file ``fresh`` with plain
    ``executemany``, plus the search index; and the number of rows."""
    source = sqlite3.connect(loaded)
    tables = []
    for table in Base.metadata.sorted_tables:
        names = ", ".join(table.c.keys())
        rows = source.execute(f"SELECT {names} FROM {table.name}").fetchall()
        if rows and table.name not in SEEDED:
            tables.append((table.name, names, len(table.c), rows))
    source.close()
    db = open_database(f"sqlite:///{fresh}")
    started = time.perf_counter()
    with db.session() as session, session.begin():
        session.execute(text("PRAGMA cache_size=-262144"))  # as the loader does
        search.suspend_indexing(session)
        raw = session.connection().connection.driver_connection
        for name, names, width, rows in tables:
            raw.executemany(f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * width)})",
                            rows)
        search.resume_indexing(session, 0)
    seconds = time.perf_counter() - started
    db.dispose()
    return seconds, sum(len(rows) for *_rest, rows in tables)


def wiped(url: str) -> None:
    """An empty public schema at ``url``, the database made first if it does not exist."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def pg_baseline(loaded: str, fresh: str) -> tuple[float, int]:
    """Seconds to ``COPY`` the rows of the database ``loaded`` into the new database
    ``fresh`` (made by the migrations), in one transaction; and the number of rows."""
    import psycopg

    def dsn(url: str) -> str:
        return url.replace("postgresql+psycopg://", "postgresql://")

    tables = []
    with psycopg.connect(dsn(loaded)) as source, source.cursor() as cur:
        for table in Base.metadata.sorted_tables:
            names = ", ".join(table.c.keys())
            count = cur.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]
            if count and table.name not in SEEDED:
                with cur.copy(f"COPY (SELECT {names} FROM {table.name}) TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                tables.append((table.name, names, data, count))
    wiped(fresh)
    open_database(fresh).dispose()  # the schema, by the migrations
    with psycopg.connect(dsn(fresh)) as target, target.cursor() as cur:
        started = time.perf_counter()
        for name, names, data, _count in tables:
            with cur.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                copy.write(data)
        target.commit()
        seconds = time.perf_counter() - started
    return seconds, sum(count for *_rest, count in tables)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="PostgreSQL URL (its public schema is wiped)")
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo.jsonl"
        records = write_dataset(data, args.size)
        mb = data.stat().st_size / 1e6
        loaded = Path(tmp) / "bench.sqlite"
        seconds, n = measure(f"sqlite:///{loaded}", data)
        bare, rows = baseline(loaded, Path(tmp) / "bare.sqlite")
        lines = [f"Dataset: the {args.size} demo, {records:,} records, {mb:,.0f} MB of JSON "
                 f"Lines; {rows:,} rows.", "",
                 "| what | seconds | records/s |", "| --- | ---: | ---: |",
                 f"| `shopdesk load` into SQLite (file, WAL) | {seconds:.1f} | {n / seconds:,.0f} |",
                 f"| baseline: `executemany` of the same rows + index fill | {bare:.1f} | "
                 f"{n / bare:,.0f} |",
                 f"| ratio, baseline / load (target ≥ {TARGET}×) | {bare / seconds:.2f}× | |"]
        if args.pg:
            wiped(args.pg)
            pg_seconds, n = measure(args.pg, data)
            pg_bare, pg_rows = pg_baseline(args.pg, args.pg + "_baseline")
            lines += [f"| `shopdesk load` into PostgreSQL 15 (loopback) | {pg_seconds:.1f} | "
                      f"{n / pg_seconds:,.0f} |",
                      f"| baseline: `COPY` of the same {pg_rows:,} rows, indexes kept | "
                      f"{pg_bare:.1f} | {n / pg_bare:,.0f} |",
                      f"| ratio, baseline / load (target ≥ {TARGET}×) | "
                      f"{pg_bare / pg_seconds:.2f}× | |"]
    body = "\n".join(lines)
    print(body)
    if not args.no_record and args.size == "large":
        record("Dataset load (bench/load.py)", body)


if __name__ == "__main__":
    main()
