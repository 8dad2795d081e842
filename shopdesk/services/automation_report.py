"""What automation did, for the Reports page, the satisfaction workbook and the thread.

    rule_names(session, message_ids) -> {message id: rule name}   which shown messages are automatic
    rule_stats(session, since, until, store_id=None) -> list[RuleStats]
        per rule: how often it fired (and was stopped by a guard), how many messages it
        sent, and in how many of its conversations a person still had to answer afterwards
    first_responses(session, since, until, store_id=None) -> ResponseSplit
        first response to conversations started in the period, automatic and human apart
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.models import AutomationFiring, AutomationRule, Conversation, Message
from shopdesk.models.enums import Direction


def rule_names(session: Session, message_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(message_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        found.update(session.execute(select(Message.id, Message.rule_name).where(
            Message.id.in_(ids[start:start + 500]), Message.rule_name.is_not(None))).all())
    return found


@dataclass(frozen=True)
class RuleStats:
    rule_id: int
    name: str
    fired: int
    skipped: int
    messages: int
    needed_person: int  # conversations a person answered after the rule fired


def rule_stats(session: Session, since: datetime, until: datetime,
               store_id: int | None = None) -> list[RuleStats]:
    f = AutomationFiring
    q = (select(f.rule_id, f.state, f.conversation_id, f.at)
         .where(f.at >= since, f.at < until, f.state.in_(["done", "skipped"])))
    if store_id is not None:
        q = q.where(f.store_id == store_id)
    per: dict[int, dict[str, int]] = {}
    needed: dict[int, set[int]] = {}
    for rule_id, state, conv_id, at in session.execute(q):
        counts = per.setdefault(rule_id, {"done": 0, "skipped": 0})
        counts[state] += 1
        if state == "done" and conv_id is not None and session.scalar(
                select(Message.id).where(Message.conversation_id == conv_id,
                                         Message.direction == Direction.OUT,
                                         Message.rule_id.is_(None), Message.at >= at).limit(1)):
            needed.setdefault(rule_id, set()).add(conv_id)
    sent = dict(session.execute(
        select(Message.rule_id, func.count()).where(
            Message.rule_id.in_(list(per) or [-1]), Message.direction == Direction.OUT,
            Message.at >= since, Message.at < until).group_by(Message.rule_id)).all())
    names = dict(session.execute(select(AutomationRule.id, AutomationRule.name)
                                 .where(AutomationRule.id.in_(list(per) or [-1]))).all())
    return [RuleStats(rid, names.get(rid, "?"), c["done"], c["skipped"], int(sent.get(rid, 0)),
                      len(needed.get(rid, ())))
            for rid, c in sorted(per.items(), key=lambda kv: names.get(kv[0], ""))]


@dataclass(frozen=True)
class ResponseSplit:
    automatic: int  # conversations whose first answer was automatic
    automatic_seconds: float | None  # their average time to it
    human: int  # conversations with a person's answer
    human_seconds: float | None  # average time to the first person's answer


def first_responses(session: Session, since: datetime, until: datetime,
                    store_id: int | None = None) -> ResponseSplit:
    q = select(Conversation.id).where(Conversation.created_at >= since,
                                      Conversation.created_at < until)
    if store_id is not None:
        q = q.where(Conversation.store_id == store_id)
    auto: list[float] = []
    human: list[float] = []
    for conv_id in session.scalars(q):
        rows = session.execute(select(Message.at, Message.direction, Message.rule_id).where(
            Message.conversation_id == conv_id,
            Message.direction.in_([Direction.IN, Direction.OUT]))
            .order_by(Message.at, Message.id)).all()
        asked = next((at for at, d, _r in rows if d == Direction.IN), None)
        if asked is None:
            continue
        first_auto = next((at for at, d, r in rows if d == Direction.OUT and r is not None
                           and at >= asked), None)
        first_human = next((at for at, d, r in rows if d == Direction.OUT and r is None
                            and at >= asked), None)
        if first_auto is not None and (first_human is None or first_auto <= first_human):
            auto.append((first_auto - asked).total_seconds())
        if first_human is not None:
            human.append((first_human - asked).total_seconds())

    def avg(xs: list[float]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    return ResponseSplit(len(auto), avg(auto), len(human), avg(human))
