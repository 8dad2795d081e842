"""Pieces every dialog uses: the OK/Cancel row, the line that says what is wrong, and text
put into a box the user may have typed in."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTextBrowser


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK / Cancel wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


ERROR_COLOUR, DONE_COLOUR = "#B91C1C", "#15803D"


def error_label(object_name: str = "") -> QLabel:
    """A red, wrapping line for the reason an input is refused."""
    label = QLabel()
    label.setStyleSheet(f"color: {ERROR_COLOUR}")
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def say(label: QLabel, text: str, ok: bool | None = None) -> None:
    """``text`` in a line that tells how an action went: green when it was done (``ok``),
    red when it failed or was refused, the window's colour for a plain remark (None). The
    label's ``state`` property says which ("ok", "error" or "")."""
    state = "" if ok is None or not text else "ok" if ok else "error"
    label.setProperty("state", state)
    label.setStyleSheet({"ok": f"color: {DONE_COLOUR}",
                         "error": f"color: {ERROR_COLOUR}"}.get(state, ""))
    label.setText(text)


def show_hint(view: QTextBrowser, text: str) -> None:
    """What an empty text view will hold, in grey and wrapped to its width (a placeholder
    stays on one line and is cut off)."""
    view.setHtml(f"<p style='color:#6B7280'>{html.escape(text)}</p>")


def replace_text(edit: QPlainTextEdit, text: str) -> None:
    """Put ``text`` in place of the whole of ``edit`` as one step that Ctrl+Z takes back
    (``setPlainText`` would clear the undo history, and with it what the user typed)."""
    if edit.toPlainText() == text:
        return
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(text)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)
