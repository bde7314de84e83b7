"""The kept accounts' list (Qt-free): stored as server + username only, the older single session adopted only with
its token, malformed entries skipped, states in memory."""

from __future__ import annotations

from dataclasses import dataclass

from annodesk.session.accounts import Account, AccountBook, AccountState

A = Account("https://cvat.example.com", "alice")
B = Account("http://127.0.0.1:8080", "bob@team")  # a username may hold an @


@dataclass
class Stored:
    """What AccountBook reads and writes (the typed Settings has these attributes)."""

    accounts: str = ""
    last_server: str = ""
    last_username: str = ""
    syncs: int = 0

    def sync(self) -> None:
        self.syncs += 1


def test_the_older_single_session_is_adopted_only_with_its_token() -> None:
    with_token = Stored(last_server=A.server, last_username=A.username)
    book = AccountBook(with_token, lambda account: account == A)
    assert book.accounts == [A] and book.last == A and book.state(A) == AccountState.UNKNOWN
    assert with_token.accounts == f'[["{A.server}", "alice"]]' and with_token.syncs == 1

    without = Stored(last_server=B.server, last_username=B.username)
    assert AccountBook(without, lambda account: False).accounts == []
    assert without.accounts == "[]"  # written: the adoption happens once


def test_add_remove_and_states_round_trip() -> None:
    stored = Stored()
    changes: list[int] = []
    book = AccountBook(stored, lambda account: account == A)
    book.on_change.append(lambda: changes.append(1))
    book.add(A)
    book.add(B, AccountState.OFFLINE)
    book.add(A)  # again: its place stays
    assert book.accounts == [A, B] and book.state(B) == AccountState.OFFLINE and len(changes) == 3
    again = AccountBook(stored, lambda account: account == A)
    assert again.accounts == [A, B]
    assert again.state(A) == AccountState.UNKNOWN and again.state(B) == AccountState.EXPIRED  # B has no token
    again.set_state(A, AccountState.ONLINE)
    again.remove(B)
    assert AccountBook(stored, lambda account: True).accounts == [A]


def test_malformed_lists_are_skipped_not_fatal() -> None:
    for text in ("not json", '{"a": 1}', '[["only-one"], [1, 2], ["", "x"], null]'):
        assert AccountBook(Stored(accounts=text), lambda account: True).accounts == []
    mixed = Stored(accounts=f'[["{A.server}", "alice"], "junk", ["{A.server}", "alice"]]')
    assert AccountBook(mixed, lambda account: True).accounts == [A]
