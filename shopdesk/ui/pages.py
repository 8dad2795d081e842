"""The Reports and Settings pages of the main window."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopdesk.credentials import Credentials
from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.services import handover as handover_svc
from shopdesk.services.permissions import Action, can
from shopdesk.ui.agents import AgentsPanel
from shopdesk.ui.automation_panel import AutomationPanel
from shopdesk.ui.automation_report import AutomationReport
from shopdesk.ui.export_dialog import open_export
from shopdesk.ui.handover import handover_text, local_time
from shopdesk.ui.page import Page
from shopdesk.ui.presend_rules_panel import PresendRulesPanel
from shopdesk.ui.quick_replies_panel import QuickRepliesPanel
from shopdesk.ui.store_filter import fill_stores
from shopdesk.ui.store_rules_panel import StoreRulesPanel
from shopdesk.ui.stores_panel import StoresPanel
from shopdesk.ui.table_model import row_table
from shopdesk.ui.tags_panel import TagsPanel


class ReportsPage(Page):
    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.handovers_title = QLabel()
        self.handovers_title.setObjectName("sectionTitle")
        self.handovers = row_table(QTableWidget(0, 4), "handoverList")
        self.handover_text = QPlainTextEdit()
        self._no_handovers = ""  # (its text comes with the language)
        self.handover_text.setObjectName("handoverText")
        self.handover_text.setReadOnly(True)
        self.handovers.itemSelectionChanged.connect(self._show_selected)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportHandoversButton")
        self.export_button.clicked.connect(self.export_handovers)
        self.actor: Agent | None = None
        title_row = QHBoxLayout()
        title_row.addWidget(self.handovers_title, 1)
        title_row.addWidget(self.export_button)
        handovers = QWidget()
        handovers_layout = QVBoxLayout(handovers)
        handovers_layout.addLayout(title_row)
        handovers_layout.addWidget(self.handovers, 2)
        handovers_layout.addWidget(self.handover_text, 1)
        self.charts_tab = QWidget()  # the charts are built when first shown (Qt Charts)
        QVBoxLayout(self.charts_tab).setContentsMargins(0, 0, 0, 0)
        self.charts = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(self.charts_tab, "")
        self.tabs.addTab(handovers, "")
        self.questions_tab = QWidget()  # Frequent questions, built when first shown
        QVBoxLayout(self.questions_tab).setContentsMargins(0, 0, 0, 0)
        self.questions = None
        self.tabs.addTab(self.questions_tab, "")
        self.tabs.currentChanged.connect(
            lambda i: self.ensure_questions() if self.tabs.widget(i) is self.questions_tab
            else None)
        self.automation = AutomationReport(self.db)
        self.tabs.addTab(self.automation, "")
        self.body.addWidget(self.tabs, 1)
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)
        self.can_export = False

    def first_show(self) -> None:
        self.ensure_charts()

    def ensure_charts(self):  # type: ignore[no-untyped-def]
        if self.charts is None:
            from shopdesk.ui.reports import ReportCharts

            self.charts = ReportCharts(self.db)
            self.charts.exportRequested.connect(self.export_workbooks)
            self.charts_tab.layout().addWidget(self.charts)
            self.charts.retranslate()
            self._allow_export()
        return self.charts

    def ensure_questions(self):  # type: ignore[no-untyped-def]
        if self.questions is None:
            from shopdesk.ui.frequent_questions import FrequentQuestions

            self.questions = FrequentQuestions(self.db)
            self.questions_tab.layout().addWidget(self.questions)
            self.questions.set_actor(self.actor)
        return self.questions

    def export_workbooks(self) -> None:
        self.export_dialog = open_export(self.db, "workbooks", self.actor, self,
                                         **self.ensure_charts().export_filters())

    def _allow_export(self) -> None:
        buttons = [self.export_button] + ([self.charts.export_button] if self.charts else [])
        for button in buttons:
            button.setEnabled(self.can_export)
            button.setToolTip("" if self.can_export else self.tr(
                "Only the owner and the bookkeeper export data."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reports"))
        self.description.setText(self.tr(
            "Satisfaction, complaints and refunds over time, and the Excel exports."))
        self.handovers_title.setText(self.tr("Past shift handovers"))
        self._no_handovers = self.tr(
            "No handover yet. When an agent ends a shift (File → End shift…), what they left "
            "open and their note for the next person appear here.")
        self.tabs.setTabText(0, self.tr("Charts"))
        self.tabs.setTabText(1, self.tr("Handovers"))
        self.tabs.setTabText(2, self.tr("Frequent questions"))
        self.tabs.setTabText(3, self.tr("Automation"))
        self.automation.retranslate()
        if self.charts is not None:
            self.charts.retranslate()
        self.export_button.setText(self.tr("Export handovers…"))
        self.handovers.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("From"), self.tr("For"), self.tr("Note")])
        self.reload()

    def reload(self) -> None:
        with self.db.read_session() as session:
            rows = [(h, h.from_agent.name, h.to_agent.name if h.to_agent else None)
                    for h in handover_svc.past_handovers(session)]
        self._texts = [handover_text(self, h, sender) for h, sender, _ in rows]
        self.handovers.setRowCount(len(rows))
        for row, (h, sender, receiver) in enumerate(rows):
            for col, text in enumerate([local_time(h.at), sender, receiver or self.tr("Everyone"),
                                        h.note.replace("\n", " ")]):
                self.handovers.setItem(row, col, QTableWidgetItem(text))
        self.handovers.resizeColumnsToContents()
        self.handover_text.clear()
        self.handover_text.setPlaceholderText("" if rows else self._no_handovers)
        if rows:  # show the latest handover at once
            # Through the selection model: selectRow() reads the keyboard modifiers and
            # would toggle instead of select while Ctrl is held.
            self.handovers.selectionModel().select(
                self.handovers.model().index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self._show_selected()

    def set_actor(self, agent: Agent | None) -> None:
        self.actor = agent
        self.can_export = can(agent, Action.EXPORT)
        self._allow_export()
        if self.questions is not None:
            self.questions.set_actor(agent)
        self.reload()

    def export_handovers(self) -> None:
        self.export_dialog = open_export(self.db, "handovers", self.actor, self)

    def stores_changed(self) -> None:
        """A store added, renamed or archived: the store filters list it."""
        fill_stores(self.automation.store, self.db)
        if self.charts is not None:
            fill_stores(self.charts.store, self.db)

    def _show_selected(self) -> None:
        rows = self.handovers.selectionModel().selectedRows()
        if rows:
            self.handover_text.setPlainText(self._texts[rows[0].row()])


class SettingsPage(Page):
    def __init__(self, object_name: str, db: Database, credentials: Credentials,
                 parent: QWidget | None = None) -> None:
        self.db = db
        self.credentials = credentials
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.stores = StoresPanel(self.db, self.credentials)
        self.tabs.addTab(self.stores, "")
        self.agents = AgentsPanel(self.db)
        self.tabs.addTab(self.agents, "")
        self.quick_replies = QuickRepliesPanel(self.db)
        self.tabs.addTab(self.quick_replies, "")
        self.inbox_options = QWidget()
        self.inbox_options.setObjectName("inboxOptions")
        options = QVBoxLayout(self.inbox_options)
        self.ctrl_enter = QCheckBox()
        self.ctrl_enter.setObjectName("ctrlEnterSends")
        self.notifications = QCheckBox()
        self.notifications.setObjectName("notificationsOption")
        options.addWidget(self.ctrl_enter)
        options.addWidget(self.notifications)
        options.addStretch(1)
        self.tabs.addTab(self.inbox_options, "")
        self.store_rules = StoreRulesPanel(self.db)
        self.tabs.addTab(self.store_rules, "")
        self.tags = TagsPanel(self.db)
        self.tabs.addTab(self.tags, "")
        self.automation = AutomationPanel(self.db)
        self.tabs.addTab(self.automation, "")
        self.presend_rules = PresendRulesPanel(self.db)
        self.tabs.addTab(self.presend_rules, "")
        self.body.addWidget(self.tabs)
        # The tabs need the height (the status bar already counts the stores); the line
        # under the title says only, to whoever may not change them, why nothing saves.
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)

    def set_actor(self, agent: Agent | None) -> None:
        for panel in (self.stores, self.agents, self.quick_replies, self.store_rules, self.tags,
                      self.automation, self.presend_rules):
            panel.set_actor(agent)
        self.description.setVisible(not can(agent, Action.MANAGE_SETTINGS))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.description.setText(self.tr(
            "Only the owner changes the shop's settings: you see them as they are. Your own "
            "options are on the Inbox tab."))
        for n, text in enumerate([self.tr("Stores"), self.tr("Agents"), self.tr("Quick replies"),
                                  self.tr("Inbox"), self.tr("Store rules"), self.tr("Tags"),
                                  self.tr("Automation"), self.tr("Sending rules")]):
            self.tabs.setTabText(n, text)
        self.ctrl_enter.setText(self.tr(
            "Ctrl+Enter sends a reply and Enter starts a new line (otherwise the reverse)"))
        self.notifications.setText(self.tr("Desktop notifications for new customer messages"))
        self.stores.retranslate()
        self.agents.retranslate()
        self.quick_replies.retranslate()
        self.store_rules.retranslate()
        self.tags.retranslate()
        self.automation.retranslate()
        self.presend_rules.retranslate()
