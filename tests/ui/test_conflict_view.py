"""The conflict view over MergeResults made by the real ``merge()``: the conflicts in words, both versions drawn over
the frame (pixel checks), keep mine / theirs / both per conflict and for all, and the choices it sends."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QPointF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from annodesk.annotations import BOTH, MINE, THEIRS, LabelSet, merge
from annodesk.i18n import CHINESE, ENGLISH, LanguageManager
from annodesk.ui.workspace.conflict_preview import MINE_COLOR, THEIRS_COLOR
from annodesk.ui.workspace.conflict_view import ConflictView

from ..annotations.merge_support import ServerModel, assert_server_holds
from ..annotations.strategies import LABELS

LABEL_SET = LabelSet.from_json(LABELS)
GREY = QColor("#808080")
LEFT = Qt.MouseButton.LeftButton


def car(object_id: int | None, points: list[float], **fields: Any) -> dict[str, Any]:
    shape = {
        "type": "rectangle",
        "occluded": False,
        "z_order": 0,
        "points": points,
        "frame": 0,
        "label_id": 7,
        "group": 0,
        "source": "manual",
        "attributes": [
            {"spec_id": 11, "value": "sedan"},
            {"spec_id": 12, "value": "false"},
            {"spec_id": 13, "value": "0"},
        ],
        **fields,
    }
    if object_id is not None:
        shape["id"] = object_id
    return shape


def with_attribute(shape: dict[str, Any], spec_id: int, value: str) -> dict[str, Any]:
    shape = copy.deepcopy(shape)
    for attribute in shape["attributes"]:
        if attribute["spec_id"] == spec_id:
            attribute["value"] = value
    return shape


def doc(*shapes: dict[str, Any], tracks: tuple = (), version: int = 4) -> dict[str, Any]:
    return {"version": version, "tags": [], "shapes": list(shapes), "tracks": list(tracks)}


A, B, C = [100.0, 100.0, 200.0, 180.0], [140.0, 130.0, 260.0, 220.0], [300.0, 50.0, 360.0, 90.0]
BASE = doc(car(1, A), car(2, C), car(3, [20.0, 20.0, 40.0, 40.0]))


def three_conflicts() -> tuple[dict[str, Any], Any]:
    """Car 1 moved on both sides; car 2's speed set differently; car 3 deleted here and made occluded there."""
    local = doc(car(1, B), with_attribute(car(2, C), 13, "40"))
    remote = doc(
        car(1, [60.0, 60.0, 150.0, 150.0]),
        with_attribute(car(2, C), 13, "90"),
        car(3, [20.0, 20.0, 40.0, 40.0], occluded=True),
        version=7,
    )
    return remote, merge(BASE, local, remote, LABELS)


def grey_frame() -> QImage:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(GREY)
    return image


def near(view: ConflictView, x: float, y: float, color: str, radius: int = 2) -> bool:
    """Whether the preview paints ``color`` (blended over the grey frame) within ``radius`` px of image (x, y)."""
    grabbed = view.preview.grab().toImage()
    point = view.preview.map_from_image(QPointF(x, y)).toPoint()
    want = QColor(color)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = point.x() + dx, point.y() + dy
            if not (0 <= px < grabbed.width() and 0 <= py < grabbed.height()):
                continue
            got = grabbed.pixelColor(px, py)
            close = [abs(g - w) for g, w in zip(got.getRgb()[:3], want.getRgb()[:3], strict=True)]
            if max(close) <= 60:
                return True
    return False


def shown(qtbot: QtBot, result: Any) -> ConflictView:
    view = ConflictView(LABEL_SET)
    qtbot.addWidget(view)
    view.show_result(result)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_conflicts_are_listed_in_plain_words(qtbot: QtBot) -> None:
    _, result = three_conflicts()
    assert len(result.conflicts) == 3
    view = shown(qtbot, result)
    rows = [
        (*view.tree.topLevelItem(row).text(0).split("\n"), view.tree.topLevelItem(row).text(1))
        for row in range(view.tree.topLevelItemCount())
    ]
    assert rows == [
        ("rectangle #1 · car · frame 0", "You and another user both moved or reshaped it.", "Not decided"),
        (
            "rectangle #2 · car · frame 0",
            "You and another user both changed the attribute “speed”: yours 40, theirs 90.",
            "Not decided",
        ),
        ("rectangle #3 · car · frame 0", "You deleted it; another user changed it meanwhile.", "Not decided"),
    ]
    assert "3 changes could not be combined with yours: choose" in view.summary.text()
    assert not view.save_button.isEnabled()


def test_both_versions_are_drawn_over_the_frame(qtbot: QtBot) -> None:
    _, result = three_conflicts()
    view = shown(qtbot, result)
    wanted: list[int] = []
    view.frameWanted.connect(wanted.append)
    view.select(1)
    view.select(0)
    assert view.frame == 0
    view.set_frame_image(0, grey_frame(), QSizeF(400, 300))
    assert view.preview.has_image()
    # mine (B) in blue, solid: its left edge; theirs in orange: its top-left corner region, away from mine
    assert near(view, 140, 175, MINE_COLOR)
    assert not near(view, 140, 175, THEIRS_COLOR)
    assert near(view, 60, 100, THEIRS_COLOR, radius=4)
    assert not near(view, 60, 100, MINE_COLOR, radius=4)
    assert view.mine_legend.text() == "Mine" and view.theirs_legend.text() == "Theirs"
    # deleted here: only theirs drawn, the legend says mine is deleted, keep both is not offered
    view.select(2)
    assert near(view, 30, 20, THEIRS_COLOR, radius=4)
    assert not near(view, 30, 20, MINE_COLOR, radius=4)
    assert view.mine_legend.text() == "Mine: deleted"
    assert not view.keep_both_button.isEnabled()
    assert view.keep_mine_button.text() == "Delete it"


def test_choices_per_conflict_then_save_sends_them(qtbot: QtBot) -> None:
    remote, result = three_conflicts()
    view = shown(qtbot, result)
    sent: list[dict] = []
    view.resolved.connect(sent.append)
    view.select(0)
    qtbot.mouseClick(view.keep_both_button, LEFT)
    assert view.tree.currentItem() is view.tree.topLevelItem(1)  # on to the next undecided one
    qtbot.mouseClick(view.keep_theirs_button, LEFT)
    assert not view.save_button.isEnabled()
    qtbot.mouseClick(view.keep_mine_button, LEFT)  # conflict 3: "delete it"
    assert [view.tree.topLevelItem(row).text(1) for row in range(3)] == ["Keep both", "Keep theirs", "Delete it"]
    assert view.save_button.isEnabled()
    qtbot.mouseClick(view.save_button, LEFT)
    [choices] = sent
    assert choices == {
        result.conflicts[0].token: BOTH,
        result.conflicts[1].token: THEIRS,
        result.conflicts[2].token: MINE,
    }
    assert not view.save_button.isEnabled()  # waiting for the save
    # the choices applied by the engine: car 1 stays theirs plus mine as a new object; car 2 theirs; car 3 deleted
    decided = result.session.with_choices(choices).result()
    assert decided.conflicts == ()
    server = ServerModel(remote)
    server.apply(decided.requests)
    assert_server_holds(server.doc, decided.merged, remote)
    points = sorted(tuple(shape["points"]) for shape in server.doc["shapes"])
    assert points == sorted([(60.0, 60.0, 150.0, 150.0), tuple(B), tuple(C)])
    view.save_failed()
    assert view.save_button.isEnabled()


def test_for_all_buttons_and_a_new_result_keeps_earlier_choices(qtbot: QtBot) -> None:
    _, result = three_conflicts()
    view = shown(qtbot, result)
    qtbot.mouseClick(view.all_both_button, LEFT)
    # keep both on a deletion keeps the object: theirs where I deleted it
    assert [view.tree.topLevelItem(row).text(1) for row in range(3)] == ["Keep both", "Keep both", "Keep theirs"]
    qtbot.mouseClick(view.all_mine_button, LEFT)
    assert view.choices() == {c.token: MINE for c in result.conflicts}
    view.show_result(result.resolve(result.conflicts[0], MINE))  # a new round: two left, choices kept
    assert view.tree.topLevelItemCount() == 2
    assert view.save_button.isEnabled()


def test_the_view_follows_a_language_switch_and_keeps_the_choices(qtbot: QtBot, languages: LanguageManager) -> None:
    _, result = three_conflicts()
    view = shown(qtbot, result)
    view.select(1)
    qtbot.mouseClick(view.keep_mine_button, LEFT)
    languages.set_choice(CHINESE)
    qtbot.waitUntil(lambda: view.windowTitle() == "冲突的修改")
    assert view.tree.topLevelItem(1).text(0).split("\n") == [
        "矩形 #2 · car · 第 0 帧",
        "您和另一位用户都修改了属性“speed”：您的是 40，对方的是 90。",
    ]
    assert view.tree.topLevelItem(1).text(1) == "保留我的"
    assert view.summary.text().startswith("您工作期间另一位用户修改了此作业。有 3 处修改")
    languages.set_choice(ENGLISH)
    qtbot.waitUntil(lambda: view.windowTitle() == "Conflicting changes")
    assert view.choices() == {result.conflicts[1].token: MINE}


def keyframe(frame: int, points: list[float]) -> dict[str, Any]:
    return {"type": "polygon", "occluded": False, "z_order": 0, "points": points, "frame": frame, "outside": False,
            "attributes": [{"spec_id": 12, "value": "false"}, {"spec_id": 13, "value": "0"}]}  # fmt: skip


def test_a_track_keyframe_conflict_is_drawn_on_its_frame(qtbot: QtBot) -> None:
    triangle = [100.0, 100.0, 200.0, 100.0, 150.0, 200.0]
    track = {"id": 5, "frame": 0, "label_id": 7, "group": 0, "source": "manual",
             "attributes": [{"spec_id": 11, "value": "sedan"}],
             "shapes": [keyframe(0, triangle), keyframe(5, triangle), keyframe(9, triangle)]}  # fmt: skip
    mine, theirs = copy.deepcopy(track), copy.deepcopy(track)
    mine["shapes"][1]["points"] = [v + 40 for v in triangle]
    theirs["shapes"][1]["points"] = [v - 60 for v in triangle]
    result = merge(doc(tracks=(track,)), doc(tracks=(mine,)), doc(tracks=(theirs,)), LABELS)
    view = shown(qtbot, result)
    row = view.tree.topLevelItem(0).text(0).split("\n")
    assert row == ["polygon track #5 · car", "On frame 5, you and another user both moved or reshaped it."]
    assert view.frame == 5
    view.set_frame_image(5, grey_frame(), QSizeF(400, 300))
    drawn_mine, drawn_theirs = view.preview.outlines()
    assert drawn_mine is not None and drawn_mine.points == tuple(v + 40 for v in triangle)
    assert drawn_theirs is not None and drawn_theirs.points == tuple(v - 60 for v in triangle)
    assert near(view, 140 + 40, 100 + 40, MINE_COLOR)  # on the top edge of my triangle
    assert near(view, 140 - 60, 100 - 60, THEIRS_COLOR, radius=4)
    view.set_frame_image(6, grey_frame())  # another frame's image is not this conflict's
    assert view.frame == 5
