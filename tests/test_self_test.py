"""``annodesk --self-test`` proves an installation works (CI runs it against the bundle too)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes_every_step() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "annodesk", "--self-test"], capture_output=True, text=True, env=env, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = [line for line in lines if line.startswith(("✓", "✗"))]
    assert len(steps) == 10 and all(line.startswith("✓") for line in steps), lines
    decoded = next(line for line in steps if "decoded" in line)
    assert "(MP4) 1280×720" in decoded and "(zip)" in decoded  # PyAV decoded a video chunk
    assert lines[-1] == "self-test passed"
    workspace = [line for line in steps if "workspace:" in line]
    assert len(workspace) == 2 and "video" in workspace[1] and "objects drawn" in workspace[1], workspace
