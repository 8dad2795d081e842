"""The Customers page: every customer, searched, filtered and sorted, paged from the
database, with the customer card beside the list; and the merge dialog for customers that
are probably one person."""

from __future__ import annotations

import html
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
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.money import format_money
from shopdesk.services import customer_list as svc
from shopdesk.services import duplicates
from shopdesk.services.permissions import Action
from shopdesk.services.segments import Segment
from shopdesk.services.tags import all_tags
from shopdesk.times import to_local
from shopdesk.ui.customer_card import CustomerCard
from shopdesk.ui.forms import error_label
from shopdesk.ui.labels import segment_label
from shopdesk.ui.page import Page
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.table_model import PagedRowsModel, row_table


def _day(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d}" if when else "—"


class CustomersModel(PagedRowsModel):
    PAGE = svc.PAGE

    def headers(self) -> list[str]:
        return [self.tr("Customer"), self.tr("Stores"), self.tr("Phone"), self.tr("Segment"),
                self.tr("Orders"), self.tr("Spent"), self.tr("Last order"),
                self.tr("Last contact")]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            spent = format_money(r.spent_minor, r.spent_currency) if r.spent_currency else "—"
            return [r.name, ", ".join(name for name, _c in r.stores), r.phone or "",
                    segment_label(r.segment) if r.segment else "", str(r.orders), spent,
                    _day(r.last_order_at), _day(r.last_contact_at)][column]
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
        filters = QHBoxLayout()
        for box in (self.tag_filter, self.segment_filter, self.store_filter, self.sort):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            filters.addWidget(box)
        filters.addStretch(1)
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
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.body.addWidget(splitter, 1)
        self.total = 0
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
        with self.db.read_session() as session:
            self.total = svc.count(session, flt)
        self._show_count()
        row = next((i for i, r in enumerate(self.model.rows) if r.id == keep), None)
        if row is None and self.model.rows:
            row = 0
        if row is not None:
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), flags.ClearAndSelect | flags.Rows)
        else:
            self.card.show_customer(None, self.agent)

    def _show_count(self) -> None:
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


class MergeDialog(QDialog):
    """Customers that are probably one person: pick a pair, see what combines, choose which
    record to keep, merge; the last merge can be undone here (and later from the card)."""

    merged = Signal()

    def __init__(self, db: Database, agent: Agent, *, pair: tuple[int, int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.db, self.agent = db, agent
        self.setWindowTitle(self.tr("Merge customers"))
        self.resize(900, 640)
        self.list = row_table(QTableWidget(0, 3), "duplicateList")
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.list.setHorizontalHeaderLabels([self.tr("Customer"), self.tr("Probably also"),
                                             self.tr("Why")])
        self.list.itemSelectionChanged.connect(self._compare)
        self.sides = [QTextBrowser(), QTextBrowser()]
        self.keep = [QRadioButton(), QRadioButton()]
        for n, (view, radio) in enumerate(zip(self.sides, self.keep, strict=True)):
            view.setObjectName(f"mergeSide{n}")
            radio.setObjectName(f"keepSide{n}")
            radio.setText(self.tr("Keep this record"))
            radio.toggled.connect(lambda _on: self._summarise())
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.error = error_label("mergeError")
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        self.status.setStyleSheet("color: #15803D")
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.merge)
        self.undo_button = QPushButton(self.tr("Undo merge"))
        self.undo_button.setObjectName("undoMergeButton")
        self.undo_button.clicked.connect(self.undo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.not_same_button = QPushButton(self.tr("Not the same person"))
        self.not_same_button.setObjectName("notSameButton")
        self.not_same_button.clicked.connect(self.not_same)
        for button in (self.not_same_button, self.undo_button):
            button.setAutoDefault(False)  # Enter merges, never marks or undoes by accident
        buttons.addButton(self.not_same_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setVisible(False)  # (adding it to the box showed it)
        compare = QHBoxLayout()
        for view, radio in zip(self.sides, self.keep, strict=True):
            column = QVBoxLayout()
            column.addWidget(radio)
            column.addWidget(view, 1)
            compare.addLayout(column, 1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(compare, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(buttons)
        layout.addLayout(status_row)
        self.pairs: list[tuple[int, int]] = []
        self.previews: tuple[duplicates.Side, duplicates.Side] | None = None
        self.last_event: int | None = None  # what Undo undoes: a merge…
        self.last_distinct: tuple[int, int] | None = None  # …or a "not the same person"
        self.fixed = pair
        self.keep[0].setChecked(True)
        self.load()

    def load(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # half a second at 100k
        try:
            found = self._find()
        finally:
            QApplication.restoreOverrideCursor()
        self._fill(found)

    def _find(self) -> list[duplicates.Suggestion]:
        with self.db.read_session() as session:
            if self.fixed is not None:
                a, b = (duplicates.side(session, cid, self.agent) for cid in self.fixed)
                return [duplicates.Suggestion(a.id, a.name, b.id, b.name, ())]
            return duplicates.suggestions(session)

    def _fill(self, found: list[duplicates.Suggestion]) -> None:
        why = {duplicates.Reason.PHONE: self.tr("same phone"),
               duplicates.Reason.EMAIL: self.tr("same e-mail"),
               duplicates.Reason.NAME_ADDRESS: self.tr("same name and address")}
        self.pairs = [(d.a, d.b) for d in found]
        self.list.setRowCount(len(found))
        for row, d in enumerate(found):
            reasons = ", ".join(why[r] for r in d.reasons) or self.tr("chosen by you")
            for column, value in enumerate((d.a_name, d.b_name, reasons)):
                self.list.setItem(row, column, QTableWidgetItem(value))
        self.intro.setText(
            self.tr("%1 pairs of customers look like one person. Choose a pair, check what "
                    "combines, then merge; a merge can be undone.").replace("%1", str(len(found)))
            if self.fixed is None else self.tr("Check what combines, then merge; a merge can "
                                               "be undone."))
        if found:
            flags = QItemSelectionModel.SelectionFlag
            self.list.selectionModel().select(self.list.model().index(0, 0),
                                              flags.ClearAndSelect | flags.Rows)
        else:
            self._compare()

    def _pair(self) -> tuple[int, int] | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.pairs):
            return None
        return self.pairs[rows[0].row()]

    def _compare(self) -> None:
        pair = self._pair()
        self.error.clear()
        if pair is None:
            self.previews = None
            for view in self.sides:
                view.clear()
            self._summarise()
            return
        with self.db.read_session() as session:
            self.previews = (duplicates.side(session, pair[0], self.agent),
                             duplicates.side(session, pair[1], self.agent))
        for view, side in zip(self.sides, self.previews, strict=True):
            view.setHtml(self._render(side))
        self._summarise()

    def _count_names(self) -> dict[str, str]:
        return {"identities": self.tr("Store accounts"), "orders": self.tr("Orders"),
                "conversations": self.tr("Conversations"), "notes": self.tr("Notes"),
                "returns": self.tr("Returns"), "complaints": self.tr("Complaints")}

    def _render(self, side: duplicates.Side) -> str:
        e = html.escape
        parts = [f"<h3>{e(side.name)}</h3>"]
        for store, handle in side.identities:
            parts.append(f"<div>{e(store)} · {e(handle)}</div>")
        contact = [x for x in (side.phone, side.email, side.address) if x]
        if contact:
            parts.append("<p>" + "<br>".join(e(x) for x in contact) + "</p>")
        if side.tags:
            parts.append("<p>" + e(", ".join(side.tags)) + "</p>")
        parts.append("<table>" + "".join(
            f"<tr><td style='color:#6B7280'>{e(label)}</td><td>{side.counts.get(key, 0)}</td>"
            "</tr>" for key, label in self._count_names().items()) + "</table>")
        return "".join(parts)

    def _summarise(self) -> None:
        self.merge_button.setEnabled(self.previews is not None)
        self.not_same_button.setEnabled(self.previews is not None)
        self.not_same_button.setVisible(self.fixed is None)
        if self.previews is None:
            self.summary.setText(self.tr("No customers to merge."))
            return
        keep, other = self._keep_other()
        totals = ", ".join(f"{label} {keep.counts.get(key, 0) + other.counts.get(key, 0)}"
                           for key, label in self._count_names().items())
        def who(side: duplicates.Side) -> str:  # one person often has one name in two stores
            return f"{side.name} ({side.identities[0][0]})" if side.identities else side.name

        self.summary.setText(
            self.tr("After the merge, %1 keeps everything of %2: %3. %2 disappears from the "
                    "lists.").replace("%1", who(keep)).replace("%2", who(other))
            .replace("%3", totals))

    def _keep_other(self) -> tuple[duplicates.Side, duplicates.Side]:
        assert self.previews is not None
        a, b = self.previews
        return (a, b) if self.keep[0].isChecked() else (b, a)

    def merge(self) -> None:
        if self.previews is None:
            return
        keep, other = self._keep_other()
        try:
            with self.db.transaction() as session:
                event = duplicates.merge(session, session.get(Agent, self.agent.id),
                                         keep.id, other.id)
                self.last_event = event.id
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.last_distinct = None
        self.undo_button.setText(self.tr("Undo merge"))
        self.undo_button.setVisible(True)
        self.merged.emit()
        if self.fixed is not None:  # the pair is one customer now
            self.list.setRowCount(0)
            self.pairs = []
            self._compare()
        else:
            self.load()
        self.status.setText(self.tr("%1 was merged into %2.").replace("%1", other.name)
                             .replace("%2", keep.name))

    def not_same(self) -> None:
        """"Not the same person": the pair leaves the suggestions for good (undoable)."""
        pair = self._pair()
        if pair is None:
            return
        try:
            with self.db.transaction() as session:
                duplicates.mark_distinct(session, session.get(Agent, self.agent.id), *pair)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        self.last_event, self.last_distinct = None, pair
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setVisible(True)
        self.load()
        self.status.setText(self.tr("These two will not be suggested again."))

    def undo(self) -> None:
        if self.last_event is None and self.last_distinct is None:
            return
        try:
            with self.db.transaction() as session:
                agent = session.get(Agent, self.agent.id)
                if self.last_event is not None:
                    duplicates.undo_merge(session, agent, self.last_event)
                else:
                    duplicates.unmark_distinct(session, agent, *self.last_distinct)
        except ShopDeskError as exc:
            self.error.setText(translated(str(exc)))
            return
        merged = self.last_event is not None
        self.last_event = self.last_distinct = None
        self.undo_button.setVisible(False)
        if merged:
            self.merged.emit()
        self.load()
        self.status.setText(self.tr("The merge was undone.") if merged
                            else self.tr("The pair is suggested again."))
