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
