"""join-cuts (priority 300): global one-to-one joins from lexical and positional evidence."""

from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import run

STEPS = (TagRoles(), SegmentArticles(), JoinCuts())


def joins(draft):
    return {(j.head, j.tail) for j in draft.joins}


def test_adjacent_cut_is_joined():
    blocks = ["标题在此", "本报记者 王 强", "他说：“过去在银行购买的大多是投资金条。前不久想买点金首饰，提前", "打电话咨询网点，预定后不到一个星期就可以去自提了。”"]
    assert joins(run(blocks, *STEPS)) == {("f3", "f4")}


def test_far_continuation_found_by_a_word_across_the_cut():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "2014年12月，南水北调中线一期工程正式通水，十年来累计向北方调水超过六百亿立方米，中线一期初",
        "部分银行加大了小克重黄金产品的推销力度——",
        "去银行买金饰，有啥不一样？",
        "周 倩 王俊岭",
        "另一段完整的话写在这里。",
        "步建成的工程网络让沿线城市受益。",
    ]
    # 初|步: neither character usually stands alone, so 初步 across the cut is strong evidence.
    assert joins(run(blocks, *STEPS)) == {("f3", "f8")}


def test_the_only_supported_tail_left_is_joined_after_stronger_joins():
    # …线上|的社保卡: moderate evidence only (的 rarely opens a word, a short clause end), and
    # 性载体 competes for the head until 基础|性载体 claims it; then it is the only candidate left.
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "一张社会保障卡，能帮助居民完成许多事项，这份民生清单正在不断延长。社会保障卡是国家民生服务的基础",
        "2023年12月，京津冀三地联合签署合作框架协议，共同推进京津冀“一卡通”建设，加快实现三地社保卡跨省通用、一卡多用、线上",
        "部分银行加大了小克重黄金产品的推销力度——",
        "去银行买金饰，有啥不一样？",
        "周 倩 王俊岭",
        "性载体。截至今年1月底，持卡人数达13.8亿。",
        "的社保卡一卡通场景。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f8"), ("f4", "f9")}


def _weak_far_tail_page(*between: str) -> list[str]:
    # 线上线|下场景: only the short tail's shape speaks for it (no word, no page term across the cut).
    return [
        "标题在此",
        "本报记者 王 强",
        "2023年12月，京津冀三地联合签署合作框架协议，共同推进京津冀“一卡通”建设，加快实现三地社保卡跨省通用、一卡多用、线上线",
        "部分银行加大了小克重黄金产品的推销力度——",
        "去银行买金饰，有啥不一样？",
        "周 倩 王俊岭",
        "另一篇文章的导语写在这里。",
        *between,
        "下场景融合发展。",
    ]


def test_a_far_tail_with_weak_evidence_inside_a_frame_stays_apart_even_as_the_only_candidate():
    # After a finished paragraph across an ordinary gap, the tail is inside that paragraph's frame:
    # chance more often than not among far tails.
    page = _weak_far_tail_page("市民在网点办理业务。", "李 明摄", "新的一段完整的话写在这里。")
    assert joins(run(page, *STEPS)) == set()


def test_a_far_tail_with_weak_evidence_opening_a_frame_is_joined_as_the_only_candidate():
    # After a photo dropped between frames, the tail opens a frame, as on the example page.
    assert joins(run(_weak_far_tail_page("市民在网点办理业务。", "李 明摄"), *STEPS)) == {("f3", "f10")}


def test_each_tail_used_once_globally():
    # Two cut heads compete; the assignment gives each its own continuation.
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "社会保障卡是国家民生服务的基础",
        "性载体。截至今年1月底，持卡人数达13.8亿。",
        "2023年12月，京津冀三地联合签署合作框架协议，共同推进京津冀“一卡通”建设，加快实现三地社保卡跨省通用、一卡多用、线上线",
        "下场景融合发展。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f4"), ("f5", "f6")}


def test_complete_paragraphs_are_not_joined():
    blocks = ["标题在此", "本报记者 王 强", "第一段话完整地结束了。", "第二段话也完整地结束了。"]
    assert joins(run(blocks, *STEPS)) == set()


def test_heading_followed_by_a_normal_paragraph_stays_a_heading():
    blocks = ["标题在此", "本报记者 王 强", "第一段话完整地结束了。", "应用清单不断扩展", "到医院看病、去药店买药，这是最常见的用途。"]
    draft = run(blocks, *STEPS)
    assert joins(draft) == set()
    assert draft.fragment("f4").role.value == "heading"


def test_join_decisions_carry_confidence_and_reason():
    blocks = ["标题在此", "本报记者 王 强", "这件事情的前因后果是这样的：去年春天，村里来了一支科研团队，大家一开始都很好奇，当时", "大家都不知道。"]
    draft = run(blocks, *STEPS)
    decision = next(d for d in draft.decisions if d.kind == "join")
    assert 0 < decision.confidence <= 1 and decision.reason


def test_the_last_unjoined_cut_takes_the_last_frame_opening():
    # 账号，| 发布…: no word spans a cut after a comma.  The lead opens with a dateline and
    # 界等。 continues 边|界 (strong): the text under the header is the only opening left.
    blocks = [
        "“自媒体”未规范标注信息来源——",
        "网信部门公布一批典型案例",
        "发布涉农业农村、教育、养老等领域公共政策相关信息时，未标注信息来源，公众无法获得准确信息，易误导网民难以区分虚拟与现实边",
        "本报北京5月4日电  （记者金歆）记者从中央网信办获悉：近期，一些“自媒体”账号未规范标注信息来源。",
        "3日，网信部门通报了其中典型案例，包括快手“农民大姐”等“自媒体”账号，",
        "界等。",
    ]
    draft = run(blocks, *STEPS)
    assert joins(draft) == {("f3", "f6"), ("f5", "f3")}
    last = next(j for j in draft.joins if j.head == "f5")
    assert last.confidence <= 0.5


def test_no_join_by_elimination_when_two_openings_are_left():
    blocks = [
        "网信部门公布一批典型案例",
        "本报记者 王 强",
        "发布涉农业农村、教育、养老等领域公共政策相关信息时，未标注信息来源。",
        "3日，网信部门通报了其中典型案例，包括快手“农民大姐”等“自媒体”账号，",
        "另一个框架里的完整段落写在这里。",
    ]
    assert joins(run(blocks, *STEPS)) == set()


def test_a_title_like_cut_joins_a_far_tail_with_strong_evidence():
    # 产业|化: a long title-like piece (no sentence punctuation) continued far away.
    blocks = [
        "湖北嘉鱼县加快发展现代农业",
        "本报记者 范昊天",
        "化龙头企业，30多个蔬菜品种获得国家绿色食品等认证。",
        "“我们将坚持走科技之路、质量之路、品牌之路。”嘉鱼县委书记表示。",
        "隆冬时节，湖北省嘉鱼县新街镇，不少蔬菜住进了温室大棚。",
        "作为全国蔬菜保供重要生产基地，嘉鱼县已集聚43家农业产业",
        "点烟、刮烟、和料……墨墩抹上些油，热烘烘的墨饼摔上去。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f6", "f3")}


def test_a_paragraph_ending_with_a_colon_is_complete():
    # 采访对象： + the quotation: two paragraphs (a cut right after a colon is ~20x rarer).
    blocks = [
        "普洱茶韵飘香世界",
        "本报记者 王 强",
        "普洱茶（贡茶）制作技艺省级代表性传承人李兴昌：",
        "我与茶有着不解之缘。",
    ]
    assert joins(run(blocks, *STEPS)) == set()


def test_a_frame_piece_taken_for_a_kicker_is_rejoined():
    # The last piece of A's frame was emitted just above B's header and looks like a kicker;
    # 攀|升 continues it: it is A's text again and B has no kicker.
    from newsarchive.reorder.segment_articles import SegmentArticles

    blocks = [
        "文化赋能，乡村旅游谋长红",
        "本报记者 朱 磊",
        "婺源县持续推进生态价值转换，发展全域旅游。",
        "虹关村乘势整治环境，规范民宿发展，热度迅速攀",
        "新征程上每一个人都是主角",
        "本报评论员",
        "中国式现代化是亿万人民自己的事业。",
        "升。2024年，游客接待量13万人次。",
    ]
    draft = run(blocks, TagRoles(), SegmentArticles(), JoinCuts())
    assert ("f4", "f8") in joins(draft)
    assert draft.fragment("f4").role.value == "paragraph"
    assert draft.articles[1].kicker is None and draft.articles[1].headline == "f5"


def test_a_numeral_and_its_classifier_across_a_far_cut():
    from newsarchive.profiles import get_profile

    profile = get_profile("zh")
    joined, why = profile.continuation_score("实现对165", "条重点河湖235个断面的实时监测。")
    apart, _ = profile.continuation_score("实现对重点河湖的监测", "条重点河湖235个断面的实时监测。")
    assert "classifier" in why and joined >= apart + 2


def test_a_number_cut_in_two_is_read_across_the_cut():
    from newsarchive.profiles import get_profile

    profile = get_profile("zh")
    head = "蓝天保卫战成效明显，“无废城市”建设深入推进。20"
    joined, why = profile.continuation_score(head, "23年，全面达到国家环境空气质量二级标准。")
    # 202024年 and 203月 are no numbers: the paragraph opens with a date of its own.
    year, _ = profile.continuation_score(head, "2024年，全市水体16个国考断面水质全部达标。")
    month, _ = profile.continuation_score(head, "3月8日，十四届全国人大三次会议开幕。")
    assert "'2023年'" in why and joined >= 2.5
    assert year < 0 and month < 0
    share, _ = profile.continuation_score("全年优良天数3", "14天，比上年增加9天。")
    assert share >= 2.5


def test_a_far_number_cut_in_two_is_joined_among_paragraphs_opening_with_dates():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "据悉，全国少数民族传统体育运动会执行委员会在贵州省举办20",
        "2024年，全省接待游客人次增长两成，旅游收入稳步提高。",
        "3月8日，十四届全国人大三次会议在北京开幕。",
        "24年民族团结“村BA”篮球赛，吸引了各族群众参与。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f6")}


def _far_tails_page(gap_before_second: str) -> list[str]:
    # 发展|的体制机制 and 发展|们的生活: no word spans either cut, and both tails open with a
    # character that rarely opens a word; only the second is a short clause end as well.
    return [
        "标题在此",
        "本报记者 王 强",
        "近年来，各地积极推进乡村振兴，不断完善基础设施，加快构建城乡融合发展",
        "据介绍，该县今年新建公路20公里。",
        "的体制机制，农民收入稳步提高。",
        "据了解，该县今年新建学校3所。" + gap_before_second + "们的生活越来越好。",
    ]


def test_a_far_tail_that_opens_a_text_frame_is_preferred():
    # The second tail follows a wide gap (a frame's start), the first follows a finished paragraph
    # across an ordinary gap (inside that paragraph's frame): where they stand decides.
    assert joins(run(_far_tails_page("\n\n\n\n"), *STEPS)) == {("f3", "f7")}


def test_far_tails_inside_frames_stay_apart_on_moderate_evidence():
    # The same tails, both inside a frame: two candidates with moderate evidence are chance.
    # (The piece right after the cut is still the head's last resort, by elimination.)
    found = joins(run(_far_tails_page("\n\n"), *STEPS))
    assert not found & {("f3", "f5"), ("f3", "f7")}


def test_strong_words_across_the_cut_are_no_chance_match_inside_another_topic_s_frame():
    # 国|内需求 (+6 nats) after a finished paragraph on satellites with no gap: the place reads as
    # inside that paragraph's frame, whose topic is not the head's; the words decide, not the topic
    # check (which would leave the head to the unrelated text right after it).
    blocks = [
        "扩大内需的政策持续发力",
        "本报记者 王 强",
        "7月30日，中共中央政治局召开会议，分析研究当前经济形势，部署下半年经济工作。会议强调，下半年要以更大力度、更实举措有效扩大国",
        "吉林将光电信息产业列为“一号工程”，建设集成光电子等全国重点实验室，卫星、光学、激光等领域创新成果不断涌现，长光卫星公司的机器人正在加工镜片。",
        "内需求，必须立足有利条件、精准施策。",
    ]
    assert joins(run(blocks, *STEPS)) == {("f3", "f5")}


def test_a_word_across_the_cut_that_splits_a_term_the_page_has_elsewhere_counts_for_nothing():
    # 积 | 习近平总书记强调…: 积习 is a dictionary word, but the page has 习近平总书记 elsewhere as a word of its own
    # (after a stop), so the tail opens with a term of its own; the head's continuation (极推进…) was emitted after it.
    blocks = [
        "基层治理的新路子",
        "本报记者 王 强",
        "各地不断完善基层治理体系。习近平总书记关于社会治理的重要论述，为基层治理指明了方向。",
        "四是加强基层治理队伍建设，积",
        "习近平总书记强调：“基层强则国家强，基层安则天下安。”",
        "极推进社区工作者职业体系建设，让基层干部留得住、干得好。",
    ]
    draft = run(blocks, *STEPS)
    assert ("f4", "f5") not in joins(draft)
    assert joins(draft) == {("f4", "f6")}
    # Where the page has the string only inside a longer word (贯彻习近平…, 智算中心…), it says nothing: the word counts.
    inside = [b.replace("体系。习近平", "体系，贯彻习近平") for b in blocks]
    assert ("f4", "f5") in joins(run(inside, *STEPS))


def test_a_heading_wrapped_onto_a_line_of_its_own_stays_one_heading():
    # A section heading set large wraps its last character under it (pdftotext: 强化检察监督，维护执法司法公 / 正):
    # joined by the word across the cut, the two pieces are still one title, a heading block, and no later
    # step takes its rest for an open paragraph.
    from newsarchive import api

    blocks = [
        "标题在此",
        "本报记者 王 强",
        "正文第一段写在这里，说明情况。",
        "强化检察监督，维护执法司法公",
        "正",
        "要以法定领域为重点深化检察公益诉讼，",
        "推动解决群众反映强烈的问题。",
    ]
    page = api.load("\n\n".join(blocks).encode())
    (article,) = page.items
    assert [(b.type.value, b.text) for b in article.blocks][:2] == [
        ("paragraph", "正文第一段写在这里，说明情况。"),
        ("heading", "强化检察监督，维护执法司法公正"),
    ]
    # A title-like head continued by running text is the start of a paragraph, as before.
    blocks[4] = "正在推进的改革取得了明显成效。"
    page = api.load("\n\n".join(blocks).encode())
    assert "heading" not in {b.type.value for b in page.items[0].blocks}
