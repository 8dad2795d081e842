"""Filling the messages' search index on SQLite while the load is still reading.

The index tables point to no other table, so their rows can go in before the messages
themselves, in the same transaction. Every ``BATCH`` staged messages the loader folds their
texts (``search.index_rows``) and hands the JSON batches to one writer thread; SQLite
tokenises and inserts them in C with the GIL released (the bulk of the index's cost), on the
second core, while this thread checks the next records.

One connection serves both threads, never at the same moment: every statement the loader
sends through its session first waits for the writer to be idle (``before_cursor_execute``),
and the writer is idle and stopped before the loader writes the rest, commits or rolls back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from shopdesk.dataset import sqlite_bulk
from shopdesk.services import search

Batch = list[tuple[str, str]]  # (statement, JSON payload)


class IndexFiller:
    def __init__(self, session: Session) -> None:
        self.s = session
        self.indexed = 0  # messages from the start of the loader's rows that are indexed
        self._queue: queue.Queue[Batch | None] = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._raw: Any = None
        self._conn: Any = None

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        """Index these driver-ready message rows (``writing.MESSAGE_COLUMNS`` order), the
        next ones after ``indexed``."""
        if self._thread is None:
            search.suspend_indexing(self.s)
            self._conn = self.s.connection()
            self._raw = self._conn.connection.driver_connection
            event.listen(self._conn, "before_cursor_execute", self._before_statement)
            self._thread = threading.Thread(target=self._run, name="dataset-index",
                                            daemon=True)
            self._thread.start()
        work = [(sqlite_bulk.statement(index, ("rowid", "body")), payload)
                for index, index_rows in search.index_rows((r[0], r[6]) for r in rows)
                for payload in sqlite_bulk.payloads(index_rows)]
        self._raise()
        self._queue.put(work)  # waits while the writer is two batches behind
        self.indexed += len(rows)

    def finish(self) -> None:
        """Wait until everything handed over is in the index; its error, if it failed."""
        if self._thread is not None:
            self._queue.join()
        self._raise()

    def close(self) -> None:
        """Stop the writer (after its current statement) and let go of the connection."""
        if self._thread is None:
            return
        self._error = self._error or _Stopped()
        self._queue.put(None)
        self._thread.join()
        self._thread = None
        event.remove(self._conn, "before_cursor_execute", self._before_statement)

    def _before_statement(self, *_args: Any) -> None:
        self._queue.join()

    def _raise(self) -> None:
        if self._error is not None and not isinstance(self._error, _Stopped):
            raise self._error

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            try:
                if work is None:
                    return
                if self._error is None:
                    cur = self._raw.cursor()
                    try:
                        for sql, payload in work:
                            cur.execute(sql, (payload,))
                    finally:
                        cur.close()
            except BaseException as exc:  # handed to the loader's thread
                self._error = exc
            finally:
                self._queue.task_done()


class _Stopped(Exception):
    """The filler was closed: queued work is dropped."""
