"""Run by test_journal.py as a real process that journals edits in a loop until it is killed.

Usage: ``python journal_child.py ROOT STEPS SAVE_EVERY``. Step *i* moves the one shape by (1, 0); every
``SAVE_EVERY`` steps the document is marked saved (version = steps so far). After each write it prints
``step <i>`` or ``saved <i>`` and flushes, so the parent knows what was acknowledged."""

from __future__ import annotations

import sys
from pathlib import Path

from annodesk.annotations import Annotations, Shape
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import SHAPES
from annodesk.session.journal import Journal

SERVER = "http://127.0.0.1:8080"
JOB = 3


def initial() -> Annotations:
    return Annotations(version=0, shapes=(Shape("rectangle", 0, 7, (0.0, 0.0, 10.0, 10.0), id=1),))


def expected(steps: int) -> Annotations:
    """The document after ``steps`` steps."""
    return Annotations(version=0, shapes=(Shape("rectangle", 0, 7, (float(steps), 0.0, steps + 10.0, 10.0), id=1),))


def main() -> None:
    root, steps, save_every = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    journal = Journal(root, SERVER)
    document = initial()
    journal.begin(JOB, 0, document)
    print("begun", flush=True)
    for index in range(1, steps + 1):
        after = e.move(document, (SHAPES, 1), 0, 1, 0, image=None)
        journal.append(JOB, EditStep("Move", 0, document, after))
        document = after
        print(f"step {index}", flush=True)
        if save_every and index % save_every == 0:
            journal.mark_saved(JOB, index, document)
            print(f"saved {index}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
