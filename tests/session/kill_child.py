"""Run by test_kill_offline.py as a real process that checks a job out or syncs it until it ends or is killed.

Usage: ``python -m tests.session.kill_child checkout|sync BASE_URL USERNAME PASSWORD ROOT JOB``. It runs the app's
own code path: the store (``ROOT/offline``, swept first, as the app does at start) and the journal
(``ROOT/journal``), :func:`~annodesk.session.checkout.check_out` or :func:`~annodesk.session.sync.sync_job`. It
prints one line per event (flushed) so that the test can kill it at a chosen point: ``answer METHOD WHAT`` for
every answer received (WHAT: ``chunk-N``, the PATCH action, or the path), ``chunk N`` when N chunks are stored,
and ``done …`` at the end (the outcome)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx

from annodesk.api import CvatClient
from annodesk.session.checkout import CheckoutProgress, check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.sync import SyncDone, sync_job


def say(line: str) -> None:
    print(line, flush=True)


async def answered(response: httpx.Response) -> None:
    params = response.request.url.params
    if params.get("type") == "chunk":
        what = f"chunk-{params['number']}"
    else:
        what = params.get("action") or response.request.url.path.split("/api/v1/", 1)[-1]
    say(f"answer {response.request.method} {what}")


async def main(mode: str, base_url: str, username: str, password: str, root: Path, job_id: int) -> None:
    store = CheckoutStore(root / "offline")
    store.sweep()
    async with CvatClient(base_url) as client:
        await client.login(username, password)
        client.add_response_hook(answered)
        if mode == "checkout":
            seen = -1

            def progress(state: CheckoutProgress) -> None:
                nonlocal seen
                if state.chunks_done != seen:
                    seen = state.chunks_done
                    say(f"chunk {state.chunks_done}")

            result = await check_out(client, store, job_id, progress=progress)
            say(f"done downloaded={list(result.downloaded)} reused={list(result.reused)}")
        else:
            journal = Journal(root / "journal", client.server_url)
            outcome = await sync_job(client, store, journal, job_id)
            journal.close()
            if isinstance(outcome, SyncDone):
                say(f"done version={outcome.version} created={outcome.created} updated={outcome.updated}")
            else:
                say(f"done {type(outcome).__name__}")
    store.close()


if __name__ == "__main__":
    mode, base_url, username, password, root, job = sys.argv[1:7]
    asyncio.run(main(mode, base_url, username, password, Path(root), int(job)))
