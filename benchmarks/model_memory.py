"""How much memory and time 10,000 parsed tasks cost, per model library (why annodesk uses msgspec).

Run: ``python benchmarks/model_memory.py [--tasks 10000] [--json results.json]``. Compares

- msgspec ``Struct`` (frozen, gc=False): annodesk's models, decoded straight from bytes;
- pydantic v2 frozen ``BaseModel`` (if pydantic is installed), ``model_validate_json``;
- stdlib ``dataclass(slots=True, frozen=True)`` built from ``json.loads``;
- plain ``json.loads`` dicts (the floor a dict-based client would pay).

Memory is what stays allocated after parsing (tracemalloc), divided by the task count.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from annodesk.api.models import Page, Task
from annodesk.api.responses import decoder_for

SAMPLE_TASK: dict[str, Any] = {
    "url": "http://127.0.0.1:8080/api/v1/tasks/1", "id": 1, "name": "street cars 街景车辆", "mode": "annotation",
    "owner": 1, "assignee": None, "bug_tracker": "", "created_date": "2026-11-24T00:38:39.857252Z",
    "updated_date": "2026-11-24T00:38:39.857272Z", "overlap": 0, "segment_size": 3, "z_order": False,
    "status": "annotation",
    "labels": [
        {"id": 1, "name": "car", "color": "#2080c0", "attributes": [
            {"id": 1, "name": "color", "mutable": False, "input_type": "select", "default_value": "red",
             "values": ["red", "blue", "green"]},
            {"id": 2, "name": "parked", "mutable": True, "input_type": "checkbox", "default_value": "false",
             "values": ["false"]}]},
        {"id": 2, "name": "person", "color": "#c06060", "attributes": [
            {"id": 3, "name": "gender", "mutable": False, "input_type": "radio", "default_value": "female",
             "values": ["female", "male"]},
            {"id": 4, "name": "age", "mutable": False, "input_type": "number", "default_value": "30",
             "values": ["0", "100", "1"]},
            {"id": 5, "name": "note", "mutable": True, "input_type": "text", "default_value": "", "values": [""]}]}],
    "segments": [
        {"start_frame": s, "stop_frame": s + 2, "jobs": [
            {"url": f"http://127.0.0.1:8080/api/v1/jobs/{s}", "id": s, "assignee": None, "status": "annotation"}]}
        for s in (0, 3, 6)],
    "project": None, "data_chunk_size": 72, "data_compressed_chunk_type": "imageset",
    "data_original_chunk_type": "imageset", "size": 10, "image_quality": 70, "data": 1,
}  # fmt: skip


def page_bytes(count: int) -> bytes:
    """A task-list page of ``count`` tasks with distinct ids, names and urls."""
    tasks = []
    for i in range(count):
        task = dict(SAMPLE_TASK, id=i + 1, name=f"{SAMPLE_TASK['name']} #{i}", url=f"http://h/api/v1/tasks/{i + 1}")
        tasks.append(task)
    return json.dumps({"count": count, "next": None, "previous": None, "results": tasks}).encode()


def parse_msgspec(data: bytes) -> Any:
    return decoder_for(Page[Task]).decode(data)


def parse_dicts(data: bytes) -> Any:
    return json.loads(data)


@dataclass(slots=True, frozen=True)
class DcAttribute:
    id: int
    name: str
    mutable: bool
    input_type: str
    default_value: str
    values: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class DcLabel:
    id: int
    name: str
    color: str
    attributes: tuple[DcAttribute, ...]


@dataclass(slots=True, frozen=True)
class DcJob:
    url: str
    id: int
    assignee: int | None
    status: str


@dataclass(slots=True, frozen=True)
class DcSegment:
    start_frame: int
    stop_frame: int
    jobs: tuple[DcJob, ...]


@dataclass(slots=True, frozen=True)
class DcTask:
    raw_scalars: tuple[Any, ...]
    labels: tuple[DcLabel, ...]
    segments: tuple[DcSegment, ...]


def parse_dataclasses(data: bytes) -> Any:
    out = []
    for t in json.loads(data)["results"]:
        labels = tuple(
            DcLabel(lab["id"], lab["name"], lab["color"], tuple(DcAttribute(**a) for a in lab["attributes"]))
            for lab in t["labels"]
        )
        segments = tuple(
            DcSegment(s["start_frame"], s["stop_frame"], tuple(DcJob(**j) for j in s["jobs"])) for s in t["segments"]
        )
        scalars = tuple(v for k, v in t.items() if k not in ("labels", "segments"))
        out.append(DcTask(scalars, labels, segments))
    return out


def pydantic_parser() -> Callable[[bytes], Any] | None:
    try:
        import pydantic
    except ImportError:
        return None

    frozen = pydantic.ConfigDict(frozen=True)

    class PAttribute(pydantic.BaseModel):
        model_config = frozen
        id: int
        name: str
        mutable: bool
        input_type: str
        default_value: str
        values: tuple[str, ...]

    class PLabel(pydantic.BaseModel):
        model_config = frozen
        id: int
        name: str
        color: str
        attributes: tuple[PAttribute, ...]

    class PJob(pydantic.BaseModel):
        model_config = frozen
        url: str
        id: int
        assignee: int | None
        status: str

    class PSegment(pydantic.BaseModel):
        model_config = frozen
        start_frame: int
        stop_frame: int
        jobs: tuple[PJob, ...]

    class PTask(pydantic.BaseModel):
        model_config = frozen
        url: str
        id: int
        name: str
        mode: str
        owner: int | None
        assignee: int | None
        bug_tracker: str
        created_date: Any
        updated_date: Any
        overlap: int | None
        segment_size: int
        z_order: bool
        status: str
        labels: tuple[PLabel, ...]
        segments: tuple[PSegment, ...]
        project: int | None
        size: int | None = None
        image_quality: int | None = None
        data: int | None = None

    class PPage(pydantic.BaseModel):
        count: int
        next: str | None
        previous: str | None
        results: tuple[PTask, ...]

    return PPage.model_validate_json


def measure(parse: Callable[[bytes], Any], data: bytes, count: int, runs: int) -> dict[str, float]:
    """Retained bytes per task (tracemalloc) and median parse time over ``runs``."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = parse(data)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del kept
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse(data)
        times.append(time.perf_counter() - start)
    return {"bytes_per_task": (after - before) / count, "parse_ms_median": statistics.median(times) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    data = page_bytes(args.tasks)
    candidates: dict[str, Callable[[bytes], Any] | None] = {
        "msgspec Struct (annodesk)": parse_msgspec,
        "pydantic v2 BaseModel": pydantic_parser(),
        "dataclass(slots) + json": parse_dataclasses,
        "json.loads dicts": parse_dicts,
    }
    results = {name: measure(fn, data, args.tasks, args.runs) for name, fn in candidates.items() if fn}
    base = results["msgspec Struct (annodesk)"]
    print(f"{args.tasks} tasks, {len(data) / args.tasks:.0f} JSON bytes per task, median of {args.runs} parses")
    print(f"{'library':28} {'bytes/task':>11} {'× msgspec':>10} {'parse ms':>10} {'× msgspec':>10}")
    for name, r in results.items():
        print(
            f"{name:28} {r['bytes_per_task']:11.0f} {r['bytes_per_task'] / base['bytes_per_task']:10.2f}"
            f" {r['parse_ms_median']:10.1f} {r['parse_ms_median'] / base['parse_ms_median']:10.2f}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"tasks": args.tasks, "results": results}, out, indent=2)


if __name__ == "__main__":
    main()
