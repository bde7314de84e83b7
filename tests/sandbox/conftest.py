"""Hypothesis settings when this folder runs on its own: repeatable examples and no per-example deadline (the
machine is shared; speed lives in benchmarks/). A whole-suite run gets the same from tests/fuzz's "ci" profile."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "repeatable",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("repeatable")
