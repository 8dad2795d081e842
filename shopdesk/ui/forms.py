"""Pieces every dialog uses: the OK/Cancel row and the line that says what is wrong."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser


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


def show_hint(view: QTextBrowser, text: str) -> None:
    """What an empty text view will hold, in grey and wrapped to its width (a placeholder
    stays on one line and is cut off)."""
    view.setHtml(f"<p style='color:#6B7280'>{html.escape(text)}</p>")
