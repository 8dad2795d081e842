"""The automation's watch on both backends: between full looks a cycle reads only the
customer messages that are new or unsettled, and still answers what a full look would (the
automation tests run every scenario both ways: ``automation_shop.looks``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event

from shopdesk.models import AutomationRule, Conversation, Customer, Message, Store, Tag
from shopdesk.services.automation_engine import run_cycle
from shopdesk.services.automation_rules import set_excluded
from shopdesk.services.automation_watch import Watch, fingerprint
from tests.automation_shop import NOON, make_shop, owner, reply, rule, say, texts

OK = [{"kind": "send", "text": "收到"}]


@pytest.fixture
def shop(db):
    return make_shop(db)


def loaded(db, watch: Watch, at) -> int:
    """How many customer messages one cycle at ``at`` reads as rows (a cycle that acts reads
    them twice: to see whether anything is due, then in its transaction)."""
    found = []
    listener = lambda target, context: found.append(target.id)  # noqa: E731
    event.listen(Message, "load", listener)
    try:
        run_cycle(db, at, watch=watch)
    finally:
        event.remove(Message, "load", listener)
    return len(set(found))


def test_a_cycle_reads_only_what_arrived_since_and_what_is_unsettled(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK)
    for i in range(12):
        say(db, shop, f"你好 {i}", NOON + timedelta(seconds=i), thread=f"t{i}", handle=f"b{i}")
    watch = Watch()
    assert loaded(db, watch, NOON + timedelta(seconds=20)) == 12  # the first: a full look
    assert loaded(db, watch, NOON + timedelta(seconds=23)) == 0
    conv = say(db, shop, "要开发票", NOON + timedelta(seconds=24), thread="t0", handle="b0")
    assert loaded(db, watch, NOON + timedelta(seconds=26)) == 1
    assert texts(db, conv) == ["收到"]
    # Its event fired: settled once that cycle saw it done.
    assert loaded(db, watch, NOON + timedelta(seconds=29)) == 1
    assert loaded(db, watch, NOON + timedelta(seconds=32)) == 0
    assert loaded(db, watch, NOON + timedelta(minutes=2)) == 13  # a full look every minute
    assert texts(db, conv) == ["收到"]


def test_an_event_whose_conditions_did_not_hold_is_looked_at_again(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK, [{"kind": "tag", "tag": "企业"}])
    conv = say(db, shop, "要开发票", NOON)
    watch = Watch()
    run_cycle(db, NOON + timedelta(seconds=5), watch=watch)
    say(db, shop, "你好", NOON + timedelta(seconds=6), thread="other", handle="other")
    run_cycle(db, NOON + timedelta(seconds=8), watch=watch)
    assert texts(db, conv) == []
    with db.transaction() as s:
        customer = s.get(Customer, s.get(Conversation, conv).customer_id)
        customer.tags.append(Tag(name="企业"))
    assert loaded(db, watch, NOON + timedelta(seconds=11)) == 1
    assert texts(db, conv) == ["收到"]


def test_a_message_ahead_of_the_clock_is_answered_when_its_time_comes(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    ahead = say(db, shop, "在吗", NOON + timedelta(seconds=30), thread="a", handle="a")
    later = say(db, shop, "在吗", NOON + timedelta(seconds=5), thread="b", handle="b")
    watch = Watch()
    run_cycle(db, NOON + timedelta(seconds=10), watch=watch)  # the later id moved the mark
    assert texts(db, later) == ["收到"] and texts(db, ahead) == []
    run_cycle(db, NOON + timedelta(seconds=31), watch=watch)
    assert texts(db, ahead) == ["收到"]


def test_a_conversation_taken_back_into_automation_is_answered_at_once(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", NOON)
    with db.transaction() as s:
        set_excluded(s, owner(s, shop), conv, True)
    watch = Watch()
    run_cycle(db, NOON + timedelta(seconds=5), watch=watch)
    say(db, shop, "你好", NOON + timedelta(seconds=6), thread="other", handle="other")
    run_cycle(db, NOON + timedelta(seconds=8), watch=watch)  # the mark is past it
    assert texts(db, conv) == []
    with db.transaction() as s:
        set_excluded(s, owner(s, shop), conv, False)
    run_cycle(db, NOON + timedelta(seconds=11), watch=watch)
    assert texts(db, conv) == ["收到"]


def test_a_rule_made_later_looks_at_the_whole_half_hour(db, shop) -> None:
    early = say(db, shop, "要开发票", NOON - timedelta(minutes=20))
    watch = Watch()
    run_cycle(db, NOON, watch=watch)  # no message rule yet: nothing to look at
    say(db, shop, "你好", NOON + timedelta(seconds=1), thread="other", handle="other")
    run_cycle(db, NOON + timedelta(seconds=3), watch=watch)
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK)
    run_cycle(db, NOON + timedelta(seconds=6), watch=watch)
    assert texts(db, early) == ["收到"]


def test_a_person_answering_settles_a_message_for_good(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK, [{"kind": "tag", "tag": "企业"}])
    conv = say(db, shop, "要开发票", NOON)
    watch = Watch()
    assert loaded(db, watch, NOON + timedelta(seconds=5)) == 1
    reply(db, shop, conv, "好的", NOON + timedelta(seconds=6))
    assert loaded(db, watch, NOON + timedelta(seconds=8)) == 1  # answered now: settled
    assert loaded(db, watch, NOON + timedelta(seconds=11)) == 0


def test_the_fingerprint_follows_the_triggers_and_the_hours_not_the_actions(db, shop) -> None:
    rule_id = rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK)
    with db.read_session() as s:
        store = s.get(Store, shop["store"])
        rules = [s.get(AutomationRule, rule_id)]
        before = fingerprint(store, rules)
        rules[0].actions = [{"kind": "send", "text": "另一句"}]
        assert fingerprint(store, rules) == before
        rules[0].trigger_params = {"words": ["退款"]}
        assert fingerprint(store, rules) != before
        rules[0].trigger_params = {"words": ["发票"]}
        store.settings = {**store.settings, "holidays": ["2026-12-01"]}
        assert fingerprint(store, rules) != before
