"""Settings → Store rules: per store, the return window and case deadlines, the complaint
SLA by severity, and the satisfaction survey sent when a conversation is closed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.money import format_plain, parse_amount
from shopdesk.services.permissions import Action
from shopdesk.services.rules import (
    INT_RULES,
    RETURN_RULES,
    SLA_RULES,
    rule_values,
    set_store_rules,
)
from shopdesk.ui.forms import error_label, say
from shopdesk.ui.service_text import denied, translated


class StoreRulesPanel(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeRulesPanel")
        self.db = db
        self.agent: Agent | None = None
        self.store = QComboBox()
        self.store.setObjectName("rulesStore")
        self.fill_stores()
        self.store.currentIndexChanged.connect(lambda _i: self.load())
        self.spins: dict[str, QSpinBox] = {}
        self.amounts: dict[str, QLineEdit] = {}  # rules in money: typed as amounts
        self.currency = "CNY"  # the chosen store's
        self.labels: dict[str, QLabel] = {}
        self.returns_box, self.sla_box, self.survey_box = QGroupBox(), QGroupBox(), QGroupBox()
        self.rfm_box = QGroupBox()
        forms = {}
        for box in (self.returns_box, self.sla_box, self.rfm_box):
            forms[id(box)] = QFormLayout(box)
        for spec in INT_RULES:
            field: QSpinBox | QLineEdit
            if spec.key.endswith("_minor"):
                field = QLineEdit()
                self.amounts[spec.key] = field
            else:
                field = QSpinBox()
                field.setRange(spec.low, spec.high)
                self.spins[spec.key] = field
            field.setObjectName(f"rule_{spec.key}")
            label = QLabel()
            label.setBuddy(field)
            box = (self.returns_box if spec in RETURN_RULES else
                   self.sla_box if spec in SLA_RULES else self.rfm_box)
            forms[id(box)].addRow(label, field)
            self.labels[spec.key] = label
        self.survey_on = QCheckBox()
        self.survey_on.setObjectName("surveyEnabled")
        self.survey_text = QPlainTextEdit()
        self.survey_text.setObjectName("surveyTemplate")
        self.survey_text.setTabChangesFocus(True)
        self.survey_text.setMaximumHeight(70)
        survey = QVBoxLayout(self.survey_box)
        survey.addWidget(self.survey_on)
        survey.addWidget(self.survey_text)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveRulesButton")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("rulesStatus")
        self.error = error_label("rulesError")
        self.store_label = QLabel()
        self.store_label.setBuddy(self.store)
        top = QHBoxLayout()
        top.addWidget(self.store_label)
        top.addWidget(self.store, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.returns_box)
        left.addWidget(self.sla_box)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.survey_box)
        right.addWidget(self.rfm_box)
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()
        self.load()

    def fill_stores(self) -> None:
        """The active stores (again when one is added or archived), keeping the choice."""
        current = self.store.currentData()
        self.store.blockSignals(True)
        self.store.clear()
        with self.db.read_session() as session:
            for sid, name in session.execute(select(Store.id, Store.name)
                                             .where(Store.archived.is_(False))
                                             .order_by(Store.id)):
                self.store.addItem(name, sid)
        self.store.setCurrentIndex(max(0, self.store.findData(current)))
        self.store.blockSignals(False)
        if hasattr(self, "spins") and self.store.currentData() != current:
            self.load()

    def retranslate(self) -> None:
        self.store_label.setText(self.tr("&Store:"))
        self.returns_box.setTitle(self.tr("Returns"))
        self.sla_box.setTitle(self.tr("Complaints: resolve within (hours)"))
        self.survey_box.setTitle(self.tr("Satisfaction survey"))
        self.rfm_box.setTitle(self.tr("Customer segments (RFM)"))
        texts = {
            "no_reason_return_days": self.tr("&No-reason returns within (days after "
                                             "delivery):"),
            "answer_request_hours": self.tr("&Answer a request within (hours):"),
            "ship_back_days": self.tr("Buyer &ships back within (days after approval):"),
            "refund_hours": self.tr("&Refund within (hours after approval or receipt):"),
            "sla_critical_hours": self.tr("Critical:"),
            "sla_high_hours": self.tr("High:"),
            "sla_normal_hours": self.tr("Normal:"),
            "sla_low_hours": self.tr("Low:"),
            "rfm_window_days": self.tr("Look back (days):"),
            "rfm_vip_orders": self.tr("VIP from (orders in that time):"),
            "rfm_vip_spent_minor": self.tr("or VIP from (spent, %1):").replace(
                "%1", self.currency),
            "rfm_new_days": self.tr("New customer for (days after the first order):"),
            "rfm_lost_days": self.tr("Lost after (days without an order):"),
        }
        for key, label in self.labels.items():
            label.setText(texts[key])
        self.survey_on.setText(self.tr("Ask for a score when a conversation is closed"))
        self.survey_text.setPlaceholderText(self.tr(
            "Survey text (empty: ShopDesk's own, in the customer's language). {customer} "
            "and {store} are filled in."))
        self.save_button.setText(self.tr("Save"))

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.MANAGE_SETTINGS)
        for widget in (*self.spins.values(), *self.amounts.values(), self.survey_on,
                       self.survey_text, self.save_button):
            widget.setEnabled(why is None)
            widget.setToolTip(why or "")

    def load(self) -> None:
        store_id = self.store.currentData()
        if store_id is None:
            return
        with self.db.read_session() as session:
            store = session.get(Store, store_id)
            values = rule_values(store.settings if store else None)
            self.currency = store.currency if store else "CNY"
        for key, spin in self.spins.items():
            spin.setValue(values[key])
        for key, field in self.amounts.items():
            field.setText(format_plain(values[key], self.currency))
        self.retranslate()
        self.survey_on.setChecked(values["survey_enabled"])
        self.survey_text.setPlainText(values["survey_template"])
        self.status.clear()
        self.error.clear()

    def save(self) -> None:
        store_id = self.store.currentData()
        if store_id is None or self.agent is None:
            return
        values: dict[str, object] = {k: s.value() for k, s in self.spins.items()}
        values["survey_enabled"] = self.survey_on.isChecked()
        values["survey_template"] = self.survey_text.toPlainText()
        try:
            for key, field in self.amounts.items():
                values[key] = parse_amount(field.text(), self.currency)
                if values[key] < 0:  # type: ignore[operator]
                    field.setFocus()
                    self.error.setText(self.tr("An amount cannot be negative."))
                    return
            with self.db.transaction() as session:
                set_store_rules(session, session.get(Agent, self.agent.id), store_id, values)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.error.clear()
        say(self.status, self.tr("Saved."), ok=True)
