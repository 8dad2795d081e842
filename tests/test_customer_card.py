"""The customer card service on both backends: figures across stores, masking per role."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Customer, CustomerIdentity, Order
from shopdesk.services.customers import SPENDING, card
from shopdesk.services.duplicates import side


def test_card_figures_and_masking(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as s:  # a customer known in two stores, with an address
        cid = s.scalar(select(CustomerIdentity.customer_id)
                       .group_by(CustomerIdentity.customer_id)
                       .having(func.count() > 1).order_by(CustomerIdentity.customer_id).limit(1))
        customer = s.get(Customer, cid)
        customer.phone = "13812345678"
        customer.address = "广东省深圳市南山区科技园路1号"
        customer.email = "wang.fang@example.com"
        identity = s.scalar(select(CustomerIdentity).where(CustomerIdentity.customer_id == cid)
                            .order_by(CustomerIdentity.store_id).limit(1))
        identity.handle = "wang.fang@example.com"  # as an e-mail store knows the customer
    with db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
        agent = s.scalar(select(Agent).where(Agent.key == "emma"))
        full = card(s, cid, owner)
        masked = card(s, cid, agent)
        expected_orders = s.scalar(select(func.count()).select_from(Order).where(
            Order.customer_id == cid, Order.status.in_(SPENDING)))
        spent = {cur: int(total) for cur, total in s.execute(
            select(Order.currency, func.sum(Order.total_minor))
            .where(Order.customer_id == cid, Order.status.in_(SPENDING))
            .group_by(Order.currency))}
    assert len(full.identities) == 2
    assert full.phone == "13812345678" and full.address.endswith("1号")
    assert masked.phone == "138****5678" and masked.address == "广东省深圳市南山区****"
    assert full.email == "wang.fang@example.com" and masked.email == "w***@example.com"
    assert full.identities[0][2] == "wang.fang@example.com"
    assert masked.identities[0][2] == "w***@example.com"
    assert masked.identities[1][2] == full.identities[1][2]  # a buyer nick is not masked
    with db.read_session() as s:  # the merge dialog's two sides, as the card
        assert side(s, cid, owner).email == "wang.fang@example.com"
        assert side(s, cid, agent).email == "w***@example.com"
        assert side(s, cid, agent).identities[0][1] == "w***@example.com"
    assert full.orders == expected_orders and full.spent == spent
    assert full.recent_orders == sorted(full.recent_orders, key=lambda o: o.placed_at,
                                        reverse=True)
    with db.read_session() as s:
        assert card(s, 10**9, None) is None


def test_notes_add_edit_delete_undo_and_only_your_own(db) -> None:
    import pytest

    from shopdesk.errors import ShopDeskError
    from shopdesk.models import AuditEvent, CustomerNote
    from shopdesk.services import customers as svc

    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        cid = s.scalar(select(Customer.id).order_by(Customer.id).limit(1))
        note = svc.add_note(s, emma, cid, "  喜欢顺丰\n周末不收件 ", pinned=False)
        with pytest.raises(ShopDeskError, match="empty"):
            svc.add_note(s, emma, cid, "   ")
        with pytest.raises(ShopDeskError, match="only your own"):
            svc.edit_note(s, wang, note.id, "改别人的")
        svc.edit_note(s, emma, note.id, "喜欢顺丰，周末不收件", pinned=True)
        nid = note.id
    with db.read_session() as s:
        first = card(s, cid, None).notes[0]
        assert first.text == "喜欢顺丰，周末不收件" and first.pinned  # pinned first
    with db.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        kept = svc.delete_note(s, emma, nid)
    with db.read_session() as s:
        assert s.get(CustomerNote, nid) is None
    with db.transaction() as s:
        emma = s.scalar(select(Agent).where(Agent.key == "emma"))
        back = svc.restore_note(s, emma, kept)
    with db.read_session() as s:
        restored = s.get(CustomerNote, back.id)
        assert restored.text == "喜欢顺丰，周末不收件" and restored.pinned
        assert restored.author_id == s.scalar(select(Agent.id).where(Agent.key == "emma"))
        actions = s.scalars(select(AuditEvent.action).where(
            AuditEvent.entity == "customer_note").order_by(AuditEvent.id)).all()
        assert actions == ["note.create", "note.update", "note.delete", "note.restore"]


def test_notes_are_searchable_on_the_card(qtbot, sqlite_db) -> None:
    from shopdesk.models import Agent, Customer, CustomerNote
    from shopdesk.services import agents as agent_svc
    from shopdesk.ui.customer_card import CustomerCard

    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        cu = Customer(key="c1", name="王芳")
        s.add(cu)
        s.flush()
        for text in ("喜欢顺丰", "Prefers e-mail", "上次投诉过包装"):
            s.add(CustomerNote(customer_id=cu.id, author_id=owner.id, text=text))
        ids = (cu.id, owner.id)
    card = CustomerCard(sqlite_db)
    qtbot.addWidget(card)
    with sqlite_db.read_session() as s:
        card.show_customer(ids[0], s.get(Agent, ids[1]))
    assert "喜欢顺丰" in card.view.toPlainText()
    card.note_search.setText("包装")
    text = card.view.toPlainText()
    assert "上次投诉过包装" in text and "喜欢顺丰" not in text and "1 of 3 notes" in text
    card.note_search.setText("E-MAIL")  # case and width do not matter
    assert "Prefers e-mail" in card.view.toPlainText()
