"""The main window's status bar, title and tray icon: who is signed in, the database, the
shop's figures, the stores that are offline, and how many conversations need a reply."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QStyle, QSystemTrayIcon
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.models import Agent, Store
from shopdesk.services.overview import Overview
from shopdesk.ui.labels import role_label
from shopdesk.ui.service_text import translated


class StatusLine(QObject):
    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        bar = window.statusBar()
        self.agent_label = QLabel()
        self.agent_label.setObjectName("agentLabel")
        self.agent_label.setContentsMargins(0, 0, 16, 0)
        bar.addPermanentWidget(self.agent_label)
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        bar.addPermanentWidget(self.db_label)
        self.shop_label = QLabel()
        self.shop_label.setObjectName("shopLabel")
        bar.addWidget(self.shop_label)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncLabel")
        bar.addWidget(self.sync_label)
        self.lease_label = QLabel()
        self.lease_label.setObjectName("leaseLabel")
        bar.addWidget(self.lease_label)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxInformation), window)
            self.tray.activated.connect(
                lambda _reason: (window.showNormal(), window.activateWindow()))
            self.tray.show()
        self.agent: Agent | None = None
        self.figures: Overview | None = None
        self.offline: dict[int, str] = {}  # store id → why it is offline
        self.leases: list[tuple[str, str, bool]] = []

    def retranslate(self) -> None:
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.location))
        self.show_agent(self.agent)
        self.show_figures(self.figures)
        self.show_offline(self.offline)
        self.show_leases(self.leases)

    def show_agent(self, agent: Agent | None) -> None:
        self.agent = agent
        if agent is None:
            self.agent_label.setText(self.tr("Not signed in"))
        else:
            self.agent_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", agent.name)
                                     .replace("%2", role_label(agent.role)))

    def show_figures(self, figures: Overview | None) -> None:
        """The shop line, the window title and the tray: how many need a reply."""
        self.figures = figures
        waiting = figures.needs_reply if figures else 0
        if figures is not None:
            self.shop_label.setText(
                self.tr("Stores: %1").replace("%1", str(figures.stores)) + "   ·   "
                + self.tr("Need a reply: %1").replace("%1", str(waiting)))
        title = self.tr("ShopDesk")
        self.window.setWindowTitle(f"{title} ({waiting})" if waiting else title)
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Need a reply: %1").replace("%1", str(waiting)))

    def show_offline(self, offline: dict[int, str]) -> None:
        """``offline``: store id → why, for every store that is offline now."""
        self.offline = dict(offline)
        if offline:
            with self.db.read_session() as session:
                names = dict(session.execute(
                    select(Store.id, Store.name).where(Store.id.in_(list(offline)))).tuples())
            self.sync_label.setText(self.tr("Offline: %1").replace("%1", "; ".join(
                f"{names.get(sid, '?')} — {translated(why)}" for sid, why in offline.items())))
            self.sync_label.setStyleSheet("color: #B91C1C")
        else:
            self.sync_label.clear()

    def show_leases(self, leases: list[tuple[str, str, bool]]) -> None:
        """Which PC runs which store's channel: (store, PC, this program) for each store."""
        self.leases = list(leases)
        if not leases:
            self.lease_label.clear()
            return
        here = self.tr("this PC")
        self.lease_label.setText(self.tr("Syncing: %1").replace("%1", self.tr(", ").join(
            self.tr("%1 (%2)").replace("%1", store).replace("%2", here if mine else pc)
            for store, pc, mine in leases)))

    def notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 5000)
