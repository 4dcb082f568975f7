"""headers-without-text (priority 410): a header over no text, inside one article's text, is its section titles."""

from dataclasses import replace

from newsarchive.reorder import Draft
from newsarchive.reorder.headers_without_text import HeadersWithoutText
from newsarchive.reorder.segment_articles import SegmentArticles
from newsarchive.reorder.tag_roles import TagRoles

from helpers import roles, run

HEADER = ["河北强算力产业育创新场景", "本报记者 万秀斌 张腾扬"]
BEFORE = "算力与绿色电力融合发展。作为国家可再生能源示范区，张家口的算力产业正在加快集聚。"
TITLES = ["推广应用，培育人工智能创新场景——", "算力应用，带来了什么？"]
AFTER = "钢铁“智”变。过去40分钟的铁水运输，现在人工智能调度系统几分钟就能完成，算力带来了效率。"


def _assigned(blocks: list[str], first_body: tuple[str, ...]) -> Draft:
    """The page as assign-fragments leaves it: the first article holds ``first_body``, the pair's article nothing."""
    draft = run(blocks, TagRoles(), SegmentArticles())
    articles = (replace(draft.articles[0], body=first_body), *(replace(a, body=()) for a in draft.articles[1:]))
    return replace(draft, articles=articles)


def test_a_header_over_no_text_inside_an_articles_text_becomes_its_headings():
    draft = _assigned([*HEADER, BEFORE, *TITLES, AFTER], ("f3", "f6"))
    assert roles(draft)[3:5] == ["kicker", "headline"] and len(draft.articles) == 2
    done = HeadersWithoutText().apply(draft)
    assert len(done.articles) == 1
    assert done.articles[0].body == ("f3", "f4", "f5", "f6")
    assert roles(done)[3:5] == ["heading", "heading"]
    assert [d.step for d in done.decisions][-1] == "headers-without-text"


def test_a_header_with_a_byline_or_at_the_edge_of_the_text_keeps_its_article():
    signed = _assigned([*HEADER, BEFORE, *TITLES, "本报记者 王 强", AFTER], ("f3", "f7"))
    assert HeadersWithoutText().apply(signed).articles == signed.articles  # a byline: an article whose text went elsewhere
    last = _assigned([*HEADER, BEFORE, *TITLES], ("f3",))
    assert HeadersWithoutText().apply(last).articles == last.articles  # no text after it
    other = _assigned([*HEADER, BEFORE, *TITLES, AFTER], ("f3",))
    assert HeadersWithoutText().apply(other).articles == other.articles  # the text after it is no one's (or another's)
