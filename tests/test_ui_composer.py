"""The inbox composer as a tester used it: the note mode stays with its conversation and says
so, and a quick reply's code is never sent to the customer as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopdesk.models import Message
from shopdesk.models.enums import Direction
from tests.test_ui_agents import when_modal
from tests.test_ui_inbox import open_inbox

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, sqlite_db):
    return open_inbox(qtbot, sqlite_db)


def messages(sqlite_db, conversation_id: int) -> list[tuple[str, Direction]]:
    with sqlite_db.read_session() as s:
        return [(m.text, m.direction) for m in s.scalars(
            select(Message).where(Message.conversation_id == conversation_id))]


def test_a_note_in_one_conversation_leaves_the_next_reply_a_reply(qtbot, page, sqlite_db):
    panel = page.composer_panel
    page.list.setCurrentIndex(page.model.index(0))
    reply_look = (panel.send_button.text(), page.composer.styleSheet())
    panel.note_mode.setChecked(True)
    assert panel.send_button.text() == "Add internal note" and page.composer.styleSheet()
    assert "colleagues" in page.composer.placeholderText()
    page.composer.setPlainText("客户说下午再联系")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    first = page.current
    assert ("客户说下午再联系", Direction.NOTE) in messages(sqlite_db, first)

    page.list.setCurrentIndex(page.model.index(1))  # another customer
    assert page.current != first and not panel.note_mode.isChecked()
    assert (panel.send_button.text(), page.composer.styleSheet()) == reply_look
    page.composer.setPlainText("Yes, buy two and get 15% off.")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert ("Yes, buy two and get 15% off.", Direction.OUT) in messages(sqlite_db, page.current)


def test_a_code_typed_whole_opens_its_quick_reply_instead_of_going_out(qtbot, page, sqlite_db):
    page.list.setCurrentIndex(page.model.index(0))
    before = messages(sqlite_db, page.current)
    asked: list[str] = []

    def cancel(picker) -> None:
        asked.append(picker.search.text())
        picker.reject()

    page.composer.setPlainText("/hi")
    when_modal(cancel)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert asked == ["hi"]  # the picker, looking for the code typed
    assert messages(sqlite_db, page.current) == before  # "/hi" never went out
    assert page.composer.toPlainText() == "/hi"  # cancelled: the text is as it was

    when_modal(lambda picker: picker.accept())  # the greeting, code "hi"
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    text = page.composer.toPlainText()
    assert text and "/hi" not in text and "{" not in text  # replaced by the filled reply
    assert messages(sqlite_db, page.current) == before


def test_slash_over_the_whole_text_opens_the_picker(qtbot, page) -> None:
    page.list.setCurrentIndex(page.model.index(0))
    page.composer.setPlainText("写错了的回复")
    page.composer.selectAll()
    when_modal(lambda picker: (picker.search.setText("hi"), picker.accept()))
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash)
    text = page.composer.toPlainText()
    assert "写错了的回复" not in text and "/" not in text and text  # the reply replaced it
