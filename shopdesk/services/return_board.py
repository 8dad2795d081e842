"""Lists of return cases: the returns board (filtered; overdue first, then by the next
deadline) and the cases of one customer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Agent, Customer, Order, ReturnCase, Store
from shopdesk.models.enums import ReturnKind, ReturnReason, ReturnState
from shopdesk.services import returns
from shopdesk.services.return_cases import case_number
from shopdesk.services.rules import StoreRules, of_store
from shopdesk.times import as_utc, utcnow


@dataclass
class BoardFilter:
    store_ids: list[int] = field(default_factory=list)
    kind: ReturnKind | None = None
    reason: ReturnReason | None = None
    agent_id: int | None = None
    overdue_only: bool = False
    finished: bool = False  # include closed and cancelled cases (newest first, capped)


@dataclass(frozen=True)
class BoardRow:
    case_id: int
    number: str
    state: ReturnState
    kind: ReturnKind
    reason: ReturnReason
    store_name: str
    store_colour: str | None
    customer_name: str
    order_no: str
    currency: str
    amount_minor: int
    created_at: datetime
    deadline: datetime | None
    overdue: bool
    assignee: str | None


FINISHED_LIMIT = 2000


def board(session: Session, flt: BoardFilter, now: datetime | None = None) -> list[BoardRow]:
    """Cases for the board: overdue first, then by the next deadline, then newest."""
    now = now or utcnow()
    q = (select(ReturnCase, Store, Customer.name, Order.order_no, Agent.name)
         .join(Store, Store.id == ReturnCase.store_id)
         .join(Customer, Customer.id == ReturnCase.customer_id)
         .join(Order, Order.id == ReturnCase.order_id)
         .outerjoin(Agent, Agent.id == ReturnCase.assignee_id))
    if flt.store_ids:
        q = q.where(ReturnCase.store_id.in_(flt.store_ids))
    if flt.kind is not None:
        q = q.where(ReturnCase.kind == flt.kind)
    if flt.reason is not None:
        q = q.where(ReturnCase.reason == flt.reason)
    if flt.agent_id is not None:
        q = q.where(ReturnCase.assignee_id == flt.agent_id)
    if flt.finished:
        q = q.order_by(ReturnCase.updated_at.desc()).limit(FINISHED_LIMIT)
    else:
        q = q.where(ReturnCase.state.not_in(list(returns.TERMINAL)))
    rules: dict[int, StoreRules] = {}
    rows = []
    for case, store, customer, order_no, assignee in session.execute(q):
        r = rules.setdefault(store.id, of_store(store))
        due = returns.next_deadline(case, r)
        overdue = due is not None and as_utc(due) < now
        if flt.overdue_only and not overdue:
            continue
        amount = (case.refunded_minor or case.approved_minor or case.requested_minor)
        rows.append(BoardRow(case.id, case_number(case.id), case.state, case.kind, case.reason,
                             store.name, store.colour, customer, order_no, case.currency,
                             amount, case.created_at, due, overdue, assignee))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    rows.sort(key=lambda r: (not r.overdue, as_utc(r.deadline) if r.deadline else far,
                             -r.case_id))
    return rows


def cases_of_customer(session: Session, customer_id: int) -> list[tuple[int, str, ReturnState]]:
    return [(cid, case_number(cid), state) for cid, state in session.execute(
        select(ReturnCase.id, ReturnCase.state).where(ReturnCase.customer_id == customer_id)
        .order_by(ReturnCase.created_at.desc()))]
