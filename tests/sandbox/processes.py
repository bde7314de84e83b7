"""A real ``python -m annodesk.sandbox`` process on 127.0.0.1, for tests that kill it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

READY = re.compile(r"sandbox at (http://127\.0\.0\.1:\d+)/api/v1/")


class SandboxProcess:
    """The sandbox CLI in a child process; ``base_url`` once it listens."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        self.data_dir = data_dir
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "annodesk.sandbox", "--data", str(data_dir), "--port", "0", *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.base_url = self._wait_ready()

    def _wait_ready(self) -> str:
        assert self.process.stdout is not None
        seen = []
        for line in self.process.stdout:  # ends when the process exits
            seen.append(line)
            match = READY.search(line)
            if match:
                return match.group(1)
        raise RuntimeError(f"the sandbox did not start: {''.join(seen)}")

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind runs."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        """SIGTERM and wait."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        if self.process.stdout is not None:
            self.process.stdout.close()


@contextmanager
def sandbox_process(data_dir: Path, *extra: str) -> Iterator[SandboxProcess]:
    """A sandbox process, stopped at the end (if the test did not kill it)."""
    server = SandboxProcess(data_dir, *extra)
    try:
        yield server
    finally:
        server.stop()


def memory(pid: int) -> tuple[int, int]:
    """(resident bytes now, peak resident bytes so far) of process ``pid`` (psutil; the peak from Linux's VmHWM)."""
    process = psutil.Process(pid)
    rss = process.memory_info().rss
    peak = rss
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
    return rss, peak


def bytes_written(pid: int) -> int:
    """Bytes the process has written to storage so far (psutil's I/O counters)."""
    counters = psutil.Process(pid).io_counters()
    return int(getattr(counters, "write_chars", counters.write_bytes))
