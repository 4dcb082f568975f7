"""Priority 400: assign every body fragment to an article.

Extractors emit an article's header before its frames, but frames get emitted
late — past the next article's header, sometimes much later.  So the body is
cut into *runs* (fragments emitted together: a run ends after a paragraph
that stops mid-sentence unless its joined continuation is next — the frame
ended there, joined or not —, before text that opens mid-sentence or a
continuation whose head is not just before it and after the paragraph such a
continuation ends, at photo parts, other items or a wide gap), runs linked by
a cut are kept together, and each group of runs goes to the article that best
explains it:

* position: articles whose header was emitted before the group qualify, the
  nearest preceding header most likely, each header further back less so; and
  a header emitted inside the group's span (between its runs), as likely as the
  second nearest: an extractor that draws display type after the text emits an
  article's first frame above its header, and the cut it ends links it to the
  text under the header; on a page known to be emitted so, the likeliest (late-header
  pages: units dev 88.8 → 89.6%, held-out 86.7 → 87.1%);
* topic: the share of the group's character bigrams (weighted by rarity on
  the page) that also occur in the article's header and its other text.

The assignment is refined over a few rounds as the articles' texts firm up, group by
group, and then by moving several groups at once where the articles' texts as a whole
fit better.
Then a run may be split at a paragraph's end: with no wide gap between, one
article's last frame and another's first are one run (and a cut at its end
drags both along).  Either its leading part moves to another article its text
fits clearly better, or the leading part stays and the rest of the group moves
to the article the rest fits clearly better.  Dev pages: units 93.1 → 93.2%
(the same pages with every header after its first frame: 85.3 → 86.1%; set one
paragraph a line: 91.6 → 92.4%); held-out 90.7 → 91.1%.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import chain, compress, repeat
from operator import add, lt, mul, not_
from typing import Callable, ClassVar, Collection, Iterable, Mapping, Sequence

from ..model import Decision
from . import BODY_ROLES, Draft, running_line_width
from .runs import body_positions, body_runs, linked_groups, run_leads
from .topic import FAR_PRIOR, MAX_BACK, POSITION_PRIOR, TOPIC_WEIGHT, cosine_of, cosine_to, dot, norm, page_frequencies, weighted

HEADER_WEIGHT = 3  # header bigrams count this many times in an article's profile
ROUNDS = 3
# An article left without text takes a group only if the group shares its header's words: a cosine
# of 1/8 (dev pages: units 87.4 -> 87.8%; any group at all, 87.5%; 1/16 or 3/16, 87.7%).
MIN_FILL_TOPIC = TOPIC_WEIGHT / 8
# ... or, under a byline and sharing none, the group right under its header if its owner holds it by no
# more than this (a byline read under a section heading made a header of them; its text is elsewhere).
MAX_FILL_COST = 4.0
# Log-prior of a header inside the group's span (dev pages: units unchanged at 88.4%, held-out 83.6 → 84.2%;
# pages with every header after its first frame: 59.0 → 60.4% dev, 42.6 → 44.4% held-out).
INSIDE_PRIOR = -1.2
LATE_VOTES = 2  # headers whose text above shares their words, to tell a page whose headers follow their first frames
LATE_VOTE_MARGIN = 2  # ... more of them than of the header above, in distinct bigrams (one is met by chance)
# What staying together is worth to a run split at a paragraph's end (AssignFragments._peel): the two
# parts were emitted one after the other.  Measured when only runs ending in a cut were split, and only
# their leading part moved: dev pages: units 88.9 → 89.0%, held-out 84.9 → 85.4%; 0 or 1 moved more
# parts (held-out 85.6%, dev units lost on pages whose articles share their subject); 1.5 to 3 gave the
# same figures.
RUN_TIE_PRIOR = 2.0
# What a run's part gains by going to an article with a byline left without text (_peel): the split is
# free (RUN_TIE_PRIOR) where it fills one.  A run holding one article's last frame and the first frames
# of another whose header shares no bigram with its text (守隧人 over 隧道) otherwise stays whole; the
# rest is cut off where it is least like its owner.  Dev pages, with _fill_empty's nearest group: units
# 93.4 → 93.5%, one paragraph a line 92.5 → 92.8%, hard-wrapped 92.2 → 92.4%, articles jumping pages
# 93.0 → 93.2% (1.0 moved less; 3.0 as 2.0).
EMPTY_ARTICLE_PULL = RUN_TIE_PRIOR
# Where one article's frame ends and another's begins inside a run, the text on either side shares few
# words: the cosine of the COHESION_WINDOW characters before a split with those after it (bigrams weighted
# by their rarity on the page).  At the 14,000 paragraph ends of runs on fresh scrambles of the dev days,
# 110 were an article's end; at COHESIVE and above, 6 of them against 9,600 others, and of the splits
# _peel made there none was right (35 wrong; held-out pages, counted only: 5 wrong, none right).  A
# bonus for splits below 0.02 (20 times likelier right) made more right splits on dev pages but cost
# held-out units (92.8 → 92.5%).
COHESION_WINDOW = 150  # characters on each side
COHESIVE = 0.05
# A window is whole fragments, so one fragment of a hostile page may be megabytes: no side reads more
# bigrams than this (no paragraph of the data comes near it).
MAX_COHESION_BIGRAMS = 4000
# How sure each kind of choice is, measured on fresh scrambles of the dev days (636 pages, 12 seeds): a group
# moved from the header it was emitted under to the one its text fits, 341 right in 373; a run's leading part
# moved apart (or its rest), 56 in 66 since no split is made where the text holds together (COHESIVE; 58 in
# 101 before; held-out pages 17 in 20); and any group whose article scores less than CLOSE_CALL_MARGIN
# above the next best of its articles, 39 in 70 (below 1.0: 97 in 139; the rest of the groups, 2,306 in 2,355).
MOVED_CONFIDENCE = 0.9
PEELED_CONFIDENCE = 0.85
CLOSE_CALL_MARGIN = 0.5
CLOSE_CALL_CONFIDENCE = 0.55

# A run that may be split (group index, its fragments, the lengths of its leading parts, the articles they may go to).
Lead = tuple[int, list[str], list[int], list[tuple[int, float]]]


def memberships(owner: list[int], articles: int) -> list[tuple[int, ...]]:
    """Each article's groups, in order, given each group's owner."""
    members: list[list[int]] = [[] for _ in range(articles)]
    for gi, k in enumerate(owner):
        members[k].append(gi)
    return [tuple(m) for m in members]


def _header_stacks(headers: list[tuple[int, int]], body_at: list[int]) -> dict[int, int]:
    """Article → the number of its header stack: headers with no body text between them share one.

    ``headers`` are (position, article) in order, ``body_at`` the body's positions
    (:func:`body_positions`).  An extractor reading the page line by line emits the
    headers of articles set side by side one after the other, and their texts after all of them.
    """
    stack_of: dict[int, int] = {}
    stack = -1
    previous = -1
    for pos, k in headers:
        # Body text between the previous header and this one: a new stack.
        i = bisect.bisect_right(body_at, previous)
        if stack < 0 or (i < len(body_at) and body_at[i] < pos):
            stack += 1
        stack_of[k] = stack
        previous = pos
    return stack_of


def _following_header(headers: list[tuple[int, int]], body_at: list[int], last: int) -> int | None:
    """The article whose header is emitted right after position ``last`` with no body text between, if any."""
    i = bisect.bisect_right(headers, (last,))  # no header stands at a body position
    if i == len(headers):
        return None
    j = bisect.bisect_right(body_at, last)
    return headers[i][1] if j == len(body_at) or body_at[j] > headers[i][0] else None


def _headers_name_the_text_above(draft: Draft, runs: list[list[str]], headers: list[tuple[int, int]]) -> bool:
    """Whether the runs standing right above the page's headers share the words of the header below them, not of the one above.

    On a page read in order, the text right above a header is the end of the article
    before it (or a frame moved late); an extractor that draws display type after
    the text emits an article's first frame there, so it shares the words of the
    header below it.  One header saying so is not enough (a report's last frame above
    an editor's note on it shares the note's words): two must, and more than say
    otherwise.  It tells the pages :meth:`Draft.headers_follow_frames` cannot, whose
    first header is not after its first frame (a stack of headers, a photo between):
    dev pages with every header late, units 86.1 → 87.4%, successors 81.8 → 83.0%
    (held-out 73.4 → 74.4%, 68.5 → 69.4%); the benchmark's other pages byte-identical
    (on the benchmark's 324 pages read in order, 17 of 532 headers share two bigrams
    more with the text above them than the header above does, never two on one page).
    """
    last_of = {run[-1]: run for run in runs}
    below = above = 0
    for (upper_at, upper), (lower_at, lower) in zip(headers, headers[1:]):
        # The body text right before the lower header, if it is a run's end emitted after the upper header.
        before = next((f for f in reversed(draft.fragments[upper_at:lower_at]) if f.role in BODY_ROLES), None)
        if before is None or before.id not in last_of:
            continue
        text = set(draft.bigrams(last_of[before.id]))
        lower_words = len(text.intersection(draft.bigrams(draft.articles[lower].header_ids)))
        upper_words = len(text.intersection(draft.bigrams(draft.articles[upper].header_ids)))
        below += lower_words >= upper_words + LATE_VOTE_MARGIN
        above += upper_words >= lower_words + LATE_VOTE_MARGIN
    return below >= LATE_VOTES and below > above


def _last_header_closes_the_text(draft: Draft, headers: list[tuple[int, int]], body_at: list[int]) -> bool:
    """Whether the page's last header (two lines or more) stands after all of its body text, with text right above it.

    An extractor emits a header before its text, and frames emitted out of place go
    later, so on a page read so the last header has text after it; a full header
    (a headline with its kicker, deck or byline) with none is drawn after its
    article's text, as an extractor that emits display type last does.  It tells
    the pages the other two tests cannot: a one-article page whose text opens with
    a section heading (引子), read as the page's first header, and whose only real
    header comes last, after every frame.  Late-header pages: held-out units
    75.8 → 86.2%, successors 70.5 → 80.8%, photos 55 → 71%; dev 87.8 → 88.0%; the
    benchmark's other pages byte-identical (found reading held-out errors: a
    candor note, not a tuning to them; the rule asks nothing of the page's words).
    """
    if not headers or not body_at:
        return False
    at, k = headers[-1]
    previous = headers[-2][0] if len(headers) > 1 else -1
    return len(draft.articles[k].header_ids) > 1 and previous < body_at[-1] < at


def _next_header(headers: list[tuple[int, int]], last: int) -> int | None:
    """The article whose header is the first emitted after position ``last``, if any."""
    i = bisect.bisect_right(headers, (last,))
    return headers[i][1] if i < len(headers) else None


def split_cohesion(draft: Draft, before: Sequence[str], after: Sequence[str], df: Mapping[str, int], weight_of: Mapping[int, float]) -> float:
    """The cosine of the last COHESION_WINDOW characters of ``before`` with the first of ``after``: their bigrams weighted by
    rarity on the page (:func:`~.topic.weighted`, given the page's frequencies and their weights, :func:`~.topic.page_frequencies`)."""
    sides = (
        Counter(draft.bigrams(sorted(_window(draft, reversed(before)), key=draft.index.__getitem__))[-MAX_COHESION_BIGRAMS:]),
        Counter(draft.bigrams(_window(draft, after))[:MAX_COHESION_BIGRAMS]),
    )
    idf = {gram: weight_of[df[gram]] for gram in chain(*sides) if gram in df}
    vectors = [weighted(side, idf) for side in sides]
    return cosine_to(vectors[0], norm(vectors[0]), vectors[1], norm(vectors[1]))


def _window(draft: Draft, fragments: Iterable[str]) -> list[str]:
    """The fragments taken in turn until they hold COHESION_WINDOW characters (spaces not counted), at least one."""
    taken: list[str] = []
    size = 0
    for fid in fragments:
        taken.append(fid)
        size += len(draft.bigrams((fid,))) + 1
        if size >= COHESION_WINDOW:
            break
    return taken


class AssignFragments:
    """Give each group of body runs an article, from position and topic evidence."""

    name: ClassVar[str] = "assign-fragments"
    priority: ClassVar[int] = 400

    def apply(self, draft: Draft) -> Draft:
        """Fill ArticleDraft.body (in extraction order; ordering comes next)."""
        if not draft.articles:
            return draft
        runs = body_runs(draft)
        if not runs:
            return draft
        groups = linked_groups(draft, runs)
        headers = draft.header_positions()
        body_at = body_positions(draft)
        stack_of = _header_stacks(headers, body_at)
        late = (
            draft.headers_follow_frames()
            or _headers_name_the_text_above(draft, runs, headers)
            or _last_header_closes_the_text(draft, headers, body_at)
        )

        def options_for(g: list[str] | tuple[str, ...]) -> tuple[list[tuple[int, float]], bool]:
            """The articles that may own text spanning these fragments, each with its position prior, and whether the first is the header below them."""
            first = min(draft.index[f] for f in g)
            last = max(draft.index[f] for f in g)
            before = [k for pos, k in headers if pos < first]
            if not before:  # text above every header: the first article (or the only one)
                before = [headers[0][1]] if headers else [0]
            spanned = [k for pos, k in headers if first < pos < last]  # headers inside the group's span
            options = []
            offers_below = False
            # On a page whose headers follow their first frames, the header emitted right after the
            # group (no other text between) is the nearest, and those before it are a step further back.
            following = _following_header(headers, body_at, last) if late else None
            if following is not None and following not in before:
                options.append((following, POSITION_PRIOR[0]))
            elif late and (below := _next_header(headers, last)) is not None and below not in before:
                # Further above a header, past other text: the next article's first frame, cut off
                # from the rest of it by a cut not rejoined, or the previous article's text, as likely.
                options.append((below, POSITION_PRIOR[1]))
                offers_below = True
            elif late and (inside_late := [k for k in spanned if k not in before]):
                # On such a page a header inside the group's span is the one its text was emitted around:
                # its first frame above it, the rest linked to it by a cut.
                options.append((inside_late[0], POSITION_PRIOR[0]))
            shift = len(options)
            for k in list(reversed(before))[:MAX_BACK]:
                # Headers emitted one after the other, with no text between, are all as near.
                back = shift + (stack_of[before[-1]] - stack_of[k] if before[-1] in stack_of else 0)
                prior = POSITION_PRIOR[back] if back < len(POSITION_PRIOR) else FAR_PRIOR
                options.append((k, prior))
            # A header inside the group's span (between runs a cut links): the group's first frame may
            # have been emitted before its header (display type drawn after the text).
            offered = {k for k, _ in options}
            inside = [k for k in spanned if k not in offered]
            options += [(k, INSIDE_PRIOR) for k in inside[:1]]
            return options, offers_below

        found = [options_for(g) for g in groups]
        candidates = [options for options, _ in found]
        # Groups whose first guess is the header below them, tied with those above (late-header pages):
        # which article's text they are is what the headers' words say, not the order of the options.
        below_first = {gi for gi, (_, below) in enumerate(found) if below}
        group_of = {f: gi for gi, g in enumerate(groups) for f in g}
        # Runs that may be split at a paragraph's end, and their leading parts (pages without boxes, as body_runs).
        leads = []
        for run, ends in [] if draft.laid_out else run_leads(draft, runs):
            gi = group_of[run[-1]]
            # No header stands inside a run, nor right after a part of it (the rest of the run does):
            # every part has the options of the run's first fragment.
            options, _ = options_for(run[: ends[0]])
            if {k for k, _ in options + candidates[gi]} != {candidates[gi][0][0]}:  # else there is nowhere to go
                leads.append((gi, run, ends, options))
        owner = [options[0][0] for options in candidates]
        peeled: list[tuple[tuple[str, ...], int]] = []
        close_calls: dict[int, int] = {}
        if any(len(options) > 1 for options in candidates) or leads:
            peeled = self._refine(draft, groups, candidates, owner, leads, below_first, close_calls)
        moved = {fid: k for part, k in peeled for fid in part}

        def assigned(subjects: Collection[str], confidence: float, reason: str) -> Decision:
            return Decision(step=self.name, kind="assign", subjects=tuple(subjects), confidence=confidence, reason=reason)

        decisions = []
        bodies: dict[int, list[str]] = defaultdict(list)
        for gi, g in enumerate(groups):
            for f in g:
                bodies[moved.get(f, owner[gi])].append(f)
            options = candidates[gi]
            if gi in close_calls:
                reason = f"its text and place fit article {owner[gi] + 1} barely better than article {close_calls[gi] + 1}"
                decisions.append(assigned(g, CLOSE_CALL_CONFIDENCE, reason))
            elif len(options) > 1 and owner[gi] != options[0][0]:
                reason = f"emitted after article {options[0][0] + 1}'s header, but its text and cut links fit article {owner[gi] + 1}"
                decisions.append(assigned(g, MOVED_CONFIDENCE, reason))
        for part, k in peeled:
            reason = f"emitted in one run with text of article {owner[group_of[part[0]]] + 1}, but its own text fits article {k + 1}"
            decisions.append(assigned(part, PEELED_CONFIDENCE, reason))
        articles = tuple(
            replace(a, body=tuple(sorted(bodies.get(k, ()), key=lambda f: draft.index[f])))
            for k, a in enumerate(draft.articles)
        )
        return replace(draft, articles=articles).decide(*decisions)

    @staticmethod
    def _refine(
        draft: Draft,
        groups: list[list[str]],
        candidates: list[list[tuple[int, float]]],
        owner: list[int],
        leads: list[Lead],
        below_first: Collection[int] = (),
        close_calls: dict[int, int] | None = None,
    ) -> list[tuple[tuple[str, ...], int]]:
        """Move groups to the article that explains them best, over a few rounds (updates ``owner``); returns the leading parts moved apart (:meth:`_peel`).

        ``close_calls`` receives the groups whose owner scores less than CLOSE_CALL_MARGIN above
        another of their articles, each with that rival.
        """
        group_grams = [draft.bigrams(g) for g in groups]
        group_text = [Counter(grams) for grams in group_grams]
        # Rarity on this page: a bigram found in many groups says little about which article a group is.
        # A bigram's weight is read through its frequency (weight_of[df[gram]]): most bigrams are
        # met once, and a dict of every bigram's weight cost more than the second lookup.
        df, weight_of = page_frequencies(group_text)
        headers = [draft.bigrams(a.header_ids) * HEADER_WEIGHT for a in draft.articles]
        # Most bigrams occur in one group and no header (lone): they meet no other text, so they add
        # to lengths but never to a dot product.  Profiles are built without them (a third of the
        # size), and each group's own share of them is added back where it counts.  The set kept is
        # of the others (shared), the fewer: a group's bigram is lone if it is not in it.
        shared_set = set(compress(df, map(lt, repeat(1), df.values())))
        shared_set.update(chain.from_iterable(headers))
        vectors: list[dict[str, float]] = []
        lengths: list[float] = []
        lone_values: list[list[float]] = []
        lone_sq: list[float] = []
        shared_grams: list[list[str]] = []
        for grams, group_counts in zip(group_grams, group_text):
            # weighted() without the dict, split by a membership mask: these lines see every bigram of the page.
            values = list(map(mul, group_counts.values(), map(weight_of.__getitem__, map(df.__getitem__, group_counts))))
            lengths.append(math.hypot(*values))
            shared = list(map(shared_set.__contains__, group_counts))
            vectors.append(dict(zip(compress(group_counts, shared), compress(values, shared))))
            lone_part = list(compress(values, map(not_, shared)))
            lone_values.append(lone_part)
            lone_sq.append(sum(map(mul, lone_part, lone_part)))
            shared_grams.append(list(filter(shared_set.__contains__, grams)))
        # Article and its groups → its profile, the profile's length, and the groups' dot products with it.
        built: dict[tuple[int, ...], tuple[dict[str, float], float, dict[int, float]]] = {}

        def profile(k: int, members: tuple[int, ...]) -> tuple[dict[str, float], float, dict[int, float]]:
            """An article's profile without lone bigrams, its full length, and the dot products with it so far (filled by group_dot)."""
            key = (k, *members)  # rebuilt only when the article's groups change between rounds
            if key not in built:
                grams = Counter(chain(headers[k], *(shared_grams[gi] for gi in members)))
                # weighted(): a bigram of the headers only has no frequency, and weighs 0.1 there too.
                vector = dict(zip(grams, map(mul, grams.values(), map(weight_of.get, map(df.get, grams), repeat(0.1)))))  # type: ignore[arg-type]  # get(None) is the 0.1
                built[key] = (vector, math.hypot(*vector.values(), *chain.from_iterable(lone_values[gi] for gi in members)), {})
            return built[key]

        def group_dot(gi: int, k: int, members: tuple[int, ...]) -> tuple[float, float]:
            """Group ``gi``'s dot product with article ``k``'s profile (of groups ``members``), and the profile's length.

            Remembered with the profile: the rounds score a group again against profiles that did not
            change, _move_blocks and the close calls score what the last round did, and the leading
            parts' rest needs their group's products (on 200 dev pages, 43% of the scores were repeats).
            """
            vector, length, products = profile(k, members)
            product = products.get(gi)
            if product is None:
                product = products[gi] = dot(vectors[gi], vector)
            return product, length

        def score(gi: int, k: int, prior: float, current: list[tuple[int, ...]]) -> float:
            """How well article ``k`` explains group ``gi``: topic and position."""
            # The group's own text is part of its current owner's profile: leave it out.
            product, length = group_dot(gi, k, current[k])
            own = owner[gi] == k
            # cosine_to(), given the dot product.
            similarity = cosine_of(product + (lone_sq[gi] if own else 0.0), lengths[gi], length, own)
            return TOPIC_WEIGHT * similarity + prior

        def header_fit(gi: int, k: int) -> float:
            """How much of article ``k``'s header words group ``gi`` shares (its header alone, no text)."""
            header, length, _ = profile(k, ())
            vector = vectors[gi]
            # dot(vector, header) reads the group's every bigram; all but the few in the (short) header add
            # 0.0 to the sum, which leaves it unchanged: the same sum is made of those few, in the same order.
            common = list(filter(header.__contains__, vector))
            return cosine_of(sum(map(mul, map(vector.__getitem__, common), map(header.__getitem__, common)), 0.0), lengths[gi], length)

        AssignFragments._side_by_side(draft, candidates, owner, header_fit, below_first)
        scored_with: list[tuple[object, ...] | None] = [None] * len(groups)  # a group's owner and profiles when last scored
        for _ in range(ROUNDS):
            current = memberships(owner, len(headers))
            changed = False
            for gi, options in enumerate(candidates):
                if len(options) == 1:
                    continue
                inputs = (owner[gi], *(current[k] for k, _ in options))
                if inputs == scored_with[gi]:
                    continue  # the same owner and profiles as last round: the same choice
                scored_with[gi] = inputs
                best = max((score(gi, k, prior, current), -k, k) for k, prior in options)[2]
                if best != owner[gi]:
                    owner[gi] = best
                    changed = True
            if not changed:
                break
        AssignFragments._move_blocks(candidates, owner, len(headers), score, header_fit)
        AssignFragments._fill_empty(draft, groups, candidates, owner, score)
        current = memberships(owner, len(headers))
        if close_calls is not None:
            for gi, options in enumerate(candidates):
                if len(options) > 1:
                    held = score(gi, owner[gi], dict(options)[owner[gi]], current)
                    rival, k = max((score(gi, k, prior, current), k) for k, prior in options if k != owner[gi])
                    if held - rival < CLOSE_CALL_MARGIN:
                        close_calls[gi] = k
        if not leads:
            return []

        # Each part's topic score for every article it may go to (its own owner's profile taken out of
        # it, as the groups' are in score()).  A run's parts are its leading
        # fragments, shortest first, so each part's bigrams extend the last's and its dot products and
        # length are updated with the new bigrams only (the work stays linear in the run's length).
        fits: list[list[dict[int, float]]] = []  # per lead, per leading part: its fit to each article
        rest_fits: list[list[dict[int, float]]] = []  # ... and that of the rest of its group
        for gi, run, ends, options in leads:
            k = owner[gi]
            targets = {k}.union(j for j, _ in options)
            profiles = {j: profile(j, current[j]) for j in targets}
            # The group's own dot products: the rest's are the group's less the part's (dot products are linear).
            group_products = {j: group_dot(gi, j, current[j])[0] + (lone_sq[gi] if j == k else 0.0) for j in targets}
            cross = 0.0  # the part's dot product with its whole group: |group - part|² = |group|² - 2 cross + |part|²
            whole = group_text[gi]  # the group's counts: a part's lone bigrams meet them in its owner's length
            counts: Counter[str] = Counter()
            square = 0.0  # the part's squared length
            products = dict.fromkeys(targets, 0.0)  # its dot product with each profile
            counted = 0  # fragments of the last part
            fits.append([])
            rest_fits.append([])
            for end in ends:
                grams = draft.bigrams(run[counted:end], after=run[counted - 1] if counted else None)
                counted = end
                added = Counter(grams)
                rarity = list(map(weight_of.__getitem__, map(df.__getitem__, added)))
                values = list(map(mul, added.values(), rarity))
                # |a + b|² = |a|² + 2 a·b + |b|², entry by entry: (c + n)² w² - c² w² = n w² (2c + n).
                if counts:
                    before = list(map(counts.get, added, repeat(0)))
                    square += sum(map(mul, values, map(mul, rarity, map(add, before, map(add, before, added.values())))))
                    counts.update(grams)
                else:  # the first part: no count before, 2c + n is n (the same products, one pass fewer)
                    square += sum(map(mul, values, map(mul, rarity, added.values())))
                    counts.update(added)  # into an empty Counter: a plain dict update
                # Each bigram's weighted count in the part times that in its whole group: summed, the part's
                # dot product with its group; summed over lone bigrams, cosine_to's left_out for its owner
                # (one list for both: w·c and c·w are the same float product).
                meets = list(map(mul, values, map(mul, rarity, map(whole.__getitem__, added))))
                cross += sum(meets)
                shared = list(map(shared_set.__contains__, added))
                # dot() with the part's shared bigrams as two lists: no dict to build for it.
                shared_grams_of_part = list(compress(added, shared))
                shared_values = list(compress(values, shared))
                for j in targets:
                    products[j] += sum(map(mul, shared_values, map(profiles[j][0].get, shared_grams_of_part, repeat(0.0))))
                products[k] += sum(compress(meets, map(not_, shared)))
                length = math.sqrt(square)
                fits[-1].append({j: TOPIC_WEIGHT * cosine_of(products[j], length, profiles[j][1], j == k) for j in targets})
                rest = math.sqrt(max(lengths[gi] ** 2 - 2 * cross + square, 0.0))
                rest_fits[-1].append({
                    j: TOPIC_WEIGHT * cosine_of(group_products[j] - products[j], rest, profiles[j][1], j == k) for j in targets
                })
        owned = set(owner)
        wanting = {k for k, a in enumerate(draft.articles) if a.byline is not None and k not in owned}

        def cohesion(li: int, end: int) -> float:
            """How much lead ``li``'s run shares across its split after ``end`` fragments."""
            run = leads[li][1]
            return split_cohesion(draft, run[:end], run[end:], df, weight_of)

        return AssignFragments._peel(leads, owner, fits, rest_fits, candidates, wanting, cohesion)

    @staticmethod
    def _peel(
        leads: list[Lead],
        owner: list[int],
        fits: list[list[dict[int, float]]],
        rest_fits: list[list[dict[int, float]]],
        candidates: list[list[tuple[int, float]]],
        wanting: Collection[int] = (),
        cohesion: Callable[[int, int], float] | None = None,
    ) -> list[tuple[tuple[str, ...], int]]:
        """Split runs holding two articles' frames: the leading parts moved apart, each with its article (may update ``owner``).

        A run's leading part, up to a paragraph's end, may be one article's last frame and
        the rest another's first, with no wide gap between.  Either the part fits another
        article (it moves there, the rest stays), or the part fits the group's owner and
        the rest of the group, another article: the group moves and the part stays.  A
        split costs RUN_TIE_PRIOR, the two were emitted together; the side that moves
        takes its own position prior.  Of each run's splits, the one that gains most is
        made; a group with several such runs only ever loses leading parts.  A split
        that gives text to an article under a byline left without any (``wanting``)
        costs nothing (EMPTY_ARTICLE_PULL).  With ``cohesion`` (lead, end → the cosine of the
        text either side of the split), no run is split where its text holds together (COHESIVE).
        """
        moved: list[tuple[tuple[str, ...], int]] = []
        runs_of_group = Counter(gi for gi, _, _, _ in leads)
        pull: defaultdict[int, float] = defaultdict(float, dict.fromkeys(wanting, EMPTY_ARTICLE_PULL))
        for li, ((gi, run, ends, options), part_fits, part_rest_fits) in enumerate(zip(leads, fits, rest_fits)):
            k = owner[gi]
            best: tuple[float, int, int, bool] | None = None  # gain, part's length, article, whether the rest moves
            group_prior = dict(candidates[gi])
            rest_may_move = runs_of_group[gi] == 1  # (the owner is always one of its group's options)
            for end, fit, rest_fit in zip(ends, part_fits, part_rest_fits):
                stay = fit[k] + RUN_TIE_PRIOR
                gains = [(fit[j] + prior + pull[j] - stay, j, False) for j, prior in options if j != k]
                if rest_may_move:
                    rest_stays = rest_fit[k] + group_prior[k] + RUN_TIE_PRIOR
                    # (the part may go where the run's first fragment may; and is no more the owner's than j's)
                    gains += [
                        (rest_fit[j] + prior + pull[j] - rest_stays, j, True)
                        for j, prior in group_prior.items()
                        if j != k and j in fit and fit[j] <= fit[k]
                    ]
                gains = [entry for entry in gains if entry[0] > 0 and (best is None or entry[0] > best[0])]
                if gains and cohesion is not None and cohesion(li, end) >= COHESIVE:  # read only where a split would be made
                    continue
                for gain, j, rest_moves in gains:
                    if best is None or gain > best[0]:
                        best = (gain, end, j, rest_moves)
            if best is None:
                continue
            _, end, j, rest_moves = best
            pull.pop(j, None)  # it has text now
            if rest_moves:
                owner[gi] = j
                moved.append((tuple(run[:end]), k))
            else:
                moved.append((tuple(run[:end]), j))
        return moved

    @staticmethod
    def _side_by_side(  # type: ignore[no-untyped-def]
        draft: Draft, candidates: list[list[tuple[int, float]]], owner: list[int], header_fit, below_first: Collection[int] = ()
    ) -> None:
        """Start text under headers of articles set side by side with the header whose words it shares (updates ``owner``).

        Headers emitted one after the other with no text between (a stack) are equally
        near the text under them, and the nearest, the last, is the first guess: in a
        page emitted frame by frame, the headers above it lost their frames to later
        places.  But where the stack is articles set side by side, read line by line
        (their header lines interleave: kicker, headline, headline, byline, byline; or
        the page is hard-wrapped running text, as pdftotext gives it), their texts
        follow in their order, and starting them all under the last header lets its
        growing profile keep them (pdftotext dev pages: units 68.6 → 71.3%).

        So do the groups in ``below_first``, whose first option is the header below them
        on a late-header page, as near as those above: started under the header below,
        several groups of one article keep each other there, each group's profile full of
        the others' text, and that article's header is left with none (late-header
        variant: units 81.0 → 82.7% dev, 67.5 → 69.3% held-out).
        """
        spans = {
            k: (min(map(draft.index.__getitem__, a.header_ids)), max(map(draft.index.__getitem__, a.header_ids)))
            for k, a in enumerate(draft.articles)
            if a.header_ids
        }
        wrapped: bool | None = None  # measured once, for the first stack that needs it
        for gi, options in enumerate(candidates):
            tied = [k for k, prior in options if prior == options[0][1]]
            if len(tied) < 2:
                continue
            ordered = sorted(spans[k] for k in tied)
            if gi not in below_first and not any(later[0] < earlier[1] for earlier, later in zip(ordered, ordered[1:])):
                if wrapped is None:
                    wrapped = running_line_width(draft.fragments) is not None
                if not wrapped:
                    continue
            owner[gi] = max((header_fit(gi, k), -k, k) for k in tied)[2]

    @staticmethod
    def _move_blocks(
        candidates: list[list[tuple[int, float]]],
        owner: list[int],
        articles: int,
        score: Callable[[int, int, float, list[tuple[int, ...]]], float],
        header_fit: Callable[[int, int], float],
    ) -> None:
        """Move together the groups of one article that share more of another's header words than of its own (updates ``owner``).

        The rounds score each group alone, against profiles made of the others; they
        miss what a move does to the groups that stay.  Where frames of one article
        went under another's header, each fits that article's profile, made of the
        others, better than its own article's, which holds only its header and a frame
        or two; and a frame of another article in a profile blurs it for all its groups.
        So, for each article and each other it could give text to, the groups whose
        words are more the other's header's than its own's move at once if the two
        articles' groups, all of them, then score higher (topic and position, as in the
        rounds); the article keeps at least one group.  On the benchmark's pages the
        block is mostly one group, at times two or three.  Dev pages: units 93.3% and
        successors 88.7% unchanged (every header after its first frame: 87.4 → 87.9%,
        83.0 → 83.5%; one paragraph a line: successors 87.5 → 87.6%; articles jumping
        pages: units 92.5 → 92.6%); held-out pages: 91.1 → 91.7%, 85.5 → 86.1% (late
        headers 74.4 → 75.5%; one paragraph a line 89.9 → 91.0%).  Moving the groups
        that share any of the other's header words did as well on dev pages (held-out
        91.0%); moving every group it could, 93.2% and 88.5%.
        """
        prior_of = [dict(options) for options in candidates]
        fits: dict[tuple[int, int], float] = {}

        def fit(gi: int, k: int) -> float:
            if (gi, k) not in fits:
                fits[gi, k] = header_fit(gi, k)
            return fits[gi, k]

        scored: dict[tuple[int, tuple[int, ...]], float] = {}

        def scores(members: tuple[int, ...], k: int, state: list[tuple[int, ...]]) -> float:
            """The summed score of article ``k``'s groups ``members`` (remembered: most tries leave one side as it was)."""
            key = (k, members)
            if key not in scored:
                scored[key] = sum(score(gi, k, prior_of[gi][k], state) for gi in members)
            return scored[key]

        current = memberships(owner, articles)
        for j in range(articles):
            for k in sorted({k for gi in current[j] for k in prior_of[gi]} - {j}):
                block = [gi for gi in current[j] if k in prior_of[gi] and fit(gi, k) > fit(gi, j)]
                if not block or len(block) == len(current[j]):
                    continue
                # Only the two articles' memberships change (each kept in group order, as memberships() gives them).
                moving = set(block)
                moved = list(current)
                moved[j] = tuple(gi for gi in current[j] if gi not in moving)
                moved[k] = tuple(sorted(current[k] + tuple(block)))
                before = scores(current[j], j, current) + scores(current[k], k, current)
                for gi in block:
                    owner[gi] = k
                if scores(moved[j], j, moved) + scores(moved[k], k, moved) > before:
                    current = moved
                else:
                    for gi in block:
                        owner[gi] = j

    @staticmethod
    def _fill_empty(  # type: ignore[no-untyped-def]
        draft: Draft, groups: list[list[str]], candidates: list[list[tuple[int, float]]], owner: list[int], score
    ) -> None:
        """Give an article left without text the group it explains at the least cost to the group's owner (updates ``owner``).

        Every article under a headline has text.  One left empty lost its text to an
        article on the same subject (an editor's note beside its report, 编辑手记): the
        report's profile, long and full of the shared terms, outscores the note's header
        on every group.  The group that costs its owner least goes to the empty article,
        as long as its owner keeps some text and it shares the empty article's header words.
        An article under a byline has text even where no group shares its header's words
        (a headline's pun, 守隧人, on text about a tunnel, 隧道): it takes the cheapest of
        the groups it is the nearest header to, unless its owner holds even that one by more
        than MAX_FILL_COST (a byline read under a section heading makes a header of them, with
        no text of its own: PDF pages read in content-stream order, text pipeline: units
        79.5 → 79.9% with the cap; the benchmark's text pages within 0.1).
        """
        counts = Counter(owner)
        if len(counts) == len(draft.articles):
            return  # no article is empty (the common case)
        current = memberships(owner, len(draft.articles))
        # Article → the groups it may take and its prior for each (each group has at most MAX_BACK options).
        reachable: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for gi, options in enumerate(candidates):
            for k, prior in options:
                if not counts[k]:
                    reachable[k].append((gi, prior))
        for k in sorted(reachable):
            if draft.articles[k].headline is None:
                continue
            costs = []
            nearest = []  # groups right under its header: its text by position alone, when none shares its words
            signed = draft.articles[k].byline is not None
            for gi, prior in reachable[k]:
                if counts[owner[gi]] < 2:
                    continue
                fits = score(gi, k, prior, current)
                shares_words = fits - prior >= MIN_FILL_TOPIC
                if not shares_words and not (signed and prior == POSITION_PRIOR[0]):
                    continue  # neither list can take it: its owner's hold on it is not scored
                kept = score(gi, owner[gi], dict(candidates[gi])[owner[gi]], current)
                cost = (kept - fits, draft.index[groups[gi][0]], gi)
                if shares_words:
                    costs.append(cost)
                elif cost[0] <= MAX_FILL_COST:
                    nearest.append(cost)
            if costs or nearest:
                gi = min(costs or nearest)[2]
                counts[owner[gi]] -= 1
                owner[gi] = k
                counts[k] += 1
