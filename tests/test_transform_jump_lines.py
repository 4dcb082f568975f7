"""jump-lines (priority 290): text continued on another page (（下转第二版）) or from one (（上接第一版））."""

from __future__ import annotations

import pytest

import newsarchive
from newsarchive.model import Article, BlockType, Role
from newsarchive.profiles import JumpLine, get_profile
from newsarchive.serialize import page_to_dict

from conftest import EXAMPLE
from helpers import run
from newsarchive.reorder.join_cuts import JoinCuts
from newsarchive.reorder.join_frames import JoinFrames
from newsarchive.reorder.jump_lines import JumpLines
from newsarchive.reorder.order_sections import OrderSections
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.assign_fragments import AssignFragments
from newsarchive.reorder.tag_roles import TagRoles

ZH = get_profile("zh-CN")
EN = get_profile("en")
# The example page's last paragraph of its second article, cut off mid-sentence as page one ends it.
LAST = "据分析，黄金消费需求升温，是银行代售金饰品引发关注的重要原因"
CUT = "据分析，黄金消费需求升温，是银"


@pytest.mark.parametrize(
    "text, jump",
    [
        ("各地区各部门要坚持稳中求进工作总基调，推动经济持续（下转第二版）", JumpLine("on", "第二版", False)),
        ("（下转第二版）", JumpLine("on", "第二版", True)),
        ("（转第 12 版）", JumpLine("on", "第12版", True)),
        ("（上接第一版）回升向好，为实现全年目标打下坚实基础。", JumpLine("from", "第一版", False)),
        ("（上接第一版）", JumpLine("from", "第一版", True)),
        ("推动经济持续", None),
        ("读书（第3版）", None),  # a column tag naming a page is no jump line
        ("（本报记者张三采写）", None),
    ],
)
def test_the_zh_profile_reads_jump_lines(text, jump):
    assert ZH.jump_line(text) == jump


@pytest.mark.parametrize(
    "text, jump",
    [
        ("The committee will meet again on Tuesday to (Continued on Page 5)", JumpLine("on", "5", False)),
        ("Continued on page 12.", JumpLine("on", "12", True)),
        ("(Continued from Page A1) the minister said.", JumpLine("from", "A1", False)),
        ("He continued on the road to Bath.", None),
    ],
)
def test_the_en_profile_reads_jump_lines(text, jump):
    assert EN.jump_line(text) == jump


@pytest.mark.parametrize("profile, text", [(ZH, "推动经济持续（下转第二版）"), (EN, "The committee will meet (Continued on Page 5)")])
def test_a_text_continued_on_another_page_ends_its_paragraph_here_and_heads_nothing(profile, text):
    assert profile.ends_paragraph(text)
    assert not profile.is_title_like(text) and not profile.closes_headline(text)


def _gold_article(tmp_path, replacement: str) -> tuple[Article, dict]:
    """The example page with the gold article's last paragraph replaced, reconstructed."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index(LAST)
    end = text.index("\n", start)
    page_file = tmp_path / "jump.txt"
    page_file.write_text(text[:start] + replacement + text[end:], encoding="utf-8")
    page = newsarchive.load(page_file)
    articles = [item for item in page.items if isinstance(item, Article)]
    assert len(articles) == 2 and len(page.items) == 3  # two articles and the standalone photo, as before
    return articles[1], page_to_dict(page)


@pytest.mark.parametrize("gap", ["", "\n\n"], ids=["inline", "a block of its own"])
def test_the_piece_a_jump_line_ends_stays_the_last_words_of_its_article_on_the_page(tmp_path, gap):
    """Untreated, 据分析…是银（下转第二版） read as the headline of an article of its own (or a heading)."""
    article, data = _gold_article(tmp_path, CUT + gap + "（下转第二版）")
    texts = [b.text.replace("\n", "") for b in article.blocks]
    assert CUT + "（下转第二版）" in texts
    assert all(b.type is BlockType.PARAGRAPH for b in article.blocks)
    assert article.headline == "去银行买金饰，有啥不一样？"
    jumps = [d for d in data["decisions"] if d["kind"] == "jump"]
    assert [d["reason"] for d in jumps] == ["continued on 第二版"]


HEAD = "坚定信心 推动经济持续回升向好"
BYLINE = "本报记者 李 婕"
UNFINISHED = "今年以来，各地区各部门认真贯彻落实中央经济工作会议精神。各地着力扩大国内需求，推动"
FROM_TEXT = "（上接第一版）各地区各部门要坚持稳中求进工作总基调，为实现全年目标打下坚实基础。"
STEPS = (TagRoles(), SegmentArticles(), JumpLines(), JoinCuts(), AssignFragments(), JoinFrames())


def test_text_continued_from_another_page_continues_nothing_on_this_one():
    """A cut paragraph right above it in the same article is not its head: join-frames would take it."""
    draft = run([HEAD, BYLINE, UNFINISHED, FROM_TEXT], *STEPS)
    assert draft.joins == ()
    assert [d.reason for d in draft.decisions if d.kind == "jump"] == ["continued from 第一版"]


def test_a_continued_from_line_standing_alone_opens_the_text_below_it():
    draft = run([HEAD, BYLINE, "（上接第一版）", FROM_TEXT.removeprefix("（上接第一版）")], *STEPS)
    assert [(j.head, j.tail) for j in draft.joins] == [("f3", "f4")]
    assert draft.fragment("f3").role is Role.PARAGRAPH


def test_a_continued_on_line_standing_alone_ends_the_text_above_it():
    draft = run([HEAD, BYLINE, UNFINISHED, "（下转第二版）", FROM_TEXT.removeprefix("（上接第一版）")], *STEPS)
    assert [(j.head, j.tail) for j in draft.joins] == [("f3", "f4")]
    assert [d.reason for d in draft.decisions if d.kind == "jump"] == ["continued on 第二版"]


FIRST = "各地认真落实中央经济工作会议部署，扩大国内需求，经济运行总体平稳。"
SECOND = "专家认为，随着一揽子增量政策落地见效，经济回升向好的基础将更加牢固。"
ON_TEXT = "各地区各部门要坚持稳中求进工作总基调，为实现全年目标（下转第二版）"
ORDERED = (*STEPS, OrderSections())


def _body(draft) -> list[str]:
    return [draft.text(f) for f in draft.articles[0].body]


def test_text_continued_from_another_page_is_read_first_in_its_article():
    """Emitted after the article's other text, it still opens the article's text on this page."""
    draft = run([HEAD, BYLINE, FIRST, SECOND, FROM_TEXT], *ORDERED)
    assert _body(draft) == [FROM_TEXT, FIRST, SECOND]


def test_text_continued_on_another_page_is_read_last_in_its_article():
    draft = run([HEAD, BYLINE, ON_TEXT, FIRST, SECOND], *ORDERED)
    assert _body(draft) == [FIRST, SECOND, ON_TEXT]
