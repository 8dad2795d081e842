"""One call off the GUI thread whose result comes back to it: a count, a read of changed
rows. The thread ends by itself when the call returns and belongs to the application, so a
page closed meanwhile does not take a running thread down with it (its slot is simply no
longer called)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal

log = logging.getLogger(__name__)


class Background(QThread):
    """``Background.call(work, slot)``: ``work()`` runs in a new thread, then ``slot(result)``
    on the GUI thread (``slot`` a method of a widget). An exception in ``work`` is logged and
    ``failed`` is emitted instead."""

    result = Signal(object)
    failed = Signal()

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(QCoreApplication.instance())
        self.work = work

    def run(self) -> None:
        try:
            value = self.work()
        except Exception:  # the database is away, a bug: the caller tries again or not
            log.exception("background work failed")
            self.failed.emit()
        else:
            self.result.emit(value)

    @classmethod
    def call(cls, work: Callable[[], Any], slot: Callable[[Any], None],
             failed: Callable[[], None] | None = None) -> Background:
        thread = cls(work)
        thread.result.connect(slot)
        if failed is not None:
            thread.failed.connect(failed)
        thread.finished.connect(thread.deleteLater)
        thread.start()
        return thread
