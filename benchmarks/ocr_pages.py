"""Reading order on OCR output: Tesseract's hOCR and ALTO of generated PDF pages, scored against their truth.

Usage (from the repository root; not part of the tests)::

    python benchmarks/pdf_pages.py --split dev --out /tmp/pdf-dev          # the pages and their truth
    python benchmarks/ocr_pages.py /tmp/pdf-dev [--limit 9] [--every 6] [--dpi 200] [--jobs 2]

Each ``NAME.pdf`` with a ``NAME.truth.json`` beside it (``pdf_pages.py`` writes both) is rendered
with poppler's ``pdftoppm`` and read by Tesseract (``-l chi_sim``, needs ``tesseract-ocr`` and
``tesseract-ocr-chi-sim``), which writes ``NAME.hocr`` and ``NAME.xml`` (ALTO) beside them; they are
reused on later runs.  newsarchive reads each and is scored against the truth, next to Tesseract's
own order (its blocks as they come in the file, one article).

OCR misreads characters, so the scores are fuzzy: a headline or byline is found when an output's
matches it with a difflib ratio of :data:`FIELD_RATIO` or more (whitespace ignored), a body unit
when some output block matches it with :data:`UNIT_RATIO`; a successor pair counts when both units
are found in one article, the second in the block right after the first.  Seconds per page are
Tesseract's (``--jobs`` pages at a time).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Sequence

import newsarchive
from newsarchive.serialize import page_to_dict

FIELD_RATIO = 0.8
UNIT_RATIO = 0.9
_SPACE = re.compile(r"\s+")


def _flat(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def ocr(pdf: Path, dpi: int) -> float:
    """Render ``pdf``'s first page and OCR it into NAME.hocr and NAME.xml (skipped if both exist); seconds spent."""
    stem = pdf.with_suffix("")
    if stem.with_suffix(".hocr").exists() and stem.with_suffix(".xml").exists():
        return 0.0
    start = time.perf_counter()
    png = stem.with_suffix(".png")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)], check=True)
    # One thread per Tesseract: --jobs runs pages side by side, and OpenMP threads on top of that
    # oversubscribe the cores (measured here, 2 jobs on 2 cores: 59 s a page with its threads, 11 s without).
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    # Written under a temporary name and renamed when complete: a run killed midway leaves no
    # empty or partial NAME.hocr or NAME.xml to be taken for OCR output on the next run.
    partial = stem.with_name(stem.name + ".partial")
    subprocess.run(["tesseract", str(png), str(partial), "-l", "chi_sim", "hocr", "alto"], check=True, capture_output=True, env=env)
    for suffix in (".hocr", ".xml"):
        os.replace(partial.with_name(partial.name + suffix), stem.with_suffix(suffix))
    png.unlink()
    return time.perf_counter() - start


def _articles(output: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in output.get("items") or [] if item.get("type") != "photo"]


def _best(text: str, candidates: Sequence[str], ratio: float) -> int | None:
    """The index of the candidate most like ``text`` if it is at least ``ratio`` alike, else None."""
    best, found = ratio, None
    for k, other in enumerate(candidates):
        matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
        if matcher.real_quick_ratio() >= best and matcher.quick_ratio() >= best and matcher.ratio() >= best:
            best, found = matcher.ratio(), k
    return found


def score(truth: dict[str, Any], output: dict[str, Any]) -> dict[str, list[int]]:
    """Fuzzy counts (found, of) per metric for one page."""
    counts = {key: [0, 0] for key in ("headline", "byline", "units", "successors")}
    articles = _articles(output)
    headlines = [_flat(a.get("headline")) for a in articles]
    bylines = [_flat((a.get("byline") or {}).get("text")) for a in articles]
    blocks = [(n, k, _flat(b.get("text"))) for n, a in enumerate(articles) for k, b in enumerate(a.get("blocks") or [])]
    texts = [text for _, _, text in blocks]
    for article in (i for i in truth["items"] if i["type"] == "article"):
        counts["headline"][1] += 1
        counts["headline"][0] += _best(_flat(article["headline"]), headlines, FIELD_RATIO) is not None
        if article.get("byline"):
            counts["byline"][1] += 1
            counts["byline"][0] += _best(_flat(article["byline"]), bylines, FIELD_RATIO) is not None
        places = []
        for unit in article["units"]:
            found = _best(_flat(unit["text"]), texts, UNIT_RATIO)
            counts["units"][1] += 1
            counts["units"][0] += found is not None
            places.append(blocks[found][:2] if found is not None else None)
        for a, b in zip(places, places[1:]):
            counts["successors"][1] += 1
            counts["successors"][0] += a is not None and b is not None and a[0] == b[0] and b[1] == a[1] + 1
    return counts


def file_order(path: Path) -> dict[str, Any]:
    """Tesseract's own order: the page's blocks as read, one article without header."""
    page = newsarchive.read(path, language="zh-CN")
    return {"items": [{"type": "article", "blocks": [{"text": f.text} for f in page.fragments]}]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="pdf_pages.py's --out folder (NAME.pdf + NAME.truth.json)")
    parser.add_argument("--limit", type=int, default=9, help="pages to OCR (0: all)")
    parser.add_argument("--every", type=int, default=6, help="take every N-th page of the folder (spreads the sample)")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    missing = [tool for tool in ("pdftoppm", "tesseract") if shutil.which(tool) is None]
    if missing:
        print(f"needs {' and '.join(missing)}: apt-get install poppler-utils tesseract-ocr tesseract-ocr-chi-sim", file=sys.stderr)
        return 2
    pdfs = sorted(p for p in args.folder.glob("*.pdf") if p.with_suffix(".truth.json").exists())[:: max(args.every, 1)]
    if args.limit:
        pdfs = pdfs[: args.limit]
    if not pdfs:
        print(f"no NAME.pdf with NAME.truth.json in {args.folder}", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        seconds = [s for s in pool.map(lambda p: ocr(p, args.dpi), pdfs) if s]
    systems = {"tesseract order": {}, "newsarchive hOCR": {}, "newsarchive ALTO": {}}
    for pdf in pdfs:
        truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        hocr, alto = pdf.with_suffix(".hocr"), pdf.with_suffix(".xml")
        outputs = {
            "tesseract order": file_order(hocr),
            "newsarchive hOCR": page_to_dict(newsarchive.load(hocr, language="zh-CN")),
            "newsarchive ALTO": page_to_dict(newsarchive.load(alto, language="zh-CN")),
        }
        for name, output in outputs.items():
            for key, (found, total) in score(truth, output).items():
                tally = systems[name].setdefault(key, [0, 0])
                tally[0] += found
                tally[1] += total
    ocr_note = f"; Tesseract {sum(seconds) / len(seconds):.1f} s a page" if seconds else " (OCR reused)"
    print(f"{len(pdfs)} pages of {args.folder} at {args.dpi} dpi{ocr_note}\n")
    print("| metric | " + " | ".join(systems) + " | of |")
    print("|---|" + "---:|" * (len(systems) + 1))
    for key in ("headline", "byline", "units", "successors"):
        cells = [f"{100 * t[key][0] / t[key][1]:.1f}%" if t[key][1] else "-" for t in systems.values()]
        print(f"| {key} | {' | '.join(cells)} | {next(iter(systems.values()))[key][1]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
