"""The checkout store on its own: what a kill can leave behind (a chunk file renamed but not recorded, a recorded
file cut short, temporary files) reads as missing and is swept; chunks of replaced media are not reused; a chunk
needed by two checkouts stays until neither needs it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

import pytest

from annodesk.session.checkout_store import Checkout, CheckoutStore, StagedChunk

SERVER = "http://127.0.0.1:8080"


def _checkout(job_id: int, version: str = "v1", task_id: int = 5) -> Checkout:
    return Checkout(
        SERVER, job_id, task_id, "compressed", version, b"{}", b"{}", b"{}", b'{"version":3}', 3, 1.0, 1.0, False
    )


def _stored(store: CheckoutStore, job_id: int) -> dict[int, bool]:
    return {state.number: state.stored for state in store.chunk_states(SERVER, job_id)}


def test_a_chunk_file_not_recorded_is_missing_and_swept(tmp_path: Path) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1), [0, 1])
    store.put_chunk(SERVER, 5, "compressed", 0, "v1", b"chunk zero")
    # a kill after the rename but before the record, and one during the write
    unrecorded = store.chunk_path(SERVER, 5, "compressed", 1)
    unrecorded.write_bytes(b"chunk one")
    partial = unrecorded.parent / ".part-abc"
    partial.write_bytes(b"chu")
    assert _stored(store, 1) == {0: True, 1: False}
    assert store.sweep() == 2
    assert not unrecorded.exists() and not partial.exists()
    assert store.read_chunk(SERVER, 5, "compressed", 0) == b"chunk zero"


def test_a_recorded_chunk_cut_short_or_damaged_reads_as_missing(tmp_path: Path) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1), [0, 1])
    store.put_chunk(SERVER, 5, "compressed", 0, "v1", b"chunk zero")
    store.put_chunk(SERVER, 5, "compressed", 1, "v1", b"chunk one")
    store.chunk_path(SERVER, 5, "compressed", 0).write_bytes(b"chunk")
    store.chunk_path(SERVER, 5, "compressed", 1).write_bytes(b"chunk ONE")  # same size, other bytes
    assert _stored(store, 1) == {0: False, 1: True}  # the size only, as when a complete checkout opens
    assert [state.stored for state in store.chunk_states(SERVER, 1, verify=True)] == [False, False]  # on resume
    assert store.read_chunk(SERVER, 5, "compressed", 1) is None


def test_chunks_of_replaced_media_are_not_reused(tmp_path: Path) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1, "v1"), [0])
    store.put_chunk(SERVER, 5, "compressed", 0, "v1", b"old media")
    store.put_checkout(_checkout(2, "v2"), [0])
    assert _stored(store, 1) == {0: True} and _stored(store, 2) == {0: False}


def test_a_shared_chunk_stays_until_no_checkout_needs_it(tmp_path: Path) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1), [0, 1])
    store.put_checkout(_checkout(2), [1, 2])
    store.put_checkout(_checkout(3, task_id=6), [1])
    for number in (0, 1, 2):
        store.put_chunk(SERVER, 5, "compressed", number, "v1", b"x" * (number + 1))
    store.put_chunk(SERVER, 6, "compressed", 1, "v1", b"other task")
    assert store.remove_checkout(SERVER, 1) == 1  # chunk 0 only
    assert _stored(store, 2) == {1: True, 2: True}
    assert store.remove_checkout(SERVER, 2) == 2 + 3
    assert store.read_chunk(SERVER, 6, "compressed", 1) == b"other task"
    assert [checkout.job_id for checkout in store.checkouts(SERVER)] == [3]
    store.close()
    reopened = CheckoutStore(tmp_path)
    assert _stored(reopened, 3) == {1: True}


class FullDisk(StagedChunk):
    """A staged chunk whose writes land on ``/dev/full`` (ENOSPC), its temporary file made as usual."""

    def _open(self) -> BinaryIO:
        super()._open()
        assert self._out is not None
        self._out.close()
        self._out = open("/dev/full", "wb")  # noqa: SIM115 - closed by finish() or discard()
        return self._out


def test_a_chunk_staged_piece_by_piece_is_placed_and_recorded_with_its_digest(tmp_path: Path) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1), [0, 1])
    staged = store.stage_chunk(SERVER, 5, "compressed", 0)
    assert not list(tmp_path.rglob(".part-*"))  # no file until the first write
    pieces = [b"a" * 70_000, b"b" * 3, b"c" * 100_000]
    staged.write(*pieces[:2])
    staged.write(pieces[2])
    assert _stored(store, 1) == {0: False, 1: False}  # written, not placed: still missing
    staged.finish()
    store.commit_chunk(staged, "v1")
    data = b"".join(pieces)
    assert store.read_chunk(SERVER, 5, "compressed", 0) == data and staged.sha256 == hashlib.sha256(data).hexdigest()
    empty = store.stage_chunk(SERVER, 5, "compressed", 1)
    empty.finish()
    store.commit_chunk(empty, "v1")
    assert store.read_chunk(SERVER, 5, "compressed", 1) == b"" and _stored(store, 1) == {0: True, 1: True}
    assert not list(tmp_path.rglob(".part-*"))


@pytest.mark.parametrize("piece", [b"x" * 100_000, b"x" * 10])  # written through at once / failing at close
def test_a_full_disk_fails_the_staged_chunk_and_leaves_no_file(tmp_path: Path, piece: bytes) -> None:
    store = CheckoutStore(tmp_path)
    store.put_checkout(_checkout(1), [0])
    path = store.chunk_path(SERVER, 5, "compressed", 0)
    staged = FullDisk(SERVER, 5, "compressed", 0, path.relative_to(store.chunk_root).as_posix(), path)
    staged.write(piece)
    staged.write(piece)
    with pytest.raises(OSError):
        staged.finish()
    assert not [file for file in tmp_path.rglob("*") if file.is_file() and "sqlite3" not in file.name]
    with pytest.raises(OSError):
        store.commit_chunk(staged, "v1")
    staged.discard()  # again: harmless
    assert _stored(store, 1) == {0: False}
