"""Support for the kill tests: run ``kill_child.py`` (the app's checkout or sync code in a process of its own) to the
end, or SIGKILL it at a chosen point: after its n-th event (an answer received, a chunk stored), or once a request
held back by a sandbox fault is at the server (for ``hang_after``: once the server has also applied it)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annodesk.sandbox import SandboxServer

from ..api.helpers import PASSWORDS

CHILD = Path(__file__).with_name("kill_child.py")
REPOSITORY = Path(__file__).parents[2]
PATIENCE = 60.0  # seconds a child may take to reach a kill point or the end (a hung child fails the test, not CI)


@dataclass(frozen=True)
class KillPoint:
    """Where a run is killed: after its ``after``-th event line, or once a request matching ``fault`` (the keyword
    arguments of ``FaultPlan.add``) is held at the server and ``ready()`` says so."""

    after: int | None = None
    fault: dict[str, Any] = field(default_factory=dict)
    ready: Callable[[], bool] | None = None
    label: str = ""


@dataclass
class Ran:
    """What a child printed, and whether it was killed (False: it ended before the kill landed)."""

    lines: list[str]
    killed: bool

    @property
    def done(self) -> str | None:
        return next((line for line in self.lines if line.startswith("done")), None)


def run_child(
    mode: str, server: SandboxServer, username: str, root: Path, job_id: int, kill: KillPoint | None = None
) -> Ran:
    """Run the child once; with ``kill``, SIGKILL it at that point (faults are cleared afterwards)."""
    if kill is not None and kill.fault:
        server.faults.add(**kill.fault)
    log = (root / "child-stderr.txt").open("a")
    arguments = [mode, server.base_url, username, PASSWORDS[username], str(root), str(job_id)]
    process = subprocess.Popen(
        [sys.executable, str(CHILD), *arguments], stdout=subprocess.PIPE, stderr=log, text=True, cwd=REPOSITORY
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        if kill is not None and kill.after is not None:
            for line in process.stdout:
                lines.append(line.strip())
                if len(lines) >= kill.after:
                    process.send_signal(signal.SIGKILL)
                    break
        elif kill is not None:
            _wait_until(lambda: server.faults.in_flight() > 0 and (kill.ready is None or kill.ready()), process)
            process.send_signal(signal.SIGKILL)
        lines += [line.strip() for line in process.stdout]
        process.wait(PATIENCE)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
        server.faults.clear()
    killed = process.returncode == -signal.SIGKILL
    assert killed or process.returncode == 0, (process.returncode, lines, (root / "child-stderr.txt").read_text())
    return Ran(lines, killed)


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll ``condition`` (the server's side of a held request) until it holds; fail if the child ends first."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert process.poll() is None, "the child ended before the request was held"
        assert time.monotonic() < deadline, "the held request never reached the server"
        time.sleep(0.002)
