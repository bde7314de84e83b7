"""``annodesk [--server URL] offline checkout|sync JOB``: take a job offline, or sync it back, with no window.

It signs in as the app does at start (the last session's server and user, or ``--server``; the token from the
keyring; the server's remembered CA file) and runs the app's own code: :func:`~annodesk.session.checkout.check_out`
and :func:`~annodesk.session.sync.sync_job` on the store and journal in the user data dir (the store swept first, as
at start). Output is plain English lines (a command line tool, not the UI). Exit codes: 0 done, 1 a network or
server error (nothing lost: run it again), 2 not signed in, 3 conflicts to resolve in the app, 4 the edits can no
longer be sent (see the Offline jobs view, or export them).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

DONE, FAILED, NOT_SIGNED_IN, CONFLICTS, IMPOSSIBLE = 0, 1, 2, 3, 4


def add_parser(subparsers: Any) -> None:
    """The ``offline`` subcommand of ``annodesk``."""
    offline = subparsers.add_parser("offline", help="take a job offline or sync it back, with no window")
    offline.add_argument("action", choices=("checkout", "sync"))
    offline.add_argument("job", type=int, help="the job's id")
    offline.add_argument("--task", type=int, help="the job's task id (checkout: saves a round trip)")
    offline.add_argument("--original", action="store_true", help="checkout: original quality chunks")


def run(args: argparse.Namespace) -> int:
    """Sign in as the app does, then check out or sync ``args.job``."""
    from annodesk import servers
    from annodesk.session.tokens import TokenStore
    from annodesk.settings import open_settings

    settings = open_settings()
    server, username = servers.last_session(settings, args.server)
    token = TokenStore().load(server, username) if server and username else None
    if not token:
        print("Not signed in: sign in with annodesk first (with “Remember me”).", file=sys.stderr)
        return NOT_SIGNED_IN
    verify: bool | str = servers.ca_file_for(settings, server) or True
    import asyncio  # here, not above: ``annodesk`` builds its parser before the first window, which asyncio delays

    return asyncio.run(_run(args, server, token, verify))


async def _run(args: argparse.Namespace, server: str, token: str, verify: bool | str) -> int:
    from annodesk.api import CvatClient, CvatError
    from annodesk.session.checkout_store import CheckoutStore

    store = CheckoutStore.default()
    try:
        store.sweep()
        async with CvatClient(server, token, verify=verify) as client:
            if args.action == "checkout":
                return await _check_out(client, store, args)
            return await _sync(client, store, args.job)
    except CvatError as error:
        print(error.message, file=sys.stderr)
        return FAILED
    finally:
        store.close()


async def _check_out(client: Any, store: Any, args: argparse.Namespace) -> int:
    from annodesk.session.checkout import COMPRESSED, ORIGINAL, CheckoutProgress, check_out

    shown = -1

    def progress(state: CheckoutProgress) -> None:
        nonlocal shown
        if state.chunks_done != shown:
            shown = state.chunks_done
            print(f"{state.chunks_done}/{state.chunks_total} chunks, {state.frames_done}/{state.frames_total} frames,"
                  f" {state.bytes_received} bytes", flush=True)  # fmt: skip

    quality = ORIGINAL if args.original else COMPRESSED
    result = await check_out(client, store, args.job, quality=quality, progress=progress, task_id=args.task)
    print(f"Job {args.job} is offline: {len(result.downloaded)} chunks downloaded ({result.bytes_downloaded} bytes),"
          f" {len(result.reused)} already here.", flush=True)  # fmt: skip
    return DONE


async def _sync(client: Any, store: Any, job_id: int) -> int:
    from annodesk.session.journal import Journal
    from annodesk.session.sync import SyncConflicts, SyncDone, sync_job

    journal = Journal.default(client.server_url)
    try:
        outcome = await sync_job(client, store, journal, job_id)
    finally:
        journal.close()
    for change in outcome.changes:
        print(f"On the server: {change.kind.replace('_', ' ')} ({change.before or '–'} → {change.after or '–'})")
    if isinstance(outcome, SyncDone):
        merged = " (merged with changes made on the server)" if outcome.merged else ""
        print(f"Job {job_id} is in sync at version {outcome.version}: {outcome.created} created, {outcome.updated}"
              f" updated, {outcome.deleted} deleted{merged}.", flush=True)  # fmt: skip
        return DONE
    if isinstance(outcome, SyncConflicts):
        print(f"Job {job_id} has {len(outcome.result.conflicts)} conflicts: open it in annodesk to resolve them.")
        return CONFLICTS
    print(f"Job {job_id} can no longer be synced ({outcome.reason}); its edits are kept.", file=sys.stderr)
    return IMPOSSIBLE
