"""tag-roles (priority 100) alone."""

import pytest

from newsarchive.reorder.tag_roles import TagRoles

from helpers import STACKED_HEADERS, roles, run


def test_header_cluster_roles():
    draft = run(["某地加快推进一项改革——", "一个新标题在这里", "本报记者 王 强", "正文第一段写到这里结束。"], TagRoles())
    assert roles(draft) == ["kicker", "headline", "byline", "paragraph"]


def test_bare_names_byline_only_under_headline():
    draft = run(["去银行买金饰，有啥不一样？", "周 倩 王俊岭", "正文第一段。", "张 三 李四"], TagRoles())
    assert roles(draft)[:2] == ["headline", "byline"]
    assert roles(draft)[3] != "byline"


def test_caption_and_credit_broken_over_two_lines():
    draft = run(["正文第一段。", "图为工作人员在现场介绍情况。", "兰 锋摄\n(人民视觉)", "正文第二段。"], TagRoles())
    assert roles(draft) == ["headline", "caption", "credit", "paragraph"] or roles(draft)[1:3] == ["caption", "credit"]


def test_caption_found_by_position_above_credit():
    draft = run(["标题在此", "本报记者 王 强", "正文。", "工人在车间里忙碌。", "新华社记者  周  华摄", "正文二。"], TagRoles())
    assert roles(draft)[3:5] == ["caption", "credit"]


def test_photo_title_above_caption_and_credit_at_end():
    draft = run(["标题在此", "本报记者 王 强", "正文。", "春暖花开采茶忙", "游客在茶园采摘春茶。", "范 晖摄 (人民视觉)"], TagRoles())
    assert roles(draft)[3:] == ["photo_title", "caption", "credit"]


def test_heading_inside_body_and_furniture():
    draft = run(["标题在此", "本报记者 王 强", "正文第一段。", "应用清单不断扩展", "正文第二段。", "本版责编：张三"], TagRoles())
    assert roles(draft)[3] == "heading"
    assert roles(draft)[5] == "furniture"


def test_subheadline_and_editor_signoff():
    draft = run(["一个新标题在这里", "——副题说明这件事", "本报记者 王 强", "正文。", "——编  者"], TagRoles())
    assert roles(draft)[:3] == ["headline", "subheadline", "byline"]
    assert roles(draft)[4] != "subheadline"


def test_every_fragment_gets_a_reason():
    draft = run(["标题在此", "正文。"], TagRoles())
    assert all(f.role_reason for f in draft.fragments)
    assert any(d.kind == "role" for d in draft.decisions)


def test_every_line_of_a_long_title_run_gets_a_role():
    """Regression: a header starting at a kicker inside a run of title lines left later lines untyped."""
    blocks = ["某地加快推进一项改革——", "第一个标题", "第二行标题", "第三行标题", "第四行标题", "本报记者 王 强", "正文。"]
    draft = run(blocks, TagRoles())
    assert all(isinstance(f.role.value, str) for f in draft.fragments)
    assert roles(draft)[0] == "kicker" and "heading" in roles(draft)


def test_group_credit_for_several_pictures():
    draft = run(["标题在此", "本报记者 王 强", "正文。", "企鹅在玩冰滑梯。", "以上图片均为新华社记者颜麟蕴摄", "正文二。"], TagRoles())
    assert roles(draft)[3:5] == ["caption", "credit"]


def test_headline_with_a_column_tag():
    draft = run(["雾凇奇观是怎么形成的？（自然讲堂）", "王晓凡", "冬天的早晨，树上挂满了雾凇。"], TagRoles())
    assert roles(draft) == ["headline", "byline", "paragraph"]


def test_headline_with_a_long_column_tag():
    title = "习近平总书记关于社会治理的重要论述的原创性贡献（深入学习贯彻习近平新时代中国特色社会主义思想·原创性概念标识性概念纵横谈）"
    draft = run([title, "张  翼", "党的十八大以来，社会治理取得历史性成就。"], TagRoles())
    assert roles(draft) == ["headline", "byline", "paragraph"]


def test_a_title_may_end_on_a_word_that_ends_in_a_function_character():
    # 为 alone dangles (…转化为); in 大有作为 it ends a word, and the line is a headline.
    draft = run(["自主创新  科技工作者大有作为", "本报记者 刘雨瑞 戴林峰", "实践证明，我国自主创新事业是大有可为的。"], TagRoles())
    assert roles(draft) == ["headline", "byline", "paragraph"]
    dangling = run(["正文第一段。", "把资源优势转化为", "正文第二段。"], TagRoles())
    assert roles(dangling)[1] == "paragraph"


def test_headline_of_a_lead_emitted_apart_from_it():
    # B's headline stands alone (no kicker, no byline); A's frames were emitted between it
    # and B's lead, which opens with a dateline: the title is B's headline, not a heading.
    blocks = [
        "社保卡解锁更多应用新场景",
        "本报记者 李 婕",
        "社会保障卡是国家民生服务的基础性载体，持卡人数不断增加。",
        "今年以来消费品以旧换新销售额超过一万亿元",
        "越来越多的地区开始行动，社保卡区域一卡通加快推进。",
        "未来有望实现全国一卡通",
        "专家表示，社保卡一卡通将发挥更大作用。",
        "本报北京6月1日电（记者王珂）商务部1日发布数据，今年以来消费品以旧换新成效明显。",
    ]
    found = roles(run(blocks, TagRoles()))
    assert found[3] == "headline"
    assert found[5] == "heading"  # A's own section heading, before B's headline is passed: unchanged


# A dateline lead under a short title-like line, with a title-like line further up: which is its headline.
LEAD_UNDER_A_LINE = {
    # B's lead came out under a piece of A's text cut at a frame break (short, title-like); B's
    # headline, emitted further up among A's frames, shares the lead's words and the piece does not.
    "a cut piece right over the lead is not its headline": (
        [
            "广州强化科技创新和产业创新深度融合",
            "本报记者 吴齐强",
            "广州持续实施科技领军企业倍增计划，支持企业牵头组建创新联合体。",
            "甘肃省内县办中医医疗机构覆盖率达98.8%",
            "云山珠水间，涌动科创活力。位于广东的广州实验室内，科研人员展开攻关。",
            "疏通堵",
            "本报兰州8月21日电（记者宋朝军）记者从甘肃获悉，甘肃省全面推进中医药振兴发展，县办中医医疗机构覆盖率提高。",
        ],
        {3: "headline", 5: "paragraph"},
    ),
    # The line right above the lead sums it up as well as the heading further up does: it is the headline.
    "a headline right over its lead stays when a heading above shares words too": (
        [
            "甘肃中医药事业加快发展",
            "本报记者 王 强",
            "甘肃推进中医药振兴发展，建设优势专科。",
            "中医药服务全覆盖",
            "基层医疗卫生机构中医馆建设持续推进。",
            "甘肃县办中医医疗机构覆盖率达98.8%",
            "本报兰州8月21日电（记者宋朝军）记者从甘肃获悉，县办中医医疗机构覆盖率达98.8%，中医药服务全覆盖。",
        ],
        {3: "heading", 5: "headline"},
    ),
}


@pytest.mark.parametrize("case", LEAD_UNDER_A_LINE)
def test_the_headline_of_a_dateline_lead_under_a_short_line_sums_the_lead_up(case):
    blocks, expected = LEAD_UNDER_A_LINE[case]
    found = roles(run(blocks, TagRoles()))
    assert {k: found[k] for k in expected} == expected


# A's header shares the dateline lead's words: the lead is A's, emitted after B's frames, and the
# title-like line above it is a piece of B's text cut at a frame break, not a headline.
HEADER_FOUND_ELSEWHERE = [
    "习近平给新华社老党员张连生回信强调",
    "传承红色基因  在新征程上书写优异答卷",
    "本报记者 王 强",
    "连日来，各地老党员纷纷表示要传承红色基因。",
    "为世界政治文明发展进步贡献中国智慧",
    "新华社记者",
    "连日来，多国政党人士和专家学者认为，这一思想为世界政党发展提供了中国视角。",
    "古巴国际政治研究中心",
]
LEAD_OF_A = "新华社北京6月18日电  习近平给新华社老党员张连生回信，向全国的老党员致以问候。"


@pytest.mark.parametrize(
    "between", [[], ["回  信", "新华社老党员张连生同志：", "您好！很高兴收到来信。"]], ids=["right over the lead", "text between"]
)
def test_a_line_sharing_nothing_with_a_lead_whose_header_is_found_is_not_its_headline(between):
    found = roles(run([*HEADER_FOUND_ELSEWHERE, *between, LEAD_OF_A], TagRoles()))
    assert found[:6] == ["kicker", "headline", "byline", "paragraph", "headline", "byline"]
    assert found[7] != "headline" and "headline" not in found[8:]


def test_kicker_and_headline_of_a_lead_emitted_apart_from_them():
    # B's header is two title lines with no byline; its lead ("据新华社…电", a reprinted Xinhua story)
    # comes after A's frames.  The line sharing the lead's words is the kicker; the line under it is
    # the headline.
    blocks = [
        "社保卡解锁更多应用新场景",
        "本报记者 李 婕",
        "社会保障卡是国家民生服务的基础性载体，持卡人数不断增加。",
        "粤港澳大湾区车展参展车企表示",
        "汽车产业比“价值”不卷“价格”",
        "越来越多的地区开始行动，社保卡区域一卡通加快推进。",
        "据新华社深圳6月1日电 （记者印朋）5月31日，2025粤港澳大湾区车展在深圳开幕。",
    ]
    found = roles(run(blocks, TagRoles()))
    assert found[3:5] == ["kicker", "headline"]


def test_a_title_before_another_header_is_not_taken_for_a_later_lead():
    blocks = [
        "社保卡解锁更多应用新场景",
        "本报记者 李 婕",
        "社会保障卡是国家民生服务的基础性载体，持卡人数不断增加。",
        "未来有望实现全国一卡通",
        "专家表示，社保卡一卡通将发挥更大作用。",
        "去银行买金饰，有啥不一样？",
        "周 倩 王俊岭",
        "本报北京6月1日电（记者王珂）商务部1日发布数据，金饰消费升温。",
    ]
    found = roles(run(blocks, TagRoles()))
    assert found[3] == "heading"


def test_a_signature_line_is_running_text_that_ends_a_piece():
    from newsarchive.profiles import get_profile

    blocks = ["扎根雄安  做深做实科技金融", "正文第一段写到这里结束。", "中国邮政储蓄银行党委书记、行长 徐国勤", "下一篇的正文。"]
    assert roles(run(blocks, TagRoles()))[2] == "paragraph"
    profile = get_profile("zh")
    assert profile.ends_paragraph("分行党委委员、副行长 高 远")
    assert not profile.ends_paragraph("记者到村里看望村民，")


def test_short_line_ending_a_frame_is_not_a_heading():
    # A section heading is kept with its text: a frame break (wide gap) right after a short
    # line means the line is the end of a paragraph cut there.
    blocks = ["标题在此", "本报记者 王 强", "正文第一段。", "应用清单不断扩展", "正文第二段。"]
    assert roles(run(blocks, TagRoles()))[3] == "heading"
    blocks[3] += "\n\n"  # four line breaks before the next block: a frame break
    assert roles(run(blocks, TagRoles()))[3] == "paragraph"
    assert roles(run(blocks[:4], TagRoles()))[3] == "paragraph"  # the page ends after it


def test_short_line_before_text_that_cannot_open_a_paragraph_is_not_a_heading():
    # Text opening mid-sentence (、项目储备…) is the rest of a cut, so the frame broke before it:
    # the short line above is the end of another paragraph cut at a frame break, not a heading.
    blocks = ["标题在此", "本报记者 王 强", "正文第一段。", "依托政策资金", "正文第二段。"]
    assert roles(run(blocks, TagRoles()))[3] == "heading"
    blocks[4] = "、项目储备充足等有利条件，下半年稳投资工作要聚焦补短板。"
    assert roles(run(blocks, TagRoles()))[3] == "paragraph"


def test_on_a_page_with_boxes_the_next_block_in_the_file_says_nothing_of_a_heading():
    # OCR blocks in file order: the block after a heading need not stand under it.
    from dataclasses import replace

    from newsarchive.model import BBox, Page, PageMeta
    from newsarchive.profiles import get_profile
    from newsarchive.readers.text import split_fragments
    from newsarchive.reorder import Draft

    blocks = ["标题在此", "本报记者 王 强", "正文第一段。", "依托政策资金", "、项目储备充足等有利条件，下半年稳投资工作要聚焦补短板。"]
    fragments = split_fragments("\n\n".join(blocks))
    boxed = tuple(replace(f, bbox=BBox(x0=0, y0=20 * k, x1=100, y1=20 * k + 15)) for k, f in enumerate(fragments))
    draft = TagRoles().apply(Draft.from_page(Page(meta=PageMeta(source="test"), fragments=boxed), get_profile("zh")))
    assert draft.fragments[3].role.value == "heading"


def test_a_section_number_alone_on_its_line_is_a_heading():
    # （一） / 二、 head the parts of a long commentary; a bracketed note (（作者为…）) is no heading.
    texts = ["标题在此", "本报记者 王 强", "正文第一段。", "（一）", "正文第二段。", "二、", "正文第三段。", "（作者为某大学教授）"]
    got = roles(run(texts, TagRoles()))
    assert got[3] == got[5] == "heading"
    assert got[7] != "heading"


def test_an_interview_question_is_running_text():
    texts = ["标题在此", "本报记者 王 强", "正文第一段。", "问：如何平衡规范管理与发展之间的关系？", "答：我们坚持包容审慎。"]
    assert roles(run(texts, TagRoles()))[3] == "paragraph"


def test_a_title_like_piece_too_short_for_a_heading_starts_a_cut_paragraph():
    # 湖南 alone on a frame's last line: no section heading is that short (section numbers apart).
    texts = ["标题在此", "本报记者 王 强", "正文第一段。", "湖南", "省各地加快推进改革。", "（一）", "正文第三段。"]
    got = roles(run(texts, TagRoles()))
    assert got[3] == "paragraph" and got[5] == "heading"


def test_a_title_like_piece_opening_as_running_text_starts_a_cut_paragraph():
    # 下半年，… on a frame's last line: running text sets time or scene first, a section heading does not.
    texts = ["标题在此", "本报记者 王 强", "正文第一段。", "下半年，以更大力度、更实举措有效扩大国", "等8颗卫星送入预定轨道。", "强化检察监督", "正文第三段。"]
    got = roles(run(texts, TagRoles()))
    assert got[3] == "paragraph" and got[5] == "heading"


def test_a_title_like_piece_running_on_in_clauses_starts_a_cut_paragraph():
    # Three clauses on a frame's last line: running text, cut where the frame ends; a section heading has one comma at most.
    texts = ["标题在此", "本报记者 王 强", "正文第一段。", "让我高兴的是，近年来，越来越多的年轻人也愿意走进茶园，学习传承", "古老的制茶技艺。", "巾帼榜样，引领奋进步伐", "正文第三段。"]
    got = roles(run(texts, TagRoles()))
    assert got[3] == "paragraph" and got[5] == "heading"


def test_clauses_of_running_text():
    from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    zh = PeoplesDailyProfile()
    for text in (
        "让我高兴的是，近年来，越来越多的年轻人也愿意走进茶园，学习传承",
        "单项突破已见曙光，全方位智能正在攻坚……交谈时，田间劳作的几名青年",
        "“待风息波静，凯然而归，全家团聚，以报此恩……”",  # a quoted passage, the whole line: speech, not a title
    ):
        assert zh.runs_on_as_text(text), text
    for text in (
        "巾帼榜样，引领奋进步伐",  # one comma: parallel halves, as headings have them
        "说到熊猫债，很多人都好奇它的名字，为啥会用中国的国宝大熊猫来命名？",  # a question heading
        "推进乡村全面振兴，基层干部不能“等靠要”，而要有担当敢作为，努力当好“领头雁”",  # ends as a quotation
        "强化检察监督",
        "",
    ):
        assert not zh.runs_on_as_text(text), text
    assert not EnglishNewspaperProfile().runs_on_as_text("WAR, TRADE, AND THE FUNDS")


def test_openings_that_set_time_or_scene():
    from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    zh = PeoplesDailyProfile()
    for text in ("下半年，以更大力度", "随着中国企业出海步伐不断加快，我国", "在养老服务金融方面，泰康", "晚上9点，随着", "抗战时期，李巷", "据介绍，该项目"):
        assert zh.opens_with_a_setting(text), text
    for text in ("既重当前又谋长远，着力把各项比较优势转化为发展胜势", "从“黑粗重”到“绿精美”，本钢靠什么？", "强化检察监督", "在希望的田野上"):
        assert not zh.opens_with_a_setting(text), text
    # Running text opens a sentence so; a period and a comma (…的关键 | 时期，…) a cut's tail opens too often for that.
    assert zh.opens_sentence("随着中国企业出海步伐不断加快，我国") and zh.opens_sentence("在养老服务金融方面，泰康")
    assert zh.opens_with_a_setting("抗战时期，李巷") and not zh.opens_sentence("抗战时期，李巷")
    en = EnglishNewspaperProfile()
    assert en.opens_with_a_setting("However, the house rose.") and not en.opens_with_a_setting("THE WAR IN SPAIN")


def test_quotes_that_pair_up_keep_a_title_title_like_whatever_their_direction():
    # OCR reads an opening “ as ” about as often as not: a headline 把疏勒河”装进”计算机 is still one;
    # a quote left open (an odd number of marks) still makes a line running text.
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    profile = PeoplesDailyProfile()
    assert profile.is_title_like("把疏勒河”装进”计算机") and profile.is_title_like("把疏勒河“装进”计算机")
    assert not profile.is_title_like("“我们把疏勒河装进了计算机") and not profile.is_title_like("“装进“计算机”")


def test_brackets_that_pair_up_keep_a_title_title_like_whatever_their_kind():
    # OCR reads one kind of bracket as another (《经济新方位…) for （经济新方位…）); an odd number of marks
    # is still a bracket left open, the sign of a line cut off a longer text.
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    profile = PeoplesDailyProfile()
    assert profile.is_title_like("保障企业敢用数、会用数、用好数《政策解读)")
    assert not profile.is_title_like("创新驱动（经济新方位·实体经济") and not profile.is_title_like("用好数《政策解读）)")


def test_a_full_line_of_hard_wrapped_columns_alone_in_its_block_is_running_text_not_a_title():
    # A text extractor's columns: lines 16 characters wide.  A column's last line, cut off from its
    # paragraph at a frame break, is exactly that wide; a heading is narrower.
    column = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追", "光探风。“2024年食葵每亩产量超280", "公斤，增产15%。”农场项目部部长"] * 3)
    draft = run(["标题在这里", "本报记者 王 强", column, "看源头引水，大模型演算出调度方案", "这条数字河流如何发挥作用", column], TagRoles())
    assert roles(draft)[3] == "paragraph"
    assert roles(draft)[4] == "heading"
    # Without hard-wrapped columns on the page, the same line is still a title.
    draft = run(["标题在这里", "本报记者 王 强", "正文第一段写到这里结束。", "看源头引水，大模型演算出调度方案", "正文第二段。"], TagRoles())
    assert roles(draft)[3] != "paragraph"
    # With boxes (PDF, OCR) the layout transforms tell a justified line from a centred heading of the
    # same width, so the count of characters decides nothing.
    from dataclasses import replace

    from newsarchive.model import BBox
    from newsarchive.profiles import get_profile
    from newsarchive.reorder import Draft, Pipeline

    from helpers import page_from_blocks

    page = page_from_blocks("标题在这里", "本报记者 王 强", column, "看源头引水，大模型演算出调度方案", column)
    boxed = replace(page, fragments=tuple(replace(f, bbox=BBox(x0=0, y0=k * 100, x1=160, y1=k * 100 + 90)) for k, f in enumerate(page.fragments)))
    draft = Pipeline([TagRoles()]).run(Draft.from_page(boxed, get_profile("zh-CN")))
    assert roles(draft)[3] != "paragraph"


def test_a_letter_spaced_word_under_the_first_headline_is_no_headline_and_no_byline():
    # 回  信 (a word set letter-spaced over a letter's text) looks like a padded name and like a title.
    draft = run(["传承红色基因 在新征程上书写优异答卷", "回  信", "新华社老党员张连生同志：", "您好！很高兴收到来信。您当年作为中央纵队的一员，参加了新华社的工作。"], TagRoles())
    assert roles(draft)[:2] == ["headline", "heading"]


def test_a_title_as_wide_as_the_column_over_a_byline_is_still_a_title():
    # A headline and a kicker that happen to be exactly a column wide (16 characters) look like a
    # column's last line cut off its paragraph; over a reporter's byline they are a header.
    column = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追", "光探风。“2024年食葵每亩产量超280", "公斤，增产15%。”农场项目部部长"] * 3)
    kicker, headline = "首次在全球创新指数报告中跻身前十", "我国创新能力持续提升（权威发布）"
    draft = run([column, kicker, headline, "本报记者 林丽鹂", column], TagRoles())
    assert roles(draft)[1:4] == ["kicker", "headline", "byline"]
    # Without the byline, the same lines are running text, cut off at a frame break.
    draft = run([column, kicker, headline, column], TagRoles())
    assert roles(draft)[1:3] == ["paragraph", "paragraph"]
    # But a line closed by a column tag over another title is one of the headlines of articles set side
    # by side, read line by line (both as wide as the column).
    side = "年轻人为何喜爱新中式生活（纵横）"
    draft = run([column + "。", headline, side, "孟繁哲", column], TagRoles())
    assert roles(draft)[1:4] == ["headline", "headline", "byline"]


def test_a_title_as_wide_as_the_column_under_a_title_over_a_paragraph_opening_is_a_title():
    # Hard-wrapped text: a headline exactly a column wide (16 characters) under its kicker.  Running
    # text cut off at a frame break goes on in text that opens mid-sentence; a header's lead opens a paragraph.
    column = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追", "光探风。“2024年食葵每亩产量超280", "公斤，增产15%。”农场项目部部长"] * 3)
    kicker, headline = "瞄准新赛道  实干出实效", "我国创新能力持续提升（权威发布）"
    lead = "本报北京1月5日电  近日，全球创新指数报告发布，我国排名继续上升。"
    draft = run([column + "。", kicker, headline, lead], TagRoles())
    assert roles(draft)[1:3] == ["kicker", "headline"]
    # The same line over text that opens mid-sentence is a column's last line under a heading.
    draft = run([column + "。", kicker, headline, "的数据显示，我国排名继续上升。"], TagRoles())
    assert roles(draft)[2] == "paragraph"


def test_a_heading_as_wide_as_the_column_between_paragraphs_is_a_heading_unless_it_runs_on():
    # A section heading exactly a column wide (13 characters) between a finished paragraph and one
    # that opens; a paragraph's first line cut off at a frame break goes on in text elsewhere.
    column = "\n".join(["近日，中央宣传部、公安部向", "全社会发布最美基层民警名单", "入选民警来自全国各地的公安"] * 4) + "\n机关。"
    heading = "忠诚奉献担当，始终冲锋在前"
    draft = run(["一心为民护安宁", "本报记者 张天培", column, heading, "“王某极可能藏在本省某市。”2023年国庆假期，崔辉带队出发。"], TagRoles())
    assert roles(draft)[3] == "heading"
    # Followed by text that opens mid-sentence, the line is a paragraph's first, cut off.
    draft = run(["一心为民护安宁", "本报记者 张天培", column, heading, "的民警崔辉带队出发，一路追到外省一个偏远的小镇，终于将他抓获。"], TagRoles())
    assert roles(draft)[3] == "paragraph"
    # Continued elsewhere on the page by a word across the cut (项目现 / 场), it is cut off as well.
    line = "步入中明能源张家口智算中心项目现"
    column16 = "\n".join(["在甘肃农垦饮马农场的农田里，传感", "器探入土壤监测湿度，微型气象站追"] * 6) + "\n光探风。"
    draft = run(["一心为民护安宁", "本报记者 张天培", column16, line, "“王某极可能藏在本省某市。”2023年国庆假期，崔辉带队出发，一路追踪。", "场，智算中心大楼已封顶。"], TagRoles())
    assert roles(draft)[3] == "paragraph"
    # Completed by the short line under it, the line is a signature's first (its name under it).
    draft = run(["一心为民护安宁", "本报记者 张天培", column16, "泰康保险集团公司助理总裁兼董事会", "秘书 应惟伟", column16 + "。"], TagRoles())
    assert roles(draft)[3] == "paragraph"
    # Over another title, it is one of the headers of articles set side by side, read line by line.
    draft = run(["一心为民护安宁", "本报记者 张天培", column16 + "。", "以湖北一域之为更好服务全局", "海南南繁用人工智能大数据助力选种", "坚持改革创新，推动经济社会高质量发展（专题新闻发布）", column16 + "。"], TagRoles())
    assert roles(draft)[4] == "paragraph"


def test_stacked_headers_split_at_a_column_tag():
    draft = run(STACKED_HEADERS, TagRoles())
    assert roles(draft)[:5] == ["kicker", "headline", "headline", "byline", "byline"]


def test_two_titles_right_above_a_tagged_headline_are_a_header_of_their_own():
    # Read line by line: one article's kicker and headline, then the tagged headline beside them.
    blocks = ["突出自身特色 发挥比较优势", "新发展理念引领毕节“越重山”", "为什么还要坚持减碳？（读者点题）", "本报记者 程 晨", "正文。"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[:4] == ["kicker", "headline", "headline", "byline"]
    # After a frame break (a wide gap) the first title is another frame's: kicker and headline as before.
    blocks[1] = "\n\n" + blocks[1]
    draft = run(blocks, TagRoles())
    assert roles(draft)[1:4] == ["kicker", "headline", "byline"]


def test_a_kicker_heads_one_headline_so_the_titles_after_it_open_the_tagged_headline_s_header():
    # Read line by line: a report's kicker and headline, then another article's kicker and tagged headline.
    blocks = [
        "刘国中在广东调研时强调",
        "有力有效推进农业科技创新 加快先进医疗器械研发应用",
        "信息能否“一键迁移”，事项如何跨区域通办",
        "纳税人跨省份迁移便利吗（经济新方位）",
        "本报记者 王 观",
        "正文。",
    ]
    draft = run(blocks, TagRoles())
    assert roles(draft)[:5] == ["kicker", "headline", "kicker", "headline", "byline"]


def test_under_a_kicker_and_its_headline_a_title_without_a_dash_is_a_section_heading_not_a_deck():
    blocks = ["习近平给新华社老党员张连生回信强调", "传承红色基因 在新征程上书写优异答卷", "回  信", "张连生同志：你好！来信收悉。"]
    assert roles(run(blocks, TagRoles()))[:3] == ["kicker", "headline", "heading"]
    blocks[2] = "——写在建党节前夕"
    assert roles(run(blocks, TagRoles()))[:3] == ["kicker", "headline", "subheadline"]


def test_a_title_without_a_dash_between_a_kicker_with_its_headline_and_a_byline_is_the_deck():
    """A byline follows its header and section headings come under it: the line right over it is the deck, set without a dash."""
    blocks = ["推进高质量发展——", "让乡村振兴之路越走越宽", "新时代新征程新伟业", "本报记者  张  三", "本报北京1月5日电  近日，各地积极推进乡村振兴工作。"]
    assert roles(run(blocks, TagRoles()))[:5] == ["kicker", "headline", "subheadline", "byline", "paragraph"]
    # Over running text, not a byline, the line is still a section heading (the test above).
    assert roles(run(blocks[:3] + blocks[4:], TagRoles()))[:3] == ["kicker", "headline", "heading"]


def test_a_deck_without_a_dash_keeps_the_byline_in_the_header_through_the_pipeline():
    """Read as a heading, the deck parted the byline from its header: the byline became running text, joined to the deck."""
    from newsarchive import api

    text = "\n\n".join(["推进高质量发展——", "让乡村振兴之路越走越宽", "记全国劳动模范张三的故事", "本报记者  张  三", "本报北京1月5日电  近日，各地积极推进乡村振兴工作，取得显著成效。", "据介绍，有关部门出台了一系列政策措施。"])
    article = api.load(text.encode()).items[0]
    assert (article.kicker, article.headline, article.subheadline) == ("推进高质量发展——", "让乡村振兴之路越走越宽", "记全国劳动模范张三的故事")
    assert article.byline is not None and article.byline.names == ("张三",)
    assert [b.text[:6] for b in article.blocks] == ["本报北京1月", "据介绍，有关"]


def test_a_cut_line_over_a_dateline_lead_is_running_text_where_a_header_above_shares_more_of_the_lead():
    """The cut line shares some of the lead's words (车展), the kicker above far more (粤港澳大湾区车展, 车企表示)."""
    blocks = [
        "粤港澳大湾区车展参展车企表示",
        "汽车产业比“价值”不卷“价格”",
        "广汽集团副总经理在车展上表示，当前用户对汽车的需求远远超出交通工具。",
        "华为智能汽车解决方案负责人在车展上说，2024年，华为",
        "据新华社深圳6月1日电  （记者印朋）5月31日，2025粤港澳大湾区车展在深圳开幕，参展车企表示将以价值竞争取代价格竞争。",
    ]
    assert roles(run(blocks, TagRoles())) == ["kicker", "headline", "paragraph", "paragraph", "paragraph"]


# A story on the same event under the first header; the second story's headline, read as a section heading,
# above another article; its dateline lead emitted at the end of the page.
FAR_LEAD = [
    "何立峰与单杏花同志先进事迹报告团成员座谈时强调",
    "大力弘扬时代楷模精神 积极投身交通强国建设",
    "新华社北京4月24日电  中央宣传部等单位24日举行先进事迹报告会。何立峰出席并与报告团成员座谈。",
    "何立峰指出，单杏花同志始终践行“人民铁路为人民”的宗旨。",
    "“时代楷模”单杏花同志先进事迹报告会在京举行",
    "程，全场频频响起热烈掌声。",
    "坚持改革创新，推动经济社会高质量发展",
    "本报记者  禹伟良",
    "湖北将聚焦激发创新活力和维护公平竞争，重点推进新型收入分配改革。",
    "新华社北京4月24日电  “时代楷模”单杏花同志先进事迹报告会24日在北京人民大会堂举行。",
]


def test_a_section_heading_far_above_a_dateline_lead_that_says_most_of_what_the_lead_says_is_its_headline():
    assert roles(run(FAR_LEAD, TagRoles()))[4] == "headline"


def test_a_dateline_lead_right_under_another_article_s_header_still_takes_the_far_heading_that_says_what_it_says():
    """The lead's frame came out right under a commentary's header, which shares none of its words."""
    blocks = [*FAR_LEAD[:6], "借政策东风，创美好生活（今日谈）", "路  娟", FAR_LEAD[-1], "以消费升级引领产业升级，既需要政策精准发力。"]
    assert roles(run(blocks, TagRoles()))[4:8] == ["headline", "paragraph", "headline", "byline"]


def test_a_section_heading_far_above_a_dateline_lead_sharing_a_few_of_its_words_stays_a_heading():
    blocks = list(FAR_LEAD)
    blocks[4] = "单杏花同志的故事感动很多人"  # some of the lead's words (单杏花同志), far from half
    # Over a paragraph that may open one (程，… opens mid-sentence: a cut's tail, and the line over it its head).
    blocks[5] = "报告会上，全场频频响起热烈掌声。"
    assert roles(run(blocks, TagRoles()))[4] == "heading"
    blocks[5] = FAR_LEAD[5]
    assert roles(run(blocks, TagRoles()))[4] == "paragraph"


def test_a_title_over_text_continued_from_another_page_is_its_headline_set_again():
    blocks = [
        "标题在此",
        "本报记者 王 强",
        "正文第一段。",
        "“十五五”时期我国将构建现代气候业务体系",
        "（上接第三版）到世界先进水平，能够更好满足经济社会发展对气候服务的需求。",
    ]
    assert roles(run(blocks, TagRoles()))[3] == "headline"
    blocks[4] = "到世界先进水平，能够更好满足经济社会发展对气候服务的需求。"  # no jump line: a section heading
    assert roles(run(blocks, TagRoles()))[3] == "heading"


def test_a_bracketed_note_between_a_header_and_its_byline_does_not_part_them():
    # Read line by line, another article's closing note comes between this header and its byline.
    blocks = ["在推进创新驱动发展中闯出新路子", "河北强算力产业育创新场景", "（本报记者申琳参与采写）", "本报记者 万秀斌 张腾扬", "轻点鼠标，计算指令由北京发出。"]
    draft = run(blocks, TagRoles())
    assert roles(draft) == ["kicker", "headline", "paragraph", "byline", "paragraph"]


def test_a_column_tag_with_its_subheadline_stays_one_header():
    blocks = ["一个节点一个节点坚守（今日谈）", "——写在节日前夕", "盛玉雷", "正文。"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[:3] == ["headline", "subheadline", "byline"]


def test_a_tagged_title_inside_the_text_is_a_headline():
    blocks = ["标题在此", "本报记者 王 强", "正文第一段。", "雾凇奇观是怎么形成的？（自然讲堂）", "在冬季晴朗的夜里，地面辐射冷却。"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[3] == "headline"


def test_without_a_column_tag_two_titles_stay_kicker_and_headline():
    draft = run(["细石叶，解码中华万年文化序曲", "当歌谣在稻田里生根", "仪明洁", "正文。"], TagRoles())
    assert roles(draft)[:3] == ["kicker", "headline", "byline"]


def test_a_title_as_wide_as_the_column_closed_by_its_column_tag_over_a_name_is_a_headline():
    # Hard-wrapped text (pdftotext): a one-line title exactly as wide as the column is taken for a
    # column's last line, but not when a column tag closes it and its author's bare name follows.
    column = "\n".join(["基础研究并不是脱离实际的纯理论研"] * 12) + "\n究。"
    found = roles(run([column, "基础研究点亮未来之光（教育时评）", "潘建伟", column], TagRoles()))
    assert found[1:3] == ["headline", "byline"]


@pytest.mark.parametrize("label", ["开栏的话", "核 心 阅 读", "■延伸阅读", "【编者按】", "相关链接："])
def test_a_box_label_is_a_heading_even_where_it_opens_the_page(label):
    draft = run([label, "正文第一段写到这里结束。", "一个新标题在这里", "本报记者 王 强", "正文第二段。"], TagRoles())
    assert roles(draft)[:4] == ["heading", "paragraph", "headline", "byline"]


def test_a_dateline_lead_with_no_header_above_takes_the_title_under_its_frame_that_sums_it_up():
    """An extractor that draws display type after the text emits a short news item's headline under its lead."""
    blocks = [
        "本报北京8月21日电  （记者李红梅）中国气象局近日出台方案，提出“十五五”时期我国将构建现代气候业务体系，气候业务能力明显提升。",
        "方案提出，气象部门将建立国家级、省级气候业务分工协作机制。",
        "“十五五”时期我国将构建现代气候业务体系",
        "衡水市新增调蓄空间216万立方米，城市内涝积水区域基本消除。",
        "城市增韧性  家园更宜居",
        "本报记者 邵玉姿",
        "雨季积水少了，小区环境更好了。",
    ]
    assert roles(run(blocks, TagRoles())) == ["paragraph", "paragraph", "headline", "paragraph", "headline", "byline", "paragraph"]
    # A section heading under a lead that shares none of its words stays a heading.
    blocks[2] = "智能监测应急响应更精准"
    assert roles(run(blocks, TagRoles()))[2] == "heading"


def test_a_dateline_lead_under_another_articles_header_takes_the_title_under_it_that_sums_it_up():
    """Display type drawn after the text: the lead follows the header of the article before it, its own headline
    comes after its frame, past a chart's source and credit dropped between them."""
    blocks = [
        "未雨绸缪，城市才能更“皮实”（编辑手记）",
        "卢 涛",
        "本报北京8月21日电  （记者李红梅）中国气象局近日出台方案，提出“十五五”时期我国将构建现代气候业务体系，气候业务能力明显提升。",
        "方案提出，气象部门将建立国家级、省级气候业务分工协作机制。",
        "数据来源：住房城乡建设部、水利部",
        "制图：汪哲平",
        "“十五五”时期我国将构建现代气候业务体系",
        "衡水市新增调蓄空间216万立方米，城市内涝积水区域基本消除。",
    ]
    assert roles(run(blocks, TagRoles()))[6] == "headline"
    # Under its own header, which sums it up as well, the lead keeps it: the line under it is a section heading.
    blocks[:2] = ["“十五五”时期我国将构建现代气候业务体系", "本报记者 李红梅"]
    blocks[6] = "气候业务能力明显提升"
    assert roles(run(blocks, TagRoles()))[:2] + roles(run(blocks, TagRoles()))[6:7] == ["headline", "byline", "heading"]


def test_a_deck_ends_its_header_and_the_titles_under_it_open_another():
    """Two headers stacked without bylines (display type drawn after the text): a headline and its deck, then a kicker and its headline."""
    blocks = [
        "入强国伟业，加快实现高水平科技自立自强。",
        "汲取精神力量  矢志创新发展",
        "——聚焦全国科技活动周和全国科技工作者日",
        "粤港澳大湾区车展参展车企表示",
        "汽车产业比“价值”不卷“价格”",
        "保障网店真实性。细化自然人网店入驻平台的要求。",
    ]
    assert roles(run(blocks, TagRoles())) == ["paragraph", "headline", "subheadline", "kicker", "headline", "paragraph"]


def test_the_title_lines_closing_the_text_of_a_page_with_no_header_are_its_header():
    """Display type drawn after the text: a one-article page's kicker and headline come last, a chart's source under them."""
    blocks = [
        "作为多民族聚居省份，贵州素有“文化千岛”的美誉。",
        "古韵织新梦  “文化千岛”绽放时代光彩",
        "贵州民族文化绚烂多彩，各民族文化交相辉映。",
        "为充分挖掘民族文化的内涵和价值，贵州持续推进文化传承。",
        "共享文化成果  共促民族团结",
        "贵州：大力实施民族文化传承弘扬工程",
        "数据来源：中共贵州省委宣传部",
    ]
    assert roles(run(blocks, TagRoles())) == ["paragraph", "heading", "paragraph", "paragraph", "kicker", "headline", "caption"]
    # A page with a header of its own keeps its closing lines as they were.
    signed = blocks[:1] + ["贵州民族文化绚烂多彩", "本报记者 王 强"] + blocks[1:]
    assert roles(run(signed, TagRoles()))[1:3] == ["headline", "byline"]
    assert "kicker" not in roles(run(signed, TagRoles()))[3:]


def test_a_dateline_on_a_line_of_its_own_is_read_with_the_text_under_it_to_find_its_headline_far_above():
    """A hard-wrapped lead cut after its dateline (本报北京6月1日电（记者王珂） / 商务部1日发布…), under another article's
    header: the lead's words are under the dateline, and the section heading far above that says them is its headline."""
    filler = [f"第{i}段正文写到这里就结束了，内容与前后文无关。" for i in range(12)]
    blocks = [
        "新质生产力加快发展",
        "本报记者 路 娟",
        "积极发展以轻纺为主的劳动密集型产业，培育壮大生态食品产业。",
        "今年以来消费品以旧换新销售额超过一万亿元",
        "电子信息等吸纳就业能力较强的产业，带动就业。",
        *filler,
        "绿色发展迈出新步伐",
        "本报记者 王 强",
        "本报北京6月1日电（记者王珂）",
        "商务部1日发布数据显示：截至5月31日，2025年消费品以旧换新5大品类合计带动销售额超过一万亿元。",
    ]
    assert roles(run(blocks, TagRoles()))[3] == "headline"


def test_a_frames_cut_text_over_a_kicker_and_a_tagged_headline_is_running_text_not_a_header_of_its_own():
    """Display type drawn after the text: a frame ends right above the header, its paragraph going on elsewhere
    (…面向中小企业提 / 供公益性数据服务): the titles under it are one header, not two stacked."""
    blocks = [
        "在企业数据收益分配方面，坚持由市场评价贡献。",
        "《意见》还提出，鼓励有条件的地方面向中小企业提",
        "营造竞争有序、繁荣活跃的数据产业生态",
        "保障企业敢用数、会用数、用好数（政策解读）",
        "本报记者  王云杉",
        "随着数字技术持续迭代，数字化转型加快。",
        "供公益性数据服务。“大多数中小企业缺少数据。”",
    ]
    assert roles(run(blocks, TagRoles())) == ["paragraph", "paragraph", "kicker", "headline", "byline", "paragraph", "paragraph"]
    # With no text going on from it, the two titles over the tagged headline are a header of their own.
    blocks[-1] = "他说，数据要素市场正在加快培育。"
    assert roles(run(blocks, TagRoles()))[1:4] == ["kicker", "headline", "headline"]


def test_a_dateline_leads_headline_under_its_frame_is_looked_for_past_cut_text():
    """Display type drawn after the text: under the lead, a short piece cut at a frame break (its paragraph goes on
    in the next piece, which opens mid-sentence) is no title; the headline after it is the lead's."""
    blocks = [
        "本报北京4月24日电  （记者赵成）中央纪委国家监委对8起违反中央八项规定精神典型问题进行公开通报。",
        "重庆市政府原党组成员、副市长江敦涛政绩观严重偏差。",
        "社会保障卡是国家民生服务的基础",
        "性载体。截至今年1月底，中国社保卡持卡人数达13.8亿人。",
        "中央纪委国家监委公开通报八起违反中央八项规定精神典型问题",
        "4月24日，国务院新闻办举行新闻发布会，介绍知识产权保护工作。",
        "首次在全球创新指数报告中跻身前十",
        "我国创新能力持续提升（权威发布）",
        "本报记者  林丽鹂",
    ]
    assert roles(run(blocks, TagRoles()))[2:5] == ["paragraph", "paragraph", "headline"]


def test_a_line_ending_with_a_colon_over_a_signed_headline_is_its_kicker():
    """A package's stories set a place over each headline (甘肃高台： / 戈壁龙舟  赛出精气神 / 本报记者 …)."""
    blocks = ["正文上一篇的最后一段结束了。", "甘肃高台：", "戈壁龙舟  赛出精气神", "本报记者  董洪亮  赵帅杰", "高举船桨，屏气凝神。"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[1:4] == ["kicker", "headline", "byline"]


@pytest.mark.parametrize(
    "blocks",
    [
        ["标题在此", "本报记者 王 强", "他说：", "我们一定把这件事做好", "正文继续写下去。"],  # no byline under the title
        ["标题在此", "本报记者 王 强", "他在会上讲了话。他指出：", "戈壁龙舟", "本报记者  董洪亮"],  # a sentence, not a title, before the colon
    ],
)
def test_a_colon_line_is_no_kicker_without_a_signed_title_under_it_or_a_title_before_the_colon(blocks):
    draft = run(blocks, TagRoles())
    assert roles(draft)[2] == "paragraph"


def test_a_line_with_a_clause_s_comma_over_a_photo_ending_an_item_is_running_text_not_its_title():
    """A photo's title is a phrase (春暖花开采茶忙); a frame cut off mid-sentence above a photo dropped after it is not."""
    blocks = ["标题在此", "本报记者 王 强", "正文。", "“百姓小院”的星火，离不开西藏持续夯实的公", "游客在茶园采摘春茶。", "范 晖摄 (人民视觉)"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[3] != "photo_title"
    assert roles(draft)[4:] == ["caption", "credit"]


def test_a_short_photo_title_with_a_comma_is_still_a_photo_title():
    blocks = ["标题在此", "本报记者 王 强", "正文。", "秋收忙，丰收喜", "农民在田间收割水稻。", "范 晖摄 (人民视觉)"]
    draft = run(blocks, TagRoles())
    assert roles(draft)[3:] == ["photo_title", "caption", "credit"]


def test_a_title_like_end_of_a_frame_above_a_header_is_no_kicker():
    # The last piece of a frame (a paragraph cut where the frame ends) set close under its text, with a
    # frame break between it and a headline and its deck, ends that text; it is not the headline's kicker.
    blocks = [
        "前一篇标题",
        "本报记者 王 强",
        "深入贯彻落实总书记重要讲话精神，婺源县持续推进生态价值转换。",
        "虹关村乘势整治环境，规范民宿发展，热度迅速\n\n",  # four line breaks before the next block
        "新征程上每一个人都是主角",
        "——新年贺词启示录⑤",
        "新年贺词的正文写到这里。",
    ]
    assert roles(run(blocks, TagRoles()))[3:6] == ["paragraph", "headline", "subheadline"]
    # Set close above the headline, the same line is its kicker.
    blocks[3] = blocks[3].rstrip("\n")
    assert roles(run(blocks, TagRoles()))[3:6] == ["kicker", "headline", "subheadline"]
    # Over a kicker and a headline already, the line is none of their header either way.
    two = [*blocks[:3], blocks[3] + "\n\n", "以湖北一域之为更好服务全局", "坚持改革创新，推动高质量发展", "本报记者  禹伟良", "正文。"]
    assert roles(run(two, TagRoles()))[4:7] == ["kicker", "headline", "byline"]


SIDE_BY_SIDE_LINE_BY_LINE = (
    "新春走基层·平凡岗位 不凡坚守",
    "护越冬候鸟 保一方平安",
    "翻山勘地质 跋涉寻水源",
    "守高原站点 测气象数据",
    "本报记者 杨颜菲",
    "本报记者 王欣悦",
    "本报记者 乔 栋",
    "刚过完年，江西南昌市公安局新建分局南矶派出所所长刘万里和两位民警身穿防水服，一大早便开始巡护候鸟。",
)


def test_undecorated_titles_over_several_bylines_are_a_header_each():
    """Headers of articles set side by side, read line by line (pdftotext): the three bylines count three
    headers; the banner over them goes with the first."""
    draft = run(SIDE_BY_SIDE_LINE_BY_LINE, TagRoles())
    assert roles(draft) == ["kicker", "headline", "headline", "headline", "byline", "byline", "byline", "paragraph"]
    # One byline fewer than the titles after the banner: no count to go by, one header as before.
    fewer = run(SIDE_BY_SIDE_LINE_BY_LINE[:5] + SIDE_BY_SIDE_LINE_BY_LINE[7:], TagRoles())
    assert roles(fewer).count("headline") == 1


def test_titles_over_bare_names_one_a_line_are_a_header_each_but_not_over_a_wrapped_byline():
    """Commentaries side by side signed with bare names (古代书院的读书智慧 / 藏书楼外“藏书人” / 邓洪波 /
    王伟健): a header each.  A byline with its role wrapped onto a line of bare names is one byline: a
    kicker over its headline stays one header."""
    text = "读书不是一时兴起的雅事，而是日复一日的功夫。"
    draft = run(("古代书院的读书智慧", "藏书楼外“藏书人”", "邓洪波", "王伟健", text), TagRoles())
    assert roles(draft) == ["headline", "headline", "byline", "byline", "paragraph"]
    wrapped = run(("湖北嘉鱼县加快发展现代农业", "三产融合，蔬菜产业助增收", "本报记者 王 丹", "朱佩娴", text), TagRoles())
    assert roles(wrapped)[:3] == ["kicker", "headline", "byline"]


def test_a_short_items_headline_read_stacked_over_the_next_header_across_a_frame_break_is_its_dateline_leads():
    """“十五五”时期我国将构建现代气候业务体系, a frame break, then another article's headline and byline: the text
    takes the first line for that article's kicker, but it sums up a dateline lead emitted later, which has no header."""
    from newsarchive.model import Page, PageMeta
    from newsarchive.profiles import get_profile
    from newsarchive.readers.text import split_fragments
    from newsarchive.reorder import Draft, Pipeline

    def tag(*parts: str) -> list[str]:
        page = Page(meta=PageMeta(source="test"), fragments=split_fragments("".join(parts)))
        return roles(Pipeline([TagRoles()]).run(Draft.from_page(page, get_profile("zh-CN"))))

    wide, narrow = "\n\n\n\n", "\n\n"
    parts = [
        "城市的韧性，体现在城市的治理升级中，更体现在居民的切身感受里。", wide,
        "“十五五”时期我国将构建现代气候业务体系", wide,
        "广州强化科技创新和产业创新深度融合", narrow,
        "本报记者 吴齐强 贺林平 洪秋婷", narrow,
        "云山珠水间，涌动科创活力。位于广东的广州实验室内，科研人员展开集中攻关。", wide,
        "本报北京8月21日电  （记者李红梅）中国气象局近日出台方案，提出气候业务高质量发展的目标。", narrow,
        "方案提出，气象部门将建立国家级、省级气候业务分工协作机制。",
    ]
    assert tag(*parts)[1:4] == ["headline", "headline", "byline"]
    # Stacked right over the headline (no frame break), it stays that article's kicker.
    parts[3] = narrow
    assert tag(*parts)[1:4] == ["kicker", "headline", "byline"]


def test_an_interviews_list_of_speakers_is_running_text_not_a_header():
    # Read as a title-like stack over a byline, 李晓强 … / 刘铁岩 … / 张嘉漪 … made a header of another article.
    speakers = ["对话嘉宾：", "陈晔光  中国科学院院士、南昌大学校长", "李晓强  中国教育科学研究院副院长、副研究员",
                "刘铁岩  北京中关村学院院长、中关村人工智能研究院理事长", "张嘉漪  复旦大学基础研究发展中心主任、脑科学与脑功能全国重点实验室主任"]
    draft = run(["积蓄更多“从零到一”的力量", "本报记者 丁雅诵", "基础研究是整个科学体系的源头。", *speakers, "记者：如何理解这种紧迫感？"], TagRoles())
    assert roles(draft)[4:8] == ["paragraph"] * 4


def test_a_title_and_a_name_cut_from_a_speaker_s_line_head_no_article():
    """A speaker's line cut at a frame's end (中国银行公司金融与投资银行部副 | 总经理 丁正君) leaves a title and a
    name that read as a bare list of names; under a short piece (紧贴, a cut paragraph's head) they made a new
    article's header.  A title is no name: both stay running text."""
    blocks = [
        "创新科技金融服务  推动经济社会高质量发展",
        "本报记者 王 丹",
        "在政策引领下，友邦人寿积极践行高质量发展理念，把服务实体经济作为出发点。",
        "紧贴",
        "总经理 丁正君",
        "中国银行将做好科技金融大文章作为服务实体经济的重要任务。",
    ]
    got = roles(run(blocks, TagRoles()))
    assert got[3] != "headline" and got[4] != "byline"
