"""The workspace's item models: Qt's model tester over real data, check columns, the filter proxy, sorting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annodesk.api import Label
from annodesk.api.models import Attribute
from annodesk.models.frame_labels import FrameLabelsModel
from annodesk.models.frame_objects import (
    HIDDEN_COLUMN,
    ID_COLUMN,
    KEY_ROLE,
    LABEL_COLUMN,
    LOCKED_COLUMN,
    FrameObjectsModel,
    ObjectFilterProxy,
)
from annodesk.models.frame_tags import FrameTagsModel
from annodesk.models.my_jobs import MyJobsModel
from annodesk.session.my_jobs import AssignedJob
from annodesk.workspace.frame_objects import SHAPE, TAG, TRACK, FrameObject, ObjectFilter

CAR = Label(id=1, name="car", color="#fa3253", attributes=(Attribute(id=11, name="type", input_type="select"),))
PERSON = Label(id=2, name="person", color="")


def objects() -> list[FrameObject]:
    return [
        FrameObject((SHAPE, 5), 1, "car", "rectangle", (0, 0, 10, 10), attributes=(("type", "sedan"),)),
        FrameObject((TRACK, 5), 2, "person", "polygon", (0, 0, 5, 0, 5, 5), z_order=2),
        FrameObject((SHAPE, 3), 1, "car", "points", (1, 1), attributes=(("type", "truck"),)),
        FrameObject((TAG, 1), 2, "person", "tag"),
    ]


def test_frame_objects_model_passes_the_model_tester(qtmodeltester: Any, qapp: QApplication) -> None:
    model = FrameObjectsModel()
    model.set_objects(objects(), hidden={(SHAPE, 3)})
    qtmodeltester.check(model)
    proxy = ObjectFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter(ObjectFilter(label_ids=frozenset({1})))
    qtmodeltester.check(proxy)


def test_hide_and_lock_columns_say_what_they_are_ticked(qapp: QApplication) -> None:
    model = FrameObjectsModel()
    model.set_objects(objects(), hidden={(SHAPE, 3)})
    toggles: list[tuple[str, object, bool]] = []
    model.hiddenToggled.connect(lambda key, on: toggles.append(("hidden", key, on)))
    model.lockedToggled.connect(lambda key, on: toggles.append(("locked", key, on)))
    assert model.index(2, HIDDEN_COLUMN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, HIDDEN_COLUMN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.flags(model.index(0, LOCKED_COLUMN)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, LABEL_COLUMN)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(model.index(1, LOCKED_COLUMN), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(2, HIDDEN_COLUMN), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(1, LABEL_COLUMN), "x", Qt.ItemDataRole.EditRole)
    assert toggles == [("locked", (TRACK, 5), True), ("hidden", (SHAPE, 3), False)]
    assert model.index(1, LOCKED_COLUMN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_the_same_objects_again_update_rows_in_place(qapp: QApplication) -> None:
    model = FrameObjectsModel()
    model.set_objects(objects())
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_objects(objects(), hidden={(SHAPE, 5)})
    assert resets == []
    model.set_objects(objects()[:2])
    assert resets == [True]


def test_the_proxy_filters_by_label_type_and_attribute_and_sorts_by_id(qapp: QApplication) -> None:
    model = FrameObjectsModel()
    model.set_objects(objects())
    proxy = ObjectFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(ID_COLUMN, Qt.SortOrder.AscendingOrder)
    shown = lambda: [proxy.index(row, 0).data(KEY_ROLE) for row in range(proxy.rowCount())]  # noqa: E731
    assert shown() == [(TAG, 1), (SHAPE, 3), (SHAPE, 5), (TRACK, 5)]
    proxy.set_filter(ObjectFilter(label_ids=frozenset({1})))
    assert shown() == [(SHAPE, 3), (SHAPE, 5)]
    proxy.set_filter(ObjectFilter(types=frozenset({"polygon", "tag"})))
    assert shown() == [(TAG, 1), (TRACK, 5)]
    proxy.set_filter(ObjectFilter(attribute_text="TRUCK"))
    assert shown() == [(SHAPE, 3)]
    proxy.set_filter(ObjectFilter(attribute_text="type=sedan"))
    assert shown() == [(SHAPE, 5)]
    assert proxy.row_of((SHAPE, 5)) == 0 and proxy.row_of((SHAPE, 3)) is None
    proxy.set_filter(ObjectFilter())
    proxy.sort(LABEL_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(row, LABEL_COLUMN).data() for row in range(4)] == ["person", "person", "car", "car"]


def test_labels_model_counts_and_shows_or_hides_labels(qtmodeltester: Any, qapp: QApplication) -> None:
    model = FrameLabelsModel()
    model.set_labels([CAR, PERSON])
    model.set_counts({1: 12}, hidden={2})
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "12" and model.index(1, 1).data() == "0"
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).name() == "#fa3253"
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole).isValid()  # no colour of its own: the palette's
    seen: list[tuple[int, bool]] = []
    model.visibilityToggled.connect(lambda label_id, shown: seen.append((label_id, shown)))
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert seen == [(1, False), (2, True)] and model.hidden == {1}


def test_tags_model_passes_the_model_tester(qtmodeltester: Any, qapp: QApplication) -> None:
    model = FrameTagsModel()
    model.set_tags([FrameObject((TAG, 4), 1, "car", "tag", attributes=(("type", "bus"),))])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(3)] == ["4", "car", "type: bus"]


def test_my_jobs_model_passes_the_model_tester(qtmodeltester: Any, qapp: QApplication) -> None:
    model = MyJobsModel()
    model.set_jobs(
        [AssignedJob(7, 3, "Street", "validation", 0, 49), AssignedJob(9, 3, "Street", "annotation", 50, 99)]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == ["Job #7", "#3 Street", "validation", "0–49 (50)"]
    assert model.row_of(9) == 1 and model.row_of(1) is None
