"""Reports → Frequent questions: grouping by wording, whether a quick reply answers each
group, the agents' usual answer, and the drafted quick reply. Service on both backends;
the report's tab too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from shopdesk.errors import ShopDeskError
from shopdesk.models import Agent, Conversation, Message, QuickReply
from shopdesk.models.enums import Direction, Role
from shopdesk.services import frequent_questions as fq
from shopdesk.services import suggestions as sg
from tests import factories as f

DAY = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)  # noon of a fixed day
START, END = DAY - timedelta(days=5), DAY + timedelta(days=5)


@pytest.fixture(autouse=True)
def _fresh_cache():
    sg.clear_cache()
    yield
    sg.clear_cache()


def _thread(s, store, n: int, pairs: list[tuple[str, str | None]], agent: Agent,  # type: ignore[no-untyped-def]
            at: datetime = DAY) -> None:
    customer = f.customer(f"c{store.key}{n}", f"客户{n}")
    s.add(customer)
    s.flush()
    conv = Conversation(store_id=store.id, customer_id=customer.id)
    s.add(conv)
    s.flush()
    for i, (question, answer) in enumerate(pairs):
        t = at + timedelta(minutes=10 * i)
        s.add(Message(conversation_id=conv.id, store_id=store.id, at=t,
                      direction=Direction.IN, text=question))
        if answer:
            s.add(Message(conversation_id=conv.id, store_id=store.id,
                          at=t + timedelta(minutes=1), direction=Direction.OUT,
                          author_id=agent.id, text=answer))


@pytest.fixture
def shop(db):
    with db.transaction() as s:
        tm, jd = f.store("tm"), f.store("jd")
        owner = Agent(key="owner", name="林晓雨", role=Role.OWNER)
        agent = Agent(key="a1", name="王芳", role=Role.AGENT)
        s.add_all([tm, jd, owner, agent])
        s.add(QuickReply(category="发票", code="fp", title="开发票", position=1,
                         body="可以开电子发票，请提供抬头和税号，三个工作日内发到邮箱。"))
        s.flush()
        invoice = "可以的，请提供抬头和税号，订单2041586613212345678开好发您邮箱。"
        _thread(s, tm, 1, [("在吗", "在的"), ("能开发票吗？", invoice)], agent)
        _thread(s, tm, 2, [("可以开发票吗", invoice)], agent)
        _thread(s, tm, 3, [("能开发票吗", "好的亲")], agent)
        _thread(s, tm, 4, [("这个杯子能放洗碗机吗", "可以放洗碗机，不要进微波炉。")], agent)
        _thread(s, tm, 5, [("杯子可以放洗碗机吗？", "可以放洗碗机，不要进微波炉。"),
                           ("谢谢", None)], agent)
        _thread(s, tm, 6, [("杯子可以放洗碗机吗", None)], agent)
        _thread(s, jd, 7, [("能开发票吗", invoice)], agent)
        _thread(s, tm, 8, [("这个杯子能放洗碗机吗", "旧的回答")], agent,
                at=START - timedelta(days=3))  # before the period
    with db.read_session() as s:
        ids = {a.key: a.id for a in s.scalars(select(Agent))}
        ids |= {"tm": tm.id, "jd": jd.id}
    return ids


def test_questions_are_grouped_answered_or_not_with_the_usual_answer(db, shop) -> None:
    with db.read_session() as s:
        owner = s.get(Agent, shop["owner"])
        groups = fq.frequent_questions(s, owner, START, END)
        assert [g.count for g in groups] == [4, 3]  # greetings and thanks left out
        invoice, dishwasher = groups
        assert invoice.question == "能开发票吗" and invoice.conversations == 4
        assert invoice.wordings == ["能开发票吗", "可以开发票吗"]  # "？" is no other wording
        assert invoice.store_id == shop["tm"]
        assert invoice.answered_by is not None and invoice.answered_by.code == "fp"
        assert invoice.best_answer.startswith("可以的，请提供抬头") and invoice.answer_count == 3
        assert dishwasher.answered_by is None  # no quick reply for it yet
        assert dishwasher.best_answer == "可以放洗碗机，不要进微波炉。"
        assert dishwasher.answer_count == 2  # the old answer is outside the period
        only_jd = fq.frequent_questions(s, owner, START, END, [shop["jd"]])
        assert [(g.question, g.count) for g in only_jd] == [("能开发票吗", 1)]
        assert fq.frequent_questions(s, owner, END, END + timedelta(days=1)) == []
        with pytest.raises(ShopDeskError):
            fq.frequent_questions(s, None, START, END)


def test_a_draft_turns_numbers_into_variables_and_takes_a_free_code(db, shop) -> None:
    with db.transaction() as s:
        owner = s.get(Agent, shop["owner"])
        invoice = fq.frequent_questions(s, owner, START, END)[0]
        category, code, title, body = fq.draft(s, invoice)
        assert (category, code, title) == ("常见问题", "faq1", "能开发票吗")
        assert "{order_no}" in body and "2041586613212345678" not in body
        s.add(QuickReply(category="常见问题", code="faq1", title="x", body="y"))
        s.flush()
        assert fq.draft(s, invoice)[1] == "faq2"


@pytest.mark.gui
def test_the_report_tab_lists_questions_and_drafts_a_quick_reply(qtbot, db, shop) -> None:
    from shopdesk.ui.pages import ReportsPage

    page = ReportsPage("reportsPage", db)
    qtbot.addWidget(page)
    with db.read_session() as s:
        page.set_actor(s.get(Agent, shop["owner"]))
    page.show()
    page.tabs.setCurrentIndex(2)
    assert page.tabs.tabText(2) == "Frequent questions"
    view = page.questions
    assert view is not None and view.objectName() == "frequentQuestions"
    view.first.setDate(QDate(2026, 11, 5))
    view.last.setDate(QDate(2026, 11, 15))
    view.wait()  # counted in a thread
    assert view.table.rowCount() == 2
    assert "洗碗机" in view.table.item(1, 0).text()
    assert view.table.item(1, 2).text() == "No answer yet"
    assert view.table.item(0, 2).text().startswith("Quick reply /fp")
    assert "1 without a quick reply" in view.summary.text()
    saved = view.draft(1, accept=True)
    assert saved is not None
    view.wait()
    with db.read_session() as s:
        reply = s.get(QuickReply, saved)
        assert (reply.code, reply.body) == ("faq1", "可以放洗碗机，不要进微波炉。")
    assert view.table.item(1, 2).text().startswith("Quick reply /faq1")  # answered now
    assert view.message.text() == "Quick reply /faq1 saved."
    with db.read_session() as s:
        page.set_actor(s.get(Agent, shop["a1"]))
    view.wait()
    button = view.table.cellWidget(0, 4)
    assert not button.isEnabled() and "owner" in button.toolTip()


def test_each_question_and_answer_is_wrapped_whole_in_its_row(qtbot, qapp, sqlite_db) -> None:
    """In the Chinese window, with the program's fonts: rows fit their wrapped text at the
    columns' final widths, also once the list gets its scroll bar (which narrows the
    stretched columns after the rows were first fitted)."""
    from shopdesk.cli import build_demo
    from shopdesk.ui.fonts import apply_fallbacks
    from shopdesk.ui.frequent_questions import FrequentQuestions
    from shopdesk.ui.i18n import LanguageSwitcher

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    font, languages = qapp.font(), LanguageSwitcher()
    apply_fallbacks(qapp, emoji=False)
    languages.apply("zh_CN")
    try:
        view = FrequentQuestions(sqlite_db)
        qtbot.addWidget(view)
        view.resize(1180, 640)
        view.show()
        view.first.setDate(QDate(2026, 9, 1))
        view.last.setDate(QDate(2026, 11, 2))
        with sqlite_db.read_session() as s:
            view.set_actor(s.scalar(select(Agent).where(Agent.key == "owner")))
        view.wait()
        qtbot.wait(50)
        table = view.table
        assert table.rowCount() > 10 and table.verticalScrollBar().isVisible()
        # the height the table itself needs for each row's wrapped text at today's widths
        heights = [table.rowHeight(row) for row in range(table.rowCount())]
        assert heights == [table.sizeHintForRow(row) for row in range(table.rowCount())]
        assert max(heights) > min(heights)  # some wrapped
    finally:
        languages.apply("en")
        qapp.setFont(font)
