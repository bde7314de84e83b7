"""The edit journal: steps replayed on the base, saves, undo as inverse steps, corruption moved aside, full disks
as a typed error, and a real process killed with SIGKILL between writes."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annodesk.annotations import Annotations, LabelSet, Shape
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import SHAPES
from annodesk.session.journal import Journal, JournalError, JournalFull

from ..annotations.strategies import LABELS
from . import journal_child

SERVER = "https://cvat.example.org:8443"
LABEL_SET = LabelSet.from_json(LABELS)


def loaded() -> Annotations:
    return Annotations(version=9, shapes=(Shape("rectangle", 1, 7, (0.0, 0.0, 10.0, 10.0), id=4),))


def edited(document: Annotations) -> list[EditStep]:
    """Three steps: a move, a new polygon, a deletion of the original."""
    moved = e.move(document, (SHAPES, 4), 1, 5, 5, image=(100, 100))
    made = e.create_shape(
        moved, LABEL_SET, shape_type="polygon", frame=2, label_id=7, points=(0, 0, 20, 0, 10, 10), image=(100, 100)
    )
    deleted = e.delete(made.annotations, [(SHAPES, 4)])
    return [
        EditStep("Move", 1, document, moved),
        EditStep("Draw", 2, moved, made.annotations),
        EditStep("Delete", 1, made.annotations, deleted),
    ]


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal = Journal(tmp_path, SERVER)
    yield journal
    journal.close()


def test_steps_are_replayed_on_the_base_after_reopening(journal: Journal, tmp_path: Path) -> None:
    journal.begin(12, 9, loaded())
    assert journal.pending(12) is None  # nothing unsaved yet
    steps = edited(loaded())
    for step in steps:
        journal.append(12, step)
    journal.close()
    reopened = Journal(tmp_path, SERVER)
    pending = reopened.pending(12)
    assert pending is not None
    assert (pending.version, pending.steps, pending.last_frame) == (9, 3, 1)
    assert pending.base == loaded()
    assert pending.document == steps[-1].after
    assert pending.document.to_json() == steps[-1].after.to_json()  # client ids too
    assert Journal(tmp_path, "http://other:8080").pending(12) is None  # per server
    reopened.close()


def test_an_undo_is_journaled_as_the_inverse_step(journal: Journal) -> None:
    journal.begin(1, 9, loaded())
    steps = edited(loaded())
    for step in steps:
        journal.append(1, step)
    journal.append(1, steps[-1].inverse())
    journal.append(1, steps[-2].inverse())
    pending = journal.pending(1)
    assert pending is not None and pending.document == steps[0].after and pending.steps == 5


def test_mark_saved_makes_a_new_base_and_clears_the_steps(journal: Journal) -> None:
    journal.begin(1, 9, loaded())
    steps = edited(loaded())
    for step in steps:
        journal.append(1, step)
    journal.mark_saved(1, 12, steps[-1].after)
    assert journal.pending(1) is None
    assert journal.base(1) == (12, steps[-1].after)
    journal.discard(1)
    assert journal.base(1) is None and not journal.path(1).exists()


def test_summary_gives_the_base_version_and_the_step_count_as_pending_would(journal: Journal) -> None:
    assert journal.summary(3) == (None, 0)  # no journal
    journal.begin(3, 9, loaded())
    assert journal.summary(3) == (9, 0)
    steps = edited(loaded())
    for step in steps:
        journal.append(3, step)
    pending = journal.pending(3)
    assert pending is not None and journal.summary(3) == (pending.version, pending.steps) == (9, 3)
    journal.mark_saved(3, 12, steps[-1].after)
    assert journal.summary(3) == (12, 0)
    journal.folder.mkdir(parents=True, exist_ok=True)
    journal.path(4).write_bytes(b"this is not a database" * 100)
    assert journal.summary(4) == (None, 0) and [problem.job for problem in journal.problems] == [4]


def test_a_corrupt_journal_is_moved_aside_and_reported(journal: Journal) -> None:
    journal.folder.mkdir(parents=True)
    journal.path(5).write_bytes(b"this is not a database" * 100)
    assert journal.pending(5) is None
    (problem,) = journal.problems
    assert problem.job == 5 and problem.moved_to.exists() and problem.moved_to.read_bytes().startswith(b"this is")
    journal.begin(5, 1, loaded())  # a fresh journal works
    assert journal.base(5) == (1, loaded())


def test_steps_that_do_not_replay_are_moved_aside(journal: Journal) -> None:
    journal.begin(6, 9, loaded())
    journal.append(6, edited(loaded())[0])
    journal.close()
    with contextlib.closing(sqlite3.connect(journal.path(6))) as raw:
        raw.execute("UPDATE steps SET delta = ?", (b'{"changed": [["shapes", {"id": 999}]]}',))
        raw.commit()
    assert journal.pending(6) is None
    assert [p.job for p in journal.problems] == [6]
    assert journal.pending(6) is None and journal.base(6) is None  # starts clean


def test_a_full_database_is_a_typed_error_and_the_journal_stays_usable(journal: Journal) -> None:
    journal.begin(7, 9, loaded())
    connection = journal._connect(7)
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count={pages + 1}")  # SQLite's own SQLITE_FULL
    big = e.create_shape(
        loaded(),
        LABEL_SET,
        shape_type="polygon",
        frame=1,
        label_id=7,
        points=[float(v % 97) for v in range(12000)],
        image=None,
    ).annotations
    with pytest.raises(JournalFull):
        journal.append(7, EditStep("Draw", 1, loaded(), big))
    connection.execute("PRAGMA max_page_count=1000000")
    journal.append(7, EditStep("Draw", 1, loaded(), big))
    pending = journal.pending(7)
    assert pending is not None and pending.document == big


def test_a_full_disk_is_a_typed_error(tmp_path: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
                                            capture_output=True).returncode != 0:  # fmt: skip
        pytest.skip("no tiny tmpfs here (needs root); SQLite's own SQLITE_FULL is tested above")
    journal = Journal(mount, SERVER)
    try:
        document = loaded()
        with pytest.raises(JournalError) as caught:
            journal.begin(1, 9, document)
            for index in range(200):
                after = e.create_shape(
                    document, LABEL_SET, shape_type="polyline", frame=index, label_id=7,
                    points=[float(v % 90) for v in range(2000)], image=None,
                ).annotations  # fmt: skip
                journal.append(1, EditStep("Draw", index, document, after))
                document = after
        assert isinstance(caught.value, JournalFull) or "disk" in str(caught.value)
    finally:
        journal.close()
        subprocess.run(["umount", str(mount)], check=True)


def _kill_after(tmp_path: Path, acknowledged: int, save_every: int) -> None:
    """Start the child, read ``acknowledged`` step lines, SIGKILL it, reopen: every acknowledged step is there,
    at most one more, and the document is the one after that many steps."""
    process = subprocess.Popen(
        [sys.executable, journal_child.__file__, str(tmp_path), "100000", str(save_every)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert process.stdout is not None
    steps_seen = 0
    for line in process.stdout:
        if line.startswith("step "):
            steps_seen = int(line.split()[1])
            if steps_seen >= acknowledged:
                break
    process.send_signal(signal.SIGKILL)
    for line in process.stdout:  # lines written before the kill
        if line.startswith("step "):
            steps_seen = int(line.split()[1])
    process.wait()
    assert process.returncode == -signal.SIGKILL
    journal = Journal(tmp_path, journal_child.SERVER)
    try:
        base = journal.base(journal_child.JOB)
        assert base is not None
        pending = journal.pending(journal_child.JOB)
        total = base[0] + (pending.steps if pending else 0)
        assert steps_seen <= total <= steps_seen + 1
        document = pending.document if pending else base[1]
        assert document == journal_child.expected(total)
        assert journal.problems == []
    finally:
        journal.close()


@pytest.mark.parametrize(("acknowledged", "save_every"), [(1, 0), (23, 0), (7, 3), (40, 5), (61, 2)])
def test_a_killed_process_leaves_a_consistent_journal(tmp_path: Path, acknowledged: int, save_every: int) -> None:
    _kill_after(tmp_path, acknowledged, save_every)


def test_the_journal_is_shared_safely_between_threads(journal: Journal) -> None:
    import threading

    journal.begin(1, 9, loaded())
    steps = edited(loaded())
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for version in range(30):
                journal.begin(2, version, steps[version % 3].after)
                journal.pending(1)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    for _ in range(10):
        for step in steps:
            journal.append(1, step)
        for step in reversed(steps):
            journal.append(1, step.inverse())
    thread.join()
    assert errors == []
    pending = journal.pending(1)
    assert pending is not None and pending.steps == 60 and pending.document == loaded()
    assert journal.base(2) == (29, steps[2].after)
