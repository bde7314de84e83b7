"""Run every annodesk benchmark and print each figure beside the floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--runs 5]
        [--only startup,first_page,load,stalls,stalls_previews,memory,undo_redo,bundle]

The sandbox (``--seed-tasks 10000``, a throwaway data dir) runs in a process of its own for the whole run;
every measurement runs in fresh subprocesses (see ``benchmarks/probes/``). Results are printed and written
to ``benchmarks/results/<timestamp>.json`` (git-ignored) so runs can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_startup
import startup
from harness import ADMIN, ROOT, SEED_TASKS, Check, Figure, SandboxProcess, Stat, machine_load, run_probe, write_results
from harness import xvfb as xvfb_display

SECTIONS = ("startup", "first_page", "load", "stalls", "stalls_previews", "memory", "undo_redo", "bundle")


def first_page(sandbox: SandboxProcess, runs: int) -> Figure:
    results, floors = [], []
    for _ in range(runs):  # alternated, so a busy moment of the machine weighs on both
        results.append(run_probe("first_page", sandbox.base_url, *ADMIN))
        floors.append(run_probe("first_page_floor", sandbox.base_url, *ADMIN))
    app = Stat.of([r["app_ms"] for r in results])
    floor = Stat.of([r["floor_ms"] for r in floors])
    bare_get = Stat.of([r["floor_ms"] for r in results])
    figure = Figure(
        "first_page",
        "2. sign-in accepted (login answer received) → first task page painted (offscreen)",
        "ms",
        measured={"annodesk main window": app},
        floors={"bare PySide6 window + QTableView filled from one httpx GET of the page": floor},
        digits=1,
    )
    figure.checks.append(Check("annodesk ÷ bare window with table", app.median / floor.median, "<=", 1.5))
    figure.notes.append(f"the GET alone (httpx, JSON parsed, open connection): {bare_get.median:.1f} ms")
    names = results[0]["steps_ms"]
    steps = {name: statistics.median(r["steps_ms"].get(name, float("nan")) for r in results) for name in names}
    server = statistics.median(r.get("floor_server_ms", float("nan")) for r in results)
    figure.notes.append(f"the sandbox's own time for that page: {server:.2f} ms (Server-Timing)")
    figure.notes.append(
        "median time line after the login answer: "
        + ", ".join(f"{name} {ms:.1f}" for name, ms in sorted(steps.items(), key=lambda item: item[1]))
    )
    return figure


def load(sandbox: SandboxProcess, runs: int) -> Figure:
    result = run_probe("load_all", sandbox.base_url, *ADMIN, str(runs))
    stats = {name: Stat.of(values) for name, values in result["seconds"].items()}
    count = result["counts"]["library"]
    figure = Figure(
        "load",
        f"3. load all {count:,} tasks through the client library",
        "s",
        measured={
            "CvatClient.iter_all_tasks (pages of 500, ≤6 at once)": stats["library"],
            "  same with pages of 100 (the former default)": stats["library_100"],
        },
        floors={
            "(a) CVAT v1 CLI way: requests, pages of 10, one by one": stats["cli"],
            "(b) bare httpx, pages of 500, 6 at once": stats["bare"],
        },
        digits=2,
    )
    figure.checks.append(Check("(a) ÷ library (speed-up)", stats["cli"].median / stats["library"].median, ">=", 5))
    figure.checks.append(Check("library ÷ (b)", stats["library"].median / stats["bare"].median, "<=", 1.5))
    per_page, total, pages = result["server_ms_per_page"], result["server_ms_total_per_run"], result["pages_per_run"]
    for name, label in (
        ("library", "library"),
        ("library_100", "library, pages of 100"),
        ("cli", "(a)"),
        ("bare", "(b)"),
    ):
        wall = stats[name].median * 1000
        figure.notes.append(
            f"sandbox's own time {label}: {per_page[name]:.1f} ms per page (median), {pages[name]} pages, "
            f"{total[name]:,.0f} ms per run = {total[name] / wall:.0%} of the wall time (the server runs on one core)"
        )
    return figure


def stalls(sandbox: SandboxProcess, runs: int, previews: bool = False) -> Figure:
    results = [run_probe("stalls", sandbox.base_url, *ADMIN, *(["previews"] if previews else [])) for _ in range(runs)]
    worst = Stat.of([r["max_ms"] for r in results])
    p99 = Stat.of([r["p99_ms"] for r in results])
    figure = Figure(
        "stalls_previews" if previews else "stalls",
        "4b. the same with the task table's preview column on, waiting on each page for its thumbnails"
        if previews
        else "4. event-loop stalls while the main window loads and scrolls 10k tasks (offscreen)",
        "ms",
        measured={"longest stall (max lag)": worst, "p99 lag": p99},
        digits=1,
    )
    figure.checks.append(Check("longest stall", worst.median, "<=", 50, "ms"))
    figure.checks.append(Check("p99 lag", p99.median, "<=", 16, "ms"))
    first = results[0]
    figure.notes.append(
        f"scenario: sign in, 100 per page, then each of {first['pages']} pages ({first['rows']:,} rows): scroll to "
        "the bottom in 6 steps 16 ms apart, select the last row (details + preview), next page; "
        f"~{statistics.median(r['seconds'] for r in results):.0f} s per run; a 4 ms PreciseTimer measures lag "
        f"({first['samples']:,} samples per run)"
    )
    before = Stat.of([r["before_window_max_ms"] for r in results])
    figure.notes.append(
        f"not counted above: longest stall before the main window shows (start-up, sign-in, "
        f"building the window) {before.text('ms', 1)}"
    )
    if previews:
        counts = {key: statistics.median(r["thumbnails"].get(key, 0) for r in results) for key in THUMBNAIL_COUNTS}
        figure.notes.append(
            "thumbnails per run (median): "
            + ", ".join(f"{counts[key]:,.0f} {label}" for key, label in THUMBNAIL_COUNTS.items())
        )
    return figure


THUMBNAIL_COUNTS = {
    "requested": "asked for by painted cells",
    "network": "loaded from the server",
    "disk": "from the disk cache",
    "skipped": "skipped (scrolled away before their turn)",
    "cancelled": "cancelled by a page change",
    "failed": "failed",
}


def stalls_previews(sandbox: SandboxProcess, runs: int) -> Figure:
    return stalls(sandbox, runs, previews=True)


def memory(sandbox: SandboxProcess, runs: int) -> Figure:
    results = [run_probe("memory", sandbox.base_url, *ADMIN) for _ in range(runs)]
    per_task = Stat.of([r["bytes_per_task"] for r in results])
    figure = Figure(
        "memory",
        f"5. RSS growth per task loaded into the task table model ({results[0]['tasks']:,} tasks)",
        "bytes",
        measured={"RSS growth ÷ tasks": per_task},
    )
    figure.checks.append(Check("bytes per task", per_task.median, "<=", 4096, "bytes"))
    return figure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median, min, max); default 5")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma list of: " + ", ".join(SECTIONS))
    parser.add_argument("--no-xvfb", action="store_true", help="measure start-up offscreen only")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results", help="folder for the JSON")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    started = time.time()
    load_before = machine_load()
    print(
        f"annodesk benchmarks: {args.runs} runs per figure, median (min, max); "
        f"{load_before['cpus']} CPUs, load average {load_before['loadavg_1m']:.2f}"
    )
    figures: list[Figure] = []
    meta = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "runs": args.runs,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "commit": _git_commit(),
        "load_before": load_before,
    }

    if "startup" in only:
        figures.append(startup.measure(args.runs, "offscreen", {"QT_QPA_PLATFORM": "offscreen"}))
        figures[-1].print()
        if not args.no_xvfb:
            with xvfb_display() as display:
                if display is None:
                    print("\n(Xvfb is not installed: start-up under X skipped; apt-get install -y xvfb)")
                else:
                    figures.append(startup.measure(args.runs, "Xvfb", {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}))
                    figures[-1].print()

    needs_server = only & {"first_page", "load", "stalls", "stalls_previews", "memory"}
    if needs_server:
        with SandboxProcess(SEED_TASKS) as sandbox:
            meta["sandbox_ready_s"] = sandbox.seconds_to_ready
            for name, measure in (
                ("first_page", first_page),
                ("load", load),
                ("stalls", stalls),
                ("stalls_previews", stalls_previews),
                ("memory", memory),
            ):
                if name in only:
                    figures.append(measure(sandbox, args.runs))
                    figures[-1].print()

    if "undo_redo" in only:
        figures.extend(undo_redo(args.runs))
        for figure in figures[-2:]:
            figure.print()

    if "bundle" in only:
        figure = bundle_startup.measure(args.runs)
        if figure is None:
            print(f"\n(no bundle at {bundle_startup.BUNDLE}: build one with scripts/build-bundle.sh to measure it)")
        else:
            figures.append(figure)
            figure.print()

    meta["seconds"] = time.time() - started
    meta["load_after"] = machine_load()
    path = write_results(figures, meta, args.out)
    missed = [check.label for figure in figures for check in figure.checks if not check.passed]
    after = meta["load_after"]["loadavg_1m"]
    print(f"\n{len(figures)} figures in {meta['seconds']:.0f} s; load average after {after:.2f}")
    print(f"results: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print("all targets met" if not missed else f"targets missed: {', '.join(missed)}")
    return 0


def undo_redo(runs: int) -> list[Figure]:
    """benchmarks/undo_redo.py in a process of its own (its dense sandbox too): an edit and undo/redo of 100 steps
    on the dense frame, through the workspace."""
    with tempfile.TemporaryDirectory(prefix="annodesk-bench-undo-") as folder:
        out = Path(folder) / "figures.json"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "undo_redo.py"), "--runs", str(runs), "--json", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=1800,
        )
        return [_figure(data) for data in json.loads(out.read_text())]


def _figure(data: dict[str, Any]) -> Figure:
    """A figure from its JSON (``Figure.as_json`` plus its key)."""

    def stats(values: dict[str, Any]) -> dict[str, Stat]:
        return {name: Stat.of(value["samples"]) for name, value in values.items()}

    checks = [Check(c["label"], c["value"], c["op"], c["limit"], "ms") for c in data["checks"]]
    return Figure(
        data["key"],
        data["title"],
        data["unit"],
        measured=stats(data["measured"]),
        floors=stats(data["floors"]),
        checks=checks,
        notes=list(data["notes"]),
        digits=2,
    )


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    sys.exit(main())
