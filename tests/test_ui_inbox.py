"""The Inbox page with pytest-qt: views and counts, store filters, paging, composer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Message, Store
from shopdesk.models.enums import SendState
from shopdesk.ui.inbox import InboxPage, ago, reply_timer
from shopdesk.ui.inbox_model import RowRole

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, sqlite_db):
    return open_inbox(qtbot, sqlite_db)


def open_inbox(qtbot, sqlite_db) -> InboxPage:
    """The inbox on the small demo, shown, as the agent 王芳."""
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    widget = InboxPage(sqlite_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    with sqlite_db.read_session() as s:
        widget.set_actor(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    qtbot.waitUntil(lambda: widget.conversations.counting is None)  # the views' counts
    return widget


def rows(widget: InboxPage) -> list:
    return [widget.model.index(i).data(RowRole) for i in range(widget.model.rowCount())]


def test_views_show_counts_and_switch(page, sqlite_db) -> None:
    texts = [page.views.tabText(i) for i in range(4)]
    assert texts[0].startswith("Needs reply (") and texts[3] == "All (600)"
    needs = int(texts[0].split("(")[1].rstrip(")"))
    assert page.model.rowCount() == needs  # fewer than a page: all loaded
    page.views.setCurrentIndex(3)
    assert page.model.rowCount() == 200  # the first page only
    assert page.model.canFetchMore(QModelIndex())
    page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == 400
    page.list.scrollToBottom()  # scrolling asks for the rest
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    assert page.model.rowCount() == 600
    keys = [(r.last_message_at, r.id) for r in rows(page)]
    assert keys == sorted(keys, reverse=True)


def test_store_filter(qtbot, page, sqlite_db) -> None:
    page.views.setCurrentIndex(3)
    shopify = next(b for b in page.store_buttons if "Shopify" in b.text())
    shopify.setChecked(True)
    with sqlite_db.read_session() as s:
        sid = s.scalar(select(Store.id).where(Store.key == "shopify"))
        expected = s.scalar(select(func.count()).select_from(Conversation)
                            .where(Conversation.store_id == sid))
    qtbot.waitUntil(lambda: page.views.tabText(3) == f"All ({expected})")  # counted apart
    while page.model.canFetchMore(QModelIndex()):
        page.model.fetchMore(QModelIndex())
    assert {r.store_id for r in rows(page)} == {sid}
    shopify.setChecked(False)
    qtbot.waitUntil(lambda: page.views.tabText(3) == "All (600)")


def test_send_writes_a_queued_reply_and_updates_the_row(qtbot, page, sqlite_db) -> None:
    page.list.setCurrentIndex(page.model.index(3))
    target = page.current
    assert page.composer.isEnabled()
    page.composer.setPlainText("您好，今天发货 😊")  # typed Chinese: set, see PITFALLS
    page.composer.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.composer.toPlainText() == "您好，今天发货 😊\n"  # Shift+Enter: new line
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)  # Enter sends
    assert page.composer.toPlainText() == ""
    with sqlite_db.read_session() as s:
        sent = s.scalars(select(Message).where(Message.conversation_id == target)
                         .order_by(Message.id.desc())).first()
        assert sent.text == "您好，今天发货 😊" and sent.send_state == SendState.QUEUED
    assert page.current == target  # selection kept
    assert rows(page)[3].id == target  # where it was: the list never moves under the user
    assert rows(page)[3].preview == "您好，今天发货 😊"
    assert "queued" in page.conversation.toPlainText()


def test_draft_is_kept_per_conversation(page) -> None:
    page.list.setCurrentIndex(page.model.index(0))
    page.composer.setPlainText("还没写完的草稿")
    page.list.setCurrentIndex(page.model.index(1))
    assert page.composer.toPlainText() == ""
    page.list.setCurrentIndex(page.model.index(0))
    assert page.composer.toPlainText() == "还没写完的草稿"


def test_empty_reply_is_refused_and_bookkeeper_cannot_reply(page, sqlite_db) -> None:
    page.list.setCurrentIndex(page.model.index(0))
    page.composer.setPlainText("   ")
    page.send()
    assert page.status.text() == "The message is empty."
    with sqlite_db.read_session() as s:
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "books")))
    page.list.setCurrentIndex(page.model.index(0))
    assert not page.composer.isEnabled() and not page.send_button.isEnabled()
    assert page.send_button.toolTip() == "Your role cannot answer customers."


def test_relative_times_and_reply_timer(page) -> None:
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    assert ago(page, datetime(2026, 11, 1, 11, 59, 30, tzinfo=UTC), now) == "now"
    assert ago(page, datetime(2026, 11, 1, 11, 37, tzinfo=UTC), now) == "23 min"
    assert ago(page, datetime(2026, 11, 1, 9, 0, tzinfo=UTC), now) == "3 h"
    assert reply_timer(page, datetime(2026, 11, 1, 12, 23, tzinfo=UTC), now) == (
        "Reply within 23 min", False)
    assert reply_timer(page, datetime(2026, 11, 1, 10, 0, tzinfo=UTC), now) == (
        "Overdue 2 h", True)


class Writes:
    """A store's channel on which customers write: ``say(thread, name, text)`` queues a
    message that the next fetch returns."""

    def __init__(self) -> None:
        self.queued: list = []
        self.n = 0

    def say(self, thread: str, handle: str, name: str, text: str) -> None:
        from shopdesk.channels.base import Incoming

        self.n += 1
        self.queued.append(Incoming(f"live-{self.n}", thread, handle, name, datetime.now(UTC),
                                    text))

    def fetch(self, cursor):
        from shopdesk.channels.base import Fetched

        batch, self.queued = self.queued, []
        return Fetched(batch, str(self.n))

    def send(self, reply):
        return None


def arrive(qtbot, page, sqlite_db, channel: Writes) -> list[int]:
    """The sync worker fetches what the customers wrote; the page gets the live update and
    applies it (read off the GUI thread). Returns the changed conversation ids."""
    from shopdesk.ui.sync_worker import SyncWorker

    worker = SyncWorker(sqlite_db)
    with sqlite_db.read_session() as s:
        sid = s.scalar(select(Store.id).where(Store.key == "tmall"))
    worker.channels = {sid: channel}
    with qtbot.waitSignal(worker.changed) as signal:
        worker.tick()
    changed = signal.args[0]
    before = rows(page)
    with qtbot.waitSignal(page.conversations.applied, timeout=10_000):
        page.on_changed(changed)
        assert rows(page) == before  # read off the GUI thread, applied after
    return changed


def test_live_arrival_keeps_selection_and_counts_follow(qtbot, page, sqlite_db) -> None:
    page.list.setCurrentIndex(page.model.index(2))
    chosen = page.current
    before = page.model.rowCount()
    bar = page.conversations.new_bar
    assert not bar.isVisible()
    channel = Writes()
    channel.say("brand-new-thread", "new_buyer", "新客户", "你好，有现货吗？")
    changed = arrive(qtbot, page, sqlite_db, channel)
    assert len(changed) == 1
    assert page.model.rowCount() == before  # not inserted under the user's hand…
    assert bar.isVisible() and bar.text() == "1 new — Show"  # …but announced
    assert page.views.tabText(0) == f"Needs reply ({before + 1})"
    bar.click()
    assert page.model.rowCount() == before + 1 and not bar.isVisible()
    top = page.model.index(0).data(RowRole)
    assert top.customer == "新客户" and top.preview == "你好，有现货吗？" and top.unread == 1
    assert page.current == chosen  # the selection stayed on its conversation
    assert page.list.currentIndex().data(RowRole).id == chosen
    from PySide6.QtCore import QThread

    qtbot.waitUntil(lambda: not page.conversations.findChildren(QThread))  # none kept


def test_rows_never_move_under_the_cursor_while_customers_write(qtbot, page, sqlite_db) -> None:
    """Issue 16, item 8: the top row is selected and the quick-reply picker is open while a
    listed customer writes again and a new one writes: no row moves, the written-to row
    shows the news where it is, and "2 new — Show" puts them on top when the user asks."""
    from PySide6.QtWidgets import QApplication

    from shopdesk.models import Conversation as Conv
    from tests.test_ui_agents import when_modal

    page.list.setCurrentIndex(page.model.index(0))
    chosen = page.current
    order = [r.id for r in rows(page)]
    where = page.list.mapTo(page, page.list.rect().topLeft())
    fourth = rows(page)[3]
    with sqlite_db.read_session() as s:
        conv = s.get(Conv, fourth.id)
        thread, sid = conv.external_id, conv.store_id
        handle = conv.customer.identities[0].handle
    channel = Writes()  # the fourth row's store: its customer writes again, and a new one
    channel.say(thread, handle, fourth.customer, "还在吗？我再问一下")
    channel.say("another-new-thread", "buyer2", "又一位客户", "在吗？")
    from shopdesk.ui.sync_worker import SyncWorker

    worker = SyncWorker(sqlite_db)
    worker.channels = {sid: channel}
    with qtbot.waitSignal(worker.changed) as signal:
        worker.tick()
    changed = signal.args[0]
    assert fourth.id in changed and len(changed) == 2
    seen: list[list[int]] = []

    def while_picking(picker) -> None:
        with qtbot.waitSignal(page.conversations.applied, timeout=10_000):
            page.on_changed(changed)  # customers write while the picker is open
        seen.append([r.id for r in rows(page)])
        picker.reject()

    when_modal(while_picking)
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash)
    assert seen == [order]  # nothing moved while the picker was open
    assert [r.id for r in rows(page)] == order and page.current == chosen
    assert page.list.currentIndex().row() == 0
    assert rows(page)[3].preview == "还在吗？我再问一下"  # the news, in place
    assert rows(page)[3].unread == fourth.unread + 1
    bar = page.conversations.new_bar
    assert bar.isVisible() and bar.text() == "2 new — Show"
    QApplication.processEvents()  # the layout has followed the bar
    assert page.list.mapTo(page, page.list.rect().topLeft()) == where  # the bar moves no row
    bar.click()
    top_two = {r.id for r in rows(page)[:2]}
    assert fourth.id in top_two and len(top_two - {fourth.id}) == 1
    assert rows(page)[0].customer in ("又一位客户", fourth.customer)
    assert page.current == chosen and page.list.currentIndex().data(RowRole).id == chosen
    assert not bar.isVisible()


def test_search_box_finds_chinese_and_opens_the_conversation(qtbot, page, sqlite_db) -> None:
    page.search_box.setText("发票")  # Chinese is set, not typed (see PITFALLS)
    page.run_search()
    assert page.results.isVisible() and not page.list.isVisible()
    assert page.results.count() > 0
    first = page.results.item(0)
    conversation_id, message_id, record = first.data(Qt.ItemDataRole.UserRole)
    assert record is None
    label = page.results.itemWidget(first)
    assert "<b>发票</b>" in label.text()
    page.results.setCurrentItem(first)
    assert page.current == conversation_id
    with sqlite_db.read_session() as s:
        text = s.get(Message, message_id).text
    assert text in page.conversation.toPlainText()
    page.search_box.setText("没有这样的内容xyz")
    page.run_search()
    assert page.results.count() == 1 and "Nothing found" in page.results.item(0).text()
    page.search_box.clear()
    page.run_search()
    assert page.list.isVisible() and not page.results.isVisible()


def test_a_number_finds_its_complaint_return_or_conversation(qtbot, page, sqlite_db) -> None:
    from shopdesk.models import Complaint, Conversation, ReturnCase

    with sqlite_db.read_session() as s:
        complaint = s.scalar(select(Complaint).limit(1))
        case = s.scalar(select(ReturnCase).limit(1))
        conversation = s.scalar(select(Conversation).order_by(Conversation.id.desc()).limit(1))
    opened: list[tuple[str, int]] = []
    page.openComplaint.connect(lambda i: opened.append(("complaint", i)))
    page.openReturn.connect(lambda i: opened.append(("return", i)))
    for text, want in ((f"C-{complaint.id}", ("complaint", complaint.id)),
                       (f"r{case.id}", ("return", case.id))):
        page.search_box.setText(text)
        page.run_search()
        first = page.results.item(0)
        assert first.data(Qt.ItemDataRole.UserRole)[2] == want
        page.results.setCurrentItem(first)
        assert opened[-1] == want
    page.search_box.setText(f"T-{conversation.id}")
    page.run_search()
    page.results.setCurrentItem(page.results.item(0))
    assert page.current == conversation.id
    assert f"T-{conversation.id}" in page.results.itemWidget(page.results.item(0)).text()


def test_ctrl_k_focuses_the_search_box(qtbot, page) -> None:
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()


def test_conversation_actions_from_the_bar(qtbot, page, sqlite_db) -> None:
    from shopdesk.models.enums import ConversationStatus, Priority

    page.list.setCurrentIndex(page.model.index(0))  # "Needs reply": an open conversation
    target = page.current
    page.assign_me.click()
    with sqlite_db.read_session() as s:
        wang = s.scalar(select(Agent.id).where(Agent.key == "wangfang"))
        assert s.get(Conversation, target).assignee_id == wang
    page.priority.setCurrentIndex(page.priority.findData(Priority.HIGH.value))
    page.priority.activated.emit(page.priority.currentIndex())
    assert page.close_button.text() == "Close"
    page.close_button.click()
    with sqlite_db.read_session() as s:
        conv = s.get(Conversation, target)
        assert conv.priority == Priority.HIGH and conv.status == ConversationStatus.CLOSED
    assert page.close_button.text() == "Reopen"
    page.close_button.click()
    with sqlite_db.read_session() as s:
        assert s.get(Conversation, target).status == ConversationStatus.OPEN
    snooze = page.snooze_menu.actions()[0]
    snooze.trigger()
    with sqlite_db.read_session() as s:
        assert s.get(Conversation, target).status == ConversationStatus.SNOOZED


def test_slash_opens_quick_replies_and_fills_variables(qtbot, page, sqlite_db) -> None:
    from tests.test_ui_agents import when_modal

    page.list.setCurrentIndex(page.model.index(0))
    seen: list[str] = []

    def choose(picker) -> None:
        assert picker.objectName() == "quickReplyPicker"
        picker.search.setText("hi")  # the greeting, code "hi"
        seen.append(picker.list.currentItem().text(0))
        picker.accept()

    when_modal(choose)
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash)
    assert seen and seen[0].startswith("/hi")
    with sqlite_db.read_session() as s:
        store = s.scalar(select(Store.name).join(Conversation, Conversation.store_id == Store.id)
                         .where(Conversation.id == page.current))
    text = page.composer.toPlainText()
    assert store in text and "王芳" in text and "{" not in text

    when_modal(lambda picker: picker.reject())
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert page.composer.toPlainText() == text  # cancelled: nothing inserted


def _open_with_old_messages(page, sqlite_db, count: int) -> int:
    """Open the first conversation and give it ``count`` old messages "旧消息 0", "旧消息 1"…
    a minute apart; its id."""
    from shopdesk.models.enums import Direction

    page.list.setCurrentIndex(page.model.index(0))
    target = page.current
    with sqlite_db.transaction() as s:
        conv = s.get(Conversation, target)
        for i in range(count):
            s.add(Message(conversation_id=target, store_id=conv.store_id,
                          at=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
                          direction=Direction.IN, text=f"旧消息 {i}"))
    return target


def test_failed_reply_shows_retry_and_long_threads_load_earlier(qtbot, page, sqlite_db) -> None:
    from PySide6.QtCore import QUrl

    from shopdesk.models.enums import Direction

    target = _open_with_old_messages(page, sqlite_db, 150)
    with sqlite_db.transaction() as s:
        conv = s.get(Conversation, target)
        failed = Message(conversation_id=target, store_id=conv.store_id, at=datetime.now(UTC),
                         direction=Direction.OUT, text="发不出去", send_state=SendState.FAILED,
                         send_error="timeout")
        s.add(failed)
    page.show_conversation()
    shown = page.conversation.toPlainText()
    assert "发不出去" in shown and "timeout" in shown and "Retry" in shown
    assert "Load earlier messages" in shown and "旧消息 0" not in shown
    page._link(QUrl("older:"))
    assert "旧消息 0" in page.conversation.toPlainText()
    page._link(QUrl(f"retry:{failed.id}"))
    with sqlite_db.read_session() as s:
        assert s.get(Message, failed.id).send_state == SendState.QUEUED
    assert "queued" in page.conversation.toPlainText()


def test_scrolling_up_loads_earlier_messages_and_keeps_the_place(qtbot, page, sqlite_db) -> None:
    from PySide6.QtCore import QPoint

    from shopdesk.ui.inbox import THREAD_PAGE

    _open_with_old_messages(page, sqlite_db, 250)
    page.show_conversation()
    view = page.conversation
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0 and page.thread_size == THREAD_PAGE

    def top_line() -> str:
        return view.cursorForPosition(QPoint(10, 10)).block().text()

    bar.setValue(120)  # below the "Load earlier messages" link
    first_shown = top_line()
    assert first_shown.startswith("旧消息 15")  # 150 of 250 are older than the newest 100
    from_bottom = bar.maximum()
    bar.setValue(0)  # the reader reaches the top: the next page comes in above
    assert page.thread_size == 2 * THREAD_PAGE
    # what was on screen stays there: the same distance from the end, now below older ones
    assert bar.value() > 0 and bar.maximum() - bar.value() == from_bottom
    bar.setValue(bar.value() + 120)

    def number(line: str) -> int:
        return int(line.split()[1])

    # within a line of it (the day separator above the old first message went away)
    assert abs(number(top_line()) - number(first_shown)) <= 1
    bar.setValue(0)
    bar.setValue(0)  # more than all: no further page
    assert "旧消息 0" in view.toPlainText() and "Load earlier messages" not in view.toPlainText()
    assert page.thread_size == 3 * THREAD_PAGE


def test_draft_survives_a_restart_and_ctrl_enter_mode(qtbot, page, sqlite_db) -> None:
    page.list.setCurrentIndex(page.model.index(0))
    target = page.current
    page.composer.setPlainText("关掉程序前没发出去的话")
    page.save_draft()  # what closing the window (or the 1-second timer) does
    again = InboxPage(sqlite_db)
    qtbot.addWidget(again)
    with sqlite_db.read_session() as s:
        again.set_actor(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    row = again.model.row_of(target)
    again.list.setCurrentIndex(again.model.index(row))
    assert again.composer.toPlainText() == "关掉程序前没发出去的话"

    again.composer.ctrl_enter_sends = True
    again.composer.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(again.composer, Qt.Key.Key_Return)  # now Enter starts a new line
    assert again.composer.toPlainText().endswith("\n")
    qtbot.keyClick(again.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert again.composer.toPlainText() == ""  # and Ctrl+Enter sends


def test_status_and_tag_filters(qtbot, page, sqlite_db) -> None:
    from shopdesk.models import Tag, customer_tags
    from shopdesk.models.enums import ConversationStatus

    page.views.setCurrentIndex(3)
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))
    with sqlite_db.read_session() as s:
        closed = s.scalar(select(func.count()).select_from(Conversation)
                          .where(Conversation.status == ConversationStatus.CLOSED))
    qtbot.waitUntil(lambda: page.views.tabText(3) == f"All ({closed})")
    page.status_filter.setCurrentIndex(0)
    vip = page.tag_filter.findText("VIP")
    page.tag_filter.setCurrentIndex(vip)
    with sqlite_db.read_session() as s:
        tag = s.scalar(select(Tag.id).where(Tag.name == "VIP"))
        customers = select(customer_tags.c.customer_id).where(customer_tags.c.tag_id == tag)
        tagged = s.scalar(select(func.count()).select_from(Conversation)
                          .where(Conversation.customer_id.in_(customers)))
    qtbot.waitUntil(lambda: page.views.tabText(3) == f"All ({tagged})")


def test_attach_an_image_send_it_and_enlarge_it(qtbot, page, sqlite_db, tmp_path) -> None:
    from PySide6.QtGui import QImage

    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(0xFF3366)
    path = tmp_path / "破损照片.png"
    assert picture.save(str(path))
    page.list.setCurrentIndex(page.model.index(0))
    page.attach_files([path])
    assert "破损照片.png" in page.pending_label.text()
    page.composer.setPlainText("请看照片")
    page.send()
    assert page.pending == [] and page.pending_label.text() == ""
    with sqlite_db.read_session() as s:
        from shopdesk.services import inbox as svc

        last = svc.thread(s, page.current)[-1]
    assert last.attachments and last.attachments[0].mime_type == "image/png"
    html_text = page.conversation.toHtml()
    assert f"att:{last.attachments[0].id}" in html_text
    page.show_image(last.attachments[0].id)
    assert page.viewer.isVisible()
    page.viewer.close()


def test_tag_the_customer_from_the_conversation(qtbot, page, sqlite_db) -> None:
    from shopdesk.models import AuditEvent, Customer, Tag

    page.list.setCurrentIndex(page.model.index(0))
    page._fill_tag_menu()
    vip = next(a for a in page.tag_menu.actions() if a.text() == "VIP")
    was = vip.isChecked()
    vip.toggle()
    with sqlite_db.read_session() as s:
        conv = s.get(Conversation, page.current)
        names = {t.name for t in s.get(Customer, conv.customer_id).tags}
        assert ("VIP" in names) is (not was)
        assert s.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) in (
            "customer.tag", "customer.untag")
        assert s.scalar(select(Tag.id).where(Tag.name == "VIP"))


def test_customer_card_beside_the_conversation(qtbot, page, sqlite_db) -> None:
    from shopdesk.models import Customer

    page.list.setCurrentIndex(page.model.index(0))
    with sqlite_db.transaction() as s:
        conv = s.get(Conversation, page.current)
        s.get(Customer, conv.customer_id).phone = "13812345678"
        name = s.get(Customer, conv.customer_id).name
    page.card.refresh()
    text = page.card.view.toPlainText()
    assert name in text and "138****5678" in text  # Wang is an agent: masked
    assert "Orders" in text and "Conversations" in text
    had = "VIP" in page.card.tag_editor.buttons
    page._fill_tag_menu()
    next(a for a in page.tag_menu.actions() if a.text() == "VIP").toggle()
    assert ("VIP" in page.card.tag_editor.buttons) != had  # the card's chips follow


def test_the_chips_of_the_last_customer_go_at_once(qtbot, page) -> None:
    """Moving through the list quickly: the previous customer's tag chips are never painted
    beside the new one's (deleteLater alone waits for the event loop)."""
    from PySide6.QtWidgets import QToolButton

    editor = page.card.tag_editor
    for row in range(page.model.rowCount()):
        page.list.setCurrentIndex(page.model.index(row))
        if editor.buttons:
            break
    old = set(editor.buttons.values())
    assert old
    qtbot.waitUntil(lambda: all(b.isVisible() for b in old))  # painted
    page.list.setCurrentIndex(page.model.index(row + 1))
    visible = {b for b in editor.chips.findChildren(QToolButton) if b.isVisible()}
    assert not visible & old  # before the event loop runs again
    qtbot.waitUntil(lambda: all(b.isVisible() for b in editor.buttons.values()))


def test_the_card_without_a_customer_offers_no_tags_or_notes(qtbot, page) -> None:
    card = page.card
    assert page.current is None
    assert not card.tag_editor.isVisible() and not card.notes.isVisible()
    assert "The card of the customer shows here" in card.view.toPlainText()
    page.list.setCurrentIndex(page.model.index(0))
    assert card.tag_editor.isVisible() and card.notes.isVisible()
    assert "The card of the customer shows here" not in card.view.toPlainText()


def test_notes_panel_add_pin_edit_delete_and_undo(qtbot, page, sqlite_db) -> None:
    from PySide6.QtCore import QUrl

    page.list.setCurrentIndex(page.model.index(0))
    card = page.card
    assert card.notes.isEnabled()
    card.note_edit.setPlainText("只收顺丰\n工作日送货")
    card.add_note_button.click()
    assert "只收顺丰" in card.view.toPlainText() and card.note_edit.toPlainText() == ""
    note = next(n for n in card._notes if n.text.startswith("只收顺丰"))
    card._link(QUrl(f"note-pin:{note.id}"))
    assert card._notes[0].id == note.id and card._notes[0].pinned
    card.edit_note(note.id, "只收顺丰快递")
    assert "只收顺丰快递" in card.view.toPlainText()
    card._link(QUrl(f"note-delete:{note.id}"))
    assert "只收顺丰快递" not in card.view.toPlainText()
    assert card.undo_button.isVisible() and card.note_status.text() == "Note deleted."
    card.undo_button.click()
    assert "只收顺丰快递" in card.view.toPlainText() and not card.undo_button.isVisible()


def test_every_change_to_a_note_can_be_undone_with_the_button_or_ctrl_z(qtbot, page) -> None:
    from PySide6.QtCore import QUrl

    page.list.setCurrentIndex(page.model.index(0))
    card = page.card
    page.window().show()
    page.window().activateWindow()
    qtbot.waitActive(page.window())
    card.note_edit.setPlainText("先别催单")
    card.add_note_button.click()
    assert card.note_status.text() == "Note added." and card.undo_button.isVisible()
    card.view.setFocus()
    qtbot.keyClick(card.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "先别催单" not in card.view.toPlainText() and not card.undo_button.isVisible()
    assert card.note_status.text() == "Undone."

    card.note_edit.setPlainText("周末不在家")
    card.add_note_button.click()
    note = next(n for n in card._notes if n.text == "周末不在家")
    card.edit_note(note.id, "周末不在家，放门卫")
    assert card.note_status.text() == "Note changed."
    card.undo_button.click()
    assert [n.text for n in card._notes if n.id == note.id] == ["周末不在家"]
    card._link(QUrl(f"note-pin:{note.id}"))
    assert card.note_status.text() == "Note pinned."
    card.undo_note()
    assert [n.pinned for n in card._notes if n.id == note.id] == [False]
    card.undo_note()  # nothing left to undo: nothing happens
    assert [n.text for n in card._notes if n.id == note.id] == ["周末不在家"]
    # What was done to one customer is not undone on another.
    card._link(QUrl(f"note-delete:{note.id}"))
    page.list.setCurrentIndex(page.model.index(1))
    assert not card.undo_button.isVisible() and card.note_status.text() == ""


def test_quick_reply_images_are_attached(qtbot, page, sqlite_db) -> None:
    from shopdesk.services import quick_replies as qr
    from tests.test_ui_agents import when_modal

    png = b"\x89PNG\r\n\x1a\n" + b"0" * 10
    with sqlite_db.transaction() as s:
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
        qr.save(s, owner, None, "物流", "sz", "尺码表", "亲，尺码表见图",
                images=[("size.png", "image/png", png)])
    page.list.setCurrentIndex(page.model.index(0))

    def choose(picker) -> None:
        picker.search.setText("sz")
        picker.accept()

    when_modal(choose)
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash)
    assert "尺码表见图" in page.composer.toPlainText()
    assert [name for name, _m, _d in page.pending] == ["size.png"]
    assert "size.png" in page.pending_label.text()


def test_a_reply_typed_while_the_database_is_locked_is_kept(qtbot, tmp_path, monkeypatch) -> None:
    """Another program holds the SQLite file's write lock: the reply is not sent, the text
    stays in the composer, and it goes once the lock is gone."""
    import sqlite3

    from shopdesk import db as db_module
    from shopdesk.db import open_database, trouble

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "shop.sqlite"
    shop = open_database(f"sqlite:///{path}")
    build_demo(shop, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    page = InboxPage(shop)
    qtbot.addWidget(page)
    page.show()
    with shop.read_session() as s:
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    page.list.setCurrentIndex(page.model.index(0))
    page.composer.setPlainText("马上为您查询物流")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Exception) as raised:  # noqa: PT011 - whatever the driver raises
            page.send()
        assert trouble(raised.value) == "busy"
        assert page.composer.toPlainText() == "马上为您查询物流"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    page.send()
    assert page.composer.toPlainText() == ""
    assert "马上为您查询物流" in page.conversation.toPlainText()
    shop.dispose()


def test_the_window_reads_its_figures_off_the_gui_thread_after_a_live_update(
        qtbot, sqlite_db, tmp_path) -> None:
    """Issue 17: the main window's figures (title count) after the sync worker's update are
    read in a worker thread, not on the GUI thread, and then shown."""
    from PySide6.QtCore import QSettings

    from shopdesk.ui.app import Shell
    from shopdesk.ui.settings import Preferences

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", str(tmp_path / "log"))
    window = shell.window
    qtbot.addWidget(window)
    with sqlite_db.read_session() as s:
        window.set_agent(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    window.show()
    qtbot.waitUntil(lambda: window.figures is not None)  # read behind the first rows
    waiting = window.figures.needs_reply
    assert window.windowTitle() == f"ShopDesk ({waiting})"
    channel = Writes()
    channel.say("brand-new-thread", "new_buyer", "新客户", "你好，有现货吗？")
    arrive(qtbot, window.inbox, sqlite_db, channel)
    changed = [max(r.id for r in rows(window.inbox))]
    window.on_synced(changed, [])
    assert window.windowTitle() == f"ShopDesk ({waiting})"  # not read on the GUI thread
    qtbot.waitUntil(lambda: window.windowTitle() == f"ShopDesk ({waiting + 1})", timeout=10_000)
    qtbot.waitUntil(lambda: window.shop_figures.job is None
                    and window.inbox.conversations._job is None, timeout=10_000)


def test_a_reply_shows_its_delivery_live_queued_sent_failed(qtbot, page, sqlite_db) -> None:
    """Issue 16, item 12: each outgoing message says queued, then sent once the sync worker
    sent it, or failed with its reason and Retry, without reopening the conversation."""
    from shopdesk.channels.base import ChannelError
    from shopdesk.ui.sync_worker import SyncWorker

    page.list.setCurrentIndex(page.model.index(0))
    target = page.current
    page.composer.setPlainText("已经为您发货")
    page.send()

    def state_of(text: str) -> str:
        lines = page.conversation.toPlainText().splitlines()
        return lines[lines.index(text) + 1]

    assert state_of("已经为您发货").endswith(" · queued")

    class Sends(Writes):
        error: str | None = None

        def send(self, reply):
            if self.error:
                raise ChannelError(self.error)
            return f"ext-{reply.message_id}"

    with sqlite_db.read_session() as s:
        sid = s.get(Conversation, target).store_id
    channel = Sends()
    worker = SyncWorker(sqlite_db)
    worker.channels = {sid: channel}
    with qtbot.waitSignal(worker.changed) as signal:
        worker.tick()
    assert target in signal.args[0]
    with qtbot.waitSignal(page.conversations.applied, timeout=10_000):
        page.on_changed(signal.args[0])
    assert state_of("已经为您发货").endswith(" · ✓ sent") and page.current == target

    page.composer.setPlainText("第二条回复")
    page.send()
    channel.error = "SMTP server timed out"
    with qtbot.waitSignal(worker.changed) as signal:
        worker.tick()
    page.on_changed(signal.args[0])
    assert state_of("第二条回复").endswith(" · failed (SMTP server timed out) Retry")
    assert 'href="retry:' in page.conversation.toHtml()
    qtbot.waitUntil(lambda: page.conversations._job is None, timeout=10_000)


def test_sending_and_may_have_been_sent_are_shown_with_their_links(qtbot, page) -> None:
    """The states the outbox of issue 16 adds: an attempt under way, and one whose outcome
    is unknown with Resend and Mark as sent (services.outbox answers those links)."""
    from shopdesk.models.enums import Direction
    from shopdesk.services.inbox import ThreadMessage

    at = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    view = page.conversation
    html_text = view._render([
        ThreadMessage(7, at, Direction.OUT, "王芳", "正在发", SendState.SENDING, None),
        ThreadMessage(8, at, Direction.OUT, "王芳", "不确定", SendState.UNCERTAIN, None),
        ThreadMessage(9, at, Direction.IN, None, "客户的话", None, None)])
    view.setHtml(html_text)
    shown = view.toPlainText()
    assert "正在发" in shown and "sending…" in shown
    assert "may have been sent Resend · Mark as sent" in shown
    assert 'href="resend:8"' in html_text and 'href="mark-sent:8"' in html_text
    lines = shown.splitlines()
    assert "·" not in lines[lines.index("客户的话") + 1]  # a customer's: no delivery state


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nothing_is_clipped_at_the_default_size_and_at_1280x720(qtbot, sqlite_db, tmp_path,
                                                                language) -> None:
    """Issue 16, item 7: the menu buttons' arrows have room beside their labels, every
    button of the conversation's bars is as wide as its text needs and inside its column,
    and search results wrap instead of being cut or scrolled sideways."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPushButton, QStyle, QWidget

    from shopdesk.ui.app import Shell
    from shopdesk.ui.i18n import LanguageSwitcher
    from shopdesk.ui.settings import Preferences

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, language, str(tmp_path / "log"))
    window = shell.window
    qtbot.addWidget(window)
    try:
        with sqlite_db.read_session() as s:
            window.set_agent(s.scalar(select(Agent).where(Agent.key == "wangfang")))
        window.show()
        inbox = window.inbox
        inbox.list.setCurrentIndex(inbox.model.index(0))
        menus = [inbox.score_button, inbox.assign_button, inbox.snooze_button,
                 inbox.tag_button]

        def room_for_label_and_arrow(button) -> bool:
            style = button.style()
            needed = (button.fontMetrics().horizontalAdvance(button.text())
                      + style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
                      + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button))
            return button.width() >= needed

        bars = [inbox.actions_bar, inbox.score_button.parentWidget()]
        for size in ((1380, 780), (1280, 720)):
            window.resize(*size)
            qtbot.waitUntil(lambda size=size: window.size().width() == size[0])
            for widget in (w for bar in bars for w in bar.findChildren(QWidget)
                           if isinstance(w, QAbstractButton | QComboBox) and w.isVisible()):
                assert widget.width() >= widget.sizeHint().width(), (size, widget.objectName())
                if widget in menus:
                    assert room_for_label_and_arrow(widget), (size, widget.text())
                column = widget.parentWidget().rect()
                assert column.contains(widget.geometry()), (size, widget.objectName())
            inbox.search_box.setText("refund" if language == "en" else "发货")
            inbox.run_search()
            results = inbox.results
            assert results.count() > 3
            assert results.horizontalScrollBar().maximum() == 0
            labels = [results.itemWidget(results.item(i)) for i in range(3)]

            def wrapped(labels=labels, results=results) -> bool:  # as tall as its text
                return all(0 < label.width() <= results.viewport().width() and
                           label.height() >= label.heightForWidth(label.width())
                           for label in labels)

            qtbot.waitUntil(wrapped)
            inbox.search_box.clear()
            inbox.run_search()
        assert all(isinstance(b, QPushButton) for b in menus)
    finally:
        window.close()
        LanguageSwitcher().apply("en")
        shell.languages.apply("en")


def test_ctrl_z_undoes_conversation_actions_and_redo_does_them_again(qtbot, page,
                                                                      sqlite_db) -> None:
    """Issue 16, item 14 (the inbox's part): assignment, priority, snooze and the tags are
    undone with Ctrl+Z and done again with Ctrl+Shift+Z, through the services."""
    from shopdesk.models import Customer
    from shopdesk.models.enums import ConversationStatus, Priority

    page.list.setCurrentIndex(page.model.index(0))
    target = page.current
    with sqlite_db.read_session() as s:
        conv = s.get(Conversation, target)
        was = (conv.assignee_id, conv.priority, conv.status)
        wang = s.scalar(select(Agent.id).where(Agent.key == "wangfang"))
    assert was[0] != wang and was[1] != Priority.URGENT
    with qtbot.waitActive(page):
        page.activateWindow()
    page.assign_me.click()
    assert page.status.text() == "Assigned. Ctrl+Z undoes it."
    page.priority.setCurrentIndex(page.priority.findData(Priority.URGENT.value))
    page.priority.activated.emit(page.priority.currentIndex())
    page.snooze_menu.actions()[0].trigger()
    page._fill_tag_menu()
    vip = next(a for a in page.tag_menu.actions() if a.text() == "VIP")
    had_vip = vip.isChecked()
    vip.toggle()

    def now() -> tuple:
        with sqlite_db.read_session() as s:
            conv = s.get(Conversation, target)
            tags = {t.name for t in s.get(Customer, conv.customer_id).tags}
            return conv.assignee_id, conv.priority, conv.status, "VIP" in tags

    assert now() == (wang, Priority.URGENT, ConversationStatus.SNOOZED, not had_vip)
    page.composer.clearFocus()
    page.list.setFocus()
    for expected in [(wang, Priority.URGENT, ConversationStatus.SNOOZED, had_vip),
                     (wang, Priority.URGENT, was[2], had_vip),
                     (wang, was[1], was[2], had_vip),
                     (*was, had_vip)]:
        qtbot.keyClick(page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert now() == expected
    assert page.status.text() == "Undone: Assigned"
    assert page.priority.currentData() == was[1].value  # the bar shows it too
    qtbot.keyClick(page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert now() == (wang, was[1], was[2], had_vip)
    assert page.status.text() == "Redone: Assigned"
