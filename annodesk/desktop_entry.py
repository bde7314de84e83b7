"""``annodesk --install-desktop-entry``: put annodesk in the Linux desktop's application menu, with its icon.

Works the same from a pip install and from the PyInstaller bundle: the menu entry's ``Exec`` is the absolute
path of the program that ran the command. Files go to the user's XDG data dir (``~/.local/share``), nothing
needs root, and ``--uninstall-desktop-entry`` removes exactly what was written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import APP_NAME, resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home() -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share``."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_path() -> str:
    """The absolute path that starts this annodesk: the bundle's executable, or the installed script."""
    if getattr(sys, "frozen", False):
        return str(Path(sys.executable).resolve())
    beside_python = Path(sys.executable).with_name(APP_NAME)
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which(APP_NAME)
    if found:
        return str(Path(found).resolve())
    raise FileNotFoundError("the annodesk command was not found; install annodesk first (pip install .)")


def _exec_value(path: str) -> str:
    """A path quoted as the Desktop Entry spec asks when it has spaces or reserved characters."""
    if not any(ch in path for ch in " \t\n\"'\\><~|&;$*?#()`"):
        return path
    escaped = path.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'


def desktop_file_text(executable: str) -> str:
    """The shipped ``annodesk.desktop`` with ``Exec``/``TryExec`` pointing at ``executable``."""
    lines = []
    for line in resource_path("annodesk.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"TryExec={_exec_value(executable)}")
            lines.append(f"Exec={_exec_value(executable)}")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(home: Path) -> list[Path]:
    """Where the entry and the icons go under ``home``."""
    icons = home / "icons" / "hicolor"
    return [
        home / "applications" / f"{APP_NAME}.desktop",
        icons / "scalable" / "apps" / f"{APP_NAME}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_NAME}.png" for size in ICON_SIZES),
    ]


def install(home: Path | None = None, executable: str | None = None) -> list[Path]:
    """Write the menu entry and icons; return the files written."""
    home = home or data_home()
    entry, svg, *pngs = installed_files(home)
    sources = [resource_path("icons/annodesk.svg")] + [
        resource_path(f"icons/hicolor/{size}x{size}/apps/{APP_NAME}.png") for size in ICON_SIZES
    ]
    for source, target in zip(sources, [svg, *pngs], strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_file_text(executable or launcher_path()), encoding="utf-8")
    _refresh_caches(home)
    return [entry, svg, *pngs]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what :func:`install` wrote; return the files removed."""
    removed = []
    for path in installed_files(home or data_home()):
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _refresh_caches(home: Path) -> None:
    """Tell the desktop about the new entry and icons when its tools exist (best effort, never fails)."""
    for command in (
        ["update-desktop-database", str(home / "applications")],
        ["gtk-update-icon-cache", "--quiet", "--ignore-theme-index", str(home / "icons" / "hicolor")],
    ):
        if shutil.which(command[0]):
            subprocess.run(command, capture_output=True, check=False, timeout=30)


def main(remove: bool = False) -> int:
    """The command line action: print what was done; exit code 0, or 1 with the reason."""
    if not sys.platform.startswith("linux"):
        print("annodesk: desktop entries are a Linux desktop feature; nothing to do on this system.")
        return 0
    try:
        files = uninstall() if remove else install()
    except OSError as exc:
        print(f"annodesk: {exc}", file=sys.stderr)
        return 1
    verb = "removed" if remove else "installed"
    for path in files:
        print(f"{verb} {path}")
    if not files:
        print("annodesk: no desktop entry was installed")
    return 0
