"""Runs: the body text an extractor emitted together, and the groups of runs that cuts link.

A run ends where the text visibly jumps (a paragraph stopping mid-sentence whose
continuation is not next, text opening mid-sentence, a wide gap, a photo's
parts or another item between).  ``assign-fragments`` gives each group of runs
an article; ``layout-assign`` keeps each group together on a laid-out page.
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Role
from . import BODY_ROLES, Draft


def body_runs(draft: Draft) -> list[list[str]]:
    """Body fragments emitted together, split where the text visibly jumps."""
    tail_of = draft.tail_of()
    head_of = draft.head_of()
    profile = draft.profile
    runs: list[list[str]] = []
    prev: str | None = None
    prev_open = False  # the previous body fragment stops mid-sentence: a frame ended there
    laid_out = draft.laid_out
    foreign = False  # inside a paragraph continued from elsewhere that opened the run
    foreign_ended = False  # ... which ended with the previous fragment
    for frag in draft.fragments:
        if frag.role not in BODY_ROLES:
            if frag.role is not Role.FURNITURE:
                prev = None
            continue
        fid = frag.id
        text = draft.text(fid)
        jump = profile.jump_line(text)  # read once for both ends of the fragment (Draft.jump's test, below)
        if (
            prev is None
            or (fid in head_of and head_of[fid] != prev)
            or (prev in tail_of and tail_of[prev] != fid)
            or (prev_open and tail_of.get(prev) != fid)
            or (head_of.get(fid) != prev and profile.opens_mid_sentence(text))
            or (jump is not None and jump.continued == "from")  # an article's text on this page opens with it
            or (frag.gap_before >= draft.wide_gap and head_of.get(fid) != prev)
            or foreign_ended
        ):
            runs.append([fid])
            # A run opening with the end of a paragraph cut elsewhere: once that paragraph ends,
            # what follows is as likely another frame (the next header's text, or another
            # article's) as more of the same one, so it is a run of its own, placed by position
            # and topic rather than dragged along by the cut.  Dev pages: units 86.5 → 87.0%,
            # successors 80.7 → 81.2% (split so only under a header: 86.9%, 81.0%).  Not on a
            # laid-out page: there what follows stands below it in the same column, and goes
            # with it (pdftotext -layout dev pages: units 56.9 → 55.7% if split).  Plain
            # pdftotext text, whose frames are whole column boxes, is mixed: units dev
            # 61.3 → 61.5%, held-out 57.0 → 55.9%.
            foreign = not laid_out and fid in head_of and head_of[fid] != prev
        else:
            runs[-1].append(fid)
        foreign_ended = foreign and fid not in tail_of
        foreign = foreign and not foreign_ended
        prev = fid
        # A paragraph that stops mid-sentence ended a frame; one continued on another page ends its article here.
        prev_open = frag.role is Role.PARAGRAPH and (not profile.ends_paragraph(text) or (jump is not None and jump.continued == "on"))
    return runs


def run_leads(draft: Draft, runs: list[list[str]]) -> list[tuple[list[str], list[int]]]:
    """Runs that may hold two articles' frames: (run, the lengths of its leading parts that could stand apart).

    A frame boundary is visible only at a wide gap or a cut; elsewhere one article's
    last frame and another's first follow each other as two paragraphs do.  A leading
    part ends where a paragraph ends, before the run's last paragraph, and has no cut
    linking it elsewhere (a run whose cut goes on inside it ends there too).
    """
    tail_of = draft.tail_of()
    head_of = draft.head_of()
    out: list[tuple[list[str], list[int]]] = []
    for run in runs:
        last = run[-1]
        if len(run) < 2 or (last in tail_of and tail_of[last] in run):
            continue
        i = len(run) - 1
        while i > 0 and head_of.get(run[i]) == run[i - 1]:
            i -= 1
        members = set(run)
        ends = []  # a leading part is run[:b]: its fragments are listed only for the part that moves
        for b in range(1, i + 1):
            f = run[b - 1]
            if (f in tail_of and tail_of[f] not in members) or (f in head_of and head_of[f] not in members):
                break  # a cut links this part elsewhere too: it is tied to its group anyway
            if tail_of.get(f) == run[b]:
                continue  # the paragraph goes on in the next piece
            ends.append(b)
        if ends:
            out.append((run, ends))
    return out


def body_positions(draft: Draft) -> list[int]:
    """The positions, in extraction order, of the body fragments."""
    return [k for k, f in enumerate(draft.fragments) if f.role in BODY_ROLES]


def linked_groups(draft: Draft, runs: list[list[str]]) -> list[list[str]]:
    """Runs linked by cuts (union-find), each group listed in extraction order."""
    run_of = {fid: k for k, run in enumerate(runs) for fid in run}
    parent = list(range(len(runs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for join in draft.joins:
        if join.head in run_of and join.tail in run_of:
            a, b = find(run_of[join.head]), find(run_of[join.tail])
            if a != b:
                parent[max(a, b)] = min(a, b)
    grouped: dict[int, list[str]] = defaultdict(list)
    for k, run in enumerate(runs):
        grouped[find(k)].extend(run)
    return [sorted(g, key=lambda f: draft.index[f]) for _, g in sorted(grouped.items())]
