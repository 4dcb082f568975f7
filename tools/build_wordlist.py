"""Build newsarchive/data/zh-words.txt.gz from jieba's dictionary (MIT licence, © Sun Junyi).

Usage: python tools/build_wordlist.py path/to/jieba/dict.txt

Keeps words of 2–4 CJK ideographs with a frequency of at least 5: the lexical
evidence for rejoining paragraphs cut at frame breaks needs only to know
whether a word spans a cut, and how common it is.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

MIN_FREQ = 5


def main(dict_path: str) -> None:
    rows = []
    for line in Path(dict_path).read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if 2 <= len(word) <= 4 and int(freq) >= MIN_FREQ and all("\u4e00" <= c <= "\u9fff" for c in word):
            rows.append(f"{word} {freq}")
    rows.sort()
    out = Path(__file__).resolve().parent.parent / "newsarchive" / "data" / "zh-words.txt.gz"
    # mtime=0 keeps the file byte-identical across rebuilds.
    out.write_bytes(gzip.compress("\n".join(rows).encode("utf-8"), 9, mtime=0))
    print(f"{len(rows)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
