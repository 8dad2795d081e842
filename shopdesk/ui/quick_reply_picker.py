"""The quick reply picker (Ctrl+/ or "/" at the start of the composer)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.services import quick_replies as qr
from shopdesk.services.conversations import customer_language

BODY = Qt.ItemDataRole.UserRole
REPLY_ID = Qt.ItemDataRole.UserRole + 1


class QuickReplyPicker(QDialog):
    """Search by code, title or text; grouped by category; Enter inserts."""

    last_chosen_id: int | None = None  # the reply ``pick`` returned last (its choice is kept)

    def __init__(self, db: Database, query: str = "", parent: QWidget | None = None,
                 language: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickReplyPicker")
        self.db = db
        self.language = language  # the customer's: replies in it come first
        self.setWindowTitle(self.tr("Quick replies"))
        self.resize(560, 420)
        self.search = QLineEdit(query)
        self.search.setObjectName("quickReplySearch")
        self.search.setPlaceholderText(self.tr("Code, title or text"))
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.accept)
        self.list = QTreeWidget()
        self.list.setObjectName("quickReplyList")
        self.list.setHeaderHidden(True)
        self.list.itemActivated.connect(lambda _item, _col: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.chosen: str | None = None
        self.chosen_id: int | None = None
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        with self.db.read_session() as session:
            items = qr.find(session, self.search.text(), self.language)
        groups: dict[str, QTreeWidgetItem] = {}
        first: QTreeWidgetItem | None = None
        for item in items:
            group = groups.get(item.category)
            if group is None:
                group = groups[item.category] = QTreeWidgetItem([item.category])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.list.addTopLevelItem(group)
                group.setExpanded(True)
            child = QTreeWidgetItem([f"/{item.code}   {item.title}   —   {item.body}"])
            child.setData(0, BODY, item.body)
            child.setData(0, REPLY_ID, item.id)
            child.setToolTip(0, item.body)
            group.addChild(child)
            first = first or child
        if first is not None:
            self.list.setCurrentItem(first)

    def accept(self) -> None:
        item = self.list.currentItem()
        body = item.data(0, BODY) if item else None
        if body is None:
            return
        self.chosen = body
        self.chosen_id = item.data(0, REPLY_ID)
        super().accept()

    @classmethod
    def pick(cls, db: Database, conversation_id: int, agent: Agent | None, query: str = "",
             parent: QWidget | None = None
             ) -> tuple[str, list[tuple[str, str, bytes]]] | None:
        """The chosen reply with its variables filled and its images; None if cancelled."""
        with db.read_session() as session:
            language = customer_language(session, conversation_id)
        dialog = cls(db, query, parent, language)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return None
        cls.last_chosen_id = dialog.chosen_id
        with db.read_session() as session:
            values = qr.variables(session, conversation_id, agent)
            images = qr.images_of(session, dialog.chosen_id)
        return qr.fill(dialog.chosen, values), images
