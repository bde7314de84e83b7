"""Drop shared libraries that nothing in the bundle links to (used by ``annodesk.spec`` on Linux).

PyInstaller collects a Qt plugin's dependencies before the spec filters the plugin out, so excluding e.g. the
GTK platform theme leaves GTK, Pango and Cairo behind (~11 MB). This keeps every Python extension module and Qt
plugin (the roots), follows their ``DT_NEEDED`` entries (read with ``readelf``), and drops plain libraries
that none of them reaches. The interpreter library is always kept: the bootloader loads it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import PurePosixPath

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination name, source path, typecode)

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def needed_libraries(path: str) -> list[str]:
    """The sonames ``path`` links to (empty when ``readelf`` cannot read it)."""
    result = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False)
    return _NEEDED.findall(result.stdout)


def _is_root(entry: Entry) -> bool:
    name, _source, typecode = entry
    posix = PurePosixPath(name.replace("\\", "/"))
    return typecode == "EXTENSION" or "plugins" in posix.parts or posix.name.startswith("libpython")


def prune_unlinked(binaries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """``(kept, dropped)``: the libraries reachable from the roots through ``DT_NEEDED``, and the rest.

    Returns the input unchanged off Linux or without ``readelf`` (binutils).
    """
    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        return list(binaries), []
    by_soname: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_soname.setdefault(PurePosixPath(entry[0].replace("\\", "/")).name, []).append(entry)
    reached: set[Entry] = set()
    pending = [entry for entry in binaries if _is_root(entry)]
    while pending:
        entry = pending.pop()
        if entry in reached:
            continue
        reached.add(entry)
        for soname in needed_libraries(entry[1]):
            pending.extend(by_soname.get(soname, []))
    kept = [entry for entry in binaries if entry in reached]
    dropped = [entry for entry in binaries if entry not in reached]
    return kept, dropped


# Encoders PyAV's FFmpeg links to and annodesk never uses: it decodes H.264 and the embedded sandbox encodes
# H.264 (libx264); HEVC (x265) and AV1 (SVT-AV1) encoding are ~28 MB of the bundle. Each is replaced by a stub
# library of the same soname, so FFmpeg still loads: its API lookups answer "none" (FFmpeg then offers no pixel
# format for that encoder) and any other function aborts with a message.
UNUSED_ENCODERS = ("libx265", "libSvtAv1Enc")
_SONAME = re.compile(r"\(SONAME\)\s+Library soname: \[(.+?)\]")


def _symbols(path: str, *flags: str) -> dict[str, str]:
    """Dynamic symbols of ``path`` by name → nm type letter (``--defined-only`` or ``--undefined-only``)."""
    result = subprocess.run(["nm", "-D", *flags, path], capture_output=True, text=True, check=False)
    symbols = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            symbols[parts[-1].split("@")[0]] = parts[-2]
    return symbols


def stub_unused_encoders(binaries: list[Entry], build_dir: str) -> tuple[list[Entry], list[str]]:
    """``(binaries, stubbed)``: the entries with :data:`UNUSED_ENCODERS` replaced by stubs built in
    ``build_dir``. Unchanged off Linux, without gcc/nm/readelf, or when a library's users import data from it."""
    tools = ("gcc", "nm", "readelf")
    if not sys.platform.startswith("linux") or any(shutil.which(tool) is None for tool in tools):
        return list(binaries), []
    result, stubbed = [], []
    for entry in binaries:
        name = PurePosixPath(entry[0].replace("\\", "/")).name
        stub = _build_stub(entry, binaries, build_dir) if name.startswith(UNUSED_ENCODERS) else None
        if stub is None:
            result.append(entry)
        else:
            result.append((entry[0], stub, entry[2]))
            stubbed.append(name)
    return result, stubbed


def _build_stub(entry: Entry, binaries: list[Entry], build_dir: str) -> str | None:
    import pathlib

    found = _SONAME.search(subprocess.run(["readelf", "-d", entry[1]], capture_output=True, text=True).stdout)
    soname = found.group(1) if found else PurePosixPath(entry[0]).name
    defined = _symbols(entry[1], "--defined-only")
    imported: set[str] = set()
    for other in binaries:
        if other is not entry and soname in needed_libraries(other[1]):
            imported |= set(_symbols(other[1], "--undefined-only"))
    used = sorted(symbol for symbol in imported if symbol in defined)
    if any(defined[symbol] not in ("T", "W") for symbol in used):
        return None  # data imported from it: a function stub would not do
    folder = pathlib.Path(build_dir) / "stubs"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{soname}.c"
    message = f"annodesk: {soname} is left out of this bundle (an encoder annodesk never uses)\\n"
    # FFmpeg asks x265 for its API while listing codecs (the pixel formats it offers): "none" is a valid answer.
    source.write_text(
        "#include <stdio.h>\n#include <stdlib.h>\n"
        + "".join(
            f"void *{symbol}(void) {{ return NULL; }}\n"
            if "api_get" in symbol
            else f'void {symbol}(void) {{ fputs("{message}", stderr); abort(); }}\n'
            for symbol in used
        )
    )
    target = folder / soname
    subprocess.run(
        ["gcc", "-shared", "-fPIC", "-O2", "-s", f"-Wl,-soname,{soname}", "-o", str(target), str(source)], check=True
    )
    return str(target)
