"""None, True and False survive the Qt binding: PySide6 6.12 takes references from them
(shopdesk/ui/binding.py). Measured with sys.getrefcount; each of these took the window down
with "Fatal Python error: none_dealloc" or "bool_dealloc" before."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.gui

KNOWN = [("MainWindow", "ShopDesk"), ("Labels", "Owner"), ("RelativeTime", "Yesterday"),
         ("ComplaintsModel", "Ticket"), ("QPlatformTheme", "OK")]
UNKNOWN = [("MainWindow", "Not a sentence of ShopDesk"), ("Nowhere", "Owner"), ("X", "")]


def _steady(run) -> tuple[int, int, int]:
    run(10)  # warm caches first
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    run(200_000 // (len(KNOWN) + len(UNKNOWN)) // 2)
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    return tuple(a - b for a, b in zip(after, before, strict=True))  # type: ignore[return-value]


def test_200000_lookups_in_chinese_leave_none_and_true_alone(qapp) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from shopdesk.ui.i18n import LanguageSwitcher

    languages = LanguageSwitcher()
    languages.apply("zh_CN")
    widget = QWidget()
    try:
        assert QCoreApplication.translate("Labels", "Owner") == "店主"

        def run(rounds: int) -> None:
            for _ in range(rounds):
                for context, text in KNOWN + UNKNOWN:
                    QCoreApplication.translate(context, text)
                    widget.tr(text)

        drift = _steady(run)
    finally:
        languages.apply("en")
    # A Python translator lost one reference of None per lookup: -200,000.
    assert all(abs(d) < 100 for d in drift), drift


SCRIPT = """
import sys
import shopdesk.ui  # the guard
from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Emitter(QObject):
    happened = Signal()

class Model(QAbstractListModel):  # as every model answers a role it does not serve
    def rowCount(self, parent=QModelIndex()):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

app = QApplication([])
widget, emitter, model = QWidget(), Emitter(), Model()
for _ in range(300_000):
    widget.setEnabled(True)   # a method returning nothing: one reference of None
    emitter.happened.emit()   # one reference of True
    widget.parent()           # None again
    model.index(0).data(Qt.ItemDataRole.ToolTipRole)  # None from Python to Qt: once more
print("done")
"""


def test_a_long_session_of_qt_calls_does_not_free_none_or_true(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(SCRIPT)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Fatal Python error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0 and result.stdout.strip() == "done", result.stderr[-2000:]


def test_this_interpreter_is_guarded() -> None:
    """The guard knows this Python's object layout (else the window logs that it may
    abort); on Python 3.11 it leaves None, True and False far from zero."""
    import shopdesk.ui

    assert shopdesk.ui.SINGLETONS_GUARDED
    if sys.version_info < (3, 12):
        assert min(sys.getrefcount(o) for o in (None, True, False)) > 1 << 39
