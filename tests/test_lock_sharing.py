"""Worker threads that talk to the database give the window's thread turns at Python's lock
(shopdesk/lock_sharing.py): without them, the sync thread's statements kept the lock away
from an idle window for up to 214 ms (bench/live.py). The clock is counted, not timed: each
reading of it moves one millisecond on."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from shopdesk import lock_sharing


@pytest.fixture
def turns(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """The pauses the workers make; the clock moves 1 ms at each reading."""
    ticks = iter(range(10**9))
    paused: list[float] = []
    monkeypatch.setattr(lock_sharing, "clock", lambda: next(ticks) / 1000)
    monkeypatch.setattr(lock_sharing, "sleep", paused.append)
    yield paused
    lock_sharing.stop_sharing()


def run_in_worker(db, statements: int) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        with db.read_session() as session:
            for _ in range(statements):
                session.execute(text("SELECT 1"))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()


def test_a_worker_pauses_between_statements_once_the_window_shares(db, turns) -> None:
    lock_sharing.share_with_this_thread()
    run_in_worker(db, 100)
    # 100 statements, each reading the clock once (1 ms) and once more after a pause: a turn
    # at least every EVERY seconds of the worker's work, never more often.
    every_ms = lock_sharing.EVERY * 1000
    assert 100 / (every_ms + 2) <= len(turns) <= 100 / every_ms + 1
    assert set(turns) == {lock_sharing.PAUSE}


def test_the_window_thread_itself_never_pauses(sqlite_db, turns) -> None:
    lock_sharing.share_with_this_thread()
    with sqlite_db.read_session() as session:
        for _ in range(100):
            session.execute(text("SELECT 1"))
    assert turns == []


def test_without_a_window_nobody_pauses(sqlite_db, turns) -> None:
    lock_sharing.stop_sharing()  # the command line, a service's test
    run_in_worker(sqlite_db, 100)
    assert turns == []
