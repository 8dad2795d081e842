"""Small parts of the Inbox page (ui/inbox.py): the snooze times, the menu buttons of its
action bar, and the names by which the window and the tests reach the thread view and the
composer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWidget

from shopdesk.times import utcnow

if TYPE_CHECKING:
    from shopdesk.ui.inbox_composer import ComposerPanel
    from shopdesk.ui.inbox_thread import ThreadView


def snooze_time(delta: timedelta | None) -> datetime:
    """Now plus ``delta``, or tomorrow at 9:00 local time when ``delta`` is None."""
    if delta is not None:
        return utcnow() + delta
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0)
    return tomorrow.astimezone(UTC)


def menu_button(name: str, menu: QMenu) -> QPushButton:
    """A button that opens ``menu``; its arrow has room of its own beside the label."""
    button = QPushButton()
    button.setObjectName(name)
    button.setMenu(menu)
    return button


class ThreadAndComposerNames:
    """What the thread view and the composer do, by the names the tests know (a mixin of
    ``InboxPage``, which has ``conversation`` and ``composer_panel``)."""

    conversation: ThreadView
    composer_panel: ComposerPanel

    @property
    def thread_size(self) -> int:
        return self.conversation.thread_size

    @property
    def highlight(self) -> int | None:
        return self.conversation.highlight

    @property
    def viewer(self) -> QWidget:
        return self.conversation.viewer

    @property
    def pending(self) -> list[tuple[str, str, bytes]]:
        return self.composer_panel.pending

    @property
    def pending_label(self) -> QLabel:
        return self.composer_panel.pending_label

    def _link(self, url: QUrl) -> None:
        self.conversation._link(url)

    def show_image(self, attachment_id: int) -> None:
        self.conversation.show_image(attachment_id)

    def attach_files(self, paths: list[Path]) -> None:
        self.composer_panel.attach_files(paths)

    def send(self) -> None:
        self.composer_panel.send()

