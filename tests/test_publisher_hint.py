"""The publisher's segmentation as a hint: it keeps the publisher's order and places what the publisher placed."""

from __future__ import annotations

from newsarchive.conservation import conservation_errors
from newsarchive.model import Article, BBox, Fragment, Page, PageMeta
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.readers.mets import page_sequences
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder.assemble import assemble
from newsarchive.reorder.publisher_hint import PublisherSegmentation

from geometry_helpers import reconstruct, steps

BODY = "Sir WILLIAM LEMON presented a petition from the parish against the duty on coals."


def frag(fid: str, text: str, box: tuple[float, float, float, float], lines: int = 1) -> Fragment:
    joined = "\n".join([text] * lines)
    return Fragment(id=fid, text=joined, lines=(text,) * lines, start=0, end=len(joined), line=1, bbox=BBox(x0=box[0], y0=box[1], x1=box[2], y1=box[3]))


PAGE = Page(
    meta=PageMeta(language="en"),
    fragments=(
        frag("lead", BODY, (0, 0, 400, 90), 3),  # text continued from an earlier page: no headline above it
        frag("head", "COAL DUTIES.", (140, 100, 260, 115)),  # centred: newsarchive opens an article here
        frag("b1", BODY, (0, 125, 400, 215), 3),
        frag("speck", "i", (-60, 100, -40, 160)),  # a margin speck newsarchive takes for noise
    ),
)


def run(hint: list[list[str]]) -> Page:
    draft = Draft.from_page(PAGE, EnglishNewspaperProfile())
    return assemble(Pipeline(steps() + [PublisherSegmentation(hint)]).run(draft))


def test_without_hint_the_centred_title_opens_an_article_and_the_speck_is_noise():
    page = reconstruct(PAGE)
    assert [a.headline for a in page.articles] == [None, "COAL DUTIES."]
    assert [u.fragments for u in page.unplaced] == [("speck",)]


def test_a_headline_inside_a_publisher_article_becomes_a_section_heading_in_its_place():
    hint = [["lead", "head", "b1", "speck"]]
    page = run(hint)
    assert page_sequences(page) == hint  # the publisher's order, header included, survives assembly
    (article,) = page.articles
    assert isinstance(article, Article) and article.headline is None
    assert [(b.type.value, b.fragments) for b in article.blocks] == [
        ("paragraph", ("lead",)),
        ("heading", ("head",)),
        ("paragraph", ("b1",)),
        ("paragraph", ("speck",)),  # placed by the publisher: not furniture after all
    ]
    lost, invented = conservation_errors(page)
    assert not lost and not invented


def test_an_article_opening_with_its_headline_keeps_it():
    hint = [["lead"], ["head", "b1"]]
    page = run(hint)
    assert page_sequences(page)[:2] == hint
    assert [a.headline for a in page.articles] == [None, "COAL DUTIES."]
