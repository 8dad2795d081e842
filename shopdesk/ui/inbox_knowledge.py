"""The inbox's knowledge panel: beside the open conversation, the articles that fit it
(its store's or every store's, matching what the customer wrote, never an expired
promotion), a box to look up others, the chosen article's text, and “Insert” to put it
into the reply."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation
from shopdesk.services import knowledge as kb
from shopdesk.services.permissions import Action, can
from shopdesk.ui.forms import show_hint
from shopdesk.ui.knowledge_labels import kind_label

ID = Qt.ItemDataRole.UserRole


def insert_article(composer_panel, text: str,  # type: ignore[no-untyped-def]
                   images: list[tuple[str, str, bytes]]) -> None:
    """Put an article's text (and its images) into the reply being written."""
    editor = composer_panel.editor
    if not editor.isEnabled():
        return
    editor.insertPlainText(text)
    if images:
        composer_panel.set_pending(composer_panel.pending + images)
    editor.setFocus()


class KnowledgePanel(QWidget):
    insertRequested = Signal(str, list)  # noqa: N815 - text, images

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxKnowledge")
        self.db = db
        self.agent: Agent | None = None
        self.conversation_id: int | None = None
        self.store_id: int | None = None
        self.items: dict[int, kb.ArticleItem] = {}
        self.heading = QLabel()
        self.heading.setObjectName("knowledgePanelTitle")
        self.heading.setStyleSheet("font-weight: bold")
        self.search = QLineEdit()
        self.search.setObjectName("knowledgePanelSearch")
        self.search.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.list = QListWidget()
        self.list.setObjectName("knowledgePanelList")
        self.list.currentItemChanged.connect(lambda item, _p: self._show(item))
        self.text = QTextBrowser()
        self.text.setObjectName("knowledgePanelText")
        self.insert_button = QPushButton()
        self.insert_button.setObjectName("insertArticleButton")
        self.insert_button.clicked.connect(self._insert)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.retranslate()
        self._show(None)

    def show_conversation(self, conversation_id: int | None, agent: Agent | None) -> None:
        """The articles for ``conversation_id`` (None: nothing open). A new conversation
        clears what was typed in the box."""
        if conversation_id != self.conversation_id:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.conversation_id, self.agent = conversation_id, agent
        self.refresh()

    def refresh(self) -> None:
        self._typing.stop()
        chosen = self.list.currentItem().data(ID) if self.list.currentItem() else None
        self.list.clear()
        self.items = {}
        if self.conversation_id is None or not can(self.agent, Action.VIEW):
            self._show(None)
            return
        query = self.search.text().strip()
        try:
            with self.db.read_session() as session:
                self.store_id = session.scalar(select(Conversation.store_id).where(
                    Conversation.id == self.conversation_id))
                if query:
                    found = [a for a in kb.list_articles(
                        session, self.agent, query=query, store=self.store_id,
                        include_expired=False, limit=30) if a.offered]
                    scores: dict[int, tuple[str, ...]] = {}
                else:
                    matches = kb.articles_for_conversation(session, self.agent,
                                                           self.conversation_id)
                    found = [m.article for m in matches]
                    scores = {m.article.id: m.matched for m in matches}
        except ShopDeskError:
            found, scores = [], {}
        for article in found:
            self.items[article.id] = article
            entry = QListWidgetItem(article.title)
            entry.setData(ID, article.id)
            entry.setToolTip(kind_label(article.kind) + "\n" + article.summary(200) + (
                "\n\n" + self.tr("Matches: %1").replace("%1", " ".join(scores[article.id][:6]))
                if scores.get(article.id) else ""))
            self.list.addItem(entry)
        rows = min(max(1, len(found)), 5)  # the list as tall as its rows; the text the rest
        self.list.setFixedHeight(rows * max(18, self.list.sizeHintForRow(0))
                                 + 2 * self.list.frameWidth() + 2)
        if not found:
            self._show(None)
            return
        ids = [a.id for a in found]
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else 0)

    def _show(self, item: QListWidgetItem | None) -> None:
        article = self.items.get(item.data(ID)) if item is not None else None
        self.insert_button.setEnabled(article is not None and can(self.agent, Action.REPLY))
        if article is None:
            if self.conversation_id is None:
                show_hint(self.text, self.tr("Open a conversation to see the articles that "
                                             "fit it."))
            elif self.search.text().strip():
                show_hint(self.text, self.tr("No valid article matches this search."))
            else:
                show_hint(self.text, self.tr("No article fits this conversation yet. Search "
                                             "above, or write one on the Knowledge page."))
            return
        self.text.setPlainText(f"{article.title}\n\n{article.body}")

    def current_article(self) -> kb.ArticleItem | None:
        item = self.list.currentItem()
        return self.items.get(item.data(ID)) if item is not None else None

    def _insert(self) -> None:
        article = self.current_article()
        if article is None:
            return
        with self.db.read_session() as session:
            images = kb.images_of(session, self.agent, article.id)
        self.insertRequested.emit(article.body, images)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Knowledge"))
        self.search.setPlaceholderText(self.tr("Look up an article…"))
        self.insert_button.setText(self.tr("Insert into reply"))
        self.insert_button.setToolTip(self.tr("Put the article's text into the reply"))
        if self.list.count() == 0:
            self._show(None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
