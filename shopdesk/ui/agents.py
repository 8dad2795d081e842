"""Settings → Agents: add, edit and deactivate agents (the owner only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
from shopdesk.models.enums import Role
from shopdesk.money import format_money, format_plain, parse_amount
from shopdesk.services import agents as agent_svc
from shopdesk.services.permissions import Action, can
from shopdesk.ui.forms import error_label, ok_cancel, say
from shopdesk.ui.i18n import listed
from shopdesk.ui.labels import role_label
from shopdesk.ui.service_text import translated
from shopdesk.ui.table_model import row_table


def limits_text(agent: Agent) -> str:
    """An agent's refund limits as the agents list shows them ("¥200.00, $30.00")."""
    return listed(format_money(minor, currency)
                  for currency, minor in sorted((agent.refund_limits or {}).items()))


class AgentEditor(QDialog):
    """Name, role, PIN, refund limit and stores of one agent."""

    def __init__(self, db: Database, agent: Agent | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentEditor")
        self.setWindowTitle(self.tr("Edit agent") if agent else self.tr("Add agent"))
        self.name = QLineEdit(agent.name if agent else "")
        self.name.setObjectName("agentName")
        self.role = QComboBox()
        self.role.setObjectName("agentRole")
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        if agent:
            self.role.setCurrentIndex(self.role.findData(agent.role.value))
        else:
            self.role.setCurrentIndex(self.role.findData(Role.AGENT.value))
        self.pin = QLineEdit()
        self.pin.setObjectName("agentPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(
            self.tr("unchanged") if agent and agent.pin_hash else self.tr("none"))
        self.remove_pin = agent is not None and bool(agent.pin_hash)
        self.stores = QListWidget()
        self.stores.setObjectName("agentStores")
        self.stores.setMaximumHeight(110)
        with db.read_session() as session:
            stores = list(session.scalars(select(Store).where(Store.archived.is_(False))))
        # One limit per currency the shop sells in: ¥200 and $200 are not the same money.
        current = dict(agent.refund_limits or {}) if agent else {}
        self.limits: dict[str, QLineEdit] = {}
        for currency in sorted({s.currency for s in stores} | set(current)):
            field = QLineEdit(format_plain(current[currency], currency)
                              if currency in current else "")
            field.setObjectName(f"refundLimit_{currency}")
            field.setPlaceholderText(self.tr("none"))
            self.limits[currency] = field
        chosen = {s.id for s in agent.stores} if agent else set()
        for store in stores:
            item = QListWidgetItem(store.name)
            item.setData(Qt.ItemDataRole.UserRole, store.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if store.id in chosen
                               else Qt.CheckState.Unchecked)
            self.stores.addItem(item)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow(self.tr("PIN (4–8 digits):"), self.pin)
        for currency, field in self.limits.items():
            form.addRow(self.tr("Refund limit (%1):").replace("%1", currency), field)
        form.addRow(self.tr("Works in stores:"), self.stores)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.remove_pin:
            self.clear_pin = QPushButton(self.tr("Remove PIN"))
            self.clear_pin.setCheckable(True)
            self.clear_pin.setObjectName("removePin")
            layout.addWidget(self.clear_pin)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def changes(self) -> agent_svc.AgentChanges:
        pin: str | None = self.pin.text() or None
        if self.remove_pin and self.clear_pin.isChecked():
            pin = ""
        limits = {currency: parse_amount(field.text(), currency)
                  for currency, field in self.limits.items() if field.text().strip()}
        return agent_svc.AgentChanges(
            name=self.name.text(), role=Role(self.role.currentData()), pin=pin,
            refund_limits=limits,
            store_ids=[self.stores.item(i).data(Qt.ItemDataRole.UserRole)
                       for i in range(self.stores.count())
                       if self.stores.item(i).checkState() == Qt.CheckState.Checked])


class AgentsPanel(QWidget):
    """The agents table with add, edit and deactivate; read-only for everyone but the owner."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentsPage")
        self.db = db
        self.actor: Agent | None = None
        self.table = row_table(QTableWidget(0, 5), "agentsTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton()
        self.add_button.setObjectName("addAgentButton")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editAgentButton")
        self.edit_button.clicked.connect(self.edit)
        self.active_button = QPushButton()
        self.active_button.setObjectName("deactivateAgentButton")
        self.active_button.clicked.connect(self.toggle_active)
        self.message = QLabel()
        self.message.setObjectName("agentsMessage")
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.active_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # Texts and rows come with retranslate(), which the Settings page calls.

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Role"), self.tr("PIN"), self.tr("Refund limit"),
            self.tr("Status")])
        self.add_button.setText(self.tr("Add agent…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.reload()

    def set_actor(self, actor: Agent | None) -> None:
        self.actor = actor
        self._update_buttons()

    def reload(self) -> None:
        with self.db.read_session() as session:
            agents = agent_svc.all_agents(session)
        self.table.setRowCount(len(agents))
        for row, agent in enumerate(agents):
            cells = [
                agent.name, role_label(agent.role),
                self.tr("set") if agent.pin_hash else "—",
                (self.tr("any amount") if agent.role == Role.OWNER
                 else limits_text(agent) or "—"),
                self.tr("active") if agent.active else self.tr("deactivated"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, agent.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, agent.active)
                if not agent.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        self._update_buttons()

    def selected(self) -> tuple[int, bool] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return int(item.data(Qt.ItemDataRole.UserRole)), bool(
            item.data(Qt.ItemDataRole.UserRole + 1))

    def _update_buttons(self) -> None:
        allowed = can(self.actor, Action.MANAGE_AGENTS)
        why = "" if allowed else self.tr("Only the owner can change agents.")
        chosen = self.selected()
        self.active_button.setText(self.tr("Reactivate") if chosen and not chosen[1]
                                   else self.tr("Deactivate"))
        for button, needs_row in ((self.add_button, False), (self.edit_button, True),
                                  (self.active_button, True)):
            button.setEnabled(allowed and (chosen is not None or not needs_row))
            button.setToolTip(why)

    def _run(self, work) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.db.transaction() as session:
                actor = session.get(Agent, self.actor.id) if self.actor else None
                work(session, actor)
        except ShopDeskError as exc:
            say(self.message, translated(str(exc)), ok=False)
            return False
        self.message.clear()
        self.reload()
        return True

    def _edit_dialog(self, agent: Agent | None) -> None:
        dialog = AgentEditor(self.db, agent, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                changes = dialog.changes()
            except ShopDeskError as exc:
                dialog.error.setText(translated(str(exc)))
                continue
            if agent is None:
                ok = self._run(lambda s, actor, c=changes: agent_svc.add_agent(s, actor, c))
            else:
                ok = self._run(
                    lambda s, actor, c=changes: agent_svc.update_agent(s, actor, agent.id, c))
            if ok:
                return
            dialog.error.setText(self.message.text())

    def add(self) -> None:
        self._edit_dialog(None)

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is None or not can(self.actor, Action.MANAGE_AGENTS):
            return
        with self.db.read_session() as session:
            agent = session.get(Agent, chosen[0])
            if agent is not None:
                _ = agent.stores  # loaded while the session is open
        if agent is not None:
            self._edit_dialog(agent)

    def toggle_active(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        agent_id, active = chosen
        self._run(lambda s, actor: agent_svc.set_active(s, actor, agent_id, not active))
