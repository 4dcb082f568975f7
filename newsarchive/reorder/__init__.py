"""Reading-order reconstruction: an ordered pipeline of small, named transforms.

As in docutils, each transform has a published ``priority`` and the pipeline
runs them from low to high (equal priorities in registration order).  Unlike
docutils, the state is immutable: every transform maps a :class:`Draft` to a
new :class:`Draft`.  Built-in transforms register through the
``newsarchive.transforms`` entry-point group like third-party ones do.

Priority bands: 100s tag roles, 200s segment the page into items, 300s join
cut paragraphs, 400s assign fragments to articles, 500s order sections, 600s
attach photos, 900 assemble the final :class:`~newsarchive.model.Page`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, replace
from operator import add, attrgetter
from typing import ClassVar, Iterable, Iterator, Mapping, Protocol, Sequence

from ..model import Decision, Fragment, Page, PageMeta, Role, Warning
from ..profiles import JumpLine, Profile
from ..profiles.textutil import commonest_width

__all__ = [
    "ABOVE_A_CREDIT", "ArticleDraft", "BETWEEN_FRAMES", "BLANK_LINE", "BODY_ROLES", "Draft", "HEADER_ROLES", "Join", "LEAD_APART", "PhotoDraft", "Pipeline",
    "STACKED_KICKER",
    "Transform", "WIDE_GAP", "page_wide_gap", "running_line_width",
]  # fmt: skip

# Line breaks before a fragment: a gap this wide marks a text-frame boundary (extractors leave
# one where a frame ends; the layout transforms set one where the order jumps).
WIDE_GAP = 3
BLANK_LINE = 2  # line breaks before a fragment with a blank line between it and the text above
# Roles of what an extractor drops between two text frames: a photo's parts and page furniture.  The
# piece after them follows the piece before them in the frames' order.
BETWEEN_FRAMES = (Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE, Role.FURNITURE)
BODY_ROLES = (Role.PARAGRAPH, Role.HEADING)  # the roles of an article's running text
HEADER_ROLES = (Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE)  # the roles of an article's header
# The role reason tag-roles gives a caption it knows by its place alone (over a credit), which layout-roles may undo.
ABOVE_A_CREDIT = "directly above a photo credit"
# The reason layout-roles gives a kicker its layout shows stacked right over its headline: no frame's last line
# emitted before a header, which join-cuts may otherwise read a kicker without dashes as.
STACKED_KICKER = "kicker: stacked over a headline"
# The reason tag-roles gives a header typed for a dateline lead emitted apart from it (segment-articles reads it).
LEAD_APART = "header line (a later lead paragraph opens with a dateline)"
# Hard-wrapped running text (a text extractor's columns): most of its lines share one width.
WRAPPED_LINES = 3  # fragments of at least this many lines are measured ...
RUNNING_LINES = 10  # ... and a width shared by this many of their lines ...
RUNNING_SHARE = 0.3  # ... and this share of them is the width of the page's columns

# The fields of a fragment that Draft.with_roles copies unchanged.
_KEPT_FIELDS = tuple(f.name for f in fields(Fragment) if f.init and f.name not in ("role", "role_confidence", "role_reason"))
_kept_values = attrgetter(*_KEPT_FIELDS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Join:
    """``tail`` continues the paragraph that ``head`` breaks off (a cut at a frame break)."""

    head: str
    tail: str
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoDraft:
    """A photo under construction: fragment ids of its title, caption and credit."""

    title: str | None = None
    caption: tuple[str, ...] = ()
    credit: tuple[str, ...] = ()
    article: int | None = None  # index into Draft.articles, None for a standalone photo
    confidence: float = 1.0

    @property
    def fragment_ids(self) -> tuple[str, ...]:
        """All fragments of the photo, title first."""
        return ((self.title,) if self.title else ()) + self.caption + self.credit


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDraft:
    """An article under construction: header fragment ids and body fragment ids in order."""

    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    body: tuple[str, ...] = ()
    confidence: float = 1.0

    @property
    def header_ids(self) -> tuple[str, ...]:
        """The header fragments, in header order."""
        return tuple(i for i in (self.kicker, self.headline, self.subheadline, self.byline) if i)


def has_boxes(fragments: Iterable[Fragment]) -> bool:
    """Whether the reader gave fragments boxes (a page with geometry)."""
    return any(f.bbox is not None for f in fragments)


def running_line_width(fragments: Sequence[Fragment]) -> float | None:
    """The width of the page's column lines, where its running text comes hard-wrapped as plain text, else None.

    A one-line fragment exactly that wide that runs on is a column's last line
    cut off from its paragraph at a frame break, not a title: titles are set
    narrower or wider than the column.
    """
    if has_boxes(fragments):
        return None  # with boxes, the layout transforms see justified and centred lines themselves
    lines = [line for f in fragments if len(f.lines) >= WRAPPED_LINES for line in f.lines]
    commonest = commonest_width(lines)
    if commonest is None:
        return None
    width, count = commonest
    return float(width) if count >= RUNNING_LINES and count >= RUNNING_SHARE * len(lines) else None


def page_wide_gap(fragments: Sequence[Fragment]) -> int:
    """The line breaks that mark a text-frame boundary on a page: more than its ordinary gap between blocks.

    Extractors separate blocks by a blank line and leave a wider gap where a text frame
    ends, but some separate every block by two blank lines or more: there, only a gap
    wider than that is a frame's end.  The ordinary gap is the narrowest one before at
    least a tenth of the blocks that have a blank line before them (a stray narrow gap does
    not set it).  Others (pdftotext) set a frame's paragraphs one under the other: where
    most blocks follow a single line break, a blank line is a frame's end (:data:`BLANK_LINE`).
    Pages with boxes keep :data:`WIDE_GAP`: the layout transforms set their gaps.
    """
    if has_boxes(fragments):
        return WIDE_GAP
    if 2 * sum(1 for f in fragments[1:] if f.gap_before == 1) > len(fragments) - 1:
        return BLANK_LINE
    gaps = Counter(f.gap_before for f in fragments[1:] if f.gap_before >= 2)
    total = sum(gaps.values())
    if not total:
        return WIDE_GAP
    ordinary = min(gap for gap, count in gaps.items() if count * 10 >= total)
    return max(WIDE_GAP, ordinary + 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """The state passed between transforms."""

    meta: PageMeta
    fragments: tuple[Fragment, ...]
    profile: Profile
    index: Mapping[str, int] = field(default_factory=dict)  # fragment id → position in extraction order
    articles: tuple[ArticleDraft, ...] = ()
    photos: tuple[PhotoDraft, ...] = ()
    joins: tuple[Join, ...] = ()
    # Fragments whose layout shows that their paragraph ends with them (a short last line): never cut heads.
    paragraph_ends: frozenset[str] = frozenset()
    decisions: tuple[Decision, ...] = ()
    warnings: tuple[Warning, ...] = ()
    # Line breaks before a fragment that mark a text-frame boundary on this page (page_wide_gap).
    wide_gap: int = WIDE_GAP
    # Fragment id → (its lines, joined text, (text without spaces, its bigrams)).  Shared by the
    # copies transforms make, so a fragment's text is joined and split into bigrams once per page,
    # not once per step and use; keyed on the lines object too, so a transform that gives an id
    # new lines gets them joined anew.
    memo: dict[str, tuple[tuple[str, ...], str, tuple[str, list[str]] | None]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_page(cls, page: Page, profile: Profile) -> "Draft":
        """A fresh draft over a page's fragments."""
        return cls(
            meta=page.meta,
            fragments=page.fragments,
            profile=profile,
            index={f.id: i for i, f in enumerate(page.fragments)},
            warnings=page.warnings,
            wide_gap=page_wide_gap(page.fragments),
        )

    @property
    def laid_out(self) -> bool:
        """Whether the reader gave fragments boxes (a page with geometry)."""
        return has_boxes(self.fragments)

    def fragment(self, fragment_id: str) -> Fragment:
        """The fragment with this id."""
        return self.fragments[self.index[fragment_id]]

    def text(self, fragment_id: str) -> str:
        """The fragment's text with its lines joined the profile's way."""
        lines = self.fragments[self.index[fragment_id]].lines
        hit = self.memo.get(fragment_id)
        if hit is not None and hit[0] is lines:
            return hit[1]
        text = self.profile.join_lines(lines)
        self.memo[fragment_id] = (lines, text, None)
        return text

    def jump(self, fragment_id: str, continued: str) -> JumpLine | None:
        """The fragment's jump line if it says the text is continued ``continued`` ("on" or "from") another page."""
        found = self.profile.jump_line(self.text(fragment_id))
        return found if found is not None and found.continued == continued else None

    def unfinished(self, fragment_id: str) -> bool:
        """Whether the fragment's paragraph goes on after it: no sentence end, and no short last line (``paragraph_ends``)."""
        return fragment_id not in self.paragraph_ends and not self.profile.ends_paragraph(self.text(fragment_id))

    def with_previous(self) -> Iterator[tuple[Fragment, Fragment | None]]:
        """Each fragment but page furniture, in extraction order, with the one before it (furniture skipped; None first).

        What stands before a piece is the evidence of where a text frame opens: the
        steps read it their own ways (a topic frame, a frame's place, an opening left
        for elimination, a doubt), from this one sequence.
        """
        previous = None
        for frag in self.fragments:
            if frag.role is Role.FURNITURE:
                continue
            yield frag, previous
            previous = frag

    def header_positions(self) -> list[tuple[int, int]]:
        """(position of its first header fragment in extraction order, article index) of each article with a header, in page order."""
        return sorted((min(map(self.index.__getitem__, a.header_ids)), k) for k, a in enumerate(self.articles) if a.header_ids)

    def headers_follow_frames(self) -> bool:
        """Whether body text is emitted above the page's first article header: an extractor that emits each header after its article's first frame.

        Extractors emit a header before its text, and frames emitted out of place go
        later, never earlier, so on a page read so no text stands above the first
        header; one that follows a content stream drawing display type after the text
        emits every article's first frame, the first article's too, above its header.
        Text continued from another page (上接第X版) may open a page and says nothing;
        nor does text opening with a title-like line: an article's first frame opens
        with its lead, and such a line is more likely a header read as text.
        """
        headers = self.header_positions()
        if not headers:
            return False
        above = (self.text(f.id) for f in self.fragments[: headers[0][0]] if f.role in BODY_ROLES)
        # A box's label (开栏的话) heads text of the article it stands in: the text under it says.
        opening = next(
            (text for text in above if self.profile.jump_line(text) is None and not self.profile.is_box_label(text)), None
        )
        return opening is not None and not self.profile.is_title_like(opening)

    def bigrams(self, fragment_ids: Iterable[str], after: str | None = None) -> list[str]:
        """The character bigrams, in order, of these fragments' texts read as one, spaces left out (as ``bigram_list``).

        With ``after``, the texts are read on from that fragment's: its last character and
        the first of theirs make a bigram (so a text's bigrams can be counted piece by piece).
        """
        out: list[str] = []
        last = self._split(after)[0][-1:] if after is not None else ""  # the last non-space character so far
        for fid in fragment_ids:
            flat, grams = self._split(fid)
            if flat:
                if last:
                    out.append(last + flat[0])  # it and the next piece's first make a bigram
                out += grams
                last = flat[-1]
        return out

    def _split(self, fragment_id: str) -> tuple[str, list[str]]:
        """A fragment's text without spaces, case-folded, and its bigrams (memoized)."""
        hit = self.memo.get(fragment_id)
        if hit is not None and hit[2] is not None and hit[0] is self.fragments[self.index[fragment_id]].lines:
            return hit[2]  # the common case (what text() checks, read here without its call)
        text = self.text(fragment_id)
        lines, _, split = self.memo[fragment_id]
        if split is None:
            flat = "".join(text.split()).casefold()  # SCHOOL BOARD in a headline is school board in the text
            split = (flat, list(map(add, flat, flat[1:])))
            self.memo[fragment_id] = (lines, text, split)
        return split

    def with_roles(self, roles: Mapping[str, tuple[Role, float, str]]) -> "Draft":
        """A copy with some fragments' roles replaced: id → (role, confidence, reason)."""
        frags = []
        for f in self.fragments:
            new = roles.get(f.id)
            if new is None or new == (f.role, f.role_confidence, f.role_reason):
                frags.append(f)
            else:  # not replace(): it inspects the fields anew on every call, and tag-roles retypes every fragment
                kept = dict(zip(_KEPT_FIELDS, _kept_values(f)))
                frags.append(Fragment(**kept, role=new[0], role_confidence=new[1], role_reason=new[2]))
        return replace(self, fragments=tuple(frags))

    def decide(self, *decisions: Decision) -> "Draft":
        """A copy with decisions appended."""
        return replace(self, decisions=self.decisions + tuple(decisions))

    def tail_of(self) -> dict[str, str]:
        """Each joined head → its tail, as the joins so far say (a new dict: a step may add its own joins to it)."""
        return {j.head: j.tail for j in self.joins}

    def head_of(self) -> dict[str, str]:
        """Each joined tail → its head (a new dict, as :meth:`tail_of`)."""
        return {j.tail: j.head for j in self.joins}

    def with_joins(self, step: str, joins: Sequence[Join]) -> "Draft":
        """A copy with ``joins`` added, each with its join decision by ``step`` (subjects: head and tail)."""
        if not joins:
            return self
        decisions = tuple(Decision(step=step, kind="join", subjects=(j.head, j.tail), confidence=j.confidence, reason=j.reason) for j in joins)
        return replace(self, joins=self.joins + tuple(joins), decisions=self.decisions + decisions)


class Transform(Protocol):
    """One reorder step: a name, a priority, and a pure ``apply``."""

    name: ClassVar[str]
    priority: ClassVar[int]

    def apply(self, draft: Draft) -> Draft:
        """Return the transformed draft."""
        ...


class Pipeline:
    """Transforms sorted by (priority, registration order), applied low to high."""

    def __init__(self, transforms: Iterable[Transform]) -> None:
        ordered = sorted(enumerate(transforms), key=lambda pair: (pair[1].priority, pair[0]))
        self.transforms: tuple[Transform, ...] = tuple(t for _, t in ordered)

    def run(self, draft: Draft) -> Draft:
        """Apply every transform in order."""
        for transform in self.transforms:
            draft = transform.apply(draft)
        return draft
