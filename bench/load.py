"""Dataset load speed: the large demo (100,000 conversations, 1,000,000 messages) written to
a .jsonl file, then ``shopdesk load`` into a fresh SQLite file and a fresh PostgreSQL
database. Records per second go to docs/benchmarks.md.

    python -m bench.load [--pg postgresql+psycopg://user@127.0.0.1/db] [--size large]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine

from bench.report import record
from shopdesk.dataset.demo import demo_records
from shopdesk.dataset.load import load_file
from shopdesk.db import open_database


def write_dataset(path: Path, size: str) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in demo_records(size, 1, datetime(2026, 11, 1, tzinfo=UTC)):
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", help="PostgreSQL URL (its public schema is wiped)")
    parser.add_argument("--size", default="large", choices=["small", "large"])
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo.jsonl"
        records = write_dataset(data, args.size)
        mb = data.stat().st_size / 1e6
        rows = [f"Dataset: the {args.size} demo, {records:,} records, {mb:,.0f} MB of JSON Lines.",
                "", "| backend | seconds | records/s |", "| --- | ---: | ---: |"]
        seconds, n = measure(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", data)
        rows.append(f"| SQLite (file, WAL) | {seconds:.1f} | {n / seconds:,.0f} |")
        print(rows[-1])
        if args.pg:
            engine = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
                conn.exec_driver_sql("CREATE SCHEMA public")
            engine.dispose()
            seconds, n = measure(args.pg, data)
            rows.append(f"| PostgreSQL 15 (loopback) | {seconds:.1f} | {n / seconds:,.0f} |")
            print(rows[-1])
    if not args.no_record:
        record("Dataset load (bench/load.py)", "\n".join(rows))


if __name__ == "__main__":
    main()
