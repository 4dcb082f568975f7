"""Throughput of batch conversion, side by side with pandoc; prints one table (not part of the tests).

Usage (from the repository root, in the environment where newsarchive is installed)::

    python benchmarks/throughput.py [--pages 243] [--big 2000] [--pandoc-pages 60] [--skip-big]

Pages are real People's Daily pages scrambled by ``benchmarks/reorder/scramble.py`` (seeds
0, 1, 2, … until ``--pages`` are made); the same articles are also written as Markdown for
pandoc (``apt-get install -y pandoc``; its rows are skipped with a note when it is absent).

Measured:

* batch (``newsarchive.batch.run_batch``) per writer and for all four formats, with 1 and 2
  worker processes: pages/s over the whole run (pool start-up included) and in steady state
  (first to last page finished), per-page latency in the worker (median, p95, from the
  manifest), peak RSS of the manager and of the largest worker;
* pandoc Markdown → EPUB / DOCX, one pandoc process per page as a shell loop would run it
  (serially, and two at a time), and the ratio newsarchive / pandoc;
* wall time of one ``newsarchive convert`` CLI call per format and of one pandoc call
  (median of 5);
* parse + reorder + NewsML pages/s in this process, on one core;
* each writer alone in this process (ms per page) and the import cost of its module;
* peak RSS of a ``--big``-page batch against a 20-page batch;
* a cProfile of the single-process all-formats path (``convert_page`` in a loop).

Each batch runs in its own child process so its peak RSS (``getrusage``, monotonic per
process) is its own.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "reorder"))

import scramble  # noqa: E402  (the reorder benchmark's page generator, reused as is)

ALL = "json,newsml,epub,docx"
TARGETS = {
    "pandoc_ratio": 5.0,  # batch EPUB and DOCX pages/s >= 5x pandoc's per-page rate
    "reorder_pages_s": 300.0,  # parse + reorder + NewsML on one core
    "rss_ratio": 1.2,  # peak RSS of the big batch within 1.2x of a 20-page batch
}

# Child processes run as on a user's machine: with Python's bytecode cache (pip writes it at
# install time).  A PYTHONDONTWRITEBYTECODE=1 in this shell would make every CLI call and batch
# recompile newsarchive's modules from source, which no installed copy does.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _install_kind() -> str:
    """Where newsarchive is imported from: an editable install adds an import hook to every start-up."""
    import site
    import sysconfig

    import newsarchive

    where = Path(newsarchive.__file__).resolve().parent
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]}
    if any(root in where.parents for root in installed):
        return f"installed in {where.parent} (pip install .)"
    return f"imported from the source tree {where} (editable install: an import hook costs ~20 ms per start-up)"


# --------------------------------------------------------------------------- pages


def page_markdown(page: scramble.RealPage) -> str:
    """The page's articles in reading order as pandoc Markdown (what a user would feed pandoc)."""
    lines = ["---", f"title: '{page.date} 第{page.page}版 {page.page_name}'", "lang: zh-CN", "---", ""]
    for item in page.items:
        photos = item.photos if isinstance(item, scramble.ArticleTruth) else [item]
        if isinstance(item, scramble.ArticleTruth):
            if item.kicker:
                lines += [f"*{item.kicker}*", ""]
            lines += [f"# {item.headline or '（无题）'}", ""]
            if item.subheadline:
                lines += [f"**{item.subheadline}**", ""]
            if item.byline:
                lines += [item.byline, ""]
            for unit in item.units:
                lines += [f"## {unit.text}" if unit.type == "heading" else unit.text, ""]
        for photo in photos:
            lines += [" ".join(t for t in (photo.title, photo.caption, photo.credit) if t), ""]
    return "\n".join(lines)


def make_pages(folder: Path, count: int, data: Path, markdown: Path | None = None) -> list[Path]:
    """Write ``count`` scrambled pages (and, if asked, the same pages as Markdown); returns the text files."""
    real = scramble.load_pages(data)
    folder.mkdir(parents=True, exist_ok=True)
    if markdown is not None:
        markdown.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    seed = 0
    while len(paths) < count:
        for page in real:
            if len(paths) == count:
                break
            text, truth = scramble.scramble_page(page, seed)
            path = folder / f"{truth['name']}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            if markdown is not None:
                (markdown / f"{truth['name']}.md").write_text(page_markdown(page), encoding="utf-8")
        seed += 1
    return paths


# --------------------------------------------------------------------------- batch runs


def _driver(spec: dict[str, Any]) -> None:
    """Child-process entry: run one batch, print wall time and peak RSS as JSON."""
    from newsarchive.batch import run_batch

    start = time.perf_counter()
    summary = run_batch([spec["src"]], spec["out"], spec["formats"], jobs=spec["jobs"], force=True)
    wall = time.perf_counter() - start
    kib = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss is KiB on Linux, bytes on macOS
    print(
        json.dumps(
            {
                "wall": wall,
                "succeeded": summary.succeeded,
                "failed": summary.failed,
                "rss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                "rss_children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024,
            }
        )
    )


def run_batch_child(src: Path, out: Path, formats: str, jobs: int) -> dict[str, Any]:
    """Run one batch in a fresh interpreter; add latencies and steady-state rate from its manifest."""
    shutil.rmtree(out, ignore_errors=True)
    spec = {"src": str(src), "out": str(out), "formats": formats, "jobs": jobs}
    proc = subprocess.run(
        [sys.executable, __file__, "--driver", json.dumps(spec)], capture_output=True, text=True, check=True, env=USER_ENV
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    db = sqlite3.connect(str(out / "newsarchive-manifest.sqlite"))
    rows = db.execute("SELECT read_s + reconstruct_s + write_s, updated FROM pages WHERE status = 'done'").fetchall()
    db.close()
    latencies = sorted(r[0] for r in rows)
    stamps = sorted(datetime.fromisoformat(r[1]).timestamp() for r in rows)
    n = len(rows)
    result["pages"] = n
    result["pages_s"] = n / result["wall"]
    result["steady_pages_s"] = (n - 1) / (stamps[-1] - stamps[0]) if n > 1 and stamps[-1] > stamps[0] else float("nan")
    result["median_ms"] = statistics.median(latencies) * 1000
    result["p95_ms"] = latencies[min(n - 1, int(0.95 * n))] * 1000
    return result


# --------------------------------------------------------------------------- pandoc and the CLI


def _timed(cmd: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=USER_ENV)
    return time.perf_counter() - start


def pandoc_rate(md_files: Sequence[Path], out: Path, ext: str, parallel: int) -> dict[str, float]:
    """One pandoc process per page (``parallel`` at a time): pages/s and per-page latency."""
    out.mkdir(parents=True, exist_ok=True)
    cmds = [["pandoc", str(md), "-f", "markdown", "-o", str(out / (md.stem + ext))] for md in md_files]
    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        latencies = sorted(pool.map(_timed, cmds))
    wall = time.perf_counter() - start
    n = len(latencies)
    return {
        "pages_s": n / wall,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[min(n - 1, int(0.95 * n))] * 1000,
    }


def single_call(cmd: Sequence[str], runs: int = 5) -> float:
    """Median wall time of a command, in seconds, after one untimed call (warms the OS and bytecode caches)."""
    _timed(cmd)
    return statistics.median(_timed(cmd) for _ in range(runs))


# --------------------------------------------------------------------------- in-process measures


def reorder_rate(pages: Sequence[Path]) -> dict[str, float]:
    """Parse + reorder + NewsML in this process (one core), after a warm-up page; also each stage alone."""
    from newsarchive import api

    datas = [p.read_bytes() for p in pages]
    api.write(api.load(datas[0]), "newsml")  # loads the word list and plugins
    read_t = reorder_t = write_t = 0.0
    for data in datas:
        t0 = time.perf_counter()
        page = api.read(data)
        t1 = time.perf_counter()
        page = api.reconstruct(page)
        t2 = time.perf_counter()
        api.write(page, "newsml")
        t3 = time.perf_counter()
        read_t, reorder_t, write_t = read_t + t1 - t0, reorder_t + t2 - t1, write_t + t3 - t2
    n = len(datas)
    return {
        "pages_s": n / (read_t + reorder_t + write_t),
        "parse_ms": read_t / n * 1000,
        "reorder_ms": reorder_t / n * 1000,
        "newsml_ms": write_t / n * 1000,
    }


def writer_times(pages: Sequence[Path], rounds: int = 3) -> dict[str, tuple[float, float]]:
    """Each writer alone in this process: ms per page (mean, median of each page's best of ``rounds``)."""
    from newsarchive import api

    models = [api.load(p.read_bytes()) for p in pages]  # reconstructed once: only the writers are timed
    times: dict[str, tuple[float, float]] = {}
    for fmt in ALL.split(","):
        api.write(models[0], fmt)  # warm-up: imports, templates
        best = [float("inf")] * len(models)
        for _ in range(rounds):
            for i, page in enumerate(models):
                t0 = time.perf_counter()
                api.write(page, fmt)
                best[i] = min(best[i], time.perf_counter() - t0)
        times[fmt] = (statistics.mean(best) * 1000, statistics.median(best) * 1000)
    return times


def writer_import_ms(fmt: str, runs: int = 11) -> float:
    """Median time to import a writer's module in a fresh process, after what a CLI call imports before it."""
    code = (
        "import time, newsarchive.cli\n"
        "from newsarchive import plugins\n"
        "plugins.names(plugins.WRITERS)\n"  # the entry-point scan, which convert does before loading a writer
        "t = time.perf_counter()\n"
        f"plugins.load(plugins.WRITERS, {fmt!r})\n"
        "print(time.perf_counter() - t)"
    )
    samples = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=USER_ENV).stdout)
        for _ in range(runs)
    ]
    return statistics.median(samples) * 1000


def profile_all_formats(pages: Sequence[Path], out: Path, top: int = 18) -> str:
    """cProfile of convert_page (read, reconstruct, four writers, atomic writes) over ``pages``."""
    from newsarchive.batch import PageTask, convert_page

    tasks = [
        PageTask(path=str(p), source=str(p), outdir=str(out), stem=p.stem, formats=("json", "newsml", "epub", "docx"))
        for p in pages
    ]
    convert_page(tasks[0])  # warm-up (word list, plugins, templates), not profiled
    profiler = cProfile.Profile()
    profiler.enable()
    records = [convert_page(t) for t in tasks]
    profiler.disable()
    n = len(records)
    stages = {k: sum(getattr(r, k) for r in records) / n * 1000 for k in ("read_s", "reconstruct_s", "write_s")}
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    head = "per page: " + ", ".join(f"{k[:-2]} {v:.1f} ms" for k, v in stages.items())
    return head + "\n" + text.getvalue()


# --------------------------------------------------------------------------- report


def _f(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None or value != value else fmt.format(value)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=scramble.DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=243, help="pages for the throughput rows (>= 200)")
    parser.add_argument("--big", type=int, default=2000, help="pages of the big RSS batch")
    parser.add_argument("--pandoc-pages", type=int, default=60, help="pages converted by pandoc per format")
    parser.add_argument("--profile-pages", type=int, default=120)
    parser.add_argument("--skip-big", action="store_true", help="skip the big RSS batch")
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temporary folder)")
    parser.add_argument("--driver", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.driver:
        _driver(json.loads(args.driver))
        return 0
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsarchive-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# work folder {work}; {os.cpu_count()} core(s); python {sys.version.split()[0]}", flush=True)
    print(f"# newsarchive {_install_kind()}", flush=True)

    pages = make_pages(work / "pages", args.pages, args.data, markdown=work / "md")
    size = statistics.mean(p.stat().st_size for p in pages)
    print(f"# {len(pages)} pages, mean {size / 1024:.1f} KiB", flush=True)

    rows: list[tuple[str, ...]] = []
    batch: dict[tuple[str, int], dict[str, Any]] = {}
    for formats in ("json", "newsml", "epub", "docx", ALL):
        for jobs in (1, 2):
            r = run_batch_child(work / "pages", work / "out", formats, jobs)
            batch[(formats, jobs)] = r
            label = "all 4" if formats == ALL else formats
            rows.append(
                (
                    f"batch {label} -j{jobs}",
                    _f(r["pages_s"]),
                    _f(r["steady_pages_s"]),
                    _f(r["median_ms"]),
                    _f(r["p95_ms"]),
                    _f(r["rss_self_mib"], "{:.0f}") + " / " + _f(r["rss_children_mib"], "{:.0f}"),
                )
            )
            print("  " + " | ".join(rows[-1]), flush=True)

    pandoc = shutil.which("pandoc")
    pandoc_rows: dict[tuple[str, int], dict[str, float]] = {}
    md = sorted((work / "md").glob("*.md"))[: args.pandoc_pages]
    if pandoc and not md:
        print("  (--pandoc-pages 0: pandoc rows and ratios skipped)")
        pandoc = None
    if pandoc:
        for ext in (".epub", ".docx"):
            for parallel in (1, 2):
                r = pandoc_rate(md, work / "pandoc", ext, parallel)
                pandoc_rows[(ext, parallel)] = r
                rows.append((f"pandoc md→{ext[1:]} ×{parallel}", _f(r["pages_s"]), "-", _f(r["median_ms"]), _f(r["p95_ms"]), "-"))
                print("  " + " | ".join(rows[-1]), flush=True)

    header = ("run", "pages/s", "steady p/s", "median ms", "p95 ms", "RSS MiB mgr/worker")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print("\n## Throughput (%d pages; latency = read+reconstruct+write inside the worker)" % len(pages))
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))

    if pandoc:
        print("\n## newsarchive batch / pandoc (pages/s; target >= %.0fx)" % TARGETS["pandoc_ratio"])
        for fmt, ext in (("epub", ".epub"), ("docx", ".docx")):
            for jobs in (1, 2):
                ratio = batch[(fmt, jobs)]["pages_s"] / pandoc_rows[(ext, jobs)]["pages_s"]
                verdict = "meets" if ratio >= TARGETS["pandoc_ratio"] else "MISSES"
                print(f"  {fmt} -j{jobs} vs pandoc ×{jobs}: {ratio:.1f}x ({verdict})")
    else:
        print("\n## pandoc not installed (apt-get install -y pandoc): pandoc rows and ratios skipped")

    print("\n## One CLI call (median of 5, seconds)")
    one = pages[0]
    exe = Path(sys.executable).with_name("newsarchive")  # the console script of this environment
    cli = [str(exe)] if exe.exists() else [sys.executable, "-c", "from newsarchive.cli import main; main()"]
    calls: dict[str, float] = {}
    for fmt in ("json", "newsml", "epub", "docx"):
        calls[fmt] = single_call([*cli, "convert", str(one), "--to", fmt, "-o", str(work / f"one.{fmt}"), "--force"])
        print(f"  newsarchive convert --to {fmt}: {calls[fmt]:.3f}")
    if pandoc:
        for ext in (".epub", ".docx"):
            calls["pandoc" + ext] = single_call(["pandoc", str(md[0]), "-o", str(work / f"one{ext}")])
            print(f"  pandoc md→{ext[1:]}: {calls['pandoc' + ext]:.3f}")
        slowest_pandoc = max(calls["pandoc.epub"], calls["pandoc.docx"])
        fastest_pandoc = min(calls["pandoc.epub"], calls["pandoc.docx"])
        verdict = "meets" if calls["json"] <= fastest_pandoc else ("meets only vs the slower pandoc call" if calls["json"] <= slowest_pandoc else "MISSES")
        print(f"  target --to json <= one pandoc call: {verdict}")

    r = reorder_rate(pages)
    verdict = "meets" if r["pages_s"] >= TARGETS["reorder_pages_s"] else "MISSES"
    print(
        f"\n## parse + reorder + NewsML, one core: {r['pages_s']:.1f} pages/s "
        f"(parse {r['parse_ms']:.2f} ms, reorder {r['reorder_ms']:.2f} ms, NewsML {r['newsml_ms']:.2f} ms per page; "
        f"target >= {TARGETS['reorder_pages_s']:.0f}: {verdict})"
    )

    print("\n## Writers alone, one core (ms per page: mean / median of each page's best of 3; import after the CLI's)")
    for fmt, (mean, median) in writer_times(pages).items():
        print(f"  {fmt:7s} {mean:5.2f} / {median:5.2f}   import {writer_import_ms(fmt):5.1f} ms", flush=True)

    if not args.skip_big:
        print(f"\n## Peak RSS, {args.big}-page vs 20-page batch (all 4 formats, -j 2)", flush=True)
        big = make_pages(work / "big", args.big, args.data)
        small_dir = work / "small"
        small_dir.mkdir(exist_ok=True)
        for p in big[:20]:
            shutil.copy(p, small_dir / p.name)
        small_r = run_batch_child(small_dir, work / "out-small", ALL, 2)
        big_r = run_batch_child(work / "big", work / "out-big", ALL, 2)
        for key, label in (("rss_self_mib", "manager"), ("rss_children_mib", "largest worker")):
            ratio = big_r[key] / small_r[key]
            verdict = "meets" if ratio <= TARGETS["rss_ratio"] else "MISSES"
            print(f"  {label}: {small_r[key]:.0f} MiB (20) vs {big_r[key]:.0f} MiB ({args.big}): {ratio:.2f}x ({verdict})")
        print(f"  ({args.big} pages in {big_r['wall']:.1f} s, {big_r['pages_s']:.1f} pages/s)")

    if args.profile_pages:
        print("\n## cProfile: single process, all formats", flush=True)
        print(profile_all_formats(pages[: args.profile_pages], work / "profile"))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
