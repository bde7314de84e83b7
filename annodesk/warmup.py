"""Load what start-up deferred, once the first window is painted, so that signing in does not wait for it.

Start-up imports only what the sign-in dialog needs. The rest — the client library (httpx, msgspec models),
the offline cache, the keyring and its backend discovery (~150 ms together) — is imported by a background
thread while the user reads the dialog; then the GUI thread imports the main window's modules (Qt classes
are only created on the GUI thread), one module per event-loop pass so input is never held up for long.
"""

from __future__ import annotations

import asyncio
import importlib
import logging

log = logging.getLogger(__name__)

LIBRARIES = ("annodesk.api.client", "annodesk.api.models", "annodesk.session.repository", "keyring")
GUI_MODULES = ("annodesk.models.task_table", "annodesk.ui.task_details", "annodesk.ui.main_window")


def _load_libraries() -> None:
    for name in LIBRARIES:
        importlib.import_module(name)
    import keyring

    keyring.get_keyring()  # backend discovery: entry points, and on Linux a D-Bus probe


async def warm_up() -> None:
    """Import the deferred modules (never raises: a failure here only means they load when first used)."""
    try:
        await asyncio.to_thread(_load_libraries)
        for name in GUI_MODULES:
            await asyncio.sleep(0)
            importlib.import_module(name)
    except Exception:  # an import error will surface, with its context, where the module is used
        log.debug("warm-up failed", exc_info=True)
