"""The returns wizard, board and step dialog with pytest-qt, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard
from sqlalchemy import select

from shopdesk.models import (
    Agent,
    Conversation,
    Customer,
    Message,
    Order,
    OrderItem,
    ReturnCase,
    Store,
)
from shopdesk.models.enums import (
    ConversationStatus,
    Direction,
    OrderStatus,
    Platform,
    ReturnKind,
    ReturnReason,
    ReturnState,
    Role,
)
from shopdesk.services import agents as agent_svc
from shopdesk.times import utcnow
from shopdesk.ui.return_wizard import ReturnWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def prefs(tmp_path):
    from PySide6.QtCore import QSettings

    from shopdesk.ui.settings import Preferences

    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def shop(sqlite_db):
    now = utcnow()
    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges(
            "Wang", Role.AGENT, refund_limits={"CNY": 50000}))
        books = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Lin", Role.BOOKKEEPER))
        st = Store(key="tm", name="天猫旗舰店", platform=Platform.TMALL, currency="CNY",
                   timezone="Asia/Shanghai", colour="#FF5000")
        cu = Customer(key="c1", name="王芳")
        o = Order(store=st, customer=cu, order_no="2041586613212345678",
                  placed_at=now - timedelta(days=4), delivered_at=now - timedelta(days=2),
                  status=OrderStatus.DELIVERED, currency="CNY", total_minor=33700,
                  shipping_minor=1000)
        o.items += [OrderItem(sku="CUP", title="杯子", qty=2, unit_price_minor=6400),
                    OrderItem(sku="POT", title="茶壶", qty=1, unit_price_minor=19900)]
        conv = Conversation(store=st, customer=cu, status=ConversationStatus.OPEN,
                            last_message_at=now, last_direction=Direction.IN)
        s.add_all([o, conv])
        s.flush()
        s.add(Message(conversation_id=conv.id, store_id=st.id, at=now, direction=Direction.IN,
                      text="杯子碎了，要退货"))
        return {"owner": owner.id, "wang": wang.id, "books": books.id, "order": o.id,
                "conv": conv.id}


def actor(db, agent_id: int) -> Agent:
    with db.read_session() as s:
        return s.get(Agent, agent_id)


def open_wizard(qtbot, db, shop, **kw) -> ReturnWizard:
    wizard = ReturnWizard(db, actor(db, shop["wang"]), **kw)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def next_page(wizard: ReturnWizard) -> None:
    before = wizard.currentId()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == before + 1, wizard.currentPage().error.text()


@pytest.mark.parametrize("kind", list(ReturnKind))
def test_wizard_walk_for_each_kind(qtbot, sqlite_db, shop, kind) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop, conversation_id=shop["conv"], lang="zh_CN")
    page = wizard.order_page
    assert [h.order_id for h in page.hits] == [shop["order"]]  # pre-filled from the chat
    assert "2041586613212345678" in page.details.text()
    next_page(wizard)
    wizard.items_page.spins["CUP"].setValue(2)
    assert wizard.items_page.spins["CUP"].maximum() == 2
    next_page(wizard)
    wizard.kind_page.buttons[kind].setChecked(True)
    if kind == ReturnKind.EXCHANGE:
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert "exchange" in wizard.kind_page.error.text()
        wizard.kind_page.replacement.setText("杯子 蓝色")
    next_page(wizard)
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.DAMAGED_IN_TRANSIT.value))
    assert "inside" in reason.window_info.text()
    expected_ship = "nothing is sent back" if kind == ReturnKind.REFUND_ONLY else "by the shop"
    assert expected_ship in reason.shipping_info.text()
    reason.text.setPlainText("两个都碎了")
    next_page(wizard)
    assert wizard.amount_page.amount.text() == "128.00"
    next_page(wizard)
    review = wizard.review_page
    assert "128.00" in review.summary.text()
    assert review.send.isChecked() and "2041586613212345678" in review.message.toPlainText()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    with sqlite_db.read_session() as s:
        case = s.get(ReturnCase, wizard.case_id)
        assert (case.kind, case.reason, case.requested_minor, case.state) == (
            kind, ReturnReason.DAMAGED_IN_TRANSIT, 12800, ReturnState.REQUESTED)
        assert case.replacement == ("杯子 蓝色" if kind == ReturnKind.EXCHANGE else None)
        directions = list(s.scalars(select(Message.direction).where(
            Message.conversation_id == shop["conv"]).order_by(Message.id)))
        assert directions == [Direction.IN, Direction.SYSTEM, Direction.OUT]


def test_wizard_shows_its_steps_a_reason_that_applies_and_a_full_review(
        qtbot, sqlite_db, shop) -> None:
    with sqlite_db.transaction() as s:  # delivered a month ago: the no-reason window is over
        s.get(Order, shop["order"]).delivered_at = utcnow() - timedelta(days=30)
    wizard = open_wizard(qtbot, sqlite_db, shop, order_id=shop["order"])
    steps = wizard.order_page.steps.text()
    assert "<b" in steps and steps.index("1 Order") < steps.index("<span")  # 1 of 6, bold
    assert "6 Review" in steps
    next_page(wizard)
    wizard.items_page.spins["POT"].setValue(1)
    next_page(wizard)
    assert "✓ 1 Order" in wizard.kind_page.steps.text()
    next_page(wizard)  # return and refund
    reason = wizard.reason_page
    assert "outside" in reason.window_info.text()
    assert reason.reason_value() == ReturnReason.QUALITY_ISSUE  # not "no reason"
    no_reason = reason.reason.model().item(
        reason.reason.findData(ReturnReason.NO_REASON_7_DAYS.value))
    assert not no_reason.isEnabled()
    reason.text.setPlainText("壶盖有裂纹\n拍了照片")
    next_page(wizard)
    next_page(wizard)
    summary = wizard.review_page.summary.text()
    assert "壶盖有裂纹<br>拍了照片" in summary
    assert "Return shipping" in summary and "Paid by the shop" in summary
    assert "4 Reason" in wizard.review_page.steps.text()


def test_wizard_refuses_bad_input_page_by_page(qtbot, sqlite_db, shop) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop)
    page = wizard.order_page
    assert page.hits == [] and not page.isComplete()
    page.search.setText("茶壶")
    page.run_search()
    assert len(page.hits) == 1 and page.isComplete()
    next_page(wizard)
    items = wizard.items_page
    items.spins["CUP"].setValue(0)
    items.spins["POT"].setValue(0)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "at least one item" in items.error.text() and wizard.currentPage() is items
    items.spins["POT"].setValue(5)  # the spin box stops at what may be returned
    assert items.spins["POT"].value() == 1
    next_page(wizard)
    next_page(wizard)
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.OTHER.value))
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "Describe the reason" in reason.error.text()
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.SIZE_OR_FIT.value))
    assert "by the customer" in reason.shipping_info.text()
    next_page(wizard)
    amount = wizard.amount_page
    assert amount.amount.text() == "199.00"
    for bad, message in (("abc", "not an amount"), ("337.01", "At most ¥337.00"),
                         ("0", "more than zero"), ("1.234", "")):
        amount.amount.setText(bad)
        wizard.button(QWizard.WizardButton.NextButton).click()
        assert wizard.currentPage() is amount
        assert message.lower() in amount.error.text().lower()
    amount.amount.setText("150")
    next_page(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    with sqlite_db.read_session() as s:
        case = s.get(ReturnCase, wizard.case_id)
        assert case.requested_minor == 15000 and case.conversation_id == shop["conv"]


def test_wizard_with_the_keyboard_alone(qtbot, sqlite_db, shop) -> None:
    wizard = open_wizard(qtbot, sqlite_db, shop)
    qtbot.waitActive(wizard)
    qtbot.waitUntil(wizard.order_page.search.hasFocus)
    qtbot.keyClicks(wizard.order_page.search, "2041586613")
    qtbot.keyClick(wizard.order_page.search, Qt.Key.Key_Return)  # to the results
    assert wizard.order_page.isComplete() and wizard.currentPage() is wizard.order_page
    assert wizard.order_page.results.hasFocus()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # Next
    assert wizard.currentPage() is wizard.items_page
    qtbot.waitUntil(lambda: wizard.items_page.spins["CUP"].hasFocus())
    qtbot.keyClicks(wizard.focusWidget(), "1")
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.kind_page
    qtbot.waitUntil(wizard.kind_page.buttons[ReturnKind.RETURN_REFUND].hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # return and refund (default)
    assert wizard.currentPage() is wizard.reason_page
    qtbot.waitUntil(wizard.reason_page.reason.hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # the first reason: no reason
    assert wizard.currentPage() is wizard.amount_page
    qtbot.waitUntil(wizard.amount_page.amount.hasFocus)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.review_page
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)  # Finish
    assert wizard.case_id is not None


def test_bookkeeper_cannot_finish(qtbot, sqlite_db, shop) -> None:
    wizard = ReturnWizard(sqlite_db, actor(sqlite_db, shop["books"]), order_id=shop["order"])
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(wizard)
    wizard.items_page.spins["CUP"].setValue(1)
    for _ in range(4):
        next_page(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "bookkeeper" in wizard.review_page.error.text().lower()
    assert wizard.case_id is None


# -- the board -----------------------------------------------------------------------------------

def make_case(db, shop, who="wang", **kw) -> int:
    from shopdesk.services import return_opening as svc

    base = {"order_id": shop["order"], "quantities": {"CUP": 1}, "kind": ReturnKind.REFUND_ONLY,
            "reason": ReturnReason.QUALITY_ISSUE, "amount_minor": 6400,
            "conversation_id": shop["conv"]}
    with db.transaction() as s:
        return svc.create_case(s, s.get(Agent, shop[who]), svc.NewCase(**{**base, **kw})).id


@pytest.fixture
def board(qtbot, sqlite_db, shop):
    from shopdesk.ui.returns_board import ReturnsPage

    page = ReturnsPage("returnsPage", sqlite_db)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.set_actor(actor(sqlite_db, shop["wang"]))
    return page


def pick(page, case_id: int) -> None:
    page.reload()
    page.select_case(case_id)
    assert page.panel.view is not None and page.panel.view.case_id == case_id


def test_board_lists_overdue_first_in_red_and_filters(qtbot, sqlite_db, shop, board) -> None:
    fresh = make_case(sqlite_db, shop)
    old = make_case(sqlite_db, shop, quantities={"POT": 1}, amount_minor=19900,
                    kind=ReturnKind.RETURN_REFUND)
    with sqlite_db.transaction() as s:
        s.get(ReturnCase, old).updated_at = utcnow() - timedelta(hours=50)
    board.reload()
    model = board.model
    assert [r.case_id for r in model.rows] == [old, fresh]
    assert model.index(0, 8).data().endswith("(overdue)")
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b91c1c"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 overdue" in board.count.text()
    board.overdue_only.setChecked(True)
    assert [r.case_id for r in model.rows] == [old]
    board.overdue_only.setChecked(False)
    board.kind_filter.setCurrentIndex(board.kind_filter.findData(ReturnKind.REFUND_ONLY.value))
    assert [r.case_id for r in model.rows] == [fresh]


def test_case_panel_offers_only_the_next_steps_and_takes_them(qtbot, sqlite_db, shop,
                                                              board) -> None:
    from shopdesk.ui.returns_board import StepDialog

    case_id = make_case(sqlite_db, shop)
    panel = board.panel
    # No case: the box says what it will hold, wrapped to its width.
    assert panel.timeline.toPlainText().startswith("The timeline of the chosen case")
    assert panel.timeline.toPlainText().endswith("tracking numbers and photos.")
    pick(board, case_id)
    assert panel.timeline.toPlainText()
    assert set(panel.step_buttons) == {"approve", "reject", "cancel"}
    assert "2041586613212345678" in panel.header.text()
    panel.step_buttons["approve"].click()
    dialog = panel.dialog
    assert isinstance(dialog, StepDialog) and dialog.amount.text() == "64.00"
    dialog.amount.setText("70")
    dialog.apply()
    assert "more than the requested" in dialog.error.text() and not dialog.applied
    dialog.amount.setText("60.00")
    dialog.send.setChecked(True)
    assert "¥60.00" in dialog.message.toPlainText()
    dialog.apply()
    assert dialog.applied
    assert set(panel.step_buttons) == {"refund", "cancel"}
    assert "approved ¥60.00" in panel.header.text()
    panel.step_buttons["refund"].click()
    panel.dialog.apply()
    # Money leaves the shop only after a question that names the amount and the customer.
    box = panel.dialog.confirmation
    assert box is not None and "¥60.00" in box.text() and "王芳" in box.text()
    assert set(panel.step_buttons) == {"refund", "cancel"}  # nothing paid yet
    box.findChild(QPushButton, "confirmPay").click()
    assert set(panel.step_buttons) == {"close"}
    assert "refunded ¥60.00" in panel.header.text()
    timeline = panel.timeline.toPlainText()
    assert timeline.index("Refunded") < timeline.index("Approved") < timeline.index("Requested")
    with sqlite_db.read_session() as s:
        texts = list(s.scalars(select_messages(shop["conv"])))
        assert any("¥60.00" in t for t in texts)  # the approval message went out


def select_messages(conv_id: int):
    return select(Message.text).where(Message.conversation_id == conv_id,
                                      Message.direction == Direction.OUT)


def test_stale_step_says_who_changed_the_case(qtbot, sqlite_db, shop, board) -> None:
    from shopdesk.services import return_steps as svc

    case_id = make_case(sqlite_db, shop)
    pick(board, case_id)
    with sqlite_db.transaction() as s:  # the owner, on another PC, approves meanwhile
        case = s.get(ReturnCase, case_id)
        svc.take_step(s, s.get(Agent, shop["owner"]), case_id, case.version,
                      svc.StepInput("approve"))
    board.panel.step_buttons["cancel"].click()
    dialog = board.panel.dialog
    dialog.note.setPlainText("duplicate")
    dialog.apply()
    assert "changed by Owner at" in dialog.error.text() and not dialog.applied
    dialog.reject()
    assert "refund" in board.panel.step_buttons  # reloaded: now approved


def test_refund_above_the_limit_waits_for_the_owner(qtbot, sqlite_db, shop, board) -> None:
    case_id = make_case(sqlite_db, shop, quantities={"CUP": 2, "POT": 1}, amount_minor=33700)
    with sqlite_db.transaction() as s:
        s.get(Agent, shop["wang"]).refund_limits = {"CNY": 20000}  # ¥200.00
    board.set_actor(actor(sqlite_db, shop["wang"]))
    pick(board, case_id)
    panel = board.panel
    assert not panel.step_buttons["approve"].isEnabled()
    assert "refund limit" in panel.step_buttons["approve"].toolTip()
    assert panel.ask_owner.isVisibleTo(panel)
    panel.ask_owner.click()
    assert "with the owner" in panel.message.text()
    assert panel.view.assignee == "Owner"


def test_bookkeeper_sees_but_does_not_change(qtbot, sqlite_db, shop, board) -> None:
    case_id = make_case(sqlite_db, shop)
    board.set_actor(actor(sqlite_db, shop["books"]))
    pick(board, case_id)
    assert all(not b.isEnabled() for b in board.panel.step_buttons.values())
    assert "bookkeeper" in board.panel.blocked.text().lower()
    assert not board.new_button.isEnabled() and board.export_button.isEnabled()


def test_export_refunds_dialog(qtbot, sqlite_db, shop, board, tmp_path) -> None:
    from openpyxl import load_workbook

    from shopdesk.services import return_steps as svc
    from shopdesk.ui.export_dialog import ExportDialog

    case_id = make_case(sqlite_db, shop)
    with sqlite_db.transaction() as s:
        owner = s.get(Agent, shop["owner"])
        for action in ("approve", "refund"):
            case = s.get(ReturnCase, case_id)
            svc.take_step(s, owner, case_id, case.version, svc.StepInput(action))
    dialog = ExportDialog(sqlite_db, "refunds", actor(sqlite_db, shop["books"]), "zh_CN")
    qtbot.addWidget(dialog)
    assert dialog.chosen_stores() is None
    dialog.stores.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.export_to(tmp_path / "r.xlsx")
    assert "at least one store" in dialog.message.text()
    dialog.stores.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.export_to(tmp_path / "r")
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert dialog.open_folder.isVisibleTo(dialog)
    rows = list(load_workbook(tmp_path / "r.xlsx")["退款明细"].iter_rows(min_row=2,
                                                                        values_only=True))
    assert [(r[3], r[4], r[6]) for r in rows] == [("2041586613212345678", "王芳", 64)]


def test_inbox_start_return_opens_the_wizard_for_the_conversation(qtbot, sqlite_db, shop,
                                                                   prefs) -> None:
    from shopdesk.ui.app import Shell

    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.window.set_agent(actor(sqlite_db, shop["wang"]))
    inbox = shell.window.inbox
    inbox.open_conversation(shop["conv"])
    assert inbox.start_return.isEnabled()
    inbox.start_return.click()
    wizard = shell.window.returns.wizard
    assert wizard.isVisible() and wizard.customer_id is not None
    assert [h.order_id for h in wizard.order_page.hits] == [shop["order"]]
    wizard.reject()
    shell.window.set_agent(actor(sqlite_db, shop["books"]))
    assert not inbox.start_return.isEnabled()
    assert "bookkeeper" in inbox.start_return.toolTip()


def test_customer_card_links_to_cases_and_starts_a_return_on_an_order(qtbot, sqlite_db, shop,
                                                                      prefs) -> None:
    from PySide6.QtCore import QUrl

    from shopdesk.ui.app import Shell

    case_id = make_case(sqlite_db, shop)
    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.window.set_agent(actor(sqlite_db, shop["wang"]))
    inbox = shell.window.inbox
    inbox.open_conversation(shop["conv"])
    card = inbox.card
    assert f"R-{case_id}" in card.view.toPlainText() and "Start return" in card.view.toPlainText()
    card._link(QUrl(f"return:{case_id}"))
    assert shell.window.stack.currentWidget() is shell.window.returns
    assert shell.window.returns.panel.view.case_id == case_id
    card._link(QUrl(f"return-order:{shop['order']}"))
    wizard = shell.window.returns.wizard
    assert wizard.order_page.isComplete() and wizard.facts.order_id == shop["order"]
    assert wizard.conversation_id == shop["conv"]
    wizard.reject()


def test_settings_return_rules_panel(qtbot, sqlite_db, shop) -> None:
    from shopdesk.ui.store_rules_panel import StoreRulesPanel

    panel = StoreRulesPanel(sqlite_db)
    qtbot.addWidget(panel)
    panel.set_actor(actor(sqlite_db, shop["wang"]))
    assert not panel.save_button.isEnabled()
    panel.set_actor(actor(sqlite_db, shop["owner"]))
    assert panel.spins["no_reason_return_days"].value() == 7
    panel.spins["no_reason_return_days"].setValue(15)
    panel.save_button.click()
    assert panel.status.text() == "Saved."
    with sqlite_db.read_session() as s:
        assert s.scalar(select(Store.settings)) == {
            "no_reason_return_days": 15, "answer_request_hours": 48, "ship_back_days": 7,
            "refund_hours": 48, "sla_critical_hours": 2, "sla_high_hours": 8,
            "sla_normal_hours": 24, "sla_low_hours": 72, "rfm_window_days": 90,
            "rfm_vip_orders": 3, "rfm_vip_spent_minor": 100_000, "rfm_new_days": 30,
            "rfm_lost_days": 180, "survey_enabled": True, "survey_template": ""}
    panel.load()
    assert panel.spins["no_reason_return_days"].value() == 15
    # the VIP spending is an amount in the store's currency, not cents
    spent = panel.amounts["rfm_vip_spent_minor"]
    assert spent.text() == "1000.00" and "CNY" in panel.labels["rfm_vip_spent_minor"].text()
    for bad in ("abc", "-5", "12.345"):
        spent.setText(bad)
        panel.save_button.click()
        assert panel.error.text(), bad
    with sqlite_db.read_session() as s:
        assert s.scalar(select(Store.settings))["rfm_vip_spent_minor"] == 100_000
    spent.setText("1,500.50")
    panel.save_button.click()
    assert panel.error.text() == ""
    with sqlite_db.read_session() as s:
        assert s.scalar(select(Store.settings))["rfm_vip_spent_minor"] == 150_050


# -- complaints ----------------------------------------------------------------------------------

def test_create_complaint_from_the_inbox_and_work_it(qtbot, sqlite_db, shop, prefs) -> None:
    from shopdesk.models import Complaint
    from shopdesk.ui.app import Shell
    from shopdesk.ui.complaints import ComplaintDialog, NewComplaintDialog

    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.window.set_agent(actor(sqlite_db, shop["wang"]))
    inbox = shell.window.inbox
    inbox.open_conversation(shop["conv"])
    assert inbox.create_complaint.isEnabled()
    inbox.create_complaint.click()
    dialog = shell.window.complaints.dialog
    assert isinstance(dialog, NewComplaintDialog) and dialog.objectName() == "complaintDialog"
    assert dialog.customer.currentText() == "王芳" and not dialog.customer.isEnabled()
    assert dialog.order.currentData() == shop["order"]
    assert dialog.details.toPlainText() == "> 杯子碎了，要退货"
    dialog.save()
    assert "summary" in dialog.error.text()
    dialog.summary.setText("杯子碎了")
    dialog.severity.setCurrentIndex(dialog.severity.findData("critical"))
    dialog.save()
    assert dialog.complaint_id is not None
    worked = shell.window.complaints.worked
    assert isinstance(worked, ComplaintDialog)
    panel = worked.panel
    assert panel.buttons["start"].isVisibleTo(worked)
    assert not panel.buttons["close"].isVisibleTo(worked)
    panel.buttons["escalate"].click()
    assert "why" in panel.error.text()
    panel.note.setPlainText("需要供应商确认")
    panel.buttons["escalate"].click()
    assert "Tier 2" in panel.header.text()
    panel.resolution.setPlainText("补发")
    panel.compensation.setText("12.50")
    panel.buttons["resolve"].click()
    # Money leaves the shop only after a question that names the amount and the customer.
    box = panel.confirmation
    assert box is not None and "¥12.50" in box.text() and "王芳" in box.text()
    with sqlite_db.read_session() as s:
        assert s.get(Complaint, dialog.complaint_id).status.value == "escalated"
    box.findChild(QPushButton, "confirmPay").click()
    assert panel.error.text() == ""
    with sqlite_db.read_session() as s:
        c = s.get(Complaint, dialog.complaint_id)
        assert (c.status.value, c.tier, c.compensation_minor, c.severity.value) == (
            "resolved", 2, 1250, "critical")
    page = shell.window.complaints
    page.status_filter.setCurrentIndex(1)  # any status
    assert [r.id for r in page.model.rows] == [dialog.complaint_id]
    assert "1 tickets" in page.count.text()
    page.status_filter.setCurrentIndex(0)  # open only
    assert page.model.rows == []
    inbox.card.refresh()
    assert f"C-{dialog.complaint_id}" in inbox.card.view.toPlainText()


def test_blank_complaint_searches_the_customer(qtbot, sqlite_db, shop) -> None:
    from shopdesk.ui.complaints import NewComplaintDialog

    dialog = NewComplaintDialog(sqlite_db, actor(sqlite_db, shop["wang"]))
    qtbot.addWidget(dialog)
    dialog.save()
    assert "customer" in dialog.error.text()
    dialog.customer_search.setText("王")
    dialog.search_customers()
    assert dialog.customer.currentText() == "王芳"
    assert dialog.order.count() == 2  # (no order) and the one order
    dialog.summary.setText("态度不好")
    dialog.save()
    assert dialog.complaint_id is not None


def test_reports_page_charts_and_export_workbooks(qtbot, sqlite_db, shop, tmp_path) -> None:
    from openpyxl import load_workbook

    from shopdesk.models import SurveyResponse
    from shopdesk.ui.export_dialog import ExportDialog
    from shopdesk.ui.pages import ReportsPage

    with sqlite_db.transaction() as s:
        for score in (5, 4, 2):
            s.add(SurveyResponse(conversation_id=shop["conv"], agent_id=shop["wang"],
                                 score=score, answered_at=utcnow() - timedelta(days=1)))
    page = ReportsPage("reportsPage", sqlite_db)
    qtbot.addWidget(page)
    page.set_actor(actor(sqlite_db, shop["wang"]))
    page.show()
    charts = page.charts
    assert charts is not None and not charts.export_button.isEnabled()
    scores = charts.views["scores"].chart().series()[0].barSets()[0]
    assert [scores.at(i) for i in range(5)] == [0, 1, 0, 1, 1]
    csat = charts.views["csat"].chart().series()[0].barSets()[0]
    assert [round(csat.at(i), 1) for i in range(csat.count())] == [66.7]
    charts.agent.setCurrentIndex(charts.agent.findData(shop["owner"]))
    assert sum(charts.figures.scores.values()) == 0
    page.set_actor(actor(sqlite_db, shop["books"]))
    assert charts.export_button.isEnabled()
    dialog = ExportDialog(sqlite_db, "workbooks", actor(sqlite_db, shop["books"]), "en")
    qtbot.addWidget(dialog)
    dialog.workbook.setCurrentIndex(dialog.workbook.findData("satisfaction"))
    dialog.export_to(tmp_path / "s.xlsx")
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert load_workbook(tmp_path / "s.xlsx").sheetnames == ["Responses", "Summary", "Automation", "About"]


def test_score_entered_by_hand_in_the_inbox(qtbot, sqlite_db, shop, prefs) -> None:
    from shopdesk.models import SurveyResponse
    from shopdesk.ui.app import Shell

    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.window.set_agent(actor(sqlite_db, shop["wang"]))
    inbox = shell.window.inbox
    inbox.open_conversation(shop["conv"])
    assert inbox.score_button.isEnabled()
    inbox.score_menu.actions()[1].trigger()  # 4 · satisfied
    with sqlite_db.read_session() as s:
        assert s.scalar(select(SurveyResponse.score)) == 4


def test_complaint_without_events_shows_its_times(qtbot, sqlite_db, shop) -> None:
    from shopdesk.models import Complaint, ComplaintEvent
    from shopdesk.services import complaint_opening as csvc
    from shopdesk.ui.complaints import ComplaintDialog

    with sqlite_db.transaction() as s:
        c = csvc.create(s, s.get(Agent, shop["wang"]), csvc.NewComplaint(
            s.scalar(select(Store.id)), s.scalar(select(Customer.id)), "other", "low", "x"))
        c.first_response_at = c.opened_at + timedelta(minutes=5)
        s.execute(ComplaintEvent.__table__.delete())
        cid = c.id
    dialog = ComplaintDialog(sqlite_db, actor(sqlite_db, shop["wang"]), cid)
    qtbot.addWidget(dialog)
    text = dialog.panel.timeline.toPlainText()
    assert "Opened" in text and "First response" in text
    with sqlite_db.read_session() as s:
        assert s.get(Complaint, cid) is not None


def test_tag_editor_on_the_card_and_settings_tags(qtbot, sqlite_db, shop, prefs) -> None:
    from shopdesk.ui.app import Shell

    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.window.set_agent(actor(sqlite_db, shop["wang"]))
    inbox = shell.window.inbox
    inbox.open_conversation(shop["conv"])
    editor = inbox.card.tag_editor
    assert editor.objectName() == "tagEditor" and editor.field.isEnabled()
    for name in ("VIP", "易碎品"):
        editor.field.setText(name)
        editor.add_typed()
    assert sorted(editor.buttons) == ["VIP", "易碎品"] and editor.field.text() == ""
    assert inbox.tag_filter.findText("VIP") > 0  # the inbox can filter by the new tag
    editor.buttons["VIP"].click()  # one click removes it
    assert list(editor.buttons) == ["易碎品"]
    panel = shell.window.settings_page.tags
    panel.set_actor(actor(sqlite_db, shop["wang"]))
    assert not panel.buttons["rename"].isEnabled()
    panel.set_actor(actor(sqlite_db, shop["owner"]))
    assert [t.name for t in panel.tags] == ["VIP", "易碎品"]
    panel.table.setCurrentCell(1, 0)
    panel.rename("易碎")
    assert panel.message.text() == "Renamed."
    assert list(editor.buttons) == ["易碎"]  # the card follows
    panel.table.setCurrentCell(0, 0)
    panel.recolour("#123456")
    panel.merge("易碎")
    assert [t.name for t in panel.tags] == ["易碎"]
    panel.table.setCurrentCell(0, 0)
    panel.delete(confirmed=True)
    assert panel.tags == [] and editor.buttons == {}
