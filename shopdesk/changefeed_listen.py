"""The receiving half of the change feed: a blocking ``Listener`` for a thread of its own.

PostgreSQL: one connection of its own, ``LISTEN shopdesk_changes``; it waits in the driver
for notifications (no query runs while nothing happens). SQLite: one connection of its own
asks ``PRAGMA data_version`` a few times a second (a counter, no table is read) and, when
another connection committed, reads only the new ``change_log`` rows.

A lost connection is opened again; what changed meanwhile is unknown, so the listener then
reports ``EVERYTHING`` changed once (readers refresh what they show).

Run as ``python -m shopdesk.changefeed_listen URL`` it prints ``ready``, then one JSON line
per change with the time it arrived (the two-process test uses it).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
import time

from sqlalchemy.engine import make_url

from shopdesk.changefeed import CHANNEL, Change

log = logging.getLogger(__name__)

EVERYTHING = "*"  # in ``Change.whole``: the listener was cut off; refresh everything shown
SQLITE_CHECK_S = 0.2  # how often SQLite's commit counter is asked


class Listener:
    """Changes that other programs commit to the database at ``url``. ``ignore`` is this
    program's own feed source (its changes are shown already)."""

    def __init__(self, url: str, ignore: str = "") -> None:
        self.url = make_url(url)
        self.ignore = ignore
        self.sqlite = self.url.get_backend_name() == "sqlite"
        self._pg = None  # type: ignore[var-annotated]
        self._lite: sqlite3.Connection | None = None
        self._version: int | None = None
        self._last_id = 0
        self._lost = False  # a connection broke: report EVERYTHING once it is back

    # -- connecting ---------------------------------------------------------------------------

    def open(self) -> None:
        if self.sqlite:
            self._lite = sqlite3.connect(self.url.database or "", timeout=10,
                                         isolation_level=None, check_same_thread=False)
            self._version = self._lite.execute("PRAGMA data_version").fetchone()[0]
            self._last_id = self._lite.execute(
                "SELECT COALESCE(MAX(id), 0) FROM change_log").fetchone()[0]
        else:
            import psycopg

            conninfo = self.url.set(drivername="postgresql").render_as_string(False)
            self._pg = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
            self._pg.execute(f"LISTEN {CHANNEL}")

    def close(self) -> None:
        for conn in (self._pg, self._lite):
            if conn is not None:
                try:
                    conn.close()
                except Exception:  # closing a broken connection
                    log.debug("closing the change listener's connection failed", exc_info=True)
        self._pg = self._lite = None

    # -- waiting ------------------------------------------------------------------------------

    def wait(self, timeout: float) -> Change | None:
        """Block up to ``timeout`` seconds for other programs' changes; all that came, in
        one ``Change``, or None."""
        try:
            if self._pg is None and self._lite is None:
                self.open()
            change = self._wait_sqlite(timeout) if self.sqlite else self._wait_pg(timeout)
        except Exception:
            log.warning("the change listener lost its connection; it connects again",
                        exc_info=True)
            self.close()
            self._lost = True
            time.sleep(min(timeout, 2.0))
            return None
        if self._lost:
            self._lost = False
            change = change or Change()
            change.whole.add(EVERYTHING)
        return change

    def _wait_pg(self, timeout: float) -> Change | None:
        assert self._pg is not None
        found = Change()
        got = False
        for notify in self._pg.notifies(timeout=timeout, stop_after=1):
            self._take(found, notify.payload)
            got = True
        if got:
            for notify in self._pg.notifies(timeout=0.02):  # the rest of a burst, at once
                self._take(found, notify.payload)
        return found if found else None

    def _wait_sqlite(self, timeout: float) -> Change | None:
        assert self._lite is not None
        deadline = time.monotonic() + timeout
        while True:
            version = self._lite.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._version = version
                found = Change()
                rows = self._lite.execute("SELECT id, payload FROM change_log WHERE id > ? "
                                          "ORDER BY id", (self._last_id,)).fetchall()
                for ident, payload in rows:
                    self._last_id = ident
                    self._take(found, payload)
                if found:
                    return found
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            time.sleep(min(SQLITE_CHECK_S, left))

    def _take(self, into: Change, payload: str) -> None:
        change = Change.parse(payload)
        if change is None:
            into.whole.add(EVERYTHING)
        elif change.source != self.ignore:
            into.merge(change)
            into.source = change.source


def main(argv: list[str]) -> int:
    """Print ``ready``, then each change as JSON with ``at`` (time.time() on arrival)."""
    listener = Listener(argv[0])
    listener.open()
    print("ready", flush=True)
    deadline = time.monotonic() + float(argv[1]) if len(argv) > 1 else None
    while deadline is None or time.monotonic() < deadline:
        change = listener.wait(0.5)
        if change:
            print(json.dumps({"at": time.time(), "source": change.source,
                              "rows": {t: sorted(i) for t, i in change.rows.items()},
                              "whole": sorted(change.whole),
                              "presence": sorted(change.presence)}), flush=True)
    listener.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
