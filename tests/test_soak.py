"""The window lives through a long session, in Chinese and in English, on SQLite and on
PostgreSQL: each run is a process of its own (tests/soak.py), so that an abort ("Fatal Python error: none_dealloc") fails the
test instead of the test run."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPDESK_HOME": str(home)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)


# Shown only on a shop without an owner or without stores, never in the demo's window:
# tests/test_ui_agents.py and tests/test_ui_stores.py open them.
FIRST_START_ONLY = {"CreateOwnerDialog", "FirstStartGuide"}


def ui_dialogs() -> set[str]:
    """Every dialog class of shopdesk/ui (QDialog, QWizard and their subclasses)."""
    from PySide6.QtWidgets import QDialog

    import shopdesk.ui

    found = set()
    for info in pkgutil.iter_modules(shopdesk.ui.__path__, "shopdesk.ui."):
        module = importlib.import_module(info.name)
        found |= {name for name, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, QDialog) and cls.__module__ == module.__name__}
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_twenty_rounds_of_every_page_dialog_return_and_complaint_end_normally(
        tmp_path, language, db_url) -> None:
    from shopdesk.ui.window_actions import PAGES

    result = run(["-m", "tests.soak", str(tmp_path), language, "20", db_url], tmp_path)
    assert "Fatal Python error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    done = dict(item.split("=") for item in result.stdout.strip().splitlines()[-1].split())
    assert int(done["page"]) == 20 * PAGES and int(done["return"]) == 20
    assert int(done["return_step"]) >= 20 * 4 and int(done["complaint_step"]) >= 20 * 4
    assert int(done["switch"]) == 20 * 2  # to an agent and back, by Ctrl+Shift+L
    seen = {key.split(":", 1)[1]: int(n) for key, n in done.items() if key.startswith("dialog:")}
    missing = ui_dialogs() - FIRST_START_ONLY - {name for name, n in seen.items() if n >= 20}
    assert not missing, f"dialogs the soak does not open in each round: {sorted(missing)}"


SHOW_RETURNS = """
import sys
from datetime import UTC, datetime

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from shopdesk.cli import build_demo
from shopdesk.db import open_database
from shopdesk.ui.app import Shell, create_application
from shopdesk.ui.settings import Preferences

folder, language = sys.argv[1], sys.argv[2]
app = create_application([])
db = open_database(f"sqlite:///{folder}/shop.sqlite")
build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
prefs = Preferences(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
shell = Shell(db, prefs, language, f"{folder}/shopdesk.log")
assert shell.start("owner")
shell.window.show()
shell.window.navigation.setCurrentRow(2)
for _ in range(20):
    QApplication.processEvents()
print(shell.window.returns.model.rowCount())
"""  # no app.exec(): Python tears the window down at exit


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_returns_page_shown_without_an_event_loop_exits_cleanly(tmp_path, language) -> None:
    result = run(["-c", textwrap.dedent(SHOW_RETURNS), str(tmp_path), language], tmp_path)
    assert "Fatal Python error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.split()[-1]) > 0
