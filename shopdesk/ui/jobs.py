"""Long work (exports, imports) in a worker thread with its own database sessions: progress
back to the dialog, Cancel between steps, and the result or the error's message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from shopdesk.errors import ShopDeskError

log = logging.getLogger(__name__)


class Cancelled(ShopDeskError):
    pass


_running: set[Job] = set()


class Job(QObject):
    """``work(report)`` runs in the thread; ``report(done, total)`` raises ``Cancelled``
    once Cancel was pressed (the work's transaction then rolls back).

    Connect ``progress``, ``done`` and ``failed`` to methods of a widget: those run on the
    GUI thread; a lambda or a plain function would run in the worker thread."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)  # "" when cancelled

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.thread: QThread | None = None

    def run(self) -> None:
        def report(done: int, total: int) -> None:
            if self.stop.is_set():
                raise Cancelled("cancelled")
            self.progress.emit(done, total)

        try:
            self._run(report)
        finally:  # the thread ends by itself: nobody may be left to call finish()
            _running.discard(self)
            QThread.currentThread().quit()

    def _run(self, report: Callable[[int, int], None]) -> None:
        try:
            result = self.work(report)
        except Cancelled:
            self.failed.emit("")
        except (ShopDeskError, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: the dialog must still hear of it, and the log has it
            log.exception("a background job failed")
            self.failed.emit(f"The work stopped because of an unexpected error "
                             f"({type(exc).__name__}); the details are in shopdesk.log.")
        else:
            self.done.emit(result)

    def start(self) -> None:
        """Run the work. The thread belongs to the application, not to the dialog that
        started it: a dialog closed and deleted meanwhile does not take a running thread
        down with it (Qt would end the program); its slots are simply no longer called."""
        self.thread = QThread(QCoreApplication.instance())
        _running.add(self)  # alive until its work returns, whoever still holds it
        self.moveToThread(self.thread)
        self.thread.started.connect(self.run)
        self.thread.start()

    def finish(self) -> None:
        """Wait for the thread to end (after done/failed, or after Cancel)."""
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
            self.thread.deleteLater()  # finished: the application need not keep it
            self.thread = None
