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


def test_a_page_number_and_name_beside_the_running_head_are_part_of_it():
    draft = run(["2", "要闻", "人民日报 2025年1月5日 星期日", *BODY], TagRoles(), RunningHeads())
    assert [f.role.value for f in draft.fragments][:3] == ["furniture"] * 3
    assert (draft.meta.page_number, draft.meta.page_name, draft.meta.date) == (2, "要闻", "2025-01-05")


def test_only_what_stands_next_to_the_running_head_is_taken():
    # The headline stops the walk: the "3" after it is the article's, not the page's.
    draft = run(["人民日报 2025年1月5日 星期日", BODY[0], "3", *BODY[1:]], TagRoles(), RunningHeads())
    assert draft.meta.page_number is None
    assert [f.role.value for f in draft.fragments][1] != "furniture" and draft.fragments[2].role.value != "furniture"


def test_a_short_headline_under_the_running_head_stays_a_headline():
    for head in ("人民日报 2026年4月25日 星期六 第7版 文化遗产", "人民日报 2026年4月25日 星期六"):
        draft = run([head, "大地书香·文脉传承", "阅读，是读过往，也是读当下。古人的智慧写进了今人的心灵。"], TagRoles(), RunningHeads())
        assert draft.fragments[1].role.value == "headline"
        assert draft.meta.page_name in ("文化遗产", None)


def test_an_english_running_head_dates_the_page():
    text = "4 THE NEW YORK HERALD, TUESDAY, JANUARY 6, 1920.\n\nSTRIKE ENDS AT THE DOCKS.\n\nThe men went back to work this morning after a week.\n"
    page = newsarchive.load(text.encode(), language="en")
    assert (page.meta.date, page.meta.page_number) == ("1920-01-06", 4)
    assert page.items[0].headline == "STRIKE ENDS AT THE DOCKS."


def test_a_document_of_several_pages_takes_only_its_paper_and_date_from_them():
    page = page_from_blocks("人民日报 2025年1月5日 星期日 第1版 要闻", *BODY, "人民日报 2025年1月5日 星期日 第2版 要闻", *BODY)
    fragments = tuple(replace(f, page=1 if k < 4 else 2) for k, f in enumerate(page.fragments))
    draft = Pipeline([TagRoles(), RunningHeads()]).run(Draft.from_page(replace(page, fragments=fragments), get_profile("zh-CN")))
    assert (draft.meta.publication, draft.meta.date, draft.meta.page_number) == ("人民日报", "2025-01-05", None)
    assert not draft.warnings  # a page number per page is no disagreement


def test_a_page_number_alone_at_the_top_or_foot_of_the_page_is_furniture():
    """Extractors print a page's number as a line of its own, with no running head: it opened the first article's body."""
    for blocks, at in (
        (["5", *BODY], 0),
        ([*BODY, "- 5 -"], -1),
        (["—5—", *BODY], 0),
        (["5 要闻", *BODY], 0),
    ):
        draft = run(blocks, TagRoles(), RunningHeads())
        assert draft.fragments[at].role.value == "furniture", blocks
        assert draft.meta.page_number == 5
    page = newsarchive.load(("5\n\n" + "\n\n".join(BODY) + "\n").encode())
    (article,) = page.items
    assert article.headline == BODY[0] and [u.text for u in page.unplaced] == ["5"]


def test_a_number_inside_the_page_or_a_lone_title_at_its_top_is_no_page_number():
    draft = run([BODY[0], BODY[1], "5", BODY[2]], TagRoles(), RunningHeads())
    assert draft.fragments[2].role.value != "furniture" and draft.meta.page_number is None
    draft = run(["要闻", *BODY], TagRoles(), RunningHeads())  # a page name alone may be a short headline
    assert draft.fragments[0].role.value != "furniture" and draft.meta.page_name is None
    draft = run(["2024", *BODY], TagRoles(), RunningHeads())  # a year is no page number
    assert draft.fragments[0].role.value != "furniture"


def test_a_page_number_at_the_page_s_edge_is_decided_with_the_confidence_its_role_has():
    draft = run(["5", *BODY], TagRoles(), RunningHeads())
    (decision,) = [d for d in draft.decisions if d.step == "running-heads" and d.kind == "role"]
    assert decision.confidence == draft.fragments[0].role_confidence == 0.8
