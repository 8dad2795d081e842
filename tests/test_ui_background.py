"""A read in the background whose page closes before its result is taken: the page's slot
is not called (its widgets are gone) and nothing raises in the event loop; a page still open
gets its result. (CI once saw a closed Customers page get its count and its deleted label
raise; Background now checks that the slot's widget is alive before it calls it.)"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import delete

from shopdesk.ui.background import Background

pytestmark = pytest.mark.gui


class Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.count = QLabel(self)
        self.shown: list[int] = []

    def counted(self, total: int) -> None:
        self.count.setText(str(total))  # raises if the label is gone
        self.shown.append(total)


def test_a_result_for_a_closed_page_is_dropped(qtbot) -> None:
    window = QWidget()
    page = Page()
    page.setParent(window)  # the page goes with its window, as in the program
    thread = Background.call(lambda: 42, page.counted)
    assert thread.wait(5000)  # the result is queued for the GUI thread, not delivered yet
    shown = page.shown
    delete(window)  # the window closes before the event loop comes round to it
    qtbot.wait(100)  # the queued result is delivered (or dropped) here
    assert shown == []


def test_a_result_for_a_page_still_open_is_shown(qtbot) -> None:
    page = Page()
    qtbot.addWidget(page)
    Background.call(lambda: 7, page.counted)
    qtbot.waitUntil(lambda: page.shown == [7])
    assert page.count.text() == "7"
