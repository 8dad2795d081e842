"""The list of the Complaints page: its filter and rows, paged newest first, the counts of
tickets and of those past their SLA, and whether a ticket is overdue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, Complaint, Customer, Store
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Severity
from shopdesk.services.complaints import OPEN, ticket_number
from shopdesk.times import as_utc, utcnow


def is_overdue(c: Complaint | ComplaintRow, now: datetime) -> bool:
    status = ComplaintStatus(c.status)
    return (status in OPEN and c.sla_due_at is not None and as_utc(c.sla_due_at) < now)


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
