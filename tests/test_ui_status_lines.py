"""Status lines that follow what is on screen, with pytest-qt: Settings → Stores says each
problem of the form once and forgets it when the form changes; a success in Settings looks
like one (green, ``state`` "ok"), not like an error; a complaint's pane drops the questions of
a refused resolve once the ticket is resolved elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Complaint
from shopdesk.models.enums import ComplaintCategory, ComplaintStatus, Severity
from shopdesk.services import agents as agent_svc
from shopdesk.services import complaint_opening
from shopdesk.ui.app import Shell
from shopdesk.ui.complaint_panel import ComplaintPanel
from shopdesk.ui.settings import Preferences
from tests import factories as f

pytestmark = pytest.mark.gui
IMAP_MISSING = "The IMAP server is missing."


@pytest.fixture
def window(qtbot, sqlite_db, tmp_path, memory_keyring):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    with sqlite_db.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "owner")))
    shell.window.show()
    return shell.window


def _said(panel) -> str:  # type: ignore[no-untyped-def]
    """Everything the store form says under its fields."""
    return panel.result.text() + "\n" + panel.error.text()


def test_a_store_problem_is_said_once_and_follows_the_form(qtbot, window) -> None:
    panel = window.settings_page.stores
    panel.fill_lists()
    panel.new_store()  # an e-mail store, its servers not yet typed
    panel.name.setText("小鹿家居 邮箱")
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=15000)
    assert _said(panel).count(IMAP_MISSING) == 1
    panel.save_button.click()  # refused: the same problems, said once
    assert _said(panel).count(IMAP_MISSING) == 1
    assert IMAP_MISSING in panel.error.text()
    panel.name.clear()  # a refusal shown is said again of the form as it is now
    assert "The store needs a name." in panel.error.text()
    assert _said(panel).count(IMAP_MISSING) == 1
    panel.channel.setCurrentIndex(panel.channel.findData(""))  # no channel: no server needed
    assert "server" not in _said(panel) and "address" not in _said(panel)
    assert panel.error.text() == "The store needs a name."
    panel.name.setText("小鹿家居")
    assert _said(panel).strip() == ""
    # a test's answer is forgotten when the form changes
    panel.channel.setCurrentIndex(panel.channel.findData("email"))
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.job is None, timeout=15000)
    assert IMAP_MISSING in panel.result.text() and panel.result.property("state") == "error"
    panel.imap_host.setText("imap.example.com")
    assert panel.result.text() == ""


def test_success_in_settings_looks_like_success(qtbot, window) -> None:
    stores = window.settings_page.stores
    stores.fill_lists()
    stores.new_store()
    stores.name.setText("小鹿家居")
    stores.channel.setCurrentIndex(stores.channel.findData("email"))
    stores.test_button.click()  # a failed test colours the line red first
    qtbot.waitUntil(lambda: stores.job is None, timeout=15000)
    assert "#B91C1C" in stores.result.styleSheet()
    stores.channel.setCurrentIndex(stores.channel.findData(""))
    assert stores.save()
    assert stores.result.text() == "Saved."
    assert stores.result.property("state") == "ok" and "#B91C1C" not in stores.result.styleSheet()
    rules = window.settings_page.store_rules
    rules.fill_stores()
    rules.save_button.click()
    assert rules.status.text() == "Saved." and rules.status.property("state") == "ok"


@pytest.fixture
def ticket(db):
    """A ticket about an order paid ¥128.00, and the shop's owner."""
    with db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        st, cu = f.store(), f.customer()
        o = f.order(st, cu)
        s.add(o)
        s.flush()
        c = complaint_opening.create(s, owner, complaint_opening.NewComplaint(
            store_id=st.id, customer_id=cu.id, category=ComplaintCategory.DAMAGED_IN_TRANSIT,
            severity=Severity.HIGH, summary="杯子运输破损", order_id=o.id), now=f.T0)
        return {"owner": owner.id, "ticket": c.id}


def _panel(qtbot, db, ticket) -> ComplaintPanel:  # type: ignore[no-untyped-def]
    panel = ComplaintPanel(db)
    qtbot.addWidget(panel)
    with db.read_session() as s:
        panel.agent = s.get(Agent, ticket["owner"])
    panel.show_complaint(ticket["ticket"])
    panel.resize(1380, 780)
    panel.show()
    return panel


def test_a_resolved_ticket_drops_the_questions_of_its_actions(qtbot, db, ticket) -> None:
    """The pane and the ticket's window: what the pane asked goes once the window resolved
    the ticket (the page shows the ticket again in the pane, as ComplaintsPage does)."""
    pane, window = _panel(qtbot, db, ticket), _panel(qtbot, db, ticket)
    window.changed.connect(pane.show_complaint)
    pane.buttons["escalate"].click()  # no note: the pane asks why
    assert "Say why the complaint goes up a tier" in pane.error.text()
    pane.resolution.setPlainText("补发一只新杯子")
    pane.compensation.setText("150.00")  # more than the order paid: the owner's words
    pane.buttons["resolve"].click()
    assert pane.owner_words.isVisible() and pane.error.text()
    window.resolution.setPlainText("补发一只新杯子")
    window.compensation.setText("100.00")
    window.buttons["resolve"].click()
    window.confirmation.findChild(QPushButton, "confirmPay").click()
    with db.read_session() as s:
        assert s.get(Complaint, ticket["ticket"]).status == ComplaintStatus.RESOLVED
    assert pane.view is not None and pane.view.status == ComplaintStatus.RESOLVED
    assert pane.error.text() == ""
    assert not pane.owner_words.isVisible() and pane.owner_words.text() == ""
    assert not pane.ask_owner.isVisible() and not pane.over_limit
