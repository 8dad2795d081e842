"""The automation engine: each cycle (the sync worker calls ``run_cycle`` off the GUI
thread, before the channels send their outbox) it finds what happened, checks each enabled
rule's conditions and does its actions — once per trigger.

Once only: the firing record (rule + trigger key, unique) is inserted in the same
transaction as the actions, before them. A restart, a second PC running the same cycle, or
a kill -9 in the middle therefore either left both (never done again) or neither (done on
the next cycle). Two PCs racing for one trigger: the second one's insert fails on the
unique key, its savepoint is rolled back, and it does nothing.

Guards, before anything is recorded:
* an excluded conversation is never touched;
* an agent typing (``hold_for_typing``) holds its automatic replies until the hold ends;
* a store whose channel is offline (or that has none) sends nothing: message triggers wait,
  and if the channel is back later than ``automation_triggers.RELEVANT`` they have lapsed;
  automatic replies already queued but still unsent after ``automation_actions.STALE`` are
  dropped (``drop_stale``);
* automatic replies, the shop's own mail and other robots' messages trigger nothing
  (``automation_triggers``); at most ``MAX_PER_HOUR`` automatic messages per conversation
  per hour (``automation_actions``).

API:
    run_cycle(db, now=None, watch=None) -> CycleReport   one pass over every store
    evaluate(session, store, now) -> list[Firing]   what would fire now (changes nothing)
    history(session, conversation_id) -> list[AutomationFiring]   what rules did there
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shopdesk.channels.registry import channel_settings
from shopdesk.db import Database
from shopdesk.models import AutomationFiring, AutomationRule, ChannelState, Store
from shopdesk.services import automation_actions as actions
from shopdesk.services import automation_builtin, automation_care
from shopdesk.services.automation_conditions import all_hold
from shopdesk.services.automation_rules import MESSAGE_TRIGGERS, held
from shopdesk.services.automation_triggers import (
    Event,
    message_event,
    recent_messages,
    time_events,
)
from shopdesk.services.automation_watch import Scope, Watch
from shopdesk.times import utcnow

log = logging.getLogger(__name__)


@dataclass
class Firing:
    event: Event
    steps: list[dict[str, Any]]
    waits: str | None = None  # why it is held back this cycle (offline, typing)

    @property
    def state(self) -> str:
        return "skipped" if all(s["kind"] == "skip" for s in self.steps) else "done"


@dataclass
class CycleReport:
    fired: list[tuple[str, str]] = field(default_factory=list)  # (rule name, trigger key)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    waiting: list[tuple[str, str, str]] = field(default_factory=list)  # + the reason
    changed: set[int] = field(default_factory=set)  # conversations


def can_send(session: Session, store: Store) -> str | None:
    """None when the store's channel can send now, else why not."""
    if not channel_settings(store).get("kind"):
        return "the store has no channel"
    state = session.get(ChannelState, store.id)
    if state is not None and not state.online:
        return "the store's channel is offline"
    return None


def rules_for(session: Session, store: Store) -> list[AutomationRule]:
    return list(session.scalars(select(AutomationRule).where(
        AutomationRule.enabled.is_(True),
        (AutomationRule.store_id == store.id) | AutomationRule.store_id.is_(None))
        .order_by(AutomationRule.position, AutomationRule.id)))


def _fired_keys(session: Session, rule_ids: Iterable[int], keys: Iterable[str]
                ) -> set[tuple[int, str]]:
    rule_ids, keys = sorted(set(rule_ids)), sorted(set(keys))
    found: set[tuple[int, str]] = set()
    for start in range(0, len(keys), 500):
        found |= set(session.execute(select(AutomationFiring.rule_id, AutomationFiring.trigger_key)
                                     .where(AutomationFiring.rule_id.in_(rule_ids),
                                            AutomationFiring.trigger_key.in_(
                                                keys[start:start + 500]))).all())
    return found


def firing_for(session: Session, ev: Event, now: datetime, blocked: str | None) -> Firing | None:
    """The rule's answer to ``ev`` if its conditions hold (None otherwise)."""
    conv = ev.conversation
    if conv is not None and conv.automation_excluded:
        return None
    if not all_hold(session, ev.rule, ev, now):
        return None
    steps = actions.plan(session, ev, now)
    firing = Firing(ev, steps)
    if any(s["kind"] == "send" for s in steps):
        if blocked:
            firing.waits = blocked
        elif conv is not None and held(conv, now):
            firing.waits = "an agent is typing"
    return firing


def evaluate(session: Session, store: Store, now: datetime,
             rules: list[AutomationRule] | None = None, scope: Scope | None = None
             ) -> list[Firing]:
    """Every firing due now in ``store`` that has not happened yet (reads only); with a
    ``scope``, of the customer messages it names, and the messages whose events have not
    happened are noted in it as unsettled."""
    rules = rules_for(session, store) if rules is None else rules
    events: list[Event] = []
    message_rules = [r for r in rules if r.trigger in MESSAGE_TRIGGERS]
    if message_rules:
        for message, conv in recent_messages(session, store, now, scope):
            for rule in message_rules:
                ev = message_event(session, rule, store, message, conv)
                if ev is not None:
                    events.append(ev)
    for rule in rules:
        if rule.trigger not in MESSAGE_TRIGGERS and rule.trigger != "care_date":
            events.extend(time_events(session, rule, store, now))
    if not events:
        return []
    done = _fired_keys(session, (e.rule.id for e in events), (e.key for e in events))
    if scope is not None:
        scope.unsettled |= {e.message_id for e in events if e.message_id is not None
                            and (e.rule.id, e.key) not in done}
    blocked = can_send(session, store)
    found, seen = [], set()
    for ev in events:
        slot = (ev.rule.id, ev.key)
        if slot in done or slot in seen:
            continue
        seen.add(slot)
        firing = firing_for(session, ev, now, blocked)
        if firing is not None:
            found.append(firing)
    return found


def _record(session: Session, firing: Firing, now: datetime) -> None:
    ev = firing.event
    session.add(AutomationFiring(
        rule_id=ev.rule.id, trigger_key=ev.key, store_id=ev.store.id,
        conversation_id=ev.conversation.id if ev.conversation else None,
        customer_id=ev.customer_id, at=now, state=firing.state, detail=firing.steps))
    session.flush()  # the unique key: a trigger already fired stops here


def act(session: Session, firing: Firing, now: datetime, report: CycleReport) -> bool:
    """Record and do one firing inside a savepoint of ``session``'s transaction."""
    ev = firing.event
    try:
        with session.begin_nested():
            _record(session, firing, now)
            if firing.state == "done":
                actions.apply(session, ev, firing.steps, now)
    except IntegrityError:  # another PC (or an earlier run) did it
        return False
    except StaleDataError:  # a person changed the conversation meanwhile: next cycle
        log.info("rule %s: %s changed meanwhile", ev.rule.id, ev.key)
        return False
    (report.fired if firing.state == "done" else report.skipped).append((ev.rule.name, ev.key))
    if ev.conversation is not None:
        report.changed.add(ev.conversation.id)
    return True


def run_store(session: Session, store: Store, now: datetime, report: CycleReport,
              scope: Scope | None = None) -> None:
    rules = rules_for(session, store)
    for firing in evaluate(session, store, now, rules, scope):
        if firing.waits:
            report.waiting.append((firing.event.rule.name, firing.event.key, firing.waits))
            continue
        # Planned again after the firings before it were done: round-robin sees the last
        # assignment, the hourly limit counts the messages just queued.
        firing.steps = actions.plan(session, firing.event, now)
        act(session, firing, now, report)
    for rule in rules:
        if rule.trigger == "care_date":
            automation_care.propose(session, rule, store, now)
            report.changed |= automation_care.send_approved(session, rule, store, now,
                                                            can_send(session, store))


def run_cycle(db: Database, now: datetime | None = None, watch: Watch | None = None
              ) -> CycleReport:
    """One pass over every active store: the built-in rules exist, stale automatic replies
    are dropped, and every due firing is done (one transaction per store). With a ``watch``
    (the sync worker's), each store's message triggers look only at what is new or
    unsettled since its last cycle."""
    now = now or utcnow()
    report = CycleReport()
    with db.read_session() as session:
        missing = automation_builtin.missing(session)
        stores = list(session.scalars(select(Store.id).where(Store.archived.is_(False))
                                      .order_by(Store.id)))
        anything = session.scalar(select(AutomationRule.id).where(
            AutomationRule.enabled.is_(True)).limit(1)) is not None
        dropping = bool(actions.stale(session, now))
    if missing or dropping:  # most cycles: no write at all
        with db.transaction() as session:
            if missing:
                automation_builtin.ensure(session, enabled=False)
            report.changed |= set(actions.drop_stale(session, now))
    if not anything:
        return report
    for store_id in stores:
        try:
            with db.read_session() as session:  # most cycles have nothing to do: no write
                store = session.get(Store, store_id)
                if store is None:
                    continue
                rules = rules_for(session, store)
                scope = watch.scope(store, rules, now) if watch is not None else None
                planned = evaluate(session, store, now, rules, scope)
                due = any(not f.waits for f in planned) or automation_care.has_work(
                    session, store, now)
            if due:
                with db.transaction() as session:
                    store = session.get(Store, store_id)
                    if store is not None:
                        run_store(session, store, now, report, scope)
            else:
                report.waiting += [(f.event.rule.name, f.event.key, f.waits or "")
                                   for f in planned]
            if watch is not None and scope is not None:
                watch.done(store_id, scope)
        except Exception:  # one store's trouble must not stop the others
            log.exception("automation of store %s failed", store_id)
    return report


def history(session: Session, conversation_id: int) -> list[AutomationFiring]:
    """What rules did in a conversation, oldest first (the thread shows it as automatic)."""
    return list(session.scalars(select(AutomationFiring).where(
        AutomationFiring.conversation_id == conversation_id)
        .order_by(AutomationFiring.at, AutomationFiring.id)))
