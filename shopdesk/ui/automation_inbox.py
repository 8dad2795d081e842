"""Automation in the inbox: the conversation's "No automation" box, and the composer's
typing hold (an agent typing holds the conversation's automatic replies back).

The hold is one plain UPDATE (``automation_rules.hold_for_typing``), written off the GUI
thread at most once every ``HOLD_EVERY`` seconds while the agent types — never per
keystroke — for ``HOLD_SECONDS`` ahead."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QCheckBox, QWidget
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from shopdesk.db import Database
from shopdesk.models import Conversation
from shopdesk.services import automation_rules as svc
from shopdesk.times import utcnow

HOLD_SECONDS = 30
HOLD_EVERY = 10


class TypingHold(QObject):
    """Connect ``typed`` to the composer's textChanged. The UPDATE runs in a short worker
    thread of its own (on SQLite a writer may wait for the sync's write lock; the composer
    never does)."""

    def __init__(self, db: Database, conversation: Callable[[], int | None],
                 parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self.db, self.conversation, self.clock, self.now = db, conversation, clock, now
        self.last: tuple[int, float] | None = None  # conversation, when it was written
        self.writes = 0
        self._worker: threading.Thread | None = None

    def typed(self, text: str = "x") -> None:
        conversation_id = self.conversation()
        if conversation_id is None or not text:  # emptied (sent, or all deleted)
            return
        tick = self.clock()
        if self.last and self.last[0] == conversation_id and tick - self.last[1] < HOLD_EVERY:
            return
        if self._worker is not None and self._worker.is_alive():
            return  # the last hold is still being written
        self.last = (conversation_id, tick)
        until = self.now() + timedelta(seconds=HOLD_SECONDS)
        self._worker = threading.Thread(target=self._write, args=(conversation_id, until),
                                        name="typing-hold", daemon=True)
        self._worker.start()

    def _write(self, conversation_id: int, until: datetime) -> None:
        try:
            with self.db.transaction() as session:
                svc.hold_for_typing(session, conversation_id, until)
            self.writes += 1
        except SQLAlchemyError:
            self.last = None  # the database is busy or away: the next keystroke tries again

    def wait(self) -> None:
        """Until the hold being written is written (tests, and closing the window)."""
        if self._worker is not None:
            self._worker.join()


class ExcludeBox(QCheckBox):
    """Ticked: no automation rule reads or touches the open conversation."""

    def __init__(self, page, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("automationExcluded")
        self.page = page
        self.clicked.connect(self._clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("No automation"))
        self.setToolTip(self.tr("No automation rule answers or changes this conversation."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_for(self, conversation_id: int | None) -> None:
        excluded = False
        if conversation_id is not None:
            with self.page.db.read_session() as session:
                excluded = bool(session.scalar(select(Conversation.automation_excluded).where(
                    Conversation.id == conversation_id)))
        self.blockSignals(True)
        self.setChecked(excluded)
        self.blockSignals(False)

    def _clicked(self, on: bool) -> None:
        self.page.act(lambda s, a, c: svc.set_excluded(s, a, c, on),
                      self.tr("Automation off") if on else self.tr("Automation on"),
                      lambda s, a, c: svc.set_excluded(s, a, c, not on))
