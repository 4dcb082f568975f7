"""The ``newsarchive`` command line: convert, inspect, formats, validate."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from . import api, limits, plugins
from .clierror import Failure, visible
from .errors import NewsarchiveError, UnknownFormatError, WriteError
from .model import Article, Page, PageMeta, Photo, Warning
from .output import check_target, output_name, write_atomic
from .readers import sniff

if TYPE_CHECKING:
    from . import issues  # imported when an input is a METS file: a page's conversion needs none of it

_META_OPTIONS = [
    click.option("--publication", help="Publication name, e.g. 人民日报海外版."),
    click.option("--date", "date", help="Issue date, YYYY-MM-DD."),
    click.option(
        "--page",
        "page_number",
        type=int,
        help="Printed page number; of a document of several pages (PDF, text, ALTO, hOCR), the one to read "
        "(default: each, on its own).",
    ),
    click.option("--page-name", help="Printed page name, e.g. 民生."),
    click.option("--language", help="BCP 47 language tag of the page (default zh-CN)."),
    click.option("--encoding", help="Force the input encoding (default: detect UTF-8/16/32 BOM, UTF-8, GB18030)."),
    click.option("--from", "reader", help="Input format (reader name; default: detect)."),
]


def _meta_options(func: Any) -> Any:
    for option in reversed(_META_OPTIONS):
        func = option(func)
    return func


def _read_input(source: str) -> bytes:
    """The input's bytes: stdin for '-', capped like files (see :func:`newsarchive.api.read_capped`)."""
    if source != "-":
        return api.read_capped(source)
    cap = max(limits.MAX_INPUT_BYTES, limits.MAX_JSON_BYTES)
    data = sys.stdin.buffer.read(cap + 1)
    limits.check_input_size(len(data), limit=cap, source=source)
    return data


def _load(source: str, options: dict[str, Any]) -> Page:
    # The bytes are read here rather than by api.load so that their amount is bounded;
    # the readers then refuse anything over their own limit with a one-line error.
    return api.load(_read_input(source), meta=PageMeta(source=source), **options)


def _echo_warnings(source: str, warnings: tuple[Warning, ...] | list[Warning]) -> None:
    for warning in warnings:
        click.echo(visible(f"{source}: warning: {warning.message}"), err=True)


class _Group(click.Group):
    """Turns library errors (and unexpected ones) into one-line messages inside click.

    Heavy commands are imported only when invoked (``batch`` pulls in sqlite3 and
    concurrent.futures), so a single ``convert`` call does not pay for them.
    """

    lazy_commands = {"batch": ("newsarchive.batch", "batch")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            import importlib

            module, attribute = self.lazy_commands[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except NewsarchiveError as exc:
            raise Failure(str(exc), exc.exit_code) from None
        except BrokenPipeError:
            raise Failure("output pipe closed", 1) from None
        except KeyboardInterrupt:
            raise click.exceptions.Abort() from None
        except Exception as exc:  # never a traceback for users; NEWSARCHIVE_DEBUG=1 shows one
            if os.environ.get("NEWSARCHIVE_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:300]  # one line, however the exception formats itself
            raise Failure(f"internal error: {type(exc).__name__}: {detail}", 1) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsarchive")
def cli() -> None:
    """Reconstruct scrambled newspaper pages and write NewsML-G2, EPUB 3, DOCX or JSON."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--to", "to", required=True, help="Output format(s), comma-separated (see `newsarchive formats`).")
@click.option(
    "-o",
    "--output",
    help="Output file, '-' for stdout, or a folder (required form for several inputs or formats; default: beside each input).",
)
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@_meta_options
def convert(inputs: tuple[str, ...], to: str, output: str | None, force: bool, **options: Any) -> None:
    """Convert INPUT pages (files, or '-' for stdin) to other formats.

    A METS file as INPUT stands for its issue's ALTO pages, converted in page order with
    the publisher's article segmentation as a hint.  A document of several pages (a PDF, a
    text that form feeds divide, ALTO or hOCR with several pages) stands for its pages, each
    converted on its own to NAME-pK.EXT, unless --page picks one.
    """
    names = [n.strip() for n in to.split(",") if n.strip()]
    unknown = [n for n in names if n not in api.formats()]
    if unknown or not names:
        raise UnknownFormatError(f"unknown output format {', '.join(unknown) or to!r} (available: {', '.join(api.formats())})")
    writers = [plugins.load(plugins.WRITERS, n) for n in names]
    many = len(inputs) > 1 or len(writers) > 1
    if many and output == "-":
        raise click.UsageError("several inputs or formats cannot all go to stdout; give a folder with -o")
    if inputs.count("-") > 1:
        raise click.UsageError("stdin ('-') can be read only once")
    pages = _expand(inputs, options)
    many = many or len(pages) > len(inputs)
    if many and output == "-":
        raise click.UsageError("a document's or an issue's pages cannot all go to stdout; give a folder with -o")
    plan = [(job.source, [_target(job.source, cls, output, many, job.page) for cls in writers]) for job in pages]
    read_from = tuple(Path(job.source) for job in pages if job.source != "-")
    _check_targets(plan, force=force, inputs=read_from)
    for (source, targets), job in zip(plan, pages):
        page = job.load(options)
        # Render every format before writing any, so a failing writer leaves no output behind.
        results = [(cls, cls().write(page)) for cls in writers]
        _echo_warnings(source, page.warnings)  # once per page, however many formats are written
        for (cls, result), target in zip(results, targets):
            _echo_warnings(source, result.warnings)
            if target is None:
                stream = sys.stdout.buffer
                stream.write(result.data)
                stream.flush()
                continue
            write_atomic(target, result.data, force=force, inputs=read_from)
            click.echo(visible(f"{source} -> {target}"), err=True)


class _Document:
    """A document of several pages whose jobs share one reading of it (parsed once, not once per page)."""

    def __init__(self, source: str, numbers: tuple[int, ...]) -> None:
        self.source = source
        self._left = set(numbers)  # the pages not read yet: the parsed document is let go after the last
        self._reader: api.DocumentReader | None = None

    def load(self, number: int, options: dict[str, Any]) -> Page:
        """Page ``number`` read and reconstructed."""
        if self._reader is None:
            self._reader = api.DocumentReader(_read_input(self.source), meta=PageMeta(source=self.source), **options)
        raw = self._reader.page(number)
        self._left.discard(number)
        if not self._left:
            self._reader = None
        return api.numbered_by_place(api.reconstruct(raw), number)


class _Job(NamedTuple):
    """One page to read: a file (or stdin), a page of an issue's METS file, or one page of a document of several."""

    source: str
    issue_page: issues.IssuePage | None = None
    page: int | None = None  # the page of a document of several pages
    document: _Document | None = None  # ... and the document, read once for all its pages' jobs

    def load(self, options: dict[str, Any]) -> Page:
        """The page read and reconstructed."""
        if self.issue_page is not None:
            from . import issues

            return issues.load_page(self.issue_page, **options)
        if self.page is not None and self.document is not None:
            return self.document.load(self.page, options)
        return _load(self.source, options)


def _expand(inputs: tuple[str, ...], options: dict[str, Any]) -> list[_Job]:
    """Each input's pages: a METS file stands for its ALTO pages in page order, a document of several pages for each of them.

    The pages of an issue are read with the publisher's articles as a hint (:mod:`newsarchive.issues`);
    all of them are checked before any is converted.  A PDF or a text that form feeds divide
    (pdftotext's) is one page per page, unless ``--page`` names one; stdin is read once, so as one page.
    """
    out: list[_Job] = []
    for source in inputs:
        if source == "-":
            out.append(_Job(source))
        elif sniff.mets_file(source):
            from . import issues

            out.extend(_Job(str(page.path), issue_page=page) for page in issues.issue_pages(source))
        elif options.get("page_number") is None and len(numbers := _document_pages(source, options)) > 1:
            document = _Document(source, numbers)
            out.extend(_Job(source, page=k, document=document) for k in numbers)
        else:
            out.append(_Job(source))
    return out


def _document_pages(source: str, options: dict[str, Any]) -> tuple[int, ...]:
    """The numbers of the pages of the document at ``source`` (``(1,)`` for a page, or a file its reader will refuse)."""
    if not os.path.isfile(source):
        return (1,)  # a folder, a missing file: its reader says what is wrong
    try:
        return api.pages(source, reader=options.get("reader"), encoding=options.get("encoding"))
    except NewsarchiveError:
        return (1,)  # unreadable or undecodable: reading it says why, with the same error


def _target(source: str, cls: Any, output: str | None, many: bool, page: int | None = None) -> Path | None:
    """Where one input's output in one format goes (None: stdout); page K of a document of several goes to NAME-pK."""
    if output == "-" or (output is None and source == "-" and not many):
        return None
    # The name comes from the input's name, sanitized: it cannot leave the chosen folder.
    name = output_name(source, cls.file_extension if page is None else f"-p{page}{cls.file_extension}")
    if output is None:
        return Path(source).parent / name if source != "-" else Path(name)
    if many or Path(output).is_dir() or output.endswith(("/", os.sep)):
        return Path(output) / name
    return Path(output)


def _check_targets(plan: list[tuple[str, list[Path | None]]], *, force: bool, inputs: tuple[Path, ...]) -> None:
    """Before any work: refuse outputs that collide, overwrite an input, or exist without --force.

    Checking up front means a run with several inputs does not stop half-way,
    after writing some outputs, because a later one would be refused.
    """
    claimed: dict[Path, str] = {}
    for source, paths in plan:
        for path in paths:
            if path is None:
                continue
            key = path.resolve()  # two names of one folder (a symlink) are one place
            if key in claimed:
                raise WriteError(f"{claimed[key]} and {source} would both be written here", source=str(path))
            claimed[key] = source
            check_target(path, force=force, inputs=inputs)


@cli.command()
@click.argument("source")
@click.option("--all-decisions", is_flag=True, help="Also list confident decisions, not only doubtful ones.")
@_meta_options
def inspect(source: str, all_decisions: bool, **options: Any) -> None:
    """Show the reconstructed page as a tree: items, blocks, joins, confidences, unplaced text.

    A METS file shows its issue's pages one after another, each with the publisher's articles as a hint;
    so does a document of several pages (PDF, text, ALTO, hOCR), unless --page picks one.
    """
    for job in _expand((source,), options):
        page = job.load(options)
        click.echo(visible(render_tree(page, all_decisions=all_decisions)))
        _echo_warnings(job.source, page.warnings)


LOW_CONFIDENCE = 0.7


def _short(text: str, width: int = 36) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_tree(page: Page, *, all_decisions: bool = False) -> str:
    """A readable tree of the reconstructed page."""
    meta = page.meta
    lines = [
        f"page {meta.source or '-'}  publication={meta.publication or '?'} date={meta.date or '?'} "
        f"page={meta.page_number if meta.page_number is not None else '?'}"
        + (f" ({meta.page_name})" if meta.page_name else "")
        + f" language={meta.language} "
        f"fragments={len(page.fragments)}"
    ]

    def photo_lines(photo: Photo, indent: str, label: str = "photo") -> None:
        lines.append(f"{indent}{label} [{', '.join(photo.fragments)}] conf={photo.confidence:.2f}")
        if photo.title:
            lines.append(f"{indent}  title: {_short(photo.title)}")
        if photo.caption:
            lines.append(f"{indent}  caption: {_short(photo.caption)}")
        if photo.credit:
            who = "、".join(photo.credit.photographers) or "-"
            lines.append(f"{indent}  credit: {photo.credit.text}  (photographers: {who}; agency: {photo.credit.agency or '-'})")

    # Jump lines (…（下转第二版）): the pages the article goes on on or comes from.
    jumps = {d.subjects[0]: d.reason for d in page.decisions if d.kind == "jump" and d.subjects}
    for number, item in enumerate(page.items, start=1):
        if isinstance(item, Article):
            lines.append(f"{number}. article conf={item.confidence:.2f}")
            for label, value in (("kicker", item.kicker), ("headline", item.headline), ("subheadline", item.subheadline)):
                if value:
                    lines.append(f"   {label}: {value}")
            if item.byline:
                lines.append(f"   byline: {item.byline.text}  (role: {item.byline.role or '-'}; names: {'、'.join(item.byline.names) or '-'})")
            if item.dateline:
                lines.append(f"   dateline: {item.dateline}")
            for reason in dict.fromkeys(jumps[f] for block in item.blocks for f in block.fragments if f in jumps):
                lines.append(f"   jump: {reason}")
            for block in item.blocks:
                flag = "  <- low confidence" if block.confidence < LOW_CONFIDENCE else ""
                joined = " + ".join(block.fragments)
                if block.type.value == "heading":
                    lines.append(f"   ## {_short(block.text)}  [{joined}] conf={block.confidence:.2f}{flag}")
                else:
                    lines.append(f"   ¶ {_short(block.text)}  [{joined}] conf={block.confidence:.2f}{flag}")
            for photo in item.photos:
                photo_lines(photo, "   ")
        else:
            photo_lines(item, "", label=f"{number}. standalone photo")
    if page.unplaced:
        lines.append("unplaced:")
        for u in page.unplaced:
            lines.append(f"   [{', '.join(u.fragments)}] {_short(u.text)}  ({u.reason})")
    else:
        lines.append("unplaced: none")
    chosen = [d for d in page.decisions if d.kind != "role" and (all_decisions or d.confidence < LOW_CONFIDENCE)]
    lines.append("decisions:" if all_decisions else f"low-confidence decisions (< {LOW_CONFIDENCE}):")
    for d in chosen:
        lines.append(f"   {d.step} {d.kind} [{', '.join(d.subjects)}] conf={d.confidence:.2f}: {d.reason}")
    if not chosen:
        lines.append("   none")
    return "\n".join(lines)


@cli.command()
def formats() -> None:
    """List the registered output formats (writers)."""
    for name in api.formats():
        cls = plugins.load(plugins.WRITERS, name)
        click.echo(f"{name}\t{cls.file_extension}\t{cls.media_type}")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--schema", type=click.Path(dir_okay=False), help="XSD to validate XML against (default: the bundled NewsML-G2 profile).")
def validate(files: tuple[str, ...], schema: str | None) -> None:
    """Validate NewsML-G2 XML or newsarchive JSON files; prints FILE:LINE: message per problem."""
    failed = False
    for path in files:
        report = api.validate(path, schema=schema)
        for line in report.lines():
            click.echo(visible(line))
        if report.ok:
            click.echo(f"{path}: valid", err=True)
        else:
            failed = True
    if failed:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``newsarchive`` command."""
    cli(prog_name="newsarchive")
