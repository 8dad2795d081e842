"""Live changes in the window (issue 20, sections 1 and 3): another program's change
refreshes the inbox row without moving the selection; two agents on one conversation see
each other; a reply right after another agent's asks first; a stale action is refused with
a translated message and the fresh state shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from shopdesk.changefeed_listen import Listener
from shopdesk.cli import build_demo
from shopdesk.db import Database
from shopdesk.models import Agent, Conversation, Message, Tag
from shopdesk.models.enums import Priority
from shopdesk.services import inbox as svc
from shopdesk.ui.inbox import InboxPage
from shopdesk.ui.inbox_model import RowRole
from shopdesk.ui.live_feed import LiveFeed
from shopdesk.ui.mainwindow import MainWindow
from shopdesk.ui.settings import Preferences
from tests.test_changefeed import shop
from tests.test_ui_agents import when_modal

pytestmark = pytest.mark.gui


def agent(db: Database, key: str) -> Agent:
    with db.read_session() as s:
        return s.scalar(select(Agent).where(Agent.key == key))


@pytest.fixture
def demo(sqlite_db):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    return sqlite_db


@pytest.fixture
def other(demo):
    """Another program on the same SQLite file (another window on this PC)."""
    second = Database(demo.url)
    yield second
    second.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_another_pcs_reply_refreshes_the_row_and_keeps_the_selection(
        qtbot, db, backend, tmp_path) -> None:
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    demo, other = db, Database(db.url)  # this window, and another PC (or window)
    try:
        refreshes_in_place(qtbot, demo, other, tmp_path)
    finally:
        other.dispose()


def refreshes_in_place(qtbot, demo: Database, other: Database, tmp_path) -> None:
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(demo, prefs, "en")
    qtbot.addWidget(window)
    window.set_agent(agent(demo, "wangfang"))
    window.show()
    inbox = window.inbox
    inbox.views.setCurrentIndex(3)  # All
    inbox.list.setCurrentIndex(inbox.model.index(2))
    chosen = inbox.current
    target = inbox.model.index(5).data(RowRole).id
    order = [inbox.model.index(i).data(RowRole).id for i in range(inbox.model.rowCount())]
    feed = LiveFeed(demo)
    feed.changed.connect(window.on_remote_change)
    feed.start()
    try:
        with other.transaction() as s:
            svc.queue_reply(s, s.get(Agent, agent(other, "emma").id), target, "已经为您补发")
        with qtbot.waitSignal(inbox.conversations.applied, timeout=5_000) as applied:
            pass
    finally:
        feed.stop()
    assert target in applied.args[0]
    row = inbox.model.index(5).data(RowRole)
    assert row.id == target and row.preview == "已经为您补发"  # refreshed where it is
    assert [inbox.model.index(i).data(RowRole).id
            for i in range(inbox.model.rowCount())] == order  # nothing moved
    assert inbox.current == chosen
    assert inbox.list.currentIndex().data(RowRole).id == chosen


def open_page(qtbot, db: Database, key: str, conversation_id: int) -> InboxPage:
    page = InboxPage(db)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.set_actor(agent(db, key))
    page.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: not page.presence.busy, timeout=5_000)
    return page


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_two_agents_on_one_conversation_see_each_other_viewing_and_typing(
        qtbot, db, backend) -> None:
    _agent_id, _customer_id, conv_id = shop(db)
    with db.transaction() as s:
        s.add(Agent(key="lina", name="Li Na", role="agent"))
    second = Database(db.url)  # the other PC
    try:
        listening = Listener(db.url, ignore=db.feed.source)
        listening.open()
        emma = open_page(qtbot, db, "emma", conv_id)
        assert not emma.presence.isVisible()  # nobody else yet
        lina = open_page(qtbot, second, "lina", conv_id)
        qtbot.waitUntil(lambda: lina.presence.text() == "Emma is viewing", timeout=5_000)
        assert lina.presence.isVisible()
        change = listening.wait(5)  # Li Na's row, through the change feed
        assert change is not None and conv_id in change.presence
        emma.presence.on_change(change)
        qtbot.waitUntil(lambda: emma.presence.text() == "Li Na is viewing", timeout=5_000)

        lina.composer.setPlainText("您好")  # typing (set, not keyClicks: see PITFALLS)
        qtbot.waitUntil(lambda: not lina.presence.busy, timeout=5_000)
        change = listening.wait(5)
        assert change is not None and conv_id in change.presence
        emma.presence.on_change(change)
        qtbot.waitUntil(lambda: emma.presence.text() == "Li Na is typing…", timeout=5_000)

        lina.open_conversation(conv_id)  # the same one: nothing written
        lina.presence.open(None)  # Li Na leaves the conversation
        qtbot.waitUntil(lambda: not lina.presence.busy, timeout=5_000)
        change = listening.wait(5)
        assert change is not None
        emma.presence.on_change(change)
        qtbot.waitUntil(lambda: not emma.presence.isVisible(), timeout=5_000)
        listening.close()
    finally:
        second.dispose()


def test_presence_runs_out_without_renewal(db) -> None:
    from shopdesk.services import presence

    agent_id, _customer_id, conv_id = shop(db)
    noon = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
    with db.transaction() as s:
        presence.announce(s, "pc-1", agent_id, conv_id, typing=True, now=noon)
    with db.read_session() as s:
        assert [v.name for v in presence.viewers(s, conv_id, "pc-2", now=noon)] == ["Emma"]
        assert presence.viewers(s, conv_id, "pc-1", now=noon) == []  # not oneself
        later = noon + presence.VIEWING + timedelta(seconds=1)
        assert presence.viewers(s, conv_id, "pc-2", now=later) == []  # killed: it ran out


def test_a_reply_right_after_another_agents_asks_first(qtbot, demo, other) -> None:
    with demo.read_session() as s:
        conv_id = s.scalar(select(Conversation.id).order_by(Conversation.id).limit(1))
    page = open_page(qtbot, demo, "wangfang", conv_id)
    with other.transaction() as s:
        svc.queue_reply(s, s.get(Agent, agent(other, "emma").id), conv_id, "明天给您发顺丰")
    page.composer.setPlainText("今天给您发货")
    asked: list[str] = []

    def answer(button: str):  # type: ignore[no-untyped-def]
        def click(box: QMessageBox) -> None:
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == button).click()
        return click

    when_modal(answer("Don't send"))
    page.send()
    assert asked and "Emma Brooks replied to this customer" in asked[0]
    assert "明天给您发顺丰" in asked[0]
    assert page.composer.toPlainText() == "今天给您发货"  # kept, not sent
    with demo.read_session() as s:
        texts = list(s.scalars(select(Message.text).where(Message.conversation_id == conv_id)))
    assert "今天给您发货" not in texts
    when_modal(answer("Send anyway"))
    page.send()
    assert len(asked) == 2 and page.composer.toPlainText() == ""
    with demo.read_session() as s:
        assert s.scalar(select(Message.text).where(Message.conversation_id == conv_id)
                        .order_by(Message.id.desc()).limit(1)) == "今天给您发货"


def test_stale_assignment_and_tag_are_refused_and_the_fresh_state_shown(
        qtbot, demo, other) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher

    with demo.read_session() as s:
        conv_id = s.scalar(select(Conversation.id).order_by(Conversation.id).limit(1))
        tag_id, tag_name = s.execute(select(Tag.id, Tag.name).order_by(Tag.id).limit(1)).one()
    page = open_page(qtbot, demo, "wangfang", conv_id)
    emma_id = agent(other, "emma").id
    with other.transaction() as s:  # meanwhile on another PC
        svc.assign(s, s.get(Agent, emma_id), conv_id, emma_id)
        svc.set_priority(s, s.get(Agent, emma_id), conv_id, Priority.URGENT)
    page.assign_me.click()
    assert "This conversation was changed by Emma Brooks at" in page.status.text()
    with demo.read_session() as s:
        assert s.get(Conversation, conv_id).assignee_id == emma_id  # not overwritten
    assert page.shown_state is not None and page.shown_state.assignee_id == emma_id
    assert page.priority.currentData() == Priority.URGENT.value  # the fresh state shown
    page.assign_me.click()  # now on the fresh state: done
    with demo.read_session() as s:
        assert s.get(Conversation, conv_id).assignee_id == agent(demo, "wangfang").id

    page._fill_tag_menu()  # the menu as the agent opened it
    action = next(a for a in page.tag_menu.actions() if a.text() == tag_name)
    was_on = action.isChecked()
    with other.transaction() as s:
        svc.tag_customer(s, s.get(Agent, emma_id), conv_id, tag_id, not was_on)
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        action.setChecked(not was_on)  # the same toggle, made on the stale menu
        assert "已被Emma Brooks在" in page.status.text()
        assert "客户标签" in page.status.text()
    finally:
        languages.apply("en")
    with demo.read_session() as s:
        assert (tag_id in svc.customer_tags_of(s, conv_id)) == (not was_on)  # Emma's stays
