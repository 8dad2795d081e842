"""Compensation: money a complaint pays the customer. It leaves the shop as a refund does,
so the same rules hold:

- it counts against the agent's refund limit in the complaint's currency; above it the
  complaint waits for the owner ("Ask the owner" hands it over);
- with the refunds and the other compensation of the same order it never comes to more
  than the order paid, unless the owner confirms it in words (at least two letters or
  characters, not "." or "1"; the text is kept in the complaint's timeline and the audit
  trail);
- it is never more than ``bounds.MAX_AMOUNT``, what ShopDesk takes as any one amount;
- once granted it is paid: it can grow when a complaint is resolved again, never shrink;
- it is a row of the refunds ledger (``services/payouts.py``), on the day it was granted.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk import bounds
from shopdesk.errors import ConfirmationNeeded, MoneyError, ShopDeskError
from shopdesk.models import Agent, Complaint, Order
from shopdesk.models.enums import Role
from shopdesk.money import exponent, format_money
from shopdesk.services.permissions import Action, PermissionDenied, refund_limit, require
from shopdesk.services.returns import compensated_for_order, refunded_for_order


def check(session: Session, agent: Agent, complaint: Complaint, amount_minor: int | None,
          confirmation: str = "", *, lock: bool = True) -> tuple[int | None, str | None]:
    """The complaint's compensation after a resolution granting ``amount_minor`` (None:
    keep what was granted), and the owner's confirmation when it comes to more than the
    order paid. Raises when a rule refuses it. ``lock=False``: only ask, before the
    question that confirms the payment (the order is read, not locked)."""
    current = complaint.compensation_minor or 0
    if amount_minor is None:
        return complaint.compensation_minor, None
    if amount_minor < 0:
        raise MoneyError("Compensation cannot be negative.")
    currency = complaint.currency
    largest = int(bounds.MAX_AMOUNT.scaleb(exponent(currency)))
    if amount_minor > largest:  # what no shop pays, and more than a database column holds
        raise MoneyError(f"{format_money(amount_minor, currency)} is more than ShopDesk takes "
                         f"as one amount (at most {format_money(largest, currency)}).")
    if amount_minor < current:
        raise MoneyError(f"{format_money(current, currency)} of compensation has already been "
                         "granted for this complaint; it can grow but not shrink.")
    if amount_minor == current:
        return complaint.compensation_minor, None
    try:
        require(agent, Action.APPROVE_REFUND, amount_minor=amount_minor, currency=currency)
    except PermissionDenied as exc:
        limit = format_money(refund_limit(agent, currency), currency)
        raise PermissionDenied(
            f"{format_money(amount_minor, currency)} is above your refund limit of {limit}; "
            "the complaint waits for the owner. Hand it to the owner with “Ask the owner”.",
            exc.action) from None
    if complaint.order_id is None:
        return amount_minor, None
    # Lock the order: a refund of it on another PC waits (PostgreSQL; SQLite's BEGIN
    # IMMEDIATE already serialises writers), so both cannot pass the check at once.
    query = select(Order).where(Order.id == complaint.order_id)
    order = session.scalars(query.with_for_update() if lock else query).one()
    back = (refunded_for_order(session, order.id)
            + compensated_for_order(session, order.id, exclude_complaint=complaint.id))
    if back + amount_minor <= order.total_minor:
        return amount_minor, None
    words = confirmation.strip()
    if sum(ch.isalpha() for ch in words) < 2:  # "." or "1" is not the owner's words
        words = ""
    more, gone = format_money(amount_minor, currency), format_money(back, currency)
    paid, order_no = format_money(order.total_minor, currency), order.order_no
    if agent.role != Role.OWNER:
        raise PermissionDenied(
            f"{more} of compensation and {gone} already refunded or compensated come to more "
            f"than the {paid} paid for order {order_no}; only the owner can allow that. Hand "
            "it to the owner with “Ask the owner”.", Action.APPROVE_REFUND)
    if not words:
        raise ConfirmationNeeded(
            f"{more} of compensation and {gone} already refunded or compensated come to more "
            f"than the {paid} paid for order {order_no}. To pay it all the same, write why in "
            "the confirmation.")
    return amount_minor, words


def the_owner(session: Session) -> Agent:
    """Who approves what is above an agent's limit."""
    owner = session.scalars(select(Agent).where(Agent.role == Role.OWNER, Agent.active.is_(True))
                            .order_by(Agent.id).limit(1)).first()
    if owner is None:
        raise ShopDeskError("There is no active owner to approve this complaint.")
    return owner
