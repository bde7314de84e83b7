"""Finished export files on disk, one folder per task: reused while the task is unchanged, dropped when it changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


class ExportCache:
    """Finished export files under ``root/<task id>/``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, task_id: int, kind: str, format_name: str) -> Path:
        slug = re.sub(r"[^a-z0-9]+", "_", format_name.lower()).strip("_")
        return self.root / str(task_id) / f"{kind}_{slug}.zip"

    def remove_task(self, task_id: int) -> None:
        shutil.rmtree(self.root / str(task_id), ignore_errors=True)
