"""Property tests: conservation, determinism, and block shuffles of the example page."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive.conservation import conservation_errors
from newsarchive.errors import NewsarchiveError
from newsarchive.serialize import page_to_dict

from conftest import EXAMPLE

EXAMPLE_BLOCKS = [b for b in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]

# Text drawn from CJK, punctuation the profile cares about, Latin, digits and whitespace.
_alphabet = st.sampled_from(
    list("社保卡一张能帮助居民完成哪些事项基础性载体线上下场景融合发展本报记者李婕摄人民视觉图为")
    + list("，。？！“”‘’（）()——、：；…")
    + list("abcXYZ 0123456789")
    + ["\n", "\n\n", "\n\n\n\n", " ", "\t", "𠮷", "😀"]
)
page_texts = st.lists(_alphabet, min_size=1, max_size=400).map("".join)


def _load(text: str):
    return newsarchive.load(text.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_texts)
def test_conservation_for_any_text(text):
    try:
        page = _load(text)
    except NewsarchiveError:
        assert not text.strip()  # only empty pages may be refused
        return
    lost, invented = conservation_errors(page, text)
    assert not lost and not invented


@settings(max_examples=40, deadline=None)
@given(page_texts)
def test_reconstruction_is_deterministic(text):
    if not text.strip():
        return
    assert page_to_dict(_load(text)) == page_to_dict(_load(text))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_shuffled_example_never_loses_text(seed):
    blocks = list(EXAMPLE_BLOCKS)
    random.Random(seed).shuffle(blocks)
    text = "\n\n".join(blocks)
    lost, invented = conservation_errors(_load(text), text)
    assert not lost and not invented


def test_json_output_is_idempotent():
    """Reconstructing from newsarchive's own JSON gives the same page."""
    first = newsarchive.load(EXAMPLE)
    again = newsarchive.load(newsarchive.write(first, "json").data)
    a, b = page_to_dict(first), page_to_dict(again)
    assert a["items"] == b["items"] and a["unplaced"] == b["unplaced"]


def test_output_identical_across_hash_seeds(tmp_path):
    """Same input, same bytes, whatever PYTHONHASHSEED a process gets."""
    import os
    import subprocess
    import sys

    blocks = list(EXAMPLE_BLOCKS)
    random.Random(7).shuffle(blocks)
    page = tmp_path / "shuffled.txt"
    page.write_text("\n\n".join(blocks), encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        code = "import sys, newsarchive; sys.stdout.buffer.write(newsarchive.convert(sys.argv[1], 'json').data)"
        outputs.add(subprocess.run([sys.executable, "-c", code, str(page)], env=env, capture_output=True, check=True).stdout)
    assert len(outputs) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(EXAMPLE_BLOCKS), min_size=1, max_size=60))
def test_pages_assembled_from_example_blocks_reconstruct(blocks):
    """Blocks drawn with repetition (headers next to headers, credits in a row …) never crash or lose text."""
    text = "\n\n".join(blocks)
    page = _load(text)
    lost, invented = conservation_errors(page, text)
    assert not lost and not invented
    assert all(f.role.value in {r.value for r in type(f.role)} for f in page.fragments)
