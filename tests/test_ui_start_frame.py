"""The start: the frame (navigation, inbox layout, a loading state) is painted before the
database is opened or read; then the shop opens behind it, and the main window with its
first rows takes its place. Error dialogs and the owner's first start still work."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from shopdesk.ui import app as app_module
from shopdesk.ui.start_frame import StartFrame

pytestmark = pytest.mark.gui


@pytest.fixture
def seen(monkeypatch):
    """The start's milestones as they come: (name, what was checked at that moment)."""
    events: list[tuple[str, dict]] = []
    monkeypatch.setattr(app_module, "milestones", [])
    return events


def args_for(url: str, agent: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(db=url, demo=False, agent=agent, lang="en")


def frame_state(frame: StartFrame) -> dict:
    return {"visible": frame.isVisible(), "painted": frame.painted,
            "loading": frame.loading.isVisible() and frame.loading.text(),
            "navigation": [frame.navigation.item(i).text()
                           for i in range(frame.navigation.count())],
            "views": [frame.views.tabText(i) for i in range(frame.views.count())]}


def test_the_frame_shows_its_loading_state_before_the_database_is_opened(
        qapp, tmp_path, seen) -> None:
    """A shop file that does not exist yet: when the frame is painted, the file still does
    not exist (nothing opened it); it appears only after. A new shop asks for its owner:
    cancelled, the program ends."""
    path = tmp_path / "new.sqlite"

    def watch(name: str, what) -> None:  # type: ignore[no-untyped-def]
        seen.append((name, {"file": path.exists(),
                            **(frame_state(what) if name == "painted" else {})}))

    app_module.milestones.append(watch)

    def cancel_owner() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    closer = QTimer()
    closer.timeout.connect(cancel_owner)
    closer.start(50)
    assert app_module.run(args_for(f"sqlite:///{path}")) == 0
    closer.stop()
    names = [name for name, _ in seen]
    assert names == ["painted", "opened"]
    painted = seen[0][1]
    assert painted["file"] is False  # painted before the database was opened
    assert painted["visible"] and painted["painted"]
    assert painted["loading"] == "Loading conversations…"
    assert painted["navigation"] == ["Inbox", "Customers", "Returns", "Complaints",
                                     "Knowledge", "Reports", "Settings"]
    assert painted["views"] == ["Needs reply", "Mine", "Unassigned", "All"]
    assert seen[1][1]["file"] is True  # then opened (and created) behind the frame


def test_the_main_window_takes_the_frames_place_with_its_first_rows(
        qapp, tmp_path, seen, monkeypatch) -> None:
    from shopdesk.cli import build_demo
    from shopdesk.db import open_database

    url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
    db = open_database(url)
    build_demo(db, "small", 1, datetime(2026, 11, 1, tzinfo=UTC))
    db.dispose()
    frames: list[StartFrame] = []

    def watch(name: str, what) -> None:  # type: ignore[no-untyped-def]
        if name == "painted":
            frames.append(what)
            seen.append((name, {"rows": None}))
        elif name == "shown":
            seen.append((name, {"rows": what.inbox.model.rowCount(),
                                "window": what.isVisible(),
                                "frame": frames[0].isVisible()}))
            windows.append(what)

    app_module.milestones.append(watch)
    # The program's event loop is not entered: quitting it would end every nested event
    # loop (the dialogs of the tests after this one) until the next one starts.
    windows: list = []
    monkeypatch.setattr(type(qapp), "exec", lambda *_a: 0)
    assert app_module.run(args_for(url, agent="owner")) == 0
    window = windows[0]
    # The frame showed the window's own pages, so nothing moves when it takes its place.
    assert [frames[0].navigation.item(i).text() for i in range(frames[0].navigation.count())] \
        == [window.navigation.item(i).text() for i in range(window.navigation.count())]
    window.close()
    assert [name for name, _ in seen] == ["painted", "shown"]
    shown = seen[1][1]
    assert shown["rows"] > 0 and shown["window"] and not shown["frame"]


def test_a_database_that_cannot_be_opened_is_said_over_the_frame(qapp, tmp_path, seen) -> None:
    (tmp_path / "not-a-folder").write_text("a file where a folder should be")
    url = f"sqlite:///{tmp_path / 'not-a-folder' / 'shop.sqlite'}"
    shown: list[tuple[str, bool]] = []

    def watch(name: str, what) -> None:  # type: ignore[no-untyped-def]
        seen.append((name, {}))

    app_module.milestones.append(watch)

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            parent = box.parentWidget()
            shown.append((box.text(), isinstance(parent, StartFrame) and parent.isVisible()))
            box.accept()

    closer = QTimer()
    closer.timeout.connect(close_box)
    closer.start(50)
    assert app_module.run(args_for(url)) == 1
    closer.stop()
    assert [name for name, _ in seen] == ["painted"]
    assert shown and "cannot open the database" in shown[0][0]
    assert shown[0][1]  # over the painted frame


def test_an_unexpected_failure_opening_the_shop_is_shown_not_silent(
        qapp, tmp_path, seen, monkeypatch, capsys) -> None:
    """Not a ShopDeskError (here: a bug in opening the shop): the unexpected-problem dialog
    over the frame and a line on stderr, not an exit without a word."""
    from shopdesk.ui import shell as shell_module

    def broken_open(_args):  # type: ignore[no-untyped-def]
        raise RuntimeError("the shop could not be read")

    monkeypatch.setattr(shell_module, "open_shop", broken_open)
    shown: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text() + "\n" + box.detailedText())
            box.accept()

    closer = QTimer()
    closer.timeout.connect(close_box)
    closer.start(50)
    assert app_module.run(args_for(f"sqlite:///{tmp_path / 'shop.sqlite'}")) == 1
    closer.stop()
    assert shown and "unexpected problem" in shown[0]
    assert "the shop could not be read" in shown[0]
    assert "could not be opened" in capsys.readouterr().err
