"""Hypothesis profiles for the fuzz tests, and a count of the examples that ran (printed at the end).

``HYPOTHESIS_PROFILE=ci`` (the default): a fixed, small number of derandomized examples per test, so CI is fast and
repeatable. ``HYPOTHESIS_PROFILE=fuzz``: 1,200 random examples per test (about 11,000 in all), for
``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

EXAMPLES: dict[str, int] = {}

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=1_200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def count(test: str) -> None:
    """Count one example of ``test`` (each fuzz test calls this once per example it runs)."""
    EXAMPLES[test] = EXAMPLES.get(test, 0) + 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not EXAMPLES:
        return
    terminalreporter.section(f"fuzzed examples (hypothesis profile {PROFILE!r})")
    for test, number in sorted(EXAMPLES.items()):
        terminalreporter.write_line(f"{number:>8,}  {test}")
    terminalreporter.write_line(f"{sum(EXAMPLES.values()):>8,}  examples ran in all")
