"""Render a DOCX (by default the writer's sample page) to PDF and PNG with LibreOffice, to look at it.

Usage::

    python benchmarks/render_docx.py [x.docx] [--outdir DIR] [--resolution 80] [--time 200]

Without a path, the hand-built sample page of ``tests/conftest.py`` is written
with :class:`~newsarchive.writers.docx.DocxWriter` first.  ``--time N`` also
reports the writer's milliseconds per page (median of N runs, template cached).
Needs ``soffice`` and ``pdftoppm``: ``apt-get install -y --no-install-recommends
libreoffice-writer-nogui fonts-noto-cjk poppler-utils``.  Not part of the test run.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsarchive.model import Page
from newsarchive.writers.docx import DocxWriter

ROOT = Path(__file__).resolve().parent.parent
# A private profile directory: a user's running LibreOffice would otherwise swallow the conversion.
LO_PROFILE = "file:///tmp/lo"
INSTALL = "libreoffice-writer-nogui fonts-noto-cjk poppler-utils"


def sample_page() -> Page:
    """The hand-built sample page from tests/conftest.py (loaded by path: tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("_newsarchive_conftest", ROOT / "tests" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_sample_page()


def ms_per_page(page: Page, runs: int) -> tuple[float, float]:
    """(first call, median of ``runs`` later calls) in milliseconds; the first builds the cached template."""
    writer = DocxWriter()
    start = time.perf_counter()
    writer.write(page)
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        writer.write(page)
        samples.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(samples)


def render(docx_path: Path, outdir: Path, resolution: int) -> tuple[Path, list[Path]]:
    """Convert to PDF with LibreOffice headless, then each page to PNG with pdftoppm."""
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: apt-get install -y --no-install-recommends {INSTALL}")
    command = ["soffice", f"-env:UserInstallation={LO_PROFILE}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(outdir), str(docx_path)], check=True, stdout=subprocess.DEVNULL)
    pdf = outdir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        sys.exit(f"LibreOffice did not produce {pdf}")
    prefix = outdir / docx_path.stem
    for old in outdir.glob(f"{docx_path.stem}-*.png"):  # stale pages of a longer earlier render
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(pdf), str(prefix)], check=True)
    return pdf, sorted(outdir.glob(f"{docx_path.stem}-*.png"))


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, write the sample if no DOCX is given, render, print the paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docx", nargs="?", type=Path, help="a .docx file (default: the sample page)")
    parser.add_argument("--outdir", type=Path, default=None, help="where the PDF and PNGs go (default: a new temp dir)")
    parser.add_argument("--resolution", type=int, default=80, help="PNG resolution in dpi (default 80)")
    parser.add_argument("--time", type=int, default=0, metavar="N", help="also time the writer over N runs")
    args = parser.parse_args(argv)
    outdir = args.outdir or Path(tempfile.mkdtemp(prefix="newsarchive-docx-"))
    outdir.mkdir(parents=True, exist_ok=True)
    docx_path = args.docx
    if docx_path is None or args.time:
        page = sample_page()
        if args.time:
            first, median = ms_per_page(page, args.time)
            print(f"DocxWriter: first page {first:.1f} ms, then {median:.2f} ms/page (median of {args.time})")
        if docx_path is None:
            docx_path = outdir / "sample.docx"
            docx_path.write_bytes(DocxWriter().write(page).data)
    print(f"docx: {docx_path}")
    pdf, pngs = render(docx_path.resolve(), outdir.resolve(), args.resolution)
    print(f"pdf: {pdf}")
    for png in pngs:
        print(f"png: {png}")


if __name__ == "__main__":
    main()
