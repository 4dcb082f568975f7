"""The word-list files in newsarchive/data: their layout, the builder that writes it, and what is read from them."""

from __future__ import annotations

import array
import bisect
import importlib.util
import math
import sys
from importlib.resources import files

import pytest

from newsarchive.profiles import lexicon, segmentation

from conftest import ROOT

DATA = files("newsarchive").joinpath("data")
WORD_LIST = ("zh-words.txt", "zh-word-freqs.u32le", "zh-word-index.u32le")


def _u32le(name: str) -> list[int]:
    values = array.array("I")
    values.frombytes(DATA.joinpath(name).read_bytes())
    if sys.byteorder == "big":
        values.byteswap()
    return values.tolist()


@pytest.fixture(scope="module")
def words() -> list[str]:
    return DATA.joinpath("zh-words.txt").read_text(encoding="utf-8").split("\n")[:-1]


def test_the_words_are_sorted_han_words_with_a_frequency_each(words):
    assert words == sorted(set(words)) and len(words) > 100_000
    assert [w.encode("utf-8") for w in words] == sorted(w.encode("utf-8") for w in words)  # byte order too
    assert all(2 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w) for w in words)
    freqs = _u32le("zh-word-freqs.u32le")
    assert len(freqs) == len(words) and min(freqs) >= 5


def test_the_index_bounds_each_first_characters_words(words):
    index = _u32le("zh-word-index.u32le")
    n = len(index) // 3
    firsts, lines, offsets = index[:n], index[n : 2 * n], index[2 * n :]
    assert len(index) == 3 * n
    assert firsts[:-1] == sorted({ord(w[0]) for w in words}) and firsts[-1] == 0x110000
    assert lines[-1] == len(words) and offsets[-1] == len(DATA.joinpath("zh-words.txt").read_bytes())
    text = DATA.joinpath("zh-words.txt").read_bytes()
    for i, first in enumerate(firsts[:-1]):
        run = words[lines[i] : lines[i + 1]]
        assert run and all(ord(w[0]) == first for w in run)
        assert text[offsets[i] : offsets[i + 1]].decode("utf-8").split("\n")[:-1] == run


def test_the_builder_writes_the_shipped_word_list_files(words, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_wordlist", ROOT / "tools" / "build_wordlist.py")
    build = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(build)  # type: ignore[union-attr]
    monkeypatch.setattr(build, "DATA", tmp_path)
    table = dict(zip(words, _u32le("zh-word-freqs.u32le"), strict=True))
    build.write_words(dict(sorted(table.items(), key=lambda item: item[1])))  # in any order
    for name in WORD_LIST:
        assert (tmp_path / name).read_bytes() == DATA.joinpath(name).read_bytes(), name


def test_completions_are_the_bisected_remainders_of_the_whole_list(words):
    def whole_list(prefix: str) -> tuple[str, ...]:
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff", lo)
        return tuple(w[len(prefix) :] for w in words[lo:hi] if len(w) > len(prefix))

    prefixes = [w[:k] for w in words[::211] for k in (1, 2, 3, 4)]
    prefixes += ["", "中", "中国", "a", "\ud800", "\U0010ffff", "中\U0010ffff", words[0][0], words[-1][0], words[-1]]
    for prefix in prefixes:
        assert lexicon.completions(prefix) == whole_list(prefix), prefix


def test_the_character_tables_are_their_files_lines():
    lines = DATA.joinpath("zh-char-freqs.txt").read_text(encoding="utf-8").splitlines()
    label, total = lines[0].split("\t")
    _, log_total, unknown = segmentation._model()
    assert label == "#total" and log_total == math.log(int(total)) and unknown == math.log(0.5) - log_total
    ratios = DATA.joinpath("zh-start-ratios.txt").read_text(encoding="utf-8")
    freqs = "\n".join(lines[1:]) + "\n"
    strays = ["#", "#total", "\t", "\n", " ", "", "a", "中国", "\ud800", "\U0010ffff"]
    for text, parse in ((ratios, float), (freqs, int)):
        expected = {ch: parse(value) for ch, value in (line.split("\t") for line in text.splitlines())}
        asked = [*list(expected)[:100], *strays, *list(expected)[-100:], *strays, *expected]
        table = lexicon.CharTable(text, parse)
        # Found by searching the text for the first SEARCH_UNTIL lookups, in one dict after them.
        assert [table.get(ch) for ch in asked] == [expected.get(ch) for ch in asked]
        assert table._all == expected
        if parse is float:
            assert [lexicon.start_ratio(ch) for ch in asked] == [expected.get(ch) for ch in asked]
        else:
            floor = [math.log(expected[ch]) - log_total if expected.get(ch) else unknown for ch in asked if len(ch) == 1]
            assert [segmentation.log_prob(ch) for ch in asked if len(ch) == 1] == floor


def test_a_character_table_finds_whole_first_fields_only():
    table = lexicon.CharTable("甲\t乙1\n乙\t2\na\t3\n乙乙\t4", str)  # 乙 first occurs in a value
    asked = ["乙", "甲", "a", "乙乙", "丙", "1", "\t", "", "甲\t乙1"]
    assert [table.get(ch) for ch in asked] == ["2", "乙1", "3", "4", None, None, None, None, None]
