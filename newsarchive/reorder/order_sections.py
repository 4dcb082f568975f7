"""Priority 500: order each article's body (paragraphs and sections) for reading.

The article's fragments, in extraction order, fall into *runs*: stretches
emitted together with nothing in between, which keep their inner order.  A
run ends where the text jumps: at a paragraph cut whose continuation is not
next, before a continuation whose head is not just before it, before a piece
whose continuation the run already holds (it ends an earlier frame), or where other
items' fragments (captions, another article) interrupt.  A run also ends before a section
heading, since whole sections get emitted out of order, and at a wide gap (a
text frame's boundary: the frame after it need not be the one read next); that
contiguity is kept as a *soft* link.  (Scrambled pages: exact pages 29.7 →
30.7% on dev, 24.1 → 26.8% held-out; a frame holding only the end of a
paragraph was read into the frame emitted after it, and its head's frame was
then put before it whole.)  Runs linked by a cut (head at the end of one, tail at the
start of another) form chains that must be read in sequence; soft links then
join chains unless first-mention evidence contradicts them: a person introduced
with a title (主任宋京燕说) is read before a passage that names them bare
(宋京燕说).  Chains are finally ordered by where their first piece was emitted,
subject to the same first-mention rule, and to jump lines: a passage continued
on another page (…（下转第二版）) is read last, one continued from another page
(（上接第一版）…) first, and a run ends at either.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..model import Decision, Role
from . import ArticleDraft, Draft
from .ordering import topological_order

MAX_NAME_CHAINS = 400  # above this many passages in one article, first-mention evidence is not weighed


class OrderSections:
    """Order body fragments within each article: runs, cut links, first mentions."""

    name: ClassVar[str] = "order-sections"
    priority: ClassVar[int] = 500

    def apply(self, draft: Draft) -> Draft:
        """Reorder every article's body."""
        tail_of = draft.tail_of()
        head_of = draft.head_of()
        articles = []
        decisions: list[Decision] = []
        for number, article in enumerate(draft.articles, start=1):
            body, notes = self._order(draft, article, tail_of, head_of, number)
            articles.append(replace(article, body=body))
            decisions.extend(notes)
        return replace(draft, articles=tuple(articles)).decide(*decisions)

    def _order(
        self, draft: Draft, article: ArticleDraft, tail_of: dict[str, str], head_of: dict[str, str], number: int
    ) -> tuple[tuple[str, ...], list[Decision]]:
        """The article's body in reading order, and a decision for each passage placed."""
        body = sorted(article.body, key=lambda f: draft.index[f])
        if len(body) < 2:
            return tuple(body), []
        runs, soft_next = self._runs(draft, body, tail_of, head_of)
        run_of = {fid: k for k, run in enumerate(runs) for fid in run}
        hard_next: dict[int, int] = {}
        for k, run in enumerate(runs):
            tail = tail_of.get(run[-1])
            if tail is not None and tail in run_of and run_of[tail] != k and runs[run_of[tail]][0] == tail:
                hard_next[k] = run_of[tail]
        chains = self._join_soft_links(draft, runs, self._link(runs, hard_next), soft_next)
        edges, reasons = self._constraints(draft, runs, chains)
        position = [draft.index[runs[chain[0]][0]] for chain in chains]
        order = topological_order([edges[c] for c in range(len(chains))], lambda n: (position[n], n))
        decisions = []
        result: list[str] = []
        for c in order:
            chain = chains[c]
            if c in reasons:
                confidence, reason = 0.8, reasons[c]
            else:
                confidence, reason = 0.6, "placed where its first piece was emitted"
            if len(chains) > 1:
                decisions.append(
                    Decision(
                        step=self.name,
                        kind="order",
                        subjects=tuple(runs[chain[0]][:1]),
                        confidence=confidence if result else max(confidence, 0.7),
                        reason=f"article {number}: {reason}" + (f"; {len(chain)} runs linked by cuts" if len(chain) > 1 else ""),
                    )
                )
            for k in chain:
                result.extend(runs[k])
        return tuple(result), decisions

    @staticmethod
    def _runs(
        draft: Draft, body: list[str], tail_of: dict[str, str], head_of: dict[str, str]
    ) -> tuple[list[list[str]], dict[int, int]]:
        """The body's runs (fragments emitted together, in extraction order), and the soft links across section headings."""
        runs: list[list[str]] = []
        soft_next: dict[int, int] = {}  # run → the run emitted right after it, across a section heading
        in_run: set[str] = set()  # the fragments of runs[-1]
        for fid in body:
            if runs:
                prev = runs[-1][-1]
                contiguous = all(
                    draft.fragments[p].role is Role.FURNITURE for p in range(draft.index[prev] + 1, draft.index[fid])
                )
                # A piece whose continuation this run already holds ends an earlier frame.
                jump = (
                    (fid in head_of and head_of[fid] != prev)
                    or (prev in tail_of and tail_of[prev] != fid)
                    or tail_of.get(fid) in in_run
                    or (prev not in tail_of and draft.jump(prev, "on") is not None)  # the text goes on on another page
                    or draft.jump(fid, "from") is not None  # the text comes from another page
                )
                if contiguous and not jump:
                    if draft.fragment(fid).role is not Role.HEADING and draft.fragment(fid).gap_before < draft.wide_gap:
                        runs[-1].append(fid)
                        in_run.add(fid)
                        continue
                    # A section may have been emitted in another frame, and a wide gap ends a frame: split
                    # here, but remember the contiguity as a soft link that first-mention evidence can overrule.
                    soft_next[len(runs) - 1] = len(runs)
            runs.append([fid])
            in_run = {fid}
        return runs, soft_next

    @staticmethod
    def _join_soft_links(draft: Draft, runs: list[list[str]], chains: list[list[int]], soft_next: dict[int, int]) -> list[list[int]]:
        """The chains with the soft links added, unless the later passage introduces a name the earlier one used bare."""
        profile = draft.profile
        ending = {c[-1]: c for c in chains}
        starting = {c[0]: c for c in chains}
        merged: set[int] = set()  # ids of chains absorbed into another
        for a_run, b_run in sorted(soft_next.items()):
            a = ending.get(a_run)
            b = starting.get(b_run)
            if a is None or b is None or a is b:
                continue
            if len(chains) <= MAX_NAME_CHAINS:
                intro_b = profile.name_introductions(_passage(draft, runs, b))
                if intro_b:  # names used bare are looked for (the costlier search) only if b introduces any
                    text_a = _passage(draft, runs, a)
                    if (intro_b & profile.name_mentions(text_a)) - profile.name_introductions(text_a):
                        continue
            del ending[a_run], starting[b_run]
            a.extend(b)
            ending[a[-1]] = a
            merged.add(id(b))
        return [c for c in chains if id(c) not in merged]

    @staticmethod
    def _constraints(draft: Draft, runs: list[list[str]], chains: list[list[int]]) -> tuple[dict[int, set[int]], dict[int, str]]:
        """Which chain must be read before which (first mentions, jump lines), and why each constrained one is placed so."""
        profile = draft.profile
        edges: dict[int, set[int]] = {c: set() for c in range(len(chains))}
        reasons: dict[int, str] = {}
        # First-mention evidence compares every pair of passages: skipped on pathological pages
        # (and when there is a single passage, which has no pair to compare).
        pairs = range(len(chains)) if 1 < len(chains) <= MAX_NAME_CHAINS else range(0)
        texts = [_passage(draft, runs, chain) for chain in chains] if pairs else []
        intro = [profile.name_introductions(text) for text in texts]
        # A passage's bare names count only against another's introductions: the costlier search
        # for them is made only where some other passage introduces a name.
        introducers = sum(map(bool, intro))
        bare = [profile.name_mentions(text) if introducers - bool(named) else set() for text, named in zip(texts, intro)]
        for a in pairs:
            if not intro[a]:
                continue  # introduces no name: no passage comes after it for that
            for b in range(len(chains)):
                if a == b:
                    continue
                shared = sorted(n for n in intro[a] & bare[b] if n not in intro[b])
                if shared:
                    edges[a].add(b)
                    reasons[b] = f"names {', '.join(shared)} first introduced in an earlier passage"
        # A jump line puts a passage at an end: text continued on another page is this page's last of the
        # article, text continued from another page its first.  The passage keeps the text emitted with
        # it: a frame moved after it is read before the whole frame (the scrambled dev pages with every
        # article jumping: successors 84.0% this way, 83.3% with the jump line's paragraph a run of its own).
        for c, chain in enumerate(chains):
            if draft.jump(runs[chain[-1]][-1], "on"):
                for other in edges:
                    if other != c:
                        edges[other].add(c)
                reasons[c] = "its text goes on on another page"
            if draft.jump(runs[chain[0]][0], "from"):
                edges[c].update(other for other in edges if other != c)
                reasons[c] = "its text comes from another page"
        return edges, reasons

    @staticmethod
    def _link(runs: list[list[str]], next_run: dict[int, int]) -> list[list[int]]:
        """Chains of runs that must be read in sequence (a cut links the end of one to the start of the next)."""
        linked = set(next_run.values())
        chains: list[list[int]] = []
        for k in range(len(runs)):
            if k in linked:
                continue
            chain = [k]
            while chain[-1] in next_run and next_run[chain[-1]] not in chain:
                chain.append(next_run[chain[-1]])
            chains.append(chain)
        placed = {k for chain in chains for k in chain}
        chains.extend([k] for k in range(len(runs)) if k not in placed)  # runs caught in a link cycle
        return chains


def _passage(draft: Draft, runs: list[list[str]], chain: list[int]) -> str:
    """The text of a chain of runs."""
    return "".join(draft.text(f) for k in chain for f in runs[k])
