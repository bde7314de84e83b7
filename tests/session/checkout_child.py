"""Run by test_checkout.py as a real process that checks a job out until it is killed.

Usage: ``python checkout_child.py BASE_URL USERNAME PASSWORD STORE JOB``. It prints ``chunk <n>`` (flushed) each time
a chunk has been stored, and ``done`` at the end."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from annodesk.api import CvatClient
from annodesk.session.checkout import CheckoutProgress, check_out
from annodesk.session.checkout_store import CheckoutStore


async def main() -> None:
    base_url, username, password, root, job = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), int(sys.argv[5])
    store = CheckoutStore(root)
    seen = -1

    def progress(state: CheckoutProgress) -> None:
        nonlocal seen
        if state.chunks_done != seen:
            seen = state.chunks_done
            print(f"chunk {state.chunks_done}", flush=True)

    async with CvatClient(base_url) as client:
        await client.login(username, password)
        await check_out(client, store, job, progress=progress)
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
