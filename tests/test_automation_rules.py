"""Automation rules as data, the built-in rules, and what automation did (for reports)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from shopdesk.models import Order
from shopdesk.services.automation_rules import RuleSpec, problems
from tests.automation_shop import NOON, automatic, cycle, make_shop, owner, reply, rule, say

HELLO = [{"kind": "send", "text": {"zh": "您好 {customer}", "en": "Hi {customer}"}}]


@pytest.fixture
def shop(db):
    return make_shop(db)


# -- rules as data -----------------------------------------------------------------------------

def test_rule_problems_are_plain_words() -> None:
    bad = RuleSpec("", {"kind": "keyword", "words": []}, [{"kind": "segment", "segments": ["x"]}],
                   [{"kind": "assign", "mode": "agent"}, {"kind": "fly"}])
    found = problems(bad)
    assert "The rule needs a name of at most 200 characters." in found
    assert "Give between 1 and 50 words or phrases." in found
    assert "Choose the agent." in found and "Unknown action “fly”." in found
    assert problems(RuleSpec("ok", {"kind": "first_message"}, [], HELLO)) == []


def test_builtin_rules_are_off_in_a_new_shop_and_cannot_be_deleted(db, shop) -> None:
    from shopdesk.errors import ShopDeskError
    from shopdesk.services.automation_rules import delete_rule, list_rules

    cycle(db, NOON)  # the engine adds them
    with db.transaction() as s:
        rules = list_rules(s)
        assert {r.builtin for r in rules} >= {"greeting", "away", "invoice", "shipping", "size",
                                              "assign", "after_sales", "complaint_tier", "care"}
        assert not any(r.enabled for r in rules)
        with pytest.raises(ShopDeskError, match="switch it off"):
            delete_rule(s, owner(s, shop), rules[0].id)
    with db.read_session() as s:
        assert s.scalar(select(Order)) is None  # (nothing else was made)


def test_what_automation_did_for_the_reports(db, shop) -> None:
    from shopdesk.services.automation_reports import first_reply_times, rule_figures

    rule(db, shop, {"kind": "first_message"}, HELLO, name="欢迎语")
    a = say(db, shop, "在吗", NOON, thread="a", handle="a")
    b = say(db, shop, "在吗", NOON, thread="b", handle="b")
    cycle(db, NOON)
    reply(db, shop, b, "我来了", NOON + timedelta(minutes=10))
    day = (NOON - timedelta(hours=12), NOON + timedelta(hours=12))
    with db.read_session() as s:
        [stats] = rule_figures(s, *day)
        assert (stats.name, stats.fired, stats.answered, stats.needed_person) == (
            "欢迎语", 2, 2, 1)
        split = first_reply_times(s, *day)
        assert (split.automatic, split.automatic_minutes) == (2, Decimal("1.0"))
        assert (split.human, split.human_minutes) == (1, Decimal("10.0"))
        assert {m.rule_name for m in automatic(db)} == {"欢迎语"} and a
