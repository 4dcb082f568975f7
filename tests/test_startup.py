"""Start-up cost mechanisms: cheap sniffers, the fast entry-point scan, the lazily indexed word list."""

from __future__ import annotations

import array
import json
import os
import re
import subprocess
import sys
import textwrap
from importlib.resources import files
from pathlib import Path

import pytest

from newsarchive import api, plugins
from newsarchive.profiles import cjk, lexicon, zh_peoples_daily

from conftest import EXAMPLE, ROOT

HEAVY = ("lxml", "docx", "ebooklib", "pdfminer", "importlib.metadata", "newsarchive.readers.alto",
         "newsarchive.readers.hocr", "newsarchive.readers.pdf", "newsarchive.readers.json")


def test_convert_to_json_imports_no_xml_pdf_or_office_modules(tmp_path):
    code = textwrap.dedent(
        """
        import json, sys
        from newsarchive.cli import main
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
        print(json.dumps(sorted(sys.modules)))
        """
    )
    args = ["convert", str(EXAMPLE), "--to", "json", "-o", str(tmp_path / "out.json")]
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert (tmp_path / "out.json").stat().st_size > 0
    assert [m for m in HEAVY if m in loaded] == []
    assert "newsarchive.readers.sniff" in loaded  # the readers were asked, through their sniffers
    assert "newsarchive.readers.layout" not in loaded  # a plain page is no laid-out text: no layout modules
    assert "newsarchive.issues" not in loaded  # only a METS input (an issue's page list) needs it


def _samples() -> list[bytes]:
    data = ROOT / "tests" / "data"
    samples = [p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()]
    samples.append(EXAMPLE.read_bytes())
    samples.append(api.write(api.load(EXAMPLE), "json").data)
    # Near misses: prefixes, whitespace and BOMs the sniffers skip, other roots, an embedded header.
    samples += [
        b"", b"<", b"{", b"\xef\xbb\xbf  <alto>", b"<x:alto xmlns:x='a'/>", b"<altox>", b" <html class='ocr_page'>",
        b"<div class = \"x ocr_page y\">", b"<div class='ocr_pages'>", b'{"format": "newsarchive-page"}',
        b'  {"format": "other"}', b"junk" * 100 + b"%PDF-1.7", b"junk" * 300 + b"%PDF-1.7", b"\t\r\n{" + b" " * 600,
    ]
    return samples


@pytest.mark.parametrize("name", sorted(plugins.names(plugins.SNIFFERS)))
def test_each_sniffer_answers_exactly_as_its_reader(name):
    sniff = plugins.load(plugins.SNIFFERS, name)
    reader = plugins.load(plugins.READERS, name)
    answers = [(sniff(data), reader.sniff(data)) for data in _samples()]
    assert all(a == b for a, b in answers)
    # Every format has a sample that it recognises, but a reader chosen by name only recognises none.
    assert any(a for a, _ in answers) != (name == "plain-text")


def test_every_builtin_reader_but_text_has_a_sniffer():
    assert set(plugins.names(plugins.SNIFFERS)) == set(plugins.names(plugins.READERS)) - {"text"}


def test_fast_entry_point_scan_sees_what_importlib_metadata_sees():
    fast = sorted(e for e in plugins._scan() if e[0] in plugins._KIND)
    assert fast == sorted(plugins._scan_importlib())
    assert ("newsarchive.writers", "docx", "newsarchive.writers.docx:DocxWriter") in fast


def test_what_the_fast_scan_cannot_see_falls_back_to_importlib_metadata(tmp_path, monkeypatch):
    from importlib.machinery import PathFinder

    archive = tmp_path / "lib.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip archive
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), str(tmp_path / "missing")])
    assert not plugins._needs_importlib()
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])  # a zip archive
    assert plugins._needs_importlib()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])

    class Finder:  # a finder that provides distributions of its own
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [PathFinder, Finder])
    assert plugins._needs_importlib()


def _third_party(tmp_path: Path) -> Path:
    """A distribution, installed only by being on PYTHONPATH, that adds a reader and a writer."""
    site = tmp_path / "site"
    (site / "shout_plugin").mkdir(parents=True)
    (site / "shout_plugin" / "__init__.py").write_text(
        textwrap.dedent(
            '''
            """A third-party format: SHOUT pages in, upper-case text out."""
            from newsarchive.model import Fragment, Page
            from newsarchive.writers import WriteResult


            class ShoutReader:
                name = "shout"

                @classmethod
                def sniff(cls, data):
                    return data.startswith(b"SHOUT\\n")

                def read(self, data, *, meta, encoding=None):
                    text = data.decode("utf-8").split("\\n", 1)[1].strip()
                    return Page(meta=meta, fragments=(Fragment(id="f1", text=text, lines=(text,), start=0, end=len(text), line=2),))


            class UpperWriter:
                name = "upper"
                media_type = "text/plain"
                file_extension = ".up"

                def write(self, page):
                    return WriteResult(data="\\n".join(f.text.upper() for f in page.fragments).encode())
            '''
        )
    )
    info = site / "shout_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[newsarchive.readers]\nshout = shout_plugin:ShoutReader\n\n[newsarchive.writers]\nupper = shout_plugin:UpperWriter\n"
    )
    return site


def test_a_third_party_reader_and_writer_work_from_the_command_line(tmp_path):
    site = _third_party(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    cli = [sys.executable, "-c", "from newsarchive.cli import main; main()"]
    listed = subprocess.run([*cli, "formats"], capture_output=True, text=True, env=env, check=True).stdout
    assert "upper\t.up\ttext/plain" in listed.splitlines()
    page = tmp_path / "page.txt"
    page.write_text("SHOUT\nhello world\n")
    subprocess.run([*cli, "convert", str(page), "--to", "upper", "-o", str(tmp_path / "out.up")], env=env, check=True, capture_output=True)
    assert (tmp_path / "out.up").read_text() == "HELLO WORLD"
    same = "from newsarchive import plugins; print(sorted(e for e in plugins._scan() if e[0] in plugins._KIND) == sorted(plugins._scan_importlib()))"
    assert subprocess.run([sys.executable, "-c", same], capture_output=True, text=True, env=env, check=True).stdout.strip() == "True"


def _u32le(data: bytes) -> array.array:  # type: ignore[type-arg]
    values = array.array("I")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _word_list_files() -> tuple[bytes, array.array, array.array]:  # type: ignore[type-arg]
    data = files("newsarchive").joinpath("data")
    return (
        data.joinpath("zh-words.txt").read_bytes(),
        _u32le(data.joinpath("zh-word-freqs.u32le").read_bytes()),
        _u32le(data.joinpath("zh-word-index.u32le").read_bytes()),
    )


def _plain_dict() -> dict[str, int]:
    """The word list read whole, line by line, without the first-character index."""
    words, freqs, _ = _word_list_files()
    return dict(zip(words.decode("utf-8").splitlines(), freqs, strict=True))


def test_the_lazily_indexed_word_list_is_the_plain_dict():
    plain = _plain_dict()
    lazy = lexicon._Lexicon(*_word_list_files())
    assert lazy.get("中国") == plain["中国"] and lazy.full() is None  # few characters looked up: no full dict yet
    probes = list(plain)[::97] + [w[0] + "x" for w in list(plain)[::501]]
    probes += ["", "a", "中", "中国", "中国人民", "\U0010ffff", "\U0010ffff中", "\ud800中", "\x00", min(plain), max(plain)]
    for word in probes:
        assert (word in lazy) == (word in plain)
        assert lazy.get(word) == plain.get(word)
        assert lazy.get(word, -1) == plain.get(word, -1)
    assert 3 not in lazy and lazy.get(None) is None  # type: ignore[arg-type]
    assert len(lazy) == len(plain) and list(lazy) == list(plain)
    assert lazy["中国"] == plain["中国"]
    with pytest.raises(KeyError):
        lazy["not a word"]
    for word in list(plain)[:: max(1, len(plain) // (2 * lexicon.FULL_AFTER))]:
        lazy.get(word)
    full = lazy.full()
    assert full == plain and list(full) == list(plain)  # type: ignore[arg-type]
    assert lazy.get("中国") == plain["中国"]  # still answers after handing over to the dict


HAN = f"[{cjk.HAN_CLASS}]"  # the Han class, as a regex


def test_the_han_name_tests_match_what_patterns_over_the_han_class_match():
    names = re.compile(f"{HAN}{{2,4}}")
    tokens = ["", "李", "李婕", "李 婕", "欧阳修文", "欧阳修文化", "李a", "\u3400\u4dbf", "\u33ff\u4e00", "\ufaff\uf900", "\ufb00\u4e00"]
    tokens += ["\U00020000\u4e00", "\U00040000\u4e00"] + ["中国人民日报"[:n] for n in range(7)]
    for token in tokens:
        assert zh_peoples_daily._is_han_name(token) == bool(names.fullmatch(token)), token


def test_the_name_patterns_find_what_patterns_with_the_han_class_find():
    # The profile matches names as letters (cheap to compile) and keeps the Han ones: the same
    # answers as patterns over the Han class, Latin, kana and digits around the names included.
    z = zh_peoples_daily
    intro = re.compile(f"(?:{z._TITLES})({HAN}{{2,3}}?)(?={z._NAME_VERBS})")
    bare = re.compile(f"(?:^|[，。：；“”！？、\\s])({HAN}{{2,3}}?)(?={z._NAME_VERBS})")
    signature = re.compile(f"(?:{z._TITLES}|行长|副行长|记者)\\s+(?:{HAN}\\s{{1,2}}{HAN}|{HAN}{{2,4}})$")
    profile = z.PeoplesDailyProfile()
    texts = [
        "主任宋京燕说，教授Smith认为，。鲁全表示。专家AI说", "记者 Tom", "书记 王 五", "副行长 高 远", "行长 徐国勤",
        "，カナ说。张三指出", "局长李四2说", "村民王小二介绍：“好。”居民Anna说", "教授欧阳修文说",
    ]
    for text in texts:
        assert profile.name_introductions(text) == set(intro.findall(text)), text
        assert profile.name_mentions(text) == set(bare.findall(text)), text
        assert z._signature(text) == bool(signature.search(text)), text



# Compiled on first use: the example page converted to JSON asks none of them (hard-wrapped text,
# Latin script, credits set apart after a caption do).
LAZY_PATTERNS = {
    "newsarchive.readers.text": [
        "_source_credit", "_latin_wrap_patterns", "_latin_credit", "_tag_closed", "_credit_line_pattern", "_caption_opening",
    ],
    "newsarchive.profiles.zh_peoples_daily": ["_date_alone_pattern", "_credit_agency"],  # a date's numerals; a bracket's credit
    "newsarchive.api": ["_markup"],  # only an input with a < near its start may be markup
    "newsarchive.limits": ["_json_patterns"],  # only a text with many brackets is scanned
    "newsarchive.clierror": ["_unprintable"],  # a message of printable characters is shown as it is
    "newsarchive.output": ["_windows_reserved"],  # only a stem opening like a device name (con, lpt1, …) is matched
}  # fmt: skip
# ... and these are asked by a few plain pages only (the example's two-line blocks with spaces inside ask this one).
LAZY_PATTERNS_ASKED = {"newsarchive.readers.text": ["_running_marks"]}


def test_convert_to_json_compiles_no_pattern_a_plain_page_does_not_ask(tmp_path):
    code = textwrap.dedent(
        """
        import importlib, json, sys
        from newsarchive.cli import main
        lazy = json.loads(sys.argv.pop())
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
        asked = [f"{m}.{name}" for m, names in lazy.items() for name in names
                 if getattr(importlib.import_module(m), name).cache_info().currsize]
        print(json.dumps(asked))
        """
    )
    args = ["convert", str(EXAMPLE), "--to", "json", "-o", str(tmp_path / "out.json"), json.dumps(LAZY_PATTERNS)]
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_the_patterns_compiled_on_first_use_compile_and_are_kept():
    import importlib

    for module, names in [*LAZY_PATTERNS.items(), *LAZY_PATTERNS_ASKED.items()]:
        for name in names:
            accessor = getattr(importlib.import_module(module), name)
            first = accessor()
            assert first is accessor()  # compiled once
            patterns = first if isinstance(first, tuple) else (first,)
            assert all(isinstance(p, re.Pattern) for p in patterns)


def test_the_shortcuts_before_the_patterns_compiled_on_first_use_answer_as_the_patterns():
    from newsarchive.clierror import _unprintable, visible
    from newsarchive.output import _windows_reserved, output_name

    z = zh_peoples_daily
    for text in ["2026年6月17日", "二〇二四年三月十五日 星期五", "2024年3月", "3月15日", "会议于2024年3月15日举行", "年月日", ""]:
        assert z._date_alone(text) == bool(z._date_alone_pattern().fullmatch(text)), text
    for text in ["攀升。下一步", "“嘀！”他说", "好！", "他说：好。", "", "。开头", "一二三四五。", "一二三四？", "a?b"]:
        end = re.search("[。！？!?]", text[:5])  # the pattern the character test stands for
        assert z._stub_first_sentence(text) == (end is not None and text[: end.start()][:1] not in z._OPENING_MARKS), text
    profile = z.PeoplesDailyProfile()
    credits = {"（新华社发）": "新华社", "(人民视觉)": "人民视觉", "（新华社记者 李 婕摄）": "新华社", "新华社发": "新华社"}
    for text, agency in credits.items():
        credit = profile.parse_credit(text)
        assert credit is not None and credit.agency == agency, text

    for cp in range(0x110000):  # no character the message escapes is printable: printable text needs no escape
        assert not (_unprintable().match(chr(cp)) and chr(cp).isprintable())
    assert visible("a\x1b[31m\u202eb") == "a\\x1b[31m\\u202eb" and visible("本报 page.txt") == "本报 page.txt"
    for stem in ["con", "CoN.txt", "lpt1", "Com9.json", "nul.x", "aux..x", "console", "prn1", "lpt", "Aux"]:
        assert output_name(stem + ".txt", ".json") == ("_" if _windows_reserved().fullmatch(stem) else "") + stem + ".json"
