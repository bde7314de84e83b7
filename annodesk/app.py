"""Start the Qt application with asyncio (qasync) inside its event loop."""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__
from .paths import APP_NAME, ORGANIZATION


def run_app(args: argparse.Namespace) -> int:
    """Run the GUI until the user quits; return the exit code.

    When the sign-in dialog is certain (no last session to resume), it is painted before asyncio, qasync and
    the controller load (annodesk/early_sign_in.py); otherwise the controller decides what to show.
    """
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication

    from .i18n import LanguageManager
    from .settings import open_settings
    from .ui.first_paint import FirstPaintWatcher, report_first_paint
    from .ui.icon import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    first_paint = FirstPaintWatcher(app)  # the first window shown is the sign-in dialog or the main window
    if report_path := os.environ.get("ANNODESK_REPORT_FIRST_PAINT"):  # benchmarks/startup.py
        report_first_paint(first_paint, report_path)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("annodesk")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to quit (clean httpx shutdown)
    app.setWindowIcon(app_icon())  # every window shows it
    settings = open_settings()  # the platform's place, or $ANNODESK_CONFIG_DIR
    languages = LanguageManager(settings, parent=app)
    languages.apply()  # before any window is built: English or 简体中文, as chosen or as the system speaks

    early = None
    if not args.demo:
        from .early_sign_in import DeferredSignIn, make_sign_in_dialog, needs_sign_in, paint_first

        if needs_sign_in(settings, args.server):
            deferred = DeferredSignIn()
            early = make_sign_in_dialog(settings, languages, deferred, server=args.server or "")
            paint_first(app, early, first_paint)

    import asyncio

    import qasync

    from .controller import AppController
    from .logs import install_crash_logging, setup_logging
    from .paths import cache_dir
    from .session.tokens import TokenStore
    from .ui.background import spawn
    from .ui.collector import MainThreadCollector
    from .ui.sign_in_dialog import Credentials
    from .warmup import warm_up

    setup_logging(debug=args.debug)  # the user log dir (README: "Where logs go"); credentials masked
    install_crash_logging()  # uncaught exceptions and Qt's messages go to the log too
    collector = MainThreadCollector(app)  # Qt objects are freed on the GUI thread, never by a server thread
    controller = AppController(settings, TokenStore(), cache_dir(), languages=languages)
    controller.signInShown.connect(first_paint.watch)
    controller.mainWindowShown.connect(first_paint.watch)
    if early is not None:
        deferred.target = controller.sign_in
        controller.adopt_sign_in(early)

    async def main() -> None:
        # What start-up deferred loads once the first window is painted, off the critical path.
        if first_paint.seen:
            spawn(warm_up())
        else:
            first_paint.painted.connect(lambda _window: spawn(warm_up()))
        demo = None
        try:
            if args.demo:
                from .demo import DEMO_USERNAME, demo_password, start_demo_server

                demo = await asyncio.to_thread(start_demo_server)
                credentials = Credentials(demo.base_url, DEMO_USERNAME, demo_password(), remember=False)
                await controller.sign_in_directly(credentials)
            elif early is None:
                await controller.start(args.server)
            await controller.finished.wait()
        finally:
            await controller.shutdown()
            if demo is not None:
                await asyncio.to_thread(demo.stop)

    qasync.run(main())
    collector.stop()
    return 0
