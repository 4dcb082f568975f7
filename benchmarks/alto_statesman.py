"""Benchmark: article segmentation and reading order of real OCR pages (ALTO + METS), against the publisher's.

Data: ``../shared/data/alto/bl-statesman-1824/`` (The Statesman, London,
1824-02-17, 4 pages; ALTO 1.4 + METS; see its SOURCE.txt).  The METS
``structLink`` maps each logical article to its page areas in reading order;
the areas resolve to ALTO TextBlock ids, which are newsarchive's fragment
ids.  That is the ground truth.

Pages are reconstructed one at a time (newsarchive reads a page at a time),
so an article that continues on the next page counts as one article per page
and its cross-page successor is not scored.  TextBlocks the publisher left out
of every article (the masthead, some rules and stray marks) are not scored.

Metrics, summed over pages (micro-averaged):

* **pairwise F1**: over unordered pairs of scored TextBlocks on a page,
  precision and recall of "in the same article";
* **successor accuracy**: consecutive blocks of a true article that are
  consecutive, in that order, in the system's article (blocks it does not
  score skipped).

Systems:

* ``file order``            one article per page, blocks in ALTO file order
* ``top-down, left-right``  one article per page, blocks sorted by (top, left)
* ``layout order``          one article per page, blocks in layout reading order (Breuel 2003; OCR noise last)
* ``newsarchive text``      the default pipeline, English profile, no layout transforms
* ``newsarchive layout``    the same plus the layout transforms (order, roles, joins, assign)
* ``layout + METS hint``    the same plus :class:`PublisherSegmentation` fed the truth itself:
                            a check of the hint mechanism (it must score about 1), not a result
* ``layout order, true cuts`` the layout reading order cut into articles exactly where the
                            publisher's articles start (uses the truth): what the order alone
                            costs when every headline decision is right.  The METS of this issue
                            follows the OCR engine's block order (each article is a run of the
                            ALTO file order, cut at the blocks the publisher chose), so where the
                            layout order departs from it — also where the OCR order breaks the
                            text, as on pages 2 and 3 — right cuts cannot make up for it

One article per page is the pairwise-F1 baseline of the three order
baselines (they differ only in successors).  Each system is run on the pages
as given and with the TextBlocks of each page shuffled in the file
(``--seeds`` shuffles, averaged by summing counts).

``--diagnose`` prints, for the pages as given and the ``newsarchive layout``
system, every true article it splits (the parts, the pairs lost, the block
where each new part starts), every article of its own that mixes true
articles (the pairs falsely joined) and every true successor it misses.

Usage: ``python benchmarks/alto_statesman.py [--data DIR] [--seeds 5] [--pages] [--diagnose]``
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from lxml import etree

import newsarchive
from newsarchive.model import Page, PageMeta
from newsarchive.profiles.en_newspaper import EnglishNewspaperProfile
from newsarchive.issues import issue_pages
from newsarchive.readers.alto import AltoReader
from newsarchive.readers.mets import compare_segmentation, page_sequences
from newsarchive.safexml import local_name, parse_xml
from newsarchive.reorder import Draft, Pipeline
from newsarchive.reorder.assemble import assemble
from newsarchive.reorder.geometry import page_noise  # noqa: E402
from newsarchive.reorder.layout_assign import LayoutAssign  # noqa: E402
from newsarchive.reorder.layout_joins import LayoutJoins  # noqa: E402
from newsarchive.reorder.layout_line_ends import LayoutLineEnds  # noqa: E402
from newsarchive.reorder.layout_order import LayoutOrder, reading_order  # noqa: E402
from newsarchive.reorder.layout_roles import LayoutRoles  # noqa: E402
from newsarchive.reorder.publisher_hint import PublisherSegmentation

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "alto" / "bl-statesman-1824"


@dataclass
class Counts:
    """Pair and successor counts summed over pages."""

    same: int = 0
    found: int = 0
    true: int = 0
    succ_right: int = 0
    succ_total: int = 0
    pages: list[tuple[str, float, float]] = field(default_factory=list)

    def add(self, name: str, found: Sequence[Sequence[str]], truth: Sequence[Sequence[str]]) -> None:
        """Score one page and add its counts."""
        agreement = compare_segmentation(found, truth)
        self.same += agreement.pairs_same
        self.found += agreement.pairs_found
        self.true += agreement.pairs_true
        self.succ_right += agreement.successors_right
        self.succ_total += agreement.successors_total
        self.pages.append((name, agreement.f1, agreement.successor_accuracy))

    @property
    def f1(self) -> float:
        """Micro-averaged pairwise F1."""
        p = self.same / self.found if self.found else 1.0
        r = self.same / self.true if self.true else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        """Micro-averaged pairwise precision."""
        return self.same / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Micro-averaged pairwise recall."""
        return self.same / self.true if self.true else 1.0

    @property
    def successors(self) -> float:
        """Share of true successors kept."""
        return self.succ_right / self.succ_total if self.succ_total else 1.0


@dataclass
class IssuePage:
    """One page: its ALTO bytes, number and the publisher's articles restricted to it."""

    number: int
    name: str
    data: bytes
    truth: list[list[str]]


def load_issue(data_dir: Path) -> list[IssuePage]:
    """The pages named by the METS file, each with its ground-truth articles."""
    mets_path = next(data_dir.glob("*mets.xml"))
    return [
        IssuePage(page.number, page.path.name, page.path.read_bytes(), [list(article) for article in page.articles])
        for page in issue_pages(mets_path)
    ]


def shuffle_blocks(data: bytes, seed: int) -> bytes:
    """The ALTO page with its TextBlocks in a random order in the file (each stays in its parent region)."""
    root = parse_xml(data, kind="ALTO", source=None)
    blocks = [e for e in root.iter() if local_name(e) == "TextBlock"]
    parents = [b.getparent() for b in blocks]
    slots = [(p, p.index(b)) for b, p in zip(blocks, parents)]
    rng = random.Random(seed)
    shuffled = blocks[:]
    rng.shuffle(shuffled)
    for block in blocks:
        block.getparent().remove(block)
    # Put the shuffled blocks into the original slots, in slot order (indices stay valid front to back).
    for (parent, position), block in sorted(zip(slots, shuffled), key=lambda s: (id(s[0][0]), s[0][1])):
        parent.insert(position, block)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _run(page: Page, steps: list) -> Page:
    return assemble(Pipeline(steps).run(Draft.from_page(page, EnglishNewspaperProfile())))


def _text_steps() -> list:
    layout = ("layout-order", "layout-roles", "layout-line-ends", "layout-assign", "layout-joins")
    return [t for t in newsarchive.api.transforms() if t.name not in layout]


def systems(hints: dict[int, list[list[str]]] | None = None) -> dict[str, Callable[[Page], list[list[str]]]]:
    """System name → function from a read page to its articles (ordered fragment ids).

    ``hints`` (page number → the publisher's articles) adds the row that uses them as a
    hint (:class:`PublisherSegmentation`): with the truth as hint it must score ~1, which
    checks that the hint mechanism works, not newsarchive.
    """

    def file_order(page: Page) -> list[list[str]]:
        return [[f.id for f in page.fragments]]

    def top_down(page: Page) -> list[list[str]]:
        boxed = sorted(page.fragments, key=lambda f: (f.bbox.y0, f.bbox.x0) if f.bbox else (0, 0))
        return [[f.id for f in boxed]]

    def layout(page: Page) -> list[list[str]]:
        noise = page_noise(page.fragments, EnglishNewspaperProfile())  # OCR specks read last, as layout-order does
        order = reading_order([f.bbox for f in page.fragments], [len(f.lines) for f in page.fragments], noise)  # type: ignore[misc]
        return [[page.fragments[i].id for i in order]]

    text_steps = _text_steps()

    def text_only(page: Page) -> list[list[str]]:
        return page_sequences(_run(page, text_steps))

    def with_layout(page: Page) -> list[list[str]]:
        return page_sequences(_run(page, text_steps + [LayoutOrder(), LayoutRoles(), LayoutLineEnds(), LayoutJoins(), LayoutAssign()]))

    def with_hint(page: Page) -> list[list[str]]:
        hint = PublisherSegmentation((hints or {}).get(page.meta.page_number or 0, []))
        return page_sequences(_run(page, text_steps + [LayoutOrder(), LayoutRoles(), LayoutLineEnds(), LayoutJoins(), LayoutAssign(), hint]))

    def true_cuts(page: Page) -> list[list[str]]:
        starts = {art[0] for art in (hints or {}).get(page.meta.page_number or 0, []) if art}
        ordered = LayoutOrder().apply(Draft.from_page(page, EnglishNewspaperProfile())).fragments
        cut: list[list[str]] = [[]]
        for f in ordered:
            if f.id in starts and cut[-1]:
                cut.append([])
            cut[-1].append(f.id)
        return cut

    found = {
        "file order (1 article/page)": file_order,
        "top-down, left-right (1 art.)": top_down,
        "layout order (1 art.)": layout,
        "newsarchive text": text_only,
        "newsarchive layout": with_layout,
    }
    if hints is not None:
        found["layout + METS hint (check)"] = with_hint
        found["layout order, true cuts (reference)"] = true_cuts
    return found


def _pairs(sizes: Sequence[int]) -> int:
    return sum(k * (k - 1) // 2 for k in sizes)


def diagnose(ip: IssuePage, found: Sequence[Sequence[str]], texts: dict[str, str]) -> list[str]:
    """Where ``found`` departs from the truth on one page: split and mixed articles, missed successors."""
    scored = {b for art in ip.truth for b in art}
    mine = {b: k for k, art in enumerate(found) for b in art}
    true = {b: k for k, art in enumerate(ip.truth) for b in art}

    def show(b: str) -> str:
        return f"{b} {texts.get(b, '')[:40]!r}"

    out = []
    for k, art in enumerate(ip.truth):
        parts: dict[int | None, list[str]] = {}
        for b in art:
            parts.setdefault(mine.get(b), []).append(b)
        if len(parts) > 1:
            lost = _pairs([len(art)]) - _pairs([len(p) for p in parts.values()])
            starts = ", ".join(show(p[0]) for p in list(parts.values())[1:])
            out.append(f"  true article {k} ({len(art)} blocks) split into {len(parts)}, {lost} pairs lost; parts start at {starts}")
    for k, art in enumerate(found):
        members = [b for b in art if b in scored]
        origin: dict[int, int] = {}
        for b in members:
            origin[true[b]] = origin.get(true[b], 0) + 1
        if len(origin) > 1:
            false = _pairs([len(members)]) - _pairs(list(origin.values()))
            out.append(f"  found article {k} mixes true articles {origin}, {false} false pairs; opens with {show(art[0])}")
    succ = {}
    for art in found:
        members = [b for b in art if b in scored]
        succ.update(zip(members, members[1:]))
    for art in ip.truth:
        for a, b in zip(art, art[1:]):
            if succ.get(a) != b:
                out.append(f"  successor missed: {show(a)} -> {show(b)} (found: {succ.get(a)})")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table (and per-page figures with ``--pages``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=int, default=5, help="shuffles per page")
    parser.add_argument("--pages", action="store_true", help="also print per-page figures")
    parser.add_argument("--diagnose", action="store_true", help="also print where newsarchive layout departs from the truth")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    pages = load_issue(args.data)
    reader = AltoReader()
    table: dict[str, dict[str, Counts]] = {}
    for name, system in systems({ip.number: ip.truth for ip in pages}).items():
        given, shuffled = Counts(), Counts()
        for ip in pages:
            meta = PageMeta(source=ip.name, page_number=ip.number, language="en")
            given.add(ip.name, system(reader.read(ip.data, meta=meta)), ip.truth)
            for seed in range(args.seeds):
                data = shuffle_blocks(ip.data, seed)
                shuffled.add(f"{ip.name}#{seed}", system(reader.read(data, meta=meta)), ip.truth)
        table[name] = {"as given": given, "shuffled": shuffled}
    blocks = sum(len(b) for ip in pages for b in ip.truth)
    print(f"The Statesman 1824-02-17: {len(pages)} pages, {blocks} scored TextBlocks, "
          f"{sum(len(ip.truth) for ip in pages)} article parts; shuffled = {args.seeds} shuffles per page\n")
    print("| system | F1 as given | succ. as given | F1 shuffled | succ. shuffled |")
    print("|---|---:|---:|---:|---:|")
    for name, cols in table.items():
        g, s = cols["as given"], cols["shuffled"]
        shuffled = f"{s.f1:.3f} (P {s.precision:.2f} R {s.recall:.2f}) | {s.successors:.3f}" if args.seeds else "– | –"
        print(f"| {name} | {g.f1:.3f} (P {g.precision:.2f} R {g.recall:.2f}) | {g.successors:.3f} | {shuffled} |")
    if args.diagnose:
        with_layout = systems()["newsarchive layout"]
        for ip in pages:
            page = reader.read(ip.data, meta=PageMeta(source=ip.name, page_number=ip.number, language="en"))
            print(f"\n{ip.name} (newsarchive layout, as given)")
            print("\n".join(diagnose(ip, with_layout(page), {f.id: " ".join(f.lines) for f in page.fragments})) or "  no departures")
    if args.pages:
        for name, cols in table.items():
            print(f"\n{name}")
            for page_name, f1, succ in cols["as given"].pages:
                print(f"  {page_name}: F1 {f1:.3f} successors {succ:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
