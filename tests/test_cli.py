"""The command line through click's runner: convert, inspect, formats, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsarchive.cli import cli

from conftest import EXAMPLE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_on_every_command(runner):
    for args in ([], ["convert"], ["inspect"], ["formats"], ["validate"]):
        result = runner.invoke(cli, args + ["--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_formats_lists_writers(runner):
    result = runner.invoke(cli, ["formats"])
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert {"json", "newsml", "epub", "docx"} <= set(names)


def test_convert_to_stdout(runner):
    result = runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "json", "-o", "-", "--date", "2024-03-15"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format"] == "newsarchive-page" and doc["meta"]["date"] == "2024-03-15"
    assert [i["type"] for i in doc["items"]] == ["article", "article", "photo"]


def test_convert_from_stdin(runner):
    result = runner.invoke(cli, ["convert", "-", "--to", "json"], input=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["meta"]["source"] == "-"


def test_convert_to_file_refuses_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "page.json"
    assert runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "json", "-o", str(out)]).exit_code == 0
    first = out.read_bytes()
    again = runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "json", "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "json", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["page.json"]  # no temporary files left


def test_output_never_overwrites_input(runner, tmp_path):
    src = tmp_path / "page.txt"
    src.write_bytes(EXAMPLE.read_bytes())
    result = runner.invoke(cli, ["convert", str(src), "--to", "json", "-o", str(src), "--force"])
    assert result.exit_code == 1 and "input" in result.stderr
    assert src.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        ("标题".encode() + b"\xff\xfe\xfa", "offset"),
        # Markup no reader knows would be a page of tags read as text.
        (b'<?xml version="1.0"?><TEI><text>hi</text></TEI>', "no page reader knows"),
        (b"<!DOCTYPE html><html><body><p>hi</p></body></html>", "--from text"),
        (b'<?xml version="1.0"?><mets:mets xmlns:mets="http://www.loc.gov/METS/"/>', "METS"),
    ],
)
def test_bad_input_one_line_error(runner, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = runner.invoke(cli, ["convert", str(bad), "--to", "json", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_markup_is_read_as_text_when_asked(runner, tmp_path):
    page = tmp_path / "page.xml"
    page.write_bytes(b'<?xml version="1.0"?><TEI><text>hi</text></TEI>')
    result = runner.invoke(cli, ["convert", str(page), "--from", "text", "--to", "json", "-o", "-"])
    assert result.exit_code == 0 and "TEI" in result.stdout


def test_missing_file_and_unknown_format(runner, tmp_path):
    missing = runner.invoke(cli, ["convert", str(tmp_path / "nope.txt"), "--to", "json"])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    unknown = runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "pdf"])
    assert unknown.exit_code == 2 and "unknown output format" in unknown.stderr


def test_usage_error_exit_2(runner):
    assert runner.invoke(cli, ["convert", str(EXAMPLE)]).exit_code == 2


def test_inspect_shows_joins_and_items(runner):
    result = runner.invoke(cli, ["inspect", str(EXAMPLE)])
    assert result.exit_code == 0
    out = result.stdout
    assert "headline: 社保卡，解锁更多应用新场景" in out
    assert "[f5 + f6]" in out and "standalone photo" in out and "unplaced: none" in out
    assert "low-confidence decisions" in out


def test_inspect_names_the_page_an_article_goes_on_on(runner, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("据分析，黄金消费需求升温")
    end = text.index("\n", start)  # the gold article's last paragraph, cut off as page one ends it
    page = tmp_path / "page-one.txt"
    page.write_text(text[:start] + "据分析，黄金消费需求升温，是银\n\n（下转第二版）" + text[end:], encoding="utf-8")
    result = runner.invoke(cli, ["inspect", str(page)])
    assert result.exit_code == 0
    article = result.stdout.split("2. article")[1].split("3. standalone photo")[0]
    assert "headline: 去银行买金饰，有啥不一样？" in article and "jump: continued on 第二版" in article
    assert "jump:" not in result.stdout.split("2. article")[0]


def test_several_inputs_into_a_folder(runner, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes(EXAMPLE.read_bytes())
    b.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(cli, ["convert", str(a), str(b), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]


def test_batch_command_is_listed_but_loaded_lazily():
    import subprocess
    import sys

    code = "import sys; from newsarchive.cli import cli; print('newsarchive.batch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert "batch" in CliRunner().invoke(cli, ["--help"]).stdout


def test_a_page_warning_is_printed_once_however_many_formats(runner, tmp_path):
    """A reader's warning belongs to the page, not to each output: written in two formats, it is said once."""
    from pathlib import Path

    source = Path(__file__).parent / "data" / "hostile" / "utf8-with-gbk-line.txt"
    result = runner.invoke(cli, ["convert", str(source), "--to", "json,newsml", "-o", str(tmp_path)])
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == 1


def test_inspect_shows_the_page_facts_a_running_head_states(runner, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("人民日报海外版 2024年3月15日 星期五 第11版 民生\n\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["inspect", str(page)])
    assert result.exit_code == 0
    assert "publication=人民日报海外版 date=2024-03-15 page=11 (民生)" in result.stdout.splitlines()[0]
    converted = runner.invoke(cli, ["convert", str(page), "--to", "json", "--date", "2024-03-16", "-o", str(tmp_path / "p.json")])
    assert converted.exit_code == 0
    assert "the running head gives date 2024-03-15" in converted.stderr  # the caller's date is kept, the clash reported
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["meta"]["date"] == "2024-03-16"


def test_a_pipe_given_as_a_path_is_read_once_by_its_reader():
    # <(cmd) or /dev/stdin: a pipe can be read once; looking into it for a METS issue first emptied it.
    import shutil
    import subprocess
    import sys

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is needed for process substitution")
    code = "import sys; from newsarchive.cli import main; sys.argv = ['newsarchive', 'inspect', sys.argv[1]]; main()"
    script = f'"{sys.executable}" -c "{code}" <(cat "{EXAMPLE}")'
    out = subprocess.run([bash, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "社保卡，解锁更多应用新场景" in out.stdout


def test_a_text_of_several_pages_converts_page_by_page(runner, tmp_path):
    """pdftotext's text of a PDF of several pages (a form feed ends each): each page on its own, NAME-pK."""
    one = EXAMPLE.read_text(encoding="utf-8")
    two = "人民日报  2025年1月5日  星期日\n\n第5版  要闻\n\n另一页的标题\n\n本报记者 王 浩\n\n另一页的正文。\n"
    source = tmp_path / "issue.txt"
    source.write_text(one + "\f" + two + "\f", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["convert", str(source), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["issue-p1.json", "issue-p2.json"]
    first, second = (json.loads((out / f"issue-p{k}.json").read_text(encoding="utf-8")) for k in (1, 2))
    alone = json.loads(runner.invoke(cli, ["convert", str(EXAMPLE), "--to", "json", "-o", "-"]).stdout)
    assert first["items"] == alone["items"] and first["meta"]["page_number"] == 1  # no running head: its place
    assert second["items"][0]["headline"] == "另一页的标题"
    assert (second["meta"]["page_number"], second["meta"]["page_name"]) == (5, "要闻")  # its running head's number
    assert "warning" not in result.stderr
    # --page picks one page; its output is named after the input alone.
    picked = runner.invoke(cli, ["convert", str(source), "--to", "json", "--page", "2", "-o", str(tmp_path)])
    assert picked.exit_code == 0, picked.output
    assert json.loads((tmp_path / "issue.json").read_text(encoding="utf-8"))["items"] == second["items"]
    # Every page cannot go to one stdout; inspect shows them one after the other.
    assert runner.invoke(cli, ["convert", str(source), "--to", "json", "-o", "-"]).exit_code == 2
    shown = runner.invoke(cli, ["inspect", str(source)])
    assert shown.exit_code == 0 and shown.stdout.count("\npage ") + shown.stdout.startswith("page ") == 2
    # A page number past the end is a one-line error naming the file.
    past = runner.invoke(cli, ["convert", str(source), "--to", "json", "--page", "3", "-o", "-"])
    assert past.exit_code == 1 and f"{source}: form feeds divide the text into 2 pages; there is no page 3" in past.stderr
