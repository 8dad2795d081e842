"""Settings → Tags: every tag with how many customers carry it; rename, recolour, merge into
another, delete (the owner)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import tags as svc
from shopdesk.services.permissions import Action
from shopdesk.ui.forms import say
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import row_table


class TagsPanel(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsPanel")
        self.db = db
        self.agent: Agent | None = None
        self.tags: list[svc.TagInfo] = []
        self.table = row_table(QTableWidget(0, 2), "tagList")
        self.buttons = {name: QPushButton() for name in ("rename", "colour", "merge", "delete")}
        self.buttons["rename"].clicked.connect(self.rename)
        self.buttons["colour"].clicked.connect(self.recolour)
        self.buttons["merge"].clicked.connect(self.merge)
        self.buttons["delete"].clicked.connect(self.delete)
        self.message = QLabel()
        self.message.setObjectName("tagsMessage")
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Tag"), self.tr("Customers")])
        for name, text in (("rename", self.tr("Rename…")), ("colour", self.tr("Colour…")),
                           ("merge", self.tr("Merge into…")), ("delete", self.tr("Delete"))):
            self.buttons[name].setText(text)

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.MANAGE_SETTINGS)
        for button in self.buttons.values():
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        with self.db.read_session() as session:
            self.tags = svc.all_tags(session)
        self.table.setRowCount(len(self.tags))
        for row, tag in enumerate(self.tags):
            name = QTableWidgetItem(tag.name)
            name.setForeground(QColor(tag.colour or "#6B7280"))
            count = QTableWidgetItem(f"{tag.customers:,}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, count)
            if tag.id == select_id:
                self.table.setCurrentCell(row, 0)

    def selected(self) -> svc.TagInfo | None:
        row = self.table.currentRow()
        return self.tags[row] if 0 <= row < len(self.tags) else None

    def _run(self, work, done: str, select_id: int | None = None) -> None:  # type: ignore[no-untyped-def]
        if self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                work(session, session.get(Agent, self.agent.id))
        except ShopDeskError as exc:
            say(self.message, translated(str(exc)), ok=False)
            return
        say(self.message, done, ok=True)
        self.reload(select_id)
        self.changed.emit()

    def rename(self, name: str | None = None) -> None:
        tag = self.selected()
        if tag is None:
            return
        if not isinstance(name, str):
            name, ok = QInputDialog.getText(self, self.tr("Rename tag"), self.tr("New name:"),
                                            text=tag.name)
            if not ok:
                return
        self._run(lambda s, a: svc.rename(s, a, tag.id, name), self.tr("Renamed."), tag.id)

    def recolour(self, colour: str | None = None) -> None:
        tag = self.selected()
        if tag is None:
            return
        if not isinstance(colour, str):
            chosen = QColorDialog.getColor(QColor(tag.colour or "#6B7280"), self)
            if not chosen.isValid():
                return
            colour = chosen.name()
        self._run(lambda s, a: svc.recolour(s, a, tag.id, colour), self.tr("Colour changed."),
                  tag.id)

    def merge(self, into_name: str | None = None) -> None:
        tag = self.selected()
        others = [t for t in self.tags if tag is not None and t.id != tag.id]
        if tag is None or not others:
            return
        if not isinstance(into_name, str):
            into_name, ok = QInputDialog.getItem(
                self, self.tr("Merge tag"),
                self.tr("Give the customers of “%1” this tag instead:").replace("%1", tag.name),
                [t.name for t in others], 0, False)
            if not ok:
                return
        into = next(t for t in others if t.name == into_name)
        self._run(lambda s, a: svc.merge(s, a, tag.id, into.id),
                  self.tr("Merged into %1.").replace("%1", into.name), into.id)

    def delete(self, confirmed: bool = False) -> None:
        tag = self.selected()
        if tag is None:
            return
        if not confirmed:
            answer = QMessageBox.question(
                self, self.tr("Delete tag"),
                self.tr("Delete “%1”? %2 customers lose it.").replace("%1", tag.name)
                .replace("%2", str(tag.customers)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda s, a: svc.delete_tag(s, a, tag.id),
                  self.tr("Deleted %1.").replace("%1", tag.name))
