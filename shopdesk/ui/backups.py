"""File → Back up now, Restore…, Backup folder…; the daily backup and the one at a clean exit.

The work is ``services/backup.py``'s; this module only asks, shows progress and says what
happened. A backup runs in a worker thread with its own connection (SQLite's online backup
API reads the live file while the window goes on); a restore is done by the shell, which
closes the database first and reopens the window on the restored shop.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from shopdesk.db import Database
from shopdesk.services import backup
from shopdesk.services.permissions import Action
from shopdesk.ui.jobs import Job
from shopdesk.ui.service_text import denied, translated
from shopdesk.ui.settings import Preferences

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 15 * 60 * 1000  # the daily backup is looked at every quarter of an hour


class BackupActions(QObject):
    """The backup commands of one window and its automatic backups."""

    restoreRequested = Signal(str)  # noqa: N815 - a checked file the shell restores
    message = Signal(str)  # for the status bar

    def __init__(self, db: Database, prefs: Preferences, window: QWidget,
                 automatic: bool = True) -> None:
        super().__init__(window)
        self.db = db
        self.prefs = prefs
        self.window = window
        self.agent = None
        self.automatic = automatic  # off for the demo shop, which is rebuilt at each start
        self.job: Job | None = None
        self.quiet = True
        self.back_up_action = QAction(self)
        self.back_up_action.setObjectName("backUpAction")
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(self.ask_restore)
        self.folder_action = QAction(self)
        self.folder_action.setObjectName("backupFolderAction")
        self.folder_action.triggered.connect(self.choose_folder)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        if automatic:
            self.timer.start()
            QTimer.singleShot(30_000, self.back_up_if_due)  # not in the way of the start
        self.retranslate()

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.back_up_action, self.restore_action, self.folder_action])

    def retranslate(self) -> None:
        self.back_up_action.setText(self.tr("&Back up now"))
        self.restore_action.setText(self.tr("&Restore…"))
        self.folder_action.setText(self.tr("Backup &folder…"))
        self.set_agent(self.agent)

    def set_agent(self, agent) -> None:  # type: ignore[no-untyped-def]
        self.agent = agent
        why = denied(agent, Action.RESTORE_BACKUP)
        for action in (self.restore_action, self.folder_action):
            action.setEnabled(why is None)
            action.setToolTip(why or "")

    @property
    def folder(self) -> Path:
        return Path(self.prefs.backup_folder) if self.prefs.backup_folder \
            else backup.default_folder()

    # -- backing up --------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._start(quiet=False)

    def back_up_if_due(self) -> None:
        if self.automatic and self.job is None and backup.is_due(self.db, self.folder):
            self._start(quiet=True)

    def at_exit(self) -> None:
        """The backup at a clean exit (in the foreground: the window is closing anyway)."""
        if not self.automatic:
            return
        if self.job is not None:
            self.job.finish()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup.back_up(self.db, self.folder)
        except backup.BackupError as exc:
            log.warning("the backup at exit failed: %s", exc)
        finally:
            QApplication.restoreOverrideCursor()

    def _start(self, quiet: bool) -> None:
        if self.job is not None:
            return
        folder = self.folder
        job = Job(lambda report: backup.back_up(self.db, folder, progress=report))
        # Bound methods of this object (GUI thread): the signals arrive queued, on this thread.
        job.progress.connect(self._progress)
        job.done.connect(self._finished)
        job.failed.connect(self._failed)
        self.quiet = quiet
        self.job = job
        self.back_up_action.setEnabled(False)
        self.message.emit(self.tr("Backing up…"))
        job.start()

    def _progress(self, done: int, total: int) -> None:
        self.message.emit(self.tr("Backing up… %1%").replace(
            "%1", str(done * 100 // max(total, 1))))

    def _finished(self, path: object) -> None:
        path = str(path)
        self._end()
        log.info("backed up to %s", path)
        self.message.emit(self.tr("Backed up to %1").replace("%1", path))
        if not self.quiet:
            QMessageBox.information(self.window, self.tr("Back up now"),
                                    self.tr("The shop was backed up to\n%1").replace("%1", path))

    def _failed(self, reason: str) -> None:
        self._end()
        log.warning("backup failed: %s", reason)
        text = self.tr("The backup failed: %1").replace("%1", translated(reason))
        self.message.emit(text)
        if not self.quiet:
            QMessageBox.warning(self.window, self.tr("Back up now"), text)

    def _end(self) -> None:
        if self.job is not None:
            self.job.finish()
        self.job = None
        self.back_up_action.setEnabled(True)

    # -- folder and restore ------------------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.window, self.tr("Backup folder (a USB drive or a synced folder)"),
            str(self.folder))
        if chosen:
            self.prefs.backup_folder = chosen
            self.message.emit(self.tr("Backups go to %1").replace("%1", chosen))

    def ask_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Restore a backup"), str(self.folder),
            self.tr("ShopDesk backups (*.sqlite *.pgdump *.jsonl.gz)"))
        if name and self.confirm_restore(Path(name)):
            self.restoreRequested.emit(name)

    def confirm_restore(self, file: Path) -> bool:
        try:
            if file.name.endswith(".sqlite"):
                backup.check_sqlite_backup(file)
        except backup.BackupError as exc:
            QMessageBox.warning(self.window, self.tr("Restore a backup"), translated(str(exc)))
            return False
        answer = QMessageBox.question(
            self.window, self.tr("Restore a backup"),
            self.tr("Replace the shop in %1 with the backup %2?\n\nThe shop as it is now is "
                    "kept aside next to it. ShopDesk reopens on the restored shop; on a "
                    "shared server, every other PC should close ShopDesk first.")
            .replace("%1", self.db.location).replace("%2", file.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes
