"""Complaints: the dialog that opens a ticket (blank, from a conversation or a customer
card), the dialog that works one (its actions and timeline), and the Complaints page with
filters and a paged list (overdue tickets in red)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Customer, Order, Store
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Severity
from shopdesk.money import format_money, parse_amount
from shopdesk.services import complaints as svc
from shopdesk.services.agents import active_agents
from shopdesk.services.customers import find_customers
from shopdesk.services.permissions import Action, can
from shopdesk.times import to_local, utcnow
from shopdesk.ui.forms import error_label
from shopdesk.ui.i18n import current_language
from shopdesk.ui.labels import (
    category_label,
    complaint_status_label,
    severity_label,
    tier_label,
)
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import PagedRowsModel, row_table

RED = QColor("#B91C1C")


def _local(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d %H:%M}" if when else ""


class NewComplaintDialog(QDialog):
    """Open a ticket. Pre-filled from a conversation (customer, store, latest order, the
    customer's last message quoted) or a customer; blank: search the customer."""

    def __init__(self, db: Database, agent: Agent, *, conversation_id: int | None = None,
                 customer_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.db, self.agent = db, agent
        self.conversation_id = conversation_id
        self.complaint_id: int | None = None
        self.setWindowTitle(self.tr("New complaint"))
        self.customer_search = QLineEdit()
        self.customer_search.setObjectName("complaintCustomerSearch")
        self.customer_search.setPlaceholderText(self.tr("Name, handle, phone or e-mail"))
        self.customer = QComboBox()
        self.customer.setObjectName("complaintCustomer")
        self.store = QComboBox()
        self.store.setObjectName("complaintStore")
        self.order = QComboBox()
        self.order.setObjectName("complaintOrder")
        self.category = QComboBox()
        self.category.setObjectName("complaintCategory")
        for c in ComplaintCategory:
            self.category.addItem(category_label(c), c.value)
        self.severity = QComboBox()
        self.severity.setObjectName("complaintSeverity")
        for s in Severity:
            self.severity.addItem(severity_label(s), s.value)
        self.severity.setCurrentIndex(self.severity.findData(Severity.NORMAL.value))
        self.summary = QLineEdit()
        self.summary.setObjectName("complaintSummary")
        self.summary.setMaxLength(svc.MAX_SUMMARY)
        self.details = QPlainTextEdit()
        self.details.setObjectName("complaintDetails")
        self.details.setTabChangesFocus(True)
        self.error = error_label("complaintError")
        with db.read_session() as session:
            for sid, name in session.execute(select(Store.id, Store.name)
                                             .where(Store.archived.is_(False))
                                             .order_by(Store.id)):
                self.store.addItem(name, sid)
            if conversation_id is not None:
                pre = svc.prefill_from_conversation(session, conversation_id)
                self.customer.addItem(pre.customer_name, pre.customer_id)
                self.store.setCurrentIndex(self.store.findData(pre.store_id))
                self.details.setPlainText(pre.details)
                self._fill_orders(session, pre.customer_id, pre.order_id)
            elif customer_id is not None:
                customer = session.get(Customer, customer_id)
                if customer is not None:
                    self.customer.addItem(customer.name, customer.id)
                    self._fill_orders(session, customer.id, None)
        prefilled = self.customer.count() > 0
        self.customer_search.setVisible(not prefilled)
        self.customer.setEnabled(not prefilled)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(200)
        self.search_timer.timeout.connect(self.search_customers)
        self.customer_search.textChanged.connect(lambda _t: self.search_timer.start())
        self.customer.currentIndexChanged.connect(self._customer_changed)
        form = QFormLayout()
        customer_box = QVBoxLayout()
        customer_box.addWidget(self.customer_search)
        customer_box.addWidget(self.customer)
        form.addRow(self.tr("Customer:"), customer_box)
        form.addRow(self.tr("Store:"), self.store)
        form.addRow(self.tr("Order:"), self.order)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Severity:"), self.severity)
        form.addRow(self.tr("Summary:"), self.summary)
        form.addRow(self.tr("Details:"), self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 520)
        (self.summary if prefilled else self.customer_search).setFocus()

    def search_customers(self) -> None:
        with self.db.read_session() as session:
            found = find_customers(session, self.customer_search.text())
        self.customer.clear()
        for cid, name in found:
            self.customer.addItem(name, cid)

    def _customer_changed(self) -> None:
        cid = self.customer.currentData()
        with self.db.read_session() as session:
            self._fill_orders(session, cid, None)

    def _fill_orders(self, session, customer_id: int | None,  # type: ignore[no-untyped-def]
                     chosen: int | None) -> None:
        self.order.clear()
        self.order.addItem(self.tr("(no order)"), None)
        if customer_id is None:
            return
        for oid, order_no, total, currency in session.execute(
                select(Order.id, Order.order_no, Order.total_minor, Order.currency)
                .where(Order.customer_id == customer_id)
                .order_by(Order.placed_at.desc()).limit(50)):
            self.order.addItem(f"{order_no} · {format_money(total, currency)}", oid)
        if chosen is not None:
            self.order.setCurrentIndex(max(0, self.order.findData(chosen)))

    def save(self) -> None:
        customer_id, store_id = self.customer.currentData(), self.store.currentData()
        if customer_id is None:
            self.error.setText(self.tr("Choose the customer."))
            return
        new = svc.NewComplaint(
            store_id=store_id, customer_id=customer_id,
            category=ComplaintCategory(self.category.currentData()),
            severity=Severity(self.severity.currentData()), summary=self.summary.text(),
            details=self.details.toPlainText(), order_id=self.order.currentData(),
            conversation_id=self.conversation_id, lang=current_language())
        try:
            with self.db.transaction() as session:
                self.complaint_id = svc.create(session, session.get(Agent, self.agent.id),
                                               new).id
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.accept()


def action_label(action: str) -> str:
    return {
        "assign": QCoreApplication.translate("ComplaintActions", "Assign"),
        "start": QCoreApplication.translate("ComplaintActions", "Start working"),
        "escalate": QCoreApplication.translate("ComplaintActions", "Escalate"),
        "resolve": QCoreApplication.translate("ComplaintActions", "Resolve"),
        "close": QCoreApplication.translate("ComplaintActions", "Close"),
        "reopen": QCoreApplication.translate("ComplaintActions", "Reopen"),
        "severity": QCoreApplication.translate("ComplaintActions", "Change severity"),
        "note": QCoreApplication.translate("ComplaintActions", "Add note"),
        "created": QCoreApplication.translate("ComplaintActions", "Opened"),
    }[action]


class ComplaintDialog(QDialog):
    """Work one ticket: its facts, the allowed actions, the timeline."""

    changed = Signal()
    openConversation = Signal(int)  # noqa: N815

    def __init__(self, db: Database, agent: Agent | None, complaint_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDialog")
        self.db, self.agent, self.complaint_id = db, agent, complaint_id
        self.view: svc.ComplaintView | None = None
        self.header = QLabel()
        self.header.setObjectName("complaintHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.linkActivated.connect(self._link)
        self.note = QPlainTextEdit()
        self.note.setObjectName("complaintNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(70)
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("complaintResolution")
        self.resolution.setTabChangesFocus(True)
        self.resolution.setMaximumHeight(70)
        self.compensation = QLineEdit()
        self.compensation.setObjectName("complaintCompensation")
        self.assignee = QComboBox()
        self.assignee.setObjectName("complaintAssignee")
        self.new_severity = QComboBox()
        self.new_severity.setObjectName("complaintNewSeverity")
        for s in Severity:
            self.new_severity.addItem(severity_label(s), s.value)
        with db.read_session() as session:
            self.assignee.addItem(self.tr("(nobody)"), None)
            for a in active_agents(session):
                self.assignee.addItem(a.name, a.id)
        form = QFormLayout()
        form.addRow(self.tr("Note (for escalation and the timeline):"), self.note)
        form.addRow(self.tr("Resolution:"), self.resolution)
        form.addRow(self.tr("Compensation:"), self.compensation)
        row = QHBoxLayout()
        row.addWidget(self.assignee, 1)
        row.addWidget(self.new_severity, 1)
        form.addRow(self.tr("Agent · severity:"), row)
        self.buttons_bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for action in ("start", "assign", "severity", "escalate", "resolve", "close", "reopen",
                       "note"):
            button = QPushButton(action_label(action))
            button.setObjectName(f"complaint_{action}")
            button.clicked.connect(lambda _c=False, a=action: self.act(a))
            self.buttons_bar.addWidget(button)
            self.buttons[action] = button
        self.error = error_label("complaintError")
        self.timeline = QTextBrowser()
        self.timeline.setObjectName("complaintTimeline")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addLayout(self.buttons_bar)
        layout.addWidget(self.error)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(close)
        self.resize(820, 640)
        self.load()

    def load(self, message: str = "") -> None:
        with self.db.read_session() as session:
            self.view = v = svc.view(session, self.complaint_id)
        self.setWindowTitle(self.tr("Complaint %1").replace("%1", v.number))
        self.error.setText(message)
        due = _local(v.sla_due_at)
        lines = [
            f"<span style='font-size:15pt'><b>{v.number}</b></span> · "
            f"{html.escape(complaint_status_label(v.status))} · {html.escape(tier_label(v.tier))}",
            f"<b>{html.escape(v.summary)}</b>",
            f"{html.escape(v.customer_name)} · {html.escape(v.store_name)}"
            + (" · " + self.tr("order %1").replace("%1", html.escape(v.order_no))
               if v.order_no else ""),
            f"{html.escape(category_label(v.category))} · "
            f"{html.escape(severity_label(v.severity))} · "
            + self.tr("resolve by %1").replace("%1", due),
            self.tr("Opened %1 · first response %2 · resolved %3")
            .replace("%1", _local(v.opened_at)).replace("%2", _local(v.first_response_at) or "—")
            .replace("%3", _local(v.resolved_at) or "—"),
            self.tr("Assigned to %1").replace("%1", html.escape(v.assignee))
            if v.assignee else self.tr("Not assigned"),
        ]
        if v.overdue:
            overdue = self.tr("Overdue")
            lines.append(f"<span style='color:#B91C1C'><b>{overdue}</b></span>")
        if v.details:
            lines.append(html.escape(v.details).replace("\n", "<br>"))
        if v.resolution:
            lines.append(self.tr("Resolution: %1").replace("%1", html.escape(v.resolution))
                         + (f" · {v.compensation}" if v.compensation else ""))
        if v.conversation_id is not None:
            link = self.tr("Open the conversation")
            lines.append(f"<a href='conversation:{v.conversation_id}'>{link}</a>")
        self.header.setText("<br>".join(lines))
        self.compensation.setPlaceholderText(v.currency)
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(v.assignee_id)))
        self.new_severity.setCurrentIndex(self.new_severity.findData(v.severity.value))
        why = denied(self.agent, Action.HANDLE_CASES)
        for action, button in self.buttons.items():
            button.setVisible(action in v.actions)
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        self.timeline.setHtml(self.render_timeline(v))

    def render_timeline(self, v: svc.ComplaintView) -> str:
        if not v.timeline:  # a ticket loaded from a dataset keeps only its times
            known = [(v.opened_at, action_label("created")),
                     (v.first_response_at, self.tr("First response")),
                     (v.resolved_at, complaint_status_label(ComplaintStatus.RESOLVED))]
            return "".join(f"<p><span style='color:#6B7280'>{_local(at)}</span><br>"
                           f"<b>{html.escape(what)}</b></p>"
                           for at, what in reversed(known) if at is not None)
        parts = []
        for e in reversed(v.timeline):
            who = html.escape(e.by) if e.by else ""
            change = ", ".join(f"{html.escape(str(k))}: {html.escape(str(val))}"
                               for k, val in (e.after or {}).items())
            note = html.escape(e.note).replace("\n", "<br>") if e.note else ""
            parts.append(f"<p><span style='color:#6B7280'>{_local(e.at)} {who}</span><br>"
                         f"<b>{html.escape(action_label(e.action))}</b>"
                         f"{' · ' + change if change else ''}{'<br>' + note if note else ''}</p>")
        return "".join(parts)

    def _link(self, target: str) -> None:
        if target.startswith("conversation:"):
            self.openConversation.emit(int(target.split(":", 1)[1]))

    def act(self, action: str) -> None:
        if self.view is None or self.agent is None:
            return
        change = svc.Change(action, note=self.note.toPlainText(),
                            resolution=self.resolution.toPlainText())
        try:
            if action == "assign":
                change.assignee_id = self.assignee.currentData()
            elif action == "severity":
                change.severity = Severity(self.new_severity.currentData())
            elif action == "resolve" and self.compensation.text().strip():
                change.compensation_minor = parse_amount(self.compensation.text(),
                                                         self.view.currency)
            with self.db.transaction() as session:
                svc.update(session, session.get(Agent, self.agent.id), self.complaint_id,
                           self.view.version, change)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.note.clear()
        self.load()
        self.changed.emit()


class ComplaintsModel(PagedRowsModel):
    def __init__(self) -> None:
        super().__init__()
        self.now = utcnow()

    def reset(self, fetch) -> None:  # type: ignore[no-untyped-def]
        self.now = utcnow()
        super().reset(fetch)

    def after(self, row: svc.ComplaintRow) -> tuple[datetime, int]:
        return (row.opened_at, row.id)

    def headers(self) -> list[str]:
        return [self.tr("Ticket"), self.tr("Opened"), self.tr("Store"), self.tr("Customer"),
                self.tr("Category"), self.tr("Severity"), self.tr("Tier"), self.tr("Status"),
                self.tr("Resolve by"), self.tr("Summary")]

    def overdue(self, r: svc.ComplaintRow) -> bool:
        return svc.is_overdue(r, self.now)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [r.number, _local(r.opened_at), r.store_name, r.customer_name,
                    category_label(r.category), severity_label(r.severity), str(r.tier),
                    complaint_status_label(r.status), _local(r.sla_due_at),
                    r.summary][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and self.overdue(r):
            return QBrush(RED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self.tr("Assigned to %1").replace("%1", r.assignee) if r.assignee
                    else self.tr("Not assigned"))
        return None


class ComplaintsPage(Page):
    openConversation = Signal(int)  # noqa: N815
    changed = Signal()

    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.agent: Agent | None = None
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("complaintStoreFilter")
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("complaintCategoryFilter")
        self.severity_filter = QComboBox()
        self.severity_filter.setObjectName("complaintSeverityFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("complaintStatusFilter")
        self.tier_filter = QComboBox()
        self.tier_filter.setObjectName("complaintTierFilter")
        self.agent_filter = QComboBox()
        self.agent_filter.setObjectName("complaintAgentFilter")
        self.period = QComboBox()
        self.period.setObjectName("complaintPeriod")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newComplaintButton")
        self.new_button.clicked.connect(lambda: self.new_complaint())
        with self.db.read_session() as session:
            stores = list(session.execute(select(Store.id, Store.name).order_by(Store.id)))
            agents = [(a.id, a.name) for a in active_agents(session)]
        self.store_filter.addItem("", None)
        for sid, name in stores:
            self.store_filter.addItem(name, sid)
        self.category_filter.addItem("", None)
        for c in ComplaintCategory:
            self.category_filter.addItem("", c.value)
        self.severity_filter.addItem("", None)
        for s in Severity:
            self.severity_filter.addItem("", s.value)
        self.status_filter.addItem("", "open")
        self.status_filter.addItem("", None)
        for st in ComplaintStatus:
            self.status_filter.addItem("", st.value)
        self.tier_filter.addItem("", None)
        for tier in (1, 2, 3):
            self.tier_filter.addItem("", tier)
        self.agent_filter.addItem("", None)
        for aid, name in agents:
            self.agent_filter.addItem(name, aid)
        for days in (None, 1, 7, 30, 90):
            self.period.addItem("", days)
        filters = QHBoxLayout()
        for box in (self.store_filter, self.category_filter, self.severity_filter,
                    self.status_filter, self.tier_filter, self.agent_filter, self.period):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.new_button)
        self.model = ComplaintsModel()
        self.table = row_table(QTableView(), "complaintList")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda index: self.open_complaint(
            self.model.rows[index.row()].id))
        self.table.doubleClicked.connect(lambda index: self.open_complaint(
            self.model.rows[index.row()].id))
        self.count = QLabel()
        self.count.setObjectName("complaintsCount")
        self.body.addLayout(filters)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.new_complaint())

    def first_show(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Complaints"))
        self.store_filter.setItemText(0, self.tr("All stores"))
        self.category_filter.setItemText(0, self.tr("All categories"))
        for i in range(1, self.category_filter.count()):
            self.category_filter.setItemText(i, category_label(
                self.category_filter.itemData(i)))
        self.severity_filter.setItemText(0, self.tr("All severities"))
        for i in range(1, self.severity_filter.count()):
            self.severity_filter.setItemText(i, severity_label(self.severity_filter.itemData(i)))
        self.status_filter.setItemText(0, self.tr("Open"))
        self.status_filter.setItemText(1, self.tr("Any status"))
        for i in range(2, self.status_filter.count()):
            self.status_filter.setItemText(i, complaint_status_label(
                self.status_filter.itemData(i)))
        self.tier_filter.setItemText(0, self.tr("All tiers"))
        for i in range(1, 4):
            self.tier_filter.setItemText(i, tier_label(i))
        self.agent_filter.setItemText(0, self.tr("All agents"))
        for i, text in enumerate([self.tr("Any time"), self.tr("Today"), self.tr("Last 7 days"),
                                  self.tr("Last 30 days"), self.tr("Last 90 days")]):
            self.period.setItemText(i, text)
        self.new_button.setText(self.tr("New complaint…"))
        self.model.retranslate()
        self._show_count()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        why = denied(agent, Action.HANDLE_CASES)
        self.new_button.setEnabled(why is None)
        self.new_button.setToolTip(why or self.tr("Open a complaint ticket (Ctrl+N)"))

    def complaint_filter(self) -> svc.ComplaintFilter:
        status = self.status_filter.currentData()
        days = self.period.currentData()
        start = None
        if days:
            today = datetime.now().astimezone().replace(hour=0, minute=0, second=0,
                                                        microsecond=0)
            start = today - timedelta(days=days - 1)
        category, severity = self.category_filter.currentData(), self.severity_filter.currentData()
        return svc.ComplaintFilter(
            store_ids=[self.store_filter.currentData()] if self.store_filter.currentData()
            else [],
            category=ComplaintCategory(category) if category else None,
            severity=Severity(severity) if severity else None,
            status=ComplaintStatus(status) if status and status != "open" else None,
            open_only=status == "open", tier=self.tier_filter.currentData(),
            agent_id=self.agent_filter.currentData(), start=start)

    def reload(self) -> None:
        flt = self.complaint_filter()

        def fetch(after, limit):  # type: ignore[no-untyped-def]
            with self.db.read_session() as session:
                return svc.page(session, flt, after, limit)

        self.model.reset(fetch)
        with self.db.read_session() as session:
            self.totals = svc.count(session, flt)
        self._show_count()

    def _show_count(self) -> None:
        total, overdue = getattr(self, "totals", (0, 0))
        text = self.tr("%1 tickets").replace("%1", f"{total:,}")
        if overdue:
            text += " · " + self.tr("%1 overdue").replace("%1", f"{overdue:,}")
        self.count.setText(text)

    def new_complaint(self, **prefill: Any) -> None:
        if self.agent is None or not can(self.agent, Action.HANDLE_CASES):
            return
        dialog = NewComplaintDialog(self.db, self.agent, parent=self.window(), **prefill)
        self.dialog = dialog

        def done(result: int) -> None:
            if result and dialog.complaint_id is not None:
                self.reload()
                self.changed.emit()
                self.open_complaint(dialog.complaint_id)

        dialog.finished.connect(done)
        dialog.open()

    def open_complaint(self, complaint_id: int) -> None:
        dialog = ComplaintDialog(self.db, self.agent, complaint_id, self.window())
        dialog.changed.connect(self.reload)
        dialog.changed.connect(self.changed)
        dialog.openConversation.connect(lambda cid: (dialog.accept(),
                                                     self.openConversation.emit(cid)))
        self.worked = dialog
        dialog.open()
