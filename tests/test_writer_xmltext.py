"""The writers' XML-as-text serializer against lxml's, on random trees of what the writers build."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsarchive.writers.xmltext import Element

from helpers import xmltext_as_lxml

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
                .filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=8)
_names = st.sampled_from(["p", "h1", "item", "x-y", "a.b"])
_attrs = st.dictionaries(st.sampled_from(["class", "lang", "role", "value"]), _text, max_size=3)


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> Element:
    element = Element(draw(_names), attrs=draw(_attrs))
    if depth < 3 and draw(st.booleans()):
        element.children = [draw(_trees(depth + 1)) for _ in range(draw(st.integers(1, 3)))]
    else:
        element.text = draw(st.none() | _text)
    return element


@settings(max_examples=200, deadline=None)
@given(_trees())
def test_text_is_what_lxml_writes(tree: Element) -> None:
    pretty: list[str] = []
    tree.write("", pretty)
    node = xmltext_as_lxml(tree)
    assert "".join(pretty) == etree.tostring(node, encoding="unicode", pretty_print=True)
    assert list(tree.itertext()) == [t for t in node.itertext() if t]
