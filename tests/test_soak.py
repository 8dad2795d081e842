"""The window lives through a long session, in Chinese and in English: each run is a process
of its own (tests/soak.py), so that an abort ("Fatal Python error: none_dealloc") fails the
test instead of the test run."""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_twenty_rounds_of_every_page_dialog_return_and_complaint_end_normally(
        tmp_path, language) -> None:
    result = run(["-m", "tests.soak", str(tmp_path), language, "20"], tmp_path)
    assert "Fatal Python error" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    done = dict(item.split("=") for item in result.stdout.strip().splitlines()[-1].split())
    assert int(done["page"]) == 20 * 6 and int(done["return"]) == 20
    assert int(done["return_step"]) >= 20 * 4 and int(done["complaint_step"]) >= 20 * 4
    assert int(done["dialog"]) >= 20 * 8


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
