"""The customer card: who this is at a glance, across every store.

Personal data goes through ``services.privacy`` with the agent at the keyboard, so an agent
sees ``138****5678`` where the owner sees the whole number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    CustomerNote,
    Order,
    ReturnCase,
    Store,
    SurveyResponse,
    Tag,
    customer_tags,
)
from shopdesk.models.enums import ComplaintStatus, ReturnState, Role
from shopdesk.services import audit, customer_list, duplicates, segments
from shopdesk.services.complaints import ticket_number
from shopdesk.services.permissions import Action, require
from shopdesk.services.privacy import address_for, email_for, handle_for, phone_for
from shopdesk.services.records import existing
from shopdesk.services.return_board import cases_of_customer
from shopdesk.times import utcnow

SPENDING = segments.SPENDING  # the orders that count as spent


@dataclass(frozen=True)
class CardOrder:
    id: int
    order_no: str
    store: str
    placed_at: datetime
    status: str
    total_minor: int
    currency: str


@dataclass(frozen=True)
class CardConversation:
    id: int
    store: str
    colour: str | None
    status: str
    last_message_at: datetime | None
    preview: str | None


@dataclass(frozen=True)
class CardNote:
    id: int
    author_id: int | None
    author: str | None
    at: datetime
    text: str
    pinned: bool


@dataclass
class CustomerCardData:
    id: int
    name: str
    phone: str | None
    email: str | None
    address: str | None
    identities: list[tuple[str, str | None, str]] = field(default_factory=list)  # store, colour, handle
    tags: list[tuple[str, str | None]] = field(default_factory=list)  # name, colour
    orders: int = 0
    spent: dict[str, int] = field(default_factory=dict)  # currency → minor units
    refunds: int = 0
    refunded: dict[str, int] = field(default_factory=dict)
    complaints: int = 0
    satisfaction: float | None = None  # average score, for display only (not money)
    conversations: int = 0
    recent_conversations: list[CardConversation] = field(default_factory=list)
    merged: list[duplicates.Merged] = field(default_factory=list)  # merges that can be undone
    recent_orders: list[CardOrder] = field(default_factory=list)
    notes: list[CardNote] = field(default_factory=list)
    cases: list[tuple[int, str, ReturnState]] = field(default_factory=list)  # id, number, state
    tickets: list[tuple[int, str, ComplaintStatus]] = field(default_factory=list)
    rfm: segments.Rfm | None = None  # the segment and what it is based on


def card(session: Session, customer_id: int, viewer: Agent | None) -> CustomerCardData | None:
    customer = session.get(Customer, customer_id)
    if customer is None:
        return None
    data = CustomerCardData(
        id=customer.id, name=customer.name, phone=phone_for(viewer, customer.phone),
        email=email_for(viewer, customer.email), address=address_for(viewer, customer.address))
    data.identities = [
        (store, colour, handle_for(viewer, handle)) for store, colour, handle in session.execute(
            select(Store.name, Store.colour, CustomerIdentity.handle)
            .join(Store, Store.id == CustomerIdentity.store_id)
            .where(CustomerIdentity.customer_id == customer_id).order_by(Store.id))]
    data.tags = [(name, colour) for name, colour in session.execute(
        select(Tag.name, Tag.colour).join(customer_tags, customer_tags.c.tag_id == Tag.id)
        .where(customer_tags.c.customer_id == customer_id).order_by(Tag.name))]
    spent = customer_list.spending(session, [customer_id]).get(customer_id, {})
    data.spent = {currency: v.minor for currency, v in spent.items()}
    data.orders = sum(v.orders for v in spent.values())
    refunded: dict[str, int] = defaultdict(int)
    for currency, total, count in session.execute(
            select(ReturnCase.currency, func.sum(ReturnCase.refunded_minor), func.count())
            .where(ReturnCase.customer_id == customer_id, ReturnCase.refunded_minor.is_not(None))
            .group_by(ReturnCase.currency)):
        refunded[currency] += int(total or 0)
        data.refunds += int(count)
    data.refunded = dict(refunded)
    data.complaints = int(session.scalar(select(func.count()).select_from(Complaint)
                                         .where(Complaint.customer_id == customer_id)) or 0)
    average = session.scalar(
        select(func.avg(SurveyResponse.score))
        .join(Conversation, Conversation.id == SurveyResponse.conversation_id)
        .where(Conversation.customer_id == customer_id))
    data.satisfaction = round(float(average), 1) if average is not None else None
    data.conversations = int(session.scalar(
        select(func.count()).select_from(Conversation)
        .where(Conversation.customer_id == customer_id)) or 0)
    data.recent_conversations = [
        CardConversation(cid, store, colour, status.value, at, text)
        for cid, store, colour, status, at, text in session.execute(
            select(Conversation.id, Store.name, Store.colour, Conversation.status,
                   Conversation.last_message_at, Conversation.last_preview)
            .join(Store, Store.id == Conversation.store_id)
            .where(Conversation.customer_id == customer_id)
            .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())
            .limit(20))]
    data.merged = duplicates.merged_into(session, customer_id)
    data.recent_orders = [
        CardOrder(o.id, o.order_no, store, o.placed_at, o.status.value, o.total_minor, o.currency)
        for o, store in session.execute(
            select(Order, Store.name).join(Store, Store.id == Order.store_id)
            .where(Order.customer_id == customer_id)
            .order_by(Order.placed_at.desc()).limit(10))]
    data.rfm = segments.of_customer(session, customer_id)
    data.cases = cases_of_customer(session, customer_id)
    data.tickets = [(cid, ticket_number(cid), ComplaintStatus(status)) for cid, status in session.execute(
        select(Complaint.id, Complaint.status).where(Complaint.customer_id == customer_id)
        .order_by(Complaint.opened_at.desc()).limit(20))]
    data.notes = [
        CardNote(n.id, n.author_id, author, n.at, n.text, n.pinned)
        for n, author in session.execute(
            select(CustomerNote, Agent.name).outerjoin(Agent, Agent.id == CustomerNote.author_id)
            .where(CustomerNote.customer_id == customer_id)
            .order_by(CustomerNote.pinned.desc(), CustomerNote.at.desc()))]
    return data


def customer_of_conversation(session: Session, conversation_id: int) -> int | None:
    return session.scalar(select(Conversation.customer_id)
                          .where(Conversation.id == conversation_id))


# -- notes ---------------------------------------------------------------------------------------

def _own_note(session: Session, agent: Agent, note_id: int) -> CustomerNote:
    require(agent, Action.REPLY)
    note = existing(session, CustomerNote, note_id, "note")
    if note.author_id != agent.id and agent.role != Role.OWNER:
        raise ShopDeskError("You can change only your own notes.")
    return note


def add_note(session: Session, agent: Agent, customer_id: int, text: str,
             pinned: bool = False) -> CustomerNote:
    require(agent, Action.REPLY)
    body = text.strip()
    if not body:
        raise ShopDeskError("The note is empty.")
    existing(session, Customer, customer_id, "customer")
    note = CustomerNote(customer_id=customer_id, author_id=agent.id, at=utcnow(), text=body,
                        pinned=pinned)
    session.add(note)
    session.flush()
    audit.record(session, agent.id, "note.create", "customer_note", note.id, None,
                 {"customer": customer_id})
    return note


def edit_note(session: Session, agent: Agent, note_id: int, text: str,
              pinned: bool | None = None) -> CustomerNote:
    note = _own_note(session, agent, note_id)
    body = text.strip()
    if not body:
        raise ShopDeskError("The note is empty.")
    before = {"text": note.text, "pinned": note.pinned}
    note.text = body
    if pinned is not None:
        note.pinned = pinned
    audit.record(session, agent.id, "note.update", "customer_note", note.id, before,
                 {"text": note.text, "pinned": note.pinned})
    return note


def delete_note(session: Session, agent: Agent, note_id: int) -> dict[str, object]:
    """Delete a note; returns what ``restore_note`` needs to undo it."""
    note = _own_note(session, agent, note_id)
    kept = {"customer_id": note.customer_id, "author_id": note.author_id,
            "at": note.at.isoformat(), "text": note.text, "pinned": note.pinned}
    audit.record(session, agent.id, "note.delete", "customer_note", note.id, kept, None)
    session.delete(note)
    return kept


def restore_note(session: Session, agent: Agent, kept: dict[str, object]) -> CustomerNote:
    """Undo a deletion: the note comes back with its author, time and text."""
    require(agent, Action.REPLY)
    note = CustomerNote(customer_id=kept["customer_id"], author_id=kept["author_id"],
                        at=datetime.fromisoformat(str(kept["at"])), text=str(kept["text"]),
                        pinned=bool(kept["pinned"]))
    session.add(note)
    session.flush()
    audit.record(session, agent.id, "note.restore", "customer_note", note.id, None, kept)
    return note


def find_customers(session: Session, text: str, viewer: Agent | None,
                   limit: int = 20) -> list[tuple[int, str]]:
    """(id, name) of customers whose name, store handle, phone, e-mail or order number
    contains ``text`` — the Customers page's search for ``viewer``, by name."""
    if not text.strip():
        return []
    flt = customer_list.CustomerFilter(text=text, sort=customer_list.Sort.NAME)
    return [(r.id, r.name) for r in customer_list.page(session, flt, viewer, None, limit)]
