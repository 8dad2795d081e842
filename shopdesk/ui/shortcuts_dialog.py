"""Help → Keyboard shortcuts: every key the program answers, with what it does.

The window's own actions are read from the actions themselves (their shortcuts as Qt shows
them on this platform); the keys that belong to one page are listed here, beside the page
that defines them, in the order a person meets them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def page_keys() -> list[tuple[str, str]]:
    """(keys, what they do) of the pages: inbox, composer, customers, returns, complaints."""
    return [
        ("Ctrl+K", QCoreApplication.translate("Shortcuts", "Inbox: search messages, customers and numbers (C-29, R-12, T-45)")),
        ("Alt+1 … Alt+9", QCoreApplication.translate("Shortcuts", "Inbox: show or hide a store's conversations")),
        (QCoreApplication.translate("Shortcuts", "Enter"), QCoreApplication.translate("Shortcuts", "Composer: send the reply (Shift+Enter: a new line; see View)")),
        ("/  Ctrl+/", QCoreApplication.translate("Shortcuts", "Composer: choose a quick reply")),
        ("Alt+1 … Alt+3", QCoreApplication.translate("Shortcuts", "Composer (in the reply box): insert suggested reply 1, 2 or 3")),
        ("Ctrl+Z", QCoreApplication.translate("Shortcuts", "Inbox and Customers: undo the last change to a conversation or a note")),
        ("Ctrl+Shift+Z  Ctrl+Y", QCoreApplication.translate("Shortcuts", "Inbox: redo it")),
        ("Ctrl+F", QCoreApplication.translate("Shortcuts", "Customers: search")),
        ("Ctrl+N", QCoreApplication.translate("Shortcuts", "Returns: new return; Complaints: new complaint")),
        ("Ctrl+F", QCoreApplication.translate("Shortcuts", "Knowledge: search articles")),
        ("Ctrl+N", QCoreApplication.translate("Shortcuts", "Knowledge: new article (the owner)")),
    ]


def window_keys(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) of the window's actions that have a shortcut."""
    rows = []
    for action in actions:
        keys = action.shortcut()
        if keys.isEmpty():
            continue
        rows.append((keys.toString(QKeySequence.SequenceFormat.NativeText),
                     without_mnemonic(action.text())))
    return rows


def without_mnemonic(text: str) -> str:
    """A menu text as a list shows it: without its mnemonic, whether marked in the text
    ("&Switch agent…") or, as Chinese menus do, added after it ("切换客服(&S)…"); "&&" is an
    ampersand."""
    text = re.sub(r"\s*[(（]&[^&\s][)）]", "", text.replace("&&", "\0"))
    return text.replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = window_keys(actions) + page_keys()
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutList")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What it does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 520)
