"""The one-folder bundle: its size, and start → first paint of the bundle vs the venv (issue 4).

    scripts/build-bundle.sh && .venv/bin/python benchmarks/bundle_startup.py [--runs 5]

Both start with empty settings and show the sign-in dialog; the first paint is reported through
``ANNODESK_REPORT_FIRST_PAINT`` (see ``startup.py``), offscreen. Also part of ``benchmarks/run.py`` when
``dist/annodesk/annodesk`` exists.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, Figure
from startup import APP_COMMAND, alternate

BUNDLE = ROOT / "dist" / "annodesk" / "annodesk"
OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}


def folder_mib(folder: Path) -> float:
    """Bytes of every file below ``folder``, in MiB (what the user downloads and unpacks)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def measure(runs: int) -> Figure | None:
    if not BUNDLE.exists():
        return None
    commands = {"bundle": ((str(BUNDLE),), "SignInDialog"), "venv": (APP_COMMAND, "SignInDialog")}
    stats = alternate(commands, runs, OFFSCREEN)
    size = folder_mib(BUNDLE.parent)
    figure = Figure(
        "bundle",
        f"issue 4. one-folder bundle: {size:.1f} MiB; process start → sign-in dialog painted (offscreen)",
        "ms",
        measured={"bundle (dist/annodesk/annodesk)": stats["bundle"], "venv (python -m annodesk)": stats["venv"]},
    )
    ratio = stats["bundle"].median / stats["venv"].median
    figure.notes.append(f"bundle ÷ venv start-up: {ratio:.2f}×")
    figure.notes.append(
        f"bundle size {size:.1f} MiB = {size * 2**20 / 1e6:.1f} MB ({BUNDLE.parent.relative_to(ROOT)}/, every file)"
    )
    figure.extra = {"size_mib": size, "bundle_over_venv": ratio}
    return figure


def main() -> int:
    parser = argparse.ArgumentParser(description="bundle size and start-up vs the venv")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figure = measure(args.runs)
    if figure is None:
        print(f"no bundle at {BUNDLE}: build it with scripts/build-bundle.sh", file=sys.stderr)
        return 1
    figure.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
