"""Automation in the inbox: the conversation's "No automation" box, and the composer's
typing hold (an agent typing holds the conversation's automatic replies back).

The hold is one plain UPDATE (``automation_rules.hold_for_typing``), written at most once
every ``HOLD_EVERY`` seconds while the agent types — never per keystroke — for
``HOLD_SECONDS`` ahead."""

from __future__ import annotations

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
    """Connect ``typed`` to the composer's textChanged."""

    def __init__(self, db: Database, conversation: Callable[[], int | None],
                 parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self.db, self.conversation, self.clock, self.now = db, conversation, clock, now
        self.last: tuple[int, float] | None = None  # conversation, when it was written
        self.writes = 0

    def typed(self, text: str = "x") -> None:
        conversation_id = self.conversation()
        if conversation_id is None or not text:  # emptied (sent, or all deleted)
            return
        tick = self.clock()
        if self.last and self.last[0] == conversation_id and tick - self.last[1] < HOLD_EVERY:
            return
        self.last = (conversation_id, tick)
        try:
            with self.db.transaction() as session:
                svc.hold_for_typing(session, conversation_id,
                                    self.now() + timedelta(seconds=HOLD_SECONDS))
            self.writes += 1
        except SQLAlchemyError:
            self.last = None  # the database is busy or away: the next keystroke tries again


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
