"""Results from worker threads to the GUI thread, safe when their receiver is deleted meanwhile.

Emitting a signal of a QObject from a worker thread races with that object's deletion on the GUI thread (a window
closed while its journal is read). Here the worker emits on one carrier that is never deleted; the GUI thread then
calls the receiver's method only if the receiver still exists.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal


class _Carrier(QObject):
    arrived = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(_arrive)


_carrier: _Carrier | None = None


def prepare() -> None:
    """Make the carrier (on the GUI thread: call from a receiver's constructor)."""
    global _carrier
    if _carrier is None:
        _carrier = _Carrier()


def deliver(receiver: QObject, method: Callable[..., Any], *args: Any) -> None:
    """From any thread: call ``method(*args)`` (a bound method of ``receiver``) on the GUI thread, unless
    ``receiver`` is gone by then."""
    if _carrier is None:
        raise RuntimeError("cross_thread.prepare() was not called on the GUI thread")
    _carrier.arrived.emit((weakref.ref(receiver), method.__name__, args))


def _arrive(item: tuple[weakref.ref[QObject], str, tuple[Any, ...]]) -> None:
    reference, name, args = item
    receiver = reference()
    if receiver is not None and shiboken6.isValid(receiver):
        getattr(receiver, name)(*args)
