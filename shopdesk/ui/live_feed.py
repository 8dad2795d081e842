"""Changes made on other PCs (or in another window on this PC) reach this window: a thread
waits on the change feed (``changefeed_listen.Listener``) and hands each change to the GUI
thread, where ``apply_remote`` gives it to the same paths a local change takes. Rows are
refreshed where they are: the inbox reads its changed rows in a worker thread, the cards
follow their customer's records, the returns board and the complaints list keep their
selection and scroll position, and the conversation header's presence line re-reads its
viewers."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot

from shopdesk.changefeed import Change
from shopdesk.changefeed_listen import EVERYTHING, Listener
from shopdesk.db import Database

if TYPE_CHECKING:
    from shopdesk.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)

WAIT_S = 0.5  # the listener's wait per round (how soon it notices it should stop)
CUSTOMER_IDS = 50  # more customers at once: "some customers' records changed"
CUSTOMER_TABLES = ("customers", "customer_notes", "customer_tags", "customer_identities",
                   "orders", "return_cases", "complaints")
RETURN_TABLES = ("return_cases", "return_events", "return_items", "return_photos")
COMPLAINT_TABLES = ("complaints", "complaint_events")


class _Listening(QObject):
    """Lives in the feed's thread; ``run`` blocks there until ``stopping`` is set."""

    changed = Signal(object)

    def __init__(self, url: str, ignore: str) -> None:
        super().__init__()
        self.listener = Listener(url, ignore)
        self.stopping = threading.Event()

    @Slot()
    def run(self) -> None:
        while not self.stopping.is_set():
            change = self.listener.wait(WAIT_S)
            if change and not self.stopping.is_set():
                self.changed.emit(change)
        self.listener.close()


class LiveFeed(QObject):
    """``changed(Change)`` on the GUI thread for every change another program commits."""

    changed = Signal(object)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("liveFeedThread")
        self.worker = _Listening(db.url, db.feed.source)
        self.worker.moveToThread(self.thread)
        self.worker.changed.connect(self.changed)  # queued: this object is on the GUI thread
        self.thread.started.connect(self.worker.run)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.worker.stopping.set()
        self.thread.quit()
        self.thread.wait(5_000)


def conversations_to_read(window: MainWindow, change: Change) -> list[int]:
    """The conversations whose rows the inbox reads again: those named, or, when a table
    changed as a whole, those it has loaded (and the open one) — never the whole table."""
    inbox = window.inbox
    ids = set(change.conversations)
    if (EVERYTHING in change.whole or "conversations" in change.whole
            or "messages" in change.whole or "customers" in change.whole):
        ids |= set(inbox.model.positions())
        if inbox.current is not None:
            ids.add(inbox.current)
    return sorted(ids)


def apply_remote(window: MainWindow, change: Change) -> None:
    """Show another program's change in ``window`` without moving what its user looks at."""
    from shopdesk.ui.live_pages import refresh_complaints, refresh_returns
    from shopdesk.ui.window_pages import COMPLAINTS, RETURNS

    everything = EVERYTHING in change.whole
    conversations = conversations_to_read(window, change)
    if conversations or change.rows or change.whole:  # not for viewers alone
        window.on_synced(conversations, [])  # rows off the GUI thread, figures too
    if change.touches("tags") or everything:
        window.inbox.fill_tag_filter()
    customers = change.customers
    if everything or any(t in change.whole for t in CUSTOMER_TABLES) \
            or len(customers) > CUSTOMER_IDS:
        window.records.announce(None)
    else:
        for customer_id in sorted(customers):
            window.records.announce(customer_id)
    if window.is_built(RETURNS) and (everything or any(change.touches(t)
                                                       for t in RETURN_TABLES)):
        refresh_returns(window.returns, change)
    if window.is_built(COMPLAINTS) and (everything or any(change.touches(t)
                                                          for t in COMPLAINT_TABLES)):
        refresh_complaints(window.complaints, change)
    window.inbox.presence.on_change(change)
