"""Start-up and event-loop latency of the inbox on the large demo.

* start: from a new process, through the `shopdesk` command's entry point, to the frame
  painted (navigation, inbox layout, loading state) and to the inbox's first rows, against
  a bare PySide6 window with an empty list started the same way, in turns (issue 17:
  painted at most 1.5×, first rows at most 4× the bare window), and two floors for the
  first rows: the bare window filled by one statement through SQLAlchemy, without and with
  the ORM and ShopDesk's models loaded;
* ingest: 10,000 customer messages stored by the sync service in a worker thread while the
  GUI thread's event loop is sampled every 10 ms; the longest stall is reported;
* long thread: a conversation of 5,000 messages (added to the database once) opened in the
  inbox, from the call to the conversation view painted (target: at most 150 ms).

    python -m bench.startup --db /tmp/shopdesk-large.sqlite
    python -m bench.startup --db /tmp/shopdesk-large.sqlite --start-only   # not recorded
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from bench.report import large_demo_args, record

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QListView
from PySide6.QtCore import QTimer, QStringListModel
app = QApplication(sys.argv)
view = QListView(); view.setModel(QStringListModel([])); view.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

# What the first rows cannot be faster than with this stack: the bare window, its list filled
# by one SQL statement on the shop's database through SQLAlchemy ("core"), and also with
# SQLAlchemy's ORM and ShopDesk's models imported and their mappers configured ("models"),
# which any ORM query needs first. Nothing of ShopDesk's window, services or statements.
FLOOR = """
import sys, time
import sqlalchemy as sa
if sys.argv[2] == "models":
    import sqlalchemy.orm
    import shopdesk.models
    sqlalchemy.orm.configure_mappers()
engine = sa.create_engine(sys.argv[1])
with engine.connect() as conn:
    subjects = [row[0] or "" for row in conn.execute(sa.text(
        "SELECT subject FROM conversations ORDER BY last_message_at DESC LIMIT 50"))]
from PySide6.QtWidgets import QApplication, QListView
from PySide6.QtCore import QTimer, QStringListModel
app = QApplication(sys.argv[:1])
view = QListView(); view.setModel(QStringListModel(subjects)); view.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

SHOPDESK = """
import os, sys, time
from shopdesk.launch import main  # the `shopdesk` command's entry point, as it imports it
from shopdesk.ui import app as app_module
marks = []
def finish():
    marks.append(time.time())
    print(*marks, flush=True)
    os._exit(0)  # not the backup at exit
def mark(name, what):
    if name == "painted":
        marks.append(time.time())
    elif name == "shown":
        assert what.inbox.model.rowCount() > 0
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, finish)  # the first rows painted
app_module.milestones.append(mark)
main(["--db", sys.argv[1], "--agent", "owner", "--lang", os.environ.get("BENCH_LANG", "en")])
"""


def started(code: str, *args: str) -> list[float]:
    """Seconds from a new process's start to each time it prints (one line of times)."""
    import tempfile

    with tempfile.TemporaryDirectory() as home:  # no settings of a real user
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "SHOPDESK_HOME": home}
        # As an installed program starts: from compiled modules (pip compiles them), not
        # from sources compiled anew at each start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        begin = time.time()
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                             text=True, env=env, check=True).stdout.strip().splitlines()[-1]
    return [float(t) - begin for t in out.split()]


def ingest_stall(url: str, count: int = 10_000) -> tuple[float, float]:
    """(seconds to ingest, longest event-loop stall in ms) with the sync in a thread."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from datetime import UTC, datetime, timedelta

    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from shopdesk.channels.base import Fetched, Incoming
    from shopdesk.channels.sync import sync_store
    from shopdesk.db import open_database
    from shopdesk.models import Store
    from shopdesk.ui.app import responsive_gui_thread

    responsive_gui_thread()  # as the program does (ui/app.run)
    app = QApplication.instance() or QApplication([])
    db = open_database(url)
    with db.read_session() as s:
        store_id = s.scalar(select(Store.id).limit(1))
    base = datetime.now(UTC)
    stamp = int(time.time())

    class Burst:
        def __init__(self) -> None:
            self.left = count

        def fetch(self, cursor):  # type: ignore[no-untyped-def]
            n = min(500, self.left)
            self.left -= n
            first = count - self.left - n
            return Fetched([Incoming(f"bench-{stamp}-{i}", f"bench-thread-{stamp}-{i % 300}",
                                     f"bench_buyer_{i % 300}", "压测客户",
                                     base + timedelta(milliseconds=i), f"压测消息 {i}")
                            for i in range(first, first + n)], str(first + n))

        def send(self, reply):  # type: ignore[no-untyped-def]
            return None

    channel = Burst()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def sample() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(sample)

    class Worker(QThread):
        def run(self) -> None:
            while channel.left > 0:
                sync_store(db, store_id, channel)

    worker = Worker()
    begin = time.perf_counter()
    worker.finished.connect(app.quit)
    timer.start()
    worker.start()
    app.exec()
    seconds = time.perf_counter() - begin
    worker.wait()
    return seconds, max(gaps) - 10 if gaps else 0.0


LONG_THREAD = 5_000


def open_long_thread(url: str) -> float:
    """Median ms from opening a conversation of 5,000 messages to its view painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import statistics
    import tempfile
    from datetime import UTC, datetime, timedelta

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from shopdesk.channels.base import Fetched, Incoming
    from shopdesk.channels.sync import sync_store
    from shopdesk.db import open_database
    from shopdesk.models import Agent, Conversation, Message, Store
    from shopdesk.ui.inbox import InboxPage
    from shopdesk.ui.settings import Preferences

    app = QApplication.instance() or QApplication([])
    db = open_database(url)
    thread_key = "bench-long-thread"
    with db.read_session() as s:
        store_id = s.scalar(select(Store.id).limit(1))
        cid = s.scalar(select(Conversation.id).where(Conversation.external_id == thread_key))
        have = s.scalar(select(func.count()).select_from(Message)
                        .where(Message.conversation_id == cid)) if cid else 0
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
    if have < LONG_THREAD:
        base = datetime.now(UTC) - timedelta(days=30)

        class Long:
            def fetch(self, cursor):  # type: ignore[no-untyped-def]
                return Fetched([Incoming(f"{thread_key}-{i}", thread_key, "bench_long_buyer",
                                         "长对话客户", base + timedelta(minutes=i),
                                         f"第 {i} 条消息：还没发货吗？" if i % 2 else f"message {i}")
                                for i in range(have, LONG_THREAD)], "long")

            def send(self, reply):  # type: ignore[no-untyped-def]
                return None

        sync_store(db, store_id, Long())
        with db.read_session() as s:
            cid = s.scalar(select(Conversation.id).where(Conversation.external_id == thread_key))
    with tempfile.TemporaryDirectory() as tmp:
        prefs = Preferences(QSettings(f"{tmp}/settings.ini", QSettings.Format.IniFormat))
        page = InboxPage(db, prefs)
        page.set_actor(owner)
        page.resize(1300, 800)
        page.show()
        app.processEvents()
        times = []
        for _ in range(7):
            page._open(None)
            page.show_conversation()
            app.processEvents()
            begin = time.perf_counter()
            page.open_conversation(cid)
            page.conversation.viewport().repaint()
            times.append((time.perf_counter() - begin) * 1000)
        page.close()
    db.dispose()
    return statistics.median(times)


def main() -> None:
    start_only = "--start-only" in sys.argv  # the start figures alone, not recorded
    if start_only:
        sys.argv.remove("--start-only")
        sys.argv.append("--no-record")
    url, keep = large_demo_args(__doc__ or "")
    runs = []
    for _ in range(5):  # in turns: the machine's load changes alike for both
        bare = started(BARE)[0]
        painted, rows = started(SHOPDESK, url)
        core, models = started(FLOOR, url, "core")[0], started(FLOOR, url, "models")[0]
        runs.append((bare, painted, rows, painted / bare, rows / bare, core, models,
                     core / bare, models / bare))
    (bare, painted, rows, painted_ratio, rows_ratio, core, models, core_ratio,
     models_ratio) = (statistics.median(r[i] for r in runs) for i in range(9))
    lines = [
        "| what | figure |", "| --- | ---: |",
        f"| bare PySide6 window with an empty list, process start to first paint | {bare:.2f} s |",
        f"| ShopDesk's window painted (navigation, inbox layout, loading state) | {painted:.2f} s |",
        f"| ratio, median of the runs' own ratios (target ≤ 1.5×) | {painted_ratio:.2f}× |",
        f"| ShopDesk inbox on the large demo, process start to first rows | {rows:.2f} s |",
        f"| ratio, median of the runs' own ratios (target ≤ 4×) | {rows_ratio:.1f}× |",
        f"| floor: the bare window's list filled by one SQL statement through SQLAlchemy | "
        f"{core:.2f} s |",
        f"| ratio to the bare window | {core_ratio:.1f}× |",
        f"| floor: the same with SQLAlchemy's ORM and ShopDesk's models loaded and configured | "
        f"{models:.2f} s |",
        f"| ratio to the bare window | {models_ratio:.1f}× |",
    ]
    print(f"load average {os.getloadavg()[0]:.1f}; runs (bare, painted, rows, floors):",
          "; ".join(f"{r[0]:.2f} {r[1]:.2f} {r[2]:.2f} {r[5]:.2f} {r[6]:.2f}" for r in runs))
    if not start_only:
        seconds, stall = ingest_stall(url)
        long_ms = open_long_thread(url)
        lines += [
            f"| 10,000 messages ingested by the sync service in a worker thread | {seconds:.1f} s |",
            f"| longest GUI event-loop stall meanwhile (target ≤ 100 ms) | {stall:.0f} ms |",
            f"| open a conversation of {LONG_THREAD:,} messages to first paint (target ≤ 150 ms) "
            f"| {long_ms:.0f} ms |",
        ]
    body = "\n".join(lines)
    print(body)
    if keep:
        record("Start-up and live ingest (bench/startup.py)", body)


if __name__ == "__main__":
    main()
