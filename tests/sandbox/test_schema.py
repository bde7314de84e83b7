"""The demo sandbox's database persists between runs: one written by the first release (schema 1, no version)
is migrated in place and keeps working; new data survives a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annodesk.api import CvatClient, NewLabel
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.db import SCHEMA_VERSION
from annodesk.sandbox.server import DATABASE_NAME
from tests.api.helpers import as_user, make_images

V1_DUMP = Path(__file__).resolve().parents[1] / "fixtures" / "sandbox-schema-v1.sql"


def test_first_release_database_is_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "sandbox"
    folder.mkdir()
    with sqlite3.connect(folder / DATABASE_NAME) as conn:
        conn.executescript(V1_DUMP.read_text(encoding="utf-8"))
        old_names = sorted(row[0] for row in conn.execute("SELECT name FROM tasks"))
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'schema_version'").fetchone()[0] == 0

    with SandboxServer(folder, anon_throttle=0) as server:
        assert server.db.schema_version == SCHEMA_VERSION == 3
        page = as_user(server, "admin", lambda c: c.list_tasks(page_size=100))
        assert sorted(task.name for task in page.results) == old_names  # nothing lost, nothing re-seeded
        sample = next(task for task in page.results if task.has_data)
        meta = as_user(server, "admin", lambda c: c.task_data_meta(sample.id))
        assert meta.size == sample.size and meta.frames
        files = make_images(tmp_path / "images", 2)

        async def add(client: CvatClient) -> int:
            task = await client.create_task("after migration", [NewLabel("car")])
            await client.upload_task_data(task.id, files)
            await client.wait_for_task_data(task.id, interval=0.02)
            return task.id

        new_id = as_user(server, "demo", add)

    with SandboxServer(folder, anon_throttle=0) as again:  # a second start: no migration, data still there
        assert again.db.schema_version == 3
        task = as_user(again, "demo", lambda c: c.get_task(new_id))
        assert task.size == 2 and task.mode == "annotation"
        assert as_user(again, "demo", lambda c: c.task_frame(new_id, 1, "original")) == files[1].read_bytes()


def test_new_database_starts_at_the_current_version(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "new", anon_throttle=0) as server:
        assert server.db.schema_version == SCHEMA_VERSION
