"""The dialog that opens a complaint ticket: blank (search the customer), from a
conversation or from a customer card."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Customer, Order, Store
from shopdesk.models.enums import ComplaintCategory, Severity
from shopdesk.money import format_money
from shopdesk.services import complaint_opening as svc
from shopdesk.services.customers import find_customers
from shopdesk.ui.forms import error_label
from shopdesk.ui.i18n import current_language
from shopdesk.ui.labels import category_label, severity_label
from shopdesk.ui.service_text import translated


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
            found = find_customers(session, self.customer_search.text(), self.agent)
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
