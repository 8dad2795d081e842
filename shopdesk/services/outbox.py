"""What a person does with a reply the outbox could not settle alone.

A reply that failed waits for its next try or for Retry; a reply that may have been sent
(``uncertain``: ShopDesk stopped while sending it and the channel did not find it among what
it sent) waits for a person, because only they can tell whether the customer got it:
Resend puts it back in the outbox under the same Message-ID (a mail program that got it
twice shows one), Mark as sent records it as sent. Both are audited.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Message
from shopdesk.models.enums import Direction, SendState
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require


class OutboxError(ShopDeskError):
    """The reply is not in a state for this action (it was sent or settled meanwhile)."""


def _reply(session: Session, message_id: int) -> Message:
    message = session.scalars(select(Message).where(Message.id == message_id)
                              .with_for_update()
                              .execution_options(populate_existing=True)).first()
    if message is None or message.direction != Direction.OUT:
        raise OutboxError("That reply no longer exists.")
    return message


def _settle(session: Session, actor: Agent, message_id: int, allowed: set[SendState],
            target: SendState, action: str, refusal: str) -> None:
    require(actor, Action.REPLY)
    message = _reply(session, message_id)
    before = message.send_state
    if before not in allowed:
        raise OutboxError(refusal)
    message.send_state = target
    message.next_attempt_at = None
    if target == SendState.SENT:
        message.send_error = None
    session.flush()
    audit.record(session, actor.id, action, "message", message.id,
                 {"send_state": SendState(before).value}, {"send_state": target.value})


def resend(session: Session, actor: Agent, message_id: int) -> None:
    """Send an uncertain or failed reply again, at the next sync, with the same Message-ID."""
    _settle(session, actor, message_id, {SendState.UNCERTAIN, SendState.FAILED},
            SendState.QUEUED, "message.resend",
            "This reply is not waiting to be sent again.")


def mark_sent(session: Session, actor: Agent, message_id: int) -> None:
    """The person knows the customer got an uncertain reply: record it as sent."""
    _settle(session, actor, message_id, {SendState.UNCERTAIN}, SendState.SENT,
            "message.mark_sent", "Only a reply that may have been sent can be marked as sent.")


def retry_now(session: Session, message_id: int) -> None:
    """The Retry link of a failed reply: send it at the next sync (``resend`` does the same
    with the agent checked and audited)."""
    message = session.get(Message, message_id)
    if message is None or message.send_state != SendState.FAILED:
        raise ShopDeskError("This message is not waiting to be sent again.")
    message.send_state = SendState.QUEUED
    message.next_attempt_at = None
