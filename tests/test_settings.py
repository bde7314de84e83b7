"""Typed settings: defaults, types of what comes back from the store, old keys still read, the config dir override."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

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


class _Store(dict[str, Any]):
    def value(self, key: str, default: Any = None) -> Any:
        return self.get(key, default)


def test_answer_limit_is_a_setting() -> None:
    from annodesk.api.defaults import MAX_ANSWER_BYTES
    from annodesk.settings import Settings

    assert Settings(_Store()).answer_limit == MAX_ANSWER_BYTES == 64 * 1024 * 1024
    assert Settings(_Store({"network/maxAnswerMB": "512"})).answer_limit == 512 * 1024 * 1024
    assert Settings(_Store({"network/maxAnswerMB": "lots"})).answer_limit == MAX_ANSWER_BYTES
    assert Settings(_Store({"network/maxAnswerMB": -1})).answer_limit == MAX_ANSWER_BYTES


def test_workspace_memory_and_disk_budgets_are_settings() -> None:
    from annodesk.settings import Settings
    from annodesk.ui.workspace.frame_glue import FrameSources

    stored = Settings(_Store({"workspace/frameMemoryMB": "256"}))
    assert (stored.frame_memory_mb, stored.chunk_disk_mb) == (256, 4096)  # the other one's default
    sources = FrameSources(None, decoded_budget=stored.frame_memory_mb * 1024**2)
    assert sources.decoded_budget == 256 * 1024**2
