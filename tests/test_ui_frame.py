"""The main window frame with pytest-qt on the offscreen platform."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox, QStackedWidget

from shopdesk import __version__
from shopdesk.cli import build_demo
from shopdesk.errors import ShopDeskError
from shopdesk.ui.app import Shell, initial_language
from shopdesk.ui.errors import ErrorReporter
from shopdesk.ui.i18n import LanguageSwitcher
from shopdesk.ui.settings import Preferences

pytestmark = pytest.mark.gui


@pytest.fixture
def prefs(tmp_path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def shell(qtbot, sqlite_db, prefs):
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    sh = Shell(sqlite_db, prefs, "en", "/tmp/shopdesk.log")
    qtbot.addWidget(sh.window)
    sh.window.show()
    yield sh
    LanguageSwitcher().apply("en")
    sh.languages.apply("en")


def test_navigation_switches_pages_with_mouse_and_keyboard(qtbot, shell) -> None:
    window = shell.window
    nav = window.findChild(QListWidget, "navigation")
    stack = window.findChild(QStackedWidget, "pages")
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Inbox", "Customers", "Returns", "Complaints", "Knowledge", "Reports", "Settings"]
    nav.setCurrentRow(2)
    assert stack.currentWidget().objectName() == "returnsPage"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert stack.currentWidget().objectName() == "complaintsPage"


def test_figures_come_from_the_database(qtbot, shell) -> None:
    window = shell.window
    qtbot.waitUntil(lambda: window.figures is not None)  # read behind the first rows
    qtbot.waitUntil(lambda: window.inbox.views.tabText(3) == "All (600)")  # counted apart
    assert "Customers: 306" in window.customers.figures.text()
    assert "Stores: 3" in window.findChild(QLabel, "shopLabel").text()


def test_language_switch_applies_without_restart(qtbot, shell, prefs) -> None:
    window = shell.window
    nav = window.findChild(QListWidget, "navigation")
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: nav.item(0).text() == "收件箱")
    assert window.windowTitle() == "ShopDesk 客服台 (75)"  # with the count needing a reply
    assert window.inbox.views.tabText(3) == "全部 (600)"
    assert "客户：306" in window.customers.figures.text()
    assert window.file_menu.title() == "文件(&F)"
    assert prefs.language == "zh_CN"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: nav.item(0).text() == "Inbox")
    assert initial_language(prefs, None) == "en"
    assert initial_language(prefs, "zh_CN") == "zh_CN"


def test_filters_fit_their_words_after_a_language_switch(qtbot, shell) -> None:
    """Started in Chinese, switched to English: the filter boxes grow to "Any status",
    "All categories"… instead of clipping them to their Chinese width."""
    from PySide6.QtWidgets import QComboBox

    window = shell.window
    nav = window.findChild(QListWidget, "navigation")
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: nav.item(0).text() == "收件箱")
    for page in (window.inbox, window.customers, window.complaints):
        window.stack.setCurrentWidget(page)
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: nav.item(0).text() == "Inbox")
    checked = 0
    for page in (window.inbox, window.customers, window.complaints):
        window.stack.setCurrentWidget(page)
        QApplication.processEvents()
        for combo in page.findChildren(QComboBox):
            if not combo.isVisible():
                continue
            needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
            try:
                qtbot.waitUntil(lambda c=combo, n=needed: c.width() >= n, timeout=2000)
            except Exception:
                raise AssertionError((combo.objectName(), combo.currentText(), combo.width(),
                                      combo.sizeHint(), combo.maximumWidth())) from None
            checked += 1
    assert checked > 4


def test_about_box_names_version_and_data_location(qtbot, shell, sqlite_db) -> None:
    from shopdesk.ui.about_box import about_text

    text = about_text(shell.window)
    assert __version__ in text
    assert sqlite_db.location in text

    seen: list[list[str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None and box.objectName() == "aboutBox"
        seen.append([b.text() for b in box.buttons()])
        box.close()

    QTimer.singleShot(100, close_box)
    shell.window.about_action.trigger()
    assert seen == [["OK"]] or seen == [["&OK"]]
    # Qt's own strings stay readable in Chinese (our translator must not blank them out).
    shell.set_language("zh_CN")
    QTimer.singleShot(100, close_box)
    shell.window.about_action.trigger()
    assert seen[-1] and all(seen[-1]), seen


def test_window_state_is_remembered(qtbot, shell, sqlite_db, prefs) -> None:
    shell.window.resize(900, 720)  # the offscreen screen is 800 wide; height fits
    shell.window.navigation.setCurrentRow(3)
    shell.window.close()
    again = Shell(sqlite_db, prefs, "en", "")
    qtbot.addWidget(again.window)
    assert again.window.navigation.currentRow() == 3
    assert again.window.size().height() == 720


def test_unexpected_errors_are_logged_and_shown(qtbot, caplog) -> None:
    reporter = ErrorReporter("/tmp/x.log")
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.close()

    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="shopdesk.ui"):
            reporter.handle(RuntimeError, exc, exc.__traceback__)
    assert "RuntimeError: boom" in caplog.text  # the traceback went to the log
    QTimer.singleShot(300, close_box)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "unexpected problem" in shown[0]

    shown.clear()
    QTimer.singleShot(300, close_box)
    reporter.handle(ShopDeskError, ShopDeskError("The order is already refunded"), None)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown == ["The order is already refunded"]


def _shown_by(qtbot, reporter: ErrorReporter, error: BaseException) -> tuple[str, str]:
    shown: list[tuple[str, str]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append((box.text(), box.informativeText()))
            box.close()

    QTimer.singleShot(300, close_box)
    reporter.handle(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    return shown[0]


def test_a_database_that_does_not_answer_is_explained(qtbot, caplog, tmp_path,
                                                     monkeypatch) -> None:
    """Real failures, no mocks: a PostgreSQL port where no server listens, and an SQLite
    file another program holds the write lock of."""
    import sqlite3

    from sqlalchemy import text

    from shopdesk import db as db_module
    from shopdesk.db import Database, open_database

    reporter = ErrorReporter("/tmp/x.log")
    gone = Database("postgresql+psycopg://nobody@127.0.0.1:1/shop")
    try:
        with gone.read_session() as s:
            s.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises
        error = exc
    with caplog.at_level(logging.WARNING, logger="shopdesk.ui"):
        message, detail = _shown_by(qtbot, reporter, error)
    assert message.startswith("ShopDesk cannot reach the database server.")
    assert "not saved" in message and "127.0.0.1" in detail
    assert "Traceback" not in caplog.text and "database unreachable" in caplog.text

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "locked.sqlite"
    shop = open_database(f"sqlite:///{path}")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with shop.transaction() as s:
            s.execute(text("UPDATE tags SET name = name"))
    except Exception as exc:  # noqa: BLE001
        error = exc
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message, _detail = _shown_by(qtbot, reporter, error)
    assert message.startswith("The shop's database is busy")
    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    try:
        assert reporter.database_text("unreachable").startswith("ShopDesk 连不上数据库服务器")
    finally:
        languages.apply("en")
    shop.dispose()


def test_settings_inbox_options_follow_the_view_menu(qtbot, shell, prefs) -> None:
    settings = shell.window.settings_page
    assert not settings.ctrl_enter.isChecked()
    settings.ctrl_enter.setChecked(True)
    assert shell.window.ctrl_enter_action.isChecked()
    assert prefs.ctrl_enter_sends and shell.window.inbox.composer.ctrl_enter_sends
    shell.window.notify_action.setChecked(False)
    assert not settings.notifications.isChecked() and not prefs.notifications


def test_edit_menu_undoes_and_help_lists_the_shortcuts(qtbot, shell, sqlite_db) -> None:
    """Edit → Undo / Redo act on the inbox's conversation changes (Ctrl+Z keeps working in
    the window: one owner per key); Help → Keyboard shortcuts lists every key."""
    from shopdesk.models import Conversation
    from shopdesk.ui.shortcuts_dialog import ShortcutsDialog

    assert shell.start("owner")
    window = shell.window
    a = window.menu_actions
    assert a.menus["edit_menu"].actions() == [a.undo_action, a.redo_action]
    assert not a.undo_action.isEnabled()
    page = window.inbox
    page.list.setCurrentIndex(page.model.index(0))
    target = page.current
    with sqlite_db.read_session() as s:
        before = s.get(Conversation, target).assignee_id
    page.assign_me.click()
    assert a.undo_action.isEnabled()
    a.undo_action.trigger()
    with sqlite_db.read_session() as s:
        assert s.get(Conversation, target).assignee_id == before
    assert a.redo_action.isEnabled()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(page.list, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    with sqlite_db.read_session() as s:
        assert s.get(Conversation, target).assignee_id != before  # redone by the key

    dialog = ShortcutsDialog([*a.page_actions, a.switch_action, a.quit_action], window)
    keys = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
            for r in range(dialog.table.rowCount())}
    assert keys["Ctrl+1"] == "Inbox" and keys["Ctrl+Shift+L"] == "Switch agent…"
    assert "Ctrl+K" in keys and "Ctrl+F" in keys and "Alt+1 … Alt+9" in keys
    dialog.close()
    assert a.shortcuts_action.shortcut().toString() == "F1"
