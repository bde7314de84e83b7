"""Which frame source the workspace uses for a job: the frames branch's :class:`FrameSource` (chunks, caches,
prefetch), with one chunk cache (memory and disk, reused across sessions) shared by every workspace window."""

from __future__ import annotations

from pathlib import Path

from annodesk.api.models import DataMeta, Job, Task
from annodesk.session.chunk_cache import ChunkCache
from annodesk.session.repository import Repository
from annodesk.workspace.frames import FrameSource, TaskMedia

CHUNKS_FOLDER = "chunks"


class FrameSources:
    """Makes each job's frame source. ``folder``: where encoded chunks are kept on disk (``None``: memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._caches: dict[str, ChunkCache] = {}

    def chunk_cache(self, server_url: str) -> ChunkCache:
        cache = self._caches.get(server_url)
        if cache is None:
            cache = self._caches[server_url] = ChunkCache(self.folder, server_url)
        return cache

    def __call__(self, repository: Repository, task: Task, meta: DataMeta, job: Job) -> FrameSource:
        client = repository.client
        media = TaskMedia.of(task, meta)
        return FrameSource(
            client, media, job.start_frame, job.stop_frame, chunk_cache=self.chunk_cache(client.server_url)
        )


def chunk_folder(repository: Repository) -> Path:
    """Beside the offline cache of the signed-in user (chunks are per server: shared by its users)."""
    return repository.cache.folder.parent / CHUNKS_FOLDER
