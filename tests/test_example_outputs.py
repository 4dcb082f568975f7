"""The example page end to end: every format from the CLI and the API, validated, byte-identical across runs."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

import newsarchive
from newsarchive.cli import cli

from conftest import EXAMPLE, IPTC_XSD
from helpers import run_epubcheck

META = ["--publication", "人民日报海外版", "--date", "2024-03-15", "--page", "11", "--page-name", "民生"]
FORMATS = {"json": ".json", "newsml": ".xml", "epub": ".epub", "docx": ".docx"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, bytes]:
    """Convert the example to all formats twice through the CLI; both runs must give the same bytes."""
    runs = []
    for n in range(2):
        out = tmp_path_factory.mktemp(f"run{n}")
        result = CliRunner().invoke(cli, ["convert", str(EXAMPLE), "--to", ",".join(FORMATS), "-o", str(out), *META])
        assert result.exit_code == 0, result.output
        runs.append({fmt: (out / (EXAMPLE.stem + ext)).read_bytes() for fmt, ext in FORMATS.items()})
    assert runs[0] == runs[1]
    return runs[0]


def test_api_gives_the_same_bytes_as_the_cli(outputs):
    page = newsarchive.load(EXAMPLE, publication="人民日报海外版", date="2024-03-15", page_number=11, page_name="民生")
    for fmt in FORMATS:
        assert newsarchive.write(page, fmt).data == outputs[fmt], fmt


def test_newsml_valid_against_bundled_profile_and_official_xsd(outputs, tmp_path):
    path = tmp_path / "example.xml"
    path.write_bytes(outputs["newsml"])
    assert newsarchive.validate(path).ok, newsarchive.validate(path).lines()
    if not IPTC_XSD.is_file():
        pytest.skip(f"official IPTC XSD not found at {IPTC_XSD}")
    report = newsarchive.validate(path, schema=IPTC_XSD)
    assert report.ok, report.lines()


def test_newsml_carries_the_three_items_in_reading_order(outputs):
    ns = {"n": "http://iptc.org/std/nar/2006-10-01/"}
    root = etree.fromstring(outputs["newsml"])
    mains = root.xpath("//n:newsItem[n:itemMeta/n:itemClass/@qcode='ninat:text']//n:headline[@role='nahl:main']/text()", namespaces=ns)
    assert mains == ["社保卡，解锁更多应用新场景", "去银行买金饰，有啥不一样？"]
    assert len(root.xpath("//n:newsItem[n:itemMeta/n:itemClass/@qcode='ninat:picture']", namespaces=ns)) == 3


def test_json_valid_against_its_schema(outputs, tmp_path):
    path = tmp_path / "example.json"
    path.write_bytes(outputs["json"])
    assert newsarchive.validate(path).ok


@pytest.mark.slow
def test_epubcheck_clean_on_the_example(outputs, tmp_path):
    book = tmp_path / "example.epub"
    book.write_bytes(outputs["epub"])
    checker, problems = run_epubcheck(book)
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), problems


def test_epub_reads_back_with_the_article_titles(outputs, tmp_path):
    from ebooklib import epub

    path = tmp_path / "example.epub"
    path.write_bytes(outputs["epub"])
    titles = [link.title for link in epub.read_epub(str(path)).toc]
    assert titles[:3] == ["社保卡，解锁更多应用新场景", "去银行买金饰，有啥不一样？", "春暖花开采茶忙"]


def test_docx_has_styles_and_chinese_language(outputs):
    import docx

    document = docx.Document(io.BytesIO(outputs["docx"]))
    styles = [p.style.name for p in document.paragraphs]
    assert {"Kicker", "Title", "Byline", "Heading 2", "Caption", "Photo Credit"} <= set(styles)
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["社保卡，解锁更多应用新场景", "去银行买金饰，有啥不一样？"]
    with zipfile.ZipFile(io.BytesIO(outputs["docx"])) as z:
        assert b'w:eastAsia="zh-CN"' in z.read("word/styles.xml")
