"""Priority 300: rejoin paragraphs cut at frame breaks, solved globally as an assignment.

A *head* is a body fragment that cannot end a paragraph (it stops mid-sentence
or inside an open quote); a short title-like fragment is an optional head, a
section heading unless the evidence for a continuation is strong and its tail
cannot open a paragraph.  A *tail*
candidate is any body fragment.  Each (head, tail) pair is scored from the
profile's lexical evidence (a word spanning the cut, punctuation that cannot
open a paragraph, quotes opened before and closed after the cut, a first
sentence too short to stand alone) plus position (the tail follows the head
directly, or soon after).  Candidates are pruned (adjacency, tails that need a
head, a lexical index of the dictionary words ending each head), and then every
head gets at most one tail and every tail at most one head by a maximum-weight
matching (Hungarian algorithm per connected component), not greedily.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from ..profiles.lexicon import completions
from . import WIDE_GAP, Draft, Join
from .assignment import max_weight_matching

BODY_ROLES = (Role.PARAGRAPH, Role.HEADING)
_BETWEEN_FRAMES = (Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE, Role.FURNITURE)
# Weights and thresholds, measured on the benchmark's development pages (see
# benchmarks/reorder): position alone is weak evidence because moved frames make a
# wrong neighbour about as likely as the right one, and a tail a few blocks away is
# no likelier than a far one (measured: 26 right, 49 wrong with a bonus for it).
PARAGRAPH_THRESHOLD = 0.0  # a paragraph head joins when the total evidence is positive
HEADING_THRESHOLD = 1.5  # a title-like head is a section heading unless clearly continued
HEADING_LEXICAL_MIN = 1.5  # ... and needs this much lexical evidence before position counts
LEXICAL_MIN = 0.5  # every join needs some lexical evidence (a spanning word, punctuation, quotes)
FAR_LEXICAL_MIN = 4.0  # a tail that is not near the head needs strong evidence ...
FAR_UNIQUE_MIN = 1.5  # ... or moderate evidence as the head's only lexically supported candidate
FAR_PENALTY = 1.0
ADJACENT_BONUS = 3.0  # tail follows the head directly (only photo parts in between)
NEAR_WINDOW = 4
AFTER_HEADER_PENALTY = 1.5  # the first fragment under a header opens the lead paragraph
HEADING_TAIL_PENALTY = 2.0  # a title-like tail is more likely a heading than a continuation
TIE_BREAK = 1e-6  # prefer the nearer tail on exact ties (deterministic)
MAX_CANDIDATES = 40  # per head and kind of evidence: keeps the work linear in the page size


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
            suffix = head[-i:]
            matching = [self.by_prefix[rest] for rest in completions(suffix) if rest in self.by_prefix]
            for positions in matching:
                found.update(_nearest_positions(positions, k))
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


class JoinCuts:
    """Find each cut paragraph's continuation (one per cut, solved globally)."""

    name: ClassVar[str] = "join-cuts"
    priority: ClassVar[int] = 300

    def apply(self, draft: Draft) -> Draft:
        """Score candidate pairs, match them, and record the joins."""
        profile = draft.profile
        # A kicker without its dashes is only known by its place above a headline: it may be
        # the last piece of a frame emitted just before a header, so it is a title-like head
        # (never a tail).
        placed_kickers = {
            f.id for f in draft.fragments if f.role is Role.KICKER and not profile.is_kicker(draft.text(f.id))
        }
        body = [f for f in draft.fragments if f.role in BODY_ROLES or f.id in placed_kickers]
        if not body:
            return draft
        texts = {f.id: draft.text(f.id) for f in body}
        order = {f.id: k for k, f in enumerate(body)}
        heads = {
            f.id: (HEADING_THRESHOLD if f.role is not Role.PARAGRAPH else PARAGRAPH_THRESHOLD)
            for f in body
            if f.role is not Role.PARAGRAPH or not profile.ends_paragraph(texts[f.id])
        }
        tails = {fid: text for fid, text in texts.items() if fid not in placed_kickers}
        after_header = set()
        previous_role = None
        for f in draft.fragments:
            if f.role in BODY_ROLES and previous_role in (Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE):
                after_header.add(f.id)
            if f.role is not Role.FURNITURE:
                previous_role = f.role
        # Tails that announce they continue something are candidates for every head.
        # Tails that cannot open a paragraph, by body position, for a bisect-based nearest lookup.
        needy = sorted(order[fid] for fid, text in tails.items() if profile.opens_mid_sentence(text))
        index = _LexicalIndex(tails, order)
        scores: dict[tuple[str, str], float] = {}
        reasons: dict[tuple[str, str], str | tuple[float, str]] = {}  # (score, evidence) until chosen
        # Far pairs with moderate evidence whose head had other supported candidates: head →
        # tail → the head's supported tails.  Tried after the first matching (see _match_leftovers).
        deferred: dict[str, dict[str, set[str]]] = defaultdict(dict)
        late_scores: dict[tuple[str, str], float] = {}
        for head, threshold in heads.items():
            k = order[head]
            near = [f.id for f in body[k + 1 : k + 1 + NEAR_WINDOW]]
            is_heading = draft.fragment(head).role is not Role.PARAGRAPH
            # A title-like line is only a cut if what follows cannot open a paragraph.
            pool = {body[p].id for p in _nearest_positions(needy, k)}
            if is_heading:
                # A title-like line is taken for a cut with its direct follower, a tail that
                # cannot open a paragraph, or a far tail with strong lexical evidence: the
                # segmentation gain makes a chance word across the cut rare (dev pages:
                # 34 more right joins, 11 more wrong, than without far tails).
                pool |= set(near[:1]) | {body[p].id for p in index.nearest(texts[head], k)}
            else:
                pool |= set(near) | {body[p].id for p in index.nearest(texts[head], k)}
            pool.discard(head)
            pool -= placed_kickers
            lexical_of = {tail: profile.continuation_score(texts[head], texts[tail]) for tail in pool}
            support = {tail for tail, (value, _) in lexical_of.items() if value >= LEXICAL_MIN}
            supported = len(support)
            # Position alone is no evidence: moved frames make a wrong neighbour about as
            # likely as the right one (measured on dev pages: 88 right, 232 wrong).
            lexical_min = HEADING_LEXICAL_MIN if is_heading else LEXICAL_MIN
            for tail in sorted((t for t in pool if lexical_of[t][0] >= lexical_min), key=order.__getitem__):
                score, why = lexical_of[tail]
                lexical = score
                if tail == (near[0] if near else None) and self._only_photos_between(draft, head, tail):
                    score += ADJACENT_BONUS
                    why += "; follows directly"
                else:
                    # Among many far candidates a weak match is likely chance, unless it is
                    # the only candidate with any lexical support at all.
                    weak = lexical < FAR_LEXICAL_MIN and not (supported == 1 and lexical >= FAR_UNIQUE_MIN)
                    if weak and lexical >= FAR_UNIQUE_MIN:
                        # It may still be the only supported candidate left once stronger joins are made.
                        deferred[head][tail] = support
                    elif weak:
                        continue
                    score -= FAR_PENALTY
                if tail in after_header:
                    score -= AFTER_HEADER_PENALTY
                    why += "; first text under a header"
                if draft.fragment(tail).role is Role.HEADING:
                    score -= HEADING_TAIL_PENALTY
                    why += "; tail looks like a heading"
                # A tiny preference for the nearer tail makes exact ties deterministic.
                score -= TIE_BREAK * abs(order[tail] - k)
                if score - threshold > 0:
                    target = scores if tail not in deferred[head] else late_scores
                    target[(head, tail)] = score - threshold
                    reasons[(head, tail)] = (score, why)  # formatted only for the joins chosen
        matching = max_weight_matching(scores)
        matching = self._break_cycles(matching, scores)
        matching = self._match_leftovers(matching, scores, late_scores, deferred)
        last = self._last_pair(draft, heads, matching, texts)
        if last is not None:
            matching[last[0]] = last[1]
            scores[last] = 0.0
            reasons[last] = "the only unjoined cut and the only frame opening left to continue it"
        joins = []
        decisions = []
        # The best alternative of each head and each tail, for the confidence of a chosen join.
        by_head: dict[str, list[float]] = defaultdict(list)
        by_tail: dict[str, list[float]] = defaultdict(list)
        for (h, t), value in scores.items():
            by_head[h].append(value)
            by_tail[t].append(value)
        for head, tail in sorted(matching.items(), key=lambda ht: order[ht[0]]):
            margin = scores[(head, tail)]
            rival = max(
                max((v for v in by_head[head] if v != margin), default=0.0),
                max((v for v in by_tail[tail] if v != margin), default=0.0),
            )
            confidence = round(1.0 / (1.0 + math.exp(-(margin - rival))), 3)  # logistic of the lead over the best alternative
            found = reasons[(head, tail)]
            reason = found if isinstance(found, str) else f"{found[0]:.2f}: {found[1]}"
            joins.append(Join(head=head, tail=tail, confidence=confidence, reason=reason))
            decisions.append(
                Decision(step=self.name, kind="join", subjects=(head, tail), confidence=confidence, reason=reason)
            )
        for head in heads:
            if head not in matching and draft.fragment(head).role is Role.PARAGRAPH:
                decisions.append(
                    Decision(step=self.name, kind="join", subjects=(head,), confidence=0.3, reason="ends mid-sentence but no continuation found")
                )
        # A title-like head that found its continuation is the start of a paragraph, not a heading.
        promoted = {
            j.head: (Role.PARAGRAPH, j.confidence, "title-like text continued across a cut")
            for j in joins
            if draft.fragment(j.head).role in (Role.HEADING, Role.KICKER)
        }
        promoted.update(
            {j.tail: (Role.PARAGRAPH, j.confidence, "continues a cut paragraph") for j in joins if draft.fragment(j.tail).role is Role.HEADING}
        )
        demoted = set(promoted) & placed_kickers
        articles = tuple(replace(a, kicker=None) if a.kicker in demoted else a for a in draft.articles)
        return replace(draft.with_roles(promoted), joins=tuple(joins), articles=articles).decide(*decisions)

    @staticmethod
    def _only_photos_between(draft: Draft, head: str, tail: str) -> bool:
        """True if nothing but photo parts or furniture (dropped between frames) separates the two."""
        return all(
            draft.fragments[i].role in _BETWEEN_FRAMES for i in range(draft.index[head] + 1, draft.index[tail])
        )

    @staticmethod
    def _last_pair(
        draft: Draft, heads: dict[str, float], matching: dict[str, str], texts: dict[str, str]
    ) -> tuple[str, str] | None:
        """By elimination: one cut paragraph left unjoined and one frame opening that can continue it.

        A continuation opens a text frame: it follows a paragraph that stops
        mid-sentence, a header or photo part, or a wide gap.  When every other
        cut has its continuation and only one such opening is left that is
        neither a continuation already nor a dateline lead, the two belong together.
        """
        open_heads = [h for h in heads if h not in matching and draft.fragment(h).role is Role.PARAGRAPH]
        if len(open_heads) != 1:
            return None
        head = open_heads[0]
        taken = set(matching.values())
        openings = []
        previous = None
        for frag in draft.fragments:
            if frag.role is Role.FURNITURE:
                continue
            if (
                frag.role is Role.PARAGRAPH
                and frag.id not in taken
                and frag.id != head
                and (
                    previous is None
                    or previous.role not in BODY_ROLES
                    or frag.gap_before >= WIDE_GAP
                    or (previous.id in heads and matching.get(previous.id) != frag.id)
                )
                and draft.profile.dateline(texts[frag.id]) is None
            ):
                openings.append(frag.id)
            previous = frag
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
