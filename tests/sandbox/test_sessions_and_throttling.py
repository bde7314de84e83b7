"""Sessions expire and die at logout; the anonymous throttle cannot be dodged with X-Forwarded-For; failed HTTP
Basic sign-ins are throttled; an unknown username costs the same hashing as a known one; registration runs
Django's validators (issue 13, item 10)."""

from __future__ import annotations

import base64
import hashlib
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from annodesk.sandbox import SandboxServer

from .helpers import PASSWORDS, token

WHO_AM_I = "users/self"


@pytest.fixture
def throttled(tmp_path: Path) -> Iterator[SandboxServer]:
    """A sandbox allowing 5 anonymous requests a minute."""
    with SandboxServer(tmp_path / "sandbox", anon_throttle=5) as server:
        yield server


def session_cookie(server: SandboxServer, key: str) -> str:
    """The ``sessionid`` a token request without cookies is handed (CVAT's TokenAuthentication quirk)."""
    response = httpx.get(f"{server.base_url}/api/v1/{WHO_AM_I}", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert "max-age=1209600" in response.headers["set-cookie"].lower()
    return response.cookies["sessionid"]


def as_session(server: SandboxServer, session: str) -> httpx.Response:
    return httpx.get(f"{server.base_url}/api/v1/{WHO_AM_I}", cookies={"sessionid": session})


def test_a_session_from_a_token_request_dies_at_logout(fresh_sandbox: SandboxServer) -> None:
    key = token(fresh_sandbox, "demo")
    session = session_cookie(fresh_sandbox, key)
    assert as_session(fresh_sandbox, session).json()["username"] == "demo"
    logout = httpx.post(f"{fresh_sandbox.base_url}/api/v1/auth/logout", headers={"Authorization": f"Token {key}"})
    assert logout.status_code == 200
    response = as_session(fresh_sandbox, session)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_a_session_expires_after_two_weeks(fresh_sandbox: SandboxServer) -> None:
    session = session_cookie(fresh_sandbox, token(fresh_sandbox, "demo"))
    with fresh_sandbox.db.read() as conn:
        expires = conn.execute("SELECT expires FROM sessions WHERE key = ?", (session,)).fetchone()[0]
    left = time.mktime(time.strptime(expires[:19], "%Y-%m-%dT%H:%M:%S")) - time.mktime(time.gmtime())
    assert 1_209_600 - 120 < left <= 1_209_600  # Django's SESSION_COOKIE_AGE
    with fresh_sandbox.db.write() as conn:  # two weeks pass
        conn.execute("UPDATE sessions SET expires = '2000-01-01T00:00:00.000000Z' WHERE key = ?", (session,))
    assert as_session(fresh_sandbox, session).status_code == 401


def test_x_forwarded_for_does_not_reset_the_anonymous_throttle(throttled: SandboxServer) -> None:
    url = f"{throttled.base_url}/api/v1/restrictions/user-agreements"
    codes = [httpx.get(url, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(7)]
    assert codes == [200] * 5 + [429] * 2


def test_proxy_headers_are_believed_only_when_asked(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "proxied", anon_throttle=2, forwarded_allow_ips="127.0.0.1") as server:
        url = f"{server.base_url}/api/v1/restrictions/user-agreements"
        codes = [httpx.get(url, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(4)]
    assert codes == [200] * 4  # behind a trusted proxy each client address has its own allowance


def basic(username: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()}


def test_failed_basic_sign_ins_are_throttled(throttled: SandboxServer) -> None:
    url = f"{throttled.base_url}/api/v1/{WHO_AM_I}"
    codes = [httpx.get(url, headers=basic("demo", f"guess-{n}")).status_code for n in range(5)]
    assert codes == [401] * 5
    blocked = httpx.get(url, headers=basic("demo", "guess-5"))
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    right = httpx.get(url, headers=basic("demo", PASSWORDS["demo"]))
    assert right.status_code == 429  # the right password cannot be told apart while blocked
    with httpx.Client(headers={"Authorization": f"Token {token(throttled, 'alice')}"}) as signed_in:
        assert signed_in.get(url).status_code == 200  # signed-in traffic is never throttled


def test_unknown_usernames_cost_one_password_hash_like_known_ones(
    fresh_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = hashlib.pbkdf2_hmac

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    url = f"{fresh_sandbox.base_url}/api/v1/auth/login"
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    hashes = {}
    with httpx.Client() as client:
        for kind, username in (("known", "demo"), ("unknown", "nobody-here")) * 15:
            calls.clear()
            started = time.perf_counter()
            response = client.post(url, json={"username": username, "password": "wrong-password"})
            timings[kind].append(time.perf_counter() - started)
            assert response.status_code == 400
            hashes[kind] = len(calls)
    print(
        f"\nfailed login, median of 15: known user {statistics.median(timings['known']) * 1000:.1f} ms, "
        f"unknown user {statistics.median(timings['unknown']) * 1000:.1f} ms"
    )
    assert hashes == {"known": 1, "unknown": 1}


def register(server: SandboxServer, **fields: str) -> httpx.Response:
    return httpx.post(f"{server.base_url}/api/v1/auth/register", json=fields)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"email": "a" * 9_990 + "@example.com"},
            {"email": ["Ensure this field has no more than 254 characters."]},
        ),
        (
            {"password1": "mallory2026", "password2": "mallory2026"},
            {"password1": ["The password is too similar to the username."]},
        ),
        (
            {"password1": "MalloryK1", "password2": "MalloryK1", "username": "mk"},
            {"password1": ["The password is too similar to the first name."]},
        ),
        (
            {"password1": "Ab3$xyz", "password2": "Ab3$xyz"},
            {"password1": ["This password is too short. It must contain at least 8 characters."]},
        ),
        (
            {"password1": "12345678", "password2": "12345678"},
            {"password1": ["This password is too common.", "This password is entirely numeric."]},
        ),
        ({"password1": "Ab3$x", "password2": "Ab3$x"}, {"password1": ["Password must be a minimum of 6 characters."]}),
    ],
)
def test_registration_runs_djangos_validators(fresh_sandbox: SandboxServer, fields: dict, errors: dict) -> None:
    body = {
        "username": "mallory2026",
        "email": "mallory@example.com",
        "first_name": "Mallory",
        "password1": "Xq7!vRt2#pLm",
        "password2": "Xq7!vRt2#pLm",
        **fields,
    }
    response = register(fresh_sandbox, **body)
    assert (response.status_code, response.json()) == (400, errors)


def test_a_sound_registration_still_works(fresh_sandbox: SandboxServer) -> None:
    response = register(
        fresh_sandbox, username="mallory2026", email="m@example.com", password1="Xq7!vRt2#pLm", password2="Xq7!vRt2#pLm"
    )
    assert response.status_code == 201
