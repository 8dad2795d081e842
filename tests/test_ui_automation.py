"""Settings → Automation, the editor and its Try box, the care review, and automation in the
inbox (exclusion, the automatic label, typing holds replies), with pytest-qt on both
backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from sqlalchemy import func, select, update

from shopdesk.models import (
    Agent,
    AuditEvent,
    AutomationFiring,
    AutomationRule,
    Conversation,
    Customer,
    Message,
    Store,
)
from shopdesk.services import automation_care
from shopdesk.services.automation_rules import RuleSpec, save_rule
from shopdesk.ui.automation_care_review import CareReview
from shopdesk.ui.automation_editor import AutomationEditor
from shopdesk.ui.automation_inbox import HOLD_EVERY, HOLD_SECONDS
from shopdesk.ui.automation_panel import AutomationPanel
from shopdesk.ui.inbox import InboxPage
from shopdesk.ui.inbox_composer import ComposerPanel
from shopdesk.ui.inbox_thread import ThreadView
from shopdesk.ui.settings import Preferences
from tests.automation_shop import NOON, cycle, make_shop, owner, rows, rule, say, texts

pytestmark = pytest.mark.gui
INVOICE = [{"kind": "send", "text": {"zh": "发票请联系客服开具", "en": "Invoices: ask us"}}]


@pytest.fixture
def shop(db):
    return make_shop(db)


def _agent(db, shop, who: str = "owner") -> Agent:
    with db.read_session() as s:
        return s.get(Agent, shop[who])


def _rule(db, rule_id: int) -> AutomationRule:
    with db.read_session() as s:
        return s.get(AutomationRule, rule_id)


def test_the_switch_in_the_list_turns_a_rule_on_and_off(qtbot, db, shop) -> None:
    rid = rule(db, shop, {"kind": "keyword", "words": ["发票"]}, INVOICE, name="发票回复")
    with db.transaction() as s:
        s.get(AutomationRule, rid).enabled = False
    panel = AutomationPanel(db)
    qtbot.addWidget(panel)
    panel.set_actor(_agent(db, shop))
    item = panel.table.item(panel.row_of(rid), 0)
    assert item.text() == "发票回复" and item.checkState() == Qt.CheckState.Unchecked
    assert panel.table.item(panel.row_of(rid), 3).text() == "Message contains: 发票"
    item.setCheckState(Qt.CheckState.Checked)
    assert _rule(db, rid).enabled is True
    panel.table.item(panel.row_of(rid), 0).setCheckState(Qt.CheckState.Unchecked)
    assert _rule(db, rid).enabled is False
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.in_(["rule.enable", "rule.disable"]))) == 2


def test_an_agent_sees_the_rules_but_cannot_switch_them(qtbot, db, shop) -> None:
    rid = rule(db, shop, {"kind": "first_message"}, INVOICE, name="问候")
    panel = AutomationPanel(db)
    qtbot.addWidget(panel)
    panel.set_actor(_agent(db, shop, "a1"))
    item = panel.table.item(panel.row_of(rid), 0)
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not any(b.isEnabled() for b in panel.buttons.values())
    assert panel.buttons["new"].toolTip()
    item.setCheckState(Qt.CheckState.Unchecked)  # even when forced, nothing changes
    assert _rule(db, rid).enabled is True


def _build_by_picking(editor: AutomationEditor, qtbot) -> None:
    editor.name.setText("发票自动回复")
    editor.store.setCurrentIndex(1)  # the shop's one store
    editor.trigger.setCurrentIndex(editor.trigger.findData("keyword"))
    editor.trigger_params[0].edit.setText("发票，invoice")
    segment = editor.conditions.add("segment")
    segment.findChild(type(segment.fields[0].boxes["vip"]), "check_segments_vip").setChecked(True)
    assigned = editor.conditions.add("assigned")
    assigned.fields[0].box.setCurrentIndex(assigned.fields[0].box.findData(False))
    send = editor.actions.add("send").fields[0]
    send.zh.setFocus()
    send.zh.insertPlainText("您好 ")
    send.last = send.zh
    qtbot.mouseClick(send.inserts["customer"], Qt.MouseButton.LeftButton)
    send.zh.insertPlainText("，发票三天内开出")
    send.en.setPlainText("Hi, the invoice comes within 3 days")
    tag = editor.actions.add("tag").fields[0]
    tag.box.setEditText("要发票")
    editor.switch.setChecked(True)


def test_the_editor_saves_a_rule_built_only_by_picking(qtbot, db, shop) -> None:
    editor = AutomationEditor(db, _agent(db, shop))
    qtbot.addWidget(editor)
    _build_by_picking(editor, qtbot)
    doomed = editor.actions.add("priority")
    qtbot.mouseClick(doomed.remove, Qt.MouseButton.LeftButton)  # added and removed again
    editor.save()
    assert editor.result() == editor.DialogCode.Accepted, editor.message.text()
    r = _rule(db, editor.saved_id)
    assert (r.name, r.store_id, r.enabled, r.trigger) == ("发票自动回复", shop["store"], True,
                                                          "keyword")
    assert r.trigger_params == {"words": ["发票", "invoice"]}
    assert r.conditions == [{"kind": "segment", "segments": ["vip"]},
                            {"kind": "assigned", "assigned": False}]
    assert r.actions == [{"kind": "send", "text": {"zh": "您好 {customer}，发票三天内开出",
                                                   "en": "Hi, the invoice comes within 3 days"}},
                         {"kind": "tag", "tag": "要发票"}]
    again = AutomationEditor(db, _agent(db, shop), r.id)  # and it shows again as saved
    qtbot.addWidget(again)
    assert again.spec() == RuleSpec(r.name, {"kind": "keyword", **r.trigger_params},
                                    r.conditions, r.actions, r.store_id, True)


def test_the_editor_says_what_is_missing_instead_of_saving(qtbot, db, shop) -> None:
    editor = AutomationEditor(db, _agent(db, shop))
    qtbot.addWidget(editor)
    editor.name.setText("空")
    editor.save()
    assert editor.result() != editor.DialogCode.Accepted
    assert "Add at least one action." in editor.message.text()
    assert rows(db, AutomationRule) == 0


def test_the_try_box_shows_what_would_be_sent_and_changes_nothing(qtbot, db, shop) -> None:
    other = rule(db, shop, {"kind": "keyword", "words": ["尺码"]},
                 [{"kind": "send", "text": "尺码表见详情页"}], name="尺码")
    conv = say(db, shop, "你好", NOON - timedelta(hours=1))
    before = (rows(db, Message), rows(db, AutomationFiring), rows(db, AutomationRule),
              rows(db, AuditEvent))
    editor = AutomationEditor(db, _agent(db, shop))
    qtbot.addWidget(editor)
    editor.name.setText("发票")
    editor.trigger.setCurrentIndex(editor.trigger.findData("keyword"))
    editor.trigger_params[0].edit.setText("发票")
    send = editor.actions.add("send").fields[0]
    send.zh.setPlainText("发票请联系客服开具")
    editor.actions.add("priority").fields[0].box.setCurrentIndex(2)  # high
    box = editor.try_box
    box.text.setText("请问可以开发票吗")
    box.at.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(12, 0)))
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    shown = box.result.toPlainText()
    assert "✓ 发票" in shown
    assert "Send: 发票请联系客服开具" in shown and "Set priority: High" in shown
    assert "✗ 尺码 — The trigger does not match" in shown
    results = box.results()
    assert [(r.rule, r.fires) for r in results] == [("发票", True), ("尺码", False)]
    assert (rows(db, Message), rows(db, AutomationFiring), rows(db, AutomationRule),
            rows(db, AuditEvent)) == before
    assert _rule(db, other).enabled is True and texts(db, conv) == []


def _vip_customers(db, shop, n: int) -> list[int]:
    convs = [say(db, shop, "在吗", NOON - timedelta(days=2), thread=f"c{i}", handle=f"h{i}",
                 name=f"顾客{i}") for i in range(n)]
    with db.transaction() as s:
        ids = list(s.scalars(select(Conversation.customer_id).where(Conversation.id.in_(convs))))
        s.execute(update(Customer).where(Customer.id.in_(ids)).values(segment="vip"))
        s.execute(update(Message).values(send_state=None).where(Message.send_state.is_not(None)))
    return convs


def test_care_messages_are_sent_only_as_the_owner_approved_them(qtbot, db, shop) -> None:
    convs = _vip_customers(db, shop, 3)
    rid = rule(db, shop, {"kind": "care_date", "date": "2026-12-01", "segments": ["vip"]},
               [{"kind": "send", "text": "{customer} 您好，节日快乐"}], name="节日问候")
    with db.transaction() as s:
        made = automation_care.propose(s, s.get(AutomationRule, rid), s.get(Store, shop["store"]),
                                       NOON)
    assert made == 3
    review = CareReview(db, _agent(db, shop), rid)
    qtbot.addWidget(review)
    assert review.table.rowCount() == 3
    assert review.table.item(0, 2).text() == "顾客0 您好，节日快乐"
    review.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # not this one
    cycle(db, NOON)  # nothing is sent before approval
    assert all(texts(db, c) == [] for c in convs)
    qtbot.mouseClick(review.approve, Qt.MouseButton.LeftButton)
    assert [r.state for r in review.rows] == ["approved", "rejected", "approved"]
    assert "2 approved, 1 removed" in review.message.text()
    assert not review.approve.isEnabled()
    cycle(db, NOON + timedelta(minutes=5))
    assert [texts(db, c) for c in convs] == [["顾客0 您好，节日快乐"], [], ["顾客2 您好，节日快乐"]]


def test_an_agent_cannot_approve_care_messages(qtbot, db, shop) -> None:
    _vip_customers(db, shop, 1)
    rid = rule(db, shop, {"kind": "care_date", "date": "2026-12-01", "segments": ["vip"]},
               [{"kind": "send", "text": "节日快乐"}], name="节日问候")
    with db.transaction() as s:
        automation_care.propose(s, s.get(AutomationRule, rid), s.get(Store, shop["store"]), NOON)
    review = CareReview(db, _agent(db, shop, "a1"), rid)
    qtbot.addWidget(review)
    assert not review.approve.isEnabled() and review.approve.toolTip()


def _inbox(qtbot, db, shop, who: str = "a1") -> InboxPage:
    page = InboxPage(db)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.set_actor(_agent(db, shop, who))
    return page


def test_a_conversation_excluded_in_the_inbox_gets_no_automatic_reply(qtbot, db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, INVOICE, name="发票回复")
    conv = say(db, shop, "你好", NOON)
    page = _inbox(qtbot, db, shop)
    page.open_conversation(conv)
    box = page.automation_box
    assert box.isEnabled() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    with db.read_session() as s:
        assert s.get(Conversation, conv).automation_excluded is True
    assert box.isChecked()
    say(db, shop, "要开发票", NOON + timedelta(minutes=1))
    cycle(db, NOON + timedelta(minutes=1))
    assert texts(db, conv) == []
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # included again
    with db.read_session() as s:
        assert s.get(Conversation, conv).automation_excluded is False
    assert not box.isChecked()


def test_automatic_messages_show_as_automatic_with_the_rules_name(qtbot, db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, INVOICE, name="发票回复")
    rule(db, shop, {"kind": "keyword", "words": ["加急"]}, [{"kind": "priority",
                                                            "priority": "high"}], name="加急")
    conv = say(db, shop, "要开发票，加急", NOON)
    cycle(db, NOON)
    view = ThreadView(db)
    qtbot.addWidget(view)
    view.open(conv)
    view.show_thread()
    shown = view.toPlainText()
    assert "Automatic · 发票回复" in shown
    assert "发票请联系客服开具" in shown
    with db.read_session() as s:
        system = s.scalar(select(Message.text).where(Message.conversation_id == conv,
                                                     Message.rule_name == "加急",
                                                     Message.direction == "system"))
    assert system and f"Automatic · {system}" in shown


def test_typing_in_the_composer_holds_automatic_replies(qtbot, db, shop) -> None:
    rule(db, shop, {"kind": "keyword", "words": ["发票"]}, INVOICE, name="发票回复")
    conv = say(db, shop, "你好", NOON)
    composer = ComposerPanel(db, Preferences())
    qtbot.addWidget(composer)
    tick = [1000.0]
    composer.typing.clock = lambda: tick[0]
    composer.typing.now = lambda: NOON
    composer.open(conv)
    assert composer.typing.writes == 0  # opening (the draft shown) is not typing
    for key in "hello":
        qtbot.keyClicks(composer.editor, key)
    composer.typing.wait()
    assert composer.typing.writes == 1  # not one write per keystroke
    with db.read_session() as s:
        until = s.get(Conversation, conv).automation_hold_until
    assert until is not None and abs((until.astimezone(NOON.tzinfo) - NOON).total_seconds()
                                     - HOLD_SECONDS) < 1
    say(db, shop, "发票", NOON + timedelta(seconds=5))
    cycle(db, NOON, minutes=0)  # the agent is typing: the reply waits
    assert texts(db, conv) == []
    tick[0] += HOLD_EVERY
    qtbot.keyClicks(composer.editor, "!")
    composer.typing.wait()
    assert composer.typing.writes == 2
    cycle(db, NOON, minutes=2)  # they stopped typing half a minute ago
    assert texts(db, conv) == ["发票请联系客服开具"]


def test_the_settings_page_has_the_automation_tab(qtbot, db, shop) -> None:
    from shopdesk.credentials import Credentials
    from shopdesk.ui.pages import SettingsPage

    page = SettingsPage("settingsPage", db, Credentials())
    qtbot.addWidget(page)
    page.set_actor(_agent(db, shop))
    assert page.tabs.tabText(page.tabs.indexOf(page.automation)) == "Automation"
    assert page.automation.buttons["new"].isEnabled()
    with db.transaction() as s:
        save_rule(s, owner(s, shop), RuleSpec("x", {"kind": "first_message"}, [], INVOICE))
    page.automation.reload()
    assert page.automation.table.rowCount() == 1


def test_in_chinese_the_editor_says_what_is_missing_in_chinese(qtbot, db, shop) -> None:
    from shopdesk.ui.i18n import LanguageSwitcher
    from shopdesk.ui.service_text_automation import automation_patterns

    switcher = LanguageSwitcher()
    switcher.apply("zh_CN")
    try:
        untranslated = [p for p, text in automation_patterns()
                        if not any("\u4e00" <= ch <= "\u9fff" for ch in text)]
        assert not untranslated
        editor = AutomationEditor(db, _agent(db, shop))
        qtbot.addWidget(editor)
        assert editor.try_box.button.text() == "试运行"
        editor.name.setText("空")
        editor.trigger.setCurrentIndex(editor.trigger.findData("no_reply"))
        editor.save()
        assert editor.message.text() == "请至少添加一个动作。"
    finally:
        switcher.apply("en")


def test_a_built_in_rule_is_switched_off_not_deleted(qtbot, db, shop) -> None:
    from shopdesk.services import automation_builtin

    with db.transaction() as s:
        automation_builtin.ensure(s, today=NOON.date())
    own = rule(db, shop, {"kind": "first_message"}, INVOICE, name="我的规则")
    panel = AutomationPanel(db)
    qtbot.addWidget(panel)
    panel.set_actor(_agent(db, shop))
    greeting = next(r for r in panel.rules if r[6] == "greeting")
    panel.table.setCurrentCell(panel.row_of(greeting[0]), 1)
    assert panel.table.item(panel.row_of(greeting[0]), 2).text() == "Built in"
    assert not panel.buttons["delete"].isEnabled()
    panel.table.setCurrentCell(panel.row_of(own), 1)
    assert panel.buttons["delete"].isEnabled()
    panel.delete(confirmed=True)
    assert _rule(db, own) is None and "Deleted 我的规则." in panel.message.text()
