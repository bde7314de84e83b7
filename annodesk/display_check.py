"""Before Qt starts on Linux/X11: can its xcb platform plugin load? If system libraries it needs are missing
(a fresh Debian lacks ``libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1``), Qt aborts with a message that names the
wrong one; annodesk says instead, in one line, which packages to install.

The check loads the plugin's own library (``libQt6XcbQpa``) with ``dlopen``: a few milliseconds when all is
there; when a library is missing, each library the plugin links is tried in turn to name all missing at once.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# The X11 libraries Qt 6's xcb plugin links, and the Debian/Ubuntu packages that hold them.
XCB_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
}
QPA_LIBRARY = "libQt6XcbQpa.so.6"
_MISSING = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will start its xcb plugin: on Linux, when asked to, or by default outside a Wayland session."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def qt_library_folder() -> Path | None:
    """Where PySide6 keeps Qt's libraries (in a source install or in the bundle), if it can be found."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib"
    return folder if folder.is_dir() else None


def _load_error(name: str) -> str | None:
    """Why ``name`` cannot be loaded (the dynamic loader's words), or ``None`` when it can."""
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return str(exc)
    return None


def missing_xcb_packages(
    qpa_library: Path | None = None, load_error: Callable[[str], str | None] = _load_error
) -> list[str]:
    """What to install so that the xcb plugin loads: packages of the known libraries that are missing, or the
    library file the loader names when it is none of those. Empty when it loads (or when unsure: Qt decides)."""
    folder = qt_library_folder() if qpa_library is None else qpa_library.parent
    library = qpa_library or (folder / QPA_LIBRARY if folder else None)
    if library is None or not library.is_file():
        return []
    error = load_error(str(library))
    if error is None:
        return []
    packages = [package for soname, package in XCB_PACKAGES.items() if load_error(soname) is not None]
    named = _MISSING.search(error)
    if not packages and named and named.group(1) not in XCB_PACKAGES:
        packages.append(named.group(1))  # a library outside the table: name its file
    return packages


def missing_packages_line(missing: list[str]) -> str:
    """The one line annodesk prints instead of Qt's abort (``missing``: packages, or library files)."""
    packages = [name for name in missing if ".so" not in name]
    files = [name for name in missing if ".so" in name]
    advice = []
    if packages:
        advice.append(f"on Debian/Ubuntu: sudo apt install {' '.join(packages)}")
    if files:
        advice.append(f"the package that provides {', '.join(files)}")
    return (
        "annodesk cannot open a window: Qt's X11 (xcb) support needs system libraries that are missing. "
        f"Install {'; and '.join(advice)}"
    )


def check_display(environ: Mapping[str, str] = os.environ) -> str | None:
    """The line to print and stop with when Qt's xcb plugin cannot load here, else ``None``."""
    if not uses_xcb(environ):
        return None
    if not environ.get("DISPLAY"):
        return (
            "annodesk cannot open a window: there is no X11 display (DISPLAY is not set). "
            "Start it from a desktop session."
        )
    packages = missing_xcb_packages()
    return missing_packages_line(packages) if packages else None
