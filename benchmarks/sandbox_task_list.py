"""Time the sandbox's task list with 10,000 seeded tasks: a page of 10 and ``page_size=all`` (median of N).

Run: ``.venv/bin/python benchmarks/sandbox_task_list.py [--tasks 10000] [--repeat 7]``. Prints milliseconds per
request as seen by a plain HTTP client on loopback (the admin sees every task).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import httpx

from annodesk.sandbox import SandboxServer


def timed(client: httpx.Client, path: str, params: dict[str, str], repeat: int) -> tuple[float, int]:
    """Median milliseconds of ``repeat`` GETs and the size of the last answer."""
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path, params=params)
        response.raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
        size = len(response.content)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        server = SandboxServer(Path(folder), seed_tasks=args.tasks, anon_throttle=0)
        print(f"seeded {args.tasks} tasks in {time.perf_counter() - started:.2f} s")
        with server:
            # Like annodesk's client: token only, no cookies (so every request is a fresh token request).
            jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
            with httpx.Client(base_url=f"{server.base_url}/api/v1/", timeout=120, cookies=jar) as client:
                key = client.post("auth/login", json={"username": "admin", "password": "admin-pass-2024"}).json()["key"]
                client.headers["Authorization"] = f"Token {key}"
                for label, params in (("page of 10", {}), ("page_size=all", {"page_size": "all"})):
                    ms, size = timed(client, "tasks", params, args.repeat)
                    print(f"GET tasks {label:<14} {ms:8.1f} ms  ({size:,} bytes)")


if __name__ == "__main__":
    main()
