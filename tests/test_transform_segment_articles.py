"""segment-articles (priority 200) alone, after role tagging."""

from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import STACKED_HEADERS, run


def test_one_article_per_header_cluster():
    blocks = ["引题写在这里就好——", "第一篇标题", "本报记者 王 强", "正文。", "另一个引题写在这里——", "第二篇标题", "正文二。"]
    draft = run(blocks, TagRoles(), SegmentArticles())
    assert len(draft.articles) == 2
    assert draft.articles[0].header_ids == ("f1", "f2", "f3")
    assert draft.articles[1].kicker == "f5" and draft.articles[1].headline == "f6"


def test_page_without_headline_still_gets_one_article():
    draft = run(["这是一段正文，没有标题。", "这是第二段正文，也没有标题，而且更长一些。"], TagRoles(), SegmentArticles())
    # The first fragment is title-like only if short; either way body text has an article.
    assert len(draft.articles) == 1


def test_bylines_under_stacked_headers_go_to_them_in_order():
    draft = run(STACKED_HEADERS, TagRoles(), SegmentArticles())
    assert [(a.kicker, a.headline, a.byline) for a in draft.articles] == [("f1", "f2", "f4"), (None, "f3", "f5")]


def test_a_byline_after_one_header_goes_to_it():
    blocks = ["第一篇标题", "本报记者 王 强", "正文。", "第二篇标题", "本报记者 李 四", "正文二。"]
    draft = run(blocks, TagRoles(), SegmentArticles())
    assert [a.byline for a in draft.articles] == ["f2", "f5"]


def test_a_byline_right_under_a_stacked_headline_is_its_own():
    # pdftotext's plain text: two headlines side by side, the second with its byline in its own box
    # (a line break, no blank line, between them), the first's byline further down.
    from newsarchive.profiles import get_profile
    from newsarchive.readers.text import split_fragments
    from newsarchive.model import Page, PageMeta
    from newsarchive.reorder import Draft, Pipeline

    column = "\n".join(["粮食生产再次取得丰收，食品安全状况总"] * 12)
    text = "守质量安全 护三餐四季（人民时评）\n\n“伪智能”需要真监管（纵横）\n钱立功\n\n常钦\n" + column
    page = Page(meta=PageMeta(source="test"), fragments=split_fragments(text))
    assert [f.text for f in page.fragments[:4]] == ["守质量安全 护三餐四季（人民时评）", "“伪智能”需要真监管（纵横）", "钱立功", "常钦"]
    draft = Pipeline([TagRoles(), SegmentArticles()]).run(Draft.from_page(page, get_profile("zh-CN")))
    assert [(a.headline, a.byline) for a in draft.articles] == [("f1", "f4"), ("f2", "f3")]


# A's header, then B's headline (no byline, its Xinhua lead emitted far below) read right above C's
# kicker, headline and byline; the lead shares B's words.
HEADLINE_APART_FROM_ITS_LEAD = [
    "大力弘扬时代楷模精神 积极投身交通强国建设",
    "新华社北京4月24日电  何立峰在京与报告团成员座谈。",
    "“时代楷模”单杏花同志先进事迹报告会在京举行",
    "以湖北一域之为更好服务中国式现代化建设全局",
    "坚持改革创新，推动经济社会高质量发展",
    "本报记者  禹伟良  范昊天",
    "4月24日，开局起步“十五五”湖北专场新闻发布会在武汉举行。",
    "湖北将坚持投资于物和投资于人相结合。",
    "新华社北京4月24日电  “时代楷模”单杏花同志先进事迹报告会24日在京举行。",
]


def test_a_headline_read_over_another_header_is_found_for_its_lead_and_takes_no_byline():
    draft = run(HEADLINE_APART_FROM_ITS_LEAD, TagRoles(), SegmentArticles())
    assert [(a.kicker, a.headline, a.byline) for a in draft.articles] == [
        (None, "f1", None),
        (None, "f3", None),
        ("f4", "f5", "f6"),
    ]
