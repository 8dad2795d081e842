"""Customer segments from orders by RFM (recency, frequency, monetary): new, active, VIP,
at-risk, lost — with the reason ("3 orders, ¥1,286.00 in 90 days").

Thresholds are store rules (Settings → Store rules) of the store of the customer's latest
order. Segments are stored on the customer and recomputed when orders change (order import,
dataset load, a merge) and once a day by the sync worker, since time alone moves a customer
from active to at-risk; the card computes its segment afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopdesk.models import Customer, Order, Store
from shopdesk.models.enums import OrderStatus
from shopdesk.money import format_money
from shopdesk.services.rules import StoreRules, of_store
from shopdesk.times import as_utc, utcnow

SPENDING = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED)


class Segment(StrEnum):
    NEW = "new"
    ACTIVE = "active"
    VIP = "vip"
    AT_RISK = "at_risk"
    LOST = "lost"


@dataclass(frozen=True)
class Rfm:
    segment: Segment | None
    orders_in_window: int
    spent_in_window: dict[str, int]  # currency → minor units
    window_days: int
    last_order_at: datetime | None

    def reason(self) -> str:
        """What the segment is based on, in the shop's words."""
        if self.last_order_at is None:
            return "no orders yet"
        money = ", ".join(format_money(v, c) for c, v in sorted(self.spent_in_window.items()))
        return (f"{self.orders_in_window} order{'s' if self.orders_in_window != 1 else ''}, "
                f"{money or format_money(0, 'CNY')} in {self.window_days} days")


def classify(orders: Iterable[tuple[datetime, int, str]], rules: StoreRules,
             now: datetime) -> Rfm:
    """``orders``: (placed_at, total in minor units, currency) of the paid orders."""
    rows = sorted(((as_utc(at), total, cur) for at, total, cur in orders), reverse=True)
    window = timedelta(days=rules.rfm_window_days)
    recent = [r for r in rows if now - r[0] <= window]
    spent: dict[str, int] = {}
    for _at, total, cur in recent:
        spent[cur] = spent.get(cur, 0) + total
    if not rows:
        return Rfm(None, 0, {}, rules.rfm_window_days, None)
    last, first = rows[0][0], rows[-1][0]
    age = now - last
    if len(recent) >= rules.rfm_vip_orders or any(
            v >= rules.rfm_vip_spent_minor for v in spent.values()):
        segment = Segment.VIP
    elif len(rows) == 1 and now - first <= timedelta(days=rules.rfm_new_days):
        segment = Segment.NEW
    elif age <= window:
        segment = Segment.ACTIVE
    elif age <= timedelta(days=rules.rfm_lost_days):
        segment = Segment.AT_RISK
    else:
        segment = Segment.LOST
    return Rfm(segment, len(recent), spent, rules.rfm_window_days, last)


def of_customer(session: Session, customer_id: int, now: datetime | None = None) -> Rfm:
    now = now or utcnow()
    orders = session.execute(select(Order.placed_at, Order.total_minor, Order.currency,
                                    Order.store_id)
                             .where(Order.customer_id == customer_id,
                                    Order.status.in_(SPENDING))
                             .order_by(Order.placed_at.desc())).all()
    rules = StoreRules()
    if orders:
        store = session.get(Store, orders[0][3])
        if store is not None:
            rules = of_store(store)
    return classify(((at, total, cur) for at, total, cur, _s in orders), rules, now)


def recompute(session: Session, customer_ids: Iterable[int] | None = None,
              now: datetime | None = None) -> int:
    """Store the segment of these customers (all when None), reading their orders in one
    query. Returns how many changed."""
    now = now or utcnow()
    ids = None if customer_ids is None else sorted(set(customer_ids))
    q = (select(Order.customer_id, Order.placed_at, Order.total_minor, Order.currency,
                Order.store_id).where(Order.status.in_(SPENDING)))
    current = select(Customer.id, Customer.segment)
    if ids is not None:
        q = q.where(Order.customer_id.in_(ids))
        current = current.where(Customer.id.in_(ids))
    by_customer: dict[int, list[tuple[datetime, int, str, int]]] = {}
    for cid, at, total, cur, store_id in session.execute(q):
        by_customer.setdefault(cid, []).append((at, total, cur, store_id))
    rules: dict[int, StoreRules] = {}
    changes: list[dict[str, object]] = []
    for cid, old in session.execute(current).all():
        orders = by_customer.get(cid, [])
        store_rules = StoreRules()
        if orders:
            store_id = max(orders, key=lambda o: as_utc(o[0]))[3]
            if store_id not in rules:
                store = session.get(Store, store_id)
                rules[store_id] = of_store(store) if store is not None else StoreRules()
            store_rules = rules[store_id]
        rfm = classify(((at, total, cur) for at, total, cur, _s in orders), store_rules, now)
        value = rfm.segment.value if rfm.segment else None
        if value != old:
            changes.append({"id": cid, "segment": value})
    if changes:  # ORM bulk UPDATE by primary key
        session.execute(update(Customer), changes)
    return len(changes)
