"""The frames of one job, as CVAT serves them: compressed chunks (a zip of JPEGs, or an MP4 for video tasks)
fetched through the chunk cache, decoded off the GUI thread into ``QImage``s, kept in a decoded-frame LRU
counted in bytes, prefetched ahead of the cursor in the direction of travel; original quality on demand
(``type=frame&quality=original``).

Ask with :meth:`FrameSource.request` (the answer comes as :attr:`FrameSource.frameReady` or
:attr:`FrameSource.frameFailed`) or ``await source.frame(n)``. The newest request wins: a frame asked for
earlier and not ready yet is never delivered late (its awaiters get :class:`FrameSuperseded`) and decodes
nobody needs any more stop at their next frame. Runs in the qasync loop of the GUI thread; nothing here blocks
it (disk, network and decoding happen in a worker thread or in the event loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

from annodesk.api import CvatClient
from annodesk.api.errors import CvatError
from annodesk.api.models import DataMeta, Task
from annodesk.i18n import arg
from annodesk.session.chunk_cache import ChunkCache, ChunkKey

from .decoded_frames import DEFAULT_BUDGET, DecodedFrames
from .decoding import ChunkDecodeError, decode_image, decode_mp4, decode_zip

log = logging.getLogger(__name__)

COMPRESSED, ORIGINAL = "compressed", "original"
ORIGINAL_FRAME = "original-frame"  # the chunk cache's name for single original frames
MAX_DOWNLOADS = 2


@dataclass(frozen=True, slots=True)
class FrameImage:
    """A decoded frame: ``image`` holds its pixels, to be drawn stretched to ``size`` (the frame-meta size:
    compressed video chunks are downscaled by the server)."""

    number: int
    image: QImage
    size: QSize
    name: str
    quality: str


class FrameSuperseded(Exception):
    """A newer request replaced this one before the frame was ready."""


class FrameLoadError(Exception):
    """The frame could not be fetched or decoded; ``message`` is translated, ``error`` the cause (a client
    error, or ``None`` for undecodable bytes). Asking again retries."""

    def __init__(self, number: int, message: str, error: Exception | None = None) -> None:
        super().__init__(message)
        self.number = number
        self.message = message
        self.error = error


@dataclass(frozen=True, slots=True)
class TaskMedia:
    """What decoding a task's frames needs, from the task and its ``data/meta``."""

    task_id: int
    size: int
    chunk_size: int
    video: bool
    sizes: tuple[tuple[int, int], ...]  # one per frame (image tasks) or one for all (video)
    names: tuple[str, ...]
    version: str

    @classmethod
    def of(cls, task: Task, meta: DataMeta) -> TaskMedia:
        """From a task and its meta; the version string names the media so cached chunks of older data are unused."""
        chunk_size = meta.chunk_size or task.data_chunk_size or 1
        video = (task.data_compressed_chunk_type or "imageset") == "video"
        sizes = tuple((frame.width, frame.height) for frame in meta.frames)
        names = tuple(frame.name for frame in meta.frames)
        version = (
            f"{meta.size}:{chunk_size}:{meta.image_quality}:{meta.start_frame}:{meta.stop_frame}:"
            f"{meta.frame_filter}:{int(video)}:{names[0] if names else ''}:{names[-1] if names else ''}"
        )
        return cls(task.id, meta.size, chunk_size, video, sizes, names, version)

    def frame_size(self, number: int) -> QSize:
        """The size frame ``number`` is drawn at (CVAT: ``frames[i]`` for images, ``frames[0]`` for video)."""
        width, height = self.sizes[0 if self.video or number >= len(self.sizes) else number]
        return QSize(width, height)

    def frame_name(self, number: int) -> str:
        """The frame's file name (the video's name for every frame of a video task)."""
        if not self.names:
            return ""
        return self.names[0 if self.video or number >= len(self.names) else number]

    def chunk_of(self, number: int) -> int:
        return number // self.chunk_size

    def chunk_frames(self, index: int) -> range:
        first = index * self.chunk_size
        return range(first, min(self.size, first + self.chunk_size))


class FrameSource(QObject):
    """Frames ``first``…``last`` (inclusive, task frame numbers) of one job."""

    frameReady = Signal(object)  # FrameImage: only ever the newest request
    frameFailed = Signal(int, str)  # frame number, translated message (the newest request only)

    def __init__(
        self,
        client: CvatClient,
        media: TaskMedia,
        first: int,
        last: int,
        *,
        chunk_cache: ChunkCache | None = None,
        decoded_budget: int = DEFAULT_BUDGET,
        prefetch_chunks: int = 1,
        describe_error: Callable[[CvatError], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``describe_error`` turns a client error into a translated sentence (the UI's
        ``annodesk.messages.error_sentence``); without it the client's English message is used."""
        super().__init__(parent)
        self.describe_error = describe_error or (lambda error: error.message)
        self.client = client
        self.media = media
        self.first, self.last = max(0, first), min(last, media.size - 1)
        self.chunk_cache = chunk_cache if chunk_cache is not None else ChunkCache(None, client.server_url)
        self.decoded = DecodedFrames(decoded_budget)
        self.prefetch_chunks = max(0, prefetch_chunks)
        self.direction = 1
        self.fetched_chunks: list[int] = []  # every chunk fetched from the server, in order (tests, benchmarks)
        self._loop = asyncio.get_event_loop()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frame-decode")
        self._disk = ThreadPoolExecutor(max_workers=2, thread_name_prefix="chunk-cache")
        self._downloads = asyncio.Semaphore(MAX_DOWNLOADS)
        self._latest: tuple[int, str] | None = None
        self._wanted: frozenset[int] = frozenset()
        self._loads: dict[tuple[int, str], asyncio.Task[None]] = {}
        self._waiters: dict[tuple[int, str], list[asyncio.Future[FrameImage]]] = {}
        self._fetched: dict[tuple[int, str], asyncio.Event] = {}
        self._unanswered = False  # the newest request has had neither frameReady nor frameFailed
        self._closed = False

    @classmethod
    async def open(cls, client: CvatClient, task_id: int, first: int, last: int, **options: object) -> FrameSource:
        """The frame source of a job: reads the task and its ``data/meta`` (typed errors as the client's)."""
        task, meta = await asyncio.gather(client.get_task(task_id), client.task_data_meta(task_id))
        return cls(client, TaskMedia.of(task, meta), first, last, **options)  # type: ignore[arg-type]

    # -- asking for frames -----------------------------------------------------------------------

    def cached(self, number: int, quality: str = COMPRESSED) -> FrameImage | None:
        """Frame ``number`` if it is decoded already, else None (never waits)."""
        image = self.decoded.get((number, quality))
        return self._frame_image(number, image, quality) if image is not None else None

    def request(self, number: int, quality: str = COMPRESSED) -> None:
        """Ask for frame ``number``; :attr:`frameReady` or :attr:`frameFailed` answers unless a newer request
        comes first. A decoded frame is answered on the next turn of the event loop."""
        self._ask(number, quality)
        frame = self.cached(number, quality)
        if frame is not None:
            self._loop.call_soon(self._deliver_if_latest, frame)

    async def frame(self, number: int, quality: str = COMPRESSED) -> FrameImage:
        """Frame ``number``, decoded: at once when cached. Raises :class:`FrameSuperseded` when a newer request
        replaces this one first, :class:`FrameLoadError` when it cannot be fetched or decoded."""
        self._ask(number, quality)
        frame = self.cached(number, quality)
        if frame is not None:
            return frame
        waiter: asyncio.Future[FrameImage] = self._loop.create_future()
        self._waiters.setdefault((number, quality), []).append(waiter)
        return await waiter

    async def settle(self) -> None:
        """Wait until no fetch or decode runs (prefetch included): the cache is as warm as it will get."""
        while self._loads:
            await asyncio.wait(list(self._loads.values()))

    def retry(self) -> None:
        """Ask again for the newest request (after :attr:`frameFailed`)."""
        if self._latest is not None:
            self.request(*self._latest)

    def set_decoded_budget(self, budget: int) -> None:
        """Change the byte budget of decoded frames."""
        self.decoded.set_budget(budget)

    def close(self) -> None:
        """Stop every fetch and decode; pending awaiters get :class:`FrameSuperseded`."""
        self._closed = True
        self._wanted = frozenset()
        for task in self._loads.values():
            task.cancel()
        self._supersede(keep=None)
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._disk.shutdown(wait=False, cancel_futures=True)

    # -- scheduling ------------------------------------------------------------------------------

    def _ask(self, number: int, quality: str) -> None:
        if self._closed:
            raise RuntimeError("the frame source is closed")
        if quality not in (COMPRESSED, ORIGINAL):
            raise ValueError("quality is 'compressed' or 'original'")
        if not self.first <= number <= self.last:
            raise ValueError(f"frame {number} is outside the job's frames {self.first}–{self.last}")
        if self._latest is not None and number != self._latest[0]:
            self.direction = 1 if number > self._latest[0] else -1
        self._latest = (number, quality)
        self._unanswered = True
        self._supersede(keep=self._latest)
        current = self.media.chunk_of(number)
        ahead = [
            current + self.direction * step
            for step in range(1, self.prefetch_chunks + 1)
            if self._chunk_in_job(current + self.direction * step)
        ]
        self._wanted = frozenset({current, *ahead})
        first: asyncio.Event | None = None
        if quality == ORIGINAL:
            if (number, ORIGINAL) not in self.decoded:
                first = self._start((number, ORIGINAL))
        elif not self._chunk_decoded(current, number):
            first = self._start((current, COMPRESSED))
        for index in ahead:
            if not self._chunk_decoded(index):
                self._start((index, COMPRESSED), after=first)

    def _chunk_in_job(self, index: int) -> bool:
        frames = self.media.chunk_frames(index)
        return index >= 0 and len(frames) > 0 and frames.start <= self.last and frames.stop - 1 >= self.first

    def _job_frames(self, index: int) -> range:
        frames = self.media.chunk_frames(index)
        return range(max(frames.start, self.first), min(frames.stop, self.last + 1))

    def _chunk_decoded(self, index: int, number: int | None = None) -> bool:
        if number is not None:
            return (number, COMPRESSED) in self.decoded
        return all((frame, COMPRESSED) in self.decoded for frame in self._job_frames(index))

    def _start(self, key: tuple[int, str], after: asyncio.Event | None = None) -> asyncio.Event:
        """Load ``key`` (a chunk, or one original frame) unless it is loading; a prefetch waits for ``after``
        (set once the chunk asked for is downloaded, so its decode goes first). Returns this load's event."""
        running = self._loads.get(key)
        if running is not None and not running.done():
            return self._fetched[key]
        fetched = self._fetched[key] = asyncio.Event()
        task = self._loop.create_task(self._load(key, fetched, after))
        self._loads[key] = task
        task.add_done_callback(lambda done: self._forget_load(key, done))
        return fetched

    def _forget_load(self, key: tuple[int, str], task: asyncio.Task[None]) -> None:
        if self._loads.get(key) is task:
            del self._loads[key]
            self._fetched.pop(key, None)
        if self._closed or task.cancelled() or not self._unanswered or self._latest is None:
            return
        number, quality = self._latest
        latest_key = (number, ORIGINAL) if quality == ORIGINAL else (self.media.chunk_of(number), COMPRESSED)
        if latest_key == key and self.cached(number, quality) is None:
            self._start(key)  # decoded, then pushed out of a small budget before it was asked for: again

    def _is_wanted(self, key: tuple[int, str]) -> bool:
        if self._closed:
            return False
        if key[1] == ORIGINAL:
            return self._latest == key
        return key[0] in self._wanted

    def _supersede(self, keep: tuple[int, str] | None) -> None:
        for key in [key for key in self._waiters if key != keep]:
            for waiter in self._waiters.pop(key):
                if not waiter.done():
                    waiter.set_exception(FrameSuperseded(f"frame {key[0]} was superseded"))

    # -- loading ---------------------------------------------------------------------------------

    async def _load(self, key: tuple[int, str], fetched: asyncio.Event, after: asyncio.Event | None) -> None:
        index, quality = key
        if after is not None:
            await after.wait()
            if not self._is_wanted(key):
                fetched.set()
                return
        try:
            try:
                data = await self._encoded(key)
            finally:
                fetched.set()
            if data is None:
                return  # no longer wanted
            if quality == ORIGINAL:
                image = await self._loop.run_in_executor(self._executor, decode_image, data)
                self._on_decoded(index, ORIGINAL, image)
                return
            decoded = await self._loop.run_in_executor(self._executor, self._decode_chunk, index, data)
            self._fail_missing(index, decoded)
        except asyncio.CancelledError:
            raise
        except CvatError as error:
            self._fail(key, self.describe_error(error), error)
        except ChunkDecodeError as error:
            with contextlib.suppress(OSError):
                self._discard_encoded(key)
            self._fail(key, arg(self.tr("The frames could not be decoded (%1)."), error))
        except Exception as error:  # anything else must still reach the screen as a message
            log.exception("frame load failed")
            self._fail(key, str(error) or type(error).__name__)

    async def _encoded(self, key: tuple[int, str]) -> bytes | None:
        """The chunk's (or original frame's) bytes from the cache, else from the server (None: not wanted now)."""
        cache_key = self._cache_key(key)
        data = await self._loop.run_in_executor(self._disk, self.chunk_cache.get, cache_key)
        if data is not None:
            return data
        async with self._downloads:
            if not self._is_wanted(key):
                return None
            index, quality = key
            if quality == ORIGINAL:
                data = await self.client.task_frame(self.media.task_id, index, ORIGINAL)
            else:
                data = await self.client.task_chunk(self.media.task_id, index, quality)
                self.fetched_chunks.append(index)
        await self._loop.run_in_executor(self._disk, self.chunk_cache.put, cache_key, data)
        return data

    def _cache_key(self, key: tuple[int, str]) -> ChunkKey:
        index, quality = key
        name = ORIGINAL_FRAME if quality == ORIGINAL else quality
        return ChunkKey(self.media.task_id, index, name, self.media.version)

    def _discard_encoded(self, key: tuple[int, str]) -> None:
        cache_key = self._cache_key(key)
        self.chunk_cache.discard(cache_key)

    def _decode_chunk(self, index: int, data: bytes) -> set[int]:
        """Worker thread: decode and hand every frame of the job over to the GUI thread as it comes; the frame
        numbers the chunk held (up to where decoding stopped)."""
        start = index * self.media.chunk_size
        wanted = lambda: self._is_wanted((index, COMPRESSED))  # noqa: E731 - read by the worker between frames

        def cursor() -> tuple[int | None, int]:
            latest = self._latest
            if latest is None or latest[1] != COMPRESSED or self.media.chunk_of(latest[0]) != index:
                return None, self.direction
            return latest[0] - start, self.direction

        decode = decode_mp4 if self.media.video else decode_zip
        frames: Iterator[tuple[int, QImage | None]] = decode(data, wanted, cursor)
        decoded = set()
        for offset, image in frames:
            number = start + offset
            decoded.add(number)  # seen: converted, or skipped behind the cursor (None)
            if image is not None and self.first <= number <= self.last:
                self._loop.call_soon_threadsafe(self._on_decoded, number, COMPRESSED, image)
        return decoded

    def _on_decoded(self, number: int, quality: str, image: QImage) -> None:
        if self._closed:
            return
        self.decoded.put((number, quality), image)
        frame = self._frame_image(number, image, quality)
        for waiter in self._waiters.pop((number, quality), []):
            if not waiter.done():
                waiter.set_result(frame)
        self._deliver_if_latest(frame)

    def _deliver_if_latest(self, frame: FrameImage) -> None:
        if not self._closed and self._latest == (frame.number, frame.quality):
            self._unanswered = False
            self.frameReady.emit(frame)

    def _frame_image(self, number: int, image: QImage, quality: str) -> FrameImage:
        return FrameImage(number, image, self.media.frame_size(number), self.media.frame_name(number), quality)

    def _fail(self, key: tuple[int, str], reason: str, error: Exception | None = None) -> None:
        index, quality = key
        numbers = [index] if quality == ORIGINAL else list(self._job_frames(index))
        message_for = lambda number: arg(self.tr("Frame %1 could not be loaded: %2"), number, reason)  # noqa: E731
        for number in numbers:
            for waiter in self._waiters.pop((number, quality), []):
                if not waiter.done():
                    waiter.set_exception(FrameLoadError(number, message_for(number), error))
        if self._latest is not None and self._latest[1] == quality and self._latest[0] in numbers:
            self._unanswered = False
            self.frameFailed.emit(self._latest[0], message_for(self._latest[0]))

    def _fail_missing(self, index: int, decoded: set[int]) -> None:
        """After a decode: the newest request, in this chunk and still wanted, was not in it."""
        if not self._is_wanted((index, COMPRESSED)) or self._latest is None:
            return
        number, quality = self._latest
        if quality == COMPRESSED and number in self._job_frames(index) and number not in decoded:
            self._fail((index, COMPRESSED), self.tr("The chunk has fewer frames than the task's information says."))
