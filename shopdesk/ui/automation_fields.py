"""The pickers of the automation editor: one widget per parameter of a trigger, condition or
action (``automation_rules.TRIGGERS`` / ``CONDITIONS`` / ``ACTIONS``), each writing its
keys into the rule's plain data (``put``) and showing them again (``load``). Nothing is
typed as syntax: lists are ticked, values picked, words written one by one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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
from sqlalchemy.orm import Session

from shopdesk.models import Agent, AutomationRule, QuickReply, Store, Tag
from shopdesk.models.enums import ComplaintCategory, ReturnState, Severity
from shopdesk.services.agents import active_agents
from shopdesk.ui.automation_words import assign_mode_name, priority_name, status_names
from shopdesk.ui.labels import category_label, return_state_label, segment_label, severity_label

VARIABLES = ("customer", "order_no", "tracking_no", "store", "agent")



@dataclass
class Choices:
    """What the pickers offer, read once when the editor opens."""

    stores: list[tuple[int, str, str]] = field(default_factory=list)  # id, key, name
    tags: list[str] = field(default_factory=list)
    agents: list[tuple[str, str]] = field(default_factory=list)  # key, name
    replies: list[tuple[str, str]] = field(default_factory=list)  # code, title
    rules: list[tuple[str, str]] = field(default_factory=list)  # key, name

    @classmethod
    def read(cls, session: Session) -> Choices:
        return cls(
            [(i, k, n) for i, k, n in session.execute(
                select(Store.id, Store.key, Store.name).order_by(Store.id))],
            list(session.scalars(select(Tag.name).order_by(Tag.name))),
            [(a.key, a.name) for a in active_agents(session) if isinstance(a, Agent)],
            [(c, t) for c, t in session.execute(
                select(QuickReply.code, QuickReply.title).order_by(QuickReply.position,
                                                                    QuickReply.id))],
            [(k, n) for k, n in session.execute(
                select(AutomationRule.key, AutomationRule.name).order_by(
                    AutomationRule.position, AutomationRule.id))])


class Field(QWidget):
    """One parameter: ``put`` writes its key(s) into the rule data, ``load`` shows them."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def put(self, data: dict[str, Any]) -> None:
        value = self.value()
        if value is not None:
            data[self.key] = value

    def load(self, data: dict[str, Any]) -> None:
        if self.key in data:
            self.set_value(data[self.key])


class Pick(Field):
    def __init__(self, key: str, options: list[tuple[Any, str]], editable: bool = False) -> None:
        super().__init__(key)
        self.box = QComboBox()
        self.box.setObjectName(f"pick_{key}")
        self.box.setEditable(editable)
        for value, label in options:
            self.box.addItem(label, value)
        self.row.addWidget(self.box, 1)

    def value(self) -> Any:
        if self.box.isEditable():
            text = self.box.currentText().strip()
            return text or None
        return self.box.currentData()

    def set_value(self, value: Any) -> None:
        at = self.box.findData(value)
        if at >= 0:
            self.box.setCurrentIndex(at)
        elif self.box.isEditable():
            self.box.setEditText(str(value))


class Checks(Field):
    def __init__(self, key: str, options: list[tuple[str, str]]) -> None:
        super().__init__(key)
        self.boxes: dict[str, QCheckBox] = {}
        for value, label in options:
            box = QCheckBox(label)
            box.setObjectName(f"check_{key}_{value}")
            self.boxes[value] = box
            self.row.addWidget(box)
        self.row.addStretch(1)

    def value(self) -> list[str]:
        return [v for v, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        for v, box in self.boxes.items():
            box.setChecked(v in (value or []))


class Number(Field):
    def __init__(self, key: str, low: int, high: int, start: int, suffix: str = "",
                 none_at_low: str | None = None) -> None:
        super().__init__(key)
        self.spin = QSpinBox()
        self.spin.setObjectName(f"number_{key}")
        self.spin.setRange(low, high)
        self.spin.setValue(start)
        self.spin.setSuffix(suffix)
        self.none_at_low = none_at_low
        if none_at_low:
            self.spin.setSpecialValueText(none_at_low)
        self.row.addWidget(self.spin)
        self.row.addStretch(1)

    def value(self) -> int | None:
        if self.none_at_low and self.spin.value() == self.spin.minimum():
            return None
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value) if value is not None else self.spin.minimum())


class Line(Field):
    def __init__(self, key: str, hint: str = "") -> None:
        super().__init__(key)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"line_{key}")
        self.edit.setPlaceholderText(hint)
        self.row.addWidget(self.edit, 1)

    def value(self) -> str | None:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText(str(value or ""))


class Words(Line):
    """Words or phrases, one per comma (Chinese or English commas)."""

    def value(self) -> list[str]:
        text = self.edit.text().replace("，", ",").replace("、", ",")
        return [w.strip() for w in text.split(",") if w.strip()]

    def set_value(self, value: Any) -> None:
        self.edit.setText(", ".join(value or []))


class Day(Field):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.edit = QDateEdit(QDate.currentDate())
        self.edit.setObjectName(f"date_{key}")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.row.addWidget(self.edit)
        self.row.addStretch(1)

    def value(self) -> str:
        d = self.edit.date()
        return date(d.year(), d.month(), d.day()).isoformat()

    def set_value(self, value: Any) -> None:
        d = date.fromisoformat(str(value))
        self.edit.setDate(QDate(d.year, d.month, d.day))


class Message(Field):
    """A quick reply to pick, or the text in Chinese and English, with the variables offered
    as buttons that insert them where the cursor is."""

    def __init__(self, choices: Choices) -> None:
        super().__init__("text")
        column = QVBoxLayout()
        self.reply = QComboBox()
        self.reply.setObjectName("pickQuickReply")
        self.reply.addItem(QCoreApplication.translate("AutomationFields", "— write the message below —"), None)
        for code, title in choices.replies:
            self.reply.addItem(f"{title} ({code})", code)
        self.zh, self.en = QPlainTextEdit(), QPlainTextEdit()
        self.zh.setObjectName("messageZh")
        self.en.setObjectName("messageEn")
        self.zh.setPlaceholderText(QCoreApplication.translate("AutomationFields", "Chinese text"))
        self.en.setPlaceholderText(QCoreApplication.translate("AutomationFields", "English text (optional)"))
        for edit in (self.zh, self.en):
            edit.setFixedHeight(54)
        self.last = self.zh
        self.zh.installEventFilter(self)
        self.en.installEventFilter(self)
        flow = QHBoxLayout()
        flow.setSpacing(4)
        flow.addWidget(QLabel(QCoreApplication.translate("AutomationFields", "Insert:")))
        self.inserts: dict[str, QPushButton] = {}
        for name in VARIABLES:
            button = QPushButton("{" + name + "}")
            button.setObjectName(f"insert_{name}")
            button.setToolTip(variable_name(name))
            button.clicked.connect(lambda _c=False, n=name: self.insert(n))
            self.inserts[name] = button
            flow.addWidget(button)
        column.addWidget(self.reply)
        column.addWidget(self.zh)
        column.addWidget(self.en)
        flow.addStretch(1)
        column.addLayout(flow)
        self.reply.currentIndexChanged.connect(self._reply_chosen)
        self.row.addLayout(column, 1)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        if watched in (self.zh, self.en) and event.type() == event.Type.FocusIn:
            self.last = watched
        return False

    def insert(self, name: str) -> None:
        self.last.insertPlainText("{" + name + "}")
        self.last.setFocus()

    def _reply_chosen(self) -> None:
        own = self.reply.currentData() is None
        for edit in (self.zh, self.en):
            edit.setEnabled(own)

    def put(self, data: dict[str, Any]) -> None:
        if self.reply.currentData() is not None:
            data["quick_reply"] = self.reply.currentData()
            return
        zh, en = self.zh.toPlainText().strip(), self.en.toPlainText().strip()
        if zh and en:
            data["text"] = {"zh": zh, "en": en}
        elif zh or en:
            data["text"] = zh or en

    def load(self, data: dict[str, Any]) -> None:
        if data.get("quick_reply"):
            at = self.reply.findData(data["quick_reply"])
            self.reply.setCurrentIndex(max(at, 0))
        text = data.get("text")
        if isinstance(text, dict):
            self.zh.setPlainText(text.get("zh", ""))
            self.en.setPlainText(text.get("en", ""))
        elif isinstance(text, str):
            self.zh.setPlainText(text)


def variable_name(name: str) -> str:
    return {"customer": QCoreApplication.translate("AutomationFields", "The customer's name"), "order_no": QCoreApplication.translate("AutomationFields", "The order number"),
            "tracking_no": QCoreApplication.translate("AutomationFields", "The tracking number"), "store": QCoreApplication.translate("AutomationFields", "The store's name"),
            "agent": QCoreApplication.translate("AutomationFields", "The agent's name")}[name]


def _segments() -> list[tuple[str, str]]:
    return [(s, segment_label(s)) for s in ("new", "active", "vip", "at_risk", "lost")]


def _yes_no(yes: str, no: str) -> list[tuple[Any, str]]:
    return [(True, yes), (False, no)]


Maker = Callable[[Choices], list[tuple[str, Field]]]  # (label, field) per parameter


def trigger_fields(kind: str, c: Choices) -> list[tuple[str, Field]]:
    return {
        "keyword": lambda: [(QCoreApplication.translate("AutomationFields", "Words or phrases (comma between):"),
                             Words("words", QCoreApplication.translate("AutomationFields", "发票, invoice, 开票")))],
        "no_reply": lambda: [(QCoreApplication.translate("AutomationFields", "Minutes without a reply:"),
                              Number("minutes", 1, 7 * 24 * 60, 30))],
        "return_state": lambda: [(QCoreApplication.translate("AutomationFields", "State:"), Pick("state", [
            (s.value, return_state_label(s)) for s in ReturnState]))],
        "order_delivered": lambda: [(QCoreApplication.translate("AutomationFields", "Days after delivery:"), Number("days", 0, 365, 3))],
        "refund_completed": lambda: [(QCoreApplication.translate("AutomationFields", "Days after completion:"), Number("days", 0, 365, 3))],
        "complaint_stalled": lambda: [(QCoreApplication.translate("AutomationFields", "Hours without progress:"), Number(
            "hours", 0, 720, 0, "", QCoreApplication.translate("AutomationFields", "the tier's own limit")))],
        "care_date": lambda: [(QCoreApplication.translate("AutomationFields", "Day:"), Day("date")),
                              (QCoreApplication.translate("AutomationFields", "Segments:"), Checks("segments", _segments())),
                              (QCoreApplication.translate("AutomationFields", "Opt-out tag:"), Pick("opt_out_tag", [(None, "")] + [
                                  (t, t) for t in c.tags], editable=True))],
    }.get(kind, list)()


def condition_fields(kind: str, c: Choices) -> list[tuple[str, Field]]:
    return {
        "store": lambda: [(QCoreApplication.translate("AutomationFields", "Stores:"), Checks("stores", [(k, n) for _i, k, n in c.stores]))],
        "segment": lambda: [(QCoreApplication.translate("AutomationFields", "Segments:"), Checks("segments", _segments()))],
        "tag": lambda: [(QCoreApplication.translate("AutomationFields", "Tag:"), Pick("tag", [(t, t) for t in c.tags], editable=True)),
                        (QCoreApplication.translate("AutomationFields", "The customer:"), Pick("present", _yes_no(
                            QCoreApplication.translate("AutomationFields", "has the tag"), QCoreApplication.translate("AutomationFields", "has not the tag"))))],
        "language": lambda: [(QCoreApplication.translate("AutomationFields", "Language:"), Pick("language", [
            ("zh", QCoreApplication.translate("AutomationFields", "Chinese")), ("en", QCoreApplication.translate("AutomationFields", "English"))]))],
        "status": lambda: [(QCoreApplication.translate("AutomationFields", "Statuses:"), Checks("statuses", status_names()))],
        "assigned": lambda: [(QCoreApplication.translate("AutomationFields", "The conversation is:"), Pick("assigned", _yes_no(
            QCoreApplication.translate("AutomationFields", "assigned"), QCoreApplication.translate("AutomationFields", "not assigned"))))],
        "hours": lambda: [(QCoreApplication.translate("AutomationFields", "The store is:"), Pick("open", _yes_no(
            QCoreApplication.translate("AutomationFields", "open (within working hours)"), QCoreApplication.translate("AutomationFields", "closed (outside working hours)"))))],
        "signed_in": lambda: [(QCoreApplication.translate("AutomationFields", "At least (agents):"), Number("at_least", 1, 100, 2))],
        "answering": lambda: [(QCoreApplication.translate("AutomationFields", "Rule:"), Pick("rule", c.rules)),
                              (QCoreApplication.translate("AutomationFields", "Within (days):"), Number("days", 1, 90, 7))],
    }.get(kind, list)()


def action_fields(kind: str, c: Choices) -> list[tuple[str, Field]]:
    return {
        "send": lambda: [(QCoreApplication.translate("AutomationFields", "Message:"), Message(c))],
        "assign": lambda: [(QCoreApplication.translate("AutomationFields", "How:"), Pick("mode", [
            (m, assign_mode_name(m)) for m in ("round_robin", "fewest_open", "agent")])),
                           (QCoreApplication.translate("AutomationFields", "Agent (to an agent):"), Pick("agent", [(None, "")] + c.agents))],
        "tag": lambda: [(QCoreApplication.translate("AutomationFields", "Tag:"), Pick("tag", [(t, t) for t in c.tags], editable=True))],
        "priority": lambda: [(QCoreApplication.translate("AutomationFields", "Priority:"), Pick("priority", [
            (p, priority_name(p)) for p in ("low", "normal", "high", "urgent")]))],
        "escalate": lambda: [(QCoreApplication.translate("AutomationFields", "Why (on the complaint):"), Line("note"))],
        "notify": lambda: [(QCoreApplication.translate("AutomationFields", "What the owner reads:"), Line("text"))],
        "complaint": lambda: [(QCoreApplication.translate("AutomationFields", "Category:"), Pick("category", [
            (x.value, category_label(x)) for x in ComplaintCategory])),
                              (QCoreApplication.translate("AutomationFields", "Severity:"), Pick("severity", [
                                  (x.value, severity_label(x)) for x in Severity]))],
    }.get(kind, list)()
