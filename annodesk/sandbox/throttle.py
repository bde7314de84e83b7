"""DRF's ``AnonRateThrottle``: a sliding one-minute window of unauthenticated requests per client address (also
used for failed HTTP Basic sign-ins, which DRF never throttles)."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from .http import detail

WINDOW = 60.0


class AnonThrottle:
    """Allows ``rate`` anonymous requests per minute per address; 0 switches throttling off."""

    def __init__(self, rate: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._history: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str) -> None:
        """Record one request from ``address`` or raise DRF's 429 with ``Retry-After``."""
        self._check(address, record=True)

    def check_open(self, address: str) -> None:
        """Raise the 429 if ``address`` has used up its requests, without counting this one."""
        self._check(address, record=False)

    def record(self, address: str) -> None:
        """Count one request from ``address`` (even past the rate)."""
        if self.rate > 0:
            with self._lock:
                self._history.setdefault(address, deque()).append(self._clock())

    def _check(self, address: str, *, record: bool) -> None:
        if self.rate <= 0:
            return
        now = self._clock()
        with self._lock:
            history = self._history.setdefault(address, deque())
            while history and history[0] <= now - WINDOW:
                history.popleft()
            if len(history) >= self.rate:
                wait = max(1, math.ceil(WINDOW - (now - history[0])))
                raise detail(
                    429,
                    f"Request was throttled. Expected available in {wait} seconds.",
                    {"Retry-After": str(wait)},
                )
            if record:
                history.append(now)
