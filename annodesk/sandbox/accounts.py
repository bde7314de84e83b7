"""Users, groups, API tokens and browser sessions, as Django and DRF authtoken keep them."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .clock import now_iso
from .db import Database
from .passwords import check_password, make_password

GROUPS = ("admin", "user", "annotator", "observer")
DUMMY_SALT = "annodeskdummysalt"
SESSION_AGE = 1_209_600  # seconds: two weeks, Django's SESSION_COOKIE_AGE


def iso_sortable(moment: datetime) -> str:
    """A UTC time as fixed-width text, so that SQL compares it correctly."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class Account:
    """A user row with its group names."""

    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    groups: tuple[str, ...]
    is_staff: bool
    is_superuser: bool
    is_active: bool
    last_login: str | None
    date_joined: str

    def in_group(self, *names: str) -> bool:
        """Whether the user belongs to any of ``names``."""
        return any(name in self.groups for name in names)


class AccountStore:
    """Reads and writes users, tokens and sessions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # Users ---------------------------------------------------------------------------------------
    def create_user(
        self,
        username: str,
        password: str,
        *,
        first_name: str = "",
        last_name: str = "",
        email: str = "",
        groups: Iterable[str] = (),
        is_superuser: bool = False,
        date_joined: str | None = None,
    ) -> int:
        """Add a user (a superuser is also staff, as ``createsuperuser`` makes them)."""
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO users (username, password, first_name, last_name, email, is_staff, is_superuser,"
                " date_joined) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    username,
                    make_password(password),
                    first_name,
                    last_name,
                    email,
                    int(is_superuser),
                    int(is_superuser),
                    date_joined or now_iso(),
                ),
            )
            user_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO user_groups (user_id, name) VALUES (?, ?)", [(user_id, g) for g in dict.fromkeys(groups)]
            )
        return user_id

    def ensure_superuser(self, username: str, password: str) -> int:
        """Create ``username`` as a superuser in group admin, or make the existing one so with this password."""
        existing = self.by_username(username)
        if existing is None:
            return self.create_user(username, password, groups=["admin"], is_superuser=True)
        with self._db.write() as conn:
            conn.execute(
                "UPDATE users SET password = ?, is_staff = 1, is_superuser = 1, is_active = 1 WHERE id = ?",
                (make_password(password), existing.id),
            )
            conn.execute("INSERT OR IGNORE INTO user_groups (user_id, name) VALUES (?, 'admin')", (existing.id,))
        return existing.id

    def by_id(self, user_id: int) -> Account | None:
        """The user with this id."""
        return self._one("SELECT * FROM users WHERE id = ?", (user_id,))

    def by_username(self, username: str) -> Account | None:
        """The user with this username (case-insensitive, as allauth matches it)."""
        return self._one("SELECT * FROM users WHERE username = ? COLLATE NOCASE", (username,))

    def email_taken(self, email: str) -> bool:
        """Whether another user already registered this e-mail address."""
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM users WHERE lower(email) = lower(?)", (email,)).fetchone() is not None

    def authenticate(self, username: str, password: str) -> Account | None:
        """The active user with these credentials, or None."""
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM users WHERE username = ? COLLATE NOCASE", (username,)).fetchone()
        if row is None:
            make_password(password, DUMMY_SALT)  # Django's dummy hash: an unknown name costs what a known one does
            return None
        if not check_password(password, row["password"]) or not row["is_active"]:
            return None
        return self.by_id(row["id"])

    def all_users(self, order_by: str = "id") -> list[Account]:
        """Every user, in ``order_by`` order (a trusted SQL ORDER BY clause)."""
        with self._db.read() as conn:
            rows = conn.execute(f"SELECT * FROM users ORDER BY {order_by}").fetchall()
            groups = self._groups(conn, [row["id"] for row in rows])
        return [self._account(row, groups.get(row["id"], ())) for row in rows]

    def usernames(self) -> dict[int, str]:
        """Every user's name by id."""
        with self._db.read() as conn:
            return {row[0]: row[1] for row in conn.execute("SELECT id, username FROM users")}

    def record_login(self, user_id: int) -> None:
        """Bump ``last_login``, as Django's ``login()`` does."""
        with self._db.write() as conn:
            conn.execute("UPDATE users SET last_login = ? WHERE id = ?", (now_iso(), user_id))

    def password_matches(self, user_id: int, password: str) -> bool:
        """Whether ``password`` is the user's (Django's ``check_password``)."""
        with self._db.read() as conn:
            row = conn.execute("SELECT password FROM users WHERE id = ?", (user_id,)).fetchone()
        return row is not None and check_password(password, row["password"])

    def set_password(self, user_id: int, password: str) -> None:
        """Store a new password hash (the token stays, as in CVAT)."""
        with self._db.write() as conn:
            conn.execute("UPDATE users SET password = ? WHERE id = ?", (make_password(password), user_id))

    def update_user(self, user_id: int, fields: dict[str, str]) -> None:
        """Change ``username``, ``first_name``, ``last_name`` or ``email`` (the keys are checked by the caller)."""
        allowed = [key for key in ("username", "first_name", "last_name", "email") if key in fields]
        if not allowed:
            return
        with self._db.write() as conn:
            assignments = ", ".join(f"{key} = ?" for key in allowed)
            conn.execute(f"UPDATE users SET {assignments} WHERE id = ?", (*[fields[k] for k in allowed], user_id))

    # Tokens --------------------------------------------------------------------------------------
    def token_for(self, user_id: int) -> str:
        """The user's one API token, created on first use."""
        with self._db.write() as conn:
            row = conn.execute("SELECT key FROM tokens WHERE user_id = ?", (user_id,)).fetchone()
            if row is not None:
                return str(row[0])
            key = secrets.token_hex(20)
            conn.execute("INSERT INTO tokens (key, user_id, created) VALUES (?, ?, ?)", (key, user_id, now_iso()))
            return key

    def user_for_token(self, key: str) -> Account | None:
        """The owner of an API token."""
        return self._one("SELECT users.* FROM tokens JOIN users ON users.id = tokens.user_id WHERE key = ?", (key,))

    def revoke_token(self, user_id: int) -> None:
        """Delete the user's token (logout does this: the token dies for every client)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM tokens WHERE user_id = ?", (user_id,))

    # Sessions ------------------------------------------------------------------------------------
    def new_session(self, user_id: int) -> tuple[str, str]:
        """Start a browser session of Django's age (two weeks): ``(sessionid, csrftoken)``; expired ones go."""
        session, csrf = secrets.token_hex(16), secrets.token_urlsafe(48)[:64]
        now = datetime.now(UTC)
        with self._db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE expires <= ?", (iso_sortable(now),))
            conn.execute(
                "INSERT INTO sessions (key, user_id, csrf, expires) VALUES (?, ?, ?, ?)",
                (session, user_id, csrf, iso_sortable(now + timedelta(seconds=SESSION_AGE))),
            )
        return session, csrf

    def session(self, key: str) -> Account | None:
        """The user of a session cookie that has not expired."""
        return self._one(
            "SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id"
            " WHERE sessions.key = ? AND sessions.expires > ?",
            (key, iso_sortable(datetime.now(UTC))),
        )

    def end_session(self, key: str) -> None:
        """Flush a session."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE key = ?", (key,))

    def end_sessions(self, user_id: int) -> None:
        """Flush every session of the user (logout: as the token, they die for every client)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))

    # Helpers -------------------------------------------------------------------------------------
    def _one(self, sql: str, params: tuple[object, ...]) -> Account | None:
        with self._db.read() as conn:
            row = conn.execute(sql, params).fetchone()
            if row is None:
                return None
            groups = self._groups(conn, [row["id"]])
        return self._account(row, groups.get(row["id"], ()))

    @staticmethod
    def _groups(conn: sqlite3.Connection, user_ids: list[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {}
        for user_id, name in conn.execute("SELECT user_id, name FROM user_groups ORDER BY name"):
            if user_id in user_ids or len(user_ids) > 50:
                found.setdefault(user_id, []).append(name)
        return {key: tuple(value) for key, value in found.items()}

    @staticmethod
    def _account(row: sqlite3.Row, groups: tuple[str, ...] = ()) -> Account:
        return Account(
            id=row["id"],
            username=row["username"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            email=row["email"],
            groups=groups,
            is_staff=bool(row["is_staff"]),
            is_superuser=bool(row["is_superuser"]),
            is_active=bool(row["is_active"]),
            last_login=row["last_login"],
            date_joined=row["date_joined"],
        )
