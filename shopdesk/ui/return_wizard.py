"""The returns wizard: order → items → kind → reason → amount → review.

Every page checks its input with the rules in ``services.return_opening`` and ``services.return_orders`` and says what is
wrong in a red line; nothing is written until Finish. The wizard works with the keyboard
alone: type to search, arrows to pick, Enter for Next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from shopdesk.db import Database
from shopdesk.models import Agent, Conversation, Order
from shopdesk.services import return_orders as svc
from shopdesk.ui.wizard_order import ItemsPage, OrderPage
from shopdesk.ui.wizard_reason import KindPage, ReasonPage
from shopdesk.ui.wizard_review import AmountPage, ReviewPage


class ReturnWizard(QWizard):
    """Start a return case. Pre-fills what it is given: an order, a customer (and store),
    a conversation."""

    def __init__(self, db: Database, agent: Agent, *, order_id: int | None = None,
                 customer_id: int | None = None, store_id: int | None = None,
                 conversation_id: int | None = None, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnWizard")
        self.db = db
        self.agent = agent
        self.order_id = order_id
        self.customer_id = customer_id
        self.store_id = store_id
        self.conversation_id = conversation_id
        self.lang = lang
        self.facts: svc.OrderFacts | None = None
        self.case_id: int | None = None
        with db.read_session() as session:
            if conversation_id is not None:
                conv = session.get(Conversation, conversation_id)
                if conv is not None:
                    self.customer_id, self.store_id = conv.customer_id, conv.store_id
            if order_id is not None:
                order = session.get(Order, order_id)
                if order is not None:
                    self.customer_id, self.store_id = order.customer_id, order.store_id
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.order_page = OrderPage(self)
        self.items_page = ItemsPage(self)
        self.kind_page = KindPage(self)
        self.reason_page = ReasonPage(self)
        self.amount_page = AmountPage(self)
        self.review_page = ReviewPage(self)
        self.pages_ = [self.order_page, self.items_page, self.kind_page, self.reason_page,
                       self.amount_page, self.review_page]
        for page in self.pages_:
            self.addPage(page)
        self.resize(760, 560)
        self.currentIdChanged.connect(lambda _id: self.show_steps())
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("ReturnWizard", "Start a return"))
        for page in self.pages_:
            page.retranslate()
        self.show_steps()

    def show_steps(self) -> None:
        """Where the user is: every page shows the row of steps with its own in bold."""
        names = [page.step_name() for page in self.pages_]
        current = self.currentPage()
        at = self.pages_.index(current) if current in self.pages_ else 0
        for page in self.pages_:
            page.show_steps(names, at)
