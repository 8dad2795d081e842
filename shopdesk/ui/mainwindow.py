"""The main window: navigation on the left, the pages, menus and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)
from sqlalchemy import select

from shopdesk import __version__
from shopdesk.credentials import Credentials
from shopdesk.db import Database
from shopdesk.models import Agent, Store
from shopdesk.services.inbox import row as inbox_row
from shopdesk.services.overview import Overview, overview
from shopdesk.services.permissions import Action, can
from shopdesk.ui.i18n import LANGUAGES
from shopdesk.ui.inbox import InboxPage
from shopdesk.ui.jobs import Job
from shopdesk.ui.labels import role_label
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import translated
from shopdesk.ui.settings import Preferences

if TYPE_CHECKING:
    from shopdesk.ui.complaints import ComplaintsPage
    from shopdesk.ui.customers import CustomersPage
    from shopdesk.ui.pages import ReportsPage, SettingsPage
    from shopdesk.ui.returns_board import ReturnsPage

INBOX, CUSTOMERS, RETURNS, COMPLAINTS, REPORTS, SETTINGS = range(6)  # the pages, in order

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


class MainWindow(QMainWindow):
    """The frame every page lives in. Pages are filled by their own modules."""

    languageRequested = Signal(str)  # noqa: N815 - Qt naming
    switchAgentRequested = Signal()  # noqa: N815
    endShiftRequested = Signal()  # noqa: N815
    storesChanged = Signal()  # noqa: N815 - added, edited or archived: channels follow

    def __init__(self, db: Database, prefs: Preferences, language: str,
                 log_path: str = "", credentials: Credentials | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.credentials = credentials or Credentials()
        self._import_after_store = False  # the first-start guide's "Import orders"
        self.db = db
        self.prefs = prefs
        self.log_path = log_path
        self.setStyleSheet(STYLE)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.inbox = InboxPage(db, prefs)
        self.inbox.changed.connect(self.refresh_figures)
        self.inbox.startReturn.connect(
            lambda cid: self.returns.start_return(conversation_id=cid))
        self.inbox.startOrderReturn.connect(self._start_order_return)
        self.inbox.openReturn.connect(self.show_return)
        self.inbox.createComplaint.connect(
            lambda cid: self.complaints.new_complaint(conversation_id=cid))
        self.inbox.openComplaint.connect(self.show_complaint)
        self.inbox.card.customersChanged.connect(lambda: self._customers_changed(True))
        # The other pages are built the first time they are shown or used: the inbox is
        # what a start waits for.
        self._builders: dict[int, Callable[[], QWidget]] = {
            CUSTOMERS: self._build_customers, RETURNS: self._build_returns,
            COMPLAINTS: self._build_complaints, REPORTS: self._build_reports,
            SETTINGS: self._build_settings,
        }
        self.pages: list[QWidget] = [self.inbox] + [QWidget() for _ in self._builders]
        self.agent: Agent | None = None
        for page in self.pages:
            self.stack.addWidget(page)
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(
            lambda row: row >= 0 and self.stack.setCurrentWidget(self.page(row)))

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.agent_label = QLabel()
        self.agent_label.setObjectName("agentLabel")
        self.agent_label.setContentsMargins(0, 0, 16, 0)
        self.statusBar().addPermanentWidget(self.agent_label)
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(self.db_label)
        self.shop_label = QLabel()
        self.shop_label.setObjectName("shopLabel")
        self.statusBar().addWidget(self.shop_label)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        self.statusBar().addWidget(self.sync_label)
        self.offline: dict[int, str] = {}
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation), self)
            self.tray.activated.connect(lambda _reason: (self.showNormal(), self.activateWindow()))
            self.tray.show()

        self._build_actions(language)
        self.figures: Overview | None = None
        self._synced_job: Job | None = None  # the figures read after a live update
        self._synced_again = False
        self.refresh_figures()
        self.retranslate()
        self._restore()

    # -- actions and menus -------------------------------------------------------------------

    def _build_actions(self, language: str) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.switch_action = QAction(self)
        self.switch_action.setObjectName("switchAgentAction")
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_action.triggered.connect(self.switchAgentRequested)
        self.addAction(self.switch_action)  # the shortcut works with the menu bar hidden too
        self.end_shift_action = QAction(self)
        self.end_shift_action.setObjectName("endShiftAction")
        self.end_shift_action.triggered.connect(self.endShiftRequested)
        self.about_action = QAction(self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.page_actions: list[QAction] = []
        for row in range(len(self.pages)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, r=row: self.navigation.setCurrentRow(r))
            self.addAction(action)
            self.page_actions.append(action)
        self.notify_action = QAction(self)
        self.notify_action.setObjectName("notificationsAction")
        self.notify_action.setCheckable(True)
        self.notify_action.setChecked(self.prefs.notifications)
        self.notify_action.toggled.connect(self._set_notifications)
        self.ctrl_enter_action = QAction(self)
        self.ctrl_enter_action.setObjectName("ctrlEnterSendsAction")
        self.ctrl_enter_action.setCheckable(True)
        self.ctrl_enter_action.setChecked(self.prefs.ctrl_enter_sends)
        self.ctrl_enter_action.toggled.connect(self._set_ctrl_enter)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self)  # a language's own name is never translated
            action.setCheckable(True)
            action.setChecked(code == language)
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _=False, c=code: self.languageRequested.emit(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.import_action = QAction(self)
        self.import_action.setObjectName("importOrdersAction")
        self.import_action.triggered.connect(self.import_orders)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.switch_action)
        self.file_menu.addAction(self.end_shift_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in self.page_actions:
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.notify_action)
        self.view_menu.addAction(self.ctrl_enter_action)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.returns_menu = bar.addMenu("")
        self.new_return_action = self.returns_menu.addAction("")
        self.new_return_action.setObjectName("newReturnAction")
        self.new_return_action.triggered.connect(lambda: self.returns.start_return())
        self.export_refunds_action = self.returns_menu.addAction("")
        self.export_refunds_action.setObjectName("exportRefundsAction")
        self.export_refunds_action.triggered.connect(lambda: self.returns.export_refunds())
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    # -- pages -------------------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at ``index`` of the navigation, built now if it was not yet."""
        builder = self._builders.pop(index, None)
        if builder is not None:
            placeholder = self.pages[index]
            page = builder()
            self.pages[index] = page
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if self.agent is not None:
                page.set_actor(self.agent)  # type: ignore[attr-defined]
            self._show_figures()
        return self.pages[index]

    def is_built(self, index: int) -> bool:
        return index not in self._builders

    @property
    def customers(self) -> CustomersPage:
        return self.page(CUSTOMERS)  # type: ignore[return-value]

    @property
    def returns(self) -> ReturnsPage:
        return self.page(RETURNS)  # type: ignore[return-value]

    @property
    def complaints(self) -> ComplaintsPage:
        return self.page(COMPLAINTS)  # type: ignore[return-value]

    @property
    def reports(self) -> ReportsPage:
        return self.page(REPORTS)  # type: ignore[return-value]

    @property
    def settings_page(self) -> SettingsPage:
        return self.page(SETTINGS)  # type: ignore[return-value]

    def _build_customers(self) -> QWidget:
        from shopdesk.ui.customers import CustomersPage

        page = CustomersPage("customersPage", self.db)
        page.openConversation.connect(self.show_conversation)
        page.openReturn.connect(self.show_return)
        page.openComplaint.connect(self.show_complaint)
        page.startReturn.connect(lambda oid: self.returns.start_return(order_id=oid))
        page.changed.connect(lambda: self._customers_changed(False))
        return page

    def _build_returns(self) -> QWidget:
        from shopdesk.ui.returns_board import ReturnsPage

        page = ReturnsPage("returnsPage", self.db)
        page.changed.connect(self._returns_changed)
        page.openConversation.connect(self.show_conversation)
        return page

    def _build_complaints(self) -> QWidget:
        from shopdesk.ui.complaints import ComplaintsPage

        page = ComplaintsPage("complaintsPage", self.db)
        page.changed.connect(self._returns_changed)
        page.openConversation.connect(self.show_conversation)
        return page

    def _build_reports(self) -> QWidget:
        from shopdesk.ui.pages import ReportsPage

        return ReportsPage("reportsPage", self.db)

    def _build_settings(self) -> QWidget:
        from shopdesk.ui.pages import SettingsPage

        page = SettingsPage("settingsPage", self.db, self.credentials)
        page.stores.changed.connect(self._stores_changed)
        page.tags.changed.connect(self.inbox.fill_tag_filter)
        page.tags.changed.connect(self.inbox.card.tag_editor.reload)
        page.tags.changed.connect(
            lambda: self.is_built(CUSTOMERS) and self.customers.fill_filters())
        for box, action in ((page.ctrl_enter, self.ctrl_enter_action),
                            (page.notifications, self.notify_action)):
            box.setChecked(action.isChecked())  # one preference, two places to set it
            box.toggled.connect(action.setChecked)
            action.toggled.connect(box.setChecked)
        for store_id, reason in self.offline.items():
            page.stores.show_state(store_id, False, reason)
        return page

    def set_language_checked(self, language: str) -> None:
        if language in self.language_actions:
            self.language_actions[language].setChecked(True)

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        names = [self.tr("Inbox"), self.tr("Customers"), self.tr("Returns"),
                 self.tr("Complaints"), self.tr("Reports"), self.tr("Settings")]
        for row, name in enumerate(names):
            self.navigation.item(row).setText(name)
            self.page_actions[row].setText(name)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.returns_menu.setTitle(self.tr("&Returns"))
        self.new_return_action.setText(self.tr("&New return…"))
        self.export_refunds_action.setText(self.tr("&Export refunds…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.switch_action.setText(self.tr("&Switch agent…"))
        self.end_shift_action.setText(self.tr("&End shift…"))
        self.import_action.setText(self.tr("&Import orders…"))
        self.notify_action.setText(self.tr("Desktop &notifications"))
        self.ctrl_enter_action.setText(self.tr("Ctrl+Enter sends (Enter starts a new line)"))
        self._show_agent()
        self.about_action.setText(self.tr("&About ShopDesk"))
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.location))
        self._show_figures()
        self._show_unread()

    def set_agent(self, agent: Agent | None) -> None:
        """Who is working now: the status bar, and what the pages let them do."""
        self.agent = agent
        allowed = can(agent, Action.END_SHIFT)
        self.end_shift_action.setEnabled(allowed)
        self.end_shift_action.setToolTip("" if allowed else self.tr(
            "A bookkeeper has no shift to hand over."))
        for index, page in enumerate(self.pages):
            if self.is_built(index):
                page.set_actor(agent)  # type: ignore[attr-defined]
        self.new_return_action.setEnabled(can(agent, Action.HANDLE_CASES))
        self.import_action.setEnabled(can(agent, Action.MANAGE_SETTINGS))
        self.export_refunds_action.setEnabled(can(agent, Action.EXPORT))
        self._show_agent()

    def show_conversation(self, conversation_id: int) -> None:
        self.navigation.setCurrentRow(INBOX)
        self.inbox.open_conversation(conversation_id)

    def show_return(self, case_id: int) -> None:
        self.navigation.setCurrentRow(RETURNS)
        self.returns.reload(keep=case_id)

    def import_orders(self) -> None:
        if self.agent is None or not can(self.agent, Action.MANAGE_SETTINGS):
            return
        from shopdesk.ui.import_dialog import ImportOrdersDialog

        self.import_dialog = ImportOrdersDialog(self.db, self.agent, self)
        self.import_dialog.finished.connect(lambda _r: self.refresh_figures())
        self.import_dialog.open()

    def show_complaint(self, complaint_id: int) -> None:
        self.navigation.setCurrentRow(COMPLAINTS)
        self.complaints.open_complaint(complaint_id)

    def _start_order_return(self, order_id: int) -> None:
        """From the card beside a conversation: that order, and that conversation."""
        self.returns.start_return(order_id=order_id, conversation_id=self.inbox.current)

    def add_store(self, then_import: bool = False) -> None:
        """Settings → Stores with a new store's form (from the first-start guide); with
        ``then_import`` the order import opens once the store is saved."""
        self.navigation.setCurrentRow(SETTINGS)
        self.settings_page.tabs.setCurrentWidget(self.settings_page.stores)
        self.settings_page.stores.new_store()
        QTimer.singleShot(0, self.settings_page.stores.name.setFocus)
        self._import_after_store = then_import

    def _stores_changed(self) -> None:
        """A store was added, edited or archived: channels, filters and figures follow."""
        self.storesChanged.emit()
        if self._import_after_store:
            self._import_after_store = False
            self.import_orders()
        self.refresh_figures()
        self.inbox.fill_store_filter()
        if self.is_built(CUSTOMERS):
            self.customers.fill_filters()
        self.settings_page.store_rules.fill_stores()

    def _customers_changed(self, customers_page_too: bool) -> None:
        """A merge or its undo: lists and cards that name customers follow."""
        self.refresh_figures()
        self.inbox.reload()
        if customers_page_too and self.is_built(CUSTOMERS) and getattr(
                self.customers, "_shown", False):
            self.customers.reload()

    def _returns_changed(self) -> None:
        self.refresh_figures()
        if self.inbox.current is not None:
            self.inbox.show_conversation()  # the case's system line or message

    def _show_agent(self) -> None:
        if self.agent is None:
            self.agent_label.setText(self.tr("Not signed in"))
        else:
            self.agent_label.setText(self.tr("Signed in: %1 (%2)")
                                     .replace("%1", self.agent.name)
                                     .replace("%2", role_label(self.agent.role)))

    def refresh_figures(self) -> None:
        with self.db.read_session() as session:
            self.figures = overview(session)
        self._show_figures()

    def _set_notifications(self, on: bool) -> None:
        self.prefs.notifications = on

    def _set_ctrl_enter(self, on: bool) -> None:
        self.prefs.ctrl_enter_sends = on
        self.inbox.composer.ctrl_enter_sends = on

    def _show_unread(self) -> None:
        """The window title and the tray icon show how many conversations need a reply."""
        waiting = self.figures.needs_reply if self.figures else 0
        title = self.tr("ShopDesk")
        self.setWindowTitle(f"{title} ({waiting})" if waiting else title)
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Need a reply: %1").replace("%1", str(waiting)))

    def on_synced(self, changed: list[int], arrived: list[int]) -> None:
        """The sync worker stored new messages or sent replies. The figures and the
        notification are read in a worker thread: under live traffic a read on the GUI
        thread waits for the sync thread and stalls the window (one at a time; changes
        that come meanwhile are read once it is done)."""
        self.inbox.on_changed(changed)
        notify = arrived[:3] if self.tray is not None and self.notify_action.isChecked() else []
        if self._synced_job is not None:
            self._synced_again = True
            return
        db = self.db

        def work(_report):  # type: ignore[no-untyped-def]
            try:
                with db.read_session() as session:
                    return overview(session), [r for r in (inbox_row(session, i)
                                                           for i in notify) if r]
            except Exception:  # the database is away: the figures stay as they are
                return self.figures, []

        self._synced_job = Job(work)
        self._synced_job.done.connect(self._synced_read)
        self._synced_job.start(self)

    def _synced_read(self, result) -> None:  # type: ignore[no-untyped-def]
        assert self._synced_job is not None
        thread = self._synced_job.thread
        self._synced_job.finish()
        self._synced_job = None
        if thread is not None:
            thread.deleteLater()  # one per update: not kept as the widget's child
        self.figures, rows = result
        self._show_figures()
        if rows:
            first = rows[0]
            self.tray.showMessage(first.store_name, f"{first.customer}: {first.preview}",
                                  QSystemTrayIcon.MessageIcon.Information, 5000)
        if self._synced_again:
            self._synced_again = False
            self.on_synced([], [])

    def on_store_state(self, store_id: int, online: bool, reason: str) -> None:
        was = self.offline.get(store_id)
        if online:
            self.offline.pop(store_id, None)
        else:
            self.offline[store_id] = reason
        if was != self.offline.get(store_id) and self.is_built(SETTINGS):
            self.settings_page.stores.show_state(store_id, online, reason)
        if self.offline:
            with self.db.read_session() as session:
                names = {sid: name for sid, name in session.execute(
                    select(Store.id, Store.name).where(Store.id.in_(list(self.offline))))}
            self.sync_label.setText(self.tr("Offline: %1").replace("%1", "; ".join(
                f"{names.get(sid, '?')} — {translated(why)}"
                for sid, why in self.offline.items())))
            self.sync_label.setStyleSheet("color: #B91C1C")
        else:
            self.sync_label.clear()

    def _show_figures(self) -> None:
        f = self.figures
        if f is None:
            return
        self.shop_label.setText(
            self.tr("Stores: %1").replace("%1", str(f.stores)) + "   ·   "
            + self.tr("Need a reply: %1").replace("%1", str(f.needs_reply)))
        self._show_unread()
        lines = {
            "customersPage": [self.tr("Customers: %1")],
            "returnsPage": [self.tr("Open return cases: %1")],
            "complaintsPage": [self.tr("Open complaints: %1")],
            "reportsPage": [self.tr("Conversations: %1")],
            "settingsPage": [self.tr("Stores: %1")],
        }
        values = {
            "customersPage": [f.customers],
            "returnsPage": [f.open_returns], "complaintsPage": [f.open_complaints],
            "reportsPage": [f.conversations], "settingsPage": [f.stores],
        }
        for page in self.pages:
            name = page.objectName()
            if not isinstance(page, Page):
                continue
            page.show_figures("\n".join(
                label.replace("%1", f"{value:,}") for label, value in zip(
                    lines[name], values[name], strict=True)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- about, state ------------------------------------------------------------------------

    def about_text(self) -> str:
        return "\n".join([
            self.tr("ShopDesk %1").replace("%1", __version__),
            self.tr("Customer service for a small online shop: one inbox for every store."),
            "",
            self.tr("Data: %1").replace("%1", self.db.location),
            self.tr("Log: %1").replace("%1", self.log_path),
        ])

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About ShopDesk"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.about_text())
        box.setIcon(QMessageBox.Icon.Information)
        box.exec()

    def _restore(self) -> None:
        self.setMinimumSize(900, 600)
        geometry = self.prefs.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            # Room for the list, the conversation and the customer card side by side.
            available = self.screen().availableGeometry()
            self.resize(min(1380, available.width()), min(780, available.height()))
        state = self.prefs.window_state
        if state is not None:
            self.restoreState(state)
        page = self.prefs.page
        self.navigation.setCurrentRow(page if 0 <= page < len(self.pages) else 0)

    def save_state(self) -> None:
        self.prefs.geometry = self.saveGeometry()
        self.prefs.window_state = self.saveState()
        self.prefs.page = self.navigation.currentRow()
        self.prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.inbox.save_draft()
        self.save_state()
        super().closeEvent(event)
