"""The fault matrix: each injected fault × each user action, through the real controller and windows (offscreen).

Every cell checks that the user sees a clear message specific to the fault (no traceback, no Python repr), that no
exception escapes to Qt or to the background-task logger, that the UI keeps running while the faulty request is
pending (a 10 ms QTimer probe measures the event loop's longest stall while the server holds the faulty request
or is still sending it: at most ``MAX_STALL`` seconds), and that nothing is lost: the previous page's
rows and the selected task's details stay on screen, typed sign-in input stays in the dialog, the cache keeps what
was seen. The matrix is printed at the end of the run (``tests/ui/matrix_report.py``).

The "job edit" action (a job's status changed from the jobs tree's menu) also checks that the user's edit is kept,
marked "not saved", after every failure a retry can fix, and that the retry succeeds once the server is back.

Adding a user action is one entry in ``ACTIONS``: its name, the requests the fault applies to, and four hooks
(``setup``, ``perform``, ``done``, ``outcome``) plus ``check`` and the expected message per fault.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtCore import Qt, QTimer

from annodesk.api import CvatClient
from annodesk.api.models import Task
from annodesk.controller import AppController
from annodesk.models.job_editing import EDIT_STATE_ROLE, STATUS_COLUMN, UNSAVED
from annodesk.models.vocabulary import display_status
from annodesk.sandbox import SandboxServer
from annodesk.session.tokens import SERVICE, account_name
from annodesk.ui.main_window import MainWindow
from annodesk.ui.sign_in_dialog import SignInDialog

from . import matrix_report
from .conftest import MemoryKeyring, until
from .test_sign_in import PASSWORD, fill

FAULTS = (
    "refuse",
    "hang",
    "slow",
    "500",
    "502_html",
    "malformed_json",
    "truncated_json",
    "401",
    "403",
    "404",
    "drip",
    "endless",
    "oversized",
)
HELD = {
    "500",
    "502_html",
    "malformed_json",
    "truncated_json",
    "401",
    "403",
    "404",
    "oversized",
}  # answered when the test says
USER = "admin"  # sees every sample task: more than one page of 10
SLOW_DELAY = 0.5  # the "slow" fault's delay here (its default is 5 s); the client waits far longer
HANG_TIMEOUT = 1.0  # the client timeout when the server hangs or drips: a hang costs about a second, a drip two
TIMED_OUT = {"hang", "drip"}  # faults that end at the client's timeout or deadline
TOO_LARGE = {"endless", "oversized"}  # answers over the client's size limit (64 MB)
NORMAL_TIMEOUT = 10.0
PENDING_TICKS = 3  # probe ticks that must happen while a faulty request is pending (so the stall is measured)
MAX_STALL = 0.1  # seconds: the longest the event loop may stall while a faulty request is pending
RAW = re.compile(r"Traceback|File \"|\w+Error\b|Exception|object at 0x|<\w|\{'|\\n")


# -- one cell's state --------------------------------------------------------------------------------------------


@dataclass
class Cell:
    """What a cell's hooks share: the server, the controller, the windows, and what was on screen before."""

    fault: str
    server: SandboxServer
    controller: AppController
    keyring: MemoryKeyring
    window: MainWindow | None = None
    dialog: SignInDialog | None = None
    pages_shown: int = 0
    details_shown: list[int] = field(default_factory=list)
    sign_ins_shown: int = 0
    rows: list[int] = field(default_factory=list)
    selected: Task | None = None
    details_title: str = ""
    target: Task | None = None
    attempt: asyncio.Future[Any] | None = None
    mark: dict[str, int] = field(default_factory=dict)
    job_id: int = 0  # job edit: the job changed, its status before and the one chosen
    job_status: str = ""
    wanted: str = ""
    settled: list[int] = field(default_factory=list)
    longest_stall: float = 0.0

    def watch_window(self, window: MainWindow) -> None:
        self.window = window
        self.pages_shown += window.pages_shown  # the first page may be shown before the window
        window.pageShown.connect(self._page_shown)
        window.detailsShown.connect(self.details_shown.append)

    def _page_shown(self) -> None:
        self.pages_shown += 1

    def watch_dialog(self, dialog: SignInDialog) -> None:
        self.dialog = dialog
        self.sign_ins_shown += 1

    def remember_counts(self) -> None:
        """Counters as they are right before the action, so ``done`` hooks look at what the action caused."""
        self.mark = {"pages": self.pages_shown, "details": len(self.details_shown), "sign_ins": self.sign_ins_shown}

    def signed_out_again(self) -> bool:
        return self.sign_ins_shown > self.mark["sign_ins"] and self.controller.window is None

    @property
    def key(self) -> tuple[str, str]:
        return (SERVICE, account_name(self.server.base_url, USER))


class Probe:
    """A 10 ms QTimer that counts its ticks, those that fire while the server handles a faulty request, and the
    event loop's longest stall while the client waits for a faulty answer: the longest gap between two ticks
    that both found the request pending (a stall once the answer is in is the app's reaction, not waiting)."""

    def __init__(self, server: SandboxServer, pending: PendingRequests) -> None:
        self.plan = server.faults
        self.pending = pending
        self.ticks = 0
        self.pending_ticks = 0
        self.longest_stall = 0.0
        self.settled = False
        self._last = time.perf_counter()
        self._was_pending = False
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        # The test process's heap (a thousand tests before this one) is not the app's: frozen, the GUI thread's
        # collector (annodesk/ui/collector.py) only walks what this cell makes, as in a fresh app; a full
        # collection of the whole test process took 100–200 ms and showed up as a stall of the app.
        gc.collect()
        gc.freeze()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks += 1
        waiting = not self.settled and self.plan.in_flight() > 0 and self.pending.count > 0
        if not self.settled and self.plan.in_flight() > 0:
            self.pending_ticks += 1
        if waiting and self._was_pending:
            self.longest_stall = max(self.longest_stall, now - self._last)
        self._was_pending = waiting
        self._last = now

    def stop(self) -> None:
        self.timer.stop()
        gc.unfreeze()


class PendingRequests:
    """How many requests to the faulty paths the client is waiting for (its transport methods, wrapped)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
        self.count = 0
        pattern = re.compile(path)
        for owner, name in ((CvatClient, "_request"), (CvatClient, "_send_multipart")):
            original = getattr(owner, name)
            monkeypatch.setattr(owner, name, self._wrap(original, pattern))

    def _wrap(self, original: Callable[..., Awaitable[Any]], pattern: re.Pattern[str]) -> Callable[..., Any]:
        async def counted(client: CvatClient, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
            faulty = bool(pattern.search(f"/api/v1/{path}"))
            self.count += faulty
            try:
                return await original(client, method, path, *args, **kwargs)
            finally:
                self.count -= faulty

        return counted


# -- hooks shared by the actions ---------------------------------------------------------------------------------


def visible(label: Any, window: Any) -> str:
    return label.text() if label.isVisibleTo(window) else ""


async def open_dialog(cell: Cell) -> None:
    cell.controller.mainWindowShown.connect(cell.watch_window)
    cell.controller.signInShown.connect(cell.watch_dialog)
    await cell.controller.start()
    assert cell.dialog is not None


async def signed_in(cell: Cell) -> None:
    """Signed in through the dialog, first page shown, first task's details and preview loaded."""
    await open_dialog(cell)
    assert cell.dialog is not None
    fill(cell.dialog, cell.server.base_url, USER, PASSWORD[USER])
    cell.dialog.sign_in_button.click()
    await until(lambda: cell.window is not None and cell.window.model.rowCount() > 0 and bool(cell.details_shown))
    window = cell.window
    assert window is not None
    await until(lambda: window.controller.profile is not None and bool(window.controller.users))
    cell.rows = [task.id for task in window.model.tasks]
    cell.selected = window.details.task
    cell.details_title = window.details.title.text()
    assert cell.selected is not None and cell.key in cell.keyring.entries


def window_message(cell: Cell) -> str:
    window = cell.window
    assert window is not None
    return visible(window.message_label, window)


def dialog_notice(cell: Cell) -> str:
    assert cell.dialog is not None
    return visible(cell.dialog.notice, cell.dialog)


def assert_session_ended_kept_cache(cell: Cell) -> None:
    """401: back to sign-in with server and username filled in; the token is dropped, the cache kept."""
    dialog = cell.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.server.currentText() == cell.server.base_url and dialog.username.text() == USER
    assert cell.key not in cell.keyring.entries
    cached = cell.controller._cache(cell.server.base_url, USER).get_page("last")
    assert cached is not None and [task.id for task in cached[0].results] == cell.rows


def assert_browsing_kept(cell: Cell) -> None:
    """The page and the details the user was looking at are still on screen."""
    window = cell.window
    assert window is not None and window.isVisible()
    assert [task.id for task in window.model.tasks] == cell.rows
    assert window.controller.page == 1 and window.pager.page_label.text().startswith("Page 1 of")
    assert window.details.task is not None and window.table.selected_task() is not None
    assert window.details.task.id == window.table.selected_task().id  # type: ignore[union-attr]


# -- the actions -------------------------------------------------------------------------------------------------


def sign_in_perform(cell: Cell) -> None:
    assert cell.dialog is not None
    fill(cell.dialog, cell.server.base_url, USER, PASSWORD[USER])
    finished: asyncio.Future[Any] = asyncio.get_event_loop().create_future()
    cell.dialog.attemptFinished.connect(lambda ok: finished.done() or finished.set_result(ok))
    cell.attempt = finished
    cell.dialog.sign_in_button.click()


def sign_in_done(cell: Cell) -> bool:
    if cell.attempt is None or not cell.attempt.done():
        return False
    return not cell.attempt.result() or (cell.window is not None and cell.pages_shown > 0)


def sign_in_outcome(cell: Cell) -> str:
    if cell.window is not None and cell.window.isVisible():
        return f"signed in: main window, {cell.window.model.rowCount()} tasks shown"
    assert cell.dialog is not None
    return " / ".join(cell.dialog.error_texts().values())


async def sign_in_check(cell: Cell) -> None:
    dialog = cell.dialog
    assert dialog is not None
    if cell.fault == "slow":
        assert cell.window is not None and cell.window.model.rowCount() > 0 and not dialog.isVisible()
        return
    assert dialog.isVisible() and cell.controller.window is None
    assert dialog.server.currentText() == cell.server.base_url  # what the user typed is kept for a retry
    assert dialog.username.text() == USER and dialog.password.text() == PASSWORD[USER]
    assert dialog.sign_in_button.isEnabled() and not dialog.busy.isVisibleTo(dialog)


def next_page_perform(cell: Cell) -> None:
    assert cell.window is not None
    cell.window.pager.next_button.click()


def next_page_done(cell: Cell) -> bool:
    if cell.fault == "401":
        return cell.signed_out_again()
    return cell.pages_shown > cell.mark["pages"]


def next_page_outcome(cell: Cell) -> str:
    return dialog_notice(cell) if cell.fault == "401" else window_message(cell)


async def next_page_check(cell: Cell) -> None:
    if cell.fault == "401":
        assert_session_ended_kept_cache(cell)
        return
    window = cell.window
    assert window is not None
    if cell.fault == "slow":
        assert window.controller.page == 2 and [t.id for t in window.model.tasks] != cell.rows
        return
    assert_browsing_kept(cell)
    assert window.details.task.id == cell.selected.id  # type: ignore[union-attr]
    assert window.details.title.text() == cell.details_title
    if cell.fault in ("refuse", *TIMED_OUT):
        assert window.banner.isVisibleTo(window) and not window.controller.online
    # Nothing was lost: once the server is back, the same click reaches page 2 (not page 3).
    await asyncio.to_thread(cell.server.faults.clear)
    before = cell.pages_shown
    window.pager.next_button.click()
    await until(lambda: cell.pages_shown > before and window.message_label.text() != "Loading…")
    assert window.controller.page == 2 and window.controller.online


async def details_setup(cell: Cell) -> None:
    await signed_in(cell)
    assert cell.window is not None and cell.selected is not None
    cell.target = next(t for t in cell.window.model.tasks if t.has_data and t.id != cell.selected.id)


def details_perform(cell: Cell) -> None:
    assert cell.window is not None and cell.target is not None
    row = cell.window.model.row_of(cell.target.id)
    cell.window.table.setCurrentIndex(cell.window.model.index(row, 0))


def details_done(cell: Cell) -> bool:
    if cell.fault == "401":
        return cell.signed_out_again()
    assert cell.target is not None
    return cell.target.id in cell.details_shown[cell.mark["details"] :]


def details_outcome(cell: Cell) -> str:
    return dialog_notice(cell) if cell.fault == "401" else window_message(cell)


async def details_check(cell: Cell) -> None:
    if cell.fault == "401":
        assert_session_ended_kept_cache(cell)
        return
    window, target = cell.window, cell.target
    assert window is not None and target is not None
    assert_browsing_kept(cell)
    shown = window.details.task
    assert shown is not None and shown.id == target.id and target.name in window.details.title.text()
    assert window.details.labels_model.rowCount() == len(target.labels)
    assert window.details.jobs_model.rowCount() == len(target.segments)
    if cell.fault == "slow":
        pixmap = window.details.preview.pixmap()
        assert pixmap is not None and not pixmap.isNull()


def sign_out_perform(cell: Cell) -> None:
    assert cell.window is not None
    cell.window.sign_out_action.trigger()


def sign_out_done(cell: Cell) -> bool:
    return cell.signed_out_again()


async def sign_out_check(cell: Cell) -> None:
    dialog, window = cell.dialog, cell.window
    assert dialog is not None and window is not None
    assert dialog.isVisible() and cell.controller.window is None
    assert not (shiboken6.isValid(window) and window.isVisible())  # closed, and deleted once Qt got to it
    assert dialog.username.text() == USER and dialog.server.currentText() == cell.server.base_url
    assert cell.key not in cell.keyring.entries  # forgotten here even when the server could not be told
    cached = cell.controller._cache(cell.server.base_url, USER).get_page("last")
    assert cached is not None and [task.id for task in cached[0].results] == cell.rows


TOO_LARGE_TEXT = r"The server's answer is too large \(over 64 MB\), so it was not read\."


def browsing(ok: str) -> dict[str, str]:
    """What a browsing action shows per fault (``ok``: when the fault only slows it down)."""
    return {
        "drip": r"^Offline: the server did not answer in time\.$",
        "endless": "^" + TOO_LARGE_TEXT,
        "oversized": "^" + TOO_LARGE_TEXT,
        "refuse": r"^Offline: the server cannot be reached\.$",
        "hang": r"^Offline: the server did not answer in time\.$",
        "slow": ok,
        "500": r"^Server error: the server failed \(error 500\)",
        "502_html": r"^Server error: a proxy in front of the server failed \(error 502\)",
        "malformed_json": r"could not be read \(not a CVAT answer\)",
        "truncated_json": r"could not be read \(not a CVAT answer\)",
        "401": r"^You were signed out by the server",
        "403": r"^Not allowed: ",
        "404": r"^Not found: ",
    }


SIGNED_OUT = r"^You have signed out\.$"
KEPT = r"^The change to job #\d+ is not saved: "
RETRY = r"It is kept; retry when the server is back\.$"
UNDONE = r"^The change to job #\d+ was refused and undone\. "
NEXT_STATUS = {"annotation": "validation", "validation": "completed", "completed": "annotation"}


async def job_edit_setup(cell: Cell) -> None:
    """Signed in, a task with jobs selected and its jobs tree shown; the first job's next status chosen."""
    await signed_in(cell)
    window = cell.window
    assert window is not None
    target = next(t for t in window.model.tasks if t.jobs)
    if window.details.task is None or window.details.task.id != target.id:
        before = len(cell.details_shown)
        window.table.selectRow(window.model.row_of(target.id))  # type: ignore[arg-type]
        await until(lambda: target.id in cell.details_shown[before:])
    window.details.tabs.setCurrentWidget(window.details.jobs_page)
    cell.target = cell.selected = window.details.task
    cell.details_title = window.details.title.text()
    job = cell.target.jobs[0]  # type: ignore[union-attr]
    cell.job_id, cell.job_status, cell.wanted = job.id, job.status, NEXT_STATUS[job.status]
    window.job_editing.editSettled.connect(cell.settled.append)


def job_edit_perform(cell: Cell) -> None:
    """The job's context menu, Status → the next status (as a user picks it)."""
    window = cell.window
    assert window is not None
    view, model = window.details.jobs_view, window.details.jobs_model
    view.customContextMenuRequested.emit(view.visualRect(model.job_index(cell.job_id)).center())
    menu = window.job_editing.menu
    assert menu is not None
    menu.close()
    status_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    action = next(a for a in status_menu.actions() if a.text() == display_status(cell.wanted))
    action.trigger()


def job_edit_done(cell: Cell) -> bool:
    if cell.fault == "401":
        return cell.signed_out_again()
    return cell.job_id in cell.settled


def job_edit_outcome(cell: Cell) -> str:
    return dialog_notice(cell) if cell.fault == "401" else window_message(cell)


def shown_job(cell: Cell) -> tuple[str, str | None]:
    """The job's status as the tree shows it (raw) and its edit state."""
    assert cell.window is not None
    model = cell.window.details.jobs_model
    index = model.job_index(cell.job_id, STATUS_COLUMN)
    return index.data(Qt.ItemDataRole.EditRole), index.data(EDIT_STATE_ROLE)


async def server_job_status(cell: Cell) -> str:
    async with CvatClient(cell.server.base_url) as client:
        await client.login(USER, PASSWORD[USER])
        return (await client.get_job(cell.job_id)).status


async def job_edit_check(cell: Cell) -> None:
    if cell.fault == "401":
        assert_session_ended_kept_cache(cell)
        return
    window = cell.window
    assert window is not None and cell.target is not None
    assert_browsing_kept(cell)
    assert window.details.task.id == cell.target.id  # type: ignore[union-attr]
    if cell.fault == "slow":
        assert shown_job(cell) == (cell.wanted, None)
        assert await server_job_status(cell) == cell.wanted
        return
    if cell.fault in ("403", "404"):
        assert shown_job(cell) == (cell.job_status, None)  # rolled back
        assert not window.job_editing.notice.isVisibleTo(window)
        return
    # The user's edit is kept, marked, for a retry that succeeds once the server is back.
    assert shown_job(cell) == (cell.wanted, UNSAVED)
    notice = window.job_editing.notice
    assert notice.isVisibleTo(window) and notice.label.text().startswith("1 job change not saved.")
    await asyncio.to_thread(cell.server.faults.clear)
    saved = asyncio.get_event_loop().create_future()
    window.job_editing.jobSaved.connect(lambda job_id: saved.done() or saved.set_result(job_id))
    notice.retry_button.click()
    await asyncio.wait_for(saved, 20)
    assert shown_job(cell) == (cell.wanted, None)
    assert await server_job_status(cell) == cell.wanted


NOT_TOLD = r"^You are signed out on this computer, but the server could not end the session: "


@dataclass(frozen=True)
class Action:
    """One user action of the matrix: how to get there, do it, see that it ended, and what must hold after."""

    name: str
    path: str  # the requests the fault is applied to (regex searched in the URL path)
    setup: Callable[[Cell], Awaitable[None]]
    perform: Callable[[Cell], None]
    done: Callable[[Cell], bool]
    outcome: Callable[[Cell], str]  # the message the user sees (visible widgets only)
    check: Callable[[Cell], Awaitable[None]]
    expected: Mapping[str, str]  # fault → regex the message must match


ACTIONS: tuple[Action, ...] = (
    Action(
        "sign-in",
        r".*",
        open_dialog,
        sign_in_perform,
        sign_in_done,
        sign_in_outcome,
        sign_in_check,
        {
            "refuse": r"^Cannot reach http://127\.0\.0\.1:\d+\. Check the address",
            "hang": r"^The server did not answer in time\.",
            "slow": r"^signed in: main window, \d+ tasks shown$",
            "500": r"^Server error: the server failed \(error 500\)",
            "502_html": r"^Server error: a proxy in front of the server failed \(error 502\)",
            "malformed_json": r"^The server's answer could not be read\. Is this a CVAT v1 server\?$",
            "truncated_json": r"^The server's answer could not be read\. Is this a CVAT v1 server\?$",
            "401": r"did not accept the session \(you were signed out at once\)",
            "403": r"\(not allowed, error 403\)",
            "404": r"^This address answers, but it is not a CVAT server\.$",
            "drip": r"^The server did not answer in time\.",
            "endless": "^" + TOO_LARGE_TEXT,
            "oversized": "^" + TOO_LARGE_TEXT,
        },
    ),
    Action(
        "list page (next)",
        r"/api/v1/tasks$",
        signed_in,
        next_page_perform,
        next_page_done,
        next_page_outcome,
        next_page_check,
        browsing(r"^[\d,]+ tasks found$"),
    ),
    Action(
        "task details",
        r"/api/v1/tasks/\d+(/data)?$",
        details_setup,
        details_perform,
        details_done,
        details_outcome,
        details_check,
        browsing(r"^[\d,]+ tasks found$"),  # slow: details and preview arrive; the status line is unchanged
    ),
    Action(
        "sign out",
        r"/api/v1/auth/logout$",
        signed_in,
        sign_out_perform,
        sign_out_done,
        dialog_notice,
        sign_out_check,
        {
            "refuse": NOT_TOLD + r"Offline: the server cannot be reached\.",
            "hang": NOT_TOLD + r"Offline: the server did not answer in time\.",
            "slow": SIGNED_OUT,
            "500": NOT_TOLD + r"Server error: the server failed \(error 500\)",
            "502_html": NOT_TOLD + r"Server error: a proxy in front of the server failed \(error 502\)",
            "malformed_json": SIGNED_OUT,  # the answer's body is not read: signing out succeeded
            "truncated_json": SIGNED_OUT,
            "401": SIGNED_OUT,  # the token was already revoked: signed out all the same
            "403": NOT_TOLD + r"Not allowed: ",
            "404": NOT_TOLD + r"Not found: ",
            "drip": NOT_TOLD + r"Offline: the server did not answer in time\.",
            "endless": NOT_TOLD + TOO_LARGE_TEXT,
            "oversized": NOT_TOLD + TOO_LARGE_TEXT,
        },
    ),
    Action(
        "job edit",
        r"/api/v1/jobs/\d+$",
        job_edit_setup,
        job_edit_perform,
        job_edit_done,
        job_edit_outcome,
        job_edit_check,
        {
            "refuse": KEPT + r"Offline: the server cannot be reached\. " + RETRY,
            "hang": KEPT + r"Offline: the server did not answer in time\. " + RETRY,
            "slow": r"^Job #\d+ saved(; task #\d+ is now “\w+”)?\.$",
            "500": KEPT + r"Server error: the server failed \(error 500\)\. Try again later\. " + RETRY,
            "502_html": KEPT + r"Server error: a proxy in front of the server failed \(error 502\)",
            "malformed_json": KEPT + r"The server's answer could not be read \(not a CVAT answer\)",
            "truncated_json": KEPT + r"The server's answer could not be read \(not a CVAT answer\)",
            "401": r"^You were signed out by the server",
            "403": UNDONE + r"Not allowed: the server refused this \(error 403\)",
            "404": UNDONE + r"Not found: the server no longer has this \(error 404\)",
            "drip": KEPT + r"Offline: the server did not answer in time\. " + RETRY,
            "endless": KEPT + TOO_LARGE_TEXT,
            "oversized": KEPT + TOO_LARGE_TEXT,
        },
    ),
)


# -- the runner --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path_factory.mktemp("matrix"), anon_throttle=0) as server:
        yield server


async def arm(server: SandboxServer, fault: str, path: str) -> None:
    plan = server.faults
    if fault == "refuse":
        await asyncio.to_thread(plan.add, "refuse")  # stopping the server joins its thread: not on the GUI loop
    elif fault == "slow":
        plan.add("slow", path=path, delay=SLOW_DELAY)
    else:
        if fault in HELD:
            plan.hold()
        plan.add(fault, path=path)


async def run_cell(cell: Cell, action: Action, request: pytest.FixtureRequest, pending: PendingRequests) -> str:
    await action.setup(cell)
    if cell.fault in TIMED_OUT:
        cell.controller.timeout = HANG_TIMEOUT  # the sign-in client is made after this
        if cell.controller.client is not None:
            cell.controller.client.timeout = HANG_TIMEOUT
    probe = Probe(cell.server, pending)
    try:
        await arm(cell.server, cell.fault, action.path)
        cell.remember_counts()
        ticks_before = probe.ticks
        action.perform(cell)
        if cell.fault == "refuse":
            await until(lambda: probe.ticks >= ticks_before + PENDING_TICKS)  # nothing pending: it keeps firing
        else:
            await until(lambda: cell.server.faults.in_flight() > 0)  # the server has the faulty request
            await until(lambda: probe.pending_ticks >= PENDING_TICKS)  # and the UI runs while it is pending
            cell.server.faults.release()
        await until(lambda: action.done(cell), seconds=20)
        probe.settled = True
        cell.longest_stall = probe.longest_stall
        message = action.outcome(cell)
        result = matrix_report.record(cell.fault, action.name, message, probe.longest_stall)
        assert re.search(action.expected[cell.fault], message), message
        assert not RAW.search(message), message
        assert probe.longest_stall <= MAX_STALL, f"the event loop stalled {probe.longest_stall * 1000:.0f} ms"
        await action.check(cell)
        return_ticks = probe.ticks
        await until(lambda: probe.ticks > return_ticks)  # still alive afterwards
        exceptions = getattr(getattr(request.node, "qt_exception_capture_manager", None), "exceptions", [])
        assert not exceptions, exceptions
        result.passed = True
        return message
    finally:
        probe.stop()


@pytest.mark.parametrize("action", ACTIONS, ids=[re.sub(r"\W+", "-", a.name).strip("-") for a in ACTIONS])
@pytest.mark.parametrize("fault", FAULTS)
def test_fault_matrix(
    loop: qasync.QEventLoop,
    matrix_server: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    action: Action,
) -> None:
    caplog.set_level(logging.INFO)
    pending = PendingRequests(monkeypatch, action.path)
    controller = make_controller(timeout=NORMAL_TIMEOUT)
    cell = Cell(fault, matrix_server, controller, memory_keyring)

    async def body() -> None:
        try:
            await run_cell(cell, action, request, pending)
        finally:
            await controller.shutdown()
            await asyncio.to_thread(matrix_server.faults.clear)

    loop.run_until_complete(body())
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [f"{r.name}: {r.getMessage()}" for r in errors]
    assert not any(r.name == "annodesk.ui.background" for r in caplog.records)
