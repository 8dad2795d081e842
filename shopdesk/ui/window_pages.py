"""The main window's pages: their order, the look of the navigation, and how each page
is built the first time it is shown and wired to the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from shopdesk.ui.mainwindow import MainWindow

INBOX, CUSTOMERS, RETURNS, COMPLAINTS, KNOWLEDGE, REPORTS, SETTINGS = range(7)  # in order

STYLE = """
QListWidget#navigation {
    background: #1F2A37; color: #E5E7EB; border: none; font-size: 14px; outline: 0;
    padding-top: 12px;
}
QListWidget#navigation::item { padding: 10px 18px; border-left: 3px solid transparent; }
QListWidget#navigation::item:selected {
    background: #2D3B4E; color: white; border-left: 3px solid #F97316;
}
QListWidget#navigation::item:hover:!selected { background: #263243; }
QLabel#pageTitle { font-size: 22px; font-weight: bold; }
QLabel#pageDescription { color: #4B5563; font-size: 14px; }
QFrame#figuresCard { background: #F3F4F6; border-radius: 8px; }
QLabel#pageFigures { font-size: 14px; padding: 8px; }
"""


def wire_inbox(window: MainWindow) -> None:
    """What the inbox asks of the window, and the customer records its card follows."""
    inbox = window.inbox
    inbox.changed.connect(window.refresh_figures)
    inbox.startReturn.connect(lambda cid: window.returns.start_return(conversation_id=cid))
    inbox.startOrderReturn.connect(window.start_order_return)
    inbox.openReturn.connect(window.show_return)
    inbox.createComplaint.connect(
        lambda cid: window.complaints.new_complaint(conversation_id=cid))
    inbox.openComplaint.connect(window.show_complaint)
    inbox.card.customersChanged.connect(lambda: window.customers_changed())
    inbox.card.recordsChanged.connect(window.records.announce)
    window.records.changed.connect(inbox.card.records_changed)


def page_builders(window: MainWindow) -> dict[int, Callable[[], QWidget]]:
    """Every page but the inbox (what a start waits for), built when first shown or used."""

    def build_customers() -> QWidget:
        from shopdesk.ui.customers import CustomersPage

        page = CustomersPage("customersPage", window.db)
        page.openConversation.connect(window.show_conversation)
        page.openReturn.connect(window.show_return)
        page.openComplaint.connect(window.show_complaint)
        page.startReturn.connect(lambda oid: window.returns.start_return(order_id=oid))
        page.changed.connect(window.customers_changed)
        page.card.recordsChanged.connect(window.records.announce)
        window.records.changed.connect(page.records_changed)
        return page

    def build_returns() -> QWidget:
        from shopdesk.ui.returns_board import ReturnsPage

        page = ReturnsPage("returnsPage", window.db)
        window.storesChanged.connect(page.stores_changed)
        page.changed.connect(window.cases_changed)
        page.openConversation.connect(window.show_conversation)
        return page

    def build_complaints() -> QWidget:
        from shopdesk.ui.complaints import ComplaintsPage

        page = ComplaintsPage("complaintsPage", window.db)
        window.storesChanged.connect(page.stores_changed)
        page.changed.connect(window.cases_changed)
        page.openConversation.connect(window.show_conversation)
        return page

    def build_knowledge() -> QWidget:
        from shopdesk.ui.knowledge_page import KnowledgePage

        page = KnowledgePage("knowledgePage", window.db)
        window.storesChanged.connect(page.fill_stores)
        return page

    def build_reports() -> QWidget:
        from shopdesk.ui.pages import ReportsPage

        page = ReportsPage("reportsPage", window.db)
        window.storesChanged.connect(page.stores_changed)
        return page

    def build_settings() -> QWidget:
        from shopdesk.ui.pages import SettingsPage

        page = SettingsPage("settingsPage", window.db, window.credentials)
        page.stores.changed.connect(window.stores_changed)
        page.tags.changed.connect(window.inbox.fill_tag_filter)
        page.tags.changed.connect(window.inbox.card.tag_editor.reload)
        page.tags.changed.connect(
            lambda: window.is_built(CUSTOMERS) and window.customers.fill_filters())
        for box, action in ((page.ctrl_enter, window.ctrl_enter_action),
                            (page.notifications, window.notify_action)):
            box.setChecked(action.isChecked())  # one preference, two places to set it
            box.toggled.connect(action.setChecked)
            action.toggled.connect(box.setChecked)
        for store_id, reason in window.offline.items():
            page.stores.show_state(store_id, False, reason)
        return page

    return {CUSTOMERS: build_customers, RETURNS: build_returns,
            COMPLAINTS: build_complaints, KNOWLEDGE: build_knowledge, REPORTS: build_reports,
            SETTINGS: build_settings}
