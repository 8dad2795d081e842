"""Unexpected exceptions: a message for the user, the traceback to the log file."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from shopdesk.errors import ShopDeskError

log = logging.getLogger("shopdesk.ui")


class ErrorReporter(QObject):
    """Installed as ``sys.excepthook``: logs the traceback and shows a dialog."""

    def __init__(self, log_path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle

    def handle(self, kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from shopdesk.db import first_line, trouble  # not before the start frame is painted

        if isinstance(value, ShopDeskError):
            log.warning("%s", value)
        elif trouble(value):
            log.warning("database %s: %s", trouble(value), first_line(value))
        else:
            log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        # Show the dialog from the event loop, never from inside a half-finished slot.
        QTimer.singleShot(0, lambda: self.show(value))

    def show(self, error: BaseException, parent: QWidget | None = None) -> None:
        if self._showing:  # one dialog at a time; the rest is in the log
            return
        # Built by PySide6 on first use (the Qt namespace's enums take 15 ms): not before
        # the start frame is painted.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        from shopdesk.db import first_line, trouble
        from shopdesk.ui.service_text import translated

        self._showing = True
        try:
            box = QMessageBox(parent or QApplication.activeWindow())
            box.setObjectName("errorDialog")
            box.setTextFormat(Qt.TextFormat.PlainText)
            kind = trouble(error)
            if isinstance(error, ShopDeskError):
                box.setIcon(QMessageBox.Icon.Warning)
                box.setWindowTitle(self.tr("ShopDesk"))
                box.setText(translated(str(error)))
            elif kind is not None:
                box.setIcon(QMessageBox.Icon.Warning)
                box.setWindowTitle(self.tr("ShopDesk"))
                box.setText(self.database_text(kind))
                box.setInformativeText(first_line(error))
            else:
                box.setIcon(QMessageBox.Icon.Critical)
                box.setWindowTitle(self.tr("Something went wrong"))
                box.setText(self.tr(
                    "ShopDesk ran into an unexpected problem. Your data is safe; the last "
                    "action may not have finished."))
                box.setInformativeText(
                    self.tr("The details were written to the log file:") + "\n" + self.log_path)
                box.setDetailedText("".join(traceback.format_exception(error)))
            box.exec()
        finally:
            self._showing = False

    def database_text(self, kind: str) -> str:
        """What to tell the user when the database did not answer (see ``db.trouble``)."""
        if kind == "busy":
            what = self.tr("The shop's database is busy: another program is writing to it.")
        elif kind == "file":
            what = self.tr("The shop's database file cannot be read or written (is the disk "
                           "full, or the file moved?).")
        else:
            what = self.tr("ShopDesk cannot reach the database server. Check the network and "
                           "that the server is running; ShopDesk connects again by itself.")
        return self.tr("%1 What you were doing was not saved; what you typed is still there. "
                       "Try again in a moment.").replace("%1", what)
