"""What happened that a rule may answer: the events of each trigger kind, each with the key
that makes it fire once (``automation_firings``).

Message triggers look at customer messages of the last ``RELEVANT`` minutes that no person
has answered yet (older ones are no longer worth an automatic answer: a store that was
offline sends, once back, only what is still relevant). Time triggers look back
``LOOKBACK`` past their moment, so a PC that was off for a weekend still catches up.
Loop guards live here too: an automatic reply (out-of-office, another robot) and the shop's
own mail are never events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from shopdesk.channels.registry import channel_settings
from shopdesk.models import (
    AutomationRule,
    Complaint,
    ComplaintEvent,
    Conversation,
    CustomerIdentity,
    Message,
    Order,
    ReturnCase,
    ReturnEvent,
    Store,
)
from shopdesk.models.enums import ComplaintStatus, ConversationStatus, Direction, ReturnState
from shopdesk.services.automation_hours import is_open, next_opening
from shopdesk.services.automation_watch import Scope
from shopdesk.services.conversations import has_chinese
from shopdesk.services.rules import of_store
from shopdesk.textfold import fold
from shopdesk.times import as_utc

RELEVANT = timedelta(minutes=30)
LOOKBACK = timedelta(days=3)
OPEN_COMPLAINTS = (ComplaintStatus.NEW, ComplaintStatus.IN_PROGRESS, ComplaintStatus.ESCALATED)
COMPLETED = (ReturnState.REFUNDED, ReturnState.EXCHANGE_SHIPPED)
# What automatic replies say about themselves (mail programs, platform robots).
AUTO_REPLY = re.compile(
    r"auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|自动回复|自動回覆|"
    r"\[auto\]|do not reply|noreply|no-reply|mailer-daemon", re.I)


@dataclass
class Event:
    rule: AutomationRule
    key: str  # once per rule and key
    store: Store
    at: datetime  # when the trigger happened
    conversation: Conversation | None = None
    customer_id: int | None = None
    text: str | None = None  # the customer's message that triggered it
    message_id: int | None = None
    order_id: int | None = None
    case_id: int | None = None
    complaint_id: int | None = None
    opens: datetime | None = None  # when the store opens again (outside hours)

    @property
    def language(self) -> str:
        return "zh" if has_chinese(self.text or "") else "en"


def keyword_hit(words: list[str], text: str) -> str | None:
    """The first of ``words`` in ``text``: a substring for Chinese, a whole word (or phrase)
    for English; full-width and case do not matter."""
    folded = fold(text)
    for word in words:
        w = fold(word).strip()
        if not w:
            continue
        if has_chinese(w):
            if w in folded:
                return word
        elif re.search(r"(?<![\w])" + r"\s+".join(map(re.escape, w.split())) + r"(?![\w])",
                       folded):
            return word
    return None


def looks_automatic(text: str) -> bool:
    return bool(AUTO_REPLY.search(text[:300]))


def shop_addresses(session: Session) -> set[str]:
    """Every store's own channel address: mail from them is the shop's own."""
    found = set()
    for store in session.scalars(select(Store)):
        ch = channel_settings(store)
        for k in ("address", "username"):
            if isinstance(ch.get(k), str) and "@" in ch[k]:
                found.add(ch[k].strip().lower())
    return found


def _latest_conversation(session: Session, store_id: int, customer_id: int
                         ) -> Conversation | None:
    return session.scalar(select(Conversation).where(
        Conversation.store_id == store_id, Conversation.customer_id == customer_id)
        .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())
        .limit(1))


def recent_messages(session: Session, store: Store, now: datetime, scope: Scope | None = None
                    ) -> list[tuple[Message, Conversation]]:
    """Customer messages of the last ``RELEVANT`` that no person has answered, oldest first,
    without the shop's own mail and automatic replies; with a ``scope``, only those it
    names (``automation_watch``), and the look is noted in it."""
    since = now - RELEVANT
    q = (select(Message, Conversation).join(Conversation, Conversation.id == Message.conversation_id)
         .where(Conversation.store_id == store.id, Conversation.last_message_at >= since,
                Message.direction == Direction.IN, Message.at >= since)
         .order_by(Message.at, Message.id))
    if scope is not None and scope.after is not None:
        named = Message.id > scope.after
        q = q.where(or_(named, Message.id.in_(sorted(scope.also))) if scope.also else named)
    rows, due = [], as_utc(now)
    for message, conv in session.execute(q):
        if scope is not None:
            scope.saw(message.id)
        if not conv.automation_excluded and as_utc(message.at) <= due:
            rows.append((message, conv))
        elif scope is not None:  # looked at again: it may be taken back into automation,
            scope.unsettled.add(message.id)  # or its time (ahead of this clock) may come
    own = shop_addresses(session)
    handles = dict(session.execute(select(CustomerIdentity.customer_id, CustomerIdentity.handle)
                                   .where(CustomerIdentity.store_id == store.id)).all()) \
        if own and rows else {}
    conv_ids = sorted({conv.id for _m, conv in rows})
    answered_at = _last_answers(session, conv_ids)
    _remember_firsts(session, rows, conv_ids)
    out = []
    for message, conv in rows:
        if looks_automatic(message.text or ""):
            continue
        if str(handles.get(conv.customer_id, "")).lower() in own:
            continue
        last = answered_at.get(conv.id)
        if last is not None and as_utc(last) >= as_utc(message.at):
            continue  # a person (or the shop's mail) answered since
        out.append((message, conv))
    return out


# Conversations a statement: a busy hour holds thousands of unanswered messages, and a
# query per message at every cycle (every few seconds) kept the sync thread busy.
CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _last_answers(session: Session, conv_ids: list[int]) -> dict[int, datetime]:
    """Each conversation's latest reply not written by a rule."""
    found: dict[int, datetime] = {}
    for chunk in _chunks(conv_ids):
        found.update(session.execute(
            select(Message.conversation_id, func.max(Message.at))
            .where(Message.conversation_id.in_(chunk), Message.direction == Direction.OUT,
                   Message.rule_id.is_(None))
            .group_by(Message.conversation_id)).all())
    return found


def _remember_firsts(session: Session, rows: list[tuple[Message, Conversation]],
                     conv_ids: list[int]) -> None:
    """Whether each of ``rows`` is its conversation's first customer message, for
    ``is_first``: the first one (earliest, then lowest id) of each conversation at once."""
    firsts: dict[int, int] = {}
    for chunk in _chunks(conv_ids):
        first_at = (select(Message.conversation_id.label("cid"), func.min(Message.at).label("at"))
                    .where(Message.conversation_id.in_(chunk), Message.direction == Direction.IN)
                    .group_by(Message.conversation_id).subquery())
        firsts.update(session.execute(
            select(Message.conversation_id, func.min(Message.id))
            .join(first_at, and_(Message.conversation_id == first_at.c.cid,
                                 Message.at == first_at.c.at))
            .where(Message.direction == Direction.IN)
            .group_by(Message.conversation_id)).all())
    cache = session.info.setdefault("automation_first", {})
    for message, conv in rows:
        cache[message.id] = firsts.get(conv.id) == message.id


def is_first(session: Session, message: Message) -> bool:
    cache = session.info.setdefault("automation_first", {})
    if message.id in cache:
        return cache[message.id]
    cache[message.id] = first = not _earlier_in(session, message)
    return first


def _earlier_in(session: Session, message: Message) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Message).where(
        Message.conversation_id == message.conversation_id, Message.direction == Direction.IN,
        or_(Message.at < message.at, and_(Message.at == message.at, Message.id < message.id)))))


def message_event(session: Session, rule: AutomationRule, store: Store, message: Message,
                  conv: Conversation, text: str | None = None) -> Event | None:
    """The event ``message`` makes for a message-triggered ``rule``, if any."""
    text = message.text if text is None else text
    ev = Event(rule, f"m{message.id}", store, message.at, conv, conv.customer_id if conv else
               None, text, message.id)
    kind, params = rule.trigger, rule.trigger_params or {}
    if kind == "first_message":
        return ev if message.id is None or is_first(session, message) else None
    if kind == "keyword":
        return ev if keyword_hit(list(params.get("words") or []), text or "") else None
    if kind == "outside_hours":
        if is_open(store, message.at):
            return None
        ev.opens = next_opening(store, message.at)
        ev.key = f"c{conv.id if conv else 0}:{ev.opens:%Y%m%dT%H%M}"
        return ev
    return None


def time_events(session: Session, rule: AutomationRule, store: Store, now: datetime
                ) -> Iterator[Event]:
    """Events of the time triggers (no reply, return state, delivered, refunded, stalled)."""
    kind, p = rule.trigger, rule.trigger_params or {}
    if kind == "no_reply":
        due = now - timedelta(minutes=int(p.get("minutes", 60)))
        for conv in session.scalars(select(Conversation).where(
                Conversation.store_id == store.id, Conversation.status == ConversationStatus.OPEN,
                Conversation.last_direction == Direction.IN,
                Conversation.automation_excluded.is_(False),
                Conversation.last_message_at <= due, Conversation.last_message_at >= due - LOOKBACK)):
            last = session.execute(select(Message.id, Message.text, Message.at).where(
                Message.conversation_id == conv.id, Message.direction == Direction.IN)
                .order_by(Message.at.desc(), Message.id.desc()).limit(1)).first()
            if last is not None and not looks_automatic(last[1] or ""):
                yield Event(rule, f"c{conv.id}:m{last[0]}", store, last[2], conv,
                            conv.customer_id, last[1], last[0])
    elif kind in ("return_state", "refund_completed"):
        if kind == "return_state":
            states, late = [ReturnState(p["state"])], timedelta(0)
        else:
            states, late = list(COMPLETED), timedelta(days=int(p.get("days", 3)))
        q = (select(ReturnEvent, ReturnCase).join(ReturnCase, ReturnCase.id == ReturnEvent.case_id)
             .where(ReturnCase.store_id == store.id, ReturnEvent.state.in_(states),
                    ReturnEvent.at <= now - late, ReturnEvent.at >= now - late - LOOKBACK)
             .order_by(ReturnEvent.at, ReturnEvent.id))
        for event, case in session.execute(q):
            conv = (session.get(Conversation, case.conversation_id) if case.conversation_id
                    else _latest_conversation(session, store.id, case.customer_id))
            key = f"e{event.id}" if kind == "return_state" else f"r{case.id}"
            yield Event(rule, key, store, event.at, conv, case.customer_id, None,
                        order_id=case.order_id, case_id=case.id)
    elif kind == "order_delivered":
        late = timedelta(days=int(p.get("days", 3)))
        for order in session.scalars(select(Order).where(
                Order.store_id == store.id, Order.delivered_at <= now - late,
                Order.delivered_at >= now - late - LOOKBACK).order_by(Order.delivered_at)):
            yield Event(rule, f"o{order.id}", store, order.delivered_at,
                        _latest_conversation(session, store.id, order.customer_id),
                        order.customer_id, None, order_id=order.id)
    elif kind == "complaint_stalled":
        rules = of_store(store)
        moved = (select(func.max(ComplaintEvent.at)).where(ComplaintEvent.complaint_id == Complaint.id)
                 .scalar_subquery())
        for c, last in session.execute(select(Complaint, moved).where(
                Complaint.store_id == store.id, Complaint.status.in_(OPEN_COMPLAINTS),
                Complaint.tier < 3)):
            limit = (timedelta(hours=int(p["hours"])) if p.get("hours")
                     else rules.complaint_sla(c.severity))
            since = max(filter(None, (c.opened_at, last)))
            # Due within LOOKBACK: switching the rule on does not move every old ticket.
            if now - LOOKBACK <= since + limit <= now:
                conv = session.get(Conversation, c.conversation_id) if c.conversation_id else None
                if conv is not None and conv.automation_excluded:
                    continue
                yield Event(rule, f"p{c.id}:t{c.tier}", store, since + limit, conv,
                            c.customer_id, None, order_id=c.order_id, complaint_id=c.id)
