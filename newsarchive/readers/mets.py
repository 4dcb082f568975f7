"""METS issue files: page order and the publisher's article segmentation, resolved to ALTO TextBlock ids.

Digitised newspapers often ship a METS file beside the ALTO pages.  Two of
its parts matter here:

* the *physical* structMap: the page ``div`` s in ``ORDER``, each pointing
  (``fptr FILEID``) at its ALTO file in the fileSec;
* the publisher's *logical* segmentation: article ``div`` s (TYPE ARTICLE,
  ADVERT …) whose content is a list of page areas in reading order.  Two
  encodings are common and both are read:

  - ``structLink``: each ``smLinkGrp`` links one logical div to physical
    ``pagearea`` divs, in order (British Library, CCS docWorks); each page
    area's ``area`` (``BETYPE="IDREF"``) names ALTO element ids ``BEGIN`` …
    ``END``;
  - areas directly under the logical div (``fptr/seq/area`` or ``fptr/area``,
    as in ENMAP-style METS/ALTO profiles).

An area's ``BEGIN``/``END`` may name a TextBlock or any element inside one
(a String, a TextLine); with the ALTO pages' :func:`~.alto.element_index`
they resolve to TextBlock ids — the ids of newsarchive's fragments — so the
publisher's segmentation can be compared with newsarchive's own
(:func:`compare_segmentation`) or used as a hint.

The METS file is parsed with the same safe parser as ALTO (no DTD, no
entities, no network).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from lxml import etree

from ..errors import ReadError
from ..model import Article, Page
from ..safexml import local_name, parse_xml

__all__ = [
    "MetsArea",
    "MetsArticle",
    "MetsIssue",
    "SegmentationAgreement",
    "compare_segmentation",
    "page_sequences",
    "read_mets",
]

XLINK = "{http://www.w3.org/1999/xlink}"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class MetsArea:
    """One area of an article: the file it is in and the first and last ALTO element ids it spans."""

    file_id: str
    begin: str
    end: str | None = None


@dataclass(frozen=True, slots=True)
class MetsArticle:
    """A logical div of the publisher's segmentation: its id, type, label and areas in reading order."""

    id: str
    type: str
    label: str | None
    areas: tuple[MetsArea, ...]


@dataclass(frozen=True, slots=True)
class MetsIssue:
    """What newsarchive uses from a METS file."""

    pages: tuple[tuple[int, str], ...]  # (ORDER, ALTO file href) of each page, in page order
    files: Mapping[str, str]  # fileSec FILEID → href (every file)
    articles: tuple[MetsArticle, ...]
    date: str | None = None  # the issue's date (MODS dateIssued), YYYY-MM-DD
    title: str | None = None  # the publication's title from the same MODS record

    def page_of_file(self, file_id: str) -> int | None:
        """The page ORDER whose ALTO file is ``file_id`` (None if it is not an ALTO page file)."""
        href = self.files.get(file_id)
        for order, page_href in self.pages:
            if page_href == href:
                return order
        return None

    def resolve(
        self, indexes: Mapping[int, Mapping[str, str]], orders: Mapping[int, Sequence[str]]
    ) -> dict[str, list[tuple[int, str]]]:
        """Article id → ordered (page ORDER, TextBlock id) pairs.

        ``indexes`` maps a page ORDER to that ALTO page's :func:`~.alto.element_index`;
        ``orders`` to the page's TextBlock ids in file order (an area from BEGIN
        to END on different blocks covers every block between them).  Areas
        on pages not given, or whose ids are not found, are skipped.
        """
        out: dict[str, list[tuple[int, str]]] = {}
        for article in self.articles:
            seq: list[tuple[int, str]] = []
            for area in article.areas:
                page = self.page_of_file(area.file_id)
                if page is None or page not in indexes:
                    continue
                index = indexes[page]
                first = index.get(area.begin)
                if first is None:
                    continue
                last = index.get(area.end, first) if area.end else first
                blocks = list(orders[page])
                if first in blocks and last in blocks and blocks.index(last) > blocks.index(first):
                    span = blocks[blocks.index(first) : blocks.index(last) + 1]
                else:
                    span = [first]
                for block in span:
                    if (page, block) not in seq:
                        seq.append((page, block))
            if seq:
                out[article.id] = seq
        return out


def _href(element: etree._Element) -> str | None:
    return element.get(f"{XLINK}href") or element.get("href")


def _areas_below(div: etree._Element, alto_files: set[str]) -> list[MetsArea]:
    """The ``area`` elements inside a div's own fptrs that point into ALTO files, in document order."""
    areas = []
    for element in div.iter():
        if local_name(element) == "div" and element is not div:
            continue  # nested divs are listed by their own entries
        if local_name(element) == "area" and element.get("FILEID") in alto_files and element.get("BEGIN"):
            areas.append(MetsArea(element.get("FILEID", ""), element.get("BEGIN", ""), element.get("END")))
    return areas


def read_mets(data: bytes, *, source: str | None = None) -> MetsIssue:
    """Parse a METS file (safely) into page order and the publisher's article areas."""
    root = parse_xml(data, kind="METS", source=source)
    if local_name(root) != "mets":
        raise ReadError(f"not a METS document (root element {local_name(root)!r})", source=source)
    files: dict[str, str] = {}
    xml_files: set[str] = set()
    for element in root.iter():
        if local_name(element) == "file" and element.get("ID"):
            loc = next((c for c in element if local_name(c) == "FLocat"), None)
            href = _href(loc) if loc is not None else None
            if href:
                files[element.get("ID", "")] = href
                if (element.get("MIMETYPE") or "").endswith("xml") or href.lower().endswith(".xml"):
                    xml_files.add(element.get("ID", ""))
    struct_maps = [e for e in root.iter() if local_name(e) == "structMap"]
    physical = [m for m in struct_maps if (m.get("TYPE") or "").upper() == "PHYSICAL"]
    logical = [m for m in struct_maps if (m.get("TYPE") or "").upper() == "LOGICAL"]

    pages: list[tuple[int, str]] = []
    divs: dict[str, etree._Element] = {}
    for element in root.iter():
        if local_name(element) == "div" and element.get("ID"):
            divs[element.get("ID", "")] = element
    for smap in physical:
        for div in smap.iter():
            if local_name(div) != "div" or (div.get("TYPE") or "").lower() != "page":
                continue
            order_text = div.get("ORDER") or str(len(pages) + 1)
            for fptr in div:
                if local_name(fptr) == "fptr" and fptr.get("FILEID") in xml_files:
                    if order_text.isdigit():
                        pages.append((int(order_text), files[fptr.get("FILEID", "")]))
                    break
    pages.sort()

    articles: list[MetsArticle] = []
    linked: dict[str, list[str]] = {}
    for group in (e for e in root.iter() if local_name(e) == "smLinkGrp"):
        labels = {loc.get(f"{XLINK}label"): (_href(loc) or "").lstrip("#") for loc in group if local_name(loc) == "smLocatorLink"}
        arcs = [arc for arc in group if local_name(arc) == "smArcLink"]
        if not arcs:
            continue
        source_div = labels.get(arcs[0].get(f"{XLINK}from"))
        targets = [labels.get(arc.get(f"{XLINK}to")) for arc in arcs]
        if source_div:
            linked.setdefault(source_div, []).extend(t for t in targets if t)
    for smap in logical:
        for div in smap.iter():
            if local_name(div) != "div" or not div.get("ID"):
                continue
            kind = div.get("TYPE") or ""
            if kind.upper() in ("ISSUE", "NEWSPAPER", "VOLUME", "YEAR", "MONTH", "DAY"):
                continue
            areas = _areas_below(div, xml_files)
            for target in linked.get(div.get("ID", ""), ()):
                if target in divs:
                    areas.extend(_areas_below(divs[target], xml_files))
            if areas:
                articles.append(MetsArticle(div.get("ID", ""), kind, div.get("LABEL"), tuple(areas)))
    date, title = _issue_date_and_title(root)
    return MetsIssue(pages=tuple(pages), files=files, articles=tuple(articles), date=date, title=title)


def _issue_date_and_title(root: etree._Element) -> tuple[str | None, str | None]:
    """The first MODS record with a full ISO date issued (the key date if marked), and its title."""
    for mods in (e for e in root.iter() if local_name(e) == "mods"):
        dates = [e for e in mods.iter() if local_name(e) == "dateIssued" and _ISO_DATE.fullmatch((e.text or "").strip())]
        if not dates:
            continue
        date = next((d for d in dates if d.get("keyDate") == "yes"), dates[0])
        titles = [
            t for info in mods if local_name(info) == "titleInfo" for t in info if local_name(t) == "title" and (t.text or "").strip()
        ]
        # A catalogue's title keeps its closing full stop (The Statesman.): the paper's name does not.
        title = " ".join(titles[0].text.split()).rstrip(".") if titles else None
        return (date.text or "").strip(), title or None
    return None, None


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True, slots=True)
class SegmentationAgreement:
    """How far a segmentation agrees with a reference one, over the blocks both know.

    ``precision``/``recall``/``f1`` count unordered pairs of blocks put in the same
    article; ``successors`` counts consecutive blocks of a reference article that
    are consecutive (in that order) in the compared article, once blocks unknown to
    the reference are skipped.
    """

    precision: float
    recall: float
    f1: float
    pairs_same: int  # pairs the two agree are together
    pairs_found: int  # pairs the compared segmentation puts together
    pairs_true: int  # pairs the reference puts together
    successors_right: int
    successors_total: int
    blocks: int

    @property
    def successor_accuracy(self) -> float:
        """Share of reference successor pairs kept (1.0 when there are none)."""
        return self.successors_right / self.successors_total if self.successors_total else 1.0


def compare_segmentation(found: Iterable[Sequence[str]], reference: Iterable[Sequence[str]]) -> SegmentationAgreement:
    """Compare two segmentations, each a list of articles given as ordered block ids.

    Only blocks that the reference places are scored (a masthead the publisher
    left out of every article cannot be right or wrong); a block the compared
    segmentation does not place counts as an article of its own.
    """
    ref_articles = [list(a) for a in reference]
    ref_of = {b: k for k, art in enumerate(ref_articles) for b in art}
    found_of: dict[str, int] = {}
    found_seq: list[list[str]] = []
    for art in found:
        kept = [b for b in art if b in ref_of and b not in found_of]
        for b in kept:
            found_of[b] = len(found_seq)
        found_seq.append(kept)
    for b in ref_of:
        if b not in found_of:
            found_of[b] = len(found_seq)
            found_seq.append([b])
    blocks = sorted(ref_of)
    # Pairs counted through group sizes: O(blocks) instead of O(blocks²).
    joint = Counter((ref_of[b], found_of[b]) for b in blocks)
    ref_sizes = Counter(ref_of[b] for b in blocks)
    found_sizes = Counter(found_of[b] for b in blocks)
    same = sum(n * (n - 1) // 2 for n in joint.values())
    true_pairs = sum(n * (n - 1) // 2 for n in ref_sizes.values())
    found_pairs = sum(n * (n - 1) // 2 for n in found_sizes.values())
    precision = same / found_pairs if found_pairs else 1.0
    recall = same / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    following = {}
    for seq in found_seq:
        for a, b in zip(seq, seq[1:]):
            following[a] = b
    right = total = 0
    for art in ref_articles:
        for a, b in zip(art, art[1:]):
            total += 1
            right += following.get(a) == b
    return SegmentationAgreement(
        precision=precision,
        recall=recall,
        f1=f1,
        pairs_same=same,
        pairs_found=found_pairs,
        pairs_true=true_pairs,
        successors_right=right,
        successors_total=total,
        blocks=len(blocks),
    )


def page_sequences(page: Page) -> list[list[str]]:
    """newsarchive's segmentation of a reconstructed page: each item's fragment ids in reading order.

    An article reads header (kicker, headline, subheadline), byline, body blocks,
    then its photos; a standalone photo and each unplaced fragment is an item of
    its own.
    """
    out: list[list[str]] = []
    for item in page.items:
        if isinstance(item, Article):
            seq = list(item.header_fragments)
            if item.byline is not None:
                seq.extend(item.byline.fragments)
            for block in item.blocks:
                seq.extend(block.fragments)
            for photo in item.photos:
                seq.extend(photo.fragments)
        else:
            seq = list(item.fragments)
        out.append(seq)
    for unplaced in page.unplaced:
        out.append(list(unplaced.fragments))
    return out
