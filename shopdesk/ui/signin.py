"""Who is at the keyboard: creating the owner of a new shop, signing in, switching agent."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent
from shopdesk.services import agents as agent_svc
from shopdesk.ui.forms import error_label, ok_cancel
from shopdesk.ui.labels import role_label
from shopdesk.ui.service_text import translated


class CreateOwnerDialog(QDialog):
    """A new database starts by creating its owner (name, optional PIN)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createOwnerDialog")
        self.db = db
        self.owner_id: int | None = None
        self.setWindowTitle(self.tr("Welcome to ShopDesk"))
        intro = QLabel(self.tr(
            "This shop is new. Who owns it? The owner can do everything, add agents and set "
            "the shop's rules. A PIN is optional; without one, anyone at this computer can "
            "sign in as the owner."))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("ownerName")
        self.pin = QLineEdit()
        self.pin.setObjectName("ownerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 8 digits, or empty"))
        self.pin_again = QLineEdit()
        self.pin_again.setObjectName("ownerPinAgain")
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label("ownerError")
        form = QFormLayout()
        form.addRow(self.tr("Your name:"), self.name)
        form.addRow(self.tr("PIN:"), self.pin)
        form.addRow(self.tr("PIN again:"), self.pin_again)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.error.setText(self.tr("The two PINs are not the same."))
            return
        try:
            with self.db.transaction() as session:
                owner = agent_svc.create_owner(session, self.name.text(), self.pin.text() or None)
                self.owner_id = owner.id
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        super().accept()


class SignInDialog(QDialog):
    """The list of active agents, the last one preselected, a PIN where one is set."""

    def __init__(self, db: Database, guard: agent_svc.SignInGuard, last_key: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.db = db
        self.guard = guard
        self.agent: Agent | None = None
        self.setWindowTitle(self.tr("Sign in to ShopDesk"))
        self.agents = QListWidget()
        self.agents.setObjectName("agentList")
        self.agents.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.accept)
        self.auto = QCheckBox(self.tr("Sign me in automatically on this computer"))
        self.auto.setObjectName("autoSignIn")
        self.error = error_label("signInError")
        self.buttons = ok_cancel(self)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setText(self.tr("Sign in"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Who is working?")))
        layout.addWidget(self.agents)
        self.pin_label = QLabel(self.tr("PIN:"))
        layout.addWidget(self.pin_label)
        layout.addWidget(self.pin)
        layout.addWidget(self.auto)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(380, 420)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)

        with db.read_session() as session:
            active = agent_svc.active_agents(session)
        for agent in active:
            item = QListWidgetItem(f"{agent.name}  ·  {role_label(agent.role)}")
            item.setData(Qt.ItemDataRole.UserRole, agent.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, bool(agent.pin_hash))
            item.setData(Qt.ItemDataRole.UserRole + 2, agent.key)
            self.agents.addItem(item)
            if agent.key == last_key:
                self.agents.setCurrentItem(item)
        if self.agents.currentRow() < 0 and self.agents.count():
            self.agents.setCurrentRow(0)
        self.agents.currentItemChanged.connect(self._selected)
        self.agents.itemActivated.connect(lambda _item: self.accept())
        self._selected()

    def selected_id(self) -> int | None:
        item = self.agents.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def selected_has_pin(self) -> bool:
        item = self.agents.currentItem()
        return bool(item and item.data(Qt.ItemDataRole.UserRole + 1))

    def _selected(self, *_args: object) -> None:
        has_pin = self.selected_has_pin()
        self.pin.clear()
        self.pin.setEnabled(has_pin)
        self.pin_label.setEnabled(has_pin)
        self.auto.setEnabled(not has_pin)
        if has_pin:
            self.auto.setChecked(False)
            self.pin.setFocus()
        else:
            self.agents.setFocus()
        self.error.clear()
        self._tick()

    def _tick(self) -> None:
        agent_id = self.selected_id()
        wait = self.guard.wait_seconds(agent_id) if agent_id is not None else 0
        self.sign_in_button.setEnabled(agent_id is not None and wait == 0)
        if wait:
            self.error.setText(self.tr("Too many wrong PINs. Try again in %1 s.")
                               .replace("%1", str(wait)))
            self.countdown.start()
        else:
            self.countdown.stop()
            if self.error.property("locked"):
                self.error.clear()
        self.error.setProperty("locked", bool(wait))

    def accept(self) -> None:
        agent_id = self.selected_id()
        if agent_id is None or not self.sign_in_button.isEnabled():
            return
        try:
            with self.db.transaction() as session:
                self.agent = self.guard.sign_in(session, agent_id, self.pin.text())
        except agent_svc.SignInError as exc:
            self.pin.clear()
            if exc.wait_seconds:
                self._tick()
            elif exc.tries_left is not None:
                self.error.setText(self.tr("Wrong PIN. %1 tries left.")
                                   .replace("%1", str(exc.tries_left)))
            else:
                self.error.setText(translated(str(exc)))
            return
        super().accept()

    @property
    def auto_sign_in(self) -> bool:
        return self.auto.isEnabled() and self.auto.isChecked()
