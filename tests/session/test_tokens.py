"""Tokens live in the OS keyring only; a keyring that cannot hold them is said so, and reading never fails."""

from __future__ import annotations

import keyring
import pytest

from annodesk.session.tokens import SERVICE, KeyringUnavailable, TokenStore, account_name
from tests.conftest import MemoryKeyring, NoKeyring

SERVER = "https://cvat.example.com"


def test_a_token_is_saved_loaded_and_deleted_per_server_and_user(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore()
    store.save(SERVER, "alice", "a" * 40)
    assert memory_keyring.entries == {(SERVICE, account_name(SERVER, "alice")): "a" * 40}
    assert store.load(SERVER, "alice") == "a" * 40
    assert store.load(SERVER, "bob") is None and store.load("https://other.example.com", "alice") is None
    store.delete(SERVER, "alice")
    store.delete(SERVER, "alice")  # a missing entry is not an error
    assert memory_keyring.entries == {} and store.load(SERVER, "alice") is None


def test_no_keyring_is_a_clear_error_on_save_and_nothing_on_load() -> None:
    keyring.set_keyring(NoKeyring())  # the memory_keyring fixture puts the previous one back
    store = TokenStore()
    with pytest.raises(KeyringUnavailable) as info:
        store.save(SERVER, "alice", "a" * 40)
    assert info.value.no_keyring and "no system keyring" in str(info.value)
    assert store.load(SERVER, "alice") is None
    store.delete(SERVER, "alice")
