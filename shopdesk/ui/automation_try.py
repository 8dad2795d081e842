"""The automation editor's "Try" box: a customer message and a time, and which rules would
fire for it — the rule being edited as it stands, unsaved, with the store's other rules —
and exactly what each would send or do. It only reads (``automation_dryrun``), in a
read-only session that is rolled back."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.services import automation_dryrun, automation_rules
from shopdesk.services.automation_rules import RuleSpec
from shopdesk.ui.automation_words import step_text, why_text
from shopdesk.ui.labels import rule_label
from shopdesk.ui.service_text import translated


class TryBox(QGroupBox):
    def __init__(self, db: Database, spec: Callable[[], RuleSpec], rule_id: int | None,
                 stores: list[tuple[int, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("automationTry")
        self.db = db
        self.spec = spec
        self.rule_id = rule_id
        self.text = QLineEdit()
        self.text.setObjectName("tryText")
        self.text.returnPressed.connect(self.run)
        self.at = QDateTimeEdit(QDateTime(QDateTime.currentDateTime().date(), QTime(12, 0)))
        self.at.setObjectName("tryAt")
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.store = QComboBox()
        self.store.setObjectName("tryStore")
        for sid, _key, name in stores:
            self.store.addItem(name, sid)
        self.button = QPushButton()
        self.button.setObjectName("tryButton")
        self.button.clicked.connect(self.run)
        self.result = QTextBrowser()
        self.result.setObjectName("tryResult")
        self.text_label, self.at_label = QLabel(), QLabel()
        self.form = QFormLayout()
        self.form.addRow(self.text_label, self.text)
        when = QHBoxLayout()
        when.addWidget(self.at)
        when.addWidget(self.store, 1)
        self.form.addRow(self.at_label, when)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.button)
        layout.addWidget(self.result, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Try it (changes nothing)"))
        self.text.setPlaceholderText(self.tr("A customer's message, e.g. 请问可以开发票吗"))
        self.text_label.setText(self.tr("Message:"))
        self.at_label.setText(self.tr("At:"))
        self.button.setText(self.tr("Try"))

    def prefer_store(self, store_id: int | None) -> None:
        at = self.store.findData(store_id)
        if at >= 0:
            self.store.setCurrentIndex(at)

    def results(self) -> list[automation_dryrun.TryResult]:
        """The dry run of the message (raises ShopDeskError when the rule is incomplete)."""
        spec = self.spec()
        store_id = self.store.currentData()
        if store_id is None:
            raise ShopDeskError("That store does not exist.")
        at = self.at.dateTime().toPython().astimezone()
        with self.db.read_session() as session:
            try:
                rules: list = [r for r in automation_rules.list_rules(session, store_id)
                               if r.id != self.rule_id]
                if spec.store_id in (None, store_id):
                    rules.insert(0, spec)
                return automation_dryrun.try_message(session, store_id, self.text.text(),
                                                     at, rules=rules)
            finally:
                session.rollback()

    def run(self) -> None:
        try:
            found = self.results()
        except ShopDeskError as exc:
            self.result.setHtml(f"<p style='color:#B91C1C'>{html.escape(translated(str(exc)))}"
                                "</p>")
            return
        self.result.setHtml(self.render(found))

    def render(self, found: list[automation_dryrun.TryResult]) -> str:
        fire = [r for r in found if r.fires]
        quiet = [r for r in found if not r.fires]
        parts = []
        if not fire:
            parts.append(f"<p><b>{html.escape(self.tr('No rule would fire.'))}</b></p>")
        for r in fire:
            state = "" if r.enabled else " · " + self.tr("switched off now")
            parts.append(f"<p><b>✓ {html.escape(rule_label(r.rule))}</b>"
                         f"<span style='color:#6B7280'>{html.escape(state)}</span><br>")
            parts.append("<br>".join("→ " + html.escape(step_text(s)) for s in r.steps))
            if r.waits:
                parts.append("<br><span style='color:#B45309'>"
                             + html.escape(self.tr("Would wait: %1").replace(
                                 "%1", why_text(r.waits))) + "</span>")
            parts.append("</p>")
        if quiet:
            parts.append(f"<p style='color:#6B7280'>{html.escape(self.tr('Would not fire:'))}"
                         "<br>" + "<br>".join(
                             f"✗ {html.escape(rule_label(r.rule))} — {html.escape(why_text(r.why_not))}"
                             for r in quiet) + "</p>")
        return "".join(parts)
