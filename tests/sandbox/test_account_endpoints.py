"""``auth/password/change`` and ``PATCH users/{id}`` answer in the words of cvat-v1-api.md §1 and §3 (CVAT v1.1,
rest_auth 0.9.5 + Django 2.2's ``SetPasswordForm`` and validators)."""

from __future__ import annotations

import httpx

from annodesk.sandbox import SandboxServer

from .helpers import PASSWORDS, api, token

CHANGE = "auth/password/change"


def change(client: httpx.Client, old: str, new1: str, new2: str) -> httpx.Response:
    return client.post(CHANGE, json={"old_password": old, "new_password1": new1, "new_password2": new2})


def test_password_change_keeps_the_token_and_the_new_password_signs_in(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "alice") as client:
        before = client.headers["Authorization"]
        answer = change(client, PASSWORDS["alice"], "Lantern-Quiet-81", "Lantern-Quiet-81")
        assert answer.status_code == 200 and answer.json() == {"detail": "New password has been saved."}
        assert client.get("users/self").status_code == 200  # the same token still works
        login = client.post("auth/login", json={"username": "alice", "password": "Lantern-Quiet-81"})
        assert login.status_code == 200 and f"Token {login.json()['key']}" == before  # one token per user
        old = client.post("auth/login", json={"username": "alice", "password": PASSWORDS["alice"]})
        assert old.status_code == 400


def test_password_change_refusals_in_the_servers_words(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "bob") as client:
        wrong = change(client, "not-my-password", "Lantern-Quiet-81", "Lantern-Quiet-81")
        assert wrong.status_code == 400 and wrong.json() == {"old_password": ["Invalid password"]}
        mismatch = change(client, PASSWORDS["bob"], "Lantern-Quiet-81", "Lantern-Quiet-82")
        assert mismatch.json() == {"new_password2": ["The two password fields didn't match."]}
        short = change(client, PASSWORDS["bob"], "abc12", "abc12")  # Django's validators only: no allauth minimum 6
        assert short.json() == {"new_password2": ["This password is too short. It must contain at least 8 characters."]}
        common = change(client, PASSWORDS["bob"], "password", "password")
        assert common.json() == {"new_password2": ["This password is too common."]}
        numeric = change(client, PASSWORDS["bob"], "8402719365", "8402719365")
        assert numeric.json() == {"new_password2": ["This password is entirely numeric."]}
        similar = change(client, PASSWORDS["bob"], "bob.novak", "bob.novak")
        assert similar.json() == {"new_password2": ["The password is too similar to the last name."]}
        missing = client.post(CHANGE, json={"old_password": PASSWORDS["bob"]})
        assert missing.json() == {
            "new_password1": ["This field is required."],
            "new_password2": ["This field is required."],
        }
        assert client.post("auth/login", json={"username": "bob", "password": PASSWORDS["bob"]}).status_code == 200
    with api(fresh_sandbox) as anonymous:
        refused = change(anonymous, "x", "y", "y")
        assert refused.status_code == 401
        assert refused.json() == {"detail": "Authentication credentials were not provided."}


def test_profile_changes_as_cvat_allows_them(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "alice") as client:
        me = client.get("users/self").json()
        named = client.patch(f"users/{me['id']}", json={"first_name": "Alicia", "last_name": "Martín"})
        assert named.status_code == 200
        assert named.json() == {  # the basic serializer answers a non-staff user, even about themselves
            "url": me["url"],
            "id": me["id"],
            "username": "alice",
            "first_name": "Alicia",
            "last_name": "Martín",
        }
        email = client.patch(f"users/{me['id']}", json={"email": "new@example.com"})
        assert email.status_code == 400
        assert email.json() == {"non_field_errors": ["Got unknown fields: {'email'}"]}
        groups = client.patch(f"users/{me['id']}", json={"groups": ["admin"]})
        assert groups.json() == {
            "non_field_errors": ["You do not have permissions to access some of these fields: {'groups'}"]
        }
        assert client.get("users/self").json()["email"] == me["email"]
        bob = next(
            u for u in client.get("users", params={"page_size": "all"}).json()["results"] if u["username"] == "bob"
        )
        other = client.patch(f"users/{bob['id']}", json={"first_name": "X"})
        assert other.status_code == 403
        assert other.json() == {"detail": "You do not have permission to perform this action."}
    with httpx.Client(
        base_url=f"{fresh_sandbox.base_url}/api/v1/",
        headers={"Authorization": f"Token {token(fresh_sandbox, 'admin')}"},
    ) as admin:
        changed = admin.patch(f"users/{me['id']}", json={"email": "alicia@example.com"})
        assert changed.status_code == 200 and changed.json()["email"] == "alicia@example.com"
        assert admin.patch("users/9999", json={"first_name": "X"}).status_code == 404
