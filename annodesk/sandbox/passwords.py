"""Password hashing in Django's ``pbkdf2_sha256$iterations$salt$hash`` format, and Django's validators."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from difflib import SequenceMatcher

# Fewer rounds than Django's default: this is a local sandbox, and sign-in should be instant.
ITERATIONS = 20_000

# The head of Django's common-password list (the full list has 20,000 entries).
COMMON_PASSWORDS = frozenset(
    [
        "password",
        "123456",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "qwertyuiop",
        "111111",
        "1234567",
        "dragon",
        "123123",
        "baseball",
        "abc123",
        "football",
        "monkey",
        "letmein",
        "696969",
        "shadow",
        "master",
        "666666",
        "mustang",
        "michael",
        "superman",
        "1qaz2wsx",
        "7777777",
        "121212",
        "000000",
        "qazwsx",
        "123qwe",
        "killer",
        "trustno1",
        "jordan",
        "jennifer",
        "zxcvbnm",
        "asdfgh",
        "hunter",
        "buster",
        "soccer",
        "harley",
        "batman",
        "andrew",
        "tigger",
        "sunshine",
        "iloveyou",
        "2000",
        "charlie",
        "robert",
        "thomas",
        "hockey",
        "ranger",
        "daniel",
        "starwars",
        "klaster",
        "112233",
        "george",
        "computer",
        "michelle",
        "jessica",
        "pepper",
        "1111",
        "zxcvbn",
        "555555",
        "11111111",
        "131313",
        "freedom",
        "777777",
        "pass",
        "maggie",
        "159753",
        "aaaaaa",
        "ginger",
        "princess",
        "joshua",
        "cheese",
        "amanda",
        "summer",
        "love",
        "ashley",
        "nicole",
        "chelsea",
        "biteme",
        "matthew",
        "access",
        "yankees",
        "987654321",
        "dallas",
        "austin",
        "thunder",
        "taylor",
        "matrix",
        "passw0rd",
        "password1",
        "password123",
        "welcome",
        "welcome1",
        "admin",
        "administrator",
        "changeme",
        "secret",
        "qwerty123",
        "1q2w3e4r",
        "iloveyou1",
        "abcd1234",
    ]
)


def make_password(raw: str, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """Hash ``raw`` the way Django stores it."""
    salt = salt or secrets.token_urlsafe(12)
    digest = hashlib.pbkdf2_hmac("sha256", raw.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def check_password(raw: str, encoded: str) -> bool:
    """Whether ``raw`` matches the stored hash ``encoded``."""
    try:
        algorithm, iterations, salt, _ = encoded.split("$", 3)
    except ValueError:
        return False
    if algorithm != "pbkdf2_sha256":
        return False
    return hmac.compare_digest(make_password(raw, salt, int(iterations)), encoded)


# Django's UserAttributeSimilarityValidator: the user's fields it compares, with their verbose names.
USER_ATTRIBUTES = (
    ("username", "username"),
    ("first_name", "first name"),
    ("last_name", "last name"),
    ("email", "email address"),
)
MAX_SIMILARITY = 0.7


def too_similar(raw: str, attributes: Mapping[str, str]) -> str | None:
    """Django 2.2's similarity check: the first user field (or a word of it) the password resembles."""
    for name, verbose_name in USER_ATTRIBUTES:
        value = attributes.get(name)
        if not value or not isinstance(value, str):
            continue
        for part in [*re.split(r"\W+", value), value]:
            if SequenceMatcher(a=raw.lower(), b=part.lower()).quick_ratio() >= MAX_SIMILARITY:
                return f"The password is too similar to the {verbose_name}."
    return None


def password_problems(raw: str, attributes: Mapping[str, str] | None = None, *, allauth: bool = True) -> list[str]:
    """What allauth and Django's validators (in CVAT's order) say about a new password; empty when acceptable.
    ``attributes``: the user's username, names and e-mail, for the similarity check. ``allauth=False``: Django's
    validators only (a password change goes through Django's ``SetPasswordForm``, not allauth)."""
    if allauth and len(raw) < 6:
        return ["Password must be a minimum of 6 characters."]
    problems = []
    similar = too_similar(raw, attributes or {})
    if similar:
        problems.append(similar)
    if len(raw) < 8:
        problems.append("This password is too short. It must contain at least 8 characters.")
    if raw.lower().strip() in COMMON_PASSWORDS:
        problems.append("This password is too common.")
    if raw.isdigit():
        problems.append("This password is entirely numeric.")
    return problems
