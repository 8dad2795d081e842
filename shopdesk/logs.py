"""Logging to a rotating file in the user's log folder. Never secrets, never full personal data."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from shopdesk import paths

LOG_FILE = "shopdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_configured: Path | None = None


class RotatingLog(logging.FileHandler):
    """``shopdesk.log``, moved to ``shopdesk.log.1`` (and so on to ``.5``, the oldest
    dropped) before a record would take it past ``max_bytes``: the rotation of
    ``logging.handlers.RotatingFileHandler``, which the window's start does not import
    (that module brings sockets, pickling and queues: 10 ms before the first paint)."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            if self.stream.tell() + len(self.format(record)) + 1 >= self.max_bytes:
                self.rotate()
        except OSError:
            pass  # not rotated this time (see ``rotate``); the record is still written
        super().emit(record)

    def rotate(self) -> None:
        """Called with the handler's lock held (``Handler.handle``). If a file cannot be
        moved (on Windows, another ShopDesk process has it open), the log goes on in the
        same file: records are never dropped for the sake of the rotation."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        base = self.baseFilename
        try:
            for number in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{number}"):
                    os.replace(f"{base}.{number}", f"{base}.{number + 1}")
            if os.path.exists(base):
                os.replace(base, f"{base}.1")
        finally:
            self.stream = self._open()


def setup_logging(level: int = logging.INFO) -> Path:
    """Send ShopDesk's log to ``<log dir>/shopdesk.log`` (1 MB × 5 files). Idempotent."""
    global _configured
    if _configured is not None:
        return _configured
    path = paths.log_dir() / LOG_FILE
    handler = RotatingLog(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("shopdesk")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = path
    return path
