"""Editing the dense frame through the workspace: an edit, and undo/redo of 100 steps, as the annotator gets them.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/undo_redo.py [--runs 3] [--steps 100]

The sandbox runs in a process of its own (``--seed-dense-job``: one 10,000×5,000 frame, 5,000 polygons of 20 points
and 5,000 rectangles). The job is opened by a real :class:`WorkspaceController` in a real :class:`WorkspaceWindow`
(offscreen), its edits journaled to a throwaway folder. Measured, each against a floor from the same run:

1. **edit → objects updated**: ``JobEditor.move`` of one polygon (then of one rectangle, a vertex drag through
   ``set_points``) until the controller's frame objects are the new ones and the canvas repainted (its overlay
   repaired around the object). Floor: the pure edit function (``annodesk.annotations.edits.move``) alone, and the
   canvas repaint alone;
2. **undo / redo of ``--steps`` steps** (a mix: moves, vertex drags, attribute changes, to-front, new polygons,
   deletions), each one ``JobEditor.undo()`` / ``redo()`` with the frame's objects and the canvas following. Floor: the
   same steps' deltas applied with ``annodesk.annotations.history.apply_delta`` alone (no Qt, no frame objects).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import qasync
from harness import ADMIN, Check, Figure, SandboxProcess, Stat
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from annodesk.annotations import edits as e
from annodesk.annotations.history import apply_delta, delta
from annodesk.api import CvatClient
from annodesk.sandbox.bench_seed import DENSE_TASK
from annodesk.session.cache import OfflineCache
from annodesk.session.journal import Journal
from annodesk.session.repository import Repository
from annodesk.ui.collector import MainThreadCollector
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.editor import JobEditor
from annodesk.workspace.frame_objects import FrameObject, domain_key


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return seconds * 1000


async def open_window(repository: Repository, job_id: int, settings: QSettings, journal: Journal) -> WorkspaceWindow:
    controller = WorkspaceController(repository, job_id, FrameSources(None), journal=journal)
    window = WorkspaceWindow(controller, settings)
    window.resize(1400, 860)
    window.show()
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    controller.imageReady.connect(lambda *_: done.done() or done.set_result(None))
    controller.open()
    await asyncio.wait_for(done, 300)
    window.canvas.wait_for_image_levels()  # the frame's levels are made in the background: let them be
    window.canvas.finish_rendering()
    window.canvas.repaint()
    return window


def one_step(editor: JobEditor, objects: list[FrameObject], rng: random.Random, labels: dict[str, int]) -> None:
    """One user action of the mix, on a random object of the dense frame."""
    polygons = [obj for obj in objects if obj.type == "polygon"]
    rectangles = [obj for obj in objects if obj.type == "rectangle"]
    choice = rng.randrange(7)
    polygon, rectangle = rng.choice(polygons), rng.choice(rectangles)
    if choice == 0:
        editor.move(polygon.key, rng.uniform(-20, 20), rng.uniform(-20, 20))
    elif choice == 1:
        points = list(polygon.points)
        points[0] += 5
        points[1] += 5
        editor.set_points(polygon.key, points)
    elif choice == 2:
        editor.move(rectangle.key, 7, -3)
    elif choice == 3:
        editor.to_front(rectangle.key)
    elif choice == 4:
        x, y = rng.uniform(100, 9000), rng.uniform(100, 4000)
        editor.create("polygon", [x, y, x + 80, y, x + 40, y + 60], label_id=polygon.label_id)
    elif choice == 5:
        editor.delete(rectangle.key)
    else:
        editor.change_label(polygon.key, labels.get("truck", polygon.label_id))


@dataclass
class Samples:
    """Seconds measured, by what."""

    first_edit: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    paint: list[float] = field(default_factory=list)
    edit_floor: list[float] = field(default_factory=list)
    paint_floor: list[float] = field(default_factory=list)
    step: list[float] = field(default_factory=list)
    undo: list[float] = field(default_factory=list)
    redo: list[float] = field(default_factory=list)
    apply: list[float] = field(default_factory=list)


def measure_window(
    window: WorkspaceWindow, rng: random.Random, steps: int, labels: dict[str, int], into: Samples
) -> None:
    controller, canvas = window.controller, window.canvas
    editor = controller.editor
    assert editor is not None
    objects = list(controller.objects)
    image = controller.frame_size(controller.frame)
    # 1. one edit until the frame's objects (the panels and the canvas's overlay follow in the same call), then the
    #    repaint; against the pure edit and a bare repaint. The first edit of the frame makes its key maps.
    for index in range(61):
        obj = rng.choice([o for o in objects if o.type == ("polygon" if index % 2 else "rectangle")])
        started = time.perf_counter()
        e.move(editor.document, domain_key(obj.key), controller.frame, 3, 2, image=image)
        into.edit_floor.append(time.perf_counter() - started)
        started = time.perf_counter()
        editor.move(obj.key, 3, 2)
        edited = time.perf_counter()
        canvas.repaint()
        (into.first_edit if index == 0 else into.edit).append(edited - started)
        into.paint.append(time.perf_counter() - edited)
        started = time.perf_counter()
        canvas.repaint()
        into.paint_floor.append(time.perf_counter() - started)
    editor.undo_stack.clear()
    # 2. undo / redo of the mix, against the same deltas applied alone
    for _ in range(steps):
        started = time.perf_counter()
        one_step(editor, objects, rng, labels)
        canvas.repaint()
        into.step.append(time.perf_counter() - started)
    made = editor.steps()[-steps:]
    changes = [delta(step.after, step.before) for step in reversed(made)]
    changes += [delta(step.before, step.after) for step in made]
    document = editor.document
    started = time.perf_counter()
    for change in changes:
        document = apply_delta(document, change)
    into.apply.append(time.perf_counter() - started)
    for redo, samples in ((False, into.undo), (True, into.redo)):
        started = time.perf_counter()
        for _ in range(steps):
            editor.redo() if redo else editor.undo()
            canvas.repaint()
        samples.append(time.perf_counter() - started)
    assert editor.flush_journal(120)


async def measure(base_url: str, runs: int, steps: int, work: Path) -> list[Figure]:
    samples = Samples()
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        tasks = {task.name: task for task in (await client.list_tasks(1, 100)).results}
        task = await client.get_task(tasks[DENSE_TASK].id)
        labels = {label.name: label.id for label in task.labels}
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        for run in range(runs):
            repository = Repository(client, OfflineCache(work / f"cache-{run}", base_url, ADMIN[0]))
            journal = Journal(work / f"journal-{run}", base_url)
            window = await open_window(repository, task.jobs[0].id, settings, journal)
            measure_window(window, random.Random(run), steps, labels, samples)
            window.close()
            window.deleteLater()
            await asyncio.sleep(0.1)
    edit_times, edit_floor, paint_floor, step_times = (
        samples.edit,
        samples.edit_floor,
        samples.paint_floor,
        samples.step,
    )
    undo_runs, redo_runs, apply_runs = samples.undo, samples.redo, samples.apply
    total = [edit + paint for edit, paint in zip(edit_times, samples.paint[len(samples.first_edit) :], strict=False)]
    edit = Figure(
        "edit_dense",
        "edit on the dense frame (10,000 objects): JobEditor.move → frame objects, panels and canvas overlay updated",
        "ms",
        measured={
            "p50 edit → objects updated": Stat.of([ms(percentile(edit_times, 0.5))]),
            "p99 edit → objects updated": Stat.of([ms(percentile(edit_times, 0.99))]),
            "first edit of the frame (its key maps made)": Stat.of([ms(v) for v in samples.first_edit]),
            "p50 then the repaint": Stat.of([ms(percentile(samples.paint, 0.5))]),
            "p99 edit + repaint": Stat.of([ms(percentile(total, 0.99))]),
            "p50 one action of the undo mix + repaint (new polygons, deletes…)": Stat.of(
                [ms(percentile(step_times, 0.5))]
            ),
            "p99 one action of the undo mix + repaint": Stat.of([ms(percentile(step_times, 0.99))]),
        },
        floors={
            "p50 pure edit function (edits.move)": Stat.of([ms(percentile(edit_floor, 0.5))]),
            "p50 canvas repaint alone": Stat.of([ms(percentile(paint_floor, 0.5))]),
        },
        digits=2,
    )
    floor = percentile(edit_floor, 0.5) + percentile(paint_floor, 0.5)
    edit.checks.append(Check("p99 edit + repaint", ms(percentile(total, 0.99)), "<=", 16, "ms"))
    edit.notes.append(f"p50 edit + repaint ÷ (pure edit + bare repaint): {percentile(total, 0.5) / floor:.2f}")
    both = [u + r for u, r in zip(undo_runs, redo_runs, strict=True)]
    undo = Figure(
        "undo_redo",
        f"undo then redo of {steps} steps on the dense frame (each with frame objects and canvas following)",
        "ms",
        measured={
            f"undo ×{steps}": Stat.of([ms(v) for v in undo_runs]),
            f"redo ×{steps}": Stat.of([ms(v) for v in redo_runs]),
        },
        floors={f"apply_delta alone, the same {2 * steps} deltas": Stat.of([ms(v) for v in apply_runs])},
        digits=1,
    )
    undo.notes.append(
        f"ratio (undo + redo) ÷ floor: {statistics.median(both) / statistics.median(apply_runs):.2f}; "
        f"per step {ms(statistics.median(both)) / (2 * steps):.2f} ms"
    )
    undo.checks.append(Check("one undo or redo, median", ms(statistics.median(both)) / (2 * steps), "<=", 16, "ms"))
    return [edit, undo]


def run(runs: int = 3, steps: int = 100) -> list[Figure]:
    """Start a dense sandbox, measure, print nothing (the caller prints the figures)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # type: ignore[attr-defined]
    collector = MainThreadCollector()
    try:
        with (
            SandboxProcess(seed_tasks=0, extra_args=("--seed-dense-job",)) as sandbox,
            tempfile.TemporaryDirectory(prefix="annodesk-bench-undo-") as work,
        ):
            return qasync.run(measure(sandbox.base_url, runs, steps, Path(work)))
    finally:
        collector.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures there (benchmarks/run.py reads them)")
    args = parser.parse_args()
    figures = run(args.runs, args.steps)
    for figure in figures:
        figure.print()
    if args.json is not None:
        args.json.write_text(json.dumps([{"key": figure.key, **figure.as_json()} for figure in figures]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
