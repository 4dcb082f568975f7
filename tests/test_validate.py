"""Tests of newsarchive.validation: the bundled NewsML-G2 profile and JSON Schema, a user-given XSD,
safe XML parsing (DTD/XXE/billion laughs refused) and the NewsML reference checks."""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import time
from dataclasses import FrozenInstanceError
from importlib import resources
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree

import newsarchive.validation as validate_module
from newsarchive.model import Page
from newsarchive.validation import Problem, ValidationReport, _compiled_xsd, check_newsml_references, validate
from newsarchive.writers.json import JsonWriter
from newsarchive.writers.newsml import NewsMLWriter

IPTC_XSD = Path(__file__).parents[2] / "shared/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"
NS = {"n": "http://iptc.org/std/nar/2006-10-01/"}


@pytest.fixture
def newsml_file(sample_page: Page, tmp_path: Path) -> Path:
    """The sample page written as NewsML-G2."""
    path = tmp_path / "page.xml"
    path.write_bytes(NewsMLWriter().write(sample_page).data)
    return path


@pytest.fixture
def json_file(sample_page: Page, tmp_path: Path) -> Path:
    """The sample page written as newsarchive JSON."""
    path = tmp_path / "page.json"
    path.write_bytes(JsonWriter().write(sample_page).data)
    return path


@pytest.fixture
def official_xsd() -> Path:
    """The official IPTC XSD, or skip."""
    if not IPTC_XSD.exists():
        pytest.skip(f"official IPTC XSD not found at {IPTC_XSD}")
    return IPTC_XSD


def mutate(source: Path, target: Path, change: Callable[[etree._Element], None]) -> Path:
    """Write a changed copy of a NewsML file (pretty-printed, so elements keep distinct lines)."""
    root = etree.parse(str(source)).getroot()
    change(root)
    target.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return target


def first(root: etree._Element, xpath: str) -> etree._Element:
    """The first element matching the xpath."""
    return root.xpath(xpath, namespaces=NS)[0]


def remove(xpath: str) -> Callable[[etree._Element], None]:
    """A mutation removing the first match."""

    def change(root: etree._Element) -> None:
        el = first(root, xpath)
        el.getparent().remove(el)

    return change


def set_attr(xpath: str, name: str, value: str) -> Callable[[etree._Element], None]:
    """A mutation setting an attribute on the first match."""
    return lambda root: first(root, xpath).set(name, value)


def run_with_timeout(fn: Callable[[], ValidationReport], seconds: float) -> ValidationReport | None:
    """Run fn in a thread; None if it has not finished in time."""
    result: list[ValidationReport] = []
    thread = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    return result[0] if result else None


# --- the report -----------------------------------------------------------------------


def test_valid_newsml_is_ok(newsml_file: Path) -> None:
    report = validate(newsml_file)
    assert report.ok, report.lines()
    assert report.path == str(newsml_file)
    assert report.problems == () and report.lines() == []


def test_report_is_frozen_and_formats_lines() -> None:
    report = ValidationReport("a.xml", (Problem("a.xml", 3, "boom"),))
    assert not report.ok
    assert report.lines() == ["a.xml:3: boom"]
    with pytest.raises(FrozenInstanceError):
        report.path = "b.xml"  # type: ignore[misc]


def test_bundled_schemas_are_package_resources() -> None:
    files = resources.files("newsarchive.schemas")
    assert files.joinpath("newsml-profile.xsd").is_file()
    schema = json.loads(files.joinpath("newsarchive-page.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_missing_file_is_a_problem(tmp_path: Path) -> None:
    report = validate(tmp_path / "nope.xml")
    assert not report.ok and "cannot read" in report.problems[0].message


# --- the NewsML profile ---------------------------------------------------------------


def test_missing_main_headline_fails_profile_with_file_and_line(newsml_file: Path, tmp_path: Path) -> None:
    bad = mutate(newsml_file, tmp_path / "bad.xml", remove("//n:newsItem[1]/n:contentMeta/n:headline[@role='nahl:main']"))
    report = validate(bad)
    assert not report.ok
    title_line = first(etree.parse(str(bad)).getroot(), "//n:newsItem[1]/n:itemMeta/n:title").sourceline
    assert report.lines() == [
        f"{bad}:{title_line}: Element 'nar:title': No match found for key-sequence "
        "['nahl:main', '社保卡，解锁更多应用新场景'] of keyref 'nar:titleIsMainHeadline'."
    ]
    for line in report.lines():
        assert re.fullmatch(rf"{re.escape(str(bad))}:\d+: .+", line)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (remove("(//n:newsItem[n:contentSet])[2]/n:itemMeta/n:title"), "itemRefTitle"),  # text item without title
        (set_attr("//n:newsItem[1]//n:headline[@role='nahl:main']", "role", "nahl:subheadline"), "titleIsMainHeadline"),
        (set_attr("//n:newsItem[1]//n:headline[@role='nahl:kicker']", "role", "nahl:main"), "headlineRole"),
        (set_attr("//n:newsItem[1]//n:headline", "role", "hl:other"), "enumeration"),
        (set_attr("//n:groupRef", "idref", "nowhere"), "groupRefTarget"),
        (set_attr("//n:groupSet", "root", "nowhere"), "rootGroup"),
        (set_attr("//n:itemRef", "residref", "urn:newsarchive:x:nodate:pnone:0123456789abcdef"), "itemRefTarget"),
        (remove("//n:itemRef[n:itemClass/@qcode='ninat:picture']"), "newsItemReferenced"),
        (set_attr("//n:itemRef/n:itemClass", "qcode", "ninat:text"), "itemRefClass"),
        (set_attr("//n:newsItem[1]", "standardversion", "2.34"), "2.35"),
        (set_attr("//n:newsItem[1]", "guid", "tag:example.com,2024:1"), "Guid"),
        (lambda r: setattr(first(r, "//n:sent"), "text", "2024-03-15T00:00:00"), "pattern"),
        (lambda r: first(r, "//n:newsItem[1]/n:contentMeta").append(first(r, "//n:newsItem[1]//n:creator")), "creator"),
    ],
    ids=[
        "no-title",
        "main-demoted",
        "two-mains",
        "unknown-role",
        "dangling-groupRef",
        "dangling-root",
        "dangling-itemRef",
        "orphan-item",
        "class-mismatch",
        "standardversion",
        "foreign-guid",
        "floating-time",
        "creator-after-descriptive",
    ],
)
def test_profile_rejects_mutations(
    newsml_file: Path, tmp_path: Path, change: Callable[[etree._Element], None], expected: str
) -> None:
    bad = mutate(newsml_file, tmp_path / "bad.xml", change)
    report = validate(bad)
    assert not report.ok
    assert any(expected in p.message for p in report.problems), report.lines()
    assert all(p.file == str(bad) and p.line > 0 for p in report.problems)


def test_official_xsd_given_as_schema(newsml_file: Path, tmp_path: Path, official_xsd: Path) -> None:
    assert validate(newsml_file, schema=official_xsd).ok
    # The profile is stricter: the official XSD does not require a main headline ...
    no_main = mutate(newsml_file, tmp_path / "a.xml", remove("//n:headline[@role='nahl:main']"))
    assert validate(no_main, schema=str(official_xsd)).ok
    assert not validate(no_main).ok
    # ... but the official XSD's own rules apply (descriptive before administrative fails).
    disorder = mutate(
        newsml_file,
        tmp_path / "b.xml",
        lambda r: first(r, "//n:newsItem[1]/n:contentMeta").append(first(r, "//n:newsItem[1]//n:creator")),
    )
    report = validate(disorder, schema=official_xsd)
    assert not report.ok and "creator" in report.problems[0].message


def test_references_checked_even_with_official_xsd(newsml_file: Path, tmp_path: Path, official_xsd: Path) -> None:
    """lxml does not resolve groupRef/@idref or itemRef/@residref: validate() checks them itself."""
    bad = mutate(newsml_file, tmp_path / "bad.xml", set_attr("//n:groupRef", "idref", "nowhere"))
    line = first(etree.parse(str(bad)).getroot(), "//n:groupRef").sourceline
    report = validate(bad, schema=official_xsd)
    assert f"{bad}:{line}: groupRef/@idref 'nowhere' names no group of this package" in report.lines()


def test_check_newsml_references(newsml_file: Path) -> None:
    root = etree.parse(str(newsml_file)).getroot()
    assert check_newsml_references(root) == ()
    assert check_newsml_references(root.getroottree()) == ()

    def problems(change: Callable[[etree._Element], None]) -> list[str]:
        tree = copy.deepcopy(root)
        change(tree)
        return [p.message for p in check_newsml_references(tree, file="x.xml")]

    assert problems(set_attr("//n:groupRef", "idref", "nowhere")) == [
        "groupRef/@idref 'nowhere' names no group of this package",
        "group 'article-1' is not reachable from the root group 'page'",
    ]
    assert problems(set_attr("//n:groupSet", "root", "nowhere")) == ["groupSet/@root 'nowhere' names no group of this package"]
    assert problems(set_attr("//n:itemRef", "residref", "urn:x")) == ["itemRef/@residref 'urn:x' names no item of this message"]
    cycle = problems(lambda r: first(r, "//n:group[@id='article-1']").append(etree.Element(f"{{{NS['n']}}}groupRef", idref="page")))
    assert cycle == ["groupRef/@idref 'page' makes a cycle (page > article-1 > page)"]
    duplicate = problems(set_attr("//n:newsItem[2]", "guid", first(root, "//n:newsItem[1]").get("guid")))
    assert any("is used by more than one item" in m for m in duplicate)


# --- malformed and hostile XML --------------------------------------------------------


def test_malformed_xml_reports_parser_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<?xml version="1.0"?>\n<newsMessage>\n  <header>\n</newsMessage>\n', encoding="utf-8")
    report = validate(path)
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.line == 4 and problem.message.startswith("not well-formed XML:")
    assert report.lines()[0].startswith(f"{path}:4: ")


def test_xxe_refused_fast_and_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    for target in ("file:///etc/passwd", secret.as_uri()):
        path = tmp_path / "xxe.xml"
        path.write_text(
            f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "{target}">]>\n<x>&e;</x>\n', encoding="utf-8"
        )
        start = time.perf_counter()
        report = validate(path)
        assert time.perf_counter() - start < 1.0
        assert [(p.line, "DOCTYPE" in p.message) for p in report.problems] == [(2, True)]
        text = "\n".join(report.lines())
        assert "TOP-SECRET" not in text and "root:" not in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE x [<!ENTITY e SYSTEM "{uri}">]><x>&e;</x>',
        '<!DOCTYPE x [<!ENTITY % p SYSTEM "{uri}"> %p;]><x/>',
        '<!DOCTYPE x SYSTEM "{uri}"><x/>',
        '<!-- a comment first --><!DOCTYPE x [<!ENTITY e SYSTEM "{uri}">]><x>&e;</x>',
    ],
    ids=["general-entity", "parameter-entity", "external-dtd", "after-comment"],
)
@pytest.mark.parametrize("prescan", [True, False], ids=["prescan", "parser-only"])
def test_entity_targets_are_never_opened(
    tmp_path: Path, template: str, prescan: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entity points at a named pipe: opening it would block, so a finished validate() proves nothing was read.

    Without the byte-level DOCTYPE pre-scan, the safe parser and the docinfo check must hold on their own.
    """
    if not prescan:
        monkeypatch.setattr(validate_module, "prolog_doctype_line", lambda data: None)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    path = tmp_path / "evil.xml"
    path.write_text(template.format(uri=fifo.as_uri()), encoding="utf-8")
    report = run_with_timeout(lambda: validate(path), 5.0)
    if report is None:  # unblock the reader before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("validate() opened the entity's target")
    assert not report.ok and "DOCTYPE" in report.problems[0].message


def test_billion_laughs_refused_fast(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    ]
    path = tmp_path / "lol.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(entities)}]>\n<lolz>&lol9;</lolz>\n', encoding="utf-8")
    start = time.perf_counter()
    report = validate(path)
    assert time.perf_counter() - start < 1.0
    assert not report.ok and "DOCTYPE" in report.problems[0].message


def test_utf16_doctype_refused(tmp_path: Path) -> None:
    path = tmp_path / "u16.xml"
    path.write_bytes('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x>\n<x/>'.encode("utf-16"))
    report = validate(path)
    assert [p.line for p in report.problems] == [2] and "DOCTYPE" in report.problems[0].message


# --- JSON -----------------------------------------------------------------------------


def test_valid_json_is_ok(json_file: Path) -> None:
    report = validate(json_file)
    assert report.ok, report.lines()


def test_json_sniffed_without_extension(json_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "page.data"
    other.write_bytes(json_file.read_bytes())
    assert validate(other).ok
    other.write_text('{"format": "newsarchive-page"}', encoding="utf-8")
    assert any("required property" in p.message for p in validate(other).problems)


def test_invalid_json_located_by_line(json_file: Path, tmp_path: Path) -> None:
    data = json.loads(json_file.read_text(encoding="utf-8"))
    data["items"][1]["type"] = "story"
    data["meta"]["colour"] = "red"
    data["version"] = "2.0"
    bad = tmp_path / "bad.json"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    report = validate(bad)

    def line_of(fragment: str) -> int:
        return next(n for n, line in enumerate(lines, start=1) if fragment in line)

    got = {(p.line, p.message.split(":")[0]) for p in report.problems}
    assert (line_of('"version": "2.0"'), "/version") in got
    assert (line_of('"type": "story"'), "/items/1/type") in got
    assert (line_of('"meta"'), "/meta") in got  # additional property: reported on the object
    assert all(str(bad) == p.file for p in report.problems)


def test_json_wrong_enum_and_nan(json_file: Path, tmp_path: Path) -> None:
    data = json.loads(json_file.read_text(encoding="utf-8"))
    data["fragments"][0]["role"] = "masthead"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert any(p.message.startswith("/fragments/0/role:") for p in validate(bad).problems)
    data["fragments"][0]["role"] = "kicker"
    data["decisions"] = [{"step": "s", "kind": "k", "subjects": [], "confidence": float("nan"), "reason": ""}]
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    report = validate(bad)
    assert len(report.problems) == 1 and "NaN" in report.problems[0].message


def test_malformed_json_reports_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "newsarchive-page",\n  "version": \n}\n', encoding="utf-8")
    report = validate(bad)
    assert [(p.line, p.message.startswith("not valid JSON")) for p in report.problems] == [(4, True)]


# --- schema handling ------------------------------------------------------------------


def test_compiled_schemas_are_cached(newsml_file: Path) -> None:
    validate(newsml_file)
    before = _compiled_xsd.cache_info()
    validate(newsml_file)
    after = _compiled_xsd.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses


def test_schema_kind_must_match_document(newsml_file: Path, json_file: Path) -> None:
    json_schema = resources.files("newsarchive.schemas").joinpath("newsarchive-page.schema.json")
    assert validate(json_file, schema=str(json_schema)).ok
    report = validate(newsml_file, schema=str(json_schema))
    assert not report.ok and "JSON Schema" in report.problems[0].message


def test_cli_schema_option(newsml_file: Path, tmp_path: Path, official_xsd: Path) -> None:
    from click.testing import CliRunner

    from newsarchive.cli import cli

    runner = CliRunner()
    good = runner.invoke(cli, ["validate", "--schema", str(official_xsd), str(newsml_file)])
    assert good.exit_code == 0, good.output
    bad = mutate(newsml_file, tmp_path / "bad.xml", set_attr("//n:groupRef", "idref", "nowhere"))
    result = runner.invoke(cli, ["validate", "--schema", str(official_xsd), str(bad)])
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(bad))}:\d+: groupRef/@idref 'nowhere'", result.output, re.M)


def test_unusable_schemas_are_problems(newsml_file: Path, tmp_path: Path) -> None:
    missing = validate(newsml_file, schema=tmp_path / "missing.xsd")
    assert missing.problems[0].file == str(tmp_path / "missing.xsd")
    remote = tmp_path / "remote.xsd"
    remote.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        '  <xs:include schemaLocation="http://example.invalid/other.xsd"/>\n'
        "</xs:schema>\n",
        encoding="utf-8",
    )
    report = validate(newsml_file, schema=remote)
    assert not report.ok
    assert any(p.file == str(remote) for p in report.problems)
    assert any("http://example.invalid/other.xsd" in p.message for p in report.problems)


def test_a_zip_package_is_named_as_such_not_as_broken_xml(tmp_path: Path) -> None:
    """An EPUB or DOCX given to validate gets a message saying what it is and what validate checks."""
    import zipfile

    epub = tmp_path / "page.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    report = validate(epub)
    assert not report.ok
    (problem,) = report.problems
    assert "ZIP package" in problem.message and "XML" in problem.message
