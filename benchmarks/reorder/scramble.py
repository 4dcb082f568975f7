"""Page scrambler for the reading-order benchmark.

Reads the People's Daily reference articles (``articles.jsonl`` and the crawler's
``raw/*.json`` files, default ``<repo>/../shared/data/peoples-daily``), groups them
into printed pages by ``(date, page)`` and writes, for every page and seed, a
plain-text file imitating what a PDF text extractor emits for a newspaper page
whose layout has been scrambled, plus the ground truth beside it::

    OUT/<split>/<date>_p<page>_s<seed>.txt          the scrambled page
    OUT/<split>/<date>_p<page>_s<seed>.truth.json   what a reconstruction must recover
    OUT/manifest.json                               parameters, data fingerprint, page list

Usage::

    python benchmarks/reorder/scramble.py --out DIR --seeds N [--data PATH] [options]

Ground truth (built from the data, never from the scrambled text)
-----------------------------------------------------------------
* Items of a page: its articles in ``order``; an article with a title and photos
  but no body text would become a standalone photo item (``{"type": "photo"}``);
  the current data has none.  Articles without any text (an advertisement) are
  skipped, and so are pages left empty.
* Per article: ``kicker``, ``headline``, ``subheadline``, ``byline`` (text as
  emitted), ``units`` (the body in reading order: ``{"type": "heading" |
  "paragraph", "text", "pieces"}``; headings are the paragraphs written in bold,
  ``**…**``, in the raw file's ``markdown_body``; ``pieces`` is how many text
  frames the unit was cut into), ``photos`` (``{"title", "caption",
  "credit"}``) and ``headings_marked``: whether the source marks headings at all.
  The crawler kept bold in 37 of 210 articles; the others have headings too
  (普洱茶韵飘香世界, 这条数字河流如何发挥作用？) written as plain lines, so their
  units are all "paragraph" and the scorer does not hold a heading type against
  the output there.
* A package (a record whose paragraphs hold two or more signed stories, each a byline with a
  role under one to three short display lines) is split: each story is an article (kicker,
  the headline's lines joined by two spaces, byline), and the record keeps the paragraphs
  before the first story under its own title, or, with none, its title becomes the first
  story's kicker (``split_package``).  Stories are set as articles on the printed page.
* Photo lines are taken out of ``paragraphs``: a *credit* is a short line without
  sentence punctuation ending in 摄 / 摄影报道 / 绘 / 供图 / 提供 (optionally
  followed by an agency in parentheses), or 资料图片 / 资料照片 / 新华社发 / 图为资料图片 / 制图：…;
  a *caption* is the line right before a credit, plus every line before it back
  to the article start (or the previous credit) when all of them are short
  (<= 60 chars) or start with 图①… / 图为 / 数据来源; lines starting with
  图①… or 数据来源： elsewhere are captions without credit.  A credit attaches
  to the caption right before it; a credit with no caption of its own is a photo
  without caption (``以上图片均为…`` after several captions is the last one's).
* The crawler's run-together duplicates are dropped: a photo-zone line equal to
  the concatenation of the following lines, and a short line repeated at once.
* Page furniture (``版式设计：…``, ``本版责编：…``) goes to ``furniture``: it is
  emitted at the end of the page and expected among the output's ``unplaced``.
* Articles that jump pages (转版) are stored in full on both pages and appear in
  full on both scrambled pages.

The scrambled text
------------------
Blocks are separated by a blank line (two newlines) or, at a boundary between
segments, with probability ``gap4_prob``, by three blank lines (four newlines).
Segments, in emission order:

* each article's header blocks (kicker, headline, subheadline, byline), in this
  order, at the article's place in ``order`` (header segments never move);
* the article's body poured into text frames of ``frame_min``–``frame_max``
  characters (uniform); a frame ends mid-paragraph at any character (the
  remaining part starts the next frame) but never inside a heading (the frame
  ends before it instead) nor where a line could not break in Chinese
  typesetting (before 。，”）…, after “（《); every piece is its own block;
* frames moved later: each frame, with probability ``move_prob``, is moved 1–3
  segments later or, with probability ``far_prob`` of those, to any later
  position (possibly after other articles' frames);
* every photo of an article, as a caption block and a credit block, dropped at a
  segment boundary after the article's header and before the next article's
  header, or with probability ``photo_far_prob`` at any later boundary;
* credits: name padding (runs of 2+ spaces) becomes one space with probability
  ``pad_one_prob`` (else two), per line, the same in bylines; a trailing
  ``（agency）`` becomes `` (agency)`` with probability ``ascii_paren_prob``; it
  is broken onto a second line of the same block (``兰 锋摄\\n(人民视觉)``) with
  probability ``credit_break_prob`` or into a separate block with probability
  ``credit_split_prob``;
* page furniture last;
* with probability ``running_head_prob``, the page's running head first, as an extractor emits
  the top line of a page: ``人民日报  2025年1月5日  星期日`` and ``第1版  要闻`` as two blocks or,
  half the time, as one; it is furniture, and the facts it states (paper, date, page number
  and name) are the truth's ``meta``.  Drawn from a generator of its own
  (``sha256("head|seed|date|page")``), so the rest of a page is as without it;
* with probability ``one_newline_prob`` (default 0), the whole page with its blocks separated
  by one line break and no blank line, as many extractors write paragraphs (a generator of
  its own again, ``"newlines|…"``);
* with probability ``wrap_prob`` (default 0), the page's body text hard-wrapped, as extractors
  that keep a frame's lines emit it: every body piece broken into lines of one column width
  (WRAP_WIDTHS, drawn per page from a generator of its own, ``"wrap|…"``), measured as a
  Chinese font sets them (ideographs, full-width forms, quotes, dashes, the ellipsis and the
  middle dot one wide; Latin letters, digits and the rest half), by Chinese line-breaking
  rules (see ``_hard_wrap``).
  Header lines, captions and credits stay one line each: display type is set on its own measure;
* three variants of what extractors make of the same page, each drawn per page from a generator
  of its own and off by default: with probability ``wide_blank_prob`` every gap one line wider
  (blocks two blank lines apart, frame ends four: ``"gaps|…"``); with ``straight_marks_prob``
  the quotes straight (“” → ", ‘’ → ') and the dashes horizontal bars (—— → ――), as OCR and
  PDF fonts without those glyphs give them, in the text and the truth alike (``"marks|…"``); with
  ``letter_spaced_prob`` the kickers, headlines and decks letter-spaced, a space between
  characters, as extractors write display type's tracking (``"spacing|…"``);
* with probability ``header_block_prob`` (default 0, per page, ``"hblock|…"``), each header one
  block, its lines (kicker, headline, deck, byline) a line each, as extractors that group display
  lines set close together give it;
* with probability ``credit_inline_prob`` (default 0, per page, ``"inline|…"``), every photo's
  credit run on at the end of its caption's last line after one or two spaces (…的落实情况。
  陈少帅摄 (人民视觉)), as an extractor joins a credit set flush right on that line;
* with probability ``header_late_prob`` (default 0, per article, ``"late|…"``), an article's
  header emitted after its first frame, as an extractor following a content stream that draws
  display type after the text does.
* with probability ``jump_prob`` (default 0, per article, ``"jump|…"``), an article continued
  across pages, as page one carries several: half the time its text here ends inside a paragraph
  (cut where a frame could end, in its second half) with the jump line （下转第X版）, the rest of
  the article left out; otherwise it opens inside a paragraph with （上接第X版）, the text before
  left out.  The truth holds what is on the page, jump line included.

Each page and seed has its own generator, seeded from ``sha256("seed|date|page")``,
so the output is deterministic and independent of which other pages are built.
The text keeps exactly the truth's non-whitespace characters (checked).

Split: a day is ``heldout`` when ``int(sha256(date).hexdigest()[:8], 16) % 100 <
heldout_percent``, else ``dev``; new days are assigned automatically.

Parameters (CLI option, default): ``--seeds`` 4 (seeds ``first_seed`` …),
``--first-seed`` 0, ``--frame-min`` 150, ``--frame-max`` 900, ``--move-prob`` 0.3,
``--far-prob`` 0.3, ``--photo-far-prob`` 0.2, ``--gap4-prob`` 0.35,
``--pad-one-prob`` 0.5, ``--ascii-paren-prob`` 0.5, ``--credit-break-prob`` 0.3,
``--credit-split-prob`` 0.1, ``--running-head-prob`` 0.5, ``--one-newline-prob`` 0, ``--wrap-prob`` 0, ``--heldout-percent`` 30,
``--split`` all.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import hashlib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

# 2: truth articles say whether their source marks headings; 3: 新华社发 alone is a credit; 4: running heads;
# 5: hard-wrapped variant (wrap_prob) measures quotes, dashes and the ellipsis full width; 6: no space opens its lines;
# 7: a package's signed stories are articles of their own (split_package)
GENERATOR_VERSION = 7
TRUTH_FORMAT = "newsarchive-reorder-truth"
REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "peoples-daily"
SPLITS = ("dev", "heldout")

# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class ScrambleParams:
    """Every knob of the scrambler (see the module docstring)."""

    frame_min: int = 150
    frame_max: int = 900
    move_prob: float = 0.3
    far_prob: float = 0.3
    photo_far_prob: float = 0.2
    gap4_prob: float = 0.35
    pad_one_prob: float = 0.5
    ascii_paren_prob: float = 0.5
    credit_break_prob: float = 0.3
    credit_split_prob: float = 0.1
    running_head_prob: float = 0.5
    one_newline_prob: float = 0.0
    wrap_prob: float = 0.0
    wide_blank_prob: float = 0.0
    straight_marks_prob: float = 0.0
    letter_spaced_prob: float = 0.0
    header_late_prob: float = 0.0
    header_block_prob: float = 0.0
    jump_prob: float = 0.0
    credit_inline_prob: float = 0.0
    heldout_percent: int = 30

    def to_dict(self) -> dict[str, Any]:
        """The parameters as a plain dict."""
        return dataclasses.asdict(self)


_HELP = {
    "frame_min": "smallest text frame, in characters",
    "frame_max": "largest text frame, in characters",
    "move_prob": "probability that a frame is moved later",
    "far_prob": "probability that a moved frame goes anywhere later (else 1-3 segments)",
    "photo_far_prob": "probability that a photo lands anywhere after its article's header",
    "gap4_prob": "probability of four newlines (instead of two) between segments",
    "pad_one_prob": "probability that name padding in a byline/credit is one space (else two)",
    "ascii_paren_prob": "probability that a credit's （agency） becomes ' (agency)'",
    "credit_break_prob": "probability that a credit is broken onto two lines of one block",
    "credit_split_prob": "probability that a credit is split into two blocks",
    "running_head_prob": "probability that the page opens with its running head (paper, date, page label)",
    "one_newline_prob": "probability that a page's blocks are separated by one line break, no blank line",
    "wrap_prob": "probability that a page's body text comes hard-wrapped at a column width, a line a column line",
    "wide_blank_prob": "probability that every gap of a page is a line wider (two blank lines between blocks, four at frame ends)",
    "straight_marks_prob": "probability that a page's quotes are straight (\" and ') and its dashes horizontal bars (――)",
    "letter_spaced_prob": "probability that a page's kickers, headlines and decks are letter-spaced (a space between characters)",
    "header_late_prob": "probability that an article's header is emitted after its first frame (display type drawn after the text)",
    "header_block_prob": "probability that a page's headers come as one block each, a line a header line",
    "jump_prob": "probability that an article is continued on another page (its text ends mid-sentence with （下转第X版）) or from one (it opens with （上接第X版）)",
    "credit_inline_prob": "probability that a page's photo credits run on at the end of their captions' last line, after one or two spaces",
    "heldout_percent": "share of days (by a stable hash of the date) in the heldout split",
}


def add_param_args(parser: argparse.ArgumentParser) -> None:
    """Add one ``--option`` per :class:`ScrambleParams` field."""
    for f in dataclasses.fields(ScrambleParams):
        parser.add_argument(
            "--" + f.name.replace("_", "-"),
            type=type(f.default),
            default=f.default,
            help=f"{_HELP[f.name]} (default {f.default})",
        )


def params_from_args(args: argparse.Namespace) -> ScrambleParams:
    """Build the parameters from parsed options."""
    return ScrambleParams(**{f.name: getattr(args, f.name) for f in dataclasses.fields(ScrambleParams)})


# --------------------------------------------------------------------------- data


@dataclass
class Unit:
    """A body unit of the ground truth."""

    type: str  # "heading" | "paragraph"
    text: str


@dataclass
class PhotoTruth:
    """A photo: optional title, caption and credit."""

    title: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class ArticleTruth:
    """An article as the data gives it (before any scrambling)."""

    headline: str
    kicker: str | None
    subheadline: str | None
    byline: str | None
    units: list[Unit]
    photos: list[PhotoTruth]
    url: str = ""
    headings_marked: bool = True  # the source marks its section headings (in bold)


@dataclass
class RealPage:
    """One printed page of the data."""

    date: str
    page: int
    page_name: str
    items: list[ArticleTruth | PhotoTruth]  # PhotoTruth = standalone photo
    furniture: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """``YYYY-MM-DD_pNN``."""
        return f"{self.date}_p{self.page:02d}"


def split_of(date: str, heldout_percent: int = ScrambleParams.heldout_percent) -> str:
    """``heldout`` or ``dev`` for a day, from a stable hash of the date string."""
    h = int(hashlib.sha256(date.encode("utf-8")).hexdigest()[:8], 16)
    return "heldout" if h % 100 < heldout_percent else "dev"


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


_SENTENCE_PUNCT = re.compile(r"[。，；？！]")
_CREDIT_END = re.compile(r"(摄|摄影报道|绘|供图|提供)([（(][^）)]*[）)])?$")
_CREDIT_FULL = re.compile(r"^(图为)?(资料图片|资料照片|新华社发)$|^制图[:：]")
_CAPTION_START = re.compile(r"^(图[①-⑳]+|图为|数据来源[:：])")
_FURNITURE = re.compile(r"^(版式设计|本版责编|本版编辑|责任编辑|本版制图)[:：]")


def is_credit(text: str) -> bool:
    """A photo credit line (``施国辉摄（人民视觉）``, ``自贡市委宣传部供图``, ``资料图片`` …)."""
    s = _nows(text)
    if not s or len(s) > 60:
        return False
    if _CREDIT_FULL.search(s):
        return True
    if _SENTENCE_PUNCT.search(s):
        return False
    return bool(_CREDIT_END.search(s))


def is_furniture(text: str) -> bool:
    """Page furniture (``版式设计：张芳曼``)."""
    return bool(_FURNITURE.match(_nows(text)))


def _caption_like(text: str) -> bool:
    s = _nows(text)
    return len(s) <= 60 or bool(_CAPTION_START.match(s))


def drop_duplicates(paragraphs: Sequence[str]) -> list[str]:
    """Drop the crawler's run-together duplicates of photo lines.

    A line is dropped when it equals the concatenation of the next 2+ lines the
    last of which is a credit (``caption。credit`` then ``caption`` / ``credit``), or
    when a short line (<= 60 chars) is repeated right after itself and a credit
    follows within the next lines.
    """
    paras = list(paragraphs)
    out: list[str] = []
    stripped = [_nows(p) for p in paras]
    for i, s in enumerate(stripped):
        dup = False
        acc = ""
        for j in range(i + 1, min(len(paras), i + 16)):
            acc += stripped[j]
            if len(acc) > len(s):
                break
            if acc == s and j > i + 1 and any(is_credit(paras[k]) for k in range(i + 1, j + 1)):
                dup = True
                break
        if not dup and i + 1 < len(paras) and stripped[i + 1] == s and len(s) <= 60:
            if any(is_credit(p) for p in paras[i + 1 : i + 30]) or is_credit(paras[i]):
                dup = True
        if not dup:
            out.append(paras[i])
    return out


def split_photos(paragraphs: Sequence[str], headings: set[str]) -> tuple[list[str], list[PhotoTruth], list[str]]:
    """Separate body paragraphs, photos and furniture (rules in the module docstring)."""
    paras = drop_duplicates(paragraphs)
    kind = ["body"] * len(paras)
    for i, p in enumerate(paras):
        if is_furniture(p):
            kind[i] = "furniture"
        elif _nows(p) not in headings and is_credit(p):
            kind[i] = "credit"
    for i in range(len(paras)):
        if kind[i] != "credit":
            continue
        j = i - 1
        if j < 0 or kind[j] != "body" or _nows(paras[j]) in headings:
            continue
        kind[j] = "caption"
        # walk back over short / 图①-style lines when the run is anchored at the
        # article start or at a previous photo line
        k = j - 1
        while k >= 0 and kind[k] == "body" and _nows(paras[k]) not in headings and _caption_like(paras[k]):
            k -= 1
        if k < 0 or kind[k] in ("credit", "caption"):
            for m in range(k + 1, j):
                kind[m] = "caption"
        else:
            for m in range(k + 1, j):
                if _CAPTION_START.match(_nows(paras[m])):
                    kind[m] = "caption"
    for i, p in enumerate(paras):
        if kind[i] == "body" and _CAPTION_START.match(_nows(p)) and len(_nows(p)) <= 120:
            kind[i] = "caption"
    body: list[str] = []
    photos: list[PhotoTruth] = []
    furniture: list[str] = []
    current: PhotoTruth | None = None
    for p, k in zip(paras, kind):
        if k == "caption":
            current = PhotoTruth(caption=p)
            photos.append(current)
        elif k == "credit":
            if current is not None and current.credit is None:
                current.credit = p
            else:
                current = PhotoTruth(credit=p)
                photos.append(current)
        else:
            current = None
            if k == "furniture":
                furniture.append(p)
            else:
                body.append(p)
    return body, photos, furniture


# A story's byline inside a record's paragraphs: a reporter's role, then names (本报记者  杨颜菲).
_STORY_BYLINE = re.compile(r"^(本报记者|本报特约记者|本报通讯员|新华社记者|记者|通讯员)\s*\S")
_TITLE_STOP = re.compile(r"[。！？；]")
MAX_STORY_TITLE = 30  # characters of one display line above a story's byline
MAX_STORY_TITLE_LINES = 3  # kicker plus a headline set on two lines (甘肃高台： / 戈壁龙舟 / 赛出精气神)


def _story_byline(text: str) -> bool:
    s = text.strip()
    return len(s) <= 40 and bool(_STORY_BYLINE.match(s)) and not _SENTENCE_PUNCT.search(s) and not is_credit(s)


def _story_title(text: str) -> bool:
    s = _nows(text)
    return 0 < len(s) <= MAX_STORY_TITLE and not _TITLE_STOP.search(s) and not s.startswith("——") and not is_credit(text)


@dataclass
class Story:
    """One signed story of a package: its display lines and byline, and the paragraphs after them."""

    kicker: str | None
    headline: str
    byline: str
    paragraphs: list[str]


def split_package(paragraphs: Sequence[str]) -> tuple[list[str], list[Story]]:
    """A record's own paragraphs and, for a package of signed stories, each story.

    The crawler stores a package (新春走基层·平凡岗位 不凡坚守: a banner, an editor's note and
    several stories, each with its own headline and reporter) as one article whose paragraphs
    hold the stories' display lines and bylines.  On the printed page each story is set as an
    article: 1-3 short display lines (a kicker, then a headline, perhaps on two lines) and a
    byline (``本报记者  郁静娴``).  A record with two or more such stories is a package: the
    paragraphs before the first story stay the record's (the banner's lead), and each story
    becomes an article.  One signed block alone is not enough (a credit-like line after a
    caption reads the same), so a record with fewer keeps its paragraphs whole.
    """
    starts: list[tuple[int, int]] = []  # (first display line, byline) of each story
    for i, text in enumerate(paragraphs):
        if not _story_byline(text):
            continue
        first = i
        while first > 0 and i - first < MAX_STORY_TITLE_LINES and _story_title(paragraphs[first - 1]):
            first -= 1
        if first < i and (not starts or first > starts[-1][1]):
            starts.append((first, i))
    if len(starts) < 2:
        return list(paragraphs), []
    stories = []
    for n, (first, byline) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(paragraphs)
        lines = [t.strip() for t in paragraphs[first:byline]]
        kicker = lines[0] if len(lines) > 1 else None
        headline = "  ".join(lines[1:] if len(lines) > 1 else lines)  # two display lines read as one, as 护越冬候鸟  保一方平安
        stories.append(Story(kicker, headline, paragraphs[byline].strip(), list(paragraphs[byline + 1 : end])))
    return list(paragraphs[: starts[0][0]]), stories


def _article_truth(
    headline: str,
    kicker: str | None,
    subheadline: str | None,
    byline: str | None,
    paragraphs: Sequence[str],
    bold: set[str],
    url: str,
    furniture: list[str],
) -> ArticleTruth:
    """An article from its header fields and paragraphs: photos and furniture taken out (furniture added to ``furniture``)."""
    body, photos, furn = split_photos(paragraphs, bold)
    furniture.extend(furn)
    return ArticleTruth(
        headline=headline,
        kicker=kicker,
        subheadline=subheadline,
        byline=byline,
        units=[Unit("heading" if _nows(p) in bold else "paragraph", p) for p in body],
        photos=photos,
        url=url,
        headings_marked=bool(bold),
    )


_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*\s*$", re.M)


def _load_raw_headings(data: Path) -> dict[str, set[str]]:
    """url -> whitespace-free texts of the bold lines of its ``markdown_body``."""
    out: dict[str, set[str]] = {}
    for path in sorted((data / "raw").glob("*.json")):
        records = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(records, dict):
            records = [records]
        for rec in records:
            url = rec.get("url") or ""
            body = rec.get("markdown_body") or ""
            out[url] = {_nows(m) for m in _BOLD.findall(body)}
    return out


def data_files(data: Path) -> list[Path]:
    """Every input file the benchmark reads from the data folder."""
    return sorted(data.glob("*.jsonl")) + sorted((data / "raw").glob("*.json"))


def data_fingerprint(data: Path) -> str:
    """sha256 over the names and contents of the data files."""
    h = hashlib.sha256()
    for path in data_files(data):
        h.update(path.name.encode("utf-8"))
        h.update(path.read_bytes())
    return h.hexdigest()


def load_pages(data: Path = DEFAULT_DATA) -> list[RealPage]:
    """Every non-empty page of the data, sorted by date and page number."""
    headings = _load_raw_headings(data)
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in sorted(data.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            key = rec.get("url") or f"{rec['date']}|{rec['page']}|{rec['order']}"
            if key in seen:
                continue
            seen.add(key)
            records.append(rec)
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for rec in records:
        groups.setdefault((rec["date"], int(rec["page"])), []).append(rec)
    pages: list[RealPage] = []
    for (date, number), recs in sorted(groups.items()):
        recs.sort(key=lambda r: r.get("order", 0))
        items: list[ArticleTruth | PhotoTruth] = []
        furniture: list[str] = []
        for rec in recs:
            paras = [p for p in rec.get("paragraphs") or [] if p.strip()]
            if not paras:
                continue  # an advertisement or an empty record
            url = rec.get("url") or ""
            bold = headings.get(url, set())
            own, stories = split_package(paras)
            kicker, byline = rec.get("kicker") or None, rec.get("byline") or None
            record = _article_truth(
                (rec.get("title") or "").strip(), kicker, rec.get("subtitle") or None, byline, own, bold, url, furniture
            )
            if stories and not record.units and not record.photos and kicker is None and stories[0].kicker is None:
                # A banner over stories with no lead of its own is set above the first story's headline.
                stories[0].kicker, record.headline = record.headline or None, ""
            if not record.units and record.photos and not kicker and not byline and not stories:
                record.photos[0].title = record.headline or None
                items.extend(record.photos)
                continue
            if record.headline or record.units or record.photos:
                items.append(record)
            items.extend(
                _article_truth(s.headline, s.kicker, None, s.byline, s.paragraphs, bold, f"{url}#story-{n}", furniture)
                for n, s in enumerate(stories, 1)
            )
        if items:
            pages.append(RealPage(date, number, recs[0].get("page_name") or "", items, furniture))
    return pages


# --------------------------------------------------------------------------- scrambling


@dataclass
class _Segment:
    kind: str  # "header" | "frame" | "photo" | "furniture"
    article: int  # index among the page's items (-1 for furniture)
    blocks: list[str]


def _rng(seed: int, date: str, page: int, stream: str = "") -> random.Random:
    digest = hashlib.sha256(f"{stream}{seed}|{date}|{page}".encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


PUBLICATION = "人民日报"
WEEKDAYS = "一二三四五六日"


def running_head(page: RealPage) -> tuple[list[str], dict[str, Any]]:
    """The page's running head, left part and right part, and the facts it states."""
    year, month, day = (int(x) for x in page.date.split("-"))
    weekday = WEEKDAYS[datetime.date(year, month, day).weekday()]
    parts = [f"{PUBLICATION}  {year}年{month}月{day}日  星期{weekday}", f"第{page.page}版  {page.page_name}".rstrip()]
    facts = {"publication": PUBLICATION, "date": page.date, "page_number": page.page, "page_name": page.page_name or None}
    return parts, facts


def _pad(text: str, rng: random.Random, params: ScrambleParams) -> str:
    """Name padding: every run of 2+ spaces becomes one or two spaces."""
    width = 1 if rng.random() < params.pad_one_prob else 2
    return re.sub(r"[ \u3000]{2,}", " " * width, text.strip())


_AGENCY = re.compile(r"^(.*?)\s*[（(]([^）)]*)[）)]$")


def _credit_blocks(credit: str, rng: random.Random, params: ScrambleParams) -> list[str]:
    """The blocks a credit is emitted as (one or two), after padding/paren/break variation."""
    text = _pad(credit, rng, params)
    m = _AGENCY.match(text)
    if not m or not m.group(1):
        return [text]
    head, agency = m.group(1), m.group(2)
    ascii_paren = rng.random() < params.ascii_paren_prob
    tail = f"({agency})" if ascii_paren else f"（{agency}）"
    r = rng.random()
    if r < params.credit_split_prob:
        return [head, tail]
    if r < params.credit_split_prob + params.credit_break_prob:
        return [f"{head}\n{tail}"]
    return [f"{head} {tail}" if ascii_paren else f"{head}{tail}"]


_NO_LINE_START = set("。，、；：？！”’）》」』〉】…—·%）)],.;:?!")
_NO_LINE_END = set("“‘（《「『〈【([")


WRAP_WIDTHS = (13, 14, 16, 18, 20, 24)  # full-width characters a column line holds (wrap_prob)


_FONT_WIDE_MARKS = set("“”‘’—…·")  # marks shared with Latin text that a Chinese font sets full width


def _width(ch: str) -> float:
    """A character's width in full-width units: ideographs, full-width forms and a Chinese font's quotes,
    dashes, ellipsis and middle dot one; Latin letters, digits and other characters half."""
    return 1.0 if ch >= "\u2e80" or ch in _FONT_WIDE_MARKS else 0.5


_HANGING = set("，。、；：！？”’）》")  # marks a line may hang in the margin, one at most


def break_lines(text: str, too_wide: Callable[[str, int], bool]) -> list[str]:
    """``text`` broken into lines by Chinese line-breaking rules; ``too_wide(line, n)``: line ``n`` overflows.

    Greedy: a line takes characters while it fits.  A mark that may not open a line
    hangs in the margin (one comma, stop, closing quote or bracket a line) or, where it
    cannot (a dash, an ellipsis, a second mark), takes the line's last character down
    with it; an opening quote or bracket that would end a line goes down to the next.
    A space never opens a line.
    """
    lines: list[str] = []
    line = ""
    hung = False  # the line already ends on a mark past its width
    for ch in text:
        if line and too_wide(line + ch, len(lines)):
            if ch in _NO_LINE_START:
                if ch in _HANGING and not hung:
                    line += ch
                    hung = True
                    continue
                # Take characters down until the next line opens on one that may open it.
                cut = len(line)
                while cut > 1 and line[cut - 1] in _NO_LINE_START:
                    cut -= 1
                cut -= 1
            else:
                cut = len(line)
            while cut > 1 and line[cut - 1] in _NO_LINE_END:  # an opening mark goes on with what it opens
                cut -= 1
            if cut >= 1:
                lines.append(line[:cut].rstrip())
                line = line[cut:].lstrip()
                hung = False
        if line or not ch.isspace():
            line += ch
    if line.strip():
        lines.append(line)
    return lines


def _hard_wrap(text: str, width: int) -> str:
    """``text`` broken into lines ``width`` wide, as a column sets it (see ``wrap_prob``)."""
    return "\n".join(break_lines(text, lambda line, _: sum(map(_width, line)) > width))


def _best_cut(text: str, capacity: int) -> int | None:
    """The largest cut position <= capacity leaving non-whitespace text on both sides and
    obeying the line-break rules of Chinese typesetting (no closing punctuation at a
    line start, no opening one at a line end), as a frame always ends at a line end."""
    stripped = text.strip()
    if len(stripped) < 2:
        return None
    lo = len(text) - len(text.lstrip()) + 1
    hi = len(text.rstrip()) - 1
    for i in range(min(capacity, hi), lo - 1, -1):
        if (
            text[i] not in _NO_LINE_START
            and text[i - 1] not in _NO_LINE_END
            and not text[i].isspace()
            and not text[i - 1].isspace()
        ):
            return i
    return None


_CHINESE_NUMBERS = "一二三四五六七八九十"


def _page_label(number: int) -> str:
    """第N版 in Chinese numerals (1–99)."""
    tens, ones = divmod(number, 10)
    if not tens:
        return f"第{_CHINESE_NUMBERS[ones - 1]}版"
    return f"第{'' if tens == 1 else _CHINESE_NUMBERS[tens - 1]}十{_CHINESE_NUMBERS[ones - 1] if ones else ''}版"


def _jumped(units: list[Unit], page: int, rng: random.Random, params: ScrambleParams) -> list[Unit]:
    """The article's units as a page shows them when, with probability ``jump_prob``, it is continued across pages."""
    if rng.random() >= params.jump_prob:
        return units
    paragraphs = [k for k, u in enumerate(units) if u.type == "paragraph" and len(u.text.strip()) >= 20]
    onward = page == 1 or rng.random() < 0.5  # page one continues its articles; later pages take them up
    candidates = [k for k in paragraphs if k > 0] if onward else paragraphs
    if not candidates:
        return units
    k = rng.choice(candidates)
    text = units[k].text.strip()
    cut = _best_cut(text, rng.randint(len(text) // 2, len(text) - 2))
    if cut is None:
        return units
    if onward:
        label = _page_label(page + rng.randint(1, 4))
        return [*units[:k], Unit("paragraph", text[:cut] + f"（下转{label}）")]
    label = _page_label(rng.randint(1, page - 1))
    return [Unit("paragraph", f"（上接{label}）" + text[cut:]), *units[k + 1 :]]


def _pour(units: Sequence[Unit], rng: random.Random, params: ScrambleParams) -> tuple[list[list[str]], list[int]]:
    """Pour the units into frames; returns the frames (lists of blocks) and pieces per unit."""
    frames: list[list[str]] = []
    current: list[str] = []
    capacity = rng.randint(params.frame_min, params.frame_max)
    pieces = [0] * len(units)

    def close() -> None:
        nonlocal current, capacity
        if current:
            frames.append(current)
        current = []
        capacity = rng.randint(params.frame_min, params.frame_max)

    for index, unit in enumerate(units):
        text = unit.text.strip()
        while text:
            if len(text) <= capacity:
                current.append(text)
                pieces[index] += 1
                capacity -= len(text)
                text = ""
                if capacity <= 0:
                    close()
                continue
            cut = _best_cut(text, capacity) if unit.type == "paragraph" else None
            if cut is None:
                if current:
                    close()
                    continue
                current.append(text)  # a heading or an uncuttable line longer than a frame
                pieces[index] += 1
                text = ""
                close()
                continue
            current.append(text[:cut])
            pieces[index] += 1
            text = text[cut:]
            close()
    close()
    return frames, pieces


def scramble_page(page: RealPage, seed: int, params: ScrambleParams = ScrambleParams()) -> tuple[str, dict[str, Any]]:
    """The scrambled text of one page for one seed, and its ground truth."""
    rng = _rng(seed, page.date, page.page)
    inline = _drawn(params.credit_inline_prob, seed, page, "inline|")
    inline_gap = " " * (1 + _rng(seed, page.date, page.page, "inline-gap|").randrange(2)) if inline else ""
    segments: list[_Segment] = []
    truth_items: list[dict[str, Any]] = []
    photo_jobs: list[tuple[int, list[str]]] = []
    stats = Counter()
    for index, item in enumerate(page.items):
        if isinstance(item, PhotoTruth):
            blocks = [b for b in (item.title, item.caption) if b]
            credit_blocks = _credit_blocks(item.credit, rng, params) if item.credit else []
            blocks += credit_blocks
            if inline and item.caption and credit_blocks:
                blocks = _run_on(blocks, len(blocks) - len(credit_blocks), inline_gap)
            segments.append(_Segment("photo", index, blocks))
            truth_items.append(
                {
                    "type": "photo",
                    "title": item.title,
                    "caption": item.caption,
                    "credit": "\n".join(credit_blocks) or None,
                }
            )
            continue
        byline = _pad(item.byline, rng, params) if item.byline else None
        header = [b for b in (item.kicker, item.headline, item.subheadline, byline) if b]
        segments.append(_Segment("header", index, header))
        if params.jump_prob:
            item = dataclasses.replace(item, units=_jumped(item.units, page.page, _rng(seed, page.date, page.page, f"jump|{index}"), params))
        frames, pieces = _pour(item.units, rng, params)
        segments.extend(_Segment("frame", index, f) for f in frames)
        stats["frames"] += len(frames)
        stats["cut_units"] += sum(1 for p in pieces if p > 1)
        photos: list[dict[str, Any]] = []
        for photo in item.photos:
            credit_blocks = _credit_blocks(photo.credit, rng, params) if photo.credit else []
            blocks = ([photo.caption] if photo.caption else []) + credit_blocks
            if inline and photo.caption and credit_blocks:
                blocks = _run_on(blocks, 1, inline_gap)
            photo_jobs.append((index, blocks))
            photos.append({"title": None, "caption": photo.caption, "credit": "\n".join(credit_blocks) or None})
        truth_items.append(
            {
                "type": "article",
                "kicker": item.kicker,
                "headline": item.headline,
                "subheadline": item.subheadline,
                "byline": byline,
                "units": [{"type": u.type, "text": u.text, "pieces": n} for u, n in zip(item.units, pieces)],
                "photos": photos,
                "url": item.url,
                "headings_marked": item.headings_marked,
            }
        )
    # move frames later
    order = list(segments)
    for seg in [s for s in segments if s.kind == "frame"]:
        if rng.random() >= params.move_prob:
            continue
        pos = next(i for i, s in enumerate(order) if s is seg)
        room = len(order) - 1 - pos
        if room <= 0:
            continue
        if rng.random() < params.far_prob:
            step = rng.randint(1, room)
        else:
            step = rng.randint(1, min(3, room))
        order.pop(pos)
        order.insert(pos + step, seg)
        stats["moved_frames"] += 1
    # headers emitted after their article's first frame
    late_rng = _rng(seed, page.date, page.page, "late|")
    for k in range(len(order) - 1):
        seg, nxt = order[k], order[k + 1]
        if params.header_late_prob and seg.kind == "header" and nxt.kind == "frame" and nxt.article == seg.article:
            if late_rng.random() < params.header_late_prob:
                order[k], order[k + 1] = nxt, seg
    # drop photos between segments
    for article, blocks in photo_jobs:
        header_pos = next(i for i, s in enumerate(order) if s.kind == "header" and s.article == article)
        if rng.random() < params.photo_far_prob:
            end = len(order)
        else:
            later = [i for i, s in enumerate(order) if s.kind == "header" and s.article > article and i > header_pos]
            end = later[0] if later else len(order)
        order.insert(rng.randint(header_pos + 1, end), _Segment("photo", article, blocks))
    for text in page.furniture:
        order.append(_Segment("furniture", -1, [text]))
    # render
    parts: list[str] = ["\n\n"]
    head_rng = _rng(seed, page.date, page.page, "head|")
    furniture = list(page.furniture)
    meta = None
    blank = "\n" if _drawn(params.wide_blank_prob, seed, page, "gaps|") else ""
    if head_rng.random() < params.running_head_prob:
        head, meta = running_head(page)
        blocks = head if head_rng.random() < 0.5 else ["    ".join(head)]
        parts += [("\n\n" + blank).join(blocks), "\n\n" + blank]
        furniture = blocks + furniture
    wrap_rng = _rng(seed, page.date, page.page, "wrap|")
    column = wrap_rng.choice(WRAP_WIDTHS) if params.wrap_prob and wrap_rng.random() < params.wrap_prob else None
    spaced = _drawn(params.letter_spaced_prob, seed, page, "spacing|")
    header_block = _drawn(params.header_block_prob, seed, page, "hblock|")
    titles = {t for item in page.items if isinstance(item, ArticleTruth) for t in (item.kicker, item.headline, item.subheadline) if t}
    for n, seg in enumerate(order):
        if n:
            parts.append(("\n\n\n\n" if rng.random() < params.gap4_prob else "\n\n") + blank)
        blocks = [_hard_wrap(b, column) for b in seg.blocks] if column and seg.kind == "frame" else seg.blocks
        if spaced and seg.kind == "header":
            blocks = [" ".join(b.replace(" ", "")) if b in titles else b for b in blocks]
        one_block = seg.kind == "header" and header_block
        parts.append("\n".join(blocks) if one_block else ("\n\n" + blank).join(blocks))
    parts.append("\n")
    text = "".join(parts)
    if params.one_newline_prob and _rng(seed, page.date, page.page, "newlines|").random() < params.one_newline_prob:
        text = "\n".join(line for line in text.split("\n") if line.strip()) + "\n"
    stats["blocks"] = sum(len(s.blocks) for s in order)
    stats["segments"] = len(order)
    stats["chars"] = len(_nows(text))
    split = split_of(page.date, params.heldout_percent)
    truth = {
        "format": TRUTH_FORMAT,
        "version": GENERATOR_VERSION,
        "name": f"{page.name}_s{seed}",
        "date": page.date,
        "page": page.page,
        "page_name": page.page_name,
        "seed": seed,
        "split": split,
        "params": params.to_dict(),
        "items": truth_items,
        "furniture": furniture,
        "stats": dict(sorted(stats.items())),
    }
    if meta is not None:
        truth["meta"] = meta
    if _drawn(params.straight_marks_prob, seed, page, "marks|"):
        text = text.translate(STRAIGHT_MARKS)
        truth["items"] = _translated(truth["items"], STRAIGHT_MARKS)
        truth["furniture"] = _translated(truth["furniture"], STRAIGHT_MARKS)
    if Counter(_nows(text)) != Counter(_nows("".join(truth_texts(truth)))):
        raise AssertionError(f"scrambler lost or invented characters on {truth['name']}")
    return text, truth


# Quotes and dashes as OCR and PDF fonts without those glyphs give them (straight_marks_prob).
STRAIGHT_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "\u2015"})


def _run_on(blocks: list[str], first_credit: int, gap: str) -> list[str]:
    """A photo's blocks with its credit's first block run on at the end of the caption's (the block before it)."""
    return [*blocks[: first_credit - 1], blocks[first_credit - 1] + gap + blocks[first_credit], *blocks[first_credit + 1 :]]


def _drawn(prob: float, seed: int, page: RealPage, salt: str) -> bool:
    """Whether a page variant of probability ``prob`` applies, from a generator of its own."""
    return bool(prob) and _rng(seed, page.date, page.page, salt).random() < prob


def _translated(value: Any, table: dict[int, str]) -> Any:
    """``value`` with ``table`` applied to every string in it but the truth's keys and kinds."""
    if isinstance(value, str):
        return value.translate(table)
    if isinstance(value, list):
        return [_translated(v, table) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "type" else _translated(v, table) for k, v in value.items()}
    return value


def truth_texts(truth: dict[str, Any]) -> list[str]:
    """Every source text of a truth record (header fields, units, photos, furniture)."""
    out: list[str] = []
    for item in truth["items"]:
        if item["type"] == "article":
            out += [item[k] for k in ("kicker", "headline", "subheadline", "byline") if item.get(k)]
            out += [u["text"] for u in item["units"]]
            photos = item["photos"]
        else:
            photos = [item]
        for photo in photos:
            out += [photo[k] for k in ("title", "caption", "credit") if photo.get(k)]
    out += truth.get("furniture", [])
    return out


# --------------------------------------------------------------------------- generation


def generate(
    out: Path,
    seeds: int = 4,
    params: ScrambleParams = ScrambleParams(),
    data: Path = DEFAULT_DATA,
    first_seed: int = 0,
    split: str = "all",
    pages: Iterable[RealPage] | None = None,
) -> dict[str, Any]:
    """Write every scrambled page and its truth under ``out``; returns the manifest."""
    pages = list(load_pages(data) if pages is None else pages)
    for name in SPLITS:  # remove earlier pages of the splits being built (only ours)
        if split in ("all", name) and (out / name).is_dir():
            for old in (out / name).glob("*_p*_s*.*"):
                if old.name.endswith((".txt", ".truth.json")):
                    old.unlink()
    written: list[dict[str, Any]] = []
    for page in pages:
        page_split = split_of(page.date, params.heldout_percent)
        if split != "all" and page_split != split:
            continue
        for seed in range(first_seed, first_seed + seeds):
            text, truth = scramble_page(page, seed, params)
            folder = out / page_split
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{truth['name']}.txt").write_text(text, encoding="utf-8")
            (folder / f"{truth['name']}.truth.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            written.append({"name": truth["name"], "split": page_split, "path": f"{page_split}/{truth['name']}.txt"})
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "params": params.to_dict(),
        "seeds": seeds,
        "first_seed": first_seed,
        "split": split,
        "data": str(data),
        "data_fingerprint": data_fingerprint(data),
        "pages": written,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"data folder (default {DEFAULT_DATA})")
    parser.add_argument("--seeds", type=int, default=4, help="scrambles per real page (default 4)")
    parser.add_argument("--first-seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all", help="which days to build")
    add_param_args(parser)
    args = parser.parse_args(argv)
    if not (args.data / "articles.jsonl").is_file() and not list(args.data.glob("*.jsonl")):
        parser.error(f"no data in {args.data}")
    manifest = generate(args.out, args.seeds, params_from_args(args), args.data, args.first_seed, args.split)
    counts = Counter(p["split"] for p in manifest["pages"])
    per_split = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"wrote {len(manifest['pages'])} pages to {args.out}: {per_split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
