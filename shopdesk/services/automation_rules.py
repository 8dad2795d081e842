"""Automation rules as data: the vocabulary of triggers, conditions and actions, their
validation, and keeping rules (Settings → Automation).

A rule is a store's (``store_id``) or every store's (None): one trigger with its
parameters, conditions that must all hold, and actions done in order. Everything is plain
JSON-able data, so the editor builds it from pickers and the dataset carries it:

    trigger     {"kind": "keyword", "words": ["发票", "invoice"]}
    conditions  [{"kind": "segment", "segments": ["vip"]}, {"kind": "assigned", "assigned": false}]
    actions     [{"kind": "send", "text": {"zh": "您好 {customer}…", "en": "Hi {customer}…"}},
                 {"kind": "tag", "tag": "发票"}]

``TRIGGERS``, ``CONDITIONS`` and ``ACTIONS`` list every kind with its parameters (what the
editor offers); ``problems(spec)`` says in plain words what is wrong with one.

Service API (the UI calls these, each inside one transaction):

    list_rules(session, store_id=None) -> list[AutomationRule]   every store's and ``store_id``'s
    spec_of(rule) -> RuleSpec                                     the editor's copy of a rule
    save_rule(session, actor, spec, rule_id=None) -> AutomationRule   add or change (owner)
    set_enabled(session, actor, rule_id, enabled) -> AutomationRule   the on/off switch (owner)
    delete_rule(session, actor, rule_id)                          not a built-in one (switch it off)
    set_excluded(session, actor, conversation_id, excluded)       no rule touches it
    hold_for_typing(session, conversation_id, until)              an agent is typing: hold replies
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import AutomationRule, Conversation, Message, Store
from shopdesk.models.enums import (
    ComplaintCategory,
    ConversationStatus,
    Priority,
    ReturnState,
    Severity,
)
from shopdesk.services import audit
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.segments import Segment
from shopdesk.times import utcnow

MAX_NAME = 200
MAX_TEXT = 2000
MAX_WORDS = 50

# kind → parameters the editor asks for (name: what it is)
TRIGGERS: dict[str, dict[str, str]] = {
    "first_message": {},  # a conversation's first customer message
    "keyword": {"words": "words or phrases; any of them (English: whole words)"},
    "outside_hours": {},  # a customer message while the store is closed
    "no_reply": {"minutes": "minutes since the customer's last message without a reply"},
    "return_state": {"state": "the return case state reached"},
    "order_delivered": {"days": "days since the order was delivered"},
    "refund_completed": {"days": "days since a refund or exchange was completed"},
    "complaint_stalled": {"hours": "hours without progress (empty: the complaint's SLA)"},
    "care_date": {"date": "the day (YYYY-MM-DD)", "segments": "customer segments",
                  "opt_out_tag": "customers with this tag get nothing"},
}
MESSAGE_TRIGGERS = frozenset({"first_message", "keyword", "outside_hours"})
# What a rule sends for these answers the customer (the reports' automatic first reply).
REPLY_TRIGGERS = MESSAGE_TRIGGERS | {"no_reply"}
CONDITIONS: dict[str, dict[str, str]] = {
    "store": {"stores": "store keys"},
    "segment": {"segments": "new, active, vip, at_risk, lost"},
    "tag": {"tag": "tag name", "present": "true: has the tag; false: has not"},
    "language": {"language": "zh or en: the language of the customer's message"},
    "status": {"statuses": "open, pending, snoozed, closed"},
    "assigned": {"assigned": "true or false"},
    "hours": {"open": "true: within working hours; false: outside them"},
    "signed_in": {"at_least": "agents signed in now who may work the store"},
    "answering": {"rule": "rule key", "days": "the customer answers that rule's message"},
}
ACTIONS: dict[str, dict[str, str]] = {
    "send": {"text": "text, or {zh, en}", "quick_reply": "a quick reply's code",
             "fallback": "sent instead when a variable has no value"},
    "assign": {"mode": "agent, round_robin or fewest_open", "agent": "agent key (mode agent)"},
    "tag": {"tag": "tag name"},
    "priority": {"priority": "low, normal, high, urgent"},
    "escalate": {"note": "why (shown on the complaint)"},
    "notify": {"text": "what the owner reads"},
    "complaint": {"category": "complaint category", "severity": "low … critical"},
}
ASSIGN_MODES = ("agent", "round_robin", "fewest_open")
VARIABLES = ("customer", "order_no", "tracking_no", "store", "agent", "opens")


@dataclass
class RuleSpec:
    name: str
    trigger: dict[str, Any]
    conditions: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    store_id: int | None = None
    enabled: bool = False


def spec_of(rule: AutomationRule) -> RuleSpec:
    return RuleSpec(rule.name, {"kind": rule.trigger, **(rule.trigger_params or {})},
                    [dict(c) for c in rule.conditions or []],
                    [dict(a) for a in rule.actions or []], rule.store_id, rule.enabled)


def _words(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        return []
    return [w.strip() for w in value if w.strip()]


def _int(d: dict[str, Any], key: str, low: int, high: int, problems: list[str],
         what: str, optional: bool = False) -> None:
    value = d.get(key)
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(f"{what} must be a whole number from {low} to {high}.")


def _text_ok(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip()) and len(value) <= MAX_TEXT
    if isinstance(value, dict) and value and set(value) <= {"zh", "en"}:
        return all(isinstance(v, str) and v.strip() and len(v) <= MAX_TEXT
                   for v in value.values())
    return False


def _known(d: dict[str, Any], allowed: dict[str, str], what: str, problems: list[str]) -> None:
    extra = set(d) - set(allowed) - {"kind"}
    if extra:
        problems.append(f"{what} has no setting “{sorted(extra)[0]}”.")


def _trigger_problems(t: dict[str, Any]) -> list[str]:
    found: list[str] = []
    kind = t.get("kind")
    if kind not in TRIGGERS:
        return [f"Choose a trigger (not “{kind}”)."]
    _known(t, TRIGGERS[kind], "The trigger", found)
    if kind == "keyword":
        words = _words(t.get("words"))
        if not words or len(words) > MAX_WORDS:
            found.append(f"Give between 1 and {MAX_WORDS} words or phrases.")
    elif kind == "no_reply":
        _int(t, "minutes", 1, 7 * 24 * 60, found, "The minutes")
    elif kind in ("order_delivered", "refund_completed"):
        _int(t, "days", 0, 365, found, "The days")
    elif kind == "complaint_stalled":
        _int(t, "hours", 1, 720, found, "The hours", optional=True)
    elif kind == "return_state":
        if t.get("state") not in {s.value for s in ReturnState}:
            found.append("Choose the return case state.")
    elif kind == "care_date":
        try:
            date.fromisoformat(str(t.get("date")))
        except ValueError:
            found.append("The care message needs a day like 2026-12-25.")
        segs = t.get("segments")
        if not isinstance(segs, list) or not segs or \
                any(s not in {x.value for x in Segment} for s in segs):
            found.append("Choose the customer segments for the care message.")
        tag = t.get("opt_out_tag")
        if tag is not None and not (isinstance(tag, str) and tag.strip()):
            found.append("The opt-out tag must be a tag name.")
    return found


def _condition_problems(c: Any) -> list[str]:
    if not isinstance(c, dict) or c.get("kind") not in CONDITIONS:
        return [f"Unknown condition “{c.get('kind') if isinstance(c, dict) else c}”."]
    found: list[str] = []
    kind = c["kind"]
    _known(c, CONDITIONS[kind], "A condition", found)
    if kind == "store" and not _words(c.get("stores")):
        found.append("Choose at least one store.")
    elif kind == "segment" and (not _words(c.get("segments")) or any(
            s not in {x.value for x in Segment} for s in c.get("segments", []))):
        found.append("Choose customer segments (new, active, VIP, at-risk, lost).")
    elif kind == "tag" and not (isinstance(c.get("tag"), str) and c["tag"].strip()):
        found.append("Choose a tag.")
    elif kind == "language" and c.get("language") not in ("zh", "en"):
        found.append("The language must be Chinese (zh) or English (en).")
    elif kind == "status" and (not _words(c.get("statuses")) or any(
            s not in {x.value for x in ConversationStatus} for s in c.get("statuses", []))):
        found.append("Choose conversation statuses.")
    elif kind == "assigned" and not isinstance(c.get("assigned"), bool):
        found.append("Say whether the conversation is assigned.")
    elif kind == "hours" and not isinstance(c.get("open"), bool):
        found.append("Say within or outside working hours.")
    elif kind == "signed_in":
        _int(c, "at_least", 1, 100, found, "The number of agents")
    elif kind == "answering":
        if not (isinstance(c.get("rule"), str) and c["rule"]):
            found.append("Choose the rule whose message is answered.")
        _int(c, "days", 1, 90, found, "The days")
    return found


def _action_problems(a: Any) -> list[str]:
    if not isinstance(a, dict) or a.get("kind") not in ACTIONS:
        return [f"Unknown action “{a.get('kind') if isinstance(a, dict) else a}”."]
    found: list[str] = []
    kind = a["kind"]
    _known(a, ACTIONS[kind], "An action", found)
    if kind == "send":
        if not (_text_ok(a.get("text")) or (isinstance(a.get("quick_reply"), str)
                                            and a["quick_reply"].strip())):
            found.append(f"Write the message (at most {MAX_TEXT} characters) or pick a "
                         "quick reply.")
        if a.get("fallback") is not None and not _text_ok(a["fallback"]):
            found.append("The fallback message is empty or too long.")
    elif kind == "assign":
        if a.get("mode") not in ASSIGN_MODES:
            found.append("Assign to an agent, round-robin or to whoever has fewest open.")
        elif a["mode"] == "agent" and not (isinstance(a.get("agent"), str) and a["agent"]):
            found.append("Choose the agent.")
    elif kind == "tag" and not (isinstance(a.get("tag"), str) and a["tag"].strip()):
        found.append("Choose the tag to add.")
    elif kind == "priority" and a.get("priority") not in {p.value for p in Priority}:
        found.append("Choose a priority.")
    elif kind == "notify" and a.get("text") is not None and not _text_ok(a["text"]):
        found.append("The notification text is too long.")
    elif kind == "complaint":
        if a.get("category", "after_sales") not in {c.value for c in ComplaintCategory}:
            found.append("Choose the complaint's category.")
        if a.get("severity", "normal") not in {s.value for s in Severity}:
            found.append("Choose the complaint's severity.")
    return found


def problems(spec: RuleSpec) -> list[str]:
    """What is wrong with a rule, in plain words (empty: it can be saved)."""
    found = []
    if not spec.name.strip() or len(spec.name) > MAX_NAME:
        found.append(f"The rule needs a name of at most {MAX_NAME} characters.")
    if not isinstance(spec.trigger, dict):
        return found + ["Choose a trigger."]
    found += _trigger_problems(spec.trigger)
    if not isinstance(spec.conditions, list) or not isinstance(spec.actions, list):
        return found + ["Conditions and actions must be lists."]
    for c in spec.conditions:
        found += _condition_problems(c)
    if not spec.actions:
        found.append("Add at least one action.")
    for a in spec.actions:
        found += _action_problems(a)
    if spec.trigger.get("kind") == "care_date" and any(
            a.get("kind") != "send" for a in spec.actions if isinstance(a, dict)):
        found.append("A care message rule only sends messages.")
    return found


def check(spec: RuleSpec) -> None:
    found = problems(spec)
    if found:
        raise ShopDeskError(" ".join(found))


def list_rules(session: Session, store_id: int | None = None) -> list[AutomationRule]:
    """Rules in their order: every store's, and ``store_id``'s (None: all rules)."""
    q = select(AutomationRule).order_by(AutomationRule.position, AutomationRule.id)
    if store_id is not None:
        q = q.where((AutomationRule.store_id == store_id) | AutomationRule.store_id.is_(None))
    return list(session.scalars(q))


def _values(rule: AutomationRule) -> dict[str, Any]:
    return {"name": rule.name, "store": rule.store_id, "enabled": rule.enabled,
            "trigger": {"kind": rule.trigger, **(rule.trigger_params or {})},
            "conditions": rule.conditions, "actions": rule.actions}


def apply_spec(rule: AutomationRule, spec: RuleSpec) -> None:
    trigger = dict(spec.trigger)
    rule.name = spec.name.strip()
    rule.trigger = trigger.pop("kind")
    if rule.trigger == "keyword":
        trigger["words"] = _words(trigger.get("words"))
    rule.trigger_params = trigger
    rule.conditions = [dict(c) for c in spec.conditions]
    rule.actions = [dict(a) for a in spec.actions]
    rule.store_id = spec.store_id
    rule.enabled = bool(spec.enabled)
    rule.updated_at = utcnow()


def save_rule(session: Session, actor: Any, spec: RuleSpec,
              rule_id: int | None = None) -> AutomationRule:
    """Add a rule (``rule_id`` None) or change one (owner; audited)."""
    require(actor, Action.MANAGE_SETTINGS)
    check(spec)
    if spec.store_id is not None:
        existing(session, Store, spec.store_id, "store")
    if rule_id is None:
        last = session.scalar(select(AutomationRule.position)
                              .order_by(AutomationRule.position.desc()).limit(1))
        rule = AutomationRule(position=(last or 0) + 1)
        session.add(rule)
        before = None
    else:
        rule = existing(session, AutomationRule, rule_id, "rule")
        before = _values(rule)
    apply_spec(rule, spec)
    session.flush()
    audit.record(session, actor.id, "rule.create" if before is None else "rule.update",
                 "rule", rule.id, before, _values(rule))
    return rule


def set_enabled(session: Session, actor: Any, rule_id: int, enabled: bool) -> AutomationRule:
    require(actor, Action.MANAGE_SETTINGS)
    rule = existing(session, AutomationRule, rule_id, "rule")
    if enabled:
        check(spec_of(rule))
    before = rule.enabled
    rule.enabled = enabled
    rule.updated_at = utcnow()
    session.flush()
    audit.record(session, actor.id, "rule.enable" if enabled else "rule.disable", "rule",
                 rule.id, {"enabled": before}, {"enabled": enabled})
    return rule


def delete_rule(session: Session, actor: Any, rule_id: int) -> None:
    """Delete an owner's rule; its messages keep the rule's name. A built-in rule is only
    switched off."""
    require(actor, Action.MANAGE_SETTINGS)
    rule = existing(session, AutomationRule, rule_id, "rule")
    if rule.builtin:
        raise ShopDeskError("A built-in rule cannot be deleted; switch it off instead.")
    before = _values(rule)
    session.execute(update(Message).where(Message.rule_id == rule.id).values(rule_id=None)
                    .execution_options(synchronize_session=False))
    session.delete(rule)
    session.flush()
    audit.record(session, actor.id, "rule.delete", "rule", rule_id, before, None)


def set_excluded(session: Session, actor: Any, conversation_id: int, excluded: bool) -> None:
    """Exclude a conversation from automation (no rule reads or touches it) or include it
    again (audited)."""
    require(actor, Action.REPLY)
    conv = existing(session, Conversation, conversation_id, "conversation")
    before = conv.automation_excluded
    session.execute(update(Conversation).where(Conversation.id == conv.id)
                    .values(automation_excluded=excluded)
                    .execution_options(synchronize_session=False))
    audit.record(session, actor.id, "conversation.automation", "conversation", conv.id,
                 {"excluded": before}, {"excluded": excluded})


def hold_for_typing(session: Session, conversation_id: int, until: datetime) -> None:
    """An agent is typing in the conversation: its automatic replies wait until ``until``
    (the composer calls this every few seconds while typing, with now + ~30 s). A plain
    UPDATE, so it never makes the agent's own save of the conversation stale."""
    if until.tzinfo is None:
        raise ValueError("until must be timezone-aware")
    session.execute(update(Conversation).where(Conversation.id == conversation_id)
                    .values(automation_hold_until=until)
                    .execution_options(synchronize_session=False))


def held(conv: Conversation, now: datetime) -> bool:
    until = conv.automation_hold_until
    return until is not None and until.astimezone(now.tzinfo) > now

