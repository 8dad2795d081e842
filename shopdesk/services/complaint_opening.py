"""Opening a complaint ticket: blank, from a conversation (prefilled with its customer,
latest order and last message) or from a customer card; its SLA due time by severity from
the store's rules, and a system line in the conversation it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Complaint,
    ComplaintEvent,
    Conversation,
    Customer,
    Message,
    Order,
    Store,
)
from shopdesk.models.enums import ComplaintCategory, Direction, Severity
from shopdesk.services import audit
from shopdesk.services.complaints import St, ticket_number
from shopdesk.services.conversations import preview
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.rules import of_store
from shopdesk.times import utcnow

MAX_SUMMARY = 500


@dataclass
class NewComplaint:
    store_id: int
    customer_id: int
    category: ComplaintCategory
    severity: Severity
    summary: str
    details: str = ""
    order_id: int | None = None
    conversation_id: int | None = None
    lang: str = "en"  # of the system line written into the conversation


@dataclass(frozen=True)
class Prefill:
    store_id: int
    customer_id: int
    customer_name: str
    order_id: int | None
    conversation_id: int | None
    details: str  # the customer's last message, quoted


def prefill_from_conversation(session: Session, conversation_id: int) -> Prefill:
    """What a complaint opened from a conversation starts with: its customer and store, the
    customer's latest order in that store, and the customer's last message quoted."""
    conv = existing(session, Conversation, conversation_id, "conversation")
    order_id = session.scalar(
        select(Order.id).where(Order.customer_id == conv.customer_id,
                               Order.store_id == conv.store_id)
        .order_by(Order.placed_at.desc(), Order.id.desc()).limit(1))
    last = session.scalar(
        select(Message.text).where(Message.conversation_id == conv.id,
                                   Message.direction == Direction.IN)
        .order_by(Message.at.desc(), Message.id.desc()).limit(1))
    customer = existing(session, Customer, conv.customer_id, "customer")
    details = "\n".join(f"> {line}" for line in last.splitlines()) if last else ""
    return Prefill(conv.store_id, conv.customer_id, customer.name, order_id, conv.id, details)


def _check_text(summary: str) -> str:
    text = summary.strip()
    if not text:
        raise ShopDeskError("Write a short summary of the complaint.")
    if len(text) > MAX_SUMMARY:
        raise ShopDeskError(f"The summary is longer than {MAX_SUMMARY} characters; put the "
                            "rest in the details.")
    return text


OPENED = {"en": "Complaint {number} opened: {summary}", "zh_CN": "已创建投诉 {number}：{summary}"}


def create(session: Session, agent: Agent, new: NewComplaint,
           now: datetime | None = None) -> Complaint:
    require(agent, Action.HANDLE_CASES)
    summary = _check_text(new.summary)
    store = existing(session, Store, new.store_id, "store")
    existing(session, Customer, new.customer_id, "customer")
    if new.order_id is not None:
        order = existing(session, Order, new.order_id, "order")
        if order.customer_id != new.customer_id:
            raise ShopDeskError(f"Order {order.order_no} belongs to another customer.")
    conv = None
    if new.conversation_id is not None:
        conv = existing(session, Conversation, new.conversation_id, "conversation")
        if conv.customer_id != new.customer_id:
            raise ShopDeskError("The conversation belongs to another customer.")
    when = now or utcnow()
    severity = Severity(new.severity)
    complaint = Complaint(
        store_id=store.id, customer_id=new.customer_id, order_id=new.order_id,
        conversation_id=new.conversation_id, category=ComplaintCategory(new.category),
        severity=severity, tier=1, status=St.NEW, opened_at=when,
        sla_due_at=when + of_store(store).complaint_sla(severity), summary=summary,
        details=new.details.strip() or None, currency=store.currency,
        assignee_id=agent.id)
    complaint.events.append(ComplaintEvent(at=when, by_id=agent.id, action="created",
                                           after={"severity": severity.value,
                                                  "category": complaint.category.value}))
    session.add(complaint)
    session.flush()
    audit.record(session, agent.id, "complaint.created", "complaint", complaint.id, None,
                 {"summary": summary, "severity": severity.value}, at=when)
    if conv is not None:
        lang = new.lang if new.lang in OPENED else "en"
        text = OPENED[lang].format(number=ticket_number(complaint.id), summary=summary)
        session.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=when,
                            direction=Direction.SYSTEM, text=text))
        conv.last_preview = conv.last_preview or preview(text)
    return complaint
