"""The question asked before money leaves the shop: it names the amount and the customer,
and the money moves only after "Pay"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_payment(parent: QWidget, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """Ask ``text`` window-modally (not blocking the caller); ``on_yes`` runs after "Pay".
    Returns the box, so that the caller (and a test) can find it."""
    box = QMessageBox(parent)
    box.setObjectName("confirmPayment")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Confirm", "Confirm the payment"))
    box.setText(text)
    pay = box.addButton(QCoreApplication.translate("Confirm", "Pay"),
                        QMessageBox.ButtonRole.AcceptRole)
    pay.setObjectName("confirmPay")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    pay.clicked.connect(on_yes)
    box.open()
    return box
