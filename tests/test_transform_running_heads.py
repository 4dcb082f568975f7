"""running-heads (priority 110): the page's facts from its running heads."""

from __future__ import annotations

from dataclasses import replace

import newsarchive
from newsarchive.model import Page, PageMeta
from newsarchive.profiles import get_profile
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder.running_heads import RunningHeads
from newsarchive.reorder.tag_roles import TagRoles

from helpers import page_from_blocks, run

BODY = ["社保卡，解锁更多应用新场景", "本报记者 李 婕", "一张社会保障卡，能帮助居民完成哪些事项？"]


def test_running_heads_fill_the_page_facts():
    draft = run(["人民日报海外版", "2024年3月15日 星期五", "第11版 民生", *BODY], TagRoles(), RunningHeads())
    meta = draft.meta
    assert (meta.publication, meta.date, meta.page_number, meta.page_name) == ("人民日报海外版", "2024-03-15", 11, "民生")
    assert [d.reason for d in draft.decisions if d.step == "running-heads"] == [
        "publication 人民日报海外版 from the running head",
        "date 2024-03-15 from the running head",
        "page_number 11 from the running head",
        "page_name 民生 from the running head",
    ]
    assert not draft.warnings


def test_the_callers_facts_win_and_a_contradiction_is_a_warning():
    page = page_from_blocks("人民日报 2025年1月5日 星期日 第1版", *BODY)
    page = replace(page, meta=PageMeta(source="p1.txt", date="2025-01-06"))
    draft = Pipeline([TagRoles(), RunningHeads()]).run(Draft.from_page(page, get_profile("zh-CN")))
    assert draft.meta.date == "2025-01-06"  # given by the caller, kept
    assert (draft.meta.publication, draft.meta.page_number) == ("人民日报", 1)
    (warning,) = draft.warnings
    assert warning.code == "running-head-mismatch" and "2025-01-05" in warning.message and warning.source == "p1.txt"


def test_running_heads_that_disagree_set_nothing():
    draft = run(["第11版 民生", *BODY, "第12版 民生"], TagRoles(), RunningHeads())
    assert draft.meta.page_number is None and draft.meta.page_name == "民生"
    assert [w.code for w in draft.warnings] == ["running-heads-disagree"]


def test_a_page_without_running_heads_is_unchanged():
    draft = run(BODY, TagRoles(), RunningHeads())
    assert draft.meta == PageMeta(source="test") and not draft.warnings


def test_running_heads_stay_out_of_the_articles_and_are_kept_as_furniture():
    text = "人民日报海外版\n\n2024年3月15日 星期五\n\n第11版 民生\n\n" + "\n\n".join(BODY) + "\n"
    page: Page = newsarchive.load(text.encode())
    (article,) = page.items
    assert article.kicker is None and article.headline == BODY[0]
    assert [u.text for u in page.unplaced] == ["人民日报海外版", "2024年3月15日 星期五", "第11版 民生"]
    assert page.meta.page_name == "民生"
