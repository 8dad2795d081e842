"""The shift handover: a note built from the data, reassignment, and reading it next shift."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    Agent,
    Complaint,
    Conversation,
    Customer,
    Handover,
    HandoverRead,
    ReturnCase,
    Store,
)
from shopdesk.models.enums import ComplaintStatus, ConversationStatus, Direction, Role
from shopdesk.services import agents, audit
from shopdesk.services.numbering import number
from shopdesk.services.permissions import Action, can, require
from shopdesk.services.returns import TERMINAL, next_deadline
from shopdesk.services.rules import rules_for
from shopdesk.times import utcnow

Kind = Literal["conversation", "return", "complaint"]
NEXT_SHIFT = timedelta(hours=24)
OPEN_COMPLAINT = (ComplaintStatus.NEW, ComplaintStatus.IN_PROGRESS, ComplaintStatus.ESCALATED)


@dataclass
class HandoverItem:
    kind: Kind
    id: int
    title: str  # customer and store, or the customer of the complaint
    detail: str  # the customer's last message, or the complaint's summary
    due: datetime | None = None
    # Codes the UI shows in the user's language: the complaint's severity, the case's
    # kind and state.
    codes: list[str] = field(default_factory=list)
    number: str = ""  # C-29, R-12, T-45: the one number the rest of the program shows

    def __post_init__(self) -> None:
        self.number = self.number or number(self.kind, self.id)


@dataclass
class HandoverDraft:
    waiting: list[HandoverItem] = field(default_factory=list)
    returns: list[HandoverItem] = field(default_factory=list)
    complaints: list[HandoverItem] = field(default_factory=list)
    snoozed: list[HandoverItem] = field(default_factory=list)

    def items(self) -> list[HandoverItem]:
        return self.waiting + self.returns + self.complaints + self.snoozed

    def to_json(self) -> dict[str, Any]:
        def item(i: HandoverItem) -> dict[str, Any]:
            d = asdict(i)
            d["due"] = i.due.isoformat() if i.due else None
            return d

        return {name: [item(i) for i in getattr(self, name)]
                for name in ("waiting", "returns", "complaints", "snoozed")}


def build_handover(session: Session, agent_id: int, now: datetime | None = None) -> HandoverDraft:
    """What ``agent_id`` leaves open: conversations waiting for a reply (oldest first, with
    the customer's last message), their returns and complaints with the next deadline, and
    conversations snoozed until the next shift."""
    now = now or utcnow()
    draft = HandoverDraft()
    conv_rows = session.execute(
        select(Conversation, Customer.name, Store.name)
        .join(Customer, Customer.id == Conversation.customer_id)
        .join(Store, Store.id == Conversation.store_id)
        .where(Conversation.assignee_id == agent_id, or_(
            and_(Conversation.status == ConversationStatus.OPEN,
                 Conversation.last_direction == Direction.IN),
            and_(Conversation.status == ConversationStatus.SNOOZED,
                 Conversation.snoozed_until <= now + NEXT_SHIFT))))
    for conv, customer, store in conv_rows:
        title = f"{customer} · {store}"
        if conv.status == ConversationStatus.SNOOZED:
            draft.snoozed.append(HandoverItem("conversation", conv.id, title,
                                              conv.last_preview or "", conv.snoozed_until))
        else:
            draft.waiting.append(HandoverItem("conversation", conv.id, title,
                                              conv.last_preview or "", conv.first_response_due_at))
    draft.waiting.sort(key=lambda i: (i.due is None, i.due))
    draft.snoozed.sort(key=lambda i: (i.due is None, i.due))

    case_rows = session.execute(
        select(ReturnCase, Customer.name, Store)
        .join(Customer, Customer.id == ReturnCase.customer_id)
        .join(Store, Store.id == ReturnCase.store_id)
        .where(ReturnCase.assignee_id == agent_id,
               ReturnCase.state.not_in([s.value for s in TERMINAL])))
    for case, customer, store in case_rows:
        rules = rules_for(store.reply_target_minutes, store.settings)
        draft.returns.append(HandoverItem(
            "return", case.id, f"{customer} · {store.name}", "",
            next_deadline(case, rules), [case.kind.value, case.state.value]))
    draft.returns.sort(key=lambda i: (i.due is None, i.due))

    complaint_rows = session.execute(
        select(Complaint, Customer.name)
        .join(Customer, Customer.id == Complaint.customer_id)
        .where(Complaint.assignee_id == agent_id, Complaint.status.in_(OPEN_COMPLAINT))
        .order_by(Complaint.sla_due_at))
    for complaint, customer in complaint_rows:
        draft.complaints.append(HandoverItem(
            "complaint", complaint.id, customer, complaint.summary,
            complaint.sla_due_at, [complaint.severity.value]))
    return draft


def item_title(entry: dict[str, Any]) -> str:
    """A saved item's number and title ("C-29 · Zoe Scott"). Handovers saved before items
    carried their number began a return's or complaint's title with its internal key
    ("k29 · Zoe Scott"): that key gives way to the number every other place shows."""
    title = entry.get("title") or ""
    shown = entry.get("number")
    if not shown:
        if entry.get("kind") in ("return", "complaint") and " · " in title:
            title = title.split(" · ", 1)[1]
        shown = number(entry["kind"], int(entry["id"]))
    return f"{shown} · {title}" if title else shown


_MODELS: dict[str, type] = {
    "conversation": Conversation, "return": ReturnCase, "complaint": Complaint}


def reassign(session: Session, actor: Agent, kind: Kind, ids: list[int],
             to_agent_id: int | None) -> int:
    """Give items to another agent (or to nobody). The actor may hand over only their own
    work unless they are the owner. Returns how many changed."""
    require(actor, Action.END_SHIFT)
    model = _MODELS[kind]
    if to_agent_id is not None:
        _check_taker(session, to_agent_id)
    changed = 0
    for obj in session.scalars(select(model).where(model.id.in_(ids))):  # type: ignore[attr-defined]
        if obj.assignee_id != actor.id and actor.role != Role.OWNER:
            raise ShopDeskError("You can only hand over your own work.")
        if obj.assignee_id == to_agent_id:
            continue
        audit.record(session, actor.id, f"{kind}.reassign", kind, obj.id,
                     {"assignee": obj.assignee_id}, {"assignee": to_agent_id})
        obj.assignee_id = to_agent_id
        changed += 1
    return changed


def takers(session: Session, actor: Agent) -> list[Agent]:
    """Who can take work over from ``actor``: the other active people who answer customers
    (not the bookkeeper)."""
    return [a for a in agents.active_agents(session) if a.id != actor.id and can(a, Action.REPLY)]


def _check_taker(session: Session, agent_id: int) -> None:
    target = session.get(Agent, agent_id)
    if target is None or not target.active:
        raise ShopDeskError("That agent cannot take over work (deactivated or removed).")
    if not can(target, Action.REPLY):
        raise ShopDeskError("That person does not answer customers and cannot take over work.")


def save_handover(session: Session, actor: Agent, to_agent_id: int | None, note: str,
                  draft: HandoverDraft) -> Handover:
    require(actor, Action.END_SHIFT)
    if to_agent_id is not None:
        _check_taker(session, to_agent_id)
    handover = Handover(from_agent_id=actor.id, to_agent_id=to_agent_id, note=note.strip(),
                        content=draft.to_json(), at=utcnow())
    session.add(handover)
    session.flush()
    audit.record(session, actor.id, "handover.create", "handover", handover.id, None,
                 {"to": to_agent_id, "items": len(draft.items())})
    return handover


def unread_handovers(session: Session, agent_id: int, limit: int = 10) -> list[Handover]:
    """The latest handovers for this agent or for everyone that they have not marked read."""
    read = exists().where(HandoverRead.handover_id == Handover.id,
                          HandoverRead.agent_id == agent_id)
    return list(session.scalars(
        select(Handover)
        .where(or_(Handover.to_agent_id == agent_id, Handover.to_agent_id.is_(None)),
               Handover.from_agent_id != agent_id, ~read)
        .order_by(Handover.at.desc()).limit(limit)))


def mark_read(session: Session, agent_id: int, handover_id: int) -> None:
    already = session.scalar(select(HandoverRead).where(
        HandoverRead.handover_id == handover_id, HandoverRead.agent_id == agent_id))
    if already is None:
        session.add(HandoverRead(handover_id=handover_id, agent_id=agent_id, at=utcnow()))


def past_handovers(session: Session, limit: int = 200) -> list[Handover]:
    return list(session.scalars(select(Handover).order_by(Handover.at.desc()).limit(limit)))
