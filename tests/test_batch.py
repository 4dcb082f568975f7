"""Batch conversion: parallel pool, failures as data, manifest, resume after kill -9, collisions, Dask, progress."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import newsarchive.batch as batch_module
from newsarchive.batch import MANIFEST_NAME, BatchError, PageRecord, Reporter, BatchSummary, batch, run_batch

from conftest import EXAMPLE

OUTPUT_EXTENSIONS = (".json", ".xml", ".epub", ".docx")


def shuffled_page(seed: int) -> str:
    """The example page with its blocks shuffled: a different, realistic page per seed."""
    blocks = [b for b in EXAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    random.Random(seed).shuffle(blocks)
    return "\n\n".join(blocks) + "\n"


def make_tree(root: Path, count: int, *, folders: int = 3) -> list[Path]:
    """``count`` pages spread over ``folders`` nested folders under ``root``."""
    paths = []
    for n in range(count):
        folder = root / f"issue{n % folders}" / "pages"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"p{n:03d}.txt"
        path.write_text(shuffled_page(n), encoding="utf-8")
        paths.append(path)
    return paths


def manifest_rows(outdir: Path) -> dict[str, sqlite3.Row]:
    db = sqlite3.connect(str(outdir / MANIFEST_NAME))
    db.row_factory = sqlite3.Row
    try:
        return {row["stem"]: row for row in db.execute("SELECT * FROM pages")}
    finally:
        db.close()


def check_complete(path: Path) -> None:
    """The output parses completely for its format."""
    if path.suffix == ".json":
        assert json.loads(path.read_bytes())["format"] == "newsarchive-page"
    elif path.suffix == ".xml":
        etree.fromstring(path.read_bytes())
    else:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None


def live_group_members(pgid: int) -> list[int]:
    """Processes of a process group that are still running (zombies excluded), from /proc."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":  # fields: state, ppid, pgrp, …
            live.append(int(stat.parent.name))
    return live


def output_files(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*") if p.is_file() and p.suffix in OUTPUT_EXTENSIONS)


def test_directory_tree_with_a_bad_page(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 4)
    (src / "issue1" / "pages" / "broken.txt").write_bytes(b"\x7fELF\x00\x00\x01" + bytes(range(256)))
    out = tmp_path / "out"
    result = CliRunner().invoke(batch, [str(src), "-o", str(out), "--to", "json,newsml,epub,docx", "-j", "2"])
    assert result.exit_code == 1, result.output
    assert "4 succeeded, 1 failed, 0 skipped" in result.stderr
    assert "broken.txt" in result.stderr and "binary data" in result.stderr
    # Mirrors the input tree, one file per format, each complete.
    for n in range(4):
        for ext in OUTPUT_EXTENSIONS:
            check_complete(out / f"issue{n % 3}" / "pages" / f"p{n:03d}{ext}")
    assert len(output_files(out)) == 16
    assert not list((out / "issue1" / "pages").glob("broken.*"))
    rows = manifest_rows(out)
    assert rows["issue1/pages/broken"]["status"] == "failed"
    assert "binary data" in rows["issue1/pages/broken"]["error"]
    done = rows["issue0/pages/p000"]
    assert done["status"] == "done" and done["formats"] == "json,newsml,epub,docx"
    assert json.loads(done["outputs"]) == [f"issue0/pages/p000{ext}" for ext in OUTPUT_EXTENSIONS]
    assert done["size"] == (src / "issue0/pages/p000.txt").stat().st_size and len(done["sha256"]) == 64
    assert done["reconstruct_s"] > 0 and done["write_s"] > 0
    assert isinstance(json.loads(done["warnings"]), list)
    db = sqlite3.connect(str(out / MANIFEST_NAME))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_mets_file_among_the_pages_fails_with_what_to_do_instead(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 1, folders=1)
    (src / "issue0" / "pages" / "issue_mets.txt").write_text('<?xml version="1.0"?><mets:mets xmlns:mets="http://www.loc.gov/METS/"/>')
    out = tmp_path / "out"
    summary = run_batch([src], out, "json", jobs=1)
    assert (summary.succeeded, summary.failed) == (1, 1)
    error = manifest_rows(out)["issue0/pages/issue_mets"]["error"]
    assert "METS" in error and "newsarchive convert" in error
    assert not (out / "issue0" / "pages" / "issue_mets.json").exists()


def test_an_issue_folder_with_its_mets_file_converts_each_page_once_with_the_hint(tmp_path):
    from test_issues import METS, FIXTURE

    src = tmp_path / "src"
    (src / "issue" / "alto").mkdir(parents=True)
    for name in ("page b.xml", "page_a.xml"):
        (src / "issue" / "alto" / name).write_bytes(FIXTURE.read_bytes())
    (src / "issue" / "issue_mets.xml").write_text(METS, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([src], out, "json", jobs=1, pattern="*.xml")
    assert (summary.succeeded, summary.failed) == (2, 0)  # the METS file is no page of its own
    first = json.loads((out / "issue" / "alto" / "page b.json").read_text(encoding="utf-8"))
    second = json.loads((out / "issue" / "alto" / "page_a.json").read_text(encoding="utf-8"))
    assert first["meta"]["page_number"] == 1 and first["meta"]["date"] == "1824-02-17"
    assert len(first["items"]) == 1  # the publisher's one article
    assert any(d["step"] == "publisher-segmentation" for d in first["decisions"])
    assert second["meta"]["page_number"] == 2 and len(second["items"]) == 2
    # The METS file named on its own gives the same pages, named after their files.
    alone = tmp_path / "alone"
    assert run_batch([src / "issue" / "issue_mets.xml"], alone, "json", jobs=1).succeeded == 2
    assert (alone / "alto" / "page b.json").read_bytes() == (out / "issue" / "alto" / "page b.json").read_bytes()
    # A METS file with a page file missing is one failed entry; the batch goes on.
    (src / "issue" / "alto" / "page_a.xml").unlink()
    broken = run_batch([src], tmp_path / "broken", "json", jobs=1, pattern="*.xml")
    assert (broken.succeeded, broken.failed) == (1, 1)
    error = manifest_rows(tmp_path / "broken")["issue/issue_mets"]["error"]
    assert "page_a.xml" in error and "no such file" in error


def test_existing_outputs_refused_before_work_unless_force(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 2, folders=1)
    out = tmp_path / "out"
    assert run_batch([src], out, "json", jobs=1).succeeded == 2
    before = manifest_rows(out)
    with pytest.raises(BatchError, match="exist.*--force"):
        run_batch([src], out, "json", jobs=1)
    assert {k: r["updated"] for k, r in manifest_rows(out).items()} == {k: r["updated"] for k, r in before.items()}
    forced = run_batch([src], out, "json", jobs=1, force=True)
    assert forced.succeeded == 2 and all(r["attempts"] == 2 for r in manifest_rows(out).values())


def test_name_collision_is_an_error_before_any_work(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_text(shuffled_page(1), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(batch, [str(tmp_path / "x/page.txt"), str(tmp_path / "y/page.txt"), "-o", str(out), "--to", "json"])
    assert result.exit_code == 1
    assert str(tmp_path / "x/page.txt") in result.stderr and str(tmp_path / "y/page.txt") in result.stderr
    assert not out.exists()  # nothing created, nothing converted
    # A glob matching both is the same collision; the same file named twice is converted once.
    with pytest.raises(BatchError, match="same output name"):
        run_batch([str(tmp_path / "*" / "page.txt")], out, "json")
    once = run_batch([tmp_path / "x/page.txt", str(tmp_path / "x" / "*.txt")], out, "json", jobs=1)
    assert once.total == 1 and (out / "page.json").is_file()


def test_a_text_of_several_pages_is_converted_page_by_page(tmp_path):
    """pdftotext's text of a PDF of several pages: each page its own job, NAME-pK, checked for collisions before work."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "issue.txt").write_text(shuffled_page(1) + "\f" + shuffled_page(2) + "\f", encoding="utf-8")
    (src / "page.txt").write_text(shuffled_page(3), encoding="utf-8")
    (src / "page.meta.json").write_text(json.dumps({"page_number": 11}), encoding="utf-8")
    (src / "issue.meta.json").write_text(json.dumps({"page_number": 11, "date": "2024-03-15"}), encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([src], out, "json", jobs=1)
    assert (summary.succeeded, summary.failed) == (3, 0)
    assert sorted(p.name for p in out.glob("*.json")) == ["issue-p1.json", "issue-p2.json", "page.json"]
    for k in (1, 2):
        meta = json.loads((out / f"issue-p{k}.json").read_bytes())["meta"]
        assert (meta["page_number"], meta["date"]) == (k, "2024-03-15")  # the place in the document, the sidecar's date
    assert json.loads((out / "page.json").read_bytes())["meta"]["page_number"] == 11
    rows = manifest_rows(out)
    assert json.loads(rows["issue-p2"]["outputs"]) == ["issue-p2.json"] and rows["issue-p2"]["status"] == "done"
    assert run_batch([src], out, "json", jobs=1, resume=True).skipped == 3
    # A page's name taken by another input is a collision, found before any work.
    (src / "issue-p2.txt").write_text(shuffled_page(4), encoding="utf-8")
    with pytest.raises(BatchError, match="same output name"):
        run_batch([src], tmp_path / "other", "json")
    assert not (tmp_path / "other").exists()


def test_output_names_never_escape_outdir():
    with pytest.raises(BatchError, match="escape"):
        batch_module._check_stem("../etc/passwd", "x")
    with pytest.raises(BatchError, match="escape"):
        batch_module._check_stem("/abs/page", "x")
    assert batch_module._check_stem("a/b/page", "x") == "a/b/page"


def test_metadata_sidecar_and_index(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a", "b"):
        (src / f"{name}.txt").write_text(shuffled_page(3), encoding="utf-8")
    (src / "a.meta.json").write_text(json.dumps({"publication": "人民日报海外版", "date": "2024-03-15", "page_number": 11}), encoding="utf-8")
    (src / "b.meta.json").write_text(json.dumps({"date": "2024-01-01", "page_name": "民生"}), encoding="utf-8")
    index = tmp_path / "index.csv"
    index.write_text(f"path,publication,date,page_number,page_name,language\n{src / 'b.txt'},人民日报,2024-03-16,7,,\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_batch([src], out, "json", jobs=1, metadata=index).succeeded == 2
    meta_a = json.loads((out / "a.json").read_bytes())["meta"]
    meta_b = json.loads((out / "b.json").read_bytes())["meta"]
    assert (meta_a["publication"], meta_a["date"], meta_a["page_number"]) == ("人民日报海外版", "2024-03-15", 11)
    # The index overrides the sidecar field by field; fields it leaves empty keep the sidecar's.
    assert (meta_b["publication"], meta_b["date"], meta_b["page_number"], meta_b["page_name"]) == ("人民日报", "2024-03-16", 7, "民生")
    assert not (out / "a.meta.json").exists()  # sidecars are never taken as pages
    (src / "a.meta.json").write_text(json.dumps({"pagenumber": 3}), encoding="utf-8")
    summary = run_batch([src], out, "json", jobs=1, force=True)
    assert summary.failed == 1 and "unknown metadata key" in summary.failures[0][1]


def test_resume_after_kill_9(tmp_path):
    # Enough that the kill lands mid-run on a fast machine: the manifest commits its first group after a
    # second (Manifest.GROUP_SECONDS), and all four formats of a page take ~8 ms on a fast core.
    PAGES = 300
    src = tmp_path / "src"
    make_tree(src, PAGES)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "newsarchive.batch", str(src), "-o", str(out), "--to", "json,newsml,epub,docx", "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    manifest = out / MANIFEST_NAME
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists():
            try:
                db = sqlite3.connect(f"file:{manifest}?mode=ro", uri=True, timeout=0.05)  # never wait out the run on a lock
                done = db.execute("SELECT count(*) FROM pages WHERE status = 'done'").fetchone()[0]
                db.close()
            except sqlite3.OperationalError:  # schema not created yet
                done = 0
            if done >= 3:
                break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)  # the manager only, mid-run: its workers must not outlive it
    proc.wait()
    proc.stderr.close()
    if Path("/proc").is_dir():
        deadline = time.monotonic() + 10
        while live_group_members(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        orphans = live_group_members(proc.pid)
        if orphans:
            os.killpg(proc.pid, signal.SIGKILL)  # clean up before failing
        assert not orphans, "orphaned workers kept running after the manager died"
    else:
        os.killpg(proc.pid, signal.SIGKILL)
    killed_rows = manifest_rows(out)
    done_before = {stem: row["updated"] for stem, row in killed_rows.items() if row["status"] == "done"}
    assert 3 <= len(done_before) < PAGES, "the kill must land mid-run"

    # Without --resume the leftovers are an error; with it the run completes.
    runner = CliRunner()
    refused = runner.invoke(batch, [str(src), "-o", str(out), "--to", "json,newsml,epub,docx", "-j", "2"])
    assert refused.exit_code == 1 and "--resume" in refused.stderr
    resumed = runner.invoke(batch, [str(src), "-o", str(out), "--to", "json,newsml,epub,docx", "-j", "2", "--resume"])
    assert resumed.exit_code == 0, resumed.stderr
    assert f"{PAGES - len(done_before)} succeeded, 0 failed, {len(done_before)} skipped" in resumed.stderr

    rows = manifest_rows(out)
    assert len(rows) == PAGES and all(r["status"] == "done" for r in rows.values())
    assert all(r["attempts"] == 1 for r in rows.values())  # nothing converted twice
    assert all(rows[stem]["updated"] == updated for stem, updated in done_before.items())
    files = output_files(out)
    assert len(files) == PAGES * 4
    for path in files:
        check_complete(path)
    assert not [p for p in out.rglob("*.tmp")]
    expected = sorted(
        (p.relative_to(src).with_suffix(ext)).as_posix() for p in src.rglob("*.txt") for ext in OUTPUT_EXTENSIONS
    )
    assert sorted(p.relative_to(out).as_posix() for p in files) == expected

    # A further resume skips everything; a changed page (new hash) is converted again.
    again = run_batch([src], out, "json,newsml,epub,docx", jobs=1, resume=True)
    assert (again.succeeded, again.skipped) == (0, PAGES)
    (src / "issue0/pages/p000.txt").write_text(shuffled_page(999), encoding="utf-8")
    changed = run_batch([src], out, "json", jobs=1, resume=True)
    assert (changed.succeeded, changed.skipped) == (1, PAGES - 1)


def test_leftover_tmp_files_are_cleaned(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 1, folders=1)
    out = tmp_path / "out" / "issue0" / "pages"
    out.mkdir(parents=True)
    leftover = out / ".p000.json.ab12cd_z.tmp"
    leftover.write_bytes(b"{partial")
    unrelated = out / "notes.tmp"
    unrelated.write_bytes(b"mine")
    run_batch([src], tmp_path / "out", "json", jobs=1)
    assert not leftover.exists() and unrelated.exists()


def _crash_on_marked_page(task):
    """Stand-in for convert_page (reaches forked workers): kills the worker process on one page."""
    if task.stem.endswith("crash"):
        os._exit(3)
    return _REAL_CONVERT(task)


_REAL_CONVERT = batch_module.convert_page


@pytest.mark.skipif(sys.platform == "win32", reason="relies on fork to pass the stand-in to workers")
def test_a_page_killing_its_worker_fails_alone(tmp_path, monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs the fork start method")
    src = tmp_path / "src"
    make_tree(src, 5, folders=1)
    (src / "issue0" / "pages" / "p_crash.txt").write_text(shuffled_page(7), encoding="utf-8")
    monkeypatch.setattr(batch_module, "convert_page", _crash_on_marked_page)
    summary = run_batch([src], tmp_path / "out", "json", jobs=2)
    assert (summary.succeeded, summary.failed) == (5, 1)
    assert "worker process died" in summary.failures[0][1] and "p_crash" in summary.failures[0][0]


def test_progress_log_lines_when_not_a_terminal(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 6, folders=2)
    (src / "bad.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(batch, [str(src), "-o", str(tmp_path / "out"), "--to", "json", "-j", "2"])
    err = result.stderr
    assert result.exit_code == 1
    assert "\r" not in err and "\x1b" not in err  # no progress-bar control characters
    assert "batch: 7/7 pages" in err and "pages/s" in err  # plain log lines instead
    assert "batch: failed:" in err and "bad.txt" in err
    assert err.rstrip().splitlines()[-1].startswith("batch: 6 succeeded, 1 failed, 0 skipped")


def test_quiet_prints_only_failures_and_summary(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 3, folders=1)
    (src / "bad.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(batch, [str(src), "-o", str(tmp_path / "out"), "--to", "json", "-j", "1", "-q"])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1
    assert len(lines) == 2 and "bad.txt" in lines[0] and lines[1].startswith("batch: 3 succeeded, 1 failed, 0 skipped")
    assert "pages/s" not in result.stderr


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    reporter = Reporter("auto", stream)
    reporter.begin(2)
    reporter.page(PageRecord(stem="a", source="a.txt", status="done", formats=("json",)))
    reporter.page(PageRecord(stem="b", source="b.txt", status="failed", formats=("json",), error="b.txt: bad"))
    reporter.end(BatchSummary(total=2, succeeded=1, failed=1, failures=[("b.txt", "b.txt: bad")], manifest="m"))
    text = stream.getvalue()
    assert "\r[" in text and "2/2 pages" in text and "1 failed" in text and "ETA" in text
    assert "batch: failed: b.txt: bad" in text and "1 succeeded, 1 failed, 0 skipped" in text


def test_dask_engine_gives_identical_outputs(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    src = tmp_path / "src"
    make_tree(src, 4, folders=2)
    local = run_batch([src], tmp_path / "local", "json,newsml,epub,docx", jobs=2)
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as cluster:
        remote = run_batch([src], tmp_path / "dask", "json,newsml,epub,docx", engine="dask", scheduler=cluster.scheduler_address)
    assert (local.succeeded, remote.succeeded) == (4, 4)
    local_files = output_files(tmp_path / "local")
    assert len(local_files) == 16
    for path in local_files:
        twin = tmp_path / "dask" / path.relative_to(tmp_path / "local")
        assert twin.read_bytes() == path.read_bytes(), twin
    assert all(r["status"] == "done" for r in manifest_rows(tmp_path / "dask").values())


def test_dask_missing_scheduler_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(batch, [str(tmp_path), "-o", str(tmp_path / "o"), "--to", "json", "--engine", "dask"])
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_dask_engine_without_dask_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # makes the import fail
    make_tree(tmp_path / "src", 1, folders=1)
    with pytest.raises(BatchError, match=r"newsarchive\[dask\]"):
        run_batch([tmp_path / "src"], tmp_path / "out", "json", engine="dask", scheduler="tcp://127.0.0.1:1")
