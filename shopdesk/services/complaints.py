"""Complaint tickets: open (blank, from a conversation or a customer card), work them
(assign, status, escalate one tier, resolve with compensation under the money rules of
``services/compensation.py``, close, reopen), the SLA by severity from the store's rules,
first-response and resolution times, a timeline of every change, and the paged, filtered
list of the Complaints page.

First response: the moment an agent first takes the ticket up (any change after opening
that is not made by the system). Resolution: the moment it is resolved (kept when closed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
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
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Direction, Severity
from shopdesk.money import format_money
from shopdesk.services import audit, compensation
from shopdesk.services.conversations import preview
from shopdesk.services.numbering import complaint_number
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.rules import of_store
from shopdesk.times import as_utc, utcnow

St = ComplaintStatus
OPEN = frozenset({St.NEW, St.IN_PROGRESS, St.ESCALATED})
MAX_SUMMARY = 500


def ticket_number(complaint_id: int) -> str:
    return complaint_number(complaint_id)


# -- opening -----------------------------------------------------------------------------------

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


# -- working a ticket --------------------------------------------------------------------------

@dataclass
class Change:
    """One action on a ticket. ``action``: assign, start, escalate, resolve, close, reopen,
    severity, note."""

    action: str
    assignee_id: int | None = None
    note: str = ""
    resolution: str = ""
    compensation_minor: int | None = None  # resolve: None keeps what was granted
    severity: Severity | None = None
    # resolve, the owner only: why the shop pays more than the order paid, in their words
    confirmation: str = ""


ALLOWED: dict[str, frozenset[ComplaintStatus]] = {
    "assign": frozenset(OPEN),
    "start": frozenset({St.NEW}),
    "escalate": frozenset({St.NEW, St.IN_PROGRESS, St.ESCALATED}),
    "resolve": frozenset(OPEN),
    "close": frozenset({St.RESOLVED}),
    "reopen": frozenset({St.RESOLVED, St.CLOSED}),
    "severity": frozenset(OPEN),
    "note": frozenset(ComplaintStatus),
}


def actions_for(complaint: Complaint) -> list[str]:
    """The actions a ticket allows now (the dialog shows these as buttons)."""
    status = ComplaintStatus(complaint.status)
    out = [a for a, states in ALLOWED.items() if status in states]
    if complaint.tier >= 3 and "escalate" in out:
        out.remove("escalate")
    return out


def update(session: Session, agent: Agent, complaint_id: int, expected_version: int,
           change: Change, now: datetime | None = None) -> Complaint:
    c = _ticket(session, agent, complaint_id, expected_version, change.action, lock=True)
    action = change.action
    when = now or utcnow()
    before = _snapshot(c)
    note = change.note.strip()
    confirmed = None
    if action == "assign":
        if change.assignee_id is not None:
            target = session.get(Agent, change.assignee_id)
            if target is None or not target.active:
                raise ShopDeskError("That agent cannot take complaints (deactivated).")
        c.assignee_id = change.assignee_id
    elif action == "start":
        c.status = St.IN_PROGRESS
    elif action == "escalate":
        if not note:
            raise ShopDeskError("Say why the complaint goes up a tier; the next tier reads it.")
        c.tier += 1
        c.status = St.ESCALATED
    elif action == "resolve":
        resolution, (c.compensation_minor, confirmed) = _resolution(session, agent, c, change)
        c.resolution = resolution
        c.status = St.RESOLVED
        c.resolved_at = when
    elif action == "close":
        c.status = St.CLOSED
    elif action == "reopen":
        c.status = St.IN_PROGRESS
        c.resolved_at = None
    elif action == "severity":
        if change.severity is None:
            raise ShopDeskError("Choose a severity.")
        c.severity = Severity(change.severity)
        c.sla_due_at = as_utc(c.opened_at) + of_store(c.store).complaint_sla(c.severity)
    elif action == "note" and not note:
        raise ShopDeskError("The note is empty.")
    if c.first_response_at is None:  # the first time an agent takes the ticket up
        c.first_response_at = when
    after = _snapshot(c)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if confirmed:
        changed["confirmation"] = confirmed  # more than the order paid: the owner's words
    was = {k: before.get(k) for k in changed}
    c.events.append(ComplaintEvent(at=when, by_id=agent.id, action=action, note=note or None,
                                   before=was or None, after=changed or None))
    session.flush()
    audit.record(session, agent.id, f"complaint.{action}", "complaint", c.id, was, changed,
                 at=when)
    return c


def check(session: Session, agent: Agent, complaint_id: int, expected_version: int,
          change: Change) -> None:
    """Raise what ``update`` would refuse ``change`` with, locking and writing nothing: the
    complaint pane asks before it asks to confirm the compensation a resolution pays."""
    c = _ticket(session, agent, complaint_id, expected_version, change.action, lock=False)
    if change.action == "resolve":
        _resolution(session, agent, c, change, lock=False)


def _ticket(session: Session, agent: Agent, complaint_id: int, expected_version: int,
            action: str, *, lock: bool) -> Complaint:
    require(agent, Action.HANDLE_CASES)
    q = select(Complaint).where(Complaint.id == complaint_id)
    if lock:
        q = q.with_for_update().execution_options(populate_existing=True)
    c = session.scalars(q).first()
    if c is None:
        raise ShopDeskError("This complaint no longer exists.")
    if c.version != expected_version:
        raise audit.stale(session, "complaint", c.id, "complaint")
    if action not in ALLOWED:
        raise ShopDeskError(f"“{action}” is not an action on a complaint.")
    if action not in actions_for(c):
        raise ShopDeskError(_refusal(c, action))
    return c


def _resolution(session: Session, agent: Agent, c: Complaint, change: Change, *,
                lock: bool = True) -> tuple[str, tuple[int | None, str | None]]:
    """The resolution's text and (``compensation.check``) its compensation and the owner's
    words; raises when a rule refuses them."""
    resolution = change.resolution.strip()
    if not resolution:
        raise ShopDeskError("Write how the complaint was resolved.")
    return resolution, compensation.check(session, agent, c, change.compensation_minor,
                                          change.confirmation, lock=lock)


def ask_owner(session: Session, agent: Agent, complaint_id: int, expected_version: int,
              note: str = "") -> Complaint:
    """Hand a complaint whose compensation is above the agent's limit to the owner (assigned,
    ``note`` in the timeline: what the agent proposes; audited)."""
    owner = compensation.the_owner(session)
    c = update(session, agent, complaint_id, expected_version,
               Change("assign", assignee_id=owner.id, note=note))
    audit.record(session, agent.id, "complaint.ask_owner", "complaint", c.id, None,
                 {"assignee": owner.id})
    return c


def _refusal(c: Complaint, action: str) -> str:
    if action == "escalate" and c.tier >= 3:
        return "The complaint is already at the top tier (supplier or platform)."
    return f"A {ComplaintStatus(c.status).value.replace('_', ' ')} complaint cannot {action}."


def _snapshot(c: Complaint) -> dict[str, Any]:
    return {"status": ComplaintStatus(c.status).value, "tier": c.tier,
            "assignee": c.assignee_id, "severity": Severity(c.severity).value,
            "compensation": c.compensation_minor, "resolution": c.resolution}


# -- reading -----------------------------------------------------------------------------------

def is_overdue(c: Complaint | ComplaintRow, now: datetime) -> bool:
    status = ComplaintStatus(c.status)
    return (status in OPEN and c.sla_due_at is not None and as_utc(c.sla_due_at) < now)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    by: str | None
    action: str
    note: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class ComplaintView:
    id: int
    number: str
    version: int
    store_id: int
    store_name: str
    customer_id: int
    customer_name: str
    order_no: str | None
    conversation_id: int | None
    category: ComplaintCategory
    severity: Severity
    tier: int
    status: ComplaintStatus
    opened_at: datetime
    sla_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    assignee_id: int | None
    assignee: str | None
    summary: str
    details: str | None
    resolution: str | None
    compensation_minor: int | None
    currency: str
    overdue: bool
    actions: list[str]
    timeline: list[TimelineEntry]

    @property
    def compensation(self) -> str:
        return format_money(self.compensation_minor, self.currency) \
            if self.compensation_minor else ""


def view(session: Session, complaint_id: int, now: datetime | None = None) -> ComplaintView:
    c = existing(session, Complaint, complaint_id, "complaint")
    now = now or utcnow()
    return ComplaintView(
        c.id, ticket_number(c.id), c.version, c.store_id, c.store.name, c.customer_id,
        c.customer.name, c.order.order_no if c.order else None, c.conversation_id,
        ComplaintCategory(c.category), Severity(c.severity), c.tier, ComplaintStatus(c.status),
        c.opened_at, c.sla_due_at, c.first_response_at, c.resolved_at, c.assignee_id,
        c.assignee.name if c.assignee else None, c.summary, c.details, c.resolution,
        c.compensation_minor, c.currency, is_overdue(c, now), actions_for(c),
        [TimelineEntry(e.at, e.by.name if e.by else None, e.action, e.note, e.before, e.after)
         for e in c.events])


@dataclass
class ComplaintFilter:
    store_ids: list[int] = field(default_factory=list)
    category: ComplaintCategory | None = None
    severity: Severity | None = None
    status: ComplaintStatus | None = None  # None: every status
    open_only: bool = False
    tier: int | None = None
    agent_id: int | None = None
    start: datetime | None = None  # opened at or after
    end: datetime | None = None  # opened before


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    number: str
    opened_at: datetime
    store_name: str
    store_colour: str | None
    customer_name: str
    category: ComplaintCategory
    severity: Severity
    tier: int
    status: ComplaintStatus
    assignee: str | None
    summary: str
    sla_due_at: datetime | None


def page(session: Session, flt: ComplaintFilter, after: tuple[datetime, int] | None = None,
         limit: int = 200) -> list[ComplaintRow]:
    """Newest first, ``limit`` rows after the keyset ``after`` (opened_at, id)."""
    q = (select(Complaint.id, Complaint.opened_at, Store.name, Store.colour, Customer.name,
                Complaint.category, Complaint.severity, Complaint.tier, Complaint.status,
                Agent.name, Complaint.summary, Complaint.sla_due_at)
         .join(Store, Store.id == Complaint.store_id)
         .join(Customer, Customer.id == Complaint.customer_id)
         .outerjoin(Agent, Agent.id == Complaint.assignee_id))
    q = q.where(*_conditions(flt))
    if after is not None:
        at, cid = after
        q = q.where(or_(Complaint.opened_at < at,
                        and_(Complaint.opened_at == at, Complaint.id < cid)))
    q = q.order_by(Complaint.opened_at.desc(), Complaint.id.desc()).limit(limit)
    return [ComplaintRow(r[0], ticket_number(r[0]), r[1], r[2], r[3], r[4],
                         ComplaintCategory(r[5]), Severity(r[6]), r[7], ComplaintStatus(r[8]),
                         r[9], r[10], r[11]) for r in session.execute(q)]


def _conditions(flt: ComplaintFilter) -> list[Any]:
    cond: list[Any] = []
    if flt.store_ids:
        cond.append(Complaint.store_id.in_(flt.store_ids))
    if flt.category is not None:
        cond.append(Complaint.category == flt.category)
    if flt.severity is not None:
        cond.append(Complaint.severity == flt.severity)
    if flt.status is not None:
        cond.append(Complaint.status == flt.status)
    if flt.open_only:
        cond.append(Complaint.status.in_(list(OPEN)))
    if flt.tier is not None:
        cond.append(Complaint.tier == flt.tier)
    if flt.agent_id is not None:
        cond.append(Complaint.assignee_id == flt.agent_id)
    if flt.start is not None:
        cond.append(Complaint.opened_at >= flt.start)
    if flt.end is not None:
        cond.append(Complaint.opened_at < flt.end)
    return cond


def count(session: Session, flt: ComplaintFilter) -> tuple[int, int]:
    """(tickets, overdue) for the filter."""
    base = select(func.count()).select_from(Complaint).where(*_conditions(flt))
    total = int(session.scalar(base) or 0)
    overdue = int(session.scalar(base.where(Complaint.status.in_(list(OPEN)),
                                            Complaint.sla_due_at < utcnow())) or 0)
    return total, overdue
