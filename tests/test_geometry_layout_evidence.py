"""Layout evidence for headlines and order on OCR pages: display type ending in a full stop, short blocks on one line."""

from __future__ import annotations

import random

from newsarchive.model import BBox, Fragment, Page, PageMeta, Role
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.reorder import Draft
from newsarchive.reorder.layout_order import reading_order
from newsarchive.reorder.layout_roles import LayoutRoles
from newsarchive.reorder.tag_roles import TagRoles

BODY = "the market was steady and the funds closed at the price of the morning without any change"


def box(x0: float, y0: float, x1: float, y1: float) -> BBox:
    return BBox(x0=x0, y0=y0, x1=x1, y1=y1)


def fragment(fid: str, text: str, bbox: BBox, lines: int = 1) -> Fragment:
    return Fragment(id=fid, text=text, lines=tuple([text] * lines), start=0, end=len(text), line=1, bbox=bbox)


def _column(fid: str, text: str, x0: float, y0: float) -> Fragment:
    """Running text in a column 16 glyphs of 9 points wide, 12 points a line."""
    lines = tuple(text[i : i + 16] for i in range(0, len(text), 16))
    box_ = box(x0, y0, x0 + 144, y0 + 12 * len(lines))
    return Fragment(id=fid, text=text, lines=lines, start=0, end=len(text), line=1, bbox=box_)


ZH_TEXT = "近年来，河北抢抓人工智能发展机遇，推动算力产业集聚发展，带动了一批企业落户，形成了完整的产业链条。"


def zh_draft(frags: list[Fragment]) -> Draft:
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    return Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())


def zh_roles_after_layout(frags: list[Fragment]) -> dict[str, Role]:
    return {f.id: f.role for f in LayoutRoles().apply(TagRoles().apply(zh_draft(frags))).fragments}


def roles_after_layout(frags: list[Fragment]) -> dict[str, Role]:
    draft = Draft.from_page(Page(meta=PageMeta(language="en"), fragments=tuple(frags)), EnglishNewspaperProfile())
    promoted = LayoutRoles().apply(TagRoles().apply(draft))
    return {f.id: f.role for f in promoted.fragments}


def test_a_display_type_title_ending_in_a_full_stop_heads_the_column_below():
    """Older papers end headlines with a full stop ("The Statesman."); in display type, centred, alone on its
    line, that is a headline, though the profile reads a Title Case line with a full stop as a sentence."""
    frags = [
        fragment("above", BODY, box(0, 0, 900, 360), lines=10),  # running text: body lines 36 high
        fragment("title", "The Statesman.", box(150, 400, 750, 500)),  # one line 100 high: 2.8x the body
        fragment("leader", BODY, box(0, 520, 900, 1240), lines=20),
        fragment("small", "The Statesman.", box(150, 1260, 750, 1296)),  # the same words in body type
        fragment("after", BODY, box(0, 1310, 900, 1670), lines=10),
    ]
    roles = roles_after_layout(frags)
    assert roles["title"] is Role.HEADLINE
    assert roles["small"] is not Role.HEADLINE  # body type: a sentence "The Statesman." in running text


def test_a_display_type_table_cell_with_a_neighbour_on_its_line_is_not_a_headline():
    """A cell of a table row ("Dublin." beside "Holland.") stands beside other cells over the same column."""
    frags = [
        fragment("above", BODY, box(0, 0, 900, 360), lines=10),
        fragment("cell-left", "Dublin.", box(0, 400, 250, 460)),  # 1.7x the body: the OCR box of a cell
        fragment("cell-right", "Holland.", box(400, 396, 650, 456)),
        fragment("rows", BODY, box(0, 470, 900, 650), lines=5),
    ]
    roles = roles_after_layout(frags)
    assert roles["cell-left"] is not Role.HEADLINE and roles["cell-right"] is not Role.HEADLINE


def test_short_blocks_side_by_side_on_one_line_read_left_to_right():
    """Header cells of a table under its title, in display type: the right cell starts a few units higher,
    but the cells share a line, so they read left to right before the rows under them."""
    layout = {
        "above": (box(0, 0, 900, 360), 10),  # running text: body lines 36 high
        "title": (box(350, 380, 550, 400), 1),  # the table's title, centred
        "left": (box(0, 414, 230, 468), 1),  # a cell in display type (OCR boxes of cells run tall)
        "right": (box(320, 406, 710, 506), 2),  # its neighbour, starting 8 units higher
        "rows": (box(40, 446, 860, 606), 5),
        "below": (box(0, 620, 900, 980), 10),
    }
    for seed in range(4):  # whatever the order of the blocks in the file
        names = list(layout)
        random.Random(seed).shuffle(names)
        order = [names[i] for i in reading_order([layout[n][0] for n in names], [layout[n][1] for n in names])]
        assert order == ["above", "title", "left", "right", "rows", "below"]



def test_only_header_sized_cells_over_one_column_count_as_side_by_side():
    """The guards of the left-to-right rule: one block in display type, both short and on one line (two column
    ends in body type are not cells), and a block right under both (two headlines over different columns
    are not one table's header row)."""
    from newsarchive.reorder.layout_order import _over_one_column, _side_by_side

    unit = 36.0
    cell, neighbour = box(0, 414, 230, 468), box(320, 406, 710, 506)  # 54 high: 1.5x the body
    assert _side_by_side(cell, neighbour, 1, 2, unit)
    assert not _side_by_side(box(0, 430, 230, 466), box(320, 430, 710, 466), 1, 1, unit)  # both in body type
    assert not _side_by_side(cell, box(320, 470, 710, 524), 1, 1, unit)  # the neighbour is on the next line
    assert not _side_by_side(cell, box(320, 406, 710, 706), 1, 8, unit)  # a column of text, not a cell
    assert _over_one_column(cell, neighbour, box(40, 446, 860, 606), unit)  # the rows under both
    assert not _over_one_column(cell, neighbour, box(400, 520, 860, 900), unit)  # a column under one only
    assert not _over_one_column(cell, neighbour, box(0, 900, 860, 1200), unit)  # far below both


def _run_in_lead_page(lead: str, after: Fragment, rest: Fragment) -> list[Fragment]:
    """A headline in display type and its byline over a column whose text goes on with a run-in lead (…——)."""
    return [
        fragment("head", "河北强算力产业育创新场景", box(40, 0, 270, 20)),  # display type: 20 high
        fragment("by", "本报记者 万秀斌", box(100, 30, 200, 40)),
        _column("c1", ZH_TEXT + ZH_TEXT, 0, 60),  # 7 lines of 16 glyphs of 9 points: down to 144
        fragment("lead", lead, box(0, 185, 144, 206), lines=2),
        after,
        rest,
    ]


def test_a_run_in_lead_in_body_type_across_its_column_is_running_text_not_a_new_header():
    """A section's run-in lead ends in —— like a kicker, and the line after it (a paragraph cut at the
    column's foot) is short like a headline; set in body type and filling the column, both are text."""
    frags = _run_in_lead_page(
        "算电协同，算力与绿色电力融合发展——",
        fragment("cut", "步入中明能源张家口智算中心项", box(0, 221, 144, 230)),  # one full line in body type
        fragment("c2", "目现场，智算中心大楼已封顶。" + ZH_TEXT, box(170, 60, 314, 170), lines=10),
    )
    roles = zh_roles_after_layout(frags)
    assert roles["head"] is Role.HEADLINE
    assert roles["lead"] is Role.PARAGRAPH and roles["cut"] is Role.PARAGRAPH


def test_a_body_type_line_under_a_run_in_lead_is_a_section_heading_not_a_headline():
    """The text took the lead ending in —— for a kicker and the short line under it for its headline;
    once the lead is running text, that line (body type, indented in its column) heads a section."""
    frags = _run_in_lead_page(
        "推广应用，培育人工智能创新场景——",
        fragment("question", "算力应用，带来了什么？", box(18, 209, 117, 218)),  # body type, indented
        _column("c2", ZH_TEXT, 0, 221),
    )
    roles = zh_roles_after_layout(frags)
    assert roles["lead"] is Role.PARAGRAPH
    assert roles["question"] is Role.HEADING


def test_a_title_line_under_a_display_headline_is_a_section_heading_not_a_kicker():
    """A forum page: the headline in display type, then each contribution's title in body type. The text
    took the page's first title line for a kicker (and the headline above it for a heading); a kicker
    stands over its headline, so the display line is the headline and the line under it heads a section."""
    text = ZH_TEXT
    frags = [
        fragment("head", "创新科技金融服务 推动经济社会高质量发展", box(40, 0, 424, 20)),  # display type
        fragment("title", "答好“养老金融”民生题", box(0, 43, 99, 52)),  # body type
        Fragment(
            id="author", text="泰康保险集团助理总裁兼董事会秘书\n应惟伟", lines=("泰康保险集团助理总裁兼董事会秘书", "应惟伟"),
            start=0, end=20, line=1, bbox=box(0, 67, 144, 88),
        ),
        fragment("c1", text, box(0, 103, 144, 213), lines=10),
        fragment("c2", text, box(170, 67, 314, 177), lines=10),
    ]
    draft = zh_draft(frags)
    tagged = TagRoles().apply(draft)
    assert [f.role for f in tagged.fragments[:2]] == [Role.HEADING, Role.KICKER]  # what the text alone says
    roles = {f.id: f.role for f in LayoutRoles().apply(tagged).fragments}
    assert roles["head"] is Role.HEADLINE
    assert roles["title"] is Role.HEADING


def test_a_headline_in_the_running_texts_type_heads_a_section_not_an_article():
    """A composite page: the page's headline in display type, then reports each opened by a place, a
    title and a byline set in the running text's type. The text alone takes them for a new article's
    kicker, headline and byline; in Chinese papers headlines are display type, so they head a section."""
    text = ZH_TEXT
    frags = [
        fragment("head", "惠民剧场看好戏", box(40, 0, 180, 20)),  # display type
        _column("c1", text, 0, 40),  # 16 glyphs of 9 points a line
        fragment("place", "重庆开州", box(0, 145, 36, 154)),  # the running text's type: 9 points a glyph
        fragment("title", "一张戏票聚人气", box(0, 160, 63, 169)),
        fragment("by", "本报记者 沈靖然", box(0, 175, 67, 184)),
        _column("c2", text, 0, 190),
    ]
    draft = zh_draft(frags)
    tagged = TagRoles().apply(draft)
    assert [f.role for f in tagged.fragments[2:5]] == [Role.KICKER, Role.HEADLINE, Role.BYLINE]  # the words alone
    roles = {f.id: f.role for f in LayoutRoles().apply(tagged).fragments}
    assert roles["head"] is Role.HEADLINE
    assert (roles["place"], roles["title"], roles["by"]) == (Role.HEADING, Role.HEADING, Role.PARAGRAPH)


def test_a_long_kicker_filling_its_column_over_a_display_headline_stays_a_kicker():
    """A kicker wrapped to the column's width is followed by its headline in display type."""
    text = ZH_TEXT
    frags = [
        fragment("c0", text, box(0, 0, 144, 110), lines=10),
        fragment("kicker", "江苏干部群众传承伟大抗战精神——", box(0, 125, 144, 146), lines=2),
        fragment("head", "追寻红色记忆", box(20, 155, 124, 175)),
        fragment("c1", text, box(0, 190, 144, 300), lines=10),
    ]
    roles = zh_roles_after_layout(frags)
    assert roles["kicker"] is Role.KICKER and roles["head"] is Role.HEADLINE


def test_a_short_last_line_ends_the_paragraph_and_a_full_one_may_be_cut():
    """Justified text fills every line of a paragraph but its last: a block whose last line stops short
    (in characters, or for one line in width against the columns) ends its paragraph."""
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile
    from newsarchive.reorder.layout_line_ends import LayoutLineEnds

    full = "近年来河北抢抓人工智能发展机遇推动"  # 17 characters: one full line of the column
    frags = [
        Fragment(id="cut", text="", lines=(full, full, full), start=0, end=0, line=1, bbox=box(0, 0, 144, 33)),
        Fragment(id="ends", text="", lines=(full, full, "产业链条。"), start=0, end=0, line=1, bbox=box(0, 40, 144, 73)),
        Fragment(id="digits", text="", lines=(full, "2025年全省算力规模达到1.2万PFlops，", full), start=0, end=0, line=1,
                 bbox=box(0, 80, 144, 113)),  # a line of digits and Latin letters holds more characters
        Fragment(id="heading", text="", lines=("爱岗奉献，彰显巾帼担当",), start=0, end=0, line=1, bbox=box(0, 120, 99, 129)),
        Fragment(id="foot", text="", lines=(full,), start=0, end=0, line=1, bbox=box(0, 140, 144, 149)),
    ]
    draft = zh_draft(frags)
    assert LayoutLineEnds().apply(draft).paragraph_ends == {"ends", "heading"}


def test_join_cuts_takes_no_paragraph_end_for_the_head_of_a_cut():
    """A word read across the cut (发|展) joins the two pieces, unless the layout shows the first one ends."""
    from dataclasses import replace

    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile
    from newsarchive.reorder.join_cuts import JoinCuts

    frags = [
        fragment("head", "我们要推动数字经济和实体经济深度融合发", box(0, 0, 144, 33), lines=3),
        fragment("tail", "展，为高质量发展提供有力支撑，这是新时代的要求。", box(170, 0, 314, 33), lines=3),
    ]
    draft = TagRoles().apply(
        Draft.from_page(Page(meta=PageMeta(language="zh-CN"), fragments=tuple(frags)), PeoplesDailyProfile())
    )
    assert [(j.head, j.tail) for j in JoinCuts().apply(draft).joins] == [("head", "tail")]
    marked = replace(draft, paragraph_ends=frozenset({"head"}))
    assert JoinCuts().apply(marked).joins == ()


def test_glyph_size_of_cjk_text_is_its_width_over_its_characters():
    from newsarchive.reorder.geometry import glyph_size

    def block(lines, width):
        return Fragment(id="b", text="", lines=lines, start=0, end=0, line=1, bbox=box(0, 0, width, 10))

    assert glyph_size(block(("上海博物馆人民广场馆外景。",), 97.5)) == 7.5
    assert glyph_size(block(("全省算力规模达1200PF，", "增长"), 9 * 8 + 4.5 * 6)) == 9.0  # digits are half as wide
    assert glyph_size(block(("The market was steady",), 200)) is None  # not square glyphs


def test_a_short_sentence_in_small_type_is_a_caption_without_a_credit():
    """A caption with no credit line reads like a one-sentence paragraph; its smaller type says otherwise."""
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    text = "近年来河北抢抓人工智能发展机遇推动"  # 17 characters at 9 units: a full line of 153
    def block(fid, lines, bbox):
        return Fragment(id=fid, text="", lines=lines, start=0, end=0, line=1, bbox=bbox)

    frags = [
        block("c1", (text,) * 5, box(0, 0, 153, 57)),
        block("caption", ("上海博物馆人民广场馆外景。",), box(0, 70, 97.5, 77.5)),
        block("short", ("这是新时代的要求。",), box(0, 90, 81, 99)),
        # A paragraph's last three glyphs, measured by an OCR box that ends at the ink of 。: too few
        # glyphs to tell the type, and more likely a line cut off a paragraph than a caption.
        block("tail", ("人次。",), box(0, 100, 20.8, 109)),
        block("c2", (text,) * 5, box(0, 110, 153, 167)),
    ]
    roles = zh_roles_after_layout(frags)
    assert roles["caption"] is Role.CAPTION
    assert roles["short"] is Role.PARAGRAPH  # a one-sentence paragraph in body type
    assert roles["tail"] is Role.PARAGRAPH


def test_a_centred_line_in_body_type_over_chinese_text_is_a_section_heading_not_a_headline():
    """Chinese papers set headlines in display type.  A line in body type centred in its column over running
    text is a section heading (小标题) — or a one-line paragraph whose two-glyph indent centres it by chance;
    centred over a headline in display type, it is that headline's kicker."""
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    text = "近年来河北抢抓人工智能发展机遇推动"[:16]  # 16 characters at 9 units: a full line of 144

    def block(fid, lines, bbox):
        return Fragment(id=fid, text="", lines=lines, start=0, end=0, line=1, bbox=bbox)

    frags = [
        block("c1", (text,) * 5, box(0, 0, 144, 57)),
        block("line", ("让群众办事少跑腿、好办事",), box(18, 70, 126, 79)),  # 12 glyphs, indented by 2
        block("c2", (text,) * 5, box(0, 90, 144, 147)),
        block("heading", ("让治理效能上档次",), box(36, 160, 108, 169)),  # 8 glyphs, centred: 4 on either side
        block("c3", (text,) * 5, box(0, 180, 144, 237)),
        block("kicker", ("县里春耕生产有序推进",), box(27, 250, 117, 259)),  # centred over a display headline
        block("headline", ("田野里一片生机",), box(9, 266, 135, 284)),  # 18 units a glyph: display type
        block("c4", (text,) * 5, box(0, 300, 144, 357)),
    ]
    roles = zh_roles_after_layout(frags)
    assert roles["line"] is not Role.HEADLINE and roles["heading"] is Role.HEADING
    assert roles["kicker"] is Role.KICKER and roles["headline"] is Role.HEADLINE


def test_a_deck_set_larger_than_its_headline_is_the_headline():
    """The text typed a column's last line ending in a run-in —— as a kicker, so the real kicker (one line,
    11-point type) came out as the headline and the headline (two lines, 18-point type) as its deck; layout
    roles retype that run-in line as running text, and type puts the header right: the largest is the headline."""
    headline = ("河南全力抓项目扩投资稳增长（奋勇先", "）")  # 17 glyphs over 306 points: 18-point type
    frags = [
        _column("col1", ZH_TEXT * 3, 36, 0),
        _column("col2", ZH_TEXT * 2, 200, 0),
        fragment("runin", "同期举办的人工智能赛道总决赛现场，以“数智融合”为主题——", box(200, 96, 344, 120), lines=2),
        fragment("kicker", "把发展经济的着力点放在实体经济上", box(192, 130, 368, 141)),
        Fragment(id="headline", text="".join(headline), lines=headline, start=0, end=18, line=1, bbox=box(39, 150, 345, 190)),
        _column("col3", ZH_TEXT * 3, 36, 210),
        _column("col4", ZH_TEXT * 3, 200, 210),
    ]
    roles = zh_roles_after_layout(frags)
    assert (roles["kicker"], roles["headline"]) == (Role.KICKER, Role.HEADLINE)


def test_a_headline_over_a_deck_without_dashes_is_told_by_type():
    """Headline (20-point) over its deck (12-point, no ——) over a byline: the text alone takes the first line
    for a kicker and the deck for the headline; type says the larger is the headline."""
    frags = [
        fragment("headline", "广西发展绿色建筑", box(116, 0, 276, 20)),  # 8 glyphs over 160 points: 20-point type
        fragment("deck", "绿色建筑面积占城镇新建建筑面积比例达96.36%", box(52, 28, 340, 40)),  # 12-point type
        fragment("byline", "本报记者  庞革平", box(160, 46, 232, 56)),
        _column("col1", ZH_TEXT * 3, 36, 64),
        _column("col2", ZH_TEXT * 3, 200, 64),
    ]
    roles = zh_roles_after_layout(frags)
    assert (roles["headline"], roles["deck"], roles["byline"]) == (Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE)


def test_a_masthead_over_a_headline_in_display_type_stays_above_it():
    """A larger line over a headline that is itself in display type (a paper's name over the lead story) is no
    headline-and-deck pair: the lower line stays the headline."""
    frags = [
        fragment("mast", "江南晚报", box(96, 0, 296, 50)),  # 50-point type
        fragment("headline", "县里春耕生产有序推进", box(86, 60, 306, 82)),  # 22-point type: display
        fragment("byline", "本报记者  庞革平", box(160, 90, 232, 100)),
        _column("col1", ZH_TEXT * 3, 36, 110),
        _column("col2", ZH_TEXT * 3, 200, 110),
    ]
    roles = zh_roles_after_layout(frags)
    assert roles["headline"] is Role.HEADLINE and roles["mast"] is not Role.HEADLINE


def test_a_header_line_in_display_type_over_a_section_heading_is_the_headline():
    """Kicker (11-point) over headline (20-point) over a letter-spaced section heading (回  信): with no byline
    the text takes the headline for a kicker over nothing; display type makes it the headline again."""
    frags = [
        fragment("kicker", "习近平给新华社老党员张连生回信强调", box(102, 0, 289, 11)),  # 17 glyphs of 11 points
        fragment("headline", "传承红色基因 在新征程上书写优异答卷", box(16, 18, 376, 38)),  # 20-point type
        fragment("heading", "回  信", box(182, 48, 209, 57)),  # body type, letter-spaced: 27 points
        _column("col1", ZH_TEXT * 3, 36, 64),
        _column("col2", ZH_TEXT * 3, 200, 64),
    ]
    roles = zh_roles_after_layout(frags)
    assert (roles["kicker"], roles["headline"], roles["heading"]) == (Role.KICKER, Role.HEADLINE, Role.HEADING)


def test_a_display_type_title_whose_quotes_ocr_lost_is_still_a_headline():
    """Tesseract read 吴桥：“杂技+”走出融合路 as 吴桥:杂技+”走出融合路: one quote mark left, which in running
    text marks a cut sentence; in display type the size vouches for the title.  In body type it does not."""
    text = "近年来河北抢抓人工智能发展机遇推动"[:16]

    def block(fid, lines, bbox):
        return Fragment(id=fid, text="", lines=lines, start=0, end=0, line=1, bbox=bbox)

    title = "吴桥:杂技+”走出融合路"
    frags = [
        block("title", (title,), box(0, 0, 144, 18)),  # 18 units a glyph: display type
        block("c1", (text,) * 5, box(0, 30, 144, 87)),
        block("small", (title,), box(0, 100, 99, 109)),  # the same words in body type
        block("c2", (text,) * 5, box(0, 120, 144, 177)),
    ]
    roles = zh_roles_after_layout(frags)
    assert roles["title"] is Role.HEADLINE
    assert roles["small"] is not Role.HEADLINE
