"""What the window's start leaves for later (issue 17: the frame and the first rows sooner).
In a new process, the start frame is painted before SQLAlchemy, the models, logging's
socket handlers and the enums of Qt's namespace (15 ms to build) are loaded. The inbox
shows its first rows before pinyin's dictionaries, the keyring and the e-mail channel
(IMAP, SMTP) are loaded, and the sync worker, which needs them, starts on the event loop's
first turn, after the rows are on screen; the shop's figures for the status line and the
views' counts are read in worker threads meanwhile. A shop on SQLite never loads SQLAlchemy's PostgreSQL dialect
(40 ms)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.gui

CHILD = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shopdesk.launch import main
from shopdesk.ui import app as app_module

seen = {}
LATER = ("pypinyin", "keyring", "imaplib", "smtplib", "shopdesk.channels.email",
         "shopdesk.channels.sync", "sqlalchemy.dialects.postgresql")

BEFORE_FRAME = ("sqlalchemy", "shopdesk.db", "shopdesk.models", "logging.handlers")

def mark(name, what):
    if name == "painted":
        import PySide6.QtCore
        seen["loaded at the frame"] = [m for m in BEFORE_FRAME if m in sys.modules]
        seen["Qt's enums built at the frame"] = "Qt" in vars(PySide6.QtCore)
    if name == "opened":
        seen["shell"] = what
        seen["figures read in a worker"] = (what.window.shop_figures.job is not None
                                            and what.window.figures is None)
    if name == "shown":
        seen["rows"] = what.inbox.model.rowCount()
        seen["views counted in a worker"] = getattr(what.inbox.conversations, "counting",
                                                    None) is not None
        seen["loaded at the first rows"] = [m for m in LATER if m in sys.modules]
        seen["sync running at the first rows"] = seen["shell"].sync.thread.isRunning()
        def later():
            seen["sync running after the first turn"] = seen["shell"].sync.thread.isRunning()
            del seen["shell"]
            print(json.dumps(seen), flush=True)
            QApplication.instance().quit()
        QTimer.singleShot(500, later)

app_module.milestones.append(mark)
sys.exit(main(["--db", sys.argv[1], "--agent", "owner", "--lang", "zh_CN"]))
"""


def test_the_frame_and_the_first_rows_wait_for_nothing_they_do_not_show(tmp_path) -> None:
    from shopdesk.cli import build_demo
    from shopdesk.db import open_database

    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = open_database(url)
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SHOPDESK_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", CHILD, url], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["rows"] > 0
    assert seen["loaded at the frame"] == []
    assert seen["Qt's enums built at the frame"] is False
    assert seen["loaded at the first rows"] == []
    assert seen["sync running at the first rows"] is False
    assert seen["figures read in a worker"] is True  # the shop's six counts wait for no one
    assert seen["views counted in a worker"] is True  # nor the views' four
    assert seen["sync running after the first turn"] is True
