"""One complaint ticket as its pane shows it: the facts, times, compensation, the actions
it allows now and the timeline of every change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from shopdesk.models import Complaint
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Severity
from shopdesk.money import format_money
from shopdesk.services.complaint_actions import actions_for
from shopdesk.services.complaint_list import is_overdue
from shopdesk.services.complaints import ticket_number
from shopdesk.services.records import existing
from shopdesk.times import utcnow


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
