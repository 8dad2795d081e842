"""Pieces every dialog uses: the OK/Cancel row and the line that says what is wrong."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK / Cancel wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_label(object_name: str = "") -> QLabel:
    """A red, wrapping line for the reason an input is refused."""
    label = QLabel()
    label.setStyleSheet("color: #B91C1C")
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label
