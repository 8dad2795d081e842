"""Where ShopDesk keeps its files: the user's data, log and cache folders (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ShopDesk"
APP_AUTHOR = "ShopDesk"


def data_dir() -> Path:
    override = os.environ.get("SHOPDESK_HOME")
    path = Path(override) / "data" if override else Path(
        platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get("SHOPDESK_HOME")
    path = Path(override) / "logs" if override else Path(
        platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """What ShopDesk can make again (the compiled translations)."""
    override = os.environ.get("SHOPDESK_HOME")
    path = Path(override) / "cache" if override else Path(
        platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "shopdesk.sqlite"


def demo_db_path() -> Path:
    return data_dir() / "demo.sqlite"
