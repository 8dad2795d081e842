"""A bug while the window is being built is shown and logged; the program never vanishes
without a word."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shopdesk.ui import app as app_module
from shopdesk.ui import shell as shell_module

pytestmark = pytest.mark.gui


def test_a_failure_before_the_event_loop_is_shown(qapp, tmp_path, monkeypatch, capsys) -> None:
    def broken_shell(*_args, **_kwargs):
        raise RuntimeError("the main window could not be built")

    monkeypatch.setattr(shell_module, "Shell", broken_shell)
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text() + "\n" + box.detailedText())
            box.accept()

    closer = QTimer()
    closer.timeout.connect(close_box)
    closer.start(50)
    args = argparse.Namespace(db=f"sqlite:///{tmp_path / 'shop.sqlite'}", demo=False,
                              agent=None, lang="en")
    assert app_module.run(args) == 1
    closer.stop()
    assert shown and "unexpected problem" in shown[0]
    assert "the main window could not be built" in shown[0]
    assert "the window could not open" in capsys.readouterr().err
