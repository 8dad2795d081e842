"""``shopdesk load``: read a dataset (shared/DATASET.md, version 1) into the database.

All or nothing: every line is checked before anything is written, the writing happens in
one transaction, and the first problem is reported with its line number and field.
Loading the same file twice changes nothing: records are matched by their key (orders also
by store + order number, conversations by store + external id) and updated in place;
messages, notes and surveys that are already there are not added again.

Writing is bulk: ids are assigned here and rows go to the database in ``executemany``
batches, so a million messages load in seconds, not hours.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text

from shopdesk.dataset.fields import FieldError, check_fields
from shopdesk.dataset.index_fill import IndexFiller
from shopdesk.dataset.kinds import KINDS
from shopdesk.dataset.reading import parse_lines, read_lines
from shopdesk.dataset.stage_articles import ArticleRecords
from shopdesk.dataset.stage_orders import OrderRecords
from shopdesk.dataset.stage_rules import RuleRecords
from shopdesk.dataset.stage_shop import ShopRecords
from shopdesk.dataset.stage_talk import ConversationRecords
from shopdesk.dataset.staging import LoadReport, Progress
from shopdesk.dataset.writing import BATCH, json_path, write
from shopdesk.db import Database
from shopdesk.errors import DatasetError
from shopdesk.services import customer_list

__all__ = ["LoadReport", "load_file", "load_records", "parse_lines", "read_lines"]


def load_file(db: Database, path: Path, progress: Progress | None = None) -> LoadReport:
    if not path.exists():
        raise DatasetError(f"no such file: {path}")
    return load_records(db, parse_lines(read_lines(path)), progress)


def load_records(
    db: Database,
    records: Iterable[tuple[int, dict[str, Any]]],
    progress: Progress | None = None,
) -> LoadReport:
    """Check every record, then write them all in one transaction."""
    with _no_cycle_collection(), db.session() as session, session.begin():
        if db.backend == "sqlite":
            # A large page cache keeps index pages in memory while a million rows go in.
            session.execute(text("PRAGMA cache_size=-262144"))
        loader = _Loader(session, progress)
        _stage_all(loader, records)
        if loader.message_rows:
            loader.report.inserted["message"] += len(loader.message_rows)
        write(loader)
        # The customers' summaries (orders, spent, search text) and RFM segments follow.
        customer_list.refresh(session)
    db.refresh_statistics()
    return loader.report


def _stage_all(loader: _Loader, records: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Stage every record; on SQLite the search index of the messages staged so far is
    filled meanwhile in a second thread (dataset/index_fill.py)."""
    filler = IndexFiller(loader.s) if _fills_index(loader) else None
    if filler is None:
        for lineno, record in records:
            loader.stage(lineno, record)
        return
    stage = loader.stage
    rows = loader.message_rows
    mark = BATCH
    try:
        for lineno, record in records:
            stage(lineno, record)
            if len(rows) >= mark:
                filler.add(rows[mark - BATCH:mark])
                mark += BATCH
        filler.finish()
    finally:
        filler.close()
    loader.indexed = filler.indexed


def _fills_index(loader: _Loader) -> bool:
    return loader.dialect == "sqlite" and json_path(loader.s)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for the load. The staged rows are millions of tuples
    and dicts that all live until the end, and the collector walked them again and again
    as they grew (a fifth of the staging's time on the medium demo); the load makes no
    cycles to collect. It is back on (and collects) when the load ends, however it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Loader(ShopRecords, OrderRecords, ConversationRecords, ArticleRecords, RuleRecords):
    def stage(self, lineno: int, record: dict[str, Any]) -> None:
        kind = record.get("kind")
        if kind == "message" and self._fast_message(lineno, record):
            self.report.records += 1
            return
        fields = KINDS.get(kind) if isinstance(kind, str) else None
        if fields is None:
            raise DatasetError(
                f"unknown kind {kind!r} (expected one of: {', '.join(KINDS)})", lineno, "kind"
            )
        try:
            values = check_fields(record, fields, prefix="")
        except FieldError as err:
            raise DatasetError(err.message, lineno, err.field) from None
        getattr(self, "_stage_" + kind)(lineno, values)
        self.report.records += 1
        if self.report.records % 50_000 == 0:
            self.progress("checking records", self.report.records, 0)
