"""The projects table model passes qtmodeltester and shows what the server returned; sorting asks the server."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from annodesk.api.models import Page
from annodesk.api.projects import Project
from annodesk.models.project_table import PROJECT_COLUMNS, PROJECT_ROLE, ProjectTableModel
from annodesk.models.vocabulary import RAW_VALUE_ROLE
from annodesk.sandbox import SandboxServer
from tests.api.helpers import raw_get, run, sign_in


def load(sandbox: SandboxServer) -> tuple[Page[Project], dict[int, Any], dict[int, Any]]:
    async def main() -> tuple[Page[Project], dict[int, Any], str]:
        client = await sign_in(sandbox, "admin")
        async with client:
            return (
                await client.list_projects(page_size=100),
                {u.id: u for u in await client.list_users()},
                client.token or "",
            )

    page, users, token = run(main())
    raw = {p["id"]: p for p in raw_get(sandbox, token, "projects", page_size=100)["results"]}
    return page, users, raw


def test_consistent_and_showing_server_values(qtmodeltester: Any, sandbox: SandboxServer) -> None:
    page, users, raw = load(sandbox)
    model = ProjectTableModel()
    qtmodeltester.check(model)
    model.set_projects(page.results, users)
    qtmodeltester.check(model)
    assert model.rowCount() == len(raw) == 2 and model.columnCount() == len(PROJECT_COLUMNS)
    keys = [c.key for c in PROJECT_COLUMNS]
    for row, project in enumerate(page.results):
        cell = {key: model.data(model.index(row, col)) for col, key in enumerate(keys)}
        server = raw[project.id]
        assert (cell["id"], cell["name"], cell["status"]) == (str(server["id"]), server["name"], "annotation")
        assert cell["owner"] == users[server["owner"]].username
        assert cell["assignee"] == ("" if server["assignee"] is None else users[server["assignee"]].username)
        assert model.data(model.index(row, keys.index("status")), RAW_VALUE_ROLE) == "annotation"
        assert model.data(model.index(row, 1), PROJECT_ROLE) == project
    renamed = Project(**{**{f: getattr(page.results[0], f) for f in page.results[0].__struct_fields__}, "name": "X"})
    changed: list[Any] = []
    model.dataChanged.connect(lambda first, last, roles=(): changed.append((first.row(), last.row())))
    model.replace_project(renamed)
    assert model.data(model.index(0, 1)) == "X" and changed == [(0, 0)]
    model.set_users({})
    assert model.data(model.index(0, keys.index("owner"))).startswith("#")
    qtmodeltester.check(model)
    model.set_projects(())
    qtmodeltester.check(model)


def test_sorting_asks_the_server() -> None:
    model = ProjectTableModel()
    asked: list[str] = []
    model.sortRequested.connect(asked.append)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.sort(3)
    model.sort(len(PROJECT_COLUMNS) - 1)  # "created": the server cannot sort by it
    assert asked == ["-name", "owner"]
