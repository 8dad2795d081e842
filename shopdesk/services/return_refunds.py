"""The refunds recorded in a period: the rows of the refund ledger and the figures of the
Reports page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Customer, Order, ReturnCase, ReturnEvent, Store
from shopdesk.models.enums import ReturnReason, ReturnState

S = ReturnState


@dataclass(frozen=True)
class Refund:
    at: datetime
    case_id: int
    store: str
    order_no: str
    customer: str
    reason: ReturnReason
    amount_minor: int
    currency: str
    by_id: int | None


def refunds_between(session: Session, start: datetime, end: datetime,
                    store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                    ) -> list[Refund]:
    """Every refund recorded in [start, end), oldest first: the ledger's rows and the
    Reports page's figures."""
    q = (select(ReturnEvent.at, ReturnEvent.amount_minor, ReturnCase.id,
                ReturnCase.refunded_minor, ReturnCase.reason, ReturnCase.currency, Store.name,
                Order.order_no, Customer.name, ReturnEvent.by_id)
         .join(ReturnCase, ReturnCase.id == ReturnEvent.case_id)
         .join(Store, Store.id == ReturnCase.store_id)
         .join(Order, Order.id == ReturnCase.order_id)
         .join(Customer, Customer.id == ReturnCase.customer_id)
         .where(ReturnEvent.state == S.REFUNDED, ReturnEvent.at >= start, ReturnEvent.at < end)
         .order_by(ReturnEvent.at, ReturnEvent.id))
    if store_ids:
        q = q.where(ReturnCase.store_id.in_(list(store_ids)))
    if agent_ids:
        q = q.where(ReturnEvent.by_id.in_(list(agent_ids)))
    # A refund event without an amount refunded what the case had approved: the case's
    # refunded amount (a case is refunded once).
    return [Refund(at, cid, store, order_no, customer, ReturnReason(reason),
                   amount if amount is not None else refunded, currency, by)
            for at, amount, cid, refunded, reason, currency, store, order_no, customer, by
            in session.execute(q)]
