"""Money on the screens a tester found wrong, with pytest-qt on a real SQLite file:

- the message to the customer states the amount actually approved: the template's text
  follows the amount while the agent has not edited it, and a message edited by hand that
  names another amount is questioned before the step is taken (never rewritten);
- the rules the services enforce (what was approved, the agent's refund limit) are checked
  before the payment is confirmed, so that only an amount the shop pays is asked about, and
  the refusal goes away when the amount changes.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from shopdesk.models import (
    Agent,
    Complaint,
    Conversation,
    Message,
    Order,
    OrderItem,
    ReturnCase,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    Direction,
    OrderStatus,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
    Severity,
)
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_opening as complaint_svc
from shopdesk.services import return_case_view, return_opening, return_steps
from shopdesk.ui.return_step import StepDialog
from tests import factories as f
from tests.test_ui_compensation import pane

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(sqlite_db):
    """周涛's order of ¥358.00 with a conversation; a case asking for all of it. Wang may pay
    up to ¥200.00, the owner any amount."""
    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 20000}))
        st, cu = f.store(), f.customer(name="周涛")
        o = Order(store=st, customer=cu, order_no="2041586613299990041", placed_at=f.T0,
                  delivered_at=f.T0, status=OrderStatus.DELIVERED, currency="CNY",
                  total_minor=35800, shipping_minor=0)
        o.items.append(OrderItem(sku="COAT", title="外套", qty=1, unit_price_minor=35800))
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            last_message_at=f.T0, last_direction=Direction.IN)
        s.add_all([o, conv])
        s.flush()
        case = return_opening.create_case(s, owner, return_opening.NewCase(
            order_id=o.id, quantities={"COAT": 1}, kind=ReturnKind.REFUND_ONLY,
            reason=ReturnReason.QUALITY_ISSUE, amount_minor=35800, conversation_id=conv.id))
        ticket = complaint_svc.create(s, wang, complaint_svc.NewComplaint(
            store_id=st.id, customer_id=cu.id, category=ComplaintCategory.DAMAGED_IN_TRANSIT,
            severity=Severity.HIGH, summary="外套破损", order_id=o.id), now=f.T0)
        return {"owner": owner.id, "wang": wang.id, "case": case.id, "conv": conv.id,
                "ticket": ticket.id}


def step_dialog(qtbot, db, shop, action: str, who: str = "owner") -> StepDialog:
    with db.read_session() as s:
        agent = s.get(Agent, shop[who])
        case = s.get(ReturnCase, shop["case"])
        step = next(st for st in return_steps.steps(case, agent) if st.action == action)
        view = return_case_view.case_view(s, shop["case"])
    dialog = StepDialog(db, agent, view, step)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sent(db, shop) -> list[str]:
    with db.read_session() as s:
        return list(s.scalars(select(Message.text).where(
            Message.conversation_id == shop["conv"], Message.direction == Direction.OUT)
            .order_by(Message.id)))


def approve(db, shop, amount_minor: int) -> None:
    with db.transaction() as s:
        case = s.get(ReturnCase, shop["case"])
        return_steps.take_step(s, s.get(Agent, shop["owner"]), case.id, case.version,
                               return_steps.StepInput("approve", amount_minor=amount_minor))


def state(db, shop) -> tuple[ReturnState, int | None, int | None]:
    with db.read_session() as s:
        case = s.get(ReturnCase, shop["case"])
        return case.state, case.approved_minor, case.refunded_minor


# -- bug 1: the message states the amount approved -------------------------------------------

def test_the_template_message_follows_the_amount(qtbot, sqlite_db, shop) -> None:
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve")
    assert dialog.amount.text() == "358.00"
    dialog.send.setChecked(True)
    dialog.fill.click()  # 用模板填写
    assert "¥358.00" in dialog.message.toPlainText()
    dialog.amount.setText("300")
    text = dialog.message.toPlainText()
    assert "¥300.00" in text and "¥358.00" not in text
    dialog.apply()
    assert dialog.applied and dialog.question is None
    assert state(sqlite_db, shop)[:2] == (ReturnState.APPROVED, 30000)
    [message] = sent(sqlite_db, shop)
    assert "¥300.00" in message and "¥358.00" not in message


def test_a_message_edited_by_hand_is_kept_and_its_other_amount_questioned(
        qtbot, sqlite_db, shop) -> None:
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve")
    dialog.send.setChecked(True)
    typed = dialog.message.toPlainText() + "有问题随时联系我们。"
    dialog.message.setPlainText(typed)  # edited by hand: it still says ¥358.00
    dialog.amount.setText("300")
    assert dialog.message.toPlainText() == typed  # never rewritten behind the agent's back
    dialog.apply()
    box = dialog.question
    assert box is not None and box.isVisible()
    assert "¥358.00" in box.text() and "¥300.00" in box.text()
    assert not dialog.applied and state(sqlite_db, shop)[0] == ReturnState.REQUESTED
    box.findChild(QPushButton, "messageAmountCorrect").click()
    assert not dialog.applied and dialog.message.toPlainText() == typed
    assert state(sqlite_db, shop)[0] == ReturnState.REQUESTED and sent(sqlite_db, shop) == []
    # Corrected by hand: no question, the step is taken with the message as typed.
    dialog.question = None
    dialog.message.setPlainText(typed.replace("¥358.00", "¥300.00"))
    dialog.apply()
    assert dialog.question is None and dialog.applied
    assert sent(sqlite_db, shop) == [typed.replace("¥358.00", "¥300.00")]


def test_a_message_naming_another_amount_goes_out_as_written_when_the_agent_says_so(
        qtbot, sqlite_db, shop) -> None:
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve")
    dialog.send.setChecked(True)
    dialog.amount.setText("300")
    typed = "您申请的358元，我们同意退 ¥300.00，另补偿 ¥20 优惠券。"
    dialog.message.setPlainText(typed)
    dialog.apply()
    box = dialog.question
    assert box is not None and "¥358.00" in box.text() and "¥20.00" in box.text()
    box.findChild(QPushButton, "messageAmountSend").click()
    assert dialog.applied and sent(sqlite_db, shop) == [typed]


# -- bug 2: the rules before the question that confirms a payment ----------------------------

def test_a_refund_above_the_approved_amount_is_refused_before_it_is_confirmed(
        qtbot, sqlite_db, shop) -> None:
    approve(sqlite_db, shop, 30000)
    dialog = step_dialog(qtbot, sqlite_db, shop, "refund")
    assert dialog.amount.text() == "300.00"
    dialog.amount.setText("600")
    dialog.apply()
    assert dialog.confirmation is None  # no "Refund ¥600.00 to 周涛 …?"
    assert "more than the approved 300.00" in dialog.error.text()
    assert not dialog.applied
    dialog.amount.setText("300")
    assert dialog.error.text() == ""  # the refusal was for the old amount
    dialog.apply()
    box = dialog.confirmation
    assert box is not None and "¥300.00" in box.text() and "周涛" in box.text()
    assert state(sqlite_db, shop)[2] is None  # nothing paid before "Pay"
    box.findChild(QPushButton, "confirmPay").click()
    assert dialog.applied and state(sqlite_db, shop) == (ReturnState.REFUNDED, 30000, 30000)


def test_a_refund_above_the_agents_limit_is_refused_before_it_is_confirmed(
        qtbot, sqlite_db, shop) -> None:
    with sqlite_db.transaction() as s:  # Wang may approve this case's default, not more
        s.get(Agent, shop["wang"]).refund_limits = {"CNY": 40000}
    dialog = step_dialog(qtbot, sqlite_db, shop, "approve", who="wang")
    dialog.send.setChecked(True)
    dialog.amount.setText("358.00")
    dialog.apply()
    assert dialog.applied
    dialog = step_dialog(qtbot, sqlite_db, shop, "refund", who="wang")
    with sqlite_db.transaction() as s:  # meanwhile the owner lowers Wang's limit
        s.get(Agent, shop["wang"]).refund_limits = {"CNY": 20000}
    dialog.apply()
    assert dialog.confirmation is None and "above your refund limit" in dialog.error.text()
    assert state(sqlite_db, shop)[2] is None


def test_compensation_above_the_agents_limit_is_refused_before_it_is_confirmed(
        qtbot, sqlite_db, shop) -> None:
    panel = pane(qtbot, sqlite_db, shop, "wang")
    panel.resolution.setPlainText("补发一件新外套")
    panel.compensation.setText("500")
    panel.buttons["resolve"].click()
    assert panel.confirmation is None  # no "Pay ¥500.00 to 周涛 …?"
    assert "¥500.00 is above your refund limit of ¥200.00" in panel.error.text()
    assert panel.ask_owner.isVisible()  # the way on: hand it to the owner
    panel.compensation.setText("150")
    assert panel.error.text() == ""  # the refusal was for the old amount
    panel.buttons["resolve"].click()
    box = panel.confirmation
    assert box is not None and "¥150.00" in box.text() and "周涛" in box.text()
    with sqlite_db.read_session() as s:
        assert s.get(Complaint, shop["ticket"]).compensation_minor is None  # not before "Pay"
    box.findChild(QPushButton, "confirmPay").click()
    with sqlite_db.read_session() as s:
        c = s.get(Complaint, shop["ticket"])
        assert (c.status, c.compensation_minor) == (ComplaintStatus.RESOLVED, 15000)


def test_a_resolution_without_words_is_refused_before_the_payment_question(
        qtbot, sqlite_db, shop) -> None:
    panel = pane(qtbot, sqlite_db, shop, "owner")
    panel.compensation.setText("50")
    panel.buttons["resolve"].click()
    assert panel.confirmation is None and "Write how" in panel.error.text()
