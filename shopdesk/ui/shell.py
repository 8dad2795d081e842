"""What lives as long as the program once the shop is open: the main window, the sync
worker, the backups, the language and who is signed in (``Shell``). Imported by
``ui/app.py`` behind the start frame: this module brings in the data layers and every
module of the main window."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from shopdesk.credentials import Credentials
from shopdesk.db import Database, open_database
from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Store
from shopdesk.services import backup
from shopdesk.services.agents import SignInError, SignInGuard, has_owner
from shopdesk.services.handover import unread_handovers
from shopdesk.ui.backups import BackupActions
from shopdesk.ui.handover import HandoverDialog, HandoverNotesDialog
from shopdesk.ui.i18n import LanguageSwitcher
from shopdesk.ui.mainwindow import MainWindow
from shopdesk.ui.service_text import translated
from shopdesk.ui.settings import Preferences
from shopdesk.ui.signin import CreateOwnerDialog, SignInDialog
from shopdesk.ui.sync_worker import SyncThread
from shopdesk.ui.welcome import FirstStartGuide, open_demo_in_new_window

log = logging.getLogger(__name__)


class Shell:
    """Holds what lives as long as the program: the window, the language, the database and
    who is signed in."""

    def __init__(self, db: Database, prefs: Preferences, language: str, log_path: str,
                 automatic_backups: bool = True,
                 languages: LanguageSwitcher | None = None) -> None:
        self.prefs = prefs
        self.language = language
        self.log_path = log_path
        self.automatic_backups = automatic_backups
        self.guard = SignInGuard()
        self.languages = languages or LanguageSwitcher()  # the start's, already applied
        if languages is None:
            self.languages.apply(language)
        self.credentials = Credentials()
        self._build(db)

    def _build(self, db: Database) -> None:
        """The window, the sync worker and the backups of one database."""
        self.db = db
        self.window = MainWindow(db, self.prefs, self.language, self.log_path, self.credentials)
        self.window.languageRequested.connect(self.set_language)
        self.window.switchAgentRequested.connect(self.switch_agent)
        self.window.endShiftRequested.connect(self.end_shift)
        self.sync = SyncThread(db, self.credentials)
        self.window.storesChanged.connect(self.sync.worker.reload)
        self.sync.worker.changed.connect(self.window.on_synced)
        self.sync.worker.storeState.connect(self.window.on_store_state)
        self.sync.worker.leasesChanged.connect(self.window.status.show_leases)
        self.sync.live.changed.connect(self.window.on_remote_change)
        self.backups = BackupActions(db, self.prefs, self.window, self.automatic_backups)
        self.backups.message.connect(lambda text: self.window.statusBar().showMessage(text, 15_000))
        self.backups.restoreRequested.connect(self.restore)
        menu = self.window.file_menu
        before = self.window.menu_actions.quit_action
        menu.insertActions(before, [self.backups.back_up_action, self.backups.restore_action,
                                    self.backups.folder_action])
        menu.insertSeparator(before)

    def restore(self, path: str) -> None:
        """Replace the shop with a backup: close everything on the database, restore, and
        open the window again on the restored shop (whose agents sign in anew)."""
        url = self.db.url
        actor = self.agent
        old = self.window
        self.sync.stop()
        old.hide()
        old.inbox.save_draft()
        old.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.db.dispose()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = backup.restore(Path(path), url, actor=actor, replace=True)
        except ShopDeskError as exc:
            done = None
            reason = translated(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        self._build(open_database(url))
        if done is None:
            QMessageBox.warning(None, QCoreApplication.translate("Shell", "ShopDesk"), reason)
        elif not self.start():
            self.window.close()
            return
        self.window.show()
        self.sync.start()
        if done is not None:
            kept = (QCoreApplication.translate("Shell", "The shop as it was is kept in %1.")
                    .replace("%1", str(done.kept_aside)) if done.kept_aside else "")
            QMessageBox.information(self.window, QCoreApplication.translate("Shell", "ShopDesk"), (
                QCoreApplication.translate("Shell", "The backup %1 was restored.").replace(
                    "%1", Path(path).name)
                + ("\n" + kept if kept else "")))

    @property
    def agent(self) -> Agent | None:
        return self.window.agent

    def start(self, agent_key: str | None = None) -> bool:
        """Make sure the shop has an owner and somebody is signed in. False: the user quit."""
        with self.db.read_session() as session:
            needs_owner = not has_owner(session)
        if needs_owner:
            dialog = CreateOwnerDialog(self.db)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            with self.db.read_session() as session:
                owner = session.get(Agent, dialog.owner_id)
                assert owner is not None
            self._signed_in(owner)
            return True
        key = agent_key or self.prefs.auto_agent(self.db.url)
        if key:
            try:
                with self.db.transaction() as session:
                    self._signed_in(self.guard.sign_in_without_pin(session, key))
                return True
            except SignInError as exc:
                if agent_key:  # asked for on the command line: say why it did not work
                    QMessageBox.warning(None, QCoreApplication.translate("MainWindow", "ShopDesk"),
                                        translated(str(exc)))
                else:
                    self.prefs.set_auto_agent(self.db.url, "")
        return self.switch_agent()

    def switch_agent(self) -> bool:
        """Sign out and in without closing the program (Ctrl+Shift+L)."""
        self.window.begin_sign_in()  # nothing of the last agent's shows meanwhile
        try:
            dialog = SignInDialog(self.db, self.guard, self.prefs.last_agent,
                                  self.window if self.window.isVisible() else None)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.agent is None:
                return False
            self.prefs.set_auto_agent(self.db.url,
                                      dialog.agent.key if dialog.auto_sign_in else "")
            self._signed_in(dialog.agent)
            return True
        finally:
            self.window.end_sign_in()  # shown again once it is under the new agent's role

    def end_shift(self) -> None:
        if self.agent is None:
            return
        dialog = HandoverDialog(self.db, self.agent, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.prefs.set_auto_agent(self.db.url, "")
            self.window.set_agent(None)
            if not self.switch_agent():
                self.window.close()

    def _signed_in(self, agent: Agent) -> None:
        self.prefs.last_agent = agent.key
        self.window.set_agent(agent)
        self.backups.set_agent(agent)
        with self.db.read_session() as session:
            unread = unread_handovers(session, agent.id)
        if unread:
            HandoverNotesDialog(self.db, agent,
                                self.window if self.window.isVisible() else None).exec()

    def welcome(self, language: str) -> str | None:
        """The first start without stores: the guide, and what was chosen."""
        with self.db.read_session() as session:
            if session.scalar(select(func.count()).select_from(Store)):
                return None
        guide = FirstStartGuide(self.window)
        guide.exec()
        choice = guide.choice
        guide.deleteLater()
        if choice == "demo" and open_demo_in_new_window(language):
            return "quit"
        if choice in ("store", "import"):
            self.window.add_store(then_import=choice == "import")
        return choice

    def set_language(self, language: str) -> None:
        self.languages.apply(language)
        self.language = language
        self.prefs.language = language
        self.window.set_language_checked(language)
        self.backups.retranslate()


def open_shop(args: argparse.Namespace) -> Database:
    """The database the command line names (a fresh demo with --demo), upgraded."""
    if args.demo:
        from shopdesk.cli import fresh_demo_database

        return fresh_demo_database(args.db)
    return open_database(args.db)
