"""join-in-article (priority 465): a paragraph still open after assignment joins the piece of its article the words across the cut favour."""

from newsarchive.model import Page, PageMeta
from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder import join_in_article
from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.join_frames import JoinFrames
from newsarchive.reorder.join_in_article import JoinInArticle
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

# join-cuts is left out: these pages stand for the heads it left open (far tails on moderate evidence).
STEPS = (TagRoles(), SegmentArticles(), AssignFragments(), JoinInArticle(), JoinFrames())
HEADER = ("三产融合，蔬菜产业助增收", "本报记者 范昊天", "隆冬时节，湖北省嘉鱼县新街镇，不少蔬菜“住”进了温室大棚。")
HEAD = "一张社保卡，能帮助居民完成哪些事项？社会保障卡是国家民生服务的基础"
TAIL = "性载体，持卡人数达13.8亿，覆盖97.9%的人口。"
# Emitted right after the head: a paragraph of the same article that the cut's words do not favour.
NEXT = "当地干部群众走科技之路、质量之路、品牌之路，把蔬菜种植这个富民产业进一步做大做强。"


def _draft(*blocks: str, profile: PeoplesDailyProfile | None = None) -> Draft:
    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("\n\n".join(blocks)))
    return Pipeline(STEPS).run(Draft.from_page(page, profile or PeoplesDailyProfile()))


def _joins(draft: Draft) -> dict[tuple[str, str], str]:
    step_of = {d.subjects: d.step for d in draft.decisions if d.kind == "join"}
    return {(j.head, j.tail): step_of[(j.head, j.tail)] for j in draft.joins}


def test_an_open_head_joins_the_piece_its_words_favour_not_the_next_one():
    draft = _draft(*HEADER, HEAD, NEXT, TAIL)
    assert _joins(draft) == {("f4", "f6"): "join-in-article"}  # 基础 | 性载体: not f5, which join-frames would take
    join = draft.joins[0]
    assert join.confidence == join_in_article.CONFIDENCE
    assert "favour" in join.reason


def test_no_join_where_two_pieces_are_favoured_about_alike():
    # Both open with a comma (a piece that cannot open a paragraph): neither leads by MIN_LEAD.
    draft = _draft(*HEADER, "这是一项长期工作，也是", NEXT, "，也是重要的民生工程。", "，也是一项基础工作。")
    assert not [step for step in _joins(draft).values() if step == "join-in-article"]


def test_a_head_whose_continuation_join_cuts_found_is_left_alone():
    from newsarchive.reorder.join_cuts import JoinCuts

    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("\n\n".join((*HEADER, HEAD, NEXT, TAIL))))
    draft = Pipeline((JoinCuts(), *STEPS)).run(Draft.from_page(page, PeoplesDailyProfile()))
    assert _joins(draft) == {("f4", "f6"): "join-cuts"}


class _CountingProfile(PeoplesDailyProfile):
    """The People's Daily profile, counting the pairs it scores."""

    scored = 0

    def continuation_score(self, head: str, tail: str) -> tuple[float, str]:
        type(self).scored += 1
        return super().continuation_score(head, tail)


def test_the_pairs_scored_on_a_page_are_bounded(monkeypatch):
    # 300 open pieces in one article would cost their square (90,000 pairs); the budget stops the step first.
    monkeypatch.setattr(join_in_article, "MAX_PAIRS", 1_000)
    pieces = [f"第{i}段文字写到这里还没有写完而且" for i in range(300)]
    page = Page(meta=PageMeta(source="test"), fragments=split_fragments("\n\n".join((*HEADER, *pieces))))
    draft = Pipeline((TagRoles(), SegmentArticles(), AssignFragments())).run(Draft.from_page(page, _CountingProfile()))
    _CountingProfile.scored = 0
    JoinInArticle().apply(draft)
    assert 0 < _CountingProfile.scored <= 1_000
