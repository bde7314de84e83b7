"""Shared fixtures: a real sandbox server on 127.0.0.1, an in-memory keyring, and (from tests/qt_support.py) Qt
fixtures and ``async def`` tests on a fresh qasync loop each."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a desktop-sized screen (offscreen's own is 800×800): windows
    # keep to their screen (annodesk/ui/screen_fit.py), and the first start's 1280×760 is what users get
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
        os.path.dirname(__file__), "fixtures", "offscreen-screen.json"
    )
os.environ.setdefault("QT_API", "pyside6")

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from hypothesis import HealthCheck, settings

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

from .qt_support import (  # noqa: F401  (fixtures and hooks, for every test)
    gui_thread_collector,
    languages,
    loop,
    pytest_collection_modifyitems,
    pytest_pyfunc_call,
    session_languages,
)

# Hypothesis, for every folder (each run alone or all together): ``HYPOTHESIS_PROFILE=ci`` (the default) runs a
# fixed, small number of derandomized examples per test with no per-example deadline (the machine is shared; speed
# lives in benchmarks/); ``fuzz``: 1,200 random examples per test, for ``benchmarks/fuzz.py``.
settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=1_200,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(HYPOTHESIS_PROFILE)

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One seeded sandbox server for read-only tests (do not change its data)."""
    with SandboxServer(tmp_path_factory.mktemp("sandbox"), anon_throttle=0) as server:
        yield server


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A seeded sandbox server of this test's own, free to change."""
    with SandboxServer(tmp_path / "sandbox", anon_throttle=0) as server:
        yield server


@pytest.fixture
def passwords() -> dict[str, str]:
    """Sample users' passwords by username."""
    return dict(PASSWORDS)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict: what the OS keyring would hold, inspectable by tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


class NoKeyring(keyring.backend.KeyringBackend):
    """Headless Linux: every write fails like keyring's fail backend."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """No test reaches the OS keyring: each gets an empty one of its own."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
