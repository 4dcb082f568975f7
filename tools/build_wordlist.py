"""Build the Chinese word list in newsarchive/data/ from jieba's dictionary (MIT licence, © Sun Junyi).

Usage: python tools/build_wordlist.py path/to/jieba/dict.txt

Keeps words of 2–4 CJK ideographs with a frequency of at least MIN_FREQ: the
lexical evidence for rejoining paragraphs cut at frame breaks needs only to know
whether a word spans a cut, how common it is, and how often a character opens
the words it occurs in.  The files are laid out for fast loading:

- ``zh-words.txt``: the words, sorted by code point, one per line (UTF-8, so byte
  order is code-point order too);
- ``zh-word-freqs.u32le``: their frequencies, unsigned 32-bit little-endian, same order;
- ``zh-word-index.u32le``: the first-character index, unsigned 32-bit little-endian:
  the code points of the distinct first characters (ascending), then the line
  number of each one's first word, then that line's byte offset in
  ``zh-words.txt``; each of the three parts ends with an entry for the end of
  the list (code point 0x110000, the word count, the file size).  A lookup
  reads one first character's words without parsing the rest;
- ``zh-start-ratios.txt``: ``char<TAB>ratio`` — the frequency-weighted share of the
  dictionary words containing the character that start with it (characters in
  fewer than 20 weighted words are left out);
- ``zh-char-freqs.txt``: ``char<TAB>frequency`` of the dictionary's one-character
  words, after a first line ``#total<TAB>N`` (the sum of every frequency in the
  dictionary): with the word frequencies this is the unigram model that scores
  how much better a text segments with a word across a cut than without.
"""

from __future__ import annotations

import array
import math
import sys
from pathlib import Path

MIN_FREQ = 5
MIN_WEIGHT = 20
END = 0x110000  # past every code point: the index's closing entry
DATA = Path(__file__).resolve().parent.parent / "newsarchive" / "data"


def _u32le(values: list[int]) -> bytes:
    out = array.array("I", values)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def write_words(table: dict[str, int]) -> list[str]:
    """Write the word list, its frequencies and its first-character index; return the sorted words."""
    words = sorted(table)
    firsts: list[int] = []
    first_lines: list[int] = []
    first_offsets: list[int] = []
    offset = 0
    for line, word in enumerate(words):
        if not firsts or firsts[-1] != ord(word[0]):
            firsts.append(ord(word[0]))
            first_lines.append(line)
            first_offsets.append(offset)
        offset += len(word.encode("utf-8")) + 1
    firsts.append(END)
    first_lines.append(len(words))
    first_offsets.append(offset)
    (DATA / "zh-words.txt").write_bytes("".join(f"{w}\n" for w in words).encode("utf-8"))
    (DATA / "zh-word-freqs.u32le").write_bytes(_u32le([table[w] for w in words]))
    (DATA / "zh-word-index.u32le").write_bytes(_u32le(firsts + first_lines + first_offsets))
    return words


def main(dict_path: str) -> None:
    table: dict[str, int] = {}
    chars: dict[str, int] = {}
    total = 0
    for line in Path(dict_path).read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        total += int(freq)
        if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and int(freq) > 0:
            chars[word] = int(freq)
        if 2 <= len(word) <= 4 and int(freq) >= MIN_FREQ and all("\u4e00" <= c <= "\u9fff" for c in word):
            table[word] = int(freq)
    words = write_words(table)
    starts: dict[str, int] = {}
    totals: dict[str, int] = {}
    for word in words:
        weight = int(math.log2(table[word] + 1)) + 1
        starts[word[0]] = starts.get(word[0], 0) + weight
        for ch in set(word):
            totals[ch] = totals.get(ch, 0) + weight
    ratios = sorted((ch, starts.get(ch, 0) / total) for ch, total in totals.items() if total >= MIN_WEIGHT)
    (DATA / "zh-start-ratios.txt").write_text("".join(f"{ch}\t{r:.4f}\n" for ch, r in ratios), encoding="utf-8")
    char_lines = "".join(f"{ch}\t{chars[ch]}\n" for ch in sorted(chars))
    (DATA / "zh-char-freqs.txt").write_text(f"#total\t{total}\n" + char_lines, encoding="utf-8")
    print(f"{len(words)} words, {len(ratios)} character ratios, {len(chars)} characters -> {DATA}")


if __name__ == "__main__":
    main(sys.argv[1])
