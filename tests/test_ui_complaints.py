"""The Complaints page's list with pytest-qt: pages of tickets as the view scrolls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Complaint
from shopdesk.ui.app import Shell
from shopdesk.ui.complaints import ComplaintDialog, ComplaintsModel
from shopdesk.ui.settings import Preferences

pytestmark = pytest.mark.gui


def test_complaint_list_pages_in_order(qtbot, sqlite_db, tmp_path, monkeypatch) -> None:
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    monkeypatch.setattr(ComplaintsModel, "PAGE", 7)
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    with sqlite_db.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "owner")))
        total = s.scalar(select(func.count()).select_from(Complaint))
    shell.window.show()
    page = shell.window.complaints
    page.status_filter.setCurrentIndex(1)  # any status
    shell.window.navigation.setCurrentRow(3)
    model = page.model
    assert model.rowCount() == 7 and model.canFetchMore(model.index(0, 0).parent())
    while model.canFetchMore(model.index(0, 0).parent()):
        model.fetchMore(model.index(0, 0).parent())
    keys = [(r.opened_at, r.id) for r in model.rows]
    assert len(keys) == total == len(set(keys))
    assert keys == sorted(keys, reverse=True)  # newest first, no gaps or repeats


# -- one window per ticket, the detail pane, the timeline in words, one numbering ---------------

@pytest.fixture
def demo_shell(qtbot, sqlite_db, tmp_path):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    with sqlite_db.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "owner")))
    shell.window.show()
    page = shell.window.complaints
    shell.window.navigation.setCurrentRow(3)
    page.status_filter.setCurrentIndex(1)  # any status
    yield shell
    for window in list(page.windows.values()):
        window.close()


def _row_centre(table, row: int):  # type: ignore[no-untyped-def]
    return table.visualRect(table.model().index(row, 1)).center()


def _double_click(table, row: int) -> None:  # type: ignore[no-untyped-def]
    """What a mouse sends for a double click (qtbot.mouseDClick sends no second press, so
    the view never reports it)."""
    viewport, pos = table.viewport(), QPointF(_row_centre(table, row))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in ((QEvent.Type.MouseButtonPress, left),
                          (QEvent.Type.MouseButtonRelease, none),
                          (QEvent.Type.MouseButtonDblClick, left),
                          (QEvent.Type.MouseButtonRelease, none)):
        QApplication.sendEvent(viewport, QMouseEvent(kind, pos, viewport.mapToGlobal(pos), left,
                                                     buttons, Qt.KeyboardModifier.NoModifier))


def _ticket_windows() -> list[ComplaintDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ComplaintDialog) and w.isVisible()]


def test_double_click_opens_a_ticket_once_and_again_raises_it(qtbot, demo_shell) -> None:
    page = demo_shell.window.complaints
    _double_click(page.table, 0)
    first = page.model.rows[0]
    windows = _ticket_windows()
    assert len(windows) == 1 and windows[0].windowTitle() == f"Complaint {first.number}"
    page.open_complaint(first.id)  # from the customer card, or a second double click
    _double_click(page.table, 0)
    assert _ticket_windows() == windows
    _double_click(page.table, 1)
    assert len(_ticket_windows()) == 2
    windows[0].close()
    assert first.id not in page.windows
    assert len(_ticket_windows()) == 1
    page.open_complaint(first.id)
    assert len(_ticket_windows()) == 2


def test_a_single_click_shows_the_ticket_in_the_pane(qtbot, demo_shell) -> None:
    page = demo_shell.window.complaints
    assert "Choose a ticket" in page.panel.header.text()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=_row_centre(page.table, 2))
    row = page.model.rows[2]
    assert page.panel.view is not None and page.panel.view.id == row.id
    assert row.number in page.panel.header.text() and row.summary in page.panel.header.text()
    assert _ticket_windows() == []  # a single click opens no window
    assert page.panel.timeline.toPlainText()  # the dataset's times at least


def test_working_a_ticket_in_the_pane_updates_its_window(qtbot, demo_shell) -> None:
    page = demo_shell.window.complaints
    page.status_filter.setCurrentIndex(0)  # open tickets
    row = page.model.rows[0]
    page.select_complaint(row.id)
    window = page.open_complaint(row.id)
    page.panel.note.setPlainText("Called the customer")
    page.panel.buttons["note"].click()
    assert "Called the customer" in window.panel.timeline.toPlainText()
    assert page.panel.view is not None and page.panel.view.id == row.id  # still chosen


def test_the_timeline_speaks_chinese_also_for_old_events(qtbot, sqlite_db) -> None:
    from shopdesk.models import ComplaintEvent, Customer, Store
    from shopdesk.services import agents as agent_svc
    from shopdesk.services import complaint_actions, complaint_opening
    from shopdesk.ui.complaint_panel import ComplaintPanel
    from shopdesk.ui.i18n import LanguageSwitcher

    with sqlite_db.transaction() as s:
        owner = agent_svc.create_owner(s, "林晓雨")
        store = Store(key="tm", name="天猫店", platform="tmall", currency="CNY",
                      timezone="Asia/Shanghai")
        customer = Customer(key="c1", name="王芳")
        s.add_all([store, customer])
        s.flush()
        c = complaint_opening.create(s, owner, complaint_opening.NewComplaint(
            store.id, customer.id, "product_quality", "normal", "杯子裂了"))
        complaint_actions.update(s, owner, c.id, c.version, complaint_actions.Change("start"))
        # an event written by an older version, read back as it is stored
        c.events.append(ComplaintEvent(at=c.opened_at, by_id=owner.id, action="resolve",
                                       before={"status": "in_progress", "assignee": None},
                                       after={"status": "resolved", "compensation": 1250,
                                              "assignee": owner.id}))
        cid = c.id
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        panel = ComplaintPanel(sqlite_db)
        qtbot.addWidget(panel)
        panel.show_complaint(cid)
        text = panel.timeline.toPlainText()
    finally:
        languages.apply("en")
    assert "创建 · 严重程度：普通 · 类别：产品质量" in text
    assert "开始处理 · 状态：新建 → 处理中" in text
    assert "补偿金额：¥12.50" in text and "负责人：（无人） → 林晓雨" in text
    for raw in ("severity", "normal", "product_quality", "in_progress", "status", "1250"):
        assert raw not in text, raw


def test_end_shift_lists_tickets_and_cases_by_their_numbers(qtbot, demo_shell) -> None:
    from shopdesk.models import Complaint, Handover, ReturnCase
    from shopdesk.services.handover import OPEN_COMPLAINT
    from shopdesk.ui.handover import HandoverDialog, handover_text

    db = demo_shell.db
    with db.read_session() as s:
        complaint = s.scalars(select(Complaint).where(Complaint.status.in_(OPEN_COMPLAINT),
                                                      Complaint.assignee_id.is_not(None))
                              .order_by(Complaint.id)).first()
        agent = complaint.assignee
        case = s.scalars(select(ReturnCase).where(ReturnCase.assignee_id == agent.id)).first()
        customer = complaint.customer.name
    dialog = HandoverDialog(db, agent)
    qtbot.addWidget(dialog)
    shown = [dialog.items.topLevelItem(i).child(j).text(0)
             for i in range(dialog.items.topLevelItemCount())
             for j in range(dialog.items.topLevelItem(i).childCount())]
    assert f"C-{complaint.id} · {customer}" in shown
    if case is not None:
        assert any(t.startswith(f"R-{case.id} · ") for t in shown)
    assert all(t.split(" · ")[0][:2] in ("C-", "R-", "T-") for t in shown), shown
    # A handover saved before: its titles began with the internal key.
    old = Handover(from_agent_id=agent.id, note="", at=datetime(2026, 10, 1, tzinfo=UTC),
                   content={"complaints": [{"kind": "complaint", "id": complaint.id,
                                            "title": f"k29 · {customer}", "detail": "x",
                                            "due": None, "codes": ["high"]}]})
    text = handover_text(dialog, old, agent.name)
    assert f"C-{complaint.id} · {customer}" in text and "k29" not in text


def test_the_action_buttons_keep_their_places_when_the_state_changes(qtbot, demo_shell) -> None:
    """Starting work on a ticket hides 开始处理; 解决 (and every other button) must stay where it
    was, or the next click lands on another action."""
    from shopdesk.models.enums import ComplaintStatus

    page = demo_shell.window.complaints
    page.status_filter.setCurrentIndex(0)  # open tickets
    new = next(r for r in page.model.rows if r.status == ComplaintStatus.NEW)
    page.select_complaint(new.id)
    panel = page.panel
    assert panel.buttons["start"].isVisible()
    places = {a: panel.bar.getItemPosition(panel.bar.indexOf(b))[:2]
              for a, b in panel.buttons.items() if b.isVisible()}
    panel.buttons["start"].click()
    assert panel.view.status == ComplaintStatus.IN_PROGRESS and not panel.buttons["start"].isVisible()
    for action, place in places.items():
        button = panel.buttons[action]
        if button.isVisible():
            assert panel.bar.getItemPosition(panel.bar.indexOf(button))[:2] == place, action
    assert panel.buttons["resolve"].isVisible()
