"""Which customer messages the message triggers still have to look at, from cycle to cycle.

A full look, on the first cycle and then every ``FULL_EVERY``, reads every customer message
of the last ``automation_triggers.RELEVANT``: during a busy half hour, thousands at every
cycle, which kept the sync thread busy and its garbage kept the collector's pauses long
(they stop the window too). In between, a cycle looks only at the store's messages that
arrived since (ids above its mark) and at those still *unsettled*: they made an event that
has not fired (its conditions did not hold, or it waits for the channel or for a typing
agent), their conversation is excluded from automation for now, or their time is still
ahead of this computer's clock.

A message that made no event stays settled, because whether it makes one depends only on its
text and time, on the rules' triggers and on the store's hours and time zone, which the
fingerprint covers (a change there: a full look at once), and a message a person answered
stays answered. What could still change otherwise — a store's own address, a message stored
out of order — the next full look picks up. One store's messages get their ids in the order
they are stored: one PC at a time fetches a store (``channels.lease``).

    Watch().scope(store, rules, now) -> Scope     what this cycle looks at
    Watch().done(store_id, scope)                 after the store's cycle succeeded
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from shopdesk.models import AutomationRule, Store
from shopdesk.services.automation_rules import MESSAGE_TRIGGERS

FULL_EVERY = timedelta(minutes=1)
MAX_UNSETTLED = 2000  # more than this: a full look costs no more than listing them


@dataclass
class Scope:
    """What one cycle of one store looks at; the look fills ``highest`` and ``unsettled``."""

    after: int | None  # None: a full look
    also: frozenset[int]
    fingerprint: str
    full_at: datetime
    highest: int = 0
    unsettled: set[int] = field(default_factory=set)

    def saw(self, message_id: int) -> None:
        self.highest = max(self.highest, message_id)


def fingerprint(store: Store, rules: list[AutomationRule]) -> str:
    """What decides whether a message makes an event at all."""
    return repr((store.timezone, (store.settings or {}).get("working_hours"),
                 (store.settings or {}).get("holidays"),
                 [(r.id, r.trigger, r.trigger_params) for r in rules
                  if r.trigger in MESSAGE_TRIGGERS]))


@dataclass(frozen=True)
class _Mark:
    highest: int
    unsettled: frozenset[int]
    fingerprint: str
    full_at: datetime


class Watch:
    """Each store's mark between cycles (kept by the sync worker, in memory only)."""

    def __init__(self, full_every: timedelta = FULL_EVERY) -> None:
        self.full_every = full_every
        self._marks: dict[int, _Mark] = {}

    def scope(self, store: Store, rules: list[AutomationRule], now: datetime) -> Scope:
        fp = fingerprint(store, rules)
        mark = self._marks.get(store.id)
        if (mark is None or mark.fingerprint != fp or not mark.full_at <= now < mark.full_at
                + self.full_every or len(mark.unsettled) > MAX_UNSETTLED):
            return Scope(None, frozenset(), fp, now)
        return Scope(mark.highest, mark.unsettled, fp, mark.full_at, mark.highest)

    def done(self, store_id: int, scope: Scope) -> None:
        self._marks[store_id] = _Mark(scope.highest, frozenset(scope.unsettled),
                                      scope.fingerprint, scope.full_at)
