"""The PDF benchmark's column balancing keeps a section heading with its text (benchmarks/pdf_pages.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pdf_pages():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("newsarchive_bench_pdf_pages", ROOT / "benchmarks" / "pdf_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _flow(*units: tuple[int, int]):  # type: ignore[no-untyped-def]
    """(unit, lines) pairs as a flow with a blank line between units."""
    flow: list = []
    for unit, lines in units:
        if flow:
            flow.append(None)
        flow.extend((unit, f"line {n}", 0.0, n < lines - 1) for n in range(lines))
    return flow


def test_columns_are_balanced_when_no_heading_is_in_the_way() -> None:
    ends = _pdf_pages()._column_ends(_flow((0, 5), (1, 4)), 2, 5, set())
    assert ends == [5, 10]


def test_a_heading_never_ends_a_column() -> None:
    flow = _flow((0, 3), (1, 1), (2, 5))  # the heading (unit 1) would be the first column's last line
    ends = _pdf_pages()._column_ends(flow, 2, 5, {1})
    assert ends[0] == 3 and ends[-1] == len(flow)
    assert flow[ends[0] + 1][0] == 1  # the next column opens (after the blank) with the heading


def test_a_heading_is_never_split_over_two_columns() -> None:
    flow = _flow((0, 3), (1, 2), (2, 5))  # a two-line heading straddling the balanced cut at 5
    ends = _pdf_pages()._column_ends(flow, 2, 5, {1})
    assert ends[0] == 3


def test_the_browser_renderer_places_every_line_where_reportlab_draws_it() -> None:
    pdf_pages = _pdf_pages()
    blocks = [pdf_pages.DrawBlock(20.0, [(36.0, 40.0, "标题<甲>")]), pdf_pages.DrawBlock(9.0, [(36.0, 80.0, "正文 一"), (36.0, 92.0, "正文二")])]
    laid = pdf_pages.LaidOutPage(blocks, 400.0, 600.0, {})
    html = pdf_pages.render_html(laid, seed=1)
    assert "size: 400.0pt 600.0pt" in html
    assert '<span style="left:36.00pt;top:40.00pt;font-size:20.0pt">标题&lt;甲&gt;</span>' in html
    assert '<span style="left:36.00pt;top:92.00pt;font-size:9.0pt">正文二</span>' in html
    assert html.count("<span") == 3 and "white-space: pre" in html  # padded names keep their spaces
