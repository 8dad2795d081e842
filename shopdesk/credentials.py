"""Store passwords and tokens: in the OS keyring and nowhere else.

One keyring entry per store and secret: service ``ShopDesk``, user name ``<store key>/<name>``
(for example ``shop-mail/password``). When no keyring backend works (a Linux PC without a
desktop session: keyring's ``fail`` backend), secrets are kept in memory for this session
only and ShopDesk asks for them again next time; they are never written in plain text.
"""

from __future__ import annotations

import logging
import threading

SERVICE = "ShopDesk"
log = logging.getLogger(__name__)


def _entry(store_key: str, name: str) -> str:
    return f"{store_key}/{name}"


class Credentials:
    """The program's one way to read and write secrets (thread-safe)."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}  # used only when the keyring does not work
        self._lock = threading.Lock()
        self._reason: str | None = None
        self._checked = False  # the keyring is loaded on first use (it costs 0.15 s)

    @property
    def reason(self) -> str | None:
        """Why the keyring cannot be used, in plain words (None: it works)."""
        if not self._checked:
            import keyring

            backend = keyring.get_keyring()
            if getattr(backend, "priority", 1) <= 0 or type(backend).__module__.startswith(
                    "keyring.backends.fail"):
                self._reason = ("No password store (keyring) is available on this computer, "
                                "so passwords are kept only until ShopDesk closes.")
            self._checked = True
        return self._reason

    @property
    def persistent(self) -> bool:
        """Whether secrets survive a restart (the keyring works)."""
        return self.reason is None

    def get(self, store_key: str, name: str) -> str | None:
        entry = _entry(store_key, name)
        with self._lock:
            if entry in self._session:
                return self._session[entry]
        if not self.persistent:
            return None
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, entry)
        except KeyringError as exc:
            self._fail(exc)
            return None

    def set(self, store_key: str, name: str, value: str) -> None:
        entry = _entry(store_key, name)
        if self.persistent:
            import keyring
            from keyring.errors import KeyringError

            try:
                keyring.set_password(SERVICE, entry, value)
                return
            except KeyringError as exc:
                self._fail(exc)
        with self._lock:
            self._session[entry] = value

    def delete(self, store_key: str, name: str) -> None:
        entry = _entry(store_key, name)
        with self._lock:
            self._session.pop(entry, None)
        if self.persistent:
            import keyring
            from keyring.errors import KeyringError, PasswordDeleteError

            try:
                keyring.delete_password(SERVICE, entry)
            except PasswordDeleteError:
                pass  # there was none
            except KeyringError as exc:
                self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        """The keyring broke while running: fall back to this session (never to a file)."""
        log.warning("the keyring failed (%s); secrets are kept for this session only",
                    type(exc).__name__)
        self._checked = True
        self._reason = ("The password store (keyring) of this computer did not work, so "
                       "passwords are kept only until ShopDesk closes.")
