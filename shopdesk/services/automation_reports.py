"""What automation did, for the Reports page and the satisfaction workbook: the customer's
wait for the first reply, automatic and human apart; and per rule how often it fired, what
it answered (its messages, the latest shown) and how many of those conversations still
needed a person (a person replied after the rule fired).

    first_reply_times(session, start, end, store_ids=()) -> ReplyTimes
    rule_figures(session, start, end, store_ids=()) -> list[RuleFigures]

Counts are integers, minutes and shares exact Decimals (rounded half up, one decimal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopdesk.models import AutomationFiring, AutomationRule, Message
from shopdesk.models.enums import Direction
from shopdesk.services.reports import first_replies, human_reply
from shopdesk.times import as_utc

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ReplyTimes:
    automatic: int  # conversations whose first reply in the period was automatic
    automatic_minutes: Decimal | None  # their average wait for it
    human: int  # conversations a person first answered in the period
    human_minutes: Decimal | None


@dataclass(frozen=True)
class RuleFigures:
    rule_id: int
    name: str
    fired: int  # times it acted (once per trigger)
    conversations: int  # conversations it acted in
    answered: int  # messages it sent to customers
    needed_person: int  # of those conversations: a person replied after it fired
    latest_text: str  # the last message it sent (what it answers)

    @property
    def needed_share(self) -> Decimal | None:
        """Percent of its conversations that still needed a person."""
        if not self.conversations:
            return None
        return (Decimal(100 * self.needed_person) / self.conversations).quantize(
            TENTH, ROUND_HALF_UP)


def _average(total_seconds: Decimal, n: int) -> Decimal | None:
    return (total_seconds / 60 / n).quantize(TENTH, ROUND_HALF_UP) if n else None


def first_reply_times(session: Session, start: datetime, end: datetime,
                      store_ids: Sequence[int] = ()) -> ReplyTimes:
    """How long customers waited for the shop's first automatic reply and, apart, for its
    first reply by a person (``reports.first_replies``); for replies in ``start``‥``end``."""
    out: list[tuple[int, Decimal | None]] = []
    for automatic in (True, False):
        n, seconds = 0, Decimal(0)
        for first_in, answered_at in first_replies(session, start, end, automatic, store_ids):
            n += 1
            seconds += Decimal(max(0, int((answered_at - first_in).total_seconds())))
        out.append((n, _average(seconds, n)))
    (auto_n, auto_m), (human_n, human_m) = out
    return ReplyTimes(auto_n, auto_m, human_n, human_m)


def rule_figures(session: Session, start: datetime, end: datetime,
                 store_ids: Sequence[int] = ()) -> list[RuleFigures]:
    """Every rule that acted in ``start``‥``end`` (or sent a message then), in rule order."""
    q = (select(AutomationFiring.rule_id, AutomationFiring.conversation_id, AutomationFiring.at)
         .where(AutomationFiring.state == "done", AutomationFiring.at >= start,
                AutomationFiring.at < end))
    if store_ids:
        q = q.where(AutomationFiring.store_id.in_(list(store_ids)))
    fired: dict[int, int] = {}
    first_at: dict[tuple[int, int], datetime] = {}  # (rule, conversation) → first firing
    for rule_id, conv_id, at in session.execute(q):
        fired[rule_id] = fired.get(rule_id, 0) + 1
        if conv_id is not None:
            key = (rule_id, conv_id)
            if key not in first_at or as_utc(at) < as_utc(first_at[key]):
                first_at[key] = at
    m = (select(Message.rule_id, func.count(), func.max(Message.id))
         .where(Message.rule_id.is_not(None), Message.direction == Direction.OUT,
                Message.at >= start, Message.at < end).group_by(Message.rule_id))
    if store_ids:
        m = m.where(Message.store_id.in_(list(store_ids)))
    sent = {rid: (n, last) for rid, n, last in session.execute(m)}
    last_texts = dict(session.execute(select(Message.id, Message.text).where(
        Message.id.in_([last for _n, last in sent.values()]))).all()) if sent else {}
    conv_ids = sorted({c for _r, c in first_at})
    human: dict[int, list[datetime]] = {}
    for start_at in range(0, len(conv_ids), 500):
        for cid, at in session.execute(select(Message.conversation_id, Message.at).where(
                human_reply(), Message.conversation_id.in_(conv_ids[start_at:start_at + 500]))):
            human.setdefault(cid, []).append(as_utc(at))
    ids = set(fired) | set(sent)
    if not ids:
        return []
    rules = session.execute(select(AutomationRule.id, AutomationRule.name).where(
        AutomationRule.id.in_(sorted(ids))).order_by(AutomationRule.position,
                                                    AutomationRule.id)).all()
    out = []
    for rid, name in rules:
        mine = [(c, as_utc(at)) for (r, c), at in first_at.items() if r == rid]
        needed = sum(1 for c, at in mine if any(h >= at for h in human.get(c, [])))
        n_sent, last = sent.get(rid, (0, None))
        out.append(RuleFigures(rid, name, fired.get(rid, 0), len(mine), n_sent, needed,
                               last_texts.get(last, "") if last else ""))
    return out
