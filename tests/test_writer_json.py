"""The JSON writer's encoder against json.dumps, on the shapes it writes a column at a time."""

from __future__ import annotations

import json
import subprocess
import sys
from enum import IntEnum

from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive.model import Page, PageMeta
from newsarchive.serialize import page_to_dict
from newsarchive.writers import json as json_writer

from conftest import EXAMPLE

_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
_leaves = _scalars | st.lists(_scalars, max_size=4) | st.tuples(_scalars, _scalars)
_keys = st.sampled_from(["id", "text", "%s", "a%%b", "ü\n", ""])


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, object]]:
    """Lists of dicts sharing their keys (as page_to_dict writes fragments), sometimes with a misfit."""
    keys = draw(st.lists(_keys, unique=True, max_size=4))
    values = _leaves | st.dictionaries(_keys, _leaves, max_size=2) | st.lists(st.dictionaries(_keys, _scalars, max_size=2), max_size=2)
    records: list[dict[str, object]] = [
        {key: draw(values) for key in keys} for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    if draw(st.booleans()):  # the same keys in another order, or another value where a dict stood
        misfit = draw(st.sampled_from(["reversed", "scalar", "list"]))
        if misfit == "reversed":
            records.append(dict(reversed(list(records[0].items()))))
        else:
            records.append(draw(_scalars) if misfit == "scalar" else draw(st.lists(_scalars, max_size=2)))
    return records


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(_keys, _records() | _leaves, max_size=3))
def test_lists_of_same_keyed_dicts_are_written_as_json_dumps_writes_them(value):
    assert json_writer.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Number(IntEnum):
    ONE = 1


def test_subclasses_non_string_keys_and_non_finite_floats_are_written_as_json_dumps_writes_them():
    values = [
        [{"n": _Number.ONE, "f": float("nan")}, {"n": 2, "f": float("-inf")}],
        [{"k": [1, _Number.ONE]}, {"k": ()}],
        [{1: "int key"}, {1: "again"}],
        [{"a": None, "b": [True, False, None, 1e300, -0.0]}],
        [{"a": [{"deep": []}]}, {"a": []}],
    ]
    for value in values:
        assert json_writer.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_page_is_written_as_json_dumps_writes_its_dict():
    page = newsarchive.load(EXAMPLE)
    expected = json.dumps(page_to_dict(page), ensure_ascii=False, indent=2) + "\n"
    assert newsarchive.write(page, "json").data == expected.encode("utf-8")


def test_lone_surrogates_are_escaped_and_reported():
    page = Page(meta=PageMeta(source="a\ud800b"))
    result = newsarchive.write(page, "json")
    assert b"a\\ud800b" in result.data
    assert [w.code for w in result.warnings] == ["lone-surrogate-escaped"]
    assert json.loads(result.data)["meta"]["source"] == "a\ud800b"
    assert newsarchive.write(Page(meta=PageMeta(source="ab")), "json").warnings == ()


def test_the_json_writer_imports_neither_the_json_package_nor_the_zip_modules():
    code = (
        "import sys; from newsarchive import api, model; before = set(sys.modules)\n"
        "from newsarchive.writers.json import JsonWriter\n"
        "JsonWriter().write(model.Page(meta=model.PageMeta(source='a\\ud800')))\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "newsarchive.writers.json" in loaded
    assert sorted(loaded & {"json", "json.decoder", "json.encoder", "zlib", "struct", "zipfile", "newsarchive.writers.zipfiles"}) == []
