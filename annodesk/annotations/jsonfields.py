"""Helpers for lossless JSON round trips: keys we do not model are kept aside and written back, and keys that
were absent are remembered so that writing does not invent them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

EMPTY: Mapping[str, Any] = MappingProxyType({})
NONE_MISSING: frozenset[str] = frozenset()


def leftovers(data: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    """The keys of ``data`` outside ``known`` (read-only), or an empty mapping."""
    if data.keys() <= known:
        return EMPTY
    extra = {key: value for key, value in data.items() if key not in known}
    return MappingProxyType(extra) if extra else EMPTY


def missing(data: Mapping[str, Any], optional: frozenset[str]) -> frozenset[str]:
    """The ``optional`` keys that ``data`` does not have."""
    if optional <= data.keys():
        return NONE_MISSING
    return frozenset(key for key in optional if key not in data)


def emit(pairs: Iterable[tuple[str, Any]], absent: frozenset[str], extra: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON object from modelled ``pairs`` (minus ``absent`` keys) followed by the ``extra`` keys."""
    result = {key: value for key, value in pairs if key not in absent}
    result.update(extra)
    return result


def no_extra() -> Mapping[str, Any]:
    """Default factory for an object's ``extra`` keys: none."""
    return EMPTY
