"""Build the Chinese word list in newsarchive/data/ from jieba's dictionary (MIT licence, © Sun Junyi).

Usage: python tools/build_wordlist.py path/to/jieba/dict.txt

Keeps words of 2–4 CJK ideographs with a frequency of at least MIN_FREQ: the
lexical evidence for rejoining paragraphs cut at frame breaks needs only to know
whether a word spans a cut, how common it is, and how often a character opens
the words it occurs in.  The files are laid out for fast loading:

- ``zh-words.txt.gz``: the words, sorted, one per line;
- ``zh-word-freqs.u32le.gz``: their frequencies, unsigned 32-bit little-endian, same order;
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
import gzip
import math
import sys
from pathlib import Path

MIN_FREQ = 5
MIN_WEIGHT = 20
DATA = Path(__file__).resolve().parent.parent / "newsarchive" / "data"


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
    words = sorted(table)
    freqs = array.array("I", (table[w] for w in words))
    if sys.byteorder == "big":
        freqs.byteswap()
    # mtime=0 keeps the files byte-identical across rebuilds.
    (DATA / "zh-words.txt.gz").write_bytes(gzip.compress("\n".join(words).encode("utf-8"), 9, mtime=0))
    (DATA / "zh-word-freqs.u32le.gz").write_bytes(gzip.compress(freqs.tobytes(), 9, mtime=0))
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
