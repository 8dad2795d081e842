"""Reports → Automation: the customer's wait for the first reply, automatic and by a person
apart, and per rule how often it fired, what it answered and how many of its conversations
still needed a person (``services.automation_reports``, as the workbook's sheet)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.services import automation_reports as svc
from shopdesk.ui.labels import rule_label
from shopdesk.ui.period_filters import period_filters
from shopdesk.ui.table_model import row_table


def _day(edit: QDateEdit) -> datetime:
    d = edit.date()
    return datetime(d.year(), d.month(), d.day()).astimezone()


class AutomationReport(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("automationReport")
        self.db = db
        filters = period_filters(self, db, "automation", self.reload)
        self.title_first = QLabel()
        self.title_first.setObjectName("sectionTitle")
        self.title_rules = QLabel()
        self.title_rules.setObjectName("sectionTitle")
        for title in (self.title_first, self.title_rules):
            title.setStyleSheet("font-weight:bold; font-size:14px; margin-top:6px")
        grid = QGridLayout()
        self.cells: dict[str, QLabel] = {}
        self.heads: list[QLabel] = []
        for col in range(3):
            head = QLabel()
            head.setStyleSheet("color:#6B7280")
            self.heads.append(head)
            grid.addWidget(head, 0, col)
        self.row_names = [QLabel(), QLabel()]
        for row, kind in enumerate(("automatic", "human"), start=1):
            grid.addWidget(self.row_names[row - 1], row, 0)
            for col, what in enumerate(("count", "minutes"), start=1):
                cell = QLabel()
                cell.setObjectName(f"first_{kind}_{what}")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.cells[f"{kind}_{what}"] = cell
                grid.addWidget(cell, row, col)
        grid.setColumnStretch(3, 1)
        self.table = row_table(QTableWidget(0, 6), "automationFigures")
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.title_first)
        layout.addLayout(grid)
        layout.addWidget(self.title_rules)
        layout.addWidget(self.table, 1)
        self.times: svc.ReplyTimes | None = None
        self.figures: list[svc.RuleFigures] = []

    def retranslate(self) -> None:
        self.from_label.setText(self.tr("From:"))
        self.to_label.setText(self.tr("To:"))
        self.store.setItemText(0, self.tr("All stores"))
        self.title_first.setText(self.tr("First reply to the customer"))
        self.title_rules.setText(self.tr("Rules"))
        for head, text in zip(self.heads, ("", self.tr("Conversations"),
                                           self.tr("Average wait (min)")), strict=True):
            head.setText(text)
        self.row_names[0].setText(self.tr("Automatic"))
        self.row_names[1].setText(self.tr("By a person"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Rule"), self.tr("Fired"), self.tr("Conversations"),
            self.tr("Messages sent"), self.tr("Still needed a person"),
            self.tr("Latest answer")])
        self.reload()

    def reload(self) -> None:
        start, end = _day(self.first), _day(self.last) + timedelta(days=1)
        stores = [self.store.currentData()] if self.store.currentData() else []
        with self.db.read_session() as session:
            self.times = svc.first_reply_times(session, start, end, stores)
            self.figures = svc.rule_figures(session, start, end, stores)
        t = self.times
        for key, value in (("automatic_count", t.automatic), ("human_count", t.human),
                           ("automatic_minutes", t.automatic_minutes),
                           ("human_minutes", t.human_minutes)):
            self.cells[key].setText("—" if value is None else f"{value}")
        self.table.setRowCount(len(self.figures))
        for row, f in enumerate(self.figures):
            share = f.needed_share
            needed = f"{f.needed_person}" + (f" ({share}%)" if share is not None else "")
            for col, text in enumerate((rule_label(f.name), f"{f.fired}", f"{f.conversations}",
                                        f"{f.answered}", needed,
                                        f.latest_text.replace("\n", " "))):
                item = QTableWidgetItem(text)
                if 1 <= col <= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
