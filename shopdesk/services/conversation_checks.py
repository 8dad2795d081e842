"""Optimistic checks of the conversation actions, as the returns and complaints have them:
an action is taken on the conversation as the agent's screen showed it. When another agent
assigned, closed, snoozed or re-prioritised it meanwhile (or put the tag on or took it off
the customer), the action is refused with who changed it and when, and the screen shows the
fresh state. (The version column still refuses the race between this read and the write.)

A message arriving does not make an assignment stale: only what the actions change counts.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import Conversation
from shopdesk.services import audit
from shopdesk.services.inbox import ConversationState, customer_tags_of, state


def expect_state(session: Session, conversation_id: int,
                 shown: ConversationState | None) -> None:
    """Refuse an action on a conversation whose assignee, status, snooze or priority is no
    longer ``shown`` (None: nothing was shown, nothing to check)."""
    now = state(session, conversation_id)  # "no longer exists" when it went
    if shown is not None and now != shown:
        raise audit.stale(session, "conversation", conversation_id, "conversation")


def expect_tag(session: Session, conversation_id: int, tag_id: int, was_on: bool) -> None:
    """Refuse a tag toggle made on a stale menu: another agent put the tag on (or took it
    off) the customer since the menu showed it."""
    if (tag_id in customer_tags_of(session, conversation_id)) != was_on:
        customer_id = session.scalar(select(Conversation.customer_id)
                                     .where(Conversation.id == conversation_id))
        raise audit.stale(session, "customer", int(customer_id or 0), "customer's tags")
