"""Run the reading-order benchmark: scramble, reconstruct with newsarchive, score, report.

Usage (from the repository root)::

    python benchmarks/reorder/run.py [--split dev|heldout|all] [--limit N] [--seeds N] [--jobs N]
                                     [--worst N] [--data PATH] [--out DIR] [--regenerate]
                                     [--json FILE] [--compare FILE] [scrambler options]
    python benchmarks/reorder/run.py --timing [--timing-sizes 20,50,...] [--timing-runs 3]
    python benchmarks/reorder/run.py --variants [--split ...] [--jobs N]

1. Scrambled pages are generated into ``--out`` (default
   ``benchmarks/reorder/generated/``, gitignored) by ``scramble.py``, or reused when
   ``generated/manifest.json`` records the same generator version, parameters, seeds
   and data fingerprint (``--regenerate`` forces it).  All days are always generated;
   ``--split`` only selects what is run.
2. newsarchive reconstructs each page in-process (``newsarchive.load(path)`` then
   ``newsarchive.serialize.page_to_dict``); when that API is missing, the CLI
   ``newsarchive convert PATH --to json -o -`` is used; when neither works, only the
   baseline is scored.  A page whose reconstruction raises counts as a crash and is
   scored as an empty output.
3. Both newsarchive and the do-nothing baseline (one article, first block as
   headline, the other blocks in extraction order) are scored with ``score.py`` and
   printed as ONE table (rows: metrics; columns: baseline / newsarchive per split;
   the last column gives the denominators), followed by the ``--worst`` pages by
   composite score, with paths for ``newsarchive inspect PATH``.

``--limit N`` keeps at most N pages per split, taken in (seed, date, page) order so
that a small limit still covers many real pages.

``--timing`` builds synthetic pages of 20, 50, 100, 300, 1000 and 2000 blocks
(``--timing-sizes``) by concatenating the blocks of generated pages in order, and
reports the median (and minimum) wall time of ``--timing-runs`` reconstructions
(load + serialization) per size, with the growth exponent between sizes
(log(t2/t1) / log(n2/n1)).  Each size runs in a child process; a size whose run
exceeds ``--timing-budget`` seconds is stopped and the larger sizes are skipped.

``--variants`` runs the standard pages and each variant of :data:`VARIANTS` (every header
after its first frame, every article jumping pages, one paragraph a line, hard-wrapped
columns, each header one block, credits run on at their captions' end, and hard-wrapped with header
blocks together as pdftotext gives a page: the scrambler's options set to 1, on top of the others given), each generated
into its own folder beside ``--out`` (``generated-late`` …), and prints one line per
variant and split: headline found, body units, successors, photos, pages exactly right.
A change to the transforms is measured on all of them at once.

``--jobs N`` reconstructs pages in N worker processes (results are identical).

``--compare FILE`` reads an earlier run's ``--json`` file and prints, after the
table, what changed: each metric before and after on the pages both runs share,
per split, and the pages that moved most (their change in headlines, units,
successors, photos and exactness), so a change to the transforms is judged page
by page, not only on the sums: ``run.py --json before.json`` on the old code,
then ``run.py --compare before.json`` on the new.

Exit status: 0, or 2 on bad options / missing data.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import scramble  # noqa: E402
import score  # noqa: E402

DEFAULT_OUT = HERE / "generated"
# The extractor variants --variants runs (name → scrambler options set on top of the others).
VARIANTS: dict[str, dict[str, float]] = {
    "standard": {},
    "late": {"header_late_prob": 1.0},  # every header after its article's first frame
    "jump": {"jump_prob": 1.0},  # every article continued from or on another page
    "one-newline": {"one_newline_prob": 1.0},  # one paragraph a line, no blank lines
    "wrap": {"wrap_prob": 1.0},  # hard-wrapped in column lines
    "header-block": {"header_block_prob": 1.0},  # each header one block, a line a header line
    "credit-inline": {"credit_inline_prob": 1.0},  # photo credits run on at the end of their captions
    "wrap+hblock": {"wrap_prob": 1.0, "header_block_prob": 1.0},  # both, as pdftotext gives a page
}
VARIANT_METRICS = (("headline", "headline"), ("units", "units"), ("successors", "succ."), ("photos", "photos"), ("perfect", "exact"))
Runner = Callable[[Path], dict[str, Any]]


# --------------------------------------------------------------------------- generation


def ensure_generated(
    out: Path, data: Path, seeds: int, params: scramble.ScrambleParams, regenerate: bool = False
) -> dict[str, Any]:
    """The manifest of the generated pages, generating them when absent or stale."""
    manifest_path = out / "manifest.json"
    if not regenerate and manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
        same = (
            manifest.get("generator_version") == scramble.GENERATOR_VERSION
            and manifest.get("params") == params.to_dict()
            and manifest.get("seeds") == seeds
            and manifest.get("first_seed") == 0
            and manifest.get("split") == "all"
            and manifest.get("data_fingerprint") == scramble.data_fingerprint(data)
            and all((out / p["path"]).is_file() for p in manifest.get("pages", []))
        )
        if same:
            return manifest
    print(f"generating scrambled pages into {out} ...", file=sys.stderr)
    return scramble.generate(out, seeds=seeds, params=params, data=data)


def select_pages(
    manifest: dict[str, Any], out: Path, split: str, limit: int | None
) -> list[tuple[Path, dict[str, Any]]]:
    """(text path, truth) of the pages to run, per the split and limit."""
    chosen: list[tuple[Path, dict[str, Any]]] = []
    for name in scramble.SPLITS:
        if split not in ("all", name):
            continue
        rows = []
        for entry in manifest["pages"]:
            if entry["split"] != name:
                continue
            path = out / entry["path"]
            truth = json.loads(path.with_name(entry["name"] + ".truth.json").read_text(encoding="utf-8"))
            rows.append((truth["seed"], truth["date"], truth["page"], path, truth))
        rows.sort(key=lambda r: r[:3])
        if limit is not None:
            rows = rows[:limit]
        chosen += [(r[3], r[4]) for r in rows]
    return chosen


# --------------------------------------------------------------------------- newsarchive


def make_runner() -> tuple[Runner | None, str]:
    """A callable turning a page path into newsarchive's JSON dict, and how it runs."""
    reasons = []
    try:
        import newsarchive
        from newsarchive.serialize import page_to_dict

        load = newsarchive.load

        def in_process(path: Path) -> dict[str, Any]:
            return page_to_dict(load(path))

        return in_process, "in-process newsarchive.load"
    except Exception as exc:  # noqa: BLE001 - any failure means "not available this way"
        reasons.append(f"newsarchive.load unavailable ({type(exc).__name__}: {exc})")
    exe = shutil.which("newsarchive") or str(Path(sys.executable).with_name("newsarchive"))
    if Path(exe).is_file():
        probe = subprocess.run([exe, "convert", "--help"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:

            def cli(path: Path) -> dict[str, Any]:
                done = subprocess.run(
                    [exe, "convert", str(path), "--to", "json", "-o", "-"],
                    capture_output=True,
                    text=True,
                    timeout=600,
                )
                if done.returncode != 0:
                    raise RuntimeError(done.stderr.strip()[-500:] or f"exit status {done.returncode}")
                return json.loads(done.stdout)

            return cli, f"CLI {exe} convert"
        reasons.append(f"'{exe} convert' unavailable ({(probe.stderr or probe.stdout).strip()[-200:]})")
    else:
        reasons.append("no newsarchive executable")
    return None, "; ".join(reasons)


# --------------------------------------------------------------------------- benchmark


_WORKER: Runner | None = None


def _run_one(path: str) -> tuple[dict[str, Any] | None, str | None, float]:
    """Reconstruct one page (in a worker process when --jobs > 1)."""
    global _WORKER
    if _WORKER is None:
        _WORKER, how = make_runner()
        if _WORKER is None:
            return None, f"newsarchive unavailable: {how}", 0.0
    start = time.perf_counter()
    try:
        output, error = _WORKER(Path(path)), None
    except Exception as exc:  # noqa: BLE001 - a crash is a result
        output, error = None, f"{type(exc).__name__}: {exc}"
    return output, error, time.perf_counter() - start


def run_benchmark(
    pages: Sequence[tuple[Path, dict[str, Any]]], runner: Runner | None, jobs: int = 1
) -> tuple[list[score.PageResult], list[score.PageResult], list[float]]:
    """Baseline and newsarchive results per page, and newsarchive's seconds per page."""
    global _WORKER
    texts = [path.read_text(encoding="utf-8") for path, _ in pages]
    base = [
        score.score_page(truth, score.baseline_output(text), text, path=str(path))
        for (path, truth), text in zip(pages, texts)
    ]
    if runner is None:
        return base, [], []
    paths = [str(path) for path, _ in pages]
    show = sys.stderr.isatty()
    runs: list[tuple[dict[str, Any] | None, str | None, float]] = []

    def progress() -> None:
        if show:
            print(f"\r{len(runs)}/{len(paths)} pages reconstructed", end="", file=sys.stderr, flush=True)

    if jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
            for run in pool.map(_run_one, paths):
                runs.append(run)
                progress()
    else:
        _WORKER = runner
        for p in paths:
            runs.append(_run_one(p))
            progress()
    if show:
        print(file=sys.stderr)
    ours = [
        score.score_page(truth, output, text, path=str(path), error=error)
        for (path, truth), text, (output, error, _) in zip(pages, texts, runs)
    ]
    return base, ours, [secs for _, _, secs in runs]


def _display_path(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def render_table(
    base: Sequence[score.PageResult], ours: Sequence[score.PageResult], splits: Sequence[str], have_ours: bool
) -> str:
    """The one results table."""
    columns: list[tuple[str, dict[str, list[int]]]] = []
    dens: list[dict[str, list[int]]] = []
    for split in splits:
        b = score.aggregate(r for r in base if r.split == split)
        columns.append((f"baseline {split}", b))
        if have_ours:
            o = score.aggregate(r for r in ours if r.split == split)
            columns.append((f"newsarchive {split}", o))
        # n is the truth's count; where the output's blocks are counted, newsarchive's.
        dens.append({key: (o if have_ours and key in score.OUTPUT_COUNTED else b)[key] for key in b})
    label_w = max(len(label) for _, label, _ in score.METRICS) + 2
    col_w = [max(len(name), 7) + 2 for name, _ in columns]
    header = "metric".ljust(label_w) + "".join(name.rjust(w) for (name, _), w in zip(columns, col_w))
    header += "   n (" + " / ".join(splits) + ")"
    if have_ours:
        header += "; flags: newsarchive's"
    lines = [header, "-" * len(header)]
    for key, label, higher in score.METRICS:
        row = (label + ("" if higher else " ↓")).ljust(label_w)
        row += "".join(score.format_share(*agg[key]).rjust(w) for (_, agg), w in zip(columns, col_w))
        row += "   " + " / ".join(str(d[key][1]) for d in dens)
        lines.append(row)
    return "\n".join(lines)


def render_worst(results: Sequence[score.PageResult], n: int) -> str:
    """The n worst pages by composite score."""
    worst = sorted(results, key=lambda r: (r.composite, r.name))[:n]
    lines = [f"{'composite':>9} {'units':>6} {'succ':>6} {'head':>6}  path"]
    for r in worst:

        def pct(key: str) -> str:
            s = r.share(key)
            return "n/a" if s is None else f"{100 * s:.0f}%"

        note = f"  [{r.error[:80]}]" if r.error else ""
        lines.append(
            f"{r.composite:9.3f} {pct('units'):>6} {pct('successors'):>6} {pct('headline'):>6}"
            f"  {_display_path(r.path)}{note}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- comparison

# The per-page columns of --compare: a page "moved" when one of these numerators changed.
COMPARED = ("headline", "units", "successors", "photos", "perfect")


def load_results(path: Path) -> list[score.PageResult]:
    """newsarchive's per-page results from an earlier run's ``--json`` file (pages it did not run are left out)."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    return [
        score.PageResult(name=p["name"], split=p["split"], path=p["path"], counts=p["newsarchive"], error=p.get("error"))
        for p in payload["pages"]
        if p.get("newsarchive") is not None
    ]


def render_changes(before: Sequence[score.PageResult], after: Sequence[score.PageResult], n: int) -> str:
    """What changed against an earlier run: every metric before and after, per split, on the pages both ran; then the pages that moved most.

    Only pages of the same name in both runs are compared, so a run with another
    ``--limit`` or ``--split`` still compares like with like; the pages in one
    run only are counted.  Counts are summed as in the main table; a metric
    whose counts did not change on any split is left out.
    """
    earlier = {r.name: r for r in before}
    matched = [(earlier[r.name], r) for r in after if r.name in earlier]
    only_after = sum(1 for r in after if r.name not in earlier)
    only_before = len(earlier) - len(matched)
    splits = [s for s in scramble.SPLITS if any(r.split == s for _, r in matched)]
    lines = [f"{len(matched)} pages in both runs ({only_before} only in the earlier, {only_after} only in this one)"]
    if not matched:
        return lines[0]
    label_w = max(len(label) for _, label, _ in score.METRICS) + 2
    lines.append("metric".ljust(label_w) + "".join(f"{split + ': before → after':>32}" for split in splits))
    for key, label, higher in score.METRICS:
        cells = []
        changed = False
        for split in splits:
            b = score.aggregate(x for x, y in matched if y.split == split)[key]
            a = score.aggregate(y for _, y in matched if y.split == split)[key]
            changed = changed or a != b
            delta = f"{a[0] - b[0]:+d}" if a[0] != b[0] else "="
            cells.append(f"{score.format_share(*b)} → {score.format_share(*a)} ({delta})".rjust(32))
        if changed:
            lines.append((label + ("" if higher else " ↓")).ljust(label_w) + "".join(cells))
    moved = []
    for b, a in matched:
        deltas = {key: a.counts.get(key, [0, 0])[0] - b.counts.get(key, [0, 0])[0] for key in COMPARED}
        if any(deltas.values()):
            moved.append((-sum(abs(v) for v in deltas.values()), a.name, deltas, a))
    better = sum(1 for _, _, d, _ in moved if d["units"] > 0)
    worse = sum(1 for _, _, d, _ in moved if d["units"] < 0)
    lines.append(f"\n{len(moved)} pages moved (body units: {better} better, {worse} worse); the {min(n, len(moved))} that moved most:")
    lines.append("".join(f"{key:>11}" for key in COMPARED) + "  path")
    for _, _, deltas, a in sorted(moved)[:n]:
        lines.append("".join(f"{deltas[key]:>+11d}" if deltas[key] else f"{'':>11}" for key in COMPARED) + f"  {_display_path(a.path)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- timing


def time_one(path: Path, runs: int) -> list[float]:
    """Wall times of ``runs`` reconstructions of one page (run in a child process)."""
    runner, how = make_runner()
    if runner is None:
        raise SystemExit(f"newsarchive: {how}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        runner(path)
        times.append(time.perf_counter() - start)
    return times


def timing(manifest: dict[str, Any], out: Path, sizes: Sequence[int], runs: int, budget: float) -> str:
    """Reconstruction time for synthetic pages of the given numbers of blocks.

    Each size runs in a child process (``--timing-one``) killed after ``budget``
    seconds per run; once a size times out the larger ones are skipped."""
    blocks: list[str] = []
    need = max(sizes)
    for entry in sorted(manifest["pages"], key=lambda e: e["name"]):
        blocks += score.split_blocks((out / entry["path"]).read_text(encoding="utf-8"))
        if len(blocks) >= need:
            break
    if len(blocks) < need:
        blocks = (blocks * (need // max(1, len(blocks)) + 1))[:need]
    lines = [f"{'blocks':>7} {'chars':>8} {'median s':>9} {'min s':>9} {'growth':>7}"]
    previous: tuple[int, float] | None = None
    over = False
    with tempfile.TemporaryDirectory(prefix="newsarchive-timing-") as tmp:
        for size in sizes:
            if over:
                lines.append(f"{size:7d} {'':>8} skipped (a smaller size timed out)")
                continue
            text = "\n\n" + "\n\n".join(blocks[:size]) + "\n"
            path = Path(tmp) / f"timing_{size}.txt"
            path.write_text(text, encoding="utf-8")
            chars = len(score.nows(text))
            cmd = [sys.executable, str(Path(__file__).resolve()), "--timing-one", str(path), "--timing-runs", str(runs)]
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=budget * runs + 60)
            except subprocess.TimeoutExpired:
                over = True
                lines.append(f"{size:7d} {chars:8d} timed out (> {budget:g} s per run)")
                continue
            if done.returncode != 0:
                tail = (done.stderr.strip().splitlines() or ["?"])[-1]
                lines.append(f"{size:7d} {chars:8d} failed: {tail[:100]}")
                continue
            times = json.loads(done.stdout.strip().splitlines()[-1])
            med = statistics.median(times)
            growth = ""
            if previous and previous[1] > 0 and med > 0:
                growth = f"{math.log(med / previous[1]) / math.log(size / previous[0]):.2f}"
            previous = (size, med)
            lines.append(f"{size:7d} {chars:8d} {med:9.3f} {min(times):9.3f} {growth:>7}")
            if max(times) > budget:
                over = True
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def run_variants(args: argparse.Namespace, params: scramble.ScrambleParams, runner: Runner) -> str:
    """The --variants table: each variant's pages generated beside ``--out`` and scored, a line per variant and split."""
    width = max(len(name) for name in VARIANTS) + 2
    lines = [f"{'variant':<{width}} {'split':<8}" + "".join(f"{label:>10}" for _, label in VARIANT_METRICS)]
    for name, overrides in VARIANTS.items():
        out = args.out if not overrides else args.out.with_name(f"{args.out.name}-{name}")
        manifest = ensure_generated(out, args.data, args.seeds, dataclasses.replace(params, **overrides), args.regenerate)
        pages = select_pages(manifest, out, args.split, args.limit)
        _, ours, _ = run_benchmark(pages, runner, args.jobs)
        for split in scramble.SPLITS:
            results = [r for r in ours if r.split == split]
            if not results:
                continue
            agg = score.aggregate(results)
            lines.append(f"{name:<{width}} {split:<8}" + "".join(f"{score.format_share(*agg[key]):>10}" for key, _ in VARIANT_METRICS))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=scramble.DEFAULT_DATA, help="data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="generated pages folder")
    parser.add_argument("--seeds", type=int, default=4, help="scrambles per real page (default 4)")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all", help="pages to run (default all)")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per split")
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list (default 10)")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the pages even if up to date")
    parser.add_argument("--baseline-only", action="store_true", help="do not run newsarchive")
    parser.add_argument("--json", type=Path, help="also write per-page results to this file")
    parser.add_argument("--compare", type=Path, metavar="JSON", help="an earlier run's --json: print what changed against it, page by page")
    parser.add_argument("--timing", action="store_true", help="measure reconstruction time against page size")
    parser.add_argument("--timing-sizes", default="20,50,100,300,1000,2000", help="block counts for --timing")
    parser.add_argument("--timing-runs", type=int, default=3, help="runs per size for --timing (median)")
    parser.add_argument("--timing-budget", type=float, default=120.0, help="seconds per run before a size times out")
    parser.add_argument("--timing-one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help="reconstruct pages in N processes (default 1)")
    parser.add_argument("--variants", action="store_true", help="one line per extractor variant and split (see VARIANTS)")
    scramble.add_param_args(parser)
    args = parser.parse_args(argv)
    if args.timing_one is not None:
        print(json.dumps(time_one(args.timing_one, args.timing_runs)))
        return 0
    if not args.data.is_dir() or not list(args.data.glob("*.jsonl")):
        parser.error(f"no data in {args.data} (give --data)")
    params = scramble.params_from_args(args)
    if args.variants:
        runner, how = make_runner()
        if runner is None or args.baseline_only:
            print(f"newsarchive: {how if runner is None else 'not run (--baseline-only)'}", file=sys.stderr)
            return 1
        print(f"reading-order benchmark by extractor variant (newsarchive: {how}; seeds {args.seeds}, data {args.data})")
        print(run_variants(args, params, runner))
        return 0
    manifest = ensure_generated(args.out, args.data, args.seeds, params, args.regenerate)
    runner, how = (None, "not run (--baseline-only)") if args.baseline_only else make_runner()

    if args.timing:
        if runner is None:
            print(f"newsarchive: {how}", file=sys.stderr)
            return 1
        sizes = [int(s) for s in args.timing_sizes.split(",") if s.strip()]
        print(f"reconstruction time ({how}, load + serialization; median of {args.timing_runs} runs)")
        print(timing(manifest, args.out, sizes, args.timing_runs, args.timing_budget))
        return 0

    pages = select_pages(manifest, args.out, args.split, args.limit)
    base, ours, seconds = run_benchmark(pages, runner, args.jobs)
    splits = [s for s in scramble.SPLITS if args.split in ("all", s) and any(r.split == s for r in base)]
    counts = {s: sum(1 for r in base if r.split == s) for s in splits}
    print(
        f"reading-order benchmark: {len(pages)} pages ("
        + ", ".join(f"{s} {n}" for s, n in counts.items())
        + f"), seeds {args.seeds}, data {args.data}"
    )
    print(f"newsarchive: {how}")
    print()
    print(render_table(base, ours, splits, runner is not None))
    print("(↓ lower is better; shares are summed counts over pages)")
    if seconds:
        print(f"\nnewsarchive seconds per page: median {statistics.median(seconds):.3f}, max {max(seconds):.3f}")
    worst_of = ours if runner is not None else base
    print(f"\n{args.worst} worst pages ({'newsarchive' if runner is not None else 'baseline'}), "
          "inspect with `newsarchive inspect PATH`:")
    print(render_worst(worst_of, args.worst))
    if args.compare is not None:
        if runner is None:
            print("\n--compare: newsarchive was not run", file=sys.stderr)
        else:
            print(f"\nchanges against {args.compare}:")
            print(render_changes(load_results(args.compare), ours, args.worst))
    if args.json:
        payload = {
            "newsarchive": how,
            "params": params.to_dict(),
            "seeds": args.seeds,
            "pages": [
                {
                    "name": b.name,
                    "split": b.split,
                    "path": b.path,
                    "baseline": b.counts,
                    "newsarchive": o.counts if o else None,
                    "error": o.error if o else None,
                }
                for b, o in zip(base, ours or [None] * len(base))
            ],
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
