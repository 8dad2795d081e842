"""The returns wizard, board and step dialog with pytest-qt, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    Message,
    Order,
    OrderItem,
    ReturnCase,
    Store,
)
from shopdesk.models.enums import (
    ConversationStatus,
    Direction,
    OrderStatus,
    Platform,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
)
from shopdesk.services import agents as agent_svc
from shopdesk.times import utcnow
from shopdesk.ui.return_wizard import ReturnWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(sqlite_db):
    now = utcnow()
    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limit_minor=50000))
        books = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Lin", Role.BOOKKEEPER))
        st = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                   timezone="Asia/Shanghai", colour="#FF5000")
        cu = Customer(key="c1", name="王芳")
        o = Order(store=st, customer=cu, order_no="2041586613212345678",
                  placed_at=now - timedelta(days=4), delivered_at=now - timedelta(days=2),
                  status=OrderStatus.DELIVERED, currency="CNY", total_minor=33700,
                  shipping_minor=1000)
        o.items += [OrderItem(sku="CUP", title="杯子", qty=2, unit_price_minor=6400),
                    OrderItem(sku="POT", title="茶壶", qty=1, unit_price_minor=19900)]
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            last_message_at=now, last_direction=Direction.IN)
        s.add_all([o, conv])
        s.flush()
        s.add(Message(conversation_id=conv.id, store_id=st.id, at=now, direction=Direction.IN,
                      text="杯子碎了，要退货"))
        return {"owner": owner.id, "wang": wang.id, "books": books.id, "order": o.id,
                "conv": conv.id}


def actor(db, agent_id: int) -> Agent:
    with db.read_session() as s:
        return s.get(Agent, agent_id)


def open_wizard(qtbot, db, shop, **kw) -> ReturnWizard:
    wizard = ReturnWizard(db, actor(db, shop["wang"]), **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def next_page(wizard: ReturnWizard) -> None:
    before = wizard.currentId()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == before + 1, wizard.currentPage().error.text()


@pytest.mark.parametrize("kind", list(ReturnKind))
def test_wizard_walk_for_each_kind(qtbot, sqlite_db, shop, kind) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop, conversation_id=shop["conv"], lang="zh_CN")
    page = wizard.order_page
    assert [h.order_id for h in page.hits] == [shop["order"]]  # pre-filled from the chat
    assert "2041586613212345678" in page.details.text()
    next_page(wizard)
    wizard.items_page.spins["CUP"].setValue(2)
    assert wizard.items_page.spins["CUP"].maximum() == 2
    next_page(wizard)
    wizard.kind_page.buttons[kind].setChecked(True)
    if kind == ReturnKind.EXCHANGE:
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert "exchange" in wizard.kind_page.error.text()
        wizard.kind_page.replacement.setText("杯子 蓝色")
    next_page(wizard)
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.DAMAGED_IN_TRANSIT.value))
    assert "inside" in reason.window_info.text()
    expected_ship = "nothing is sent back" if kind == ReturnKind.REFUND_ONLY else "by the shop"
    assert expected_ship in reason.shipping_info.text()
    reason.text.setPlainText("两个都碎了")
    next_page(wizard)
    assert wizard.amount_page.amount.text() == "128.00"
    next_page(wizard)
    review = wizard.review_page
    assert "128.00" in review.summary.text()
    assert review.send.isChecked() and "2041586613212345678" in review.message.toPlainText()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with sqlite_db.read_session() as s:
        case = s.get(ReturnCase, wizard.case_id)
        assert (case.kind, case.reason, case.requested_minor, case.state) == (
            kind, ReturnReason.DAMAGED_IN_TRANSIT, 12800, ReturnState.REQUESTED)
        assert case.replacement == ("杯子 蓝色" if kind == ReturnKind.EXCHANGE else None)
        directions = list(s.scalars(select(Message.direction).where(
            Message.conversation_id == shop["conv"]).order_by(Message.id)))
        assert directions == [Direction.IN, Direction.SYSTEM, Direction.OUT]


def test_wizard_refuses_bad_input_page_by_page(qtbot, sqlite_db, shop) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop)
    page = wizard.order_page
    assert page.hits == [] and not page.isComplete()
    page.search.setText("茶壶")
    page.run_search()
    assert len(page.hits) == 1 and page.isComplete()
    next_page(wizard)
    items = wizard.items_page
    items.spins["CUP"].setValue(0)
    items.spins["POT"].setValue(0)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "at least one item" in items.error.text() and wizard.currentPage() is items
    items.spins["POT"].setValue(5)  # the spin box stops at what may be returned
    assert items.spins["POT"].value() == 1
    next_page(wizard)
    next_page(wizard)
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.OTHER.value))
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "Describe the reason" in reason.error.text()
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.SIZE_OR_FIT.value))
    assert "by the customer" in reason.shipping_info.text()
    next_page(wizard)
    amount = wizard.amount_page
    assert amount.amount.text() == "199.00"
    for bad, message in (("abc", "not an amount"), ("337.01", "At most ¥337.00"),
                         ("0", "more than zero"), ("1.234", "")):
        amount.amount.setText(bad)
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentPage() is amount
        assert message.lower() in amount.error.text().lower()
    amount.amount.setText("150")
    next_page(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    with sqlite_db.read_session() as s:
        case = s.get(ReturnCase, wizard.case_id)
        assert case.requested_minor == 15000 and case.conversation_id == shop["conv"]


def test_wizard_with_the_keyboard_alone(qtbot, sqlite_db, shop) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop)
    qtbot.waitActive(wizard)
    qtbot.waitUntil(wizard.order_page.search.hasFocus)
    qtbot.keyClicks(wizard.order_page.search, "2041586613")
    qtbot.keyClick(wizard.order_page.search, Qt.Key.Key_Return)  # to the results
    assert wizard.order_page.isComplete() and wizard.currentPage() is wizard.order_page
    assert wizard.order_page.results.hasFocus()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # Next
    assert wizard.currentPage() is wizard.items_page
    qtbot.waitUntil(lambda: wizard.items_page.spins["CUP"].hasFocus())
    qtbot.keyClicks(wizard.focusWidget(), "1")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.kind_page
    qtbot.waitUntil(wizard.kind_page.buttons[ReturnKind.RETURN_REFUND].hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # return and refund (default)
    assert wizard.currentPage() is wizard.reason_page
    qtbot.waitUntil(wizard.reason_page.reason.hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # the first reason: no reason
    assert wizard.currentPage() is wizard.amount_page
    qtbot.waitUntil(wizard.amount_page.amount.hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.review_page
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # Finish
    assert wizard.case_id is not None


def test_bookkeeper_cannot_finish(qtbot, sqlite_db, shop) -> None:
    wizard = ReturnWizard(sqlite_db, actor(sqlite_db, shop["books"]), order_id=shop["order"])
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(wizard)
    wizard.items_page.spins["CUP"].setValue(1)
    for _ in range(4):
        next_page(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "bookkeeper" in wizard.review_page.error.text().lower()
    assert wizard.case_id is None
