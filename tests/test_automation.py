"""Automation rules on both backends: each trigger, condition and action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from shopdesk.models import (
    AutomationFiring,
    Complaint,
    ComplaintEvent,
    Conversation,
    Customer,
    Message,
    Notification,
    QuickReply,
    ReturnEvent,
    Store,
    Tag,
)
from shopdesk.models.enums import (
    ComplaintCategory,
    ComplaintStatus,
    Direction,
    Priority,
    ReturnState,
    SendState,
    Severity,
)
from shopdesk.services import automation_builtin, automation_presence
from shopdesk.services.automation_hours import next_opening, set_holidays
from shopdesk.services.automation_triggers import keyword_hit
from tests import factories as f
from tests.automation_shop import (
    NIGHT,
    NOON,
    automatic,
    cycle,
    looks,  # noqa: F401 - every test, with and without the watch
    make_shop,
    owner,
    reply,
    rule,
    say,
    texts,
)

HELLO = [{"kind": "send", "text": {"zh": "您好 {customer}", "en": "Hi {customer}"}}]


@pytest.fixture
def shop(db):
    return make_shop(db)


# -- triggers ----------------------------------------------------------------------------------

def test_first_message_is_answered_once_through_the_outbox_as_automatic(db, shop) -> None:
    rid = rule(db, shop, {"kind": "first_message"}, HELLO, name="欢迎语")
    conv = say(db, shop, "在吗", NOON)
    report = cycle(db, NOON, send=False)
    with db.read_session() as s:
        assert s.scalar(select(Message.send_state).where(Message.rule_id == rid)) == \
            SendState.QUEUED  # in the outbox, for the store's channel
    cycle(db, NOON, 1)
    assert report.fired == [("欢迎语", report.fired[0][1])] and conv in report.changed
    [m] = automatic(db, conv)
    assert (m.text, m.rule_id, m.rule_name, m.author_id) == ("您好 周磊", rid, "欢迎语", None)
    assert m.direction == Direction.OUT and m.send_state == SendState.SENT  # by the channel
    with db.read_session() as s:  # an automatic answer is not a person's: still needs a reply
        c = s.get(Conversation, conv)
        assert c.last_direction == Direction.IN and c.first_response_at is None
    cycle(db, NOON, 2)
    say(db, shop, "还在吗", NOON + timedelta(minutes=3))  # not the first message any more
    cycle(db, NOON, 4)
    assert len(automatic(db, conv)) == 1


def test_keyword_whole_words_in_english_substrings_in_chinese() -> None:
    words = ["发票", "invoice", "size chart"]
    assert keyword_hit(words, "我要开发票") == "发票"
    assert keyword_hit(words, "Can I get an INVOICE?") == "invoice"
    assert keyword_hit(words, "ｉｎｖｏｉｃｅ please") == "invoice"  # full-width
    assert keyword_hit(words, "invoices") is None and keyword_hit(words, "reinvoice") is None
    assert keyword_hit(words, "where is the size   chart") == "size chart"
    assert keyword_hit(words, "hello") is None


def test_keyword_rule_fires_on_any_of_its_words(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票", "invoice"]},
         [{"kind": "send", "text": "发票说明"}])
    a = say(db, shop, "需要开发票吗", NOON, thread="a", handle="a")
    b = say(db, shop, "Invoice please", NOON, thread="b", handle="b")
    c = say(db, shop, "invoices?", NOON, thread="c", handle="c")
    cycle(db, NOON)
    assert texts(db, a) == ["发票说明"] and texts(db, b) == ["发票说明"] and texts(db, c) == []


def test_outside_hours_says_when_the_shop_opens_once_per_closed_period(db, shop) -> None:
    rule(db, shop, {"kind": "outside_hours"},
         [{"kind": "send", "text": "{opens} 开始营业"}])
    conv = say(db, shop, "在吗", NIGHT)
    cycle(db, NIGHT)
    say(db, shop, "人呢", NIGHT + timedelta(minutes=5))
    cycle(db, NIGHT, 6)
    assert texts(db, conv) == ["12月2日 09:00 开始营业"]
    say(db, shop, "早", NOON, thread="t2", handle="x")  # open: nothing
    cycle(db, NOON)
    assert len(automatic(db)) == 1


def test_holidays_and_weekdays_move_the_next_opening(db, shop) -> None:
    with db.transaction() as s:
        set_holidays(s, owner(s, shop), shop["store"], ["2026-12-02"])
        store = s.get(Store, shop["store"])
        store.settings = {**store.settings, "working_hours": {
            "start": "09:00", "end": "18:00", "days": [0, 1, 2, 4]}}  # no Thursday
        s.flush()
        opens = next_opening(store, NIGHT)  # Tue night → Wed holiday → Thu closed → Fri
    assert opens.isoformat() == "2026-12-04T01:00:00+00:00"
    rule(db, shop, {"kind": "outside_hours"}, [{"kind": "send", "text": "{opens}"}])
    conv = say(db, shop, "hi", NOON + timedelta(days=1))  # Wednesday noon: a holiday
    cycle(db, NOON + timedelta(days=1))
    assert texts(db, conv) == ["Dec 4, 09:00"]


def test_no_reply_for_n_minutes(db, shop) -> None:
    rule(db, shop, {"kind": "no_reply", "minutes": 30}, [{"kind": "send", "text": "稍等"}])
    conv = say(db, shop, "在吗", NOON)
    answered = say(db, shop, "在吗", NOON, thread="t2", handle="x")
    reply(db, shop, answered, "在的", NOON + timedelta(minutes=5))
    cycle(db, NOON, 10)
    assert texts(db) == []
    cycle(db, NOON, 31)
    cycle(db, NOON, 40)
    assert texts(db, conv) == ["稍等"] and texts(db, answered) == []


def _case(db, shop, state: ReturnState, at, kind=None) -> tuple[int, int]:
    conv = say(db, shop, "退货", at - timedelta(days=30))
    with db.transaction() as s:
        c = s.get(Conversation, conv)
        o = f.order(s.get(Store, shop["store"]), s.get(Customer, c.customer_id),
                    tracking_no="SF123")
        s.add(o)
        s.flush()
        case = f.return_case(o, state=state, **({"kind": kind} if kind else {}))
        case.conversation_id = conv
        case.events.append(ReturnEvent(at=at, state=state))
        s.add(case)
        s.flush()
        return conv, case.id


def test_return_case_reaching_a_state(db, shop) -> None:
    rule(db, shop, {"kind": "return_state", "state": "approved"},
         [{"kind": "send", "text": "已同意，订单 {order_no}"}])
    conv, _ = _case(db, shop, ReturnState.APPROVED, NOON)
    cycle(db, NOON)
    cycle(db, NOON, 5)
    assert texts(db, conv) == ["已同意，订单 2041586613212345678"]


def test_refund_completed_n_days_ago_and_only_then(db, shop) -> None:
    rule(db, shop, {"kind": "refund_completed", "days": 3}, [{"kind": "send", "text": "还好吗"}])
    conv, _ = _case(db, shop, ReturnState.REFUNDED, NOON)
    cycle(db, NOON + timedelta(days=2))
    assert texts(db, conv) == []
    cycle(db, NOON + timedelta(days=3))
    cycle(db, NOON + timedelta(days=4))
    assert texts(db, conv) == ["还好吗"]


def test_order_delivered_n_days_ago(db, shop) -> None:
    rule(db, shop, {"kind": "order_delivered", "days": 5},
         [{"kind": "send", "text": "{order_no} 用得还好吗"}])
    conv = say(db, shop, "hi", NOON - timedelta(days=20))
    with db.transaction() as s:
        c = s.get(Conversation, conv)
        s.add(f.order(s.get(Store, shop["store"]), s.get(Customer, c.customer_id),
                      order_no="A1", delivered_at=NOON - timedelta(days=5, hours=1)))
    cycle(db, NOON)
    assert texts(db, conv) == ["A1 用得还好吗"]


def _complaint(db, shop, conv: int, opened, tier: int = 1) -> int:
    with db.transaction() as s:
        c = s.get(Conversation, conv)
        comp = Complaint(store_id=shop["store"], customer_id=c.customer_id, conversation_id=conv,
                         category=ComplaintCategory.WRONG_ITEM, severity=Severity.NORMAL,
                         tier=tier, status=ComplaintStatus.IN_PROGRESS, opened_at=opened,
                         summary="发错货", currency="CNY")
        s.add(comp)
        s.flush()
        return comp.id


def test_complaint_not_progressed_in_time_moves_up_a_tier_and_notifies(db, shop) -> None:
    rule(db, shop, {"kind": "complaint_stalled"}, [{"kind": "escalate"}], name="升级")
    conv = say(db, shop, "投诉", NOON - timedelta(days=2))
    late = _complaint(db, shop, conv, NOON - timedelta(hours=25))  # normal: 24 h
    fresh = _complaint(db, shop, conv, NOON - timedelta(hours=2))
    top = _complaint(db, shop, conv, NOON - timedelta(hours=30), tier=3)
    cycle(db, NOON)
    cycle(db, NOON, 2)
    with db.read_session() as s:
        assert (s.get(Complaint, late).tier, s.get(Complaint, late).status) == (
            2, ComplaintStatus.ESCALATED)
        assert s.get(Complaint, fresh).tier == 1 and s.get(Complaint, top).tier == 3
        [ev] = s.scalars(select(ComplaintEvent).where(ComplaintEvent.complaint_id == late))
        assert ev.action == "escalate" and ev.by_id is None and "升级" in ev.note
        [note] = s.scalars(select(Notification))
        assert note.complaint_id == late and note.rule_name == "升级"
        system = s.scalars(select(Message.text).where(Message.direction == Direction.SYSTEM,
                                                      Message.rule_id.is_not(None))).all()
        assert len(system) == 1 and system[0].startswith("升级:")


# -- conditions --------------------------------------------------------------------------------

@pytest.mark.parametrize(("condition", "fires"), [
    ({"kind": "store", "stores": ["tm"]}, True),
    ({"kind": "store", "stores": ["other"]}, False),
    ({"kind": "segment", "segments": ["vip"]}, True),
    ({"kind": "segment", "segments": ["lost"]}, False),
    ({"kind": "tag", "tag": "老客", "present": True}, True),
    ({"kind": "tag", "tag": "老客", "present": False}, False),
    ({"kind": "language", "language": "zh"}, True),
    ({"kind": "language", "language": "en"}, False),
    ({"kind": "status", "statuses": ["open"]}, True),
    ({"kind": "status", "statuses": ["closed", "snoozed"]}, False),
    ({"kind": "assigned", "assigned": False}, True),
    ({"kind": "assigned", "assigned": True}, False),
    ({"kind": "hours", "open": True}, True),
    ({"kind": "hours", "open": False}, False),
])
def test_conditions(db, shop, condition: dict, fires: bool) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["快递"]}, [{"kind": "send", "text": "ok"}],
         [condition])
    conv = say(db, shop, "什么快递", NOON)
    with db.transaction() as s:
        customer = s.get(Customer, s.get(Conversation, conv).customer_id)
        customer.segment = "vip"
        customer.tags.append(Tag(name="老客"))
    cycle(db, NOON)
    assert texts(db, conv) == (["ok"] if fires else [])


def test_signed_in_condition_counts_agents_signed_in_now(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, [{"kind": "send", "text": "ok"}],
         [{"kind": "signed_in", "at_least": 2}])
    with db.transaction() as s:
        automation_presence.signed_in(s, shop["a1"], NOON - timedelta(minutes=1))
        automation_presence.signed_in(s, shop["a2"], NOON - timedelta(hours=2))  # stale
    a = say(db, shop, "hi", NOON - timedelta(minutes=29), thread="a", handle="a")
    cycle(db, NOON, 0)
    assert texts(db, a) == []
    with db.transaction() as s:
        automation_presence.signed_in(s, shop["a2"], NOON)
    b = say(db, shop, "hi", NOON + timedelta(minutes=2), thread="b", handle="b")
    cycle(db, NOON, 3)
    # Conditions are checked until they hold while the message is still relevant (30 min):
    # a's message is older by now, b's is not.
    assert texts(db, a) == [] and texts(db, b) == ["ok"]


def test_an_agent_with_a_conversation_open_counts_as_signed_in(db, shop) -> None:
    from shopdesk.services import presence

    rule(db, shop, {"kind": "first_message"}, [{"kind": "send", "text": "ok"}],
         [{"kind": "signed_in", "at_least": 2}])
    with db.transaction() as s:
        automation_presence.signed_in(s, shop["a1"], NOON - timedelta(minutes=1))
    a = say(db, shop, "hi", NOON - timedelta(minutes=1), thread="a", handle="a")
    with db.transaction() as s:  # a2 never signed in here, but a window of theirs shows a
        presence.announce(s, "pc-2", shop["a2"], a, now=NOON - timedelta(seconds=5))
    cycle(db, NOON, 0)
    assert texts(db, a) == ["ok"]


# -- actions -----------------------------------------------------------------------------------

def test_send_a_quick_reply_with_variables_and_a_fallback(db, shop) -> None:
    with db.transaction() as s:
        s.add(QuickReply(category="物流", code="wl", title="物流",
                         body="{customer}，订单 {order_no} 单号 {tracking_no}"))
    rule(db, shop, {"kind": "keyword", "words": ["物流"]},
         [{"kind": "send", "quick_reply": "wl", "fallback": "马上为您查询"}])
    rule(db, shop, {"kind": "keyword", "words": ["发货"]},
         [{"kind": "send", "text": "单号 {tracking_no}"}], name="no fallback")
    with_order = say(db, shop, "物流到哪了", NOON, thread="a", handle="a")
    without = say(db, shop, "物流 发货", NOON, thread="b", handle="b")
    with db.transaction() as s:
        c = s.get(Conversation, with_order)
        s.add(f.order(s.get(Store, shop["store"]), s.get(Customer, c.customer_id),
                      order_no="B7", tracking_no="SF9"))
    cycle(db, NOON)
    assert texts(db, with_order) == ["周磊，订单 B7 单号 SF9"]
    assert texts(db, without) == ["马上为您查询"]  # and "no fallback" skipped: no {tracking_no}
    with db.read_session() as s:
        states = s.scalars(select(AutomationFiring.state)
                           .where(AutomationFiring.conversation_id == without)).all()
    assert sorted(states) == ["done", "skipped"]


def _assigned(db, conv: int) -> int | None:
    with db.read_session() as s:
        return s.get(Conversation, conv).assignee_id


def test_assign_to_an_agent(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, [{"kind": "assign", "mode": "agent", "agent": "a2"}])
    conv = say(db, shop, "hi", NOON)
    cycle(db, NOON)
    assert _assigned(db, conv) == shop["a2"]
    with db.read_session() as s:
        [line] = s.scalars(select(Message.text).where(Message.direction == Direction.SYSTEM))
    assert "Zhou Lei" in line


def test_round_robin_and_fewest_open_among_the_signed_in(db, shop) -> None:
    with db.transaction() as s:
        for key in ("a1", "a2"):
            automation_presence.signed_in(s, shop[key], NOON)
    rule(db, shop, {"kind": "first_message"}, [{"kind": "assign", "mode": "round_robin"}])
    convs = [say(db, shop, "hi", NOON + timedelta(seconds=i), thread=f"r{i}", handle=f"r{i}")
             for i in range(3)]
    for i in range(3):
        cycle(db, NOON, 1 + i)
    assert [_assigned(db, c) for c in convs] == [shop["a1"], shop["a2"], shop["a1"]]


def test_fewest_open_and_nobody_signed_in(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, [{"kind": "assign", "mode": "fewest_open"}])
    busy = [say(db, shop, "x", NOON - timedelta(hours=2), thread=f"b{i}", handle=f"b{i}")
            for i in range(2)]
    with db.transaction() as s:
        for c in busy:
            s.get(Conversation, c).assignee_id = shop["a1"]
    lonely = say(db, shop, "hi", NOON, thread="l", handle="l")
    cycle(db, NOON)
    assert _assigned(db, lonely) is None  # nobody signed in
    with db.transaction() as s:
        automation_presence.signed_in(s, shop["a1"], NOON)
        automation_presence.signed_in(s, shop["a2"], NOON)
        automation_presence.signed_out(s, shop["a2"], NOON + timedelta(minutes=1))
        automation_presence.signed_in(s, shop["a2"], NOON + timedelta(minutes=2))
    conv = say(db, shop, "hi", NOON + timedelta(minutes=3), thread="n", handle="n")
    cycle(db, NOON, 4)
    assert _assigned(db, conv) == shop["a2"]  # a1 has two open


def test_tag_priority_notify_and_open_a_complaint(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["坏了"]},
         [{"kind": "tag", "tag": "破损"}, {"kind": "priority", "priority": "urgent"},
          {"kind": "notify", "text": "有破损"},
          {"kind": "complaint", "category": "damaged_in_transit", "severity": "high"}],
         name="破损")
    conv = say(db, shop, "杯子坏了", NOON)
    cycle(db, NOON)
    with db.read_session() as s:
        c = s.get(Conversation, conv)
        assert c.priority == Priority.URGENT
        assert [t.name for t in s.get(Customer, c.customer_id).tags] == ["破损"]
        notes = s.scalars(select(Notification.text).order_by(Notification.id)).all()
        assert notes[0] == "有破损" and len(notes) == 2  # and the complaint's
        comp = s.scalar(select(Complaint))
        assert (comp.category, comp.severity, comp.conversation_id) == (
            ComplaintCategory.DAMAGED_IN_TRANSIT, Severity.HIGH, conv)
        assert "杯子坏了" in comp.summary and comp.sla_due_at is not None
        lines = s.scalars(select(Message.text).where(Message.direction == Direction.SYSTEM)).all()
        assert len(lines) == 4 and all(x.startswith("破损:") for x in lines)


def test_after_sales_bad_answer_opens_a_complaint(db, shop) -> None:
    with db.transaction() as s:
        automation_builtin.ensure(s)
        automation_builtin.switch_all(s, True)
    conv, _ = _case(db, shop, ReturnState.REFUNDED, NOON - timedelta(days=3))
    cycle(db, NOON)
    [ask] = texts(db, conv)
    assert "一切都还好吗" in ask
    say(db, shop, "不好，还是有问题", NOON + timedelta(hours=1))
    cycle(db, NOON + timedelta(hours=1))
    with db.read_session() as s:
        comp = s.scalar(select(Complaint))
        assert comp is not None and comp.category == ComplaintCategory.AFTER_SALES
        assert s.get(Conversation, conv).priority == Priority.HIGH
    other = say(db, shop, "质量不好", NOON, thread="z", handle="z")  # no follow-up asked
    cycle(db, NOON, 2)
    with db.read_session() as s:
        assert s.scalar(select(Complaint).where(Complaint.conversation_id == other)) is None


def test_a_busy_half_hour_costs_the_cycle_no_statement_per_message(db, shop) -> None:
    """Each cycle looks at every unanswered customer message of the last half hour: with a
    statement per message (answered yet? the conversation's first?) a sale day's thousands
    kept the sync thread busy. The statements do not grow with the messages; which message
    is a conversation's first and which one a person answered stay right."""
    from sqlalchemy import event

    from shopdesk.models import Store
    from shopdesk.services.automation_engine import evaluate
    from shopdesk.services.automation_triggers import is_first, recent_messages

    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, HELLO, name="发票")  # none ask
    now = NOON + timedelta(minutes=1)

    def statements(n: int) -> int:
        for i in range(n):
            say(db, shop, f"在吗 {i}", NOON + timedelta(seconds=i), thread=f"busy-{n}-{i}",
                handle=f"buyer-{n}-{i}")
        run: list[str] = []
        listener = lambda *args: run.append(args[2])  # noqa: E731 - the statement's text
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            with db.read_session() as s:
                assert evaluate(s, s.get(Store, shop["store"]), now) == []
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(run)

    assert statements(3) == statements(30)
    second = say(db, shop, "还在吗", NOON + timedelta(seconds=40), thread="busy-3-0",
                 handle="buyer-3-0")
    answered = say(db, shop, "在吗 1", NOON, thread="busy-3-1", handle="buyer-3-1")
    reply(db, shop, answered, "在的", NOON + timedelta(seconds=50))
    with db.read_session() as s:
        recent = recent_messages(s, s.get(Store, shop["store"]), now)
        firsts = {m.text: is_first(s, m) for m, conv in recent if conv.id == second}
        listed = {conv.id for _m, conv in recent}
    assert firsts == {"在吗 0": True, "还在吗": False}
    assert answered not in listed and len(listed) == 32  # 33 conversations, one answered
