"""Text a hostile server sends without end (a 50 MB task name, label names, attribute values, a bug tracker) is
shown cut to a length Qt lays out at once; tooltips show more, Copy gives the whole text."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from annodesk.api import Task
from annodesk.models.elide import DISPLAY_CHARS, FULL_TEXT_ROLE, TOOLTIP_CHARS
from annodesk.models.label_tree import LabelTreeModel
from annodesk.models.task_table import COLUMNS, TaskTableModel
from annodesk.sandbox import SandboxServer
from annodesk.ui.copy_text import add_copy_action
from annodesk.ui.task_details import TaskDetails
from tests.api.helpers import run, sign_in

HUGE = 50 * 1024 * 1024
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
NAME_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "name")


@pytest.fixture(scope="module")
def hostile_task(sandbox: SandboxServer) -> Task:
    """A sandbox task with a labelled attribute, its texts blown up as a hostile server would send them."""

    async def load() -> Task:
        client = await sign_in(sandbox, "admin")
        async with client:
            page = await client.list_tasks(page_size=100)
            return next(t for t in page.results if t.labels and t.labels[0].attributes)

    task = run(load())
    label = task.labels[0]
    attribute = label.attributes[0]
    long_value = "v" * (2 * 1024 * 1024)
    attribute = msgspec.structs.replace(
        attribute, name="a" * 1_000_000, default_value=long_value, values=(long_value, *attribute.values)
    )
    label = msgspec.structs.replace(label, name="L" * 1_000_000, attributes=(attribute, *label.attributes[1:]))
    return msgspec.structs.replace(
        task,
        name="n" * HUGE,
        bug_tracker="https://tracker.example/" + "x" * 10_000_000,
        labels=(label, *task.labels[1:]),
    )


def test_table_cuts_a_huge_name_and_keeps_it_whole_for_copy(qtmodeltester: Any, qtbot: Any, hostile_task: Task) -> None:
    model = TaskTableModel()
    model.set_tasks((hostile_task,))
    qtmodeltester.check(model)
    index = model.index(0, NAME_COLUMN)
    assert len(model.data(index, DISPLAY)) == DISPLAY_CHARS and model.data(index, DISPLAY).endswith("…")
    assert len(model.data(index, TOOLTIP)) == TOOLTIP_CHARS
    assert model.data(index, FULL_TEXT_ROLE) is hostile_task.name

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    copy = add_copy_action(view)
    view.resize(800, 300)
    view.show()
    assert not view.grab().isNull()  # laid out and painted (a 50 MB cell took two minutes here)
    view.setCurrentIndex(index)
    copy.trigger()
    assert len(QGuiApplication.clipboard().text()) == HUGE


def test_label_tree_cuts_names_and_values(qtmodeltester: Any, hostile_task: Task) -> None:
    model = LabelTreeModel()
    model.set_labels(hostile_task.labels)
    qtmodeltester.check(model)
    label = model.index(0, 0)
    attribute = model.index(0, 0, label)
    value = model.index(0, 0, attribute)
    for index in (label, attribute, value, model.index(0, 3, label)):
        shown = model.data(index, DISPLAY)
        assert shown is None or len(shown) <= DISPLAY_CHARS
    assert model.data(attribute, FULL_TEXT_ROLE) == hostile_task.labels[0].attributes[0].name
    assert len(model.data(model.index(0, 3, label), FULL_TEXT_ROLE)) == 2 * 1024 * 1024  # the default, whole
    assert len(model.data(label, TOOLTIP)) <= TOOLTIP_CHARS


def test_details_cut_the_title_and_the_bug_tracker(qtbot: Any, hostile_task: Task) -> None:
    details = TaskDetails()
    qtbot.addWidget(details)
    details.resize(500, 700)
    details.show()
    details.show_task(hostile_task)
    assert not details.grab().isNull()
    assert len(details.title.text()) < DISPLAY_CHARS + 20 and details.title.text().endswith("…")
    assert len(details.title.toolTip()) == TOOLTIP_CHARS
    tracker = details.values["bug_tracker"].text()
    assert len(tracker) < DISPLAY_CHARS + 20 and "<a " not in tracker
