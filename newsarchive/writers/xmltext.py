"""XML written as text: a small element tree serialized byte for byte as lxml (libxml2) serializes it.

For writers that build many small elements (NewsML items, EPUB document bodies):
building them with lxml cost a few microseconds an element.  Only what those writers
build is supported: elements with text or with children (never both), attributes in
the order set, namespace declarations given as text; text is XML-safe already.
"""

from __future__ import annotations

import re
from typing import Iterator

__all__ = ["Element", "escape_attribute", "escape_text"]


class Element:
    """An element: a tag, attributes in the order set, and text or children (never both)."""

    __slots__ = ("tag", "attrs", "text", "children", "namespaces")

    def __init__(self, tag: str, text: str | None = None, attrs: dict[str, str] | None = None, namespaces: str = "") -> None:
        self.tag = tag
        self.attrs = attrs if attrs is not None else {}
        self.text = text
        self.children: list[Element] = []
        self.namespaces = namespaces  # declarations, written before the attributes

    def sub(self, tag: str, text: str | None = None, attrs: dict[str, str] | None = None) -> Element:
        """Append a new child and return it."""
        child = Element(tag, text, attrs)
        self.children.append(child)
        return child

    def set(self, key: str, value: str) -> None:
        """Set an attribute (a new one goes last)."""
        self.attrs[key] = value

    def find(self, tag: str) -> Element | None:
        """The first child with this tag."""
        return next((child for child in self.children if child.tag == tag), None)

    def itertext(self) -> Iterator[str]:
        """The texts of the element and its descendants, in document order."""
        if self.text:
            yield self.text
        for child in self.children:
            yield from child.itertext()

    def _start(self) -> str:
        if not self.attrs:
            return "<" + self.tag + self.namespaces
        attrs = "".join([f' {key}="{escape_attribute(value)}"' for key, value in self.attrs.items()])
        return "<" + self.tag + self.namespaces + attrs

    def write(self, indent: str, out: list[str]) -> None:
        """Append the element as ``tostring(pretty_print=True)`` writes it at ``indent``: a line an element."""
        start = indent + self._start()
        if self.children:
            out.append(start + ">\n")
            inner = indent + "  "
            for child in self.children:
                child.write(inner, out)
            out.append(f"{indent}</{self.tag}>\n")
        elif self.text is not None:  # empty text too: lxml writes <p></p> for it
            out.append(f"{start}>{escape_text(self.text)}</{self.tag}>\n")
        else:
            out.append(start + "/>\n")


def escape_text(text: str) -> str:
    """Character data as libxml2 writes it (the text is XML-safe already)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


_ATTRIBUTE_ESCAPED = re.compile('[&<>"\n\r\t]')


def escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes."""
    if not _ATTRIBUTE_ESCAPED.search(value):  # most are codes, names and guids: nothing to escape
        return value
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    )
