"""Hostile and broken input through the command line: never a crash, never lost text, safe files.

The fixtures and their expected outcomes are in ``tests/data/hostile/`` (made by
its ``generate.py``); big inputs are made here, in ``tmp_path``.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import newsarchive
from newsarchive import output as output_module
from newsarchive.cli import cli
from newsarchive.conservation import conservation_errors, nonspace
from newsarchive.errors import WriteError
from newsarchive.output import output_name, write_atomic
from newsarchive.readers.text import decode_with_notes, normalize_newlines
from newsarchive.textcheck import missing_text, output_text
from newsarchive.writers import removed_characters

from conftest import EXAMPLE

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
EXPECTED: dict[str, Any] = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))
WRITERS = ("json", "newsml", "epub", "docx")
EXTENSIONS = {"json": ".json", "newsml": ".xml", "epub": ".epub", "docx": ".docx"}
CONVERTS = sorted(name for name, outcome in EXPECTED.items() if outcome == "converts")
FAILS = sorted(name for name, outcome in EXPECTED.items() if outcome != "converts" and outcome.get("command", "convert") == "convert")
VALIDATE = sorted(name for name, outcome in EXPECTED.items() if outcome != "converts" and outcome.get("command") == "validate")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _convert(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, ["convert", *args], catch_exceptions=False)


def _one_error_line(result: Result) -> str:
    """The run's stderr must be exactly one ``newsarchive: error:`` line, without a traceback."""
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsarchive: error: ")
    return lines[0]


# --------------------------------------------------------------------------------------
# The fixture corpus
# --------------------------------------------------------------------------------------


def test_every_fixture_has_an_expectation_and_the_folder_is_small():
    files = {p.name for p in HOSTILE.iterdir() if p.name not in ("expected.json", "generate.py", "__pycache__")}
    assert files == set(EXPECTED)
    assert sum(p.stat().st_size for p in HOSTILE.iterdir() if p.is_file()) < 200_000


@pytest.mark.parametrize("name", FAILS)
def test_refused_input_fails_with_one_line(runner, tmp_path, name):
    expected = EXPECTED[name]
    out = tmp_path / "out"
    started = time.monotonic()
    result = _convert(runner, str(HOSTILE / name), "--to", ",".join(WRITERS), "-o", str(out))
    assert time.monotonic() - started < 10
    assert result.exit_code == expected["exit"]
    line = _one_error_line(result)
    assert str(HOSTILE / name) in line and expected["error"] in line
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("name", CONVERTS)
def test_accepted_input_converts_to_every_format(runner, tmp_path, name):
    source = str(HOSTILE / name)
    out = tmp_path / "out"
    result = _convert(runner, source, "--to", ",".join(WRITERS), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    # A text that form feeds divide into pages of text is converted page by page (NAME-pK.EXT).
    pages = newsarchive.api.pages(source)
    stems = [Path(name).stem + (f"-p{k}" if len(pages) > 1 else "") for k in pages]
    assert sorted(p.name for p in out.iterdir()) == sorted(stem + ext for stem in stems for ext in EXTENSIONS.values())
    for line in result.stderr.splitlines():  # warnings as data, and one line per written file
        assert line.startswith((f"{source}: warning: ", f"{source} -> "))


@pytest.mark.parametrize("name", VALIDATE)
def test_validate_refuses_entity_and_nesting_bombs(runner, name):
    expected = EXPECTED[name]
    started = time.monotonic()
    result = runner.invoke(cli, ["validate", str(HOSTILE / name)], catch_exceptions=False)
    assert time.monotonic() - started < 10  # no entity expansion, no network
    assert result.exit_code == expected["exit"]
    assert "Traceback" not in result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{HOSTILE / name}:") and expected["error"] in lines[0]
    assert "root:" not in result.output and "lollol" not in result.output  # nothing was read or expanded


# --------------------------------------------------------------------------------------
# No text lost: conservation in the model and in every writer's bytes
# --------------------------------------------------------------------------------------


def _input_text(path: Path, page: newsarchive.Page) -> str:
    """The text the page must conserve: the decoded input for text files, the fragments for JSON."""
    if path.suffix == ".json":
        return "".join(f.text for f in page.fragments)
    return normalize_newlines(decode_with_notes(path.read_bytes())[0])


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("name", CONVERTS)
def test_every_writer_keeps_every_character(name, writer):
    path = HOSTILE / name
    page = newsarchive.load(path)
    lost, invented = conservation_errors(page, _input_text(path, page))
    assert not lost and not invented
    result = newsarchive.write(page, writer)
    assert not missing_text(page, writer, result)


def test_removed_characters_are_exactly_the_xml_illegal_ones():
    """Control characters and non-characters: removed from XML outputs, each one reported; JSON keeps them."""
    page = newsarchive.load(HOSTILE / "control-characters.txt")
    assert newsarchive.write(page, "json").warnings == ()
    source = nonspace("".join(page.source_texts()))
    for writer in ("newsml", "epub", "docx"):
        result = newsarchive.write(page, writer)
        removed = removed_characters(result.warnings)
        assert removed == Counter({"\x01": 1, "\x02": 1, "\x1b": 1}), writer  # U+007F and U+0085 are legal XML
        text = output_text(writer, result.data)
        assert not any(c in text for c in removed)
        assert not (source - removed) - nonspace(text)


def test_the_text_check_notices_a_missing_character(monkeypatch):
    """The check above can fail: a writer that drops a character silently is caught."""
    page = newsarchive.load(HOSTILE / "english.txt")
    result = newsarchive.write(page, "newsml")
    # The vote's 7-2: its digits occur nowhere else in the output (labels and metadata hold letters).
    assert result.data.count(b"7-2") == 1
    silent = type(result)(data=result.data.replace(b"7-2", b"-2", 1), warnings=())
    assert missing_text(page, "newsml", silent) == Counter({"7": 1})


def test_json_output_is_valid_utf8_with_lone_surrogates():
    page = newsarchive.load(HOSTILE / "json-lone-surrogates.json")
    result = newsarchive.write(page, "json")
    text = result.data.decode("utf-8")  # strict: surrogatepass would have written ED A0 80
    assert "\\ud800" in text and "\\udfff" in text
    assert [w.code for w in result.warnings] == ["lone-surrogate-escaped"]
    again = newsarchive.load(result.data)  # lossless: the escapes read back as the same characters
    assert [f.text for f in again.fragments] == [f.text for f in page.fragments]
    for writer in ("newsml", "epub", "docx"):
        assert {"\ud800", "\udfff", "\ufffe"} <= set(removed_characters(newsarchive.write(page, writer).warnings))


def test_json_output_validates(tmp_path):
    for name in ("json-lone-surrogates.json", "noncharacters.txt", "rtl-arabic-hebrew.txt"):
        out = tmp_path / (Path(name).stem + ".json")
        out.write_bytes(newsarchive.write(newsarchive.load(HOSTILE / name), "json").data)
        assert newsarchive.validate(out).ok, newsarchive.validate(out).lines()


def test_inspect_shows_unprintable_text_escaped(runner):
    result = runner.invoke(cli, ["inspect", str(HOSTILE / "json-lone-surrogates.json")], catch_exceptions=False)
    assert result.exit_code == 0 and "\\ud800" in result.stdout
    result = runner.invoke(cli, ["inspect", str(HOSTILE / "control-characters.txt")], catch_exceptions=False)
    assert result.exit_code == 0 and "\\x1b" in result.stdout and "\x1b" not in result.stdout


# --------------------------------------------------------------------------------------
# Decoding decisions
# --------------------------------------------------------------------------------------


def test_truncated_utf8_keeps_the_text_and_warns():
    page = newsarchive.read(HOSTILE / "truncated-utf8.txt")
    assert page.meta.encoding == "utf-8"  # not GB18030 mojibake of the whole page
    assert page.fragments[0].text == "社保卡，解锁更多应用新场景"
    assert page.fragments[-1].text == "应用清单不断扩展\ufffd"  # the cut "。" (3 bytes, 1 left)
    assert any("middle of a character" in w.message for w in page.warnings)


def test_a_gbk_line_in_a_utf8_file_is_decoded_as_gbk():
    page = newsarchive.read(HOSTILE / "utf8-with-gbk-line.txt")
    texts = [f.text for f in page.fragments]
    assert "记者从人社部获悉。" in texts and texts[0] == "社保卡，解锁更多应用新场景" and texts[-1] == "最后一段。"
    assert any(w.message.startswith("mixed encodings: line(s) 9 ") for w in page.warnings)


def test_a_whole_gbk_file_is_still_gb18030():
    page = newsarchive.read(HOSTILE / "gbk.txt")
    assert page.meta.encoding == "gb18030" and page.fragments[0].text == "社保卡，解锁更多应用新场景"


def test_form_feeds_become_line_breaks():
    page = newsarchive.read(HOSTILE / "form-feeds.txt")
    assert not any(c in f.text for f in page.fragments for c in "\f\v")
    # "…事项？\n\f\n应用清单不断扩展。\f" : the form feeds separate, they do not glue or vanish.
    assert [f.text for f in page.fragments][-2:] == ["一张社会保障卡，能帮助居民完成哪些事项？", "应用清单不断扩展。"]


# --------------------------------------------------------------------------------------
# Big inputs (generated here)
# --------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "megabytes",
    [
        5,
        pytest.param(
            50,
            marks=pytest.mark.skipif(
                not os.environ.get("NEWSARCHIVE_BIG_TESTS"),
                reason="10-40 s depending on load (over the 20 s budget of the normal suite); "
                "benchmarks/bounds.py measures it with every writer; NEWSARCHIVE_BIG_TESTS=1 runs it",
            ),
        ),
    ],
)
def test_a_long_line_converts(runner, tmp_path, megabytes):
    """One line of text, one fragment: every character reaches the JSON output (time grows linearly)."""
    unit = "社保卡一张能帮助居民完成哪些事项，"
    line = unit * (megabytes * 2**20 // len(unit.encode()))
    page = tmp_path / "line.txt"
    page.write_bytes(line.encode())
    started = time.monotonic()
    result = _convert(runner, str(page), "--to", "json", "-o", str(tmp_path / "line.json"))
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < 60
    doc = json.loads((tmp_path / "line.json").read_bytes())
    texts = [doc["items"][0].get("headline") or ""] + [b["text"] for i in doc["items"] for b in i.get("blocks", [])]
    texts += [u["text"] for u in doc["unplaced"]]
    assert "".join(texts) == line


@pytest.mark.slow
def test_100000_tiny_blocks_are_refused_quickly(runner, tmp_path):
    page = tmp_path / "blocks.txt"
    page.write_text("\n\n".join("字" for _ in range(100_000)), encoding="utf-8")
    started = time.monotonic()
    result = _convert(runner, str(page), "--to", ",".join(WRITERS), "-o", str(tmp_path / "out"))
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    assert "too many text blocks (100,000; the limit is 10,000" in _one_error_line(result)
    assert not (tmp_path / "out").exists()


def test_input_size_is_bounded(runner, tmp_path, monkeypatch):
    from newsarchive import limits

    monkeypatch.setattr(limits, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(limits, "MAX_JSON_BYTES", 3000)
    big = tmp_path / "big.txt"
    big.write_bytes("字".encode() * 400)
    assert "input too large (1,200 bytes; the limit is 1,000 bytes)" in _one_error_line(_convert(runner, str(big), "--to", "json"))
    result = runner.invoke(cli, ["convert", "-", "--to", "json"], input=b"x" * 10_000)
    assert "over 3,000 bytes" in _one_error_line(result)  # stdin is read only up to the limit


# --------------------------------------------------------------------------------------
# Files: atomic, never over the input, never over existing files, names that stay put
# --------------------------------------------------------------------------------------


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    src = tmp_path / "page.txt"
    src.write_bytes(EXAMPLE.read_bytes())
    return src


def test_output_is_never_the_input_through_links(runner, tmp_path, page_file):
    symlink = tmp_path / "symlink.json"
    symlink.symlink_to(page_file)
    hardlink = tmp_path / "hardlink.json"
    os.link(page_file, hardlink)
    for target in (page_file, symlink, hardlink):
        result = _convert(runner, str(page_file), "--to", "json", "-o", str(target), "--force")
        assert result.exit_code == 1 and "refusing to overwrite the input file" in _one_error_line(result)
    assert page_file.read_bytes() == EXAMPLE.read_bytes()


def test_existing_outputs_are_checked_before_any_work(runner, tmp_path, page_file):
    other = tmp_path / "other.txt"
    other.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "other.json").write_text("keep me")
    result = _convert(runner, str(page_file), str(other), "--to", "json", "-o", str(out))
    assert result.exit_code == 1 and "output exists (use --force to overwrite)" in _one_error_line(result)
    assert sorted(p.name for p in out.iterdir()) == ["other.json"]  # page.json not written either
    assert (out / "other.json").read_text() == "keep me"


def test_two_inputs_with_one_output_name_are_refused(runner, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    args = [str(tmp_path / "a" / "page.txt"), str(tmp_path / "b" / "page.txt"), "--to", "json", "-o", str(out), "--force"]
    result = _convert(runner, *args)
    assert result.exit_code == 1 and "would both be written here" in _one_error_line(result)
    assert not out.exists()


ODD_NAMES = [
    "a／b.txt",  # full-width solidus
    "a∕b⁄c.txt",  # division and fraction slashes
    "evil\u202etxt.exe.txt",  # right-to-left override
    "..hidden.txt",
    "back\\slash.txt",
    "colon:star*.txt",
    "esc\x1b[31m.txt",
    "nul.txt",
    "x" * 251 + ".txt",
    "日本語 𠮷.txt",
]


def test_output_names_cannot_escape_the_folder(runner, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ODD_NAMES:
        (inputs / name).write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    result = _convert(runner, *(str(inputs / n) for n in ODD_NAMES), "--to", "json,docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2 * len(ODD_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # nothing beside the folder
    for name in written:
        assert (out / name).resolve().parent == out.resolve()
        assert not name.startswith(".") and len(name.encode()) <= 255 - 14  # room for the temporary name
        assert not set(name) & set("/\\:*\x1b\u202e／∕⁄")
    assert "nul.json" not in written and "_nul.json" in written
    assert "日本語 𠮷.json" in written  # ordinary letters of any script are kept


@pytest.mark.parametrize(
    "source,expected",
    [
        ("page.txt", "page.json"),
        ("-", "stdin.json"),
        ("dir/../../etc/passwd", "passwd.json"),
        ("/abs/path/page.txt", "page.json"),
        ("..", "output.json"),
        ("...txt", "output.json"),
        ("a／..／b.txt", "a_.._b.json"),
        ("\u202egnp.txt", "_gnp.json"),
        ("CON.txt", "_CON.json"),
        ("page\udcff.txt", "page_.json"),  # an undecodable byte in a file name
    ],
)
def test_output_name(source, expected):
    assert output_name(source, ".json") == expected


def _no_temporary_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_disk_full_leaves_no_partial_file(runner, tmp_path, page_file, monkeypatch):
    written: list[int] = []

    def full(fd: int, data: Any) -> int:
        if written:  # the first chunk goes through, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data))
        return min(len(data), 100)

    monkeypatch.setattr(output_module.os, "write", full)
    out = tmp_path / "out"
    result = _convert(runner, str(page_file), "--to", "json,newsml", "-o", str(out))
    assert result.exit_code == 1
    line = _one_error_line(result)
    assert str(out / "page.json") in line and "cannot write: No space left on device" in line
    assert list(out.iterdir()) == []


def test_permission_denied_is_one_line(runner, tmp_path, page_file, monkeypatch):
    def denied(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(output_module, "_make_temporary", denied)
    result = _convert(runner, str(page_file), "--to", "json", "-o", str(tmp_path / "out" / "page.json"))
    assert result.exit_code == 1 and "cannot create a file in" in _one_error_line(result) and "Permission denied" in result.stderr
    monkeypatch.undo()
    monkeypatch.setattr(output_module.os, "link", denied)  # the final step fails: the temporary file goes
    result = _convert(runner, str(page_file), "--to", "json", "-o", str(tmp_path / "out2" / "page.json"))
    assert result.exit_code == 1 and "cannot write: Permission denied" in _one_error_line(result)
    assert list((tmp_path / "out2").iterdir()) == []


def test_an_output_that_appears_meanwhile_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "page.json"

    def racing_check(path: Path, **kwargs: Any) -> None:
        target.write_text("written by another process")  # between the check and the rename

    monkeypatch.setattr(output_module, "check_target", racing_check)
    with pytest.raises(WriteError, match="output exists"):
        write_atomic(target, b"new", force=False)
    assert target.read_text() == "written by another process"
    _no_temporary_files(tmp_path)


def test_interrupted_write_leaves_nothing(tmp_path, monkeypatch):
    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "page.json", b"data")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------------------

DETERMINISM = ["json-lone-surrogates.json", "astral-and-emoji.txt", "rtl-arabic-hebrew.txt", "only-captions.txt"]


@pytest.mark.parametrize("name", DETERMINISM)
def test_same_input_same_bytes(name):
    first = {w: newsarchive.write(newsarchive.load(HOSTILE / name), w).data for w in WRITERS}
    second = {w: newsarchive.write(newsarchive.load(HOSTILE / name), w).data for w in WRITERS}
    assert first == second


def test_same_bytes_across_hash_seeds(tmp_path):
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        inputs = [str(HOSTILE / n) for n in DETERMINISM]
        subprocess.run(
            [sys.executable, "-c", "from newsarchive.cli import main; main()", "convert", *inputs, "--to", ",".join(WRITERS), "-o", str(out)],
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert len(outputs[0]) == len(DETERMINISM) * len(WRITERS)
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_text_reader_names_a_pdf():
    """Whatever reader sniffs PDFs first, the text reader itself names one (it is the fallback)."""
    with pytest.raises(newsarchive.ReadError, match=r"binary data, not text \(looks like a PDF\)"):
        newsarchive.read(HOSTILE / "ascii-only.pdf", reader="text")


def test_json_nested_too_deeply_is_refused_whatever_the_recursion_limit():
    """Nesting is counted, not left to json.loads running out of a recursion limit another program may have raised (mypy does)."""
    from newsarchive.errors import ReadError
    from newsarchive.validation import validate

    source = HOSTILE / "json-deeply-nested.json"
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(50_000)
        with pytest.raises(ReadError, match="nested too deeply"):
            newsarchive.api.read(source)
        (problem,) = validate(source).problems
        assert "nested too deeply" in problem.message
    finally:
        sys.setrecursionlimit(old)
    shallow = b'{"format": "newsarchive-page", "x": ' + b"[" * 99 + b"]" * 99 + b', "s": "' + b"[" * 500 + b'"}'
    assert newsarchive.limits.json_nesting(shallow.decode()) == 100  # at the limit, and brackets in a string do not count
