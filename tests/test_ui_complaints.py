"""The Complaints page's list with pytest-qt: pages of tickets as the view scrolls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from shopdesk.cli import build_demo
from shopdesk.models import Agent, Complaint
from shopdesk.ui.app import Shell
from shopdesk.ui.complaints import ComplaintsModel
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
