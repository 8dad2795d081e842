"""Settings → Returns: per store, the no-reason return window and the case deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.services.permissions import Action, denial
from shopdesk.services.return_cases import set_return_rules
from shopdesk.services.rules import RETURN_RULES, rule_values
from shopdesk.ui.forms import error_label


class ReturnRulesPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnRulesPanel")
        self.db = db
        self.agent: Agent | None = None
        self.store = QComboBox()
        self.store.setObjectName("rulesStore")
        with db.read_session() as session:
            for sid, name in session.execute(select(Store.id, Store.name)
                                             .where(Store.archived.is_(False))
                                             .order_by(Store.id)):
                self.store.addItem(name, sid)
        self.store.currentIndexChanged.connect(lambda _i: self.load())
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        self.store_label = QLabel()
        self.store_label.setBuddy(self.store)
        form.addRow(self.store_label, self.store)
        for spec in RETURN_RULES:
            spin = QSpinBox()
            spin.setObjectName(f"rule_{spec.key}")
            spin.setRange(spec.low, spec.high)
            label = QLabel()
            label.setBuddy(spin)
            form.addRow(label, spin)
            self.spins[spec.key] = spin
            self.labels[spec.key] = label
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveRulesButton")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("rulesStatus")
        self.error = error_label("rulesError")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "The return rules of each store: the wizard checks the no-reason window, the "
            "returns board counts the deadlines from them."))
        self.store_label.setText(self.tr("&Store:"))
        texts = {
            "no_reason_return_days": self.tr("&No-reason returns within (days after "
                                             "delivery):"),
            "answer_request_hours": self.tr("&Answer a request within (hours):"),
            "ship_back_days": self.tr("Buyer &ships back within (days after approval):"),
            "refund_hours": self.tr("&Refund within (hours after approval or receipt):"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.save_button.setText(self.tr("Save"))

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denial(agent, Action.MANAGE_SETTINGS)
        for widget in (*self.spins.values(), self.save_button):
            widget.setEnabled(why is None)
            widget.setToolTip(why or "")

    def load(self) -> None:
        store_id = self.store.currentData()
        if store_id is None:
            return
        with self.db.read_session() as session:
            store = session.get(Store, store_id)
            values = rule_values(store.settings if store else None)
        for key, spin in self.spins.items():
            spin.setValue(values[key])
        self.status.clear()
        self.error.clear()

    def save(self) -> None:
        store_id = self.store.currentData()
        if store_id is None or self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                set_return_rules(session, session.get(Agent, self.agent.id), store_id,
                                 {k: s.value() for k, s in self.spins.items()})
        except ShopDeskError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.status.setText(self.tr("Saved."))
