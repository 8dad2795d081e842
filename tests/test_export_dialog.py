"""The export dialog: Reports → Export… opens with the charts' period, store and agent; the
line about the last workbook goes when another workbook is chosen; it writes as the agent
signed in (refused for a role that may not export)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from shopdesk.models import Agent, Conversation, Customer, Store, SurveyResponse
from shopdesk.models.enums import ConversationStatus, Platform, Role
from shopdesk.services import agents as agent_svc

pytestmark = pytest.mark.gui


@pytest.fixture
def shop(sqlite_db):
    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "Owner")
        wang = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Wang", Role.AGENT))
        zhou = agent_svc.add_agent(s, owner, agent_svc.AgentChanges("Zhou", Role.AGENT))
        stores = [Store(key=k, name=n, platform=Platform.TMALL, currency="CNY",
                        timezone="Asia/Shanghai") for k, n in (("tm", "天猫"), ("jd", "京东"))]
        customer = Customer(key="c1", name="王芳")
        s.add_all([*stores, customer])
        s.flush()
        when = datetime.now(UTC) - timedelta(days=40)
        for store in stores:
            for a in (wang, zhou):
                conv = Conversation(store=store, customer=customer, assignee_id=a.id,
                                    status=ConversationStatus.CLOSED)
                s.add(conv)
                s.flush()
                s.add(SurveyResponse(conversation_id=conv.id, agent_id=a.id, score=5,
                                     answered_at=when))
        return {"owner": owner.id, "wang": wang.id, "zhou": zhou.id, "jd": stores[1].id}


def actor(db, agent_id: int) -> Agent:
    with db.read_session() as s:
        return s.get(Agent, agent_id)


def test_reports_export_opens_with_the_charts_period_and_filters(qtbot, sqlite_db, shop,
                                                                  tmp_path) -> None:
    from shopdesk.ui.pages import ReportsPage

    page = ReportsPage("reportsPage", sqlite_db)
    qtbot.addWidget(page)
    page.set_actor(actor(sqlite_db, shop["owner"]))
    page.show()
    charts = page.ensure_charts()
    charts.first.setDate(QDate(2026, 9, 3))
    charts.last.setDate(QDate(2026, 12, 1))
    charts.store.setCurrentIndex(charts.store.findData(shop["jd"]))
    charts.agent.setCurrentIndex(charts.agent.findData(shop["zhou"]))
    charts.export_button.click()
    dialog = page.export_dialog
    assert (dialog.first.date(), dialog.last.date()) == (QDate(2026, 9, 3), QDate(2026, 12, 1))
    assert dialog.chosen_stores() == ["jd"]
    assert dialog.agent.currentData() == shop["zhou"]

    today = date.today()
    dialog.first.setDate(QDate(today.year, today.month, today.day).addDays(-60))
    dialog.workbook.setCurrentIndex(dialog.workbook.findData("satisfaction"))
    dialog.export_to(tmp_path / "s.xlsx")
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert "1 rows written to" in dialog.message.text() and dialog.open_folder.isVisibleTo(dialog)
    rows = list(load_workbook(tmp_path / "s.xlsx")["Responses"].iter_rows(min_row=2,
                                                                         values_only=True))
    assert [(r[1], r[2]) for r in rows] == [("京东", "Zhou")]
    dialog.workbook.setCurrentIndex(dialog.workbook.findData("refunds"))
    assert dialog.message.text() == "" and not dialog.open_folder.isVisibleTo(dialog)


def test_without_the_charts_filters_it_proposes_every_store_and_agent(qtbot, sqlite_db,
                                                                      shop) -> None:
    from shopdesk.ui.export_dialog import ExportDialog

    dialog = ExportDialog(sqlite_db, "refunds", actor(sqlite_db, shop["owner"]), "en")
    qtbot.addWidget(dialog)
    assert dialog.chosen_stores() is None and dialog.agent.currentData() is None
    assert dialog.last.date() == QDate.currentDate()
    assert dialog.stores.item(0).checkState() == Qt.CheckState.Checked


def test_an_agent_is_refused_and_no_file_is_written(qtbot, sqlite_db, shop, tmp_path) -> None:
    from shopdesk.ui.export_dialog import ExportDialog

    dialog = ExportDialog(sqlite_db, "workbooks", actor(sqlite_db, shop["wang"]), "en")
    qtbot.addWidget(dialog)
    dialog.export_to(tmp_path / "c.xlsx")
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.message.text() == "An agent cannot export data."
    assert not (tmp_path / "c.xlsx").exists() and dialog.written is None
