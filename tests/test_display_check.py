"""When Qt's xcb plugin cannot load (system libraries missing), annodesk names the packages in one line instead of
Qt's abort; a Wayland session, another platform or a complete system are left alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annodesk.display_check import (
    QPA_LIBRARY,
    XCB_PACKAGES,
    check_display,
    missing_packages_line,
    missing_xcb_packages,
    qt_library_folder,
    uses_xcb,
)

FRESH_DEBIAN = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def test_which_platform_uses_xcb() -> None:
    assert uses_xcb({}, "linux") and uses_xcb({"DISPLAY": ":0"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux") and uses_xcb({"QT_QPA_PLATFORM": "xcb:dpi=96"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux")
    assert not uses_xcb({}, "win32") and not uses_xcb({}, "darwin")


def test_missing_libraries_are_named_by_package(tmp_path: Path) -> None:
    broken = tmp_path / QPA_LIBRARY
    broken.write_bytes(b"not a library")  # dlopen fails, as it does when a dependency is missing
    packages = missing_xcb_packages(
        broken, load_error=lambda name: "missing" if name in FRESH_DEBIAN | {str(broken)} else None
    )
    assert packages == ["libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"]
    line = missing_packages_line(packages)
    assert "\n" not in line and line.endswith(
        "Install on Debian/Ubuntu: sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
    )


def test_nothing_missing_when_the_plugin_loads(tmp_path: Path) -> None:
    library = tmp_path / QPA_LIBRARY
    library.write_bytes(b"")
    assert missing_xcb_packages(library, load_error=lambda name: None) == []
    assert missing_xcb_packages(tmp_path / "absent.so", load_error=lambda name: "gone") == []  # unsure: Qt decides
    unknown = "libxcb-foo.so.7: cannot open shared object file: No such file or directory"
    assert missing_xcb_packages(library, load_error=lambda n: unknown if n == str(library) else None) == [
        "libxcb-foo.so.7"
    ]


def test_the_real_plugin_library_is_checked() -> None:
    folder = qt_library_folder()
    assert folder is not None and (folder / QPA_LIBRARY).is_file()
    assert set(XCB_PACKAGES) >= FRESH_DEBIAN
    assert check_display({"QT_QPA_PLATFORM": "offscreen"}) is None
    no_display = check_display({"QT_QPA_PLATFORM": "xcb"})
    assert no_display is not None and "DISPLAY is not set" in no_display and "\n" not in no_display


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc to build a library with a missing dependency")
def test_annodesk_prints_one_line_instead_of_qts_abort(tmp_path: Path) -> None:
    """The command itself, with a stand-in PySide6 whose xcb library needs a library this system lacks."""
    build, fake = tmp_path / "build", tmp_path / "fake"
    build.mkdir()
    lib = fake / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    (fake / "PySide6" / "__init__.py").write_text("")
    (build / "dep.c").write_text("int annodesk_missing(void) { return 1; }\n")
    (build / "qpa.c").write_text("int annodesk_missing(void); int qpa(void) { return annodesk_missing(); }\n")
    gcc = ["gcc", "-shared", "-fPIC"]
    subprocess.run(
        [*gcc, "-Wl,-soname,libannodesk-missing.so.1", "-o", build / "libannodesk-missing.so.1", build / "dep.c"],
        check=True,
    )
    subprocess.run([*gcc, "-o", lib / QPA_LIBRARY, build / "qpa.c", build / "libannodesk-missing.so.1"], check=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0", "PYTHONPATH": str(fake), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "annodesk"], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("annodesk cannot open a window: Qt's X11 (xcb) support")
    assert lines[0].endswith("Install the package that provides libannodesk-missing.so.1")
