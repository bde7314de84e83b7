"""What the feature mixins of :class:`~annodesk.api.client.CvatClient` rely on (implemented by the client)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import httpx

from .models import Task
from .multipart import MultipartBody

T = TypeVar("T")


class ClientBase:
    """The transport the mixins call; :class:`~annodesk.api.client.CvatClient` provides every method."""

    server_url: str
    _http: httpx.AsyncClient
    max_answer_bytes: int

    @property
    def transfer_window(self) -> float:
        raise NotImplementedError

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        content: Any = None,
        headers: Mapping[str, str] | None = None,
        check: bool = True,
    ) -> httpx.Response:
        raise NotImplementedError

    async def _get(self, path: str, model: type[T], what: str, params: Mapping[str, Any] | None = None) -> T:
        """GET ``path`` and decode the answer into ``model`` (``what`` names it in error messages)."""
        raise NotImplementedError

    async def _server_at_least(self, *version: int) -> bool:
        raise NotImplementedError

    def _transport_error(self, exc: Exception) -> Exception:
        raise NotImplementedError

    def _timed_out(self) -> Exception:
        raise NotImplementedError

    async def get_task(self, task_id: int) -> Task:
        raise NotImplementedError

    async def _send_multipart(
        self, method: str, path: str, body: MultipartBody, params: dict[str, Any] | None = None
    ) -> httpx.Response:
        raise NotImplementedError
