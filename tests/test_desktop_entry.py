"""``annodesk --install-desktop-entry``: the menu entry and icons land in the XDG data dir and point at us."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from annodesk import desktop_entry


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_writes_entry_and_every_icon_size_then_uninstall_removes_them(tmp_path: Path) -> None:
    home = tmp_path / "share"
    written = desktop_entry.install(home, executable="/opt/annodesk/annodesk")
    assert {p.relative_to(home).as_posix() for p in written} >= {
        "applications/annodesk.desktop",
        "icons/hicolor/scalable/apps/annodesk.svg",
        "icons/hicolor/512x512/apps/annodesk.png",
    }
    section = read_entry(home / "applications" / "annodesk.desktop")
    assert section["Exec"] == section["TryExec"] == "/opt/annodesk/annodesk"
    assert section["Icon"] == "annodesk" and "标注" in section["Name[zh_CN]"]
    for size in desktop_entry.ICON_SIZES:
        with Image.open(home / f"icons/hicolor/{size}x{size}/apps/annodesk.png") as icon:
            assert icon.size == (size, size)

    removed = desktop_entry.uninstall(home)
    assert sorted(removed) == sorted(written)
    assert not any(path.exists() for path in written)


def test_a_path_with_spaces_is_quoted_as_the_desktop_entry_spec_asks(tmp_path: Path) -> None:
    desktop_entry.install(tmp_path, executable='/home/me/My Apps/annodesk "beta"/annodesk')
    section = read_entry(tmp_path / "applications" / "annodesk.desktop")
    assert section["Exec"] == '"/home/me/My Apps/annodesk \\"beta\\"/annodesk"'


def test_the_command_line_installs_for_the_running_installation(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "annodesk", "--install-desktop-entry"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "applications" / "annodesk.desktop"
    assert f"installed {entry}" in result.stdout
    executable = Path(read_entry(entry)["Exec"])
    assert executable.is_absolute() and executable.is_file() and os.access(executable, os.X_OK)
