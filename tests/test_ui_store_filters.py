"""A store added in Settings shows at once in the store filters of Returns, Complaints and
Reports (a tester had to restart for it), and the store chosen in a filter stays chosen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings

from shopdesk.cli import build_demo
from shopdesk.credentials import Credentials
from shopdesk.services import stores
from shopdesk.ui.app import Shell
from shopdesk.ui.settings import Preferences
from tests.test_ui_stores import _owner

pytestmark = pytest.mark.gui


def names(box) -> list[str]:  # type: ignore[no-untyped-def]
    return [box.itemText(i) for i in range(box.count())]


def test_a_new_store_shows_in_every_store_filter_at_once(qtbot, sqlite_db, tmp_path,
                                                         memory_keyring) -> None:
    build_demo(sqlite_db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    prefs = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(sqlite_db, prefs, "en", str(tmp_path / "shopdesk.log"))
    window = shell.window
    qtbot.addWidget(window)
    owner = _owner(sqlite_db)
    window.set_agent(owner)
    window.reports.ensure_charts()
    boxes = [window.returns.store_filter, window.complaints.store_filter,
             window.reports.charts.store, window.reports.automation.store]
    for box in boxes:
        assert len(names(box)) == 4  # every store, and all of them
        box.setCurrentIndex(2)
    chosen = [box.currentData() for box in boxes]

    with sqlite_db.transaction() as s:
        stores.save_store(s, owner, stores.StoreForm(name="测试小店"), Credentials())
    window.stores_changed()  # as Settings → Stores does after a save

    for box, was in zip(boxes, chosen, strict=True):
        assert names(box)[-1] == "测试小店" and len(names(box)) == 5
        assert box.currentData() == was  # the filter stays as it was
        assert names(box)[0] == "All stores"
