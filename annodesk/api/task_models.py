"""Models for creating and feeding tasks: label specs to send, the data upload's echo, processing status and
the server's annotation formats. Frozen msgspec structs, like :mod:`annodesk.api.models`."""

from __future__ import annotations

import msgspec

INPUT_TYPES = ("select", "radio", "checkbox", "text", "number")


class _Model(msgspec.Struct, frozen=True, kw_only=True):
    """Base: immutable, keyword-only.

    Subclasses say ``frozen=True`` again: msgspec inherits it at run time, but type checkers read only the class
    statement (``dataclass_transform``).
    """


class NewAttribute(_Model, frozen=True):
    """An attribute spec to create (or, by name, update) on a label.

    ``input_type`` is one of :data:`INPUT_TYPES`. ``values`` follow CVAT's web UI conventions: the options of a
    select/radio (``default_value`` is one of them), ``("true",)`` or ``("false",)`` for a checkbox,
    ``(min, max, step)`` for a number, the default text for a text attribute.
    """

    name: str
    input_type: str
    mutable: bool = False
    default_value: str = ""
    values: tuple[str, ...] = ()


class NewLabel(_Model, frozen=True):
    """A label to create (or update by name); an empty ``color`` lets the server pick one."""

    name: str
    color: str = ""
    attributes: tuple[NewAttribute, ...] = ()


class TaskStatus(_Model, frozen=True):
    """``tasks/{id}/status``: ``Queued``, ``Started`` (with a progress message), ``Finished`` or ``Failed``."""

    state: str
    message: str = ""

    @property
    def finished(self) -> bool:
        return self.state == "Finished"

    @property
    def failed(self) -> bool:
        return self.state == "Failed"


class DataUpload(_Model, frozen=True):
    """The data record the server echoes after ``POST tasks/{id}/data`` (202): what it will process."""

    image_quality: int
    chunk_size: int | None = None
    size: int = 0
    start_frame: int = 0
    stop_frame: int = 0
    frame_filter: str = ""
    compressed_chunk_type: str = "imageset"
    original_chunk_type: str = "imageset"
    client_files: tuple[str, ...] = ()
    server_files: tuple[str, ...] = ()
    remote_files: tuple[str, ...] = ()
    use_zip_chunks: bool = False


class AnnotationFormat(_Model, frozen=True):
    """One import or export format: ``name`` is what ``format=`` takes (``"CVAT for images 1.1"``)."""

    name: str
    ext: str = ""
    version: str = ""
    enabled: bool = True

    @property
    def extensions(self) -> tuple[str, ...]:
        """``ext`` split into lower-case file extensions: ``"JSON, ZIP"`` → ``("json", "zip")``."""
        return tuple(part.strip().lower() for part in self.ext.split(",") if part.strip())


class AnnotationFormats(_Model, frozen=True):
    """``server/annotation/formats``."""

    importers: tuple[AnnotationFormat, ...] = ()
    exporters: tuple[AnnotationFormat, ...] = ()

    def exporter(self, name: str) -> AnnotationFormat | None:
        """The export format called ``name`` (None when the server has none of that name)."""
        return next((entry for entry in self.exporters if entry.name == name), None)

    def importer(self, name: str) -> AnnotationFormat | None:
        """The import format called ``name`` (None when the server has none of that name)."""
        return next((entry for entry in self.importers if entry.name == name), None)
