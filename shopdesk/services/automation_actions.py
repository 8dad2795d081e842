"""What a rule does: each action first planned as a plain step (what it would send or do,
with every variable filled in; the dry run stops there), then applied.

A step is a dict: ``{"kind": "send", "text": …}``, ``{"kind": "assign", "agent_id": …,
"agent": name}``, ``{"kind": "tag", "tag": …}``, ``{"kind": "priority", …}``,
``{"kind": "escalate", "complaint_id": …, "tier": …}``, ``{"kind": "notify", "text": …}``,
``{"kind": "complaint", …}``, or ``{"kind": "skip", "action": …, "reason": …}`` when a guard
or a missing fact stops that action. Steps are kept in the rule's firing record.

Messages to customers go to the outbox as the agents' replies do (state ``queued``; the
store's channel sends them), marked with the rule's name, and leave the conversation's
"needs a reply" state alone: an automatic answer is not a person's. Every other action on a
conversation also leaves a system line there naming the rule.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shopdesk.models import (
    Agent,
    Complaint,
    ComplaintEvent,
    Conversation,
    Message,
    Order,
    QuickReply,
    Tag,
    customer_tags,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    ConversationStatus,
    Direction,
    Platform,
    Priority,
    SendState,
    Severity,
)
from shopdesk.services import audit
from shopdesk.services.automation_hours import local_text
from shopdesk.services.automation_presence import notify, signed_in_agents
from shopdesk.services.automation_triggers import OPEN_COMPLAINTS, Event
from shopdesk.services.conversations import customer_language
from shopdesk.services.numbering import complaint_number
from shopdesk.services.quick_replies import fill, variables
from shopdesk.services.rules import of_store

MAX_PER_HOUR = 3  # automatic messages per conversation per hour
STALE = timedelta(minutes=60)  # an automatic reply still unsent after this is dropped
LEFT = re.compile(r"\{(customer|order_no|store|agent|tracking_no|opens)\}")
ENGLISH_PLATFORMS = (Platform.SHOPIFY, Platform.AMAZON, Platform.WOOCOMMERCE)
SYSTEM = {
    "assign": ("已自动分配给 {agent}", "Assigned to {agent}"),
    "tag": ("已自动加标签 {tag}", "Tagged {tag}"),
    "priority": ("已自动设优先级 {priority}", "Priority set to {priority}"),
    "escalate": ("投诉 {number} 已自动升到第 {tier} 级", "Complaint {number} moved up to tier {tier}"),
    "complaint": ("已自动创建投诉 {number}", "Complaint {number} opened"),
    "notify": ("已通知店主", "The owner was notified"),
}
DROPPED = "Automatic reply not sent: it was no longer relevant when the store's channel " \
          "was back (or a person had answered)."


def _lang(session: Session, ev: Event) -> str:
    if ev.text is not None:
        return ev.language
    if ev.conversation is not None:
        return "zh" if customer_language(session, ev.conversation.id) == "zh_CN" else "en"
    return "en" if ev.store.platform in ENGLISH_PLATFORMS else "zh"


def pick_text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("zh") or value.get("en") or "")
    return str(value or "")


def _values(session: Session, ev: Event, lang: str) -> dict[str, str]:
    conv = ev.conversation
    values: dict[str, str] = {"store": ev.store.name}
    if conv is not None:
        assignee = session.get(Agent, conv.assignee_id) if conv.assignee_id else None
        values.update(variables(session, conv.id, assignee))
    if ev.order_id is not None:
        order = session.get(Order, ev.order_id)
        if order is not None:
            values["order_no"] = order.order_no
            if order.tracking_no:
                values["tracking_no"] = order.tracking_no
            else:
                values.pop("tracking_no", None)
    if ev.opens is not None:
        values["opens"] = local_text(ev.store, ev.opens, lang)
    return values


def auto_messages_last_hour(session: Session, conversation_id: int, now: datetime) -> int:
    return int(session.scalar(select(func.count()).select_from(Message).where(
        Message.conversation_id == conversation_id, Message.rule_id.is_not(None),
        Message.direction == Direction.OUT, Message.at > now - timedelta(hours=1))) or 0)


def _plan_send(session: Session, ev: Event, action: dict[str, Any], now: datetime) -> dict:
    lang = _lang(session, ev)
    body = pick_text(action.get("text"), lang)
    if not body and action.get("quick_reply"):
        body = session.scalar(select(QuickReply.body).where(
            QuickReply.code == action["quick_reply"]).limit(1)) or ""
    if not body:
        return {"kind": "skip", "action": "send", "reason": "the quick reply does not exist"}
    values = _values(session, ev, lang)
    text = LEFT.sub(lambda m: values.get(m.group(1), m.group(0)), fill(body, values))
    if ev.conversation is None:
        return {"kind": "send", "text": text, "note": "no conversation: variables are filled "
                "in for the real one"}
    missing = sorted(set(LEFT.findall(text)))
    if missing:
        fallback = pick_text(action.get("fallback"), lang)
        if not fallback:
            return {"kind": "skip", "action": "send",
                    "reason": f"no value for {{{missing[0]}}}"}
        text = LEFT.sub(lambda m: values.get(m.group(1), ""), fill(fallback, values))
    if auto_messages_last_hour(session, ev.conversation.id, now) >= MAX_PER_HOUR:
        return {"kind": "skip", "action": "send",
                "reason": f"already {MAX_PER_HOUR} automatic messages in the last hour"}
    return {"kind": "send", "text": text}


def _eligible(session: Session, ev: Event, now: datetime) -> list[Agent]:
    return signed_in_agents(session, ev.store.id, now)


def _plan_assign(session: Session, ev: Event, action: dict[str, Any], now: datetime) -> dict:
    conv = ev.conversation
    if conv is None and ev.text is None:
        return {"kind": "skip", "action": "assign", "reason": "no conversation"}
    if conv is not None and conv.assignee_id is not None:
        return {"kind": "skip", "action": "assign", "reason": "already assigned"}
    mode = action.get("mode")
    if mode == "agent":
        agent = session.scalar(select(Agent).where(Agent.key == action.get("agent")))
        if agent is None or not agent.active:
            return {"kind": "skip", "action": "assign", "reason": "the agent cannot take it"}
        return {"kind": "assign", "agent_id": agent.id, "agent": agent.name}
    people = _eligible(session, ev, now)
    if not people:
        return {"kind": "skip", "action": "assign", "reason": "nobody is signed in"}
    if mode == "round_robin":
        previous = _last_assigned(session, ev)
        later = [a for a in people if previous is not None and a.id > previous]
        agent = later[0] if later else people[0]
    else:
        counts = dict(session.execute(
            select(Conversation.assignee_id, func.count()).where(
                Conversation.assignee_id.in_([a.id for a in people]),
                Conversation.status.in_([ConversationStatus.OPEN, ConversationStatus.PENDING]))
            .group_by(Conversation.assignee_id)).all())
        agent = min(people, key=lambda a: (counts.get(a.id, 0), a.id))
    return {"kind": "assign", "agent_id": agent.id, "agent": agent.name}


def _last_assigned(session: Session, ev: Event) -> int | None:
    from shopdesk.models import AutomationFiring

    for detail in session.scalars(select(AutomationFiring.detail).where(
            AutomationFiring.rule_id == ev.rule.id, AutomationFiring.state == "done")
            .order_by(AutomationFiring.id.desc()).limit(20)):
        for step in detail or []:
            if step.get("kind") == "assign":
                return int(step["agent_id"])
    return None


def _complaint_of(session: Session, ev: Event) -> Complaint | None:
    if ev.complaint_id is not None:
        return session.get(Complaint, ev.complaint_id)
    if ev.conversation is None:
        return None
    return session.scalar(select(Complaint).where(
        Complaint.conversation_id == ev.conversation.id,
        Complaint.status.in_(OPEN_COMPLAINTS)).order_by(Complaint.id.desc()).limit(1))


def plan_one(session: Session, ev: Event, action: dict[str, Any], now: datetime) -> dict:
    kind = action.get("kind")
    if kind == "send":
        return _plan_send(session, ev, action, now)
    if kind == "assign":
        return _plan_assign(session, ev, action, now)
    if kind in ("tag", "priority") and ev.conversation is None and ev.customer_id is None:
        return {"kind": kind, **{k: v for k, v in action.items() if k != "kind"},
                "note": "no conversation"}
    if kind == "tag":
        return {"kind": "tag", "tag": action["tag"].strip()}
    if kind == "priority":
        return {"kind": "priority", "priority": action["priority"]}
    if kind == "escalate":
        c = _complaint_of(session, ev)
        if c is None:
            return {"kind": "skip", "action": "escalate", "reason": "no open complaint"}
        if c.tier >= 3:
            return {"kind": "skip", "action": "escalate", "reason": "already at the top tier"}
        return {"kind": "escalate", "complaint_id": c.id, "number": complaint_number(c.id),
                "tier": c.tier + 1, "note": action.get("note") or ""}
    if kind == "notify":
        text = pick_text(action.get("text"), "zh") or ev.rule.name
        return {"kind": "notify", "text": text}
    if kind == "complaint":
        if ev.customer_id is None:
            return {"kind": "skip", "action": "complaint", "reason": "no customer"}
        return {"kind": "complaint", "category": action.get("category", "after_sales"),
                "severity": action.get("severity", "normal"),
                "summary": f"{ev.rule.name}: {(ev.text or '').strip()}"[:500]}
    return {"kind": "skip", "action": str(kind), "reason": "unknown action"}


def plan(session: Session, ev: Event, now: datetime) -> list[dict[str, Any]]:
    return [plan_one(session, ev, a, now) for a in ev.rule.actions or []]


# -- applying ----------------------------------------------------------------------------------

def _system(session: Session, ev: Event, what: str, now: datetime, **values: Any) -> None:
    conv = ev.conversation
    if conv is None:
        return
    zh, en = SYSTEM[what]
    text = (en if ev.store.platform in ENGLISH_PLATFORMS else zh).format(**values)
    session.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=now,
                        direction=Direction.SYSTEM, text=f"{ev.rule.name}: {text}",
                        rule_id=ev.rule.id, rule_name=ev.rule.name))


def apply(session: Session, ev: Event, steps: list[dict[str, Any]], now: datetime) -> None:
    rule, conv = ev.rule, ev.conversation
    for step in steps:
        kind = step["kind"]
        if kind == "send" and conv is not None:
            session.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=now,
                                direction=Direction.OUT, text=step["text"],
                                send_state=SendState.QUEUED, rule_id=rule.id,
                                rule_name=rule.name))
        elif kind == "assign" and conv is not None:
            before = conv.assignee_id
            conv.assignee_id = step["agent_id"]
            audit.record(session, None, "conversation.assign", "conversation", conv.id,
                         {"assignee_id": before}, {"assignee_id": step["agent_id"],
                                                   "rule": rule.name}, at=now)
            _system(session, ev, "assign", now, agent=step["agent"])
        elif kind == "tag" and ev.customer_id is not None:
            _tag(session, ev.customer_id, step["tag"])
            audit.record(session, None, "customer.tag", "customer", ev.customer_id, None,
                         {"tag": step["tag"], "rule": rule.name}, at=now)
            _system(session, ev, "tag", now, tag=step["tag"])
        elif kind == "priority" and conv is not None:
            before = conv.priority
            conv.priority = Priority(step["priority"])
            audit.record(session, None, "conversation.priority", "conversation", conv.id,
                         {"priority": Priority(before).value},
                         {"priority": step["priority"], "rule": rule.name}, at=now)
            _system(session, ev, "priority", now, priority=step["priority"])
        elif kind == "escalate":
            _escalate(session, ev, step, now)
        elif kind == "notify":
            notify(session, step["text"], store_id=ev.store.id,
                   conversation_id=conv.id if conv else None,
                   complaint_id=ev.complaint_id, rule=rule, now=now)
            _system(session, ev, "notify", now)
        elif kind == "complaint":
            _open_complaint(session, ev, step, now)
    session.flush()


def _tag(session: Session, customer_id: int, name: str) -> None:
    tag = session.scalar(select(Tag).where(Tag.name == name))
    if tag is None:
        tag = Tag(name=name)
        session.add(tag)
        session.flush()
    if not session.scalar(select(func.count()).select_from(customer_tags).where(
            customer_tags.c.customer_id == customer_id, customer_tags.c.tag_id == tag.id)):
        session.execute(customer_tags.insert().values(customer_id=customer_id, tag_id=tag.id))


def _escalate(session: Session, ev: Event, step: dict[str, Any], now: datetime) -> None:
    c = session.get(Complaint, step["complaint_id"])
    if c is None or c.tier >= 3:
        return
    before = {"tier": c.tier, "status": ComplaintStatus(c.status).value}
    c.tier, c.status = c.tier + 1, ComplaintStatus.ESCALATED
    after = {"tier": c.tier, "status": c.status.value}
    note = f"{ev.rule.name}: {step.get('note') or 'not progressed in time'}"
    c.events.append(ComplaintEvent(at=now, by_id=None, action="escalate", note=note,
                                   before=before, after=after))
    audit.record(session, None, "complaint.escalate", "complaint", c.id, before,
                 {**after, "rule": ev.rule.name}, at=now)
    notify(session, f"{step['number']} → tier {c.tier}: {c.summary}", store_id=c.store_id,
           conversation_id=c.conversation_id, complaint_id=c.id, rule=ev.rule, now=now)
    _system(session, ev, "escalate", now, number=step["number"], tier=c.tier)


def _open_complaint(session: Session, ev: Event, step: dict[str, Any], now: datetime) -> None:
    severity = Severity(step["severity"])
    c = Complaint(store_id=ev.store.id, customer_id=ev.customer_id, order_id=ev.order_id,
                  conversation_id=ev.conversation.id if ev.conversation else None,
                  category=ComplaintCategory(step["category"]), severity=severity, tier=1,
                  status=ComplaintStatus.NEW, opened_at=now,
                  sla_due_at=now + of_store(ev.store).complaint_sla(severity),
                  summary=step["summary"] or ev.rule.name, currency=ev.store.currency)
    c.events.append(ComplaintEvent(at=now, by_id=None, action="created",
                                   note=ev.rule.name,
                                   after={"severity": severity.value,
                                          "category": c.category.value}))
    session.add(c)
    session.flush()
    number = complaint_number(c.id)
    step["complaint_id"], step["number"] = c.id, number
    audit.record(session, None, "complaint.created", "complaint", c.id, None,
                 {"summary": c.summary, "rule": ev.rule.name}, at=now)
    notify(session, f"{number}: {c.summary}", store_id=c.store_id,
           conversation_id=c.conversation_id, complaint_id=c.id, rule=ev.rule, now=now)
    _system(session, ev, "complaint", now, number=number)


def drop_stale(session: Session, now: datetime) -> list[int]:
    """Automatic replies still waiting in the outbox after ``STALE`` (the channel was
    offline), or that a person has answered since, are not sent: they become notes with the
    reason. Returns their conversations. Each is changed only if it is still waiting (the
    sync may claim it meanwhile, on this PC or another)."""
    dropped = []
    for message_id, conv_id in stale(session, now):
        done = session.execute(
            update(Message).where(Message.id == message_id, Message.send_state.in_(
                [SendState.QUEUED, SendState.FAILED]))
            .values(direction=Direction.NOTE, send_state=None, next_attempt_at=None,
                    warning=DROPPED)
            .execution_options(synchronize_session=False)).rowcount
        if done:
            dropped.append(conv_id)
    return dropped


def stale(session: Session, now: datetime) -> list[tuple[int, int]]:
    """(message, conversation) of the automatic replies ``drop_stale`` would drop (reads
    only: the engine writes only when there are some)."""
    found = []
    waiting = session.execute(select(Message.id, Message.conversation_id, Message.at).where(
        Message.rule_id.is_not(None), Message.direction == Direction.OUT,
        Message.send_state.in_([SendState.QUEUED, SendState.FAILED]))).all()
    for message_id, conv_id, at in waiting:
        answered = session.scalar(select(Message.id).where(
            Message.conversation_id == conv_id, Message.direction == Direction.OUT,
            Message.rule_id.is_(None), Message.at >= at).limit(1))
        if at < now - STALE or answered is not None:
            found.append((message_id, conv_id))
    return found
