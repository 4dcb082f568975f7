"""A METS file as input: its issue's ALTO pages in page order, each with the publisher's articles as a hint."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarchive import issues
from newsarchive.cli import cli
from newsarchive.errors import ReadError
from newsarchive.readers import sniff

DATA = Path(__file__).parent / "data" / "alto"
FIXTURE = DATA / "two_columns_v4.xml"  # two articles: TB_H1 TB_1 TB_2 and TB_H2 TB_3
STATESMAN = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "alto" / "bl-statesman-1824"

# Two pages listed in reverse file-name order; the publisher joins page 1's two items into one article.
METS = """<?xml version="1.0"?>
<!-- an issue of two pages -->
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mods="http://www.loc.gov/mods/v3">
 <mets:dmdSec ID="issue_mods"><mets:mdWrap MDTYPE="MODS"><mets:xmlData><mods:mods>
  <mods:titleInfo><mods:title>The  Statesman.</mods:title></mods:titleInfo>
  <mods:originInfo><mods:dateIssued>1824</mods:dateIssued><mods:dateIssued encoding="w3cdtf" keyDate="yes">1824-02-17</mods:dateIssued></mods:originInfo>
 </mods:mods></mets:xmlData></mets:mdWrap></mets:dmdSec>
 <mets:fileSec><mets:fileGrp USE="Fulltext">
  <mets:file ID="a1" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="alto/page%20b.xml"/></mets:file>
  <mets:file ID="a2" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="file:alto/page_a.xml"/></mets:file>
 </mets:fileGrp></mets:fileSec>
 <mets:structMap TYPE="LOGICAL"><mets:div ID="issue" TYPE="ISSUE">
  <mets:div ID="art1" TYPE="ARTICLE"><mets:fptr><mets:seq>
   <mets:area FILEID="a1" BETYPE="IDREF" BEGIN="TB_H1"/><mets:area FILEID="a1" BETYPE="IDREF" BEGIN="TB_1"/>
   <mets:area FILEID="a1" BETYPE="IDREF" BEGIN="TB_2"/>
   <mets:area FILEID="a1" BETYPE="IDREF" BEGIN="TB_H2"/><mets:area FILEID="a1" BETYPE="IDREF" BEGIN="TB_3"/>
  </mets:seq></mets:fptr></mets:div>
 </mets:div></mets:structMap>
 <mets:structMap TYPE="PHYSICAL"><mets:div ID="phys" TYPE="physSequence">
  <mets:div ID="p2" TYPE="page" ORDER="2"><mets:fptr FILEID="a2"/></mets:div>
  <mets:div ID="p1" TYPE="page" ORDER="1"><mets:fptr FILEID="a1"/></mets:div>
 </mets:div></mets:structMap>
</mets:mets>"""


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    (tmp_path / "alto").mkdir()
    shutil.copy(FIXTURE, tmp_path / "alto" / "page b.xml")
    shutil.copy(FIXTURE, tmp_path / "alto" / "page_a.xml")
    mets = tmp_path / "issue_mets.xml"
    mets.write_text(METS, encoding="utf-8")
    return mets


def test_a_mets_file_is_told_from_a_page():
    assert sniff.mets(METS.encode())
    assert sniff.mets(b'\xef\xbb\xbf<?xml version="1.0"?><!-- c --><mets xmlns="http://www.loc.gov/METS/"/>')
    assert not sniff.mets(FIXTURE.read_bytes())
    assert not sniff.mets(b"<alto><!-- <mets> --></alto>")
    assert not sniff.mets("本报记者 <mets> 李婕".encode())


def test_issue_pages_come_in_page_order_with_the_publishers_articles(issue: Path):
    pages = issues.issue_pages(issue)
    assert [(p.number, p.path.name) for p in pages] == [(1, "page b.xml"), (2, "page_a.xml")]
    assert pages[0].articles == (("TB_H1", "TB_1", "TB_2", "TB_H2", "TB_3"),)
    assert pages[1].articles == ()  # the publisher segmented nothing there


def test_a_page_is_loaded_with_the_hint_and_what_the_mets_says_of_it(issue: Path):
    first, second = (issues.load_page(p) for p in issues.issue_pages(issue))
    assert first.meta.page_number == 1 and second.meta.page_number == 2
    assert (first.meta.date, first.meta.publication) == ("1824-02-17", "The Statesman")  # the key date, the title's stop dropped
    assert issues.load_page(issues.issue_pages(issue)[0], date="1824-02-18").meta.date == "1824-02-18"  # the caller's wins
    (article,) = first.articles  # one article, as the publisher has it
    assert [b.type.value for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    assert any(d.step == "publisher-segmentation" for d in first.decisions)
    assert len(second.articles) == 2  # no hint: newsarchive's own two articles


def test_convert_writes_each_page_of_the_issue(issue: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(issue), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["page b.json", "page_a.json"]  # named after the ALTO files
    first = json.loads((out / "page b.json").read_text(encoding="utf-8"))
    assert first["meta"]["page_number"] == 1 and len(first["items"]) == 1


def test_a_missing_page_file_stops_the_issue_before_any_output(issue: Path, tmp_path: Path):
    (tmp_path / "alto" / "page_a.xml").unlink()
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["convert", str(issue), "--to", "json", "-o", str(out)])
    assert result.exit_code != 0
    assert "page_a.xml" in result.output and "no such file" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_inspect_shows_every_page_of_the_issue(issue: Path):
    result = CliRunner().invoke(cli, ["inspect", str(issue), "--all-decisions"])
    assert result.exit_code == 0, result.output
    pages = [line for line in result.stdout.splitlines() if line.startswith("page ")]
    assert len(pages) == 2 and "page b.xml" in pages[0] and "page=1" in pages[0] and "page=2" in pages[1]
    assert "publisher-segmentation" in result.stdout  # where the hint overrode newsarchive


def test_an_issue_cannot_go_to_stdout(issue: Path):
    result = CliRunner().invoke(cli, ["convert", str(issue), "--to", "json", "-o", "-"])
    assert result.exit_code == 2 and "folder" in result.output


def test_a_page_file_that_is_not_alto_is_named(issue: Path, tmp_path: Path):
    (tmp_path / "alto" / "page_a.xml").write_text("<html/>", encoding="utf-8")
    with pytest.raises(ReadError, match="page 2 is not ALTO"):
        issues.issue_pages(issue)


def test_a_page_file_elsewhere_than_on_disk_is_refused(tmp_path: Path):
    mets = tmp_path / "m.xml"
    mets.write_text(METS.replace("alto/page%20b.xml", "http://example.org/p.xml"), encoding="utf-8")
    with pytest.raises(ReadError, match="not a local file"):
        issues.issue_pages(mets)


@pytest.mark.skipif(not STATESMAN.is_dir(), reason="needs ../shared/data/alto")
def test_the_statesman_issue_resolves_every_page_area():
    pages = issues.issue_pages(next(STATESMAN.glob("*mets.xml")))
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert sum(len(a) for p in pages for a in p.articles) == 151  # as benchmarks/alto_statesman.py scores
