"""CVAT's page-number pagination: default 10, ``page_size=all``, no cap, ``page=last``, sorted next/previous."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.requests import Request

from .http import detail

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 10


@dataclass(frozen=True, slots=True)
class PageSlice:
    """The part of a result list one page shows, with its links."""

    start: int
    stop: int
    count: int
    next: str | None
    previous: str | None


def page_size_of(request: Request, count: int) -> int:
    """``page_size``: a positive integer or ``all``; anything else is the default."""
    raw = request.query_params.get("page_size", "")
    if raw == "all":
        return max(count, 1)
    try:
        size = int(raw)
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return size if size > 0 else DEFAULT_PAGE_SIZE


def paginate(request: Request, items: Sequence[T]) -> tuple[Sequence[T], PageSlice]:
    """The requested page of ``items``; raise 404 ``Invalid page.`` when it does not exist."""
    count = len(items)
    size = page_size_of(request, count)
    pages = max(1, -(-count // size))
    raw = request.query_params.get("page", "1")
    number = pages if raw == "last" else _page_number(raw)
    if number is None or not 1 <= number <= pages:
        raise detail(404, "Invalid page.")
    start, stop = (number - 1) * size, min(number * size, count)
    next_url = _with_page(request, number + 1) if number < pages else None
    previous_url = _with_page(request, number - 1) if number > 1 else None
    return items[start:stop], PageSlice(start, stop, count, next_url, previous_url)


def page_body(results: list[Any], page: PageSlice) -> dict[str, Any]:
    """DRF's ``{"count", "next", "previous", "results"}``."""
    return {"count": page.count, "next": page.next, "previous": page.previous, "results": results}


def _page_number(raw: str) -> int | None:
    try:
        return int(raw)
    except ValueError:
        return None


def _with_page(request: Request, number: int) -> str:
    """The request's absolute URL for another page; page 1 drops ``page``; keys in sorted order (DRF)."""
    params = [(key, value) for key, value in request.query_params.multi_items() if key != "page"]
    if number > 1:
        params.append(("page", str(number)))
    params.sort(key=lambda item: item[0])
    base = str(request.url.replace(query=""))
    query = urlencode(params)
    return f"{base}?{query}" if query else base
