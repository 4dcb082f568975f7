"""The People's Daily profile's text conventions that the transform tests do not reach directly."""

from __future__ import annotations

import math

import pytest

import newsarchive
from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile, parse_names

P = PeoplesDailyProfile()


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (("司流转附近6", "00多亩藕田"), "司流转附近600多亩藕田"),  # a number broken by the line end
        (("让农民用上“", "明白水”。"), "让农民用上“明白水”。"),  # a quote mark is not followed by a space
        (("企业“敢用数", "”“会用数”"), "企业“敢用数”“会用数”"),
        (("培育人工智能创新场景—", "—"), "培育人工智能创新场景——"),  # the two halves of a Chinese dash
        (("法、叠染法…", "…先后研究"), "法、叠染法……先后研究"),
        (("藏文物的70", "%以上"), "藏文物的70%以上"),
        (("首届", "龙舟比赛"), "首届龙舟比赛"),
        (("发布了 Made in", "China 报告"), "发布了 Made in China 报告"),  # English words keep their space
        (("兰 锋摄", "(人民视觉)"), "兰 锋摄 (人民视觉)"),  # as extractors write a full-width bracket: 摄 (人民视觉)
        (("0", ""), "0"),  # an empty line (JSON input may hold one) adds nothing
        (("", "正文"), "正文"),
    ],
)
def test_lines_join_as_chinese_is_set(lines, joined):
    assert P.join_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("王 丹 方 敏", ("王丹", "方敏")),
        ("王 丹 方 敏朱佩娴", ("王丹", "方敏", "朱佩娴")),  # wrapped after 敏: the line join ran it into 朱佩娴
        ("方 敏朱佩娴 李鹏飞", ("方敏", "朱佩娴", "李鹏飞")),
        ("方 敏朱", None),  # 朱 alone is no name
        ("方 敏", ("方敏",)),
        ("方", None),
    ],
)
def test_names_survive_a_wrapped_byline(text, names):
    assert parse_names(text) == names


@pytest.mark.parametrize(
    ("text", "role", "names"),
    [
        ("本报驻京记者 李 婕", "本报驻京记者", ("李婕",)),  # where the reporter is posted
        ("本报驻上海记者 王五", "本报驻上海记者", ("王五",)),
        ("本报见习记者 李婕", "本报见习记者", ("李婕",)),
        ("光明日报记者 李婕", "光明日报记者", ("李婕",)),  # any paper, agency, site or station by name
        ("人民日报海外版记者 李婕", "人民日报海外版记者", ("李婕",)),
        ("人民网记者 方经纶", "人民网记者", ("方经纶",)),
        ("中央广播电视总台记者 王五", "中央广播电视总台记者", ("王五",)),
        ("徐明辉  黑龙江日报评论员", "黑龙江日报评论员", ("徐明辉",)),  # the name first
        ("□本报记者 李婕", "本报记者", ("李婕",)),  # an ornament before the byline
        ("文/李婕", "文/", ("李婕",)),  # other papers' writer credit
        ("文｜本报记者 李婕", "文｜", ("李婕",)),
    ],
)
def test_roles_name_any_employer_post_and_rank(text, role, names):
    byline = P.parse_byline(text, after_headline=False)
    assert (byline.role, byline.names) == (role, names)


@pytest.mark.parametrize(
    ("text", "photographers", "agency"),
    [
        ("李婕/摄", ("李婕",), None),
        ("图/李婕", ("李婕",), None),
        ("图／新华社记者 李婕", ("李婕",), None),
        ("摄影：李婕（人民视觉）", ("李婕",), "人民视觉"),
        ("张三摄（新华社发）", ("张三",), "新华社"),  # 发: released by the agency
    ],
)
def test_credits_with_a_slash_or_a_label_first(text, photographers, agency):
    credit = P.parse_credit(text)
    assert (credit.photographers, credit.agency) == (photographers, agency)


@pytest.mark.parametrize(
    ("text", "photographers", "agency"),
    [
        ("新华社发（李七摄）", ("李七",), "新华社"),  # an agency's release, its photographer in brackets after it
        ("新华社发（记者 李 七摄）", ("李七",), "新华社"),
        ("（李四 摄）", ("李四",), None),  # a whole credit in brackets
        ("（本报记者 王 强摄）", ("王强",), None),
        ("图/视觉中国", (), "视觉中国"),  # an agency where a photographer stands
        ("图片来源：视觉中国", (), "视觉中国"),
        ("本版图片均由受访者提供", (), "受访者"),  # the supplier, not the words for "all pictures by"
        ("以上图片均为上海博物馆提供", (), "上海博物馆"),
        ("图片由作者提供", (), "作者"),
        ("受访者供图", (), "受访者"),
        ("中新社发 李 七摄", ("李七",), "中新社"),  # the release before the photographer, no brackets: the agency, no name
        ("新华社发 记者 李七 摄", ("李七",), "新华社"),
        ("新华社发（资料图片）", (), "新华社"),  # an archive picture: the note says so, it names no one
        ("李四摄（资料照片）", ("李四",), None),
        ("本版图片均为新华社发", (), "新华社"),  # a credit for all the page's pictures: what is left is the credit
        ("以上图片均为资料图片", (), None),
    ],
)
def test_credits_in_the_forms_of_agencies_and_suppliers(text, photographers, agency):
    credit = P.parse_credit(text)
    assert (credit.photographers, credit.agency) == (photographers, agency)


def test_a_picture_released_by_an_agency_is_the_photo_of_the_caption_above_it():
    text = (
        "江苏盐业考古取得重要成果\n\n本报记者 王 强\n\n"
        "考古人员近日在盐城市东台市发现一处唐代制盐遗址，出土了大量与制盐相关的遗迹和遗物。\n\n"
        "考古人员在遗址现场清理淋卤坑。\n\n新华社发（李七摄）\n\n"
        "专家认为，该遗址的发现为了解唐宋时期海盐生产工艺提供了重要资料。\n"
    )
    (article,) = newsarchive.load(text.encode()).items
    (photo,) = article.photos
    assert photo.caption == "考古人员在遗址现场清理淋卤坑。"
    assert (photo.credit.text, photo.credit.photographers, photo.credit.agency) == ("新华社发（李七摄）", ("李七",), "新华社")
    assert len(article.blocks) == 2


def test_a_byline_wrapped_over_two_lines_is_one_byline():
    page = newsarchive.load("县域经济加快转型升级\n\n本报记者 王 丹 方\n敏 朱佩娴\n\n正文第一段写到这里结束。\n".encode())
    (article,) = page.items
    assert article.subheadline is None
    assert article.byline.text == "本报记者 王 丹 方 敏 朱佩娴"  # the line break kept as the space between names
    assert article.byline.names == ("王丹", "方敏", "朱佩娴")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报记者 李鹏飞吴海军", ("李鹏飞", "吴海军")),  # OCR lost the spaces between names
        ("本报记者马跃峰卞民德黄媚", ("马跃峰", "卞民德", "黄媚")),
        ("新华社记者 王强李明", ("王强", "李明")),
        ("本报记者 欧阳明高", ("欧阳明高",)),  # a compound surname and two given characters: one name
        ("本报记者 刘志强 李 婕", ("刘志强", "李婕")),
        ("本报记者 买买提", ("买买提",)),
    ],
)
def test_names_run_together_after_a_role_split_at_surnames(text, names):
    assert P.parse_byline(text, after_headline=False).names == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Two splits fit (欧阳明 高李强, 欧阳明高 李强): still names after the role, left as one run.
        ("本报记者 欧阳明高李强", ("欧阳明高李强",)),
        # Tesseract's reading of 本报记者  王乐文  方  敏  朱佩娴 (王乐文 方敏 朱佩如 or 王乐 文方敏 朱佩如).
        ("本报记者王乐文方敏朱佩如", ("王乐文方敏朱佩如",)),
        ("本报记者 张伟 王乐文方敏朱佩如", ("张伟", "王乐文方敏朱佩如")),
        # No split fits: Tesseract read 崔  寅 as 鹤袖 (no surname opens 鹤袖巨云鹏).
        ("本报记者黄晓慧鹤袖巨云鹏", ("黄晓慧鹤袖巨云鹏",)),
    ],
)
def test_a_run_of_names_that_splits_two_ways_stays_whole(text, names):
    byline = P.parse_byline(text, after_headline=False)
    assert byline.role in ("本报记者",) and byline.names == names


@pytest.mark.parametrize(
    "text",
    [
        "本报记者 这是一段话",  # 这 opens no name
        "本报记者从国家统计局获悉",  # a clause cut after the role reads as words, not as names
        "本报记者在现场看到",
        "追求的记者。",  # punctuation is no name
        "李鹏飞吴海军",  # without a role a run of characters is not taken for names
    ],
)
def test_runs_that_are_not_names_are_no_byline(text):
    assert P.parse_byline(text, after_headline=False) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("王 浩 李 婕", ("王浩", "李婕")),
        ("亦 多", ("亦多",)),  # padded: a name even with a rare surname (a pen name)
        ("土土绒", ("土土绒",)),  # a single pen name that is no word
        ("吴储岐 欧阳明高", ("吴储岐", "欧阳明高")),
        ("绿能赛道 追光前行", None),  # a two-part headline: four characters make a name only with 欧阳 and the like
        ("追光 前行", None),  # no name opens with a known surname
        ("回  信", None),  # a word letter-spaced as a heading is no padded name
        ("工业母", None),  # a word and a character: a frame cut three characters into 工业母机，是…
        ("文明华", ("文明华",)),  # a word opening it, but 文 is a surname
        ("总经理 丁正君", None),  # a title and a name (…投资银行部副 | 总经理 丁正君, cut inside a speaker's line)
        ("高峰 丁正君", ("高峰", "丁正君")),  # a word, but 高 is a surname
    ],
)
def test_a_bare_list_of_names_under_a_headline_needs_names_that_look_like_names(text, names):
    parsed = P.parse_byline(text, after_headline=True)
    assert (parsed.names if parsed else None) == names


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("人民日报海外版", ("人民日报海外版", None, None, None)),
        ("2024年3月15日 星期五", (None, "2024-03-15", None, None)),
        ("第 11 版：民生", (None, None, 11, "民生")),
        ("人民日报 2025年1月5日 星期日 甲辰年腊月初六 第1版", ("人民日报", "2025-01-05", 1, None)),
        ("RENMIN RIBAO", ("人民日报", None, None, None)),
        ("人民日报海外版 2024年3月15日 星期五 第11版 民生", ("人民日报海外版", "2024-03-15", 11, "民生")),
        ("2025年1月5日 星期日 今日24版", (None, "2025-01-05", None, None)),
        # Tesseract's readings of 2025年1月5日 and 2026年7月12日: the head, its date unread.
        ("人民日报2025年]月5日星期日", ("人民日报", None, None, None)),
        ("人民日报2026年人月12日星期日", ("人民日报", None, None, None)),
        # 6月2日 and 3月9日 with the month and 月 read as one character.
        ("人民日报2025年明2日星期一", ("人民日报", None, None, None)),
        ("人民日报2025年绷9日星期日 第6版要闻", ("人民日报", None, 6, "要闻")),
    ],
)
def test_running_heads_are_read(text, facts):
    head = P.running_head(text)
    assert (head.publication, head.date, head.page_number, head.page_name) == facts
    assert P.is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "民生",  # a page name stands only beside its page label
        "2024年3月15日",  # a date without its weekday may be a caption's or a chart's
        "人民日报记者",
        "第11版 民生 社保卡解锁更多场景",  # a headline is no part of a running head
        "2025年13月5日 星期日",
        "今年3月15日星期五，记者来到人民日报社。",
        "2025年]月5日 星期日",  # a misread date and a weekday: nothing to tell it from a chart's label
        "人民日报2025年到明年日星期一",  # more than a misread date between the year and 日
    ],
)
def test_text_that_is_not_a_running_head(text):
    assert P.running_head(text) is None


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("今日24版", True),
        ("第27651期", True),
        ("人民网网址：http://www.people.com.cn", True),
        ("（代号1—1）", True),
        ("国内统一连续出版物号 CN 11-0065", True),
        ("今日24版的内容很丰富。", False),
        ("第3期培训班", False),
    ],
)
def test_front_page_masthead_notes_are_furniture(text, furniture):
    assert P.is_furniture(text) is furniture


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("《 人民日报 》（ 2025年01月05日 01 版）", True),  # the source line the website sets under each article
        ("《人民日报海外版》（2024年03月15日 第11版）", True),
        ("（责编：张三、李四）", True),  # the editors' note closing an article online
        ("《论语》（2025年1月）", False),  # a title and a date, no page
        ("（本报记者王强参与采写）", False),
    ],
)
def test_the_website_s_source_line_and_editors_note_are_furniture(text, furniture):
    assert P.is_furniture(text) is furniture


def test_the_website_s_source_line_states_the_paper_the_day_and_the_page():
    head = P.running_head("《 人民日报 》（ 2025年01月05日 01 版）")
    assert (head.publication, head.date, head.page_number) == ("人民日报", "2025-01-05", 1)
    assert P.running_head("《人民日报》（2025年13月05日 第01版）") is None  # no such month


@pytest.mark.parametrize(
    ("text", "role", "names"),
    [
        ("本报记者 王 强 实习生 李 明", "本报记者", ("王强", "李明")),  # an intern signs after the reporter
        ("本报实习生 李明", "本报实习生", ("李明",)),
        ("本报记者 王强 李明 报道", "本报记者", ("王强", "李明")),  # how they reported is no name
        ("本报记者 李 婕 发自北京", "本报记者", ("李婕",)),  # ... nor where
    ],
)
def test_bylines_with_interns_and_a_word_on_the_report(text, role, names):
    byline = P.parse_byline(text, after_headline=True)
    assert (byline.role, byline.names) == (role, names)


def test_horizontal_bars_are_the_chinese_dash_of_kickers_and_decks():
    # Windows' code page 936 and some PDF text layers give 「——」 as two horizontal bars (U+2015).
    assert P.is_kicker("长江沿线城市推进生态保护\u2015\u2015")
    assert P.is_subheadline("\u2015\u2015二〇二六年春季中国元首外交纪事")


@pytest.mark.parametrize(
    "text, kicker",
    [
        ("长江沿线城市推进生态保护——", True),
        ("湖 北 嘉 鱼 县 加 快 发 展——", True),  # letter-spaced: counted without its tracking
        ("讲好故事——", False),  # a piece of running text cut after a run-in lead's dash
        ("他说——", False),
    ],
)
def test_a_kicker_has_six_characters_before_its_dash(text, kicker):
    assert P.is_kicker(text) is kicker


@pytest.mark.parametrize(
    "text, kicker",
    [
        ("蔡奇在山西大同市调研时强调", True),  # a report's kicker: who, where, and the verb the headline quotes
        ("粤港澳大湾区车展参展车企表示", True),
        ("何立峰与单杏花同志先进事迹报告团成员座谈时强调", True),
        ("——2018年5月28日，习近平总书记在两院院士大会上强调", False),  # running text: a pause inside, a dash opening it
        ("会议强调，要坚持问题导向", False),
        ("专家表示", False),  # too short to say who and where
    ],
)
def test_a_report_kicker_ends_on_the_verb_its_headline_quotes(text, kicker):
    assert P.is_kicker(text) is kicker


@pytest.mark.parametrize(
    "text",
    [
        "据介绍，今年上半年，贵州引进成渝地区",
        "近年来，我国农机购置与应用",
        "此外，上海于5月1日至12月31日开展消费品以旧换",
        "目前，我国机床",
        "2024年，地区生产总值24",
        "6月15日，力箭一号遥十四运载火箭将“吉星”高分07C04星",  # a month and day, then a comma
        "连日来，宁夏吴忠市利",
    ],
)
def test_a_piece_opening_with_a_connective_and_a_comma_is_running_text_not_a_title(text):
    # Pieces of paragraphs cut at a frame's end, which read as section headings; a heading with a comma
    # states its point at once (分类施策，培育多元经营主体).
    assert not P.is_title_like(text)
    assert P.is_title_like("分类施策，培育多元经营主体")


@pytest.mark.parametrize("text, title", [("高质量发展离不开", False), ("守护绿水青山，必须", False), ("好戏不断", True), ("粤港澳大湾区互联互通再进一步", True)])
def test_a_title_does_not_end_on_a_modal_verb_or_a_preposition(text, title):
    assert P.is_title_like(text) is title


def test_a_column_tag_with_brackets_inside_closes_a_title():
    assert P.is_title_like("零碳生产是如何实现的？（人与自然·走进零碳园区（工厂）看转型）")
    assert not P.is_title_like("这是一句话（注：括号里）。")


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("守护绿水青山 用好冰天雪地（人与自然）", True),
        ("零碳生产是如何实现的？（人与自然·走进零碳园区（工厂）看转型）", True),
        ("一个节点一个节点坚守（今日谈）", True),
        ("守护绿水青山 用好冰天雪地", False),  # no tag: kicker or headline, by place
        ("西藏加快乡村“百姓小院”建设——", False),
        ("（作者为国家图书馆研究馆员）", False),  # a bracketed note is all tag and no title
        ("这是一句话，说到这里就完了（人民时评）。", False),  # a sentence, not a title
        ("新华社记者 金立旺摄制图：王 威（新华社发）", False),  # credits: the agency, no column tag
        ("春天的田野（受访者供图）", False),
    ],
)
def test_a_column_tag_marks_a_headline(text, closes):
    assert P.closes_headline(text) is closes


@pytest.mark.parametrize("text", ["2026年6月17日", "二〇二四年三月十五日", "2024年3月15日 星期五"])
def test_a_date_alone_on_its_line_heads_nothing(text):
    # The date under a letter's or speech's signature, not the headline of what follows.
    assert not P.is_title_like(text)


@pytest.mark.parametrize(
    "text, title",
    [
        ("从事研发的人员是制造工人的5倍，人均生产率提高了6", False),  # 6|7%: cut inside a number
        ("全国少数民族传统体育运动会在贵州省举办20", False),  # 20|24年
        ("我们的2024", True),  # a year may end a title
        ("国产大飞机C919", True),  # a model's number follows letters
    ],
)
def test_a_number_without_its_unit_ends_no_title(text, title):
    assert P.is_title_like(text) is title


@pytest.mark.parametrize(
    "text, title",
    [
        ("在辽宁丹东市，只", False),  # a clause cut after one character
        ("展览热度持续攀升，考验", False),
        ("坚守，是质朴的承诺", True),  # a title's clauses are phrases of their own
        ("一存一用，净化雨水成活水", True),
        ("电动车充电难，怎么办？", True),
    ],
)
def test_a_last_clause_of_one_or_two_characters_ends_no_title(text, title):
    assert P.is_title_like(text) is title


@pytest.mark.parametrize(
    "text",
    [
        "中国银行公司金融与投资银行部副总经理 丁正君",
        "中国人民银行雄安新区分行党委委员、副行长 高 远",
        "泰康保险集团助理总裁兼董事会秘书 应惟伟",  # a secretary
        "友邦人寿副总经理兼首席客户官、首席健康业务官 张 敏",  # an officer (…官)
    ],
)
def test_a_position_then_a_spaced_name_signs_a_piece_and_heads_nothing(text):
    # A forum page's contributors: under each contribution's title, never its headline.
    assert not P.is_title_like(text)
    assert P.ends_paragraph(text)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("栏目投稿邮箱：rmrbzzb@peopledaily.cn", True),
        ("详情请登录https://www.gov.cn/zhengce", True),
        ("投稿请寄往", False),
        ("本届大会共有2024", False),
    ],
)
def test_an_address_ends_a_paragraph(text, ends):
    assert P.ends_paragraph(text) is ends


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("——编  者", True),
        ("——2021年5月28日，习近平总书记在两院院士大会、中国科协第十次全国代表大会上强调", True),  # a quotation's source
        ("——2018年5月28日，习近平总书记在两院院士大会上指出", True),
        ("——坚持创新驱动发展，全面塑造发展新优势，推动", False),  # a dash-led item cut mid-sentence
        ("习近平总书记在两院院士大会上强调", False),  # running text, no dash: the quotation follows
    ],
)
def test_a_dash_led_source_under_a_quotation_ends_its_paragraph(text, ends):
    assert P.ends_paragraph(text) is ends


@pytest.mark.parametrize(
    ("text", "several"),
    [("以上图片均为新华社记者颜麟蕴摄", True), ("本版图片均由受访者提供", True), ("图片均为资料图片", True), ("兰 锋摄（人民视觉）", False)],
)
def test_a_credit_for_several_pictures(text, several):
    assert P.credits_several(text) is several


@pytest.mark.parametrize("text", ["（资料图片）", "本版图片均为", "本版图片均为本报记者"])
def test_a_note_about_pictures_that_names_no_credit_is_none(text):
    assert P.parse_credit(text) is None


def test_a_credit_for_the_whole_pages_pictures_captions_nothing_above_it_and_is_kept_whole():
    """It stands where the page ends: read as running text, it was glued to the lead as a cut paragraph's head."""
    from newsarchive import api

    text = "\n\n".join(["推进高质量发展——", "让乡村振兴之路越走越宽", "本报记者  张  三", "近日，全国各地积极推进乡村振兴工作，取得显著成效。", "本版图片均为新华社发"])
    article = api.load(text.encode()).items[0]
    assert [b.text for b in article.blocks] == ["近日，全国各地积极推进乡村振兴工作，取得显著成效。"]
    assert [(p.caption, p.credit.text, p.credit.agency) for p in article.photos] == [(None, "本版图片均为新华社发", "新华社")]


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("上海博物馆人民广场馆外景。", True),
        ("“小砂糖橘”在观看企鹅。", True),
        ("中牟之变，是郑州推动汽车产业做大做强的生动样本。", False),  # a pause: running text
        ("企业提出：“关键配套企业还不够多。”", False),
        ("外景", False),  # no sentence
        ("这是一段很长很长的句子它没有任何停顿但是超过了三十个字所以不是图片说明。", False),
    ],
)
def test_caption_shaped_text(text, shaped):
    assert P.is_caption_shaped(text) is shaped


# Straight double quotes, as OCR and PDF fonts without curly glyphs give them: each is read by its
# place as an opening or a closing quote, so the quote evidence holds as with “ and ”.
@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ('他说："我们公司拥有300多项专利。"', True),  # closed at the end
        ('他说："我们公司拥有300多项专利。', False),  # still open
        ('建立"组合港"，联合湛江港等推广"并行港+', False),  # the last one opens (a cut head)
    ],
)
def test_straight_quotes_are_read_by_their_place(text, ends):
    assert P.ends_paragraph(text) is ends


def test_a_cut_tail_opening_inside_a_straight_quote_closes_it():
    # An odd number of straight quotes, the first with no opening mark or space before it: it closes
    # a quote the head opened, as ” would (智"借力 read as 智”借力).
    assert P.opens_mid_sentence('智"借力。近年来，吉林以"智改数转"为抓手。')
    assert not P.opens_mid_sentence('近年来，吉林以"智改数转"为抓手。')
    curly = P.continuation_score("近年来，吉林向“", "智”借力，推动产业升级。")[0]
    straight = P.continuation_score('近年来，吉林向"', '智"借力，推动产业升级。')[0]
    assert straight == curly


def test_the_horizontal_bar_is_read_as_the_chinese_dash():
    # ―― (U+2015) is the dash of code page 936 and of some PDF text layers.
    for dash in ("——", "――"):
        assert P.is_kicker(f"大力推进区域“一卡通”，逐步实现全国“一卡通”{dash}")
        assert P.ends_paragraph(f"讲好科学家故事{dash}")


def test_letter_spaced_display_type_is_read_without_its_spaces():
    # Extractors write the tracking of display type as spaces between characters.
    kicker = " ".join("越来越多中国非物质文化遗产成为世界认同和欣赏的中华文化符号——")
    assert P.is_kicker(kicker) and P.is_title_like(kicker)
    # A letter-spaced kicker ending …举行 is not cut inside the word 举行 (举行|当…).
    spaced = " ".join("世界市长对话·上海暨2025年上海国际友好城市合作论坛举行")
    tail = "当地代表纷纷表示，友城合作大有可为。"
    assert P.continuation_score(spaced, tail)[0] == P.continuation_score(spaced.replace(" ", ""), tail)[0]


def test_letter_spacing_is_no_list_of_padded_names():
    assert P.parse_byline("传 承 人 话 非 遗", after_headline=True) is None  # a short headline, letter-spaced
    assert P.parse_byline("王 丹 方 敏", after_headline=True).names == ("王丹", "方敏")  # names: their surnames
    assert P.parse_byline("亦 多", after_headline=True).names == ("亦多",)  # one padded name is this paper's mark


def test_a_lead_in_ends_with_a_colon_of_either_width():
    # Extractors and OCR give half-width punctuation in Chinese text as often as not.
    assert P.ends_paragraph("一级演员、昆曲省级代表性传承人柯军：")
    assert P.ends_paragraph("一级演员、昆曲省级代表性传承人柯军:")


def test_a_short_letter_spaced_line_is_read_unless_it_is_padded_names():
    # Running text letter-spaced too: a byline's role and names come apart into single characters.
    assert P.parse_byline("本 报 记 者 范 昊 天", after_headline=False).names == ("范昊天",)
    assert P.parse_byline("王 丹 方 敏 李 明", after_headline=True).names == ("王丹", "方敏", "李明")  # surnames: padded names


def test_a_letter_spaced_running_head_states_its_facts():
    head = P.running_head("人 民 日 报  2025年1月5日  星 期 日")
    assert (head.publication, head.date) == ("人民日报", "2025-01-05")
    label = P.running_head("第 4 版  要 闻")
    assert (label.page_number, label.page_name) == (4, "要闻")


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("近日，嘉鱼县蔬菜产业持续壮大。", True),
        ("2024年，全县蔬菜产值突破百亿元。", True),
        ("据介绍，新品种来自研究院。", True),
        ("（新华社北京6月18日电）会议指出……", True),
        ("当地干部群众走科技之路、质量之路。", False),  # the rest of a sentence cut before it
        ("近日的降雨让菜价上涨。", False),  # a time word as a subject, no comma: no telling
        ("“近日，”他说。", False),
        ("陈晔光：当前，中国经济正从高速增长转向高质量发展。", True),  # a speaker's turn in an interview
        ("记者：基础研究的魅力在哪里？", True),
        ("时指出：“优美的生态环境是最大的财富。”", False),  # a speech verb before the colon, no name
        ("王子联说：“我们将继续努力。”", False),
    ],
)
def test_a_sentence_opens_with_a_time_or_a_connective_and_a_comma(text, opens):
    assert P.opens_sentence(text) is opens


def test_box_labels_alone_on_their_line():
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    profile = PeoplesDailyProfile()
    assert all(map(profile.is_box_label, ["开栏的话", "核 心 阅 读", "■延伸阅读", "【编者按】", "链接", "相关链接："]))
    # A label opening a paragraph, a longer title, or a word inside one is no label.
    assert not any(map(profile.is_box_label, ["编者按：本报今起开设专栏", "开栏的话题", "图为链接", "打开链接全球的窗口"]))


def test_a_piece_stopping_on_a_conjunction_is_no_title():
    from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

    profile = PeoplesDailyProfile()
    assert not profile.is_title_like("南芬露天铁矿的职工把这条游览线路命名为“纪元路”，它不仅")
    assert not profile.is_title_like("推动传统产业转型升级以及")
    assert profile.is_title_like("百年钢企逐“绿”行")


@pytest.mark.parametrize("text", ["本报北京4月24日电  （记者赵成）", "新华社北京3月8日电", "本报讯"])
def test_a_dateline_alone_on_its_line_is_no_title(text):
    # pdftotext may set a lead's dateline on a line of its own above the text: it opens the lead, not an article.
    assert not P.is_title_like(text)
    assert P.is_title_like("北京4月24日电视剧开播")  # a title that reads like one only in part


def test_a_first_clause_of_one_character_opens_mid_sentence():
    # 王志|勤，长期坚守…; 机械臂轻|摆，…: 1 paragraph in 2,144 of the dev days opens so, 5% of cut tails.
    assert P.opens_mid_sentence("勤，长期坚守信息通信领域。")
    assert P.opens_mid_sentence("摆、焊接误差低至0.2毫米。")
    # Not a list's number, nor a sentence opener of two characters, nor the gloss of a rare character.
    assert not P.opens_mid_sentence("一、加快发展现代农业")
    assert not P.opens_mid_sentence("如今，古韵悠然的河道仍旧流淌。")
    assert not P.opens_mid_sentence("埇，多用于地名，为道上加土之意。")
    # Where a tail opens so is no evidence of which head it continues: the join score is unchanged.
    assert P.continuation_score("焊接车间里，机械臂轻", "摆，焊接误差低至0.2毫米。")[0] == P.continuation_score(
        "焊接车间里，机械臂轻", "如今，焊接误差低至0.2毫米。"
    )[0]


def test_a_verb_particle_opening_no_word_opens_mid_sentence():
    # 揭示 | 了古埃及人…: of the dev days' 2,553 paragraphs none opens with 了着过地得 unless a word does.
    assert P.opens_mid_sentence("了古埃及人与动物崇拜之间神秘而亲密的精神世界。")
    assert P.opens_mid_sentence("着车过来看戏。")
    assert P.opens_mid_sentence("地条件挖掘特色演员和节目。")
    assert not P.opens_mid_sentence("了解到这一情况后，他立即赶往现场。")
    assert not P.opens_mid_sentence("过去一年，全省粮食产量再创新高。")
    assert not P.opens_mid_sentence("得益于政策支持，企业订单不断增加。")
    score, reason = P.continuation_score("古埃及展揭示", "了古埃及人与动物崇拜之间神秘而亲密的精神世界。")
    assert score > 0 and "rarely opens a word" in reason


def test_the_word_across_a_cut_says_where_it_splits_and_what_it_adds():
    from newsarchive.profiles.segmentation import cut_gain
    from newsarchive.profiles.zh_peoples_daily import W_NO_SPAN, W_SPAN, W_SPAN_CAP, W_SPAN_GAIN

    word, taken, weight = P.word_across("南水北调中线一期初", "步建成，10个省")
    assert (word, taken) == ("初步", 1)
    gain = cut_gain("南水北调中线一期初", "步建成，10个省")[1]
    assert math.isclose(weight, min(W_SPAN_CAP, W_SPAN + W_SPAN_GAIN * gain) - W_NO_SPAN)  # over no word at all
    assert P.word_across("研学的娃娃", "。不少写生") is None


def test_a_speakers_attribution_alone_opens_no_paragraph():
    # …跨越理解障碍。” | 科大讯飞品牌市场中心副总经理董斌说。: of the dev days' 2,553 paragraphs none is an attribution alone.
    assert P.opens_mid_sentence("科大讯飞品牌市场中心副总经理董斌说。")
    assert P.opens_mid_sentence("郭晓东表示。")
    assert not P.opens_mid_sentence("他说，今年的收成不错。")  # a sentence of its own after the verb
    assert not P.opens_mid_sentence("今年的收成不错。")
    assert not P.opens_mid_sentence("“我们一定会做好。”他说。")  # the quotation is there: a paragraph


def test_names_open_with_a_surname():
    # 。反复强调… reads like a bare name before a verb of saying; 反 opens no name, and order-sections moved a
    # passage for it (a PDF page's last section read first).
    assert P.name_mentions("要着眼长远。反复强调统筹发展和安全。鲁全认为，这是关键。") == {"鲁全"}
    assert P.name_introductions("中国人民大学教授鲁全说，统筹发展和安全是关键。") == {"鲁全"}


def test_a_line_introducing_a_speaker_is_no_header_and_ends_its_paragraph():
    # 对话嘉宾： over one line per speaker: a name set apart, then a position ending with a title.
    for line in ("陈晔光  中国科学院院士、南昌大学校长", "阳  铭  兰州大学化学与化工学院、天然产物化学全国重点实验室教授"):
        assert P.introduces_person(line) and P.ends_paragraph(line)
    assert not P.introduces_person("本报记者 王 浩")  # a byline: its role first
    assert not P.introduces_person("深化全民国防教育  厚植国防安全意识")  # a title's two parts
    assert not P.introduces_person("王 浩")


def test_quote_evidence_is_what_quotes_add_to_the_continuation_score():
    head, tail = "他说：“我们要继续努力", "，把工作做好。”"
    assert P.quote_evidence(head, tail) == 3.0  # opened before the cut, closed after it
    assert "quote opened before the cut" in P.continuation_score(head, tail)[1]
    assert P.quote_evidence("他说我们要继续努力", "做好。”大家都同意。") == -1.5  # closed, never opened
    assert P.quote_evidence("他说我们要继续努力", "把工作做好。") == 0.0
    assert P.quote_evidence("", "把工作做好。") == 0.0


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("本报北京3月14日电（记者李婕）近日，各地……", "本报北京3月14日电（记者李婕）"),
        ("新华社日内瓦3月13日电  近日，……", "新华社日内瓦3月13日电"),
        ("据新华社北京3月14日电  近日，……", "据新华社北京3月14日电"),
        ("本报电  近日，……", "本报电"),
        ("本报讯（记者 王 浩）近日，……", "本报讯（记者王浩）"),  # the reporters after 本报讯 too, as after …电
        ("本报北京3月14日讯  近日，……", "本报北京3月14日讯"),  # 讯 where the day is given, as 电
        ("人民网北京3月14日电  近日，……", "人民网北京3月14日电"),  # other media, known by the day and 电 or 讯 after it
        ("经济日报北京3月14日讯（记者 张三）近日，……", "经济日报北京3月14日讯（记者张三）"),
        ("今年3月14日，我们在北京……", None),
        ("上海3月14日电  近日，……", None),  # no one reporting
        ("记者3月14日从有关部门获悉，……", None),
        ("网友3月14日讯  ……", None),
    ],
)
def test_datelines(text, dateline):
    assert P.dateline(text) == dateline
