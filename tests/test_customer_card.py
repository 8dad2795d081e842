"""The customer card service on both backends: figures across stores, masking per role."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Customer, CustomerIdentity, Order
from shopdesk.services.customers import SPENDING, card


def test_card_figures_and_masking(db) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with db.transaction() as s:  # a customer known in two stores, with an address
        cid = s.scalar(select(CustomerIdentity.customer_id)
                       .group_by(CustomerIdentity.customer_id)
                       .having(func.count() > 1).order_by(CustomerIdentity.customer_id).limit(1))
        customer = s.get(Customer, cid)
        customer.phone = "13812345678"
        customer.address = "广东省深圳市南山区科技园路1号"
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
    assert full.orders == expected_orders and full.spent == spent
    assert full.recent_orders == sorted(full.recent_orders, key=lambda o: o.placed_at,
                                        reverse=True)
    with db.read_session() as s:
        assert card(s, 10**9, None) is None
