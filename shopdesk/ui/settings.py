"""Preferences kept in ``QSettings``, declared once with their defaults."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ShopDesk"
APPLICATION = "ShopDesk"


def default_settings() -> QSettings:
    """The platform's settings store, or an ini file under ``$SHOPDESK_HOME`` when set
    (tests and portable installs keep everything in one folder)."""
    home = os.environ.get("SHOPDESK_HOME")
    if home:
        return QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class Preferences:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.q = settings or default_settings()

    def _get(self, key: str, default: object, kind: type) -> object:
        value = self.q.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def language(self) -> str:
        return str(self._get("ui/language", "", str))

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self.q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.q.setValue("window/state", value)

    @property
    def page(self) -> int:
        return int(self._get("window/page", 0, int))  # type: ignore[arg-type]

    @page.setter
    def page(self, value: int) -> None:
        self.q.setValue("window/page", value)

    @property
    def last_agent(self) -> str:
        return str(self._get("signin/last", "", str))

    @last_agent.setter
    def last_agent(self, key: str) -> None:
        self.q.setValue("signin/last", key)

    def auto_agent(self, database: str) -> str:
        """The agent signed in automatically on this computer for this database, if any."""
        return str(self._get(f"signin/auto-{_short(database)}", "", str))

    def set_auto_agent(self, database: str, key: str) -> None:
        self.q.setValue(f"signin/auto-{_short(database)}", key)

    @property
    def notifications(self) -> bool:
        return str(self.q.value("ui/notifications", "true")).lower() == "true"

    @notifications.setter
    def notifications(self, on: bool) -> None:
        self.q.setValue("ui/notifications", "true" if on else "false")

    def draft(self, database: str, conversation_id: int) -> str:
        return str(self._get(f"drafts-{_short(database)}/{conversation_id}", "", str))

    def set_draft(self, database: str, conversation_id: int, text: str) -> None:
        key = f"drafts-{_short(database)}/{conversation_id}"
        if text.strip():
            self.q.setValue(key, text)
        else:
            self.q.remove(key)
        self.q.sync()  # on disk now: a crash must not lose what was typed

    @property
    def ctrl_enter_sends(self) -> bool:
        return str(self.q.value("ui/ctrl_enter_sends", "false")).lower() == "true"

    @ctrl_enter_sends.setter
    def ctrl_enter_sends(self, on: bool) -> None:
        self.q.setValue("ui/ctrl_enter_sends", "true" if on else "false")

    @property
    def backup_folder(self) -> str:
        """Where backups go; "" for the default folder (backups in the data folder)."""
        return str(self._get("backup/folder", "", str))

    @backup_folder.setter
    def backup_folder(self, path: str) -> None:
        self.q.setValue("backup/folder", path)

    def sync(self) -> None:
        self.q.sync()
