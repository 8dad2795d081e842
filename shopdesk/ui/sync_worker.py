"""The sync worker: runs every store's channel off the GUI thread and reports changes.

The channels (IMAP, SMTP, TLS, e-mail parsing), the automation engine and the segments are
imported in the worker's own thread when it starts, after the window shows its first rows:
the start of the window does not wait for them."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from sqlalchemy import select

from shopdesk.credentials import Credentials
from shopdesk.db import Database
from shopdesk.models import Store
from shopdesk.services.inbox import wake_snoozed
from shopdesk.ui.live_feed import LiveFeed

if TYPE_CHECKING:
    from shopdesk.channels.base import Channel
    from shopdesk.channels.lease import Holder
    from shopdesk.services.automation_watch import Watch

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    """Lives in its own thread; every ``interval_ms`` it syncs each store with a channel.
    Once a day (at the first tick, then when the date changes) it also brings the customers'
    stored segments up to date: time alone moves a customer from active to at-risk."""

    changed = Signal(list, list)  # conversation ids changed, of those with new messages
    storeState = Signal(int, bool, str)  # noqa: N815 - store id, online, reason
    # Which PC runs which store's channel: [(store name, PC name, this program)], by name.
    leasesChanged = Signal(list)  # noqa: N815

    def __init__(self, db: Database, credentials: Credentials | None = None,
                 interval_ms: int = 3000) -> None:
        super().__init__()
        self.db = db
        self.credentials = credentials or Credentials()
        self.interval_ms = interval_ms
        self.channels: dict[int, Channel] = {}
        self.timer: QTimer | None = None
        self.segments_day: date | None = None  # the day the segments were last recomputed
        self._holder: Holder | None = None  # one store's channel runs on one PC at a time
        self.shown_leases: list[tuple[str, str, bool]] | None = None
        self.watch: Watch | None = None  # what the automation's last cycles looked at

    @property
    def holder(self) -> Holder:
        if self._holder is None:
            from shopdesk.channels.lease import Holder

            self._holder = Holder.here()
        return self._holder

    @Slot()
    def reload(self) -> None:
        """Build every active store's channel again (a store or its password changed)."""
        from shopdesk.channels.registry import channel_for

        channels: dict[int, Channel] = {}
        with self.db.read_session() as session:
            for store in session.scalars(select(Store).where(Store.archived.is_(False))):
                try:
                    channel = channel_for(session, store, self.credentials)
                except Exception:  # a store with broken settings must not stop the others
                    log.exception("the channel of store %s could not be set up", store.id)
                    continue
                if channel is not None:
                    channels[store.id] = channel
        self.channels = channels

    @Slot()
    def start(self) -> None:
        self.reload()
        self.timer = QTimer(self)
        self.timer.setInterval(self.interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @Slot()
    def tick(self) -> None:
        from shopdesk.channels.lease import sync_if_held
        from shopdesk.services import automation_engine, segments

        changed: set[int] = set()
        arrived: set[int] = set()
        try:
            with self.db.transaction() as session:  # snoozed conversations whose time came
                changed |= set(wake_snoozed(session))
        except Exception:
            log.exception("waking snoozed conversations failed")
        if self.watch is None:
            self.watch = automation_engine.Watch()
        try:  # automation rules, before the channels send their outbox
            changed |= automation_engine.run_cycle(self.db, watch=self.watch).changed
        except Exception:
            log.exception("the automation cycle failed")
        today = date.today()  # this computer's calendar day
        if self.segments_day != today:
            self.segments_day = today  # once a day, also when it fails (no retry every tick)
            try:
                with self.db.transaction() as session:
                    moved = segments.recompute(session)
                log.info("segments recomputed: %d customers moved", moved)
            except Exception:
                log.exception("recomputing the segments failed")
        for store_id, channel in self.channels.items():
            try:
                result = sync_if_held(self.db, store_id, channel, self.holder)
            except Exception:  # a broken store must not stop the others
                log.exception("sync of store %s failed", store_id)
                continue
            if result is None:
                continue  # another PC runs this store's channel
            changed |= result.changed
            arrived |= result.arrived
            self.storeState.emit(store_id, result.error is None, result.error or "")
        if changed:
            self.changed.emit(sorted(changed), sorted(arrived))
        self._show_leases()

    def _show_leases(self) -> None:
        from shopdesk.channels.lease import leases

        try:
            with self.db.read_session() as session:
                now = [(lease.store, lease.holder_name, lease.mine)
                       for lease in leases(session, self.holder)]
        except Exception:
            log.exception("reading the channel leases failed")
            return
        if now != self.shown_leases:
            self.shown_leases = now
            self.leasesChanged.emit(now)

    @Slot()
    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        if self._holder is None:  # never synced: nothing to give back
            return
        from shopdesk.channels.lease import release

        try:  # another PC takes the stores over at once, not after the lease runs out
            release(self.db, self.holder)
        except Exception:
            log.exception("giving back the channel leases failed")


class SyncThread:
    """Owns the worker's thread: start with the window, stop before the database closes."""

    def __init__(self, db: Database, credentials: Credentials,
                 interval_ms: int = 3000) -> None:
        self.thread = QThread()
        self.thread.setObjectName("syncThread")
        self.worker = SyncWorker(db, credentials, interval_ms)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.start)
        self.thread.finished.connect(self.worker.stop)
        self.live = LiveFeed(db)  # other PCs' changes, in a thread of their own

    def start(self) -> None:
        self.thread.start()
        self.live.start()

    def stop(self) -> None:
        self.live.stop()
        self.thread.quit()
        self.thread.wait(10_000)
