"""Projects in the main window against the sandbox: the dock's list (search, filters, ordering, paging), choosing a
project filters the task table and *All tasks* goes back, the keyboard reaches it all; create, rename, reassign,
delete (it says the tasks go and defaults to Cancel) through the dialogs; a task created in the chosen project; the
project named in the task details; an annotator's refusal said in the dialog."""

from __future__ import annotations

from collections.abc import Callable

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget

from annodesk.api import CvatClient, NewLabel, NotFound
from annodesk.controller import AppController
from annodesk.i18n import LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow
from annodesk.ui.project_dialog import ProjectDialog

from .conftest import next_emission, until, wait_for
from .test_i18n import chinese, deliver_posted_events, server_data  # noqa: F401  (chinese: a fixture)
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD
from .ui_text import cut_off, english_left, shown_texts


async def projects_shown(window: MainWindow, count: int | None = None) -> None:
    """The projects list shows its page (``count`` rows, when given)."""
    projects = window.projects

    def ready() -> bool:
        shown = projects.pane.model.rowCount()
        return not projects.tasks.work.running("projects") and (shown > 0 if count is None else shown == count)

    await until(ready)


async def task_page(window: MainWindow, action: Callable[[], None]) -> None:
    shown = next_emission(window.pageShown)
    action()
    await wait_for(shown)


def test_browsing_choosing_and_going_back_by_keyboard(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        projects = window.projects
        pane = projects.pane
        assert not projects.dock.isVisible() and projects.dock.windowTitle() == "Projects"  # until asked for
        await projects_shown(window, 2)
        everything = window.controller.total
        assert pane.pager.count_label.text() == "2 projects in all"
        assert pane.showing.text() == "The task table shows all tasks." and not pane.all_tasks_button.isEnabled()

        # Ctrl+P reaches the list; the arrow key chooses a project: the task table shows its tasks only
        window.activateWindow()
        await until(window.isActiveWindow)
        QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert projects.dock.isVisible() and pane.table.hasFocus()
        await task_page(window, lambda: QTest.keyClick(pane.table, Qt.Key.Key_Down))
        chosen = projects.controller.chosen
        assert chosen is not None and pane.selected_project() == chosen
        assert window.model.rowCount() > 0 and all(t.project_ref == chosen.id for t in window.model.tasks)
        assert window.controller.total < everything
        assert pane.showing.text() == f"The task table shows the tasks of project #{chosen.id} “{chosen.name}”."

        detailed = next_emission(window.detailsShown)
        window.table.selectRow(0)
        await wait_for(detailed)
        assert window.details.values["project"].text() == f"#{chosen.id}  {chosen.name}"

        # All tasks (Alt+K) goes back
        await task_page(window, lambda: QTest.keyClick(pane, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier))
        assert window.controller.total == everything and projects.controller.chosen is None
        assert pane.selected_project() is None and not pane.all_tasks_button.isEnabled()

        # closing the list while a project is chosen shows all tasks again; opening it keeps that
        await task_page(window, lambda: pane.table.selectRow(0))
        assert window.controller.project_id is not None
        await task_page(window, projects.view_action.trigger)
        assert not projects.dock.isVisible() and window.controller.project_id is None
        projects.view_action.trigger()
        assert projects.dock.isVisible() and projects.controller.chosen is None

        # search, the owner filter, the status filter and a header click: asked of the server
        QTest.keyClicks(pane.search, "harb")
        await until(lambda: pane.model.rowCount() == 1)
        assert pane.model.projects[0].name == "Harbour & parking"
        pane.search.clear()
        await projects_shown(window, 2)
        pane.owner.setText("alice")
        await until(lambda: pane.model.rowCount() == 1 and pane.model.projects[0].name.startswith("City"))
        pane.owner.clear()
        await projects_shown(window, 2)
        pane.status.setCurrentIndex(pane.status.findData("completed"))
        await projects_shown(window, 0)
        assert pane.pager.count_label.text() == "0 projects in all"
        pane.status.setCurrentIndex(0)
        await projects_shown(window, 2)
        pane.table.horizontalHeader().sectionClicked.emit(1)  # name
        pane.model.sort(1, Qt.SortOrder.AscendingOrder)
        await until(lambda: projects.controller.ordering == "name")
        await projects_shown(window, 2)
        names = [p.name for p in pane.model.projects]
        assert names == sorted(names)
        await controller.shutdown()

    loop.run_until_complete(body())


async def server_project_exists(server: SandboxServer, project_id: int) -> bool:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        try:
            await client.get_project(project_id)
        except NotFound:
            return False
        return True


def test_create_rename_create_a_task_in_it_and_delete_with_its_tasks(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        projects = window.projects
        pane = projects.pane
        projects.view_action.trigger()  # View → Projects
        assert projects.dock.isVisible()
        await projects_shown(window)
        before = pane.model.rowCount()
        await until(lambda: any(u.username == "bob" for u in window.controller.users.values()))  # read after page 1
        users = window.controller.users
        bob = next(u.id for u in users.values() if u.username == "bob")

        # New project…: Enter in the name field creates it; it is selected (its tasks: none yet)
        shown = next_emission(projects.dialogShown)
        projects.new_action.trigger()
        dialog: ProjectDialog = await wait_for(shown)
        assert dialog.windowTitle() == "New project" and dialog.name.text() == ""
        QTest.keyClicks(dialog.name, "Night shots")
        dialog.assignee.select(bob)
        finished = next_emission(dialog.attemptFinished)
        QTest.keyClick(dialog.name, Qt.Key.Key_Return)
        assert await wait_for(finished)
        await projects_shown(window, before + 1)
        created = pane.model.projects[0]
        assert (created.name, created.assignee_id) == ("Night shots", bob)
        await until(lambda: projects.controller.chosen_id == created.id and not window.controller.work.running("page"))
        assert window.model.rowCount() == 0 and window.controller.project_id == created.id
        assert window.message_label.text() in (f"Project #{created.id} “Night shots” created.", "0 tasks found")

        # F2: rename and unassign
        window.activateWindow()
        await until(window.isActiveWindow)
        pane.table.setFocus()
        shown = next_emission(projects.dialogShown)
        QTest.keyClick(pane.table, Qt.Key.Key_F2)
        dialog = await wait_for(shown)
        assert dialog.name.text() == "Night shots" and dialog.assignee.current_user_id() == bob
        dialog.name.setText("Night shots 2")
        dialog.assignee.select(None)
        finished = next_emission(dialog.attemptFinished)
        dialog.save_button.click()
        assert await wait_for(finished)
        renamed = pane.model.projects[pane.model.row_of(created.id) or 0]
        assert (renamed.name, renamed.assignee_id) == ("Night shots 2", None)
        assert pane.showing.text().endswith(f"#{created.id} “Night shots 2”.")

        # New task…: the chosen project comes chosen
        task_dialog = window.authoring.show_create_task()
        assert task_dialog is not None and task_dialog.project.currentData() == created.id
        assert task_dialog.task_options().project == created.id
        task_dialog.reject()
        async with CvatClient(fresh_sandbox.base_url) as client:
            await client.login("demo", PASSWORD["demo"])
            inside = await client.create_task("at night", [NewLabel("car")], project=created.id)
        await task_page(window, window.controller.refresh)
        assert [t.id for t in window.model.tasks] == [inside.id]

        # Delete: the question names the project and its one task, Cancel is the default (Escape cancels)
        window.activateWindow()
        await until(window.isActiveWindow)
        pane.table.setFocus()
        asked = next_emission(projects.confirmationShown)
        QTest.keyClick(pane.table, Qt.Key.Key_Delete)
        box: QMessageBox = await wait_for(asked)
        assert box.text() == (
            f"Delete project #{created.id} “Night shots 2”? Its 1 task is deleted with it on the server, with its "
            "jobs, annotations and media. This cannot be undone."
        )
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        settled = next_emission(projects.deleteSettled)
        QTest.keyClick(box, Qt.Key.Key_Escape)
        assert await wait_for(settled) == (created.id, False)
        assert await server_project_exists(fresh_sandbox, created.id)

        asked = next_emission(projects.confirmationShown)
        projects.delete_action.trigger()
        box = await wait_for(asked)
        settled = next_emission(projects.deleteSettled)
        delete = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        delete.click()
        assert await wait_for(settled) == (created.id, True)
        assert not await server_project_exists(fresh_sandbox, created.id)
        await projects_shown(window, before)
        await until(lambda: window.controller.project_id is None and not window.controller.work.running("page"))
        assert inside.id not in {t.id for t in window.model.tasks}
        assert window.message_label.text() == f"Project #{created.id} “Night shots 2” was deleted with its tasks."
        await controller.shutdown()

    loop.run_until_complete(body())


def test_rights_per_group_refusals_and_offline(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        async with CvatClient(fresh_sandbox.base_url) as alice:  # alice's project, demo its assignee
            await alice.login("alice", PASSWORD["alice"])
            demo_id = next(u.id for u in await alice.list_users() if u.username == "demo")
            assigned = await alice.create_project("alice's, demo assigned", assignee=demo_id)

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "bob")  # an annotator
        projects = window.projects
        projects.view_action.trigger()
        await projects_shown(window)
        assert not projects.new_action.isEnabled() and projects.show_create() is None
        assert projects.new_action.toolTip() == "Only the user and admin groups may create projects."
        pane = projects.pane
        await task_page(window, lambda: pane.table.selectRow(0))
        assert not projects.edit_action.isEnabled() and not projects.delete_action.isEnabled()
        assert projects.delete_action.toolTip() == "Only the project's owner and admins may delete it."
        # were the dialog opened anyway (rights changed on the server meanwhile), the refusal is said in it
        dialog = ProjectDialog(projects.controller, window.controller.users, None, window)
        dialog.name.setText("bob's")
        finished = next_emission(dialog.attemptFinished)
        dialog.save_button.click()
        assert not await wait_for(finished)
        assert dialog.name.text() == "bob's"
        assert dialog.general_error.text().startswith("You may not create projects: only users and administrators")
        dialog.reject()
        await controller.sign_out()  # the next start asks for a password again
        await controller.shutdown()

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")  # user group; assignee of alice's
        projects, pane = window.projects, window.projects.pane
        assert projects.dock.isVisible()  # as demo's session left it: shown (the window's state is remembered)
        await until(lambda: pane.model.row_of(assigned.id) is not None)
        await task_page(window, lambda: pane.select_project(assigned.id))
        assert projects.new_action.isEnabled() and projects.edit_action.isEnabled()
        assert not projects.delete_action.isEnabled()
        await until(lambda: not window.controller.work.running("projects"))

        fresh_sandbox.stop()
        window.controller.refresh()
        await until(lambda: not window.controller.online)
        assert not projects.new_action.isEnabled() and not projects.edit_action.isEnabled()
        assert projects.new_action.toolTip() == "Offline: projects cannot be changed until the server is back."
        await controller.shutdown()

    loop.run_until_complete(body())


def test_an_offline_start_shows_the_projects_and_their_tasks_last_seen(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        projects, pane = window.projects, window.projects.pane
        projects.view_action.trigger()
        await projects_shown(window, 2)
        seen = pane.model.projects
        await task_page(window, lambda: pane.table.selectRow(0))
        tasks_seen = [t.id for t in window.model.tasks]
        await task_page(window, projects.show_all_tasks)
        await controller.shutdown()
        fresh_sandbox.stop()

        again = make_controller()
        shown = next_emission(again.mainWindowShown)
        await again.start()
        window = await wait_for(shown)
        projects, pane = window.projects, window.projects.pane
        await until(lambda: not window.controller.online and pane.model.rowCount() == 2)
        assert pane.model.projects == seen and projects.dock.isVisible()
        assert not projects.new_action.isEnabled()
        await task_page(window, lambda: pane.table.selectRow(0))
        assert [t.id for t in window.model.tasks] == tasks_seen and not window.controller.online
        await again.shutdown()

    loop.run_until_complete(body())


def test_the_projects_list_dialog_and_question_in_chinese(
    chinese: LanguageManager,  # noqa: F811
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        projects, pane = window.projects, window.projects.pane
        projects.view_action.trigger()
        await projects_shown(window)
        await until(lambda: bool(window.controller.users))
        await task_page(window, lambda: pane.table.selectRow(0))
        deliver_posted_events()
        assert projects.dock.windowTitle() == "项目" and pane.all_tasks_button.text() == "全部任务(&K)"
        assert pane.pager.count_label.text().startswith("共 ") and pane.showing.text().startswith("任务表显示项目 #")

        def chinese_only(root: QWidget) -> None:
            deliver_posted_events()
            english = english_left(shown_texts(root), server_data(window))
            assert not english, "\n".join(english)

        chinese_only(pane)
        assert not [p for p in cut_off(pane) if "projectTable" not in p and "QTableView" not in p]
        shown = next_emission(projects.dialogShown)
        projects.edit_action.trigger()
        dialog: ProjectDialog = await wait_for(shown)
        assert dialog.windowTitle().startswith("项目 #") and dialog.save_button.text() == "保存(&S)"
        dialog.name.clear()
        dialog.save_button.click()
        assert dialog.name_row.error.text() == "请输入项目名称。"
        chinese_only(dialog)
        assert not cut_off(dialog), cut_off(dialog)
        dialog.reject()
        asked = next_emission(projects.confirmationShown)
        projects.delete_action.trigger()
        box: QMessageBox = await wait_for(asked)
        assert box.text().startswith("删除项目 #") and "此操作无法撤销" in box.text()
        chinese_only(box)
        box.reject()
        await controller.shutdown()

    loop.run_until_complete(body())
