"""The returns wizard's middle steps: the kind of case, then the reason with the
customer's details and photos."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from shopdesk.errors import ShopDeskError
from shopdesk.models.enums import ReturnKind, ReturnReason
from shopdesk.services import return_cases, return_orders, return_photos
from shopdesk.ui.images import choose_images, read_image
from shopdesk.ui.labels import return_kind_label, return_reason_label
from shopdesk.ui.service_text import translated
from shopdesk.ui.wizard_step import WizardStep, day

if TYPE_CHECKING:
    from shopdesk.ui.return_wizard import ReturnWizard


class KindPage(WizardStep):
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


def default_reason(facts: return_orders.OrderFacts | None, kind: ReturnKind) -> ReturnReason:
    """The reason the wizard starts with: one that applies to the order. No reason only
    inside the no-reason window; past it (or before delivery) the likeliest real reason of
    the kind of case."""
    window = facts.window if facts is not None else None
    if window is not None and window.inside:
        return ReturnReason.NO_REASON_7_DAYS
    if kind == ReturnKind.EXCHANGE:
        return ReturnReason.SIZE_OR_FIT
    if kind == ReturnKind.REFUND_ONLY and window is not None and window.ends_at is None:
        return ReturnReason.LATE_DELIVERY  # not delivered yet
    if window is None or window.ends_at is None:
        return ReturnReason.NO_REASON_7_DAYS
    return ReturnReason.QUALITY_ISSUE


class ReasonPage(WizardStep):
    def __init__(self, wizard: ReturnWizard) -> None:
        super().__init__(wizard)
        self.reason = QComboBox()
        self.reason.setObjectName("reasonBox")
        for reason in ReturnReason:
            self.reason.addItem("", reason.value)
        self.reason.currentIndexChanged.connect(self._explain)
        self.picked = False  # the user chose a reason: keep it when coming back
        self.reason.activated.connect(lambda _i: setattr(self, "picked", True))
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
        facts = self.w.facts
        outside = facts is not None and facts.window.inside is False
        item = self.reason.model().item(self.reason.findData(ReturnReason.NO_REASON_7_DAYS.value))
        item.setEnabled(not outside)  # the page says why: the window is over
        if not self.picked or (outside and self.reason_value() == ReturnReason.NO_REASON_7_DAYS):
            self.reason.setCurrentIndex(self.reason.findData(
                default_reason(facts, self.w.kind_page.kind()).value))
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
            return_photos.check_photos(self.files)
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
            text = (text.replace("%1", day(facts.delivered_at)).replace("%2", str(window.days))
                    .replace("%3", day(window.ends_at)))
        self.window_info.setText(text)
        self.window_info.setStyleSheet("" if window.inside is not False else "color: #B45309")
        if self.w.kind_page.kind() == ReturnKind.REFUND_ONLY:
            self.shipping_info.setText(self.tr("Refund only: nothing is sent back."))
        elif return_cases.shipping_payer(self.reason_value()) == "shop":
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
