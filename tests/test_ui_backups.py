"""File → Back up now / Restore… (ui/backups.py) on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from shopdesk.db import open_database
from shopdesk.models import Agent
from shopdesk.models.enums import Role
from shopdesk.services import backup
from shopdesk.ui.backups import BackupActions
from shopdesk.ui.settings import Preferences

pytestmark = pytest.mark.gui


@pytest.fixture
def actions(qtbot, tmp_path: Path):
    db = open_database(f"sqlite:///{tmp_path / 'shop.sqlite'}")
    window = QWidget()
    qtbot.addWidget(window)
    prefs = Preferences()
    prefs.backup_folder = str(tmp_path / "usb")
    made = BackupActions(db, prefs, window, automatic=True)
    yield made
    if made.job is not None:
        made.job.finish()
    db.dispose()


def test_the_daily_backup_runs_in_the_background_into_the_chosen_folder(qtbot, actions,
                                                                         tmp_path: Path) -> None:
    messages: list[str] = []
    actions.message.connect(messages.append)
    actions.back_up_if_due()
    qtbot.waitUntil(lambda: actions.job is None, timeout=20_000)
    made = backup.backups(tmp_path / "usb")
    assert len(made) == 1
    assert messages[-1] == f"Backed up to {made[0].path}"
    actions.back_up_if_due()  # done for today
    assert actions.job is None and len(backup.backups(tmp_path / "usb")) == 1


def test_back_up_now_says_where(qtbot, actions, tmp_path: Path) -> None:
    seen: list[str] = []

    def close_box() -> None:  # runs inside the message box's own event loop
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()

    closer = QTimer()
    closer.timeout.connect(close_box)
    closer.start(50)
    actions.back_up_now()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    closer.stop()
    made = backup.backups(tmp_path / "usb")
    assert len(made) == 1 and str(made[0].path) in seen[0]


def test_only_the_owner_may_restore(actions) -> None:
    agent = Agent(key="a", name="a", role=Role.AGENT, active=True, refund_limits=None)
    owner = Agent(key="o", name="o", role=Role.OWNER, active=True, refund_limits=None)
    actions.set_agent(agent)
    assert not actions.restore_action.isEnabled()
    assert actions.restore_action.toolTip() == "An agent cannot restore backups."
    actions.set_agent(owner)
    assert actions.restore_action.isEnabled()
    assert "cannot" not in actions.restore_action.toolTip()


def test_a_damaged_file_is_refused_before_anything_is_asked(qtbot, actions,
                                                             tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all")
    texts: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.accept()

    QTimer.singleShot(200, close_box)
    assert actions.confirm_restore(bad) is False
    assert texts and "is not a ShopDesk backup" in texts[0]


def test_file_restore_reopens_the_window_on_the_restored_shop(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from shopdesk.dataset.dump import dump_file
    from shopdesk.dataset.load import load_file
    from shopdesk.ui.app import Shell
    from tests.test_dataset import SMALL, write

    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = open_database(url)
    load_file(db, write(tmp_path / "small.jsonl", SMALL))
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    prefs.backup_folder = str(tmp_path / "usb")
    prefs.set_auto_agent(url, "owner")
    shell = Shell(db, prefs, "en", str(tmp_path / "log"))
    assert shell.start()
    shell.window.show()
    names = [a.objectName() for a in shell.window.file_menu.actions()]
    assert {"backUpAction", "restoreAction", "backupFolderAction"} <= set(names)
    made = backup.back_up(shell.db, tmp_path / "usb")
    dump_file(shell.db, tmp_path / "before.jsonl")
    with shell.db.transaction() as session:
        from sqlalchemy import text

        session.execute(text("UPDATE customers SET name = 'changed'"))
    first_window = shell.window

    said: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            box.accept()

    closer = QTimer()
    closer.timeout.connect(close_box)
    closer.start(50)
    shell.restore(str(made))
    qtbot.waitUntil(lambda: bool(said), timeout=20_000)
    closer.stop()
    assert said[0].startswith(f"The backup {made.name} was restored.")
    assert "before-restore" in said[0]
    assert shell.window is not first_window and shell.window.isVisible()
    assert shell.agent is not None and shell.agent.key == "owner"
    dump_file(shell.db, tmp_path / "after.jsonl")
    assert (tmp_path / "after.jsonl").read_text() == (tmp_path / "before.jsonl").read_text()
    shell.sync.stop()
    shell.window.close()
    shell.db.dispose()
