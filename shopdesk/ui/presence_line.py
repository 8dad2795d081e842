"""The line under the conversation's header that says who else is viewing or typing it
("Li Na is viewing · Zhou Min is typing…"), and this window's own presence row behind it.

The window's row is written (renewed every ``RENEW``, and when the agent starts or stops
typing) and the others' rows are read in a worker thread, one at a time. A presence
change from another PC (through the change feed) only re-reads; it never writes, so two
windows never answer each other's renewals."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import uuid
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from shopdesk.changefeed import PRESENCE, Change
from shopdesk.changefeed_listen import EVERYTHING
from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.services import presence as svc
from shopdesk.times import utcnow

log = logging.getLogger(__name__)

STYLE = ("QLabel#presenceLine { background: #FEF3C7; color: #92400E; border-radius: 4px; "
         "padding: 2px 8px; }")


def new_place() -> str:
    """One running window: its PC, its process, a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class _Relay(QObject):
    """Carries a worker thread's result to the GUI thread (a plain thread, not a QThread
    child of the widget: closing the window never destroys a running thread)."""

    done = Signal(object)


class PresenceLine(QLabel):
    """Hidden while nobody else has the conversation open."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceLine")
        self.setStyleSheet(STYLE)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.db = db
        self.place = new_place()
        self.agent_id: int | None = None
        self.conversation_id: int | None = None
        self.typing_since: datetime | None = None  # the last key, while "typing"
        self.viewers: list[svc.Viewer] = []
        self._busy = False  # a write or read runs in a thread
        # Its result, back on the GUI thread; owned by the application, so a thread that
        # ends after the window closed never deletes it (the connection goes with the line).
        self._relay = _Relay(QCoreApplication.instance())
        self._relay.done.connect(self._read)
        self._next: tuple[bool, int | None] | None = None  # (write, conversation) queued
        self.renew = QTimer(self)  # renew the row; see who else is still there
        self.renew.setInterval(int(svc.RENEW.total_seconds() * 1000))
        self.renew.timeout.connect(lambda: self.update_presence(write=True))
        self.typing_end = QTimer(self)
        self.typing_end.setSingleShot(True)
        self.typing_end.setInterval(int(svc.TYPING.total_seconds() * 1000))
        self.typing_end.timeout.connect(self._stopped_typing)
        self.setVisible(False)

    # -- what the inbox tells it -------------------------------------------------------------

    def set_agent(self, agent: Agent | None) -> None:
        self.agent_id = agent.id if agent is not None else None
        self.update_presence(write=True)

    def open(self, conversation_id: int | None) -> None:
        if conversation_id == self.conversation_id:
            return
        self.conversation_id = conversation_id
        self.typing_since = None
        self.viewers = []
        self._show()
        self.update_presence(write=True)
        if conversation_id is not None:
            self.renew.start()
        else:
            self.renew.stop()

    def typed(self) -> None:
        """A key in the composer: "typing" now, until ``TYPING`` passes without one."""
        if self.conversation_id is None or self.agent_id is None:
            return
        started = self.typing_since is None
        self.typing_since = utcnow()
        self.typing_end.start()
        if started:
            self.update_presence(write=True)

    def _stopped_typing(self) -> None:
        self.typing_since = None
        self.update_presence(write=True)

    def on_change(self, change: Change) -> None:
        """Another PC's change: re-read the viewers if they may have changed here."""
        if self.conversation_id is None:
            return
        if (self.conversation_id in change.presence or PRESENCE in change.whole
                or EVERYTHING in change.whole):
            self.update_presence(write=False)

    def leave(self) -> None:
        """The window closes: its row goes now (else it runs out by itself)."""
        self.renew.stop()
        try:
            with self.db.transaction() as session:
                svc.announce(session, self.place, None, None)
        except Exception:  # the database is away: the row runs out
            log.warning("removing this window's presence failed", exc_info=True)

    # -- the work, off the GUI thread --------------------------------------------------------

    def update_presence(self, write: bool) -> None:
        if self._busy:
            wrote = self._next[0] if self._next else False
            self._next = (write or wrote, self.conversation_id)
            return
        db, place = self.db, self.place
        agent_id, conversation_id = self.agent_id, self.conversation_id
        typing = self.typing_since is not None

        def work():  # type: ignore[no-untyped-def]
            try:
                if write:
                    with db.transaction() as session:
                        svc.announce(session, place, agent_id, conversation_id, typing)
                if conversation_id is None or agent_id is None:
                    return conversation_id, []
                with db.read_session() as session:
                    return conversation_id, svc.viewers(session, conversation_id, place)
            except Exception:  # the database is away: the line stays as it is
                log.warning("the conversation's viewers could not be read", exc_info=True)
                return conversation_id, None

        self._busy = True
        relay = self._relay

        def run() -> None:
            result = work()
            with contextlib.suppress(RuntimeError):  # the program is ending
                relay.done.emit(result)

        threading.Thread(target=run, name="presence", daemon=True).start()

    def _read(self, result) -> None:  # type: ignore[no-untyped-def]
        self._busy = False
        conversation_id, viewers = result
        if viewers is not None and conversation_id == self.conversation_id:
            self.viewers = viewers
            self._show()
        if self._next is not None:
            write, _conversation = self._next
            self._next = None
            self.update_presence(write)

    @property
    def busy(self) -> bool:
        return self._busy

    # -- text --------------------------------------------------------------------------------

    def _show(self) -> None:
        parts = [(self.tr("%1 is typing…") if v.typing else self.tr("%1 is viewing"))
                 .replace("%1", v.name) for v in self.viewers]
        self.setText(self.tr(" · ").join(parts))
        self.setToolTip(self.tr("Other agents who have this conversation open now")
                        if parts else "")
        self.setVisible(bool(parts))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
