"""The returns wizard: order → items → kind → reason → amount → review.

Every page checks its input with the rules in ``services.return_cases`` and says what is
wrong in a red line; nothing is written until Finish. The wizard works with the keyboard
alone: type to search, arrows to pick, Enter for Next.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Order
from shopdesk.models.enums import ReturnKind, ReturnReason
from shopdesk.money import format_money, format_plain, parse_amount
from shopdesk.services import return_cases as svc
from shopdesk.times import to_local
from shopdesk.ui.forms import error_label
from shopdesk.ui.images import choose_images, read_image
from shopdesk.ui.labels import return_kind_label, return_reason_label
from shopdesk.ui.service_text import translated
from shopdesk.ui.table_model import row_table


def _day(when: datetime | None) -> str:
    return f"{to_local(when):%Y-%m-%d}" if when else ""


class _Page(QWizardPage):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__()
        self.w = wizard
        self.error = error_label()
        self.layout_ = QVBoxLayout(self)

    def fail(self, message: str) -> bool:
        self.error.setText(message)
        return False

    @staticmethod
    def focus_later(widget: QWidget) -> None:
        """Focus ``widget`` once the wizard has finished showing the page (it focuses the
        page's first child itself right after ``initializePage``)."""
        QTimer.singleShot(0, widget, lambda: (widget.setFocus(), _select_all(widget)))


def _select_all(widget: QWidget) -> None:
    select = getattr(widget, "selectAll", None)
    if select is not None:
        select()


class OrderPage(_Page):
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
        self.hits: list[svc.OrderHit] = []

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
                self.hits = svc.find_orders(session, text)
            elif w.order_id is not None:
                self.hits = [h for h in svc.find_orders(session, "", customer_id=w.customer_id)
                             if h.order_id == w.order_id] or self.hits
            elif w.customer_id is not None:
                self.hits = (svc.find_orders(session, "", customer_id=w.customer_id,
                                             store_id=w.store_id)
                             or svc.find_orders(session, "", customer_id=w.customer_id))
            else:
                self.hits = []
        self.results.setRowCount(len(self.hits))
        for row, hit in enumerate(self.hits):
            values = [hit.order_no, hit.store_name, hit.customer_name, _day(hit.placed_at),
                      f"{format_money(hit.total_minor, hit.currency)} · {hit.titles}"]
            for col, value in enumerate(values):
                self.results.setItem(row, col, QTableWidgetItem(value))
        self.results.resizeColumnsToContents()
        self.results.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        chosen = next((i for i, h in enumerate(self.hits) if h.order_id == w.order_id), None)
        if chosen is None and len(self.hits) == 1:
            chosen = 0
        if chosen is not None:
            self._select(chosen)
        else:
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
                w.facts = svc.order_facts(session, hit.order_id)
            w.order_id = hit.order_id
            self.details.setText(self.describe(w.facts))
        self.error.clear()
        self.completeChanged.emit()

    def describe(self, f: svc.OrderFacts) -> str:
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


class ItemsPage(_Page):
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
        first = next((s for s in self.spins.values() if s.isEnabled()), None)
        if first:
            self.focus_later(first)

    def quantities(self) -> dict[str, int]:
        return {sku: spin.value() for sku, spin in self.spins.items() if spin.value()}

    def validatePage(self) -> bool:  # noqa: N802
        try:
            svc.check_items(self.w.facts, self.quantities())  # type: ignore[arg-type]
        except ShopDeskError as exc:
            return self.fail(translated(str(exc)))
        return True


class KindPage(_Page):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.group = QButtonGroup(self)
        self.buttons: dict[ReturnKind, QRadioButton] = {}
        for kind in ReturnKind:
            button = QRadioButton()
            button.setObjectName(f"kind_{kind.value}")
            self.group.addButton(button)
            self.buttons[kind] = button
            self.layout_.addWidget(button)
        self.buttons[ReturnKind.RETURN_REFUND].setChecked(True)
        self.replacement_label = QLabel()
        self.replacement = QLineEdit()
        self.replacement.setObjectName("replacementEdit")
        self.replacement_label.setBuddy(self.replacement)
        self.layout_.addSpacing(8)
        self.layout_.addWidget(self.replacement_label)
        self.layout_.addWidget(self.replacement)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        self.group.buttonToggled.connect(lambda _b, _on: self._changed())
        self._changed()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Kind"))
        self.setSubTitle(self.tr("What does the customer want?"))
        hints = {
            ReturnKind.REFUND_ONLY: self.tr("Money back, the goods stay with the customer"),
            ReturnKind.RETURN_REFUND: self.tr("The goods come back, then the money"),
            ReturnKind.EXCHANGE: self.tr("The goods come back, a replacement goes out"),
        }
        for n, (kind, button) in enumerate(self.buttons.items(), start=1):
            button.setText(f"&{n} {return_kind_label(kind)} — {hints[kind]}")
        self.replacement_label.setText(self.tr("&Replacement (item, size, colour):"))

    def kind(self) -> ReturnKind:
        return next((k for k, b in self.buttons.items() if b.isChecked()),
                    ReturnKind.RETURN_REFUND)

    def _changed(self) -> None:
        exchange = self.kind() == ReturnKind.EXCHANGE
        self.replacement.setEnabled(exchange)
        self.replacement_label.setEnabled(exchange)
        self.error.clear()

    def initializePage(self) -> None:  # noqa: N802
        self.focus_later(self.buttons[self.kind()])

    def validatePage(self) -> bool:  # noqa: N802
        if self.kind() == ReturnKind.EXCHANGE and not self.replacement.text().strip():
            self.replacement.setFocus()
            return self.fail(self.tr("Say what the customer gets in exchange."))
        return True


class ReasonPage(_Page):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.reason = QComboBox()
        self.reason.setObjectName("reasonBox")
        for reason in ReturnReason:
            self.reason.addItem("", reason.value)
        self.reason.currentIndexChanged.connect(self._explain)
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.photos = QListWidget()
        self.photos.setObjectName("evidencePhotos")
        self.photos.setMaximumHeight(70)
        self.add_photo = QPushButton()
        self.add_photo.setObjectName("addPhotoButton")
        self.add_photo.clicked.connect(lambda: self.add_files(choose_images(self)))
        self.remove_photo = QPushButton()
        self.remove_photo.clicked.connect(self._remove)
        self.window_info = QLabel()
        self.window_info.setObjectName("windowInfo")
        self.window_info.setWordWrap(True)
        self.shipping_info = QLabel()
        self.shipping_info.setObjectName("shippingInfo")
        self.shipping_info.setWordWrap(True)
        self.form = QFormLayout()
        self.reason_label, self.text_label, self.photos_label = QLabel(), QLabel(), QLabel()
        self.reason_label.setBuddy(self.reason)
        self.text_label.setBuddy(self.text)
        self.form.addRow(self.reason_label, self.reason)
        self.form.addRow(self.text_label, self.text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_photo)
        buttons.addWidget(self.remove_photo)
        buttons.addStretch(1)
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photos)
        photo_box.addLayout(buttons)
        self.form.addRow(self.photos_label, photo_box)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.window_info)
        self.layout_.addWidget(self.shipping_info)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        self.files: list[tuple[str, str, bytes]] = []

    def retranslate(self) -> None:
        self.setTitle(self.tr("Reason"))
        self.setSubTitle(self.tr("Why, in the customer's words, with photos if there are any."))
        for i in range(self.reason.count()):
            self.reason.setItemText(i, return_reason_label(self.reason.itemData(i)))
        self.reason_label.setText(self.tr("R&eason:"))
        self.text_label.setText(self.tr("&Details:"))
        self.photos_label.setText(self.tr("Photos:"))
        self.add_photo.setText(self.tr("&Add photos…"))
        self.remove_photo.setText(self.tr("Remove"))

    def reason_value(self) -> ReturnReason:
        return ReturnReason(self.reason.currentData())

    def initializePage(self) -> None:  # noqa: N802
        self._explain()
        self.focus_later(self.reason)

    def add_files(self, paths) -> None:  # type: ignore[no-untyped-def]
        for path in paths:
            try:
                self.files.append(read_image(path))
            except OSError as exc:
                self.fail(f"{path.name}: {exc.strerror}")
                return
        try:
            svc.check_photos(self.files)
        except ShopDeskError as exc:
            self.files = self.files[:-len(paths)] if paths else self.files
            self.fail(translated(str(exc)))
        self._show_files()

    def _remove(self) -> None:
        row = self.photos.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self._show_files()

    def _show_files(self) -> None:
        self.photos.clear()
        for name, _mime, data in self.files:
            self.photos.addItem(f"{name} ({len(data) // 1024 + 1} KB)")

    def _explain(self) -> None:
        facts = self.w.facts
        if facts is None:
            return
        window = facts.window
        if window.ends_at is None:
            text = self.tr("Not delivered yet (or the delivery date is unknown): the "
                           "%1-day no-reason window has not started.").replace(
                "%1", str(window.days))
        elif window.inside:
            text = self.tr("Delivered %1: inside the %2-day no-reason return window "
                           "(until %3).")
        else:
            text = self.tr("Delivered %1: outside the %2-day no-reason return window "
                           "(it ended %3).")
        if window.ends_at is not None:
            text = (text.replace("%1", _day(facts.delivered_at)).replace("%2", str(window.days))
                    .replace("%3", _day(window.ends_at)))
        self.window_info.setText(text)
        self.window_info.setStyleSheet("" if window.inside is not False else "color: #B45309")
        if self.w.kind_page.kind() == ReturnKind.REFUND_ONLY:
            self.shipping_info.setText(self.tr("Refund only: nothing is sent back."))
        elif svc.shipping_payer(self.reason_value()) == "shop":
            self.shipping_info.setText(self.tr("Return shipping for this reason: paid by the "
                                               "shop."))
        else:
            self.shipping_info.setText(self.tr("Return shipping for this reason: paid by the "
                                               "customer."))
        self.error.clear()

    def validatePage(self) -> bool:  # noqa: N802
        facts = self.w.facts
        reason = self.reason_value()
        if reason == ReturnReason.NO_REASON_7_DAYS and facts and facts.window.inside is False:
            return self.fail(self.tr("The order is outside the no-reason window; choose the "
                                     "real reason."))
        if reason == ReturnReason.OTHER and not self.text.toPlainText().strip():
            self.text.setFocus()
            return self.fail(self.tr("Describe the reason when it is “Other”."))
        return True


class AmountPage(_Page):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.amount = QLineEdit()
        self.amount.setObjectName("amountEdit")
        self.amount.textEdited.connect(lambda _t: self.error.clear())
        self.currency = QLabel()
        self.suggested = QLabel()
        self.suggested.setObjectName("suggestedAmount")
        self.suggested.setWordWrap(True)
        self.cap = QLabel()
        self.cap.setObjectName("amountCap")
        self.cap.setWordWrap(True)
        self.amount_label = QLabel()
        self.amount_label.setBuddy(self.amount)
        row = QHBoxLayout()
        row.addWidget(self.amount_label)
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.suggested)
        self.layout_.addWidget(self.cap)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        self.suggestion = 0

    def retranslate(self) -> None:
        self.setTitle(self.tr("Amount"))
        self.setSubTitle(self.tr("What the customer gets back. Partial amounts are fine."))
        self.amount_label.setText(self.tr("A&mount:"))

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None
        suggestion = svc.suggest_amount(facts, w.items_page.quantities(), w.kind_page.kind(),
                                        w.reason_page.reason_value())
        if not self.amount.isModified() or suggestion != self.suggestion:
            self.amount.setText(format_plain(suggestion, facts.currency))
            self.amount.setModified(False)
        self.suggestion = suggestion
        self.currency.setText(facts.currency)
        text = self.tr("Suggested from the items: %1.").replace(
            "%1", format_money(suggestion, facts.currency))
        if w.kind_page.kind() == ReturnKind.EXCHANGE:
            text += " " + self.tr("For an exchange this is the value of the goods; nothing "
                                  "is refunded.")
        self.suggested.setText(text)
        self.cap.setText(self.tr("At most %1 can be refunded (paid %2, refunded %3).")
                         .replace("%1", format_money(facts.refundable_minor, facts.currency))
                         .replace("%2", format_money(facts.total_minor, facts.currency))
                         .replace("%3", format_money(facts.refunded_minor, facts.currency)))
        self.focus_later(self.amount)

    def amount_minor(self) -> int:
        assert self.w.facts is not None
        return parse_amount(self.amount.text(), self.w.facts.currency)

    def validatePage(self) -> bool:  # noqa: N802
        try:
            svc.check_amount(self.w.facts, self.amount_minor())  # type: ignore[arg-type]
        except ShopDeskError as exc:
            self.amount.setFocus()
            return self.fail(translated(str(exc)))
        return True


class ReviewPage(_Page):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.send = QCheckBox()
        self.send.setObjectName("sendMessageBox")
        self.send.setChecked(True)
        self.message = QPlainTextEdit()
        self.message.setObjectName("customerMessage")
        self.message.setTabChangesFocus(True)
        self.send.toggled.connect(self.message.setEnabled)
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.send)
        self.layout_.addWidget(self.message, 1)
        self.layout_.addWidget(self.error)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("Finish creates the case and notes it in the conversation."))
        self.send.setText(self.tr("&Send this message to the customer"))

    def initializePage(self) -> None:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None
        amount = w.amount_page.amount_minor()
        kind, reason = w.kind_page.kind(), w.reason_page.reason_value()
        items = ", ".join(f"{line.title} × {w.items_page.quantities()[line.sku]}"
                          for line in facts.items if line.sku in w.items_page.quantities())
        rows = [
            (self.tr("Order"), f"{facts.order_no} · {facts.store_name}"),
            (self.tr("Customer"), facts.customer_name),
            (self.tr("Items"), items),
            (self.tr("Kind"), return_kind_label(kind)),
            (self.tr("Reason"), return_reason_label(reason)),
            (self.tr("Amount"), format_money(amount, facts.currency)),
        ]
        if kind == ReturnKind.EXCHANGE:
            rows.append((self.tr("Replacement"), w.kind_page.replacement.text().strip()))
        if w.reason_page.files:
            rows.append((self.tr("Photos"), str(len(w.reason_page.files))))
        self.summary.setText("<table cellpadding='3'>" + "".join(
            f"<tr><td style='color:#6B7280'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows) + "</table>")
        with w.db.read_session() as session:
            w.conversation_id = w.conversation_id or self._conversation(session)
            text = svc.request_message(session, facts, amount, w.conversation_id)
        has_conversation = w.conversation_id is not None
        self.send.setEnabled(has_conversation)
        self.send.setChecked(has_conversation)
        self.message.setEnabled(has_conversation)
        self.message.setPlainText(text if has_conversation else self.tr(
            "This customer has no conversation in this store; nothing will be sent."))

    def _conversation(self, session) -> int | None:  # type: ignore[no-untyped-def]
        from sqlalchemy import select

        facts = self.w.facts
        assert facts is not None
        return session.scalars(
            select(Conversation.id).where(Conversation.customer_id == facts.customer_id,
                                          Conversation.store_id == facts.store_id)
            .order_by(Conversation.last_message_at.desc().nulls_last()).limit(1)).first()

    def validatePage(self) -> bool:  # noqa: N802
        w = self.w
        facts = w.facts
        assert facts is not None and w.agent is not None
        new = svc.NewCase(
            order_id=facts.order_id, quantities=w.items_page.quantities(),
            kind=w.kind_page.kind(), reason=w.reason_page.reason_value(),
            amount_minor=w.amount_page.amount_minor(),
            reason_text=w.reason_page.text.toPlainText(),
            replacement=w.kind_page.replacement.text(), photos=list(w.reason_page.files),
            conversation_id=w.conversation_id,
            customer_message=self.message.toPlainText() if self.send.isChecked() else "",
            lang=w.lang)
        try:
            with w.db.transaction() as session:
                case = svc.create_case(session, session.get(Agent, w.agent.id), new)
                w.case_id = case.id
        except ShopDeskError as exc:
            return self.fail(translated(str(exc)))
        return True


class ReturnWizard(QWizard):
    """Start a return case. Pre-fills what it is given: an order, a customer (and store),
    a conversation."""

    def __init__(self, db: Database, agent: Agent, *, order_id: int | None = None,
                 customer_id: int | None = None, store_id: int | None = None,
                 conversation_id: int | None = None, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnWizard")
        self.db = db
        self.agent = agent
        self.order_id = order_id
        self.customer_id = customer_id
        self.store_id = store_id
        self.conversation_id = conversation_id
        self.lang = lang
        self.facts: svc.OrderFacts | None = None
        self.case_id: int | None = None
        with db.read_session() as session:
            if conversation_id is not None:
                conv = session.get(Conversation, conversation_id)
                if conv is not None:
                    self.customer_id, self.store_id = conv.customer_id, conv.store_id
            if order_id is not None:
                order = session.get(Order, order_id)
                if order is not None:
                    self.customer_id, self.store_id = order.customer_id, order.store_id
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.order_page = OrderPage(self)
        self.items_page = ItemsPage(self)
        self.kind_page = KindPage(self)
        self.reason_page = ReasonPage(self)
        self.amount_page = AmountPage(self)
        self.review_page = ReviewPage(self)
        self.pages_ = [self.order_page, self.items_page, self.kind_page, self.reason_page,
                       self.amount_page, self.review_page]
        for page in self.pages_:
            self.addPage(page)
        self.resize(760, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("ReturnWizard", "Start a return"))
        for page in self.pages_:
            page.retranslate()
