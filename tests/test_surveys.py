"""Satisfaction: recognising answers (table-driven), the survey on close, answers arriving
through the channel, scores by hand, and CSAT per agent, store, week and month."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from shopdesk.channels.base import Incoming
from shopdesk.channels.sync import ingest
from shopdesk.errors import ShopDeskError
from shopdesk.models import Conversation, Message, Store, SurveyResponse
from shopdesk.models.enums import ConversationStatus, Direction, Role, SendState
from shopdesk.services import agents as agent_svc
from shopdesk.services import inbox, rules
from shopdesk.services import surveys as svc
from tests import factories as f


@pytest.mark.parametrize(("text", "score"), [
    ("5", 5), ("5分", 5), ("打5分", 5), ("给4分吧", 4), ("五星", 5), ("一星", 1), ("两星", 2),
    ("三分", 3), ("非常满意", 5), ("非常满意！", 5), ("很满意", 5), ("满意", 4), ("一般", 3),
    ("还行吧", 3), ("不满意", 2), ("很不满意", 1), ("差评", 1), ("好评！", 5),
    ("very satisfied", 5), ("Very Satisfied!", 5), ("satisfied", 4), ("dissatisfied", 2),
    ("not satisfied", 2), ("very dissatisfied", 1), ("good", 4), ("OK", 3), ("4 stars", 4),
    ("5/5", 5), ("👍", 5), ("👎", 1), ("★★★★", 4), ("⭐⭐⭐⭐⭐", 5), ("１", 1), ("  3  ", 3),
])
def test_answers_read_as_scores(text: str, score: int) -> None:
    assert svc.recognise(text) == score


@pytest.mark.parametrize("text", [
    "", "6", "0", "10", "我的订单2041586613212345678到哪了", "什么时候发货？", "hello",
    "can I return size 5 shoes?", "我不满意你们的物流，退货怎么弄，快递太慢了真的是",
    "order 12345", "3 4", "👍👎 whatever you say, really long text here",
])
def test_other_messages_stay_messages(text: str) -> None:
    assert svc.recognise(text) is None


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        st, cu = f.store(), f.customer()
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            assignee_id=wang.id, last_message_at=f.T0,
                            last_direction=Direction.IN, external_id="t1")
        s.add(conv)
        s.flush()
        s.add(Message(conversation_id=conv.id, store_id=st.id, at=f.T0, direction=Direction.IN,
                      text="杯子碎了", external_id="m0"))
        return {"owner": owner.id, "wang": wang.id, "conv": conv.id, "store": st.id}


def close(db, shop) -> None:
    with db.transaction() as s:
        inbox.close(s, s.get(agent_svc.Agent, shop["wang"]), shop["conv"])


def arrive(db, shop, text: str, external_id: str, at: datetime | None = None) -> set[int]:
    with db.transaction() as s:
        store = s.get(Store, shop["store"])
        return ingest(s, store, [Incoming(external_id=external_id, thread_id="t1",
                                          handle="wangfang", customer_name="王芳", at=at or datetime.now(UTC),
                                          text=text)])


def test_closing_asks_once_in_the_customers_language_and_a_score_comes_back(db, shop) -> None:
    close(db, shop)
    with db.read_session() as s:
        out = s.execute(select(Message.text, Message.send_state).where(
            Message.direction == Direction.OUT)).all()
        assert len(out) == 1 and out[0][1] == SendState.QUEUED
        assert out[0][0].startswith("感谢您联系Store tm") and "1（很不满意）" in out[0][0]
        assert s.get(Conversation, shop["conv"]).survey_sent_at is not None
    with db.transaction() as s:  # reopen and close again the same day: not asked again
        inbox.reopen(s, s.get(agent_svc.Agent, shop["wang"]), shop["conv"])
    close(db, shop)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).where(Message.direction == Direction.OUT)) == 1
    arrive(db, shop, "非常满意", "m1")
    with db.read_session() as s:
        conv = s.get(Conversation, shop["conv"])
        assert conv.status == ConversationStatus.CLOSED  # a score does not reopen it
        response = s.scalar(select(SurveyResponse))
        assert (response.score, response.agent_id, response.comment) == (5, shop["wang"], "非常满意")
    arrive(db, shop, "5", "m2")  # one answer per survey
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 1
    arrive(db, shop, "还有一个问题，发票怎么开？", "m3")  # a question reopens it
    with db.read_session() as s:
        assert s.get(Conversation, shop["conv"]).status == ConversationStatus.OPEN
        assert s.scalar(select(func.count()).select_from(Message)) == 5  # every message kept


def test_unrecognised_answer_reopens_and_is_no_score(db, shop) -> None:
    close(db, shop)
    arrive(db, shop, "什么时候退款？", "m1")
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyResponse)) == 0
        assert s.get(Conversation, shop["conv"]).status == ConversationStatus.OPEN


def test_store_can_turn_the_survey_off_or_change_its_text(db, shop) -> None:
    with db.transaction() as s:
        rules.set_store_rules(s, s.get(agent_svc.Agent, shop["owner"]), shop["store"],
                              {"survey_enabled": False})
    close(db, shop)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).where(Message.direction == Direction.OUT)) == 0
    with db.transaction() as s:
        rules.set_store_rules(s, s.get(agent_svc.Agent, shop["owner"]), shop["store"],
                              {"survey_enabled": True,
                               "survey_template": "{customer}，给{store}打个分吧（1-5）"})
        inbox.reopen(s, s.get(agent_svc.Agent, shop["wang"]), shop["conv"])
    close(db, shop)
    with db.read_session() as s:
        assert s.scalar(select(Message.text).where(Message.direction == Direction.OUT)) == \
            "王芳，给Store tm打个分吧（1-5）"


def test_score_entered_by_hand(db, shop) -> None:
    with db.transaction() as s:
        svc.enter_score(s, s.get(agent_svc.Agent, shop["wang"]), shop["conv"], 4, "电话回访")
    with pytest.raises(ShopDeskError, match="1 to 5"), db.transaction() as s:
        svc.enter_score(s, s.get(agent_svc.Agent, shop["wang"]), shop["conv"], 6)
    with db.read_session() as s:
        assert s.scalar(select(SurveyResponse.score)) == 4


def test_csat_per_agent_store_week_and_month(db, shop) -> None:
    with db.transaction() as s:
        other = Conversation(store_id=shop["store"], customer_id=s.get(
            Conversation, shop["conv"]).customer_id, status=ConversationStatus.CLOSED,
            assignee_id=shop["owner"])
        s.add(other)
        s.flush()
        base = datetime(2026, 10, 30, 12, tzinfo=UTC)
        for n, (conv, score) in enumerate([(shop["conv"], 5), (shop["conv"], 4),
                                           (shop["conv"], 2), (other.id, 3), (other.id, 5)]):
            s.add(SurveyResponse(conversation_id=conv, agent_id=s.get(Conversation,
                                 conv).assignee_id, score=score,
                                 answered_at=base + timedelta(days=2 * n)))
    with db.read_session() as s:
        rows = svc.responses(s, datetime(2026, 10, 1, tzinfo=UTC),
                             datetime(2026, 12, 1, tzinfo=UTC))
        total = svc.csat(rows)
        assert (total.responses, total.satisfied, total.percent, total.average) == (
            5, 3, Decimal("60.0"), Decimal("3.80"))
        by_agent = svc.csat_by(rows, "agent")
        assert by_agent["Wang"].percent == Decimal("66.7")
        assert by_agent["Owner"].percent == Decimal("50.0")
        months = svc.csat_by(rows, "month")
        assert {k: v.responses for k, v in months.items()} == {"2026-10": 1, "2026-11": 4}
        assert list(svc.csat_by(rows, "week")) == sorted(svc.csat_by(rows, "week"))
        assert svc.distribution(rows) == {1: 0, 2: 1, 3: 1, 4: 1, 5: 2}
        only_wang = svc.responses(s, datetime(2026, 10, 1, tzinfo=UTC),
                                  datetime(2026, 12, 1, tzinfo=UTC), agent_ids=[shop["wang"]])
        assert len(only_wang) == 3
        assert svc.csat([]).percent is None
