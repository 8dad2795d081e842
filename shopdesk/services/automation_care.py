"""Care messages (节日问候): on the day a care rule names, the engine proposes one message
per customer of its segments; the owner reviews the list and approves it (all or some)
before anything is sent. A customer with the rule's opt-out tag gets nothing, and nobody
gets more than one care message in ``CARE_DAYS`` days (checked when proposing and again
when sending).

Each proposal is a firing (rule + ``care:<date>:<customer>``, state proposed → approved →
done, or rejected); sending turns approved into done in the same transaction that queues
the message, by a conditional UPDATE, so it happens once.

    care_list(session, rule_id) -> list[CareRow]
    approve_care(session, actor, rule_id, firing_ids=None) -> int   (owner) None: all proposed
    reject_care(session, actor, rule_id, firing_ids=None) -> int    (owner)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import (
    AutomationFiring,
    AutomationRule,
    Conversation,
    Customer,
    Message,
    Store,
    Tag,
    customer_tags,
)
from shopdesk.models.enums import Direction, SendState
from shopdesk.services import audit
from shopdesk.services.automation_actions import pick_text
from shopdesk.services.automation_hours import hours_of
from shopdesk.services.automation_rules import held
from shopdesk.services.permissions import Action, require
from shopdesk.services.quick_replies import fill, variables
from shopdesk.services.records import existing

CARE_DAYS = 30
PROPOSE_DAYS = 3  # proposals are made from the day on, for this many days


@dataclass(frozen=True)
class CareRow:
    firing_id: int
    customer_id: int
    customer: str
    conversation_id: int | None
    text: str
    state: str  # proposed, approved, done, rejected


def _day(rule: AutomationRule) -> date | None:
    try:
        return date.fromisoformat(str((rule.trigger_params or {}).get("date")))
    except ValueError:
        return None


def _in_window(rule: AutomationRule, store: Store, now: datetime) -> bool:
    day = _day(rule)
    today = now.astimezone(hours_of(store).zone).date()
    return day is not None and day <= today < day + timedelta(days=PROPOSE_DAYS)


def _opted_out(session: Session, customer_id: int, tag_name: str | None) -> bool:
    if not tag_name:
        return False
    return bool(session.scalar(select(func.count()).select_from(customer_tags)
                               .join(Tag, Tag.id == customer_tags.c.tag_id)
                               .where(customer_tags.c.customer_id == customer_id,
                                      Tag.name == tag_name.strip())))


def _cared_recently(session: Session, customer_id: int, now: datetime,
                    but: int | None = None) -> bool:
    q = (select(func.count()).select_from(AutomationFiring)
         .join(AutomationRule, AutomationRule.id == AutomationFiring.rule_id)
         .where(AutomationRule.trigger == "care_date", AutomationFiring.customer_id == customer_id,
                AutomationFiring.state == "done",
                AutomationFiring.at > now - timedelta(days=CARE_DAYS)))
    if but is not None:
        q = q.where(AutomationFiring.id != but)
    return bool(session.scalar(q))


def _candidates(session: Session, rule: AutomationRule, store: Store
                ) -> list[tuple[Customer, Conversation]]:
    segments = list((rule.trigger_params or {}).get("segments") or [])
    latest = (select(Conversation.customer_id, func.max(Conversation.id).label("cid"))
              .where(Conversation.store_id == store.id,
                     Conversation.automation_excluded.is_(False))
              .group_by(Conversation.customer_id).subquery())
    rows = session.execute(
        select(Customer, Conversation).join(latest, latest.c.customer_id == Customer.id)
        .join(Conversation, Conversation.id == latest.c.cid)
        .where(Customer.segment.in_(segments), Customer.merged_into_id.is_(None))
        .order_by(Customer.id)).all()
    return [(c, v) for c, v in rows]


def has_work(session: Session, store: Store, now: datetime) -> bool:
    for rule in session.scalars(select(AutomationRule).where(
            AutomationRule.enabled.is_(True), AutomationRule.trigger == "care_date",
            (AutomationRule.store_id == store.id) | AutomationRule.store_id.is_(None))):
        if session.scalar(select(AutomationFiring.id).where(
                AutomationFiring.rule_id == rule.id, AutomationFiring.store_id == store.id,
                AutomationFiring.state == "approved").limit(1)) is not None:
            return True
        if _in_window(rule, store, now) and not _listed(session, rule, store):
            return True
    return False


def _new_proposals(session: Session, rule: AutomationRule, store: Store, now: datetime
                   ) -> list[tuple[Customer, Conversation, str]]:
    p = rule.trigger_params or {}
    prefix = f"care:{p.get('date')}:"
    taken = set(session.scalars(select(AutomationFiring.customer_id).where(
        AutomationFiring.rule_id == rule.id,
        AutomationFiring.trigger_key.startswith(prefix, autoescape=True))))
    out = []
    for customer, conv in _candidates(session, rule, store):
        if customer.id in taken or _opted_out(session, customer.id, p.get("opt_out_tag")) \
                or _cared_recently(session, customer.id, now):
            continue
        out.append((customer, conv, f"{prefix}{customer.id}"))
    return out


def _text(session: Session, rule: AutomationRule, conv: Conversation) -> str:
    from shopdesk.services.conversations import customer_language

    lang = "zh" if customer_language(session, conv.id) == "zh_CN" else "en"
    send = next((a for a in rule.actions or [] if a.get("kind") == "send"), {})
    return fill(pick_text(send.get("text"), lang), variables(session, conv.id, None))


def _listed_key(rule: AutomationRule, store: Store) -> str:
    return f"care:{(rule.trigger_params or {}).get('date')}:listed:{store.id}"


def _listed(session: Session, rule: AutomationRule, store: Store) -> bool:
    return session.scalar(select(AutomationFiring.id).where(
        AutomationFiring.rule_id == rule.id,
        AutomationFiring.trigger_key == _listed_key(rule, store))) is not None


def propose(session: Session, rule: AutomationRule, store: Store, now: datetime) -> int:
    """Make the day's list for ``store``, once (one proposal per customer; a marker firing
    says the list was made, so later cycles do not search the customers again)."""
    if not _in_window(rule, store, now) or _listed(session, rule, store):
        return 0
    session.add(AutomationFiring(rule_id=rule.id, trigger_key=_listed_key(rule, store),
                                 store_id=store.id, at=now, state="listed"))
    made = 0
    for customer, conv, key in _new_proposals(session, rule, store, now):
        session.add(AutomationFiring(
            rule_id=rule.id, trigger_key=key, store_id=store.id, conversation_id=conv.id,
            customer_id=customer.id, at=now, state="proposed",
            detail=[{"kind": "send", "text": _text(session, rule, conv)}]))
        made += 1
    session.flush()
    return made


def care_list(session: Session, rule_id: int) -> list[CareRow]:
    """The care messages of the rule's present day, in the order they were proposed."""
    rule = existing(session, AutomationRule, rule_id, "rule")
    prefix = f"care:{(rule.trigger_params or {}).get('date')}:"
    rows = session.execute(
        select(AutomationFiring, Customer.name).join(
            Customer, Customer.id == AutomationFiring.customer_id)
        .where(AutomationFiring.rule_id == rule_id,
               AutomationFiring.trigger_key.startswith(prefix, autoescape=True))
        .order_by(AutomationFiring.id)).all()
    return [CareRow(f.id, f.customer_id, name, f.conversation_id,
                    next((s.get("text", "") for s in f.detail or [] if s.get("kind") == "send"),
                         ""), f.state) for f, name in rows]


def _decide(session: Session, actor: Any, rule_id: int, ids: Iterable[int] | None,
            target: str) -> int:
    require(actor, Action.MANAGE_SETTINGS)
    rule = existing(session, AutomationRule, rule_id, "rule")
    if rule.trigger != "care_date":
        raise ShopDeskError("Only care messages wait for approval.")
    q = (update(AutomationFiring).where(AutomationFiring.rule_id == rule_id,
                                        AutomationFiring.state == "proposed")
         .values(state=target).execution_options(synchronize_session=False))
    if ids is not None:
        q = q.where(AutomationFiring.id.in_(sorted(set(ids))))
    n = session.execute(q).rowcount
    audit.record(session, actor.id, f"rule.care_{target}", "rule", rule_id, None,
                 {"count": n})
    return n


def approve_care(session: Session, actor: Any, rule_id: int,
                 firing_ids: Iterable[int] | None = None) -> int:
    return _decide(session, actor, rule_id, firing_ids, "approved")


def reject_care(session: Session, actor: Any, rule_id: int,
                firing_ids: Iterable[int] | None = None) -> int:
    return _decide(session, actor, rule_id, firing_ids, "rejected")


def send_approved(session: Session, rule: AutomationRule, store: Store, now: datetime,
                  blocked: str | None) -> set[int]:
    """Queue the approved care messages of ``store`` (none while its channel is offline)."""
    if blocked:
        return set()
    p = rule.trigger_params or {}
    changed: set[int] = set()
    for f in list(session.scalars(select(AutomationFiring).where(
            AutomationFiring.rule_id == rule.id, AutomationFiring.store_id == store.id,
            AutomationFiring.state == "approved"))):
        conv = session.get(Conversation, f.conversation_id) if f.conversation_id else None
        if conv is not None and held(conv, now):
            continue
        stop = conv is None or conv.automation_excluded or _opted_out(
            session, f.customer_id, p.get("opt_out_tag")) or _cared_recently(
            session, f.customer_id, now, but=f.id)
        state = "skipped" if stop else "done"
        claimed = session.execute(
            update(AutomationFiring).where(AutomationFiring.id == f.id,
                                           AutomationFiring.state == "approved")
            .values(state=state, at=now).execution_options(synchronize_session=False)).rowcount
        if not claimed or stop:
            continue
        text = next((s.get("text", "") for s in f.detail or [] if s.get("kind") == "send"), "")
        session.add(Message(conversation_id=conv.id, store_id=conv.store_id, at=now,
                            direction=Direction.OUT, text=text, send_state=SendState.QUEUED,
                            rule_id=rule.id, rule_name=rule.name))
        changed.add(conv.id)
    session.flush()
    return changed
