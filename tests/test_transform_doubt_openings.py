"""doubt-openings (priority 480): a paragraph opening that may be a continuation no join found."""

from dataclasses import replace

from newsarchive.model import BBox, BlockType, Page, PageMeta
from newsarchive.profiles import get_profile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Join
from newsarchive.reorder.assemble import assemble
from newsarchive.reorder.doubt_openings import AFTER_CONTINUED_CUT, AFTER_CONTINUED_CUT_NONE_OPEN, AFTER_HEADER, DoubtOpenings
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

HEADLINE = "三产融合，蔬菜产业助增收"
BYLINE = "本报记者 范昊天"
CUT = "2024年11月，习近平总书记到嘉鱼县潘家湾镇十里蔬菜长廊考察时，走进田间，察看蔬菜长势，勉励"
OPENING = "发展现代农业离不开科技进步，新品种来自嘉鱼县蔬菜产业技术研究院。"
UNFINISHED = "潘家湾镇的蔬菜种植面积逐年扩大，从最初的几百亩发展到如今的上万亩，合作社带动周边农户"
FINISHED = "潘家湾镇的蔬菜种植面积逐年扩大，从最初的几百亩发展到如今的上万亩，合作社带动周边农户增收。"
TAIL = "当地干部群众走科技之路、质量之路、品牌之路，把蔬菜种植这个富民产业进一步做大做强。"


def _draft(*blocks: str, laid_out: bool = False) -> Draft:
    """The blocks (f1, f2, …) as one article, the cut (f3) continued by the last block: the state after the joins."""
    fragments = split_fragments("\n\n".join(blocks))
    if laid_out:
        fragments = tuple(replace(f, bbox=BBox(x0=0, y0=20 * k, x1=100, y1=20 * k + 10)) for k, f in enumerate(fragments))
    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=fragments), get_profile("zh"))
    draft = SegmentArticles().apply(TagRoles().apply(draft))
    last = fragments[-1].id
    body = (fragments[2].id, last, *(f.id for f in fragments[3:-1]))  # in reading order, as order-sections leaves it
    return replace(
        draft,
        articles=(replace(draft.articles[0], body=body),),
        joins=(Join(head="f3", tail=last, confidence=0.9, reason="test"),),
    )


def _doubts(draft: Draft) -> dict[str, float]:
    return {d.subjects[0]: d.confidence for d in draft.decisions if d.kind == "doubt"}


def test_opening_after_a_frame_end_is_doubted_while_a_cut_is_left_open():
    draft = DoubtOpenings().apply(_draft(HEADLINE, BYLINE, CUT, OPENING, UNFINISHED, TAIL))
    # f4 opens the frame after f3, which goes on in f6, and f5 stops mid-sentence with no continuation:
    # f4 may be f5's. f3, the first text under the byline, may be a frame emitted away from its header.
    assert _doubts(draft) == {"f3": AFTER_HEADER, "f4": AFTER_CONTINUED_CUT}
    page = assemble(draft)
    blocks = {b.fragments[0]: b for b in page.items[0].blocks}
    assert blocks["f4"].confidence == AFTER_CONTINUED_CUT < 0.7  # inspect lists it
    assert blocks["f3"].fragments == ("f3", "f6") and blocks["f3"].confidence == AFTER_HEADER
    assert blocks["f5"].type is BlockType.PARAGRAPH and blocks["f5"].confidence == 0.4  # stops mid-sentence


def test_no_cut_left_open_leaves_less_doubt():
    draft = DoubtOpenings().apply(_draft(HEADLINE, BYLINE, CUT, OPENING, FINISHED, TAIL))
    # Nothing else is unfinished: the opening is less likely a lost continuation, and the text
    # under the byline has no open cut to continue.
    assert _doubts(draft) == {"f4": AFTER_CONTINUED_CUT_NONE_OPEN}


def test_a_finished_paragraph_or_a_joined_tail_raises_no_doubt():
    draft = DoubtOpenings().apply(_draft(HEADLINE, BYLINE, CUT, OPENING, FINISHED, UNFINISHED, TAIL))
    doubts = _doubts(draft)
    assert "f6" not in doubts  # after a finished paragraph
    assert "f7" not in doubts  # a join's tail: already placed after its head


def test_no_doubts_on_a_laid_out_page():
    draft = _draft(HEADLINE, BYLINE, CUT, OPENING, UNFINISHED, TAIL, laid_out=True)
    assert DoubtOpenings().apply(draft) is draft


def test_a_paragraph_opening_mid_sentence_that_no_join_took_is_doubted_as_one_that_stops_so():
    # 勤，… opens inside a sentence: the piece of a cut whose head was not found.
    draft = DoubtOpenings().apply(_draft(HEADLINE, BYLINE, CUT, "勤，长期坚守信息通信领域，带领团队攻克多项关键技术。", FINISHED, TAIL))
    blocks = {b.fragments[0]: b for b in assemble(draft).items[0].blocks}
    assert blocks["f4"].confidence == 0.4
    assert blocks["f5"].confidence == 1.0  # a paragraph of its own
