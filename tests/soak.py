"""A long session in one window, as tests/test_soak.py runs it in a process of its own:

    python -m tests.soak FOLDER LANGUAGE ROUNDS [DATABASE_URL]

On the demo shop (in DATABASE_URL, an empty database; without it SQLite in FOLDER), ROUNDS
times: every page by its shortcut, every dialog
that the pages open (modal ones are closed from inside their event loop), a new return
through the wizard and then step by step on the board, a complaint through its steps, and a
switch to an agent and back by Ctrl+Shift+L. Prints what it did (``dialog:Name`` counts
each dialog class closed); a binding that miscounts references aborts the process instead."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWizard
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.db import open_database
from shopdesk.models import Complaint, Conversation, Order, ReturnCase
from shopdesk.models.enums import ComplaintStatus, OrderStatus, ReturnKind, ReturnReason
from shopdesk.ui.app import Shell, create_application
from shopdesk.ui.settings import Preferences
from shopdesk.ui.window_actions import PAGES

done: Counter[str] = Counter()


def settle() -> None:
    for _ in range(2):  # what was posted, then what that posted (deleteLater, repaints)
        QApplication.processEvents()


def close_dialogs() -> None:
    """Reject every dialog that is open (from inside a modal one's event loop, too)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
            done["dialog"] += 1
            done[f"dialog:{type(widget).__name__}"] += 1


def modal(open_it) -> None:  # type: ignore[no-untyped-def]
    """Open a dialog that runs its own event loop (exec) and close it from within."""
    QTimer.singleShot(0, close_dialogs)
    open_it()
    settle()


def opened(open_it) -> None:  # type: ignore[no-untyped-def]
    """Open a window-modal dialog (open()), let it paint, close it."""
    open_it()
    settle()
    close_dialogs()
    settle()


def visit_pages(window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # the shortcuts work in the active window (a dialog was it)
    settle()
    for row in range(PAGES):
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        settle()
        assert window.navigation.currentRow() == row, row
        done["page"] += 1


def open_dialogs(window, shell, conversation_id: int) -> None:  # type: ignore[no-untyped-def]
    from shopdesk.ui.about_box import show_about
    from shopdesk.ui.handover import HandoverDialog, HandoverNotesDialog
    from shopdesk.ui.presend_dialog import confirm_send

    modal(lambda: show_about(window))
    modal(window.show_shortcuts)
    settings = window.settings_page
    modal(settings.quick_replies.add)
    opened(lambda: settings.automation.edit(new=True))
    opened(settings.automation.review_care)
    modal(lambda: HandoverNotesDialog(shell.db, shell.agent, window).exec())
    window.show_conversation(conversation_id)
    settle()
    modal(window.inbox.composer_panel.insert_quick_reply)
    composer = window.inbox.composer
    composer.setPlainText("加我微信 wx13812345678 或打电话 13812345678")
    modal(lambda: confirm_send(shell.db, conversation_id, composer))
    composer.clear()
    opened(window.import_orders)
    opened(window.returns.export_refunds)
    opened(window.complaints.new_complaint)
    opened(lambda: HandoverDialog(shell.db, shell.agent, window).open())
    for name in ("duplicatesButton", "exportWorkbooksButton", "exportHandoversButton"):
        button = window.findChild(QPushButton, name)
        if button is not None and button.isEnabled():
            opened(button.click)
    for name in ("addAgentButton",):
        button = window.findChild(QPushButton, name)
        if button is not None and button.isEnabled():
            modal(button.click)
    window.add_store()
    settle()
    done["store_form"] += 1


def walk_return(window, db, order_id: int) -> None:  # type: ignore[no-untyped-def]
    returns = window.returns
    window.navigation.setCurrentRow(2)
    returns.start_return(order_id=order_id)
    wizard = returns.wizard
    settle()
    wizard.button(QWizard.WizardButton.NextButton).click()  # the order, pre-filled
    spin = next(iter(wizard.items_page.spins.values()))
    spin.setValue(1)
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.kind_page.buttons[ReturnKind.RETURN_REFUND].setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    reason = wizard.reason_page
    reason.reason.setCurrentIndex(reason.reason.findData(ReturnReason.QUALITY_ISSUE.value))
    reason.text.setPlainText("杯子有裂纹")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    settle()
    assert wizard.case_id is not None, wizard.currentPage().error.text()
    done["return"] += 1
    done["dialog:ReturnWizard"] += 1
    returns.select_case(wizard.case_id)
    panel = returns.panel
    for _ in range(10):  # approve, wait for the parcel, receive it, refund, close
        steps = [b for action, b in panel.step_buttons.items()
                 if b.isEnabled() and action not in ("reject", "cancel", "reopen")]
        if not steps:
            break
        steps[0].click()
        dialog = panel.dialog
        settle()
        dialog.carrier.setText("顺丰")
        dialog.tracking.setText("SF1234567890")
        dialog.note.setPlainText("好的")
        dialog.apply()
        settle()
        pay_if_asked(dialog)
        assert dialog.applied, dialog.error.text()
        done["return_step"] += 1
        done["dialog:StepDialog"] += 1
    close_dialogs()


def switch_agent(window, key: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+L, then ``key`` chosen in the sign-in dialog."""
    from shopdesk.ui.signin import SignInDialog

    def choose() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SignInDialog) and w.isVisible())
        agents = dialog.agents
        agents.setCurrentRow(next(i for i in range(agents.count())
                                  if agents.item(i).data(Qt.ItemDataRole.UserRole + 2) == key))
        done["dialog:SignInDialog"] += 1
        dialog.accept()

    window.activateWindow()
    settle()
    QTimer.singleShot(0, choose)
    QTest.keyClick(window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert window.agent is not None and window.agent.key == key, window.agent
    close_dialogs()  # the handover notes shown at sign-in, if any
    done["switch"] += 1


def pay_if_asked(owner) -> None:  # type: ignore[no-untyped-def]
    """Money leaves only after "Pay" in the question that names amount and customer."""
    box = getattr(owner, "confirmation", None)
    if box is not None and box.isVisible():
        box.findChild(QPushButton, "confirmPay").click()
        settle()


def walk_complaint(window, complaint_id: int) -> None:  # type: ignore[no-untyped-def]
    page = window.complaints
    window.navigation.setCurrentRow(3)
    page.open_complaint(complaint_id)
    dialog = page.worked.panel
    settle()
    for action in ("start", "note", "escalate", "resolve", "close", "reopen"):
        if action in dialog.view.actions:
            dialog.note.setPlainText("已联系客户")
            dialog.resolution.setPlainText("补发一件")
            dialog.buttons[action].click()
            settle()
            pay_if_asked(dialog)
            assert not dialog.error.text(), dialog.error.text()
            done["complaint_step"] += 1
    page.worked.reject()
    done["dialog:ComplaintDialog"] += 1
    settle()


def main(folder: str, language: str, rounds: int, url: str = "") -> None:
    create_application([])
    db = open_database(url or f"sqlite:///{folder}/shop.sqlite")
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    shell = Shell(db, prefs, language, f"{folder}/shopdesk.log")
    assert shell.start("owner")
    window = shell.window
    window.resize(1200, 760)
    window.show()
    settle()
    with db.read_session() as s:
        returned = select(ReturnCase.order_id)
        orders = list(s.scalars(select(Order.id).where(
            Order.status == OrderStatus.DELIVERED, Order.id.not_in(returned)).order_by(Order.id)))
        complaints = list(s.scalars(select(Complaint.id).where(
            Complaint.status == ComplaintStatus.NEW).order_by(Complaint.id)))
        conversation = s.scalar(select(Conversation.id).order_by(Conversation.id).limit(1))
    for n in range(rounds):
        visit_pages(window)
        open_dialogs(window, shell, conversation)
        walk_return(window, db, orders[n % len(orders)])
        walk_complaint(window, complaints[n % len(complaints)])
        switch_agent(window, "emma")
        switch_agent(window, "owner")
    window.close()
    settle()
    print(" ".join(f"{what}={count}" for what, count in sorted(done.items())), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3], int(sys.argv[3]), *sys.argv[4:])
