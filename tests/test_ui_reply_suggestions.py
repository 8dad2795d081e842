"""The suggested replies above the composer: shown when a conversation opens and when the
customer writes again, Alt+1…3 insert one with its variables filled, and what was sent is
remembered for the store. On both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopdesk.dataset.demo import QUICK_REPLIES
from shopdesk.models import Agent, Conversation, Message, QuickReply, SuggestionChoice
from shopdesk.models.enums import Direction, Role
from shopdesk.services import suggestions as sg
from shopdesk.ui.inbox import InboxPage
from tests import factories as f

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(db):
    sg.clear_cache()
    with db.transaction() as s:
        store = f.store("tmall")
        customer = f.customer("c1", "李雷")
        s.add_all([store, customer])
        s.add(f.order(store, customer, order_no="5550001", tracking_no="SF123"))
        for i, (cat, code, title, body) in enumerate(QUICK_REPLIES):
            s.add(QuickReply(category=cat, code=code, title=title, body=body, position=i))
        s.add(Agent(key="wangfang", name="王芳", role=Role.AGENT))
        s.flush()
        conv = Conversation(store_id=store.id, customer_id=customer.id,
                            last_message_at=f.T0, last_direction=Direction.IN)
        s.add(conv)
        s.flush()
        s.add(Message(conversation_id=conv.id, store_id=store.id, at=f.T0,
                      direction=Direction.IN, text="我的快递到哪了？"))
        ids = conv.id, store.id
    yield db, ids
    sg.clear_cache()


@pytest.fixture
def page(qtbot, shop):
    db, _ids = shop
    widget = InboxPage(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    with db.read_session() as s:
        widget.set_actor(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    return widget


def _codes(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.code for s in page.composer_panel.suggestions.suggestions]


def test_suggestions_follow_the_latest_customer_message(qtbot, page, shop) -> None:
    db, (conv_id, store_id) = shop
    row = page.composer_panel.suggestions
    assert row.objectName() == "replySuggestions" and not row.isVisible()
    page.open_conversation(conv_id)
    qtbot.waitUntil(lambda: bool(_codes(page)))
    assert _codes(page)[0] == "wl" and len(_codes(page)) == 3
    assert row.isVisible() and row.buttons[0].text() == "1 · 物流单号"
    assert "Alt+1" in row.buttons[0].toolTip()
    with db.transaction() as s:
        s.add(Message(conversation_id=conv_id, store_id=store_id,
                      at=f.T0 + timedelta(minutes=5), direction=Direction.IN,
                      text="收到了，但是杯子碎了"))
    page.on_changed([conv_id])  # what the sync worker says when the customer writes
    qtbot.waitUntil(lambda: _codes(page)[:1] == ["ps"])
    row.wait()


def test_alt_number_inserts_with_variables_and_sending_remembers_it(qtbot, page, shop) -> None:
    db, (conv_id, store_id) = shop
    page.open_conversation(conv_id)
    qtbot.waitUntil(lambda: bool(_codes(page)))
    page.composer.setFocus()
    qtbot.keyClick(page.composer, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    text = page.composer.toPlainText()
    assert text == "亲，您的订单5550001已发货，快递单号SF123，请注意查收。"
    buttons = [b.isChecked() for b in page.store_buttons]
    qtbot.keyClick(page.composer, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert [b.isChecked() for b in page.store_buttons] == buttons  # not the store filter
    assert len(page.composer.toPlainText()) > len(text)
    page.composer.setPlainText(text + " 有问题随时找我")  # the third one deleted again
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert page.composer.toPlainText() == ""
    with db.read_session() as s:
        choices = list(s.execute(select(SuggestionChoice.store_id, SuggestionChoice.code,
                                        SuggestionChoice.message_text)))
    assert choices == [(store_id, "wl", "我的快递到哪了？")]
    assert page.composer_panel.suggestions.chosen == []


def test_no_suggestion_without_a_right_to_reply(qtbot, page, shop) -> None:
    db, (conv_id, _store_id) = shop
    with db.transaction() as s:
        s.add(Agent(key="keeper", name="会计", role=Role.BOOKKEEPER))
    with db.read_session() as s:
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "keeper")))
    page.open_conversation(conv_id)
    qtbot.waitUntil(lambda: bool(_codes(page)))
    assert not page.composer_panel.suggestions.isEnabled()
    qtbot.keyClick(page.composer, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert page.composer.toPlainText() == ""
