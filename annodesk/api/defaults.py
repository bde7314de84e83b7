"""The client's defaults, in a module of their own so the app can read them without importing httpx."""

from __future__ import annotations

from typing import Final

DEFAULT_TIMEOUT: Final = 15.0
DEFAULT_CONCURRENCY: Final = 6
BULK_PAGE_SIZE: Final = 500  # iter_all_tasks' pages
MAX_ANSWER_BYTES: Final = 64 * 1024 * 1024  # a JSON answer's size limit (a setting raises it for bigger servers)
