"""Priority 300: rejoin paragraphs cut at frame breaks, solved globally as an assignment.

A *head* is a body fragment that cannot end a paragraph (it stops mid-sentence
or inside an open quote); a short title-like fragment is an optional head, a
section heading unless the evidence for a continuation is strong and its tail
cannot open a paragraph.  A *tail*
candidate is any body fragment.  Each (head, tail) pair is scored from the
profile's lexical evidence (a word spanning the cut, punctuation that cannot
open a paragraph, quotes opened before and closed after the cut, a first
sentence too short to stand alone), a term of the page read across the cut
(a name or an article's own term the dictionary lacks; and a dictionary word
across the cut counts for nothing where it splits a term the tail opens with,
积 | 习近平总书记), plus position (the
tail follows the head directly, or soon after); a join on moderate evidence
between two frames that share no vocabulary is refused as a chance match.
Candidates are pruned (adjacency, tails that need a
head, a lexical index of the dictionary words ending each head), and then every
head gets at most one tail and every tail at most one head by a maximum-weight
matching (Hungarian algorithm per connected component), not greedily.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import ClassVar

from ..model import Decision, Fragment, Role
from ..profiles import Profile
from ..profiles.lexicon import completions
from . import BETWEEN_FRAMES, BODY_ROLES, STACKED_KICKER, Draft, Join
from .assignment import max_weight_matching
from .cut_rules import heading_wraps_on

# Weights and thresholds, measured on the benchmark's development pages (see
# benchmarks/reorder): position alone is weak evidence because moved frames make a
# wrong neighbour about as likely as the right one, and a tail a few blocks away is
# no likelier than a far one (measured: 26 right, 49 wrong with a bonus for it).
PARAGRAPH_THRESHOLD = 0.0  # a paragraph head joins when the total evidence is positive
HEADING_THRESHOLD = 1.5  # a title-like head is a section heading unless clearly continued
HEADING_LEXICAL_MIN = 1.5  # ... and needs this much lexical evidence before position counts
LEXICAL_MIN = 0.5  # every join needs some lexical evidence (a spanning word, punctuation, quotes)
FAR_LEXICAL_MIN = 4.0  # a tail that is not near the head needs strong evidence ...
FAR_UNIQUE_MIN = 2.0  # ... or moderate evidence as the head's only lexically supported candidate
FAR_PENALTY = 1.0
ADJACENT_BONUS = 3.0  # tail follows the head directly (only photo parts in between)
NEAR_WINDOW = 4
AFTER_HEADER_PENALTY = 1.5  # the first fragment under a header opens the lead paragraph
HEADING_TAIL_PENALTY = 2.0  # a title-like tail is more likely a heading than a continuation
TIE_BREAK = 1e-6  # prefer the nearer tail on exact ties (deterministic)
# Below this cosine between the bigram sets of the head's frame and the tail's, two frames share
# no vocabulary and a join on moderate evidence is a chance match across articles (dev pages:
# 24 fewer wrong joins for 0.04-0.06; weighting the bigrams by their counts did no better and
# cost 2-3x the time on long pages).
TOPIC_MIN = 0.05
TOPIC_MIN_BIGRAMS = 20  # distinct bigrams: a frame with less text says nothing about its topic
MAX_CANDIDATES = 40  # per head and kind of evidence: keeps the work linear in the page size
# Where a far tail stands.  A continuation opens a text frame: on dev pages 995 of 1,410 cut
# tails follow a paragraph that stops mid-sentence, against 174 of 8,743 other paragraphs, and 70
# follow a finished paragraph across an ordinary gap, against 7,601.  Much of that is already in
# the lexical evidence (a tail that cannot open a paragraph), so the weights are far below those
# ratios' logs; measured on dev pages: units 88.4 → 88.7%, cut units 66.3 → 67.2%, successors
# 83.5 → 84.0% (larger weights, 2 and 3, lowered units again).
W_FRAME_OPENING = 1.0
W_INSIDE_FRAME = 1.0
# Where a text frame opens is read from what stands before each piece (Draft.with_previous), three
# ways for three uses, each as strict as its use needs:
# - topic (_FrameTopics): any break of running text opens a frame (a wide gap, a head that stops
#   mid-sentence, a piece that cannot open a paragraph, or anything but body text before it);
#   it only groups text whose bigrams are compared, so a frame too many costs little;
# - evidence (_frame_places): a piece opens a frame after a head, a jump line, a photo part or a
#   wide gap, and is inside one after a finished paragraph; after a header or heading the place
#   says nothing, since a lead and a continuation both stand there;
# - elimination (_last_pair): an opening left once the matching is done, the only way a join is
#   made with no evidence at all, so a piece after a header counts (a continuation may follow one)
#   and a dateline lead does not.


# A page term read across the cut: where no dictionary word spans it, the direct follower was the
# continuation 32 times in 34 on dev pages; joins citing a page term were right 200 times in 208.
W_PAGE_TERM = 2.0
PAGE_TERM_MIN, PAGE_TERM_MAX = 3, 6  # characters of a page term; shorter strings recur by chance
# A dictionary word read across the cut that splits a string the tail opens with, where the page has that
# string elsewhere as a word of its own (after a mark, or opening another piece: 积 | 习近平总书记…,
# 南 | 美洲展文物…: 积习, 南美洲): the tail opens with a term of its own, and the word is a chance fit.  The
# word then counts for nothing.  Against no such rule: fresh scrambles of the dev days units +45, held-out
# +10.  Strings found after any character but the head's part of the word (智算中心 holds 算中心, no word
# of its own) did worse (+34, +6; the dev pages read in order lost 2 units).  From 3 characters: +51 and
# +12, but pdftotext's hard-wrapped pages (dev) lost 32 units of 2,370; from 5: +38 and +4.
OPENING_TERM_MIN = 4
INDEX_TRIPLES_AFTER = 200  # term lookups on a page before its character triples are indexed
MAX_FOLLOWER_MATCHES = 20_000  # occurrences of a head's last character read for the page-term pre-check
MAX_TERM_HITS = 32  # occurrences of the three characters around the cut looked at (bounds the work on long pages)
# Characters the searches for terms across cuts may scan, per character of the page: a search reads
# the page from the start, so a hostile page (thousands of cuts in text of a few dozen distinct
# characters, whose every three-character seed recurs) would be read once per candidate pair.  The
# benchmark's pages read at most 62 times their length, their one-newline variants 316 times (one
# page); 2,000 blocks of such hostile text read 242,000 times theirs (21 s; 1.8 s within the
# budget).  Past the budget, page terms count no more.
MAX_SCAN_PER_CHAR = 1024
_WORD_RUN = re.compile(r"\w+")


# Confidence of a join: a logistic fit of right vs wrong joins on dev pages (cross-validated
# by day) over the evidence score, adjacency and the lead over the best alternative.  The bare
# logistic of the lead was under-confident (joins below 0.5 were right 67% of the time) and
# over-confident for adjacent joins carried by the tail's shape alone.
CAL_BIAS, CAL_SCORE, CAL_ADJACENT, CAL_LEAD = -0.24, 0.47, -1.33, 0.25
CAL_SCORE_CAP, CAL_LEAD_CAP = 10.0, 6.0
ELIMINATION_CONFIDENCE = 0.5  # the last cut and the last opening: right about half the time


def _calibrated(found: str | tuple[float, str, bool], lead: float) -> float:
    """The probability that a chosen join is right, from its score, adjacency and lead over the alternatives."""
    if isinstance(found, str):  # joined by elimination, without a score of its own
        return ELIMINATION_CONFIDENCE
    score, _, adjacent = found
    # Adjacency is already in the score (ADJACENT_BONUS); the fit takes part of it back.
    z = (
        CAL_BIAS
        + CAL_SCORE * min(score, CAL_SCORE_CAP)
        + CAL_ADJACENT * adjacent
        + CAL_LEAD * max(-CAL_LEAD_CAP, min(lead, CAL_LEAD_CAP))
    )
    return round(1.0 / (1.0 + math.exp(-z)), 3)


class _FrameTopics:
    """Character bigrams of the frames (runs of body text emitted together), for a topic check of a join."""

    def __init__(self, draft: Draft, texts: dict[str, str], heads: dict[str, float], openers: set[str]) -> None:
        self.frame_of: dict[str, int] = {}
        frames: list[list[str]] = []
        for frag, previous in draft.with_previous():
            if frag.id not in texts:
                continue
            # A frame opens after anything but running text, at a wide gap, after a piece that stops
            # mid-sentence, or with a piece that cannot open a paragraph.
            if (
                previous is None
                or previous.id not in texts
                or frag.gap_before >= draft.wide_gap
                or previous.id in heads
                or frag.id in openers
            ):
                frames.append([])
            frames[-1].append(frag.id)
            self.frame_of[frag.id] = len(frames) - 1
        self._frames = frames
        self._draft = draft
        self._vectors: dict[int, frozenset[str]] = {}
        self._cosines: dict[tuple[int, int], float] = {}

    def _vector(self, k: int) -> frozenset[str]:
        """A frame's distinct bigrams (computed once per frame)."""
        if k not in self._vectors:
            self._vectors[k] = frozenset(self._draft.bigrams(self._frames[k]))  # the distinct bigrams, no counting
        return self._vectors[k]

    def similarity(self, head: str, tail: str) -> float:
        """Cosine of the bigram sets of the head's frame and the tail's frame (1.0 when either is too short to tell)."""
        key = (self.frame_of[head], self.frame_of[tail])
        if key not in self._cosines:
            a, b = self._vector(key[0]), self._vector(key[1])
            if min(len(a), len(b)) < TOPIC_MIN_BIGRAMS:
                cosine = 1.0  # too little text to judge is no evidence of another topic
            else:
                cosine = len(a & b) / math.sqrt(len(a) * len(b))  # set intersection runs at C speed
            self._cosines[key] = cosine
        return self._cosines[key]


class _PageTerms:
    """The page's text, to recognise a term read across a cut.

    The dictionary lacks most names and an article's own terms (高建林, 数字孪生黄河),
    but an article repeats them: a string across the cut that occurs elsewhere on the
    page is evidence the two pieces belong together.  Occurrences are found from the
    three characters around the cut, which rarely meet by chance, and extended both ways.
    """

    def __init__(self, texts: list[str]) -> None:
        self.text = "\n".join(texts)  # pieces never run together here, so the cut itself is not found
        # Most pairs of characters at a cut never meet elsewhere: the characters that follow a head's
        # last character on the page (one C-speed scan per distinct character) answer those.
        self._followers: dict[str, tuple[frozenset[str], bool]] = {}  # character → (followers, all found)
        # Triples are indexed only once a page has asked for many terms: a long page pays for the
        # index, a short one scans its text for the few seeds it needs.
        self._triples: set[str] | None = None
        self._lookups = 0
        self._scan_budget = MAX_SCAN_PER_CHAR * len(self.text)

    def meets(self, left: str, right: str) -> bool:
        """Whether ``left`` may be followed by ``right`` on the page (False only if it never is).

        A filter before :meth:`across_runs`: on a page longer than MAX_FOLLOWER_MATCHES
        occurrences of ``left`` it stops collecting and answers True for the rest, so a
        hostile page (megabytes of one character) costs bounded time and memory.
        """
        found = self._followers.get(left)
        if found is None:
            met = _followers(self.text, left)
            found = self._followers[left] = (frozenset(met), len(met) <= MAX_FOLLOWER_MATCHES)
        followers, complete = found
        return right in followers or not complete

    def _find(self, needle: str, start: int) -> int:
        """``text.find(needle, start)``, its scan charged to the page's budget (the characters it read)."""
        at = self.text.find(needle, start)
        self._scan_budget -= (at if at >= 0 else len(self.text)) - start
        return at

    def stands_apart(self, term: str) -> bool:
        """Whether ``term`` stands on the page as a word of its own: after a mark or a digit, or opening another piece.

        After a Han character it may be the end of a longer word (智算中心投运 holds 算中心投运), which
        says nothing; one piece opening with it is the tail's own.  The searches draw on the page's scan
        budget, as :meth:`across_runs` does: past it, False.
        """
        text = self.text
        start = 0
        openings = 0
        for _ in range(MAX_TERM_HITS):
            if self._scan_budget <= 0:
                return False
            at = self._find(term, start)
            if at < 0:
                return False
            if at == 0 or text[at - 1] == "\n":
                openings += 1
                if openings > 1:
                    return True
            elif not text[at - 1].isalpha():  # a mark, a digit or a space (a Han character is a letter)
                return True
            start = at + 1
        return False

    def across(self, head: str, tail: str) -> str | None:
        """The longest page string (PAGE_TERM_MIN–PAGE_TERM_MAX characters) starting in ``head`` and ending in ``tail``."""
        return self.across_runs(_trailing_run(head), _leading_run(tail))

    def across_runs(self, left: str, right: str) -> str | None:
        """:meth:`across` given the word characters ending the head and opening the tail."""
        if not left or not right or self._scan_budget <= 0:
            return None
        text = self.text
        self._lookups += 1
        if self._triples is None and self._lookups > INDEX_TRIPLES_AFTER:
            self._triples = set(map(operator.add, map(operator.add, text, text[1:]), text[2:]))
        triples = self._triples
        best = ""
        # Every term of three or more characters across the cut contains one of these two.
        for taken in (2, 1):  # characters of the seed taken from the head
            seed = left[-taken:] + right[: 3 - taken]
            if len(seed) < 3 or len(left) < taken or (triples is not None and seed not in triples):
                continue
            at = self._find(seed, 0)
            for _ in range(MAX_TERM_HITS):
                if at < 0:
                    break
                cut = at + taken  # where the tail's side begins in this occurrence
                i = taken
                while i < len(left) and cut - 1 - i >= 0 and text[cut - 1 - i] == left[-1 - i]:
                    i += 1
                j = 3 - taken
                while j < len(right) and cut + j < len(text) and text[cut + j] == right[j]:
                    j += 1
                if i + j > len(best):
                    best = left[-i:] + right[:j]
                at = self._find(seed, at + 1)
        return best[:PAGE_TERM_MAX] if len(best) >= PAGE_TERM_MIN else None


def _followers(text: str, left: str) -> list[str]:
    """The character after each occurrence of ``left`` in ``text``, at most MAX_FOLLOWER_MATCHES + 1.

    Occurrences are read as a scan for ``left`` and the character after it reads them (one
    ends past its follower, as ``re.finditer`` of ``left(.)`` would), but by ``str.find``: a
    pattern per character (~40 µs to compile) cost more than most scans of a page (the
    benchmark's 243 pages compiled 634 in one process, the example page 3).
    """
    out: list[str] = []
    step = len(left)
    last = len(text) - step  # an occurrence starting here or later has no character after it
    at = text.find(left)
    while 0 <= at < last and len(out) <= MAX_FOLLOWER_MATCHES:
        out.append(text[at + step])
        at = text.find(left, at + step + 1)
    return out


def _trailing_run(text: str) -> str:
    """The word characters ending ``text`` (at most PAGE_TERM_MAX - 1)."""
    tail = text.rstrip()[-(PAGE_TERM_MAX - 1) :]
    runs = _WORD_RUN.findall(tail)
    return runs[-1] if runs and tail.endswith(runs[-1]) else ""


def _leading_run(text: str, size: int = PAGE_TERM_MAX - 1) -> str:
    """The word characters opening ``text`` (at most ``size``: PAGE_TERM_MAX - 1, a term's side of a cut)."""
    head = text.lstrip()[:size]
    m = _WORD_RUN.match(head)
    return m.group(0) if m else ""


class _LexicalIndex:
    """Tails indexed by their first characters, to find dictionary words across a cut quickly.

    Each prefix keeps its tails' body positions in ascending order, so the tails
    nearest to a head are found by bisection, however many share an opening.
    """

    def __init__(self, tails: dict[str, str], order: dict[str, int]) -> None:
        self.by_prefix: dict[str, list[int]] = defaultdict(list)
        for fid, text in sorted(tails.items(), key=lambda item: order[item[0]]):
            for j in range(1, 4):
                if len(text) >= j:
                    self.by_prefix[text[:j]].append(order[fid])

    def nearest(self, head: str, k: int) -> list[int]:
        """Body positions, nearest to ``k``, of tails whose opening completes a dictionary word begun by the head."""
        found: set[int] = set()
        for i in range(1, 4):
            if len(head) < i:
                break
            # The tails' openings that complete a word (a 1-character suffix has thousands of completions).
            for rest in self.by_prefix.keys() & completions(head[-i:]):
                found.update(_nearest_positions(self.by_prefix[rest], k))
        return _nearest_positions(sorted(found), k)


def _nearest_positions(positions: list[int], k: int) -> list[int]:
    """At most MAX_CANDIDATES of the sorted ``positions``, the nearest to ``k`` (O(log n + MAX_CANDIDATES)).

    Bounding every head's candidates keeps the work linear in the page size.
    """
    if len(positions) <= MAX_CANDIDATES:
        return positions
    right = bisect.bisect_left(positions, k)
    left = right - 1
    chosen: list[int] = []
    while len(chosen) < MAX_CANDIDATES and (left >= 0 or right < len(positions)):
        if right >= len(positions) or (left >= 0 and k - positions[left] <= positions[right] - k):
            chosen.append(positions[left])
            left -= 1
        else:
            chosen.append(positions[right])
            right += 1
    return chosen


def _continued_from(draft: Draft, texts: dict[str, str]) -> set[str]:
    """The texts that open with a jump line (（上接第一版）…): continued from another page, not from this one."""
    return {fid for fid in texts if draft.jump(fid, "from")}


def _frame_places(draft: Draft, heads: dict[str, float], texts: dict[str, str]) -> tuple[set[str], set[str]]:
    """The body texts that open a text frame by what precedes them, and those inside a frame.

    A frame opens after a paragraph that stops mid-sentence (the frame before ended
    there), a photo's caption or credit, or a wide gap; a text after a finished
    paragraph and an ordinary gap is inside the frame of that paragraph.  After a
    header, a section heading or nothing, the place says nothing.
    """
    openings: set[str] = set()
    inside: set[str] = set()
    for frag, previous in draft.with_previous():
        if frag.id in texts and previous is not None:
            if frag.gap_before >= draft.wide_gap or previous.role in (Role.CAPTION, Role.CREDIT):
                openings.add(frag.id)
            elif previous.role is Role.PARAGRAPH:
                ends_frame = previous.id in heads or draft.jump(previous.id, "on")
                (openings if ends_frame else inside).add(frag.id)
    return openings, inside


@dataclass
class _CutPage:
    """What join-cuts reads of a page once: the body, its heads and possible tails, and the evidence indexes."""

    draft: Draft
    placed_kickers: set[str]
    body: list[Fragment]
    texts: dict[str, str]  # body fragment → its text
    order: dict[str, int]  # body fragment → its position in the body
    heads: dict[str, float]  # fragment that may end in a cut → the score its join must exceed
    closed: set[str]  # fragments that are no tail
    after_header: set[str]
    needy: list[int]  # body positions of tails that cannot open a paragraph
    numeric: list[int]  # body positions of tails opening with a digit
    index: _LexicalIndex
    page_terms: _PageTerms
    topic: _FrameTopics
    frame_openings: set[str]
    inside_frames: set[str]
    opening_runs: dict[str, str] = field(default_factory=dict)  # tail → the word characters opening it (once per tail)

    @classmethod
    def read(cls, draft: Draft) -> _CutPage | None:
        """The page's evidence, or None when it has no body text."""
        profile = draft.profile
        page_texts = {f.id: draft.text(f.id) for f in draft.fragments}  # joined once, read by most steps below
        # A kicker without its dashes is only known by its place above a headline: it may be
        # the last piece of a frame emitted just before a header, so it is a title-like head
        # (never a tail).
        placed_kickers = {
            f.id
            for f in draft.fragments
            if f.role is Role.KICKER and not profile.is_kicker(page_texts[f.id]) and f.role_reason != STACKED_KICKER  # the layout shows it over its headline
        }
        body = [f for f in draft.fragments if f.role in BODY_ROLES or f.id in placed_kickers]
        if not body:
            return None
        texts = {f.id: page_texts[f.id] for f in body}
        order = {f.id: k for k, f in enumerate(body)}
        joined_heads = {j.head for j in draft.joins}  # joined by an earlier step (jump-lines)
        heads = {
            f.id: (HEADING_THRESHOLD if f.role is not Role.PARAGRAPH else PARAGRAPH_THRESHOLD)
            for f in body
            if (f.role is not Role.PARAGRAPH or not profile.ends_paragraph(texts[f.id]))
            and f.id not in draft.paragraph_ends
            and f.id not in joined_heads
        }
        # No tail: a placed kicker, a tail an earlier step joined (jump-lines), and text continued from
        # another page, which continues nothing on this one.
        closed = placed_kickers | {j.tail for j in draft.joins} | _continued_from(draft, texts)
        tails = {fid: text for fid, text in texts.items() if fid not in closed}
        after_header = {
            f.id
            for f, previous in draft.with_previous()
            if f.role in BODY_ROLES and previous is not None and previous.role in (Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE)
        }
        # Tails that announce they continue something are candidates for every head.
        # Tails that cannot open a paragraph, by body position, for a bisect-based nearest lookup.
        needy = sorted(order[fid] for fid, text in tails.items() if profile.opens_mid_sentence(text))
        # Tails opening with a digit, for heads ending with one: a number cut in two (20|23年).
        numeric = sorted(order[fid] for fid, text in tails.items() if text.lstrip()[:1].isdigit())
        frame_openings, inside_frames = _frame_places(draft, heads, texts)
        return cls(
            draft=draft,
            placed_kickers=placed_kickers,
            body=body,
            texts=texts,
            order=order,
            heads=heads,
            closed=closed,
            after_header=after_header,
            needy=needy,
            numeric=numeric,
            index=_LexicalIndex(tails, order),
            page_terms=_PageTerms([page_texts[f.id] for f in draft.fragments]),
            topic=_FrameTopics(draft, texts, heads, {body[p].id for p in needy}),
            frame_openings=frame_openings,
            inside_frames=inside_frames,
        )

    def pool(self, head: str, k: int, near: list[str], is_heading: bool) -> set[str]:
        """The head's candidate tails: the nearest that cannot open a paragraph, the next few, and lexical matches."""
        body, text = self.body, self.texts[head]
        # A title-like line is only a cut if what follows cannot open a paragraph.
        pool = {body[p].id for p in _nearest_positions(self.needy, k)}
        if text.rstrip()[-1:].isdigit():
            pool |= {body[p].id for p in _nearest_positions(self.numeric, k)}
        if is_heading:
            # A title-like line is taken for a cut with its direct follower, a tail that
            # cannot open a paragraph, or a far tail with strong lexical evidence: the
            # segmentation gain makes a chance word across the cut rare (dev pages:
            # 34 more right joins, 11 more wrong, than without far tails).
            pool |= set(near[:1]) | {body[p].id for p in self.index.nearest(text, k)}
        else:
            pool |= set(near) | {body[p].id for p in self.index.nearest(text, k)}
        pool.discard(head)
        return pool - self.closed


@dataclass
class _Candidates:
    """The pairs kept so far: scores for the matching, the far pairs tried after it, and why each was kept."""

    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    # Far pairs with moderate evidence whose head had other supported candidates: head →
    # tail → the head's supported tails.  Tried after the first matching (see _match_leftovers).
    late_scores: dict[tuple[str, str], float] = field(default_factory=dict)
    deferred: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    reasons: dict[tuple[str, str], str | tuple[float, str, bool]] = field(default_factory=dict)  # (score, evidence, adjacent) until chosen


class JoinCuts:
    """Find each cut paragraph's continuation (one per cut, solved globally)."""

    name: ClassVar[str] = "join-cuts"
    priority: ClassVar[int] = 300

    def apply(self, draft: Draft) -> Draft:
        """Score candidate pairs, match them, and record the joins."""
        page = _CutPage.read(draft)
        if page is None:
            return draft
        found = _Candidates()
        for head, threshold in page.heads.items():
            self._score_head(page, head, threshold, found)
        matching = max_weight_matching(found.scores)
        matching = self._break_cycles(matching, found.scores)
        matching = self._match_leftovers(matching, found.scores, found.late_scores, found.deferred)
        last = self._last_pair(draft, page.heads, matching, page.texts, page.closed)
        if last is not None:
            matching[last[0]] = last[1]
            found.scores[last] = 0.0
            found.reasons[last] = "the only unjoined cut and the only frame opening left to continue it"
        return self._record(page, found, matching)

    def _score_head(self, page: _CutPage, head: str, threshold: float, found: _Candidates) -> None:
        """Score the head's candidate tails and keep the pairs that pass (in ``found``)."""
        draft, order = page.draft, page.order
        k = order[head]
        near = [f.id for f in page.body[k + 1 : k + 1 + NEAR_WINDOW]]
        is_heading = draft.fragment(head).role is not Role.PARAGRAPH
        pool = page.pool(head, k, near, is_heading)
        lexical_of = self._lexical_evidence(page, head, pool, is_heading)
        support: set[str] | None = None  # the head's supported tails, read only if a kept pair needs them
        # Position alone is no evidence: moved frames make a wrong neighbour about as
        # likely as the right one (measured on dev pages: 88 right, 232 wrong).
        lexical_min = HEADING_LEXICAL_MIN if is_heading else LEXICAL_MIN
        for tail in sorted((t for t in pool if lexical_of[t][0] >= lexical_min), key=order.__getitem__):
            score, why = lexical_of[tail]
            lexical = score
            adjacent = tail == (near[0] if near else None) and self._only_photos_between(draft, head, tail)
            if not adjacent:
                # Where a far tail stands counts with the words across the cut, in the thresholds below too.
                if tail in page.frame_openings:
                    score += W_FRAME_OPENING
                    lexical += W_FRAME_OPENING
                    why += "; opens a text frame"
                elif tail in page.inside_frames:
                    score -= W_INSIDE_FRAME
                    lexical -= W_INSIDE_FRAME
                    why += "; inside a text frame"
            if not adjacent and lexical < FAR_UNIQUE_MIN:
                continue  # too weak for a far tail in any case (see below)
            if adjacent:
                score += ADJACENT_BONUS
                why += "; follows directly"
            else:
                score -= FAR_PENALTY
            if tail in page.after_header:
                score -= AFTER_HEADER_PENALTY
                why += "; first text under a header"
            if draft.fragment(tail).role is Role.HEADING:
                score -= HEADING_TAIL_PENALTY
                why += "; tail looks like a heading"
            # A tiny preference for the nearer tail makes exact ties deterministic.
            score -= TIE_BREAK * abs(order[tail] - k)
            if score - threshold <= 0:
                continue
            # The topic checks come last, for the pairs that would be kept: they read whole frames' bigrams.
            if max(lexical, lexical_of[tail][0]) < FAR_LEXICAL_MIN and page.topic.similarity(head, tail) < TOPIC_MIN:
                # Moderate evidence between two frames that share no vocabulary: a chance match
                # across articles, and a wrong join drags a frame into the wrong article.  Strong
                # words across the cut are exempt whatever the place says: a continuation set after
                # a finished paragraph with no gap reads as inside that paragraph's frame, and so
                # shares that frame's topic, not the head's (扩大国|内需求 under a frame on satellites).
                continue
            # Among many far candidates a moderate match is likely chance, unless it is the only
            # candidate with any lexical support at all; it may still be the only supported
            # candidate left once stronger joins are made, so it is tried after them.
            late = False
            if not adjacent and lexical < FAR_LEXICAL_MIN:
                if support is None:
                    support = self._supported_tails(head, lexical_of, page.topic)
                late = len(support) != 1
                if late:
                    found.deferred[head][tail] = support
            target = found.late_scores if late else found.scores
            target[(head, tail)] = score - threshold
            found.reasons[(head, tail)] = (score, why, adjacent)  # formatted only for the joins chosen

    def _lexical_evidence(self, page: _CutPage, head: str, pool: set[str], is_heading: bool) -> dict[str, tuple[float, str]]:
        """Each candidate tail's evidence across the cut: the profile's, plus a page term read across it."""
        texts, profile = page.texts, page.draft.profile
        lexical_of = {tail: profile.continuation_score(texts[head], texts[tail]) for tail in pool}
        # A section heading's words recur in its section: a page term is no evidence across a title-like head.
        left = _trailing_run(texts[head]) if not is_heading else ""
        for tail in pool if left else ():
            right = page.opening_runs.get(tail)
            if right is None:
                right = page.opening_runs[tail] = _leading_run(texts[tail])
            if not right or not page.page_terms.meets(left[-1], right[0]):  # the common case, decided here
                continue
            term = page.page_terms.across_runs(left, right)
            if term is not None and self._runs_on(profile, texts[head], texts[tail]):
                value, why = lexical_of[tail]
                lexical_of[tail] = (value + W_PAGE_TERM, f"{why}; {term!r} recurs on the page")
        for tail, (value, why) in lexical_of.items():
            if (split := self._splits_an_opening_term(page, texts[head], texts[tail])) is not None:
                lexical_of[tail] = (value - split[1], f"{why}; but {split[0]!r} stands apart on the page")
        return lexical_of

    @staticmethod
    def _splits_an_opening_term(page: _CutPage, head: str, tail: str) -> tuple[str, float] | None:
        """The string the tail opens with that the word across the cut splits, found elsewhere on the page as a word of
        its own, and what the word added to the evidence; else None (None too where no word runs across the cut)."""
        across = page.draft.profile.word_across(head, tail)
        if across is None:
            return None
        word, taken, weight = across
        run = _leading_run(tail, PAGE_TERM_MAX)  # the whole term may be the tail's
        for size in range(len(run), max(OPENING_TERM_MIN, len(word) - taken + 1) - 1, -1):
            if page.page_terms.stands_apart(run[:size]):
                return run[:size], weight
        return None

    def _record(self, page: _CutPage, found: _Candidates, matching: dict[str, str]) -> Draft:
        """The draft with the chosen joins (each with a calibrated confidence), their decisions and the roles they change."""
        draft, scores, reasons = page.draft, found.scores, found.reasons
        joins = []
        decisions = []
        # The best alternative of each head and each tail, for the confidence of a chosen join.
        by_head: dict[str, list[float]] = defaultdict(list)
        by_tail: dict[str, list[float]] = defaultdict(list)
        for (h, t), value in scores.items():
            by_head[h].append(value)
            by_tail[t].append(value)
        # A section heading set large wraps its last characters onto a line of their own (强化检察监督，维护
        # 执法司法公 / 正): the two still make one title, which assemble keeps one heading block, and its
        # rest ends the heading, whatever follows it.
        wrapped = {
            head: tail for head, tail in matching.items() if draft.fragment(head).role is Role.HEADING and heading_wraps_on(draft, head, tail)
        }
        rests = set(wrapped.values())  # a wrapped heading's rest heads no join of its own
        for head, tail in sorted(matching.items(), key=lambda ht: page.order[ht[0]]):
            if head in rests:
                continue
            margin = scores[(head, tail)]
            rival = max(
                max((v for v in by_head[head] if v != margin), default=0.0),
                max((v for v in by_tail[tail] if v != margin), default=0.0),
            )
            chosen = reasons[(head, tail)]
            confidence = _calibrated(chosen, margin - rival)
            reason = chosen if isinstance(chosen, str) else f"{chosen[0]:.2f}: {chosen[1]}"
            joins.append(Join(head=head, tail=tail, confidence=confidence, reason=reason))
            decisions.append(
                Decision(step=self.name, kind="join", subjects=(head, tail), confidence=confidence, reason=reason)
            )
        for head in page.heads:
            if head not in matching and head not in rests and draft.fragment(head).role is Role.PARAGRAPH:
                decisions.append(
                    Decision(step=self.name, kind="join", subjects=(head,), confidence=0.3, reason="ends mid-sentence but no continuation found")
                )
        # A title-like head that found its continuation is the start of a paragraph, not a heading, unless
        # the two make one title (wrapped).
        promoted = {
            j.head: (Role.PARAGRAPH, j.confidence, "title-like text continued across a cut")
            for j in joins
            if draft.fragment(j.head).role in (Role.HEADING, Role.KICKER) and j.head not in wrapped
        }
        promoted.update(
            {
                j.tail: (Role.PARAGRAPH, j.confidence, "continues a cut paragraph")
                for j in joins
                if draft.fragment(j.tail).role is Role.HEADING and j.head not in wrapped
            }
        )
        # ... and the rest of a wrapped heading is heading text, which no later step takes for an open paragraph.
        promoted.update({j.tail: (Role.HEADING, j.confidence, "the rest of a heading wrapped onto a line of its own") for j in joins if j.head in wrapped})
        demoted = set(promoted) & page.placed_kickers
        articles = tuple(replace(a, kicker=None) if a.kicker in demoted else a for a in draft.articles)
        return replace(draft.with_roles(promoted), joins=draft.joins + tuple(joins), articles=articles).decide(*decisions)

    @staticmethod
    def _supported_tails(head: str, lexical_of: dict[str, tuple[float, str]], topic: _FrameTopics) -> set[str]:
        """The head's candidate tails with lexical support, those on moderate evidence only if their frame shares the head's topic."""
        support = {tail for tail, (value, _) in lexical_of.items() if value >= LEXICAL_MIN}
        if len(support) > 1 and any(FAR_UNIQUE_MIN <= lexical_of[t][0] < FAR_LEXICAL_MIN for t in support):
            # Tails from another topic are no rivals: the unique-support rule counts the rest.
            support = {
                t
                for t in support
                if not FAR_UNIQUE_MIN <= lexical_of[t][0] < FAR_LEXICAL_MIN or topic.similarity(head, t) >= TOPIC_MIN
            }
        return support

    @staticmethod
    def _runs_on(profile: Profile, head: str, tail: str) -> bool:
        """The profile joins the pieces without a separator (CJK text), so a term can run across the cut."""
        return profile.join(head, tail) == head.rstrip() + tail.lstrip()

    @staticmethod
    def _only_photos_between(draft: Draft, head: str, tail: str) -> bool:
        """True if nothing but photo parts or furniture (dropped between frames) separates the two."""
        return all(
            draft.fragments[i].role in BETWEEN_FRAMES for i in range(draft.index[head] + 1, draft.index[tail])
        )

    @staticmethod
    def _last_pair(
        draft: Draft, heads: dict[str, float], matching: dict[str, str], texts: dict[str, str], closed: set[str]
    ) -> tuple[str, str] | None:
        """By elimination: one cut paragraph left unjoined and one frame opening that can continue it (``closed``: no tail).

        A continuation opens a text frame: it follows a paragraph that stops
        mid-sentence, a header or photo part, or a wide gap.  When every other
        cut has its continuation and only one such opening is left that is
        neither a continuation already nor a dateline lead, the two belong together.
        """
        open_heads = [h for h in heads if h not in matching and draft.fragment(h).role is Role.PARAGRAPH]
        if len(open_heads) != 1:
            return None
        head = open_heads[0]
        taken = set(matching.values()) | closed  # placed kickers are no paragraph: not among the openings anyway
        openings = []
        for frag, previous in draft.with_previous():
            if (
                frag.role is Role.PARAGRAPH
                and frag.id not in taken
                and frag.id != head
                and (
                    previous is None
                    or previous.role not in BODY_ROLES
                    or frag.gap_before >= draft.wide_gap
                    or (previous.id in heads and matching.get(previous.id) != frag.id)
                )
                and draft.profile.dateline(texts[frag.id]) is None
            ):
                openings.append(frag.id)
        if len(openings) != 1:
            return None
        node: str | None = openings[0]
        while node is not None:  # the opening's own chain must not lead back to the head (a cycle)
            if node == head:
                return None
            node = matching.get(node)
        return head, openings[0]

    @classmethod
    def _match_leftovers(
        cls,
        matching: dict[str, str],
        scores: dict[tuple[str, str], float],
        late_scores: dict[tuple[str, str], float],
        deferred: dict[str, dict[str, set[str]]],
    ) -> dict[str, str]:
        """Join heads left unmatched to their only supported tail that is still free.

        A far tail with moderate evidence is chance among several supported
        candidates, but once the others have been claimed by stronger joins it is
        the only explanation left (the example page's 线上线|下场景 after 基础|性载体).
        """
        taken = set(matching.values())
        late = {
            (head, tail): value
            for (head, tail), value in late_scores.items()
            if head not in matching and tail not in taken and len(deferred[head][tail] - taken) == 1
        }
        if not late:
            return matching
        merged = dict(matching)
        merged.update(max_weight_matching(late))
        scores.update(late)
        return cls._break_cycles(merged, scores)

    @staticmethod
    def _break_cycles(matching: dict, scores: dict) -> dict:
        """Drop the weakest join of any cycle (a paragraph cannot continue itself)."""
        matching = dict(matching)
        while True:
            cycle = None
            for start in matching:
                seen = [start]
                node = matching.get(start)
                while node is not None and node not in seen:
                    seen.append(node)
                    node = matching.get(node)
                if node == start:
                    cycle = seen
                    break
            if cycle is None:
                return matching
            weakest = min(cycle, key=lambda h: scores[(h, matching[h])])
            del matching[weakest]
