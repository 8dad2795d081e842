"""The row of suggested replies above the composer: the three quick replies or article
snippets that best answer the customer's latest message (``services.suggestions``),
computed off the GUI thread (the first message of a store builds its index:
about a second with 5,000 candidates). A click, or
Alt+1…3 while writing in the reply box, inserts one with its variables filled; when the
reply is sent, what was inserted is remembered for the store (the ranking learns)."""

from __future__ import annotations

import logging
import queue
import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.db import Database
from shopdesk.models import Agent, QuickReply
from shopdesk.services import quick_replies as qr
from shopdesk.services import suggestions as sg
from shopdesk.textfold import fold

log = logging.getLogger(__name__)
COUNT = 3
KEYS = {Qt.Key.Key_1: 0, Qt.Key.Key_2: 1, Qt.Key.Key_3: 2}
TITLE_CHARS = 18  # a button shows this much of the title; the tooltip has the whole text


class ReplySuggestions(QWidget):
    """``show_for(conversation_id)`` when a conversation opens or a customer writes."""

    inserted = Signal(list)  # the images of an inserted quick reply, to attach

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replySuggestions")
        self.db = db
        self.agent: Agent | None = None
        self.conversation_id: int | None = None
        self.suggestions: list[sg.Suggestion] = []
        self.message = ""  # the customer's message they are for
        # (kind, code, text) inserted; recorded when the reply is sent with the text in it
        self.chosen: list[tuple[str, str, str]] = []
        self.editor: QPlainTextEdit | None = None
        self._asked = 0  # the newest request: older answers are dropped
        self._threads: list[threading.Thread] = []
        # (request number, (message, suggestions)) from the threads, read on the GUI thread
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._poll = QTimer(self)
        self._poll.setInterval(15)
        self._poll.timeout.connect(self._collect)
        self.caption = QLabel()
        self.caption.setObjectName("replySuggestionsCaption")
        self.empty = QLabel()
        self.empty.setObjectName("replySuggestionsEmpty")
        self.empty.setEnabled(False)  # greyed: a hint, not a control
        self.buttons: list[QToolButton] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        for n in range(COUNT):
            button = QToolButton()
            button.setObjectName(f"replySuggestion{n + 1}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, n=n: self.insert(n))
            button.setVisible(False)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.retranslate()
        self.setVisible(False)

    def attach(self, editor: QPlainTextEdit) -> None:
        """Alt+1…3 in ``editor`` insert the suggestions (elsewhere in the inbox they keep
        toggling the stores)."""
        self.editor = editor
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() in (QEvent.Type.ShortcutOverride,
                                                        QEvent.Type.KeyPress):
            n = self._number(event)  # type: ignore[arg-type]
            if n is not None and n < len(self.suggestions) and self.isEnabled():
                event.accept()  # ours, not the window's Alt+n shortcut
                if event.type() == QEvent.Type.KeyPress:
                    self.insert(n)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _number(event: QKeyEvent) -> int | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.AltModifier:
            return None
        return KEYS.get(Qt.Key(event.key()))

    # -- what is shown --------------------------------------------------------------------

    def show_for(self, conversation_id: int | None) -> None:
        """Compute the suggestions for the conversation's latest customer message."""
        if conversation_id != self.conversation_id:
            self.chosen = []
        self.conversation_id = conversation_id
        self._asked += 1
        if conversation_id is None:
            self._show(self._asked, ("", []))
            return
        asked, db, results = self._asked, self.db, self._results

        def work() -> None:
            try:
                with db.read_session() as session:
                    found = sg.for_conversation(session, conversation_id, COUNT)
            except Exception:  # noqa: BLE001 - a suggestion is a help: never an error box
                log.exception("suggestions for conversation %s", conversation_id)
                found = ("", [])
            results.put((asked, found))

        # A plain daemon thread that never touches Qt, not ui.jobs.Job: a QThread owned by a
        # widget deleted while it runs aborts the process, and a Python thread that emits a
        # signal is adopted by Qt; conversations open all the time.
        thread = threading.Thread(target=work, name="reply-suggestions", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        self._poll.start()

    def _collect(self) -> None:
        """On the GUI thread: show the newest answer; stop polling when none is pending."""
        while True:
            try:
                asked, found = self._results.get_nowait()
            except queue.Empty:
                break
            if asked == self._asked:
                self._show(asked, found)
        if not any(t.is_alive() for t in self._threads) and self._results.empty():
            self._poll.stop()

    def _show(self, _asked: int, found: tuple[str, list[sg.Suggestion]]) -> None:
        self.message, self.suggestions = found
        message = self.message
        self.setVisible(self.conversation_id is not None and bool(message.strip()))
        for n, button in enumerate(self.buttons):
            if n < len(self.suggestions):
                s = self.suggestions[n]
                title = s.title if len(s.title) <= TITLE_CHARS else s.title[:TITLE_CHARS] + "…"
                button.setText(f"{n + 1} · {title}")
                kind = self.tr("Quick reply") if s.kind == "quick_reply" else self.tr("Article")
                button.setToolTip(self.tr("%1 /%2 (Alt+%3 in the reply box)\n\n%4")
                                  .replace("%1", kind).replace("%2", s.code)
                                  .replace("%3", str(n + 1)).replace("%4", s.text))
            button.setVisible(n < len(self.suggestions))
        self.empty.setVisible(not self.suggestions)

    def wait(self) -> None:
        """Wait for the computations under way and show the result (tests)."""
        for thread in self._threads:
            thread.join()
        self._collect()

    # -- inserting and remembering ------------------------------------------------------------

    def insert(self, n: int) -> None:
        if self.conversation_id is None or self.editor is None or n >= len(self.suggestions):
            return
        if not self.editor.isEnabled():
            return
        s = self.suggestions[n]
        with self.db.read_session() as session:
            text = qr.fill(s.text, qr.variables(session, self.conversation_id, self.agent))
            images = qr.images_of(session, s.ref_id) if (
                s.kind == "quick_reply" and s.ref_id) else []
        self.editor.insertPlainText(text)
        self.editor.setFocus()
        self.chosen.append((s.kind, s.code, text))
        if images:
            self.inserted.emit(images)

    def picked_quick_reply(self, reply_id: int | None, text: str) -> None:
        """A quick reply inserted from the picker counts as a choice too."""
        if reply_id is None:
            return
        with self.db.read_session() as session:
            code = session.scalar(select(QuickReply.code).where(QuickReply.id == reply_id))
        if code:
            self.chosen.append(("quick_reply", code, text))

    def record(self, session: Session, actor: Agent, conversation_id: int, sent: str) -> None:
        """In the transaction that sends the reply: remember what was inserted and kept
        (its start is still in the text sent; a suggestion deleted again is no choice)."""
        sent = fold(sent)
        for kind, code in dict.fromkeys((k, c) for k, c, text in self.chosen
                                        if fold(text).strip()[:12] in sent):
            sg.record_choice(session, actor, conversation_id, kind, code)

    def sent(self) -> None:
        self.chosen = []

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Suggested:"))
        self.empty.setText(self.tr("No quick reply fits the customer's last message."))
        if self.suggestions:
            self._show(self._asked, (self.message, self.suggestions))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
