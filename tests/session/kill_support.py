"""Support for the kill tests: run the app's headless command (``python -m annodesk offline checkout|sync JOB``) in a
home of its own (settings, data dir, keyring under one folder, signed in as the app remembers a sign-in) to the end,
or SIGKILL it at a chosen point: once the n-th request of the run has reached the server, or once a request held
back by a sandbox fault is at the server (for ``hang_after``: once the server has also applied it)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from annodesk import servers
from annodesk.sandbox import SandboxServer
from annodesk.session.tokens import SERVICE, account_name

from ..api.helpers import sign_in
from .file_keyring import ENVIRONMENT

REPOSITORY = Path(__file__).parents[2]
PATIENCE = 60.0  # seconds a run may take to reach a kill point or its end (a hung run fails the test, not CI)


@dataclass(frozen=True)
class KillPoint:
    """Where a run is killed: once ``requests`` requests of it have reached the server, or once a request matching
    ``fault`` (the keyword arguments of ``FaultPlan.add``) is held at the server and ``ready()`` says so."""

    requests: int | None = None
    fault: dict[str, Any] = field(default_factory=dict)
    ready: Callable[[], bool] | None = None
    label: str = ""


@dataclass
class Ran:
    """What a run printed, its exit code, whether it was killed (False: it ended before the kill landed), and how
    many requests reached the server (counted only when killing by count, or with ``count``)."""

    output: str
    code: int
    killed: bool
    requests: int


class AppHome:
    """The app's folders for one test run under ``root``: ``ANNODESK_CONFIG_DIR``, ``XDG_DATA_HOME`` (the store in
    ``data/annodesk/offline``, the journal in ``data/annodesk/journal``) and a file keyring holding ``username``'s
    token, remembered as the last sign-in."""

    def __init__(self, root: Path, server: SandboxServer, username: str) -> None:
        self.root, self.server, self.username = root, server, username
        self.data = root / "data" / "annodesk"
        self.data.mkdir(parents=True, exist_ok=True)
        (root / "config").mkdir(exist_ok=True)

        async def token() -> tuple[str, str]:
            async with await sign_in(server, username) as client:
                return client.server_url, client.token or ""

        self.server_url, secret = asyncio.run(token())
        settings = QSettings(str(root / "config" / "annodesk.ini"), QSettings.Format.IniFormat)
        servers.remember_server(settings, self.server_url, username)
        keyring = {f"{SERVICE}/{account_name(self.server_url, username)}": secret}
        (root / "keyring.json").write_text(json.dumps(keyring))

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "ANNODESK_CONFIG_DIR": str(self.root / "config"),
            "XDG_DATA_HOME": str(self.root / "data"),
            "PYTHON_KEYRING_BACKEND": "tests.session.file_keyring.FileKeyring",
            ENVIRONMENT: str(self.root / "keyring.json"),
        }

    def run(self, *command: str, kill: KillPoint | None = None, count: bool = False) -> Ran:
        """``annodesk offline COMMAND…`` once; with ``kill``, SIGKILLed at that point (faults cleared after)."""
        faults = self.server.faults
        if kill is not None and kill.fault:
            faults.add(**kill.fault)
        elif count or (kill is not None and kill.requests is not None):
            faults.add("slow", delay=0)  # counts every request (hits()), changes nothing
        output = self.root / "output.txt"
        with output.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "annodesk", "offline", *command], stdout=out, stderr=subprocess.STDOUT,
                cwd=REPOSITORY, env=self.environment(),
            )  # fmt: skip
            try:
                if kill is not None:
                    if kill.requests is not None:
                        reached = kill.requests
                        _wait_until(lambda: faults.hits() >= reached, process)
                    else:
                        _wait_until(lambda: faults.in_flight() > 0 and (kill.ready is None or kill.ready()), process)
                    process.send_signal(signal.SIGKILL)
                process.wait(PATIENCE)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
                requests = faults.hits()
                faults.clear()
        killed = process.returncode == -signal.SIGKILL
        text = output.read_text()
        assert killed or process.returncode == 0, (process.returncode, text)
        return Ran(text, process.returncode, killed, requests)


def _wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    """Poll ``condition`` (the server's side of the run) until it holds or the run ends by itself."""
    deadline = time.monotonic() + PATIENCE
    while not condition() and process.poll() is None:
        assert time.monotonic() < deadline, "the kill point was never reached"
        time.sleep(0.001)
