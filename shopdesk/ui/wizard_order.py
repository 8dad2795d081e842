"""The returns wizard's first steps: find the order, then how many of each item."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from shopdesk.errors import ShopDeskError
from shopdesk.money import format_money
from shopdesk.services import return_opening, return_orders
from shopdesk.ui.service_text import translated
from shopdesk.ui.table_model import row_table
from shopdesk.ui.wizard_step import WizardStep, day

if TYPE_CHECKING:
    from shopdesk.ui.return_wizard import ReturnWizard


class OrderPage(WizardStep):
    """Find the order by number, customer or product; see what it allows."""

    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.search = QLineEdit()
        self.search.setObjectName("orderSearch")
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.installEventFilter(self)
        self.results = row_table(QTableWidget(0, 5), "orderResults")
        self.results.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        self.results.itemSelectionChanged.connect(self._picked)
        self.details = QLabel()
        self.details.setObjectName("orderDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.results, 1)
        self.layout_.addWidget(self.details)
        self.layout_.addWidget(self.error)
        self.hits: list[return_orders.OrderHit] = []

    def retranslate(self) -> None:
        self.setTitle(self.tr("Order"))
        self.setSubTitle(self.tr("Search by order number, customer or product."))
        self.search.setPlaceholderText(self.tr("Order number, customer or product"))
        self.results.setHorizontalHeaderLabels([
            self.tr("Order number"), self.tr("Store"), self.tr("Customer"), self.tr("Placed"),
            self.tr("Items")])

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        if not self.hits:
            self.run_search()
        self.focus_later(self.search)

    def run_search(self) -> None:
        w = self.w
        with w.db.read_session() as session:
            text = self.search.text()
            if text.strip():
                self.hits = return_orders.find_orders(session, text)
            elif w.order_id is not None:
                self.hits = [
                    h for h in return_orders.find_orders(session, "", customer_id=w.customer_id)
                    if h.order_id == w.order_id] or self.hits
            elif w.customer_id is not None:
                self.hits = (return_orders.find_orders(session, "", customer_id=w.customer_id,
                                                       store_id=w.store_id)
                             or return_orders.find_orders(session, "", customer_id=w.customer_id))
            else:
                self.hits = []
        self.results.setRowCount(len(self.hits))
        for row, hit in enumerate(self.hits):
            values = [hit.order_no, hit.store_name, hit.customer_name, day(hit.placed_at),
                      f"{format_money(hit.total_minor, hit.currency)} · {hit.titles}"]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)  # a long list of items is cut at the edge
                self.results.setItem(row, col, cell)
        self.results.resizeColumnsToContents()
        self.results.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        chosen = next((i for i, h in enumerate(self.hits) if h.order_id == w.order_id), None)
        if chosen is None and len(self.hits) == 1:
            chosen = 0
        if chosen is not None:
            self._select(chosen)
        # Always: a new search can put another order in the row that was selected, and Qt
        # then sees no change of selection (the wizard went on with the order before).
        self._picked()

    def _select(self, row: int) -> None:
        index = self.results.model().index(row, 0)
        self.results.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.results.setCurrentIndex(index)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        """Enter in the search box goes to the results (arrows pick, Enter again: Next)."""
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._to_results()
            return True
        return super().eventFilter(watched, event)

    def _to_results(self) -> None:
        self.timer.stop()
        self.run_search()
        if self.hits:
            self.results.setFocus()
            if not self.results.selectedItems():
                self._select(0)

    def _picked(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        w = self.w
        if not rows:
            w.facts = None
            self.details.setText("")
        else:
            hit = self.hits[rows[0].row()]
            with w.db.read_session() as session:
                w.facts = return_orders.order_facts(session, hit.order_id)
            w.order_id = hit.order_id
            self.details.setText(self.describe(w.facts))
        self.error.clear()
        self.completeChanged.emit()

    def describe(self, f: return_orders.OrderFacts) -> str:
        lines = [
            f"<b>{html.escape(f.order_no)}</b> · {html.escape(f.store_name)} · "
            f"{html.escape(f.customer_name)}",
            self.tr("Paid %1, of which shipping %2; refunded so far %3.")
            .replace("%1", format_money(f.total_minor, f.currency))
            .replace("%2", format_money(f.shipping_minor, f.currency))
            .replace("%3", format_money(f.refunded_minor, f.currency)),
        ]
        for line in f.items:
            lines.append("• " + html.escape(line.title) + " — " + self.tr(
                "%1 × %2 bought, %3 already returned").replace(
                "%1", format_money(line.unit_price_minor, f.currency)).replace(
                "%2", str(line.bought)).replace("%3", str(line.returned)))
        return "<br>".join(lines)

    def isComplete(self) -> bool:  # noqa: N802
        return self.w.facts is not None

    def validatePage(self) -> bool:  # noqa: N802
        facts = self.w.facts
        if facts is None:
            return self.fail(self.tr("Choose an order."))
        if all(line.available == 0 for line in facts.items):
            return self.fail(self.tr("Everything in this order is already in a return."))
        if facts.refundable_minor == 0:
            return self.fail(self.tr("This order has been refunded in full."))
        return True


class ItemsPage(WizardStep):
    """How many of each item; never more than bought minus already returned."""

    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("returnItems")
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.error)
        self.spins: dict[str, QSpinBox] = {}
        self.loaded_for: int | None = None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Items"))
        self.setSubTitle(self.tr("How many of each item does the customer return or want "
                                 "money back for?"))

    def initializePage(self) -> None:  # noqa: N802
        facts = self.w.facts
        assert facts is not None
        if self.loaded_for == facts.order_id:
            return
        self.loaded_for = facts.order_id
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.spins = {}
        heads = [self.tr("Item"), self.tr("Price"), self.tr("Bought"),
                 self.tr("Already returned"), self.tr("Quantity")]
        for col, text in enumerate(heads):
            label = QLabel(f"<b>{html.escape(text)}</b>")
            self.grid.addWidget(label, 0, col)
        for row, line in enumerate(facts.items, start=1):
            spin = QSpinBox()
            spin.setObjectName(f"qty_{line.sku}")
            spin.setRange(0, line.available)
            spin.setEnabled(line.available > 0)
            spin.setAccessibleName(line.title)
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000") + 40)
            if len([x for x in facts.items if x.available]) == 1 and line.available:
                spin.setValue(1)
            spin.valueChanged.connect(lambda _v: self.error.clear())
            name = QLabel(f"{html.escape(line.title)} <span style='color:#6B7280'>"
                          f"{html.escape(line.sku)}</span>")
            name.setBuddy(spin)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(QLabel(format_money(line.unit_price_minor, facts.currency)),
                                row, 1)
            self.grid.addWidget(QLabel(str(line.bought)), row, 2)
            self.grid.addWidget(QLabel(str(line.returned)), row, 3)
            self.grid.addWidget(spin, row, 4)
            self.spins[line.sku] = spin
        self.grid.setRowStretch(len(facts.items) + 1, 1)
        self.grid.setColumnStretch(0, 1)  # the item's name takes the width that is left
        first = next((s for s in self.spins.values() if s.isEnabled()), None)
        if first:
            self.focus_later(first)

    def quantities(self) -> dict[str, int]:
        return {sku: spin.value() for sku, spin in self.spins.items() if spin.value()}

    def validatePage(self) -> bool:  # noqa: N802
        try:
            return_opening.check_items(self.w.facts, self.quantities())  # type: ignore[arg-type]
        except ShopDeskError as exc:
            return self.fail(translated(str(exc)))
        return True
