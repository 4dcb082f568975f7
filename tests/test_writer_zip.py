"""The writers' zip assembly: byte-equal to zipfile's, readable, deterministic."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive import writers
from newsarchive.writers import zipfiles
from newsarchive.writers.zipfiles import _zipfile_entries, zip_entries

_names = st.text(st.sampled_from("abc/._-图片"), min_size=1, max_size=12)
_entries = st.lists(
    st.tuples(_names, st.binary(max_size=3000) | st.builds(lambda n: b"<w:p/>" * n, st.integers(0, 800))),
    max_size=6,
    unique_by=lambda entry: entry[0],
)
_dates = st.tuples(
    st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)
)


@settings(max_examples=150, deadline=None)
@given(_entries, _dates, st.data())
def test_zip_bytes_equal_zipfiles(entries, date_time, data):
    names = [name for name, _ in entries]
    stored = tuple(data.draw(st.lists(st.sampled_from(names), unique=True))) if names else ()
    repeated = set(data.draw(st.lists(st.sampled_from(names), unique=True))) if names else set()
    made = zip_entries(entries, date_time, stored=stored, repeated=repeated)
    assert made == _zipfile_entries(entries, date_time, stored=stored)
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == list(entries)


def test_repeated_entries_are_compressed_once_and_the_result_is_unchanged():
    zipfiles._packed.cache_clear()
    template = [("word/styles.xml", b"<w:styles/>" * 500), ("word/document.xml", b"<w:document/>")]
    first = zip_entries(template, (2024, 3, 15, 0, 0, 0), repeated={"word/styles.xml"})
    second = zip_entries(template, (2024, 3, 15, 0, 0, 0), repeated={"word/styles.xml"})
    assert first == second == _zipfile_entries(template, (2024, 3, 15, 0, 0, 0))
    info = zipfiles._packed.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_huge_entries_take_zipfiles_path(monkeypatch):
    monkeypatch.setattr(zipfiles, "_FAST_ZIP_LIMIT", 10)

    def not_here(content, method):
        raise AssertionError("an entry over the limit must not take the fast path")

    monkeypatch.setattr(zipfiles, "_pack", not_here)
    entries = [("a.txt", b"x" * 100), ("mimetype", b"application/epub+zip")]
    assert zip_entries(entries, (2000, 1, 1, 0, 0, 0), stored=("mimetype",)) == _zipfile_entries(
        entries, (2000, 1, 1, 0, 0, 0), stored=("mimetype",)
    )


def test_the_zip_helpers_are_still_importable_from_the_writers_package():
    from newsarchive.writers import normalize_zip, zip_entries as from_package

    assert from_package is zip_entries and normalize_zip is zipfiles.normalize_zip
    assert not hasattr(writers, "no_such_helper")
