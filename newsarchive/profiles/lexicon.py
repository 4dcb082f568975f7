"""A Chinese word list (from jieba's dictionary, shipped offline) used as join evidence."""

from __future__ import annotations

import array
import bisect
import functools
import gzip
import sys
from importlib.resources import files
from typing import Iterator, Mapping

# Once this many first characters have been looked up (one page looks up about 90,
# five pages 250), the process is converting many pages: one full dict (C-speed
# lookups) then pays for itself, and a batch worker's memory stays flat after it.
FULL_AFTER = 200


class _Lexicon(Mapping[str, int]):
    """Word → frequency over the sorted word list, one first character's words made a dict on first lookup.

    Building the whole 120k-entry dict is most of a single-page conversion's
    start-up; one page looks up words starting with a few hundred characters.
    """

    def __init__(self, keys: list[str], freqs: array.array) -> None:  # type: ignore[type-arg]
        self._keys = keys
        self._freqs = freqs
        self._shards: dict[str, dict[str, int]] = {}

    def _shard(self, first: str) -> dict[str, int]:
        keys = self._keys
        lo = bisect.bisect_left(keys, first)
        # The list is in code-point order, so a character's words end where the next character's begin.
        hi = bisect.bisect_left(keys, chr(ord(first) + 1), lo) if ord(first) < sys.maxunicode else len(keys)
        shard = self._shards[first] = dict(zip(keys[lo:hi], self._freqs[lo:hi]))
        return shard

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
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def full(self) -> dict[str, int] | None:
        """The whole list as one dict once many characters have been looked up, else None."""
        if len(self._shards) < FULL_AFTER:
            return None
        self._shards.clear()  # the dict replaces them (lookups through this object rebuild them if needed)
        return dict(zip(self._keys, self._freqs))


@functools.cache
def _lexicon() -> _Lexicon:
    data = files("newsarchive").joinpath("data")
    keys = gzip.decompress(data.joinpath("zh-words.txt.gz").read_bytes()).decode("utf-8").split("\n")
    freqs = array.array("I")
    freqs.frombytes(gzip.decompress(data.joinpath("zh-word-freqs.u32le.gz").read_bytes()))
    if sys.byteorder == "big":  # stored little-endian
        freqs.byteswap()
    return _Lexicon(keys, freqs)


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
    if isinstance(table, _Lexicon):
        shard = table._shards.get(first)
        return shard if shard is not None else table._shard(first)
    return table


@functools.lru_cache(maxsize=1024)  # a 1-character prefix has up to thousands of completions
def completions(prefix: str) -> tuple[str, ...]:
    """The remainders of the dictionary words that begin with ``prefix`` and are longer (中 → 国, 国人, …).

    Found by bisection in the sorted word list, so a lookup costs the words it returns.
    """
    keys = _lexicon()._keys
    lo = bisect.bisect_left(keys, prefix)
    hi = bisect.bisect_left(keys, prefix + "\U0010ffff", lo)
    return tuple(word[len(prefix) :] for word in keys[lo:hi] if len(word) > len(prefix))


@functools.cache
def _start_ratios() -> dict[str, float]:
    text = files("newsarchive").joinpath("data/zh-start-ratios.txt").read_text(encoding="utf-8")
    return {ch: float(r) for ch, _, r in (line.partition("\t") for line in text.splitlines())}


def start_ratio(ch: str) -> float | None:
    """How often the character opens the dictionary words it occurs in (None if too rare to say).

    A paragraph rarely opens with a character that mostly ends words (性, 们,
    化): a low ratio is evidence that text starting with it continues a cut.
    """
    return _start_ratios().get(ch)
