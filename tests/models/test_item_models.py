"""The item models pass qtmodeltester and show exactly what the server returned."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from annodesk.api import Task, User
from annodesk.models.job_tree import JobTreeModel
from annodesk.models.label_tree import LabelTreeModel
from annodesk.models.task_table import COLUMNS, TASK_ID_ROLE, TaskTableModel
from annodesk.sandbox import SandboxServer
from tests.api.helpers import raw_get, run, sign_in

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def server_data(sandbox: SandboxServer) -> dict[str, Any]:
    """Tasks and users from the sandbox, as models and as raw JSON."""

    async def load() -> dict[str, Any]:
        client = await sign_in(sandbox, "admin")
        async with client:
            page = await client.list_tasks(page_size=100)
            users = await client.list_users()
            return {"tasks": page.results, "users": {u.id: u for u in users}, "token": client.token}

    data = run(load())
    data["raw"] = {t["id"]: t for t in raw_get(sandbox, data["token"], "tasks", page_size=100)["results"]}
    return data


def test_task_table_model_is_consistent(qtmodeltester: Any, server_data: dict[str, Any]) -> None:
    model = TaskTableModel()
    model.set_tasks(server_data["tasks"][:10], server_data["users"])
    qtmodeltester.check(model)
    model.set_tasks(server_data["tasks"], server_data["users"])
    qtmodeltester.check(model)
    model.set_tasks(())
    qtmodeltester.check(model)


def test_task_table_shows_server_values(server_data: dict[str, Any]) -> None:
    tasks: tuple[Task, ...] = server_data["tasks"]
    users: dict[int, User] = server_data["users"]
    model = TaskTableModel()
    model.set_tasks(tasks, users)
    assert model.rowCount() == len(tasks) and model.columnCount() == len(COLUMNS)
    keys = [c.key for c in COLUMNS]
    for row, task in enumerate(tasks):
        raw = server_data["raw"][task.id]
        cell = {key: model.data(model.index(row, col), DISPLAY) for col, key in enumerate(keys)}
        assert cell["id"] == str(raw["id"])
        assert cell["name"] == raw["name"]
        assert cell["status"] == raw["status"]
        assert cell["mode"] == (raw["mode"] or "(no data)")
        assert cell["owner"] == users[raw["owner"]].username
        assert cell["assignee"] == (users[raw["assignee"]].username if raw["assignee"] else "")
        assert cell["size"] == (str(raw["size"]) if "size" in raw else "")
        assert model.data(model.index(row, 0), TASK_ID_ROLE) == raw["id"]


def test_task_table_names_follow_new_users(server_data: dict[str, Any]) -> None:
    """Display texts are kept per row between paints; new user names (any dataChanged) replace them."""
    tasks: tuple[Task, ...] = server_data["tasks"]
    users: dict[int, User] = server_data["users"]
    model = TaskTableModel()
    model.set_tasks(tasks)  # names not loaded yet: owners show as #id
    owner = [c.key for c in COLUMNS].index("owner")
    before = model.data(model.index(0, owner), DISPLAY)
    model.set_users(users)
    after = model.data(model.index(0, owner), DISPLAY)
    assert before != after == users[tasks[0].owner_id].username
    assert model.data(model.index(0, owner), Qt.ItemDataRole.DecorationRole) is None


def test_sort_asks_the_server(server_data: dict[str, Any]) -> None:
    model = TaskTableModel()
    model.set_tasks(server_data["tasks"])
    asked: list[str] = []
    model.sortRequested.connect(asked.append)
    before = [t.id for t in model.tasks]
    model.sort(1, Qt.SortOrder.DescendingOrder)  # name
    model.sort(0, Qt.SortOrder.AscendingOrder)  # id
    model.sort(3, Qt.SortOrder.AscendingOrder)  # mode: the server cannot sort by it
    assert asked == ["-name", "id"]
    assert [t.id for t in model.tasks] == before  # nothing reordered locally


def children(model: Any, parent: QModelIndex) -> list[QModelIndex]:
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def test_label_tree_matches_json(qtmodeltester: Any, server_data: dict[str, Any]) -> None:
    task = max(server_data["tasks"], key=lambda t: sum(len(label.attributes) for label in t.labels))
    raw = server_data["raw"][task.id]
    model = LabelTreeModel()
    model.set_labels(task.labels)
    qtmodeltester.check(model)
    label_rows = children(model, QModelIndex())
    assert [model.data(i, DISPLAY) for i in label_rows] == [label["name"] for label in raw["labels"]]
    input_types = set()
    for label_index, raw_label in zip(label_rows, raw["labels"], strict=True):
        attribute_rows = children(model, label_index)
        assert len(attribute_rows) == len(raw_label["attributes"])
        for attr_index, raw_attr in zip(attribute_rows, raw_label["attributes"], strict=True):
            row = attr_index.row()
            cells = [model.data(model.index(row, c, label_index), DISPLAY) for c in range(4)]
            assert cells == [
                raw_attr["name"],
                raw_attr["input_type"],
                "yes" if raw_attr["mutable"] else "no",
                raw_attr["default_value"],
            ]
            input_types.add(raw_attr["input_type"])
            values = children(model, attr_index)
            shown = [model.data(v, DISPLAY) for v in values]
            assert shown == [v if v else "(empty)" for v in raw_attr["values"]]
            marks = [model.data(model.index(v.row(), 3, attr_index), DISPLAY) for v in values]
            assert marks == ["✓ default" if v == raw_attr["default_value"] else None for v in raw_attr["values"]]
    model.clear()
    qtmodeltester.check(model)


def test_sample_data_covers_every_input_type(server_data: dict[str, Any]) -> None:
    types = {a.input_type for t in server_data["tasks"] for label in t.labels for a in label.attributes}
    assert types >= {"select", "radio", "checkbox", "text", "number"}


def test_job_tree_matches_json(qtmodeltester: Any, server_data: dict[str, Any]) -> None:
    users = server_data["users"]
    task = max(server_data["tasks"], key=lambda t: len(t.segments))
    raw = server_data["raw"][task.id]
    model = JobTreeModel()
    model.set_segments(task.segments, users)
    qtmodeltester.check(model)
    raw_segments = sorted(raw["segments"], key=lambda s: (s["start_frame"], s["stop_frame"]))
    segment_rows = children(model, QModelIndex())
    assert len(segment_rows) == len(raw_segments) > 1
    for seg_index, raw_segment in zip(segment_rows, raw_segments, strict=True):
        assert model.data(seg_index, DISPLAY) == f"Frames {raw_segment['start_frame']}–{raw_segment['stop_frame']}"
        jobs = sorted(raw_segment["jobs"], key=lambda j: j["id"])
        for job_index, raw_job in zip(children(model, seg_index), jobs, strict=True):
            row = job_index.row()
            cells = [model.data(model.index(row, c, seg_index), DISPLAY) for c in range(4)]
            assignee = users[raw_job["assignee"]].username if raw_job["assignee"] else ""
            assert cells == [f"Job #{raw_job['id']}", raw_job["status"], assignee, raw_job["url"]]


def test_models_accept_empty_and_dataless_tasks(qtmodeltester: Any, server_data: dict[str, Any]) -> None:
    dataless = [t for t in server_data["tasks"] if not t.has_data]
    assert dataless, "the sample data should include a task without data"
    jobs = JobTreeModel()
    jobs.set_segments(dataless[0].segments)
    qtmodeltester.check(jobs)
    assert jobs.rowCount() == 0
