"""The long fuzz run: the property-based tests of ``tests/fuzz`` with the ``fuzz`` hypothesis profile (1,200 random
examples per test, about 11,000 in all), reporting how many examples ran and how long it took.

    .venv/bin/python benchmarks/fuzz.py [extra pytest arguments]

CI runs the same tests with the small, derandomized ``ci`` profile as part of the normal suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    env = dict(os.environ, HYPOTHESIS_PROFILE="fuzz", QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/fuzz", *argv], cwd=ROOT, env=env, check=False)
    print(f"fuzz run: {time.perf_counter() - started:.0f} s, pytest exit code {run.returncode}")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
