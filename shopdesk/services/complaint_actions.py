"""Working a complaint ticket: the actions its status allows (assign, start, escalate one
tier, resolve with compensation under the money rules of ``services/compensation.py``,
close, reopen, severity, note), each with its checks, a timeline event and an audit entry;
checking a change before a payment is confirmed; handing a ticket to the owner.

First response: the moment an agent first takes the ticket up (any change after opening
that is not made by the system). Resolution: the moment it is resolved (kept when closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Complaint, ComplaintEvent
from shopdesk.models.enums import ComplaintStatus, Severity
from shopdesk.services import audit, compensation
from shopdesk.services.complaints import OPEN, St
from shopdesk.services.permissions import Action, require
from shopdesk.services.rules import of_store
from shopdesk.times import as_utc, utcnow


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
