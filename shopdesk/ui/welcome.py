"""The first start without stores: a short guide to the three ways in, and the passwords a
computer without a keyring asks for once per session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shopdesk.credentials import Credentials
from shopdesk.db import Database


class FirstStartGuide(QDialog):
    """"Open the demo shop", "Add a store", "Import orders"; ``choice`` says which."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartGuide")
        self.setWindowTitle(self.tr("Welcome to ShopDesk"))
        self.choice: str | None = None
        intro = QLabel(self.tr(
            "ShopDesk brings the customer messages of all your stores into one inbox. "
            "There are no stores yet. How would you like to start?"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for key, title, detail in (
                ("demo", self.tr("Open the demo shop"),
                 self.tr("Try ShopDesk with three stores, customers and conversations that "
                         "are made up. Your own data stays untouched.")),
                ("store", self.tr("Add a store"),
                 self.tr("Connect a store's mailbox (IMAP and SMTP) or add a store for its "
                         "orders.")),
                ("import", self.tr("Import orders"),
                 self.tr("Add the store, then read its Taobao, Tmall or Shopify order "
                         "export."))):
            button = QCommandLinkButton(title, detail)
            button.setObjectName(f"guide_{key}")
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            layout.addWidget(button)
        later = QCommandLinkButton(self.tr("Later"), self.tr("Look around first."))
        later.setObjectName("guide_later")
        later.clicked.connect(self.reject)
        layout.addWidget(later)
        self.resize(520, self.sizeHint().height())

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def open_demo_in_new_window(language: str) -> bool:
    """Start ShopDesk again on the demo database (its own file)."""
    if getattr(sys, "frozen", False):
        program, args = sys.executable, []
    else:
        program, args = sys.executable, ["-m", "shopdesk"]
    return QProcess.startDetached(program, [*args, "--demo", "--lang", language])[0]


def ask_missing_passwords(db: Database, credentials: Credentials,
                          parent: QWidget | None = None) -> int:
    """Without a keyring, ask for each store's password once this session. Returns how
    many were given."""
    if credentials.persistent:
        return 0
    from shopdesk.services.stores import missing_secrets  # the channels: after the first rows

    with db.read_session() as session:
        missing = missing_secrets(session, credentials)
    given = 0
    for store_key, store_name, secret in missing:
        text, ok = QInputDialog.getText(
            parent, QCoreApplication.translate("Welcome", "Password for %1")
            .replace("%1", store_name),
            QCoreApplication.translate(
                "Welcome", "This computer has no password store (keyring), so ShopDesk does "
                "not keep passwords between sessions.\nPassword of the mailbox of %1:")
            .replace("%1", store_name.replace("&", "&&")), QLineEdit.EchoMode.Password)
        if ok and text:
            credentials.set(store_key, secret, text)
            given += 1
    return given
