"""The main window: navigation on the left, the pages, menus and the status bar; and the
one place where a change of agent reaches everything on screen (``set_agent``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from shopdesk.credentials import Credentials
from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.services.overview import Overview
from shopdesk.services.permissions import Action, can
from shopdesk.ui.customer_records import CustomerRecords
from shopdesk.ui.inbox import InboxPage
from shopdesk.ui.page_registry import PageRegistry
from shopdesk.ui.service_text import denied
from shopdesk.ui.settings import Preferences
from shopdesk.ui.window_actions import WindowActions, wire_actions
from shopdesk.ui.window_figures import WindowFigures
from shopdesk.ui.window_pages import (
    COMPLAINTS,
    CUSTOMERS,
    INBOX,
    REPORTS,
    RETURNS,
    SETTINGS,
    STYLE,
    page_builders,
    wire_inbox,
)
from shopdesk.ui.window_status import StatusLine

if TYPE_CHECKING:
    from shopdesk.ui.complaints import ComplaintsPage
    from shopdesk.ui.customers import CustomersPage
    from shopdesk.ui.pages import ReportsPage, SettingsPage
    from shopdesk.ui.returns_board import ReturnsPage


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
        self.agent: Agent | None = None
        self.offline: dict[int, str] = {}
        self.records = CustomerRecords(self)  # "customer N's records changed"
        self.shop_figures = WindowFigures(self)  # on the status line and the page headers
        self.setStyleSheet(STYLE)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self.inbox = InboxPage(db, prefs)
        wire_inbox(self)
        self.registry = PageRegistry(self.stack, self.inbox, page_builders(self),
                                     self._page_built)
        self.pages = self.registry.pages
        for _page in self.pages:
            self.navigation.addItem(QListWidgetItem())
        self.navigation.currentRowChanged.connect(
            lambda row: row >= 0 and self.stack.setCurrentWidget(self.page(row)))

        central = QWidget()
        central.setObjectName("windowContent")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status = StatusLine(self, db)
        self.agent_label = self.status.agent_label
        self.menu_actions = WindowActions(self, language, prefs.notifications,
                                          prefs.ctrl_enter_sends)
        wire_actions(self, self.menu_actions)
        # Permission tooltips and masking follow a language switch too (once per switch,
        # however many translators it installs).
        self._reapply = QTimer(self)
        self._reapply.setSingleShot(True)
        self._reapply.setInterval(0)
        self._reapply.timeout.connect(lambda: self.set_agent(self.agent, close_dialogs=False))
        self.shop_figures.read()  # behind the first rows: six counts of the whole shop
        self.retranslate()
        self._restore()

    # -- pages -------------------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at ``index`` of the navigation, built now if it was not yet."""
        return self.registry.page(index)

    def is_built(self, index: int) -> bool:
        return self.registry.is_built(index)

    def _page_built(self, page: QWidget) -> None:
        if self.agent is not None:
            page.set_actor(self.agent)  # type: ignore[attr-defined]
        self._show_figures()

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

    def set_language_checked(self, language: str) -> None:
        if language in self.language_actions:
            self.language_actions[language].setChecked(True)

    # -- who is signed in --------------------------------------------------------------------

    def set_agent(self, agent: Agent | None, close_dialogs: bool = True) -> None:
        """Who is working now (None: signed out). Before the window shows anything to them,
        everything on it is shown again under their role: the dialogs the last agent had
        open close (they would act as that agent), every page built so far applies the
        role and shows its list and its open record again (masked or not), and the menus
        and their tooltips follow."""
        if close_dialogs:
            self.close_dialogs()
        self.agent = agent
        for page in self.registry.built():
            page.set_actor(agent)  # type: ignore[attr-defined]
        if self.inbox.current is not None:  # also one opened from a link, not in the list
            self.inbox.show_conversation()
        self._show_permissions()
        self.status.show_agent(agent)

    def close_dialogs(self) -> None:
        """Close every dialog of this window (a return wizard, a complaint, the merge or an
        export dialog…): it was opened by, and works as, whoever was signed in."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and self.owns(widget):
                widget.reject()

    def owns(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def begin_sign_in(self) -> None:
        """Switching agent: the window shows nothing of the last agent's work while the
        next one signs in (``end_sign_in`` shows it again, under whoever is signed in)."""
        self.close_dialogs()
        self.centralWidget().setVisible(False)
        self.menuBar().setEnabled(False)

    def end_sign_in(self) -> None:
        self.centralWidget().setVisible(True)
        self.menuBar().setEnabled(True)

    def _show_permissions(self) -> None:
        """What the menus let the agent do, with the reason in the language now."""
        agent, a = self.agent, self.menu_actions
        for action, needs in ((a.end_shift_action, Action.END_SHIFT),
                              (a.new_return_action, Action.HANDLE_CASES),
                              (a.import_action, Action.MANAGE_SETTINGS),
                              (a.export_refunds_action, Action.EXPORT)):
            why = denied(agent, needs) if agent is not None else None
            action.setEnabled(can(agent, needs))
            action.setToolTip(why or "")
        if agent is not None and not can(agent, Action.END_SHIFT):
            a.end_shift_action.setToolTip(self.tr("A bookkeeper has no shift to hand over."))

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        names = [self.tr("Inbox"), self.tr("Customers"), self.tr("Returns"),
                 self.tr("Complaints"), self.tr("Knowledge"), self.tr("Reports"),
                 self.tr("Settings")]
        for row, name in enumerate(names):
            self.navigation.item(row).setText(name)
            self.menu_actions.page_actions[row].setText(name)
        self.menu_actions.retranslate({
            "file_menu": self.tr("&File"), "view_menu": self.tr("&View"),
            "language_menu": self.tr("&Language"), "help_menu": self.tr("&Help"),
            "returns_menu": self.tr("&Returns"), "new_return_action": self.tr("&New return…"),
            "export_refunds_action": self.tr("&Export refunds…"),
            "quit_action": self.tr("&Quit"), "switch_action": self.tr("&Switch agent…"),
            "end_shift_action": self.tr("&End shift…"),
            "import_action": self.tr("&Import orders…"),
            "notify_action": self.tr("Desktop &notifications"),
            "ctrl_enter_action": self.tr("Ctrl+Enter sends (Enter starts a new line)"),
            "about_action": self.tr("&About ShopDesk"),
            "edit_menu": self.tr("&Edit"), "undo_action": self.tr("&Undo"),
            "redo_action": self.tr("&Redo"),
            "shortcuts_action": self.tr("&Keyboard shortcuts"),
        })
        self.status.retranslate()
        self._show_permissions()
        self._show_figures()

    def show_shortcuts(self) -> None:
        from shopdesk.ui.shortcuts_dialog import ShortcutsDialog

        a = self.menu_actions
        actions = [*a.page_actions, a.switch_action, a.undo_action, a.redo_action,
                   a.shortcuts_action, a.quit_action]
        ShortcutsDialog(actions, self).exec()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # A combo box measures its items once, at its first showing: after a switch to
            # longer words ("Any status" for 任意状态) it would clip them.
            for combo in self.findChildren(QComboBox):
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            if self.agent is not None:
                self._reapply.start()  # the pages' permission tooltips, in the new language
        super().changeEvent(event)

    # -- what the pages ask for --------------------------------------------------------------

    def show_conversation(self, conversation_id: int) -> None:
        self.navigation.setCurrentRow(INBOX)
        self.inbox.open_conversation(conversation_id)

    def show_return(self, case_id: int) -> None:
        self.navigation.setCurrentRow(RETURNS)
        self.returns.reload(keep=case_id)

    def show_complaint(self, complaint_id: int) -> None:
        self.navigation.setCurrentRow(COMPLAINTS)
        self.complaints.open_complaint(complaint_id)

    def import_orders(self) -> None:
        if self.agent is None or not can(self.agent, Action.MANAGE_SETTINGS):
            return
        from shopdesk.ui.import_dialog import ImportOrdersDialog

        self.import_dialog = ImportOrdersDialog(self.db, self.agent, self)
        self.import_dialog.finished.connect(lambda _r: (self.refresh_figures(),
                                                        self.records.announce(None)))
        self.import_dialog.open()

    def start_order_return(self, order_id: int) -> None:
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

    def stores_changed(self) -> None:
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

    def customers_changed(self) -> None:
        """A merge or its undo: lists and cards that name customers follow."""
        self.refresh_figures()
        self.inbox.reload()
        for index in (RETURNS, COMPLAINTS):
            if self.is_built(index):
                self.page(index).reload()  # type: ignore[attr-defined]
        self.records.announce(None)

    def cases_changed(self) -> None:
        """A return case or a complaint was opened or moved: figures, the conversation's
        system line, and the cards of the customer."""
        self.refresh_figures()
        if self.inbox.current is not None:
            self.inbox.show_conversation()  # the case's system line or message
        self.records.announce(None)

    # -- the status bar ----------------------------------------------------------------------

    @property
    def figures(self) -> Overview | None:
        return self.shop_figures.figures

    def refresh_figures(self) -> None:
        self.shop_figures.refresh()

    def _show_figures(self) -> None:
        self.shop_figures.show()

    def set_notifications(self, on: bool) -> None:
        self.prefs.notifications = on

    def set_ctrl_enter(self, on: bool) -> None:
        self.prefs.ctrl_enter_sends = on
        self.inbox.composer.ctrl_enter_sends = on

    def on_synced(self, changed: list[int], arrived: list[int]) -> None:
        """The sync worker stored new messages or sent replies: the rows, the figures and
        the notification of the first ones that arrived."""
        self.inbox.on_changed(changed)
        self.shop_figures.read(arrived[:3] if self.notify_action.isChecked() else [])

    def on_remote_change(self, change) -> None:  # type: ignore[no-untyped-def]
        """Another PC's (or window's) committed change: see ``ui/live_feed.py``."""
        from shopdesk.ui.live_feed import apply_remote

        apply_remote(self, change)

    def on_store_state(self, store_id: int, online: bool, reason: str) -> None:
        was = self.offline.get(store_id)
        if online:
            self.offline.pop(store_id, None)
        else:
            self.offline[store_id] = reason
        if was != self.offline.get(store_id) and self.is_built(SETTINGS):
            self.settings_page.stores.show_state(store_id, online, reason)
        self.status.show_offline(self.offline)

    # -- about, state ------------------------------------------------------------------------

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
        self.inbox.presence.leave()
        self.save_state()
        super().closeEvent(event)
