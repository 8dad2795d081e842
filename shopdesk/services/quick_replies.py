"""Quick replies: find them by code, title or text, and fill their variables from the
conversation ({customer}, {order_no}, {store}, {agent}, {tracking_no})."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, Conversation, Customer, Order, QuickReply, Store
from shopdesk.textfold import fold

VARIABLE = re.compile(r"\{(customer|order_no|store|agent|tracking_no)\}")


@dataclass(frozen=True)
class QuickReplyItem:
    id: int
    category: str
    code: str
    title: str
    body: str


def find(session: Session, query: str = "") -> list[QuickReplyItem]:
    """Quick replies whose code, title or text contains ``query``, in category order."""
    q = select(QuickReply).order_by(QuickReply.category, QuickReply.position, QuickReply.id)
    rows = [QuickReplyItem(r.id, r.category, r.code, r.title, r.body)
            for r in session.scalars(q)]
    needle = fold(query).strip()
    if not needle:
        return rows
    # Codes that start with the query come first: typing "/wl" should pick "wl".
    hits = [r for r in rows if needle in fold(f"{r.code}\n{r.title}\n{r.body}")]
    return sorted(hits, key=lambda r: not fold(r.code).startswith(needle))


def variables(session: Session, conversation_id: int, agent: Agent | None) -> dict[str, str]:
    """The values of the variables for one conversation: the latest order of that customer
    in that store gives the order number and tracking number."""
    conv = session.get(Conversation, conversation_id)
    if conv is None:
        return {}
    customer = session.get(Customer, conv.customer_id)
    store = session.get(Store, conv.store_id)
    order = session.scalar(
        select(Order).where(Order.customer_id == conv.customer_id,
                            Order.store_id == conv.store_id)
        .order_by(Order.placed_at.desc()).limit(1))
    values = {
        "customer": customer.name if customer else "",
        "store": store.name if store else "",
        "agent": agent.name if agent else "",
        "order_no": order.order_no if order else "",
        "tracking_no": (order.tracking_no or "") if order else "",
    }
    return {k: v for k, v in values.items() if v}


def fill(body: str, values: dict[str, str]) -> str:
    """Replace the known variables; a variable without a value stays visible as {name}
    so that the agent sees what is missing before sending."""
    return VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), body)

