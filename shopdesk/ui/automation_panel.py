"""Settings → Automation: every rule with its on/off switch, store, trigger in words and
whether it is built in; new, edit, delete, and the care messages waiting for approval.
The owner changes rules; everybody else sees them (switches and buttons disabled)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.services import automation_rules as svc
from shopdesk.services.permissions import Action
from shopdesk.ui.automation_words import trigger_summary
from shopdesk.ui.labels import rule_label
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import row_table


class AutomationPanel(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("automationPanel")
        self.db = db
        self.agent: Agent | None = None
        self.may_edit = False
        self.rules: list[tuple[int, str, bool, str | None, str, dict, str | None]] = []
        self.table = row_table(QTableWidget(0, 4), "automationRules")
        self.table.itemChanged.connect(self._switched)
        self.table.itemDoubleClicked.connect(lambda _i: self.edit())
        self.table.currentCellChanged.connect(lambda *_a: self._allow_delete())
        self.buttons = {name: QPushButton() for name in ("new", "edit", "delete", "care")}
        for name, button in self.buttons.items():
            button.setObjectName(f"automation_{name}")
        self.buttons["new"].clicked.connect(lambda: self.edit(new=True))
        self.buttons["edit"].clicked.connect(lambda: self.edit())
        self.buttons["delete"].clicked.connect(lambda: self.delete())
        self.buttons["care"].clicked.connect(self.review_care)
        self.message = QLabel()
        self.message.setObjectName("automationMessage")
        self.message.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#6B7280")
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Rule"), self.tr("Store"), self.tr("Kind"), self.tr("When")])
        for name, text in (("new", self.tr("New rule…")), ("edit", self.tr("Edit…")),
                           ("delete", self.tr("Delete")),
                           ("care", self.tr("Care messages to approve…"))):
            self.buttons[name].setText(text)
        self.hint.setText(self.tr(
            "Tick a rule to switch it on. Automatic messages go through the store's channel "
            "and show in the conversation with the rule's name."))
        self.reload()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.MANAGE_SETTINGS)
        self.may_edit = why is None
        for button in self.buttons.values():
            button.setEnabled(self.may_edit)
            button.setToolTip(why or "")
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        with self.db.read_session() as session:
            names = dict(session.execute(select(Store.id, Store.name)).all())
            self.rules = [(r.id, rule_label(r.name), r.enabled, names.get(r.store_id) if r.store_id
                           else None, r.trigger, r.trigger_params or {}, r.builtin)
                          for r in svc.list_rules(session)]
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rules))
        for row, (rid, name, enabled, store, trigger, params, builtin) in enumerate(self.rules):
            switch = QTableWidgetItem(name)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            if self.may_edit:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            switch.setFlags(flags)
            switch.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)
            switch.setData(Qt.ItemDataRole.UserRole, rid)
            switch.setToolTip(self.tr("On") if enabled else self.tr("Off"))
            self.table.setItem(row, 0, switch)
            self.table.setItem(row, 1, QTableWidgetItem(store or self.tr("All stores")))
            self.table.setItem(row, 2, QTableWidgetItem(
                self.tr("Built in") if builtin else self.tr("Own rule")))
            self.table.setItem(row, 3, QTableWidgetItem(
                trigger_summary({"kind": trigger, **params})))
            for col in (1, 2, 3):
                self.table.item(row, col).setFlags(flags & ~Qt.ItemFlag.ItemIsUserCheckable)
            if rid == select_id:
                self.table.setCurrentCell(row, 0)
        self.table.blockSignals(False)
        self._allow_delete()
        for col in (0, 1, 2):
            self.table.resizeColumnToContents(col)

    def _allow_delete(self) -> None:
        """A built-in rule is switched off, never deleted."""
        chosen = self.selected()
        builtin = chosen is not None and chosen[6] is not None
        self.buttons["delete"].setEnabled(self.may_edit and not builtin)
        if self.may_edit:
            self.buttons["delete"].setToolTip(
                self.tr("A built-in rule cannot be deleted; switch it off instead.")
                if builtin else "")

    def row_of(self, rule_id: int) -> int:
        return next(n for n, r in enumerate(self.rules) if r[0] == rule_id)

    def selected(self) -> tuple | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _run(self, work, done: str, select_id: int | None = None) -> bool:  # type: ignore[no-untyped-def]
        if self.agent is None:
            return False
        try:
            with self.db.transaction() as session:
                work(session, session.get(Agent, self.agent.id))
        except ShopDeskError as exc:
            self.message.setText(translated(str(exc)))
            self.reload(select_id)
            return False
        self.message.setText(done)
        self.reload(select_id)
        self.changed.emit()
        return True

    def _switched(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not self.may_edit:
            return
        rid = item.data(Qt.ItemDataRole.UserRole)
        on = item.checkState() == Qt.CheckState.Checked
        self._run(lambda s, a: svc.set_enabled(s, a, rid, on),
                  (self.tr("“%1” is on.") if on else self.tr("“%1” is off."))
                  .replace("%1", item.text()), rid)

    def edit(self, new: bool = False) -> None:
        chosen = None if new else self.selected()
        if not self.may_edit or (not new and chosen is None):
            return
        from shopdesk.ui.automation_editor import AutomationEditor

        self.editor = AutomationEditor(self.db, self.agent, chosen[0] if chosen else None,
                                       self)
        self.editor.accepted.connect(self._saved)
        self.editor.open()

    def _saved(self) -> None:
        self.message.setText(self.tr("Rule saved."))
        self.reload(self.editor.saved_id)
        self.changed.emit()

    def delete(self, confirmed: bool = False) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if not confirmed:
            answer = QMessageBox.question(self, self.tr("Delete rule"), self.tr(
                "Delete “%1”? Its messages stay, with its name.").replace("%1", chosen[1]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda s, a: svc.delete_rule(s, a, chosen[0]),
                  self.tr("Deleted %1.").replace("%1", chosen[1]))

    def review_care(self) -> None:
        from shopdesk.ui.automation_care_review import CareReview

        chosen = self.selected()
        self.care = CareReview(self.db, self.agent,
                               chosen[0] if chosen and chosen[4] == "care_date" else None, self)
        self.care.open()
