"""The shop's figures on the main window's frame: the status line, the title and the tray
(``StatusLine``) and the page headers (customers, open cases, …). Read at once after the
window's own changes; in a worker thread at the start, where they need not hold up the
first rows, and after a live update, where a read on the GUI thread waits for the sync
thread and stalls the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject

from shopdesk.services.inbox import row as inbox_row
from shopdesk.services.overview import Overview, overview
from shopdesk.ui.background import Background
from shopdesk.ui.page import Page

if TYPE_CHECKING:
    from shopdesk.ui.mainwindow import MainWindow


class WindowFigures(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.figures: Overview | None = None
        self.job: Background | None = None  # the read under way in a worker thread
        self.again = False  # asked for meanwhile: read once more when it is done

    def refresh(self) -> None:
        """Read now (after a change made in this window) and show."""
        with self.window.db.read_session() as session:
            self.figures = overview(session)
        self.show()

    def read(self, notify: list[int] | None = None) -> None:
        """Read in a worker thread, with the rows of the conversations ``notify`` names (the
        first to notify of), and show; one read at a time."""
        if self.job is not None:
            self.again = True
            return
        db, notify, figures = self.window.db, notify or [], self.figures

        def work() -> tuple[Overview | None, list[Any]]:
            try:
                with db.read_session() as session:
                    return overview(session), [r for r in (inbox_row(session, i)
                                                           for i in notify) if r]
            except Exception:  # the database is away: the figures stay as they are
                return figures, []

        self.job = Background.call(work, self._done)  # its thread ends itself

    def _done(self, result: tuple[Overview | None, list[Any]]) -> None:
        self.job = None
        self.figures, rows = result
        self.show()
        if rows:
            first = rows[0]
            self.window.status.notify(first.store_name, f"{first.customer}: {first.preview}")
        if self.again:
            self.again = False
            self.read()

    def show(self) -> None:
        f = self.figures
        if f is None:
            return
        self.window.status.show_figures(f)
        lines = {
            "customersPage": (QCoreApplication.translate("MainWindow", "Customers: %1"),
                              f.customers),
            "returnsPage": (QCoreApplication.translate("MainWindow", "Open return cases: %1"),
                            f.open_returns),
            "complaintsPage": (QCoreApplication.translate("MainWindow", "Open complaints: %1"),
                               f.open_complaints),
            "reportsPage": (QCoreApplication.translate("MainWindow", "Conversations: %1"),
                            f.conversations),
            "settingsPage": (QCoreApplication.translate("MainWindow", "Stores: %1"), f.stores),
        }
        for page in self.window.pages:
            if isinstance(page, Page) and page.objectName() in lines:
                label, value = lines[page.objectName()]
                page.show_figures(label.replace("%1", f"{value:,}"))
