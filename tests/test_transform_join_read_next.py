"""join-read-next (priority 510): a cut paragraph still open after ordering, and the frame opening read after it."""

from dataclasses import replace

from newsarchive import api
from newsarchive.model import BBox, Page, PageMeta
from newsarchive.profiles import get_profile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Join
from newsarchive.reorder.join_read_next import CONFIDENCE, JoinReadNext
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

HEADLINE = "三产融合，蔬菜产业助增收"
BYLINE = "本报记者 范昊天"
CUT = "2024年11月，习近平总书记到嘉鱼县潘家湾镇十里蔬菜长廊考察时，走进田间，察看蔬菜长势，勉励"
TAIL = "当地干部群众走科技之路、质量之路、品牌之路，把蔬菜种植这个富民产业进一步做大做强。"
FINISHED = "发展现代农业离不开科技进步，新品种来自嘉鱼县蔬菜产业技术研究院。"
UNFINISHED = "潘家湾镇的蔬菜种植面积逐年扩大，从最初的几百亩发展到如今的上万亩，合作社带动周边农户"
WIDE, NARROW = "\n\n\n\n", "\n\n"


def _draft(*parts: str, reading: tuple[int, ...], laid_out: bool = False) -> Draft:
    """``parts`` alternate blocks and gaps; the one article reads its body blocks (1-based, f3 on) in ``reading`` order."""
    fragments = split_fragments("".join(parts))
    if laid_out:
        fragments = tuple(replace(f, bbox=BBox(x0=0, y0=20 * k, x1=100, y1=20 * k + 10)) for k, f in enumerate(fragments))
    draft = Draft.from_page(Page(meta=PageMeta(source="test"), fragments=fragments), get_profile("zh"))
    draft = SegmentArticles().apply(TagRoles().apply(draft))
    return replace(draft, articles=(replace(draft.articles[0], body=tuple(f"f{k}" for k in reading)),))


def _joins(draft: Draft) -> set[tuple[str, str]]:
    return {(j.head, j.tail) for j in JoinReadNext().apply(draft).joins}


def test_a_frame_opening_read_after_an_open_cut_continues_it():
    # TAIL was emitted after a wide gap (a frame's start), its article reads it right after the cut.
    draft = _draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, TAIL, reading=(3, 5, 4))
    joined = JoinReadNext().apply(draft)
    assert {(j.head, j.tail) for j in joined.joins} == {("f3", "f5")}
    assert joined.joins[0].confidence == CONFIDENCE < 0.75  # position evidence only: less sure than join-frames at a wide gap
    assert [d.step for d in joined.decisions if d.kind == "join"] == ["join-read-next"]


def test_a_piece_after_a_finished_paragraph_of_its_frame_opens_a_paragraph():
    # Emitted right after a finished paragraph with an ordinary blank line: the same frame, a new paragraph.
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, NARROW, TAIL, reading=(3, 5, 4))) == set()


def test_a_piece_after_a_paragraph_cut_at_its_frame_end_opens_a_frame():
    # UNFINISHED ends its frame mid-sentence: what the extractor emits next opens another frame.
    draft = _draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, UNFINISHED, NARROW, TAIL, reading=(3, 5, 4))
    assert _joins(draft) == {("f3", "f5")}


def test_a_piece_emitted_right_after_the_head_is_join_frames_business():
    # join-frames judged the pair emitted one after the other (and left it apart): not asked again.
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, WIDE, TAIL, reading=(3, 4))) == set()


def test_no_join_from_a_paragraph_that_may_end_unpunctuated_or_is_continued():
    lead_in = CUT[:-2] + "："
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, lead_in, NARROW, FINISHED, WIDE, TAIL, reading=(3, 5, 4))) == set()
    draft = _draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, TAIL, reading=(3, 5, 4))
    continued = replace(draft, joins=(Join(head="f3", tail="f4", confidence=0.9, reason="test"),))
    assert _joins(continued) == {("f3", "f4")}  # the cut already goes on: nothing added
    taken = replace(draft, joins=(Join(head="f4", tail="f5", confidence=0.9, reason="test"),))
    assert ("f3", "f5") not in _joins(taken)  # the piece already continues another


def test_no_join_that_would_close_a_cycle():
    draft = _draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, UNFINISHED, reading=(3, 5))
    cyclic = replace(draft, joins=(Join(head="f5", tail="f3", confidence=0.9, reason="test"),))
    assert _joins(cyclic) == {("f5", "f3")}


def test_no_join_to_a_dateline_or_a_sentence_opening_after_a_cut_inside_a_clause():
    dateline = "本报北京1月4日电  " + TAIL
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, dateline, reading=(3, 5, 4))) == set()
    sentence = "近日，" + TAIL
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, sentence, reading=(3, 5, 4))) == set()


def test_no_join_the_words_across_the_cut_speak_against():
    # The head leaves a book title open (《…), the piece read next closes none: another cut's end.
    open_title = CUT[:-2] + "，其中就包括《哥弟混合三环"
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, open_title, NARROW, FINISHED, WIDE, TAIL, reading=(3, 5, 4))) == set()
    closed = "瓶》" + TAIL
    assert _joins(_draft(HEADLINE, NARROW, BYLINE, NARROW, open_title, NARROW, FINISHED, WIDE, closed, reading=(3, 5, 4))) == {("f3", "f5")}


def test_nothing_on_a_laid_out_page():
    draft = _draft(HEADLINE, NARROW, BYLINE, NARROW, CUT, NARROW, FINISHED, WIDE, TAIL, reading=(3, 5, 4), laid_out=True)
    assert _joins(draft) == set()


def test_the_whole_pipeline_rejoins_a_cut_whose_tail_frame_was_emitted_after_another_article():
    text = NARROW.join([
        "三产融合，蔬菜产业助增收", "本报记者 范昊天",
        "隆冬时节，湖北省嘉鱼县新街镇，不少蔬菜“住”进了温室大棚，嘉鱼县蔬菜产业技术研究院培育的新品种长势喜人。",
        CUT,
        "文化赋能，乡村旅游谋“长红”", "本报记者 朱 磊",
        "点烟、刮烟、和料，墨墩抹上些油，热烘烘的墨饼摔上去，婺源县虹关村的徽墨制作体验吸引了不少游客。",
    ]) + WIDE + NARROW.join([TAIL, "嘉鱼县蔬菜产业技术研究院副院长说，研究院今年又选育出三个蔬菜新品种，嘉鱼县蔬菜种植户增收明显。"]) + "\n"
    page = api.load(text.encode())
    first = page.items[0]
    texts = ["".join(b.text.split()) for b in first.blocks]
    assert "".join((CUT + TAIL).split()) in texts
