"""Archive-scale batch conversion: many pages, a process pool (or a Dask cluster), a resumable manifest.

The manager process discovers the pages (into a temporary SQLite work list, so
memory stays flat however many pages there are), checks for name collisions and
existing outputs before any work starts, then streams :class:`PageTask` records
to workers with a bounded number in flight.  Each worker runs
:func:`convert_page` — read, reconstruct, render every format, write each file
atomically — and returns only a small :class:`PageRecord`; the manager alone
writes the manifest (``OUTDIR/newsarchive-manifest.sqlite``, WAL mode).  A page
is marked done only after all its outputs have been renamed into place, so a run
killed at any moment can be finished with ``resume=True``.
"""

from __future__ import annotations

import csv
import fnmatch
import glob
import hashlib
import json
import os
import re
import sqlite3
import sys
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Generator, Iterator, Sequence, TextIO

import click

from . import issues
from .errors import NewsarchiveError
from .model import PageMeta
from .clierror import Failure
from .output import write_atomic

__all__ = [
    "BatchError",
    "BatchSummary",
    "MANIFEST_NAME",
    "PageRecord",
    "PageTask",
    "batch",
    "convert_page",
    "run_batch",
]

MANIFEST_NAME = "newsarchive-manifest.sqlite"
LOCK_NAME = ".newsarchive-batch.lock"
META_FIELDS = ("publication", "date", "page_number", "page_name", "language")
SIDECAR_SUFFIX = ".meta.json"
# Temporary names of output.write_atomic: ".<target name>.<8 chars from mkstemp>.tmp".
_TMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_GLOB_MAGIC = re.compile(r"[*?\[]")
_MAX_LISTED = 10  # collisions / existing outputs / failures named in one message
_WARM_UP_PAGE = "社会保障卡是国家民生服务的基础\n\n性载体。截至今年1月底。\n".encode("utf-8")


class BatchError(NewsarchiveError):
    """The batch cannot start (bad sources, name collisions, existing outputs, engine missing)."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class PageTask:
    """One page to convert: everything a worker needs, picklable and small."""

    path: str  # absolute input path (workers may run in another folder or on another host)
    source: str  # the input path as the user named it; goes into PageMeta.source
    outdir: str  # absolute output folder
    stem: str  # output name relative to outdir, without extension, '/'-separated
    formats: tuple[str, ...]
    # Fields from the --metadata index (override the sidecar); under "issue", what a METS file says of
    # the page (page number, date, publication, the publisher's articles: overridden by both).
    meta: dict[str, Any] | None = None
    fsync: bool = True  # False when the manager makes outputs durable itself with one syncfs per group


@dataclass(frozen=True, slots=True)
class PageRecord:
    """What a worker returns for a page: status, outputs, warnings and timings (no page content)."""

    stem: str
    source: str
    status: str  # "done" | "failed"
    formats: tuple[str, ...]
    size: int | None = None
    sha256: str | None = None
    outputs: tuple[str, ...] = ()  # relative to outdir, '/'-separated
    error: str | None = None
    warnings: tuple[dict[str, Any], ...] = ()
    read_s: float = 0.0
    reconstruct_s: float = 0.0
    write_s: float = 0.0


@dataclass(slots=True)
class BatchSummary:
    """The outcome of a batch run."""

    total: int = 0
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    elapsed_s: float = 0.0
    manifest: str = ""
    # The first few failures only, so memory stays flat; the manifest has them all.
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no page failed."""
        return self.failed == 0

    def line(self) -> str:
        """``N succeeded, M failed, K skipped``."""
        return f"{self.succeeded} succeeded, {self.failed} failed, {self.skipped} skipped"


# --------------------------------------------------------------------------- the worker


def _writer_classes(formats: Sequence[str]) -> list[Any]:
    from . import plugins

    return [plugins.load(plugins.WRITERS, name) for name in formats]


def _sidecar_meta(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    try:
        raw = sidecar.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise BatchError(f"cannot read metadata sidecar: {exc.strerror or exc}", source=str(sidecar)) from None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BatchError(f"metadata sidecar is not JSON: {exc}", source=str(sidecar)) from None
    return _clean_meta(data, str(sidecar))


def _clean_meta(data: Any, where: str) -> dict[str, Any]:
    """Check a metadata record (sidecar or index row): known keys only, page_number an integer."""
    if not isinstance(data, dict):
        raise BatchError("metadata must be a JSON object", source=where)
    unknown = sorted(set(data) - set(META_FIELDS))
    if unknown:
        raise BatchError(f"unknown metadata key(s) {', '.join(unknown)} (known: {', '.join(META_FIELDS)})", source=where)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or value == "":
            continue
        if key == "page_number":
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise BatchError(f"page_number must be an integer, not {value!r}", source=where) from None
        elif not isinstance(value, str):
            raise BatchError(f"{key} must be a string, not {value!r}", source=where)
        out[key] = value
    return out


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


# The document of several pages this worker process read last, by (path, content hash, metadata): its
# pages' tasks mostly come one after another, and each would parse the whole document again.
_OPEN_DOCUMENT: dict[tuple[str, str, str], Any] = {}


def _open_document(task: PageTask, data: bytes, digest: str, fields: dict[str, Any]) -> Any:
    """The worker's open reading of the task's document (an ``api.DocumentReader``), opened anew for another document."""
    from . import api

    key = (task.path, digest, repr(sorted(fields.items())))
    if key not in _OPEN_DOCUMENT:
        _OPEN_DOCUMENT.clear()
        _OPEN_DOCUMENT[key] = api.DocumentReader(data, meta=PageMeta(source=task.source), **fields)
    return _OPEN_DOCUMENT[key]


def convert_page(task: PageTask) -> PageRecord:
    """Read, reconstruct and write one page in every requested format; never raises for a bad page.

    Top-level (picklable by reference) so both the process pool and Dask can run it.
    """
    from . import api

    read_s = reconstruct_s = write_s = 0.0
    size: int | None = None
    digest: str | None = None
    written: list[Path] = []
    try:
        start = time.perf_counter()
        path = Path(task.path)
        problem = ((task.meta or {}).get("issue") or {}).get("error")
        if problem:  # a METS file whose pages could not be listed
            raise BatchError(problem, source=task.source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BatchError(exc.strerror or str(exc), source=task.source) from None
        size = len(data)
        digest = hashlib.sha256(data).hexdigest()
        if issues.is_mets(data):  # read as a page, an issue's page list would come out as junk text
            raise BatchError(
                "a METS file (an issue's page list), not a page; `newsarchive convert` converts its "
                "ALTO pages with the publisher's articles as a hint",
                source=task.source,
            )
        given = dict(task.meta or {})
        issue = dict(given.pop("issue", None) or {})
        articles = issue.pop("publisher_articles", None)
        document_page = issue.pop("document_page", None)
        fields = {**issue, **_sidecar_meta(path), **given}
        if document_page is not None:  # one page of a document of several: a sidecar's page number is no page's
            fields.pop("page_number", None)
            page = _open_document(task, data, digest, fields).page(document_page)
        else:
            _OPEN_DOCUMENT.clear()  # another document's parse is let go: a worker's memory stays flat
            page = api.read(data, meta=PageMeta(source=task.source), **fields)
        read_s = time.perf_counter() - start

        start = time.perf_counter()
        # A page of an issue's METS file has the publisher's articles as a hint.
        page = api.reconstruct(page) if articles is None else issues.reconstruct(page, articles)
        if document_page is not None:
            page = api.numbered_by_place(page, document_page)
        reconstruct_s = time.perf_counter() - start

        start = time.perf_counter()
        # Render every format before writing any, so a failing writer leaves no output behind.
        rendered = [(cls, cls().write(page)) for cls in _writer_classes(task.formats)]
        outdir = Path(task.outdir)
        real_outdir = Path(os.path.realpath(outdir))
        warnings = [asdict(w) for w in page.warnings]
        outputs: list[str] = []
        for cls, result in rendered:
            rel = task.stem + cls.file_extension
            target = outdir / rel
            # Re-checked here, not only at discovery: a symlink created since could point elsewhere.
            target.parent.mkdir(parents=True, exist_ok=True)
            real_parent = Path(os.path.realpath(target.parent))
            if not _inside(real_parent, real_outdir):
                raise BatchError("output folder resolves outside the output directory", source=str(target))
            # Existing outputs were already checked against --force/--resume before any work started.
            write_atomic(target, result.data, force=True, inputs=(Path(task.path),), durable=task.fsync)
            written.append(target)
            outputs.append(rel)
            warnings.extend(asdict(w) for w in result.warnings)
        write_s = time.perf_counter() - start
        return PageRecord(
            stem=task.stem,
            source=task.source,
            status="done",
            formats=task.formats,
            size=size,
            sha256=digest,
            outputs=tuple(outputs),
            warnings=tuple(warnings),
            read_s=read_s,
            reconstruct_s=reconstruct_s,
            write_s=write_s,
        )
    except Exception as exc:  # one bad page must never stop the batch: report it as data
        # Keep a page's outputs all-or-nothing: drop what this attempt already renamed into place.
        for target in written:
            try:
                target.unlink()
            except OSError:
                pass
        if isinstance(exc, NewsarchiveError):
            message = str(exc) if exc.source and exc.source != "-" else f"{task.source}: {exc.message}"
        else:
            message = f"{task.source}: internal error: {type(exc).__name__}: {exc}"
        return PageRecord(
            stem=task.stem,
            source=task.source,
            status="failed",
            formats=task.formats,
            size=size,
            sha256=digest,
            error=message,
            read_s=read_s,
            reconstruct_s=reconstruct_s,
            write_s=write_s,
        )


def _die_with_parent(manager: int) -> None:
    """Ask Linux to kill this worker when the manager dies (kill -9 included), so no orphan keeps writing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != manager:  # the manager died before prctl took effect
        os._exit(1)


def _init_worker(formats: tuple[str, ...], manager: int) -> None:
    """Process-pool initializer: die with the manager, and load plugins once rather than in the first page."""
    _die_with_parent(manager)
    try:
        from . import api

        # A two-fragment page with a cut loads the word list, every transform's and writer's lazy
        # state (~1 s), so the first real page's timings in the manifest are not inflated by it.
        page = api.reconstruct(api.read(_WARM_UP_PAGE))
        for cls in _writer_classes(formats):
            cls().write(page)
    except Exception:  # a broken plugin is reported per page by convert_page, with its message
        pass


# --------------------------------------------------------------------------- discovery


def _load_index(path: Path, db: sqlite3.Connection) -> None:
    """Load a --metadata index (CSV with a header, or JSON) into the work-list database, keyed by real path."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchError(f"cannot read metadata index: {exc}", source=where) from None
    rows: list[dict[str, Any]]
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or "path" not in reader.fieldnames:
            raise BatchError("metadata CSV needs a header with a 'path' column", source=where)
        rows = [dict(r) for r in reader]
    else:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise BatchError(f"metadata index is neither CSV (by extension) nor JSON: {exc}", source=where) from None
        if isinstance(data, dict):  # {"path": {fields}} form
            if not all(isinstance(v, dict) for v in data.values()):
                raise BatchError("metadata JSON keyed by path must map each path to an object", source=where)
            data = [{**v, "path": k} for k, v in data.items()]
        if not isinstance(data, list):
            raise BatchError("metadata JSON must be a list of objects or an object keyed by path", source=where)
        rows = data
    for number, row in enumerate(rows, start=2 if path.suffix.lower() == ".csv" else 1):
        if not isinstance(row, dict) or not row.get("path"):
            raise BatchError(f"entry {number} has no path", source=where)
        fields = {k: v for k, v in row.items() if k != "path"}
        meta = _clean_meta(fields, f"{where}: entry {number}")
        key = os.path.realpath(str(row["path"]))
        db.execute("INSERT OR REPLACE INTO idx(path, meta) VALUES (?, ?)", (key, json.dumps(meta, ensure_ascii=False)))


def _check_stem(stem: str, source: str) -> str:
    """The output stem, if it stays inside OUTDIR (no absolute path, no '..', no empty part)."""
    parts = stem.split("/")
    if not stem or stem.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\x00" in stem:
        raise BatchError(f"output name {stem!r} would escape the output directory", source=source)
    return stem


def _walk(root: Path, pattern: str, skip: Path) -> Iterator[Path]:
    """Files under ``root`` whose name matches ``pattern``, sorted, skipping the output directory and sidecars."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        # Never read our own outputs as inputs when OUTDIR lies inside a source directory.
        dirs[:] = sorted(d for d in dirs if os.path.realpath(here / d) != str(skip))
        for name in sorted(files):
            if fnmatch.fnmatch(name, pattern) and not name.endswith(SIDECAR_SUFFIX):
                yield here / name


def _issue_entries(mets: Path, root: Path) -> Iterator[tuple[Path, str, str, dict[str, Any]]]:
    """The pages a METS file lists, as :func:`_discover` entries with what the METS says of each.

    A page's output stem is its ALTO file's path relative to ``root`` (the source folder, or the
    METS file's own), as if the file had been found there, so the page is converted once.  A METS
    file whose pages cannot be listed (a page file missing) is one failed entry, not a stopped batch.
    """
    try:
        pages = issues.issue_pages(mets)
    except NewsarchiveError as exc:
        problem = str(exc) if exc.source not in (None, str(mets)) else exc.message  # name the page file at fault
        yield mets, str(mets), _stem_under(mets, root), {"error": problem}
        return
    for page in pages:
        facts = {"page_number": page.number, "date": page.date, "publication": page.publication}
        issue: dict[str, Any] = {k: v for k, v in facts.items() if v is not None}
        issue["publisher_articles"] = [list(a) for a in page.articles]
        yield page.path, str(page.path), _stem_under(page.path, root), issue


# An ALTO Page element, or an element of hOCR class ocr_page (not the class named in ocr-capabilities).
_PAGE_MARKUP = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?Page[\s>/]|\sclass\s*=\s*["'][^"']*\bocr_page\b""")


def _document_entries(path: Path, source: str, stem: str) -> Iterator[tuple[Path, str, str, dict[str, Any] | None]]:
    """A file as :func:`_discover` entries: one, or one per page of a document of several pages (``STEM-pK``).

    Only a PDF, a text with a form feed in it (pdftotext's pages) or markup with two
    page elements (ALTO, hOCR) is asked how many pages it has; a file that cannot be
    read is one entry, whose conversion says why.
    """
    numbers: tuple[int, ...] = (1,)
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
            pdf = b"%PDF-" in head
            first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            if first != b"{":  # a JSON page is one page
                data = head + handle.read()
                # Only what may hold several pages is parsed here: a PDF, a text with a form feed, markup
                # with two page elements or more (ALTO Pages, hOCR ocr_pages; a METS file has neither).
                if pdf or (len(_PAGE_MARKUP.findall(data)) > 1 if first == b"<" else b"\x0c" in data):
                    from . import api

                    numbers = api.pages(data)  # the bytes read here, not the file read again
    except (OSError, NewsarchiveError):
        pass
    if len(numbers) == 1:
        yield path, source, stem, None
        return
    for k in numbers:
        yield path, source, f"{stem}-p{k}", {"document_page": k}


def _stem_under(path: Path, root: Path) -> str:
    """The output stem of ``path``: its path under ``root`` without its suffix (its name alone if outside)."""
    real, real_root = path.resolve(), root.resolve()
    rel = real.relative_to(real_root) if real.is_relative_to(real_root) else Path(path.name)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def _is_mets_file(path: Path) -> bool:
    """An .xml file whose root element is METS (only .xml files are opened: discovery reads no page)."""
    return path.suffix.lower() == ".xml" and issues.is_mets_file(path)


def _discover(sources: Sequence[str | Path], pattern: str, outdir: Path) -> Iterator[tuple[Path, str, str, dict[str, Any] | None]]:
    """(input path, source string as named, output stem, issue facts) for every page, in a stable order.

    A METS file stands for the ALTO pages it lists (with the publisher's articles as a hint), a PDF
    or text of several pages for each of its pages (:func:`_document_entries`).
    """
    real_out = Path(os.path.realpath(outdir))
    for raw in sources:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            matches: list[str] = [text]
        elif path.is_file():
            matches = [text]
        elif _GLOB_MAGIC.search(text):
            # A glob such as pages/*.json must not pick up the metadata sidecars beside the pages.
            matches = sorted(m for m in glob.glob(text, recursive=True) if not m.endswith(SIDECAR_SUFFIX))
            if not matches:
                raise BatchError("no file matches this pattern", source=text)
        else:
            raise BatchError("no such file or directory", source=text)
        for match in matches:
            mpath = Path(match)
            if mpath.is_dir():
                for file in _walk(mpath, pattern, real_out):
                    if _is_mets_file(file):
                        yield from _issue_entries(file, mpath)
                        continue
                    rel = file.relative_to(mpath)
                    stem = rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()
                    yield from _document_entries(file, str(file), stem)
            elif _is_mets_file(mpath):
                yield from _issue_entries(mpath, mpath.parent)
            elif mpath.is_file():
                yield from _document_entries(mpath, match, mpath.stem if mpath.suffix else mpath.name)


def _build_worklist(
    sources: Sequence[str | Path], pattern: str, outdir: Path, metadata: Path | None
) -> tuple[sqlite3.Connection, int]:
    """Discover pages into a private temporary SQLite database (spills to disk: flat memory); detect collisions."""
    db = sqlite3.connect("")  # "" = a temporary on-disk database, deleted on close
    db.execute("CREATE TABLE idx(path TEXT PRIMARY KEY, meta TEXT)")
    db.execute("CREATE TABLE jobs(id INTEGER PRIMARY KEY, stem TEXT UNIQUE, path TEXT, source TEXT, meta TEXT)")
    if metadata is not None:
        _load_index(metadata, db)
    has_index = metadata is not None
    collisions: list[str] = []
    count = 0
    for path, source, stem, issue in _discover(sources, pattern, outdir):
        _check_stem(stem, source)
        meta = None
        real = os.path.realpath(path)
        if has_index:
            row = db.execute("SELECT meta FROM idx WHERE path = ?", (real,)).fetchone()
            meta = row[0] if row else None
        if issue is not None:
            meta = json.dumps({**(json.loads(meta) if meta else {}), "issue": issue}, ensure_ascii=False)
        try:
            db.execute("INSERT INTO jobs(stem, path, source, meta) VALUES (?, ?, ?, ?)", (stem, real, source, meta))
            count += 1
        except sqlite3.IntegrityError:
            (other,) = db.execute("SELECT source FROM jobs WHERE stem = ?", (stem,)).fetchone()
            if os.path.realpath(other) == real:
                if issue is not None:  # found on its own first, then in its issue's METS file: keep the issue's facts
                    db.execute("UPDATE jobs SET meta = ? WHERE stem = ?", (meta, stem))
                continue  # the same file named twice (overlapping sources): convert it once
            if len(collisions) < _MAX_LISTED:
                collisions.append(f"{other} and {source} -> {stem}.*")
            else:
                collisions.append("…")
                break
    if collisions:
        db.close()
        raise BatchError("two inputs map to the same output name: " + "; ".join(collisions))
    db.commit()
    return db, count


def _jobs(db: sqlite3.Connection) -> Iterator[tuple[str, str, str, str | None]]:
    yield from db.execute("SELECT stem, path, source, meta FROM jobs ORDER BY id")


def _precheck_outputs(db: sqlite3.Connection, outdir: Path, extensions: list[str], *, refuse_existing: bool) -> None:
    """Before any work: never overwrite an input; existing outputs are an error unless resuming or forced."""
    existing: list[str] = []
    more = 0
    for stem, path, source, _ in _jobs(db):
        for ext in extensions:
            target = outdir / (stem + ext)
            if path.endswith(ext) and os.path.realpath(target) == path:
                raise BatchError("output would overwrite this input file (choose another output directory)", source=source)
            if refuse_existing and target.exists():
                if len(existing) < _MAX_LISTED:
                    existing.append(str(target))
                else:
                    more += 1
    if existing:
        extra = f" and {more} more" if more else ""
        raise BatchError(
            f"output file(s) exist (use --resume to continue a run or --force to overwrite): {', '.join(existing)}{extra}"
        )


def _clean_tmp(outdir: Path) -> int:
    """Remove temporary files a killed run left behind (only the names our atomic writes create)."""
    removed = 0
    for folder, _dirs, files in os.walk(outdir):
        for name in files:
            if _TMP_NAME.match(name):
                try:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
                except OSError:
                    pass
    return removed


# --------------------------------------------------------------------------- manifest


_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    stem TEXT PRIMARY KEY,          -- output name relative to OUTDIR, without extension
    input TEXT NOT NULL,            -- input path as named on the command line
    size INTEGER,
    sha256 TEXT,
    formats TEXT NOT NULL,          -- requested formats, comma-separated
    outputs TEXT NOT NULL,          -- JSON list of files written, relative to OUTDIR
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error TEXT,
    warnings TEXT NOT NULL,         -- JSON list of {code, message, source}
    read_s REAL, reconstruct_s REAL, write_s REAL,
    attempts INTEGER NOT NULL DEFAULT 1,   -- results recorded for this page, over all runs
    updated TEXT NOT NULL           -- UTC, ISO 8601
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL, finished TEXT,
    args TEXT NOT NULL,
    succeeded INTEGER, failed INTEGER, skipped INTEGER
);
"""


def _syncfs_function() -> Callable[[str], None] | None:
    """A function flushing the file system holding a folder (Linux syncfs, else sync), or None."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            syncfs = libc.syncfs
        except (OSError, AttributeError):
            syncfs = None
        if syncfs is not None:

            def flush(folder: str) -> None:
                fd = os.open(folder, os.O_RDONLY)
                try:
                    if syncfs(fd) != 0:
                        os.sync()  # syncfs refused (unusual file system): flush everything instead
                finally:
                    os.close(fd)

            return flush
    if hasattr(os, "sync"):
        return lambda folder: os.sync()
    return None


class Manifest:
    """The SQLite manifest in OUTDIR; written only by the manager process.

    Records are committed in groups (every second or 256 pages).  With ``sync`` set, the
    file system holding OUTDIR is flushed first, so a page committed as done has its
    outputs on disk even after a power cut; rows lost with an uncommitted group only make
    ``--resume`` convert those pages again.
    """

    GROUP_PAGES = 256
    GROUP_SECONDS = 1.0

    def __init__(self, path: Path, sync: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.sync = sync
        self.pending = 0
        self.last_flush = time.monotonic()
        self.db = sqlite3.connect(str(path), timeout=30)
        # WAL: readers (a user inspecting progress) never block the writer; a killed writer
        # loses at most its uncommitted record.  NORMAL sync is durable across process kills.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.db.commit()

    def lookup(self, stem: str) -> tuple[Any, ...] | None:
        """The stored (status, size, sha256, formats, outputs) of a page, or None."""
        return self.db.execute(
            "SELECT status, size, sha256, formats, outputs FROM pages WHERE stem = ?", (stem,)
        ).fetchone()

    def record(self, rec: PageRecord) -> None:
        """Upsert one page's result; committed with its group (see the class docstring)."""
        now = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        self.db.execute(
            """INSERT INTO pages(stem, input, size, sha256, formats, outputs, status, error, warnings,
                                 read_s, reconstruct_s, write_s, attempts, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
               ON CONFLICT(stem) DO UPDATE SET
                 input=excluded.input, size=excluded.size, sha256=excluded.sha256, formats=excluded.formats,
                 outputs=excluded.outputs, status=excluded.status, error=excluded.error,
                 warnings=excluded.warnings, read_s=excluded.read_s, reconstruct_s=excluded.reconstruct_s,
                 write_s=excluded.write_s, attempts=pages.attempts + 1, updated=excluded.updated""",
            (
                rec.stem,
                rec.source,
                rec.size,
                rec.sha256,
                ",".join(rec.formats),
                json.dumps(list(rec.outputs), ensure_ascii=False),
                rec.status,
                rec.error,
                json.dumps(list(rec.warnings), ensure_ascii=False),
                rec.read_s,
                rec.reconstruct_s,
                rec.write_s,
                now,
            ),
        )
        self.pending += 1
        if self.pending >= self.GROUP_PAGES or time.monotonic() - self.last_flush >= self.GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Make the recorded pages' outputs durable (syncfs), then commit their rows."""
        if self.pending:
            if self.sync is not None:
                self.sync(str(self.path.parent))
            self.db.commit()
        self.pending = 0
        self.last_flush = time.monotonic()

    def start_run(self, args: dict[str, Any]) -> int:
        """Record the start of a run; returns its id."""
        cur = self.db.execute(
            "INSERT INTO runs(started, args) VALUES (?, ?)",
            (datetime.now(timezone.utc).isoformat(timespec="seconds"), json.dumps(args, ensure_ascii=False)),
        )
        self.db.commit()
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: BatchSummary) -> None:
        """Commit the last group and record a run's counts."""
        self.flush()
        self.db.execute(
            "UPDATE runs SET finished = ?, succeeded = ?, failed = ?, skipped = ? WHERE id = ?",
            (
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
                summary.succeeded,
                summary.failed,
                summary.skipped,
                run_id,
            ),
        )
        self.db.commit()

    def close(self) -> None:
        """Commit what was recorded (their outputs were renamed into place) and close."""
        try:
            self.flush()
        finally:
            self.db.close()


def _already_done(manifest: Manifest, stem: str, path: str, formats: tuple[str, ...], outdir: Path) -> bool:
    """Resume check: done before with the same input content, a superset of the formats, outputs present."""
    row = manifest.lookup(stem)
    if row is None or row[0] != "done":
        return False
    _status, size, digest, done_formats, outputs = row
    if not set(formats) <= set(done_formats.split(",")):
        return False
    try:
        if os.path.getsize(path) != size:  # cheap test first; hash only when the size agrees
            return False
        if not all((outdir / rel).is_file() for rel in json.loads(outputs)):
            return False
        h = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return False
    return h.hexdigest() == digest


# --------------------------------------------------------------------------- progress


def _hms(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Reporter:
    """Progress on a stream: a redrawn bar (terminal), periodic log lines (not a terminal), or nothing.

    ``mode``: ``auto`` (bar if the stream is a terminal, else log), ``bar``, ``log``,
    ``quiet`` (only the failures and the summary line at the end) or ``silent``.
    """

    def __init__(self, mode: str, stream: TextIO | None = None, log_every: int | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            isatty = getattr(self.stream, "isatty", None)
            mode = "bar" if isatty is not None and isatty() else "log"
        if mode not in ("bar", "log", "quiet", "silent"):
            raise ValueError(f"unknown progress mode {mode!r}")
        self.mode = mode
        self.log_every = log_every
        self.total = 0
        self.processed = 0  # converted or failed in this run (skips excluded: they take no time)
        self.skipped = 0
        self.failed = 0
        self.start = time.monotonic()
        self.last_draw = 0.0
        self.last_log = self.start

    def _emit(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def begin(self, total: int) -> None:
        """Start counting; ``total`` pages will be reported."""
        self.total = total
        self.start = self.last_log = time.monotonic()
        if self.log_every is None:
            self.log_every = max(1, min(500, total // 20))
        if self.mode == "log":
            self._emit(f"batch: {total} page(s) to process\n")

    def _status(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.processed / elapsed
        left = self.total - self.processed - self.skipped
        eta = _hms(left / rate) if rate > 0 else "?"
        done = self.processed + self.skipped
        return f"{done}/{self.total} pages, {rate:.1f} pages/s, ETA {eta}, {self.failed} failed"

    def _draw(self, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last_draw < 0.1:  # redraw at most ten times a second
            return
        self.last_draw = now
        width = 30
        done = self.processed + self.skipped
        filled = int(width * done / self.total) if self.total else width
        self._emit(f"\r[{'#' * filled}{'-' * (width - filled)}] {self._status()}\x1b[K" + ("\n" if final else ""))

    def skip(self) -> None:
        """A page was skipped (already done)."""
        self.skipped += 1
        self._tick()

    def page(self, rec: PageRecord) -> None:
        """A page finished (done or failed)."""
        self.processed += 1
        if rec.status != "done":
            self.failed += 1
            if self.mode == "log":
                self._emit(f"batch: failed: {rec.error}\n")
        self._tick()

    def _tick(self) -> None:
        if self.mode == "bar":
            self._draw()
        elif self.mode == "log":
            done = self.processed + self.skipped
            now = time.monotonic()
            # A line every N pages, and at least every 30 s on slow pages so a log shows it is alive.
            if done % (self.log_every or 1) == 0 or now - self.last_log >= 30:
                self.last_log = now
                self._emit(f"batch: {self._status()}\n")

    def end(self, summary: BatchSummary) -> None:
        """Finish the bar, list failures (unless already logged) and print the summary line."""
        if self.mode == "silent":
            return
        if self.mode == "bar":
            self._draw(final=True)
        if self.mode in ("bar", "quiet") and summary.failures:
            for source, error in summary.failures:
                self._emit(f"batch: failed: {error}\n")
            hidden = summary.failed - len(summary.failures)
            if hidden > 0:
                self._emit(f"batch: … and {hidden} more failure(s), see {summary.manifest}\n")
        self._emit(f"batch: {summary.line()} in {summary.elapsed_s:.1f} s (manifest: {summary.manifest})\n")


# --------------------------------------------------------------------------- engines


class _LocalEngine:
    """A process pool; rebuilt when a worker dies (a page that crashes the interpreter, OOM kill)."""

    def __init__(self, jobs: int, formats: tuple[str, ...]) -> None:
        self.jobs = jobs
        self.formats = formats
        self.generation = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs, initializer=_init_worker, initargs=(self.formats, os.getpid())
        )

    @property
    def slots(self) -> int:
        return 2 * self.jobs  # enough queued work to keep every worker busy, no more

    def submit(self, task: PageTask) -> Future[PageRecord]:
        future = self.pool.submit(convert_page, task)
        future.generation = self.generation  # type: ignore[attr-defined]
        return future

    def wait(self, futures: Sequence[Any]) -> set[Any]:
        done, _ = wait_futures(futures, return_when=FIRST_COMPLETED)
        return done

    def crashed(self, future: Any, exc: BaseException) -> bool:
        """True if ``exc`` means a worker process died (the pool is replaced once per crash)."""
        stale = getattr(future, "generation", -1) < self.generation
        if not (isinstance(exc, BrokenProcessPool) or (stale and isinstance(exc, CancelledError))):
            return False
        if getattr(future, "generation", -1) == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.generation += 1
            self.pool = self._new_pool()
        return True

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskEngine:
    """The same page function on a Dask distributed cluster (workers need newsarchive and the files)."""

    def __init__(self, scheduler: str, jobs: int | None) -> None:
        try:
            from dask.distributed import Client
            from dask.distributed import wait as dask_wait
        except ImportError:
            raise BatchError(
                "the dask engine needs dask.distributed: pip install 'newsarchive[dask]'"
            ) from None
        self._wait = dask_wait
        try:
            self.client = Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"cannot connect to the Dask scheduler: {exc}", source=scheduler) from None
        threads = sum(self.client.nthreads().values()) or 1
        self.jobs = jobs or threads

    @property
    def slots(self) -> int:
        return 2 * self.jobs

    def submit(self, task: PageTask) -> Any:
        # pure=False: a page is a side effect (files written), never deduplicated or cached.
        return self.client.submit(convert_page, task, pure=False)

    def wait(self, futures: Sequence[Any]) -> set[Any]:
        # dask's wait() looks up the "current" client; make it ours without touching the global default.
        with self.client.as_current():
            return set(self._wait(list(futures), return_when="FIRST_COMPLETED").done)

    def crashed(self, future: Any, exc: BaseException) -> bool:
        return False  # Dask reschedules tasks of dead workers itself (KilledWorker after its retries)

    def close(self, cancel: bool = False) -> None:
        self.client.close()


# --------------------------------------------------------------------------- the run


def _lock(outdir: Path) -> Any:
    """Hold an exclusive lock on OUTDIR for the run (released by the OS even on kill -9)."""
    handle = open(outdir / LOCK_NAME, "a+")
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, documented
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise BatchError("another batch is running with this output directory", source=str(outdir)) from None
    return handle


def _formats(formats: Sequence[str] | str) -> tuple[tuple[str, ...], list[str]]:
    from . import api

    names = [n.strip() for n in (formats.split(",") if isinstance(formats, str) else formats) if n.strip()]
    names = list(dict.fromkeys(names))
    available = api.formats()
    unknown = [n for n in names if n not in available]
    if unknown or not names:
        from .errors import UnknownFormatError

        raise UnknownFormatError(
            f"unknown output format {', '.join(unknown) or repr(formats)} (available: {', '.join(available)})"
        )
    extensions = [cls.file_extension for cls in _writer_classes(names)]
    if len(set(extensions)) != len(extensions):
        raise BatchError(f"formats {', '.join(names)} share a file extension; convert them in separate batches")
    return tuple(names), extensions


def run_batch(
    sources: Sequence[str | Path],
    outdir: str | Path,
    formats: Sequence[str] | str,
    *,
    jobs: int | None = None,
    resume: bool = False,
    force: bool = False,
    pattern: str = "*.txt",
    metadata: str | Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: str = "silent",
    stream: TextIO | None = None,
    log_every: int | None = None,
    on_record: Callable[[PageRecord], None] | None = None,
) -> BatchSummary:
    """Convert every page of ``sources`` into ``outdir`` in ``formats``; returns counts (see the module doc).

    ``progress`` is a :class:`Reporter` mode (``silent`` by default for library use).
    """
    started = time.monotonic()
    names, extensions = _formats(formats)
    if engine not in ("local", "dask"):
        raise BatchError(f"unknown engine {engine!r} (local or dask)")
    if engine == "dask" and not scheduler:
        raise BatchError("the dask engine needs a scheduler address")
    if jobs is not None and jobs < 1:
        raise BatchError("jobs must be at least 1")
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise BatchError("output path exists and is not a directory", source=str(out))
    out = Path(os.path.realpath(out))
    worklist: sqlite3.Connection | None = None
    manifest: Manifest | None = None
    runner: _LocalEngine | _DaskEngine | None = None
    lock: Any = None
    summary = BatchSummary(manifest=str(out / MANIFEST_NAME))
    reporter = Reporter(progress, stream, log_every)
    try:
        # Every check that can refuse the batch runs before anything is created or written.
        worklist, total = _build_worklist(sources, pattern, out, Path(metadata) if metadata else None)
        if total == 0:
            raise BatchError(f"no input files found (pattern {pattern!r})")
        _precheck_outputs(worklist, out, extensions, refuse_existing=not (resume or force))
        out.mkdir(parents=True, exist_ok=True)
        lock = _lock(out)
        _clean_tmp(out)  # safe: the lock guarantees no other batch is writing here
        # Local workers share this machine's page cache, so one syncfs per group makes their
        # outputs durable; Dask workers may be elsewhere and fsync each file themselves.
        group_sync = _syncfs_function() if engine == "local" else None
        manifest = Manifest(out / MANIFEST_NAME, sync=group_sync)
        run_id = manifest.start_run(
            {"sources": [str(s) for s in sources], "formats": list(names), "resume": resume, "force": force,
             "pattern": pattern, "engine": engine, "jobs": jobs}
        )
        runner = _DaskEngine(scheduler or "", jobs) if engine == "dask" else _LocalEngine(jobs or os.cpu_count() or 1, names)
        summary.total = total
        reporter.begin(total)

        def handle(rec: PageRecord) -> None:
            assert manifest is not None
            manifest.record(rec)  # only now is the page done: all its outputs were renamed by the worker
            if rec.status == "done":
                summary.succeeded += 1
            else:
                summary.failed += 1
                if len(summary.failures) < _MAX_LISTED:
                    summary.failures.append((rec.source, rec.error or "failed"))
            reporter.page(rec)
            if on_record is not None:
                on_record(rec)

        def tasks() -> Generator[PageTask, None, None]:
            assert worklist is not None and manifest is not None
            for stem, path, source, meta in _jobs(worklist):
                if resume and _already_done(manifest, stem, path, names, out):
                    summary.skipped += 1
                    reporter.skip()
                    continue
                yield PageTask(
                    path=path, source=source, outdir=str(out), stem=stem, formats=names,
                    meta=json.loads(meta) if meta else None, fsync=group_sync is None,
                )

        pending = tasks()
        try:
            _drive(runner, pending, handle)
        finally:
            pending.close()  # release the work-list cursor before its database is closed
        summary.elapsed_s = time.monotonic() - started
        manifest.finish_run(run_id, summary)
        reporter.end(summary)
        return summary
    except BaseException:
        if runner is not None:
            runner.close(cancel=True)
            runner = None
        raise
    finally:
        if runner is not None:
            runner.close()
        if manifest is not None:
            manifest.close()
        if worklist is not None:
            worklist.close()
        if lock is not None:
            lock.close()


def _drive(runner: Any, tasks: Iterator[PageTask], handle: Callable[[PageRecord], None]) -> None:
    """Keep at most ``runner.slots`` pages in flight; retry pages caught in a worker crash one at a time."""
    inflight: dict[Any, tuple[PageTask, bool]] = {}  # future -> (task, ran alone)
    suspects: deque[PageTask] = deque()  # pages in flight when a worker died: one of them may be the culprit
    exhausted = False
    while True:
        if suspects:
            # Alone in the pool, a page that kills its worker is identified without harming others.
            if not inflight:
                suspect = suspects.popleft()
                inflight[runner.submit(suspect)] = (suspect, True)
        else:
            while not exhausted and len(inflight) < runner.slots:
                fresh = next(tasks, None)
                if fresh is None:
                    exhausted = True
                    break
                inflight[runner.submit(fresh)] = (fresh, False)
        if not inflight:
            if suspects:
                continue
            return
        for future in runner.wait(list(inflight)):
            task, alone = inflight.pop(future)
            try:
                rec = future.result()
            except Exception as exc:  # the worker itself failed, not convert_page (which never raises)
                if runner.crashed(future, exc) and not alone:
                    suspects.append(task)
                    continue
                reason = "worker process died" if isinstance(exc, BrokenProcessPool) else f"{type(exc).__name__}: {exc}"
                rec = PageRecord(
                    stem=task.stem, source=task.source, status="failed", formats=task.formats,
                    error=f"{task.source}: {reason}",
                )
            handle(rec)


# --------------------------------------------------------------------------- the command


@click.command("batch", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR", help="Output directory (created; mirrors the input tree).")
@click.option("--to", "to", required=True, metavar="FORMAT[,FORMAT...]", help="Output format(s), comma-separated (see `newsarchive formats`).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help="Worker processes (default: all cores).")
@click.option("--pattern", default="*.txt", show_default=True, metavar="GLOB", help="Which files of a directory source to convert.")
@click.option("--resume", is_flag=True, help="Continue a run: skip pages already done with the same input and formats.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("-q", "--quiet", is_flag=True, help="No progress; only failures and the summary line.")
@click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV or JSON index: path,publication,date,page_number,page_name,language.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run pages in a local process pool, or on a Dask cluster (pip install 'newsarchive[dask]').",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask), e.g. tcp://host:8786.")
def batch(
    sources: tuple[str, ...],
    outdir: str,
    to: str,
    jobs: int | None,
    pattern: str,
    resume: bool,
    force: bool,
    quiet: bool,
    metadata: str | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Convert many pages (files, directories, globs) in parallel into OUTDIR, with a resumable manifest.

    A METS file stands for its issue's ALTO pages; a document of several pages (PDF, text that
    form feeds divide, ALTO, hOCR) for each of its pages, written as NAME-pK.EXT.
    """
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler is only for --engine dask")
    try:
        summary = run_batch(
            sources,
            outdir,
            to,
            jobs=jobs,
            resume=resume,
            force=force,
            pattern=pattern,
            metadata=metadata,
            engine=engine,
            scheduler=scheduler,
            progress="quiet" if quiet else "auto",
        )
    except NewsarchiveError as exc:
        raise Failure(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise click.exceptions.Abort() from None
    if not summary.ok:
        raise click.exceptions.Exit(1)


if __name__ == "__main__":
    # Import by package name so worker processes pickle newsarchive.batch.convert_page, not __main__'s copy.
    from newsarchive.batch import batch as _batch

    _batch(prog_name="newsarchive batch")
