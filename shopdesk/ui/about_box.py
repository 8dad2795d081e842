"""Help → About ShopDesk: the version, what the program is for, where its data and log are.
(The texts are the main window's, whose menu opens it.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from shopdesk import __version__

if TYPE_CHECKING:
    from shopdesk.ui.mainwindow import MainWindow


def about_text(window: MainWindow) -> str:
    return "\n".join([
        QCoreApplication.translate("MainWindow", "ShopDesk %1").replace("%1", __version__),
        QCoreApplication.translate(
            "MainWindow", "Customer service for a small online shop: one inbox for every store."),
        "",
        QCoreApplication.translate("MainWindow", "Data: %1").replace("%1", window.db.location),
        QCoreApplication.translate("MainWindow", "Log: %1").replace("%1", window.log_path),
    ])


def show_about(window: MainWindow) -> None:
    box = QMessageBox(window)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "About ShopDesk"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text(window))
    box.setIcon(QMessageBox.Icon.Information)
    box.exec()
