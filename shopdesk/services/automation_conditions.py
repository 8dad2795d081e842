"""Whether a rule's conditions hold for an event (all of them must)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.models import AutomationRule, Customer, Message, Tag, customer_tags
from shopdesk.models.enums import ConversationStatus, Direction
from shopdesk.services.automation_hours import is_open
from shopdesk.services.automation_presence import signed_in_agents
from shopdesk.services.automation_triggers import Event
from shopdesk.textfold import fold


def _has_tag(session: Session, customer_id: int | None, name: str) -> bool:
    if customer_id is None:
        return False
    names = session.scalars(select(Tag.name).join(customer_tags, customer_tags.c.tag_id == Tag.id)
                            .where(customer_tags.c.customer_id == customer_id))
    return fold(name).strip() in {fold(n).strip() for n in names}


def holds(session: Session, condition: dict[str, Any], ev: Event, now: datetime) -> bool:
    kind = condition.get("kind")
    conv = ev.conversation
    if kind == "store":
        return ev.store.key in (condition.get("stores") or [])
    if kind == "segment":
        customer = session.get(Customer, ev.customer_id) if ev.customer_id else None
        return customer is not None and customer.segment in (condition.get("segments") or [])
    if kind == "tag":
        return _has_tag(session, ev.customer_id, condition["tag"]) == bool(
            condition.get("present", True))
    if kind == "language":
        return ev.text is not None and ev.language == condition.get("language")
    if kind == "status":
        status = conv.status if conv is not None else ConversationStatus.OPEN
        return ConversationStatus(status).value in (condition.get("statuses") or [])
    if kind == "assigned":
        assigned = conv is not None and conv.assignee_id is not None
        return assigned == bool(condition.get("assigned"))
    if kind == "hours":
        return is_open(ev.store, ev.at) == bool(condition.get("open"))
    if kind == "signed_in":
        return len(signed_in_agents(session, ev.store.id, now)) >= int(
            condition.get("at_least", 1))
    if kind == "answering":
        return _answers(session, condition, ev)
    return False


def _answers(session: Session, condition: dict[str, Any], ev: Event) -> bool:
    """The event's message answers an automatic message of the named rule sent within
    ``days`` before it."""
    if ev.conversation is None or ev.text is None:
        return False
    rule_id = session.scalar(select(AutomationRule.id).where(
        AutomationRule.key == condition.get("rule")))
    if rule_id is None:
        return False
    since = ev.at - timedelta(days=int(condition.get("days", 7)))
    return session.scalar(select(Message.id).where(
        Message.conversation_id == ev.conversation.id, Message.rule_id == rule_id,
        Message.direction == Direction.OUT,  # sent, not dropped as stale
        Message.at >= since, Message.at <= ev.at).limit(1)) is not None


def all_hold(session: Session, rule: AutomationRule, ev: Event, now: datetime) -> bool:
    return all(holds(session, c, ev, now) for c in rule.conditions or [])
