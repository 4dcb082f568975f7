"""A Chinese word list (from jieba's dictionary, shipped offline) used as join evidence."""

from __future__ import annotations

import array
import bisect
import functools
import os
import sys
from typing import Callable, Generic, Iterator, Mapping, Sequence, TypeVar, cast

# Once this many first characters have been looked up (one page looks up about 90,
# five pages 250), the process is converting many pages: one full dict (C-speed
# lookups) then pays for itself, and a batch worker's memory stays flat after it.
FULL_AFTER = 200
# A character table is searched for its first this many lookups (a page makes a few dozen), then
# parsed whole: parsing the character frequencies' 11,580 lines costs ~10 ms of a one-page
# conversion, a search of them ~6 µs.
SEARCH_UNTIL = 256

_V = TypeVar("_V")


class _Lexicon(Mapping[str, int]):
    """Word → frequency over the sorted word list, one first character's words made a dict on first lookup.

    Parsing all 120k words is most of a single-page conversion's start-up; one
    page looks up words starting with a few hundred characters.  A first-character
    index gives each character's run of lines (and of frequencies), so a lookup
    decodes only that run.  The layout is described in newsarchive/data/README.md.
    """

    def __init__(self, words: bytes, freqs: Sequence[int], index: Sequence[int]) -> None:
        self._words = words  # UTF-8, one word a line, sorted
        self._freqs = freqs
        n = len(index) // 3
        self._firsts = index[:n]  # code points of the first characters, ascending, then 0x110000
        self._first_lines = index[n : 2 * n]  # where each one's words begin: line number ...
        self._first_offsets = index[2 * n :]  # ... and byte offset
        self._shards: dict[str, dict[str, int]] = {}

    def _run(self, first: str) -> int | None:
        """The index entry of the character ``first``, or None if no word begins with it."""
        i = bisect.bisect_left(self._firsts, ord(first))
        return i if self._firsts[i] == ord(first) else None  # the closing entry matches no character

    def _words_of_run(self, i: int) -> list[str]:
        # The words are CJK ideographs only (tools/build_wordlist.py), so a whitespace split separates them.
        return self._words[self._first_offsets[i] : self._first_offsets[i + 1]].decode("utf-8").split()

    def _shard(self, first: str) -> dict[str, int]:
        i = self._run(first)
        if i is None:
            shard = self._shards[first] = {}
        else:
            freqs = self._freqs[self._first_lines[i] : self._first_lines[i + 1]]
            shard = self._shards[first] = dict(zip(self._words_of_run(i), freqs))
        return shard

    def _lines(self, prefix: str) -> bytes:
        """The lines (each ending with a newline) of the words that begin with ``prefix``, in order.

        They are consecutive lines of the first character's run: two C-speed searches of its
        bytes find them, where decoding the whole run (hundreds of words for a common character)
        would cost more.
        """
        if not prefix:
            return self._words
        i = self._run(prefix[0])
        if i is None:
            return b""
        lo, hi = self._first_offsets[i], self._first_offsets[i + 1]
        key = prefix.encode("utf-8", "surrogatepass")  # a lone surrogate begins no word: no match
        if self._words.startswith(key, lo, hi):
            start = lo
        else:
            found = self._words.find(b"\n" + key, lo, hi)  # a newline ends the line before each word
            if found < 0:
                return b""
            start = found + 1
        last = max(start, self._words.rfind(b"\n" + key, start, hi) + 1)  # where the last such line starts
        return self._words[start : self._words.index(b"\n", last) + 1]

    def starting_with(self, prefix: str) -> list[str]:
        """The words that begin with ``prefix``, sorted (all of them for ``""``)."""
        return self._lines(prefix).decode("utf-8").split()

    def completions(self, prefix: str) -> list[str]:
        """The remainders of the words that begin with ``prefix`` and are longer, sorted."""
        # bytes.replace() cuts the prefix off every line at once; the word equal to the prefix
        # leaves an empty line, which split() drops.
        key = prefix.encode("utf-8", "surrogatepass")
        return (b"\n" + self._lines(prefix)).replace(b"\n" + key, b"\n").decode("utf-8").split()

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """The word's frequency, or ``default``."""
        if not isinstance(word, str) or not word:
            return default
        shard = self._shards.get(word[0])
        if shard is None:
            shard = self._shard(word[0])
        return shard.get(word, default)

    def __getitem__(self, word: str) -> int:
        freq = self.get(word)
        if freq is None:
            raise KeyError(word)
        return freq

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.starting_with(""))

    def __len__(self) -> int:
        return len(self._freqs)

    def full(self) -> dict[str, int] | None:
        """The whole list as one dict once many characters have been looked up, else None."""
        if len(self._shards) < FULL_AFTER:
            return None
        self._shards.clear()  # the dict replaces them (lookups through this object rebuild them if needed)
        return dict(zip(self.starting_with(""), self._freqs))


def _package_data(name: str) -> bytes:
    """The content of the file ``name`` in newsarchive/data."""
    # Read through the package's loader (zipped installs included), as pkgutil.get_data does, without
    # the imports of importlib.resources.files() (zipfile, …: several ms of a one-page conversion) or
    # of pkgutil itself.
    package = sys.modules[__name__.partition(".")[0]]
    loader = package.__spec__.loader if package.__spec__ is not None else None
    init_file = getattr(package, "__file__", None)
    if loader is None or not hasattr(loader, "get_data") or init_file is None:  # a loader that cannot read data files
        raise FileNotFoundError(f"newsarchive/data/{name}")
    return loader.get_data(os.path.join(os.path.dirname(init_file), "data", name))  # type: ignore[no-any-return]


def _u32le(name: str) -> Sequence[int]:
    """The file's little-endian 32-bit unsigned integers."""
    data = _package_data(name)
    if sys.byteorder == "little":
        return memoryview(data).cast("I")  # read in place: a copy into an array costs ~0.5 ms of a one-page conversion
    values = array.array("I")
    values.frombytes(data)
    values.byteswap()
    return values


@functools.cache
def _lexicon() -> _Lexicon:
    return _Lexicon(_package_data("zh-words.txt"), _u32le("zh-word-freqs.u32le"), _u32le("zh-word-index.u32le"))


_full: dict[str, int] | None = None


def words() -> Mapping[str, int]:
    """Word → frequency for Chinese words of 2–4 characters (~120k entries, loaded once, indexed as used).

    A read-only mapping (``in``, ``get``, iteration in sorted order, ``len``);
    after many lookups it is a plain dict with the same content.
    """
    global _full
    if _full is not None:
        return _full
    lexicon = _lexicon()
    _full = lexicon.full()
    return _full if _full is not None else lexicon


def words_from(first: str) -> Mapping[str, int]:
    """The words beginning with the character ``first`` as a plain dict (or the whole list once it is one).

    For loops that look up many candidate words with one first character: a dict's
    own ``get`` instead of the lazy mapping's method call per lookup.
    """
    table = words()
    if type(table) is dict:  # the whole list (tested first, and not with isinstance(): the ABC check is slow)
        return table
    lazy = cast(_Lexicon, table)  # the only other kind words() returns
    shard = lazy._shards.get(first)
    return shard if shard is not None else lazy._shard(first)


def completions(prefix: str) -> tuple[str, ...]:
    """The remainders of the dictionary words that begin with ``prefix`` and are longer (中 → 国, 国人, …).

    Found by searching the bytes of the words of ``prefix[0]``, decoding only the matches.
    """
    # One character's completions (up to thousands, the costliest to find) are asked for again
    # on page after page, a longer prefix's seldom: kept apart, the many longer prefixes met once
    # do not push the characters' out (join-cuts asks for both at every head).
    return _character_completions(prefix) if len(prefix) == 1 else _prefix_completions(prefix)


# A 1-character prefix has up to thousands of completions: 1,024 of them kept held ~5 MiB once a
# batch worker had read a few hundred pages (its memory is to stay flat, benchmarks/throughput.py);
# 256 hold the common characters, and the rest take ~0.1 ms each to find again.
@functools.lru_cache(maxsize=256)
def _character_completions(prefix: str) -> tuple[str, ...]:
    """:func:`completions` of a one-character prefix."""
    return tuple(_lexicon().completions(prefix))


@functools.lru_cache(maxsize=256)
def _prefix_completions(prefix: str) -> tuple[str, ...]:
    """:func:`completions` of a prefix of any other length."""
    return tuple(_lexicon().completions(prefix))


class CharTable(Generic[_V]):
    """The lines ``character<TAB>value`` of a data file, looked up one character at a time.

    The first SEARCH_UNTIL lookups search the text for the character's line; later
    ones read one dict of every line, parsed on the lookup after those.
    """

    def __init__(self, text: str, parse: Callable[[str], _V]) -> None:
        self._text = "\n" + text  # every line, the first included, follows a newline
        self._parse = parse
        self._searches = 0
        self._all: dict[str, _V] | None = None

    def get(self, ch: str) -> _V | None:
        """The value on ``ch``'s line, or None if the file has no such line."""
        if self._all is not None:
            return self._all.get(ch)
        self._searches += 1
        if self._searches > SEARCH_UNTIL:
            # The characters are CJK ideographs (tools/build_wordlist.py): one split yields the pairs.
            # The text stays: a thread still searching it (workers may share a process) finds its line.
            tokens = self._text.split()
            self._all = dict(zip(tokens[0::2], map(self._parse, tokens[1::2])))
            return self._all.get(ch)
        text = self._text
        if len(ch) == 1 and not ch.isascii():
            # Values and separators are ASCII, so a non-ASCII character's first occurrence is
            # normally its line's first field; a one-character search is ~15 times faster.
            at = text.find(ch)
            if at < 0:
                return None  # nowhere in the text, so on no line
            if text[at - 1] != "\n" or not text.startswith("\t", at + 1):
                at = text.find("\n" + ch + "\t") + 1
        else:
            at = text.find("\n" + ch + "\t") + 1  # a whole first field: a newline before it, a tab after
        if at <= 0:
            return None
        start = at + len(ch) + 1
        end = text.find("\n", start)
        return self._parse(text[start : end if end >= 0 else len(text)])


@functools.cache
def _start_ratios() -> CharTable[float]:
    # "char<TAB>ratio" lines.
    return CharTable(_package_data("zh-start-ratios.txt").decode("utf-8"), float)


def start_ratio(ch: str) -> float | None:
    """How often the character opens the dictionary words it occurs in (None if too rare to say).

    A paragraph rarely opens with a character that mostly ends words (性, 们,
    化): a low ratio is evidence that text starting with it continues a cut.
    """
    return _start_ratios().get(ch)
