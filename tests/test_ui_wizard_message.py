"""The returns wizard keeps a message to the customer edited by hand (pytest-qt, SQLite).

The review page fills the message from the template while the agent has not touched it, and
then follows what earlier pages change (the amount); once edited by hand it is kept as typed
through Back and Next, and a note on the page says what it no longer matches.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from shopdesk.models import Message
from shopdesk.models.enums import Direction, ReturnReason
from tests.test_ui_returns import next_page, open_wizard, shop  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui


def to_review(qtbot, db, shop):  # noqa: F811 - the fixture
    wizard = open_wizard(qtbot, db, shop, conversation_id=shop["conv"], lang="zh_CN")
    next_page(wizard)  # order → items
    wizard.items_page.spins["CUP"].setValue(2)
    next_page(wizard)  # → kind
    next_page(wizard)  # → reason
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.DAMAGED_IN_TRANSIT.value))
    next_page(wizard)  # → amount
    assert wizard.amount_page.amount.text() == "128.00"
    next_page(wizard)  # → review
    assert wizard.currentPage() is wizard.review_page
    return wizard


def type_at_end(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, text)


def back_to_amount_and_set(wizard, amount: str) -> None:
    wizard.back()
    wizard.back() if wizard.currentPage() is not wizard.amount_page else None
    assert wizard.currentPage() is wizard.amount_page
    wizard.amount_page.amount.setText(amount)
    wizard.amount_page.amount.setModified(True)
    next_page(wizard)


def sent(db, shop) -> list[str]:  # noqa: F811 - the fixture
    with db.read_session() as s:
        return list(s.scalars(select(Message.text).where(
            Message.conversation_id == shop["conv"], Message.direction == Direction.OUT)))


def test_an_untouched_message_follows_the_amount(qtbot, sqlite_db, shop) -> None:  # noqa: F811
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    assert "¥128.00" in review.message.toPlainText()
    back_to_amount_and_set(wizard, "64")
    text = review.message.toPlainText()
    assert "¥64.00" in text and "¥128.00" not in text
    assert review.note.isHidden()


def test_a_message_edited_by_hand_survives_back_and_next_with_a_note(
        qtbot, sqlite_db, shop) -> None:  # noqa: F811
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    type_at_end(qtbot, review.message, " Sorry about the cups!")
    typed = review.message.toPlainText()
    assert typed.endswith("Sorry about the cups!") and "¥128.00" in typed
    wizard.back()
    next_page(wizard)  # Back and Next without a change: kept
    assert review.message.toPlainText() == typed
    assert review.note.isHidden()  # it still states the amount of the return
    back_to_amount_and_set(wizard, "64")
    assert review.message.toPlainText() == typed  # never rewritten behind the agent's back
    assert not review.note.isHidden()
    assert "¥128.00" in review.note.text() and "¥64.00" in review.note.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert sent(sqlite_db, shop) == [typed]


def test_the_note_goes_when_the_agent_corrects_the_message(qtbot, sqlite_db, shop) -> None:  # noqa: F811
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    type_at_end(qtbot, review.message, " OK")
    back_to_amount_and_set(wizard, "64")
    assert review.message.toPlainText().endswith(" OK")
    assert not review.note.isHidden()
    corrected = review.message.toPlainText().replace("¥128.00", "¥64.00")
    review.message.setPlainText(corrected)  # the agent fixes the amount by hand
    assert review.note.isHidden()
    wizard.back()
    next_page(wizard)
    assert review.message.toPlainText() == corrected and review.note.isHidden()


def test_fill_from_the_template_on_the_review_can_be_undone(qtbot, sqlite_db, shop) -> None:  # noqa: F811
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    type_at_end(qtbot, review.message, " Sorry!")
    typed = review.message.toPlainText()
    back_to_amount_and_set(wizard, "64")
    assert review.message.toPlainText() == typed
    review.fill.click()
    text = review.message.toPlainText()
    assert "¥64.00" in text and text != typed and review.note.isHidden()
    review.message.setFocus()
    qtbot.keyClick(review.message, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review.message.toPlainText() == typed


def test_the_agents_choice_not_to_send_is_kept(qtbot, sqlite_db, shop) -> None:  # noqa: F811
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    review.send.setChecked(False)
    wizard.back()
    next_page(wizard)
    assert not review.send.isChecked() and not review.message.isEnabled()


def test_a_message_that_names_no_amount_is_kept_and_the_change_noted(
        qtbot, sqlite_db, shop) -> None:  # noqa: F811 - the fixture
    wizard = to_review(qtbot, sqlite_db, shop)
    review = wizard.review_page
    review.message.selectAll()
    qtbot.keyClicks(review.message, "We will refund you soon.")
    back_to_amount_and_set(wizard, "64")
    assert review.message.toPlainText() == "We will refund you soon."
    assert not review.note.isHidden() and "changed" in review.note.text()


def test_another_customers_order_sends_the_message_to_that_customer(
        qtbot, sqlite_db, shop) -> None:  # noqa: F811
    """Started from 王芳's conversation, the agent finds 李娜's order instead: the wizard
    goes on with that order (it went on with 王芳's: the search put the new order in the
    row that was selected, and Qt saw no change), and the message goes to 李娜's
    conversation (it stayed with 王芳's, and Finish was refused)."""
    from datetime import timedelta

    from shopdesk.models import Conversation, Customer, Order, OrderItem
    from shopdesk.models.enums import ConversationStatus, OrderStatus
    from shopdesk.times import utcnow

    now = utcnow()
    with sqlite_db.transaction() as s:
        first = s.get(Conversation, shop["conv"])
        li = Customer(key="c2", name="李娜")
        order = Order(store_id=first.store_id, customer=li, order_no="2041586613299999999",
                      placed_at=now - timedelta(days=3), delivered_at=now - timedelta(days=1),
                      status=OrderStatus.DELIVERED, currency="CNY", total_minor=6400)
        order.items += [OrderItem(sku="MUG", title="马克杯", qty=1, unit_price_minor=6400)]
        theirs = Conversation(store_id=first.store_id, customer=li,
                              status=ConversationStatus.OPEN, last_message_at=now,
                              last_direction=Direction.IN)
        s.add_all([order, theirs])
        s.flush()
        theirs_id = theirs.id
    wizard = open_wizard(qtbot, sqlite_db, shop, conversation_id=shop["conv"], lang="zh_CN")
    wizard.order_page.search.setText("2041586613299999999")
    wizard.order_page.run_search()
    assert wizard.facts.order_no == "2041586613299999999"  # the order found, not the first
    next_page(wizard)  # → items
    wizard.items_page.spins["MUG"].setValue(1)
    next_page(wizard)  # → kind
    next_page(wizard)  # → reason
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.DAMAGED_IN_TRANSIT.value))
    next_page(wizard)  # → amount
    next_page(wizard)  # → review
    assert wizard.conversation_id == theirs_id and wizard.review_page.send.isChecked()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.case_id is not None, wizard.review_page.error.text()
    with sqlite_db.read_session() as s:
        out = list(s.scalars(select(Message.conversation_id).where(
            Message.direction == Direction.OUT)))
    assert out == [theirs_id]
