"""Trying rules without changing anything: which rules would fire for a customer message
at a given time, and exactly what each would send or do. ``shopdesk rules test`` and the
editor's "Try" box both call ``try_message``; it only reads (the caller's session may be a
read-only one, and is best rolled back after).

    try_message(session, store_id, text, at, *, rules=None, conversation_id=None,
                include_disabled=True) -> list[TryResult]

``rules``: unsaved ``RuleSpec``s or saved rules to try (None: every rule of the store);
``conversation_id``: pretend the message came in that conversation (its customer, status,
order and tracking number fill in the conditions and variables); without it the message
starts a new conversation of an unknown customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import AutomationRule, Conversation, Message, Store
from shopdesk.models.enums import Direction
from shopdesk.services.automation_engine import can_send, firing_for
from shopdesk.services.automation_rules import MESSAGE_TRIGGERS, RuleSpec, apply_spec, problems
from shopdesk.services.automation_triggers import message_event


@dataclass
class TryResult:
    rule: str
    enabled: bool
    fires: bool
    steps: list[dict[str, Any]] = field(default_factory=list)
    why_not: str = ""  # when it does not fire
    waits: str | None = None  # it fires, but would wait (offline, typing)


def _as_rule(item: RuleSpec | AutomationRule, n: int) -> AutomationRule:
    if isinstance(item, AutomationRule):
        return item
    found = problems(item)
    if found:
        raise ShopDeskError(" ".join(found))
    rule = AutomationRule(id=-n - 1, key=f"try-{n}", position=n)  # never added to a session
    apply_spec(rule, item)
    return rule


def try_message(session: Session, store_id: int, text: str, at: datetime, *,
                rules: Sequence[RuleSpec | AutomationRule] | None = None,
                conversation_id: int | None = None,
                include_disabled: bool = True) -> list[TryResult]:
    if at.tzinfo is None:
        raise ShopDeskError("The time needs a time zone.")
    store = session.get(Store, store_id)
    if store is None:
        raise ShopDeskError("That store does not exist.")
    conv = session.get(Conversation, conversation_id) if conversation_id else None
    if conv is not None and conv.store_id != store.id:
        raise ShopDeskError("The conversation belongs to another store.")
    if rules is None:
        rules = list(session.scalars(select(AutomationRule).where(
            (AutomationRule.store_id == store.id) | AutomationRule.store_id.is_(None))
            .order_by(AutomationRule.position, AutomationRule.id)))
    # The pretended message: never added to the session, so never written.
    message = Message(id=None, conversation_id=conv.id if conv else None, store_id=store.id,
                      at=at, direction=Direction.IN, text=text)
    blocked = can_send(session, store)
    results = []
    with session.no_autoflush:
        for n, item in enumerate(rules):
            rule = _as_rule(item, n)
            result = TryResult(rule.name, bool(rule.enabled), False)
            results.append(result)
            if not rule.enabled and not include_disabled:
                result.why_not = "switched off"
                continue
            if rule.trigger not in MESSAGE_TRIGGERS:
                result.why_not = "its trigger is not a customer message"
                continue
            ev = _event(session, rule, store, message, conv, text)
            if ev is None:
                result.why_not = "the trigger does not match"
                continue
            firing = firing_for(session, ev, at, blocked)
            if firing is None:
                result.why_not = ("the conversation is excluded from automation"
                                  if conv is not None and conv.automation_excluded
                                  else "a condition does not hold")
                continue
            result.fires, result.steps, result.waits = True, firing.steps, firing.waits
    return results


def _event(session, rule, store, message, conv, text):  # type: ignore[no-untyped-def]
    if rule.trigger == "first_message" and conv is not None:
        earlier = session.scalar(select(Message.id).where(
            Message.conversation_id == conv.id, Message.direction == Direction.IN).limit(1))
        if earlier is not None:
            return None
    return message_event(session, rule, store, message, conv, text)


def describe(step: dict[str, Any]) -> str:
    """One step in plain words (the command line prints these)."""
    kind = step.get("kind")
    if kind == "send":
        return f"send: {step['text']}"
    if kind == "assign":
        return f"assign to {step['agent']}"
    if kind == "tag":
        return f"tag the customer “{step['tag']}”"
    if kind == "priority":
        return f"set priority {step['priority']}"
    if kind == "escalate":
        return f"move complaint {step['number']} up to tier {step['tier']} and notify the owner"
    if kind == "notify":
        return f"notify the owner: {step['text']}"
    if kind == "complaint":
        return f"open a complaint ({step['category']}, {step['severity']}): {step['summary']}"
    return f"not {step.get('action')}: {step.get('reason')}"
