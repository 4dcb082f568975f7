"""Entry-point registration, the error hierarchy, and the JSON format."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive import plugins
from newsarchive.errors import NewsarchiveError, ReadError, UnknownFormatError
from newsarchive.serialize import page_from_dict, page_to_dict
from newsarchive.writers import json as json_writer

from conftest import EXAMPLE


def test_builtins_registered_through_entry_points():
    assert {"json", "newsml", "epub", "docx"} <= set(plugins.names(plugins.WRITERS))
    assert {"text", "json"} <= set(plugins.names(plugins.READERS))
    steps = newsarchive.api.transforms()
    priorities = [t.priority for t in steps]
    assert priorities == sorted(priorities)
    assert [t.name for t in steps] == [
        "layout-order",
        "tag-roles",
        "running-heads",
        "layout-roles",
        "segment-articles",
        "layout-line-ends",
        "jump-lines",
        "join-cuts",
        "layout-joins",
        "assign-fragments",
        "headers-without-text",
        "layout-assign",
        "join-in-article",
        "join-frames",
        "doubt-openings",
        "order-sections",
        "join-read-next",
        "attach-photos",
    ]


def test_unknown_writer_names_the_available_ones():
    with pytest.raises(UnknownFormatError, match="available: .*json"):
        plugins.load(plugins.WRITERS, "nope")
    assert UnknownFormatError.exit_code == 2 and ReadError.exit_code == 1
    assert issubclass(ReadError, NewsarchiveError)


def test_writers_are_loaded_lazily():
    import subprocess
    import sys

    code = (
        "import sys, newsarchive; p = newsarchive.load(sys.argv[1]); newsarchive.write(p, 'json');"
        "print('docx' in sys.modules, 'ebooklib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_json_round_trip(sample_page):
    data = page_to_dict(sample_page)
    assert page_to_dict(page_from_dict(json.loads(json.dumps(data)))) == data


def test_json_refuses_other_major_version(sample_page):
    data = page_to_dict(sample_page)
    data["version"] = "2.0"
    with pytest.raises(ValueError, match="version"):
        page_from_dict(data)


def test_json_shape_of_example():
    doc = json.loads(newsarchive.write(newsarchive.load(EXAMPLE), "json").data)
    assert set(doc) >= {"format", "version", "meta", "items", "unplaced", "fragments"}
    article = doc["items"][0]
    assert set(article) >= {"type", "kicker", "headline", "subheadline", "byline", "dateline", "blocks", "photos", "confidence"}
    assert set(article["byline"]) >= {"text", "role", "names"}
    assert set(article["blocks"][0]) >= {"type", "text", "fragments", "confidence"}
    assert set(article["photos"][0]["credit"]) >= {"text", "photographers", "agency"}


def test_validate_function_survives_repeated_calls(tmp_path):
    """The API function must not be shadowed by a submodule of the same name after first use."""
    out = tmp_path / "page.json"
    out.write_bytes(newsarchive.write(newsarchive.load(EXAMPLE), "json").data)
    assert newsarchive.validate(out).ok
    assert newsarchive.validate(out).ok


def test_removed_characters_travel_as_data(tmp_path):
    """A warning's removed characters are a structured field, kept by the JSON format and its schema."""
    from dataclasses import replace

    from newsarchive.model import Warning
    from newsarchive.writers import removed_characters

    page = replace(
        newsarchive.load(EXAMPLE),
        warnings=(Warning(code="xml-illegal-removed", message="removed 2", removed=(("\x01", 2),)),),
    )
    data = newsarchive.write(page, "json").data
    (tmp_path / "p.json").write_bytes(data)
    assert newsarchive.validate(tmp_path / "p.json").ok
    assert removed_characters(newsarchive.read(data).warnings) == {"\x01": 2}


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_the_json_writers_encoder_writes_what_json_dumps_writes(value):
    assert json_writer.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_json_writers_encoder_defers_to_json_for_other_values():
    for value in ({1: "int key"}, {"t": ("a", 1)}, [1.5, float("nan"), -float("inf")]):
        assert json_writer.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        json_writer.dumps({"set": {1}})
