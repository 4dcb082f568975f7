"""The layout transforms: Breuel reading order, headline promotion, join filtering, layout assignment."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from newsarchive.model import BBox, Fragment, Page, PageMeta, Role
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile
from newsarchive.readers.text import TextReader
from newsarchive.reorder import Draft, Join
from newsarchive.conservation import conservation_errors
from newsarchive.reorder.geometry import noise_blocks
from newsarchive.reorder.layout_joins import LayoutJoins
from newsarchive.reorder.layout_order import LayoutOrder, reading_order
from newsarchive.reorder.layout_roles import LayoutRoles

from geometry_helpers import reconstruct


def box(x0: float, y0: float, x1: float, y1: float) -> BBox:
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1)


def layout_order(layout: dict[str, tuple[BBox, int]]) -> list[str]:
    """The names of a layout (name → (box, line count)) in :func:`reading_order`."""
    names = list(layout)
    return [names[i] for i in reading_order([layout[n][0] for n in names], [layout[n][1] for n in names])]


# A page: masthead; columns 1-2 hold article A above a headline spanning both columns, article B
# below it; column 3 holds article C from the top.  Names are in reading order.
LAYOUT = {
    "masthead": box(0, 0, 900, 50),
    "A-head": box(0, 60, 590, 90),
    "A-col1": box(0, 100, 290, 400),
    "A-col2": box(303, 100, 590, 380),  # OCR boxes of neighbouring columns may overlap: 290 vs 303 is a gutter
    "B-head": box(0, 420, 590, 460),
    "B-col1": box(0, 470, 292, 800),
    "B-col2": box(298, 470, 590, 790),
    "C-head": box(610, 60, 900, 90),
    "C-col3": box(605, 100, 900, 800),
}


def test_breuel_order_handles_a_headline_spanning_two_columns():
    names = list(LAYOUT)
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        order = reading_order([LAYOUT[n] for n in shuffled])
        assert [shuffled[i] for i in order] == names


def test_slightly_overlapping_column_boxes_still_read_column_by_column():
    boxes = [box(0, 0, 330, 500), box(300, 0, 630, 500), box(0, 510, 330, 900), box(300, 505, 630, 900)]
    assert reading_order(boxes) == [0, 2, 1, 3]


def fragment(fid: str, text: str, bbox: BBox | None, lines: int = 1) -> Fragment:
    return Fragment(id=fid, text=text, lines=tuple([text] * lines), start=0, end=len(text), line=1, bbox=bbox)


def draft_of(fragments: list[Fragment], profile=None) -> Draft:
    return Draft.from_page(Page(meta=PageMeta(language="en"), fragments=tuple(fragments)), profile or EnglishNewspaperProfile())


def test_layout_order_reorders_and_marks_column_jumps():
    frags = [fragment(n, n, LAYOUT[n]) for n in reversed(list(LAYOUT))]
    draft = LayoutOrder().apply(draft_of(frags))
    assert [f.id for f in draft.fragments] == list(LAYOUT)
    assert draft.index == {n: k for k, n in enumerate(LAYOUT)}
    gaps = {f.id: f.gap_before for f in draft.fragments}
    assert gaps["masthead"] == 0 and gaps["A-col1"] == 2  # straight down the column
    assert gaps["A-col2"] == 4 and gaps["C-head"] == 4  # up to the top of another column
    assert any(d.step == "layout-order" for d in draft.decisions)


def test_layout_steps_do_nothing_without_boxes():
    page = TextReader().read(b"COAL DUTIES.\n\nSir WILLIAM presented a petition.\n", meta=PageMeta(language="en"))
    draft = Draft.from_page(page, EnglishNewspaperProfile())
    for step in (LayoutOrder(), LayoutRoles(), LayoutJoins()):
        assert step.apply(draft) is draft
    zh = TextReader().read("标题\n\n正文。".encode(), meta=PageMeta())
    assert reconstruct(zh, profile=PeoplesDailyProfile(), layout=True) == reconstruct(zh, profile=PeoplesDailyProfile(), layout=False)


def test_centred_or_large_title_becomes_a_headline_and_a_flush_one_stays_a_heading():
    body = "Sir WILLIAM LEMON presented a petition from the parish against the duty on coals."
    frags = [
        fragment("lead", body, box(0, 0, 400, 90), lines=3),
        fragment("centred", "COAL DUTIES.", box(120, 100, 280, 120)),
        fragment("b1", body, box(0, 130, 400, 220), lines=3),
        fragment("flush", "WOOL DUTIES.", box(0, 230, 160, 250)),
        fragment("b2", body, box(0, 260, 400, 350), lines=3),
        fragment("large", "Wool Trade", box(0, 360, 400, 420)),
        fragment("b3", body, box(0, 430, 400, 520), lines=3),
    ]
    draft = draft_of(frags)
    from newsarchive.reorder.tag_roles import TagRoles

    tagged = TagRoles().apply(draft)
    promoted = LayoutRoles().apply(tagged)
    roles = {f.id: f.role for f in promoted.fragments}
    assert roles["centred"] is Role.HEADLINE and roles["large"] is Role.HEADLINE
    assert roles["flush"] is Role.HEADING
    reasons = {d.subjects[0]: d.reason for d in promoted.decisions if d.step == "layout-roles"}
    assert "centred" in reasons["centred"] and "type" in reasons["large"]


def test_far_joins_are_dropped_and_column_jumps_kept():
    body = "running text that ends"
    frags = [
        fragment("h", "HEADLINE", box(100, 0, 300, 20)),
        fragment("a", body, box(0, 30, 400, 300), lines=9),
        fragment("b", body, box(0, 310, 400, 600), lines=9),
        fragment("c", body, box(450, 0, 850, 290), lines=9),
        fragment("d", body, box(450, 300, 850, 600), lines=9),
    ]
    draft = LayoutOrder().apply(draft_of(frags))
    draft = draft.with_roles({f.id: (Role.HEADLINE if f.id == "h" else Role.PARAGRAPH, 0.8, "") for f in draft.fragments})
    joins = (
        Join(head="a", tail="b", confidence=0.9, reason="next"),
        Join(head="b", tail="c", confidence=0.9, reason="column jump"),
        Join(head="a", tail="d", confidence=0.9, reason="far"),
    )
    from dataclasses import replace

    kept = LayoutJoins().apply(replace(draft, joins=joins))
    assert [(j.head, j.tail) for j in kept.joins] == [("a", "b"), ("b", "c")]
    assert any("join dropped" in d.reason and d.subjects == ("a", "d") for d in kept.decisions)


def test_dogleg_article_is_read_before_the_article_tucked_under_it():
    """Article A spans columns 1-3 but ends higher in column 3; article B sits under A in columns 1-2;
    article C fills column 4."""
    body = 8  # lines of running text per body block (line height 12)
    layout = {
        "A-head": (box(60, 0, 500, 24), 1),  # large type, centred over the three columns
        "A-c1": (box(0, 40, 150, 40 + 12 * body), body),
        "A-c2": (box(170, 40, 320, 40 + 12 * body), body),
        "A-c3": (box(340, 40, 490, 40 + 12 * body), body),
        "A-c3b": (box(340, 146, 490, 146 + 12 * 4), 4),  # A's text ends in column 3 above B's headline
        "B-head": (box(20, 200, 300, 224), 1),
        "B-c1": (box(0, 240, 150, 240 + 12 * body), body),
        "B-c2": (box(170, 240, 320, 240 + 12 * body), body),
        "C-head": (box(520, 0, 650, 24), 1),  # a one-column article in column 4
        "C-c4": (box(510, 40, 660, 40 + 12 * 20), 20),
    }
    names = list(layout)
    assert layout_order(layout) == [
        "A-head", "A-c1", "A-c2", "A-c3", "A-c3b", "B-head", "B-c1", "B-c2", "C-head", "C-c4"
    ]
    # Without line counts (no type sizes known) Breuel's rules alone read B's column 1 before A's column 3.
    plain = [names[i] for i in reading_order([layout[n][0] for n in names])]
    assert plain.index("B-c1") < plain.index("A-c3b")


def test_a_dogleg_article_is_finished_before_the_kicker_of_the_article_tucked_under_it():
    """As in the dogleg test, with a kicker in body type over B's headline: the kicker belongs to B's header,
    so it waits, like the headline, until A's text in column 3 is read."""
    body = 8
    layout = {
        "A-head": (box(60, 0, 500, 24), 1),
        "A-c1": (box(0, 40, 150, 40 + 12 * body), body),
        "A-c2": (box(170, 40, 320, 40 + 12 * body), body),
        "A-c3": (box(340, 40, 490, 40 + 12 * body), body),
        "A-c3b": (box(340, 146, 490, 146 + 12 * 2), 2),  # A's text ends in column 3, beside B's kicker
        "B-kicker": (box(90, 150, 230, 161), 1),  # body type, centred on the headline
        "B-head": (box(20, 170, 300, 194), 1),
        "B-c1": (box(0, 210, 150, 210 + 12 * body), body),
        "B-c2": (box(170, 210, 320, 210 + 12 * body), body),
    }
    assert layout_order(layout) == list(layout)


def test_a_kicker_a_hair_higher_than_the_headline_beside_it_stays_with_its_own_headline():
    """Under a page-wide article, two articles side by side: L's headline on the left, R's kicker and headline
    on the right, the kicker starting two units higher than L's headline.  The kicker is R's header, not the
    end of a dogleg of the article above, so it is read after L's text, just before R's headline."""
    body = 8
    layout = {
        "top-head": (box(40, 0, 640, 24), 1),
        "top-c1": (box(0, 40, 150, 136), body), "top-c2": (box(170, 40, 320, 136), body),
        "top-c3": (box(340, 40, 490, 136), body), "top-c4": (box(510, 40, 660, 136), body),
        "L-head": (box(20, 162, 300, 186), 1),
        "L-c1": (box(0, 200, 150, 296), body), "L-c2": (box(170, 200, 320, 296), body),
        "R-kicker": (box(420, 160, 580, 171), 1),
        "R-head": (box(360, 176, 640, 200), 1),
        "R-c3": (box(340, 214, 490, 310), body), "R-c4": (box(510, 214, 660, 310), body),
    }
    read = layout_order(layout)
    assert read.index("R-kicker") == read.index("R-head") - 1
    assert read.index("R-kicker") > read.index("L-head")


def test_an_article_across_the_whole_page_is_finished_before_the_article_under_part_of_it():
    """Article A spans all four columns and ends a little higher in column 4; B sits under A in columns 1-3."""
    body = 8
    layout = {
        "A-head": (box(40, 0, 640, 24), 1),
        "A-c1": (box(0, 40, 150, 40 + 12 * body), body),
        "A-c2": (box(170, 40, 320, 40 + 12 * body), body),
        "A-c3": (box(340, 40, 490, 40 + 12 * body), body),
        "A-c4": (box(510, 40, 660, 40 + 12 * (body - 2)), body - 2),
        "B-head": (box(40, 150, 470, 174), 1),
        "B-c1": (box(0, 190, 150, 190 + 12 * body), body),
        "B-c2": (box(170, 190, 320, 190 + 12 * body), body),
        "B-c3": (box(340, 190, 490, 190 + 12 * body), body),
    }
    assert layout_order(layout) == list(layout)


def test_a_headline_heads_every_column_of_its_first_row_even_past_a_short_line():
    """A centred headline over four columns whose third column opens with the last line of a paragraph
    (a short line): measured as wide as a column, it does not end the row, so column 4 is the article's."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(200, 0, 360, 24),  # headline, centred over columns 2-3
        box(0, 40, 150, 40 + 12 * body),
        box(170, 40, 320, 40 + 12 * body),
        box(340, 40, 380, 52),  # "可期未来？": the last line of a paragraph cut at column 2's foot
        box(510, 40, 660, 40 + 12 * body),
    ]
    lines = [1, body, body, 1, body]
    extent = header_extents(boxes, lines, 12.0, 150.0)[0]
    assert (extent.x0, extent.x1) == (0, 660)


def test_a_headline_whose_first_row_under_it_opens_with_short_lines_only_still_reaches_its_last_column():
    """Both columns right under the centred headline open with a paragraph's last line (为中西关系下一步
    发展指路引航。 / 样的可期未来？): the page's column width, not those short lines, says where column 3
    ends, so column 4, a gutter further, is the article's (it was read after an article at the page's foot)."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(270, 0, 470, 24),  # headline, centred over columns 2-3
        box(30, 40, 180, 40 + 12 * body),  # column 1
        box(204, 40, 339, 52),  # column 2's first line: a paragraph's last, 135 wide
        box(204, 52, 354, 52 + 12 * body),
        box(378, 40, 441, 52),  # column 3's first line: a paragraph's last, 63 wide
        box(378, 52, 528, 52 + 12 * body),
        box(552, 40, 702, 40 + 12 * body),  # column 4, 24 past column 3's edge
    ]
    lines = [1, body, 1, body, 1, body, body]
    extent = header_extents(boxes, lines, 12.0, 150.0)[0]
    assert (extent.x0, extent.x1) == (30, 702)


def test_a_paragraphs_first_line_at_a_columns_foot_centred_over_a_headline_is_not_its_kicker():
    """国家发展改革委有关负责同志表 opens a paragraph at column 2's foot, a paragraph's indent in and to the column's
    right edge, and stands by chance centred over the next article's headline: it is that column's text, read
    before the next column, not a line of the header under it."""
    body = 8
    boxes = [
        box(0, 0, 150, 12 * body),  # column 1
        box(174, 0, 324, 12 * body),  # column 2 ...
        box(192, 12 * body + 3, 324, 12 * body + 12),  # ... its last line, a paragraph's first (indented 18)
        box(348, 0, 498, 12 * body),  # column 3: the paragraph goes on at its top
        box(90, 12 * body + 36, 430, 12 * body + 56),  # the next article's headline, centred under it by chance
        box(0, 12 * body + 70, 150, 12 * body + 70 + 12 * body),
    ]
    lines = [body, body, 1, body, 1, body]
    from newsarchive.reorder.layout_order import header_extents

    extents = header_extents(boxes, lines, 12.0, 150.0)
    assert 2 not in extents  # not in the headline's stack
    assert reading_order(boxes, lines).index(2) == reading_order(boxes, lines).index(1) + 1


def test_a_columns_last_line_right_above_a_centred_kicker_is_not_part_of_its_header():
    """The last line of column 2 happens to be centred over the kicker and headline under it; it runs from
    edge to edge of its column in body type, so it is text, and the header's extent does not take it in."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(0, 0, 150, 12 * body), box(170, 0, 320, 12 * body),  # columns 1-2 of the article above
        box(170, 12 * body + 10, 320, 12 * body + 19),  # column 2's last line: one full line in body type
        box(190, 130, 300, 141),  # kicker, centred on the headline
        box(100, 150, 390, 170),  # headline in display type over columns 1-3
        box(0, 190, 150, 190 + 12 * body), box(170, 190, 320, 190 + 12 * body), box(340, 190, 490, 190 + 12 * body),
    ]
    lines = [body, body, 1, 1, 1, body, body, body]
    extents = header_extents(boxes, lines, 12.0, 150.0)
    assert 2 not in extents and {3, 4} <= set(extents)


def test_a_kicker_as_wide_as_a_column_is_part_of_the_header_when_its_type_is_larger():
    """On a grid of wide columns a kicker (16 characters of 11-point type) fills column 2's width right
    above a headline over columns 1-3.  Its line height (11) is under the running text's (9-point type
    on 12-point leading), so by height it looks like the foot of column 2; its glyphs are 1.22 times
    the running text's, and with the blocks' type sizes it is the headline's kicker."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(0, 0, 176, 12 * body), box(196, 0, 372, 12 * body),  # columns 1-2 of the article above
        box(198, 12 * body + 10, 374, 12 * body + 21),  # the kicker, filling column 2's width
        box(100, 12 * body + 35, 470, 12 * body + 55),  # headline in display type over columns 1-3
        box(0, 175, 176, 175 + 12 * body), box(196, 175, 372, 175 + 12 * body), box(392, 175, 568, 175 + 12 * body),
    ]
    lines = [body, body, 1, 1, body, body, body]
    sizes = [9.0, 9.0, 11.0, 20.0, 9.0, 9.0, 9.0]
    assert 2 not in header_extents(boxes, lines, 12.0, 176.0)  # by line height: the foot of column 2
    extents = header_extents(boxes, lines, 12.0, 176.0, sizes)
    assert 2 in extents and extents[2] == extents[3]
    # In the running text's type, the same line is the column's foot whatever its height.
    assert 2 not in header_extents(boxes, lines, 12.0, 176.0, [9.0] * len(boxes))


def test_a_byline_as_wide_as_a_column_under_its_headline_is_part_of_the_header_when_its_words_say_so():
    """On narrow columns a byline (本报记者 徐元锋 焦思雨) in about the running text's type fills column 2's
    width under the headline; by its shape it is column 2's first line, and read there it was joined to the
    text as a paragraph.  Its words make it a header line (``titles``): it belongs to the headline's stack."""
    from newsarchive.reorder.layout_order import header_extents, reading_order

    body = 8
    boxes = [
        box(42, 42, 438, 95),  # headline in display type, two lines, over columns 1-3
        box(180, 115, 300, 127),  # the byline, as wide as column 2
        box(36, 146, 152, 146 + 13 * body), box(180, 146, 296, 146 + 13 * body), box(324, 146, 440, 146 + 13 * body),
    ]
    lines = [2, 1, body, body, body]
    sizes = [23.3, 11.0, 10.5, 10.5, 10.5]
    assert 1 not in header_extents(boxes, lines, 13.5, 116.0, sizes)
    assert 1 in header_extents(boxes, lines, 13.5, 116.0, sizes, {1})
    assert reading_order(boxes, lines, (), sizes, [1]) == [0, 1, 2, 3, 4]


def test_a_section_headings_second_line_at_the_top_of_column_3_is_not_part_of_the_header():
    """Under headline and byline the article's columns begin; column 3 opens with a section heading of two
    lines, its second line short and off to the left (应”).  That line is neither centred on the header nor
    flush with it: taken into the stack, it pushed the stack's foot below column 1's first block, and the
    header's extent no longer covered column 1."""
    from newsarchive.reorder.layout_order import header_extents

    boxes = [
        box(148, 64, 512, 84),  # headline over columns 1-3 (x 36-624)
        box(278, 101, 382, 111),  # byline, centred
        box(36, 128, 215, 185), box(240, 128, 417, 185),  # columns 1 and 2
        box(462, 128, 615, 137), box(444, 140, 462, 149),  # the section heading opening column 3, two lines
        box(444, 152, 624, 260),  # the rest of column 3
    ]
    lines = [1, 1, 5, 5, 1, 1, 9]
    extent = header_extents(boxes, lines, 11.5, 171.0)[0]
    assert extent.x0 == 36 and extent.x1 >= 615  # columns 1 to 3


def test_an_indented_first_line_does_not_widen_the_gutter_that_bounds_the_header():
    """Under a header centred over columns 2-3 the first row is a short paragraph opening column 2, indented
    by two characters, beside column 1.  Measured from the indented line, the gutter to column 1 (25 points
    plus the 18-point indent) looked wider than a gutter, so column 1 was left out of the article and read
    before its header; measured from column 2's edge, it is a gutter."""
    from newsarchive.reorder.layout_order import header_extents

    boxes = [
        box(262, 39, 602, 50),  # kicker
        box(372, 64, 492, 84),  # headline
        box(36, 107, 215, 188),  # column 1
        box(258, 107, 411, 116),  # column 2 opens with a one-line paragraph, indented by 18 points
        box(444, 107, 534, 116),  # column 3 opens with the last line of a paragraph
        box(240, 119, 419, 188), box(444, 119, 623, 176),  # the rest of columns 2 and 3
    ]
    lines = [1, 1, 7, 1, 1, 6, 5]
    extent = header_extents(boxes, lines, 11.4, 171.0)[1]
    assert extent.x0 == 36 and extent.heads_text


def test_a_line_under_a_columns_first_line_is_not_part_of_the_header_above():
    """Column 2 opens with the last line of a paragraph ("困境。"), and under it stands a one-line
    paragraph that happens to be centred under the byline: the first line stands between, so the
    stack ended at the byline; taken in, the one-liner spanned the article and cut its columns apart."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(30, 0, 460, 24),  # headline in display type over columns 1-3
        box(210, 36, 280, 46),  # byline, centred
        box(0, 64, 150, 64 + 12 * body),  # column 1
        box(170, 64, 200, 74),  # column 2's first line: the end of a paragraph
        box(190, 76, 290, 86),  # a one-line paragraph under it, indented, centred under the byline by chance
        box(170, 88, 320, 88 + 12 * body),  # the rest of column 2
        box(340, 64, 490, 64 + 12 * body),  # column 3
    ]
    lines = [1, 1, body, 1, 1, body, body]
    extents = header_extents(boxes, lines, 12.0, 150.0)
    assert {0, 1} <= set(extents) and 4 not in extents


def test_a_headline_over_short_paragraph_boxes_still_heads_running_text():
    """Paragraphs set with an indent come as a box each: right under the centred headline stand a
    one-line and a two-line box, but the row's outer columns are running text, so the headline heads
    text (and takes part in the dogleg rule)."""
    from newsarchive.reorder.layout_order import header_extents

    boxes = [
        box(220, 0, 380, 20),  # headline in display type, centred over columns 2-3
        box(0, 40, 150, 40 + 12 * 5),  # column 1: five lines
        box(170, 40, 250, 50),  # column 2: the last line of a paragraph
        box(340, 40, 490, 64),  # column 3: a two-line paragraph
        box(510, 40, 660, 40 + 12 * 3),  # column 4: three lines
    ]
    lines = [1, 5, 1, 2, 3]
    extent = header_extents(boxes, lines, 12.0, 150.0)[0]
    assert extent.heads_text and (extent.x0, extent.x1) == (0, 660)


def test_a_paragraph_box_continuing_a_neighbours_column_is_not_in_the_headlines_first_row():
    """Indented paragraphs come as a box each: in column 3, under the text of the article on the
    left, a paragraph box happens to start on the line where the right article's text starts. Text
    stands right above it, so it continues a column and the right headline's extent stops at column 4."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(520, 0, 820, 20),  # headline in display type over columns 4-5
        box(510, 40, 660, 40 + 12 * body),  # column 4
        box(680, 40, 830, 40 + 12 * body),  # column 5
        box(340, -60, 490, 38),  # column 3 of the article on the left: a paragraph ending just above ...
        box(340, 40, 490, 40 + 12 * 4),  # ... and the next paragraph, starting on the right article's first line
    ]
    lines = [1, body, body, 8, 4]
    extent = header_extents(boxes, lines, 12.0, 150.0)[0]
    assert (extent.x0, extent.x1) == (510, 830)


def test_a_column_under_no_headline_goes_to_the_headline_whose_centre_is_nearer():
    """Two articles' headlines on one line: the left one over columns 1-3, the right one centred over
    columns 4-6, so it covers only column 5. Column 4 has nothing right above it; it is nearer to the
    right headline's centre, so the left article's first row stops at column 3."""
    from newsarchive.reorder.layout_order import header_extents

    body = 8
    boxes = [
        box(160, 0, 340, 20),  # left headline, centred over columns 1-3
        box(665, 0, 845, 20),  # right headline, centred over columns 4-6
        box(0, 40, 150, 40 + 12 * body), box(170, 40, 320, 40 + 12 * body), box(340, 40, 490, 40 + 12 * body),
        box(510, 40, 660, 40 + 12 * body), box(680, 40, 830, 40 + 12 * body), box(850, 40, 1000, 40 + 12 * body),
    ]
    lines = [1, 1] + [body] * 6
    extents = header_extents(boxes, lines, 12.0, 150.0)
    assert (extents[0].x0, extents[0].x1) == (0, 490)
    assert (extents[1].x0, extents[1].x1) == (510, 1000)


def test_a_banner_over_headed_articles_heads_none_of_them():
    """A page banner in display type over two headed articles (X over columns 1-2, then Z under it;
    Y down columns 3-4): Y's text is Y's, so it is not pulled in ahead of Z as the banner's dogleg."""
    body = 8
    layout = {
        "banner": (box(40, 0, 640, 24), 1),
        "X-head": (box(20, 40, 300, 64), 1),
        "X-c1": (box(0, 80, 150, 80 + 12 * body), body),
        "X-c2": (box(170, 80, 320, 80 + 12 * body), body),
        "Y-head": (box(360, 40, 640, 64), 1),
        "Y-c3": (box(340, 80, 490, 80 + 12 * 20), 20),
        "Y-c4": (box(510, 80, 660, 80 + 12 * 20), 20),
        "Z-head": (box(20, 190, 300, 214), 1),
        "Z-c1": (box(0, 230, 150, 230 + 12 * body), body),
        "Z-c2": (box(170, 230, 320, 230 + 12 * body), body),
    }
    read = layout_order(layout)
    for article in ("X", "Y", "Z"):
        at = [k for k, name in enumerate(read) if name.startswith(article)]
        assert at == list(range(at[0], at[0] + len(at))), read  # each article read in one stretch


def test_an_article_low_on_the_left_under_its_own_headline_does_not_interleave_the_columns_above_it():
    """Column 1: article P.  Columns 2-4: article Q at the top, R under it; columns 1-2 at the foot:
    article S.  Rule 2 puts S's column-1 text before Q's columns 3-4 (left of them), while rule 1 puts
    Q before R and R before S through their headlines: a cycle, once read as Q's columns interleaved."""
    layout = {
        "P-head": (box(0, 0, 150, 24), 1),
        "P-c1": (box(0, 40, 150, 600), 45),
        "Q-head": (box(190, 0, 640, 24), 1),
        "Q-c2": (box(170, 40, 320, 294), 20),
        "Q-c3a": (box(340, 40, 490, 136), 8),
        "Q-c3b": (box(340, 150, 490, 294), 12),
        "Q-c4a": (box(510, 40, 660, 112), 6),
        "Q-c4b": (box(510, 126, 660, 222), 8),
        "Q-c4c": (box(510, 236, 660, 294), 5),
        "R-head": (box(190, 320, 640, 344), 1),
        "R-c2": (box(170, 360, 320, 600), 20),
        "R-c3": (box(340, 360, 490, 600), 20),
        "R-c4": (box(510, 360, 660, 600), 20),
        "S-head": (box(20, 620, 300, 644), 1),
        "S-c1": (box(0, 660, 150, 800), 12),
        "S-c2": (box(170, 660, 320, 800), 12),
    }
    read = layout_order(layout)
    assert read == list(layout)


def test_crowded_pages_fall_back_to_columns_in_bounded_time():
    import time

    from newsarchive.reorder import geometry

    boxes = [box(c * 160, r * 60, c * 160 + 150, r * 60 + 50) for r in range(60) for c in range(8)]  # 480 blocks
    start = time.perf_counter()
    order = reading_order(boxes)
    assert time.perf_counter() - start < 1.0
    assert len(boxes) > geometry.MAX_BLOCKS
    assert order[:60] == [r * 8 for r in range(60)]  # column 1 top to bottom first


# A two-column page with OCR noise: specks in both margins, a rule in the gutter, and short text
# that is not noise (a table cell inside a column, a short name centred over the gutter).
NOISY = {
    "head": (box(200, 0, 500, 40), 1, "COAL DUTIES."),
    "c1a": (box(50, 50, 350, 350), 10, "Sir WILLIAM LEMON presented a petition from the parish"),
    "cell": (box(100, 360, 160, 380), 1, "DVI."),
    "c1b": (box(50, 390, 350, 690), 10, "against the duty on coals carried coastwise."),
    "c2a": (box(400, 50, 700, 690), 20, "Mr. HUME said he could not let this pass."),
    "speck-left": (box(0, 300, 30, 500), 1, "i"),
    "speck-right": (box(720, 100, 760, 130), 1, "11 1"),
    "rule": (box(362, 100, 388, 600), 1, "I"),  # a column rule read as a letter: taller than any type
    "name": (box(340, 45, 410, 48), 1, "邹 翔"),  # over the gutter, but type-sized: text
}


def _noisy_order(names):
    return reading_order(
        [NOISY[n][0] for n in names],
        [NOISY[n][1] for n in names],
        noise_blocks([NOISY[n][0] for n in names], [NOISY[n][1] for n in names], [NOISY[n][2] for n in names]),
    )


def test_ocr_noise_in_margins_and_gutters_is_read_last_and_short_text_in_columns_is_not_noise():
    names = list(NOISY)
    found = noise_blocks([NOISY[n][0] for n in names], [NOISY[n][1] for n in names], [NOISY[n][2] for n in names])
    assert {names[k] for k in found} == {"speck-left", "speck-right", "rule"}
    expected = None
    for seed in range(5):  # the order does not depend on the order of the blocks in the file
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        order = [shuffled[i] for i in _noisy_order(shuffled)]
        assert order[-3:] == ["rule", "speck-right", "speck-left"]  # noise last, top to bottom
        assert order.index("c1a") < order.index("cell") < order.index("c1b") < order.index("c2a")
        expected = expected or order
        assert order == expected
    # Without noise, the left speck is read before everything (left of the columns, nothing blocks it).
    plain = [names[i] for i in reading_order([NOISY[n][0] for n in names], [NOISY[n][1] for n in names])]
    assert plain[0] == "speck-left"


def test_noise_becomes_furniture_and_neither_opens_an_article_nor_joins_one():
    frags = []
    for n, (b, k, t) in NOISY.items():
        text = "\n".join([t] * k)
        frags.append(Fragment(id=n, text=text, lines=(t,) * k, start=0, end=len(text), line=1, bbox=b))
    page = reconstruct(Page(meta=PageMeta(language="en"), fragments=tuple(reversed(frags))))
    (article,) = page.articles
    assert article.headline == "COAL DUTIES."
    unplaced = {u.fragments[0]: u.reason for u in page.unplaced}
    assert set(unplaced) == {"speck-left", "speck-right", "rule"}
    assert all(reason == "page furniture" for reason in unplaced.values())
    assert any(d.step == "layout-roles" and "OCR noise" in d.reason for d in page.decisions)
    lost, invented = conservation_errors(page)
    assert not lost and not invented


def test_stacked_headlines_are_one_header():
    """A strap line over a headline is its kicker; a smaller line under a headline is its deck."""
    body = "Sir WILLIAM LEMON presented a petition from the parish against the duty on coals."
    frags = [
        fragment("lead", body, box(0, 0, 400, 90), lines=3),
        fragment("strap", "WEST INDIES.", box(140, 100, 260, 115)),  # smaller type, centred
        fragment("head", "TRIAL OF THE REBELS.", box(100, 125, 300, 143)),
        fragment("b1", body, box(0, 150, 400, 240), lines=3),
        fragment("big", "Wool Trade", box(100, 260, 300, 300)),  # large type
        fragment("deck", "Petitions From The North", box(110, 305, 290, 325)),  # smaller, centred under it
        fragment("b2", body, box(0, 330, 400, 420), lines=3),
    ]
    page = reconstruct(Page(meta=PageMeta(language="en"), fragments=tuple(frags)))
    articles = [a for a in page.articles if a.headline]
    assert [(a.kicker, a.headline, a.subheadline) for a in articles] == [
        ("WEST INDIES.", "TRIAL OF THE REBELS.", None),
        (None, "Wool Trade", "Petitions From The North"),
    ]
    # Separated by running text, the same lines stay two articles.
    apart = [
        fragment("h1", "WEST INDIES.", box(140, 100, 260, 115)),
        fragment("t1", body, box(0, 120, 400, 210), lines=3),
        fragment("h2", "TRIAL OF THE REBELS.", box(100, 220, 300, 238)),
        fragment("t2", body, box(0, 245, 400, 335), lines=3),
    ]
    page = reconstruct(Page(meta=PageMeta(language="en"), fragments=tuple(apart)))
    assert [a.headline for a in page.articles] == ["WEST INDIES.", "TRIAL OF THE REBELS."]


def test_a_join_may_not_jump_over_text_of_its_own_column():
    text = "running text that ends in the"
    frags = [
        fragment("h", "HEADLINE", box(100, 0, 300, 20)),
        fragment("a", text, box(0, 30, 400, 60), lines=2),
        fragment("b", text, box(0, 70, 400, 300), lines=9),  # the column goes on here
        fragment("c", text, box(0, 310, 400, 600), lines=9),
        fragment("d", text, box(450, 30, 850, 300), lines=9),
        fragment("e", text, box(450, 310, 850, 600), lines=9),
    ]
    draft = LayoutOrder().apply(draft_of(frags))
    draft = draft.with_roles({f.id: (Role.HEADLINE if f.id == "h" else Role.PARAGRAPH, 0.8, "") for f in draft.fragments})
    from dataclasses import replace

    joins = (Join(head="a", tail="c", confidence=0.9, reason="skips b"), Join(head="c", tail="e", confidence=0.9, reason="skips d"))
    kept = LayoutJoins().apply(replace(draft, joins=joins))
    # c → e skips d, the top of the next column (not between them in one column); a → c jumps over b.
    assert [(j.head, j.tail) for j in kept.joins] == [("c", "e")]
    assert any("stands between head and tail in their column" in d.reason for d in kept.decisions)


def test_a_short_photo_credit_in_the_margin_is_not_noise():
    from newsarchive.reorder.geometry import page_noise

    frags = [
        fragment("col1", "Sir WILLIAM LEMON presented a petition.", box(50, 50, 350, 650), lines=20),
        fragment("col2", "Sir WILLIAM LEMON presented a petition.", box(400, 50, 700, 650), lines=20),
        fragment("credit", "AP", box(710, 600, 725, 640)),  # set vertically beside a picture
        fragment("speck", "i", box(730, 100, 745, 130)),
    ]
    assert [frags[k].id for k in sorted(page_noise(frags, EnglishNewspaperProfile()))] == ["speck"]


def test_a_block_across_the_whole_page_is_no_column_that_would_hide_noise():
    boxes = [
        box(0, 0, 800, 60),  # an ornament or masthead read as three lines across the page
        box(50, 80, 350, 600),
        box(400, 80, 700, 600),
        box(760, 300, 790, 340),  # a speck in the right margin, under the ornament
    ]
    assert noise_blocks(boxes, [3, 20, 20, 1], ["~ , :• , ---1,..,m , .", "text", "text", "11 1"]) == {3}


def test_median_is_statistics_median():
    import statistics

    from hypothesis import given
    from hypothesis import strategies as st

    from newsarchive.reorder.geometry import median_of

    @given(st.lists(st.integers(-1000, 1000) | st.floats(-1e6, 1e6), min_size=1))
    def check(values):
        assert median_of(values) == statistics.median(values)

    check()


def test_articles_are_listed_by_where_their_headers_stand():
    """A tall article in columns 1-2 with a second one under it, and a third beside it in columns 3-4: the
    reading order reads columns 1-2 to their foot first, but a page's articles are listed as publishers list
    them, by their headlines' places — top first, then left."""
    body = "The market was steady and the funds closed at the price of the morning without any change."
    layout = [
        ("A-head", "FIRST ARTICLE", box(20, 0, 300, 30), 1),
        ("A-c1", body, box(0, 40, 150, 400), 30), ("A-c2", body, box(170, 40, 320, 400), 30),
        ("C-head", "THIRD ARTICLE", box(20, 420, 300, 450), 1),
        ("C-c1", body, box(0, 460, 150, 700), 20), ("C-c2", body, box(170, 460, 320, 700), 20),
        ("B-head", "SECOND ARTICLE", box(360, 0, 640, 30), 1),
        ("B-c3", body, box(340, 40, 490, 700), 55), ("B-c4", body, box(510, 40, 660, 700), 55),
    ]
    frags = [
        Fragment(id=fid, text="\n".join([t] * k), lines=(t,) * k, start=0, end=len(t), line=1, bbox=b)
        for fid, t, b, k in layout
    ]
    page = reconstruct(Page(meta=PageMeta(language="en"), fragments=tuple(frags)))
    assert [a.headline for a in page.articles] == ["FIRST ARTICLE", "SECOND ARTICLE", "THIRD ARTICLE"]


def test_a_byline_reaching_down_beside_a_lower_headline_does_not_make_the_headers_side_by_side():
    """The right article's headline stands a line and a half above the left one's; only its byline under it
    reaches down beside the left headline.  Articles stand where their display lines do: right first."""
    body = "The market was steady and the funds closed at the price of the morning without any change."
    layout = [
        ("R-head", "RIGHT ARTICLE", box(360, 0, 640, 24), 1),
        ("R-by", "By JOHN SMITH", box(440, 34, 560, 44), 1),
        ("L-head", "LEFT ARTICLE", box(20, 36, 300, 60), 1),
        ("L-c1", body, box(0, 70, 150, 400), 30), ("L-c2", body, box(170, 70, 320, 400), 30),
        ("R-c3", body, box(340, 54, 490, 400), 30), ("R-c4", body, box(510, 54, 660, 400), 30),
    ]
    frags = [
        Fragment(id=fid, text="\n".join([t] * k), lines=(t,) * k, start=0, end=len(t), line=1, bbox=b)
        for fid, t, b, k in layout
    ]
    page = reconstruct(Page(meta=PageMeta(language="en"), fragments=tuple(frags)))
    assert [a.headline for a in page.articles] == ["RIGHT ARTICLE", "LEFT ARTICLE"]
    assert page.articles[0].byline is not None and "SMITH" in page.articles[0].byline.text


def test_headers_side_by_side_are_listed_left_to_right_though_a_kicker_sets_one_higher():
    """Two articles under a first one, their headers side by side: the right one has a kicker a line higher
    than the left headline's top. Headers of one band are listed left to right."""
    from newsarchive.reorder.assemble import _in_page_order

    places = [
        (0, 0.0, 30.0, 20.0, 0.0),  # the first article's header
        (0, 701.0, 771.0, 44.0, 5.0),  # left: its kicker starts four points lower ...
        (0, 697.0, 762.0, 561.0, 3.0),  # ... than the right headline's top
        (0, 1313.0, 1333.0, 414.0, 9.0),  # an article further down
    ]
    assert _in_page_order(places) == [0, 1, 2, 3]
    # Without boxes, places are reading positions: the order stays as read.
    assert _in_page_order([(0, 2.0, 2.0, 0, 2.0), (0, 1.0, 1.0, 0, 1.0)]) == [1, 0]


def _block(id_: str, text: str, box: tuple[float, float, float, float]) -> Fragment:
    lines = tuple(text.split("\n"))
    return Fragment(id=id_, text=text, lines=lines, start=0, end=len(text), line=1, bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3]))


def test_a_vertical_block_is_one_glyph_per_line_in_a_tall_box():
    from newsarchive.reorder.geometry import is_vertical

    assert is_vertical(_block("t", "春\n耕\n正\n当\n时", (500, 20, 520, 125)))
    assert not is_vertical(_block("n", "1\n2\n3", (500, 20, 506, 60)))  # digits down a table column
    assert not is_vertical(_block("p", "春耕正当时，\n田野里", (20, 20, 120, 45)))
    assert not is_vertical(_block("w", "春\n耕", (20, 20, 60, 45)))  # no taller than wide


def test_the_band_of_a_vertical_title_spans_the_columns_beside_it_and_stops_at_another_article():
    from newsarchive.reorder.layout_order import beside_band

    unit = 12.0
    boxes = [
        BBox(x0=500, y0=20, x1=520, y1=125),  # 0: the title
        BBox(x0=350, y0=44, x1=480, y1=200),  # 1: its right column
        BBox(x0=200, y0=44, x1=330, y1=200),  # 2: its left column
        BBox(x0=300, y0=22, x1=380, y1=32),  # 3: its byline, centred over both
        BBox(x0=50, y0=80, x1=180, y1=200),  # 4: another article's column, starting lower
        BBox(x0=50, y0=20, x1=180, y1=40),  # 5: that article's headline
    ]
    lines = [5, 12, 12, 1, 10, 1]
    band = beside_band(0, boxes, lines, unit)
    assert band is not None and (band.x0, band.x1) == (200, 480)
    # Above the byline, one line of the title's type: the square each of its glyphs takes (20 x 21).
    assert band.y1 < 22 and band.y1 - band.y0 == pytest.approx((20 * 105 / 5) ** 0.5)
    assert beside_band(0, boxes[:1], lines[:1], unit) is None  # nothing beside it


def test_the_band_of_a_vertical_title_stops_at_a_headline_across_another_articles_columns():
    from newsarchive.reorder.layout_order import beside_band

    unit = 12.0
    boxes = [
        BBox(x0=500, y0=40, x1=546, y1=250),  # 0: the title, two columns of glyphs
        BBox(x0=376, y0=44, x1=476, y1=200),  # 1: its right column
        BBox(x0=266, y0=44, x1=366, y1=200),  # 2: its left column
        BBox(x0=10, y0=46, x1=250, y1=80),  # 3: the article to the left: its headline, across its columns ...
        BBox(x0=6, y0=120, x1=120, y1=200),  # 4: ... over its own column, which starts lower
        BBox(x0=70, y0=20, x1=150, y1=30),  # 5: that article's kicker
    ]
    band = beside_band(0, boxes, [19, 12, 12, 2, 6, 1], unit)
    assert band is not None and (band.x0, band.x1) == (266, 476)


def test_the_band_of_a_vertical_title_takes_a_column_that_opens_with_short_lines():
    """The column next to the title opens with a paragraph's last line and a heading (入。”余圣彬说。 / 钻研，是执着的
    追求): neither reaches the column's right edge, yet the gutter to the title is a gutter, and the band spans
    every column of the article (it took none, and the article's text went to the articles around it)."""
    from newsarchive.reorder.layout_order import beside_band

    unit = 11.5
    boxes = [
        BBox(x0=1010, y0=1222, x1=1056, y1=1347),  # 0: the title, two columns of glyphs
        BBox(x0=859, y0=1246, x1=931, y1=1255),  # 1: the next column: a paragraph's last line ...
        BBox(x0=859, y0=1270, x1=940, y1=1279),  # 2: ... and a heading
        BBox(x0=859, y0=1294, x1=994, y1=1339),  # 3: then its running text
        BBox(x0=709, y0=1246, x1=835, y1=1291),  # 4: the column before it
        BBox(x0=752, y0=1220, x1=792, y1=1230),  # 5: the byline over them
    ]
    lines = [14, 1, 1, 4, 4, 1]
    band = beside_band(0, boxes, lines, unit)
    assert band is not None and band.x0 == 709 and band.x1 >= 931  # over both columns (over the text taken: up to 940)


def _indented_block(fid: str, lines: tuple[str, ...], x0: float, y0: float, gap: int = 1) -> Fragment:
    """A block of running text, 16 glyphs of 9 points a line, 12 points a line, as set (a first line indented or not)."""
    box = BBox(x0=x0, y0=y0, x1=x0 + 144, y1=y0 + 12 * len(lines))
    return Fragment(
        id=fid, text="".join(lines), lines=lines, start=0, end=0, line=1, gap_before=gap, bbox=box, role=Role.PARAGRAPH
    )


def test_a_column_opening_flush_after_a_full_last_line_continues_its_paragraph_where_paragraphs_are_indented():
    from newsarchive.reorder.layout_joins import LayoutJoins

    full, indented, last = "近年来河北抢抓人工智能发展机遇推", "推动算力产业集聚发展带动企业", "形成完整产业链条。"
    frags = [
        _indented_block("p1", (indented, full, last), 36, 0),
        _indented_block("p2", (indented, full, last), 36, 40),
        _indented_block("p3", (indented, "，监视平台数据屏上显示多项数据。"), 36, 80),  # a full last line ending a sentence
        _indented_block("p4", ("液压系统嗡鸣声起，六个粗壮的顶锤", "缓缓合拢。"), 200, 0, gap=4),  # opens column 2 flush (a jump)
        _indented_block("p5", (indented, full, last), 200, 28),
    ]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    joined = LayoutJoins().apply(draft).joins
    assert [(j.head, j.tail) for j in joined] == [("p3", "p4")]
    # Where paragraphs open flush, a flush column top says nothing.
    flush = [replace(f, lines=(full,) + f.lines[1:]) if f.id in ("p1", "p2", "p5") else f for f in frags]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(flush)), PeoplesDailyProfile())
    assert LayoutJoins().apply(draft).joins == ()


def _line(fid: str, text: str, x0: float, y0: float, size: float) -> Fragment:
    """A one-line block set at ``size`` per square glyph (a Latin letter or digit half of it)."""
    width = size * sum(1.0 if ch >= "\u2e80" else 0.5 for ch in text)
    return Fragment(id=fid, text=text, lines=(text,), start=0, end=len(text), line=1, bbox=BBox(x0=x0, y0=y0, x1=x0 + width, y1=y0 + size))


def test_ocr_specks_are_told_from_short_text():
    from newsarchive.reorder.layout_roles import _speck

    profile = PeoplesDailyProfile()
    running = 25.0
    assert _speck(_line("a", "、VL7", 0, 0, 13), running, profile)  # letters and digits without an ideograph
    assert _speck(_line("b", "/367", 0, 0, 30), running, profile)
    assert _speck(_line("c", "吕", 0, 0, 8), running, profile)  # an ideograph a third of the text's size
    assert not _speck(_line("d", "吕", 0, 0, 24), running, profile)  # one of the page's type: text
    assert not _speck(_line("e", "…………", 0, 0, 25), running, profile)  # marks alone are text
    assert not _speck(_line("f", "——编 者", 0, 0, 10), running, profile)  # a sign-off in small type
    assert not _speck(_line("g", "本报记者田泓", 0, 0, 29), running, profile)  # longer than specks are
    assert not _speck(_line("h", "VL7", 0, 0, 13), None, profile)  # a page not set in square glyphs: no rule


def test_a_justified_line_with_quotes_is_measured_in_the_running_texts_type():
    """A Chinese font sets the curly quotes full width: a column's last line holding four of them
    (“煤炭使用由‘燃料型’转向‘原料, 16 glyphs justified to a 144-point column of 9-point type)
    measures 9 points, the running text's size, not a larger type that would make it the kicker of
    the headline under it (a headline of the next article, flush with the column)."""
    from newsarchive.reorder.geometry import glyph_size
    from newsarchive.reorder.layout_order import header_extents

    foot = "“煤炭使用由‘燃料型’转向‘原料"
    assert glyph_size(_indented_block("foot", (foot,), 36, 0)) == pytest.approx(9.0)
    assert glyph_size(_indented_block("plain", ("近年来河北抢抓人工智能发展机遇推",), 36, 0)) == pytest.approx(9.0)
    body = 8
    boxes = [
        box(36, 0, 180, 12 * body), box(200, 0, 344, 12 * body),  # columns 1-2 of the article above
        box(36, 12 * body + 10, 180, 12 * body + 19),  # column 1 one line longer: its last line
        box(38, 12 * body + 40, 344, 12 * body + 60),  # the next article's headline, flush with column 1
        box(36, 12 * body + 75, 180, 12 * body + 75 + 12 * body), box(200, 12 * body + 75, 344, 12 * body + 75 + 12 * body),
    ]
    lines = [body, body, 1, 1, body, body]
    sizes = [9.0, 9.0, glyph_size(_indented_block("foot", (foot,), 36, 0)), 20.0, 9.0, 9.0]
    extents = header_extents(boxes, lines, 12.0, 144.0, sizes)
    assert 3 in extents and 2 not in extents


def test_a_last_line_with_a_stop_and_quote_hung_in_the_margin_still_continues_into_a_flush_column():
    """The column's last line (…文明平等对话。”) is 15 glyphs and the stop and closing quote hung in the
    margin: wider than every full line.  The next column's first line, full and flush, goes on with it."""
    from newsarchive.reorder.layout_joins import LayoutJoins

    full, indented, last = "近年来河北抢抓人工智能发展机遇推", "推动算力产业集聚发展带动企业", "形成完整产业链条。"
    frags = [
        _indented_block("p1", (indented, full, last), 36, 0),
        _indented_block("p2", (indented, full, last), 36, 40),
        _indented_block("p3", ("“这不是一次简单的文物引进，", "而是一场跨越山海的文明平等对话。”"), 36, 80),
        _indented_block("p4", ("褚晓波表示，展览能突破常规、收获", full, "魅力。"), 200, 0, gap=4),
        _indented_block("p5", (indented, full, last), 200, 40),
    ]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    assert [(j.head, j.tail) for j in LayoutJoins().apply(draft).joins] == [("p3", "p4")]


def test_a_column_ending_on_a_paragraph_s_first_line_alone_continues_into_a_flush_column_when_that_line_is_full():
    """人无精神不立，国无精神不强。| 精神是一个民族…: the column's foot is a paragraph's first line, set in two
    characters and filling the rest (14 glyphs of a 16-glyph column); the next column opens flush."""
    from newsarchive.reorder.layout_joins import LayoutJoins

    full, indented, last = "近年来河北抢抓人工智能发展机遇推", "推动算力产业集聚发展带动企业", "形成完整产业链条。"
    frags = [
        _indented_block("p1", (indented, full, last), 36, 0),
        _indented_block("p2", (indented, full, last), 36, 40),
        _indented_block("p3", ("人无精神不立，国无精神不强。",), 36, 80),  # one line, set in and full
        _indented_block("p4", ("精神是一个民族赖以长久生存的灵魂", full, last), 200, 0, gap=4),  # opens column 2 flush
        _indented_block("p5", (indented, full, last), 200, 40),
    ]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    assert [(j.head, j.tail) for j in LayoutJoins().apply(draft).joins] == [("p3", "p4")]
    # A first line alone that stops short (a one-line paragraph) ends its paragraph.
    short = [replace(f, lines=("人无精神不立。",), text="人无精神不立。") if f.id == "p3" else f for f in frags]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(short)), PeoplesDailyProfile())
    assert LayoutJoins().apply(draft).joins == ()


def test_a_full_line_is_measured_on_the_page_where_the_blocks_have_too_few_inner_lines():
    """The head's only inner line, set with quotes and commas narrow, counts 17 glyphs in a column of 16:
    measured on it alone, the next column's flush first line (16) would not be full."""
    from newsarchive.reorder.layout_joins import LayoutJoins

    full, indented, last = "近年来河北抢抓人工智能发展机遇推", "推动算力产业集聚发展带动企业", "形成完整产业链条。"
    frags = [
        _indented_block("p1", (indented, full, full, last), 36, 0),
        _indented_block("p2", (indented, full, full, last), 36, 52),
        _indented_block("p3", ("“煤炭使用由‘燃料型’转向", "‘原料型’，资源利用效率得到提高，", "产品生产由一般加工转向高端制造。”"), 36, 104),
        _indented_block("p4", ("贵州黔希化工有限责任公司党委副书", "记王付军说。"), 200, 0, gap=4),  # column 2 opens flush
        _indented_block("p5", (indented, full, full, last), 200, 28),
    ]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    assert [(j.head, j.tail) for j in LayoutJoins().apply(draft).joins] == [("p3", "p4")]


def test_a_paragraph_over_a_drawing_s_credit_set_in_the_running_text_s_type_is_no_caption():
    """The column's last paragraph stands over a drawing's credit as a caption would; in four lines of the
    running text's type it is running text (a caption is set smaller, in a few lines)."""
    from newsarchive.reorder import Pipeline
    from newsarchive.reorder.layout_roles import LayoutRoles
    from newsarchive.reorder.tag_roles import TagRoles

    full, indented, last = "近年来河北抢抓人工智能发展机遇推", "推动算力产业集聚发展带动企业", "形成完整产业链条。"
    quote = ("“接下来，我们还将进一步利用", "好大数据手段，完善分析研判模型，", "精准锁定问题线索，持续开展整治。”", "益阳市纪委书记高靖生说。")
    frags = [
        _indented_block("p1", (indented, full, full, last), 36, 0),
        _indented_block("p2", (indented, full, full, last), 36, 52),
        _indented_block("p3", quote, 36, 104),
        _line("credit", "洪琥绘（人民视觉）", 36, 160, 7.0),
        _indented_block("p4", (indented, full, full, last), 200, 0, gap=4),
    ]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    tagged = TagRoles().apply(draft)
    assert tagged.fragment("p3").role is Role.CAPTION  # the text alone: the line over a credit
    assert LayoutRoles().apply(tagged).fragment("p3").role is Role.PARAGRAPH
    # Set small, as captions are, it stays a caption.
    small = [replace(f, bbox=BBox(x0=36, y0=104, x1=36 + 7 * 16, y1=104 + 40)) if f.id == "p3" else f for f in frags]
    draft = Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(small)), PeoplesDailyProfile())
    assert LayoutRoles().apply(TagRoles().apply(draft)).fragment("p3").role is Role.CAPTION


def test_a_short_line_indented_as_a_paragraph_opens_is_a_paragraph_not_a_heading():
    """精度如何实现？ alone on its line in running text reads as a section heading to the text, but it starts
    two glyphs in from its column's edge, as the paragraphs do; a heading set flush stays a heading."""
    from newsarchive.reorder.layout_roles import LayoutRoles

    glyph, lead = 9.0, 12.0

    def block(fid: str, text: str, x0: float, y0: float, lines: int) -> Fragment:
        return Fragment(id=fid, text=text * lines, lines=(text,) * lines, start=0, end=len(text) * lines, line=1,
                        bbox=box(x0, y0, x0 + glyph * len(text), y0 + glyph + lead * (lines - 1)), role=Role.PARAGRAPH)

    running = "精度控制在厘米以内，作业效率大幅"  # a column's line: 16 glyphs, 144 wide
    fragments = (
        block("f1", running, 210, 100, 6),
        replace(block("f2", "精度如何实现？", 228, 172, 1), role=Role.HEADING),
        block("f3", running, 210, 186, 6),
        replace(block("f4", "精度从何而来", 210, 258, 1), role=Role.HEADING),
        block("f5", running, 210, 272, 6),
    )
    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=fragments), PeoplesDailyProfile())
    roles = {f.id: f.role for f in LayoutRoles().apply(draft).fragments}
    assert roles["f2"] is Role.PARAGRAPH
    assert roles["f4"] is Role.HEADING


def test_a_kicker_the_layout_shows_over_its_headline_is_no_frame_end_for_join_cuts():
    """信息能否“一键迁移”，事项如何跨区域通办 over 纳税人跨省份迁移便利吗（经济新方位）: a kicker without dashes,
    centred right over a headline in display type.  Read as text alone it may be a frame's last line emitted before a
    header, and 通办 | 事前… (办事 across the cut) would take it into running text; the layout says it is a kicker."""
    from newsarchive.reorder.join_cuts import JoinCuts
    from newsarchive.reorder.layout_roles import LayoutRoles
    from newsarchive.reorder.segment_articles import SegmentArticles
    from newsarchive.reorder.tag_roles import TagRoles

    def block(fid: str, text: str, x0: float, y0: float, size: float, lines: int = 1) -> Fragment:
        per_line = -(-len(text) // lines)
        rows = tuple(text[k : k + per_line] for k in range(0, len(text), per_line))
        return Fragment(id=fid, text="\n".join(rows), lines=rows, start=0, end=len(text), line=1,
                        bbox=box(x0, y0, x0 + size * per_line, y0 + size + 1.3 * size * (len(rows) - 1)))

    body = "7月1日召开的中央财经委员会第六次会议强调，健全统一市场基础制度规则，纵深推进全国统一大市场建设，一些纳税人"
    fragments = (
        block("f1", "信息能否“一键迁移”，事项如何跨区域通办", 120, 0, 11),  # centred over the headline
        block("f2", "纳税人跨省份迁移便利吗（经济新方位）", 50, 22, 20),
        block("f3", "本报记者 王 观", 140, 54, 10),
        block("f4", body, 0, 80, 9, 4),
        block("f5", "事前有业务指引，流程简洁；事中有专人对接，问题随时解决；事后有跟踪回访，服务不打烊，企业办事更省心。", 170, 80, 9, 4),
    )
    page = Page(meta=PageMeta(source="test"), fragments=fragments)
    draft = Draft.from_page(page, PeoplesDailyProfile())
    for step in (TagRoles(), LayoutRoles(), SegmentArticles(), JoinCuts()):
        draft = step.apply(draft)
    assert draft.fragment("f1").role is Role.KICKER
    assert all(j.head != "f1" for j in draft.joins)
    assert draft.articles[0].kicker == "f1"


def test_a_columns_last_line_in_the_running_texts_type_over_a_headline_is_not_confirmed_as_its_kicker():
    """国家发展改革委有关负责同志表, a paragraph's first line at a column's foot, stands centred over the next article's
    headline; the text takes it for a kicker, but in the running text's type the layout does not confirm it."""
    from newsarchive.reorder import STACKED_KICKER
    from newsarchive.reorder.layout_roles import LayoutRoles
    from newsarchive.reorder.tag_roles import TagRoles

    def block(fid: str, text: str, x0: float, y0: float, size: float, lines: int = 1) -> Fragment:
        rows = (text,) * lines
        return Fragment(id=fid, text="".join(rows), lines=rows, start=0, end=len(text) * lines, line=1,
                        bbox=box(x0, y0, x0 + size * len(text), y0 + size + 12 * (lines - 1)))

    column = "精度控制在厘米以内，作业效率大幅"
    fragments = (
        block("f1", column, 150, 0, 9, 8),
        block("f2", "国家发展改革委有关负责同志表", 159, 100, 9),
        block("f3", "广州强化科技创新和产业创新深度融合", 40, 124, 20),
        block("f4", "本报记者 洪秋婷", 185, 152, 10),
        block("f5", column, 0, 170, 9, 8),
    )
    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=fragments), PeoplesDailyProfile())
    draft = LayoutRoles().apply(TagRoles().apply(draft))
    assert draft.fragment("f2").role_reason != STACKED_KICKER
