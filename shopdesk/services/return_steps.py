"""The next steps of a return case: which the state machine allows and who may take them,
the fields each needs, taking one with its money, role, refund-limit and concurrency checks
(and checking it before a payment is confirmed), and handing a case above the agent's refund
limit to the owner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError as OrmStaleDataError

from shopdesk.errors import ShopDeskError, StaleDataError
from shopdesk.models import Agent, Order, ReturnCase, ReturnPhoto
from shopdesk.models.enums import ReturnKind, ReturnState, Role
from shopdesk.money import format_money
from shopdesk.services import audit, returns
from shopdesk.services.inbox import queue_reply
from shopdesk.services.permissions import Action, PermissionDenied, denial, refund_limit, require
from shopdesk.services.records import existing
from shopdesk.services.return_photos import check_photos

S = ReturnState


class StepField(StrEnum):
    AMOUNT = "amount"
    TRACKING = "tracking"
    NOTE = "note"


NEEDS: dict[str, tuple[StepField, ...]] = {
    "approve": (StepField.AMOUNT, StepField.NOTE),
    "reject": (StepField.NOTE,),
    "cancel": (StepField.NOTE,),
    "await_return": (StepField.NOTE,),
    "record_tracking": (StepField.TRACKING, StepField.NOTE),
    "mark_received": (StepField.NOTE,),
    "refund": (StepField.AMOUNT, StepField.NOTE),
    "ship_exchange": (StepField.TRACKING, StepField.NOTE),
    "close": (StepField.NOTE,),
    "appeal": (StepField.NOTE,),
}
NOTE_REQUIRED = frozenset({"reject", "cancel"})
MONEY_STEPS = frozenset({"approve", "refund"})


def moves_money(kind: ReturnKind, action: str) -> bool:
    """Approving or paying a refund needs the refund right (and limit); an exchange pays
    nothing back."""
    return action in MONEY_STEPS and ReturnKind(kind) != ReturnKind.EXCHANGE


@dataclass(frozen=True)
class Step:
    action: str
    target: ReturnState
    needs: tuple[StepField, ...]
    blocked: str | None  # why this agent cannot take the step, or None
    over_limit: bool = False  # blocked only by the agent's refund limit: the owner can


def steps(case: ReturnCase, agent: Agent | None) -> list[Step]:
    """The next steps the state machine allows for ``case``, each with whether ``agent`` may
    take it (and why not)."""
    out = []
    for t in returns.next_transitions(case.state, case.kind):
        why = denial(agent, Action.HANDLE_CASES)
        over_limit = False
        if why is None and moves_money(case.kind, t.action):
            amount = case.requested_minor if t.action == "approve" else case.approved_minor
            why = denial(agent, Action.APPROVE_REFUND, amount_minor=amount,
                         currency=case.currency)
            over_limit = why is not None and denial(agent, Action.APPROVE_REFUND) is None
        out.append(Step(t.action, t.target, NEEDS.get(t.action, ()), why, over_limit))
    return out


@dataclass
class StepInput:
    action: str
    amount_minor: int | None = None
    carrier: str = ""
    tracking_no: str = ""
    note: str = ""
    photos: list[tuple[str, str, bytes]] = field(default_factory=list)
    customer_message: str = ""  # queued into the case's conversation when not empty


def take_step(session: Session, agent: Agent, case_id: int, expected_version: int,
              step: StepInput, now: datetime | None = None) -> ReturnCase:
    """Take ``step`` on the case as read at ``expected_version``.

    A case changed since (by another agent on another PC) is refused with who changed it
    and when; the version column refuses the race that slips between read and write. A
    refund is recorded once, and an order's refunds never exceed what was paid."""
    require(agent, Action.HANDLE_CASES)
    # Lock the order first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers),
    # so two cases of one order cannot both pass the "never more than paid" check.
    order_id = session.scalar(select(ReturnCase.order_id).where(ReturnCase.id == case_id))
    if order_id is None:
        raise ShopDeskError("This return case no longer exists.")
    session.execute(select(Order.id).where(Order.id == order_id).with_for_update())
    case = session.scalars(select(ReturnCase).where(ReturnCase.id == case_id)
                           .with_for_update()
                           .execution_options(populate_existing=True)).one()
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    transition = _checked_step(agent, case, step)
    note, amount = step.note.strip(), _step_amount(step)
    event = returns.advance(  # checks the state machine and the money rules again
        session, case, transition.target, by_id=agent.id, amount_minor=amount,
        carrier=step.carrier.strip() or None, tracking_no=step.tracking_no.strip() or None,
        note=note or None, at=now)
    if case.assignee_id is None and agent.role != Role.BOOKKEEPER:
        case.assignee_id = agent.id
    try:
        session.flush()
    except OrmStaleDataError:
        raise StaleDataError("This case was changed by someone else a moment ago; reload it."
                             ) from None
    for name, mime, data in step.photos:
        case.photos.append(ReturnPhoto(event_id=event.id, filename=name, mime_type=mime,
                                       size=len(data), data=data))
    if step.customer_message.strip() and case.conversation_id is not None:
        queue_reply(session, agent, case.conversation_id, step.customer_message)
    session.flush()
    return case


def check_step(session: Session, agent: Agent, case_id: int, expected_version: int,
               step: StepInput) -> None:
    """Raise what ``take_step`` would refuse ``step`` with, locking and writing nothing: the
    step dialog asks before it asks to confirm a payment, so that it only asks about an
    amount the shop would pay. ``take_step`` checks it all again when it writes."""
    require(agent, Action.HANDLE_CASES)
    case = session.get(ReturnCase, case_id)
    if case is None:
        raise ShopDeskError("This return case no longer exists.")
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    transition = _checked_step(agent, case, step)
    returns.check_advance(session, case, transition.target, _step_amount(step))


def _step_amount(step: StepInput) -> int | None:
    return step.amount_minor if StepField.AMOUNT in NEEDS.get(step.action, ()) else None


def _checked_step(agent: Agent, case: ReturnCase, step: StepInput) -> returns.Transition:
    """The transition of ``step`` once its fields, the agent's right and refund limit and
    its photos pass (the money rules of the state machine are ``returns.check_advance``)."""
    transition = next((t for t in returns.next_transitions(case.state, case.kind)
                       if t.action == step.action), None)
    if transition is None:
        returns.check_transition(case.state, case.kind, _target_of(step.action))
        raise ShopDeskError(f"“{step.action}” is not a step of this case.")  # pragma: no cover
    if step.action in NOTE_REQUIRED and not step.note.strip():
        raise ShopDeskError("Give the reason; the customer will see it.")
    if StepField.TRACKING in NEEDS.get(step.action, ()) and not step.tracking_no.strip():
        raise ShopDeskError("Enter the tracking number.")
    amount = _step_amount(step)
    if moves_money(case.kind, step.action):
        money = amount if amount is not None else (
            case.requested_minor if step.action == "approve" else case.approved_minor)
        try:
            require(agent, Action.APPROVE_REFUND, amount_minor=money, currency=case.currency)
        except PermissionDenied as exc:
            raise PermissionDenied(_limit_message(agent, case, money), exc.action) from None
    check_photos(step.photos)
    return transition


def _target_of(action: str) -> ReturnState:
    return next((t.target for t in returns.TRANSITIONS if t.action == action), S.CLOSED)


def _limit_message(agent: Agent, case: ReturnCase, amount: int | None) -> str:
    if agent.role == Role.BOOKKEEPER:
        return "A bookkeeper sees returns but does not change them."
    limit = format_money(refund_limit(agent, case.currency), case.currency)
    wanted = format_money(amount or 0, case.currency)
    return (f"{wanted} is above your refund limit of {limit}; the case waits for the owner. "
            "Hand it to the owner with “Ask the owner”.")


def ask_owner(session: Session, agent: Agent, case_id: int, expected_version: int) -> ReturnCase:
    """Hand a case above the agent's refund limit to the owner (assign; audited)."""
    require(agent, Action.HANDLE_CASES)
    case = existing(session, ReturnCase, case_id, "return case")
    if case.version != expected_version:
        raise audit.stale(session, "return_case", case.id, "case")
    owner = session.scalars(select(Agent).where(Agent.role == Role.OWNER, Agent.active.is_(True))
                            .order_by(Agent.id).limit(1)).first()
    if owner is None:
        raise ShopDeskError("There is no active owner to approve this case.")
    before = case.assignee_id
    case.assignee_id = owner.id
    session.flush()
    audit.record(session, agent.id, "return.ask_owner", "return_case", case.id,
                 {"assignee": before}, {"assignee": owner.id})
    return case
