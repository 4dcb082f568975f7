"""Property tests on generated hostile pages: clean errors only, conservation, determinism, idempotence.

Pages mix CJK, Latin, emoji and astral characters, right-to-left text, bidi and
zero-width controls, XML-illegal control characters and non-characters, in a
random block structure with every kind of line ending.  JSON pages add lone
surrogates, which only that format can carry.  Each test keeps its example count
small; together they run in well under a minute.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsarchive
from newsarchive.conservation import conservation_errors
from newsarchive.errors import NewsarchiveError
from newsarchive.readers.text import decode_with_notes, normalize_newlines
from newsarchive.serialize import page_to_dict
from newsarchive.textcheck import missing_text

WRITERS = ("json", "newsml", "epub", "docx")
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_pieces = st.sampled_from(
    list("社保卡一张能帮助居民完成哪些事项本报记者李婕摄人民视觉图为新华社电")
    + list("，。？！“”（）——、：；…《》")
    + list("abcXYZ 019.,;:!?'\"<>&")
    + list("東京の天気カタカナ")
    + list("مرحبا שלום")
    + ["𠮷", "𪚥", "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳"]
    + list("\u202e\u202c\u2066\u2069\u200e\u200f\u200b\u200d\ufeff")  # bidi and zero-width controls
    + list("\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\ufffe\uffff\ufffd")  # XML-illegal and odd characters
    + ["\t", "\u3000", "\n", "\u2028"]
)
_block = st.one_of(
    st.lists(_pieces, min_size=1, max_size=40).map("".join),
    st.sampled_from(["{}——", "——{}", "本报记者 {}", "图为{}。", "{}摄（人民视觉）", "本报北京3月14日电  {}"]).flatmap(
        lambda template: st.lists(_pieces, min_size=1, max_size=12).map(lambda cs: template.format("".join(cs)))
    ),
)
_separator = st.sampled_from(["\n\n", "\n\n\n\n", "\r\n\r\n", "\r\r", "\n \n", "\n\f\n", "\u2029"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page of 1-15 blocks with random separators."""
    blocks = draw(st.lists(_block, min_size=1, max_size=15))
    return "".join(block + draw(_separator) for block in blocks)


@st.composite
def encoded_pages(draw: st.DrawFn) -> bytes:
    """A generated page in one of the encodings the reader detects (or cut off mid-character)."""
    text = draw(pages())
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030", "truncated"]))
    if encoding == "truncated":
        data = text.encode("utf-8")
        return data[: max(0, len(data) - draw(st.integers(1, 3)))]
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8")


def _load_or_none(data: bytes) -> newsarchive.Page | None:
    """The reconstructed page, or None when it was refused with a NewsarchiveError (the only allowed failure)."""
    try:
        return newsarchive.load(data)
    except NewsarchiveError as exc:
        assert "\n" not in str(exc)  # one line for the user
        return None


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_convert_or_fail_cleanly(data):
    page = _load_or_none(data)
    if page is not None:
        assert not any(conservation_errors(page))


@FAST
@given(encoded_pages())
def test_conservation_in_the_model_and_in_every_writer(data):
    page = _load_or_none(data)
    if page is None:
        return
    text = normalize_newlines(decode_with_notes(data)[0])  # what the reader decoded
    lost, invented = conservation_errors(page, text)
    assert not lost and not invented
    for writer in WRITERS:
        result = newsarchive.write(page, writer)
        assert not missing_text(page, writer, result), writer


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_every_writer_is_deterministic(text):
    data = text.encode("utf-8")
    first = _load_or_none(data)
    if first is None:
        return
    second = newsarchive.load(data)
    for writer in WRITERS:
        assert newsarchive.write(first, writer).data == newsarchive.write(second, writer).data, writer


@FAST
@given(pages())
def test_reconstruction_from_its_own_json_is_idempotent(text):
    page = _load_or_none(text.encode("utf-8"))
    if page is None:
        return
    again = newsarchive.load(newsarchive.write(page, "json").data)
    a, b = page_to_dict(page), page_to_dict(again)
    assert a["items"] == b["items"] and a["unplaced"] == b["unplaced"]


# Any code point, lone surrogates included (JSON can carry them as \udXXX escapes).  A high
# surrogate right before a low one is excluded: every JSON parser reads that pair as one character.
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_any_text = st.text(st.characters(codec=None, categories=None), min_size=1, max_size=30).filter(lambda t: not _PAIR.search(t))


@FAST
@given(st.lists(_any_text, min_size=1, max_size=8))
def test_json_pages_with_any_characters(texts):
    doc = {
        "format": "newsarchive-page",
        "version": "1.0",
        "meta": {"language": "zh-CN"},
        "fragments": [{"id": f"f{n}", "text": t} for n, t in enumerate(texts, start=1)],
    }
    page = _load_or_none(json.dumps(doc).encode("ascii"))
    if page is None:
        return
    assert [f.text for f in page.fragments] == texts
    assert not any(conservation_errors(page))
    for writer in WRITERS:
        result = newsarchive.write(page, writer)
        assert not missing_text(page, writer, result), writer  # strict UTF-8 and well-formed XML, too
    reread = newsarchive.load(newsarchive.write(page, "json").data)
    assert [f.text for f in reread.fragments] == texts


_PROFILE_TEXT = st.one_of(st.lists(_pieces, max_size=30).map("".join), st.sampled_from(["", " ", "()", "（）", "\u3000\u3000", "：", "勤，"]))


@FAST
@given(text=_PROFILE_TEXT, other=_PROFILE_TEXT)
def test_every_profile_reads_any_text_without_raising(text, other):
    """What the transforms ask of each piece of text, asked of any text, blank included (a blank credit once recursed)."""
    from newsarchive.profiles import get_profile

    for language in ("zh", "en"):
        profile = get_profile(language)
        profile.parse_credit(text)
        profile.parse_byline(text, after_headline=True)
        profile.parse_byline(text, after_headline=False)
        profile.is_title_like(text)
        profile.opens_sentence(text)
        profile.opens_mid_sentence(text)
        profile.opens_with_a_setting(text)
        profile.ends_paragraph(text)
        profile.is_caption(text)
        profile.is_kicker(text)
        profile.is_subheadline(text)
        profile.is_furniture(text)
        profile.running_head(text)
        profile.dateline(text)
        profile.jump_line(text)
        profile.continuation_score(text, other)
