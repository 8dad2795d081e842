"""Start-up of the window: Qt application, language, database, main window."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from shopdesk import __version__
from shopdesk.db import Database, open_database
from shopdesk.errors import ShopDeskError
from shopdesk.logs import setup_logging
from shopdesk.ui.errors import ErrorReporter
from shopdesk.ui.i18n import LANGUAGES, LanguageSwitcher
from shopdesk.ui.mainwindow import MainWindow
from shopdesk.ui.settings import APPLICATION, ORGANIZATION, Preferences

log = logging.getLogger(__name__)


def initial_language(prefs: Preferences, requested: str | None) -> str:
    """--lang, then the saved choice, then the system's language (Chinese or English)."""
    if requested in LANGUAGES:
        return requested
    if prefs.language in LANGUAGES:
        return prefs.language
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    return app  # type: ignore[return-value]


class Shell:
    """Holds what lives as long as the program: the window, the language, the database."""

    def __init__(self, db: Database, prefs: Preferences, language: str, log_path: str) -> None:
        self.prefs = prefs
        self.languages = LanguageSwitcher()
        self.languages.apply(language)
        self.window = MainWindow(db, prefs, language, log_path)
        self.window.languageRequested.connect(self.set_language)

    def set_language(self, language: str) -> None:
        self.languages.apply(language)
        self.prefs.language = language
        self.window.set_language_checked(language)


def _open(args: argparse.Namespace) -> Database:
    if args.demo:
        from shopdesk.cli import fresh_demo_database

        return fresh_demo_database(args.db)
    return open_database(args.db)


def run(args: argparse.Namespace) -> int:
    app = create_application()
    log_path = str(setup_logging())
    reporter = ErrorReporter(log_path)
    reporter.install()
    prefs = Preferences()
    language = initial_language(prefs, args.lang)
    try:
        db = _open(args)
    except ShopDeskError as exc:
        LanguageSwitcher().apply(language)
        QMessageBox.critical(None, QCoreApplication.translate("Shell", "ShopDesk cannot start"),
                             str(exc))
        return 1
    log.info("ShopDesk %s started on %s", __version__, db.location)
    shell = Shell(db, prefs, language, log_path)
    shell.window.show()
    code = app.exec()
    db.dispose()
    return code
