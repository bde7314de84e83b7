"""Chunk decoding order and the decoders' handling of broken bytes."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from annodesk.workspace.decoding import ChunkDecodeError, decode_mp4, decode_zip, next_offset


def test_the_frame_waited_for_comes_first_then_those_ahead_of_it() -> None:
    assert next_offset({0, 1, 2, 3, 4}, (None, 1)) == 0  # a prefetch forward: from the start
    assert next_offset({0, 1, 2, 3, 4}, (None, -1)) == 4  # backward: from the end
    assert next_offset({0, 1, 2, 3, 4}, (2, 1)) == 2
    assert next_offset({0, 1, 3, 4}, (2, 1)) == 3  # ahead in the direction of travel
    assert next_offset({0, 1, 3, 4}, (2, -1)) == 1
    assert next_offset({0, 1}, (2, 1)) == 1  # nothing ahead: the nearest behind


def zip_of(colours: list[tuple[int, int, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for offset, colour in enumerate(colours):
            image = io.BytesIO()
            Image.new("RGB", (8, 6), colour).save(image, "PNG")
            archive.writestr(f"{offset:06d}.png", image.getvalue())
    return buffer.getvalue()


def test_zip_entries_are_numbered_by_position_and_follow_the_cursor(qapp: object) -> None:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    cursor = [2]
    order = []
    for offset, image in decode_zip(zip_of(colours), lambda: True, lambda: (cursor[0], 1)):
        order.append(offset)
        assert isinstance(image, QImage) and image.pixelColor(0, 0).getRgb()[:3] == colours[offset]
        cursor[0] = 0 if offset == 2 else cursor[0]  # the player jumped back to the start
    assert order == [2, 0, 1, 3]


def test_a_decode_nobody_wants_stops_at_the_next_frame(qapp: object) -> None:
    wanted = [True]
    seen = []
    for offset, _ in decode_zip(zip_of([(0, 0, 0)] * 5), lambda: wanted[0], lambda: (None, 1)):
        seen.append(offset)
        wanted[0] = False
    assert seen == [0]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", b"\x00" * 100])
def test_broken_chunks_raise_a_decode_error(qapp: object, data: bytes) -> None:
    with pytest.raises(ChunkDecodeError):
        list(decode_zip(data, lambda: True, lambda: (None, 1)))
    with pytest.raises(ChunkDecodeError):
        list(decode_mp4(data, lambda: True, lambda: (None, 1)))
