"""The People's Daily profile's text conventions that the transform tests do not reach directly."""

from __future__ import annotations

import pytest

from newsarchive.profiles.zh_peoples_daily import PeoplesDailyProfile

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
