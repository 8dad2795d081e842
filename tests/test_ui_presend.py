"""The pre-send warning in the inbox composer (send anyway, edit) and Settings → Sending rules,
with pytest-qt; and the pinyin search in the inbox search box."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Message, Store
from shopdesk.services import presend_rules
from shopdesk.ui.inbox import InboxPage
from shopdesk.ui.presend_rules_panel import PresendRulesPanel
from tests.test_ui_agents import when_modal

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, sqlite_db):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    widget = InboxPage(sqlite_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    with sqlite_db.read_session() as s:
        widget.set_actor(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    return widget


def open_store(page, sqlite_db, store_key: str) -> int:
    """Open a conversation of that store; its id."""
    with sqlite_db.read_session() as s:
        conv_id = s.scalar(select(Conversation.id).join(Store).where(Store.key == store_key)
                           .order_by(Conversation.id).limit(1))
    page.open_conversation(conv_id)
    assert page.current == conv_id
    return conv_id


def sent_texts(sqlite_db, conv_id: int) -> list[str]:
    with sqlite_db.read_session() as s:
        return list(s.scalars(select(Message.text).where(Message.conversation_id == conv_id)))


def test_send_anyway_sends_the_text_unchanged(qtbot, page, sqlite_db) -> None:
    conv = open_store(page, sqlite_db, "tmall")
    text = "这款是全网最低价，有问题加我微信 qimu_home88"
    page.composer.setPlainText(text)
    seen: list[list[str]] = []

    def send_anyway(dialog) -> None:
        seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        assert dialog.objectName() == "presendWarning"
        assert dialog.edit_button.isDefault()  # Enter does not send it by accident
        dialog.send_button.click()

    when_modal(send_anyway)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert len(seen) == 1 and len(seen[0]) == 2
    assert "全网最低" in seen[0][0] and "advertising law" in seen[0][0]
    assert "qimu_home88" in seen[0][1] and "WeChat" in seen[0][1] and "Tmall" in seen[0][1]
    assert text in sent_texts(sqlite_db, conv)  # exactly as written
    assert page.composer.toPlainText() == ""


def test_edit_keeps_the_reply_and_selects_the_finding(qtbot, page, sqlite_db) -> None:
    conv = open_store(page, sqlite_db, "pdd")
    text = "亲，您的订单{order_no}已发出，最近有问题请联系13812345678"
    page.composer.setPlainText(text)
    before = sent_texts(sqlite_db, conv)

    def edit(dialog) -> None:
        dialog.list.setCurrentRow(1)  # the phone number (the variable is first)
        dialog.edit_button.click()

    when_modal(edit)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert sent_texts(sqlite_db, conv) == before  # nothing left
    assert page.composer.toPlainText() == text  # nothing changed
    assert page.composer.textCursor().selectedText() == "13812345678"


def test_ordinary_replies_and_notes_go_without_a_warning(qtbot, page, sqlite_db) -> None:
    conv = open_store(page, sqlite_db, "tmall")
    opened: list[str] = []
    when_modal(lambda dialog: (opened.append(dialog.objectName()), dialog.reject()), tries=5)
    page.composer.setPlainText("您最近好吗？我们第一时间为您补发，最快明天到。")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert opened == []
    assert "您最近好吗？我们第一时间为您补发，最快明天到。" in sent_texts(sqlite_db, conv)
    page.composer_panel.note_mode.setChecked(True)  # a note never leaves: no check
    page.composer.setPlainText("客户电话13812345678，全网最低价那单")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert opened == [] and "客户电话13812345678，全网最低价那单" in sent_texts(sqlite_db, conv)


def test_shopify_replies_may_carry_a_phone_number(qtbot, page, sqlite_db) -> None:
    conv = open_store(page, sqlite_db, "shopify")
    opened: list[str] = []
    when_modal(lambda dialog: (opened.append(dialog.objectName()), dialog.reject()), tries=5)
    page.composer.setPlainText("Call us on 13812345678 or see https://qimu.example.com")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    assert opened == [] and len(sent_texts(sqlite_db, conv)) >= 1


def test_the_owner_edits_a_platforms_list_in_settings(qtbot, sqlite_db) -> None:
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    panel = PresendRulesPanel(sqlite_db)
    qtbot.addWidget(panel)
    with sqlite_db.read_session() as s:
        agent = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
    panel.set_actor(agent)
    assert not panel.save_button.isEnabled() and panel.words.isReadOnly()
    panel.set_actor(owner)
    panel.platform.setCurrentIndex(panel.platform.findData("jd"))
    assert "最" in panel.words.toPlainText().splitlines() and panel.contacts.isChecked()
    panel.words.setPlainText("爆款\n最")
    panel.contacts.setChecked(False)
    panel.save_button.click()
    assert panel.message.text() == "Saved."
    with sqlite_db.read_session() as s:
        jd = presend_rules.rules_for(s, "jd")
        assert jd.words == ("爆款", "最") and not jd.contacts
        assert presend_rules.rules_for(s, "tmall").contacts  # the others keep theirs
    panel.defaults_button.click()  # shown, not saved until Save
    assert panel.contacts.isChecked()
    with sqlite_db.read_session() as s:
        assert not presend_rules.rules_for(s, "jd").contacts


def test_inbox_search_box_finds_customers_by_pinyin(qtbot, page, sqlite_db) -> None:
    from pypinyin import lazy_pinyin

    from shopdesk.models import Customer
    from shopdesk.pinyin_keys import has_chinese

    with sqlite_db.read_session() as s:
        customer_id, name = next(
            (cid, n) for cid, n in s.execute(
                select(Customer.id, Customer.name).join(
                    Conversation, Conversation.customer_id == Customer.id)
                .order_by(Customer.id)) if has_chinese(n) and len(n) >= 2)
        theirs = set(s.scalars(select(Conversation.id)
                               .where(Conversation.customer_id == customer_id)))
    spelled = "".join(lazy_pinyin(name))
    page.search_box.setText(spelled)  # typed Latin letters: set like the other tests
    page.run_search()
    found = {page.results.item(i).data(Qt.ItemDataRole.UserRole)[0]
             for i in range(page.results.count())}
    assert theirs & found, (name, spelled)


def test_quick_reply_picker_finds_by_pinyin(qtbot, page, sqlite_db) -> None:
    open_store(page, sqlite_db, "tmall")
    seen: list[list[str]] = []

    def search(picker) -> None:
        for query in ("pscl", "tuihuo", "cuijian"):  # 破损处理, 退货流程, 催件
            picker.search.setText(query)
            groups = [picker.list.topLevelItem(i) for i in range(picker.list.topLevelItemCount())]
            seen.append([g.child(j).text(0).split()[0] for g in groups
                         for j in range(g.childCount())])
        picker.reject()

    when_modal(search)
    qtbot.keyClick(page.composer, Qt.Key.Key_Slash)
    assert seen == [["/ps"], ["/th"], ["/cui"]]
