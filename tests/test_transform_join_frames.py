"""join-frames (priority 470): an unfinished paragraph and the next frame of its article across a wide gap."""

from newsarchive.model import Page, PageMeta
from newsarchive.profiles import get_profile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.join_frames import JoinFrames
from newsarchive.reorder.order_sections import OrderSections
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

STEPS = (TagRoles(), SegmentArticles(), JoinCuts(), AssignFragments(), JoinFrames(), OrderSections())
WIDE, NARROW = "\n\n\n\n", "\n\n"

HEAD = "2024年11月，习近平总书记到嘉鱼县潘家湾镇十里蔬菜长廊考察时，走进田间，察看蔬菜长势，勉励"
TAIL = "当地干部群众走科技之路、质量之路、品牌之路，把蔬菜种植这个富民产业进一步做大做强。"
# Another frame opening, so that join-cuts cannot pair the cut with TAIL by elimination.
MORE = (WIDE, "发展现代农业离不开科技进步，新品种来自嘉鱼县蔬菜产业技术研究院。")


def _run(*parts: str) -> Draft:
    """``parts`` alternate blocks and the gaps between them."""
    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("".join(parts)))
    return Pipeline(STEPS).run(Draft.from_page(page, get_profile("zh")))


def _joins(draft: Draft) -> set[tuple[str, str]]:
    return {(j.head, j.tail) for j in draft.joins}


def test_joined_across_a_wide_gap_within_one_article():
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE, TAIL, *MORE)
    assert _joins(draft) == {("f3", "f4")}
    join = draft.joins[0]
    assert 0.7 <= join.confidence < 0.9  # position evidence only: right about 4 times in 5 on dev pages
    assert draft.articles[0].body == ("f3", "f4", "f5")


def test_joined_across_an_ordinary_blank_line_with_less_confidence():
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, NARROW, TAIL, *MORE)
    assert _joins(draft) == {("f3", "f4")}
    assert 0.5 <= draft.joins[0].confidence < 0.7  # right about 3 times in 5 on dev pages
    assert draft.articles[0].body == ("f3", "f4", "f5")


def test_a_paragraph_cut_twice_is_joined_as_a_chain():
    """The middle piece already goes on by a word across its cut (基础 | 性): it may still continue the head."""
    middle = TAIL[:-1] + "，成为带动农民增收的基础"
    end = "性产业。"
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, NARROW, middle, NARROW, end, *MORE)
    steps = {(j.head, j.tail): d.step for j in draft.joins for d in draft.decisions if d.subjects == (j.head, j.tail)}
    assert steps == {("f3", "f4"): "join-frames", ("f4", "f5"): "join-cuts"}
    assert draft.articles[0].body[:3] == ("f3", "f4", "f5")


def test_joined_across_a_photo_dropped_between_the_frames():
    draft = _run(
        "三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, NARROW,
        "农民在大棚里采摘蔬菜。", NARROW, "兰 锋摄（人民视觉）", NARROW, TAIL, *MORE,
    )
    assert ("f3", "f6") in _joins(draft)


def test_not_joined_across_an_ordinary_blank_line_after_a_list_item_or_a_title():
    """A paragraph may stop at a semicolon (an item of a list) or be a title-like line; a frame's end is not shown."""
    item = HEAD[:-2] + "；"
    listed = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, item, NARROW, TAIL, *MORE)
    assert _joins(listed) == set()
    titled = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, NARROW, "科技兴农", NARROW, TAIL, *MORE)
    assert ("f4", "f5") not in _joins(titled)
    # Across a wide gap the extractor shows the frame ends there: the list item is joined.
    wide = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, item, WIDE, TAIL, *MORE)
    assert _joins(wide) == {("f3", "f4")}


def test_a_title_like_piece_is_joined_to_a_next_piece_that_cannot_open_a_paragraph():
    """A short unpunctuated piece may be a title; not when the piece after it opens inside a sentence (勤，…)."""
    head = "中国信息通信研究院研究员王志"
    tail = "勤，长期坚守信息通信领域，带领团队攻克多项关键技术，为我国移动通信发展作出了重要贡献。"
    opening = "她们当中，有科技攻关的领衔者，也有乡村振兴的开拓者。"
    draft = _run("巾帼绽芳华  奋进新征程", NARROW, "本报记者 杨 昊", NARROW, opening, NARROW, head, NARROW, tail, *MORE)
    assert ("f4", "f5") in _joins(draft)
    # The same piece before a paragraph that opens as one stays apart (a section heading, for all the text says).
    titled = _run("巾帼绽芳华  奋进新征程", NARROW, "本报记者 杨 昊", NARROW, opening, NARROW, head, NARROW, TAIL, *MORE)
    assert ("f4", "f5") not in _joins(titled)


def test_list_items_marked_as_such_are_not_joined_across_an_ordinary_blank_line():
    items = ("一、加快发展现代农业", "二、推动蔬菜产业提质增效", "三、拓宽农民增收渠道")
    listed = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, "嘉鱼县今年的重点工作有三项。", NARROW,
                  items[0], NARROW, items[1], NARROW, items[2], NARROW, TAIL, *MORE)
    assert _joins(listed) == set()
    # Nor in English: "- more funding for schools" / "- fewer meetings in summer".
    page = Page(meta=PageMeta(source="test", language="en"), fragments=split_fragments(
        "TOWN COUNCIL MEETING\n\nBy JOHN SMITH\n\nMembers agreed on three points:\n\n"
        "- more funding for schools\n\n- fewer meetings in summer\n\nThe mayor said the plan would follow.\n"
    ))
    english = Pipeline(STEPS).run(Draft.from_page(page, get_profile("en")))
    assert _joins(english) == set()


def test_not_joined_across_an_ordinary_gap_on_a_laid_out_page():
    """On a page with geometry, layout-joins has judged adjacent pieces from their lines."""
    from dataclasses import replace

    from newsarchive.model import BBox

    parts = ("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, NARROW, TAIL, *MORE)
    fragments = split_fragments("".join(parts))
    boxed = tuple(replace(f, bbox=BBox(x0=0, y0=20 * k, x1=100, y1=20 * k + 15)) for k, f in enumerate(fragments))
    draft = Pipeline(STEPS).run(Draft.from_page(Page(meta=PageMeta(source="test"), fragments=boxed), get_profile("zh")))
    assert ("f3", "f4") not in _joins(draft)


def test_not_joined_to_the_next_article_or_a_dateline_lead():
    other = _run(
        "三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE,
        "文化赋能，乡村旅游谋长红", NARROW, "本报记者 朱 磊", NARROW, TAIL, *MORE,
    )
    assert _joins(other) == set()
    lead = _run(
        "三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE,
        "本报武汉1月4日电（记者范昊天）嘉鱼县蔬菜产业持续壮大。",
    )
    assert ("f3", "f4") not in _joins(lead)


def test_not_joined_to_text_opening_as_a_sentence_does():
    """A cut inside a clause rarely leaves a piece opening with a time or a connective and a comma."""
    openings = (
        "近日，嘉鱼县蔬菜产业持续壮大。",
        "前不久，嘉鱼县举办蔬菜节。",
        "（新华社武汉1月4日电）嘉鱼县蔬菜产业持续壮大。",
        "随着春节申遗成功，嘉鱼县蔬菜走俏。",  # a time or scene set before the point
        "在国家图书馆的善本古籍库房内，收藏着一件稀世珍宝。",
        "曾经，滩涂荒地，虫鸣盈耳。",
    )
    for opening in openings:
        draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE, opening, *MORE)
        assert ("f3", "f4") not in _joins(draft), opening
    # After a clause's comma a clause may open so: 张和平介绍，| 近年来，….
    said = "澄江市教育体育局副局长张和平介绍，"
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, said, WIDE, "近年来，抚仙湖帆船运动规模不断扩大。", *MORE)
    assert ("f3", "f4") in _joins(draft)


def test_not_joined_when_the_layout_shows_the_paragraph_ends():
    """A short last line (layout-line-ends) outweighs the missing full stop."""
    from dataclasses import replace

    parts = ("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE, TAIL, *MORE)
    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("".join(parts)))
    draft = replace(Draft.from_page(page, get_profile("zh")), paragraph_ends=frozenset({"f3"}))
    assert _joins(Pipeline(STEPS).run(draft)) == set()


def test_not_joined_where_the_words_across_the_cut_speak_against():
    """A quote the next piece closes was never opened in the head (…“敢用数 | 会用数”的…): another cut's end."""
    orphan_close = "便利纳税人权益无缝衔接”的跨区域迁移服务，让企业更安心。"
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, HEAD, WIDE, orphan_close, *MORE)
    assert _joins(draft) == set()
    opened = HEAD + "“"
    draft = _run("三产融合，蔬菜产业助增收", NARROW, "本报记者 范昊天", NARROW, opened, WIDE, orphan_close, *MORE)
    assert ("f3", "f4") in _joins(draft)
