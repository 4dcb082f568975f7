"""The plain-text reader: decode the bytes, split into blank-line-separated fragments.

A block whose paragraphs are set without blank lines, each opening with an
indent ("　　" in Chinese), is cut into one fragment per paragraph
(:func:`_paragraphs`).  Line breaks inside a fragment and the size of each gap
between fragments are kept as layout evidence.  Decoding: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); else
strict UTF-8; else GB18030 (a superset of GBK and GB2312) when the bytes decode
cleanly and look like Chinese text.  Two accidents are recovered, with a warning:
a file cut off in the middle of a character (the partial character becomes
U+FFFD) and GB18030 lines pasted into a UTF-8 file.  Anything else is a
:class:`ReadError` naming the byte offset of the first undecodable byte; files
passed by mistake (PDF, images, archives) are named as such.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
from dataclasses import replace
from typing import Callable, ClassVar

from ..errors import ReadError
from ..languages import with_guessed_language
from ..limits import check_fragment_count, check_input_size
from ..model import Fragment, Page, PageMeta, Warning
from ..profiles.cjk import CLOSING_MARKS, FULL_STOPS, FULL_WIDTH_MARKS, OPENING_MARKS, SENTENCE_END_MARKS, SOLID_CLASS, is_han, is_solid
from ..profiles.lexicon import words
from ..profiles.names import ANONYMOUS_CREDITS, surname_length
from ..profiles.textutil import commonest_width, display_width, wide_share
from .checks import check_meta
from .columns import byline_like, laid_out, opens_with_role

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Files passed by mistake, recognised by their signature so the error can say what they are.
# Only signatures that no page of text plausibly starts with.
_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a zip archive (DOCX, EPUB, …)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)

# Control characters other than whitespace: a strong sign of binary input.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BLOCK_SEPARATOR = re.compile(r"\n(?:[ \t\u3000\f\v]*\n)+")
PARAGRAPH_INDENT = 2  # columns: a line indented this much further than its block's margin opens a paragraph ...
_SENTENCE_ENDS = tuple(SENTENCE_END_MARKS)  # ... after a line that ends a sentence


def _ends_sentence(line: str) -> bool:
    """The line ends a sentence (trailing spaces aside)."""
    return line.rstrip(" \t\u3000\f\v").endswith(_SENTENCE_ENDS)
# Marks a column's line may end on one character past its width: hung in the margin, or set half
# wide as typesetters squeeze punctuation.
_HUNG_MARKS = tuple("，。、；：？！”’）》")
_NO_TITLE_END = tuple("，。、；：")  # ... of which these end no title
_INNER_STOPS = frozenset("，、；。")  # stops inside running text (and some titles)


def _hung(line: str) -> bool:
    """A line ending on a mark hung past the column (a character wider than it) that is running text's.

    The mark ends no title (发展现代农业离不开科技进步。), or the line has a sentence's inner
    stops before it (近年来，长春关于冰雪装备的好消息不断：, “知稼穑之艰难，克勤克俭；…不愆不忘”).
    """
    return line.endswith(_HUNG_MARKS) and (line.endswith(_NO_TITLE_END) or not _INNER_STOPS.isdisjoint(line[:-1]))


# Marks no line may open, dashes and ellipses included: a typesetter hangs one in the margin or takes the
# character before it down too.
_NO_OPENING = "—…" + CLOSING_MARKS


def _taken_down(line: str, *, openers: bool = True) -> float:
    """The width a typesetter may have taken down to open ``line``, for the line above to obey line-breaking rules.

    A character with the marks after it that may not open a line: the character and
    all but the last mark, which would not fit (史——: 史—; 转”、: 转”, the ” hung).
    Or, with ``openers``, opening quotes and brackets that may not end a line (“村超”…:
    their width).  0 otherwise: a mark opening the line itself was taken down by
    nothing (——编  者 opens a sign-off).  Each is full width in Chinese text.
    """
    if openers:
        carried = len(line) - len(line.lstrip(OPENING_MARKS))  # marks no line may end on
        if carried:
            return float(carried)
    if len(line) >= 2 and line[1] in _NO_OPENING and line[0] not in _NO_OPENING:
        marks = len(line) - 1 - len(line[1:].lstrip(_NO_OPENING))
        return 1.0 + (marks - 1)  # the character, and every mark but the last
    return 0.0


# Line ends as bytes.  Safe to split GB18030 on: its multi-byte sequences never contain 0x0A or 0x0D.
_LINE_ENDS = re.compile(rb"(?<=\n)|(?<=\r)(?!\n)")
_TRUNCATED = ("unexpected end of data", "truncated data")


def _decode_error(exc: UnicodeDecodeError, encoding: str, offset_base: int = 0) -> str:
    bad = exc.object[exc.start : exc.start + 4]
    return f"cannot decode as {encoding}: byte 0x{bad[0]:02x} at offset {exc.start + offset_base} ({exc.reason})"


@functools.cache
def _cjk_runs() -> re.Pattern[str]:
    """Runs of CJK text, compiled on first use (a class over the CJK range costs ~4 ms; only GB18030 input needs it)."""
    return re.compile(f"[{SOLID_CLASS}]+")


def _looks_chinese(text: str) -> bool:
    """GB18030 maps almost any byte sequence; trust it only if the non-ASCII result is mostly CJK."""
    # Counted with C-speed string operations: a per-character loop takes seconds on a 50 MB file.
    cjk = len(text) - len(_cjk_runs().sub("", text))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return bool(non_ascii) and cjk / non_ascii >= 0.9


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` (without a BOM) is not text, or None if it may be text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary data, not text (looks like {what})"
    offset = data.find(b"\x00")
    if offset >= 0:
        # UTF-16 without a BOM: every other byte of ASCII-range text is NUL.
        even, odd = data[0::2].count(0), data[1::2].count(0)
        half = len(data) // 2
        if half and len(data) % 2 == 0 and max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half:
            order = "le" if odd > even else "be"
            return f"binary data, not text (NUL bytes; looks like UTF-16 without a byte-order mark: try --encoding utf-16-{order})"
        return f"binary data, not text (NUL byte at offset {offset})"
    if data and len(_BINARY_BYTES.findall(data[:4096])) > 8:
        return "binary data, not text (many control characters)"
    return None


def _decode_bom(body: bytes, name: str, bom_length: int, notes: list[str]) -> str:
    """Decode after a BOM; a character cut off at the very end (a truncated file) becomes U+FFFD."""
    try:
        return body.decode(name)
    except UnicodeDecodeError as exc:
        if exc.end == len(body) and exc.reason in _TRUNCATED:
            try:
                text = body[: exc.start].decode(name)
            except UnicodeDecodeError:
                pass
            else:
                notes.append(_truncation_note(len(body) - exc.start, exc.start + bom_length, name))
                return text + "\ufffd"
        raise ReadError(_decode_error(exc, name, bom_length)) from None


def _truncation_note(count: int, offset: int, encoding: str) -> str:
    return (
        f"input ends in the middle of a character: the last {count} byte(s) (from offset {offset}) "
        f"are an incomplete {encoding} sequence, kept as U+FFFD"
    )


def _decode_mixed(data: bytes, utf8_error: UnicodeDecodeError, notes: list[str]) -> tuple[str, str]:
    """Decode input that is not valid UTF-8 as a whole: GB18030, or UTF-8 with stray GB18030 lines.

    Line by line, so that one GBK line pasted into a UTF-8 file (a common accident)
    neither makes the whole file unreadable nor turns the UTF-8 lines into mojibake
    by decoding everything as GB18030.  Each interpretation is taken only when it
    accounts for more lines than the other.
    """
    lines = [line for line in _LINE_ENDS.split(data) if line]
    utf8_lines = 0  # valid UTF-8 lines with non-ASCII characters: evidence for UTF-8
    decoded: list[str] = []
    stray: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                text = ""
            if not _looks_chinese(text):
                stray = []
                break  # not a GB18030 line either: give up on the line-by-line reading
            stray.append(number)
        else:
            utf8_lines += not line.isascii()
        decoded.append(text)
    if stray and utf8_lines > len(stray):
        shown = ", ".join(str(n) for n in stray[:10]) + (", …" if len(stray) > 10 else "")
        notes.append(f"mixed encodings: line(s) {shown} are not UTF-8 and were decoded as GB18030")
        return "".join(decoded), "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReadError(_decode_error(utf8_error, "utf-8")) from None
    if _looks_chinese(text):
        return text, "gb18030"
    raise ReadError(_decode_error(utf8_error, "utf-8")) from None


def decode_with_notes(data: bytes, encoding: str | None = None) -> tuple[str, str, list[str]]:
    """Decode input bytes; returns (text, encoding used, notes on what was recovered).

    Raises :class:`ReadError` (without a source) for binary data and undecodable text.
    Recoveries that keep every readable character are notes, not errors: a character
    cut off at the end of the file (kept as U+FFFD) and GB18030 lines in a UTF-8 file.
    """
    notes: list[str] = []
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ReadError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ReadError(_decode_error(exc, encoding)) from None
        except LookupError:  # a bytes-to-bytes codec such as base64 or rot13
            raise ReadError(f"{encoding!r} is not a text encoding") from None
        except (UnicodeError, ValueError) as exc:  # e.g. idna, punycode: errors of their own
            raise ReadError(f"cannot decode as {encoding}: {exc}") from None
        if not isinstance(text, str):
            raise ReadError(f"{encoding!r} is not a text encoding")
        # A BOM is not text; codecs such as utf-8 (unlike utf-8-sig) keep it.
        return text.removeprefix("\ufeff"), encoding, notes
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data[len(bom) :], name, len(bom), notes), name, notes
    reason = _binary_reason(data)
    if reason:
        raise ReadError(reason)
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError as utf8_error:
        if utf8_error.end == len(data) and utf8_error.reason in _TRUNCATED:
            # The first error is at the very end, so everything before it is valid UTF-8:
            # a file cut off mid-character, not GB18030 (which would turn it all into mojibake).
            notes.append(_truncation_note(len(data) - utf8_error.start, utf8_error.start, "UTF-8"))
            return data[: utf8_error.start].decode("utf-8") + "\ufffd", "utf-8", notes
        text, used = _decode_mixed(data, utf8_error, notes)
        return text, used, notes


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode input bytes; returns (text, encoding used). Raises ReadError (without a source)."""
    text, used, _ = decode_with_notes(data, encoding)
    return text, used


def split_fragments(text: str, *, page: int | None = None) -> tuple[Fragment, ...]:
    """Split decoded text into fragments at blank lines, keeping offsets, lines and gap sizes."""
    fragments: list[Fragment] = []
    column = functools.cache(functools.partial(page_column, text))  # measured only if a block needs it
    pos = 0
    line_no = 1
    gap = 0
    # A page with no blank line between its first and last text is one block: an extractor that separates no boxes.
    whole_page = _BLOCK_SEPARATOR.search(text.strip(" \t\n\u3000\f\v")) is None
    # Leading blank lines count as the first fragment's gap.
    for match in list(_BLOCK_SEPARATOR.finditer(text)) + [None]:
        end = match.start() if match is not None else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip(" \t\n\u3000\f\v")
        if stripped:
            lead = chunk[: len(chunk) - len(chunk.lstrip(" \t\n\u3000\f\v"))]
            first_line = line_no + lead.count("\n")
            pieces = [
                (offset + start + within, part)
                for offset, piece in _paragraphs(chunk.lstrip("\n"), column, whole_page=whole_page)
                for start, caption_or_credit in _credit_set_apart(piece)
                for within, part in _byline_set_apart(caption_or_credit)
                if part.strip(" \t\n\u3000\f\v")
            ]  # not the line break ending the text, cut off as a piece of its own
            # Line numbers counted on from the previous piece: from the block's start for each was
            # quadratic in a block of many pieces.
            counted_to, piece_line = pos + len(lead), first_line
            for k, (offset, piece) in enumerate(pieces):
                start = pos + len(chunk) - len(chunk.lstrip("\n")) + offset
                body = piece.strip(" \t\n\u3000\f\v")
                start += len(piece) - len(piece.lstrip(" \t\n\u3000\f\v"))
                if k:
                    piece_line += text.count("\n", counted_to, start)
                    counted_to = start
                lines = tuple(line.strip(" \t\u3000\f\v") for line in body.split("\n"))
                lines = tuple(line for line in lines if line)
                fragments.append(
                    Fragment(
                        id=f"f{len(fragments) + 1}",
                        text="\n".join(lines),
                        lines=lines,
                        start=start,
                        end=start + len(body),
                        line=piece_line,
                        gap_before=gap + lead.count("\n") if k == 0 else 1,  # a paragraph's own line, no blank line
                        page=page,
                    )
                )
            gap = 0
        else:
            gap += chunk.count("\n")
        if match is None:
            break
        line_no += text.count("\n", pos, match.end())
        gap += match.group().count("\n")
        pos = match.end()
    return tuple(fragments)


# A caption's last sentence, then the credit set apart on its line (…的落实情况。 陈少帅摄 (人民视觉)).
_CAPTION_STOPS = "。！？”）)"
# Credits that name no photographer: an archive picture, an agency's release, a source (资料图片, 新华社发,
# 以上图片均为上海博物馆提供).
@functools.cache
def _source_credit() -> re.Pattern[str]:
    # Compiled on first use (~0.4 ms of a one-page conversion): tried only after a caption's stop and a space.
    return re.compile(
        r"(?:资料图片|资料照片|网络图片|[^，。；：！？\s]{1,8}?社发|(?:(?:以上|本版)?图片均为)?[^，。；：！？\s]{2,20}?提供)(?:\s*[（(][^（()）]{1,12}[）)])?"
    )


# A chart's credit run on at the end of its source line after a space (数据来源：住房城乡建设部、水利部  制图：汪哲平).
_CHART_CREDIT_AT_END = re.compile(r"(?<=\S)[ \u3000]+((?:制图|图表制作)[：:][^\s，。；：！？][^，。；：！？]{0,29})$")


def _credit_set_apart(piece: str) -> list[tuple[int, str]]:
    """A piece whose text ends with a photo credit set apart by spaces after a finished sentence, cut
    into the caption and the credit (offset in the piece, text); any other piece whole.

    An extractor joins a credit set flush right on the caption's last line to it with the
    spaces between them (its agency may have gone on to a line below: 周羽飏摄 / (人民视觉)).
    Running text sets no space after a sentence's stop, so only a space there, and a credit
    after it (…摄, …供图, 资料图片, 新华社发, …提供, an agency in brackets), cut the piece; a
    chart's credit, labelled (制图：…), after a space wherever it stands.
    """
    body = piece.rstrip()
    chart = _CHART_CREDIT_AT_END.search(body) if "图" in body else None
    if chart is not None:  # a chart's credit (…水利部  制图：汪哲平): its label says what it is, after any caption
        return [(0, piece[: chart.start()]), (chart.start(1), piece[chart.start(1) :])]
    if not body.endswith(("摄", "影", "报道", "供图", "图片", "照片", "发", "提供", ")", "）")):  # most pieces: no credit ends them
        return [(0, piece)]
    for k in range(len(body) - 1, max(0, len(body) - MAX_CREDIT_LINE - 2), -1):
        if body[k - 1] not in _CAPTION_STOPS:
            continue
        if body[k] in " \u3000":
            rest = body[k:]
            credit = rest.lstrip(" \u3000")
            if credit.count("\n") <= 1 and (_credit_line_pattern().fullmatch(credit) or _source_credit().fullmatch(credit)):
                return [(0, piece[:k]), (len(body) - len(credit), piece[len(body) - len(credit) :])]
        elif _glued_credit(body[k:]):
            return [(0, piece[:k]), (k, piece[k:])]
        break  # only the last stop: a credit has none inside
    return [(0, piece)]


# A credit run on right after its caption's stop, no space between (as a web page's text gives a photo's caption and
# credit: 重庆开州巴蜀戏苑的惠民演出现场。开州区委宣传部供图).  Running text can stop mid-sentence there too, so only
# forms no sentence's start takes: a credit in brackets (…。（新华社发 赵六摄）), one a reporter's role opens (…。新华社
# 记者 王 五摄), a supplier's (…。开州区委宣传部供图, 以上图片均为上海博物馆提供), or a name alone before 摄 (…。王海燕摄),
# with its agency in brackets after it or not.
@functools.cache
def _glued_credit_pattern() -> re.Pattern[str]:
    # Compiled on first use: asked only of a piece ending as a credit does with a stop in its last 48 characters.
    return re.compile(
        r"[（(][^（()）。，；：！？]{2,24}?(?:摄|社发|供图|提供)[）)]"
        r"|(?:本报|新华社|中新社|人民日报|[^\s。，；：！？（()）“”]{1,8}?(?:日报|报|社|网))?(?:特约|首席)?(?:摄影)?记者"
        r"[ \u3000]*(?P<names>[^\s。，；：！？（()）“”]{1,4}(?:[ \u3000]+[^\s。，；：！？（()）“”]{1,4}){0,5})[ \u3000]*摄(?:[（(][^（()）]{1,12}[）)])?"
        r"|[^\s。，；：！？（()）“”]{2,16}?供图"
        r"|(?:以上|本版)?图片均[为由][^。，；：！？]{2,24}?(?:提供|摄)"
        r"|(?P<name>[^\s。，；：！？（()）“”]{1,3}(?:[ \u3000]+[^\s。，；：！？（()）“”]{1,2})?)[ \u3000]*摄(?:[（(][^（()）]{1,12}[）)])?"
    )


def _glued_credit(text: str) -> bool:
    """Whether ``text``, run on after a caption's stop with no space, is a photo credit (see _glued_credit_pattern).

    A name alone must read as one: two to four Han characters after a surname (王海燕, 王  五), not
    a clause that ends on a verb of taking pictures (他用手机拍摄: 拍摄 is no name's end).
    """
    found = _glued_credit_pattern().fullmatch(text)
    if found is None:
        return False
    name = found.group("name")
    if name is None:
        return True
    flat = "".join(name.split())
    return 2 <= len(flat) <= 4 and all(map(is_han, flat)) and surname_length(flat) > 0 and not flat.endswith("拍")


def _byline_set_apart(piece: str) -> list[tuple[int, str]]:
    """A one-line title with its byline set apart on the same line by a wide space (社保卡，解锁更多应用新场景
    本报记者 李 婕), cut into the two (offset in the piece, text); any other piece whole.

    A layout-keeping extractor puts a byline set beside its headline on the headline's line;
    a byline opens with a reporter's role (本报记者, 新华社记者), and a title has no full stop.
    """
    if "\n" in piece.strip() or ("记者" not in piece and "评论员" not in piece) or not _WIDE_SPACE.search(piece):
        return [(0, piece)]
    for match in _WIDE_SPACE.finditer(piece.rstrip()):
        title, byline = piece[: match.start()], piece[match.end() :]
        head = title.strip()
        # Not names before the role (周珊珊  本报评论员, 王 丹 方 敏  本报记者): one byline, its names first.
        longest = max((len(word) for word in head.split()), default=0)
        if longest > MAX_NAME_CHARS and "。" not in head and opens_with_role(byline) and byline_like(byline.strip()):
            return [(0, title), (match.end(), byline)]
    return [(0, piece)]


_WIDE_SPACE = re.compile(r"[ \u3000]{2,}")
MAX_NAME_CHARS = 5  # characters of a name's word (欧阳明明 at most): a title has a longer run


def _indent(line: str) -> int:
    """The width of a line's leading whitespace in columns (an ideographic space is two, a tab four)."""
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def _line_pieces(lines: list[str]) -> list[tuple[int, str]]:
    """Each non-blank line a piece (offset in the block, text)."""
    pieces, offset = [], 0
    for line in lines:
        if line.strip(" \t\u3000\f\v"):
            pieces.append((offset, line))
        offset += len(line) + 1
    return pieces


def _paragraphs(
    block: str, column: Callable[[], int | None] = lambda: None, *, headers: bool = True, whole_page: bool = False
) -> list[tuple[int, str]]:
    """A block's paragraphs (offset in the block, text): cut before each line indented further than most.

    Extractors and typists set paragraphs without a blank line between them
    as newspapers do, first line indented ("　　" in Chinese): a block is cut
    before every line that starts at least :data:`PARAGRAPH_INDENT` columns
    further in than its least indented line, or with two ideographic spaces,
    and follows a line that ends a sentence, when those lines share one indent
    (centred or ragged lines have indents of every width and stay together).
    """
    lines = block.split("\n")
    indents = [_indent(line) for line in lines if line.strip(" \t\u3000\f\v")]
    if len(indents) < 2:
        return [(0, block)]
    if _one_paragraph_a_line(lines):
        return _line_pieces(lines)
    base = min(indents)
    deeper = [k for k in indents if k >= base + PARAGRAPH_INDENT]
    if deeper and max(deeper) - min(deeper) > 1:
        return [(0, block)]  # indents of every width: centred or ragged lines

    def opens(line: str) -> bool:
        # Further in than the margin, or the Chinese paragraph mark (two ideographic spaces) even
        # where every line has it: one paragraph a line, as many text dumps are.
        return _indent(line) >= base + PARAGRAPH_INDENT or line.startswith("\u3000\u3000")

    # Every paragraph opening ("　　…") a whole sentence or more, ending on its line: one paragraph a line, as
    # text copied from a website gives it, and the lines at the margin between (a byline, the site's source
    # line under it, an editors' note) are lines of their own, not the wrapped rest of the line above.
    # (A long line that runs on into the next at the margin is hard-wrapped text: not so.)
    openings = [line for line in lines if line.strip(" \t\u3000\f\v") and opens(line)]
    wraps = any(
        len(line.strip()) >= UNWRAPPED_WIDTH and not _ends_sentence(line) and following.strip() and not opens(following)
        for line, following in zip(lines, lines[1:])
    )
    if len(openings) >= 2 and all(map(_ends_sentence, openings)) and not wraps:
        return _line_pieces(lines)
    credits = [_latin_credit_line(line) for line in lines]  # each line read once, as k and as k + 1

    def cut_after(k: int, _first: int) -> bool:
        following = lines[k + 1]
        if credits[k] or credits[k + 1]:
            return True  # a photo credit under its caption (Jacquelyn Martin/AP) is a piece of its own
        return bool(
            following.strip(" \t\u3000\f\v")
            and opens(following)
            and _ends_sentence(lines[k])  # the paragraph before is finished
        )

    return [
        (start + offset, part)
        for start, piece in _cut_lines(block, lines, cut_after)
        for offset, part in (
            _latin_wrapped_paragraphs(piece)
            if wide_share(piece) < LATIN_MAX_WIDE
            else _wrapped_paragraphs(piece, column, headers=headers, whole_page=whole_page)
        )
    ]


# Hard-wrapped text in Latin script (pdftotext gives a column's lines, paragraphs run together):
# a line breaks before the column's width only where the next word would not fit, so a line that
# finishes a sentence with room left for the next line's first word ends its paragraph.
LATIN_MAX_WIDE = 0.3  # share of wide characters below which a block is read as Latin-script text
LATIN_WRAPPED_MIN_LINES = 3  # lines a block needs to show its column's width
LATIN_FIT_MARGIN = 0.1  # of the width: proportional letters make full lines differ this much in length
_LATIN_SENTENCE_END = r"[.!?][\"'’”)\]]*$"
_LATIN_OPENS = r"[\"'‘“(\[]?[A-Z0-9]"
# A byline on a line of its own (By ANNA WU, By Jane Doe and John Smith): the header line over the text.
_LATIN_NAME = r"[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,4}"
_LATIN_BYLINE_LINE = rf"(?:By|BY) {_LATIN_NAME}(?:(?:,| and| &) {_LATIN_NAME})*"
# The agency or paper a byline's next line names (Associated Press, The New York Times): still the byline.
_LATIN_AFFILIATION_LINE = r"(?:The )?[A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}"


@functools.cache
def _latin_wrap_patterns() -> tuple[re.Pattern[str], ...]:
    """The patterns above (sentence end, opening, byline line, affiliation line), compiled on first use.

    Only a hard-wrapped block of Latin-script text asks: ~1 ms of a one-page conversion of Chinese text saved.
    """
    return tuple(re.compile(p) for p in (_LATIN_SENTENCE_END, _LATIN_OPENS, _LATIN_BYLINE_LINE, _LATIN_AFFILIATION_LINE))


def _latin_wrapped_paragraphs(block: str) -> list[tuple[int, str]]:
    """A hard-wrapped block of Latin-script text cut after each line that ends a paragraph.

    The column's width is the second longest line (one overlong line, a URL, does
    not set it).  A line ending a sentence is a paragraph's last when the next
    line's first word would have fit on it, with a margin for proportional
    letters, and the next line opens with a capital, a digit or a quote.
    """
    lines = block.split("\n")
    if len(lines) < LATIN_WRAPPED_MIN_LINES:
        return [(0, block)]
    lengths = [len(line.rstrip()) for line in lines]
    width = sorted(lengths)[-2]
    room = width - max(2, round(LATIN_FIT_MARGIN * width))

    sentence_end, opens, byline_line, affiliation_line = _latin_wrap_patterns()
    bylines = [byline_line.fullmatch(line.strip()) is not None for line in lines]

    def cut_after(k: int, _first: int) -> bool:
        following = lines[k + 1].strip()
        if bylines[k + 1] or (bylines[k] and not affiliation_line.fullmatch(following)):
            return True  # a byline is a header line of its own, with its agency on the next line if any
        if k and bylines[k - 1] and affiliation_line.fullmatch(lines[k].strip()):
            return True
        if not following or not sentence_end.search(lines[k].rstrip()) or not opens.match(following):
            return False
        return lengths[k] + 1 + len(following.split()[0]) <= room

    return _cut_lines(block, lines, cut_after)


UNWRAPPED_WIDTH = 40  # full-width characters (80 Latin letters): wider than any column or typed line
UNWRAPPED_MIN_LINES = 2  # lines that wide a block needs before it is read as one paragraph a line
UNWRAPPED_SAMPLE = 200  # long lines measured


# A photo credit in Latin script on a line of its own: "Jacquelyn Martin/AP", "Photo: Jane Doe/Reuters",
# "Photograph by John Smith".  Its own line under a caption's: the reader cuts the block there.
@functools.cache
def _latin_credit() -> re.Pattern[str]:
    # Compiled on first use (~0.5 ms of a one-page conversion): asked only of a line opening with a capital A-Z.
    return re.compile(
        r"(?:(?:Photo(?:graph)?|Picture|Image)s?\s*(?:by\b|:)\s*)?[A-Z][\w.'’\- ]{1,40}?\s?/\s?[A-Z][\w.&'’\- ]{1,30}"
        r"|(?:Photo(?:graph)?|Picture|Image)s?\s+by\s+[A-Z][\w.'’\- ]{1,40}"
    )


MAX_LATIN_CREDIT = 60  # characters: a longer line is running text


def _latin_credit_line(line: str) -> bool:
    """A line that is a photo credit in Latin script (see _latin_credit)."""
    flat = line.strip()
    # Each of the pattern's forms opens with a capital: other lines ((人民视觉), 2024年…) need no match.
    return 0 < len(flat) <= MAX_LATIN_CREDIT and "A" <= flat[0] <= "Z" and _latin_credit().fullmatch(flat) is not None


def _one_paragraph_a_line(lines: list[str]) -> bool:
    """Lines wider than any column, of differing widths: text set one paragraph (or heading) a line.

    Many extractors and text dumps end each paragraph with a single line break and
    no blank line between paragraphs.  Their lines are paragraphs, as long as the
    paragraphs are, where a column's lines (at most some 25 characters in a
    newspaper) or a typed text's (at most 80 letters) share one width.
    """
    # A line is never wider than its length: only the long ones are measured, and the first
    # UNWRAPPED_SAMPLE of them tell (a block may run to a million lines).
    long_lines = itertools.islice((line for line in lines if len(line) > UNWRAPPED_WIDTH), UNWRAPPED_SAMPLE)
    wide = [w for w in (round(display_width(line)) for line in long_lines) if w > UNWRAPPED_WIDTH]
    if len(wide) < UNWRAPPED_MIN_LINES:
        return False
    # Hard-wrapped at a wide measure: most wide lines share the widest width (a paragraph's last is shorter).
    widest = max(wide)
    at_measure = sum(1 for w in wide if widest - w <= 1)
    return not (at_measure >= 2 and 2 * at_measure >= len(wide))


# Hard-wrapped Chinese text (pdftotext and other extractors give a column's lines as they were set,
# with no blank line and no indent between paragraphs): a column's lines all have its width in
# characters, and a paragraph's last line is shorter.
WRAPPED_MIN_LINES = 3  # lines of the column's width a block needs before it is read as a column ...
WRAPPED_SOLID = 0.6  # ... of text set solid (this share of its characters Chinese or full-width)
WRAPPED_SHORT = 1.5  # characters: a line this much narrower than the column ends a piece ...
WRAPPED_INDENT_SLACK = 0.5  # ... unless it is two characters narrower (give or take this): an indented first line
WRAPPED_PAGE_LINES = 10  # lines of one width a page needs before that width is its column ...
WRAPPED_PAGE_SHARE = 0.25  # ... and this share of its Chinese lines


# Sentences opening so go on from the sentence before: in the data's paragraphs (dev days) they open
# a paragraph at most half as often as other sentences do (他 0.03, 她 0.2, 这 0.36, 同时 0.27, 因此
# 0.34, 截至 0.47 times; 它 and 为此 never, 13 times inside).  A full line ending a sentence before
# one does not end its paragraph (_WrappedBlock.fills_its_last_line).
CONTINUING_OPENINGS = ("他", "她", "它", "这", "同时", "因此", "为此", "截至")
# Characters a piece holds before a full line ending a sentence may end it as a paragraph: one in five
# of the data's paragraphs is this short, and a paragraph's first sentence often fills its first line
# (聚焦“强工业”，产业基础更加牢固。 / “一主一特”优势凸显…).  On flush pdftotext pages (dev), cuts after
# pieces of one line were right 5 times in 62, after three lines or more 122 in 231; units 68.2% with no
# minimum, 69.7% from 32 characters, 70.1% from 40, 70.2% from 48, 69.6% from 64.
FULL_LAST_LINE_MIN_PARAGRAPH = 48


def _square_line(line: str) -> bool:
    """A line of square glyphs only (ideographs, CJK and full-width punctuation, and the quotes, dashes and
    ellipsis a Chinese font sets full width): its width is exact."""
    return bool(line) and all(is_solid(ch) or ch in FULL_WIDTH_MARKS for ch in line)


_BRACKETED = re.compile(r"[（(][^（()）]{2,20}[）)]")  # a line that is one bracketed phrase
MAX_CREDIT_LINE = 48  # characters: a longer line is no credit (and the pattern is not tried on it)


# A title closed by its column tag (…护创新之花（人民时评）): a short bracketed phrase with no stop inside.
@functools.cache
def _tag_closed() -> re.Pattern[str]:
    # Compiled on first use: only hard-wrapped blocks ask (none of the benchmark's plain pages).
    return re.compile(r"\S{4,}[（(][^（()），。、；：！？,.;:!?《》“”]{2,12}[）)]")


# A photo credit on a line of its own (马 骥摄, 惠水县融媒体中心供图, 李洋摄（人民视觉）): it ends its piece.
@functools.cache
def _credit_line_pattern() -> re.Pattern[str]:
    # Compiled on first use: asked of hard-wrapped blocks, blocks of header lines and a credit set apart after a caption.
    return re.compile(
        r"[^，。；：！？]{1,28}?(?:摄影报道|摄影|摄|供图)(?:\s*[（(][^（()）]{1,12}[）)])?"
        r"|[^，。；：！？（()）]{2,12}发\s*[（(][^（()）]{2,24}?摄[）)]"  # an agency's release, its photographer after it: 新华社发（李七摄）
        rf"|(?:图为)?(?:{ANONYMOUS_CREDITS})"  # an archive's or agency's picture, no photographer named
    )


def _credit_line(line: str) -> bool:
    """A photo credit alone on its line (马 骥摄, 国家图书馆古籍馆供图, 新华社发, 新华社发（李七摄）)."""
    return len(line) <= MAX_CREDIT_LINE and _credit_line_pattern().fullmatch(line.strip()) is not None


# A caption's numbered marker opening a line (图①：, 图2:, 上图：): the caption starts there.
@functools.cache
def _caption_opening() -> re.Pattern[str]:
    # Compiled on first use: only hard-wrapped blocks ask.
    return re.compile(r"(?:图[①-⑳0-9]+|[上下左右]图)[：:]")


def page_column(text: str) -> int | None:
    """The width of the page's text columns, if its Chinese lines are hard-wrapped to one width; else None.

    A block too short to show its column's width by itself (a headline, a byline
    and two lines of text, as pdftotext cuts a page into blocks) is read with it.
    """
    solid = [line for line in text.split("\n") if line.strip() and wide_share(line) >= WRAPPED_SOLID]
    found = commonest_width(solid)
    if found is None:
        return None
    width, count = found
    return width if count >= WRAPPED_PAGE_LINES and count >= WRAPPED_PAGE_SHARE * len(solid) else None


def _wrapped_paragraphs(
    block: str, page_column: Callable[[], int | None] = lambda: None, *, headers: bool = True, whole_page: bool = False
) -> list[tuple[int, str]]:
    """A hard-wrapped Chinese block cut where its paragraphs, headings and header lines end.

    The column's width is the commonest line width.  Lines above the first of
    the column's width are header lines, a piece each, except that a line
    wider than the column (a headline over several columns) runs on into the
    next header line, unless that one has spaces inside (a byline's names).  A
    block with too few lines to show its column is read with the page's column
    (``page_column``, called only then).  A line narrower than the column ends a piece when it finishes a
    sentence (a paragraph's last line, a heading with its question mark, the
    last line of a title) or when a line of the column's full width follows
    (a byline, a heading, the end of a header over running text), but not
    when it is two characters narrower: that is a paragraph's first line
    whose indent the extractor dropped, and the piece is cut before it where
    a sentence ends.  A paragraph whose last line happens to fill the column
    shows its end by its stop alone (:meth:`_WrappedBlock.fills_its_last_line`); text in other scripts, whose lines vary in width, and
    blocks without a column of lines stay whole.  With ``headers`` False the block
    is known to be running text, and no line of it is taken for a header line.  With
    ``whole_page`` the block is the whole page (an extractor that separates no boxes), and
    header lines stand among its column lines too.
    """
    lines = block.split("\n")
    if len(lines) < 2 or wide_share(block) < WRAPPED_SOLID:
        return [(0, block)]
    widths = [set_width(line) for line in lines]
    column, _ = commonest_width(lines)  # type: ignore[misc]  # lines is not empty
    header_only = False
    own_column = True  # the block shows its column's width itself (else the page's is assumed)
    if sum(1 for w in widths if abs(w - column) <= 1) < WRAPPED_MIN_LINES or len(lines) < WRAPPED_MIN_LINES:
        # Too few lines to show a column of their own: the page's column, if the block has a line of it;
        # a block without one is header lines alone (a headline over its author's name: 见证唐代边疆治理 / 尚玉平).
        found = page_column()
        if found is None:
            return _header_lines(block, lines) if headers and len(lines) <= MAX_HEADER_LINES else [(0, block)]
        column = found
        own_column = False
        header_only = not any(abs(w - found) <= 1 for w in widths)
        if headers and len(lines) <= MAX_HEADER_LINES and (header_only or _over_a_byline(lines) or _under_a_kicker(lines, widths, found)):
            return _header_lines(block, lines)  # display lines grouped in a block, as on a page not wrapped
    wrapped = _WrappedBlock(lines, widths, column, own_column, header_only, page_column, whole_page, headers)
    return _cut_lines(block, lines, wrapped.cut_after)


def _over_a_byline(lines: list[str]) -> bool:
    """Title lines over a byline (营造…的数据产业生态 / 保障企业…（政策解读） / 本报记者 王云杉): a header, as wide as the column or not.

    A title finishes no sentence (:func:`_title_ends_sentence`), and a byline that opens with its role (本报记者) ends no
    paragraph's text (a name alone may: …总经理 / 耿 黎, a speaker's line).
    """
    last = lines[-1].strip()
    return (
        len(lines) >= 2
        and opens_with_role(last)
        and not any(map(_title_ends_sentence, lines[:-1]))
    )


def set_width(line: str) -> float:
    """A hard-wrapped line's width as set: its :func:`display_width`, and in running text the spaces inside it.

    A dateline or a quotation padded inside a column's line (本报兰州8月21日电  （记者宋朝军）…,
    的“传承精华  守正创新  全面推进…”) takes the room of its spaces (a full-width one a character,
    two others one): without them the line would seem short of the column, a header line of its
    own.  A title's parts set apart (深化全民国防教育  厚植国防安全意识) are display type, its width
    as its characters'; running text shows itself by its marks or digits.
    """
    inner = line.strip()
    width = display_width(inner)
    if (" " in inner or "\u3000" in inner) and _running_marks().search(inner):
        width += inner.count("\u3000") + 0.5 * inner.count(" ")
    return width


@functools.cache
def _running_marks() -> re.Pattern[str]:
    # Compiled on first use: only a hard-wrapped line with spaces inside asks.
    return re.compile(r"[，。、：；（）()“”\d]")


def _under_a_kicker(lines: list[str], widths: list[float], column: int) -> bool:
    """A kicker closed by its dash over its headline (“自媒体”未规范标注信息来源—— / 网信部门公布一批典型案例): a header, as wide as the column or not.

    Running text may break a line after a dash too, but the lines under it are the
    column's (…应急通信网—— / 针对极端条件下…，今年在 / 泃河沿线…新增了9处高点, a frame's
    piece); a headline's and its deck's are display lines of their own widths, with no stop.
    ``widths`` are the lines' widths as set (:func:`set_width`), measured as the block's.
    """
    return (
        2 <= len(lines) <= 3
        and lines[0].rstrip().endswith("——")
        and not any(abs(width - column) <= 1 or _title_ends_sentence(line) for line, width in zip(lines[1:], widths[1:]))
    )


_CLOSING_QUOTES = "”’」』\"'"


def _title_ends_sentence(line: str) -> bool:
    """Whether a line read as a title would end a sentence: its column tag left out, a closing quote only after a stop.

    A title may end on a quoted word (新发展理念引领毕节“越重山”) or a column tag
    (…用好数（政策解读）), which end no sentence; running text closes a quote after its
    stop (…点赞。”).
    """
    text = _COLUMN_TAG_AT_END.sub("", line).rstrip() or line.rstrip()
    bare = text.rstrip(_CLOSING_QUOTES)
    return _ends_sentence(bare if bare and bare != text else text)


class _WrappedBlock:
    """The lines of a hard-wrapped block against its column, read by :func:`_wrapped_paragraphs` to cut it."""

    def __init__(
        self,
        lines: list[str],
        widths: list[float],
        column: int,
        own_column: bool,
        header_only: bool,
        page_column: Callable[[], int | None],
        whole_page: bool,
        headers: bool,
    ) -> None:
        self.lines, self.widths, self.column = lines, widths, column
        self.own_column, self.header_only, self.page_column, self.whole_page = own_column, header_only, page_column, whole_page
        self._sets_in: bool | None = None
        self._sets_in_often: bool | None = None
        self._runs_on: bool | None = None
        self._caption_starts: set[int] | None = None  # the lines that open a caption over a credit (caption_opens)
        # The lines a numbered caption opens (图②：…), matched once each.
        opening = _caption_opening().match
        self.opens_caption = [opening(line.lstrip()) is not None for line in lines]
        self.headers = headers  # False: the block is known to be running text (a column's run of laid-out text)
        self.body = self._first_body_line(headers)  # lines above it are header lines

    def _first_body_line(self, headers: bool) -> int:
        """The first line of running text: the block's first as wide as its column (or set in), not over a byline."""
        if not headers:  # the caller knows the block is running text (a column's run of laid-out text)
            return 0
        if self.header_only:
            return len(self.lines)
        return next(
            (k for k in range(len(self.lines)) if (self.column_line(k) or self.indented(k)) and not self.names_follow(k)),
            len(self.lines),
        )

    def among_columns(self, k: int) -> bool:
        """On a page that is one block, a header line among the column lines ends its piece, and so does the line before it.

        An extractor that separates no boxes gives the header lines among the column lines: a
        line of another measure than the column's (wider, a title over several columns; or short
        after short, header lines one by one) or a byline's.
        """
        lines, short = self.lines, self.short
        if self.wide(k + 1) or (self.wide(k) and self.column_line(k + 1)):
            return True  # a title over several columns opens, or closes over a column's line (it may wrap onto a short one)
        if short(k) and short(k + 1) and not self.wraps_on(k):
            return True
        return (short(k) and byline_like(lines[k].strip())) or (short(k + 1) and byline_like(lines[k + 1].strip()))

    def wide(self, k: int) -> bool:
        """Wider than the column, past what a hung mark or the font's letters account for: a title's over several."""
        return self.widths[k] > self.column + WRAPPED_SHORT

    def short(self, k: int) -> bool:
        """Short of the column by more than a font's letters account for."""
        return 0 < self.widths[k] <= self.column - WRAPPED_SHORT

    def ends_short(self, k: int) -> bool:
        """A sentence ending a line a character short of the column, measured exactly: a paragraph's last line.

        (The margin of WRAPPED_SHORT is for lines whose Latin letters, digits or quotes vary in width with the font.)
        """
        return self.widths[k] <= self.column - 1 and self.ends_sentence(k) and _square_line(self.lines[k].strip()) and not self.carried(k)

    def carried(self, k: int) -> bool:
        """Short by no more than what the typesetter took down to the next line and justified this one over.

        A sentence's end or not (Chinese line-breaking rules): an opening quote or bracket that
        may not end a line (“村超”), or a character with the dash or ellipsis that may not open
        one (红色历 / 史——); a paragraph's last line is short by any amount.
        """
        if k + 1 >= len(self.lines):
            return False
        taken = _taken_down(self.lines[k + 1].lstrip())
        return taken > 0 and self.column - self.widths[k] <= taken + WRAPPED_INDENT_SLACK

    def fills_its_last_line(self, k: int, first: int) -> bool:
        """A full line ending a sentence (。！？) in a column that sets no paragraph in: as likely a paragraph's last line as not.

        Where paragraphs open flush, a paragraph whose last line fills the column shows no
        end but its stop.  In the data's paragraphs (development days), a sentence ends its
        paragraph 2,170 times against 2,565 times another sentence follows; on flush pages
        of the dev days as pdftotext gives them, full lines ending with 。 close a paragraph
        163 times against 268.  A wrong cut loses one paragraph and a missed one two (they run
        together), so the line ends its piece (which began at line ``first``), unless the next
        sentence opens as one that goes on from the last (他, 这, 同时…: ``CONTINUING_OPENINGS``)
        or the piece is shorter than ``FULL_LAST_LINE_MIN_PARAGRAPH``.  Not after a closing
        quote (…。” closes a paragraph 15 times in 181), nor in a block that sets its paragraphs
        in (a first line shows where one opens: in a block that sets one in, the others are)
        or holds one paragraph (an extractor that leaves a blank line between paragraphs: no
        line inside the block ends one short).  Flush pdftotext pages: units dev 64.4 → 70.2%,
        held-out 54.0 → 59.0%, successors 44.0 → 49.8%, 35.5 → 41.2%, pages exactly right
        2 → 2 of 53 and 2 → 1 of 28; indented ones 81.1 → 81.2% and unchanged; the
        benchmark's hard-wrapped pages (a blank line between paragraphs) unchanged.
        """
        if k < self.body or k + 1 >= len(self.lines) or not self.own_column or self.sets_in() or not self.runs_paragraphs_on():
            return False
        line = self.lines[k].rstrip(" \t\u3000")
        return (
            line.endswith(FULL_STOPS)
            and self.column_line(k)
            and not self.lines[k + 1].lstrip().startswith(CONTINUING_OPENINGS)
            and sum(self.widths[first : k + 1]) >= FULL_LAST_LINE_MIN_PARAGRAPH
        )

    def title_line_follows(self, k: int) -> bool:
        """Line ``k`` ends a sentence and a short line follows that ends none and is no paragraph's first line set in: a title's.

        A paragraph's lines run full to its last, which ends with a stop; a section heading
        set between paragraphs is short and ends with none (…成为研究隋唐大运河的“活化石”。 /
        汴水东流  茶香悠然 / 如今，大运河安徽段…), and pdftotext gives it among the column's
        lines, with its section's text under it: typesetters end no column on a heading, and
        a block's short last line is where its frame ended mid-line (8月31日，资兴市第二中学的
        孩子).  Indented pdftotext pages: units dev 81.9 → 83.0%, held-out 77.1 → 77.9%,
        pages exactly right 15 → 18 of 53 (dev); flush ones 70.3 → 70.5% and unchanged (a
        full line follows the heading there, which ends its piece already); the benchmark's
        hard-wrapped pages unchanged.
        """
        j = k + 1
        return (
            k >= self.body
            and j + 1 < len(self.lines)
            and self.widths[j + 1] > 0  # the heading's text follows: a piece whose frame ends mid-line ends so too
            and self.ends_sentence(k)
            and self.short(j)
            and not self.ends_sentence(j)
            and not self.indented(j, moved=True)
        )

    def dash_opens(self, k: int) -> bool:
        """Line ``k`` opens with a dash, which line-breaking rules let open no line of running text: it opens a piece.

        On the PDF benchmark's pdftotext pages (dev and held-out, both settings), every line
        opening so opens a sign-off (——编  者, 28), a deck (——走近2025年“最美巾帼奋斗者”) or a
        paragraph set off by its dash (——科研机构敞开大门。…); one half the column or less
        (the sign-off) is a piece of its own, where a paragraph's first line runs on, however
        its digits measure (——2018年5月28日，习近平 / 总书记…).  Units on those pages:
        indented dev 81.4 → 81.9%, held-out 76.7 → 77.1%; flush 70.2 → 70.3%, 59.0 → 59.1%.
        """
        return k < len(self.lines) and self.lines[k].lstrip(" \t\u3000").startswith("——")

    def runs_paragraphs_on(self) -> bool:
        """The block runs paragraphs on with no blank line between: a line inside it ends a sentence short of the column."""
        if self._runs_on is None:
            last = max((k for k, width in enumerate(self.widths) if width > 0), default=0)  # a block may end with an empty line
            self._runs_on = any(self.short(k) and self.ends_sentence(k) or self.ends_short(k) for k in range(self.body, last))
        return self._runs_on

    def stops_short(self, k: int) -> bool:
        """A line of square glyphs two characters or more short of the column: a paragraph's or heading's last line.

        However it ends (传承人李兴昌：): a line within a paragraph is full, or a character short
        where a mark may not open the next line.  Only against the block's own column: the page's
        may be wider than this one's.
        """
        return (
            self.own_column
            and self.widths[k] <= self.column - 2
            and not self.indented(k, moved=True)
            and _square_line(self.lines[k].strip())
            and not self.carried(k)
        )

    def ends_sentence(self, k: int) -> bool:
        """Line ``k`` ends a sentence."""
        return _ends_sentence(self.lines[k])

    def sets_in(self) -> bool:
        """The block sets its paragraphs' first lines in: one of them is exactly the indent narrower."""
        if self._sets_in is None:
            self._sets_in = any(self.indented(k) for k in range(len(self.lines)))
        return self._sets_in

    def sets_in_often(self) -> bool:
        """The block sets paragraphs in more than once: a line that ends no sentence (a section heading's) may stand over one.

        One line of the indent's width may be chance in a block whose paragraphs are not set in.
        """
        if self._sets_in_often is None:
            self._sets_in_often = sum(1 for k in range(len(self.lines)) if self.indented(k)) >= 2
        return self._sets_in_often

    def indented(self, k: int, moved: bool = False) -> bool:
        """A paragraph's first line set in from the margin by two characters, whose indent the extractor dropped.

        As narrow as the indent, and running on into a full line or the paragraph's last (a header
        line as wide, over a byline, runs on into nothing).  With ``moved``, as line-breaking rules
        move that width after a finished paragraph: a character or two taken down to the next line
        (在“智改数 / 转”…) make it narrower, a comma hung in the margin a character wider.
        """
        lines, widths, column = self.lines, self.widths, self.column
        if k + 1 >= len(lines) or self.ends_sentence(k) or not (widths[k + 1] >= column - 1 or self.ends_lead_in(k + 1)):
            return False
        return self._indent_wide(k, moved)

    def ends_lead_in(self, k: int) -> bool:
        """Line ``k`` ends a sentence or a lead-in (a speaker's label: …代表性 / 传承人徐朝兴：): a paragraph may end on it."""
        return self.ends_sentence(k) or self.lines[k].rstrip(" \t\u3000").endswith(("：", ":"))

    def _indent_wide(self, k: int, moved: bool) -> bool:
        """Line ``k`` is as wide as a line set in by the indent (see :meth:`indented`)."""
        lines, widths, column = self.lines, self.widths, self.column
        measured = [widths[k]]
        if moved and self.sets_in():  # as wide as the indent with what was taken down put back (not an opening quote: a sentence opens so)
            taken = _taken_down(lines[k + 1].lstrip(), openers=False)
            if taken:
                measured += [widths[k] + taken, widths[k] + taken - 1]  # the last mark put back may have hung
            if lines[k].rstrip().endswith(_HUNG_MARKS):
                measured.append(widths[k] - 1)
        return any(abs(width - (column - 2)) <= WRAPPED_INDENT_SLACK for width in measured)

    def opens_set_in(self, k: int, first: int) -> bool:
        """An opening line set in that finishes a sentence, running on into a full line: no paragraph's end.

        In a block that sets its paragraphs in, a line opening a piece (after a paragraph's
        end) as narrow as the indent is the next paragraph's first line, however it ends
        (发展现代农业离不开科技进步。 / 新品种来自…), when a full line follows it: a paragraph of
        that one line would be followed by another first line, set in too.
        """
        return k == first and self.sentence_set_in(k)

    def sentence_set_in(self, k: int) -> bool:
        """Line ``k`` is a paragraph's first line set in that finishes a sentence, over a full line (see :meth:`opens_set_in`)."""
        return (
            k >= self.body
            and k + 1 < len(self.lines)
            and self.ends_sentence(k)
            and self.column_line(k + 1)
            and self.sets_in()
            and self._indent_wide(k, moved=True)
        )

    def names_follow(self, k: int) -> bool:
        """The next line is a byline under header line ``k``.

        Lines above the column's first line are header lines (kicker, headline, byline), each a
        piece of its own, except that a line wider than the column (a headline over several) wraps
        on into the next header line, unless that one is spaced out as a list of names is (本报记者
        王 浩), or is a reporter's role alone (本报评论员).  So is a bare name (陈智林) under a title
        closed by its column tag or quote (…（人文茶座）) or under a subheadline: a paragraph's last
        line ends with its stop.
        """
        if k + 1 >= len(self.lines) or not self.short(k + 1):
            return False
        below = self.lines[k + 1].strip()
        if byline_like(below):
            return True
        title = self.lines[k].strip()
        return (title.endswith(("）", ")", "”")) or title.startswith("——")) and _name_line(below)

    def column_line(self, k: int) -> bool:
        """As wide as the column, give or take a character.

        But square glyphs measure exactly, and a line of them wider than the column is a title's
        (贵州：大力实施民族文化传承弘扬工程), unless its last mark hangs in the margin or is set half
        wide (see _hung).
        """
        line = self.lines[k].strip()
        return abs(self.widths[k] - self.column) <= 1 and not (self.widths[k] > self.column and _square_line(line) and not _hung(line))

    def wraps_on(self, k: int) -> bool:
        """Lines of one width, the first not ending a sentence: text wrapped in a box of its own (a caption)."""
        return abs(self.widths[k] - self.widths[k + 1]) <= 1 and not self.ends_sentence(k)

    def header_ends(self, k: int) -> bool:
        """Header line ``k`` is a piece of its own."""
        if k + 1 >= self.body:
            return True
        if self.names_follow(k) or self.lines[k].rstrip().endswith(("）", ")", "——")):
            return True  # a byline follows, or the title closed: its bracketed tag, a kicker's dash
        if self.whole_page and self.wide(k + 1):
            return True  # another title over several columns (a wrapped one goes on in a shorter line)
        if _two_title_lines(self.lines[k], self.lines[k + 1]):
            return True  # a kicker over its headline: narrower than it, or too long to make one title with it
        return not self.wide(k) and not (self.header_only and self.wraps_on(k))

    def caption_opens(self, k: int) -> bool:
        """Line ``k`` opens the caption over a credit: the lines right above the credit not of the column's width.

        pdftotext gives a photo's caption and credit at the foot of the column they stand
        under, in the same block (…不能停留在“读过 / 岳麓书院。 / 王 再摄).  A caption is set
        to its own measure, so its lines are not the column's; a line that ends a sentence
        above another such line is a paragraph's last (传统。), not the caption's.
        """
        if self._caption_starts is None:
            self._caption_starts = set()
            # Only in running text of the page's column: a block of captions has its own measure, theirs.
            running = self.own_column and self.page_column() == self.column
            for c in range(1, len(self.lines) if running else 0):
                if not self.credit_line(c) or self.credit_line(c - 1) or self.column_line(c - 1):
                    continue
                start = c - 1
                while (
                    start - 1 >= self.body
                    and not self.column_line(start - 1)
                    and not self.ends_sentence(start - 1)
                    and not self.credit_line(start - 1)
                ):
                    start -= 1
                self._caption_starts.add(start)
        return k in self._caption_starts

    def credit_line(self, k: int) -> bool:
        """A photo credit is a piece of its own, wherever it stands in the block.

        Running text may wrap after 拍摄 too, but on a full line: a credit is short of the page's column.
        """
        lines = self.lines
        if k >= len(lines) or not _credit_line(lines[k]):
            return False
        measure = self.page_column() or self.column
        return self.widths[k] <= measure - 2

    def closed_by_tag(self, k: int) -> bool:
        """In a block too short for a column of its own, a line closed by a column tag ends its piece: a headline's.

        pdftotext gives the headlines of articles set side by side as lines of one block
        (用有形之手护创新之花（人民时评） / 年轻人为何喜爱“新中式”（纵横）), as wide as the page's
        column, and a header set as one block may be as wide too (营造…的数据产业生态 / 保障企业
        敢用数、会用数、用好数（政策解读） / 本报记者 王云杉).  A tag is a short bracketed phrase
        with no stop, quote or book title inside: a sentence's bracket names a work or says
        what it stands for (…的《信访工作条例》（以下简称《条例》） / 正式施行。).
        """
        return self.headers and not self.own_column and _tag_closed().fullmatch(self.lines[k].strip()) is not None

    def title_opens(self, k: int) -> bool:
        """In a block too short for a column of its own, a line wider than the column opens a piece after a line that is not.

        A title set over several columns follows a line of its own: a kicker as wide as the
        column by chance (湖北嘉鱼县加快发展现代农业 / 三产融合，蔬菜产业助增收（发展各具特色的
        县域经济）), never a column's running text, whose lines are one width.
        """
        return self.headers and not self.own_column and self.wide(k + 1) and not self.wide(k)

    def tag_follows(self, k: int) -> bool:
        """A header line's bracketed tag (（快人快语）) wrapped onto a line of its own goes on with it."""
        return k + 1 < self.body and _BRACKETED.fullmatch(self.lines[k + 1].strip()) is not None

    def caption_runs_on(self, k: int, first: int) -> bool:
        """A numbered caption (图②：…) runs on to its sentence's end, over lines of its own box's width."""
        return self.opens_caption[first] and not self.ends_sentence(k) and not self.credit_line(k + 1) and not self.opens_caption[k + 1]

    def cut_after(self, k: int, first: int) -> bool:
        """Whether the piece that began at line ``first`` ends after line ``k``."""
        short, indented, widths, column = self.short, self.indented, self.widths, self.column
        if self.opens_set_in(k, first) and not (self.credit_line(k) or self.credit_line(k + 1) or self.opens_caption[k + 1]):
            return False
        return not self.tag_follows(k) and not self.caption_runs_on(k, first) and (
            (k < self.body and self.header_ends(k))
            or (short(k) and (self.ends_sentence(k) or (widths[k + 1] >= column - 1 and not indented(k, moved=True))))
            or self.ends_short(k)
            or self.stops_short(k)
            or self.fills_its_last_line(k, first)
            or self.dash_opens(k + 1)  # a sign-off, a deck or a paragraph set off by its dash opens
            or self.title_line_follows(k)  # a section heading opens
            or (self.dash_opens(k) and 0 < widths[k] <= column / 2)  # ... and a sign-off ends
            or self.credit_line(k)
            or self.credit_line(k + 1)
            or self.closed_by_tag(k)
            or self.title_opens(k)
            or self.opens_caption[k + 1]  # a numbered caption opens
            or self.caption_opens(k + 1)  # ... or a caption over a credit
            or ((self.ends_sentence(k) or self.sets_in_often()) and indented(k + 1, moved=True))  # the next paragraph opens, set in
            # ... or opens with a sentence that fills its line set in (…踏踏实实学。” / 翻开吴超的教材，笔记密密麻麻。 / “学习…)
            or (self.ends_sentence(k) and self.sets_in_often() and self.sentence_set_in(k + 1))
            or (self.whole_page and k >= self.body and self.among_columns(k))
        )


MAX_HEADER_LINES = 4  # a header set as one block: kicker, headline, deck, byline


def _header_lines(block: str, lines: list[str]) -> list[tuple[int, str]]:
    """A short block of a page set one paragraph a line, cut into header lines where they show.

    An extractor may put display lines set close together into one block (a kicker over
    its headline, a headline over its byline).  On a page that is not hard-wrapped its
    lines are no column's.  A line closed by a kicker's dash or a column tag (……——,
    …（今日谈）) ends its piece; a deck (——…) opens one, and so does a line with spaces inside
    (a byline's names, a title's two parts); a byline opening with its role (本报记者 李 婕) is
    a piece of its own, wrapped or not; of two title lines, one narrower than the next is a
    line of its own, and so are two too long to be one title (:func:`_two_title_lines`).  What follows a line with spaces inside goes on with
    it unless it opens a piece itself (a headline wrapped: 大力弘扬时代楷模精神 积极投身交 /
    通强国建设), and a line opening with a bracket goes on the line above (a credit broken
    before its agency: 兰 锋摄 / (人民视觉)).
    """

    # Two title lines over at most a byline: a kicker over its headline, or one title on two lines.
    # The byline may be a bare name (王金铨), as a block's last line under a title is (_bare_name_under_title).
    title_pair = len(lines) == 2 or (
        len(lines) == 3 and (opens_with_role(lines[2]) or byline_like(lines[2]) or _bare_name_under_title(lines[1], lines[2]))
    )

    def cut_after(k: int, _first: int) -> bool:
        line, following = lines[k], lines[k + 1]
        return not following.lstrip().startswith(("(", "（")) and (
            _credit_line(line)  # a photo's credit is a piece of its own (…手稿残卷（局部）。 / 国家图书馆古籍馆供图)
            or _credit_line(following)
            or line.rstrip().endswith(("——", "）", ")"))
            or following.lstrip().startswith("——")  # a deck
            # names or a title's two parts set apart, unless the names a byline wraps onto (本报记者 王 丹 方 / 敏 朱佩娴)
            or (byline_like(following) and not (opens_with_role(line) and not opens_with_role(following)))
            or (opens_with_role(line) and not byline_like(following))  # a byline's line
            or (title_pair and k == 0 and _two_title_lines(line, following))
            or (k == len(lines) - 2 and _bare_name_under_title(line, following))
        )

    return _cut_lines(block, lines, cut_after)


_PAUSE_MARKS = "，、：；,:;"
MAX_TITLE_LINE = 28  # characters, a column tag aside: the data's longest headline (of 210) has 28 (61 with its tag)
_BRACKETS_INSIDE = re.compile(r"[（(][^（()）]*[）)]")
# A column tag closing a title line (…用好数（政策解读）): its bracket ends no sentence.  A line that is all
# bracket ((本报记者申琳参与采写), a note ending an article) is read as it is.
_COLUMN_TAG_AT_END = re.compile(_BRACKETS_INSIDE.pattern + r"\s*$")


def _two_title_lines(line: str, following: str) -> bool:
    """Two title lines that are two lines of a header (a kicker over its headline, a headline over its deck),
    not one title set on two lines.  Asked of a block's first two lines when no more than a byline follows
    them (ragged lines of a longer block stay whole).

    A title wrapped onto a second line fills its first, so a first line narrower than the
    second is a line of its own; and no title runs past MAX_TITLE_LINE characters (its column
    tag in brackets aside, even one broken over the two lines), so two lines longer together
    are two.  Of the data's 61 kickers without a dash (a dash cuts anyway), 36 are narrower
    than their headline by a character or more and 17 more are too long with it (6 at 40
    characters: header-block pages lost the headline of a wide kicker's article, dev 89.4% of
    headlines found, held-out 84.9%); its three plain decks are too.  A kicker as wide as
    its headline or wider, and short enough to make one title with it, stays run into it: a
    headline set on two lines looks the same.
    """
    first, second = line.strip(), following.strip()
    if not (
        wide_share(first) >= WRAPPED_SOLID
        and wide_share(second) >= WRAPPED_SOLID
        and first[-1] not in SENTENCE_END_MARKS
        and first[-1] not in _PAUSE_MARKS  # a title broken after a pause goes on (社保卡， / 解锁更多应用新场景)
        and "。" not in first + second  # no running text: a title has no full stop
        and not first.startswith(("——", "―"))  # a deck set on two lines
        and not _opens_with_a_name(first)  # a speaker's name and post, wrapped (阳  铭  兰州大学…全国 / 重点实验室教授)
    ):
        return False
    # A couplet, two parts of one length set apart (陆海内外联动  东西双向互济), is a whole title line: a
    # title wrapped onto a second line breaks its last part (大力弘扬时代楷模精神 积极投身交 / 通强国建设).
    parts = first.split()
    if len(parts) == 2 and len(parts[0]) == len(parts[1]) >= 3:
        return True
    # The lines as set (a column tag takes room on its line), and the title's words alone.
    narrower = display_width(first) + 1 <= display_width(second)
    # Read as one title: a column tag broken over the two lines (…（经济新方位·实体经济和数 / 字经济深度融合）) is left out whole.
    return narrower or _title_width(first + second) > MAX_TITLE_LINE


def _opens_with_a_name(line: str) -> bool:
    """Whether a line opens with a person's name set apart by spaces, more text after it (阳  铭  兰州大学…, 潘建伟  中国科学院院士).

    A two-character name padded to three (阳  铭), or two or three Han characters (four after
    a surname of two) opening with a common surname that make no dictionary word; a title's
    parts set apart are phrases (陆海内外联动  东西双向互济, 边地小镇  百年书香).
    """
    parts = line.split()
    if len(parts) >= 3 and len(parts[0]) == len(parts[1]) == 1 and is_han(parts[0]) and is_han(parts[1]):
        return True
    name = parts[0] if len(parts) >= 2 else ""
    # Four characters only after a surname of two (欧阳明明): four-character phrases are a title's commonest parts.
    surname = _name_surname(name)
    return surname > 0 if len(name) < 4 else surname == 2


def _name_surname(text: str) -> int:
    """The length of the surname that opens ``text`` if it reads as a bare name, else 0.

    A bare name is two to four Han characters that open with a common surname and make
    no dictionary word (尚玉平, 欧阳明; not 新风貌 or 高质量).
    """
    if not (2 <= len(text) <= 4 and all(is_han(ch) for ch in text)):
        return 0
    surname = surname_length(text)
    return surname if surname and text not in words() else 0


def _name_line(line: str) -> bool:
    """Two to four ideographs and nothing else: a bare name's line (陈智林, a byline under a title closed by its
    column tag, or under a subheadline).  Read without a regex: a class of ideographs costs milliseconds to compile."""
    return 2 <= len(line) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in line)


def _bare_name_under_title(line: str, following: str) -> bool:
    """A block's last line a bare name (尚玉平, 欧阳明) under a title line: the author's byline, a line of its own.

    A name is two to four Han characters opening with a common surname that make no
    dictionary word (not 新风貌 or 高质量, the rest of a title wrapped onto a second
    line), and the title over it is clearly wider and does not stop on a pause.  A name
    padded with spaces (朱  磊) is a byline's already (:func:`byline_like`).
    """
    name, title = following.strip(), line.strip()
    return (
        _name_surname(name) > 0
        and wide_share(title) >= WRAPPED_SOLID
        and title[-1] not in _PAUSE_MARKS
        and display_width(title) >= display_width(name) + 3
    )


def _title_width(line: str) -> float:
    """A title line's display width, a column tag in brackets (（经济新方位·…）) left out."""
    return display_width(_BRACKETS_INSIDE.sub("", line))


def _cut_lines(block: str, lines: list[str], cut_after: Callable[[int, int], bool]) -> list[tuple[int, str]]:
    """``block`` (whose lines are ``lines``) cut after each line ``k`` but the last where ``cut_after(k, first)`` holds.

    ``first`` is the first line of the piece being built; each piece is (offset in the block, text).
    """
    pieces: list[tuple[int, str]] = []
    offset = start = first = 0
    for k, line in enumerate(lines[:-1]):
        offset += len(line) + 1
        if cut_after(k, first):
            pieces.append((start, block[start : offset - 1]))
            start = offset
            first = k + 1
    pieces.append((start, block[start:]))
    return pieces


def normalize_newlines(text: str) -> str:
    """Windows and old-Mac line endings become ``\\n``; other Unicode line separators too.

    Form feeds (page breaks in text exported from PDFs) and vertical tabs become line
    breaks as well: they separate lines, and XML cannot carry them, so the writers
    would otherwise remove them and glue the words on either side together.
    """
    return _page_breaks_to_newlines(_line_ends(text))


def _line_ends(text: str) -> str:
    """:func:`normalize_newlines` short of form feeds and vertical tabs (each becomes one ``\\n`` after: offsets hold)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _page_breaks_to_newlines(text: str) -> str:
    """Form feeds and vertical tabs as line breaks, one character for one."""
    return text.replace("\f", "\n").replace("\v", "\n")


def page_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each page of a text that form feeds divide into pages, blank pages at its end left out.

    pdftotext ends every page of a PDF with a form feed, a blank page's too, so
    page k of the text is page k of the PDF; a text without one is one page.
    """
    spans = []
    start = 0
    for end in itertools.chain((m.start() for m in re.finditer("\f", text)), (len(text),)):
        spans.append((start, end))
        start = end + 1
    while len(spans) > 1 and not text[slice(*spans[-1])].strip():
        spans.pop()
    return spans


def _text_pages(text: str) -> tuple[list[tuple[int, int]], tuple[int, ...]]:
    """The spans of a text's pages (:func:`page_spans`, line ends normalized) and the numbers of those with text.

    A text with no form feed is one page, and its text is not looked through again; a text
    of one page with text is a page, whatever form feeds stand around it.
    """
    if "\f" not in text:
        return [(0, len(text))], (1,)
    spans = page_spans(text)
    return spans, tuple(k for k, (start, end) in enumerate(spans, start=1) if text[start:end].strip())


class TextReader:
    """Read a plain-text page (UTF-8/16/32 with BOM, UTF-8, GB18030/GBK)."""

    name: ClassVar[str] = "text"
    columns: ClassVar[bool] = True  # text printing its columns side by side is read as blocks with boxes

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """Plain text is the fallback: anything that is not recognised as another format."""
        return True

    @classmethod
    def pages(cls, data: bytes, *, encoding: str | None = None) -> tuple[int, ...]:
        """The numbers (1-based places) of the text's pages that hold text: form feeds divide it into pages."""
        if b"\x0c" not in data:  # a form feed has this byte in every encoding read (UTF-16 and -32 too)
            return (1,)
        text, _, _ = decode_with_notes(data, encoding)
        _, filled = _text_pages(_line_ends(text))
        return filled if len(filled) > 1 else (1,)

    def read(self, data: bytes, *, meta: PageMeta, encoding: str | None = None) -> Page:
        """Decode and split into fragments; an empty page is a ReadError."""
        check_meta(meta)
        check_input_size(len(data), source=meta.source)
        try:
            text, used, notes = decode_with_notes(data, encoding)
        except ReadError as exc:
            raise ReadError(exc.message, source=meta.source) from None
        text = _line_ends(text)
        # Pages are found before form feeds become line breaks (one character for one: offsets hold).
        spans, filled = _text_pages(text)
        text = _page_breaks_to_newlines(text)
        warnings = [Warning(code="decoding-recovered", message=note, source=meta.source) for note in notes]
        start = lines_before = 0
        number = meta.page_number
        if len(filled) > 1 and number is None:  # read whole, so that no character is left out of the page
            warnings.append(
                Warning(
                    code="several-pages",
                    message=f"form feeds divide the text into {len(spans)} pages, read as one page: articles may be "
                    "joined across them (`newsarchive convert FILE` converts each page on its own; --page picks one)",
                    source=meta.source,
                )
            )
        elif len(filled) > 1 and number is not None:  # pdftotext's text of a PDF of several pages: the page named, as from the PDF
            if not 1 <= number <= len(spans):
                raise ReadError(f"form feeds divide the text into {len(spans)} pages; there is no page {number}", source=meta.source)
            start, end = spans[number - 1]
            lines_before = text.count("\n", 0, start)
            text = text[start:end]
            if not text.strip():
                raise ReadError(f"page {number} of the text is blank", source=meta.source)
        if "\ufffd" in text:
            warnings.append(
                Warning(code="replacement-character", message="input contains U+FFFD replacement characters", source=meta.source)
            )
        if self.columns and laid_out(text):  # columns printed side by side (pdftotext -layout): blocks with boxes
            # Imported here: the layout modules (~2.5 ms) are no part of reading a plain page.
            from .columns import layout_blocks
            from .layout import page_from_blocks

            # Header lines are segments of their own there: a column's run has none above its text.
            column = functools.cache(page_column)  # measured once, on the page's segments, if a run needs it
            blocks = layout_blocks(
                text,
                lambda run, running, page_lines: _paragraphs(run, functools.partial(column, page_lines), headers=not running),
                page=meta.page_number,
            )
            check_fragment_count(len(blocks), source=meta.source)
            return page_from_blocks(blocks, meta=meta, encoding=used, warnings=warnings)
        fragments = split_fragments(text, page=meta.page_number)
        if start:  # offsets and line numbers count from the start of the whole text, the pages before too
            fragments = tuple(replace(f, start=f.start + start, end=f.end + start, line=f.line + lines_before) for f in fragments)
        if not fragments:
            raise ReadError("empty input: no text to convert", source=meta.source)
        check_fragment_count(len(fragments), source=meta.source)
        meta = with_guessed_language(meta, (f.text for f in fragments))  # an English page is read as English
        return Page(meta=replace(meta, encoding=used), fragments=fragments, warnings=tuple(warnings))


class PlainTextReader(TextReader):
    """Read plain text line by line, never as columns side by side (``--from plain-text``: a table dump, say)."""

    name: ClassVar[str] = "plain-text"
    columns: ClassVar[bool] = False

    @classmethod
    def sniff(cls, data: bytes) -> bool:
        """Chosen by name only: any text the plain reader takes, ``text`` takes first."""
        return False
