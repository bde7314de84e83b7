"""Command line entry point: ``annodesk`` and ``python -m annodesk``."""

from __future__ import annotations

import argparse
import sys

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    """The ``annodesk`` command line."""
    parser = argparse.ArgumentParser(prog="annodesk", description="A desktop client for CVAT v1 servers.")
    parser.add_argument("--version", action="version", version=f"annodesk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the bundled sandbox server with sample data and sign in to it",
    )
    parser.add_argument("--server", metavar="URL", help="server address to use instead of the last one")
    parser.add_argument("--debug", action="store_true", help="log requests (tokens and passwords are redacted)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the embedded sandbox, sign in, load a task page and trees, report and exit",
    )
    entry = parser.add_mutually_exclusive_group()
    entry.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add annodesk and its icon to this user's application menu (Linux), then exit",
    )
    entry.add_argument(
        "--uninstall-desktop-entry", action="store_true", help="remove what --install-desktop-entry added, then exit"
    )
    from .offline_cli import add_parser as add_offline

    add_offline(parser.add_subparsers(dest="command", metavar="offline"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and start the app."""
    args = build_parser().parse_args(argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from .desktop_entry import main as desktop_entry

        return desktop_entry(remove=args.uninstall_desktop_entry)
    if args.self_test:
        from .self_test import run_self_test

        return run_self_test()
    if args.command == "offline":
        from .offline_cli import run as run_offline

        return run_offline(args)
    from .display_check import check_display

    if (problem := check_display()) is not None:  # one plain line instead of Qt's abort
        print(problem, file=sys.stderr)
        return 1
    from .app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
