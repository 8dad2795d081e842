"""The refunds ledger's rows: money paid back to customers, refunds and complaints'
compensation, oldest first (the bookkeeper's workbook, ``exporters/refunds.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Complaint, ComplaintEvent, Customer, Order, Store
from shopdesk.models.enums import ComplaintCategory, ReturnReason
from shopdesk.services.complaints import ticket_number
from shopdesk.services.return_cases import case_number
from shopdesk.services.return_refunds import refunds_between
from shopdesk.times import as_utc


@dataclass(frozen=True)
class Payout:
    """A refund (number R-…, its return reason) or a complaint's compensation (number C-…,
    the complaint's category)."""

    at: datetime
    number: str
    store: str
    order_no: str
    customer: str
    reason: ReturnReason | ComplaintCategory
    amount_minor: int
    currency: str
    by_id: int | None


def compensations_between(session: Session, start: datetime, end: datetime,
                          store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                          ) -> list[Payout]:
    """Compensation granted in [start, end): each resolution that raised it, on its day. A
    compensation without such a resolution (loaded from a dataset) is dated by the
    complaint's resolution, or its opening."""
    q = (select(Complaint, Store.name, Order.order_no, Customer.name)
         .join(Store, Store.id == Complaint.store_id)
         .join(Customer, Customer.id == Complaint.customer_id)
         .outerjoin(Order, Order.id == Complaint.order_id)
         .where(Complaint.compensation_minor > 0))
    if store_ids:
        q = q.where(Complaint.store_id.in_(list(store_ids)))
    rows = session.execute(q).all()
    granted: dict[int, list[tuple[datetime, int, int | None]]] = {}
    if rows:
        events = session.execute(
            select(ComplaintEvent.complaint_id, ComplaintEvent.at, ComplaintEvent.by_id,
                   ComplaintEvent.before, ComplaintEvent.after)
            .where(ComplaintEvent.complaint_id.in_([r[0].id for r in rows]),
                   ComplaintEvent.action == "resolve")
            .order_by(ComplaintEvent.at, ComplaintEvent.id))
        for cid, at, by, before, after in events:
            if after and "compensation" in after:
                more = (after["compensation"] or 0) - ((before or {}).get("compensation") or 0)
                if more > 0:
                    granted.setdefault(cid, []).append((as_utc(at), more, by))
    out = []
    for c, store, order_no, customer in rows:
        parts = granted.get(c.id, [])
        rest = c.compensation_minor - sum(amount for _at, amount, _by in parts)
        if rest > 0:
            parts = [(as_utc(c.resolved_at or c.opened_at), rest, c.assignee_id), *parts]
        out += [Payout(at, ticket_number(c.id), store, order_no or "", customer,
                       ComplaintCategory(c.category), amount, c.currency, by)
                for at, amount, by in parts
                if start <= at < end and (not agent_ids or by in agent_ids)]
    return out


def payouts_between(session: Session, start: datetime, end: datetime,
                    store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                    ) -> list[Payout]:
    """The ledger's rows in [start, end), oldest first: refunds and compensation."""
    refunds = [Payout(r.at, case_number(r.case_id), r.store, r.order_no, r.customer, r.reason,
                      r.amount_minor, r.currency, r.by_id)
               for r in refunds_between(session, start, end, store_ids, agent_ids)]
    return sorted(refunds + compensations_between(session, start, end, store_ids, agent_ids),
                  key=lambda p: (as_utc(p.at), p.number))
