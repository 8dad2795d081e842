"""Sign-in, switching agent, --agent, the handover dialog and the agents page (pytest-qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTextBrowser
from sqlalchemy import select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Conversation, Handover
from shopdesk.models.enums import ConversationStatus, Direction, Role
from shopdesk.services import agents as agent_svc
from shopdesk.services.handover import unread_handovers
from shopdesk.ui.agents import AgentEditor
from shopdesk.ui.app import Shell
from shopdesk.ui.handover import HandoverDialog, HandoverNotesDialog
from shopdesk.ui.settings import Preferences
from shopdesk.ui.signin import CreateOwnerDialog, SignInDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def prefs(tmp_path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def demo(sqlite_db):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    with sqlite_db.transaction() as s:  # give the bookkeeper a PIN
        books = s.scalar(select(Agent).where(Agent.key == "books"))
        books.pin_hash = agent_svc.hash_pin("2468")
    return sqlite_db


def agent_id(db, key: str) -> int:
    with db.read_session() as s:
        return s.scalar(select(Agent.id).where(Agent.key == key))


def when_modal(callback, delay: int = 50, tries: int = 100) -> None:
    """Act on the next modal dialog once it is open (exec() blocks the test). Gives up
    after ``tries`` polls so that a missing dialog cannot leak into the next test."""
    from tests.conftest import MODAL_POLLS

    started_in = MODAL_POLLS["test"]

    def run(left: int) -> None:
        if MODAL_POLLS["test"] != started_in:
            return  # its test has ended: the dialog now open is another test's
        widget = QApplication.activeModalWidget()
        if widget is None:
            if left:
                QTimer.singleShot(delay, lambda: run(left - 1))
            return
        callback(widget)
    QTimer.singleShot(delay, lambda: run(tries))


def select_agent(dialog: SignInDialog, key: str) -> None:
    for row in range(dialog.agents.count()):
        if dialog.agents.item(row).data(Qt.ItemDataRole.UserRole + 2) == key:
            dialog.agents.setCurrentRow(row)
            return
    raise AssertionError(key)


def test_sign_in_dialog_lists_active_agents_owner_first_and_preselects_the_last(qtbot, demo):
    dialog = SignInDialog(demo, agent_svc.SignInGuard(), last_key="emma")
    qtbot.addWidget(dialog)
    names = [dialog.agents.item(i).text() for i in range(dialog.agents.count())]
    assert names[0].startswith("林晓雨") and names[-1].startswith("赵会计")
    assert dialog.agents.currentItem().data(Qt.ItemDataRole.UserRole + 2) == "emma"
    assert not dialog.pin.isEnabled() and dialog.auto.isEnabled()
    dialog.auto.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.agent.key == "emma" and dialog.auto_sign_in


def test_wrong_pin_three_times_waits_thirty_seconds(qtbot, demo):
    now = [100.0]
    dialog = SignInDialog(demo, agent_svc.SignInGuard(clock=lambda: now[0]))
    qtbot.addWidget(dialog)
    select_agent(dialog, "books")
    assert dialog.pin.isEnabled() and not dialog.auto.isEnabled()
    for left in ("2", "1"):
        dialog.pin.setText("0000")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        assert f"{left} tries left" in dialog.error.text()
    dialog.pin.setText("0000")
    dialog.accept()
    assert "Try again in 30 s" in dialog.error.text()
    assert not dialog.sign_in_button.isEnabled()
    dialog.pin.setText("2468")
    dialog.accept()  # refused while locked
    assert dialog.agent is None
    now[0] += 30
    dialog._tick()
    assert dialog.sign_in_button.isEnabled()
    dialog.pin.setText("2468")
    dialog.accept()
    assert dialog.agent is not None and dialog.agent.key == "books"


def test_agent_option_signs_in_directly_and_status_bar_shows_it(qtbot, demo, prefs):
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    assert shell.start("wangfang")
    assert shell.agent.key == "wangfang"
    assert shell.window.agent_label.text() == "Signed in: 王芳 (Agent)"
    assert prefs.last_agent == "wangfang"


def test_agent_option_with_a_pin_is_refused_with_a_reason(qtbot, demo, prefs):
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    messages: list[str] = []

    def answer_warning(widget) -> None:
        messages.append(widget.text())
        widget.close()
        when_modal(lambda d: d.reject())  # then the sign-in dialog: cancel

    when_modal(answer_warning)
    assert not shell.start("books")
    assert "has a PIN" in messages[0]


def test_switch_agent_with_keyboard_shortcut(qtbot, demo, prefs):
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.start("owner")
    shell.window.show()
    with qtbot.waitActive(shell.window):
        shell.window.activateWindow()
    assert shell.window.switch_action.shortcut().toString() == "Ctrl+Shift+L"

    def pick_emma(dialog) -> None:
        assert dialog.objectName() == "signInDialog"
        select_agent(dialog, "emma")
        dialog.accept()

    when_modal(pick_emma)
    qtbot.keyClick(shell.window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shell.agent is not None and shell.agent.key == "emma")
    assert "Emma Brooks" in shell.window.agent_label.text()


def test_automatic_sign_in_is_remembered_per_database(qtbot, demo, prefs):
    prefs.set_auto_agent(demo.url, "chenwei")
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    assert shell.start()
    assert shell.agent.key == "chenwei"
    assert prefs.auto_agent("sqlite:///elsewhere.sqlite") == ""


def test_new_database_starts_by_creating_the_owner(qtbot, sqlite_db, prefs):
    dialog = CreateOwnerDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.name.setText("林晓雨")
    dialog.pin.setText("1234")
    dialog.pin_again.setText("1235")
    dialog.accept()
    assert "not the same" in dialog.error.text()
    dialog.pin.setText("12")
    dialog.pin_again.setText("12")
    dialog.accept()
    assert "4 to 8 digits" in dialog.error.text()
    dialog.pin.setText("")
    dialog.pin_again.setText("")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    shell = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(shell.window)
    when_modal(lambda d: d.accept())  # the sign-in dialog: the owner is preselected
    assert shell.start()
    assert shell.agent.role == Role.OWNER and shell.agent.name == "林晓雨"


@pytest.mark.parametrize(("key", "can_manage", "can_end_shift"), [
    ("owner", True, True), ("wangfang", False, True), ("books", False, False)])
def test_what_each_role_sees(qtbot, demo, prefs, key, can_manage, can_end_shift):
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    with demo.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == key)))
    panel = shell.window.settings_page.agents
    assert panel.add_button.isEnabled() is can_manage
    assert (panel.add_button.toolTip() == "") is can_manage
    if not can_manage:
        assert panel.add_button.toolTip() == "Only the owner can change agents."
    assert shell.window.end_shift_action.isEnabled() is can_end_shift


def test_owner_adds_and_deactivates_an_agent_on_the_agents_page(qtbot, demo, prefs):
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    shell.start("owner")
    panel = shell.window.settings_page.agents

    def fill(editor: AgentEditor) -> None:
        editor.name.setText("小李")
        editor.pin.setText("1357")
        assert set(editor.limits) == {"CNY", "USD"}  # the demo's stores sell in both
        editor.limits["CNY"].setText("200.50")
        editor.limits["USD"].setText("30")
        editor.stores.item(0).setCheckState(Qt.CheckState.Checked)
        editor.accept()

    when_modal(fill)
    panel.add_button.click()
    with demo.read_session() as s:
        li = s.scalar(select(Agent).where(Agent.name == "小李"))
        assert li.role == Role.AGENT and li.refund_limits == {"CNY": 20050, "USD": 3000}
        assert li.pin_hash and "1357" not in li.pin_hash and len(li.stores) == 1
    rows = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    panel.table.selectionModel().select(
        panel.table.model().index(rows.index("小李"), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.active_button.text() == "Deactivate"
    panel.active_button.click()
    with demo.read_session() as s:
        assert not s.scalar(select(Agent.active).where(Agent.name == "小李"))


def test_handover_dialog_reassigns_and_the_next_agent_reads_it(qtbot, demo, prefs):
    wang, emma = agent_id(demo, "wangfang"), agent_id(demo, "emma")
    with demo.transaction() as s:  # two conversations of Wang's that wait for a reply
        convs = s.scalars(select(Conversation).limit(2)).all()
        for i, conv in enumerate(convs):
            conv.assignee_id = wang
            conv.status = ConversationStatus.OPEN
            conv.last_direction = Direction.IN
            conv.last_preview = f"还没收到货 {i}"
            conv.first_response_due_at = datetime.now(UTC) - timedelta(hours=i)
        conv_ids = [c.id for c in convs]
    with demo.read_session() as s:
        wang_agent = s.get(Agent, wang)
    dialog = HandoverDialog(demo, wang_agent)
    qtbot.addWidget(dialog)
    waiting = dialog.items.topLevelItem(0)
    assert waiting.text(0).endswith(f"({waiting.childCount()})") and waiting.childCount() >= 2
    texts = [waiting.child(i).text(1) for i in range(waiting.childCount())]
    assert "还没收到货 1" in texts and "还没收到货 0" in texts
    # each item's number, customer and store readable in full, not cut with "…"
    metrics = dialog.items.fontMetrics()
    longest = max(metrics.horizontalAdvance(waiting.child(i).text(0))
                  for i in range(waiting.childCount()))
    indent = dialog.items.indentation() + 40  # the branch and the check box
    assert dialog.items.columnWidth(0) >= longest + indent
    assert texts.index("还没收到货 1") < texts.index("还没收到货 0")  # oldest first
    first = waiting.child(texts.index("还没收到货 1"))
    first.setCheckState(0, Qt.CheckState.Checked)
    dialog.reassign_to.setCurrentIndex(dialog.reassign_to.findData(emma))
    dialog.reassign_button.click()
    assert dialog.status.text() == "1 items given to Emma Brooks."
    with demo.read_session() as s:
        assert s.get(Conversation, conv_ids[1]).assignee_id == emma
    dialog.note.setPlainText("王芳的交班：记得催顺丰")
    dialog.handover_to.setCurrentIndex(dialog.handover_to.findData(emma))
    dialog.findChild(QPushButton, "handOverButton").click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with demo.read_session() as s:
        saved = s.scalar(select(Handover))
        assert saved.to_agent_id == emma and saved.note == "王芳的交班：记得催顺丰"
        emma_agent = s.get(Agent, emma)
    notes = HandoverNotesDialog(demo, emma_agent)
    qtbot.addWidget(notes)
    assert "记得催顺丰" in notes.findChild(QTextBrowser, "handoverNotesText").toPlainText()
    notes.findChild(QPushButton, "markReadButton").click()
    with demo.read_session() as s:
        assert unread_handovers(s, emma) == []
    later = Shell(demo, prefs, "en", "")
    qtbot.addWidget(later.window)
    reports = later.window.reports
    assert reports.handovers.rowCount() == 1
    assert "记得催顺丰" in reports.handover_text.toPlainText()


def test_export_handovers_dialog_writes_the_workbook(qtbot, demo, prefs, tmp_path):
    from openpyxl import load_workbook

    from shopdesk.ui.export_dialog import ExportDialog

    with demo.transaction() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        from shopdesk.services.handover import HandoverDraft, save_handover
        save_handover(s, wang, None, "=SUM(A1) 交班", HandoverDraft())
    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    with demo.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "wangfang")))
    reports = shell.window.reports
    assert not reports.export_button.isEnabled()  # an agent does not export
    assert "bookkeeper" in reports.export_button.toolTip()
    with demo.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "books")))
    assert reports.export_button.isEnabled()
    with demo.read_session() as s:
        books = s.scalar(select(Agent).where(Agent.key == "books"))
    dialog = ExportDialog(demo, "handovers", books, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.export_to(tmp_path / "h")
    qtbot.waitUntil(lambda: dialog.written is not None)
    assert dialog.written == tmp_path / "h.xlsx"
    sheet = load_workbook(tmp_path / "h.xlsx")["Handovers"]
    assert sheet.cell(row=2, column=4).value == "=SUM(A1) 交班"


def test_quick_replies_panel(qtbot, demo, prefs, tmp_path):
    from shopdesk.ui.quick_replies_panel import QuickReplyEditor

    shell = Shell(demo, prefs, "en", "")
    qtbot.addWidget(shell.window)
    panel = shell.window.settings_page.quick_replies
    with demo.read_session() as s:
        shell.window.set_agent(s.scalar(select(Agent).where(Agent.key == "emma")))
    assert not panel.buttons["add"].isEnabled() and panel.buttons["export"].isEnabled()
    assert panel.buttons["add"].toolTip() == "Only the owner changes quick replies."
    shell.start("owner")
    assert panel.buttons["add"].isEnabled()

    def fill(editor: QuickReplyEditor) -> None:
        editor.category.setCurrentText("售后 After-sales")
        editor.code.setText("bz")
        editor.title.setText("保修")
        editor.body.setPlainText("{customer}您好，保修一年")
        editor.accept()

    when_modal(fill)
    panel.buttons["add"].click()
    assert panel.selected() is not None and panel.selected().code == "bz"
    panel.buttons["up"].click()
    panel.export_file(str(tmp_path / "qr.xlsx"))
    assert "11 quick replies written" in panel.message.text()
    panel.buttons["delete"].click()
    assert panel.message.text() == "Deleted /bz."
    panel.import_file(str(tmp_path / "qr.xlsx"))
    assert panel.message.text() == "1 added, 10 updated."


def test_quick_reply_editor_lists_adds_and_removes_images(qtbot, tmp_path) -> None:
    from shopdesk.ui.quick_replies_panel import QuickReplyEditor

    picture = tmp_path / "chart.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    editor = QuickReplyEditor(["物流"], None, None, [("a.png", "image/png", b"x")])
    qtbot.addWidget(editor)
    assert editor.image_list.count() == 1
    editor.add_images([picture, tmp_path / "missing.png"])
    assert [n for n, _m, _d in editor.images] == ["a.png", "chart.png"]
    assert "missing.png" in editor.error.text()
    editor.image_list.setCurrentRow(0)
    editor.remove_image()
    assert [n for n, _m, _d in editor.images] == ["chart.png"]


def test_the_settings_tell_an_agent_that_only_the_owner_changes_them(qtbot, demo) -> None:
    """An agent sees the store fields but no button saves them: the line under the title
    says why; the owner, who may change everything, does not get it."""
    from shopdesk.credentials import Credentials
    from shopdesk.ui.pages import SettingsPage

    page = SettingsPage("settingsPage", demo, Credentials())
    qtbot.addWidget(page)
    page.show()
    with demo.read_session() as s:
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "emma")))
        assert page.description.isVisible()
        assert page.description.text().startswith("Only the owner changes the shop's settings")
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "owner")))
        assert not page.description.isVisible()


def test_the_handover_tab_says_what_it_will_hold_until_the_first_handover(qtbot, demo) -> None:
    from shopdesk.services.handover import build_handover, save_handover
    from shopdesk.ui.pages import ReportsPage

    page = ReportsPage("reportsPage", demo)
    qtbot.addWidget(page)
    with demo.read_session() as s:
        page.set_actor(s.scalar(select(Agent).where(Agent.key == "owner")))
    assert page.handovers.rowCount() == 0
    assert page.handover_text.placeholderText().startswith("No handover yet.")
    with demo.transaction() as s:
        wang = s.scalar(select(Agent).where(Agent.key == "wangfang"))
        save_handover(s, wang, None, "记得催顺丰", build_handover(s, wang.id))
    page.reload()
    assert page.handovers.rowCount() == 1 and page.handover_text.placeholderText() == ""
    assert "记得催顺丰" in page.handover_text.toPlainText()
