"""The inbox's conversation actions, run for the signed-in agent in one transaction each,
with undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y): assignment, priority, snooze, reopen
and the customer's tags. Closing is not undone here: it may have asked the customer for a
score. The work itself stays in the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import inbox as svc
from shopdesk.services.conversation_checks import expect_state
from shopdesk.ui.service_text import translated

if TYPE_CHECKING:
    from shopdesk.ui.inbox import InboxPage

# (session, actor, conversation id) → anything: what a service does
Work = Callable[..., object]


class ConversationChange(QUndoCommand):
    """One action on one conversation: done already when pushed; undo and redo run the
    given work through ``run``."""

    def __init__(self, run: Callable[[int, Work], bool], conversation_id: int, text: str,
                 undo: Work, redo: Work) -> None:
        super().__init__(text)
        self._run = run
        self._conversation = conversation_id
        self._undo = undo
        self._redo = redo
        self._done = True  # push() calls redo(): the action was done before it

    def redo(self) -> None:
        if self._done:
            return
        self._done = True
        self._run(self._conversation, self._redo)

    def undo(self) -> None:
        self._done = False
        self._run(self._conversation, self._undo)


def restoring(to: svc.ConversationState) -> Work:
    return lambda s, a, c: svc.restore(s, a, c, to)


class ActionRunner(QObject):
    """Runs the page's actions and keeps what can be undone (``stack``, for an Edit menu
    too: ``stack.createUndoAction(menu)``)."""

    def __init__(self, page: InboxPage) -> None:
        super().__init__(page)
        self.page = page
        self.stack = QUndoStack(self)
        redo_keys = {k.toString(): k for k in QKeySequence.keyBindings(
            QKeySequence.StandardKey.Redo)}
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):  # both, whatever the platform's own
            redo_keys.setdefault(extra, QKeySequence(extra))
        for keys, redo in [(QKeySequence(QKeySequence.StandardKey.Undo), False),
                           *((k, True) for k in redo_keys.values())]:
            shortcut = QShortcut(keys, page)  # a focused text field undoes its own typing
            shortcut.activated.connect(lambda redo=redo: self.undo(redo))

    def act(self, work: Work, text: str | None = None, inverse: Work | None = None) -> None:
        """Run a conversation action, then refresh what shows it. With ``text`` it can be
        undone: back to the conversation's state before, or by ``inverse``."""
        page = self.page
        if page.current is None or page.agent is None:
            return
        states: list[tuple[svc.ConversationState, svc.ConversationState]] = []
        shown = page.shown_state  # refused when another agent changed it meanwhile

        def doing(session, actor, conversation_id):  # type: ignore[no-untyped-def]
            expect_state(session, conversation_id, shown)
            before = svc.state(session, conversation_id)
            work(session, actor, conversation_id)
            if not text:
                return
            states.append((before, svc.state(session, conversation_id)))

        if self.run(page.current, doing) and text:
            before, after = states[0]
            self.stack.push(ConversationChange(
                self.run, page.current, text, inverse or restoring(before),
                work if inverse else restoring(after)))
            page.status.setText(self.tr("%1. Ctrl+Z undoes it.").replace("%1", text))

    def run(self, conversation_id: int, work: Work) -> bool:
        """``work`` in one transaction; errors go to the status line; what shows the
        conversation follows. Whether it was done."""
        page = self.page
        if page.agent is None:
            return False
        done = False
        try:
            with page.db.transaction() as session:
                actor = session.get(Agent, page.agent.id)
                work(session, actor, conversation_id)
        except StaleDataError:
            page.status.setText(self.tr(
                "Someone else changed this conversation just now; it has been reloaded."))
        except ShopDeskError as exc:
            page.status.setText(translated(str(exc)))
        else:
            page.status.clear()
            done = True
        page.refresh_conversation(conversation_id)
        return done

    def undo(self, redo: bool = False) -> None:
        card = self.page.card
        focus = QApplication.focusWidget()
        if not redo and focus is not None and card.isAncestorOf(focus) and card.can_undo():
            card.undo_note()  # Ctrl+Z in the customer card takes back its last note change
            return
        text = self.stack.redoText() if redo else self.stack.undoText()
        if not text:
            return
        (self.stack.redo if redo else self.stack.undo)()
        if not self.page.status.text():  # not refused
            self.page.status.setText((self.tr("Redone: %1") if redo else self.tr("Undone: %1"))
                                     .replace("%1", text))
