"""Typed settings: one accessor per key, with its type and default, over a QSettings-like store.

No raw ``settings.value("...")`` outside this module. Key names are those annodesk always used, so what existing
users stored stays readable. A new key is one line in :class:`Settings` (a :class:`Key` with its name, type and
default). ``ANNODESK_CONFIG_DIR`` puts the settings file in a folder of one's choice (tests, portable installs).

Qt is imported only by :func:`open_settings`: the session layer reads its keys through :class:`Settings` on any
object with ``value``/``setValue``/``remove``/``sync`` (QSettings, or a test double).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload
from urllib.parse import quote

from annodesk.api.defaults import MAX_ANSWER_BYTES

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

T = TypeVar("T")
CONFIG_DIR_ENV = "ANNODESK_CONFIG_DIR"
MEGABYTE = 1024 * 1024
SHORTCUTS_GROUP = "shortcuts"  # the workspace's remapped keys: shortcuts/<action>
GEOMETRY_VERSION = 1  # raise when a window's layout changes so much that a stored geometry no longer fits
MAX_RECENT_SERVERS = 8
MAX_DRAW_CHOICES = 200  # jobs whose label picker choice is remembered (the oldest is forgotten first)
WORKSPACE_LAYOUT_VERSION = 3  # raise when the workspace's docks change (an older dock state is then not restored)


def open_settings() -> QSettings:
    """The app's settings: the platform's usual place, or ``$ANNODESK_CONFIG_DIR/annodesk.ini``."""
    from PySide6.QtCore import QSettings

    folder = os.environ.get(CONFIG_DIR_ENV)
    if folder:
        return QSettings(os.path.join(folder, "annodesk.ini"), QSettings.Format.IniFormat)
    return QSettings()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _flag(value: Any) -> bool:
    return str(value).lower() in ("true", "1")


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _texts(value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    return [str(item) for item in items if item]


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _raw(value: Any) -> Any:
    return value


class Key(Generic[T]):
    """One stored value: its key name, how a stored value is read back (``read``), and its default."""

    def __init__(self, name: str, default: T, read: Callable[[Any], T]) -> None:
        self.name = name
        self.default = default
        self.read = read

    @overload
    def __get__(self, settings: None, owner: type) -> Key[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...

    def __get__(self, settings: Settings | None, owner: type) -> Key[T] | T:
        if settings is None:
            return self
        value = settings.store.value(self.name)
        return self.default if value is None else self.read(value)

    def __set__(self, settings: Settings, value: T) -> None:
        settings.store.setValue(self.name, value)


class Settings:
    """The typed view of a settings store (``store``: a QSettings)."""

    # the session
    recent_servers = Key("session/recentServers", list[str](), _texts)
    last_server = Key("session/server", "", _text)
    last_username = Key("session/username", "", _text)
    accounts = Key("session/accounts", "", _text)  # JSON [[server, username], ...] (annodesk/session/accounts.py)
    language = Key("ui/language", "system", _text)
    # the main window (bytes are Qt's saveGeometry / saveState blobs; None: never saved)
    geometry = Key[Any]("main/geometry", None, _raw)
    geometry_version = Key("main/geometryVersion", GEOMETRY_VERSION, _number)  # absent: saved before versions
    splitter = Key[Any]("main/splitter", None, _raw)
    details_splitter = Key[Any]("main/detailsSplitter", None, _raw)
    table_header = Key[Any]("main/tableHeader", None, _raw)
    window_state = Key[Any]("main/state", None, _raw)  # the docks (saveState): the Projects dock shown or not
    page_size = Key("main/pageSize", 10, _number)
    ordering = Key("main/ordering", "", _text)  # the server's ordering the table last asked for
    preview_column = Key("main/thumbnails", False, _flag)
    preview_column_placed = Key("main/thumbnailColumnPlaced", False, _flag)
    # transfers
    export_folder = Key("transfers/exportFolder", "", _text)
    import_folder = Key("transfers/importFolder", "", _text)
    # the network: a server's JSON answer may hold this many MB (no settings dialog: bigger servers raise it here)
    max_answer_mb = Key("network/maxAnswerMB", MAX_ANSWER_BYTES // MEGABYTE, _number)

    # the annotation workspace (one layout for every job's window) and My jobs
    workspace_geometry = Key[Any]("workspace/geometry", None, _raw)
    workspace_state = Key[Any]("workspace/state", None, _raw)  # the docks (saveState)
    workspace_layout_version = Key("workspace/layoutVersion", 0, _number)
    workspace_fps = Key("workspace/fps", 25, _number)
    workspace_step = Key("workspace/step", 10, _number)
    draw_choices = Key("workspace/drawChoices", "", _text)  # JSON: "<server> <job id>" → the label picker's choice
    my_jobs_geometry = Key[Any]("myJobs/geometry", None, _raw)
    # memory for decoded frames (every workspace window's own budget) and disk for encoded chunks (per server)
    frame_memory_mb = Key("workspace/frameMemoryMB", 1024, _number)
    chunk_disk_mb = Key("workspace/chunkDiskMB", 4096, _number)
    # offline jobs (issue 16): the checkout store's budget, sync on reconnect, the chunks' quality, the view's place
    offline_budget_mb = Key("offline/budgetMB", 10_000, _number)  # SI megabytes (10⁶ bytes), as sizes are shown
    offline_sync_on_reconnect = Key("offline/syncOnReconnect", False, _flag)
    offline_original_quality = Key("offline/originalQuality", False, _flag)
    offline_jobs_geometry = Key[Any]("offline/viewGeometry", None, _raw)

    def __init__(self, store: Any) -> None:
        self.store = store

    def ca_file(self, server: str) -> str:
        """The CA certificate file remembered for ``server`` (empty: the system's trusted CAs)."""
        return _text(self.store.value(ca_key(server))) if server else ""

    def set_ca_file(self, server: str, path: str) -> None:
        """Remember ``path`` (only the path, never a certificate or secret) for ``server``; empty forgets it."""
        if path:
            self.store.setValue(ca_key(server), path)
        else:
            self.store.remove(ca_key(server))

    def shortcuts(self) -> dict[str, str]:
        """The remapped shortcuts: action name → Qt's portable key text (only what differs from the defaults)."""
        self.store.beginGroup(SHORTCUTS_GROUP)
        try:
            return {name: _text(self.store.value(name, "")) for name in self.store.childKeys()}
        finally:
            self.store.endGroup()

    def set_shortcut(self, name: str, keys: str | None) -> None:
        """Store ``name``'s keys (portable text); None: back to the default (nothing stored)."""
        if keys is None:
            self.store.remove(f"{SHORTCUTS_GROUP}/{name}")
        else:
            self.store.setValue(f"{SHORTCUTS_GROUP}/{name}", keys)

    def window_geometry(self) -> Any:
        """The stored geometry, unless it was saved by an older layout (then ``None``)."""
        return self.geometry if self.geometry_version == GEOMETRY_VERSION else None

    def set_window_geometry(self, geometry: Any) -> None:
        self.geometry = geometry
        self.geometry_version = GEOMETRY_VERSION

    @property
    def answer_limit(self) -> int:
        """Bytes a server's JSON answer may hold (``network/maxAnswerMB``; junk or ≤ 0: the default, 64 MB)."""
        megabytes = self.max_answer_mb
        return megabytes * MEGABYTE if megabytes > 0 else MAX_ANSWER_BYTES

    def workspace_layout(self) -> tuple[Any, Any]:
        """The workspace window's geometry and dock state, unless saved by an older layout (then ``None``s)."""
        if self.workspace_layout_version != WORKSPACE_LAYOUT_VERSION:
            return None, None
        return self.workspace_geometry, self.workspace_state

    def set_workspace_layout(self, geometry: Any, state: Any) -> None:
        self.workspace_geometry = geometry
        self.workspace_state = state
        self.workspace_layout_version = WORKSPACE_LAYOUT_VERSION

    def draw_choice(self, server: str, job_id: int) -> dict[str, Any] | None:
        """The label picker's choice remembered for a job (``{"label": id, "attributes": {spec id: value}}``)."""
        choice = _json_object(self.draw_choices).get(f"{server} {job_id}")
        return choice if isinstance(choice, dict) else None

    def set_draw_choice(self, server: str, job_id: int, choice: dict[str, Any]) -> None:
        """Remember the label picker's choice for a job (the latest last; the oldest jobs beyond the limit go)."""
        choices = _json_object(self.draw_choices)
        key = f"{server} {job_id}"
        choices.pop(key, None)
        choices[key] = choice
        kept = dict(list(choices.items())[-MAX_DRAW_CHOICES:])
        self.draw_choices = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))

    def sync(self) -> None:
        self.store.sync()


def ca_key(server: str) -> str:
    """The key of a server's CA file (the URL percent-encoded: ``/`` would open a settings group)."""
    return "tls/caFile/" + quote(server, safe="")
