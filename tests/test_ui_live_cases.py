"""Another PC's step on a return case reaches the returns board in place (issue 20, §1):
the row shows its new state, the same case stays selected and its pane offers the next
steps; the customer's card beside the inbox follows another PC's note."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopdesk.changefeed_listen import Listener
from shopdesk.db import Database
from shopdesk.models import Agent, ReturnCase
from shopdesk.models.enums import ReturnState
from shopdesk.ui.live_pages import refresh_returns
from tests.test_ui_returns import board, make_case, prefs, shop  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def test_another_pcs_step_shows_on_the_board_and_keeps_the_selection(
        qtbot, sqlite_db, shop, board) -> None:  # noqa: F811
    from shopdesk.services import return_steps as svc

    first = make_case(sqlite_db, shop)
    second = make_case(sqlite_db, shop, quantities={"POT": 1}, amount_minor=19900)
    board.reload()
    board.select_case(second)
    listening = Listener(sqlite_db.url, ignore=sqlite_db.feed.source)
    listening.open()
    other = Database(sqlite_db.url)  # the owner's PC
    try:
        with other.transaction() as s:
            case = s.get(ReturnCase, second)
            svc.take_step(s, s.get(Agent, shop["owner"]), second, case.version,
                          svc.StepInput("approve"))
        change = listening.wait(5)
    finally:
        other.dispose()
        listening.close()
    assert change is not None and second in change.ids("return_cases")
    assert first not in change.ids("return_cases")
    refresh_returns(board, change)
    states = {r.case_id: r.state for r in board.model.rows}
    assert states[second] == ReturnState.APPROVED and states[first] != ReturnState.APPROVED
    assert board.panel.view is not None and board.panel.view.case_id == second  # kept
    current = board.table.currentIndex()
    assert board.model.rows[current.row()].case_id == second
    assert "refund" in board.panel.step_buttons  # the fresh state's next step


def test_another_pcs_note_shows_on_the_card(qtbot, sqlite_db, shop, prefs) -> None:  # noqa: F811
    from shopdesk.services import customers as customer_svc
    from shopdesk.ui.mainwindow import MainWindow

    window = MainWindow(sqlite_db, prefs, "en")
    qtbot.addWidget(window)
    with sqlite_db.read_session() as s:
        window.set_agent(s.get(Agent, shop["wang"]))
    window.show()
    window.show_conversation(shop["conv"])
    card = window.inbox.card
    assert card.customer_id is not None
    listening = Listener(sqlite_db.url, ignore=sqlite_db.feed.source)
    listening.open()
    other = Database(sqlite_db.url)
    try:
        with other.transaction() as s:
            customer_svc.add_note(s, s.get(Agent, shop["owner"]), card.customer_id,
                                  "老客户，优先处理")
        change = listening.wait(5)
    finally:
        other.dispose()
        listening.close()
    assert change is not None and card.customer_id in change.customers
    window.on_remote_change(change)
    qtbot.waitUntil(lambda: "老客户，优先处理" in card_text(card), timeout=5_000)
    assert window.inbox.current == shop["conv"]


def card_text(card) -> str:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QTextBrowser

    return " ".join([w.text() for w in card.findChildren(QLabel)]
                    + [w.toPlainText() for w in card.findChildren(QTextBrowser)])


def test_another_pcs_complaint_note_shows_in_the_list_and_pane(
        qtbot, sqlite_db, prefs) -> None:  # noqa: F811
    from datetime import UTC, datetime

    from shopdesk.cli import build_demo
    from shopdesk.models import Complaint
    from shopdesk.services import complaint_actions as svc
    from shopdesk.ui.live_pages import refresh_complaints
    from shopdesk.ui.mainwindow import MainWindow

    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    window = MainWindow(sqlite_db, prefs, "en")
    qtbot.addWidget(window)
    with sqlite_db.read_session() as s:
        owner = s.scalar(select(Agent).where(Agent.key == "owner"))
    window.set_agent(owner)
    window.show()
    window.navigation.setCurrentRow(3)
    page = window.complaints
    page.status_filter.setCurrentIndex(1)  # any status
    assert len(page.model.rows) > 3
    chosen = page.model.rows[2].id
    page.select_complaint(chosen)
    order = [r.id for r in page.model.rows]
    listening = Listener(sqlite_db.url, ignore=sqlite_db.feed.source)
    listening.open()
    other = Database(sqlite_db.url)
    try:
        with other.transaction() as s:
            ticket = s.get(Complaint, chosen)
            svc.update(s, s.get(Agent, owner.id), chosen, ticket.version,
                       svc.Change("note", note="供应商已确认补发"))
        change = listening.wait(5)
    finally:
        other.dispose()
        listening.close()
    assert change is not None and chosen in change.ids("complaints")
    refresh_complaints(page, change)
    assert [r.id for r in page.model.rows] == order  # nothing moved
    assert page.panel.complaint_id == chosen
    assert page.model.rows[page.table.currentIndex().row()].id == chosen
    assert "供应商已确认补发" in page.panel.timeline.toPlainText()  # the fresh ticket
