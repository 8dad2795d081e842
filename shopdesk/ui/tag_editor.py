"""The tag editor on the customer card (`tagEditor`): coloured chips with × to remove, and a
field that adds a tag with autocomplete, or creates a new one in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import tags as svc
from shopdesk.services.permissions import Action, can
from shopdesk.ui.service_text import translated


class TagEditor(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagEditor")
        self.db = db
        self.agent: Agent | None = None
        self.customer_id: int | None = None
        self.chips = QWidget()
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)
        self.field = QLineEdit()
        self.field.setObjectName("tagField")
        self.field.returnPressed.connect(self.add_typed)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(self.completer)
        self.message = QLabel()
        self.message.setStyleSheet("color: #B91C1C")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chips)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        self.buttons: dict[str, QToolButton] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Add a tag (Enter)"))

    def show_customer(self, customer_id: int | None, agent: Agent | None) -> None:
        self.customer_id, self.agent = customer_id, agent
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        for button in self.buttons.values():
            button.hide()  # at once: deleteLater waits for the event loop
            button.deleteLater()
        self.buttons = {}
        while self.chips_layout.count():
            self.chips_layout.takeAt(0)
        allowed = self.customer_id is not None and can(self.agent, Action.REPLY)
        self.field.setEnabled(allowed)
        if self.customer_id is None:
            return
        with self.db.read_session() as session:
            mine = [(t.id, t.name, t.colour) for t in svc.tags_of(session, self.customer_id)]
            every = [t.name for t in svc.all_tags(session)]
        self.completer.model().setStringList(every)  # type: ignore[attr-defined]
        for tag_id, name, colour in mine:
            chip = QToolButton()
            chip.setObjectName(f"tagChip_{tag_id}")
            chip.setText(f"{name}  ×" if allowed else name)
            chip.setToolTip(self.tr("Remove this tag") if allowed else "")
            chip.setEnabled(True)
            chip.setStyleSheet(
                f"QToolButton {{ background: {colour or '#6B7280'}; color: white; border: none;"
                " border-radius: 9px; padding: 2px 8px; }")
            chip.clicked.connect(lambda _c=False, t=tag_id: self.remove(t))
            self.chips_layout.addWidget(chip)
            self.buttons[name] = chip
        self.chips_layout.addStretch(1)

    def _run(self, work) -> None:  # type: ignore[no-untyped-def]
        if self.agent is None or self.customer_id is None or not can(self.agent, Action.REPLY):
            return
        try:
            with self.db.transaction() as session:
                work(session, session.get(Agent, self.agent.id))
        except ShopDeskError as exc:
            self.message.setText(translated(str(exc)))
            return
        self.message.clear()
        self.reload()
        self.changed.emit()

    def add_typed(self) -> None:
        name = self.field.text()
        self._run(lambda s, a: svc.add_to_customer(s, a, self.customer_id, name))
        if not self.message.text():
            self.field.clear()

    def remove(self, tag_id: int) -> None:
        self._run(lambda s, a: svc.remove_from_customer(s, a, self.customer_id, tag_id))
