"""Secrets audit: a whole session (remember me, browse, sign out) with debug logging and the file log on, in an
isolated HOME; then every file the app wrote is searched for the token and the password in plain, URL-encoded,
base64 and JSON-escaped forms. None may appear. Also: private permissions, keyring entry gone after sign-out."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer

DRIVER = Path(__file__).with_name("session_driver.py")
USERNAME = "auditor"
PASSWORD = "Pä$$ w0rd/+=秘密&x"  # differs in every encoding
SECOND_USERNAME = "auditor2"
SECOND_PASSWORD = "Zw€i/te$ Kennwort+秘=2"


def encodings(secret: str) -> set[bytes]:
    raw = secret.encode()
    forms = {
        raw,
        quote(secret).encode(),
        quote_plus(secret).encode(),
        base64.b64encode(raw),
        base64.urlsafe_b64encode(raw),
        json.dumps(secret).encode()[1:-1],
        secret.upper().encode(),
    }
    return {form for form in forms if len(form) >= 8}


def isolated_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    dirs = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_RUNTIME_DIR": home / "run",
        "TMPDIR": home / "tmp",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update({key: str(path) for key, path in dirs.items()})
    env.update(QT_QPA_PLATFORM="offscreen", QT_API="pyside6", PYTHONDONTWRITEBYTECODE="1")
    return env


def register(server: SandboxServer, username: str, password: str) -> None:
    async def create() -> None:
        async with CvatClient(server.base_url) as client:
            await client.register(username, "Audit", "审计", "", password, password)

    asyncio.run(create())


def run_driver(home: Path, *arguments: str) -> tuple[dict[str, Any], bytes]:
    """Run tests/security/session_driver.py in an isolated HOME; its JSON result and its console output."""
    run = subprocess.run(
        [sys.executable, str(DRIVER), *arguments],
        env=isolated_env(home),
        cwd=home,
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-3000:]
    return json.loads(run.stdout.decode().strip().splitlines()[-1]), run.stderr


def test_a_whole_session_writes_no_secret_anywhere(tmp_path: Path, fresh_sandbox: SandboxServer) -> None:
    register(fresh_sandbox, USERNAME, PASSWORD)
    home = tmp_path / "home"
    result, console = run_driver(home, fresh_sandbox.base_url, USERNAME, PASSWORD)
    token = result["token"]
    assert len(token) == 40 and result["pages"], result

    # The keyring held the token while signed in with "remember me"; sign-out deleted the entry.
    assert list(result["stored"].values()) == [token]
    assert result["after_sign_out"] == {}
    secrets = encodings(token) | encodings(PASSWORD) | encodings(f"{USERNAME}:{PASSWORD}")
    audit_home(home, result, secrets, console)


def test_two_accounts_on_two_servers_write_no_secret_anywhere(tmp_path: Path, fresh_sandbox: SandboxServer) -> None:
    """Two accounts kept at once (Add account…, switch, Remove, Sign out): the keyring holds exactly one entry per
    account — the account's token under ``annodesk``/``username@server`` — and nothing else is written anywhere."""
    with SandboxServer(tmp_path / "second", anon_throttle=0) as second:
        register(fresh_sandbox, USERNAME, PASSWORD)
        register(second, SECOND_USERNAME, SECOND_PASSWORD)
        home = tmp_path / "home"
        result, console = run_driver(
            home, fresh_sandbox.base_url, USERNAME, PASSWORD, second.base_url, SECOND_USERNAME, SECOND_PASSWORD
        )
    first_token, second_token = result["token"], result["second_token"]
    assert len(first_token) == 40 and len(second_token) == 40 and first_token != second_token
    assert result["stored_both"] == {
        f"annodesk/{USERNAME}@{fresh_sandbox.base_url}": first_token,
        f"annodesk/{SECOND_USERNAME}@{second.base_url}": second_token,
    }
    assert result["after_remove"] == {f"annodesk/{USERNAME}@{fresh_sandbox.base_url}": first_token}
    assert result["after_sign_out"] == {}
    assert result["second_pages"] and result["pages"]
    secrets = set[bytes]()
    for token, username, password in (
        (first_token, USERNAME, PASSWORD),
        (second_token, SECOND_USERNAME, SECOND_PASSWORD),
    ):
        secrets |= encodings(token) | encodings(password) | encodings(f"{username}:{password}")
    audit_home(home, result, secrets, console)


def audit_home(home: Path, result: dict[str, Any], secrets: set[bytes], console: bytes) -> None:
    """No secret in any file under ``home`` nor on the console; private permissions on the cache and the log."""
    # Everything the app wrote is inside the isolated HOME: settings, cache, log.
    written = [p for p in home.rglob("*") if p.is_file()]
    log_file, settings_file, cache_root = Path(result["log_file"]), Path(result["settings_file"]), result["cache_dir"]
    assert log_file in written and settings_file in written, written
    assert log_file.is_relative_to(home / ".local" / "state") and settings_file.is_relative_to(home / ".config")
    cache_files = [p for p in written if p.is_relative_to(cache_root)]
    assert any(p.suffix == ".json" for p in cache_files) and any(p.suffix == ".bin" for p in cache_files)
    log_text = log_file.read_text(encoding="utf-8")
    assert "DEBUG" in log_text and "users/self" in log_text and "auth/logout" in log_text  # debug logging was on

    for path in written:
        content = path.read_bytes()
        leaked = [form for form in secrets if form in content]
        assert not leaked, f"{path.relative_to(home)} contains {leaked}"
    # the console log (debug) may end up in CI logs: just as clean
    assert not [form for form in secrets if form in console]

    # Private files: the cache (0600 files in 0700 folders) and the log.
    for path in cache_files:
        assert path.stat().st_mode & 0o777 == 0o600, path
        assert path.parent.stat().st_mode & 0o777 == 0o700, path.parent
    assert Path(cache_root).stat().st_mode & 0o777 == 0o700
    assert log_file.stat().st_mode & 0o777 == 0o600 and log_file.parent.stat().st_mode & 0o777 == 0o700
