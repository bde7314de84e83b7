"""Which frame source the workspace uses for a job: the frames branch's :class:`FrameSource` (chunks, caches,
prefetch), with one chunk cache (memory and disk, reused across sessions) shared by every workspace window; a
checked-out job's chunks come from the checkout store (no download, no network needed)."""

from __future__ import annotations

import threading
from pathlib import Path

from annodesk.api.models import DataMeta, Job, Task
from annodesk.messages import error_sentence
from annodesk.session.chunk_cache import ChunkCache
from annodesk.session.repository import Repository
from annodesk.workspace.frames import FrameSource, TaskMedia
from annodesk.workspace.offline import CheckoutChunks, StoredChunks

CHUNKS_FOLDER = "chunks"
DISK_BUDGET = 4 * 1024**3  # encoded chunks kept on disk per server (least recently used go first)
DECODED_BUDGET = 1024**3  # decoded frames kept in memory per job window


class FrameSources:
    """Makes each job's frame source. ``folder``: where encoded chunks are kept on disk (``None``: memory only)."""

    def __init__(
        self, folder: Path | None, *, decoded_budget: int = DECODED_BUDGET, disk_budget: int = DISK_BUDGET
    ) -> None:
        self.folder = folder
        self.decoded_budget = decoded_budget  # bytes of decoded frames each job's source keeps
        self.disk_budget = disk_budget
        self._caches: dict[str, ChunkCache] = {}

    def chunk_cache(self, server_url: str) -> ChunkCache:
        cache = self._caches.get(server_url)
        if cache is None:
            cache = self._caches[server_url] = ChunkCache(self.folder, server_url)
            if self.folder is not None:  # once a session: older chunks beyond the budget go, off the GUI thread
                threading.Thread(
                    target=cache.trim_disk, args=(self.disk_budget,), daemon=True, name="chunk-trim"
                ).start()
        return cache

    def __call__(
        self, repository: Repository, task: Task, meta: DataMeta, job: Job, stored: StoredChunks | None = None
    ) -> FrameSource:
        """The job's frame source; with ``stored`` (the job is checked out, of the same media) its chunks are read
        from the checkout store."""
        client = repository.client
        media = TaskMedia.of(task, meta)
        cache = self.chunk_cache(client.server_url)
        if stored is not None and stored.serves(task, meta):
            media = stored.media(task, meta)
            cache = CheckoutChunks(stored, fallback=cache)
        return FrameSource(
            client,
            media,
            job.start_frame,
            job.stop_frame,
            chunk_cache=cache,
            decoded_budget=self.decoded_budget,
            describe_error=error_sentence,  # failures said in the UI's translated sentences
        )


def chunk_folder(repository: Repository) -> Path:
    """A sibling of the offline cache's root (chunks are per server, shared by its users): in the app that is
    :func:`annodesk.paths.chunk_cache_dir`, in tests the test's own folder."""
    return repository.cache.folder.parent.parent / CHUNKS_FOLDER
