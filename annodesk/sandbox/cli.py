"""``annodesk-sandbox``: run the sandbox server in the foreground."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from pathlib import Path

import platformdirs

from .bench_seed import add_checkout_bench, add_dense_job, add_frame_bench
from .limits import MB, Limits
from .seed import SAMPLE_USERS
from .server import NotLoopback, SandboxServer

LIMIT_FLAGS = {
    "max-body": "body",
    "max-json-body": "parsed_body",
    "max-anonymous-body": "anonymous_body",
    "max-extracted": "extracted",
    "max-annotation-file": "annotation_file",
}
LIMIT_HELP = {
    "body": "largest request body of a signed-in user, uploads included (larger: 413)",
    "parsed_body": "largest JSON or form body read into memory (larger: 413)",
    "anonymous_body": "largest request body without a signed-in user (larger: 413)",
    "extracted": "most an uploaded archive may unpack to (more: the task fails)",
    "annotation_file": "largest annotation file to import, and archive member in it (larger: the import fails)",
}


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="annodesk-sandbox", description="A local CVAT v1.1-compatible server with sample data."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 picks a free one)")
    parser.add_argument("--data", type=Path, help="data folder (default: the user data dir)")
    parser.add_argument("--seed-tasks", type=int, default=0, metavar="N", help="add N generated tasks")
    parser.add_argument(
        "--seed-dense-job",
        action="store_true",
        help="add a 10000×5000 image task whose job has 5000 polygons and 5000 rectangles (benchmarks)",
    )
    parser.add_argument(
        "--seed-frame-bench", action="store_true", help="add 500-frame 1080p image and video tasks (benchmarks)"
    )
    parser.add_argument(
        "--seed-checkout-bench",
        action="store_true",
        help="add a task of 500 textured 1080p images (~75 MB of chunks; benchmarks)",
    )
    parser.add_argument("--admin", metavar="USER:PASSWORD", help="ensure a superuser (group admin)")
    parser.add_argument("--anon-throttle", type=int, default=100, metavar="N", help="anonymous requests/minute")
    parser.add_argument(
        "--allow-remote", action="store_true", help="allow a non-loopback --host (other machines can connect)"
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="behind a reverse proxy: trust X-Forwarded-For/-Proto from these comma-separated addresses "
        "(default: never)",
    )
    sizes = parser.add_argument_group("size limits (MB; see README)")
    for flag, name in LIMIT_FLAGS.items():
        default = getattr(Limits(), name) / MB
        sizes.add_argument(f"--{flag}", type=float, metavar="MB", help=f"{LIMIT_HELP[name]} (default {default:g})")
    return parser


def limits_from(args: argparse.Namespace) -> Limits:
    """The size limits the command line asks for."""
    return Limits.from_megabytes(**{name: getattr(args, flag.replace("-", "_")) for flag, name in LIMIT_FLAGS.items()})


def main(argv: list[str] | None = None) -> int:
    """Serve until interrupted."""
    args = build_parser().parse_args(argv)
    admin = None
    if args.admin:
        user, sep, password = args.admin.partition(":")
        if not sep or not user or not password:
            print("annodesk-sandbox: --admin takes USER:PASSWORD", file=sys.stderr)
            return 2
        admin = (user, password)
    data = args.data or Path(platformdirs.user_data_dir("annodesk", appauthor=False)) / "sandbox"
    started = time.perf_counter()
    try:
        server = SandboxServer(
            data,
            host=args.host,
            port=args.port,
            seed_tasks=args.seed_tasks,
            admin=admin,
            anon_throttle=args.anon_throttle,
            allow_remote=args.allow_remote,
            limits=limits_from(args),
            forwarded_allow_ips=args.forwarded_allow_ips,
        )
    except NotLoopback as exc:
        print(f"annodesk-sandbox: {exc}", file=sys.stderr)
        return 2
    try:
        server.start()
    except OSError as exc:
        print(f"annodesk-sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    if args.seed_dense_job:
        print(f"dense job: task {add_dense_job(server.state.db)}", flush=True)
    if args.seed_frame_bench:
        print("frame stepping: tasks {} (images), {} (video)".format(*add_frame_bench(server.state.db)), flush=True)
    if args.seed_checkout_bench:
        state = server.state
        print(f"checkout: task {add_checkout_bench(state.db, state.media, state.media_records)}", flush=True)
    tasks = server.state.tasks.count()
    print(f"CVAT v1.1 sandbox at {server.base_url}/api/v1/  ({tasks} tasks, data in {data})", flush=True)
    print(f"ready in {time.perf_counter() - started:.2f} s; sample users:", flush=True)
    for username, password, groups, *_ in SAMPLE_USERS:
        print(f"  {username:<10} {password:<20} {', '.join(groups) or '(no group)'}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    server.close()
    return 0
