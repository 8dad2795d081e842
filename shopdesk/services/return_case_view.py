"""One return case as its panel shows it: the facts, amounts, next deadline and a timeline
of its steps with their photos."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import ReturnCase, ReturnPhoto
from shopdesk.models.enums import ReturnKind, ReturnReason, ReturnState
from shopdesk.services import returns
from shopdesk.services.records import existing
from shopdesk.services.return_cases import case_number, shipping_payer
from shopdesk.services.rules import of_store
from shopdesk.times import as_utc, utcnow


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    state: ReturnState
    by: str | None
    amount_minor: int | None
    carrier: str | None
    tracking_no: str | None
    note: str | None
    photo_ids: list[int]


@dataclass(frozen=True)
class CaseView:
    case_id: int
    number: str
    version: int
    state: ReturnState
    kind: ReturnKind
    reason: ReturnReason
    reason_text: str | None
    replacement: str | None
    store_name: str
    customer_id: int
    customer_name: str
    order_id: int
    order_no: str
    conversation_id: int | None
    currency: str
    requested_minor: int
    approved_minor: int | None
    refunded_minor: int | None
    items: list[tuple[str, str, int]]  # sku, title, qty
    assignee: str | None
    deadline: datetime | None
    overdue: bool
    shipping_payer: str
    timeline: list[TimelineEntry]


def case_view(session: Session, case_id: int, now: datetime | None = None) -> CaseView:
    case = existing(session, ReturnCase, case_id, "return case")
    now = now or utcnow()
    due = returns.next_deadline(case, of_store(case.store))
    titles = {i.sku: i.title for i in case.order.items}
    photos: dict[int | None, list[int]] = defaultdict(list)
    for pid, eid in session.execute(select(ReturnPhoto.id, ReturnPhoto.event_id)
                                    .where(ReturnPhoto.case_id == case.id)
                                    .order_by(ReturnPhoto.id)):
        photos[eid].append(pid)
    timeline = [TimelineEntry(e.at, e.state, e.by.name if e.by else None, e.amount_minor,
                              e.carrier, e.tracking_no, e.note, photos.get(e.id, []))
                for e in case.events]
    if photos.get(None) and timeline:  # photos whose event is gone stay with the first step
        timeline[0].photo_ids.extend(photos[None])
    return CaseView(
        case.id, case_number(case.id), case.version, case.state, case.kind, case.reason,
        case.reason_text, case.replacement, case.store.name, case.customer_id,
        case.customer.name, case.order_id, case.order.order_no, case.conversation_id,
        case.currency, case.requested_minor, case.approved_minor, case.refunded_minor,
        [(i.sku, titles.get(i.sku, i.sku), i.qty) for i in case.items],
        case.assignee.name if case.assignee else None, due,
        due is not None and as_utc(due) < now, shipping_payer(case.reason), timeline)
