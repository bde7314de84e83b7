"""Results from worker threads reach their receiver on the GUI thread, and never a deleted one."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annodesk.workspace.cross_thread import deliver, prepare


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[object, bool]] = []
        prepare()

    def take(self, value: object) -> None:
        self.calls.append((value, QThread.currentThread() is QApplication.instance().thread()))  # type: ignore[union-attr]


def from_worker(receiver: QObject, value: object) -> None:
    thread = threading.Thread(target=deliver, args=(receiver, receiver.take, value))  # type: ignore[attr-defined]
    thread.start()
    thread.join()


def test_a_result_from_a_worker_is_handled_on_the_gui_thread(qtbot: QtBot) -> None:
    receiver = Receiver()
    from_worker(receiver, 42)
    assert receiver.calls == []  # queued: nothing runs on the worker
    qtbot.waitUntil(lambda: receiver.calls == [(42, True)])


def test_a_receiver_deleted_before_the_result_arrives_is_left_alone(qtbot: QtBot) -> None:
    receiver, witness = Receiver(), Receiver()
    from_worker(receiver, "late")
    shiboken6.delete(receiver)  # the window closed while its worker was busy
    from_worker(witness, "after")  # queued behind the first one: once it has arrived, so has the first
    qtbot.waitUntil(lambda: witness.calls == [("after", True)])
    assert not shiboken6.isValid(receiver)
