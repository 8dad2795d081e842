"""The Complaints page: filters, the paged list of tickets (overdue ones in red), the chosen
ticket in a pane below (a single click), and one window per ticket (a double click or
Enter; opening it again brings that window to the front)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Severity
from shopdesk.services import complaint_list as svc
from shopdesk.services.agents import active_agents
from shopdesk.services.permissions import Action, can
from shopdesk.times import utcnow
from shopdesk.ui.complaint_new import NewComplaintDialog
from shopdesk.ui.complaint_panel import ComplaintDialog, ComplaintPanel, local_time
from shopdesk.ui.flow_layout import FlowLayout
from shopdesk.ui.labels import (
    category_label,
    complaint_status_label,
    severity_label,
    tier_label,
)
from shopdesk.ui.page import Page, list_over_detail
from shopdesk.ui.service_text import denied
from shopdesk.ui.store_filter import fill_stores
from shopdesk.ui.table_model import PagedRowsModel, row_table

RED = QColor("#B91C1C")

__all__ = ["ComplaintDialog", "ComplaintsModel", "ComplaintsPage", "NewComplaintDialog"]


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
            return [r.number, local_time(r.opened_at), r.store_name, r.customer_name,
                    category_label(r.category), severity_label(r.severity), str(r.tier),
                    complaint_status_label(r.status), local_time(r.sla_due_at),
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
            agents = [(a.id, a.name) for a in active_agents(session)]
        fill_stores(self.store_filter, self.db)
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
        filter_bar = QWidget()
        filters = FlowLayout(filter_bar)  # wraps rather than clipping the boxes' words
        for box in (self.store_filter, self.category_filter, self.severity_filter,
                    self.status_filter, self.tier_filter, self.agent_filter, self.period):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            filters.addWidget(box)
        filters.addWidget(self.new_button)
        self.model = ComplaintsModel()
        self.table = row_table(QTableView(), "complaintList")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        # Enter and a double click both "activate" a row: one window per ticket, once.
        self.table.activated.connect(lambda index: self.open_complaint(
            self.model.rows[index.row()].id))
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.count = QLabel()
        self.count.setObjectName("complaintsCount")
        self.panel = ComplaintPanel(self.db)
        self.panel.changed.connect(self._ticket_changed)
        self.panel.openConversation.connect(self.openConversation)
        self.windows: dict[int, ComplaintDialog] = {}
        splitter = list_over_detail(self.table, self.count, self.panel, "complaintsSplitter", [440, 250])
        self.body.addWidget(filter_bar)
        self.body.addWidget(splitter, 1)
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
        self.panel.retranslate()
        self._show_count()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        self.panel.agent = agent
        self.panel.show_complaint(self.panel.complaint_id)
        for window in self.windows.values():
            window.panel.agent = agent
            window.panel.show_complaint(window.complaint_id)
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
        keep = self.panel.complaint_id

        def fetch(after, limit):  # type: ignore[no-untyped-def]
            with self.db.read_session() as session:
                return svc.page(session, flt, after, limit)

        self.model.reset(fetch)
        with self.db.read_session() as session:
            self.totals = svc.count(session, flt)
        self._show_count()
        if keep is not None:
            self.select_complaint(keep)

    def stores_changed(self) -> None:
        fill_stores(self.store_filter, self.db)

    def select_complaint(self, complaint_id: int) -> None:
        """Choose the ticket in the list (if the filters show it) and in the pane."""
        for row, r in enumerate(self.model.rows):
            if r.id == complaint_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                break
        self.panel.show_complaint(complaint_id)

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.panel.show_complaint(self.model.rows[current.row()].id)

    def _ticket_changed(self, complaint_id: int) -> None:
        """A change in the pane or in a window: the list, the pane and that ticket's window
        show it."""
        self.reload()
        if self.panel.complaint_id == complaint_id:
            self.panel.show_complaint(complaint_id)
        window = self.windows.get(complaint_id)
        if window is not None:
            window.panel.show_complaint(complaint_id)
        self.changed.emit()

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

    def open_complaint(self, complaint_id: int) -> ComplaintDialog:
        """The ticket's window: the one already open is brought to the front."""
        window = self.windows.get(complaint_id)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
            return window
        window = ComplaintDialog(self.db, self.agent, complaint_id, self.window())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.setModal(False)
        window.panel.changed.connect(self._ticket_changed)
        window.panel.openConversation.connect(lambda cid: (window.accept(),
                                                           self.openConversation.emit(cid)))
        window.finished.connect(lambda _r: self.windows.pop(complaint_id, None))
        self.windows[complaint_id] = window
        self.worked = window
        window.show()
        return window
