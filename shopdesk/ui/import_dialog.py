"""File → Import orders…: a platform export, its store, a preview (how many orders and
customers are new or updated, the rows that cannot be read with their line and reason), then
the import itself, all or nothing, with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from shopdesk.db import Database
from shopdesk.importers import orders as imp
from shopdesk.models import Agent, Store
from shopdesk.ui.forms import error_label
from shopdesk.ui.jobs import Job
from shopdesk.ui.service_text import translated


class ImportOrdersDialog(QDialog):
    imported = None  # type: imp.Preview | None

    def __init__(self, db: Database, agent: Agent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importOrdersDialog")
        self.db, self.agent = db, agent
        self.parsed: imp.Parsed | None = None
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Import orders"))
        self.format = QComboBox()
        self.format.setObjectName("importFormat")
        self.format.addItem(self.tr("Taobao / Tmall order report (CSV)"), "taobao")
        self.format.addItem(self.tr("Shopify orders export (CSV)"), "shopify")
        self.store = QComboBox()
        self.store.setObjectName("importStore")
        with db.read_session() as session:
            for sid, name, tz in session.execute(
                    select(Store.id, Store.name, Store.timezone)
                    .where(Store.archived.is_(False)).order_by(Store.id)):
                self.store.addItem(name, (sid, tz))
        self.path = QLineEdit()
        self.path.setObjectName("importFile")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.errors = QListWidget()
        self.errors.setObjectName("importErrors")
        self.errors.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setVisible(False)
        self.error = error_label("importError")
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Store:"), self.store)
        form.addRow(self.tr("File:"), file_row)
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(self.tr("Preview"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("importPreviewButton")
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self._close_or_cancel)
        for widget in (self.format, self.store):
            widget.currentIndexChanged.connect(lambda _i: self._forget())
        self.path.textChanged.connect(lambda _t: self._forget())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 440)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the export"),
                                              QDir.homePath(), self.tr("CSV files (*.csv)"))
        if path:
            self.path.setText(path)
            self.run_preview()

    def _forget(self) -> None:
        self.parsed = None
        self.import_button.setEnabled(False)

    def _start(self, work, done) -> None:  # type: ignore[no-untyped-def]
        self.error.clear()
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for button in (self.preview_button, self.import_button):
            button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        self.job, self._then = Job(work), done
        # Bound methods of the dialog, so that Qt runs them on the GUI thread (a lambda would
        # run in the worker and race with the window).
        self.job.progress.connect(self._progress)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _progress(self, n: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(n)

    def _done(self, result) -> None:  # type: ignore[no-untyped-def]
        self._finish()
        self._then(result)

    def _finish(self) -> None:
        if self.job is not None:
            self.job.finish()
        self.job = None
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))

    def _failed(self, message: str) -> None:
        self._finish()
        self.error.setText(translated(message) if message
                           else self.tr("Cancelled; nothing was imported."))
        self.import_button.setEnabled(self.parsed is not None and not self.parsed.errors)

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            return
        self.reject()

    def run_preview(self) -> None:
        if not self.path.text().strip():
            self.error.setText(self.tr("Choose the file to import."))
            return
        fmt, path = self.format.currentData(), Path(self.path.text().strip())
        store_id, zone = self.store.currentData()
        db = self.db

        def work(_report):  # type: ignore[no-untyped-def]
            parsed = imp.parse_file(fmt, path, zone)
            with db.read_session() as session:
                return parsed, imp.preview(session, store_id, parsed)

        self._start(work, self._show_preview)

    def _show_preview(self, result) -> None:  # type: ignore[no-untyped-def]
        self.parsed, preview = result
        self.summary.setText(
            self.tr("%1 new orders, %2 already known (they will be updated); %3 new "
                    "customers, %4 matched to existing ones.")
            .replace("%1", f"{preview.orders_new:,}").replace("%2", f"{preview.orders_updated:,}")
            .replace("%3", f"{preview.customers_new:,}")
            .replace("%4", f"{preview.customers_matched:,}"))
        self.errors.clear()
        for e in preview.errors:
            self.errors.addItem(self.tr("line %1: %2").replace("%1", str(e.line))
                                .replace("%2", translated(e.reason)))
        self.errors.setVisible(bool(preview.errors))
        if preview.errors:
            self.error.setText(self.tr("%1 rows cannot be read. Fix them in the file and "
                                       "preview again: nothing is imported until every row "
                                       "can be read.").replace("%1", str(len(preview.errors))))
        self.import_button.setEnabled(not preview.errors and bool(self.parsed.orders))

    def run_import(self) -> None:
        if self.parsed is None:
            return
        parsed, (store_id, _zone), db, agent_id = (self.parsed, self.store.currentData(),
                                                  self.db, self.agent.id)

        def work(report):  # type: ignore[no-untyped-def]
            with db.transaction() as session:
                return imp.apply(session, session.get(Agent, agent_id), store_id, parsed,
                                 report)

        self._start(work, self._imported)

    def _imported(self, result: imp.Preview) -> None:
        self.imported = result
        self.parsed = None
        self.summary.setText(self.tr("Imported: %1 new orders, %2 updated; %3 new customers.")
                             .replace("%1", f"{result.orders_new:,}")
                             .replace("%2", f"{result.orders_updated:,}")
                             .replace("%3", f"{result.customers_new:,}"))
