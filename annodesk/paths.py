"""Where annodesk keeps its files: one identity for QSettings, platformdirs and the keyring."""

from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

APP_NAME = "annodesk"
ORGANIZATION = "annodesk"


def cache_dir() -> Path:
    """The offline cache root (per server + user folders live below it)."""
    import platformdirs  # imported when first needed: start-up paints the sign-in dialog before this

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "offline"


def chunk_cache_dir() -> Path:
    """Where encoded frame chunks are kept across sessions (``annodesk.session.chunk_cache``), per server below."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "chunks"


def data_dir() -> Path:
    """Persistent app data (the demo sandbox's database lives here)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the rotating log file ``annodesk.log`` lives (Linux: ``~/.local/state/annodesk/log``)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def resource_path(relative: str) -> Path:
    """A data file shipped with annodesk (``icons/annodesk.svg``, ``annodesk.desktop``…).

    The same lookup serves the source tree and an editable install (``resources/``), an installed wheel (the
    package ``annodesk.resources``) and the PyInstaller bundle (collected under ``annodesk/resources``).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "annodesk" / "resources" / relative
    return Path(str(importlib.resources.files("annodesk.resources"))) / relative
