"""The step dialog's 用模板填写 (fill in from the template) never loses a message typed by
hand: the replacement is one step that Ctrl+Z in the message takes back (pytest-qt, SQLite).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.test_ui_money_checks import shop, state, step_dialog  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui


def test_fill_from_the_template_over_a_typed_message_is_undone_with_ctrl_z(
        qtbot, sqlite_db, shop) -> None:  # noqa: F811 - the fixture
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve")
    dialog.send.setChecked(True)  # an empty message is filled from the template
    template = dialog.message.toPlainText()
    assert "¥358.00" in template
    dialog.message.setFocus()
    dialog.message.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.message, " Thanks for waiting.")
    typed = dialog.message.toPlainText()
    assert typed == template + " Thanks for waiting."
    dialog.fill.click()  # 用模板填写
    assert dialog.message.toPlainText() == template
    dialog.message.setFocus()
    qtbot.keyClick(dialog.message, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.toPlainText() == typed  # what the agent typed is back
    dialog.amount.setText("300")  # and, edited by hand again, it is not rewritten
    assert dialog.message.toPlainText() == typed
    qtbot.keyClick(dialog.message, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.toPlainText() == template  # redo: the template once more


def test_a_template_fill_that_follows_the_amount_is_undoable_too(qtbot, sqlite_db, shop) -> None:  # noqa: F811
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve")
    dialog.send.setChecked(True)
    dialog.amount.setText("300")
    text = dialog.message.toPlainText()
    assert "¥300.00" in text and "¥358.00" not in text  # the untouched message follows
    dialog.message.setFocus()
    qtbot.keyClick(dialog.message, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "¥358.00" in dialog.message.toPlainText()
    assert dialog.fill.toolTip()
