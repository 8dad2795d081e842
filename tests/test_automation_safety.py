"""Automation safety on both backends: once per trigger (also under kill -9 and against a
second PC), no loops, the hourly limit, exclusion, typing, an offline channel, the dry run
that changes nothing, care messages the owner approves, rules in the dataset."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shopdesk.cli import main
from shopdesk.errors import DatasetError
from shopdesk.models import (
    AutomationFiring,
    AutomationRule,
    Base,
    ChannelState,
    Conversation,
    Customer,
    Message,
    Store,
    Tag,
)
from shopdesk.models.enums import Direction, SendState
from shopdesk.services import automation_care
from shopdesk.services.automation_dryrun import try_message
from shopdesk.services.automation_engine import act, evaluate, run_cycle
from shopdesk.services.automation_rules import RuleSpec, hold_for_typing, set_excluded
from shopdesk.services.permissions import PermissionDenied
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

ROOT = Path(__file__).resolve().parents[1]
OK = [{"kind": "send", "text": "收到"}]


@pytest.fixture
def shop(db):
    return make_shop(db)


# -- once per trigger --------------------------------------------------------------------------

CHILD = """
import sys, time
from datetime import datetime
from shopdesk.db import open_database
from shopdesk.services import automation_actions, automation_engine
url, marker, at, mode = sys.argv[1:]
db = open_database(url)
original = automation_actions.apply
def acted_then_wait(session, ev, steps, now):
    original(session, ev, steps, now)
    session.flush()  # the firing and the reply are written, not committed
    open(marker, "w").write("acted")
    time.sleep(120)
if mode == "mid":
    automation_actions.apply = acted_then_wait
automation_engine.run_cycle(db, datetime.fromisoformat(at))
open(marker, "w").write("committed")
time.sleep(120)
"""


def _kill_when(marker: Path, proc: subprocess.Popen, what: str) -> None:
    for _ in range(600):  # the child reports by a file; no timing is measured
        if marker.exists() and marker.read_text() == what:
            break
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read().decode() if proc.stderr else "child died")
        time.sleep(0.1)
    else:
        proc.kill()
        raise AssertionError(f"the child never reached {what!r}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("mode", ["mid", "after"])
def test_kill_9_never_repeats_an_action(db, db_url, shop, tmp_path, mode: str) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", NOON)
    marker = tmp_path / "marker"
    at = (NOON + timedelta(minutes=1)).isoformat()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(marker), at, mode],
                            cwd=ROOT, stderr=subprocess.PIPE)
    _kill_when(marker, proc, "acted" if mode == "mid" else "committed")
    with db.read_session() as s:
        firings = s.scalar(select(func.count()).select_from(AutomationFiring))
    # Killed while acting: nothing of it stayed. Killed after: the firing and reply did.
    assert (firings, len(automatic(db, conv))) == ((0, 0) if mode == "mid" else (1, 1))
    run_cycle(db, NOON + timedelta(minutes=2))  # the restart
    run_cycle(db, NOON + timedelta(minutes=3))
    assert texts(db, conv) == ["收到"]


def test_a_second_pc_that_fired_first_wins(db, shop) -> None:
    from shopdesk.services.automation_engine import CycleReport

    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", NOON)
    now = NOON + timedelta(minutes=1)
    with db.read_session() as s:  # this PC plans…
        [firing] = evaluate(s, s.get(Store, shop["store"]), now)
    with db.transaction() as other:  # …the other PC records the same trigger first…
        other.add(AutomationFiring(rule_id=firing.event.rule.id, trigger_key=firing.event.key,
                                   at=now, state="done"))
    with db.transaction() as s:  # …and this PC's firing stops at the unique key
        assert evaluate(s, s.get(Store, shop["store"]), now) == []
        assert act(s, firing, now, CycleReport()) is False
    assert texts(db, conv) == []
    with db.transaction() as s, pytest.raises(IntegrityError):
        s.add(AutomationFiring(rule_id=firing.event.rule.id, trigger_key=firing.event.key,
                               at=now, state="done"))
        s.flush()


# -- no loops ----------------------------------------------------------------------------------

def test_automatic_replies_robots_and_the_shops_own_mail_are_never_answered(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票", "invoice"]},
         [{"kind": "send", "text": "发票 invoice: 可以开"}])
    with db.transaction() as s:
        s.add(Store(key="mail", name="Mail", platform="email", currency="CNY",
                    timezone="Asia/Shanghai",
                    settings={"channel": {"kind": "email", "address": "Shop@Example.com"}}))
    robot = say(db, shop, "Automatic reply: out of office (invoice)", NOON, thread="r",
                handle="x@y.com")
    own = say(db, shop, "发票", NOON, thread="o", handle="shop@example.com")
    person = say(db, shop, "发票", NOON, thread="p", handle="p")
    for minute in range(1, 4):  # our own reply has the words again: it triggers nothing
        cycle(db, NOON, minute)
    assert texts(db, robot) == [] and texts(db, own) == []
    assert texts(db, person) == ["发票 invoice: 可以开"]


def test_at_most_three_automatic_messages_per_conversation_per_hour(db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["在吗"]}, OK)
    for i in range(5):
        conv = say(db, shop, f"在吗{i}", NOON + timedelta(minutes=i))
        cycle(db, NOON, i + 1)
    assert len(automatic(db, conv)) == 3
    with db.read_session() as s:
        skipped = s.scalars(select(AutomationFiring.detail).where(
            AutomationFiring.state == "skipped")).all()
    assert len(skipped) == 2 and "last hour" in skipped[0][0]["reason"]
    say(db, shop, "在吗 again", NOON + timedelta(minutes=65))
    cycle(db, NOON, 66)
    assert len(automatic(db, conv)) == 4


def test_an_excluded_conversation_is_left_alone(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", NOON)
    with db.transaction() as s:
        set_excluded(s, owner(s, shop), conv, True)
    cycle(db, NOON)
    assert texts(db, conv) == []
    with db.transaction() as s:
        set_excluded(s, owner(s, shop), conv, False)
    cycle(db, NOON, 2)
    assert texts(db, conv) == ["收到"]


def test_an_agent_typing_holds_automatic_replies_back(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", NOON)
    with db.transaction() as s:
        hold_for_typing(s, conv, NOON + timedelta(minutes=5))
    report = cycle(db, NOON, 1)
    assert texts(db, conv) == [] and report.waiting[0][2] == "an agent is typing"
    cycle(db, NOON, 6)
    assert texts(db, conv) == ["收到"]


def test_an_offline_channel_sends_nothing_and_later_only_what_is_still_relevant(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    with db.transaction() as s:
        s.get(ChannelState, shop["store"]).online = False
    soon = say(db, shop, "在吗", NOON, thread="a", handle="a")
    late = say(db, shop, "在吗", NOON - timedelta(minutes=20), thread="b", handle="b")
    report = cycle(db, NOON, 1)
    assert automatic(db) == [] and {w[2] for w in report.waiting} == {
        "the store's channel is offline"}
    with db.transaction() as s:
        s.get(ChannelState, shop["store"]).online = True
    cycle(db, NOON, 15)  # back: b's message is 35 minutes old by now
    assert texts(db, soon) == ["收到"] and texts(db, late) == []


def test_unsent_automatic_replies_go_stale_and_a_persons_answer_replaces_them(db, shop) -> None:
    rule(db, shop, {"kind": "first_message"}, OK)
    a = say(db, shop, "在吗", NOON, thread="a", handle="a")
    b = say(db, shop, "在吗", NOON, thread="b", handle="b")
    cycle(db, NOON, 1, send=False)  # queued, then the channel went away
    reply(db, shop, b, "我在", NOON + timedelta(minutes=2))
    run_cycle(db, NOON + timedelta(minutes=3))
    with db.read_session() as s:
        state = dict(s.execute(select(Message.conversation_id, Message.direction).where(
            Message.rule_id.is_not(None))).all())
    assert state == {a: Direction.OUT, b: Direction.NOTE}
    run_cycle(db, NOON + timedelta(minutes=62))
    with db.read_session() as s:
        dropped = s.scalars(select(Message).where(Message.rule_id.is_not(None))).all()
    assert {m.direction for m in dropped} == {Direction.NOTE}
    assert all(m.send_state is None and "no longer relevant" in m.warning for m in dropped)


# -- the dry run -------------------------------------------------------------------------------

def _counts(db) -> dict[str, int]:
    with db.read_session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables}


def test_the_dry_run_says_what_would_happen_and_changes_nothing(db, db_url, shop, capsys
                                                                ) -> None:
    rule(db, shop, {"kind": "outside_hours"}, [{"kind": "send", "text": "{opens} 开门"}],
         name="Away")
    rule(db, shop, {"kind": "keyword", "words": ["发票"]},
         [{"kind": "send", "text": "可以开"}, {"kind": "tag", "tag": "发票"}], name="Invoice")
    rule(db, shop, {"kind": "keyword", "words": ["尺码"]}, OK, name="Size")
    conv = say(db, shop, "hello", NOON)
    run_cycle(db, NOON + timedelta(minutes=1))
    before = _counts(db)
    with db.read_session() as s:
        results = try_message(s, shop["store"], "能开发票吗", NIGHT)
        by = {r.rule: r for r in results}
        assert by["Away"].fires and by["Away"].steps == [
            {"kind": "send", "text": "12月2日 09:00 开门",
             "note": "no conversation: variables are filled in for the real one"}]
        assert by["Invoice"].fires and by["Size"].why_not == "the trigger does not match"
        # the editor's Try box: an unsaved rule, in a real conversation
        [tried] = try_message(s, shop["store"], "hi", NOON, conversation_id=conv, rules=[
            RuleSpec("Try", {"kind": "keyword", "words": ["hi"]},
                     [{"kind": "language", "language": "en"}],
                     [{"kind": "send", "text": "Hi {customer}"}])])
        assert tried.fires and tried.steps == [{"kind": "send", "text": "Hi 周磊"}]
    assert main(["rules", "test", "--db", db_url, "--store", "tm", "--at", "2026-12-01 23:10",
                 "能开发票吗"]) == 0
    out = capsys.readouterr().out
    assert "* Away" in out and "send: 12月2日 09:00 开门" in out
    assert "* Invoice" in out and "tag the customer “发票”" in out and "Size" not in out
    assert _counts(db) == before


# -- care messages -----------------------------------------------------------------------------

def test_care_messages_wait_for_the_owner_respect_opt_out_and_30_days(db, shop) -> None:
    rid = rule(db, shop, {"kind": "care_date", "date": "2026-12-01", "segments": ["vip"],
                          "opt_out_tag": "不打扰"},
               [{"kind": "send", "text": "{customer} 节日快乐"}], name="节日问候")
    convs = {}
    for handle, name in (("w", "王芳"), ("l", "李雷"), ("z", "张伟"), ("n", "New")):
        convs[handle] = say(db, shop, "hi", NOON - timedelta(days=40), thread=handle,
                            handle=handle, name=name)
    with db.transaction() as s:
        for handle in "wlz":
            s.get(Customer, s.get(Conversation, convs[handle]).customer_id).segment = "vip"
        opted_out = s.get(Customer, s.get(Conversation, convs["l"]).customer_id)
        opted_out.tags.append(Tag(name="不打扰"))
        earlier = s.scalar(select(AutomationRule.id).where(AutomationRule.id == rid))
        s.add(AutomationFiring(rule_id=earlier, trigger_key="care:2026-11-20:z", state="done",
                               customer_id=s.get(Conversation, convs["z"]).customer_id,
                               at=NOON - timedelta(days=11)))
    cycle(db, NOON)
    assert automatic(db) == []  # nothing before the owner approves
    with db.read_session() as s:
        [row] = automation_care.care_list(s, rid)
    assert (row.customer, row.text, row.state) == ("王芳", "王芳 节日快乐", "proposed")
    with db.transaction() as s:
        with pytest.raises(PermissionDenied):
            automation_care.approve_care(s, s.get(type(owner(s, shop)), shop["a1"]), rid)
        assert automation_care.approve_care(s, owner(s, shop), rid) == 1
    cycle(db, NOON, 2)
    cycle(db, NOON, 3)
    assert texts(db, convs["w"]) == ["王芳 节日快乐"] and len(automatic(db)) == 1
    with db.read_session() as s:
        assert [r.state for r in automation_care.care_list(s, rid)] == ["done"]


# -- rules in the dataset ----------------------------------------------------------------------

def test_rules_travel_in_the_dataset(db, shop, tmp_path) -> None:
    from shopdesk.dataset.dump import dump_file
    from shopdesk.dataset.load import load_file, load_records
    from shopdesk.db import open_database

    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, OK, name="Invoice", store=True)
    run_cycle(db, NOON)  # and the built-in ones
    path = tmp_path / "shop.jsonl"
    dump_file(db, path)
    from tests.test_dataset_schema import validator

    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    assert [x.get("kind") for x in lines].count("rule") == 11
    assert not [e.message for x in lines for e in validator.iter_errors(x)]
    other = open_database(f"sqlite:///{tmp_path / 'copy.sqlite'}")
    try:
        load_file(other, path)
        load_file(other, path)  # twice: the same rules
        with db.read_session() as a, other.read_session() as b:
            def rules(s):  # noqa: ANN001, ANN202
                return sorted((r.key, r.name, r.enabled, r.builtin, r.trigger, r.trigger_params,
                               r.conditions, r.actions, r.store_id is None)
                              for r in s.scalars(select(AutomationRule)))
            assert rules(a) == rules(b) and len(rules(b)) == 11
        bad = [(1, {"kind": "store", "key": "s", "name": "S", "platform": "taobao",
                    "currency": "CNY", "timezone": "Asia/Shanghai"}),
               (2, {"kind": "rule", "key": "r", "store": "s", "name": "R", "enabled": True,
                    "trigger": {"kind": "keyword", "words": []}, "actions": OK})]
        with pytest.raises(DatasetError, match="line 2"):
            load_records(other, iter(bad))
    finally:
        other.dispose()


def test_the_demo_switches_the_built_in_rules_on(sqlite_db) -> None:
    from shopdesk.cli import build_demo

    build_demo(sqlite_db, "small", 1)
    with sqlite_db.read_session() as s:
        rules = s.scalars(select(AutomationRule)).all()
    assert len(rules) == 10 and all(r.enabled and r.builtin for r in rules)


def test_the_sync_worker_runs_the_rules(db, shop, qtbot) -> None:
    from shopdesk.times import utcnow
    from shopdesk.ui.sync_worker import SyncWorker

    rule(db, shop, {"kind": "first_message"}, OK)
    conv = say(db, shop, "在吗", utcnow())
    worker = SyncWorker(db)
    with qtbot.waitSignal(worker.changed, timeout=5000) as blocker:
        worker.tick()
    assert conv in blocker.args[0]
    assert [m.send_state for m in automatic(db, conv)] == [SendState.QUEUED]
