"""Priority 100: tag each fragment with its role (kicker, headline, byline, caption, credit …).

Two passes.  The first looks at each fragment alone and asks the profile
(furniture, credit, kicker, subheadline, explicit captions, title-like text).
The second uses the neighbours in extraction order, because a headline, a
section heading and a photo title look alike and differ only by what surrounds
them.  Runs of title-like lines form a *header* (kicker? headline subheadline?,
in People's Daily order) when a byline follows, when one of them is marked as
kicker or subheadline by its dashes, when the run opens the page or precedes a
dateline; a photo title sits above
a caption + credit pair that ends an item; a caption sits directly above a
credit.  Remaining title-like fragments become
section headings with a modest confidence (the join step may still decide that
one is the start of a paragraph cut at a frame break).
"""

from __future__ import annotations

import bisect
from typing import ClassVar

from ..model import Decision, Role
from ..profiles.textutil import bigrams, display_width
from ..profiles import Profile
from . import ABOVE_A_CREDIT, BETWEEN_FRAMES, BLANK_LINE, HEADER_ROLES, LEAD_APART, Draft, running_line_width

# Roles that belong to an article header.
_TITLE = "title"  # provisional: headline, heading or photo title, decided in pass two
_INSIDE_TEXT = "short line inside running text"  # reason of a heading typed for want of header evidence
_RUNS_ON_ABOVE_HEADER = "title-like line over a header that runs on into text elsewhere: a frame's cut running text"
_ENDS_FRAME_HEADING = "short line ending a frame: a heading is kept with its text"  # ... and of such a line retyped as running text
# Its confidence: dev pages, 691 of 761 such headings make right blocks (0.91), as often as blocks
# with no doubt at all (0.90); pdftotext's hard-wrapped pages, 0.68–0.74, against 0.69–0.76.
INSIDE_TEXT_CONFIDENCE = 0.8
ORPHAN_LEAD_WINDOW = 30  # fragments looked back from a dateline lead for its headline
# Title-like lines looked back over from a dateline lead for a header found that sums it up: the
# lead's own header stands a few articles up (bounds the work on a page of very many leads).
HEADER_LOOKBACK = 48
_NEXT_TO_HEADER = "title-like line next to a header"
_CUT_ABOVE_LEAD = "running text over a dateline lead whose headline is further up"
_ENDS_FRAME_ABOVE = "title-like line under running text, a frame break below it: the end of that text's frame"
# A headline sums up its dateline lead: on dev days every such headline has at least 0.15 of its
# character bigrams in the lead, against 3% of other articles' titles.  A line further up that shares
# at least that much, and 0.1 more than the lines right above the lead, is its headline.
LEAD_SHARE_MIN = 0.15
FAR_LEAD_SHARE_MIN = 0.5  # ... and a section heading far above it, before other headers, half (_far_headline)
LEAD_SHARE_LEAD = 0.1
_TAG_OVER_NAME = "a title closed by its column tag over a name, as wide as the column"
_TAG_OVER_TITLE = "a title closed by its column tag over another title, as wide as the column"
_OVER_BYLINE = "a title-like line over a byline, as wide as the column"
# A photo's title is display type, a phrase (春暖花开采茶忙, 秋收忙，丰收喜): a longer line with a clause's
# comma or a colon inside, over a photo dropped at a frame's end, is the end of that frame's running text
# (the benchmark's such lines: 21 to 40 characters).
_CLAUSE_MARKS = "，,：:；;"
PHOTO_TITLE_MAX_CLAUSES = 16  # characters (spaces left out) a photo's title with a clause mark in it may have
_LEAD_IN_OVER_HEADLINE = "a short line ending with a colon over a title and a byline: a kicker (甘肃高台：)"
_STANDS_ALONE = "a title-like line as wide as the column between a title or a finished paragraph and running text it does not run on into"
MAX_NOTE = 60  # characters of a bracketed note
_HEADER_LIKE = (_TITLE, Role.KICKER, Role.SUBHEADLINE)  # the roles a header line may have before pass two
MAX_CAPTION = 200  # characters: longer text above a credit is running text, not its caption


# Lexical evidence (the profile's continuation score) that a column-wide line under a title goes on
# in text emitted elsewhere: a word across the cut gains this much for ~0.3% of unrelated pairs.
RUNS_ON_EVIDENCE = 4.0
SHORT_PIECE = 40  # characters: a column line and the short line under it that make one complete piece
MAX_ELSEWHERE = 64  # texts opening mid-sentence, nearest first, tried as a column line's continuation


def _phrase(text: str) -> bool:
    """Whether a title-like line may be a photo's title: no clause mark in it, or short (秋收忙，丰收喜)."""
    # Searched mark by mark: a class of full-width marks costs ~0.2 ms to compile as a pattern.
    return not any(mark in text for mark in _CLAUSE_MARKS) or len("".join(text.split())) <= PHOTO_TITLE_MAX_CLAUSES


def _bracketed_note(text: str) -> bool:
    """A short note wholly in brackets, such as ends an article: （本报记者申琳参与采写）, （作者为…）."""
    flat = text.strip()
    return 4 <= len(flat) <= MAX_NOTE and flat[0] in "（(" and flat[-1] in "）)"


def _lead_share(title: str, lead: object) -> float:
    """The share of a title's character bigrams found in its lead paragraph's (``lead``: a set-like of bigrams)."""
    grams = bigrams(title).keys()
    return len(grams & lead) / max(1, len(grams))  # type: ignore[operator]


def _inside_heading(found: tuple[object, float, str]) -> bool:
    """A role typed a section heading for want of header evidence (a short line inside running text)."""
    return found[0] is Role.HEADING and found[2] == _INSIDE_TEXT


def _runs_on_into(profile: Profile, texts: list[str], i: int, candidates: list[int], *also: int) -> bool:
    """Whether strong lexical evidence says that text ``i`` goes on in one of ``also`` or of the MAX_ELSEWHERE ``candidates`` nearest it (positions in page order)."""
    at = bisect.bisect_left(candidates, i)
    nearest = candidates[max(0, at - MAX_ELSEWHERE // 2) : at + MAX_ELSEWHERE // 2]
    return any(profile.continuation_score(texts[i], texts[k])[0] >= RUNS_ON_EVIDENCE for k in (*also, *nearest) if k != i)


def _ends_lead_look(k: int, roles: list[tuple[object, float, str]], texts: list[str], profile: Profile) -> bool:
    """Fragment ``k`` ends the look for a dateline lead's headline: a header, a photo part or another dateline lead lies there."""
    found = roles[k][0]
    if found in HEADER_ROLES or found in (Role.CAPTION, Role.CREDIT, Role.PHOTO_TITLE):
        return True
    return found is Role.PARAGRAPH and profile.dateline(texts[k]) is not None


class _Tagging:
    """One page's fragments and their roles while the passes of tag-roles refine them."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.profile = draft.profile
        self.texts = [self.profile.join_lines(f.lines) for f in draft.fragments]
        self.n = len(self.texts)
        self.roles: list[tuple[object, float, str]] = []  # (role, confidence, reason) of each fragment
        # A frame break before fragment k.  On a page whose paragraphs follow single line breaks a
        # blank line ends a frame of running text, but display lines get one each too (pdftotext):
        # read among display lines, a frame's end is a gap wider than a blank line.
        self.breaks = [f.gap_before >= max(draft.wide_gap, BLANK_LINE + 1) for f in draft.fragments]
        self._openers: list[int] | None = None

    def role(self, i: int) -> object:
        """The role of fragment ``i`` so far (None outside the page)."""
        return self.roles[i][0] if 0 <= i < self.n else None

    def mid_sentence_openers(self) -> list[int]:
        """The fragments that open mid-sentence (found on the first need)."""
        if self._openers is None:
            self._openers = [k for k, text in enumerate(self.texts) if self.profile.opens_mid_sentence(text)]
        return self._openers


class TagRoles:
    """Assign a role with a confidence and a reason to every fragment."""

    name: ClassVar[str] = "tag-roles"
    priority: ClassVar[int] = 100

    def apply(self, draft: Draft) -> Draft:
        """Tag roles in two passes (alone, then in context)."""
        page = _Tagging(draft)
        full_lines, jumps = self._alone(page)
        self._titles_a_column_wide(page, full_lines)
        self._captions_over_credits(page, jumps)
        self._names_under_titles(page)
        self._lead_ins_over_headlines(page)
        titled = [k for k in range(page.n) if page.role(k) in _HEADER_LIKE]  # the lines that may become a kicker or headline
        stacked_bylines = self._headers(page, titled)
        if page.profile.dateline_opens_article:
            self._headers_of_orphan_leads(page.roles, page.texts, page.breaks, page.profile, titled)
        self._headings_ending_frames(page)
        self._header_closing_a_headless_page(page)
        self._stray_bylines(page, stacked_bylines)
        assigned = {f.id: page.roles[i] for i, f in enumerate(draft.fragments)}  # type: ignore[misc]
        draft = draft.with_roles(assigned)  # type: ignore[arg-type]
        low = [
            Decision(step=self.name, kind="role", subjects=(f.id,), confidence=f.role_confidence, reason=f"{f.role.value}: {f.role_reason}")
            for f in draft.fragments
        ]
        return draft.decide(*low)

    @staticmethod
    def _alone(page: _Tagging) -> tuple[list[int], set[int]]:
        """Pass one: each fragment by its own text; returns the title-like lines a column wide, and the texts with a jump line."""
        draft, profile, texts, roles = page.draft, page.profile, page.texts, page.roles
        column = running_line_width(draft.fragments)
        full_lines: list[int] = []  # title-like lines exactly a column wide, taken for running text
        jumps: set[int] = set()  # running text with a jump line (（下转第二版）): never a caption
        for i, text in enumerate(texts):
            if profile.is_furniture(text):
                roles.append((Role.FURNITURE, 0.95, "page furniture line"))
            elif (jump := profile.jump_line(text)) is not None:
                roles.append((Role.PARAGRAPH, 0.9, f"running text with a jump line (continued {jump.continued} {jump.page})"))
                jumps.add(i)
            elif profile.parse_credit(text) is not None:
                roles.append((Role.CREDIT, 0.95, "photo credit pattern"))
            elif i > 0 and roles[i - 1][0] is Role.CREDIT and profile.is_credit_tail(text):
                roles.append((Role.CREDIT, 0.85, "agency line ending the credit above"))
            elif profile.is_kicker(text):
                roles.append((Role.KICKER, 0.85, "line ends with ——"))
            elif profile.is_subheadline(text):
                roles.append((Role.SUBHEADLINE, 0.85, "line starts with ——"))
            elif profile.introduces_person(text):
                roles.append((Role.PARAGRAPH, 0.8, "a person introduced by name and position: an item of a list of speakers"))
            elif profile.parse_byline(text, after_headline=False) is not None:
                roles.append((Role.BYLINE, 0.9, "reporter role and names"))
            elif profile.is_caption(text):
                roles.append((Role.CAPTION, 0.9, "caption marker (图为, 图①)"))
            elif profile.is_box_label(text):
                roles.append((Role.HEADING, 0.8, "label of a box inside an article (编者按, 核心阅读)"))
            elif (title_like := profile.is_title_like(text)) and not (
                column is not None
                and len(draft.fragments[i].lines) == 1
                and abs(display_width(text) - column) <= 0.5
                and not profile.ends_paragraph(text)
            ):
                roles.append((_TITLE, 0.5, "short line without sentence punctuation"))
            else:
                if title_like:
                    full_lines.append(i)
                roles.append((Role.PARAGRAPH, 0.8, "running text"))
        return full_lines, jumps

    @classmethod
    def _titles_a_column_wide(cls, page: _Tagging, full_lines: list[int]) -> None:
        """A title as wide as the column is still a title over a reporter's byline, and so is the line over it (a kicker without dashes): running text runs on into no byline."""
        profile, texts, roles, n = page.profile, page.texts, page.roles, page.n
        for i in reversed(full_lines):
            over_byline = i + 1 < n and roles[i + 1][0] is Role.BYLINE
            over_headline = i + 2 < n and roles[i + 1][0] is _TITLE and roles[i + 2][0] is Role.BYLINE
            if over_byline or over_headline:
                roles[i] = (_TITLE, 0.5, _OVER_BYLINE)
            elif cls._stands_alone(i, texts, roles, profile, page.mid_sentence_openers):
                roles[i] = (_TITLE, 0.5, _STANDS_ALONE)
            elif (
                i + 1 < n
                and profile.closes_headline(texts[i])
                and profile.parse_byline(texts[i + 1], after_headline=True) is not None
            ):
                # A title closed by its column tag over an author's bare name (基础研究点亮未来之光（教育时评） /
                # 潘建伟): running text ends no line on a column tag with a name under it.
                roles[i] = (_TITLE, 0.5, _TAG_OVER_NAME)
            elif i + 1 < n and profile.closes_headline(texts[i]) and roles[i + 1][0] in _HEADER_LIKE:
                # Nor with another title under it (headlines of articles set side by side, read line by
                # line: 用有形之手护创新之花（人民时评） / 年轻人为何喜爱“新中式”（纵横）).
                roles[i] = (_TITLE, 0.5, _TAG_OVER_TITLE)

    @staticmethod
    def _captions_over_credits(page: _Tagging, jumps: set[int]) -> None:
        """Captions: complete, caption-sized text directly above a credit.

        Text cut mid-sentence is running text, and chart or archive credits stand without a caption.
        """
        profile, texts, roles, role = page.profile, page.texts, page.roles, page.role
        for i in range(page.n - 1):
            if (
                role(i + 1) is Role.CREDIT
                and role(i) in (Role.PARAGRAPH, _TITLE)
                and i not in jumps
                and not (role(i) is _TITLE and role(i - 1) is Role.KICKER)
                and not profile.is_captionless_credit(texts[i + 1])
                and profile.ends_paragraph(texts[i])
                and len(texts[i]) <= MAX_CAPTION
            ):
                roles[i] = (Role.CAPTION, 0.8, ABOVE_A_CREDIT)

    @staticmethod
    def _names_under_titles(page: _Tagging) -> None:
        """A bare list of names counts as a byline only right under a title-like line."""
        profile, texts, roles, role = page.profile, page.texts, page.roles, page.role
        for i in range(1, page.n):
            if role(i) in (Role.PARAGRAPH, _TITLE) and role(i - 1) in (_TITLE, Role.KICKER, Role.SUBHEADLINE):
                if profile.parse_byline(texts[i], after_headline=True) is not None:
                    roles[i] = (Role.BYLINE, 0.8, "list of names under a headline")

    @staticmethod
    def _lead_ins_over_headlines(page: _Tagging) -> None:
        """A title-like line but for its closing colon, over a title over a byline, is a kicker (甘肃高台： / 戈壁龙舟  赛出精气神 / 本报记者 …).

        Alone, a colon ends a lead-in of running text (对话嘉宾：), never a title; but running
        text runs on into its next line, not into a headline signed by a reporter.
        """
        profile, texts, roles, role = page.profile, page.texts, page.roles, page.role
        for i in range(page.n - 2):
            text = texts[i].rstrip()
            if (
                role(i) is Role.PARAGRAPH
                and role(i + 1) is _TITLE
                and role(i + 2) is Role.BYLINE
                and text[-1:] in ("：", ":")
                and profile.is_title_like(text[:-1])
            ):
                roles[i] = (_TITLE, 0.5, _LEAD_IN_OVER_HEADLINE)

    def _headers(self, page: _Tagging, titled: list[int]) -> set[int]:
        """Pass two: each run of title-like lines becomes a header, a heading or running text, by what stands around it; returns the bylines under stacked headers."""
        profile, texts, roles, role, n, breaks = page.profile, page.texts, page.roles, page.role, page.n, page.breaks
        first_content = next((i for i in range(n) if role(i) is not Role.FURNITURE), 0)
        stacked_bylines: set[int] = set()
        i = 0
        while i < n:
            if role(i) not in _HEADER_LIKE:
                i += 1
                continue
            j = i
            while j < n and role(j) in _HEADER_LIKE:
                j += 1
            run = list(range(i, j))  # a maximal run of title-like lines
            if (
                (j - i == 2 or (j - i == 3 and role(i + 2) is Role.SUBHEADLINE))
                and breaks[i + 1]
                and not breaks[i]
                and role(i) is _TITLE
                and role(i - 1) is Role.PARAGRAPH
                and not page.draft.laid_out
            ):
                # Set close under running text, a frame break between it and a headline (and its deck):
                # the end of that text's frame (…规范民宿发展，热度迅速), not the headline's kicker.
                roles[i] = (Role.PARAGRAPH, 0.5, _ENDS_FRAME_ABOVE)
                i += 1
                continue
            marked = {k for k in run if role(k) is _TITLE and profile.closes_headline(texts[k])}
            below = role(j) if j < n else None
            if (
                len(run) == 1
                and role(i) is _TITLE
                and _phrase(texts[i])
                and below is Role.CAPTION
                and role(j + 1) is Role.CREDIT
                and (j + 2 >= n or role(j + 2) in _HEADER_LIKE + (Role.FURNITURE,))
            ):
                roles[i] = (Role.PHOTO_TITLE, 0.75, "title above a caption and credit that end an item")
                i = j
                continue
            # A bracketed note ending another article ((本报记者申琳参与采写)), read line by line between
            # a header and its byline, does not part them.
            under = j
            while under < n and role(under) is Role.PARAGRAPH and _bracketed_note(texts[under]):
                under += 1
            if below is not Role.BYLINE and under > j and role(under) is Role.BYLINE:
                below = Role.BYLINE
                stacked_bylines.add(under)
            if below is Role.BYLINE:
                why, conf = "above a byline", 0.9
            elif any(
                (role(k) is Role.KICKER and role(k + 1) is _TITLE) or (role(k) is Role.SUBHEADLINE and role(k - 1) is _TITLE)
                for k in run
            ):
                why, conf = "kicker or subheadline marks a header", 0.85
            elif i == first_content:
                why, conf = "opens the page", 0.75
                # Nothing below vouches for the run's end: a last line too short for a heading (回  信,
                # letter-spaced) heads the text under the header, not the article.
                while len(run) > 1 and role(run[-1]) is _TITLE and profile.too_short_for_heading(texts[run[-1]]):
                    roles[run[-1]] = (Role.HEADING, 0.5, "a line too short for a headline under the page's first header")
                    run.pop()
            elif j < n and profile.dateline(texts[j]) is not None:
                if self._headline_further_up(run, j, roles, texts, profile, titled):
                    for k in run:
                        roles[k] = (Role.PARAGRAPH, 0.5, _CUT_ABOVE_LEAD)
                    i = j
                    continue
                why, conf = "above a paragraph opening with a dateline", 0.85
            elif marked:
                why, conf = "marked as a headline", 0.7
            elif j < n and (jump := profile.jump_line(texts[j])) is not None and jump.continued == "from":
                # An article continued from another page (（上接第一版）…) has its headline set again over it.
                why, conf = "above text continued from another page", 0.8
            else:
                for k in run:
                    if role(k) is _TITLE and profile.too_short_for_heading(texts[k]):
                        roles[k] = (Role.PARAGRAPH, 0.5, "title-like but too short for a heading: the start of a cut paragraph")
                    elif role(k) is _TITLE and profile.opens_with_a_setting(texts[k]):
                        roles[k] = (Role.PARAGRAPH, 0.5, "title-like but opens as running text does (下半年，…): the start of a cut paragraph")
                    elif role(k) is _TITLE and profile.runs_on_as_text(texts[k]):
                        roles[k] = (Role.PARAGRAPH, 0.5, "title-like but runs on in clauses: the start of a cut paragraph")
                    elif role(k) is _TITLE:
                        roles[k] = (Role.HEADING, INSIDE_TEXT_CONFIDENCE, _INSIDE_TEXT)
                    else:  # a dash line that leads nowhere: part of the running text
                        roles[k] = (Role.PARAGRAPH, 0.5, "dash line outside any header")
                i = j
                continue
            parts = self._stacked_headers(run, [role(k) for k in run], marked.intersection(run), breaks)
            if (
                len(parts) > 1
                and len(parts[0]) == 2
                and role(parts[0][0]) is _TITLE
                and _runs_on_into(profile, texts, parts[0][0], [k for k in range(n) if role(k) is Role.PARAGRAPH])
            ):
                # Two titles over a headline closed by its column tag are a header of their own, unless the
                # first is the end of a frame's running text (its paragraph goes on elsewhere, a word across
                # the cut): then the second is that headline's kicker.
                roles[parts[0][0]] = (Role.PARAGRAPH, 0.5, _RUNS_ON_ABOVE_HEADER)
                run = run[1:]
                parts = self._stacked_headers(run, [role(k) for k in run], marked.intersection(run), breaks)
            if len(parts) == 1:
                parts = self._one_header_a_byline(run, [role(k) for k in run], self._bylines_below(page, j))
            # Under stacked headers come their bylines, one after the other, bare names included.
            k = j
            while len(parts) > 1 and k < min(n, j + len(parts)):
                if role(k) is not Role.BYLINE and profile.parse_byline(texts[k], after_headline=True) is None:
                    break
                roles[k] = (Role.BYLINE, 0.8, "one of the bylines under headers stacked")
                stacked_bylines.add(k)
                k += 1
            for part in parts:
                header = self._header_span(
                    part, [role(k) for k in part], [texts[k] for k in part], layout=page.draft.laid_out, over_byline=below is Role.BYLINE and part is parts[-1]
                )
                for k in part:
                    if k not in header:
                        roles[k] = (Role.HEADING, 0.5, _NEXT_TO_HEADER)
                stacked = "; one of several headers stacked" if len(part) < len(run) else ""
                for k, value in zip(header, self._header_roles([role(k) for k in header], [texts[k] for k in header], profile)):
                    roles[k] = (value, conf, f"header line ({why}{stacked})")
            i = j
        return stacked_bylines

    @staticmethod
    def _headings_ending_frames(page: _Tagging) -> None:
        """A heading typed for want of header evidence that ends a frame is the end of a cut paragraph.

        Typesetters keep a section heading with its text, so a frame (or the page) does not end
        right after one: a lone short line there is the end of a paragraph cut at the frame
        break (dev pages: 0 of 343 section headings, 103 such pieces).  So is one followed by
        text that cannot open a paragraph, the rest of another cut (dev pages: no section
        heading lost; held-out units 86.3 → 86.5%, spurious headings 8.7 → 7.7%), where the
        fragments come in the extractor's stream: on a page with boxes the next in the file need
        not stand under the line (OCR blocks of the 1824 Statesman: successors 0.976 → 0.951).
        """
        draft, profile, texts, roles, role, n = page.draft, page.profile, page.texts, page.roles, page.role, page.n
        stream = not draft.laid_out
        for i in range(n):
            if _inside_heading(roles[i]):
                after = next((k for k in range(i + 1, n) if role(k) is not Role.FURNITURE), n)
                if after >= n or draft.fragments[after].gap_before >= draft.wide_gap or (
                    stream and role(after) is Role.PARAGRAPH and profile.opens_mid_sentence(texts[after])
                ):
                    roles[i] = (Role.PARAGRAPH, 0.5, _ENDS_FRAME_HEADING)

    @staticmethod
    def _header_closing_a_headless_page(page: _Tagging) -> None:
        """On a page where no line was typed a headline, the title lines that close its text are its header.

        An extractor that draws display type after the text emits a one-article page's
        header last, under every frame (a chart's source and credit may follow it): with no
        byline under it, nothing else says it is one.  One or two title-like lines, typed
        section headings or the end of a frame for want of header evidence, with nothing but
        a photo's parts and page furniture after them, become its headline (and kicker).
        """
        roles, role, texts = page.roles, page.role, page.texts
        if any(r[0] is Role.HEADLINE for r in roles):
            return
        end = page.n
        while end > 0 and role(end - 1) in BETWEEN_FRAMES:
            end -= 1
        closing: list[int] = []
        k = end - 1
        while k >= 0 and len(closing) < 2 and (
            _inside_heading(roles[k]) or roles[k][2] == _ENDS_FRAME_HEADING
        ) and not page.profile.too_short_for_heading(texts[k]):
            closing.insert(0, k)
            k -= 1
        if not closing or k < 0 or roles[k][0] is not Role.PARAGRAPH:
            return  # a page of titles alone, or one whose header is not the last thing of its text
        for i, value in zip(closing, TagRoles._header_roles([_TITLE] * len(closing), [texts[i] for i in closing], page.profile)):
            roles[i] = (value, 0.5, "header line (closes the text of a page with no other header)")

    @staticmethod
    def _stray_bylines(page: _Tagging, stacked_bylines: set[int]) -> None:
        """A byline away from any header is running text (e.g. a reporter's line at the end)."""
        roles, role = page.roles, page.role
        for i in range(page.n):
            if role(i) is Role.BYLINE and role(i - 1) not in (Role.HEADLINE, Role.SUBHEADLINE, Role.KICKER) and i not in stacked_bylines:
                roles[i] = (Role.PARAGRAPH, 0.5, "byline pattern away from any headline")

    @staticmethod
    def _stands_alone(i: int, texts: list[str], roles: list, profile, openers) -> bool:  # type: ignore[no-untyped-def]
        """Whether the column-wide title-like line ``i`` is a title of its own: no column's line cut off.

        A headline under its kicker, or a section heading after a finished paragraph, may
        be exactly as wide as the column, as one in a column's width of headlines is.  It
        stands between a title or a finished paragraph and running text, and nothing
        continues it: not the text right after it (opening mid-sentence, completing a
        short piece such as a signature: 泰康保险集团助理总裁兼董事会 / 秘书 应惟伟, or by
        a word across the cut: 董事 / 会秘书), nor text elsewhere that opens mid-sentence
        with a word across the cut (项目现 / 场，…: pdftotext emits a column's frames
        apart; the MAX_ELSEWHERE nearest such texts are tried, so a page of many such lines
        costs linear time).  Weaker evidence is no proof either way: a title meets some
        text of the page by chance.  ``openers()``: the page's texts that open mid-sentence.
        """
        before = next((k for k in range(i - 1, -1, -1) if roles[k][0] is not Role.FURNITURE), None)
        after = next((k for k in range(i + 1, len(texts)) if roles[k][0] is not Role.FURNITURE), None)
        if before is None or after is None or roles[after][0] in (_TITLE, Role.KICKER, Role.SUBHEADLINE):
            return False  # a title over a title: headers of articles set side by side, read line by line
        if roles[before][0] not in (_TITLE, Role.KICKER) and not (
            roles[before][0] is Role.PARAGRAPH and profile.ends_paragraph(texts[before])
        ):
            return False
        if profile.opens_mid_sentence(texts[after]):
            return False
        joined = profile.join(texts[i], texts[after])
        if len(joined) <= SHORT_PIECE and profile.ends_paragraph(joined):
            return False
        return not _runs_on_into(profile, texts, i, openers(), after)

    @staticmethod
    def _orphan_titles(d: int, roles: list, texts: list[str], profile, start: int | None = None) -> list[int]:
        """The section-heading-like lines above the dateline lead at ``d`` (from ``start``, looking up) that may be its headline.

        The look stops at a header, a photo part or another dateline lead: beyond them lie other articles.
        """
        titles = []
        start = d - 1 if start is None else start
        for k in range(start, max(-1, d - 1 - ORPHAN_LEAD_WINDOW), -1):
            if _ends_lead_look(k, roles, texts, profile):
                break
            if _inside_heading(roles[k]):
                titles.append(k)
        return titles

    @staticmethod
    def _title_below(d: int, roles: list, texts: list[str], profile) -> list[int]:
        """The first section-heading-like lines under the dateline lead at ``d`` (one, or two stacked), [] if none.

        The look stops at a header or another dateline lead, as :meth:`_orphan_titles` does, but
        goes on past a photo's parts: a caption and credit dropped between the lead's frame and
        its header emitted after it; and past a short piece whose paragraph goes on in the next,
        which opens mid-sentence (社会保障卡是国家民生服务的基础 / 性载体。…): cut text, no title.
        """
        for k in range(d + 1, min(len(texts), d + 1 + ORPHAN_LEAD_WINDOW)):
            if roles[k][0] in BETWEEN_FRAMES:
                continue
            if _ends_lead_look(k, roles, texts, profile):
                return []
            if _inside_heading(roles[k]) and not (k + 1 < len(texts) and profile.opens_mid_sentence(texts[k + 1])):
                return [k, k + 1] if k + 1 < len(texts) and _inside_heading(roles[k + 1]) else [k]
        return []

    @classmethod
    def _headline_further_up(cls, run: list[int], d: int, roles: list, texts: list[str], profile, titled: list[int]) -> bool:
        """Whether the plain title-like lines ``run`` over the dateline lead at ``d`` are running text, its headline further up.

        A frame moved away from its header leaves its lead under whatever came
        before it, often a short piece of another paragraph cut at a frame break
        (疏通堵, 郑州航空港区，比亚迪全自动焊接车间里，机械臂轻).  A headline sums up its
        lead, so when such lines share few of the lead's words and a line typed as
        a section heading further up shares many, that line is the headline; so is
        a header already typed when it shares enough and the lines share too few
        (below LEAD_SHARE_MIN) or clearly fewer (by LEAD_SHARE_LEAD): the lead was
        emitted apart from its header.
        """
        if any(roles[k][0] is not _TITLE or profile.closes_headline(texts[k]) for k in run):
            return False  # dashes or a column tag mark a header of its own
        lead = bigrams(texts[d]).keys()
        near = max(_lead_share(texts[k], lead) for k in run)
        header = cls._header_share(lead, d, roles, texts, titled)
        if header >= LEAD_SHARE_MIN and (near < LEAD_SHARE_MIN or header >= near + LEAD_SHARE_LEAD):
            return True
        titles = cls._orphan_titles(d, roles, texts, profile, start=run[0] - 1)
        if not titles:
            return False
        far = max(_lead_share(texts[k], lead) for k in titles)
        return far >= LEAD_SHARE_MIN and far >= near + LEAD_SHARE_LEAD

    @staticmethod
    def _header_found(lead: object, d: int, roles: list, texts: list[str], titled: list[int]) -> bool:
        """Whether a kicker or headline already typed above ``d`` shares the lead's words (``lead``: its bigrams): the lead's header is found.

        ``titled`` lists the lines that may have become one, in page order; the nearest
        HEADER_LOOKBACK of them are read.
        """
        return TagRoles._header_share(lead, d, roles, texts, titled) >= LEAD_SHARE_MIN

    @staticmethod
    def _header_share(lead: object, d: int, roles: list, texts: list[str], titled: list[int]) -> float:
        """The largest share of the lead's words (``lead``: its bigrams) in a kicker or headline already typed above ``d`` (:meth:`_header_found`)."""
        at = bisect.bisect_left(titled, d)
        return max(
            (_lead_share(texts[k], lead) for k in titled[max(0, at - HEADER_LOOKBACK) : at] if roles[k][0] in (Role.KICKER, Role.HEADLINE)),
            default=0.0,
        )

    @staticmethod
    def _headers_of_orphan_leads(roles: list, texts: list[str], breaks: list[bool], profile, titled: list[int]) -> None:
        """A lead paragraph opening with a dateline whose header was emitted apart from it.

        A dateline (本报北京6月1日电) opens an article's first paragraph, so the
        article has a headline; when the lead's frame was emitted later than the
        header, the headline is the title-like line above (no header, dateline or
        photo between them) that shares most of its words with the lead, the
        nearest on ties.  Two such lines stacked (no wide gap between) are the
        header's kicker and, under it, its headline (updates ``roles``).  A line
        sharing too few of the lead's words is no headline of it where a header
        already typed shares them: that is the lead's header, emitted apart.  Failing
        all that, a section heading further up, past other headers, that says most of
        what the lead says (:meth:`_far_headline`); that one even for a lead right
        under a header, which may be another article's (a commentary's, 今日谈, whose
        own text was moved away).  So is, for such a lead, the first title under it
        that sums it up clearly better than the headers above do: an extractor that
        draws display type after the text emits a lead under the header of the article
        before it, its own headline after its frame (pages with every header after its
        first frame: headlines dev 94.7 → 95.7%, held-out 89.8 → 91.7%; others unchanged).
        """
        n = len(texts)
        # Lines left next to a header, in page order: looked up by bisection for each lead.
        # ... and kickers known only by their place over a headline, a frame break under them: a short item's
        # headline, its text emitted elsewhere, read stacked over the next article's header (“十五五”时期我国将
        # 构建现代气候业务体系, a wide gap, 广州强化科技创新… / 本报记者 …) is that article's kicker to the text.
        beside = [
            k
            for k in range(n)
            if (roles[k][0] is Role.HEADING and roles[k][2] == _NEXT_TO_HEADER)
            or (roles[k][0] is Role.KICKER and not profile.is_kicker(texts[k]) and k + 1 < n and breaks[k + 1])
        ]
        for d in range(n):
            if roles[d][0] is not Role.PARAGRAPH or (dateline := profile.dateline(texts[d])) is None:
                continue
            # A dateline on a line of its own (本报北京6月1日电（记者王珂）, a hard-wrapped lead cut after it):
            # the lead's words are in the text under it.
            alone = len(dateline) >= len("".join(texts[d].split())) and d + 1 < n and roles[d + 1][0] is Role.PARAGRAPH
            lead = bigrams(texts[d] + texts[d + 1] if alone else texts[d]).keys()
            if d > 0 and roles[d - 1][0] in HEADER_ROLES:
                # Under a header: its lead, unless a line far above says what it says (and the header does not).
                far = TagRoles._far_headline(d, lead, roles, texts, titled)
                if far is not None:
                    roles[far] = (Role.HEADLINE, 0.7, LEAD_APART)
                    continue
                # ... or the first title under it does, clearly more than the header above: an extractor that
                # draws display type after the text emits the lead under the header of the article before.
                below = TagRoles._title_below(d, roles, texts, profile)
                share = _lead_share(texts[below[-1]], lead) if below else 0.0
                if share < LEAD_SHARE_MIN or share < TagRoles._header_share(lead, d, roles, texts, titled) + LEAD_SHARE_LEAD:
                    continue
                titles = below
            else:
                titles = TagRoles._orphan_titles(d, roles, texts, profile)
            if not titles or max(_lead_share(texts[k], lead) for k in titles) < LEAD_SHARE_MIN:
                # A header with no lead of its own may have been read stacked over the next article's
                # header, its headline taken for a line next to that header.
                above = beside[max(0, bisect.bisect_left(beside, d) - ORPHAN_LEAD_WINDOW) : bisect.bisect_left(beside, d)]
                stacked = [k for k in above if roles[k][0] in (Role.HEADING, Role.KICKER) and _lead_share(texts[k], lead) >= LEAD_SHARE_MIN]
                if stacked:
                    titles = stacked
            if not titles or max(_lead_share(texts[k], lead) for k in titles) < LEAD_SHARE_MIN:
                # An extractor that draws display type after the text emits the header after the
                # lead's frame: the first title-like line under the lead, if it sums the lead up.
                below = TagRoles._title_below(d, roles, texts, profile)
                if below and _lead_share(texts[below[-1]], lead) >= LEAD_SHARE_MIN and not TagRoles._header_found(lead, d, roles, texts, titled):
                    titles = below
            if not titles or max(_lead_share(texts[k], lead) for k in titles) < LEAD_SHARE_MIN:
                far = TagRoles._far_headline(d, lead, roles, texts, titled)
                if far is not None:
                    titles = [far]
            if titles:
                # Other articles' section headings may lie between: the headline shares the lead's words.
                best = max(titles, key=lambda k: (_lead_share(texts[k], lead), k))
                if _lead_share(texts[best], lead) < LEAD_SHARE_MIN and TagRoles._header_found(lead, d, roles, texts, titled):
                    continue  # the lead's header is found: the line sums up nothing of it (a cut piece, a heading)
                why = LEAD_APART
                if best + 1 in titles and not breaks[best + 1]:
                    best, kicker = best + 1, best  # the line that matched is the kicker over the headline
                elif best - 1 in titles and not breaks[best]:
                    kicker = best - 1
                else:
                    kicker = None
                roles[best] = (Role.HEADLINE, 0.7, why)
                if kicker is not None:
                    roles[kicker] = (Role.KICKER, 0.6, f"{why}, stacked over the headline")

    @staticmethod
    def _far_headline(d: int, lead: object, roles: list, texts: list[str], titled: list[int]) -> int | None:
        """A line typed a section heading anywhere above the dateline lead at ``d`` that says what most of the lead says: its headline, emitted far from it.

        A lead's frame may be moved past other articles' headers, where the nearer look
        stops.  A section heading of another article shares half its words with this lead
        only by rare chance, so the line must (FAR_LEAD_SHARE_MIN), and clearly more of them
        than any header already typed (a story on the same event beside it, 何立峰…座谈时强调
        over “时代楷模”单杏花同志先进事迹报告会在京举行).
        """
        at = bisect.bisect_left(titled, d)
        lines = [k for k in titled[max(0, at - HEADER_LOOKBACK) : at] if _inside_heading(roles[k])]
        if not lines:
            return None
        best = max(lines, key=lambda k: (_lead_share(texts[k], lead), k))
        share = _lead_share(texts[best], lead)
        if share >= FAR_LEAD_SHARE_MIN and share >= TagRoles._header_share(lead, d, roles, texts, titled) + LEAD_SHARE_LEAD:
            return best
        return None

    @staticmethod
    def _stacked_headers(run: list[int], found: list[object], marked: set[int], breaks: list[bool]) -> list[list[int]]:
        """The run cut into the headers of several articles where a line marked as a headline shows it.

        An extractor that reads a page line by line emits the headers of articles set
        side by side one after the other.  A line marked as a headline (``marked``:
        the profile's column tag) ends its header unless a dash-marked subheadline
        follows: the next line opens another; and under two titles or more (no dash
        marks), it opens a header of its own, since a header has one kicker.  Under a
        kicker, its headline and more titles, the titles after the headline open the
        marked line's header: a kicker heads one headline, and under that only a
        dash-marked deck (刘国中在广东调研时强调 / 有力有效推进… / 信息能否“一键迁移”，… /
        纳税人跨省份迁移便利吗（经济新方位）).  (A marked line under a dash kicker and
        one other title is left to the kicker's header: the kicker may be a run-in line
        of running text, which layout evidence retypes.)  A deck (——…) is a header's last
        title line too: titles under it open the next header (汲取精神力量  矢志创新发展 /
        ——聚焦… / 粤港澳大湾区车展参展车企表示 / 汽车产业比“价值”不卷“价格”; late-header dev
        pages: units 88.1 → 88.8%, successors 83.5 → 84.2%; other pages byte-identical).
        """
        role_of = dict(zip(run, found))
        # A deck (——…) is a header's last title line: a title under it opens another header.
        decks = {k for k, after in zip(run, run[1:]) if role_of[k] is Role.SUBHEADLINE and role_of[after] in (_TITLE, Role.KICKER)}
        if not marked and not decks:
            return [run]
        parts: list[list[int]] = [[]]
        for k in run:
            part = parts[-1]
            if part and (part[-1] in marked or part[-1] in decks) and role_of[k] is not Role.SUBHEADLINE:
                parts.append([])  # the headline's header is over: this line opens the next one
            elif (
                k in marked
                and len(part) >= 2
                and all(role_of[m] is _TITLE and m not in marked for m in part)
                and not any(breaks[m] for m in part[1:] + [k])
            ):
                # Two titles or more right above it (no frame break between): a header has one kicker,
                # so they are a header of their own.
                parts.append([])
            elif (
                k in marked
                and len(part) >= 3
                and role_of[part[0]] is Role.KICKER
                and all(role_of[m] is _TITLE and m not in marked for m in part[1:])
            ):
                # A kicker, its headline, and titles above this one: a kicker heads one headline, and
                # under it only a dash-marked deck, so the titles after the first open this one's header.
                parts[-1], rest = part[:2], part[2:]
                parts.append(rest)
            parts[-1].append(k)
        return parts

    @staticmethod
    def _bylines_below(page: _Tagging, j: int) -> int:
        """How many bylines stand one after the other from fragment ``j``, each with its role (本报记者 …) or none with one.

        A byline with its role and a line of bare names under it is one byline wrapped (本报记者
        王 丹 方 / 敏 朱佩娴); bare names alone, one line each, are the bylines of commentaries.
        """
        if page.role(j) is not Role.BYLINE:
            return 0
        with_role = []
        k = j
        while k < page.n and page.role(k) in (Role.BYLINE, Role.PARAGRAPH, _TITLE):  # a bare name looks title-like
            byline = page.profile.parse_byline(page.texts[k], after_headline=True)
            if byline is None:
                break
            with_role.append(bool(byline.role))
            k += 1
        return len(with_role) if all(with_role) or not any(with_role) else 0

    @staticmethod
    def _one_header_a_byline(run: list[int], found: list[object], bylines: int) -> list[list[int]]:
        """Undecorated titles over several bylines, one after the other: a header for each byline.

        An extractor that reads a page line by line emits the headers of articles set side by
        side as their lines one after the other, and their bylines likewise (新春走基层·平凡岗位
        不凡坚守 / 护越冬候鸟  保一方平安 / 翻山勘地质  跋涉寻水源 / 守高原站点  测气象数据 / 本报记者
        杨颜菲 / 本报记者 王欣悦 / 本报记者 乔  栋; 古代书院的读书智慧 / 藏书楼外“藏书人” / 邓洪波 /
        王伟健).  With no column tag or dash to mark where one header ends, the bylines count
        them: a title each, the first with the line over it (a banner over them all, or its
        kicker) when there is one title more.
        """
        extra = len(run) - bylines
        if bylines < 2 or extra not in (0, 1) or any(r is not _TITLE for r in found):
            return [run]
        return [run[: extra + 1]] + [[k] for k in run[extra + 1 :]]

    @staticmethod
    def _header_span(run: list[int], found: list[object], texts: list[str], layout: bool = False, over_byline: bool = False) -> list[int]:
        """The header lines of a run of title-like lines: from a marked kicker if there is one, else the
        last two (kicker headline), or three when the last is a dash-marked subheadline.

        Under a kicker and its headline, a third line is the deck only if dash-marked: a plain
        title there is a section heading (回  信).  But not where it ends the run right over a
        byline (``over_byline``): a byline follows its header, and section headings come under
        it, so the line is the deck, set without a dash; as a heading it parted the byline from
        its header, and the byline was read as running text.  On a page with layout (``layout``),
        under a kicker marked by its dash the three stay a header: that kicker may be a run-in
        line of running text (…为主题——), and type sizes put the header's lines right later."""
        kickers = [k for k, r in zip(run, found) if r is Role.KICKER]
        if kickers:
            start = run.index(kickers[-1])
            run_in = layout and texts[start].rstrip().endswith(("—", "―"))
            deck = run_in or (start + 2 < len(run) and found[start + 2] is Role.SUBHEADLINE)
            deck = deck or (over_byline and start + 3 == len(run) and found[start + 2] is _TITLE)
            return run[start : start + (3 if deck else 2)]
        return run[-3:] if found[-1] is Role.SUBHEADLINE else run[-2:]

    @staticmethod
    def _header_roles(found: list[object], texts: list[str], profile: Profile) -> list[Role]:
        """Roles of up to three header lines: kicker? headline subheadline? (two undecorated titles: as the profile reads them)."""
        if len(found) == 1:
            return [Role.HEADLINE]
        if len(found) == 2:
            if found[1] is Role.SUBHEADLINE or found[0] not in (Role.KICKER, _TITLE):
                return [Role.HEADLINE, Role.SUBHEADLINE]
            if found[0] is _TITLE and found[1] is _TITLE and not profile.kicker_over_headline(texts[0], texts[1]):
                return [Role.HEADLINE, Role.SUBHEADLINE]
            return [Role.KICKER, Role.HEADLINE]
        return [Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE]
