"""Uploaded media on disk, one folder per data record: ``raw/`` (the uploaded or extracted files, as sent),
``compressed/NNNNNN.jpeg`` (frames re-encoded at the task's image quality), ``chunks/`` (see ``chunks.py``) and
``preview.jpeg``."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path, PurePosixPath
from typing import BinaryIO


def safe_name(name: str) -> str:
    """The file name a multipart upload is stored under: its last path part, without control characters."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned if cleaned not in ("", ".", "..") else "file"


def safe_relative(path: str) -> PurePosixPath | None:
    """A relative path inside a folder (archive members), or None when it would leave it."""
    parts = [part for part in PurePosixPath(path.replace("\\", "/")).parts if part not in ("", ".", "/")]
    if not parts or ".." in parts:
        return None
    return PurePosixPath(*parts)


class MediaStore:
    """Paths of and operations on media folders under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, data_id: int) -> Path:
        """The data record's folder."""
        return self.root / str(data_id)

    def raw(self, data_id: int) -> Path:
        """Where uploaded (and extracted) files live; frame paths are relative to it."""
        return self.folder(data_id) / "raw"

    def compressed(self, data_id: int, frame: int) -> Path:
        """Frame ``frame`` as a JPEG at the task's image quality."""
        return self.folder(data_id) / "compressed" / f"{frame:06d}.jpeg"

    def preview(self, data_id: int) -> Path:
        """The ≤256×256 JPEG thumbnail of the first frame."""
        return self.folder(data_id) / "preview.jpeg"

    def save_upload(self, data_id: int, name: str, source: BinaryIO) -> str:
        """Copy an uploaded file into ``raw/``; a name already taken gets a random suffix (as Django's storage)."""
        folder = self.raw(data_id)
        folder.mkdir(parents=True, exist_ok=True)
        stored = safe_name(name)
        target = folder / stored
        while target.exists():
            stem, dot, ext = stored.rpartition(".")
            stored = f"{stem}_{secrets.token_hex(4)[:7]}.{ext}" if dot else f"{stored}_{secrets.token_hex(4)[:7]}"
            target = folder / stored
        with target.open("xb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
        return stored

    def original(self, data_id: int, path: str) -> Path:
        """The stored original of a frame, from its relative path."""
        return self.raw(data_id) / path

    def remove(self, data_id: int) -> None:
        """Delete the data record's folder and everything in it."""
        shutil.rmtree(self.folder(data_id), ignore_errors=True)

    def clear_derived(self, data_id: int) -> None:
        """Delete what processing made (compressed frames, preview), keeping the uploads."""
        shutil.rmtree(self.folder(data_id) / "compressed", ignore_errors=True)
        shutil.rmtree(self.folder(data_id) / "chunks", ignore_errors=True)
        with_preview = self.preview(data_id)
        if with_preview.exists():
            os.unlink(with_preview)
