"""Reports → Frequent questions: what customers asked most in a period, grouped by similar
wording, whether a quick reply or article answers it, and the agents' usual answer; one
click drafts a quick reply from that answer (``services.frequent_questions``)."""

from __future__ import annotations

import logging
import queue
import threading
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, QuickReply
from shopdesk.services import frequent_questions as svc
from shopdesk.services import quick_replies as qr
from shopdesk.services.permissions import Action, can
from shopdesk.ui.period_filters import period_filters
from shopdesk.ui.quick_replies_panel import QuickReplyEditor
from shopdesk.ui.service_text import translated

log = logging.getLogger(__name__)
COLUMNS = 5  # question, asked, answered by, usual answer, the draft button


def _start_of(edit: QDateEdit) -> datetime:
    d = edit.date()
    return datetime(d.year(), d.month(), d.day()).astimezone()


class FrequentQuestions(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frequentQuestions")
        self.db = db
        self.actor: Agent | None = None
        self.groups: list[svc.QuestionGroup] = []
        self._asked = 0  # the newest count asked for: older answers are dropped
        self._threads: list[threading.Thread] = []
        self._results: queue.SimpleQueue = queue.SimpleQueue()
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._collect)
        filters = period_filters(self, db, "questions", self.reload)
        self.summary = QLabel()
        self.summary.setObjectName("questionsSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("questionsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # Rows as tall as their wrapped text at the columns' real widths: once every column
        # has its width (fitting at each column's resize left rows fitted to the old width
        # of a column resized after them).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._refit.start())
        self.message = QLabel()
        self.message.setObjectName("questionsMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.retranslate()

    def set_actor(self, actor: Agent | None) -> None:
        self.actor = actor
        self.reload()

    def reload(self) -> None:
        """Count the questions of the period in a thread (a second or two for 20,000
        messages); the table follows when done."""
        start = _start_of(self.first)
        end = _start_of(self.last) + timedelta(days=1)
        stores = [self.store.currentData()] if self.store.currentData() else []
        self._asked += 1
        asked, db, results = self._asked, self.db, self._results
        actor_id = self.actor.id if self.actor else None

        def work() -> None:  # never touches Qt (see ui/reply_suggestions.py)
            try:
                with db.read_session() as session:
                    actor = session.get(Agent, actor_id) if actor_id else None
                    groups = svc.frequent_questions(session, actor, start, end, stores) \
                        if actor else []
            except Exception:  # noqa: BLE001 - shown as an empty report, logged
                log.exception("frequent questions")
                groups = []
            results.put((asked, groups))

        thread = threading.Thread(target=work, name="frequent-questions", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        self.summary.setText(self.tr("Counting the questions…"))
        self._poll.start()

    def _collect(self) -> None:
        while True:
            try:
                asked, groups = self._results.get_nowait()
            except queue.Empty:
                break
            if asked == self._asked:
                self.groups = groups
                self._fill()
        if not any(t.is_alive() for t in self._threads) and self._results.empty():
            self._poll.stop()

    def wait(self) -> None:
        """Wait for the counting under way and show it (tests)."""
        for thread in self._threads:
            thread.join()
        self._collect()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.groups))
        may_draft = can(self.actor, Action.MANAGE_SETTINGS)
        for row, g in enumerate(self.groups):
            question = QTableWidgetItem(g.question)
            question.setToolTip("\n".join(g.wordings[:6]))
            asked = QTableWidgetItem(self.tr("%1 times, %2 conversations")
                                     .replace("%1", str(g.count))
                                     .replace("%2", str(g.conversations)))
            if g.answered_by is not None:
                kind = (self.tr("Quick reply") if g.answered_by.kind == "quick_reply"
                        else self.tr("Article"))
                answered = QTableWidgetItem(f"{kind} /{g.answered_by.code} · "
                                            f"{g.answered_by.title}")
                answered.setToolTip(g.answered_by.text)
            else:
                answered = QTableWidgetItem(self.tr("No answer yet"))
                answered.setForeground(Qt.GlobalColor.darkRed)
            usual = QTableWidgetItem(g.best_answer or self.tr("(no agent reply)"))
            if g.best_answer:  # the whole text, should the cell be too narrow
                usual.setToolTip(g.best_answer + "\n\n" + self.tr("Given %1 times").replace(
                    "%1", str(g.answer_count)))
            for col, item in enumerate((question, asked, answered, usual)):
                self.table.setItem(row, col, item)
            button = QPushButton(self.tr("Draft quick reply…"))
            button.setObjectName(f"draftQuickReply{row}")
            button.setEnabled(may_draft and bool(g.best_answer))
            button.setToolTip("" if may_draft else self.tr(
                "Only the owner manages quick replies."))
            button.clicked.connect(lambda _=False, r=row: self.draft(r))
            self.table.setCellWidget(row, 4, button)
        self._fit_rows()
        self._refit.start()  # again once the columns are laid out
        unanswered = sum(1 for g in self.groups if g.answered_by is None)
        self.summary.setText(self.tr("%1 kinds of question; %2 without a quick reply or "
                                     "article.").replace("%1", str(len(self.groups)))
                             .replace("%2", str(unanswered)) if self.groups
                             else self.tr("No customer questions in these dates."))

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()

    def draft(self, row: int, accept: bool | None = None) -> int | None:
        """Open the quick reply editor filled from the group's usual answer; the new quick
        reply's id once saved. ``accept`` (tests) saves or cancels without showing it."""
        group = self.groups[row]
        with self.db.read_session() as session:
            category, code, title, body = svc.draft(session, group)
            categories = sorted(set(session.scalars(select(QuickReply.category))) | {category})
        item = qr.QuickReplyItem(0, category, code, title, body)
        editor = QuickReplyEditor(categories, item, self)
        editor.setObjectName("draftQuickReplyEditor")
        editor.setWindowTitle(self.tr("Draft a quick reply"))
        saved = None
        values = editor.values()
        while (editor.exec() if accept is None else
               (QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected)
               ) == QDialog.DialogCode.Accepted:
            values = editor.values()
            try:
                with self.db.transaction() as session:
                    actor = session.get(Agent, self.actor.id) if self.actor else None
                    saved = qr.save(session, actor, None, *values).id
                break
            except ShopDeskError as exc:
                editor.error.setText(translated(str(exc)))
                if accept is not None:
                    break
        editor.deleteLater()
        if saved is not None:
            self.message.setText(self.tr("Quick reply /%1 saved.").replace(
                "%1", values[1].strip().lstrip("/")))
            self.reload()
        return saved

    def retranslate(self) -> None:
        self.from_label.setText(self.tr("From:"))
        self.to_label.setText(self.tr("To:"))
        self.store.setItemText(0, self.tr("All stores"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Question"), self.tr("Asked"), self.tr("Answered by"),
            self.tr("Agents' usual answer"), ""])
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
