"""Fuzz newsarchive: random bytes and generated pages through read → reconstruct → every writer.

Usage (from the repository root, with the environment where newsarchive is installed)::

    python benchmarks/fuzz.py --minutes 10 [--engine auto|atheris|random] [--out DIR]
                              [--seed N] [--max-len BYTES]

Each execution builds one input (raw bytes, a generated text page in one of several
encodings, a generated ``newsarchive-page`` JSON document, or a mutated copy of the
example page) and checks:

* reading and reconstruction raise nothing but :class:`newsarchive.NewsarchiveError`
  subclasses, and writers raise nothing at all;
* conservation of the model (:func:`newsarchive.conservation.conservation_errors`);
* every writer's output parses (JSON as strict UTF-8, NewsML-G2 and the XHTML/DOCX
  XML with a non-resolving parser), holds every non-whitespace character of the
  page's source texts except those reported as removed
  (:func:`newsarchive.textcheck.missing_text`), and NewsML-G2 / JSON validate against
  the bundled schemas;
* the page read back from its own JSON reconstructs to the same items (idempotence);
* every 10th execution: writing twice gives the same bytes (determinism);
* no execution takes longer than ``--slow`` seconds (a hang or super-linear case).

The engine is atheris (coverage-guided libFuzzer) when it is installed, else a seeded
random generator; both use the same input builders.  Failures are counted; the first
few inputs of each distinct failure (exception type and place, or check) are saved to
``--out`` as ``<signature>-<sha1>.bin`` with a ``.txt`` that says what went wrong.
Reproduce one with ``python benchmarks/fuzz.py --replay FILE``.  Prints executions,
failures and distinct failures at the end (and every minute), and exits 1 if any
failure was found.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "peoples-daily-overseas-2024-03.txt"
WRITERS = ("json", "newsml", "epub", "docx")
SAVE_PER_SIGNATURE = 3


# --------------------------------------------------------------------------------------
# Sources of randomness: libFuzzer's data (atheris) or a seeded PRNG, behind one interface
# --------------------------------------------------------------------------------------


class Source(Protocol):
    """What the input builders draw from."""

    def int(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]."""
        ...

    def bytes(self, n: int) -> bytes:
        """Up to n bytes."""
        ...


class RandomSource:
    """Draws from :class:`random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def int(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def bytes(self, n: int) -> bytes:
        return self.rng.randbytes(self.rng.randint(0, n))


class AtherisSource:
    """Draws from an ``atheris.FuzzedDataProvider`` (so libFuzzer's mutations steer the structure)."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider

    def int(self, lo: int, hi: int) -> int:
        return self.provider.ConsumeIntInRange(lo, hi)

    def bytes(self, n: int) -> bytes:
        return self.provider.ConsumeBytes(self.provider.ConsumeIntInRange(0, n))


def pick(src: Source, items: Sequence[Any]) -> Any:
    return items[src.int(0, len(items) - 1)]


# --------------------------------------------------------------------------------------
# Input builders
# --------------------------------------------------------------------------------------

CJK = "社保卡一张能帮助居民完成哪些事项基础性载体线上下场景融合发展本报记者李婕摄人民视觉图为新华社电北京月日"
PUNCT = "，。？！“”‘’（）()——、：；…《》"
PIECES = [
    CJK, PUNCT, "abcdefghij XYZ 0123456789 .,;:!?'\"", "東京の天気は晴れです。カタカナ",
    "مرحبا بالعالم", "שלום עולם", "𠮷𠀀𪚥", "😀👍🏽👨‍👩‍👧🇨🇳", "\u202e\u202d\u202a\u2066\u2069\u200e\u200f",
    "\u200b\u200c\u200d\ufeff", "\ufffe\uffff\ufffd", "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x85",
    "\u2028\u2029", "\u3000\t ", "e\u0301a\u0308\u0345", "Ⅻ①㊀ﬁ", "<>&\"']]>", "--->",
]
TEMPLATES = [
    "{t}——", "——{t}", "本报记者 {n}", "新华社记者 {n}", "本报北京3月14日电  {t}。", "图为{t}。", "{n}摄（人民视觉）",
    "{n}摄\n(新华社)", "{t}", "{t}。", "{t}，", "“{t}", "{t}”", "本版责编：{n}", "第{d}版", "（{t}）",
]
SEPARATORS = ["\n\n", "\n\n\n", "\n \n", "\n\u3000\n", "\r\n\r\n", "\r\r", "\n\n\n\n\n", "\n\f\n", "\n\v\n", "\u2029"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "utf-8-truncated"]


def random_text(src: Source, max_chars: int) -> str:
    """A run of characters from the piece sets, sometimes any code point at all."""
    out = []
    for _ in range(src.int(1, max_chars)):
        if src.int(0, 30) == 0:
            out.append(chr(src.int(0, 0x10FFFF)))  # anything, lone surrogates included
        else:
            piece = pick(src, PIECES)
            out.append(piece[src.int(0, len(piece) - 1)])
    return "".join(out)


def random_block(src: Source) -> str:
    template = pick(src, TEMPLATES)
    block = template.format(t=random_text(src, 30), n=random_text(src, 4), d=src.int(0, 99))
    if src.int(0, 4) == 0:
        block += "\n" + random_text(src, 20)  # a second line in the block
    return block


def text_page(src: Source) -> str:
    return "".join(random_block(src) + pick(src, SEPARATORS) for _ in range(src.int(1, 25)))


def encode(src: Source, text: str) -> bytes:
    encoding = pick(src, ENCODINGS)
    if encoding == "utf-8-truncated":
        data = text.encode("utf-8", "surrogatepass")
        return data[: max(0, len(data) - src.int(1, 3))]
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")  # invalid UTF-8 for lone surrogates: must be refused cleanly


def json_page(src: Source) -> bytes:
    """A newsarchive-page document; sometimes with wrong types, duplicate ids or junk."""
    fragments: list[Any] = []
    for n in range(src.int(0, 20)):
        text = random_block(src)
        fragment: dict[str, Any] = {
            "id": f"f{n + 1}" if src.int(0, 20) else "f1",
            "text": text,
            "lines": text.split("\n"),
            "start": 0,
            "end": len(text),
            "line": n + 1,
            "gap_before": src.int(0, 3),
            "page": None,
            "bbox": None,
            "role": "unknown",
            "role_confidence": 0.0,
            "role_reason": "",
        }
        if src.int(0, 15) == 0:
            key = pick(src, list(fragment))
            fragment[key] = pick(src, [None, 1, -1, 1.5, True, "x", [], {}, [1, 2], 10**30])
        if src.int(0, 30) == 0:
            del fragment[pick(src, list(fragment))]
        fragments.append(fragment)
    doc: dict[str, Any] = {
        "format": "newsarchive-page" if src.int(0, 30) else "other",
        "version": pick(src, ["1.0", "1.0", "1.0", "1.7", "2.0", 1, None]),
        "meta": {"language": pick(src, ["zh-CN", "en", "ja", "ar", "", "x" * 40, None]), "source": random_text(src, 5)},
        "items": [],
        "fragments": fragments,
        "warnings": pick(src, [[], [{"code": "c", "message": "m", "source": None}], [1], None]),
    }
    if src.int(0, 20) == 0:
        doc["meta"] = pick(src, [[], "x", 3, {"page_number": "3"}, {"language": 5}])
    # ensure_ascii: lone surrogates become \udXXX escapes, as a hostile document would carry them.
    data = json.dumps(doc, ensure_ascii=bool(src.int(0, 1))).encode("utf-8", "surrogatepass")
    if src.int(0, 10) == 0 and data:
        cut = src.int(0, len(data) - 1)
        data = data[:cut] + src.bytes(8) + data[cut:]
    return data


_EXAMPLE_BLOCKS = [b for b in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()] if EXAMPLE.exists() else ["标题"]


def mutated_example(src: Source) -> bytes:
    """The example page's blocks, some of them, shuffled and spliced with hostile text."""
    blocks = [b for b in _EXAMPLE_BLOCKS if src.int(0, 3)]
    for i in range(len(blocks) - 1, 0, -1):
        j = src.int(0, i)
        blocks[i], blocks[j] = blocks[j], blocks[i]
    for _ in range(src.int(0, 4)):
        if blocks:
            k = src.int(0, len(blocks) - 1)
            at = src.int(0, len(blocks[k]))
            blocks[k] = blocks[k][:at] + random_text(src, 6) + blocks[k][at:]
    return encode(src, pick(src, SEPARATORS).join(blocks))


def build_input(src: Source, max_len: int) -> bytes:
    kind = src.int(0, 9)
    if kind <= 1:
        return src.bytes(max_len)
    if kind <= 5:
        return encode(src, text_page(src))[: max_len * 4]
    if kind <= 7:
        return json_page(src)
    return mutated_example(src)


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------


class Finding(Exception):
    """A failed check; ``signature`` groups equal failures."""

    def __init__(self, signature: str, detail: str) -> None:
        super().__init__(detail)
        self.signature = signature
        self.detail = detail


def _place(exc: BaseException) -> str:
    """Exception type and the innermost newsarchive frame: the failure's identity."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "newsarchive" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__}@{where}"


def check(data: bytes, *, determinism: bool = False) -> str:
    """Run one input through everything; returns 'refused' or 'converted', raises Finding."""
    import newsarchive
    from newsarchive.conservation import conservation_errors
    from newsarchive.errors import NewsarchiveError
    from newsarchive.serialize import page_to_dict
    from newsarchive.textcheck import missing_text
    from newsarchive.validation import _validate_json, _validate_xml

    def guarded(step: str, call: Callable[[], Any], allowed: tuple[type[BaseException], ...] = (NewsarchiveError,)) -> Any:
        try:
            return call()
        except allowed:
            raise
        except RecursionError as exc:  # before Exception: a traceback of 1000 frames is no use
            raise Finding(f"{step}-RecursionError", f"{step}: RecursionError") from exc
        except Exception as exc:
            raise Finding(f"{step}-{_place(exc)}", f"{step}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}") from exc

    try:
        raw = guarded("read", lambda: newsarchive.read(data))
        page = guarded("reconstruct", lambda: newsarchive.reconstruct(raw))
    except NewsarchiveError as exc:
        if "\n" in str(exc):
            raise Finding("error-message-multiline", f"error message spans lines: {exc!r}") from exc
        return "refused"
    lost, invented = conservation_errors(page)
    if lost or invented:
        raise Finding("conservation", f"lost {dict(lost)!r} invented {dict(invented)!r}")
    for writer in WRITERS:
        result = guarded(f"write-{writer}", lambda: newsarchive.write(page, writer), ())
        missing = guarded(f"parse-{writer}", lambda: missing_text(page, writer, result), ())
        if missing:
            raise Finding(f"missing-{writer}", f"{writer} output lacks {dict(missing)!r}")
        if writer == "newsml":
            problems = _validate_xml("page.xml", result.data, None)
            if problems:
                raise Finding("newsml-invalid", "; ".join(str(p) for p in problems[:5]))
        if writer == "json":
            problems = _validate_json("page.json", result.data, None)
            if problems:
                raise Finding("json-invalid", "; ".join(str(p) for p in problems[:5]))
            again = guarded("reload-json", lambda: newsarchive.load(result.data), ())
            a, b = page_to_dict(page), page_to_dict(again)
            if a["items"] != b["items"] or a["unplaced"] != b["unplaced"]:
                raise Finding("json-not-idempotent", "reconstructing from the JSON output gives other items")
        if determinism and newsarchive.write(page, writer).data != result.data:
            raise Finding(f"nondeterministic-{writer}", f"{writer} wrote different bytes for the same page")
    return "converted"


# --------------------------------------------------------------------------------------
# The run: counting, saving reproducers, reporting
# --------------------------------------------------------------------------------------


class Run:
    """Counts executions and failures and saves reproducers."""

    def __init__(self, out: Path, seconds: float, slow: float) -> None:
        self.out = out
        self.deadline = time.monotonic() + seconds
        self.slow = slow
        self.started = time.monotonic()
        self.last_report = self.started
        self.executions = 0
        self.outcomes = {"refused": 0, "converted": 0}
        self.failures = 0
        self.signatures: dict[str, int] = {}
        self.slowest = 0.0

    def one(self, data: bytes) -> None:
        start = time.perf_counter()
        try:
            outcome = check(data, determinism=self.executions % 10 == 0)
            self.outcomes[outcome] += 1
        except Finding as finding:
            self.record(finding.signature, finding.detail, data)
        except RecursionError:
            self.record("check-RecursionError", "RecursionError outside the guarded steps", data)
        elapsed = time.perf_counter() - start
        self.slowest = max(self.slowest, elapsed)
        if elapsed > self.slow:
            self.record("slow", f"took {elapsed:.1f} s (limit {self.slow} s) for {len(data)} bytes", data)
        self.executions += 1
        now = time.monotonic()
        if now - self.last_report >= 60:
            self.last_report = now
            print(self.summary(), flush=True)

    def record(self, signature: str, detail: str, data: bytes) -> None:
        self.failures += 1
        seen = self.signatures.get(signature, 0)
        self.signatures[signature] = seen + 1
        if seen < SAVE_PER_SIGNATURE:
            self.out.mkdir(parents=True, exist_ok=True)
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in signature)[:80]
            stem = f"{safe}-{hashlib.sha1(data).hexdigest()[:12]}"
            (self.out / f"{stem}.bin").write_bytes(data)
            (self.out / f"{stem}.txt").write_text(f"{signature}\n{detail}\n", encoding="utf-8", errors="backslashreplace")
            print(f"FAILURE {signature}: {detail.splitlines()[0][:200]} -> {self.out / stem}.bin", flush=True)

    def done(self) -> bool:
        return time.monotonic() >= self.deadline

    def summary(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.executions / elapsed if elapsed else 0.0
        distinct = ", ".join(f"{s} ×{n}" for s, n in sorted(self.signatures.items())) or "none"
        return (
            f"[{elapsed / 60:.1f} min] executions={self.executions} ({rate:.1f}/s) "
            f"converted={self.outcomes['converted']} refused={self.outcomes['refused']} "
            f"failures={self.failures} distinct={len(self.signatures)} ({distinct}) slowest={self.slowest:.2f}s"
        )


def _run_random(run: Run, seed: int, max_len: int) -> None:
    rng = random.Random(seed)
    while not run.done():
        run.one(build_input(RandomSource(rng), max_len))


def _run_atheris(run: Run, max_len: int) -> None:
    import atheris

    with atheris.instrument_imports(include=["newsarchive"]):
        import newsarchive  # noqa: F401 - instrumented for coverage guidance
        import newsarchive.readers.json  # noqa: F401
        import newsarchive.readers.text  # noqa: F401
        import newsarchive.reorder  # noqa: F401
        import newsarchive.reorder.assemble  # noqa: F401
        import newsarchive.writers.docx  # noqa: F401
        import newsarchive.writers.epub  # noqa: F401
        import newsarchive.writers.json  # noqa: F401
        import newsarchive.writers.newsml  # noqa: F401

    def one(data: bytes) -> None:
        if run.done():
            print(run.summary(), flush=True)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1 if run.failures else 0)  # libFuzzer never returns; leave when the time is up
        run.one(build_input(AtherisSource(atheris.FuzzedDataProvider(data)), max_len))

    corpus = run.out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    # Seeds: random provider data long enough to build whole pages, so the search does not
    # spend its first minutes on inputs of a few bytes.
    rng = random.Random(0)
    for n in range(32):
        seed = corpus / f"seed-{n:02d}"
        if not seed.exists():
            seed.write_bytes(rng.randbytes(max_len))
    # -timeout high: slow inputs are recorded by our own clock, not turned into a libFuzzer crash.
    # -len_control=0: full-length inputs from the start (a page needs a few hundred bytes of choices).
    options = [f"-max_len={max_len}", "-len_control=0", "-timeout=600", "-rss_limit_mb=4096"]
    atheris.Setup([sys.argv[0], *options, str(corpus)], one)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "fuzz-failures", help="folder for reproducers")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random engine")
    parser.add_argument("--max-len", type=int, default=4096, help="largest raw input in bytes")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds after which one execution counts as a failure")
    parser.add_argument("--replay", type=Path, nargs="*", help="run saved reproducers once each and report")
    args = parser.parse_args(argv)
    if args.replay:
        failed = 0
        for path in args.replay:
            try:
                print(f"{path}: {check(path.read_bytes(), determinism=True)}")
            except Finding as finding:
                failed += 1
                print(f"{path}: FAILURE {finding.signature}\n{finding.detail}")
        return 1 if failed else 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "random"
        else:
            engine = "atheris"
    run = Run(args.out, args.minutes * 60, args.slow)
    print(f"fuzzing for {args.minutes} min with the {engine} engine; reproducers go to {args.out}", flush=True)
    if engine == "atheris":
        _run_atheris(run, args.max_len)  # exits by itself
    _run_random(run, args.seed, args.max_len)
    print(run.summary(), flush=True)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
