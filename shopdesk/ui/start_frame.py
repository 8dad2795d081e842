"""The frame painted at start, before the database is opened: the navigation, the inbox's
layout and a loading state where its rows will be. It imports Qt and nothing of the data
layers (SQLAlchemy, the models), so it shows about as fast as a bare Qt window; the main
window takes its place once the shop is open and its first rows are read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, QTime
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from shopdesk.ui.settings import Preferences
from shopdesk.ui.window_pages import STYLE

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent


def _page_names() -> list[str]:  # the main window's words, translated as there
    tr = QCoreApplication.translate
    return [tr("MainWindow", "Inbox"), tr("MainWindow", "Customers"),
            tr("MainWindow", "Returns"), tr("MainWindow", "Complaints"),
            tr("MainWindow", "Knowledge"), tr("MainWindow", "Reports"),
            tr("MainWindow", "Settings")]


def _menu_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [tr("MainWindow", "&File"), tr("MainWindow", "&Edit"), tr("MainWindow", "&View"),
            tr("MainWindow", "&Returns"), tr("MainWindow", "&Help")]


def _view_names() -> list[str]:
    tr = QCoreApplication.translate
    return [tr("ConversationList", "Needs reply"), tr("ConversationList", "Mine"),
            tr("ConversationList", "Unassigned"), tr("ConversationList", "All")]


class StartFrame(QMainWindow):
    """What the window looks like while the shop opens (see the module's docstring)."""

    def __init__(self, prefs: Preferences | None = None) -> None:
        super().__init__()
        self.setObjectName("startFrame")
        self.setWindowTitle("ShopDesk")
        self.setStyleSheet(STYLE)
        self.painted = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setEnabled(False)
        for name in _page_names():
            self.navigation.addItem(name)
        self.navigation.setCurrentRow(0)

        self.search_box = QLineEdit()
        self.search_box.setEnabled(False)
        self.search_box.setPlaceholderText(QCoreApplication.translate(
            "ConversationList", "Search messages and customers (Ctrl+K)"))
        self.views = QTabBar()
        for name in _view_names():
            self.views.addTab(name)
        self.views.setEnabled(False)
        self.loading = QLabel(QCoreApplication.translate("StartFrame", "Loading conversations…"))
        self.loading.setObjectName("inboxLoading")
        # Centred by the style sheet: PySide6 builds the enums of the Qt namespace on its
        # first use (15 ms), which the frame need not wait for.
        self.loading.setStyleSheet(
            "QLabel { color: #6B7280; font-size: 14px; qproperty-alignment: AlignCenter; }")
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.search_box)
        column_layout.addWidget(self.views)
        column_layout.addWidget(self.loading, 1)
        splitter = QSplitter()
        splitter.addWidget(column)
        splitter.addWidget(QWidget())  # the conversation
        splitter.addWidget(QWidget())  # the customer's card
        splitter.setSizes([360, 560, 240])
        splitter.setStretchFactor(1, 1)
        inbox = QWidget()
        inbox_layout = QVBoxLayout(inbox)
        inbox_layout.setContentsMargins(8, 8, 8, 8)
        inbox_layout.addWidget(splitter)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(inbox, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(QCoreApplication.translate("StartFrame",
                                                                "Opening the shop…"))
        for title in _menu_titles():  # as the window's
            self.menuBar().addMenu(title).setEnabled(False)

        self.setMinimumSize(900, 600)
        geometry = prefs.geometry if prefs is not None else None
        if geometry is None or not self.restoreGeometry(geometry):  # where the window will be
            available = self.screen().availableGeometry()
            self.resize(min(1380, available.width()), min(780, available.height()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self.painted = True

    def show_and_paint(self, wait_ms: int = 2000) -> None:
        """Show the frame and return once it was painted (or after ``wait_ms`` if the
        platform never asks for a paint, e.g. a minimised start)."""
        self.show()
        app = QApplication.instance()
        started = QTime.currentTime()
        while not self.painted and started.msecsTo(QTime.currentTime()) < wait_ms:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        self.repaint()  # children included, before the event loop goes busy with the shop
