"""The Customers page: every customer, searched, filtered and sorted, paged from the
database, with the customer card beside the list (the merge dialog: ui/merge_dialog.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.models import Agent, Store
from shopdesk.services import customer_list as svc
from shopdesk.services.permissions import Action
from shopdesk.services.segments import Segment
from shopdesk.services.tags import all_tags
from shopdesk.times import to_local
from shopdesk.ui.background import Background
from shopdesk.ui.customer_card import CustomerCard, amounts
from shopdesk.ui.flow_layout import FlowLayout
from shopdesk.ui.i18n import listed
from shopdesk.ui.labels import segment_label
from shopdesk.ui.merge_dialog import MergeDialog
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import denied
from shopdesk.ui.table_model import PagedRowsModel, row_table


def _day(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d}" if when else "—"


class CustomersModel(PagedRowsModel):
    PAGE = svc.PAGE

    def __init__(self) -> None:
        super().__init__()
        self._texts: dict[int, list[str]] = {}  # id(row) → its cells' texts, made once

    def headers(self) -> list[str]:
        return [self.tr("Customer"), self.tr("Stores"), self.tr("Phone"), self.tr("Segment"),
                self.tr("Orders"), self.tr("Spent"), self.tr("Last order"),
                self.tr("Last contact")]

    def reset(self, fetch: Any) -> None:
        self._texts.clear()
        super().reset(fetch)

    def retranslate(self) -> None:
        self._texts.clear()  # segment names are words of the language
        super().retranslate()

    def texts(self, r: svc.CustomerRow) -> list[str]:
        """A row's cells as shown (the view asks for every cell many times: at each paint
        and to size the columns)."""
        texts = self._texts.get(id(r))
        if texts is None:
            spent = amounts(r.spent) or "—"  # every currency, as on the card
            texts = [r.name, listed(name for name, _c in r.stores), r.phone or "",
                     segment_label(r.segment) if r.segment else "", str(r.orders), spent,
                     _day(r.last_order_at), _day(r.last_contact_at)]
            self._texts[id(r)] = texts
        return texts

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(self.rows[index.row()])[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CustomersPage(Page):
    openConversation = Signal(int)  # noqa: N815
    openReturn = Signal(int)  # noqa: N815
    openComplaint = Signal(int)  # noqa: N815
    startReturn = Signal(int)  # noqa: N815 - an order on the card
    changed = Signal()  # a merge or its undo

    def __init__(self, object_name: str, db: Database, parent: QWidget | None = None) -> None:
        self.db = db
        self.agent: Agent | None = None
        super().__init__(object_name, parent)

    def build(self) -> None:
        self.description.setVisible(False)
        self.figures.parentWidget().setVisible(False)
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(200)
        self.search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self.reload)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("customerTagFilter")
        self.segment_filter = QComboBox()
        self.segment_filter.setObjectName("customerSegmentFilter")
        self.segment_filter.addItem("", None)
        for segment in Segment:
            self.segment_filter.addItem("", segment.value)
        self.store_filter = QComboBox()
        self.store_filter.setObjectName("customerStoreFilter")
        self.sort = QComboBox()
        self.sort.setObjectName("customerSort")
        for key in svc.Sort:
            self.sort.addItem("", key.value)
        self.merge_button = QPushButton()
        self.merge_button.setObjectName("duplicatesButton")
        self.merge_button.clicked.connect(lambda: self.merge_customers())
        self.fill_filters()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.merge_button)
        filter_bar = QWidget()
        filters = FlowLayout(filter_bar)  # wraps rather than clipping the boxes' words
        for box in (self.tag_filter, self.segment_filter, self.store_filter, self.sort):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            filters.addWidget(box)
        self.model = CustomersModel()
        self.table = row_table(QTableView(), "customerList")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # stores: elided
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.card = CustomerCard(self.db)
        self.card.setMinimumWidth(340)
        self.card.openConversation.connect(self.openConversation)
        self.card.openReturn.connect(self.openReturn)
        self.card.openComplaint.connect(self.openComplaint)
        self.card.startReturn.connect(self.startReturn)
        self.card.customersChanged.connect(self._merged)
        self.count = QLabel()
        self.count.setObjectName("customersCount")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(filter_bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.body.addWidget(splitter, 1)
        self.total = 0
        self._counting: svc.CustomerFilter | None = None  # being counted, not shown yet
        self._counter: Background | None = None
        QShortcut(QKeySequence("Ctrl+F"), self, lambda: (self.search.setFocus(),
                                                         self.search.selectAll()))

    def fill_filters(self) -> None:
        """Stores and tags as they are now (tags change in Settings → Tags)."""
        with self.db.read_session() as session:
            stores = list(session.execute(select(Store.id, Store.name).order_by(Store.id)))
            tags = [(t.id, t.name) for t in all_tags(session)]
        for box, items in ((self.store_filter, stores), (self.tag_filter, tags)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem("", None)
            for key, name in items:
                box.addItem(name, key)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self.retranslate()

    def first_show(self) -> None:
        self.reload()

    def retranslate(self) -> None:
        if not hasattr(self, "count"):
            return  # still building
        self.title.setText(self.tr("Customers"))
        self.search.setPlaceholderText(self.tr(
            "Name, handle, phone, e-mail or order no. (Ctrl+F)"))
        self.tag_filter.setItemText(0, self.tr("Any tag"))
        self.store_filter.setItemText(0, self.tr("All stores"))
        self.segment_filter.setItemText(0, self.tr("Any segment"))
        for i in range(1, self.segment_filter.count()):
            self.segment_filter.setItemText(i, segment_label(self.segment_filter.itemData(i)))
        names = {svc.Sort.LAST_ORDER: self.tr("Last order first"),
                 svc.Sort.SPENT: self.tr("Most spent first"),
                 svc.Sort.LAST_CONTACT: self.tr("Last contact first"),
                 svc.Sort.NAME: self.tr("By name")}
        for i in range(self.sort.count()):
            self.sort.setItemText(i, names[svc.Sort(self.sort.itemData(i))])
        self._merge_button_state()
        self.model.retranslate()
        self._show_count()

    def set_actor(self, agent: Agent | None) -> None:
        """Who is looking: the list and the open card are shown again for them (masking
        and what they may do depend on it)."""
        self.agent = agent
        self._merge_button_state()
        if getattr(self, "_shown", False):
            self.reload()
        self.card.show_customer(self.card.customer_id, agent)

    def records_changed(self, customer_id: int | None) -> None:
        """Some customer's records changed (``CustomerRecords``); None: reload the list."""
        if customer_id is None and getattr(self, "_shown", False):
            self.reload()
        self.card.records_changed(customer_id)

    def _merge_button_state(self) -> None:
        why = denied(self.agent, Action.REPLY)
        pair = len(self.selected_ids()) == 2
        self.merge_button.setText(self.tr("Merge selected…") if pair
                                  else self.tr("Possible duplicates…"))
        self.merge_button.setEnabled(why is None)
        self.merge_button.setToolTip(why or self.tr(
            "Customers that are probably one person across stores; select two rows to merge "
            "them directly"))

    def customer_filter(self) -> svc.CustomerFilter:
        return svc.CustomerFilter(text=self.search.text(), tag_id=self.tag_filter.currentData(),
                                  segment=self.segment_filter.currentData(),
                                  store_id=self.store_filter.currentData(),
                                  sort=svc.Sort(self.sort.currentData()))

    def reload(self) -> None:
        self.search_timer.stop()
        flt, viewer = self.customer_filter(), self.agent
        keep = self.card.customer_id

        def fetch(after: svc.CustomerRow | None, limit: int) -> list[svc.CustomerRow]:
            with self.db.read_session() as session:
                return svc.page(session, flt, viewer, after, limit)

        self.model.reset(fetch)
        self._count(flt)
        row = next((i for i, r in enumerate(self.model.rows) if r.id == keep), None)
        if row is None and self.model.rows:
            row = 0
        if row is not None:
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
        else:
            self.card.show_customer(None, self.agent)

    def _count(self, flt: svc.CustomerFilter) -> None:
        """How many customers match, counted off the GUI thread (a count reads every
        matching row: the first page must not wait for it); one count at a time, the last
        filter's once the running one is done."""
        self._counting = flt
        self._show_count()
        if self._counter is None:
            QTimer.singleShot(0, self._start_count)  # once the first page is painted

    def _start_count(self) -> None:
        if self._counter is not None or self._counting is None:
            return
        db, flt, viewer = self.db, self._counting, self.agent

        def work() -> tuple[svc.CustomerFilter, int]:
            with db.read_session() as session:
                return flt, svc.count(session, flt, viewer)

        self._counter = Background.call(work, self._counted, self._count_failed)

    def _counted(self, result: tuple[svc.CustomerFilter, int]) -> None:
        self._counter = None
        flt, total = result
        if flt == self._counting:
            self.total, self._counting = total, None
            self._show_count()
        elif self._counting is not None:
            self._start_count()

    def _count_failed(self) -> None:
        self._counter = None  # no number shown; the next reload counts again
        self._counting = None
        self.count.clear()

    def busy(self) -> bool:
        """Whether the count is still to be read."""
        return self._counting is not None

    def _show_count(self) -> None:
        if self._counting is not None:
            self.count.setText(self.tr("Counting customers…"))
        else:
            self.count.setText(self.tr("%1 customers").replace("%1", f"{self.total:,}"))

    def selected_ids(self) -> list[int]:
        if not hasattr(self, "table"):
            return []
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def _selected(self) -> None:
        ids = self.selected_ids()
        self._merge_button_state()
        if len(ids) == 1 and ids[0] != self.card.customer_id:
            self.card.show_customer(ids[0], self.agent)

    def merge_customers(self) -> None:
        """Open the merge dialog: the two selected customers, or ShopDesk's suggestions."""
        if self.agent is None or denied(self.agent, Action.REPLY):
            return
        ids = self.selected_ids()
        pair = (ids[0], ids[1]) if len(ids) == 2 else None
        dialog = MergeDialog(self.db, self.agent, pair=pair, parent=self.window())
        dialog.merged.connect(self._merged)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _merged(self) -> None:
        self.changed.emit()  # the window tells every view (this one too): records_changed
