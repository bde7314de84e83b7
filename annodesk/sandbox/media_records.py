"""Data records of uploaded media in SQLite: attach one to a task, then save the processed frames with the
segments and jobs CVAT cuts from them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .db import Database
from .specs import processed_overlap, segment_ranges, task_status


@dataclass(frozen=True, slots=True)
class FrameRow:
    """One frame of uploaded media: its path under ``raw/`` and its size."""

    path: str
    width: int
    height: int


class MediaRecords:
    """Writes and reads of ``data`` and ``frames`` rows for uploaded media."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def attach(
        self,
        task_id: int,
        *,
        image_quality: int,
        chunk_size: int | None,
        size: int,
        start_frame: int,
        stop_frame: int,
        frame_filter: str,
        chunk_type: str,
    ) -> tuple[int, int | None]:
        """A new data record for the task, as ``POST tasks/{id}/data`` saves it: (its id, the id it replaced)."""
        with self._db.write() as conn:
            previous = conn.execute("SELECT data_id FROM tasks WHERE id = ?", (task_id,)).fetchone()[0]
            data_id = conn.execute(
                "INSERT INTO data (size, image_quality, chunk_size, start_frame, stop_frame, frame_filter, chunk_type,"
                " storage) VALUES (?, ?, ?, ?, ?, ?, ?, 'uploaded')",
                (size, image_quality, chunk_size, start_frame, stop_frame, frame_filter, chunk_type),
            ).lastrowid
            conn.execute("UPDATE tasks SET data_id = ? WHERE id = ?", (data_id, task_id))
            if previous is not None:
                conn.execute(
                    "DELETE FROM data WHERE id = ? AND id NOT IN (SELECT data_id FROM tasks WHERE data_id IS NOT NULL)",
                    (previous,),
                )
        return int(data_id or 0), previous

    def save_processed(
        self,
        task_id: int,
        data_id: int,
        frames: Sequence[FrameRow],
        chunk_size: int,
        stop_frame: int,
        *,
        video_name: str | None = None,
    ) -> None:
        """Store the frames, size and chunk size; set mode, overlap and cut segments with one job each.

        ``video_name``: the frames come from this video (chunks are MP4, the task's mode is interpolation).

        Segments are added to the ones the task already has, as CVAT does when data is attached twice.
        """
        size = len(frames)
        with self._db.write() as conn:
            conn.executemany(
                "INSERT INTO frames (data_id, frame, path, width, height) VALUES (?, ?, ?, ?, ?)",
                [(data_id, number, row.path, row.width, row.height) for number, row in enumerate(frames)],
            )
            conn.execute(
                "UPDATE data SET size = ?, chunk_size = ?, stop_frame = ?, width = ?, height = ? WHERE id = ?",
                (size, chunk_size, stop_frame, frames[0].width, frames[0].height, data_id),
            )
            if video_name is not None:
                conn.execute(
                    "UPDATE data SET chunk_type = 'video', name_pattern = ? WHERE id = ?", (video_name, data_id)
                )
            segment_size, overlap = conn.execute(
                "SELECT segment_size, overlap FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
            overlap = processed_overlap(overlap, segment_size, size, video=video_name is not None)
            for start, stop in segment_ranges(segment_size, overlap, size):
                segment_id = conn.execute(
                    "INSERT INTO segments (task_id, start_frame, stop_frame) VALUES (?, ?, ?)", (task_id, start, stop)
                ).lastrowid
                conn.execute("INSERT INTO jobs (segment_id) VALUES (?)", (segment_id,))
            statuses = [
                row[0]
                for row in conn.execute(
                    "SELECT j.status FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE s.task_id = ?",
                    (task_id,),
                )
            ]
            conn.execute(
                "UPDATE tasks SET mode = ?, overlap = ?, status = ? WHERE id = ?",
                ("annotation" if video_name is None else "interpolation", overlap, task_status(statuses), task_id),
            )

    def frames(self, data_id: int) -> list[FrameRow]:
        """The frames of a data record, in frame order."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT path, width, height FROM frames WHERE data_id = ? ORDER BY frame", (data_id,)
            ).fetchall()
        return [FrameRow(*row) for row in rows]

    def frame(self, data_id: int, number: int) -> FrameRow | None:
        """One frame."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT path, width, height FROM frames WHERE data_id = ? AND frame = ?", (data_id, number)
            ).fetchone()
        return FrameRow(*row) if row else None
