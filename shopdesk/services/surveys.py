"""Satisfaction: the survey sent when a conversation is closed, recognising the customer's
answer as a score 1–5, scores entered by hand, and CSAT (the share of 4s and 5s) per agent,
store, week and month.

Weeks and months are the computer's local calendar, as in the exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Customer, Store, SurveyResponse
from shopdesk.models.enums import ConversationStatus
from shopdesk.services import audit
from shopdesk.services.conversations import customer_language, has_chinese
from shopdesk.services.permissions import Action, require
from shopdesk.services.records import existing
from shopdesk.services.rules import of_store
from shopdesk.times import as_utc, to_local, utcnow

SATISFIED = 4  # CSAT counts scores of 4 and 5
MAX_ANSWER = 24  # longer messages are conversation, not a survey answer
MAX_ANSWER_CHINESE = 10  # (Chinese says as much in fewer characters)
RESEND_AFTER = timedelta(hours=24)  # closing again within a day does not ask again

DEFAULT_SURVEY = {
    "en": "Thank you for contacting {store}! How satisfied are you with our service? Reply "
          "with a score from 1 (not at all) to 5 (very satisfied).",
    "zh_CN": "感谢您联系{store}！请为本次服务打分：回复 1（很不满意）到 5（非常满意）。",
}

# Phrases, longest first within each language so that "不满意" wins over "满意".
PHRASES: tuple[tuple[str, int], ...] = (
    ("非常不满意", 1), ("很不满意", 1), ("太差了", 1), ("差评", 1), ("很差", 1),
    ("不太满意", 2), ("不满意", 2), ("不好", 2),
    ("非常满意", 5), ("很满意", 5), ("超满意", 5), ("好评", 5), ("非常好", 5), ("很好", 5),
    ("满意", 4), ("挺好", 4), ("不错", 4), ("还可以", 3), ("还行", 3), ("一般", 3),
    ("very dissatisfied", 1), ("very unsatisfied", 1), ("terrible", 1), ("awful", 1),
    ("very bad", 1), ("not satisfied", 2), ("dissatisfied", 2), ("unsatisfied", 2),
    ("bad", 2), ("poor", 2), ("very satisfied", 5), ("extremely satisfied", 5),
    ("excellent", 5), ("perfect", 5), ("great", 5), ("satisfied", 4), ("very good", 5),
    ("good", 4), ("neutral", 3), ("okay", 3), ("ok", 3), ("average", 3),
)
EMOJI = {"👍": 5, "👎": 1, "😡": 1, "😠": 1, "🙁": 2, "😞": 2, "😐": 3, "🙂": 4, "😊": 5,
         "😀": 5, "😍": 5, "❤": 5}
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGIT_SCORE = re.compile(r"(?<!\d)([1-5])(?!\d)")
_CN_SCORE = re.compile(r"([一二两三四五])\s*(?:星|分|颗星)")
_STARS = re.compile(r"^[★⭐✩☆\s]+$")


def recognise(text: str) -> int | None:
    """The score 1–5 a short answer means, or None (the answer stays a message)."""
    t = unicodedata.normalize("NFKC", text).strip().casefold()
    t = t.strip(" .!！。~～,，")
    if not t or len(t) > (MAX_ANSWER_CHINESE if has_chinese(t) else MAX_ANSWER):
        return None
    if _STARS.match(t):
        stars = sum(t.count(ch) for ch in "★⭐")
        return stars if 1 <= stars <= 5 else None
    out_of_five = re.fullmatch(r"([1-5])\s*/\s*5", t)
    if out_of_five:
        return int(out_of_five.group(1))
    digits = re.findall(r"\d+", t)
    if digits:
        match = _DIGIT_SCORE.search(t)
        if len(digits) == 1 and match and (len(t) <= 3 or re.search(
                r"[1-5]\s*(分|星|颗星|stars?|points?|/\s*5)", t) or t.startswith(
                ("打", "给", "score", "rating"))):
            return int(match.group(1))
        return None
    cn = _CN_SCORE.search(t)
    if cn:
        return CN_DIGITS[cn.group(1)]
    for phrase, score in PHRASES:
        if phrase.isascii():
            if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", t):
                return score
        elif phrase in t:
            return score
    for emoji, score in EMOJI.items():
        if emoji in t:
            return score
    return None


# -- asking ------------------------------------------------------------------------------------

def survey_text(session: Session, conv: Conversation) -> str:
    store = existing(session, Store, conv.store_id, "store")
    customer = existing(session, Customer, conv.customer_id, "customer")
    rules = of_store(store)
    template = rules.survey_template or DEFAULT_SURVEY[customer_language(session, conv.id)]
    return template.replace("{store}", store.name).replace("{customer}", customer.name)


def ask_after_close(session: Session, agent: Agent, conv: Conversation,
                    now: datetime | None = None) -> bool:
    """Queue the survey into a conversation just closed, if the store asks and it was not
    asked in the last day. Returns whether it was queued."""
    from shopdesk.services.inbox import queue_reply  # inbox closes; it calls this

    store = existing(session, Store, conv.store_id, "store")
    if not of_store(store).survey_enabled:
        return False
    when = now or utcnow()
    if conv.survey_sent_at is not None and when - as_utc(conv.survey_sent_at) < RESEND_AFTER:
        return False
    queue_reply(session, agent, conv.id, survey_text(session, conv))
    conv.survey_sent_at = when
    return True


def take_answer(session: Session, conv: Conversation, text: str, at: datetime) -> bool:
    """An incoming message in a closed conversation that was asked: if it reads as a score,
    record the response (once per survey) and return True; otherwise False."""
    if (conv.survey_sent_at is None or conv.status != ConversationStatus.CLOSED
            or as_utc(at) < as_utc(conv.survey_sent_at)):
        return False
    already = session.scalar(select(SurveyResponse.id).where(
        SurveyResponse.conversation_id == conv.id,
        SurveyResponse.answered_at >= conv.survey_sent_at).limit(1))
    score = recognise(text)
    if already is not None or score is None:
        return False
    session.add(SurveyResponse(conversation_id=conv.id, agent_id=conv.assignee_id, score=score,
                               comment=text.strip() or None, sent_at=conv.survey_sent_at,
                               answered_at=at))
    return True


def enter_score(session: Session, agent: Agent, conversation_id: int, score: int,
                comment: str = "", now: datetime | None = None) -> SurveyResponse:
    """A score the customer gave another way (phone, another chat), entered by an agent."""
    require(agent, Action.REPLY)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ShopDeskError("A score is a whole number from 1 to 5.")
    conv = existing(session, Conversation, conversation_id, "conversation")
    when = now or utcnow()
    response = SurveyResponse(conversation_id=conv.id, agent_id=conv.assignee_id or agent.id,
                              score=score, comment=comment.strip() or None,
                              sent_at=conv.survey_sent_at, answered_at=when)
    session.add(response)
    session.flush()
    audit.record(session, agent.id, "survey.enter", "survey_response", response.id, None,
                 {"conversation": conv.id, "score": score}, at=when)
    return response


# -- measuring ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Response:
    id: int
    answered_at: datetime
    store_id: int
    store: str
    agent_id: int | None
    agent: str | None
    customer: str
    conversation_id: int
    score: int
    comment: str | None


def responses(session: Session, start: datetime, end: datetime,
              store_ids: Iterable[int] = (), agent_ids: Iterable[int] = ()) -> list[Response]:
    """Responses answered in [start, end), oldest first."""
    q = (select(SurveyResponse.id, SurveyResponse.answered_at, Store.id, Store.name,
                SurveyResponse.agent_id, Agent.name, Customer.name,
                SurveyResponse.conversation_id, SurveyResponse.score, SurveyResponse.comment)
         .join(Conversation, Conversation.id == SurveyResponse.conversation_id)
         .join(Store, Store.id == Conversation.store_id)
         .join(Customer, Customer.id == Conversation.customer_id)
         .outerjoin(Agent, Agent.id == SurveyResponse.agent_id)
         .where(SurveyResponse.answered_at >= start, SurveyResponse.answered_at < end)
         .order_by(SurveyResponse.answered_at, SurveyResponse.id))
    stores, agents = list(store_ids), list(agent_ids)
    if stores:
        q = q.where(Store.id.in_(stores))
    if agents:
        q = q.where(SurveyResponse.agent_id.in_(agents))
    return [Response(*row) for row in session.execute(q)]


@dataclass(frozen=True)
class Csat:
    responses: int
    satisfied: int
    total_score: int

    @property
    def percent(self) -> Decimal | None:
        """CSAT in percent, one decimal (None without responses)."""
        if not self.responses:
            return None
        return (Decimal(100 * self.satisfied) / self.responses).quantize(
            Decimal("0.1"), ROUND_HALF_UP)

    @property
    def average(self) -> Decimal | None:
        if not self.responses:
            return None
        return (Decimal(self.total_score) / self.responses).quantize(
            Decimal("0.01"), ROUND_HALF_UP)


def csat(rows: Iterable[Response]) -> Csat:
    scores = [r.score for r in rows]
    return Csat(len(scores), sum(s >= SATISFIED for s in scores), sum(scores))


def month_of(at: datetime) -> str:
    return f"{to_local(at):%Y-%m}"


def week_of(at: datetime) -> str:
    year, week, _ = to_local(at).isocalendar()
    return f"{year}-W{week:02d}"


KEYS: dict[str, Callable[[Response], str]] = {
    "month": lambda r: month_of(r.answered_at),
    "week": lambda r: week_of(r.answered_at),
    "agent": lambda r: r.agent or "—",
    "store": lambda r: r.store,
}


def csat_by(rows: Iterable[Response], key: str) -> dict[str, Csat]:
    """CSAT per month, week, agent or store, in key order."""
    groups: dict[str, list[Response]] = defaultdict(list)
    for r in rows:
        groups[KEYS[key](r)].append(r)
    return {k: csat(v) for k, v in sorted(groups.items())}


def distribution(rows: Iterable[Response]) -> dict[int, int]:
    counts = dict.fromkeys(range(1, 6), 0)
    for r in rows:
        counts[r.score] += 1
    return counts
