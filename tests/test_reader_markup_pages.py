"""ALTO and hOCR documents of several pages: listed, read page by page, converted and batched as NAME-pK."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsarchive
from newsarchive import api
from newsarchive.batch import run_batch
from newsarchive.cli import cli
from newsarchive.conservation import nonspace
from newsarchive.errors import ReadError
from newsarchive.model import PageMeta
from newsarchive.readers.alto import AltoReader
from newsarchive.readers.hocr import HocrReader

# Each page: blocks, each a list of lines.  Headline, then two paragraphs.
PAGE_ONE = [["STATE OF IRELAND."], ["The Marquess moved for papers", "relating to Ireland."], ["The motion was agreed."]]
PAGE_TWO = [["FOREIGN NEWS."], ["Letters from Paris of the", "third instant arrived."], ["Nothing more is known."]]


def _laid_out(blocks: list[list[str]]) -> list[tuple[int, int, list[tuple[int, list[tuple[int, str]]]]]]:
    """Each block (1-based number, top) with its lines (top, words with their left edges), one above the other."""
    return [
        (b, 100 * b, [(100 * b + 30 * n, [(50 + 60 * i, w) for i, w in enumerate(line.split())]) for n, line in enumerate(lines)])
        for b, lines in enumerate(blocks, start=1)
    ]


def alto(*pages: list[list[str]], printed: tuple[int | None, ...] = (), physical: tuple[int, ...] = ()) -> bytes:
    """An ALTO v4 document with one Page per argument (PRINTED_IMG_NR, PHYSICAL_IMG_NR from ``printed``, ``physical``)."""
    out = ['<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>']
    for k, blocks in enumerate(pages, start=1):
        number = printed[k - 1] if k <= len(printed) else None
        attribute = f' PRINTED_IMG_NR="{number}"' if number is not None else ""
        attribute += f' PHYSICAL_IMG_NR="{physical[k - 1]}"' if k <= len(physical) else ""
        out.append(f'<Page ID="P{k}"{attribute} WIDTH="1000" HEIGHT="1400"><PrintSpace>')
        for b, top, lines in _laid_out(blocks):
            out.append(f'<TextBlock ID="P{k}_B{b}" HPOS="50" VPOS="{top}" WIDTH="400" HEIGHT="{30 * len(lines)}">')
            for y, words in lines:
                strings = "".join(f'<String CONTENT="{w}" HPOS="{x}" VPOS="{y}" WIDTH="55" HEIGHT="25"/>' for x, w in words)
                out.append(f'<TextLine HPOS="50" VPOS="{y}" WIDTH="400" HEIGHT="25">{strings}</TextLine>')
            out.append("</TextBlock>")
        out.append("</PrintSpace></Page>")
    out.append("</Layout></alto>")
    return "".join(out).encode()


def hocr(*pages: list[list[str]], ppageno: bool = False) -> bytes:
    """An hOCR (HTML) document with one ocr_page per argument (with ppageno, 0-based, if asked)."""
    out = [
        "<html><head><meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word'/></head><body>"
    ]
    for k, blocks in enumerate(pages, start=1):
        number = f"; ppageno {k + 4}" if ppageno else ""
        out.append(f"<div class='ocr_page' id='page_{k}' title='bbox 0 0 1000 1400{number}'>")
        for b, top, lines in _laid_out(blocks):
            out.append(f"<p class='ocr_par' id='par_{k}_{b}' title='bbox 50 {top} 450 {top + 30 * len(lines)}'>")
            for y, words in lines:
                spans = "".join(
                    f"<span class='ocrx_word' title='bbox {x} {y} {x + 55} {y + 25}; x_wconf 95'>{w}</span> " for x, w in words
                )
                out.append(f"<span class='ocr_line' title='bbox 50 {y} 450 {y + 25}'>{spans}</span>")
            out.append("</p>")
        out.append("</div>")
    out.append("</body></html>")
    return "".join(out).encode()


def words(blocks: list[list[str]]) -> str:
    return nonspace("".join(" ".join(lines) for lines in blocks))


READERS = [(AltoReader, alto, "ALTO"), (HocrReader, hocr, "hOCR")]


@pytest.mark.parametrize("reader, build, kind", READERS)
def test_pages_lists_the_pages_with_text(reader, build, kind):
    assert reader.pages(build(PAGE_ONE)) == (1,)
    assert reader.pages(build(PAGE_ONE, PAGE_TWO)) == (1, 2)
    assert reader.pages(build(PAGE_ONE, [], PAGE_TWO)) == (1, 3)  # a blank page keeps the others' places
    assert reader.pages(build([], PAGE_TWO)) == (1,)  # one page with text: read as it is
    assert api.pages(build(PAGE_ONE, PAGE_TWO)) == (1, 2)


@pytest.mark.parametrize("reader, build, kind", READERS)
def test_a_page_is_read_alone_by_its_place(reader, build, kind):
    data = build(PAGE_ONE, [], PAGE_TWO)
    page = reader().read(data, meta=PageMeta(source="issue", page_number=3))
    assert nonspace("".join(f.text for f in page.fragments)) == words(PAGE_TWO)
    assert page.meta.page_number == 3 and {f.page for f in page.fragments} == {3}
    assert not [w for w in page.warnings if w.code == "several-pages"]
    with pytest.raises(ReadError, match=f"issue: page 2 of the {kind} document is blank"):
        reader().read(data, meta=PageMeta(source="issue", page_number=2))
    with pytest.raises(ReadError, match=f"issue: the {kind} document has 3 pages; there is no page 4"):
        reader().read(data, meta=PageMeta(source="issue", page_number=4))


@pytest.mark.parametrize("reader, build, kind", READERS)
def test_without_a_page_number_the_document_is_read_whole_with_a_warning(reader, build, kind):
    page = reader().read(build(PAGE_ONE, PAGE_TWO), meta=PageMeta(source="issue"))
    assert nonspace("".join(f.text for f in page.fragments)) == words(PAGE_ONE) + words(PAGE_TWO)  # nothing left out
    (warning,) = [w for w in page.warnings if w.code == "several-pages"]
    assert f"the {kind} document has 2 pages with text" in warning.message and warning.source == "issue"
    one = reader().read(build(PAGE_ONE), meta=PageMeta(source="page"))
    assert not [w for w in one.warnings if w.code == "several-pages"]


def test_the_number_a_document_gives_its_page_is_kept():
    """ALTO's PRINTED_IMG_NR and hOCR's ppageno number the page; the place only picks it."""
    page = api.load_document_page(alto(PAGE_ONE, PAGE_TWO, printed=(7, 8)), 2)
    assert page.meta.page_number == 8
    page = api.load_document_page(hocr(PAGE_ONE, PAGE_TWO, ppageno=True), 1)
    assert page.meta.page_number == 6  # ppageno 5 is the sixth page
    page = api.load_document_page(alto(PAGE_ONE, PAGE_TWO), 2)
    assert page.meta.page_number == 2  # no number of its own: its place
    # Tesseract writes PHYSICAL_IMG_NR as its 0-based image index: 0, 1, … are pages 1, 2, …
    assert api.load_document_page(alto(PAGE_ONE, PAGE_TWO, physical=(0, 1)), 2).meta.page_number == 2
    assert api.load_document_page(alto(PAGE_ONE, PAGE_TWO, physical=(11, 12)), 2).meta.page_number == 12
    assert newsarchive.load(alto(PAGE_TWO, physical=(0,))).meta.page_number is None  # one image: no page number


@pytest.mark.parametrize("build, suffix", [(alto, ".xml"), (hocr, ".hocr")])
def test_cli_converts_each_page_on_its_own(tmp_path, build, suffix):
    runner = CliRunner()
    source = tmp_path / f"issue{suffix}"
    source.write_bytes(build(PAGE_ONE, PAGE_TWO))
    out = tmp_path / "out"
    result = runner.invoke(cli, ["convert", str(source), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["issue-p1.json", "issue-p2.json"]
    for k, blocks in ((1, PAGE_ONE), (2, PAGE_TWO)):
        alone = tmp_path / f"alone{k}{suffix}"
        alone.write_bytes(build(blocks))
        expected = newsarchive.load(alone)
        converted = json.loads((out / f"issue-p{k}.json").read_text(encoding="utf-8"))
        assert converted["meta"]["page_number"] == k
        assert [a["headline"] for a in converted["items"]] == [a.headline for a in expected.items]
        assert [[b["text"] for b in a["blocks"]] for a in converted["items"]] == [[b.text for b in a.blocks] for a in expected.items]
    assert "several-pages" not in result.stderr
    picked = runner.invoke(cli, ["convert", str(source), "--to", "json", "--page", "2", "-o", "-"])
    assert picked.exit_code == 0 and json.loads(picked.stdout)["items"][0]["headline"] == "FOREIGN NEWS."


def test_batch_makes_each_page_a_job(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "issue.xml").write_bytes(alto(PAGE_ONE, PAGE_TWO))
    (src / "scan.hocr").write_bytes(hocr(PAGE_ONE, [], PAGE_TWO))
    (src / "page.hocr").write_bytes(hocr(PAGE_TWO))  # one ocr_page (its class also named in ocr-capabilities)
    summary = run_batch([src], tmp_path / "out", "json", jobs=1, pattern="*.*")
    assert (summary.succeeded, summary.failed) == (5, 0)
    names = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert names == ["issue-p1.json", "issue-p2.json", "page.json", "scan-p1.json", "scan-p3.json"]
    third = json.loads((tmp_path / "out" / "scan-p3.json").read_bytes())
    assert third["meta"]["page_number"] == 3 and third["items"][0]["headline"] == "FOREIGN NEWS."


@pytest.mark.parametrize("reader, build, kind", READERS)
def test_read_pages_gives_each_page_as_read_alone_from_one_parse(monkeypatch, reader, build, kind):
    data = build(PAGE_ONE, [], PAGE_TWO)
    alone = [reader().read(data, meta=PageMeta(source="issue", page_number=k)) for k in (1, 3)]
    parses = []
    parse = reader._parse
    monkeypatch.setattr(reader, "_parse", staticmethod(lambda *a: parses.append(1) or parse(*a)))
    together = list(reader().read_pages(data, meta=PageMeta(source="issue"), numbers=(1, 3)))
    assert together == alone and len(parses) == 1
    with pytest.raises(ReadError, match=f"issue: page 2 of the {kind} document is blank"):
        list(reader().read_pages(data, meta=PageMeta(source="issue"), numbers=(2,)))


@pytest.mark.parametrize("build", [alto, hocr, lambda *pages: "\f".join(" ".join(" ".join(b) for b in p) + "\n" for p in pages).encode()])
def test_document_reader_equals_reading_page_by_page(build):
    """The API reads the document once; each page is what read_document_page gives (the text reader's too, page by page)."""
    data = build(PAGE_ONE, PAGE_TWO)
    numbers = api.pages(data)
    assert numbers == (1, 2)
    document = api.DocumentReader(data, meta=PageMeta(source="s"))
    assert [document.page(k) for k in numbers] == [api.read_document_page(data, k, meta=PageMeta(source="s")) for k in numbers]
    printed = alto(PAGE_ONE, PAGE_TWO, printed=(7, 8))
    assert [api.DocumentReader(printed).page(k).meta.page_number for k in (1, 2)] == [7, 8]
    given = api.DocumentReader(printed, page_number=3)
    assert [given.page(k).meta.page_number for k in (1, 2)] == [3, 3]


def test_cli_parses_a_document_once_for_all_its_pages(tmp_path, monkeypatch):
    """`convert` of an ALTO file of N pages parses it twice (its pages listed, then read), not N + 1 times."""
    source = tmp_path / "issue.xml"
    source.write_bytes(alto(PAGE_ONE, PAGE_TWO, PAGE_ONE))
    parses = []
    parse = AltoReader._parse
    monkeypatch.setattr(AltoReader, "_parse", staticmethod(lambda *a: parses.append(1) or parse(*a)))
    result = CliRunner().invoke(cli, ["convert", str(source), "--to", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["issue-p1.json", "issue-p2.json", "issue-p3.json"]
    assert len(parses) == 2


def test_a_batch_worker_parses_a_document_once_for_its_pages(tmp_path, monkeypatch):
    """Tasks for the pages of one document, run in one worker one after another, share one parse; another file lets it go."""
    from newsarchive import batch

    source = tmp_path / "issue.xml"
    source.write_bytes(alto(PAGE_ONE, PAGE_TWO, PAGE_ONE))
    single = tmp_path / "page.xml"
    single.write_bytes(alto(PAGE_TWO))
    parses = []
    parse = AltoReader._parse
    monkeypatch.setattr(AltoReader, "_parse", staticmethod(lambda *a: parses.append(1) or parse(*a)))

    def task(path, stem, document_page=None):
        meta = {"issue": {"document_page": document_page}} if document_page else None
        return batch.PageTask(path=str(path), source=str(path), outdir=str(tmp_path / "out"), stem=stem, formats=("json",), meta=meta)

    records = [batch.convert_page(task(source, f"issue-p{k}", k)) for k in (1, 2, 3)]
    assert [r.status for r in records] == ["done"] * 3 and len(parses) == 1
    assert json.loads((tmp_path / "out" / "issue-p2.json").read_bytes())["items"][0]["headline"] == "FOREIGN NEWS."
    assert batch.convert_page(task(single, "page")).status == "done" and not batch._OPEN_DOCUMENT
    assert batch.convert_page(task(source, "issue-p3", 3)).status == "done" and len(parses) == 3  # opened anew


@pytest.mark.parametrize("reader, build, kind", READERS)
def test_document_reader_reads_pages_in_any_order_and_past_a_bad_one(reader, build, kind):
    data = build(PAGE_ONE, [], PAGE_TWO)
    document = api.DocumentReader(data, meta=PageMeta(source="issue"))
    assert document.page(3) == api.read_document_page(data, 3, meta=PageMeta(source="issue"))
    with pytest.raises(ReadError, match=f"issue: page 2 of the {kind} document is blank"):
        document.page(2)
    assert document.page(1) == api.read_document_page(data, 1, meta=PageMeta(source="issue"))
