"""Measure time and peak memory of the command line on big and hostile inputs.

Usage (from the repository root)::

    python benchmarks/bounds.py [--cases NAME,...] [--formats json,newsml,epub,docx] [--keep DIR]

Each case writes one input file into a temporary folder, runs
``newsarchive convert FILE --to FORMATS -o OUT`` in a child process, and reports
the exit status, the wall time and the child's peak resident memory (from
``wait4``), with the first line of its stderr.  The cases are the ones the limits
in :mod:`newsarchive.limits` are chosen against:

``line-50mb``        one 50 MiB line of Chinese text (converts)
``blocks-100k``      100,000 short blocks (refused: too many blocks)
``tiny-2000``        2,000 one-character blocks at the block limit: the worst case of join-cuts
``cuts-2000``        2,000 12-character blocks that do not end a sentence
``long-blocks-2000`` 2,000 blocks of 25 KB (50 MB in all)
``wide-lines-300k``  300,000 lines of 50 characters and no blank line (45 MB): one block, read for lines
                     of a wide measure or one paragraph a line (a quadratic count there once took minutes)
``pieces-120k``      one block of hard-wrapped Chinese whose short lines make 120,000 pieces (credits and
                     captions, 1.1 MB): refused as too many blocks (numbering each piece's line from its
                     block's start was quadratic there: 50 s)
``stacked-4900``     4,900 headlines marked by a column tag, one after the other, then as many bylines:
                     the stacked headers of a page read line by line, at the block limit
``leads-1600``       1,600 headers of three title lines over a byline (the first left next to the header),
                     each followed by text and a dateline lead under no header: 9,600 blocks (looking for
                     each lead's headline among the lines left next to a header by a scan was quadratic)
``subjects-1400``    1,400 articles of a headline, a byline and five frames (wide gaps between them), every
                     text made of the same ten subjects: 9,800 blocks whose groups all share words with
                     many headers (assign-fragments' block moves rebuilt every article's membership at
                     each try: 6.4 s of 10.5)
``json-nested``      a newsarchive-page JSON nested 100,000 deep (refused)
``json-objects``     64 MiB of empty JSON objects (refused before parsing: too many values)
``zero-device``      /dev/zero as input (refused after reading just over the limit)
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

CJK = "社保卡一张能帮助居民完成哪些事项基础性载体线上下场景融合发展"


def _line(path: Path) -> None:
    unit = "社保卡一张能帮助居民完成哪些事项，"
    path.write_bytes((unit * (50 * 2**20 // len(unit.encode()))).encode())


def _blocks_100k(path: Path) -> None:
    path.write_text("\n\n".join(f"第{i}段文字。" for i in range(100_000)), encoding="utf-8")


def _tiny(path: Path) -> None:
    rng = random.Random(1)
    path.write_text("\n\n".join(rng.choice(CJK) for _ in range(2000)), encoding="utf-8")


def _cuts(path: Path) -> None:
    rng = random.Random(1)
    path.write_text("\n\n".join("".join(rng.choice(CJK) for _ in range(12)) for _ in range(2000)), encoding="utf-8")


def _long_blocks(path: Path) -> None:
    rng = random.Random(1)
    block = "".join(rng.choice(CJK) for _ in range(8000)) + "。"  # ~25 KB of UTF-8
    path.write_text("\n\n".join(block for _ in range(2000)), encoding="utf-8")


def _wide_lines(path: Path) -> None:
    path.write_text(("社保卡一张能帮助居民完成哪些事项" * 3 + "基础性\n") * 300_000, encoding="utf-8")


def _pieces(path: Path) -> None:
    column = "打开短视频平台，时常能刷到些荒诞\n" * 20
    path.write_text(column + "\n\n" + "张 三摄\n图为春天的田野里一片绿色。\n" * 60_000, encoding="utf-8")


def _stacked(path: Path) -> None:
    titles = [f"标题第{i}篇来了（今日谈）" for i in range(4900)]
    bylines = [f"本报记者 王{CJK[i % len(CJK)]}强" for i in range(4900)]
    path.write_text("\n\n".join([*titles, *bylines, "正文一段话。"]), encoding="utf-8")


def _leads(path: Path) -> None:
    blocks = []
    for i in range(1600):
        blocks += [f"第{i}号标题甲乙丙丁", f"第{i}号引题己庚辛壬", f"第{i}号主题子丑寅卯", "本报记者 王 强", "正文一段。"]
        blocks.append(f"本报北京6月1日电（记者王珂）第{i}号新闻正文开头。")
    path.write_text("\n\n".join(blocks), encoding="utf-8")


def _shared_subjects(path: Path) -> None:
    words = ["社保卡", "高铁站", "金饰价格", "数字孪生", "大闸蟹", "文旅融合", "乡村振兴", "科技创新", "消费品", "养老服务"]
    pick = random.Random(1)
    blocks = []
    for i in range(1400):
        blocks += [f"{''.join(pick.sample(words, 2))}新闻第{i}号", "本报记者 王 强"]
        blocks += ["\n\n" + "，".join(pick.sample(words, 3)) + f"的发展情况第{p}段说明。" for p in range(5)]
    path.write_text("\n\n".join(blocks), encoding="utf-8")


def _json_nested(path: Path) -> None:
    path.write_bytes(b'{"format": "newsarchive-page", "version": "1.0", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def _json_objects(path: Path) -> None:
    head = b'{"format": "newsarchive-page", "version": "1.0", "x": ['
    count = (64 * 2**20 - len(head)) // 3
    path.write_bytes(head + b",".join([b"{}"] * count) + b"]}")


CASES: dict[str, Callable[[Path], None] | None] = {
    "line-50mb": _line,
    "blocks-100k": _blocks_100k,
    "tiny-2000": _tiny,
    "cuts-2000": _cuts,
    "long-blocks-2000": _long_blocks,
    "wide-lines-300k": _wide_lines,
    "pieces-120k": _pieces,
    "stacked-4900": _stacked,
    "leads-1600": _leads,
    "subjects-1400": _shared_subjects,
    "json-nested": _json_nested,
    "json-objects": _json_objects,
    "zero-device": None,  # reads /dev/zero
}


def measure(name: str, formats: str, folder: Path) -> str:
    """Run one case in a child process; a table row."""
    make = CASES[name]
    if make is None:
        source = Path("/dev/zero")
    else:
        source = folder / f"{name}.{'json' if name.startswith('json') else 'txt'}"
        # Made in a child of its own: a child forked from a big parent reports the parent's
        # resident memory as its own peak (wait4's ru_maxrss counts the pages it inherited).
        subprocess.run([sys.executable, __file__, "--make", name, str(source)], check=True)
    out = folder / f"{name}-out"
    command = [sys.executable, "-c", "from newsarchive.cli import main; main()", "convert", str(source), "--to", formats, "-o", str(out)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    stderr = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    size = source.stat().st_size if make is not None else 0
    lines = [line for line in stderr.splitlines() if "warning" not in line]
    message = (lines[-1] if lines else "").replace(str(folder) + "/", "")[:90]
    return f"{name:<17} {size / 2**20:8.1f} {child.returncode:4d} {elapsed:8.1f} {usage.ru_maxrss / 1024:8.0f}  {message}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names (default: all)")
    parser.add_argument("--formats", default="json,newsml,epub,docx")
    parser.add_argument("--keep", type=Path, help="keep inputs and outputs in this folder")
    parser.add_argument("--make", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:
        maker = CASES[args.make[0]]
        assert maker is not None
        maker(Path(args.make[1]))
        return 0
    names = [n for n in args.cases.split(",") if n]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    print(f"{'case':<17} {'MiB in':>8} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last line of stderr")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            print(measure(name, args.formats, folder), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
