"""Settings → Automation → the rule editor: a name, the store (or all), the trigger and its
parameters, conditions and actions added from pickers and removed with a button, and the
"Try" box beside them. No syntax anywhere: every part is picked, ticked or written as
plain text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, AutomationRule
from shopdesk.services import automation_rules as svc
from shopdesk.services.automation_rules import RuleSpec
from shopdesk.ui.automation_fields import (
    Choices,
    Field,
    action_fields,
    condition_fields,
    trigger_fields,
)
from shopdesk.ui.automation_try import TryBox
from shopdesk.ui.automation_words import action_name, condition_name, trigger_name
from shopdesk.ui.service_text import translated


class PartRow(QFrame):
    """One condition or action: its name, its parameters, a Remove button."""

    def __init__(self, kind: str, title: str, fields: list[tuple[str, Field]],
                 remove_text: str) -> None:
        super().__init__()
        self.setObjectName(f"part_{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kind = kind
        self.fields = [f for _label, f in fields]
        head = QHBoxLayout()
        name = QLabel(f"<b>{title}</b>")
        head.addWidget(name, 1)
        self.remove = QPushButton(remove_text)
        self.remove.setObjectName("removePart")
        head.addWidget(self.remove)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, f in fields:
            form.addRow(label, f)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(head)
        layout.addLayout(form)

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for f in self.fields:
            f.put(out)
        return out

    def load(self, data: dict[str, Any]) -> None:
        for f in self.fields:
            f.load(data)


class PartList(QWidget):
    """Conditions or actions: rows and an "Add" button with a menu of the kinds."""

    grown = Signal()  # a row was added or removed

    def __init__(self, name: str, kinds: list[str], title, make, choices: Choices,
                 add_text: str, remove_text: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.setObjectName(name)
        self.title, self.make, self.choices = title, make, choices
        self.remove_text = remove_text
        self.rows: list[PartRow] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text)
        self.add_button.setObjectName(f"{name}Add")
        self.menu = QMenu(self)
        for kind in kinds:
            action = self.menu.addAction(title(kind))
            action.setData(kind)
            action.triggered.connect(lambda _c=False, k=kind: self.add(k))
        self.add_button.setMenu(self.menu)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.column.addLayout(row)

    def add(self, kind: str, data: dict[str, Any] | None = None) -> PartRow:
        row = PartRow(kind, self.title(kind), self.make(kind, self.choices), self.remove_text)
        if data:
            row.load(data)
        row.remove.clicked.connect(lambda _c=False, r=row: self.remove(r))
        self.rows.append(row)
        self.column.insertWidget(self.column.count() - 1, row)
        self.grown.emit()
        return row

    def remove(self, row: PartRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.grown.emit()

    def data(self) -> list[dict[str, Any]]:
        return [r.data() for r in self.rows]


class AutomationEditor(QDialog):
    def __init__(self, db: Database, agent: Agent | None, rule_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("automationEditor")
        self.db, self.agent, self.rule_id = db, agent, rule_id
        with db.read_session() as session:
            self.choices = Choices.read(session)
            rule = session.get(AutomationRule, rule_id) if rule_id else None
            spec = svc.spec_of(rule) if rule else RuleSpec("", {"kind": "keyword"})
            self.builtin = bool(rule and rule.builtin)
        self.enabled = spec.enabled
        self.name = QLineEdit(spec.name)
        self.name.setObjectName("ruleName")
        self.store = QComboBox()
        self.store.setObjectName("ruleStore")
        self.store.addItem(self.tr("All stores"), None)
        for sid, _key, name in self.choices.stores:
            self.store.addItem(name, sid)
        self.store.setCurrentIndex(max(0, self.store.findData(spec.store_id)))
        self.trigger = QComboBox()
        self.trigger.setObjectName("ruleTrigger")
        for kind in svc.TRIGGERS:
            self.trigger.addItem(trigger_name(kind), kind)
        self.trigger_host = QWidget()
        self.trigger_form = QFormLayout(self.trigger_host)
        self.trigger_form.setContentsMargins(0, 0, 0, 0)
        self.trigger_params: list[Field] = []
        self.trigger.setCurrentIndex(max(0, self.trigger.findData(spec.trigger.get("kind"))))
        self._trigger_chosen(spec.trigger)
        self.trigger.currentIndexChanged.connect(lambda _i: self._trigger_chosen())
        self.conditions = PartList("ruleConditions", list(svc.CONDITIONS), condition_name,
                                   condition_fields, self.choices, self.tr("Add a condition"),
                                   self.tr("Remove"))
        self.actions = PartList("ruleActions", list(svc.ACTIONS), action_name, action_fields,
                                self.choices, self.tr("Add an action"), self.tr("Remove"))
        for c in spec.conditions:
            self.conditions.add(c["kind"], c)
        for a in spec.actions:
            self.actions.add(a["kind"], a)
        self.switch = QCheckBox(self.tr("Switched on"))
        self.switch.setObjectName("ruleEnabled")
        self.switch.setChecked(spec.enabled)
        self.message = QLabel()
        self.message.setObjectName("ruleMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#B91C1C")

        body = QWidget()
        column = QVBoxLayout(body)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Store:"), self.store)
        form.addRow(self.tr("When:"), self.trigger)
        form.addRow("", self.trigger_host)
        form.addRow(self.tr("Only if:"), self.conditions)
        form.addRow(self.tr("Then:"), self.actions)
        form.addRow("", self.switch)
        scroll = self.form_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for parts in (self.conditions, self.actions):
            parts.grown.connect(self._grown)
        self.try_box = TryBox(db, self.spec, rule_id, self.choices.stores)
        self.try_box.prefer_store(spec.store_id)
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(self.try_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Automation rule"))
        self.resize(1100, 640)
        self.saved_id: int | None = None

    def _grown(self) -> None:
        """The form grew or shrank: the scroll area sizes it again (it does not see a
        nested layout's change by itself, and would squeeze the rows)."""
        if hasattr(self, "form_scroll"):  # once the rows' own layouts have settled
            QTimer.singleShot(0, lambda: QCoreApplication.sendEvent(
                self.form_scroll, QEvent(QEvent.Type.LayoutRequest)))

    def _trigger_chosen(self, data: dict[str, Any] | None = None) -> None:
        while self.trigger_form.rowCount():
            self.trigger_form.removeRow(0)
        kind = self.trigger.currentData()
        fields = trigger_fields(kind, self.choices)
        self.trigger_params = [f for _l, f in fields]
        for label, f in fields:
            if data:
                f.load(data)
            self.trigger_form.addRow(label, f)
        self.trigger_host.setVisible(bool(fields))
        self._grown()

    def spec(self) -> RuleSpec:
        """The rule as the pickers show it now (not saved)."""
        trigger: dict[str, Any] = {"kind": self.trigger.currentData()}
        for f in self.trigger_params:
            f.put(trigger)
        return RuleSpec(self.name.text(), trigger, self.conditions.data(), self.actions.data(),
                        self.store.currentData(), self.switch.isChecked())

    def save(self) -> None:
        if self.agent is None:
            return
        try:
            with self.db.transaction() as session:
                rule = svc.save_rule(session, session.get(Agent, self.agent.id), self.spec(),
                                     self.rule_id)
                self.saved_id = rule.id
        except ShopDeskError as exc:
            self.message.setText(translated(str(exc)))
            return
        self.accept()
