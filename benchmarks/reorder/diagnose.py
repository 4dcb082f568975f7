"""Where newsarchive's reconstruction goes wrong on the benchmark's pages: the error classes, counted.

Usage (from the repository root, after ``run.py`` has generated the pages)::

    python benchmarks/reorder/diagnose.py [--split dev|heldout|all] [--out DIR] [--skip PREFIX ...]
                                          [--jobs N] [--examples N]
    python benchmarks/reorder/diagnose.py --out PDF_DIR --extracted .pdftotext.txt   # pdf_pages.py --out PDF_DIR

``run.py`` says how much is right; this says what kind of thing is wrong, so
that work goes to the largest class of error (and closing notes can be checked):

* **cuts**: every cut of the truth (two consecutive pieces of one truth unit), by
  outcome: rejoined; missed with both pieces left alone; the head joined to another
  piece; the tail taken by another head; both.  The missed ones are split by the
  evidence the profile sees across the cut (``continuation_score``: none, i.e. no
  word spans it, or some), and the wrong joins by the step that made them.
* **lost units**: truth units not recovered in their article, by kind: a cut
  joined wrong or not at all, the unit whole but in another article, the unit
  merged with or split from others though never cut (taken as a continuation or
  its end joined on, by which step; or the reader's fragment holds other text
  too, or only part of it), its article never found (no output article
  matched), or read as a header field.
* **successors**: pairs of consecutive truth units not consecutive in the output,
  with a unit missing, or both present but out of order.
* **headlines** not found, by the role and reason the fragment holding the text got.
* **photos** not right: in another article, found with another caption or credit,
  or not found at all.

The pieces of a cut unit are found again by reading the unit from the page's
fragments (the longest fragment that continues it, each fragment once): the
truth records how many pieces a unit has, not which.  Pages are the generated
ones (``--out``, default ``generated/``), used as they are: their manifest is
read, never regenerated, so a variant built with ``run.py --out DIR …`` is
diagnosed with its own parameters.  ``--skip PREFIX`` leaves out pages whose name
starts so (e.g. the composite pages whose truth keeps several reports in one
article).  ``--examples N`` lists, under each class, N of its cases (the page and
the text: the two sides of a cut, a unit's opening, a headline, a caption), to open
with ``newsarchive inspect``.  ``--extracted SUFFIX`` reads a folder that
``benchmarks/pdf_pages.py --out DIR`` wrote instead: each page's text as an extractor gave
it (``NAME_s0.pdftotext.txt``, ``NAME_s0.layout.txt``) beside its truth, the split read
from the truth's date.  Needs newsarchive importable in this environment (in-process).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Sequence

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scramble  # noqa: E402
import score  # noqa: E402

nows = score.nows


# --------------------------------------------------------------------------- one page


def cut_pairs(truth: dict[str, Any], fragments: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(head, tail) fragment ids of every cut in the truth, read back from the page's fragments."""
    flat = {f["id"]: nows(f["text"]) for f in fragments}
    by_start: dict[str, list[str]] = defaultdict(list)  # first character → fragment ids
    for fid, text in flat.items():
        if text:
            by_start[text[0]].append(fid)
    used: set[str] = set()
    pairs = []
    for item in truth["items"]:
        for unit in item.get("units", ()):
            if unit.get("pieces", 1) < 2:
                continue
            text, pos, chain = nows(unit["text"]), 0, []
            while pos < len(text):
                fits = [f for f in by_start.get(text[pos], ()) if f not in used and text.startswith(flat[f], pos)]
                if not fits:
                    break
                best = max(fits, key=lambda f: len(flat[f]))
                chain.append(best)
                pos += len(flat[best])
            if pos == len(text):
                used.update(chain)
                pairs += zip(chain, chain[1:])
    return pairs


def _tail_place(head: tuple[int, int] | None, tail: tuple[int, int] | None) -> str:
    """Where a missed cut's tail stands against its head in the output."""
    if head is None or tail is None:
        return "or head not in an article"
    if head[0] != tail[0]:
        return "in another item"
    return "placed next" if tail[1] == head[1] + 1 else "elsewhere in the article"


def _uncut_loss(
    key: str,
    frag_by_flat: dict[str, dict[str, Any]],
    place: dict[str, tuple[int, int]],
    output: dict[str, Any],
    steps_of: dict[str, set[str]],
) -> str:
    """Why a unit the scrambler never cut is not a block of its article: merged (by which step), or read as something else."""
    frag = frag_by_flat.get(key)
    if frag is None:
        # The reader (or the extractor) put it in one piece with other text, or cut it into pieces.
        inside = any(key in flat for flat in frag_by_flat)
        return "not one fragment of the input: " + ("in one with other text" if inside else "in pieces")
    where = place.get(frag["id"])
    if where is None:
        return f"not in a block: read as {frag['role']} ({frag.get('role_reason') or 'no reason'})"
    block = output["items"][where[0]]["blocks"][where[1]]
    ids = block.get("fragments") or []
    if len(ids) > 1:
        # Its own end joined to a piece (it was taken for a head), or its opening taken as another's continuation.
        sides = [side for side, taken in (("its end joined on", ids[-1] != frag["id"]), ("taken as a continuation", ids[0] != frag["id"])) if taken]
        return f"{' and '.join(sides)}, by " + ", ".join(sorted(steps_of.get(frag["id"]) or {"?"}))
    return f"a block of its own, read as {block.get('type', '?')}"


def diagnose_page(
    truth: dict[str, Any], output: dict[str, Any], profile: Any, examples: dict[tuple[str, ...], list[str]] | None = None
) -> Counter[tuple[str, ...]]:
    """The page's counts, keyed by (section, class, ...); with ``examples``, a text for each case counted is added under its key."""
    counts: Counter[tuple[str, ...]] = Counter()

    def count(key: tuple[str, ...], case: str) -> None:
        counts[key] += 1
        if examples is not None:
            examples.setdefault(key, []).append(case)
    fragments = output.get("fragments") or []
    text = {f["id"]: f["text"] for f in fragments}
    frag_by_flat = {nows(f["text"]): f for f in fragments}
    t_arts = [i for i in truth["items"] if i["type"] == "article"]
    o_arts = [i for i in output["items"] if i.get("type") != "photo"]
    pairs = score._match_articles(t_arts, o_arts)

    # cuts
    after: dict[str, str] = {}
    for art in output["items"]:
        for block in art.get("blocks") or ():
            ids = block.get("fragments") or []
            after.update(zip(ids, ids[1:]))
    before = {tail: head for head, tail in after.items()}
    step_of = {tuple(d["subjects"]): d["step"] for d in output.get("decisions") or () if d["kind"] == "join"}
    steps_of: dict[str, set[str]] = defaultdict(set)  # fragment → the steps that joined it to another
    for subjects, step in step_of.items():
        for fid in subjects:
            steps_of[fid].add(step)
    # Where each fragment's block is: (article, block index), to tell a missed cut placed right from one that is not.
    place: dict[str, tuple[int, int]] = {}
    for a, art in enumerate(output["items"]):
        for b, block in enumerate(art.get("blocks") or ()):
            place.update(dict.fromkeys(block.get("fragments") or [], (a, b)))
    for head, tail in cut_pairs(truth, fragments):
        cut = f"…{text[head][-12:]} | {text[tail][:12]}…"
        if after.get(head) == tail:
            counts["cuts", "rejoined"] += 1
            continue
        lexical = profile.continuation_score(text[head], text[tail])[0]
        evidence = "no word across the cut" if lexical <= 0 else "some evidence across the cut"
        if head not in after and tail not in before:
            where = _tail_place(place.get(head), place.get(tail))
            count(("cuts", "missed, both pieces alone", f"{evidence}; tail {where}"), cut)
        elif head in after and tail not in before:
            count(("cuts", "head joined to another piece", f"by {step_of.get((head, after[head]), '?')}"), cut)
        elif head not in after:
            count(("cuts", "tail taken by another head", f"by {step_of.get((before[tail], tail), '?')}"), cut)
        else:
            count(("cuts", "head and tail both joined elsewhere"), cut)

    # lost units, successors
    headers = set()
    for art in o_arts:
        headers |= {nows(art.get(k)) for k in ("kicker", "headline", "subheadline")}
        headers.add(nows(score._byline_text(art.get("byline"))))
    everywhere = Counter(nows(b["text"]) for art in o_arts for b in art.get("blocks") or ())
    headlines = {nows(a.get("headline")) for a in o_arts}
    standalone_photos = [score.caption_credit(item) for item in output["items"] if item.get("type") == "photo"]
    photos_anywhere = [
        score.caption_credit(p) for item in output["items"] for p in ([item] if item.get("type") == "photo" else item.get("photos") or ())
    ]
    for ti, t_art in enumerate(t_arts):
        o_art = o_arts[pairs[ti]] if ti in pairs else None
        blocks = [nows(b["text"]) for b in (o_art.get("blocks") or [])] if o_art else []
        left = Counter(blocks)
        for unit in t_art["units"]:
            key = nows(unit["text"])
            if left[key] > 0:
                left[key] -= 1
                continue
            if o_art is None:
                kind = "its article never found"
            elif everywhere[key] > 0:
                kind = "whole, in another article"
            elif key in headers:
                kind = "read as a header field"
            elif unit.get("pieces", 1) > 1:
                kind = "cut, joined wrong or not at all"
            else:
                count(("lost units", "never cut, merged or split wrong", _uncut_loss(key, frag_by_flat, place, output, steps_of)), unit["text"][:24])
                continue
            count(("lost units", kind), unit["text"][:24])
        where = {}
        for k, b in enumerate(blocks):
            where.setdefault(b, k)
        units = [nows(u["text"]) for u in t_art["units"]]
        for a, b in zip(units, units[1:]):
            if a in where and b in where and where[b] == where[a] + 1:
                continue
            count(("successors lost", "both units present, out of order" if a in where and b in where else "a unit missing"), f"{a[:12]} → {b[:12]}")

        # headlines
        headline = nows(t_art.get("headline"))
        if headline and headline not in headlines:
            frag = frag_by_flat.get(headline)
            why = f"{frag['role']}: {frag['role_reason']}" if frag else "not one fragment"
            count(("headlines not found", why), t_art.get("headline") or "")

        # photos
        got = [score.caption_credit(p) for p in (o_art or {}).get("photos") or ()]
        for photo in t_art.get("photos", ()):
            key2 = score.caption_credit(photo)
            if key2 in got:
                got.remove(key2)
            elif key2 in photos_anywhere:
                where = "standalone" if key2 in standalone_photos else "in another article"
                count(("photos not right", "in another article or standalone", where), " / ".join(filter(None, key2)))
            elif any(key2[0] and c == key2[0] or key2[1] and r == key2[1] for c, r in photos_anywhere):
                count(("photos not right", "found with another caption or credit"), " / ".join(filter(None, key2)))
            else:
                count(("photos not right", "caption and credit not found"), " / ".join(filter(None, key2)))
    return counts


# --------------------------------------------------------------------------- pages


def load_extracted(out: Path, suffix: str, split: str, skip: Sequence[str]) -> list[tuple[Path, dict[str, Any]]]:
    """(text path, truth) of the pages ``pdf_pages.py --out`` wrote whose extracted text ends with ``suffix``."""
    chosen = []
    for path in sorted(out.glob(f"*{suffix}")):
        name = path.name[: -len(suffix)]
        truth_path = out / f"{name}.truth.json"
        if not truth_path.is_file() or any(name.startswith(p) for p in skip):
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if split in ("all", scramble.split_of(truth["meta"]["date"])):
            chosen.append((path, truth))
    if not chosen:
        raise SystemExit(f"diagnose: no *{suffix} page with its truth in {out} (run benchmarks/pdf_pages.py --out {out})")
    return chosen


def load_pages(out: Path, split: str, skip: Sequence[str]) -> list[tuple[Path, dict[str, Any]]]:
    """(text path, truth) of the generated pages of the split, as they are."""
    manifest_path = out / "manifest.json"
    if not manifest_path.is_file():
        raise SystemExit(f"diagnose: no generated pages in {out} (run benchmarks/reorder/run.py first)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    chosen = []
    for entry in manifest["pages"]:
        if split not in ("all", entry["split"]) or any(entry["name"].startswith(p) for p in skip):
            continue
        path = out / entry["path"]
        chosen.append((path, json.loads(path.with_name(entry["name"] + ".truth.json").read_text(encoding="utf-8"))))
    return sorted(chosen, key=lambda pt: str(pt[0]))


Examples = dict[tuple[str, ...], list[str]]


def _diagnose_one(job: tuple[str, dict[str, Any]]) -> tuple[Counter[tuple[str, ...]], Examples]:
    import newsarchive
    from newsarchive.profiles import get_profile
    from newsarchive.serialize import page_to_dict

    path, truth = job
    output = page_to_dict(newsarchive.load(path))
    cases: Examples = {}
    counts = diagnose_page(truth, output, get_profile(output["meta"].get("language")), cases)
    return counts, {key: [f"{Path(path).stem}: {case}" for case in found] for key, found in cases.items()}


def diagnose(pages: Iterable[tuple[Path, dict[str, Any]]], jobs: int, keep: int = 0) -> tuple[Counter[tuple[str, ...]], Examples]:
    """The counts summed over pages, and up to ``keep`` cases of each class (in page order)."""
    total: Counter[tuple[str, ...]] = Counter()
    examples: Examples = defaultdict(list)
    work = [(str(p), t) for p, t in pages]

    def add(counts: Counter[tuple[str, ...]], cases: Examples) -> None:
        total.update(counts)
        for key, found in cases.items():
            examples[key].extend(found[: keep - len(examples[key])])

    if jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
            for counts, cases in pool.map(_diagnose_one, work, chunksize=8):
                add(counts, cases)
    else:
        for job in work:
            add(*_diagnose_one(job))
    return total, examples


def render(counts: Counter[tuple[str, ...]], examples: Examples | None = None) -> str:
    """Sections in a fixed order, classes by count, sub-classes indented under them (and their examples under those)."""
    lines = []
    for section in ("cuts", "lost units", "successors lost", "headlines not found", "photos not right"):
        rows = {k[1:]: v for k, v in counts.items() if k[0] == section}
        total = sum(rows.values())
        lines.append(f"{section}: {total}")
        by_class: dict[str, Counter[str]] = defaultdict(Counter)
        for key, value in rows.items():
            by_class[key[0]][key[1] if len(key) > 1 else ""] += value
        for name, subs in sorted(by_class.items(), key=lambda kv: -sum(kv[1].values())):
            lines.append(f"  {sum(subs.values()):6d}  {name}")
            for sub, value in sorted(subs.items(), key=lambda kv: -kv[1]):
                if sub:
                    lines.append(f"  {value:6d}      {sub}")
                lines += [f"{'':14}· {case}" for case in (examples or {}).get((section, name, sub) if sub else (section, name), ())]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--out", type=Path, default=HERE / "generated", help="generated pages folder (as run.py wrote it)")
    parser.add_argument("--skip", nargs="*", default=[], metavar="PREFIX", help="leave out pages whose name starts so")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--examples", type=int, default=0, metavar="N", help="list N cases under each class")
    parser.add_argument(
        "--extracted", metavar="SUFFIX", help="read pdf_pages.py --out's extracted texts ending so (.pdftotext.txt, .layout.txt)"
    )
    args = parser.parse_args(argv)
    if scramble.SPLITS and args.split not in (*scramble.SPLITS, "all"):
        parser.error(f"unknown split {args.split}")
    if args.extracted:
        pages = load_extracted(args.out, args.extracted, args.split, args.skip)
    else:
        pages = load_pages(args.out, args.split, args.skip)
    print(f"{len(pages)} pages ({args.split}) from {args.out}" + (f", skipping {' '.join(args.skip)}" if args.skip else ""))
    print(render(*diagnose(pages, max(1, args.jobs), max(0, args.examples))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
