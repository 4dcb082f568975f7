"""Scorer for the reading-order benchmark: newsarchive's JSON output against the truth.

The output is the ``newsarchive-page`` JSON dict (``newsarchive.serialize.page_to_dict``
or ``newsarchive convert PAGE --to json``); only these keys are read::

    items[]: {"type": "article", "kicker", "headline", "subheadline",
              "byline": {"text"} | null, "blocks": [{"type", "text"}],
              "photos": [{"title", "caption", "credit": {"text"} | null}]}
           | {"type": "photo", "title", "caption", "credit": {"text"} | null}
    unplaced[]: {"text"}

All text comparisons ignore whitespace (every ``\\s`` character is removed).

Matching: truth articles and output articles are paired one to one, first by
identical headline, then, for the rest, greedily by the largest overlap of
character bigrams of all their source text (pairs without overlap stay unmatched).
Standalone photos are paired by identical (title, caption, credit).

Metrics (counts summed over pages, shown as numerator / denominator):

``headline``            truth articles whose headline some output article has exactly
``kicker``, ``subheadline``, ``byline``
                        truth articles having one whose matched output has it exactly
``*_spurious``          truth articles without one whose matched output has one
                        (share of all truth articles) - lower is better
``units``               truth body units (paragraphs and headings) equal to some block
                        of the matched output article (multiset; a wrong or missed
                        join fails the unit)
``units_cut``           the same, for the units the scrambler cut over 2+ frames
``headings``            truth headings recovered as blocks of type ``heading``
``headings_spurious``   blocks of type ``heading`` of matched articles that are no truth
                        heading, per truth heading - lower is better; only articles
                        whose source marks its headings (truth ``headings_marked``)
                        count: elsewhere a heading written as a plain line is a
                        "paragraph" in the truth, so a heading type is no error there
``successors``          pairs of consecutive truth units of an article that are
                        consecutive blocks of the matched output article
``extra_blocks``        output blocks equal to no truth unit of their article (blocks of
                        unmatched articles included), per truth unit - lower is better
``flagged_wrong``       wrong blocks (equal to no truth unit of their article, blocks of
                        unmatched articles included) whose confidence is below
                        ``LOW_CONFIDENCE`` (what ``newsarchive inspect`` marks): the errors a
                        reviewer is pointed to
``flags_right``         blocks below ``LOW_CONFIDENCE`` that are wrong: how often a flag
                        is worth the reviewer's look
``photos``              truth photos (of articles and standalone) with the right
                        caption and credit (and title for standalone photos) in the
                        matched output article / among the output's standalone photos
``chars_lost``, ``chars_invented``
                        non-whitespace characters of the input missing from / added to
                        the output's source-text fields (kicker, headline, subheadline,
                        byline.text, blocks[].text, photos' title/caption/credit.text,
                        standalone photos, unplaced[].text), per input character
``page_facts``          the facts a page's running head states (truth ``meta``: paper, date,
                        page number and name), equal in the output's ``meta``; only pages
                        that print one (the PDF benchmark's)
``order``               pages whose items are all matched, with no extra item, in the
                        truth's order
``perfect``             pages where all of the above is perfect (every header field right
                        and none spurious, every article's blocks exactly its units with
                        their types (types only where the source marks headings), every successor right,
                        no extra block, every photo right and no extra photo, no
                        character lost or invented, page facts right, items in order)
``crash``               pages where the reconstruction raised (scored as empty output)

``composite`` (per page, to rank the worst pages): the mean of the headline, units,
successors and photos shares (those with a non-zero denominator) minus the lost and
invented shares, floored at 0.

Usage: ``python benchmarks/reorder/score.py PAGE.truth.json OUTPUT.json [--input PAGE.txt]``
(``--baseline`` scores the do-nothing baseline instead of OUTPUT).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = [
    "LOW_CONFIDENCE",
    "METRICS",
    "OUTPUT_COUNTED",
    "PageResult",
    "aggregate",
    "baseline_output",
    "nows",
    "output_texts",
    "score_page",
    "split_blocks",
    "truth_to_output",
]

LOW_CONFIDENCE = 0.7  # the block confidence below which ``newsarchive inspect`` marks a block

# Metrics whose denominator is counted on the output (its wrong or flagged blocks), not on the truth.
OUTPUT_COUNTED = frozenset({"flagged_wrong", "flags_right"})

# key, label, higher is better
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("headline", "headline found", True),
    ("kicker", "kicker exact", True),
    ("kicker_spurious", "kicker spurious", False),
    ("subheadline", "subheadline exact", True),
    ("subheadline_spurious", "subheadline spurious", False),
    ("byline", "byline exact", True),
    ("byline_spurious", "byline spurious", False),
    ("units", "body units recovered", True),
    ("units_cut", "  of them cut units", True),
    ("headings", "headings typed heading", True),
    ("headings_spurious", "spurious headings / heading", False),
    ("successors", "successor accuracy", True),
    ("extra_blocks", "extra blocks / unit", False),
    ("flagged_wrong", "wrong blocks flagged", True),
    ("flags_right", "flags on wrong blocks", True),
    ("photos", "photos right", True),
    ("chars_lost", "chars lost", False),
    ("chars_invented", "chars invented", False),
    ("page_facts", "page facts (running head)", True),
    ("order", "pages, items in order", True),
    ("perfect", "pages exactly right", True),
    ("crash", "pages crashed", False),
)


def nows(text: str | None) -> str:
    """The text without any whitespace ("" for None)."""
    return re.sub(r"\s+", "", text or "")


def _credit_text(credit: Any) -> str | None:
    if credit is None:
        return None
    if isinstance(credit, str):
        return credit
    return credit.get("text")


def caption_credit(photo: dict[str, Any]) -> tuple[str, str]:
    """A photo's caption and credit text, whitespace left out: what makes a photo right (truth or output alike)."""
    return nows(photo.get("caption")), nows(_credit_text(photo.get("credit")))


def _byline_text(byline: Any) -> str | None:
    if byline is None:
        return None
    if isinstance(byline, str):
        return byline
    return byline.get("text")


def _photo_texts(photo: dict[str, Any]) -> list[str]:
    return [t for t in (photo.get("title"), photo.get("caption"), _credit_text(photo.get("credit"))) if t]


def _article_texts(article: dict[str, Any]) -> list[str]:
    texts = [t for t in (article.get("kicker"), article.get("headline"), article.get("subheadline")) if t]
    byline = _byline_text(article.get("byline"))
    if byline:
        texts.append(byline)
    texts += [b.get("text") or "" for b in article.get("blocks") or []]
    for photo in article.get("photos") or []:
        texts += _photo_texts(photo)
    return texts


def output_texts(output: dict[str, Any]) -> list[str]:
    """Every source-text field of an output dict (what conservation is measured on)."""
    texts: list[str] = []
    for item in output.get("items") or []:
        if item.get("type") == "photo":
            texts += _photo_texts(item)
        else:
            texts += _article_texts(item)
    texts += [u.get("text") or "" for u in output.get("unplaced") or []]
    return texts


def split_blocks(text: str) -> list[str]:
    """The blank-line-separated blocks of a plain-text page, in extraction order (its lines, if it has no blank line)."""
    blocks = [b.strip() for b in re.split(r"\n[ \t\u3000]*\n", text) if b.strip()]
    if len(blocks) == 1:  # one paragraph a line, no blank line between them
        blocks = [line.strip() for line in text.split("\n") if line.strip()]
    return blocks


def baseline_output(text: str) -> dict[str, Any]:
    """The do-nothing baseline: one article, first block as headline, the other blocks
    as paragraphs in extraction order.  Uses nothing but the input text."""
    blocks = split_blocks(text)
    article = {
        "type": "article",
        "kicker": None,
        "headline": blocks[0] if blocks else None,
        "subheadline": None,
        "byline": None,
        "dateline": None,
        "blocks": [{"type": "paragraph", "text": b, "fragments": [], "confidence": 0.0} for b in blocks[1:]],
        "photos": [],
        "confidence": 0.0,
    }
    return {
        "format": "newsarchive-page",
        "version": "1.0",
        "meta": {},
        "items": [article],
        "unplaced": [],
        "fragments": [],
    }


def truth_to_output(truth: dict[str, Any]) -> dict[str, Any]:
    """The truth in the output's JSON shape (a perfect reconstruction; furniture unplaced)."""

    def credit(text: str | None) -> dict[str, Any] | None:
        return None if text is None else {"text": text, "photographers": [], "agency": None}

    items: list[dict[str, Any]] = []
    for item in truth["items"]:
        if item["type"] == "photo":
            items.append(
                {
                    "type": "photo",
                    "title": item.get("title"),
                    "caption": item.get("caption"),
                    "credit": credit(item.get("credit")),
                }
            )
            continue
        items.append(
            {
                "type": "article",
                "kicker": item.get("kicker"),
                "headline": item.get("headline"),
                "subheadline": item.get("subheadline"),
                "byline": None if item.get("byline") is None else {"text": item["byline"], "role": None, "names": []},
                "dateline": None,
                "blocks": [
                    {"type": u["type"], "text": u["text"], "fragments": [], "confidence": 1.0} for u in item["units"]
                ],
                "photos": [
                    {"title": p.get("title"), "caption": p.get("caption"), "credit": credit(p.get("credit"))}
                    for p in item["photos"]
                ],
                "confidence": 1.0,
            }
        )
    return {
        "format": "newsarchive-page",
        "version": "1.0",
        "meta": dict(truth.get("meta") or {}),
        "items": items,
        "unplaced": [{"text": t, "fragments": [], "reason": "page furniture"} for t in truth.get("furniture", [])],
        "fragments": [],
    }


def _bigrams(texts: Iterable[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for text in texts:
        s = nows(text)
        grams.update(s[i : i + 2] for i in range(len(s) - 1))
        if len(s) == 1:
            grams[s] += 1
    return grams


def _match_articles(truth_articles: Sequence[dict[str, Any]], out_articles: Sequence[dict[str, Any]]) -> dict[int, int]:
    """truth index -> output index (one to one): exact headline, then best bigram overlap."""
    pairs: dict[int, int] = {}
    free: dict[str, list[int]] = {}
    for oi, art in enumerate(out_articles):
        key = nows(art.get("headline"))
        if key:
            free.setdefault(key, []).append(oi)
    for ti, art in enumerate(truth_articles):
        key = nows(art.get("headline"))
        if key and free.get(key):
            pairs[ti] = free[key].pop(0)
    used = set(pairs.values())
    rest_t = [ti for ti in range(len(truth_articles)) if ti not in pairs]
    rest_o = [oi for oi in range(len(out_articles)) if oi not in used]
    if rest_t and rest_o:
        tgrams = {ti: _bigrams(_truth_article_texts(truth_articles[ti])) for ti in rest_t}
        ograms = {oi: _bigrams(_article_texts(out_articles[oi])) for oi in rest_o}
        cands = []
        for ti in rest_t:
            for oi in rest_o:
                overlap = sum((tgrams[ti] & ograms[oi]).values())
                if overlap:
                    cands.append((-overlap, ti, oi))
        cands.sort()
        for _, ti, oi in cands:
            if ti not in pairs and oi not in used:
                pairs[ti] = oi
                used.add(oi)
    return pairs


def _truth_article_texts(article: dict[str, Any]) -> list[str]:
    texts = [article.get(k) for k in ("kicker", "headline", "subheadline", "byline")]
    texts += [u["text"] for u in article["units"]]
    for p in article["photos"]:
        texts += [p.get("caption"), p.get("credit")]
    return [t for t in texts if t]


@dataclass
class PageResult:
    """The score of one page: counts per metric as [numerator, denominator]."""

    name: str
    split: str = ""
    path: str = ""
    counts: dict[str, list[int]] = field(default_factory=dict)
    error: str | None = None

    def share(self, key: str) -> float | None:
        """numerator / denominator, None when the denominator is 0."""
        num, den = self.counts.get(key, (0, 0))
        return None if den == 0 else num / den

    @property
    def perfect(self) -> bool:
        """Whether the page is exactly right."""
        return self.counts.get("perfect", [0, 1])[0] == 1

    @property
    def composite(self) -> float:
        """A single figure in [0, 1] to rank pages (see the module docstring)."""
        shares = [s for s in (self.share(k) for k in ("headline", "units", "successors", "photos")) if s is not None]
        base = sum(shares) / len(shares) if shares else 1.0
        return max(0.0, base - (self.share("chars_lost") or 0.0) - (self.share("chars_invented") or 0.0))


def score_page(
    truth: dict[str, Any],
    output: dict[str, Any] | None,
    input_text: str,
    *,
    path: str = "",
    error: str | None = None,
) -> PageResult:
    """Score one output against its truth and input (``output=None``: a crash, empty output)."""
    result = PageResult(name=truth.get("name", ""), split=truth.get("split", ""), path=path, error=error)
    c: dict[str, list[int]] = {key: [0, 0] for key, _, _ in METRICS}
    result.counts = c
    crashed = output is None
    output = output or {"items": [], "unplaced": []}
    items = output.get("items") or []
    out_articles = [i for i in items if i.get("type") != "photo"]
    out_photos = [i for i in items if i.get("type") == "photo"]
    truth_articles = [i for i in truth["items"] if i["type"] == "article"]
    truth_photos = [i for i in truth["items"] if i["type"] == "photo"]
    pairs = _match_articles(truth_articles, out_articles)
    flawless = True

    # headlines (exact, whoever has it)
    out_heads = Counter(nows(a.get("headline")) for a in out_articles if a.get("headline"))
    for art in truth_articles:
        key = nows(art["headline"])
        c["headline"][1] += 1
        if out_heads[key] > 0:
            out_heads[key] -= 1
            c["headline"][0] += 1
        else:
            flawless = False

    matched_out = set(pairs.values())
    for ti, art in enumerate(truth_articles):
        out = out_articles[pairs[ti]] if ti in pairs else None
        if out is None:
            flawless = False
        # header fields
        for key, getter in (
            ("kicker", lambda a: a.get("kicker")),
            ("subheadline", lambda a: a.get("subheadline")),
            ("byline", lambda a: _byline_text(a.get("byline"))),
        ):
            want = nows(art.get(key))
            got = nows(getter(out)) if out is not None else ""
            if want:
                c[key][1] += 1
                if got == want:
                    c[key][0] += 1
                else:
                    flawless = False
            elif got:
                c[key + "_spurious"][0] += 1
                flawless = False
            c[key + "_spurious"][1] += 1
        # body units
        blocks = (out.get("blocks") or []) if out is not None else []
        block_texts = [nows(b.get("text")) for b in blocks]
        available = Counter(block_texts)
        headings = Counter(nows(b.get("text")) for b in blocks if b.get("type") == "heading")
        for unit in art["units"]:
            key = nows(unit["text"])
            c["units"][1] += 1
            cut = unit.get("pieces", 1) > 1
            if cut:
                c["units_cut"][1] += 1
            if unit["type"] == "heading":
                c["headings"][1] += 1
            if available[key] > 0:
                available[key] -= 1
                c["units"][0] += 1
                if cut:
                    c["units_cut"][0] += 1
            else:
                flawless = False
            if unit["type"] == "heading":
                if headings[key] > 0:
                    headings[key] -= 1
                    c["headings"][0] += 1
                else:
                    flawless = False
        extra = sum(available.values())
        c["extra_blocks"][0] += extra
        # A source that marks no heading may still have some, written as plain lines: the truth
        # calls them paragraphs, so whether a block is typed heading is scored only where it marks them.
        marked = art.get("headings_marked", True)
        truth_headings = Counter(nows(u["text"]) for u in art["units"] if u["type"] == "heading")
        out_headings = Counter(nows(b.get("text")) for b in blocks if b.get("type") == "heading")
        if marked:
            c["headings_spurious"][0] += sum((out_headings - truth_headings).values())
        if Counter((t, b.get("type") if marked else None) for t, b in zip(block_texts, blocks)) != Counter(
            (nows(u["text"]), u["type"] if marked else None) for u in art["units"]
        ):
            flawless = False
        # successors
        pairs_out = Counter(zip(block_texts, block_texts[1:]))
        units = [nows(u["text"]) for u in art["units"]]
        for pair in zip(units, units[1:]):
            c["successors"][1] += 1
            if pairs_out[pair] > 0:
                pairs_out[pair] -= 1
                c["successors"][0] += 1
            else:
                flawless = False
        # photos of the article
        out_photo_list = (out.get("photos") or []) if out is not None else []
        got_photos = Counter(map(caption_credit, out_photo_list))
        for photo in art["photos"]:
            key2 = caption_credit(photo)
            c["photos"][1] += 1
            if got_photos[key2] > 0:
                got_photos[key2] -= 1
                c["photos"][0] += 1
            else:
                flawless = False
        if sum(got_photos.values()):
            flawless = False
    # blocks of unmatched output articles are extra
    for oi, art in enumerate(out_articles):
        if oi not in matched_out:
            c["extra_blocks"][0] += len(art.get("blocks") or [])
    # confidence: are the wrong blocks the ones marked for review?
    truth_of = {oi: ti for ti, oi in pairs.items()}
    for oi, art in enumerate(out_articles):
        left = Counter(nows(u["text"]) for u in truth_articles[truth_of[oi]]["units"]) if oi in truth_of else Counter()
        for block in art.get("blocks") or []:
            key = nows(block.get("text"))
            wrong = left[key] == 0
            left[key] -= not wrong
            flagged = float(block.get("confidence", 1.0)) < LOW_CONFIDENCE
            c["flagged_wrong"][0] += wrong and flagged
            c["flagged_wrong"][1] += wrong
            c["flags_right"][0] += wrong and flagged
            c["flags_right"][1] += flagged
    c["extra_blocks"][1] = c["units"][1]
    c["headings_spurious"][1] = c["headings"][1]
    if c["extra_blocks"][0]:
        flawless = False

    # standalone photos
    def photo_key(p: dict[str, Any]) -> tuple[str, str, str]:
        return (nows(p.get("title")), *caption_credit(p))

    free_photos: dict[tuple[str, str, str], list[int]] = {}
    for oi, p in enumerate(out_photos):
        free_photos.setdefault(photo_key(p), []).append(oi)
    photo_pairs: dict[int, int] = {}
    for ti, p in enumerate(truth_photos):
        c["photos"][1] += 1
        lst = free_photos.get(photo_key(p))
        if lst:
            photo_pairs[ti] = lst.pop(0)
            c["photos"][0] += 1
        else:
            flawless = False
    if len(photo_pairs) != len(out_photos):
        flawless = False

    # characters
    inp = Counter(nows(input_text))
    got = Counter(nows("".join(output_texts(output))))
    total = sum(inp.values())
    c["chars_lost"] = [sum((inp - got).values()), total]
    c["chars_invented"] = [sum((got - inp).values()), total]
    if c["chars_lost"][0] or c["chars_invented"][0]:
        flawless = False

    # page facts (paper, date, page number and name) where the page printed a running head
    for key, want in (truth.get("meta") or {}).items():
        if want is None:
            continue
        c["page_facts"][1] += 1
        if (output.get("meta") or {}).get(key) == want:
            c["page_facts"][0] += 1
        else:
            flawless = False

    # item order
    art_index = {oi: ti for ti, oi in pairs.items()}
    photo_index = {oi: ti for ti, oi in photo_pairs.items()}
    truth_pos_article = [n for n, i in enumerate(truth["items"]) if i["type"] == "article"]
    truth_pos_photo = [n for n, i in enumerate(truth["items"]) if i["type"] == "photo"]
    sequence: list[int | None] = []
    a_seen = p_seen = 0
    for item in items:
        if item.get("type") == "photo":
            ti = photo_index.get(p_seen)
            sequence.append(None if ti is None else truth_pos_photo[ti])
            p_seen += 1
        else:
            ti = art_index.get(a_seen)
            sequence.append(None if ti is None else truth_pos_article[ti])
            a_seen += 1
    order_right = sequence == list(range(len(truth["items"])))
    c["order"] = [int(order_right), 1]
    flawless = flawless and order_right and not crashed
    c["perfect"] = [int(flawless), 1]
    c["crash"] = [int(crashed), 1]
    return result


def aggregate(results: Iterable[PageResult]) -> dict[str, list[int]]:
    """Counts summed over pages."""
    total: dict[str, list[int]] = {key: [0, 0] for key, _, _ in METRICS}
    for r in results:
        for key, (num, den) in r.counts.items():
            total[key][0] += num
            total[key][1] += den
    return total


def format_share(num: int, den: int) -> str:
    """``"87.3%"``, or ``"n/a"`` when the denominator is 0."""
    return "n/a" if den == 0 else f"{100.0 * num / den:.1f}%"


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: score one output file (or the baseline) against one truth file."""
    parser = argparse.ArgumentParser(description="Score one newsarchive JSON output against a truth file.")
    parser.add_argument("truth", type=Path)
    parser.add_argument("output", type=Path, nargs="?", help="newsarchive JSON output")
    parser.add_argument("--input", type=Path, help="the scrambled page (default: beside the truth)")
    parser.add_argument("--baseline", action="store_true", help="score the do-nothing baseline")
    args = parser.parse_args(argv)
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    input_path = args.input or args.truth.with_name(args.truth.name.replace(".truth.json", ".txt"))
    text = input_path.read_text(encoding="utf-8")
    if args.baseline:
        output = baseline_output(text)
    elif args.output is None:
        parser.error("give OUTPUT or --baseline")
    else:
        output = json.loads(args.output.read_text(encoding="utf-8"))
    result = score_page(truth, output, text, path=str(input_path))
    for key, label, _ in METRICS:
        num, den = result.counts[key]
        print(f"{label:28} {format_share(num, den):>7}  ({num}/{den})")
    print(f"{'composite':28} {result.composite:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
