"""The English newspaper profile: conventions of English-language pages (broadsheets, historic and modern).

Evidence is typographic and lexical, never specific to one paper:

* headlines and section headings are short lines set in capitals or Title
  Case without a sentence inside them ("COAL DUTIES.", "Markets Rally");
* bylines open with "By" ("By GEORGE BAKER, A. M.", "By Our Special
  Correspondent"); datelines open a report with a place in capitals and a
  date ("WAR OFFICE, FEB. 15, 1824.", "PARIS, Jan. 3.—", "WASHINGTON, March
  14 (Reuters) -");
* a paragraph ends with . ! ? (possibly inside closing quotes or brackets);
  an English paragraph never opens with a lower-case letter or with , ; :
  — so a block that does continues a paragraph cut before it;
* a word hyphenated at a line end or a frame break ("money-" + "lenders")
  is joined without a space.  The hyphen itself is kept: whether it is a
  syllable break ("borrow-ing") or part of a compound ("money-lenders")
  needs a dictionary, and dropping it would lose an input character
  (conservation).  Readers whose format marks soft hyphens (ALTO ``HYP``
  with ``SUBS_CONTENT``) already deliver the whole word.
"""

from __future__ import annotations

import datetime
import re

from . import JumpLine, ParsedByline, ParsedCredit, RunningHead
from .textutil import collapse, leading_unmatched_close, quote_balance

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ANY_CASE = f"(?i:{_MONTH})"
_AGENCY = r"(?:AP|AFP|Reuters|UPI|PA|Bloomberg|dpa|Xinhua|EFE|ANSA|Kyodo|Press Association|Associated Press)"
# PLACE[, PLACE], Month Day[, Year][.] [(AGENCY)] [— – - .—]
_DATELINE = re.compile(
    r"^(?P<dl>[A-Z][A-Z.'’&\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’\- ]{1,30})?,?\s+"
    rf"{_MONTH_ANY_CASE}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\.?"
    rf"(?:\s*\({_AGENCY}\))?\s*[—–-]*)"
    rf"|^(?P<dl2>[A-Z][A-Z.'’\- ]{{1,40}}\s*\({_AGENCY}\)\s*[—–-]+)"
    # PLACE[, State] — (WASHINGTON — …, ARLINGTON, Va. — …): a city in capitals and a dash, as agencies write it
    r"|^(?P<dl3>[A-Z][A-Z.'’\-]{2,}(?: [A-Z][A-Z.'’\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]{1,14}){0,2}\s+[—–])(?=\s)"
)
# Jump lines: "Continued on Page 5" ends an article's text on this page, "Continued from Page 1"
# opens the rest on another.
_JUMP_ON = re.compile(r"(?:^|(?<=[\s.!?;:,—–-]))\(?\s*(?:continued|cont'?d\.?|concluded)\s+on\s+(?:page|p\.)\s*(?P<page>\w+)\s*\.?\s*\)?\.?$", re.I)
_JUMP_FROM = re.compile(r"^\(?\s*(?:continued|cont'?d\.?)\s+from\s+(?:page|p\.)\s*(?P<page>\w+)\s*\.?\s*\)?\.?", re.I)
# American papers name the jump by the story's slug: "See STORM, Page A6" / "Please see STORM | A6" ends
# the text here, "STORM, from Page A1" / "STORM | From A1" opens the rest.  The slug is set in capitals.
_JUMP_PAGE = r"(?:(?i:page)\s+|[Pp]\.\s*)?(?P<page>[A-Z]?\d{1,3})"
_JUMP_SLUG = r"[A-Z][A-Z0-9'’\-]*(?: [A-Z0-9'’\-]+){0,3}"
_JUMP_SEE = re.compile(
    rf"(?:^|(?<=[\s.!?;:,—–-]))\(?\s*(?:(?i:please)\s+)?(?i:see)\s+{_JUMP_SLUG}\s*(?:,|\||\bon\b)\s*{_JUMP_PAGE}\s*\)?\.?$"
)
# ... on a line of its own or before a dash: "NATO, from 12 countries, met" is running text.
_JUMP_SLUG_FROM = re.compile(rf"^\(?\s*{_JUMP_SLUG}\s*(?:,|\|)\s*(?i:from)\s+{_JUMP_PAGE}\s*\)?\.?(?:$|\s*[—–-]+)")
_BYLINE = re.compile(r"^(?:By|BY|by)\s+(?P<rest>.{2,80})$")
_BYLINE_ROLE = re.compile(
    r"^(?:(?:Our|OUR|our|a|A)\s+)?(?P<role>(?:(?:Own|Special|Political|Foreign|Parliamentary|Staff|Chief|"
    r"City|Sports?|Science|Diplomatic|Economics|Business|Legal|Arts|Paris|Berlin|Washington)\s+)*"
    r"(?:Correspondents?|Reporters?|Writers?|Editor|Staff))$",
    re.IGNORECASE,
)
_AGENCY_ALONE = re.compile(rf"^\(?(?:{_AGENCY})\)?$")
_FROM_CORRESPONDENT = re.compile(r"^[(\[]?(?i:from)\s+(?P<role>.{4,60}?)\.?[)\]]?$")
# A paper named as a reporter's affiliation: The New York Times, the Guardian.
_PAPER = re.compile(r"^[Tt]he\s+(?:[A-Z][\w.&'’-]*\s*){1,4}$")
_NAME_TOKEN = r"[A-Z][A-Za-z'’\-]*\.?"
_NAME = re.compile(rf"^{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}$")
_CREDIT = re.compile(
    r"^(?:(?:Photo(?:graph)?s?|Picture|Illustration|Image)\s*(?:by|:)\s*(?P<names>[^/()]{2,60}?)"
    r"(?:\s*[/,]\s*(?P<agency>[A-Z][\w .&-]{1,30}))?"
    # The agencies' own form: AP Photo/Jacquelyn Martin, Reuters Photo / Jane Doe.
    rf"|(?P<agency3>{_AGENCY})\s+Photos?\s*/\s*(?P<names3>[A-Z][\w.'’\- ]{{2,40}}?)"
    r"|(?P<names2>[A-Z][\w.'’\- ]{2,40}?)\s*/\s*(?P<agency2>[A-Z][\w .&-]{1,30}))\.?$"
)
# A bracketed note after a finished sentence: a wire story's agency, a caption's credit.
_NOTE_AFTER_SENTENCE = re.compile(r"[.!?][\"'’”]?\s*[(\[][^()\[\]]{1,60}[)\]]$")
# A caption ending with its credit in brackets: "… on Wednesday. (AP Photo/Jacquelyn Martin)".
_CAPTION_CREDIT_END = re.compile(r"[.!?]\s*\((?P<credit>[^()]{3,60})\)$")
_PICTURE_AGENCY = rf"(?:{_AGENCY}|Getty Images|Alamy|Shutterstock|EPA|Rex Features)"
_CREDIT_AGENCY = re.compile(rf"^[(\[]?(?P<agency>{_PICTURE_AGENCY})[)\]]?\.?$")
_AGENCY_CREDIT = re.compile(_PICTURE_AGENCY, re.IGNORECASE)  # an agency named where a photographer stands (REUTERS/…)
# Credits of pictures that need no caption: drawings, maps, charts, archive or handout material.
_CAPTIONLESS_CREDIT = re.compile(r"^(?:Illustration|Graphic|Chart|Map|Diagram|Cartoon|(?:File|Archive|Handout)\s+(?:photo|picture|image))", re.I)
_CREDIT_SEVERAL = re.compile(r"(?i)^(?:all\s+)?(?:photos|photographs|pictures)(?:\s+by\b|\s*:)")
_CAPTION = re.compile(r"^(?:Above|Below|Left|Right|Top|Bottom|Pictured|Inset|Photo|Picture|Fig\.?|Figure)\s*(?:\d+)?\s*[:.—–-]")
_FURNITURE = re.compile(
    r"^(?:No\.?\s*\d[\d,]*|(?:PRICE|Price)\s+(?:[£$€]\s*)?\d[\d.,½¼¾]*\s*(?:[dsp]|[cC]ents?|pence|p)?\.?|Page\s+\d+|\d{1,3}|"
    r"(?:Printed|Published)\s+(?:and\s+published\s+)?by\s+.{3,120})\.?$"
)
# A running head or foot: the page number among the paper's name and date, set apart by · • or |
# ("The Valley Courier · Page 3 · Thursday, March 6").
_FOLIO = re.compile(r"^(?:[^·•|]{1,60}[·•|]\s*)*Page\s+\d+(?:\s*[·•|][^·•|]{1,60})*$")
_PAGE_NUMBER = re.compile(r"\bPage\s+(\d{1,4})\b")
# A running head with its date: the page number first or last, the paper's name, the weekday and the
# full date ("4 THE NEW YORK HERALD, TUESDAY, JANUARY 6, 1920.").  Without a page number such a line is
# the date over a leading article ("TUESDAY EVENING. FEBRUARY 17, 1824."), not page furniture.
_WEEKDAY = r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATED_HEAD = re.compile(
    r"^(?:(?P<lead>\d{1,3})\s+)?(?:[A-Z][A-Za-z.'’&,\- ]{0,60}?[,.]?\s+)?"
    rf"{_WEEKDAY}(?:\s+(?i:morning|evening))?[,.]?\s+(?P<month>{_MONTH_ANY_CASE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})\.?(?:\s+(?P<tail>\d{1,3}))?$"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TERMINAL = set(".!?…")
_CLOSERS = "\"'”’)]"
# Not . ! ?: OCR noise often opens a block with a stray full stop.
_CONTINUATION_OPENERS = set(",;:)]”’")
# Running text opens a sentence with a connective or a time and a comma (However, …; On Tuesday, …).
# Labels over a box inside a report: alone on a line they head its text, never a report.
_BOX_LABEL = re.compile(r"(?i)(?:editor['’]s note|related(?: coverage| stories)?|background|fact ?box|key facts|at a glance)[.:]?")
_CONNECTIVE_OPENING = re.compile(
    r"(?:However|Meanwhile|Moreover|Furthermore|Nevertheless|In addition|At the same time|Yesterday|Last (?:week|month|year|night)|"
    r"On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)),"
)
# Words a paragraph hardly ever ends on: an article, preposition or conjunction at the end means a cut.
_DANGLING = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "nor",
    "that", "which", "who", "whom", "whose", "as", "if", "than", "into", "upon", "his", "her", "their", "its",
    "our", "this", "these", "those", "be", "is", "was", "were", "are", "had", "has", "have", "not", "would",
    "should", "could", "will", "shall", "may", "might", "must", "very", "more", "most", "such", "no", "every",
}
_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Capt|Captain|Col|Colonel|Gen|General|Maj|Major|Lieut|Lt|Prof|Professor|"
    r"Rev|Hon|President|Senator|Sen|Rep|Governor|Gov|Judge|Mayor|Minister|Secretary|Chancellor|Bishop|Earl|Duke|"
    r"Marquess|Marquis|Admiral|Alderman|Sergeant|Serjeant)"
)
_NAMEWORD = r"[A-Z][A-Za-z'’\-]+"
_INTRO = re.compile(rf"\b{_TITLES}\.?\s+((?:{_NAMEWORD}\s+)+)({_NAMEWORD})")
_BARE_TITLED = re.compile(rf"\b{_TITLES}\.?\s+({_NAMEWORD})\b(?!\s+[A-Z])")
_SAID = re.compile(rf"(?:^|[.!?;]\s+)({_NAMEWORD})\s+(?:said|says|added|replied|told|argued|insisted)\b")

# Join evidence weights (log-likelihood ratios, same scale as the Chinese profile's).
W_HYPHEN = 5.0  # head ends in a word hyphen and the tail goes on in lower case
W_LOWER_OPENER = 4.0  # tail opens with a lower-case letter: no English paragraph does
W_PUNCT_OPENER = 4.0  # tail opens with , ; : ) …
W_DANGLING = 1.5  # head ends on "the", "of", "and" …
W_QUOTE_PAIR, W_QUOTE_ORPHAN = 3.0, -1.5
W_CAPITAL_TAIL = -0.5  # a tail opening with a capital may start a new paragraph
W_DATELINE = -5.0
W_BYLINE = -5.0
MIN_TITLE_LETTERS = 4  # fewer letters is a stray mark or a number, not a title
KICKER_MAX_WORDS = 3  # a strap over a headline: ELECTION 2024, THE BIG STORY
SENTENCE_CASE_TITLE_WORDS = 12  # a longer line in sentence case without a full stop is a piece of running text
# Words that need more after them: a line stopping on one is cut inside a sentence, never a title.
_DANGLING_WORDS = frozenset(
    "a an the of in on at to for and or but nor by with from as than that which who whose whom its their his her our "
    "your my this these those is are was were be been has have had will would can could should may might must not "
    "into onto upon about after before over under between among against during through until while if because".split()
)


def _affiliation(text: str) -> bool:
    """A staff title, a news agency or a paper, as a byline names it after the reporters."""
    flat = collapse(text).rstrip(".")
    return bool(_BYLINE_ROLE.match(flat) or _AGENCY_ALONE.match(flat) or _PAPER.match(flat))


def _comma_before_affiliation(names: str) -> str:
    """``names`` with a comma put before a trailing affiliation of up to four words (Anna Wu, Associated Press).

    One word is an affiliation only as an agency (Reuters): a bare title word may be a surname (Mary Staff).
    """
    words = names.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        candidate = " ".join(words[-size:])
        if _affiliation(candidate) if size > 1 else _AGENCY_ALONE.match(candidate):
            return f"{' '.join(words[:-size])}, {' '.join(words[-size:])}"
    return names


def _role_of(affiliation: str) -> str:
    """The byline's role from its affiliation: a staff title without "Our" or "a" (Staff Reporter), else as written."""
    flat = collapse(affiliation).rstrip(".")
    title = _BYLINE_ROLE.match(flat)
    return title.group("role") if title else flat.strip("()")


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def _upper_share(text: str) -> float:
    letters = _letters(text)
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _hyphen_break(head: str, tail: str) -> bool:
    """``head`` ends in a letter and a hyphen (not a dash) and ``tail`` opens with a letter."""
    return len(head) >= 2 and head[-1] in "-\u00ad\u2010" and head[-2].isalpha() and bool(tail) and tail[0].isalpha()


def _quote_evidence(head: str, tail: str) -> float:
    """A quote closed at the tail's start: opened in the head (W_QUOTE_PAIR) or never (W_QUOTE_ORPHAN); else 0."""
    if not leading_unmatched_close(tail):
        return 0.0
    return W_QUOTE_PAIR if quote_balance(head) > 0 else W_QUOTE_ORPHAN


class EnglishNewspaperProfile:
    """Conventions of English-language newspaper pages."""

    name = "en-newspaper"
    dateline_opens_article = False

    def running_head(self, text: str, *, beside_head: bool = False) -> RunningHead | None:
        """The page number of a folio line that names it ("Page 3", "The Valley Courier · Page 3 · Thursday"),
        and the date of one that carries it ("4 THE NEW YORK HERALD, TUESDAY, JANUARY 6, 1920.").

        Beside a running head a bare number is the page number.
        """
        flat = collapse(text)
        if beside_head and flat.isascii() and flat.isdigit() and len(flat) <= 3:
            return RunningHead(page_number=int(flat))
        dated = _dated_head(flat)
        if dated is not None:
            return dated
        if not _undated_folio(flat):  # a dated head was ruled out just above
            return None
        found = _PAGE_NUMBER.search(flat)
        return RunningHead(page_number=int(found.group(1))) if found else None

    def is_furniture(self, text: str) -> bool:
        """Folio lines: "No. 6906", "PRICE 7d", a bare page number, the printer's imprint, a running head or foot."""
        flat = collapse(text)
        return _undated_folio(flat) or _dated_head(flat) is not None

    def parse_credit(self, text: str) -> ParsedCredit | None:
        """Photo credits: "Photo: Jane Doe/Reuters", "Photograph by John Smith", "Jane Doe / AP", "(Getty Images)",
        "(AP Photo/Jane Doe)", "REUTERS/Jane Doe", "Photo: Reuters"."""
        flat = collapse(text)
        if len(flat) > 80:
            return None
        m = _CREDIT_AGENCY.match(flat)
        if m:
            return ParsedCredit((), m.group("agency"))
        m = _CREDIT.match(flat)
        if not m:
            if len(flat) > 2 and flat[0] in "([" and flat[-1] in ")]":  # a whole credit in brackets: (AP Photo/Jane Doe)
                return self.parse_credit(flat[1:-1])
            return None
        names = m.group("names") or m.group("names2") or m.group("names3") or ""
        agency = m.group("agency") or m.group("agency2") or m.group("agency3")
        if _AGENCY_CREDIT.fullmatch(names.strip()):
            if not agency:  # Photo: Reuters
                return ParsedCredit((), names.strip())
            if m.group("names2"):  # REUTERS/Jane Doe: the agency's own form, its name first
                names, agency = agency, names
        people = tuple(n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", names) if n.strip())
        if not people or not all(_NAME.match(n) for n in people):
            return None
        return ParsedCredit(people, agency.strip() if agency else None)

    def is_captionless_credit(self, text: str) -> bool:
        """A credit that stands without a caption: "Illustration by …", "Graphic: …", "File photo: …"."""
        return bool(_CAPTIONLESS_CREDIT.match(collapse(text)))

    def is_credit_tail(self, text: str) -> bool:
        """A lone bracketed agency, the second half of a credit broken over two blocks."""
        flat = collapse(text)
        return bool(_CREDIT_AGENCY.match(flat)) and flat[:1] in "(["

    def is_caption(self, text: str) -> bool:
        """Captions that say so: "Above: …", "Pictured: …", "Fig. 2 — …", or that end with their credit in
        brackets: "A tree blocks a road on Wednesday. (AP Photo/Jacquelyn Martin)"."""
        flat = collapse(text)
        if _CAPTION.match(flat[:40]):
            return True
        end = _CAPTION_CREDIT_END.search(flat[-70:])
        credit = self.parse_credit(end.group("credit")) if end is not None else None
        return credit is not None and bool(credit.photographers)  # a bare (Reuters) signs a wire story off

    def credits_several(self, text: str) -> bool:
        """"Photos by …", "All photographs: …": one credit under a group of pictures."""
        return bool(_CREDIT_SEVERAL.match(collapse(text)))

    def is_caption_shaped(self, text: str) -> bool:
        """Never: an English caption without a marker reads like any short sentence of the text."""
        return False

    def is_kicker(self, text: str) -> bool:
        """English pages mark no kicker typographically in running text (a strap line is a short title above the
        headline, which only the layout can tell): never from text alone."""
        return False

    def kicker_over_headline(self, first: str, second: str) -> bool:
        """Only a short first line (a strap of up to KICKER_MAX_WORDS words) over a longer one: otherwise
        the first line is the headline and the second its deck (Storm knocks out power / Rain and wind
        expected to continue through Friday)."""
        words = len(collapse(first).split())
        return words <= KICKER_MAX_WORDS and len(collapse(second).split()) > words

    def is_subheadline(self, text: str) -> bool:
        """A deck introduced by a dash ("— The minister resigns"), short and without a full stop inside."""
        flat = collapse(text)
        return flat[:1] in "—–" and 4 <= len(flat) <= 120 and "." not in flat[1:-1]

    def parse_byline(self, text: str, *, after_headline: bool) -> ParsedByline | None:
        """"By NAME[, NAME and NAME][, qualification]" or "By Our Own Correspondent"; a staff title or an
        agency after the names, on the same line or the next (By ANNA WU / Associated Press), is its role."""
        lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
        flat = collapse(text)
        if len(flat) > 90 or len(lines) > 2:
            return None
        if len(lines) == 2 and _affiliation(lines[1]):
            flat = f"{collapse(lines[0])}, {collapse(lines[1])}"  # the affiliation set on a line of its own
        m = _BYLINE.match(flat)
        if not m:
            # Older papers sign foreign news "(From our own Correspondent.)": a role, no name.
            sent = _FROM_CORRESPONDENT.match(flat)
            staff = _BYLINE_ROLE.match(sent.group("role")) if sent else None
            return ParsedByline(staff.group("role"), ()) if staff else None
        rest = m.group("rest").strip().rstrip(".")
        role = _BYLINE_ROLE.match(rest)
        if role:
            return ParsedByline(role.group("role"), ())
        agency = _AGENCY_ALONE.match(re.sub(r"^(?i:the)\s+", "", rest))
        if agency:  # By The Associated Press, By Reuters: the agency signs
            return ParsedByline(agency.group(0).strip("()"), ())
        rest = re.sub(r"\s*(?:\||\s[—–]\s)\s*", ", ", rest)  # By ANNA WU | Staff Writer, By Anna Wu — Reuters
        if "," not in rest:
            rest = _comma_before_affiliation(rest)  # its lines joined: By Anna Wu Associated Press, By Anna Wu (AP)
        # Names, separated by commas and "and"; a trailing qualification (A. M., M.P.) is no name,
        # and a trailing staff title or agency (By JANE SMITH, Staff Reporter) is the byline's role.
        parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&)\s*", rest) if p.strip()]
        title = parts[-1] if len(parts) > 1 and _affiliation(parts[-1]) else None
        if title:
            parts = parts[:-1]
        names = [p for p in parts if _NAME.match(p) and any(len(w.strip(".")) > 2 for w in p.split())]
        if not names or len(names) < len(parts) - (0 if title else 1):
            return None
        return ParsedByline(_role_of(title) if title else None, tuple(names))

    def introduces_person(self, text: str) -> bool:
        """False: English papers name a speaker inside the sentence (Mr. HUME said), not on a line of their own."""
        return False

    def is_box_label(self, text: str) -> bool:
        """A sidebar's label alone on its line (Editor's note, Related, Fact box)."""
        return _BOX_LABEL.fullmatch(collapse(text)) is not None

    def too_short_for_heading(self, text: str) -> bool:
        """Never: a one-word heading in capitals ("WAR.") heads a report."""
        return False

    def opens_with_a_setting(self, text: str) -> bool:
        """A connective or a time and a comma (However, …; On Tuesday, …): :meth:`opens_sentence`."""
        return self.opens_sentence(text)

    def runs_on_as_text(self, text: str) -> bool:
        """Never: a title-like line here is set in capitals or Title Case, which running text is not (commas list: WAR, TRADE, AND THE FUNDS)."""
        return False

    def closes_headline(self, text: str) -> bool:
        """Never: these papers mark no headline apart from a kicker or a deck."""
        return False

    def is_title_like(self, text: str) -> bool:
        """A short line set in capitals or Title Case, without a sentence inside it (nor a jump line)."""
        flat = collapse(text)
        lines = [line for line in text.strip().split("\n") if line.strip()]
        if len(lines) > 2 or not 2 <= len(flat) <= 90 or len(_letters(flat)) < MIN_TITLE_LETTERS:
            return False
        # Only a short line is asked for a jump line: the slug patterns search a long text end to end.
        if self.jump_line(flat) is not None:
            return False
        words = flat.split()
        if len(words) > 14 or flat[-1] in ",;:-(" or self.dateline(flat) == flat.rstrip(".—–- "):
            return False
        if self.parse_byline(flat, after_headline=True) is not None:
            return False
        # A full stop inside means a sentence ends inside (abbreviations like "Mr." excepted).
        inner = re.sub(r"\b(?:[A-Z][a-z]{0,3}|[A-Z])\.", "", flat[:-1])
        if re.search(r"[.!?]\s+[A-Z]", inner):
            return False
        if _upper_share(flat) >= 0.6:
            return True
        small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as", "is"}
        capitalised = [w for w in words if w[:1].isupper() or not w[:1].isalpha()]
        content = [w for w in words if w.lower() not in small]
        if bool(content) and len(capitalised) >= max(1, len(content)) and flat[-1] not in ".":
            return True
        # Modern papers set headlines and decks in sentence case (Storm knocks out power to thousands):
        # a short line opening with a capital, with no full stop, that does not stop on a word that needs
        # more after it (…shelters in, …said the): the piece of a sentence a frame ends on does.
        last = words[-1].strip("\"'’”").lower()
        return (
            len(words) <= SENTENCE_CASE_TITLE_WORDS
            and flat[0].isupper()
            and flat[-1] not in "."
            and last not in _DANGLING_WORDS
            and not last.endswith(("'s", "’s"))
        )

    def jump_line(self, text: str) -> JumpLine | None:
        """"Continued on Page 5" or "See STORM, Page A6" ending a text, "Continued from Page 1" or
        "STORM, from A1" opening one."""
        lowered = text.lower()
        if "page" not in lowered and "p." not in lowered and "see " not in lowered and "from " not in lowered:
            return None  # most texts: no page named, no jump's words
        flat = collapse(text)
        on = _JUMP_ON.search(flat) or _JUMP_SEE.search(flat)
        if on is not None:
            return JumpLine("on", on.group("page"), on.start() == 0)
        found = _JUMP_FROM.match(flat) or _JUMP_SLUG_FROM.match(flat)
        if found is not None:
            return JumpLine("from", found.group("page"), found.end() == len(flat))
        return None

    def dateline(self, text: str) -> str | None:
        """The dateline a report opens with, e.g. "WAR OFFICE, FEB. 15, 1824", normalised (spaces collapsed,
        the trailing dash and full stop removed)."""
        flat = collapse(text)
        m = _DATELINE.match(flat)
        if not m:
            return None
        value = m.group("dl") or m.group("dl2") or m.group("dl3") or ""
        return value.rstrip(" —–-").rstrip(".").strip() or None

    def ends_paragraph(self, text: str) -> bool:
        """Ends with . ! ? (possibly inside closing quotes or brackets) and no curly quote left open."""
        flat = text.rstrip()
        if not flat:
            return True
        if quote_balance(flat) > 0:
            return False
        stripped = flat.rstrip(_CLOSERS)
        if not stripped:
            return True
        if stripped[-1] in _TERMINAL:
            return True
        # A bracketed note ("(To be continued.)", "(Reuters)") ends a paragraph too, and so does a text
        # continued on another page: nothing on this page goes on with it.
        if flat[0] in "([" and flat[-1] in ")]":
            return True
        if _NOTE_AFTER_SENTENCE.search(flat[-80:]):  # …officials said. (Reuters) / …on Wednesday. (AP Photo/X)
            return True
        jump = self.jump_line(flat)
        return jump is not None and jump.continued == "on"

    def word_across(self, head: str, tail: str) -> tuple[str, int, float] | None:
        """None: English words do not run across a cut unseen (a hyphen shows the one that does)."""
        return None

    def continuation_score(self, head: str, tail: str) -> tuple[float, str]:
        """Evidence (a log-likelihood ratio) that ``tail`` continues ``head`` across a cut."""
        h = head.rstrip()
        t = tail.lstrip()
        if not h or not t:
            return 0.0, "empty"
        score = 0.0
        reasons: list[str] = []
        if self.dateline(t):
            score += W_DATELINE
            reasons.append("tail opens with a dateline")
        if self.parse_byline(t.split("\n")[0], after_headline=False):
            score += W_BYLINE
            reasons.append("tail opens with a byline")
        if _hyphen_break(h, t) and t[0].islower():
            score += W_HYPHEN
            reasons.append("a hyphenated word spans the cut")
        if t[0].islower():
            score += W_LOWER_OPENER
            reasons.append("tail opens in lower case")
        elif t[0] in _CONTINUATION_OPENERS:
            score += W_PUNCT_OPENER
            reasons.append(f"tail opens with {t[0]!r}")
        elif t[0].isupper():
            score += W_CAPITAL_TAIL
        last = re.findall(r"[A-Za-z]+", h[-20:])
        if last and last[-1].lower() in _DANGLING and h[-1].isalpha():
            score += W_DANGLING
            reasons.append(f"head ends on {last[-1]!r}")
        quoted = _quote_evidence(h, t)
        if quoted:
            score += quoted
            reasons.append("quote opened before the cut closes after it" if quoted > 0 else "tail closes a quote the head never opened")
        return score, "; ".join(reasons) or "no lexical evidence"

    def quote_evidence(self, head: str, tail: str) -> float:
        """What quotation marks add to :meth:`continuation_score` (W_QUOTE_PAIR, W_QUOTE_ORPHAN or 0)."""
        return _quote_evidence(head.rstrip(), tail.lstrip())

    def opens_mid_sentence(self, text: str) -> bool:
        """Text that cannot open a paragraph: a lower-case opening, , ; : ) …, a quote closed before opened."""
        t = text.lstrip()
        if not t:
            return False
        return t[0].islower() or t[0] in _CONTINUATION_OPENERS or leading_unmatched_close(t)

    def opens_sentence(self, text: str) -> bool:
        """A connective or a time and a comma (However, …; On Tuesday, …)."""
        return _CONNECTIVE_OPENING.match(text.lstrip()) is not None

    def join(self, head: str, tail: str) -> str:
        """One space between the pieces; none after a word hyphen at the cut ("money-" + "lenders")."""
        h, t = head.rstrip(), tail.lstrip()
        if not h or not t:
            return h + t
        return h + t if _hyphen_break(h, t) else f"{h} {t}"

    def join_lines(self, lines: tuple[str, ...]) -> str:
        """Lines join like pieces of a paragraph (hyphen kept, see the module docstring)."""
        out = ""
        for line in lines:
            out = self.join(out, line) if out else line.strip()
        return out

    def name_introductions(self, text: str) -> set[str]:
        """Surnames first given in full after a title: "Mr. JOHN SMITH said" → {"Smith"}."""
        return {m.group(2).title() for m in _INTRO.finditer(text)}

    def name_mentions(self, text: str) -> set[str]:
        """Surnames mentioned bare, later: "Mr. Smith", "Smith said" → {"Smith"}."""
        found = {m.group(1).title() for m in _BARE_TITLED.finditer(text)}
        found |= {m.group(1).title() for m in _SAID.finditer(text)}
        return found


def _undated_folio(flat: str) -> bool:
    """A folio line without a date: "No. 6906", "PRICE 7d", a bare page number, an imprint, "Page 3 | The Times"."""
    return bool(_FURNITURE.match(flat)) or (len(flat) <= 120 and any(c in flat for c in "·•|") and bool(_FOLIO.match(flat)))


def _dated_head(flat: str) -> RunningHead | None:
    """The date and page number of a dated running head (:data:`_DATED_HEAD`), None if the line is none."""
    if len(flat) > 120:
        return None
    found = _DATED_HEAD.match(flat)
    if found is None or not (found.group("lead") or found.group("tail")):
        return None
    month = _MONTHS.index(found.group("month")[:3].lower()) + 1
    year, day = int(found.group("year")), int(found.group("day"))
    try:
        date = datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return RunningHead(date=date, page_number=int(found.group("lead") or found.group("tail")))
