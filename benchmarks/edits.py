"""What an edit, its undo/redo and its journal entry cost on a dense job (``annodesk.annotations.edits``,
``annodesk.annotations.history``, ``annodesk.session.journal``).

    .venv/bin/python benchmarks/edits.py [--steps 100]

The job of ``annotations_query.py``: 5,000 20-point polygons and 5,000 rectangles on one frame, 200 tracks over
500 frames. A mix of user actions (move a polygon, drag a vertex, resize a rectangle, set a mutable attribute on a
track between keyframes, draw a rectangle, delete a shape, to front) is made ``--steps`` times. Prints:

- one edit (the pure function), p50 / p99, against the floor of the same run: copying the shapes tuple with one
  object replaced (what any immutable edit must at least do);
- undo of all steps, then redo of all (the document each step restores: ``step.before`` / ``step.after``), and
  replaying them from their deltas (what restoring a journal does);
- the delta of a step (computed for the journal) and one journal append (WAL, synchronous=FULL: one fsync), against
  the floor of a bare SQLite insert of the same bytes with the same settings;
- ``Journal.pending``: reopening and replaying the steps; the memory the history holds (tracemalloc).
"""

from __future__ import annotations

import argparse
import gc
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotations_query import DENSE_FRAME, LABELS, make_job

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep, apply_delta
from annodesk.annotations.identity import SHAPES, TRACKS
from annodesk.session.journal import Journal

IMAGE = (10_000.0, 5_000.0)


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):8.3f} ms   p99 {p99:8.3f} ms   max {ordered[-1]:8.3f} ms"


def timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def actions(document: Annotations, labels: LabelSet, rng: random.Random, index: int) -> tuple[str, Annotations]:
    polygon = (SHAPES, rng.randint(1, 5_000))
    rectangle = (SHAPES, rng.randint(5_001, 10_000))
    track = (TRACKS, rng.randint(1, 200))
    kind = index % 7
    if kind == 0:
        return "Move", e.move(document, polygon, DENSE_FRAME, 3, -2, image=IMAGE)
    if kind == 1:
        return "Drag vertex", e.move_vertex(document, polygon, DENSE_FRAME, 4, 500, 500, image=IMAGE)
    if kind == 2:
        return "Resize", e.resize_rectangle(document, rectangle, DENSE_FRAME, 2, 9_000, 4_000, image=IMAGE)
    if kind == 3:
        return "Attribute", e.set_attribute(document, labels, track, DENSE_FRAME + index, 2, "true")
    if kind == 4:
        made = e.create_shape(
            document, labels, shape_type="rectangle", frame=DENSE_FRAME, label_id=2, points=(10, 10, 90, 70),
            image=IMAGE,
        )  # fmt: skip
        return "Draw", made.annotations
    if kind == 5:
        return "Delete", e.delete(document, [rectangle])
    return "To front", e.to_front(document, polygon, DENSE_FRAME)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(15)
    labels = LabelSet.from_json(LABELS)
    start_document = Annotations.from_json(make_job(rng))
    gc.collect()

    document = start_document
    steps: list[EditStep] = []
    edit_ms: list[float] = []
    by_action: dict[str, list[float]] = {}
    floor_ms: list[float] = []
    for index in range(args.steps):
        while True:
            try:
                elapsed, made = timed(lambda doc=document, i=index: actions(doc, labels, rng, i))  # type: ignore[misc]
                name, after = made  # type: ignore[misc]
                break
            except (KeyError, e.EditRejected):  # a shape deleted earlier was picked: pick again
                continue
        edit_ms.append(elapsed)
        by_action.setdefault(name, []).append(elapsed)
        position = rng.randrange(len(document.shapes))
        shapes = document.shapes
        floor_ms.append(timed(lambda s=shapes, p=position: (*s[:p], s[p], *s[p + 1 :]))[0])  # type: ignore[misc]
        steps.append(EditStep(name, DENSE_FRAME, document, after))
        document = after

    undo_ms, _ = timed(lambda: [step.before for step in reversed(steps)])
    redo_ms, _ = timed(lambda: [step.after for step in steps])
    delta_ms = []
    deltas = []
    for step in steps:
        elapsed, change = timed(step.delta)
        delta_ms.append(elapsed)
        deltas.append(change)

    def replay() -> Annotations:
        result = start_document
        for change in deltas:
            result = apply_delta(result, change)
        return result

    replay_ms, replayed = timed(replay)
    assert replayed == document

    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    kept = []
    current = start_document
    for step in steps:
        kept.append(EditStep(step.description, step.frame, current, apply_delta(current, step.delta())))
        current = kept[-1].after
    history_bytes = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    del kept

    with tempfile.TemporaryDirectory() as folder:
        journal = Journal(Path(folder), "http://127.0.0.1:8080")
        begin_ms, _ = timed(lambda: journal.begin(1, 1, start_document))
        append_ms = [timed(lambda step=step: journal.append(1, step))[0] for step in steps]  # type: ignore[misc]
        journal.close()
        reopened = Journal(Path(folder), "http://127.0.0.1:8080")
        pending_ms, pending = timed(lambda: reopened.pending(1))
        assert pending is not None and pending.document == document  # type: ignore[attr-defined]
        reopened.close()
        raw = sqlite3.connect(Path(folder) / "floor.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, data BLOB)")
        raw.execute("INSERT INTO t (data) VALUES (?)", (str(start_document.to_json()).encode(),))  # as begin() does
        blobs = [str(change.to_json()).encode() for change in deltas]
        insert_ms = [
            timed(lambda blob=blob: raw.execute("INSERT INTO t (data) VALUES (?)", (blob,)))[0] for blob in blobs
        ]  # type: ignore[misc]
        raw.close()

    objects = len(start_document.shapes) + len(start_document.tracks)
    print(f"annodesk.annotations — edits, undo/redo and the journal (benchmarks/edits.py), {objects:,} objects")
    print(f"  one edit (pure function)       {summary(edit_ms)}")
    for name, samples in sorted(by_action.items()):
        print(f"    {name:<27}{summary(samples)}")
    print(f"    floor: shapes tuple copy     {summary(floor_ms)}")
    print(f"    ratio p50                    {statistics.median(edit_ms) / statistics.median(floor_ms):8.1f}×")
    print(f"  undo {args.steps} steps                 {undo_ms:8.3f} ms (documents restored from the steps)")
    print(f"  redo {args.steps} steps                 {redo_ms:8.3f} ms")
    print(f"  delta of a step (for journal)  {summary(delta_ms)}")
    print(f"  replay {args.steps} deltas              {replay_ms:8.1f} ms")
    print(f"  journal begin (base document)  {begin_ms:8.1f} ms")
    print(f"  journal append (fsync)         {summary(append_ms)}")
    print(f"    floor: bare SQLite insert    {summary(insert_ms)}")
    print(f"    ratio p50                    {statistics.median(append_ms) / statistics.median(insert_ms):8.1f}×")
    print(f"  journal pending (reopen+replay){pending_ms:8.1f} ms")
    print(f"  history of {args.steps} steps held      {history_bytes / 1024 / 1024:8.2f} MiB (beyond the document)")


if __name__ == "__main__":
    main()
