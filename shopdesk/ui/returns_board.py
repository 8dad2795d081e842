"""The Returns page: the board of cases (overdue in red, at the top), filters, and the case
panel with its timeline and, as buttons, only the next steps the state machine allows."""

from __future__ import annotations

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
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.models import Agent
from shopdesk.models.enums import ReturnKind, ReturnReason
from shopdesk.money import format_money
from shopdesk.services import return_board as svc
from shopdesk.services.agents import active_agents
from shopdesk.services.permissions import Action, can
from shopdesk.times import utcnow
from shopdesk.ui.flow_layout import FlowLayout
from shopdesk.ui.i18n import current_language
from shopdesk.ui.labels import return_kind_label, return_reason_label, return_state_label
from shopdesk.ui.page import Page, list_over_detail
from shopdesk.ui.return_case_panel import CasePanel, local_time
from shopdesk.ui.return_step import StepDialog, step_label
from shopdesk.ui.service_text import denied
from shopdesk.ui.store_filter import fill_stores
from shopdesk.ui.table_model import RowsModel, row_table

RED = QColor("#B91C1C")

__all__ = ["BoardModel", "CasePanel", "ReturnsPage", "StepDialog", "step_label"]


class BoardModel(RowsModel):

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[svc.BoardRow] = []
        self.now = utcnow()

    def set_rows(self, rows: list[svc.BoardRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.now = utcnow()
        self.endResetModel()

    def headers(self) -> list[str]:
        return [self.tr("Case"), self.tr("State"), self.tr("Kind"), self.tr("Customer"),
                self.tr("Store"), self.tr("Order"), self.tr("Amount"), self.tr("Age"),
                self.tr("Next deadline")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.number
            if col == 1:
                return return_state_label(r.state)
            if col == 2:
                return return_kind_label(r.kind)
            if col == 3:
                return r.customer_name
            if col == 4:
                return r.store_name
            if col == 5:
                return r.order_no
            if col == 6:
                return format_money(r.amount_minor, r.currency)
            if col == 7:
                days = (self.now - r.created_at).days
                return self.tr("%1 d", "age in days").replace("%1", str(days))
            if col == 8:
                if r.deadline is None:
                    return ""
                text = local_time(r.deadline)
                return self.tr("%1 (overdue)").replace("%1", text) if r.overdue else text
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue:
            return QBrush(RED)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 3 and r.assignee:
            return self.tr("Assigned to %1").replace("%1", r.assignee)
        if role == Qt.ItemDataRole.UserRole:
            return r.case_id
        return None


class ReturnsPage(Page):
    """The returns board and the selected case."""

    openConversation = Signal(int)  # noqa: N815
    changed = Signal()

    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.agent: Agent | None = None
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)  # the board counts its own cases
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("returnStoreFilter")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("returnKindFilter")
        self.reason_filter = QComboBox()
        self.reason_filter.setObjectName("returnReasonFilter")
        self.agent_filter = QComboBox()
        self.agent_filter.setObjectName("returnAgentFilter")
        self.overdue_only = QCheckBox()
        self.overdue_only.setObjectName("overdueOnly")
        self.finished = QCheckBox()
        self.finished.setObjectName("showFinished")
        self.new_button = QPushButton()
        self.new_button.setObjectName("newReturnButton")
        self.new_button.clicked.connect(self.start_return)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportRefundsButton")
        self.export_button.clicked.connect(self.export_refunds)
        fill_stores(self.store_filter, self.db)
        self.kind_filter.addItem("", None)
        for kind in ReturnKind:
            self.kind_filter.addItem("", kind.value)
        self.reason_filter.addItem("", None)
        for reason in ReturnReason:
            self.reason_filter.addItem("", reason.value)
        self._fill_agents()
        for box in (self.store_filter, self.kind_filter, self.reason_filter, self.agent_filter):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        for check in (self.overdue_only, self.finished):
            check.toggled.connect(lambda _on: self.reload())
        filter_bar = QWidget()
        filters = FlowLayout(filter_bar)  # wraps rather than clipping the words
        for widget in (self.store_filter, self.kind_filter, self.reason_filter,
                       self.agent_filter, self.overdue_only, self.finished):
            filters.addWidget(widget)
        filters.addWidget(self.new_button)
        filters.addWidget(self.export_button)
        self.model = BoardModel()
        self.table = row_table(QTableView(), "returnsBoard")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._picked)
        self.panel = CasePanel(self.db)
        self.panel.changed.connect(self._case_changed)
        self.panel.openConversation.connect(self.openConversation)
        self.count = QLabel()
        self.count.setObjectName("returnsCount")
        splitter = list_over_detail(self.table, self.count, self.panel, "returnsSplitter", [420, 330])
        self.body.addWidget(filter_bar)
        self.body.addWidget(splitter, 1)
        QShortcut(QKeySequence("Ctrl+N"), self, self.start_return)

    def first_show(self) -> None:
        self.reload()

    def _fill_agents(self) -> None:
        self.agent_filter.blockSignals(True)
        current = self.agent_filter.currentData()
        self.agent_filter.clear()
        self.agent_filter.addItem(self.tr("All agents"), None)
        with self.db.read_session() as session:
            for a in active_agents(session):
                self.agent_filter.addItem(a.name, a.id)
        self.agent_filter.setCurrentIndex(max(0, self.agent_filter.findData(current)))
        self.agent_filter.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Returns"))
        self.store_filter.setItemText(0, self.tr("All stores"))
        self.kind_filter.setItemText(0, self.tr("All kinds"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, return_kind_label(self.kind_filter.itemData(i)))
        self.reason_filter.setItemText(0, self.tr("All reasons"))
        for i in range(1, self.reason_filter.count()):
            self.reason_filter.setItemText(i, return_reason_label(
                self.reason_filter.itemData(i)))
        self.agent_filter.setItemText(0, self.tr("All agents"))
        self.overdue_only.setText(self.tr("Overdue only"))
        self.finished.setText(self.tr("Show finished"))
        self.finished.setToolTip(self.tr("Include closed and cancelled cases"))
        self.new_button.setText(self.tr("New return…"))
        self.new_button.setToolTip(self.tr("Start a return case (Ctrl+N)"))
        self.export_button.setText(self.tr("Export refunds…"))
        self.model.retranslate()
        self.panel.retranslate()
        self._show_count()

    def set_actor(self, agent: Agent | None) -> None:
        self.agent = agent
        self.panel.agent = agent
        why = denied(agent, Action.HANDLE_CASES)
        self.new_button.setEnabled(why is None)
        self.new_button.setToolTip(why or self.tr("Start a return case (Ctrl+N)"))
        export_why = denied(agent, Action.EXPORT)
        self.export_button.setEnabled(export_why is None)
        self.export_button.setToolTip(export_why or "")
        self._fill_agents()
        self.panel.show_case(self.panel.view.case_id if self.panel.view else None)

    def board_filter(self) -> svc.BoardFilter:
        store = self.store_filter.currentData()
        kind = self.kind_filter.currentData()
        reason = self.reason_filter.currentData()
        return svc.BoardFilter(
            store_ids=[store] if store else [], kind=ReturnKind(kind) if kind else None,
            reason=ReturnReason(reason) if reason else None,
            agent_id=self.agent_filter.currentData(),
            overdue_only=self.overdue_only.isChecked(), finished=self.finished.isChecked())

    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.panel.view.case_id if self.panel.view
                                              else None)
        with self.db.read_session() as session:
            rows = svc.board(session, self.board_filter())
        self.model.set_rows(rows)
        self._show_count()
        if keep is not None:
            self.select_case(keep)

    def _show_count(self) -> None:
        rows = self.model.rows
        overdue = sum(r.overdue for r in rows)
        text = self.tr("%1 cases").replace("%1", f"{len(rows):,}")
        if overdue:
            text += " · " + self.tr("%1 overdue").replace("%1", f"{overdue:,}")
        self.count.setText(text)

    def stores_changed(self) -> None:
        fill_stores(self.store_filter, self.db)

    def select_case(self, case_id: int) -> None:
        for row, r in enumerate(self.model.rows):
            if r.case_id == case_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return
        self.panel.show_case(case_id)  # filtered out: still show it

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.panel.show_case(self.model.rows[current.row()].case_id)

    def _case_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def start_return(self, **prefill: Any) -> None:
        if self.agent is None or not can(self.agent, Action.HANDLE_CASES):
            return
        from shopdesk.ui.return_wizard import ReturnWizard

        wizard = ReturnWizard(self.db, self.agent, lang=current_language(), parent=self.window(),
                              **prefill)
        self.wizard = wizard

        def done(result: int) -> None:
            if result and wizard.case_id is not None:
                self.reload(keep=wizard.case_id)
                self.changed.emit()

        wizard.finished.connect(done)
        wizard.open()

    def export_refunds(self) -> None:
        from shopdesk.ui.export_dialog import open_export

        self.export_dialog = open_export(self.db, "refunds", self.agent, self)
