"""The People's Daily profile's text conventions that the transform tests do not reach directly."""

from __future__ import annotations

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


def test_a_byline_wrapped_over_two_lines_is_one_byline():
    page = newsarchive.load("县域经济加快转型升级\n\n本报记者 王 丹 方\n敏 朱佩娴\n\n正文第一段写到这里结束。\n".encode())
    (article,) = page.items
    assert article.subheadline is None
    assert article.byline.text == "本报记者 王 丹 方 敏 朱佩娴"  # the line break kept as the space between names
    assert article.byline.names == ("王丹", "方敏", "朱佩娴")
