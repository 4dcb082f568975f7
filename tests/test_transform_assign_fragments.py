"""assign-fragments (priority 400): body fragments go to the article whose header precedes them."""

from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import run

STEPS = (TagRoles(), SegmentArticles(), JoinCuts(), AssignFragments())


def test_fragments_follow_their_header():
    blocks = ["第一篇标题", "本报记者 王 强", "甲文第一段。", "第二篇标题", "本报记者 李 明", "乙文第一段。", "乙文第二段。"]
    draft = run(blocks, *STEPS)
    assert draft.articles[0].body == ("f3",)
    assert draft.articles[1].body == ("f6", "f7")


def test_joined_paragraph_stays_in_one_article():
    blocks = [
        "社保卡解锁新场景",
        "本报记者 王 强",
        "社保卡覆盖人群广，从参加社会保险到关系转移接续，从劳动到退休，贯穿居民的全生命周期，持卡人可以在全国范围使用社会保",
        "金饰价格怎么样",
        "本报记者 李 明",
        "银行所售金饰的价格较具竞争力。",
        "障卡的用途越来越多，服务更多民生领域。",
    ]
    draft = run(blocks, *STEPS)
    assert ("f3", "f7") in {(j.head, j.tail) for j in draft.joins}
    assert "f7" in draft.articles[0].body and "f7" not in draft.articles[1].body
