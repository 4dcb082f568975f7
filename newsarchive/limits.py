"""Input limits that keep the time and memory of one conversion bounded.

The numbers are generous for newspaper pages (the largest page of the reorder
benchmark has 169 fragments and about 20 KB of text) and small enough that a
hostile input cannot make a conversion run for minutes or exhaust memory:

* ``MAX_INPUT_BYTES``: a 50 MB single-line page still converts (about 15 s and
  under 0.5 GB in every writer, see ``benchmarks/bounds.py``); larger inputs
  are refused before they are decoded.
* ``MAX_FRAGMENTS``: reconstruction time grows about linearly with the number of
  blocks (worst case, every block a cut candidate: about 2.5 ms per block, so
  8,000 blocks take about 20 s; see ``tests/test_reorder_bounds.py`` and the
  ``cuts-2000`` case of ``benchmarks/bounds.py``).  A real page
  has under 200; refusing a 100,000-block "page" early, with a one-line reason,
  is better than a long apparent hang.
* ``MAX_JSON_BYTES`` / ``MAX_JSON_TOKENS``: the JSON reader's document is parsed
  into Python objects in one go; ``json.loads`` of 64 MiB of ``[{},{},…]`` takes
  about 2 GB, so the number of structural tokens (``{ [ ,``) is capped as well as
  the size.  A page's own JSON repeats each text about three times (fragment
  text, fragment lines, block text), hence the larger byte limit.
* ``MAX_JSON_DEPTH``: a page's own JSON nests about eight deep.  Deeper nesting is
  refused by counting brackets, not by ``json.loads`` running out of Python's
  recursion limit: a program (mypy, for one) may have raised that limit.

They are module attributes, so a program that really needs bigger pages can
raise them (``newsarchive.limits.MAX_FRAGMENTS = 10_000``) at its own risk.
"""

from __future__ import annotations

import functools
import re
from itertools import accumulate

from .errors import ReadError

MAX_INPUT_BYTES = 64 * 1024 * 1024
MAX_FRAGMENTS = 10_000
MAX_JSON_BYTES = 3 * MAX_INPUT_BYTES
MAX_JSON_TOKENS = 2_000_000
MAX_JSON_DEPTH = 100


def _size(n: int) -> str:
    """A byte count for people: ``50.0 MiB``."""
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def check_input_size(size: int, *, limit: int | None = None, source: str | None = None) -> None:
    """Refuse inputs larger than ``limit`` (default :data:`MAX_INPUT_BYTES`) before decoding them."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    if size > limit:
        # Read with a cap of limit + 1 bytes, the size is only known to be "over the limit".
        shown = f"over {_size(limit)}" if size == limit + 1 else _size(size)
        raise ReadError(f"input too large ({shown}; the limit is {_size(limit)})", source=source)


def check_fragment_count(count: int, *, source: str | None = None) -> None:
    """Refuse pages with more text blocks than reconstruction can handle in bounded time."""
    if count > MAX_FRAGMENTS:
        raise ReadError(
            f"too many text blocks ({count:,}; the limit is {MAX_FRAGMENTS:,} — a newspaper page has a few hundred)",
            source=source,
        )


@functools.cache
def _json_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A JSON string, and a bracket: compiled on first use, by a text with many brackets."""
    return re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL), re.compile(r"[\[\]{}]")


def json_nesting(text: str) -> int:
    """How deep a JSON text's arrays and objects nest at most (brackets inside strings aside); 0 if too few to pass MAX_JSON_DEPTH."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return 0  # too few to nest deeper: the common case, decided without a scan
    string, bracket_mark = _json_patterns()
    steps = (1 if bracket in "[{" else -1 for bracket in bracket_mark.findall(string.sub("", text)))
    return max(accumulate(steps), default=0)
