"""Where annodesk keeps its files: one identity for QSettings, platformdirs and the keyring."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "annodesk"
ORGANIZATION = "annodesk"


def cache_dir() -> Path:
    """The offline cache root (per server + user folders live below it)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "offline"


def data_dir() -> Path:
    """Persistent app data (the demo sandbox's database lives here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
