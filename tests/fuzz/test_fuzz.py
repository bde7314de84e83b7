"""Property-based tests: generated and mutated CVAT JSON through the client's parsers (a real ``httpx.Response``),
the error mapping, the offline cache and the Qt item models. Nothing crashes: a typed ``CvatError`` (for bodies:
``MalformedResponse``) or a tolerant parse. The number of examples comes from the profile (``conftest.py``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt

from annodesk.api import CvatError, MalformedResponse
from annodesk.api.models import Job, Page, Task, User
from annodesk.api.responses import decode, raise_for_status
from annodesk.models.job_tree import JobTreeModel
from annodesk.models.label_tree import LabelTreeModel
from annodesk.models.task_table import TaskTableModel
from annodesk.session.cache import OfflineCache
from annodesk.ui.task_details import TaskDetails

from .conftest import count
from .payloads import jobs, mutated, pages, tasks, users, wire_bytes

RAW = ("Traceback", "object at 0x")
ROLES = [Qt.ItemDataRole(role) for role in range(14)] + [Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2]


def response(body: bytes, status: int = 200, content_type: str = "application/json") -> httpx.Response:
    return httpx.Response(status, content=body, headers={"content-type": content_type})


def parse(body: bytes, model: Any) -> Any:
    """The client's decode; returns the parsed value or the typed error (anything else fails the test)."""
    try:
        return decode(response(body), model, "fuzzed answer")
    except MalformedResponse as exc:
        assert exc.message and not any(raw in exc.message for raw in RAW)
        return exc


CASES = {
    "task": (tasks, Task),
    "page of tasks": (pages(tasks), Page[Task]),
    "job": (jobs, Job),
    "job list": (st.lists(jobs, max_size=4), tuple[Job, ...]),
    "user": (users, User),
    "page of users": (pages(users), Page[User]),
}


@pytest.mark.parametrize("case", list(CASES))
@given(data=st.data())
def test_parsers_answer_with_a_model_or_a_typed_error(case: str, data: st.DataObject) -> None:
    count(f"parse {case}")
    strategy, model = CASES[case]
    body = data.draw(wire_bytes(mutated(strategy)))
    result = parse(body, model)
    if not isinstance(result, MalformedResponse):
        origin = getattr(model, "__origin__", model)
        assert isinstance(result, origin)


@given(status=st.integers(300, 599), body=wire_bytes(mutated(st.just({"detail": "x"}))), html=st.booleans())
def test_error_answers_become_typed_errors(status: int, body: bytes, html: bool) -> None:
    count("error answers")
    answer = response(body, status, "text/html" if html else "application/json")
    with pytest.raises(CvatError) as info:
        raise_for_status(answer)
    assert info.value.status in (status, None, 429)
    assert isinstance(info.value.message, str) and not any(raw in info.value.message for raw in RAW)


@given(page=pages(tasks), garbage=wire_bytes(mutated(pages(tasks))))
def test_cache_round_trips_pages_and_survives_corrupt_files(page: dict[str, Any], garbage: bytes) -> None:
    count("offline cache")
    parsed = parse(msgspec.json.encode(page), Page[Task])
    if isinstance(parsed, MalformedResponse):  # e.g. an integer beyond what msgspec holds
        return
    with tempfile.TemporaryDirectory() as folder:
        cache = OfflineCache(Path(folder), "https://cvat.example.com", "张伟")
        cache.put_page("q", parsed)
        stored = cache.get_page("q")
        assert stored is not None and stored[0] == parsed
        for path in cache.files():  # whatever the disk now holds, reading it gives a value or nothing
            path.write_bytes(garbage)
        assert cache.get_page("q") is None or isinstance(cache.get_page("q")[0], Page)  # type: ignore[index]
        assert cache.get_task(0) is None or isinstance(cache.get_task(0)[0], Task)  # type: ignore[index]


INVALID_UTF8 = b'{"id": 1, "status": "annotation", "start_frame": 0, "url": "\xa2", "stop_frame": 0, "task_id": 1}'


def test_invalid_utf8_is_a_typed_error(tmp_path: Path) -> None:
    """Found by the long fuzz run: msgspec raises UnicodeDecodeError (not DecodeError) for invalid UTF-8."""
    with pytest.raises(MalformedResponse):
        decode(response(INVALID_UTF8), Job, "job")
    with pytest.raises(CvatError, match="error 500"):
        raise_for_status(response(INVALID_UTF8, 500))
    cache = OfflineCache(tmp_path, "https://cvat.example.com", "alice")
    cache.put("job", "1", {"id": 1})
    for path in cache.files():
        path.write_bytes(b'{"saved_at": 1, "value": "\xa2"}')
    assert cache.get("job", "1", dict) is None


def walk(model: Any, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
    """Ask every cell of ``model`` for every role; return how many cells there were."""
    cells = 0
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in ROLES:
                model.data(index, role)
            cells += 1
        cells += walk(model, model.index(row, 0, parent))
    for section in range(model.columnCount(parent)):
        model.headerData(section, Qt.Orientation.Horizontal)
    return cells


EDGE_OF_TIME = {  # found by this test: a date that leaves the calendar in local time crashed the table's data()
    "count": 1,
    "results": [
        {"id": 1, "name": "", "status": "annotation", "labels": [], "segments": []}
        | {"created_date": "9999-12-31T23:59:59-23:59", "updated_date": "0001-01-01T00:00:00+00:01"}
    ],
}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(page=mutated(pages(tasks), max_mutations=2), people=st.lists(users, max_size=3))
@example(page=EDGE_OF_TIME, people=[])
def test_item_models_show_whatever_parses(
    qapp: Any, qtmodeltester: Any, page: dict[str, Any], people: list[Any]
) -> None:
    count("item models")
    parsed = parse(msgspec.json.encode(page), Page[Task])
    known = parse(msgspec.json.encode(people), tuple[User, ...])
    if isinstance(parsed, MalformedResponse):
        return
    names = {} if isinstance(known, MalformedResponse) else {user.id: user for user in known}
    table = TaskTableModel()
    table.set_tasks(parsed.results, names)
    qtmodeltester.check(table, force_py=True)
    walk(table)
    for task in reversed(parsed.results):  # a newer version of each row (the tester watches the table)
        table.replace_task(task)
    table.set_users({})
    walk(table)
    for task in parsed.results:
        label_tree = LabelTreeModel()
        label_tree.set_labels(task.labels)
        qtmodeltester.check(label_tree, force_py=True)
        walk(label_tree)
        job_tree = JobTreeModel()
        job_tree.set_segments(task.segments, names)
        qtmodeltester.check(job_tree, force_py=True)
        walk(job_tree)
        details = TaskDetails()  # the details pane formats every field of the task
        details.show_task(task, names)
        details.deleteLater()
