"""Figure 1: process start → sign-in dialog painted, against a bare PySide6 script showing an empty window.

Both processes are started the same way, with empty settings (so annodesk shows its sign-in dialog), and
report their first paint through ``ANNODESK_REPORT_FIRST_PAINT`` (annodesk/ui/first_paint.py; the bare
script copies the same detection). "Start" is taken in the parent just before it spawns the process, on
CLOCK_MONOTONIC, which both processes share. Runs alternate bare/app; one warm-up pair is not counted.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from harness import PROBES, PYTHON, ROOT, Check, Figure, Stat, isolated_env, now

APP_COMMAND = (PYTHON, "-m", "annodesk")
BARE_COMMAND = (PYTHON, str(PROBES / "bare_window.py"))
TARGET = 1.3


def first_paint_ms(command: Sequence[str], expect: str, platform: dict[str, str]) -> float:
    """Milliseconds from spawning ``command`` to its first painted window (which must be ``expect``)."""
    with tempfile.TemporaryDirectory(prefix="annodesk-bench-") as home:
        report = Path(home) / "first-paint"
        env = isolated_env(Path(home), ANNODESK_REPORT_FIRST_PAINT=str(report), **platform)
        started = now()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        if not report.exists():
            raise RuntimeError(f"{command[-1]} reported no first paint ({done.returncode}): {done.stderr[-2000:]}")
        stamp, window = report.read_text(encoding="utf-8").split()
    if window != expect:
        raise RuntimeError(f"{command[-1]}: the first painted window was {window}, not {expect}")
    return (float(stamp) - started) * 1000


def alternate(commands: dict[str, tuple[Sequence[str], str]], runs: int, platform: dict[str, str]) -> dict[str, Stat]:
    """Run each command ``runs`` times (plus one warm-up), alternating; the first-paint time of each."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs + 1):
        for name, (command, expect) in commands.items():
            value = first_paint_ms(command, expect, platform)
            if run > 0:
                samples[name].append(value)
    return {name: Stat.of(values) for name, values in samples.items()}


def measure(runs: int, platform_name: str, platform: dict[str, str]) -> Figure:
    commands = {
        "annodesk": (APP_COMMAND, "SignInDialog"),
        "bare": (BARE_COMMAND, "QWidget"),
        "text": ((*BARE_COMMAND, "--text"), "QLabel"),
        "modules": ((*BARE_COMMAND, "--text", "--annodesk"), "QLabel"),
    }
    stats = alternate(commands, runs, platform)
    figure = Figure(
        f"startup_{platform_name}",
        f"1. process start → sign-in dialog painted ({platform_name})",
        "ms",
        measured={"annodesk (python -m annodesk)": stats["annodesk"]},
        floors={"bare PySide6 empty window": stats["bare"]},
    )
    figure.checks.append(Check("annodesk ÷ bare window", stats["annodesk"].median / stats["bare"].median, "<=", TARGET))
    bare = stats["bare"].median
    figure.notes.append(
        f"what the gap is made of: the same bare window showing one line of text {stats['text'].median:.0f} ms "
        f"(+{stats['text'].median - bare:.0f}: the first text loads the fonts); that after importing the modules "
        f"annodesk paints its sign-in dialog with, its icon and its language {stats['modules'].median:.0f} ms "
        f"(+{stats['modules'].median - bare:.0f}, {stats['modules'].median / bare:.2f}× the floor); the rest, "
        f"+{stats['annodesk'].median - stats['modules'].median:.0f} ms, is building, laying out and painting the "
        f"dialog. asyncio, qasync, the controller, the client and the keyring load after the first paint"
    )
    return figure
