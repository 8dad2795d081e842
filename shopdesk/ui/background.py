"""One call off the GUI thread whose result comes back to it: a count, a read of changed
rows. The thread ends by itself when the call returns and belongs to the application, so a
page closed meanwhile does not take a running thread down with it (its slot is simply no
longer called)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal
from shiboken6 import isValid

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
        thread.result.connect(_while_alive(slot))
        if failed is not None:
            thread.failed.connect(_while_alive(failed))
        thread.finished.connect(thread.deleteLater)
        thread.start()
        return thread


def _while_alive(slot: Callable[..., None]) -> Callable[..., None]:
    """``slot``, unless its widget has been deleted by the time the result comes back. Qt
    drops a queued call to a deleted receiver, but PySide6 delivers a bound method through a
    receiver of its own: a page closed while its count ran got the count, and its deleted
    label raised (seen in the tests, where windows close one after another)."""
    owner = getattr(slot, "__self__", None)
    if owner is None:
        return slot

    def deliver(*args: Any) -> None:
        if isValid(owner):
            slot(*args)

    return deliver
