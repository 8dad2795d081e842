"""The return state machine, as data, and the money rules of a return case.

The transition table below is the single source: the dataset loader replays histories
through it, the wizard and the returns board read it to know what comes next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.errors import MoneyError, TransitionError
from shopdesk.models import Complaint, Order, ReturnCase, ReturnEvent
from shopdesk.models.enums import ReturnKind, ReturnState
from shopdesk.money import format_plain
from shopdesk.services import audit
from shopdesk.services.rules import StoreRules
from shopdesk.times import utcnow

S = ReturnState
K = ReturnKind
ALL_KINDS = frozenset(ReturnKind)
GOODS_BACK = frozenset({K.RETURN_REFUND, K.EXCHANGE})


@dataclass(frozen=True)
class Transition:
    source: ReturnState
    target: ReturnState
    kinds: frozenset[ReturnKind]
    action: str  # what the button says, in code form: approve, reject, refund, ...


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.REQUESTED, S.APPROVED, ALL_KINDS, "approve"),
    Transition(S.REQUESTED, S.REJECTED, ALL_KINDS, "reject"),
    Transition(S.REQUESTED, S.CANCELLED, ALL_KINDS, "cancel"),
    Transition(S.APPROVED, S.REFUNDED, frozenset({K.REFUND_ONLY}), "refund"),
    Transition(S.APPROVED, S.AWAITING_RETURN, GOODS_BACK, "await_return"),
    Transition(S.APPROVED, S.CANCELLED, ALL_KINDS, "cancel"),
    Transition(S.AWAITING_RETURN, S.RETURN_SHIPPED, GOODS_BACK, "record_tracking"),
    Transition(S.AWAITING_RETURN, S.CANCELLED, GOODS_BACK, "cancel"),
    Transition(S.RETURN_SHIPPED, S.RECEIVED, GOODS_BACK, "mark_received"),
    Transition(S.RECEIVED, S.REFUNDED, frozenset({K.RETURN_REFUND}), "refund"),
    Transition(S.RECEIVED, S.EXCHANGE_SHIPPED, frozenset({K.EXCHANGE}), "ship_exchange"),
    Transition(S.RECEIVED, S.REJECTED, GOODS_BACK, "reject"),  # failed inspection
    Transition(S.REFUNDED, S.CLOSED, ALL_KINDS, "close"),
    Transition(S.EXCHANGE_SHIPPED, S.CLOSED, frozenset({K.EXCHANGE}), "close"),
    Transition(S.REJECTED, S.REQUESTED, ALL_KINDS, "appeal"),  # the buyer appeals
    Transition(S.REJECTED, S.CLOSED, ALL_KINDS, "close"),
)

TERMINAL = frozenset({S.CLOSED, S.CANCELLED})


def next_states(state: ReturnState, kind: ReturnKind) -> list[ReturnState]:
    """The states a case of ``kind`` may move to from ``state``, in table order."""
    return [t.target for t in TRANSITIONS if t.source == state and kind in t.kinds]


def next_transitions(state: ReturnState, kind: ReturnKind) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state and kind in t.kinds]


def check_transition(state: ReturnState | None, kind: ReturnKind, target: ReturnState) -> None:
    """Raise ``TransitionError`` naming the allowed next states if ``state → target`` is refused."""
    if state is None:
        if target != S.REQUESTED:
            raise TransitionError(f"a return case starts as 'requested', not '{target}'")
        return
    allowed = next_states(state, kind)
    if target not in allowed:
        nexts = ", ".join(s.value for s in allowed) or "none (the case is finished)"
        raise TransitionError(
            f"a {kind.value} case cannot go from '{state.value}' to '{target.value}'; "
            f"allowed next: {nexts}"
        )


@dataclass
class CaseMoney:
    """The amounts of one case in minor units while its history is replayed."""

    requested: int
    approved: int | None = None
    refunded: int | None = None


def apply_amount(money: CaseMoney, target: ReturnState, amount: int | None, currency: str) -> None:
    """Update ``money`` for a step into ``target``; enforce approved ≤ requested ≤ … rules.

    ``amount`` is the step's amount in minor units when the step carries one: on approval
    it is the approved amount (default: the requested amount); on refund, the refunded
    amount (default: the approved amount).
    """
    if amount is not None and amount <= 0:
        raise MoneyError("an amount must be more than zero")
    if target == S.APPROVED:
        approved = money.requested if amount is None else amount
        if approved > money.requested:
            raise MoneyError(
                f"approved {format_plain(approved, currency)} is more than the requested "
                f"{format_plain(money.requested, currency)} {currency}"
            )
        money.approved = approved
    elif target == S.REFUNDED:
        if money.refunded is not None:
            raise MoneyError("this case has already been refunded")
        if money.approved is None:
            raise MoneyError("a case must be approved before it is refunded")
        refunded = money.approved if amount is None else amount
        if refunded > money.approved:
            raise MoneyError(
                f"refund {format_plain(refunded, currency)} is more than the approved "
                f"{format_plain(money.approved, currency)} {currency}"
            )
        money.refunded = refunded


def check_order_refunds(
    paid_minor: int, refunds_minor: Iterable[int], currency: str
) -> None:
    """The refunds of an order (with its complaints' compensation) never exceed what was
    paid for it."""
    total = sum(refunds_minor)
    if total > paid_minor:
        raise MoneyError(
            f"refunds of {format_plain(total, currency)} {currency} would exceed the "
            f"{format_plain(paid_minor, currency)} {currency} paid for the order"
        )


def refunded_for_order(session: Session, order_id: int, *, exclude_case: int | None = None) -> int:
    """Minor units already refunded for an order, over all its cases."""
    q = select(func.coalesce(func.sum(ReturnCase.refunded_minor), 0)).where(
        ReturnCase.order_id == order_id
    )
    if exclude_case is not None:
        q = q.where(ReturnCase.id != exclude_case)
    return int(session.execute(q).scalar_one())


def compensated_for_order(session: Session, order_id: int, *,
                          exclude_complaint: int | None = None) -> int:
    """Minor units granted as compensation on complaints about an order: money paid back
    like its refunds, and counted with them against what was paid."""
    q = select(func.coalesce(func.sum(Complaint.compensation_minor), 0)).where(
        Complaint.order_id == order_id)
    if exclude_complaint is not None:
        q = q.where(Complaint.id != exclude_complaint)
    return int(session.execute(q).scalar_one())


def check_advance(session: Session, case: ReturnCase, target: ReturnState,
                  amount_minor: int | None = None) -> CaseMoney:
    """The case's amounts after a step into ``target`` with ``amount_minor``, or the error of
    the table or the money rules that refuse it; changes nothing (``advance`` asks it, and
    so does a dialog before it asks to confirm a payment)."""
    check_transition(case.state, case.kind, target)
    money = CaseMoney(case.requested_minor, case.approved_minor, case.refunded_minor)
    apply_amount(money, target, amount_minor, case.currency)
    if target == S.REFUNDED:
        order = session.get(Order, case.order_id)
        assert order is not None
        check_order_refunds(
            order.total_minor,
            [refunded_for_order(session, case.order_id, exclude_case=case.id),
             compensated_for_order(session, case.order_id), money.refunded or 0],
            case.currency,
        )
    return money


def advance(
    session: Session,
    case: ReturnCase,
    target: ReturnState,
    *,
    by_id: int | None,
    amount_minor: int | None = None,
    carrier: str | None = None,
    tracking_no: str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> ReturnEvent:
    """Move ``case`` to ``target``: checks the table and the money rules, writes the event
    and an audit entry. The case's version column refuses a stale save at flush time."""
    money = check_advance(session, case, target, amount_minor)
    when = at or utcnow()
    before = {"state": case.state.value, "approved": case.approved_minor,
              "refunded": case.refunded_minor}
    case.state = target
    case.requested_minor = money.requested
    case.approved_minor = money.approved
    case.refunded_minor = money.refunded
    if carrier:
        case.carrier = carrier
    if tracking_no:
        case.tracking_no = tracking_no
    case.updated_at = when
    event = ReturnEvent(
        case=case, at=when, state=target, by_id=by_id, amount_minor=amount_minor,
        carrier=carrier, tracking_no=tracking_no, note=note,
    )
    session.add(event)
    audit.record(session, by_id, f"return.{target.value}", "return_case", case.id, before,
                 {"state": target.value, "approved": money.approved, "refunded": money.refunded},
                 at=when)
    return event


def claims_items(history: list[ReturnState]) -> bool:
    """Whether a case with this state history still claims its items (counts against what
    may be returned): a cancelled case or one that ended rejected does not."""
    if not history:
        return False
    last = history[-1]
    if last in (S.CANCELLED, S.REJECTED):
        return False
    return not (last == S.CLOSED and len(history) > 1 and history[-2] == S.REJECTED)


def next_deadline(case: ReturnCase, rules: StoreRules) -> datetime | None:
    """When the shop (or the buyer) must act next on a case, from the store's rules:
    answer a request, receive the goods back, refund after approval or receipt."""
    since = case.updated_at
    if case.state == S.REQUESTED:
        return since + rules.answer_request_within
    if case.state == S.APPROVED and case.kind == K.REFUND_ONLY:
        return since + rules.refund_within
    if case.state in (S.APPROVED, S.AWAITING_RETURN):
        return since + rules.ship_back_within
    if case.state == S.RECEIVED:
        return since + rules.refund_within
    return None
