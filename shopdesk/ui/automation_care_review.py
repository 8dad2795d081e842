"""Care messages (节日问候) to review: the messages a care rule prepared for its day and its
segments, one per customer. The owner unticks the ones not to send and approves; nothing
is sent before that (``automation_care``). Unticked messages are removed (rejected)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, AutomationRule
from shopdesk.services import automation_care as svc
from shopdesk.services.permissions import Action
from shopdesk.ui.automation_words import trigger_summary
from shopdesk.ui.labels import rule_label
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import row_table


class CareReview(QDialog):
    def __init__(self, db: Database, agent: Agent | None, rule_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("careReview")
        self.db, self.agent = db, agent
        self.rows: list[svc.CareRow] = []
        self.rule = QComboBox()
        self.rule.setObjectName("careRule")
        with db.read_session() as session:
            for r in session.scalars(select(AutomationRule).where(
                    AutomationRule.trigger == "care_date").order_by(AutomationRule.id)):
                when = trigger_summary({"kind": r.trigger, **(r.trigger_params or {})})
                self.rule.addItem(f"{rule_label(r.name)} · {when}", r.id)
        if rule_id is not None:
            self.rule.setCurrentIndex(max(0, self.rule.findData(rule_id)))
        self.rule.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = row_table(QTableWidget(0, 3), "careList")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#6B7280")
        self.message = QLabel()
        self.message.setObjectName("careMessage")
        self.message.setWordWrap(True)
        self.approve = QPushButton()
        self.approve.setObjectName("careApprove")
        self.approve.clicked.connect(self.approve_ticked)
        self.reject_all = QPushButton()
        self.reject_all.setObjectName("careRejectAll")
        self.reject_all.clicked.connect(self.remove_all)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        why = denied(agent, Action.MANAGE_SETTINGS)
        for button in (self.approve, self.reject_all):
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve)
        buttons.addWidget(self.reject_all)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Care messages to approve"))
        self.hint.setText(self.tr(
            "On its day, a care rule prepares one message per customer of its segments "
            "(not for customers with its opt-out tag, nor anyone who had one in the last 30 "
            "days). Nothing is sent until you approve; unticked messages are removed."))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("State"), self.tr("Message")])
        self.approve.setText(self.tr("Approve the ticked, remove the rest"))
        self.reject_all.setText(self.tr("Remove all"))
        self.close_button.setText(self.tr("Close"))
        self.reload()

    def state_name(self, state: str) -> str:
        return {"proposed": self.tr("Waiting for approval"), "approved": self.tr("Approved"),
                "done": self.tr("Sent"), "rejected": self.tr("Removed"),
                "skipped": self.tr("Not sent")}.get(state, state)

    def reload(self) -> None:
        rule_id = self.rule.currentData()
        with self.db.read_session() as session:
            self.rows = svc.care_list(session, rule_id) if rule_id else []
        self.table.setRowCount(len(self.rows))
        for n, r in enumerate(self.rows):
            who = QTableWidgetItem(r.customer)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if r.state == "proposed":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
                who.setCheckState(Qt.CheckState.Checked)
            who.setFlags(flags)
            self.table.setItem(n, 0, who)
            self.table.setItem(n, 1, QTableWidgetItem(self.state_name(r.state)))
            self.table.setItem(n, 2, QTableWidgetItem(r.text.replace("\n", " ")))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        waiting = sum(1 for r in self.rows if r.state == "proposed")
        self.approve.setEnabled(self.approve.toolTip() == "" and waiting > 0)
        self.reject_all.setEnabled(self.reject_all.toolTip() == "" and waiting > 0)
        if not self.rows:
            self.message.setText(self.tr("No care messages prepared for this rule yet."))

    def ticked(self) -> tuple[list[int], list[int]]:
        """(firings to send, firings to remove) among those waiting."""
        send, drop = [], []
        for n, r in enumerate(self.rows):
            if r.state != "proposed":
                continue
            on = self.table.item(n, 0).checkState() == Qt.CheckState.Checked
            (send if on else drop).append(r.firing_id)
        return send, drop

    def _run(self, work) -> int | None:  # type: ignore[no-untyped-def]
        if self.agent is None:
            return None
        try:
            with self.db.transaction() as session:
                n = work(session, session.get(Agent, self.agent.id))
        except ShopDeskError as exc:
            self.message.setText(translated(str(exc)))
            return None
        self.reload()
        return n

    def approve_ticked(self) -> None:
        rule_id = self.rule.currentData()
        send, drop = self.ticked()

        def work(s, a):  # type: ignore[no-untyped-def]
            if drop:
                svc.reject_care(s, a, rule_id, drop)
            return svc.approve_care(s, a, rule_id, send) if send else 0

        n = self._run(work)
        if n is not None:
            self.message.setText(self.tr(
                "%1 approved, %2 removed. They are sent with the next automation round.")
                .replace("%1", str(n)).replace("%2", str(len(drop))))

    def remove_all(self) -> None:
        rule_id = self.rule.currentData()
        n = self._run(lambda s, a: svc.reject_care(s, a, rule_id, None))
        if n is not None:
            self.message.setText(self.tr("%1 removed.").replace("%1", str(n)))
