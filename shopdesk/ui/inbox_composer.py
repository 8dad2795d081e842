"""The inbox's composer: the reply editor (Enter sends), internal notes, images to attach,
quick replies, the draft kept per conversation, and the status line under it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import inbox as svc
from shopdesk.ui.automation_inbox import TypingHold
from shopdesk.ui.i18n import listed
from shopdesk.ui.images import choose_images as pick_images
from shopdesk.ui.images import read_image
from shopdesk.ui.presend_dialog import confirm_send
from shopdesk.ui.quick_reply_picker import QuickReplyPicker
from shopdesk.ui.reply_suggestions import ReplySuggestions
from shopdesk.ui.service_text import translated
from shopdesk.ui.settings import Preferences

SLASH_CODE = re.compile(r"/[^\s/]+")  # a quick reply's code, typed alone
NOTE_STYLE = "QPlainTextEdit { background: #fff6d5; }"  # a note looks like one


class Composer(QPlainTextEdit):
    """Enter sends; Shift+Enter or Ctrl+Enter starts a new line (as in sellers' chat tools)."""

    sendRequested = Signal()  # noqa: N815
    quickReplyRequested = Signal(str)  # noqa: N815 - what was typed after "/"
    ctrl_enter_sends = False  # Settings: Ctrl+Enter sends and Enter starts a new line

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Slash and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.quickReplyRequested.emit("")
            return
        if event.text() == "/" and len(self.textCursor().selectedText()) == len(
                self.toPlainText()):  # "/" in an empty box, or over all of its text
            self.quickReplyRequested.emit("")  # opens the picker; its reply replaces the text
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
            shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            sends = ctrl if self.ctrl_enter_sends else not (ctrl or shift)
            if sends:
                self.sendRequested.emit()
            else:
                self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class ComposerPanel(QWidget):
    """The editor with its row of note mode, images, status line and Send."""

    sent = Signal(int)  # a reply or note was written for this conversation

    def __init__(self, db: Database, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerPanel")
        self.db = db
        self.prefs = prefs
        self.agent: Agent | None = None
        self.conversation_id: int | None = None
        self.before_send: Callable[[int], bool] | None = None  # may stop a reply (not a note)
        self.editor = Composer()
        self.editor.setObjectName("composer")
        self.editor.setMaximumHeight(110)
        self.editor.sendRequested.connect(self.send)
        self.editor.ctrl_enter_sends = self.prefs.ctrl_enter_sends
        self.draft_timer = QTimer(self)  # a crash loses at most a second of typing
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(1000)
        self.draft_timer.timeout.connect(self.save_draft)
        self.editor.textChanged.connect(self.draft_timer.start)
        self.typing = TypingHold(db, lambda: self.conversation_id, self)  # holds automation
        self.editor.textChanged.connect(lambda: self.typing.typed(self.editor.toPlainText()))
        self.editor.quickReplyRequested.connect(self.insert_quick_reply)
        self.note_mode = QCheckBox()
        self.note_mode.setObjectName("noteMode")
        self.note_mode.toggled.connect(lambda _on: self.retranslate())  # the box and Send say so
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attachButton")
        self.attach_button.clicked.connect(self.choose_images)
        self.pending: list[tuple[str, str, bytes]] = []  # images to send with the reply
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingAttachments")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.status = QLabel()
        self.status.setObjectName("composerStatus")
        self.suggestions = ReplySuggestions(db)  # the best answers to the last message
        self.suggestions.attach(self.editor)
        self.suggestions.inserted.connect(lambda images: self.set_pending(self.pending + images))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        row.addWidget(self.note_mode)
        row.addWidget(self.attach_button)
        row.addWidget(self.pending_label)
        row.addWidget(self.status, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.retranslate()

    def open(self, conversation_id: int | None) -> None:
        """Keep the draft of the conversation left; show the one of the conversation
        opened."""
        self.save_draft()
        self.conversation_id = conversation_id
        self.editor.blockSignals(True)
        self.editor.setPlainText(
            self.prefs.draft(self.db.url, conversation_id) if conversation_id else "")
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.editor.blockSignals(False)
        self.note_mode.setChecked(False)  # a note written there makes no reply a note here
        self.status.clear()
        self.suggestions.show_for(conversation_id)

    def set_ready(self, ready: bool, tip: str) -> None:
        """Whether the agent can write here now (someone signed in who may reply, and a
        conversation open); ``tip`` says why not."""
        for widget in (self.editor, self.send_button, self.note_mode, self.attach_button,
                       self.suggestions):
            widget.setEnabled(ready)
        for widget in (self.editor, self.send_button, self.attach_button):
            widget.setToolTip(tip)

    def save_draft(self) -> None:
        """Keep what is typed for this conversation (also across restarts)."""
        if self.conversation_id is not None:
            self.prefs.set_draft(self.db.url, self.conversation_id, self.editor.toPlainText())

    def choose_images(self) -> None:
        self.attach_files(pick_images(self))

    def attach_files(self, paths: list[Path]) -> None:
        files = list(self.pending)
        for path in paths:
            try:
                files.append(read_image(path))
            except OSError as exc:
                self.status.setText(f"{path.name}: {exc.strerror}")
                return
        self.set_pending(files)

    def set_pending(self, files: list[tuple[str, str, bytes]]) -> None:
        self.pending = files
        self.pending_label.setText(
            self.tr("%1 image(s): %2").replace("%1", str(len(files))).replace(
                "%2", listed(name for name, _m, _d in files)) if files else "")

    def insert_quick_reply(self, query: str = "") -> None:
        if self.conversation_id is None or not self.editor.isEnabled():
            return
        chosen = QuickReplyPicker.pick(self.db, self.conversation_id, self.agent, query, self)
        if chosen is not None:
            text, images = chosen
            self.suggestions.picked_quick_reply(QuickReplyPicker.last_chosen_id, text)
            self.editor.insertPlainText(text)
            if images:  # the reply's images go with it
                self.set_pending(self.pending + images)
        self.editor.setFocus()

    def send(self) -> None:
        if self.conversation_id is None or self.agent is None:
            return
        text = self.editor.toPlainText()
        if not self.note_mode.isChecked() and SLASH_CODE.fullmatch(text.strip()):
            self.editor.selectAll()  # "/th" typed whole: the quick reply it names, not "/th"
            self.insert_quick_reply(text.strip()[1:])
            return
        if not self.note_mode.isChecked() and not confirm_send(self.db, self.conversation_id,
                                                               self.editor):
            return  # the agent edits (the pre-send check found something)
        if (not self.note_mode.isChecked() and text.strip() and self.before_send is not None
                and not self.before_send(self.conversation_id)):
            return  # the text stays in the composer
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.agent.id)
                svc.queue_reply(session, actor, self.conversation_id, text,
                                note=self.note_mode.isChecked(), attachments=self.pending)
                if not self.note_mode.isChecked():  # what was inserted answered the customer
                    self.suggestions.record(session, actor, self.conversation_id, text)
        except ShopDeskError as exc:
            self.status.setText(translated(str(exc)))  # the text stays in the composer
            return
        self.status.clear()
        self.suggestions.sent()
        self.editor.clear()
        self.set_pending([])
        self.prefs.set_draft(self.db.url, self.conversation_id, "")
        self.sent.emit(self.conversation_id)

    def retranslate(self) -> None:
        note = self.note_mode.isChecked()
        self.editor.setPlaceholderText(self.tr(
            "Internal note: only your colleagues see it. Enter adds it.") if note else self.tr(
            "Write a reply. Enter sends, Shift+Enter starts a new line, / or Ctrl+/ for "
            "quick replies."))
        self.editor.setStyleSheet(NOTE_STYLE if note else "")
        self.note_mode.setText(self.tr("Internal note"))
        self.send_button.setText(self.tr("Add internal note") if note else self.tr("Send"))
        self.attach_button.setText(self.tr("Attach image…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
