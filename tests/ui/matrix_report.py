"""Collects the fault matrix's cells while the tests run and prints them as a table at the end (even when green)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any


@dataclass
class CellResult:
    """What one fault × action cell showed, and whether every check held."""

    message: str
    stall: float = 0.0  # seconds: the event loop's longest stall while the faulty request was pending
    passed: bool = False


RESULTS: dict[tuple[str, str], CellResult] = {}
FAULT_ORDER: list[str] = []
ACTION_ORDER: list[str] = []
WIDTH = 34


def record(fault: str, action: str, message: str, stall: float = 0.0) -> CellResult:
    """Start a cell's record (``passed`` is set once all its checks held)."""
    if fault not in FAULT_ORDER:
        FAULT_ORDER.append(fault)
    if action not in ACTION_ORDER:
        ACTION_ORDER.append(action)
    result = CellResult(message, stall)
    RESULTS[(fault, action)] = result
    return result


def render() -> list[str]:
    """The matrix: rows = faults, columns = actions, cells = ✓/✗ and the message shown (wrapped)."""
    if not RESULTS:
        return []
    widths = [max(len("fault"), *(len(f) for f in FAULT_ORDER))] + [WIDTH] * len(ACTION_ORDER)
    lines = [_row(["fault", *ACTION_ORDER], widths), _row(["-" * w for w in widths], widths)]
    for fault in FAULT_ORDER:
        cells = []
        for action in ACTION_ORDER:
            result = RESULTS.get((fault, action))
            cells.append(
                "(not run)"
                if result is None
                else f"{'✓' if result.passed else '✗'} {' '.join(result.message.split()) or '(no message)'}"
            )
        wrapped = [textwrap.wrap(text, WIDTH) or [""] for text in cells]
        height = max(len(w) for w in wrapped)
        for line in range(height):
            parts = [fault if line == 0 else ""] + [w[line] if line < len(w) else "" for w in wrapped]
            lines.append(_row(parts, widths))
    passed = sum(r.passed for r in RESULTS.values())
    lines.append(f"{passed} of {len(RESULTS)} cells passed every check")
    (fault, action), worst = max(RESULTS.items(), key=lambda item: item[1].stall)
    lines.append(
        f"longest event-loop stall while a fault was pending: {worst.stall * 1000:.0f} ms ({fault} × {action})"
    )
    return lines


def _row(parts: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)) + " |"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the matrix in the test output (CI logs show it)."""
    lines = render()
    if lines:
        terminalreporter.section("fault matrix (rows: faults, columns: user actions; cell: the message shown)")
        for line in lines:
            terminalreporter.write_line(line)
