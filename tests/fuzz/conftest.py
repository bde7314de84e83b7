"""A count of the fuzz tests' examples that ran, printed at the end (the Hypothesis profiles, ``ci`` and ``fuzz``,
are set for every folder in tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from tests.conftest import HYPOTHESIS_PROFILE as PROFILE

EXAMPLES: dict[str, int] = {}


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
