"""An order as a return case sees it: what it still allows (items not yet claimed by other
cases, what was paid and refunded, the no-reason return window), and finding an order by
number, customer or product for the wizard."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shopdesk.models import (
    Customer,
    CustomerIdentity,
    Order,
    OrderItem,
    ReturnCase,
    ReturnEvent,
    ReturnItem,
    Store,
)
from shopdesk.models.enums import OrderStatus, ReturnState
from shopdesk.services import returns
from shopdesk.services.records import existing
from shopdesk.services.rules import StoreRules, of_store
from shopdesk.textfold import fold
from shopdesk.times import as_utc, utcnow


@dataclass(frozen=True)
class ItemLine:
    sku: str
    title: str
    unit_price_minor: int
    bought: int
    returned: int  # claimed by other cases that are still going or finished with goods back

    @property
    def available(self) -> int:
        return max(0, self.bought - self.returned)


@dataclass(frozen=True)
class Window:
    """The no-reason return window of an order."""

    days: int
    ends_at: datetime | None  # None: not delivered yet, or the delivery time is unknown
    inside: bool | None


@dataclass(frozen=True)
class OrderFacts:
    order_id: int
    order_no: str
    store_id: int
    store_name: str
    store_colour: str | None
    customer_id: int
    customer_name: str
    currency: str
    status: OrderStatus
    placed_at: datetime
    delivered_at: datetime | None
    total_minor: int
    shipping_minor: int
    refunded_minor: int
    items: list[ItemLine]
    window: Window

    @property
    def refundable_minor(self) -> int:
        """What may still be refunded: paid minus refunded."""
        return max(0, self.total_minor - self.refunded_minor)


def claimed_quantities(session: Session, order_id: int,
                       exclude_case: int | None = None) -> Counter[str]:
    """Per SKU, the quantities the order's other cases claim (see ``returns.claims_items``)."""
    q = (select(ReturnCase.id, ReturnEvent.state)
         .join(ReturnEvent, ReturnEvent.case_id == ReturnCase.id)
         .where(ReturnCase.order_id == order_id)
         .order_by(ReturnCase.id, ReturnEvent.at, ReturnEvent.id))
    if exclude_case is not None:
        q = q.where(ReturnCase.id != exclude_case)
    history: dict[int, list[ReturnState]] = defaultdict(list)
    for case_id, state in session.execute(q):
        history[case_id].append(state)
    claiming = [cid for cid, states in history.items() if returns.claims_items(states)]
    claimed: Counter[str] = Counter()
    if claiming:
        for sku, qty in session.execute(select(ReturnItem.sku, ReturnItem.qty)
                                        .where(ReturnItem.case_id.in_(claiming))):
            claimed[sku] += qty
    return claimed


def return_window(order: Order, rules: StoreRules, now: datetime | None = None) -> Window:
    days = rules.no_reason_return_days
    if order.delivered_at is None:
        return Window(days, None, None)
    ends = as_utc(order.delivered_at) + timedelta(days=days)
    return Window(days, ends, (now or utcnow()) <= ends)


def order_facts(session: Session, order_id: int, *, exclude_case: int | None = None,
                now: datetime | None = None) -> OrderFacts:
    order = existing(session, Order, order_id, "order")
    store = order.store
    claimed = claimed_quantities(session, order.id, exclude_case)
    lines: dict[str, ItemLine] = {}
    for item in order.items:  # one line per SKU; a SKU listed twice adds up
        old = lines.get(item.sku)
        lines[item.sku] = ItemLine(item.sku, item.title, item.unit_price_minor,
                                   item.qty + (old.bought if old else 0), claimed[item.sku])
    return OrderFacts(
        order_id=order.id, order_no=order.order_no, store_id=store.id, store_name=store.name,
        store_colour=store.colour, customer_id=order.customer_id,
        customer_name=order.customer.name, currency=order.currency,
        status=OrderStatus(order.status), placed_at=order.placed_at,
        delivered_at=order.delivered_at, total_minor=order.total_minor,
        shipping_minor=order.shipping_minor,
        refunded_minor=returns.refunded_for_order(session, order.id),
        items=list(lines.values()), window=return_window(order, of_store(store), now))


@dataclass(frozen=True)
class OrderHit:
    order_id: int
    order_no: str
    store_name: str
    customer_name: str
    placed_at: datetime
    currency: str
    total_minor: int
    titles: str


def find_orders(session: Session, query: str, *, customer_id: int | None = None,
                store_id: int | None = None, limit: int = 50) -> list[OrderHit]:
    """Orders by order number, customer name or handle, or product title or SKU; newest first.
    With ``customer_id`` (and ``store_id``) and no query: that customer's orders."""
    text = query.strip()
    q = (select(Order.id, Order.order_no, Store.name, Customer.name, Order.placed_at,
                Order.currency, Order.total_minor)
         .join(Store, Store.id == Order.store_id)
         .join(Customer, Customer.id == Order.customer_id)
         .where(Order.status != OrderStatus.UNPAID))
    if customer_id is not None:
        q = q.where(Order.customer_id == customer_id)
    if store_id is not None:
        q = q.where(Order.store_id == store_id)
    if text:
        folded = f"%{fold(text)}%"
        like = f"%{text}%"
        q = q.where(or_(
            Order.order_no.like(like),
            Order.order_no.like(f"%{text.lstrip('#')}%"),
            Customer.name.ilike(like),
            Order.id.in_(select(OrderItem.order_id).where(or_(
                OrderItem.title.ilike(like), OrderItem.sku.ilike(like)))),
            Customer.id.in_(_customers_by_handle(folded)),
        ))
    elif customer_id is None:
        return []
    rows = session.execute(q.order_by(Order.placed_at.desc(), Order.id.desc()).limit(limit)).all()
    titles: dict[int, list[str]] = defaultdict(list)
    if rows:
        for oid, title in session.execute(
                select(OrderItem.order_id, OrderItem.title)
                .where(OrderItem.order_id.in_([r[0] for r in rows])).order_by(OrderItem.id)):
            titles[oid].append(title)
    return [OrderHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], ", ".join(titles[r[0]]))
            for r in rows]


def _customers_by_handle(folded_like: str):  # type: ignore[no-untyped-def]
    return select(CustomerIdentity.customer_id).where(
        CustomerIdentity.handle.ilike(folded_like))
