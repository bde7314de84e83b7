"""Resources resolve through one function, from the source tree and from an installed wheel."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from annodesk.paths import resource_path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = [
    "annodesk.desktop",
    "icons/annodesk.svg",
    "icons/hicolor/48x48/apps/annodesk.png",
    "translations/annodesk_zh_CN.qm",
    "translations/annodesk_en.qm",
]


@pytest.mark.parametrize("relative", SHIPPED)
def test_resources_resolve_in_the_source_tree(relative: str) -> None:
    path = resource_path(relative)
    assert path.is_file() and path.resolve() == (ROOT / "resources" / relative).resolve()


def test_desktop_entry_names_the_app_in_english_and_chinese() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(resource_path("annodesk.desktop"), encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "annodesk" and section["Exec"]
    assert section["Name"] == "annodesk" and "标注" in section["Name[zh_CN]"]
    assert section["Categories"].endswith(";")


def test_icon_has_every_png_size() -> None:
    from PIL import Image

    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(resource_path(f"icons/hicolor/{size}x{size}/apps/annodesk.png")) as image:
            assert image.size == (size, size) and image.mode == "RGBA"


def test_resources_resolve_from_an_installed_wheel(tmp_path: Path) -> None:
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(wheels.glob("annodesk-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"annodesk/resources/{relative}" for relative in SHIPPED} <= names
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # a wheel is installed by unpacking it onto sys.path
    code = (
        f"import sys; sys.path.insert(0, {str(target)!r}); from annodesk.paths import resource_path;"
        "paths = [resource_path(r) for r in sys.argv[1:]];"
        "assert all(p.is_file() for p in paths), paths;"
        f"assert all(str(p).startswith({str(target)!r}) for p in paths), paths; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code, *SHIPPED], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
