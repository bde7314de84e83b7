"""A small streaming XML writer that indents like CVAT's dumper (two spaces, one element per line)."""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr


class XmlWriter:
    """Writes elements to ``out``; ``open``/``close`` nest, ``leaf`` writes one element with text."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._level = 0
        out.write('<?xml version="1.0" encoding="utf-8"?>')

    def _start(self, tag: str, attributes: dict[str, str] | None) -> str:
        attrs = "".join(f" {name}={quoteattr(str(value))}" for name, value in (attributes or {}).items())
        return f"<{tag}{attrs}>"

    def open(self, tag: str, attributes: dict[str, str] | None = None) -> None:
        self._out.write("\n" + "  " * self._level + self._start(tag, attributes))
        self._level += 1

    def close(self, tag: str) -> None:
        self._level -= 1
        self._out.write("\n" + "  " * self._level + f"</{tag}>")

    def leaf(self, tag: str, text: str = "", attributes: dict[str, str] | None = None) -> None:
        self._out.write("\n" + "  " * self._level + self._start(tag, attributes) + escape(str(text)) + f"</{tag}>")
