"""The English newspaper profile: headlines, bylines, datelines, sentence ends, joins across cuts."""

from __future__ import annotations

import pytest

from newsarchive.model import PageMeta, Role
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.readers.text import TextReader

from geometry_helpers import reconstruct

P = EnglishNewspaperProfile()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("COAL DUTIES.", True),
        ("STATE OF IRELAND.", True),
        ("Markets Rally as Rates Fall", True),
        ("The minister said the bill would pass.", False),
        ("Mr. HUME said he could not let this pass. He was bound to object.", False),
        ("WAR OFFICE, FEB. 15, 1824.", False),  # a dateline, not a title
        ("By GEORGE BAKER, A. M.", False),  # a byline
        ("K \"", False),  # OCR noise
        ("IMPORTANT NEWS,", False),  # dangling comma
        ("Storm knocks out power to thousands", True),  # a headline in sentence case
        ("Rain and wind expected to continue through Friday", True),  # its deck
        ("The state has opened emergency shelters in", False),  # a frame's end: it stops on "in"
        ("Forecasters said the storm would bring heavy rain to the coast by Friday", False),  # too long
    ],
)
def test_title_like(text, expected):
    assert P.is_title_like(text) is expected


def test_bylines():
    assert P.parse_byline("By GEORGE BAKER, A. M.", after_headline=True).names == ("GEORGE BAKER",)
    assert P.parse_byline("By Jane Doe and John Smith", after_headline=False).names == ("Jane Doe", "John Smith")
    assert P.parse_byline("By Our Own Correspondent", after_headline=True).role == "Own Correspondent"
    assert P.parse_byline("By the end of the year prices had doubled.", after_headline=True) is None
    assert P.parse_byline("George Baker", after_headline=True) is None


def test_two_titles_are_a_headline_and_its_deck_unless_the_first_is_a_short_strap():
    assert not P.kicker_over_headline("Storm knocks out power to thousands", "Rain and wind expected to continue through Friday")
    assert P.kicker_over_headline("ELECTION 2024", "Voters head to the polls in record numbers")


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("WASHINGTON — A powerful storm swept across the region.", "WASHINGTON"),
        ("NEW YORK — Stocks rose on Friday.", "NEW YORK"),
        ("ARLINGTON, Va. — A tree fell on a house.", "ARLINGTON, Va"),
        ("US — China talks began on Monday.", None),  # two capitals: an abbreviation, not a place
        ("The PM — who spoke first — said so.", None),
    ],
)
def test_a_city_in_capitals_and_a_dash_is_a_dateline(text, dateline):
    assert P.dateline(text) == dateline


def test_an_agency_after_the_names_is_the_bylines_role_on_its_line_or_the_next():
    for text in ("By Anna Wu, Associated Press", "By ANNA WU\nAssociated Press"):
        byline = P.parse_byline(text, after_headline=True)
        assert byline.role == "Associated Press" and len(byline.names) == 1
    assert P.parse_byline("By John Smith, The Times", after_headline=True).names == ("John Smith",)
    for text, role in (("By Anna Wu (AP)", "AP"), ("By ANNA WU | Staff Writer", "Staff Writer"), ("By Anna Wu — Reuters", "Reuters")):
        byline = P.parse_byline(text, after_headline=True)
        assert byline.role == role and len(byline.names) == 1


def test_a_staff_title_after_the_names_is_the_bylines_role():
    byline = P.parse_byline("By JANE SMITH, Staff Reporter", after_headline=True)
    assert byline.names == ("JANE SMITH",) and byline.role == "Staff Reporter"
    byline = P.parse_byline("By John Smith and Mary Jones, Special Correspondents", after_headline=True)
    assert byline.names == ("John Smith", "Mary Jones") and byline.role == "Special Correspondents"


@pytest.mark.parametrize(
    "text,dateline",
    [
        ("WAR OFFICE, FEB. 15, 1824.", "WAR OFFICE, FEB. 15, 1824"),
        ("PARIS, Jan. 3.—The Chamber met today.", "PARIS, Jan. 3"),
        ("WASHINGTON, March 14 (Reuters) - The Senate voted.", "WASHINGTON, March 14 (Reuters)"),
        ("LONDON (AP) — Shares fell.", "LONDON (AP)"),
        ("The Chamber met on Jan. 3 in Paris.", None),
    ],
)
def test_datelines(text, dateline):
    assert P.dateline(text) == dateline


def test_sentence_ends():
    assert P.ends_paragraph("He sat down.")
    assert P.ends_paragraph('He said "No."')
    assert P.ends_paragraph("(To be continued.)")
    assert not P.ends_paragraph("the motion was carried by a")
    assert not P.ends_paragraph("He said “this is")


def test_hyphenated_word_across_a_cut_is_joined_without_space_and_keeps_its_hyphen():
    assert P.join("the money-", "lenders were") == "the money-lenders were"
    assert P.join("the committee —", "a body") == "the committee — a body"
    assert P.join_lines(("a great security against the extortions of borrow-", "ing money")) == (
        "a great security against the extortions of borrow-ing money"
    )


def test_continuation_evidence_ranks_the_true_tail_first():
    head = "The holders of small estates found a difficulty in meeting their"
    true_score, why = P.continuation_score(head, "claims, but if the Usury Laws were repealed")
    new_para, _ = P.continuation_score(head, "Mr. HUME said he could not let this pass.")
    dateline, _ = P.continuation_score(head, "PARIS, Jan. 3.—The Chamber met.")
    hyphen, why_h = P.continuation_score("the extortions of money-", "lenders, who")
    assert true_score > new_para + 3 and new_para > dateline
    assert "lower case" in why and "hyphenated word" in why_h and hyphen > true_score
    assert P.opens_mid_sentence("claims, but") and P.opens_mid_sentence("; and then")
    assert not P.opens_mid_sentence("Mr. HUME said")


def test_furniture_and_credits():
    assert P.is_furniture("No. 6906") and P.is_furniture("PRICE 7d") and P.is_furniture("12")
    assert not P.is_furniture("PRICE OF STOCKS.")
    # A running foot: the page number among the paper's name and the date.
    assert P.is_furniture("The Valley Courier · Page 3 · Thursday, March 6") and P.is_furniture("Page 3 | The Times")
    assert not P.is_furniture("See Page 4 for the council's reply · and more")
    assert not P.is_furniture("The flood barrier will open on Page Street, the mayor said.")
    credit = P.parse_credit("Photo: Jane Doe/Reuters")
    assert credit.photographers == ("Jane Doe",) and credit.agency == "Reuters"
    assert P.parse_credit("(Getty Images)").agency == "Getty Images"
    assert P.parse_credit("The minister spoke for an hour.") is None
    assert P.is_caption("Above: the new bridge at night")


def test_names_first_introduced_then_mentioned():
    assert P.name_introductions("Mr. JOHN SMITH said the laws were unjust.") == {"Smith"}
    assert P.name_mentions("Mr. Smith replied. Smith said he would not.") == {"Smith"}


def test_plain_english_page_reconstructs():
    text = (
        "COAL DUTIES.\n\nBy Our Parliamentary Reporter\n\n"
        "Sir WILLIAM LEMON presented a petition from the parish of Cornwall against the duty on coals carried\n\n"
        "coastwise. It was laid on the table.\n\nNo. 6906\n"
    )
    page = TextReader().read(text.encode(), meta=PageMeta(language="en"))
    rebuilt = reconstruct(page, layout=False)
    (article,) = rebuilt.articles
    assert article.headline == "COAL DUTIES."
    assert article.byline is not None and article.byline.role == "Parliamentary Reporter"
    assert [b.text for b in article.blocks] == [
        "Sir WILLIAM LEMON presented a petition from the parish of Cornwall against the duty on coals carried "
        "coastwise. It was laid on the table."
    ]
    assert [u.text for u in rebuilt.unplaced] == ["No. 6906"]
    assert {f.id: f.role for f in rebuilt.fragments}["f5"] is Role.FURNITURE


def test_captionless_credits_and_a_captioned_photo_on_an_english_page():
    assert P.is_captionless_credit("Illustration by John Smith") and P.is_captionless_credit("File photo: Reuters")
    assert not P.is_captionless_credit("Photo: Jane Doe/Reuters")
    text = "STORM HITS TOWN\n\nBy JOHN SMITH\n\nThe storm came at night.\n\nA house after the storm.\n\nPhoto: Jane Doe/Reuters\n"
    rebuilt = reconstruct(TextReader().read(text.encode(), meta=PageMeta(language="en")), layout=False)
    (article,) = rebuilt.articles
    (photo,) = article.photos
    assert photo.caption == "A house after the storm." and photo.credit.agency == "Reuters"


def test_running_head_gives_the_page_number():
    assert P.running_head("The Valley Courier · Page 3 · Thursday, March 6").page_number == 3
    assert P.running_head("Page 12").page_number == 12
    assert P.running_head("No. 6906") is None and P.running_head("Page 3 of the report says so.") is None


def test_a_dated_running_head_gives_the_date_and_page_number():
    head = P.running_head("4 THE NEW YORK HERALD, TUESDAY, JANUARY 6, 1920.")
    assert (head.date, head.page_number) == ("1920-01-06", 4) and P.is_furniture("4 THE NEW YORK HERALD, TUESDAY, JANUARY 6, 1920.")
    assert P.running_head("THE EVENING STAR, WASHINGTON, D. C., MONDAY, MAY 3, 1920. 17").page_number == 17
    # Without a page number it is the date over a leading article, which belongs to the article.
    assert P.running_head("TUESDAY EVENING. FEBRUARY 17, 1824.") is None
    assert not P.is_furniture("TUESDAY EVENING. FEBRUARY 17, 1824.")
    assert P.running_head("WAR OFFICE, FEB. 15, 1824.") is None  # a dateline
    assert P.running_head("12 The Times, Monday, February 30, 1920") is None  # no such day


def test_no_line_is_marked_as_a_headline_by_itself():
    assert not EnglishNewspaperProfile().closes_headline("THE WAR IN SPAIN (From our Correspondent)")


def test_a_modern_english_page_reads_its_headers_photo_and_datelines():
    # Sentence-case headlines and a deck, bylines with an agency or a staff title (one on a line of
    # its own), a city-and-dash dateline, a caption with its credit on the next line.
    from pathlib import Path

    import newsarchive
    from newsarchive.serialize import page_to_dict

    page = page_to_dict(newsarchive.load(Path(__file__).parent / "data" / "en" / "storm-page.txt"))
    storm, board = page["items"]
    assert storm["headline"] == "Storm knocks out power to thousands"
    assert storm["subheadline"] == "Rain and wind expected to continue through Friday"
    assert storm["byline"]["names"] == ["Anna Wu"] and storm["byline"]["role"] == "Associated Press"
    assert storm["dateline"] == "WASHINGTON"
    assert [b["text"][:7] for b in storm["blocks"]] == ["WASHING", "Utility"]
    (photo,) = storm["photos"]
    assert photo["caption"].startswith("A fallen tree") and photo["credit"]["agency"] == "AP"
    assert board["headline"] == "School board elects new chair"
    assert board["byline"]["names"] == ["MARK LEE"] and board["byline"]["role"] == "Staff Writer"
    assert [b["text"][:10] for b in board["blocks"]] == ["The school"]


@pytest.mark.parametrize(
    "text, continued, page, alone",
    [
        ("See STORM, Page A6", "on", "A6", True),
        ("Please see STORM | A6", "on", "A6", True),
        ("shelters in three counties. See STORM, A6", "on", "A6", False),
        ("STORM, from Page A1", "from", "A1", True),
        ("STORM | From A1", "from", "A1", True),
        ("You should see him on 5th street.", None, None, None),
        ("NATO, from 12 countries, met on Monday.", None, None, None),  # running text
    ],
)
def test_jump_lines_named_by_the_storys_slug(text, continued, page, alone):
    found = P.jump_line(text)
    assert (found.continued, found.page, found.alone) == (continued, page, alone) if continued else found is None


def test_a_caption_may_end_with_its_credit_in_brackets_but_a_wire_stories_agency_is_no_credit():
    assert P.parse_credit("AP Photo/Jacquelyn Martin") == P.parse_credit("Jacquelyn Martin/AP")
    assert P.is_caption("A fallen tree blocks a road on Wednesday. (AP Photo/Jacquelyn Martin)")
    assert not P.is_caption("Utility crews were called in, officials said. (Reuters)")
    assert P.ends_paragraph("Utility crews were called in, officials said. (Reuters)")
    assert not P.ends_paragraph("He said the plan would pass (though few agreed)")


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("However, the council voted against it.", True),
        ("On Tuesday, the mayor spoke.", True),
        ("however, the council voted against it.", False),
        ("Last year the budget grew.", False),
    ],
)
def test_a_sentence_opens_with_a_connective_and_a_comma(text, opens):
    assert EnglishNewspaperProfile().opens_sentence(text) is opens


@pytest.mark.parametrize(
    ("text", "role", "names"),
    [
        ("(From our own Correspondent.)", "own Correspondent", ()),  # older papers' foreign news
        ("FROM OUR SPECIAL CORRESPONDENT", "SPECIAL CORRESPONDENT", ()),
        ("By The Associated Press", "Associated Press", ()),  # an agency signs
        ("By Reuters", "Reuters", ()),
    ],
)
def test_bylines_of_correspondents_and_agencies_without_names(text, role, names):
    byline = P.parse_byline(text, after_headline=True)
    assert (byline.role, byline.names) == (role, names)


def test_a_source_line_is_no_byline():
    assert P.parse_byline("From the Morning Chronicle", after_headline=True) is None
    assert P.parse_byline("From London to Paris", after_headline=True) is None


@pytest.mark.parametrize(
    ("text", "photographers", "agency"),
    [
        ("(AP Photo/Jacquelyn Martin)", ("Jacquelyn Martin",), "AP"),  # the agency's form, in brackets on its own line
        ("REUTERS/Jane Doe", ("Jane Doe",), "REUTERS"),  # the agency first
        ("Photo: Reuters", (), "Reuters"),  # an agency where a photographer stands
        ("Jane Doe/Getty Images", ("Jane Doe",), "Getty Images"),
    ],
)
def test_credits_naming_an_agency_first_or_alone(text, photographers, agency):
    credit = P.parse_credit(text)
    assert (credit.photographers, credit.agency) == (photographers, agency)


def test_a_credit_is_not_read_from_blank_text_or_empty_brackets():
    # A fragment of spaces or marks that collapse to nothing: no credit, and no endless unbracketing (fuzz).
    for text in ("", "   ", "()", "(())", "[]"):
        assert P.parse_credit(text) is None
    assert P.parse_credit("((AP Photo/Jane Doe))").photographers == ("Jane Doe",)


def test_quote_evidence_is_what_quotes_add_to_the_continuation_score():
    assert P.quote_evidence("He said, \u201cwe shall go", "on to the end,\u201d and sat down.") == 3.0
    assert P.quote_evidence("He said we shall go", "on.\u201d Then he left.") == -1.5
    assert P.quote_evidence("He said", "nothing more.") == 0.0
