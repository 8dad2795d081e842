"""Start-up of the window: the Qt application and its language, the start frame painted,
then — behind it — the database opened (and upgraded), the main window built with its first
rows, and the frame replaced by it.

This module imports Qt and nothing of the data layers: they come in behind the painted
frame (``shopdesk.ui.shell``, which holds ``Shell``)."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTimer
from PySide6.QtWidgets import QApplication

from shopdesk import __version__, lock_sharing
from shopdesk.errors import ShopDeskError
from shopdesk.logs import setup_logging
from shopdesk.ui import SINGLETONS_GUARDED, import_data_layers
from shopdesk.ui.errors import ErrorReporter
from shopdesk.ui.fonts import apply_emoji_fonts, apply_fallbacks
from shopdesk.ui.i18n import LANGUAGES, LanguageSwitcher
from shopdesk.ui.settings import APPLICATION, ORGANIZATION, Preferences
from shopdesk.ui.start_frame import StartFrame

log = logging.getLogger(__name__)

# Called with ("painted", frame) once the start frame is on screen, ("opened", shell) once
# the shop is open and the main window built, ("shown", window) once it replaced the
# frame. For tests and bench/startup.py; nothing of the program listens.
milestones: list[Callable[[str, Any], None]] = []


def _milestone(name: str, what: Any) -> None:
    for listener in list(milestones):
        listener(name, what)


def __getattr__(name: str) -> Any:
    if name == "Shell":  # ``from shopdesk.ui.app import Shell``, as before the split
        from shopdesk.ui.shell import Shell

        return Shell
    raise AttributeError(name)


def initial_language(prefs: Preferences, requested: str | None) -> str:
    """--lang, then the saved choice, then the system's language (Chinese or English)."""
    if requested in LANGUAGES:
        return requested
    if prefs.language in LANGUAGES:
        return prefs.language
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def create_application(argv: list[str] | None = None,
                       emoji_fonts: bool = True) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    apply_fallbacks(app, emoji_fonts)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


# The GUI thread shares Python's lock with the sync worker and the reads of live updates.
# Each time it comes back from Qt into Python (a slot, a row's paint) while another thread
# runs Python, it waits up to this long for the lock; Python's default is 5 ms, and a paint
# of the list comes back a few dozen times.
SWITCH_INTERVAL = 0.001


def responsive_gui_thread() -> None:
    """The GUI thread gets Python's lock back within ``SWITCH_INTERVAL`` seconds from a
    thread running Python, and regular turns from threads talking to the database
    (shopdesk/lock_sharing.py)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    lock_sharing.share_with_this_thread()


def settle_collector() -> None:
    """Python's cycle collector stops every thread while it runs, the window's too; its
    full passes walk every object alive. Once the window stands, what start-up made (modules,
    classes, widgets: ~110,000 objects) is frozen out of those passes: measured in
    bench.live, the longest pause went from 212 ms to 97 ms."""
    gc.collect()
    gc.freeze()


def after_first_paint(shell: Any) -> None:
    from shopdesk.ui.welcome import ask_missing_passwords

    settle_collector()
    try:
        ask_missing_passwords(shell.db, shell.credentials, shell.window)
    finally:
        shell.sync.start()


def run(args: argparse.Namespace) -> int:
    responsive_gui_thread()
    app = create_application(emoji_fonts=False)  # those once the frame is painted
    log_path = str(setup_logging())
    if not SINGLETONS_GUARDED:
        log.error("None, True and False could not be guarded against PySide6's reference "
                  "counting on this Python %s (shopdesk/ui/binding.py): the window may abort "
                  "with 'Fatal Python error: none_dealloc'", sys.version.split()[0])
    reporter = ErrorReporter(log_path)
    reporter.install()
    prefs = Preferences()
    language = initial_language(prefs, args.lang)
    languages = LanguageSwitcher()  # kept as long as the program: its translators live as long
    languages.apply(language)
    frame = StartFrame(prefs)
    frame.show_and_paint()
    _milestone("painted", frame)
    apply_emoji_fonts()
    try:
        import_data_layers()
        from shopdesk.ui import shell as shell_module

        db = shell_module.open_shop(args)
    except (ShopDeskError, OSError) as exc:  # OSError: e.g. the file's folder is a file
        from PySide6.QtWidgets import QMessageBox  # (its type is built on first use)

        reason = str(exc) if isinstance(exc, ShopDeskError) else (
            f"cannot open the database: {exc.strerror or exc}: {exc.filename or ''}")
        QMessageBox.critical(frame, QCoreApplication.translate("Shell", "ShopDesk cannot start"),
                             reason)
        frame.close()
        return 1
    except Exception as exc:  # e.g. a schema newer than this program: said, never silent
        log.exception("ShopDesk could not open the shop")
        print(f"shopdesk: the shop could not be opened: {exc!r}; details in {log_path}",
              file=sys.stderr)
        reporter.show(exc, frame)
        frame.close()
        return 1
    log.info("ShopDesk %s started on %s", __version__, db.location)
    try:
        shell = shell_module.Shell(db, prefs, language, log_path,
                                   automatic_backups=not args.demo, languages=languages)
        _milestone("opened", shell)
        if not shell.start(args.agent):
            frame.close()
            db.dispose()
            return 0
        shell.window.show()
        frame.close()
        _milestone("shown", shell.window)
        if shell.welcome(language) == "quit":  # the demo opened in its own window
            shell.sync.stop()
            db.dispose()
            return 0
    except Exception as exc:  # a bug before the event loop: say so, never vanish silently
        log.exception("ShopDesk could not open its window")
        print(f"shopdesk: the window could not open: {exc!r}; details in {log_path}",
              file=sys.stderr)
        frame.close()
        reporter.show(exc)
        db.dispose()
        return 1
    # Once the first rows are painted (the event loop's first turn): the passwords a
    # computer without a keyring must be given (loading keyring costs 0.1 s), then the sync
    # worker, which needs them.
    later = QTimer()
    later.setSingleShot(True)
    later.timeout.connect(lambda: after_first_paint(shell))
    later.start(0)
    code = app.exec()
    later.stop()  # an event loop that ended at once never starts the worker
    shell.sync.stop()
    shell.backups.at_exit()
    shell.db.dispose()
    return code
