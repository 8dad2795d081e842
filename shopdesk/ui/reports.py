"""Reports → Charts: CSAT by week, score distribution, complaints by category per month,
first-response times, refunds by month; filtered by dates, store and agent. The figures come
from ``services.reports``, the same functions the workbooks use."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopdesk.db import Database
from shopdesk.money import to_decimal
from shopdesk.services import reports as svc
from shopdesk.services.agents import active_agents
from shopdesk.ui.labels import category_label
from shopdesk.ui.store_filter import fill_stores

COLOURS = ["#2563EB", "#F97316", "#16A34A", "#DC2626", "#9333EA", "#0891B2", "#CA8A04",
           "#DB2777", "#4B5563", "#65A30D"]


def _start_of(edit: QDateEdit) -> datetime:
    d = edit.date()
    return datetime(d.year(), d.month(), d.day()).astimezone()


class ReportCharts(QWidget):
    exportRequested = Signal()  # noqa: N815

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportCharts")
        self.db = db
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-89))
        self.first.setObjectName("reportFrom")
        self.last = QDateEdit(today)
        self.last.setObjectName("reportTo")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.reload())
        self.store = QComboBox()
        self.store.setObjectName("reportStore")
        self.agent = QComboBox()
        self.agent.setObjectName("reportAgent")
        fill_stores(self.store, db)
        with db.read_session() as session:
            self.agent.addItem("", None)
            for a in active_agents(session):
                self.agent.addItem(a.name, a.id)
        for box in (self.store, self.agent):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportWorkbooksButton")
        self.export_button.clicked.connect(self.exportRequested)
        self.from_label, self.to_label = QLabel(), QLabel()
        filters = QHBoxLayout()
        for widget in (self.from_label, self.first, self.to_label, self.last, self.store,
                       self.agent):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.views: dict[str, QChartView] = {}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        places = {"csat": (0, 0, 1), "scores": (0, 1, 1), "complaints": (1, 0, 2),
                  "first_response": (2, 0, 1), "refunds": (2, 1, 1)}  # row, column, span
        for name, (row, col, span) in places.items():
            view = QChartView()
            view.setObjectName(f"chart_{name}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(340 if span == 2 else 270)
            grid.addWidget(view, row, col, 1, span)
            self.views[name] = view
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(scroll, 1)
        self.figures: svc.Figures | None = None

    def export_filters(self) -> dict[str, Any]:
        """The period and filters shown, as ``ExportDialog`` takes them, so that the
        workbook holds the charts' figures."""
        first, last = self.first.date(), self.last.date()
        return {"period": (date(first.year(), first.month(), first.day()),
                           date(last.year(), last.month(), last.day())),
                "store_ids": [self.store.currentData()] if self.store.currentData() else [],
                "agent_id": self.agent.currentData()}

    def retranslate(self) -> None:
        self.from_label.setText(self.tr("From:"))
        self.to_label.setText(self.tr("To:"))
        self.store.setItemText(0, self.tr("All stores"))
        self.agent.setItemText(0, self.tr("All agents"))
        self.export_button.setText(self.tr("Export…"))
        self.reload()

    def reload(self) -> None:
        start = _start_of(self.first)
        end = _start_of(self.last) + timedelta(days=1)
        stores = [self.store.currentData()] if self.store.currentData() else []
        agents = [self.agent.currentData()] if self.agent.currentData() else []
        with self.db.read_session() as session:
            f = self.figures = svc.figures(session, start, end, stores, agents)
        self._bars("csat", self.tr("CSAT by week number (%)"),
                   {self.tr("CSAT"): [float(c.percent or 0) for c in f.csat_by_week.values()]},
                   [week.split("-W")[-1] for week in f.csat_by_week], maximum=100)
        self._bars("scores", self.tr("Score distribution"),
                   {self.tr("Responses"): list(f.scores.values())},
                   [str(s) for s in f.scores])
        categories = sorted({c for counts in f.complaints.values() for c, n in counts.items()
                             if n}, key=lambda c: c.value)
        self._bars("complaints", self.tr("Complaints by category per month"),
                   {category_label(c): [f.complaints[m][c] for m in f.complaints]
                    for c in categories}, list(f.complaints), stacked=True)
        bucket_names = {"<15m": self.tr("0–15 min"), "15-60m": self.tr("15–60 min"),
                        "1-4h": self.tr("1–4 h"), "4-24h": self.tr("4–24 h"),
                        ">24h": self.tr("24 h +")}
        waits = {self.tr("First reply by a person"): list(f.first_response.values())}
        if any(f.first_automatic.values()):
            waits[self.tr("First automatic reply")] = list(f.first_automatic.values())
        self._bars("first_response", self.tr("Customer's wait for the first reply"), waits,
                   [bucket_names[k] for k in f.first_response])
        currencies = sorted({c for by in f.refunds.values() for c in by})
        self._bars("refunds", self.tr("Refunds by month"),
                   {cur: [int(to_decimal(f.refunds[m].get(cur, 0), cur).to_integral_value())
                          for m in f.refunds]
                    for cur in currencies}, list(f.refunds))

    def _bars(self, name: str, title: str, sets: dict[str, list[Any]], categories: list[str],
              stacked: bool = False, maximum: float | None = None) -> None:
        """Bar chart of ``sets`` over ``categories`` (money in whole units: the exact amounts
        are in the workbooks)."""
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        series = QStackedBarSeries() if stacked else QBarSeries()
        top = 0.0
        for n, (label, values) in enumerate(sets.items()):
            bar_set = QBarSet(label)
            bar_set.setColor(COLOURS[n % len(COLOURS)])
            bar_set.append(values)
            series.append(bar_set)
            top = max(top, *values) if values else top
        if stacked and sets:
            top = max((sum(v[i] for v in sets.values()) for i in range(len(categories))),
                      default=0)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        small = axis_x.labelsFont()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        axis_x.setLabelsFont(small)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setRange(0, maximum or max(1.0, top * 1.1))
        axis_y.setLabelFormat("%.0f")
        if maximum is None:
            axis_y.applyNiceNumbers()
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(len(sets) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight if stacked
                                    else Qt.AlignmentFlag.AlignBottom)
        if not categories:
            chart.setTitle(title + " — " + self.tr("no data in these dates"))
        self.views[name].setChart(chart)
