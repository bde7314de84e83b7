"""Editing a task through the dialog against the sandbox over real HTTP: only what changed is sent, the server's
state checked through the client, the table and details updated at once; a refusal (403), a 400 under its field
and a network failure keep the input."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import qasync

from annodesk.api import NewAttribute, NewLabel
from annodesk.api.labels import new_label_from
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.ui.edit_task_dialog import EditTaskDialog
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .task_dialogs import LABELS, images, select_task, server_client, server_task
from .test_session import sign_in_through_dialog


async def new_task(server: SandboxServer, owner: str = "demo", **kwargs: Any) -> int:
    async with await server_client(server, owner) as client:
        return (await client.create_task("to edit", LABELS, **kwargs)).id


async def open_editor(window: MainWindow, task_id: int) -> EditTaskDialog:
    await select_task(window, task_id)
    assert window.authoring.edit_task_action.isEnabled()
    window.authoring.edit_task_action.trigger()
    dialog = window.authoring.edit_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal() and dialog.task.id == task_id
    return dialog


def test_edit_name_assignee_bug_tracker_and_labels(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task_id = await new_task(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        await until(lambda: bool(window.controller.users))
        dialog = await open_editor(window, task_id)
        assert dialog.windowTitle() == f"Edit task #{task_id}"
        assert dialog.assignee.currentText() == "— Nobody —" and dialog.editor.locked
        alice = next(user for user in window.controller.users.values() if user.username == "alice")

        sent: list[dict[str, Any]] = []
        client = window.controller.repository.client
        original_send = client._http.send

        async def spy(request: httpx.Request, **kwargs: Any) -> httpx.Response:
            if request.method == "PATCH":
                sent.append(json.loads(request.content))
            return await original_send(request, **kwargs)

        client._http.send = spy  # type: ignore[method-assign]
        dialog.name.setText("街景 — edited")
        dialog.assignee.setCurrentIndex(dialog.assignee.findData(alice.id))
        dialog.bug_tracker.setText("https://tracker.example.com/issues/12")
        editor = dialog.editor
        editor.list.setCurrentIndex(editor.model.index(0, 0))  # car: saved; a new attribute on it
        added = editor.form.add_attribute()
        assert added is not None
        added.name.setText("lights")
        added.name.textEdited.emit("lights")
        added.input_type.setCurrentIndex(added.input_type.findData("checkbox"))
        added.checked.setChecked(True)
        editor.add_button.click()  # and a new label
        editor.form.name.setText("bike")
        editor.form.name.textEdited.emit("bike")
        bike_color = editor.drafts()[2].color

        saved = next_emission(dialog.taskSaved)
        dialog.save_button.click()
        task = await wait_for(saved)
        assert not dialog.isVisible()
        assert sent == [
            {
                "name": "街景 — edited",
                "assignee": alice.id,
                "bug_tracker": "https://tracker.example.com/issues/12",
                "labels": [
                    {
                        "name": "car",
                        "color": "#fa3253",
                        "attributes": [
                            {
                                "name": "lights",
                                "mutable": False,
                                "input_type": "checkbox",
                                "default_value": "true",
                                "values": ["true"],
                            }
                        ],
                    },
                    {"name": "bike", "color": bike_color, "attributes": []},
                ],
            }
        ]  # only what changed; the saved label with its colour and only its new attribute

        on_server = await server_task(fresh_sandbox, task_id)
        assert on_server is not None and on_server == task
        assert on_server.name == "街景 — edited" and on_server.assignee_id == alice.id
        assert on_server.bug_tracker == "https://tracker.example.com/issues/12"
        car, person, bike = (new_label_from(label) for label in on_server.labels)
        assert car == NewLabel(
            "car",
            color="#fa3253",
            attributes=(
                *LABELS[0].attributes,
                NewAttribute("lights", "checkbox", default_value="true", values=("true",)),
            ),
        )
        assert person == LABELS[1] and bike == NewLabel("bike", color=bike_color)

        row = window.model.row_of(task_id)  # at once, without a reload
        assert row is not None and window.model.task_at(row).name == "街景 — edited"
        assert window.details.title.text() == f"#{task_id}  街景 — edited"
        assert window.details.values["assignee"].text() == "alice"
        assert window.message_label.text() == f"Task #{task_id} saved."
        cached = window.controller.repository.cache.get_task(task_id)
        assert cached is not None and cached[0].name == "街景 — edited"

        sent.clear()  # nothing changed: nothing is sent
        dialog = await open_editor(window, task_id)
        assert dialog.assignee.current_user_id() == alice.id and dialog.editor.additions() == ()
        dialog.assignee.setCurrentIndex(0)  # nobody
        saved = next_emission(dialog.taskSaved)
        dialog.save_button.click()
        await wait_for(saved)
        assert sent == [{"assignee": None}]
        assert (await server_task(fresh_sandbox, task_id)).assignee_id is None  # type: ignore[union-attr]
        dialog = await open_editor(window, task_id)
        dialog.save_button.click()
        assert not dialog.isVisible() and sent == [{"assignee": None}]
        client._http.send = original_send  # type: ignore[method-assign]
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_refused_edit_keeps_the_input(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    """bob (annotator) sees an unassigned task of demo's, but only its owner, assignee or an admin may change it."""

    async def body() -> None:
        task_id = await new_task(fresh_sandbox)
        async with await server_client(fresh_sandbox, "demo") as client:  # give it data, so that bob may open it
            await client.upload_task_data(task_id, images(tmp_path, 1))
            await client.wait_for_task_data(task_id, interval=0.02)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "bob")
        dialog = await open_editor(window, task_id)
        dialog.name.setText("bob was here")
        dialog.editor.add_button.click()
        dialog.editor.form.name.setText("extra")
        dialog.editor.form.name.textEdited.emit("extra")
        finished = next_emission(dialog.attemptFinished)
        dialog.save_button.click()
        assert await wait_for(finished) is False
        assert dialog.error_texts() == {
            "general": "You may not change this task: only its owner, its assignee and administrators can (error "
            "403). Nothing was saved. The server said: “You do not have permission to perform this action.”"
        }
        assert dialog.isVisible() and dialog.name.text() == "bob was here" and dialog.name.isEnabled()
        assert [d.name for d in dialog.editor.drafts()] == ["car", "行人", "extra"]
        on_server = await server_task(fresh_sandbox, task_id)
        assert on_server is not None and on_server.name == "to edit" and len(on_server.labels) == 2
        dialog.reject()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_field_errors_and_network_failures_keep_the_input(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task_id = await new_task(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_editor(window, task_id)

        dialog.bug_tracker.setText("see ticket 12")  # the web UI's check: nothing is sent
        dialog.save_button.click()
        assert dialog.error_texts() == {
            "bug_tracker": "Enter the issue's full address, like https://tracker.example.com/issues/12.",
            "general": "Nothing was saved: fix what is marked, then try again.",
        }
        dialog.bug_tracker.setText("https://tracker.example.com/" + "a" * 2000)
        dialog.name.setText("n" * 300)
        finished = next_emission(dialog.attemptFinished)
        dialog.save_button.click()
        assert await wait_for(finished) is False
        errors = dialog.error_texts()
        assert errors == {
            "name": "The server did not accept this. The server said: “Ensure this field has no more than 256 "
            "characters.”",
            "bug_tracker": "The server did not accept this. The server said: “Ensure this field has no more than "
            "2000 characters.”",
        }
        assert dialog.name.text() == "n" * 300 and dialog.isVisible()

        dialog.name.setText("renamed")
        dialog.bug_tracker.setText("")
        fresh_sandbox.faults.add("close", path=rf"/tasks/{task_id}$", method="PATCH", times=1)
        finished = next_emission(dialog.attemptFinished)
        dialog.save_button.click()
        assert await wait_for(finished) is False
        assert dialog.error_texts() == {"general": "Nothing was saved. The connection to the server broke. Try again."}
        assert dialog.name.text() == "renamed"
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        saved = next_emission(dialog.taskSaved)
        dialog.save_button.click()  # the same input, now accepted
        assert (await wait_for(saved)).name == "renamed"
        await controller.shutdown()

    loop.run_until_complete(body())
