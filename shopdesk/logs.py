"""Logging to a rotating file in the user's log folder. Never secrets, never full personal data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from shopdesk import paths

LOG_FILE = "shopdesk.log"
_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Send ShopDesk's log to ``<log dir>/shopdesk.log`` (1 MB × 5 files). Idempotent."""
    global _configured
    if _configured is not None:
        return _configured
    path = paths.log_dir() / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("shopdesk")
    root.setLevel(level)
    root.addHandler(handler)
    _configured = path
    return path
