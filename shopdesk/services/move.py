"""``shopdesk move``: copy a shop from its SQLite file to an empty PostgreSQL database.

Every table is copied row for row (all columns, ids kept, so nothing the dataset format
leaves out is lost: PINs, refund limits, store settings, timelines, photos), in one
transaction on the target: a failure leaves the target as empty as it was. Text that
PostgreSQL cannot hold (the NUL character) is looked for first and named with its record
before anything is copied. The counts of every table are compared at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import JSON, Integer, Table, func, select, text
from sqlalchemy.types import String, Text

from shopdesk.db import Database, describe
from shopdesk.errors import ShopDeskError
from shopdesk.models.base import Base

BATCH = 5_000
Progress = Callable[[str, int, int], None]  # (table, rows copied, rows in it)


class MoveError(ShopDeskError):
    """The shop cannot be moved. Says why, and which record when a record is the reason."""


@dataclass(frozen=True)
class Moved:
    counts: dict[str, int]  # table → rows, the same on both sides

    def summary(self) -> str:
        shown = ("stores", "customers", "conversations", "messages", "orders", "return_cases",
                 "complaints")
        return ", ".join(f"{self.counts.get(name, 0):,} {name.replace('_', ' ')}"
                         for name in shown)


# Tables the migrations fill (each platform's pre-send rules): a new database holds their
# defaults, which the shop's own rows replace.
SEEDED = frozenset({"presend_rules"})


def tables() -> list[Table]:
    import shopdesk.models  # noqa: F401 - every model registered on the metadata

    return list(Base.metadata.sorted_tables)


def find_nul(source: Database) -> list[str]:
    """The records whose text holds a NUL character, as "table id N, column c"."""
    found: list[str] = []
    with source.read_session() as session:
        for table in tables():
            key = next(iter(table.primary_key.columns))
            for column in table.columns:
                if not isinstance(column.type, String | Text | JSON):
                    continue
                # JSON keeps a NUL as the escape \u0000, which PostgreSQL's jsonb refuses too.
                needle = "\\u0000" if isinstance(column.type, JSON) else "\x00"
                where = func.instr(func.cast(column, Text), needle) > 0
                for (ident,) in session.execute(select(key).where(where).limit(20)):
                    found.append(f"{table.name} {key.name} {ident}, column {column.name}")
    return found


def move(source: Database, target: Database, progress: Progress | None = None) -> Moved:
    """Copy every row of ``source`` (SQLite) into ``target`` (an empty, migrated PostgreSQL
    database) and check that every table holds as many rows on both sides."""
    if source.backend != "sqlite" or target.backend != "postgresql":
        raise MoveError("shopdesk move copies a shop from an SQLite file to PostgreSQL.")
    held = _rows_held(target)
    if held:
        raise MoveError(f"{describe(target.url)} is not empty ({held}). Move into an empty "
                        "database.")
    bad = find_nul(source)
    if bad:
        listed = "; ".join(bad[:10]) + (f"; and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise MoveError(f"PostgreSQL cannot hold the NUL character found in: {listed}. "
                        "Remove it from those records, then move again.")
    counts: dict[str, int] = {}
    with source.read_session() as reading, target.engine.begin() as writing:
        for table in tables():
            if table.name in SEEDED:
                writing.execute(table.delete())
            total = reading.execute(select(func.count()).select_from(table)).scalar_one()
            done = 0
            rows = reading.execute(select(table)).mappings()
            while batch := rows.fetchmany(BATCH):
                writing.execute(table.insert(), [dict(r) for r in batch])
                done += len(batch)
                if progress:
                    progress(table.name, done, total)
            if progress and not total:
                progress(table.name, 0, 0)
            counts[table.name] = total
            _reset_sequence(writing, table)
        for table in tables():
            copied = writing.execute(select(func.count()).select_from(table)).scalar_one()
            if copied != counts[table.name]:
                raise MoveError(f"{table.name}: {counts[table.name]} rows in the file but "
                                f"{copied} in PostgreSQL; nothing was moved.")
    target.refresh_statistics()
    return Moved(counts)


def _rows_held(db: Database) -> str:
    """What a database holds, as "3 agents, 1 stores", or "" when every table is empty (but
    for the defaults the migrations put in)."""
    with db.read_session() as session:
        held = [(t.name, session.execute(select(func.count()).select_from(t)).scalar_one())
                for t in tables() if t.name not in SEEDED]
    return ", ".join(f"{n} {name}" for name, n in held if n)


def _reset_sequence(conn, table: Table) -> None:  # type: ignore[no-untyped-def]
    """Ids were copied as they are: the next new row must come after the largest."""
    key = list(table.primary_key.columns)
    if len(key) != 1 or not isinstance(key[0].type, Integer):
        return
    name = key[0].name
    conn.execute(text(
        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{name}'), "
        f"COALESCE((SELECT MAX({name}) FROM {table.name}), 0) + 1, false)"))
