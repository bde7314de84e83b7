"""Start the Qt application with asyncio (qasync) inside its event loop."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from . import __version__
from .paths import APP_NAME, ORGANIZATION


def run_app(args: argparse.Namespace) -> int:
    """Run the GUI until the user quits; return the exit code."""
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .controller import AppController
    from .i18n import LanguageManager
    from .logs import setup_logging
    from .paths import cache_dir
    from .session.tokens import TokenStore
    from .ui.background import spawn
    from .ui.collector import MainThreadCollector
    from .ui.first_paint import FirstPaintWatcher, report_first_paint
    from .ui.icon import app_icon
    from .ui.sign_in_dialog import Credentials
    from .warmup import warm_up

    setup_logging(debug=args.debug)  # the user log dir (README: "Where logs go"); credentials masked
    app = QApplication.instance() or QApplication(sys.argv[:1])
    first_paint = FirstPaintWatcher(app)  # the first window shown is the sign-in dialog or the main window
    if report_path := os.environ.get("ANNODESK_REPORT_FIRST_PAINT"):  # benchmarks/startup.py
        report_first_paint(first_paint, report_path)
    first_paint.painted.connect(lambda _window: spawn(warm_up()))  # what start-up deferred, off the critical path
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("annodesk")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to quit (clean httpx shutdown)
    app.setWindowIcon(app_icon())  # every window shows it
    collector = MainThreadCollector(app)  # Qt objects are freed on the GUI thread, never by a server thread
    settings = QSettings()
    languages = LanguageManager(settings, parent=app)
    languages.apply()  # before any window is built: English or 简体中文, as chosen or as the system speaks

    controller = AppController(settings, TokenStore(), cache_dir(), languages=languages)
    controller.signInShown.connect(first_paint.watch)
    controller.mainWindowShown.connect(first_paint.watch)

    async def main() -> None:
        demo = None
        try:
            if args.demo:
                from .demo import DEMO_USERNAME, demo_password, start_demo_server

                demo = await asyncio.to_thread(start_demo_server)
                credentials = Credentials(demo.base_url, DEMO_USERNAME, demo_password(), remember=False)
                await controller.sign_in_directly(credentials)
            else:
                await controller.start(args.server)
            await controller.finished.wait()
        finally:
            await controller.shutdown()
            if demo is not None:
                await asyncio.to_thread(demo.stop)

    qasync.run(main())
    collector.stop()
    return 0
