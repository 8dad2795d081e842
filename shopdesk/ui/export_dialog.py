"""Export dialogs (Reports → Export…, Reports → Export handovers…, Returns → Export
refunds…): a date range, the stores and the agent (Reports → Export… opens with the charts'
period and filters), the language, then where to save. The workbook is written as the agent
at the keyboard: the exporters refuse a role that may not export and mask personal data for
a role that may not see it.

The workbook is written off the GUI thread with its own database session; a progress bar
follows it, Cancel stops it without leaving a half-written file, and "Open folder" shows
the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDir, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.services.agents import active_agents
from shopdesk.services.permissions import Action
from shopdesk.ui.i18n import LANGUAGES, current_language
from shopdesk.ui.jobs import Job
from shopdesk.ui.service_text import denied, translated


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def open_export(db: Database, kind: str, actor: Agent | None, parent: QWidget,
                **opens_with: Any) -> ExportDialog | None:
    """The export dialog of ``kind``, opened for ``actor``; None, and nothing opens, for a
    role that may not export (its buttons are off, but a signal or a stale shortcut may
    still ask). ``opens_with``: the dialog's period, stores and agent."""
    if denied(actor, Action.EXPORT) is not None:
        return None
    dialog = ExportDialog(db, kind, actor, current_language(), parent, **opens_with)
    dialog.open()
    return dialog


class ExportDialog(QDialog):
    """``kind``: "handovers", "refunds", "complaints", "satisfaction", or "workbooks" for
    a choice of the last three (Reports → Export…). ``actor``: the agent at the keyboard.
    ``period``, ``store_ids``, ``agent_id``: what it opens with (default: the last 30 days,
    every store, every agent)."""

    def __init__(self, db: Database, kind: str, actor: Agent | None, language: str,
                 parent: QWidget | None = None, *, period: tuple[date, date] | None = None,
                 store_ids: Sequence[int] = (), agent_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}ExportDialog")
        self.db = db
        self.actor_id = actor.id if actor is not None else None
        self.written: Path | None = None
        self.job: Job | None = None
        titles = {"handovers": self.tr("Export handovers"), "refunds": self.tr("Export refunds"),
                  "complaints": self.tr("Export complaints"),
                  "satisfaction": self.tr("Export satisfaction"),
                  "workbooks": self.tr("Export")}
        self.setWindowTitle(titles[kind])
        self.workbook = QComboBox()
        self.workbook.setObjectName("exportWorkbook")
        choices = (["complaints", "satisfaction", "refunds"] if kind == "workbooks"
                   else [kind])
        names = {"complaints": self.tr("Complaints"), "satisfaction": self.tr("Satisfaction"),
                 "refunds": self.tr("Refunds"), "handovers": self.tr("Handovers")}
        for choice in choices:
            self.workbook.addItem(names[choice], choice)
        self.workbook.currentIndexChanged.connect(self._forget_result)
        today = QDate.currentDate()
        self.first = QDateEdit(_qdate(period[0]) if period else today.addDays(-30))
        self.first.setObjectName("exportFrom")
        self.last = QDateEdit(_qdate(period[1]) if period else today)
        self.last.setObjectName("exportTo")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.language = QComboBox()
        self.language.setObjectName("exportLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.stores = QListWidget()
        self.stores.setObjectName("exportStores")
        self.stores.setMaximumHeight(110)
        self.agent = QComboBox()
        self.agent.setObjectName("exportAgent")
        self.agent.addItem(self.tr("All agents"), None)
        with db.read_session() as session:
            for sid, key, name in session.execute(
                    select(Store.id, Store.key, Store.name).order_by(Store.id)):
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if not store_ids or sid in store_ids
                                   else Qt.CheckState.Unchecked)
                self.stores.addItem(item)
            for a in active_agents(session):
                self.agent.addItem(a.name, a.id)
        self.agent.setCurrentIndex(max(0, self.agent.findData(agent_id)))
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.setObjectName("openFolderButton")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        form = QFormLayout()
        if kind == "workbooks":
            form.addRow(self.tr("Workbook:"), self.workbook)
        form.addRow(self.tr("From:"), self.first)
        form.addRow(self.tr("To:"), self.last)
        if kind != "handovers":
            form.addRow(self.tr("Stores:"), self.stores)
            form.addRow(self.tr("Agent:"), self.agent)
        else:
            self.stores.setVisible(False)
            self.agent.setVisible(False)
        form.addRow(self.tr("Language:"), self.language)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.choose_and_export)
        self.buttons.rejected.connect(self._close_or_cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Dates are calendar days in this computer's time zone.")))
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.open_folder)
        layout.addWidget(self.buttons)

    def chosen_stores(self) -> list[str] | None:
        """The checked stores' keys; None when all are checked (no filter)."""
        keys = [self.stores.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.stores.count())
                if self.stores.item(i).checkState() == Qt.CheckState.Checked]
        return None if len(keys) == self.stores.count() else keys

    @property
    def kind(self) -> str:
        return str(self.workbook.currentData())

    def choose_and_export(self) -> None:
        name = f"{self.kind}-{_day(self.first)}-{_day(self.last)}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save workbook"), str(Path(QDir.homePath()) / name),
            self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.export_to(Path(path))

    def _forget_result(self) -> None:
        """Another workbook chosen: what was said about the last one no longer applies."""
        if self.job is None:
            self.message.clear()
            self.open_folder.setVisible(False)
            self.written = None

    def _writer(self, path: Path) -> Callable[..., int]:
        """What the worker runs with its own session, as the agent at the keyboard."""
        first, last = _day(self.first), _day(self.last)
        lang = self.language.currentData()
        actor_id = self.actor_id

        def actor(session):  # type: ignore[no-untyped-def]
            return session.get(Agent, actor_id) if actor_id is not None else None

        if self.kind != "handovers":
            from shopdesk.exporters import EXPORTERS

            stores = self.chosen_stores()
            agents = [self.agent.currentData()] if self.agent.currentData() else []
            if stores == []:
                raise ShopDeskError(self.tr("Choose at least one store."))
            write = EXPORTERS[self.kind]
            return lambda session, report: write(
                session, actor(session), path, first, last, lang=lang, store_keys=stores,
                agent_ids=agents, progress=report)
        from shopdesk.exporters.handovers import export_handovers

        return lambda session, report: export_handovers(
            session, actor(session), path, first, last, lang=lang, progress=report)

    def export_to(self, path: Path) -> None:
        """Start writing ``path`` in a worker thread."""
        if self.job is not None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            write = self._writer(path)
        except ShopDeskError as exc:
            self.message.setText(translated(str(exc)))
            return
        self.target = path
        self.open_folder.setVisible(False)
        self.message.setText(self.tr("Writing %1…").replace("%1", str(path)))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Cancel"))
        db = self.db

        def work(report):  # type: ignore[no-untyped-def]
            with db.read_session() as session:
                return write(session, report)

        self.job = Job(work)
        self.job.progress.connect(self._progress)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        if self.job is not None:
            self.job.finish()
        self.job = None
        self.progress.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def _done(self, rows: int) -> None:
        self._finish()
        self.written = self.target
        self.message.setText(self.tr("%1 rows written to %2")
                             .replace("%1", f"{rows:,}").replace("%2", str(self.target)))
        self.open_folder.setVisible(True)

    def _failed(self, message: str) -> None:
        self._finish()
        self.message.setText(translated(message)
                             or self.tr("Export cancelled; no file was written."))

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            return
        self.reject()

    def done(self, result: int) -> None:  # closing the window also stops a running export
        if self.job is not None:
            self.job.stop.set()
            self._finish()
        super().done(result)

    def _open_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))
