"""Probe for figure 3: load every task three ways, alternating, and note the sandbox's own time per page.

- ``library``: ``CvatClient.iter_all_tasks()`` with its defaults (pages of 500, at most 6 requests at once),
  every task decoded into annodesk's models; ``library_100`` the same with pages of 100 (its former default);
- ``cli``: what the CVAT v1 CLI does (``utils/cli/core/core.py``, ``tasks_list``): a ``requests.Session``
  signed in with a form POST (session cookie + ``X-CSRFToken``), ``GET tasks`` then ``tasks?page=N`` one after
  another with the server's default page size of 10, ``response.json()`` each;
- ``bare``: plain ``httpx.AsyncClient`` with the token, the same page size and the same concurrency as the
  library's defaults, ``response.json()`` each: the floor of "concurrent fetch of all pages".

Each run times from the first request to the last task parsed (signing in is not timed). The sandbox's time
for each answer comes from its ``Server-Timing`` header.

Usage: ``load_all.py BASE_URL USERNAME PASSWORD RUNS``; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from typing import Any

import httpx
import requests

from annodesk.api import CvatClient

try:
    from annodesk.api.defaults import BULK_PAGE_SIZE, DEFAULT_CONCURRENCY
except ImportError:  # an annodesk from before these settings existed (benchmarking an older tree)
    BULK_PAGE_SIZE, DEFAULT_CONCURRENCY = 100, 6

BASE_URL, USERNAME, PASSWORD, RUNS = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
API = f"{BASE_URL}/api/v1"
PAGE_SIZE = BULK_PAGE_SIZE
CONCURRENCY = DEFAULT_CONCURRENCY


def server_ms(response: httpx.Response | requests.Response) -> float:
    value = response.headers.get("Server-Timing", "")
    return float(value.split("dur=")[1]) if "dur=" in value else float("nan")


class TimingTransport(httpx.AsyncBaseTransport):
    """Passes requests through and keeps each answer's Server-Timing (the library's transport is pluggable)."""

    def __init__(self, timings: list[float]) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.timings = timings

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.timings.append(server_ms(response))
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


async def library(token: str, timings: list[float], **options: int) -> int:
    async with CvatClient(BASE_URL, token, transport=TimingTransport(timings)) as client:
        return sum([1 async for _task in client.iter_all_tasks(**options)])


async def bare(token: str, timings: list[float]) -> int:
    async with httpx.AsyncClient(
        base_url=f"{API}/", headers={"Authorization": f"Token {token}"}, limits=httpx.Limits(max_connections=8)
    ) as client:
        limit = asyncio.Semaphore(CONCURRENCY)

        async def page(number: int) -> list[Any]:
            async with limit:
                response = await client.get("tasks", params={"page": number, "page_size": PAGE_SIZE})
            response.raise_for_status()
            timings.append(server_ms(response))
            return response.json()["results"]

        first = await client.get("tasks", params={"page": 1, "page_size": PAGE_SIZE})
        first.raise_for_status()
        timings.append(server_ms(first))
        body = first.json()
        pages = -(-body["count"] // PAGE_SIZE)
        rest = await asyncio.gather(*(page(n) for n in range(2, pages + 1)))
        return len(body["results"]) + sum(len(results) for results in rest)


def cli_session() -> requests.Session:
    session = requests.Session()
    response = session.post(f"{API}/auth/login", {"username": USERNAME, "password": PASSWORD})
    response.raise_for_status()
    if "csrftoken" in response.cookies:
        session.headers["X-CSRFToken"] = response.cookies["csrftoken"]
    return session


def cli(session: requests.Session, timings: list[float]) -> int:
    output: list[Any] = []
    page = 1
    response = session.get(f"{API}/tasks")
    response.raise_for_status()
    while True:
        timings.append(server_ms(response))
        body = response.json()
        output += body["results"]
        if not body["next"]:
            break
        page += 1
        response = session.get(f"{API}/tasks?page={page}")
        response.raise_for_status()
    return len(output)


def main() -> None:
    token = httpx.post(f"{API}/auth/login", json={"username": USERNAME, "password": PASSWORD}).json()["key"]
    session = cli_session()
    runners = {
        "library": lambda t: asyncio.run(library(token, t)),
        "library_100": lambda t: asyncio.run(library(token, t, page_size=100)),
        "bare": lambda t: asyncio.run(bare(token, t)),
        "cli": lambda t: cli(session, t),
    }
    seconds: dict[str, list[float]] = {name: [] for name in runners}
    server: dict[str, list[float]] = {name: [] for name in runners}
    counts: dict[str, int] = {}
    for run in range(RUNS + 1):  # run 0 warms up (imports, connections, the sandbox's caches)
        for name, runner in runners.items():
            timings: list[float] = []
            started = time.perf_counter()
            counts[name] = runner(timings)
            elapsed = time.perf_counter() - started
            if run > 0:
                seconds[name].append(elapsed)
                server[name].extend(timings)
    result = {
        "seconds": seconds,
        "counts": counts,
        "server_ms_per_page": {name: statistics.median(values) for name, values in server.items()},
        "server_ms_total_per_run": {name: sum(values) / RUNS for name, values in server.items()},
        "pages_per_run": {name: len(values) // RUNS for name, values in server.items()},
    }
    print(json.dumps(result), flush=True)


main()
