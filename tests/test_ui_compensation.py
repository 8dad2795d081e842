"""The complaint pane when compensation meets the rules, with pytest-qt on both backends: an
agent above the refund limit is refused and hands the ticket to the owner with "Ask the
owner"; the owner paying more than the order paid is asked for the confirmation in words."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from shopdesk.models import Agent, Complaint, ComplaintEvent
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Role, Severity
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_opening as svc
from shopdesk.ui.complaint_panel import ComplaintPanel
from tests import factories as f

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(db):
    """A ticket about an order paid ¥128.00; Wang may pay up to ¥200.00."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 20000}))
        st, cu = f.store(), f.customer()
        o = f.order(st, cu)
        s.add(o)
        s.flush()
        c = svc.create(s, wang, svc.NewComplaint(
            store_id=st.id, customer_id=cu.id, category=ComplaintCategory.DAMAGED_IN_TRANSIT,
            severity=Severity.HIGH, summary="杯子运输破损", order_id=o.id), now=f.T0)
        return {"owner": owner.id, "wang": wang.id, "ticket": c.id}


def pane(qtbot, db, shop, who: str) -> ComplaintPanel:
    panel = ComplaintPanel(db)
    qtbot.addWidget(panel)
    with db.read_session() as s:
        panel.agent = s.get(Agent, shop[who])
    panel.show_complaint(shop["ticket"])
    panel.resize(1380, 780)
    panel.show()
    return panel


def resolve(panel: ComplaintPanel, amount: str, *, asked: bool = True) -> None:
    """Resolve paying ``amount``: the payment is confirmed when ShopDesk asks, and it asks
    (``asked``) only about an amount the rules let it pay."""
    panel.confirmation = None
    panel.resolution.setPlainText("补发一只新杯子")
    panel.compensation.setText(amount)
    panel.buttons["resolve"].click()
    assert (panel.confirmation is not None) == asked
    if panel.confirmation is not None:
        panel.confirmation.findChild(QPushButton, "confirmPay").click()


def test_an_agent_above_the_limit_asks_the_owner(qtbot, db, shop) -> None:
    panel = pane(qtbot, db, shop, "wang")
    assert not panel.ask_owner.isVisible()  # nothing to ask yet
    resolve(panel, "300.00", asked=False)
    assert "above your refund limit" in panel.error.text()
    assert panel.ask_owner.isVisible()
    panel.ask_owner.click()
    with db.read_session() as s:
        c = s.get(Complaint, shop["ticket"])
        assert c.assignee_id == shop["owner"] and c.status != ComplaintStatus.RESOLVED
        assert c.compensation_minor is None
        last = s.scalars(select(ComplaintEvent).where(ComplaintEvent.complaint_id == c.id)
                         .order_by(ComplaintEvent.id.desc())).first()
        assert last.action == "assign" and "300.00" in (last.note or "")
    assert "with the owner" in panel.error.text()
    assert not panel.ask_owner.isVisible()
    assert "Assigned to Owner" in panel.header.text()


def test_the_owner_above_what_the_order_paid_writes_the_confirmation(qtbot, db, shop) -> None:
    panel = pane(qtbot, db, shop, "owner")
    assert not panel.owner_words.isVisible() and not panel.ask_owner.isVisible()
    resolve(panel, "150.00", asked=False)  # the order paid ¥128.00
    assert "write why in the confirmation" in panel.error.text()
    assert panel.owner_words.isVisible() and not panel.ask_owner.isVisible()
    with db.read_session() as s:
        assert s.get(Complaint, shop["ticket"]).status != ComplaintStatus.RESOLVED
    panel.owner_words.setText("顾客等了三周，店里多赔一些")
    resolve(panel, "150.00")
    with db.read_session() as s:
        c = s.get(Complaint, shop["ticket"])
        assert c.status == ComplaintStatus.RESOLVED and c.compensation_minor == 15000
    assert "顾客等了三周，店里多赔一些" in panel.timeline.toPlainText()
    assert panel.error.text() == "" and not panel.owner_words.isVisible()


def test_an_amount_no_shop_pays_is_refused_without_asking_for_the_owners_words(
        qtbot, db, shop) -> None:
    """Above what ShopDesk takes as one amount the refusal is all there is: no confirmation
    box offers to pay it anyway."""
    panel = pane(qtbot, db, shop, "owner")
    resolve(panel, "2000000000.00", asked=False)
    assert "more than ShopDesk takes" in panel.error.text()
    assert not panel.owner_words.isVisible() and not panel.ask_owner.isVisible()
    with db.read_session() as s:
        assert s.get(Complaint, shop["ticket"]).compensation_minor is None
