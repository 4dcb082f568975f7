"""attach-photos (priority 600): captions and credits become photos of articles or standalone photos."""

from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.attach_photos import AttachPhotos
from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import run

STEPS = (TagRoles(), SegmentArticles(), AssignFragments(), AttachPhotos())


def test_caption_credit_attach_to_the_surrounding_article():
    blocks = ["标题在此", "本报记者 王 强", "正文。", "工人在车间里忙碌。", "陈少帅摄 (人民视觉)", "正文二。"]
    draft = run(blocks, *STEPS)
    assert len(draft.photos) == 1
    photo = draft.photos[0]
    assert photo.article == 0 and photo.caption == ("f4",) and photo.credit == ("f5",)


def test_titled_photo_is_standalone():
    blocks = ["标题在此", "本报记者 王 强", "正文。", "春暖花开采茶忙", "游客在茶园采摘春茶。", "范 晖摄 (人民视觉)"]
    draft = run(blocks, *STEPS)
    assert draft.photos[0].article is None and draft.photos[0].title == "f4"


def test_credit_split_over_two_blocks_is_one_credit():
    blocks = ["标题在此", "本报记者 王 强", "正文。", "图为工人在车间里忙碌。", "兰 锋摄", "(人民视觉)", "正文二。"]
    draft = run(blocks, *STEPS)
    assert draft.photos[0].credit == ("f5", "f6")


def test_two_complete_credits_in_a_row_credit_two_pictures():
    # A photo's credit, then a chart's (制图：… with no caption): two credits, not one run together.
    blocks = ["标题在此", "本报记者 王 强", "正文。", "科研人员在实验站处理样品。", "新华社记者 金立旺摄", "制图：王 威（新华社发）", "正文二。"]
    draft = run(blocks, *STEPS)
    assert [p.credit for p in draft.photos] == [("f5",), ("f6",)]
    assert draft.photos[0].caption == ("f4",) and draft.photos[1].caption == ()



def test_a_bare_archive_credit_takes_the_caption_above_it():
    # 资料图片 credits the picture whose caption stands above it; 图为资料图片 is its own caption,
    # and a graphic's 制图：… needs none, so the sentence above those stays running text.
    blocks = ["标题在此", "本报记者 王 强", "正文。", "殷墟妇好墓出土青铜鸮尊。", "资料图片", "正文二。"]
    draft = run(blocks, *STEPS)
    assert [(p.caption, p.credit) for p in draft.photos] == [(("f4",), ("f5",))]
    for credit in ("图为资料图片", "制图：王 威"):
        draft = run(["标题在此", "本报记者 王 强", "正文。", "工人们在车间里忙碌着。", credit, "正文二。"], *STEPS)
        assert [(p.caption, p.credit) for p in draft.photos] == [((), ("f5",))]


def test_a_credit_for_several_pictures_credits_captions_standing_alone():
    """以上图片均为… sits under the last caption; the other captions, one short sentence each, were dropped
    between frames without a credit.  Each is a photo of its own; a sentence of the text is not, nor is the
    end of a paragraph cut right above it, nor a caption-shaped sentence on a page without such a credit."""
    blocks = [
        "上海博物馆如何赋能一座城",
        "本报记者 王 强",
        "上海博物馆人民广场馆外景。",
        "今年以来，上海博物馆推出埃及展和美洲展，观众络绎不绝。",
        "观众在人民广场馆参观埃及展。",
        "展览期间，博物馆周边的餐饮和",
        "文创商店生意兴隆。",
        "美洲展文物卡拉克穆尔51号石碑。",
        "以上图片均为上海博物馆提供",
    ]
    draft = run(blocks, *STEPS)
    assert [(p.caption, p.credit) for p in draft.photos] == [(("f3",), ()), (("f5",), ()), (("f8",), ("f9",))]
    assert draft.articles[0].body == ("f4", "f6", "f7")

    single = ["标题在此", "本报记者 王 强", "上海博物馆人民广场馆外景。", "正文，正文。", "石碑在展厅中央。", "兰 锋摄"]
    draft = run(single, *STEPS)
    assert [(p.caption, p.credit) for p in draft.photos] == [(("f5",), ("f6",))]
    assert "f3" in draft.articles[0].body


def test_the_end_of_a_cut_paragraph_is_no_caption_under_a_credit_for_several_pictures():
    """A cut paragraph's last piece can have a caption's shape (大的文化消费生态系统被搭建起来。): once join-cuts
    has found it, it stays in the text."""
    blocks = [
        "上海博物馆如何赋能一座城",
        "本报记者 王 强",
        "从埃及展到美洲展，上海博物馆带动了周边的餐饮、住宿和文创消费，一个庞",
        "今年以来，上海博物馆推出埃及展和美洲展，观众络绎不绝。",
        "大的文化消费生态系统被搭建起来。",
        "美洲展文物卡拉克穆尔51号石碑。",
        "以上图片均为上海博物馆提供",
    ]
    draft = run(blocks, TagRoles(), SegmentArticles(), JoinCuts(), AssignFragments(), AttachPhotos())
    assert ("f3", "f5") in {(j.head, j.tail) for j in draft.joins}
    assert [(p.caption, p.credit) for p in draft.photos] == [(("f6",), ("f7",))]
    assert "f5" in draft.articles[0].body

def test_a_caption_under_a_cut_paragraph_continued_elsewhere_is_a_caption():
    """A caption dropped under a frame that stops mid-sentence is no end of that paragraph once join-cuts
    has found its continuation elsewhere (…没想到会这 / 么火！…)."""
    blocks = [
        "上海博物馆如何赋能一座城",
        "本报记者 王 强",
        "“想到展览会火，没想到会这",
        "上海博物馆人民广场馆外景。",
        "今年以来，上海博物馆推出埃及展和美洲展，观众络绎不绝。",
        "么火！”回忆埃及展盛况，馆长坦言超出了预期。",
        "美洲展文物卡拉克穆尔51号石碑。",
        "以上图片均为上海博物馆提供",
    ]
    draft = run(blocks, TagRoles(), SegmentArticles(), JoinCuts(), AssignFragments(), AttachPhotos())
    assert ("f3", "f6") in {(j.head, j.tail) for j in draft.joins}
    assert [(p.caption, p.credit) for p in draft.photos] == [(("f4",), ()), (("f7",), ("f8",))]
    assert "f4" not in draft.articles[0].body

