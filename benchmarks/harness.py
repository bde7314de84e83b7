"""Shared pieces of the benchmarks: statistics, the sandbox in its own process, probes, Xvfb, results.

Every figure is measured in fresh subprocesses ("probes", ``benchmarks/probes/``) so that one measurement
cannot warm up or pollute the next, and the sandbox server always runs in a process of its own: it must
not share the measured process's GIL (or its memory).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROBES = Path(__file__).resolve().parent / "probes"
PYTHON = sys.executable
ADMIN = ("admin", "admin-pass-2024")  # a sandbox sample user who sees every task
SEED_TASKS = 10_000
SANDBOX_COMMAND = (PYTHON, "-m", "annodesk.sandbox", "--port", "0", "--anon-throttle", "0")


def now() -> float:
    """CLOCK_MONOTONIC in seconds: one clock for every process of this machine."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


@dataclass(frozen=True)
class Stat:
    """A measured quantity over several runs."""

    samples: tuple[float, ...]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stat:
        if not samples:
            raise ValueError("no samples")
        return cls(tuple(float(s) for s in samples))

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)

    def as_json(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.min, "max": self.max, "samples": list(self.samples)}

    def text(self, unit: str, digits: int = 0) -> str:
        fmt = f"{{:,.{digits}f}}"
        return (
            f"{fmt.format(self.median)} {unit}  (min {fmt.format(self.min)}, max {fmt.format(self.max)}; "
            f"n={len(self.samples)})"
        )


@dataclass
class Check:
    """A target: ``value`` compared with ``limit`` (``<=`` or ``>=``)."""

    label: str
    value: float
    op: str
    limit: float
    unit: str = "×"

    @property
    def passed(self) -> bool:
        return self.value <= self.limit if self.op == "<=" else self.value >= self.limit

    def text(self) -> str:
        mark = "✓ pass" if self.passed else "✗ MISS"
        op = "≤" if self.op == "<=" else "≥"
        value = f"{self.value:.2f}{self.unit}" if self.unit == "×" else f"{self.value:,.1f} {self.unit}"
        limit = f"{self.limit:g}{self.unit}" if self.unit == "×" else f"{self.limit:g} {self.unit}"
        return f"{self.label}: {value}   target {op} {limit}   {mark}"

    def as_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "op": self.op, "limit": self.limit, "passed": self.passed}


@dataclass
class Figure:
    """One figure of the report: what was measured, its floors, its targets, and notes."""

    key: str
    title: str
    unit: str
    measured: dict[str, Stat] = field(default_factory=dict)
    floors: dict[str, Stat] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    digits: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # more numbers for the JSON

    def print(self) -> None:
        print(f"\n■ {self.title}")
        width = max(len(name) for name in [*self.measured, *self.floors]) if self.measured or self.floors else 10
        for name, stat in self.measured.items():
            print(f"    {name:<{width}}  {stat.text(self.unit, self.digits)}")
        for name, stat in self.floors.items():
            print(f"    {name:<{width}}  {stat.text(self.unit, self.digits)}   [floor]")
        for check in self.checks:
            print(f"    → {check.text()}")
        for note in self.notes:
            print(f"      · {note}")

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "unit": self.unit,
            "measured": {k: v.as_json() for k, v in self.measured.items()},
            "floors": {k: v.as_json() for k, v in self.floors.items()},
            "checks": [c.as_json() for c in self.checks],
            "notes": self.notes,
            **self.extra,
        }


def ratio_samples(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The ratio of the medians (each side's median of its own runs, measured interleaved)."""
    return statistics.median(numerators) / statistics.median(denominators)


# -- processes ------------------------------------------------------------------------------------


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for an app process: its own empty settings, cache and data dirs."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        QT_API="pyside6",
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_probe(name: str, *args: str, env: Mapping[str, str] | None = None, timeout: float = 600) -> dict[str, Any]:
    """Run ``benchmarks/probes/<name>.py`` in a fresh interpreter; return the JSON it prints last."""
    with tempfile.TemporaryDirectory(prefix="annodesk-bench-") as home:
        full_env = isolated_env(Path(home), **(env or {}))
        done = subprocess.run(
            [PYTHON, str(PROBES / f"{name}.py"), *args],
            env=full_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"probe {name} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(lines[-1])


class SandboxProcess:
    """``annodesk-sandbox --seed-tasks N`` in a subprocess on a free port, in a throwaway data dir."""

    def __init__(self, seed_tasks: int = SEED_TASKS, extra_args: Sequence[str] = ()) -> None:
        self.seed_tasks = seed_tasks
        self.extra_args = tuple(extra_args)
        self.base_url = ""
        self.pid = 0
        self.seconds_to_ready = 0.0
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> SandboxProcess:
        self._tmp = tempfile.TemporaryDirectory(prefix="annodesk-bench-sandbox-")
        started = now()
        self._proc = subprocess.Popen(
            [*SANDBOX_COMMAND, "--data", self._tmp.name, "--seed-tasks", str(self.seed_tasks), *self.extra_args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            if "sandbox at " in line:
                self.base_url = line.split("sandbox at ", 1)[1].split("/api/v1/")[0]
                break
        if not self.base_url:
            raise RuntimeError("the sandbox did not start")
        self.pid = self._proc.pid
        self.seconds_to_ready = now() - started
        threading.Thread(target=self._proc.stdout.read, daemon=True).start()  # never block on a full pipe
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        if self._tmp is not None:
            self._tmp.cleanup()


@contextlib.contextmanager
def xvfb() -> Iterator[str | None]:
    """An Xvfb display (``:N``) for the duration, or ``None`` when Xvfb is not installed."""
    binary = shutil.which("Xvfb")
    if binary is None:
        yield None
        return
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [binary, "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        yield f":{number}" if number else None
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def machine_load() -> dict[str, Any]:
    """The machine's load averages and core count, to judge how quiet it was."""
    one, five, fifteen = os.getloadavg()
    return {"cpus": os.cpu_count(), "loadavg_1m": one, "loadavg_5m": five, "loadavg_15m": fifteen}


def write_results(figures: Sequence[Figure], meta: dict[str, Any], out_dir: Path) -> Path:
    """Write the run to ``<out_dir>/<timestamp>.json``; return the path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"{stamp}.json"
    path.write_text(
        json.dumps({"meta": meta, "figures": {f.key: f.as_json() for f in figures}}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    return path
