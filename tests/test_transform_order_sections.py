"""order-sections (priority 500): runs, cut links, soft links and first mentions."""

from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.order_sections import OrderSections
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import run

STEPS = (TagRoles(), SegmentArticles(), JoinCuts(), AssignFragments(), OrderSections())


def test_continuation_run_moves_after_its_head():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "导语一段完整的话。",
        "，推动京津冀社保卡线下场景融合发展。",
        "据了解，后面还有一段。",
        "小标题在这里",
        "2023年12月，京津冀三地联合签署合作框架协议，共同推进京津冀“一卡通”建设，加快实现三地社保卡跨省通用、一卡多用、线上线",
    ]
    draft = run(blocks, *STEPS)
    assert draft.articles[0].body == ("f3", "f6", "f7", "f4", "f5")


def test_first_mention_orders_sections():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "导语一段完整的话。",
        "第二部分 成果转化",
        "“这很重要。”张明华说。",
        "第一部分 人才培养",
        "研究院研究员张明华说，这件事值得关注。",
    ]
    draft = run(blocks, *STEPS)
    body = draft.articles[0].body
    assert body.index("f6") < body.index("f4")


def test_extraction_order_kept_without_evidence():
    blocks = ["标题在此", "本报记者 王 强", "第一段。", "小标题一", "第二段。", "小标题二", "第三段。"]
    draft = run(blocks, *STEPS)
    assert draft.articles[0].body == ("f3", "f4", "f5", "f6", "f7")


def test_a_piece_whose_continuation_opened_the_run_ends_an_earlier_frame():
    # Extraction order: 分激发出来… (the continuation) … 潜能充 (its start), contiguous.
    # Read as one run it would continue itself; the head starts its own run, read first.
    blocks = [
        "新征程上每一个人都是主角",
        "本报评论员",
        "分激发出来，中国式现代化就拥有最坚实的根基、最深厚的力量。",
        "当前，处在中国式现代化建设的关键时期，摆在我们面前的改革发展任务更加艰巨繁重。",
        "每个人都了不起，每个人都是主角，这必将把全社会创新创造潜能充",
    ]
    draft = run(blocks, *STEPS)
    assert {(j.head, j.tail) for j in draft.joins} == {("f5", "f3")}
    body = draft.articles[0].body
    assert body.index("f5") + 1 == body.index("f3")


def test_a_wide_gap_ends_the_frame_a_continuation_opened():
    # Extraction order: 分激发出来… (a continuation, alone in its frame), a wide gap, then the
    # frame holding its head: 当前… 潜能充.  The frame break splits the stream, so the head's
    # frame is read first and its cut paragraph goes on into the continuation.
    blocks = [
        "新征程上每一个人都是主角",
        "本报评论员",
        "分激发出来，中国式现代化就拥有最坚实的根基、最深厚的力量。",
        "\n\n当前，处在中国式现代化建设的关键时期，摆在我们面前的改革发展任务更加艰巨繁重。",
        "每个人都了不起，每个人都是主角，这必将把全社会创新创造潜能充",
    ]
    draft = run(blocks, *STEPS)
    assert [f.gap_before for f in draft.fragments][3] == 4
    assert {(j.head, j.tail) for j in draft.joins} == {("f5", "f3")}
    assert draft.articles[0].body == ("f4", "f5", "f3")
