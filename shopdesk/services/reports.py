"""The figures of the Reports page's charts, from the same functions the workbooks use, so
that a chart and its export agree. Weeks and months are the computer's local calendar."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from shopdesk.models import AutomationRule, Complaint, Conversation, Message
from shopdesk.models.enums import ComplaintCategory, Direction
from shopdesk.services import surveys
from shopdesk.services.automation_rules import REPLY_TRIGGERS
from shopdesk.services.payouts import payouts_between
from shopdesk.times import as_utc, to_local

# First-response buckets: (upper bound in minutes, key); the last has no bound.
RESPONSE_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (15, "<15m"), (60, "15-60m"), (240, "1-4h"), (1440, "4-24h"), (None, ">24h"))


@dataclass
class Figures:
    csat_by_week: dict[str, surveys.Csat] = field(default_factory=dict)
    scores: dict[int, int] = field(default_factory=dict)
    complaints: dict[str, dict[ComplaintCategory, int]] = field(default_factory=dict)  # month
    first_response: dict[str, int] = field(default_factory=dict)  # bucket → conversations
    first_automatic: dict[str, int] = field(default_factory=dict)  # the same, automatic replies
    refunds: dict[str, dict[str, int]] = field(default_factory=dict)  # month → currency → minor


def month_of(at: datetime) -> str:
    return f"{to_local(at):%Y-%m}"


def bucket_of(minutes: float) -> str:
    for bound, key in RESPONSE_BUCKETS:
        if bound is None or minutes < bound:
            return key
    raise AssertionError("unreachable")


def human_reply() -> ColumnElement[bool]:
    """An outgoing message a person wrote: it has its agent. (Automatic replies, written by
    a rule, have none.)"""
    return and_(Message.direction == Direction.OUT, Message.author_id.is_not(None))


def automatic_reply() -> ColumnElement[bool]:
    """An outgoing message a rule wrote in answer to the customer: a rule of a customer
    message or of a customer left without a reply. What a rule sends on its own initiative
    (after a delivery, a refund, a return's step, on a care date) answers nobody: counted
    as a reply, a message three days after the question made the average wait days long."""
    return and_(Message.direction == Direction.OUT, Message.author_id.is_(None),
                or_(Message.rule_id.is_(None), Message.rule_id.in_(
                    select(AutomationRule.id).where(AutomationRule.trigger.in_(
                        sorted(REPLY_TRIGGERS))))))


def first_replies(session: Session, start: datetime, end: datetime, automatic: bool,
                  store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                  ) -> Iterator[tuple[datetime, datetime]]:
    """(when the customer began to wait, the shop's first reply after their first message,
    an ``automatic`` one or one by a person) of each conversation whose such reply falls in ``start``‥``end``; both in
    UTC. A person's first reply is measured from the conversation's first message; an
    automatic one from the first of the customer's messages since the shop last wrote,
    which is what the rule answered: in a conversation weeks old, a rule answering today's
    question within a minute had waited weeks (a tester read 43,170 minutes on average)."""
    kind = automatic_reply() if automatic else human_reply()
    asked = (select(Message.conversation_id.label("cid"), func.min(Message.at).label("at"))
             .where(Message.direction == Direction.IN)
             .group_by(Message.conversation_id).subquery())
    q = (select(asked.c.cid, asked.c.at.label("asked"), func.min(Message.at).label("answered"))
         .join(Message, and_(Message.conversation_id == asked.c.cid,
                             Message.at >= asked.c.at, kind))
         .join(Conversation, Conversation.id == asked.c.cid)
         .group_by(asked.c.cid, asked.c.at))
    if store_ids:
        q = q.where(Conversation.store_id.in_(list(store_ids)))
    if agent_ids:
        q = q.where(Conversation.assignee_id.in_(list(agent_ids)))
    if automatic:
        q = _since_the_shop_last_wrote(q.subquery())
    low, high = as_utc(start), as_utc(end)
    for _cid, first_in, answered in session.execute(q):
        answered_at = as_utc(answered)
        if low <= answered_at < high:
            yield as_utc(first_in), answered_at


def _since_the_shop_last_wrote(first: Subquery) -> Select:
    """(cid, the first customer message after the shop's last outgoing message before the
    reply, the reply) of ``first``'s rows."""
    out, said = aliased(Message), aliased(Message)
    last_out = (select(func.max(out.at))
                .where(out.conversation_id == first.c.cid, out.direction == Direction.OUT,
                       out.at < first.c.answered)
                .correlate(first).scalar_subquery())
    waiting = (select(func.min(said.at))
               .where(said.conversation_id == first.c.cid, said.direction == Direction.IN,
                      said.at <= first.c.answered, or_(last_out.is_(None), said.at > last_out))
               .correlate(first).scalar_subquery())
    return select(first.c.cid, func.coalesce(waiting, first.c.asked), first.c.answered)


def first_responses(session: Session, start: datetime, end: datetime,
                    store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()
                    ) -> tuple[dict[str, int], dict[str, int]]:
    """How long customers waited: from a conversation's first message of the customer to
    the shop's first reply after it, by bucket, for replies in ``start``‥``end``. The first
    reply a person wrote, and apart from it the first automatic one."""
    out: list[dict[str, int]] = []
    for automatic in (False, True):
        buckets = {key: 0 for _b, key in RESPONSE_BUCKETS}
        for first_in, answered_at in first_replies(session, start, end, automatic, store_ids,
                                                   agent_ids):
            minutes = max(0.0, (answered_at - first_in).total_seconds() / 60)
            buckets[bucket_of(minutes)] += 1
        out.append(buckets)
    return out[0], out[1]


def figures(session: Session, start: datetime, end: datetime,
            store_ids: Sequence[int] = (), agent_ids: Sequence[int] = ()) -> Figures:
    f = Figures()
    answers = surveys.responses(session, start, end, store_ids, agent_ids)
    f.csat_by_week = surveys.csat_by(answers, "week")
    f.scores = surveys.distribution(answers)

    q = select(Complaint.opened_at, Complaint.category).where(
        Complaint.opened_at >= start, Complaint.opened_at < end)
    if store_ids:
        q = q.where(Complaint.store_id.in_(list(store_ids)))
    if agent_ids:
        q = q.where(Complaint.assignee_id.in_(list(agent_ids)))
    complaints: dict[str, dict[ComplaintCategory, int]] = defaultdict(
        lambda: dict.fromkeys(ComplaintCategory, 0))
    for opened, category in session.execute(q):
        complaints[month_of(opened)][ComplaintCategory(category)] += 1
    f.complaints = dict(sorted(complaints.items()))

    f.first_response, f.first_automatic = first_responses(session, start, end, store_ids,
                                                          agent_ids)

    money: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # The refund ledger's rows (refunds and complaints' compensation), so that the chart
    # and the workbook show the same money.
    for r in payouts_between(session, start, end, store_ids, agent_ids):
        money[month_of(r.at)][r.currency] += r.amount_minor
    f.refunds = {m: dict(v) for m, v in sorted(money.items())}
    return f
