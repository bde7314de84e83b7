"""The annotation formats of CVAT v1.1 (``server/annotation/formats``): real writers and readers, one module per
format family. TFRecord is listed but disabled, as on every CVAT server without TensorFlow."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import coco, cvat, datumaro, labelme, mot, segmentation, voc, yolo
from .model import ImageSource, TaskSnapshot

Writer = Callable[[TaskSnapshot, zipfile.ZipFile, ImageSource | None, str], None]
Reader = Callable[[Path, TaskSnapshot], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Format:
    """One entry of the formats list; ``write``/``read`` are None for a disabled format."""

    name: str
    ext: str
    write: Writer | None = None
    read: Reader | None = None

    @property
    def enabled(self) -> bool:
        return self.write is not None or self.read is not None

    @property
    def version(self) -> str:
        return self.name.rsplit(" ", 1)[-1]

    def describe(self) -> dict[str, Any]:
        """As ``server/annotation/formats`` lists it."""
        return {"name": self.name, "ext": self.ext, "version": self.version, "enabled": self.enabled}


EXPORTERS = (
    Format("COCO 1.0", "ZIP", write=coco.export),
    Format("CVAT for video 1.1", "ZIP", write=cvat.export_video),
    Format("CVAT for images 1.1", "ZIP", write=cvat.export_images),
    Format("Datumaro 1.0", "ZIP", write=datumaro.export),
    Format("LabelMe 3.0", "ZIP", write=labelme.export),
    Format("Segmentation mask 1.1", "ZIP", write=segmentation.export),
    Format("MOT 1.1", "ZIP", write=mot.export),
    Format("PASCAL VOC 1.1", "ZIP", write=voc.export),
    Format("TFRecord 1.0", "ZIP"),  # needs TensorFlow, which CVAT (and this sandbox) do not ship
    Format("YOLO 1.1", "ZIP", write=yolo.export),
)
IMPORTERS = (
    Format("COCO 1.0", "JSON, ZIP", read=coco.load),
    Format("CVAT 1.1", "XML, ZIP", read=cvat.load),
    Format("LabelMe 3.0", "ZIP", read=labelme.load),
    Format("Segmentation mask 1.1", "ZIP", read=segmentation.load),
    Format("MOT 1.1", "ZIP", read=mot.load),
    Format("PASCAL VOC 1.1", "ZIP", read=voc.load),
    Format("TFRecord 1.0", "ZIP"),
    Format("YOLO 1.1", "ZIP", read=yolo.load),
)


def exporter(name: str) -> Format | None:
    """The exporter with this display name."""
    return next((entry for entry in EXPORTERS if entry.name == name), None)


def importer(name: str) -> Format | None:
    """The importer with this display name."""
    return next((entry for entry in IMPORTERS if entry.name == name), None)


__all__ = ["EXPORTERS", "IMPORTERS", "Format", "ImageSource", "TaskSnapshot", "exporter", "importer"]
