"""Typed settings: defaults, types of what comes back from the store, old keys still read, the config dir override."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from annodesk.settings import GEOMETRY_VERSION, Settings


def ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_defaults_and_types_survive_a_round_trip(tmp_path: Path) -> None:
    stored = Settings(ini(tmp_path / "a.ini"))
    assert (stored.page_size, stored.ordering, stored.preview_column, stored.recent_servers) == (10, "", False, [])
    stored.page_size = 50
    stored.preview_column = True
    stored.recent_servers = ["https://a.example", "https://b.example"]
    stored.set_ca_file("https://a.example/", "/ca.pem")
    stored.sync()
    again = Settings(ini(tmp_path / "a.ini"))  # read back from the file: strings, typed again
    assert again.page_size == 50 and again.preview_column is True
    assert again.recent_servers == ["https://a.example", "https://b.example"]
    assert again.ca_file("https://a.example/") == "/ca.pem" and again.ca_file("https://b.example") == ""
    again.set_ca_file("https://a.example/", "")
    assert again.ca_file("https://a.example/") == ""


def test_keys_written_by_earlier_versions_are_read(tmp_path: Path) -> None:
    old = ini(tmp_path / "old.ini")
    for key, value in (("main/pageSize", "25"), ("main/thumbnails", "true"), ("ui/language", "zh_CN")):
        old.setValue(key, value)
    old.setValue("main/geometry", QByteArray(b"geometry"))  # saved before geometry had a version
    old.sync()
    stored = Settings(ini(tmp_path / "old.ini"))
    assert (stored.page_size, stored.preview_column, stored.language) == (25, True, "zh_CN")
    assert stored.window_geometry() == QByteArray(b"geometry")
    stored.geometry_version = GEOMETRY_VERSION + 1  # a layout this version does not know: not restored
    assert stored.window_geometry() is None


def test_the_config_dir_override_puts_the_settings_file_there(tmp_path: Path) -> None:
    code = "from annodesk.settings import *; s = open_settings(); s.setValue('main/pageSize', 100); s.sync()"
    env = {"ANNODESK_CONFIG_DIR": str(tmp_path), "PATH": "", "HOME": str(tmp_path / "home")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
    assert "pageSize=100" in (tmp_path / "annodesk.ini").read_text()
