"""Automation in the reports, on both backends: the first reply split into automatic and
human, per rule how often it fired, what it answered and how many of its conversations
still needed a person; the same figures on Reports → Automation and in the satisfaction
workbook's Automation sheet."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shopdesk.exporters.automation import HEADERS
from shopdesk.exporters.satisfaction import export_satisfaction
from shopdesk.services.automation_reports import first_reply_times, rule_figures
from tests.automation_shop import NOON, cycle, make_shop, owner, reply, rule, say

DAY = (NOON - timedelta(days=1), NOON + timedelta(days=1))


@pytest.fixture
def shop(db):
    shop = make_shop(db)
    shop["invoice"] = rule(db, shop, {"kind": "keyword", "words": ["发票"]},
                           [{"kind": "send", "text": "发票请联系客服开具"}], name="发票")
    shop["size"] = rule(db, shop, {"kind": "keyword", "words": ["尺码"]},
                        [{"kind": "send", "text": "尺码表见详情页"}], name="尺码")
    c1 = say(db, shop, "要开发票", NOON, thread="t1", handle="h1")
    c2 = say(db, shop, "发票怎么开", NOON, thread="t2", handle="h2")
    c3 = say(db, shop, "尺码偏大吗", NOON, thread="t3", handle="h3")
    c4 = say(db, shop, "你好", NOON, thread="t4", handle="h4")
    cycle(db, NOON, minutes=1)  # the rules answer after a minute
    reply(db, shop, c1, "我来帮您开", NOON + timedelta(minutes=10))  # it still needed a person
    reply(db, shop, c4, "您好", NOON + timedelta(minutes=30))
    shop["convs"] = [c1, c2, c3, c4]
    return shop


def test_first_reply_times_are_split_into_automatic_and_human(db, shop) -> None:
    with db.read_session() as s:
        times = first_reply_times(s, *DAY)
        assert (times.automatic, times.automatic_minutes) == (3, Decimal("1.0"))
        assert (times.human, times.human_minutes) == (2, Decimal("20.0"))
        later = first_reply_times(s, NOON + timedelta(minutes=5), DAY[1])
        assert (later.automatic, later.human) == (0, 2)
        assert later.automatic_minutes is None
        assert first_reply_times(s, *DAY, store_ids=[shop["store"] + 99]).human == 0


def test_what_a_rule_sends_on_its_own_initiative_is_no_reply(db, shop) -> None:
    """A message after a delivery (half a day after the question) answers nobody: it is
    neither the first automatic reply nor in the wait's buckets; a rule for a customer left
    without a reply is one."""
    from shopdesk.models import Conversation, Message
    from shopdesk.models.enums import Direction
    from shopdesk.services.reports import first_responses

    delivered = rule(db, shop, {"kind": "order_delivered", "days": 3},
                     [{"kind": "send", "text": "收到货了吗？"}], name="送达关怀")
    waiting = rule(db, shop, {"kind": "no_reply", "minutes": 30},
                   [{"kind": "send", "text": "稍等，马上为您处理"}], name="久等")
    c5 = say(db, shop, "在吗", NOON, thread="t5", handle="h5")
    c1, c4 = shop["convs"][0], shop["convs"][3]
    with db.transaction() as s:
        for conv_id, rule_id, at in ((c4, delivered, NOON + timedelta(hours=12)),
                                     (c1, delivered, NOON + timedelta(hours=12)),
                                     (c5, waiting, NOON + timedelta(minutes=31))):
            s.add(Message(conversation_id=conv_id, store_id=s.get(Conversation, conv_id).store_id,
                          at=at, direction=Direction.OUT, text="…", rule_id=rule_id))
    with db.read_session() as s:
        times = first_reply_times(s, *DAY)
        automatic = first_responses(s, *DAY)[1]
    assert (times.automatic, times.automatic_minutes) == (4, Decimal("8.5"))  # 1, 1, 1, 31
    assert {bucket: n for bucket, n in automatic.items() if n} == {"<15m": 3, "15-60m": 1}


def test_an_automatic_reply_is_timed_from_the_question_it_answered(db, shop) -> None:
    """A customer who wrote a month ago, was answered by a person, and asks again today: a
    rule answering in a minute made them wait a minute, not a month (the demo's report said
    43,170 minutes on average); a person's first reply is still timed from the first
    message."""
    old = say(db, shop, "去年的问题", NOON - timedelta(days=30), thread="t9", handle="h9")
    reply(db, shop, old, "好的", NOON - timedelta(days=30) + timedelta(minutes=5))
    assert say(db, shop, "发票怎么开", NOON, thread="t9", handle="h9") == old
    cycle(db, NOON, minutes=1)  # the invoice rule answers today's question
    with db.read_session() as s:
        times = first_reply_times(s, *DAY)
        from shopdesk.services.reports import first_responses

        automatic = first_responses(s, *DAY)[1]
    assert (times.automatic, times.automatic_minutes) == (4, Decimal("1.0"))
    assert {bucket: n for bucket, n in automatic.items() if n} == {"<15m": 4}
    with db.read_session() as s:
        month = first_reply_times(s, NOON - timedelta(days=31), NOON + timedelta(days=1))
    assert (month.human, month.human_minutes) == (3, Decimal("15.0"))  # 5, 10 and 30


def test_per_rule_fired_answered_and_still_needed_a_person(db, shop) -> None:
    with db.read_session() as s:
        figures = rule_figures(s, *DAY)
    by_name = {f.name: f for f in figures}
    assert list(by_name) == ["发票", "尺码"]
    invoice, size = by_name["发票"], by_name["尺码"]
    assert (invoice.fired, invoice.conversations, invoice.answered, invoice.needed_person) == \
        (2, 2, 2, 1)
    assert invoice.needed_share == Decimal("50.0")
    assert invoice.latest_text == "发票请联系客服开具"
    assert (size.fired, size.conversations, size.answered, size.needed_person) == (1, 1, 1, 0)
    assert size.needed_share == Decimal("0.0")
    with db.read_session() as s:
        assert rule_figures(s, NOON + timedelta(hours=1), DAY[1]) == []


def test_a_person_who_answered_before_the_rule_does_not_count(db, shop) -> None:
    c5 = say(db, shop, "你好", NOON - timedelta(hours=2), thread="t5", handle="h5")
    reply(db, shop, c5, "您好", NOON - timedelta(hours=2) + timedelta(minutes=5))
    say(db, shop, "尺码多大", NOON + timedelta(hours=2), thread="t5", handle="h5")
    cycle(db, NOON + timedelta(hours=2), minutes=1)
    with db.read_session() as s:
        size = next(f for f in rule_figures(s, *DAY) if f.name == "尺码")
    assert (size.fired, size.conversations) == (2, 2)
    assert size.needed_person == 0  # the person answered first, not after the rule


@pytest.mark.parametrize("lang,sheet", [("en", "Automation"), ("zh_CN", "自动化")])
def test_the_satisfaction_workbook_has_the_automation_sheet(db, shop, tmp_path, lang,
                                                            sheet) -> None:
    path = tmp_path / "s.xlsx"
    with db.read_session() as s:
        export_satisfaction(s, owner(s, shop), path, date(2026, 11, 30), date(2026, 12, 2),
                            lang=lang)
    book = load_workbook(path)
    assert sheet in book.sheetnames
    rows = list(book[sheet].iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS[lang]
    assert rows[1] == ("发票", 2, 2, 2, 1, 50, "发票请联系客服开具")
    assert rows[2] == ("尺码", 1, 1, 1, 0, 0, "尺码表见详情页")
    assert book[sheet]["F2"].number_format == "0.0"
    first = [r for r in rows[3:] if r and r[0] is not None]
    assert first[0][0] == ("First reply to the customer" if lang == "en" else "首次回复客户")
    assert [tuple(r[:3]) for r in first[2:4]] == [
        ("Automatic" if lang == "en" else "自动回复", 3, 1),
        ("By a person" if lang == "en" else "人工回复", 2, 20)]


def test_reports_page_shows_the_same_figures(qtbot, db, shop) -> None:
    from PySide6.QtCore import QDate

    from shopdesk.ui.automation_report import AutomationReport

    report = AutomationReport(db)
    qtbot.addWidget(report)
    report.retranslate()
    report.first.setDate(QDate(2026, 11, 30))
    report.last.setDate(QDate(2026, 12, 2))
    assert report.cells["automatic_count"].text() == "3"
    assert report.cells["automatic_minutes"].text() == "1.0"
    assert report.cells["human_minutes"].text() == "20.0"
    table = report.table
    assert [table.item(0, c).text() for c in range(6)] == [
        "发票", "2", "2", "2", "1 (50.0%)", "发票请联系客服开具"]
