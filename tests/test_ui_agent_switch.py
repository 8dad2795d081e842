"""Switching agent reaches everything on screen: lists, open cards, dialogs, menus and
their tooltips, in both directions and after a language switch (pytest-qt, real database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Customer, Order
from shopdesk.services.privacy import mask_phone
from shopdesk.ui.app import Shell
from shopdesk.ui.i18n import LanguageSwitcher
from shopdesk.ui.settings import Preferences
from shopdesk.ui.signin import SignInDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def shell(qtbot, db, tmp_path):
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    sh = Shell(db, prefs, "en", "/tmp/shopdesk.log")
    qtbot.addWidget(sh.window)
    sh.window.set_agent(_agent(db, "owner"))
    sh.window.show()
    yield sh
    LanguageSwitcher().apply("en")
    sh.languages.apply("en")


def _agent(db, key: str) -> Agent:
    with db.read_session() as s:
        if key == "bookkeeper":
            return s.scalar(select(Agent).where(Agent.role == "bookkeeper"))
        return s.scalar(select(Agent).where(Agent.key == key))


def _customer_with_phone_and_conversation(db) -> tuple[int, str, int]:
    with db.read_session() as s:
        conv = s.scalar(select(Conversation).join(Customer).where(Customer.phone.is_not(None))
                        .order_by(Conversation.id).limit(1))
        return conv.customer_id, conv.customer.phone, conv.id


def _open_dialogs(window) -> list[str]:
    return sorted(type(w).__name__ for w in QApplication.topLevelWidgets()
                  if isinstance(w, QDialog) and w.isVisible() and window.owns(w))


def test_every_view_shows_personal_data_for_whoever_signed_in(qtbot, shell, db) -> None:
    window = shell.window
    customer_id, phone, conversation_id = _customer_with_phone_and_conversation(db)
    masked = mask_phone(phone)
    # The owner: Customers with the customer's card open, the inbox on a conversation.
    window.navigation.setCurrentRow(1)
    page = window.customers
    page.card.show_customer(customer_id, window.agent)
    window.show_conversation(conversation_id)
    assert phone in page.card.view.toPlainText() and phone in window.inbox.card.view.toPlainText()
    header = window.inbox.header.text()
    # Dialogs the owner opened: merge, a complaint, a return, an export.
    window.navigation.setCurrentRow(1)
    page.merge_customers()
    with db.read_session() as s:
        order_id = s.scalar(select(Order.id).where(Order.customer_id == customer_id).limit(1))
    window.returns.start_return(order_id=order_id)
    window.complaints.new_complaint(conversation_id=conversation_id)
    window.reports.export_handovers()
    assert _open_dialogs(window) == ["ExportDialog", "MergeDialog", "NewComplaintDialog",
                                     "ReturnWizard"]

    window.set_agent(_agent(db, "emma"))  # an agent: masked everywhere, dialogs gone
    assert _open_dialogs(window) == []
    for card in (page.card, window.inbox.card):
        text = card.view.toPlainText()
        assert masked in text and phone not in text
    assert window.inbox.header.text() == header  # the same conversation stays open
    assert window.inbox.current == conversation_id
    listed = [r.phone for r in page.model.rows if r.phone]
    assert listed and all("*" in p for p in listed)
    assert not window.reports.export_button.isEnabled()  # exports: owner and bookkeeper
    assert not window.returns.export_button.isEnabled()
    assert not window.menu_actions.export_refunds_action.isEnabled()

    window.set_agent(_agent(db, "owner"))  # and back: in full again, on the same customer
    for card in (page.card, window.inbox.card):
        assert phone in card.view.toPlainText()
    assert page.card.customer_id == customer_id
    assert window.reports.export_button.isEnabled()
    assert not any("*" in r.phone for r in page.model.rows if r.phone)

    window.set_agent(None)  # signed out (end of shift): nothing in full
    assert phone not in page.card.view.toPlainText()
    assert phone not in window.inbox.card.view.toPlainText()


def test_the_window_shows_nothing_while_the_next_agent_signs_in(qtbot, shell, db) -> None:
    window = shell.window
    window.navigation.setCurrentRow(1)
    seen: dict[str, object] = {}

    def while_signing_in() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SignInDialog) and w.isVisible())
        seen["content"] = window.centralWidget().isVisible()
        seen["dialogs"] = _open_dialogs(window)
        dialog.reject()

    window.customers.merge_customers()  # the owner's dialog
    QTimer.singleShot(0, while_signing_in)
    assert shell.switch_agent() is False  # cancelled: still the owner
    assert seen == {"content": False, "dialogs": ["SignInDialog"]}
    assert window.centralWidget().isVisible() and window.agent.key == "owner"


def test_permission_tooltips_follow_a_language_switch(qtbot, shell, db) -> None:
    window = shell.window
    window.navigation.setCurrentRow(3)
    window.set_agent(_agent(db, "bookkeeper"))
    complaints, returns, reports = window.complaints, window.returns, window.reports
    english = (complaints.new_button.toolTip(), returns.new_button.toolTip(),
               window.end_shift_action.toolTip())
    assert all(english) and all(t.isascii() for t in english)
    shell.set_language("zh_CN")
    qtbot.waitUntil(lambda: not complaints.new_button.toolTip().isascii())
    chinese = (complaints.new_button.toolTip(), returns.new_button.toolTip(),
               window.end_shift_action.toolTip(), window.customers.merge_button.toolTip())
    assert not any(t.isascii() for t in chinese), chinese
    window.set_agent(_agent(db, "emma"))
    assert not reports.export_button.toolTip().isascii()
    shell.set_language("en")
    qtbot.waitUntil(lambda: reports.export_button.toolTip().isascii())
    assert reports.export_button.toolTip() == "Only the owner and the bookkeeper export data."


# -- a customer's records changed: every view of them follows --------------------------------

def _complaints_on(card) -> str:
    lines = card.view.toPlainText().splitlines()
    return lines[lines.index("Complaints") + 1]


def test_a_complaint_from_the_inbox_shows_on_every_card_of_the_customer(qtbot, shell,
                                                                         db) -> None:
    window = shell.window
    customer_id, _phone, conversation_id = _customer_with_phone_and_conversation(db)
    window.navigation.setCurrentRow(1)
    window.customers.card.show_customer(customer_id, window.agent)
    window.show_conversation(conversation_id)
    cards = (window.inbox.card, window.customers.card)
    before = [_complaints_on(card) for card in cards]
    tickets_before = window.inbox.card.view.toPlainText().count("C-")

    window.inbox.createComplaint.emit(conversation_id)  # "Complaint…" in the inbox
    dialog = window.complaints.dialog
    dialog.summary.setText("包裹破损")
    dialog.save()
    assert dialog.complaint_id is not None
    window.complaints.worked.reject()  # the ticket opened after it was created

    for card, was in zip(cards, before, strict=True):
        assert int(_complaints_on(card)) == int(was) + 1
    assert window.inbox.card.view.toPlainText().count("C-") == tickets_before + 1


def test_a_note_on_one_card_shows_on_the_other(qtbot, shell, db) -> None:
    window = shell.window
    customer_id, _phone, conversation_id = _customer_with_phone_and_conversation(db)
    window.navigation.setCurrentRow(1)
    window.customers.card.show_customer(customer_id, window.agent)
    window.show_conversation(conversation_id)
    window.inbox.card.note_edit.setPlainText("只收顺丰")
    window.inbox.card.add_note()
    assert "只收顺丰" in window.customers.card.view.toPlainText()
    window.customers.card.show_customer(None, window.agent)  # another customer: untouched
    window.inbox.card.note_edit.setPlainText("周末不在家")
    window.inbox.card.add_note()
    assert "周末不在家" not in window.customers.card.view.toPlainText()


# -- each view that shows a customer, after a switch to another role and back ---------------

def test_customer_search_results_follow_the_role(qtbot, shell, db) -> None:
    window = shell.window
    _customer_id, phone, _conversation_id = _customer_with_phone_and_conversation(db)
    window.navigation.setCurrentRow(1)
    page = window.customers
    page.search.setText(phone)  # an owner finds a customer by the number they were given
    page.reload()
    assert [r.phone for r in page.model.rows] == [phone]

    window.set_agent(_agent(db, "emma"))
    assert page.search.text() == phone  # the same search, its results shown for the agent
    assert [r.phone for r in page.model.rows] == [mask_phone(phone)]
    assert phone not in page.card.view.toPlainText()

    window.set_agent(_agent(db, "owner"))
    assert [r.phone for r in page.model.rows] == [phone]


def _steps(panel) -> list[str]:  # the return case's step buttons that can be clicked
    return sorted(action for action, button in panel.step_buttons.items() if button.isEnabled())


def test_an_open_return_case_and_complaint_follow_the_role(qtbot, shell, db) -> None:
    from shopdesk.models import Complaint, ReturnCase
    from shopdesk.models.enums import ComplaintStatus, ReturnState

    window = shell.window
    with db.read_session() as s:
        case_id = s.scalar(select(ReturnCase.id).where(
            ReturnCase.state == ReturnState.REQUESTED).order_by(ReturnCase.id).limit(1))
        complaint_id = s.scalar(select(Complaint.id).where(
            Complaint.status == ComplaintStatus.NEW).order_by(Complaint.id).limit(1))
    window.navigation.setCurrentRow(2)
    returns = window.returns
    returns.select_case(case_id)
    owner_steps = _steps(returns.panel)
    assert "approve" in owner_steps
    window.navigation.setCurrentRow(3)
    complaints = window.complaints
    complaints.select_complaint(complaint_id)
    panel = complaints.panel

    def complaint_buttons() -> list[str]:
        return sorted(a for a, b in panel.buttons.items() if b.isEnabled() and not b.isHidden())

    owner_buttons = complaint_buttons()
    assert "start" in owner_buttons

    window.set_agent(_agent(db, "bookkeeper"))  # sees cases, changes none
    assert returns.panel.view.case_id == case_id and _steps(returns.panel) == []
    assert returns.panel.blocked.text()  # and says why
    assert panel.complaint_id == complaint_id and complaint_buttons() == []
    assert not returns.new_button.isEnabled() and not complaints.new_button.isEnabled()

    window.set_agent(_agent(db, "owner"))
    assert _steps(returns.panel) == owner_steps and not returns.panel.blocked.text()
    assert complaint_buttons() == owner_buttons
    assert returns.new_button.isEnabled() and complaints.new_button.isEnabled()


def test_handover_and_export_dialogs_close_and_exports_follow_the_role(qtbot, shell,
                                                                        db) -> None:
    from shopdesk.ui.handover import HandoverDialog

    window = shell.window
    window.navigation.setCurrentRow(5)
    reports, returns = window.reports, window.returns
    HandoverDialog(shell.db, window.agent, window).open()  # the owner's end of shift
    reports.export_workbooks()
    assert _open_dialogs(window) == ["ExportDialog", "HandoverDialog"]
    exports = (reports.export_button, returns.export_button,
               window.menu_actions.export_refunds_action)
    assert all(e.isEnabled() for e in exports)

    window.set_agent(_agent(db, "emma"))  # the handover lists the owner's work: gone
    assert _open_dialogs(window) == []
    assert not any(e.isEnabled() for e in exports)
    assert all(e.toolTip() for e in exports[:2])  # and why

    window.set_agent(_agent(db, "bookkeeper"))  # a bookkeeper exports again
    assert all(e.isEnabled() for e in exports)
    window.set_agent(_agent(db, "emma"))
    reports.export_handovers()  # asked for anyway (a signal, a stale shortcut): refused
    reports.export_workbooks()
    returns.export_refunds()
    assert _open_dialogs(window) == []
