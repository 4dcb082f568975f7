"""Language/publication profiles: the conventions role tagging and joining rely on.

A profile knows how a kicker, byline, credit, caption or dateline looks in one
kind of newspaper, how sentences end, and how two text pieces join.  The
reorder transforms ask the profile; they never hard-code a language.  The
first profile is People's Daily (Chinese); an English one is its own module.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ParsedByline:
    """A recognised byline: its role (本报记者 …) and names without padding."""

    role: str | None
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ParsedCredit:
    """A recognised photo credit: photographers without padding and the agency."""

    photographers: tuple[str, ...]
    agency: str | None


@dataclass(frozen=True, slots=True)
class RunningHead:
    """What a running head or foot (the page's header line) says about the page; None where it is silent."""

    publication: str | None = None
    date: str | None = None  # ISO 8601, YYYY-MM-DD
    page_number: int | None = None
    page_name: str | None = None


@dataclass(frozen=True, slots=True)
class JumpLine:
    """A jump line: the article goes on on another page (``continued="on"``: …（下转第二版）) or comes from one (``"from"``: （上接第一版）…)."""

    continued: str  # "on" or "from"
    page: str  # the page as the line names it, spaces removed: 第二版, 5
    alone: bool  # the text is the jump line and nothing else (an extractor gave it a block of its own)


class Profile(Protocol):
    """What the reorder transforms need to know about a language and publication."""

    name: str
    #: A dateline opens an article's lead paragraph (People's Daily: 本报北京6月1日电), so a lead
    #: emitted apart from its header still marks an article; False where datelines also open
    #: paragraphs inside an article (19th-century reports: "PARIS, FEB. 14.—").
    dateline_opens_article: bool

    def is_furniture(self, text: str) -> bool:
        """Page furniture: editor and layout lines, not part of any item."""
        ...

    def running_head(self, text: str, *, beside_head: bool = False) -> RunningHead | None:
        """The page facts if the whole text is a running head (masthead, date, page label), else None.

        ``beside_head``: the text stands beside a running head, so a lone page number or name counts.
        """
        ...

    def parse_credit(self, text: str) -> ParsedCredit | None:
        """The credit if the whole text is a photo credit, else None."""
        ...

    def is_captionless_credit(self, text: str) -> bool:
        """A credit that needs no caption above it (a chart's 制图：…, an archive picture)."""
        ...

    def is_credit_tail(self, text: str) -> bool:
        """A lone agency line that ends a credit broken over two blocks, e.g. ``(人民视觉)``."""
        ...

    def is_caption(self, text: str) -> bool:
        """Text that announces itself as a photo caption (图为, 图①: …)."""
        ...

    def credits_several(self, text: str) -> bool:
        """A credit for every picture above it (以上图片均为新华社记者 X摄): some captions go without a credit."""
        ...

    def is_caption_shaped(self, text: str) -> bool:
        """One short sentence that could name what a picture shows, without a caption marker."""
        ...

    def is_kicker(self, text: str) -> bool:
        """A kicker line (引题)."""
        ...

    def is_subheadline(self, text: str) -> bool:
        """A subheadline (副题)."""
        ...

    def kicker_over_headline(self, first: str, second: str) -> bool:
        """Two undecorated title lines: whether the first is a kicker over the headline (else the headline over its deck)."""
        ...

    def parse_byline(self, text: str, *, after_headline: bool) -> ParsedByline | None:
        """The byline if the text is one; bare name lists count only right after a headline."""
        ...

    def is_title_like(self, text: str) -> bool:
        """Short, unpunctuated text that could be a headline, section heading or photo title."""
        ...

    def too_short_for_heading(self, text: str) -> bool:
        """Title-like text too short to head a section: the first words of a paragraph cut at a frame's end."""
        ...

    def opens_with_a_setting(self, text: str) -> bool:
        """Text opening with a clause that sets time or scene and a comma (下半年，…; 随着…，…), as running text does and a section heading does not."""
        ...

    def runs_on_as_text(self, text: str) -> bool:
        """Title-like text in the clauses of running text (…，…，…), as a paragraph cut at a frame's end is and a section heading is not."""
        ...

    def introduces_person(self, text: str) -> bool:
        """A line naming a person, then their position (陈晔光  中国科学院院士、南昌大学校长): an item of a list of speakers, never a header."""
        ...

    def is_box_label(self, text: str) -> bool:
        """A line that labels a box inside an article (编者按, 核心阅读, Editor's note): a section heading, never a headline."""
        ...

    def closes_headline(self, text: str) -> bool:
        """Title-like text marked as a headline, never a kicker or subheadline (a column tag: （今日谈）)."""
        ...

    def dateline(self, text: str) -> str | None:
        """The dateline the text opens with (本报北京3月14日电), normalised, else None."""
        ...

    def ends_paragraph(self, text: str) -> bool:
        """True if the text can end a paragraph (ends a sentence, quotes balanced)."""
        ...

    def jump_line(self, text: str) -> JumpLine | None:
        """The jump line ending the text (continued on another page) or opening it (continued from one), else None."""
        ...

    def continuation_score(self, head: str, tail: str) -> tuple[float, str]:
        """Evidence that ``tail`` continues ``head`` directly, with a reason."""
        ...

    def quote_evidence(self, head: str, tail: str) -> float:
        """What quotation marks add to ``continuation_score``: a quote the head opened that the tail closes (+), one the tail closes that was never opened (−), else 0."""
        ...

    def word_across(self, head: str, tail: str) -> tuple[str, int, float] | None:
        """The dictionary word ``continuation_score`` reads across the cut (CJK text), the characters of it ending ``head``, and the evidence it adds; else None."""
        ...

    def opens_mid_sentence(self, text: str) -> bool:
        """Text that cannot open a paragraph (it continues one cut before it)."""
        ...

    def opens_sentence(self, text: str) -> bool:
        """Text opening as running text opens a sentence (据介绍，…, 2024年，…): a piece cut mid-sentence rarely does."""
        ...

    def join(self, head: str, tail: str) -> str:
        """Join two pieces of one paragraph (no separator for CJK)."""
        ...

    def join_lines(self, lines: tuple[str, ...]) -> str:
        """Join the lines of one block into one text."""
        ...

    def name_introductions(self, text: str) -> set[str]:
        """Names introduced with a title or affiliation (first mention) in the text."""
        ...

    def name_mentions(self, text: str) -> set[str]:
        """Names mentioned bare (later mentions) in the text."""
        ...


@functools.cache
def get_profile(language: str | None) -> Profile:
    """The profile for a BCP 47 language tag: English newspapers for ``en``, People's Daily otherwise.

    Profiles are stateless, so one instance per language serves every page (and
    its caches of per-text evidence stay warm across pages).
    """
    if language and language.lower().replace("_", "-").split("-")[0] == "en":
        from .en_newspaper import EnglishNewspaperProfile

        return EnglishNewspaperProfile()
    from .zh_peoples_daily import PeoplesDailyProfile

    return PeoplesDailyProfile()
