"""Writing output files safely: atomically, never over the input, never over existing files unasked.

Also derives output file names from input names (:func:`output_name`) so that a
hostile input name cannot place an output outside the chosen folder or disguise
what it is.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import unicodedata
from pathlib import Path

from .errors import WriteError

# Characters that separate or mean something in paths on some system, and their look-alikes
# (NFKC turns full-width ／ ＼ ： into the ASCII ones; these slashes have no NFKC mapping).
_PATH_SPECIAL = set('/\\:*?"<>|') | {"\u2215", "\u2044", "\u29f8", "\u29f9"}
# Control, format (bidi overrides, zero-width), surrogate (undecodable bytes), private and unassigned.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# A file name is at most 255 bytes; the temporary file adds "." + ".XXXXXXXX.tmp".
_MAX_STEM_BYTES = 200
_CHUNK = 1 << 20


@functools.cache
def _windows_reserved() -> re.Pattern[str]:
    """Windows device names, with any extension, compiled on first use (a stem that may be one is rare)."""
    return re.compile(r"(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?")


def output_name(source: str, extension: str) -> str:
    """The output file name for input ``source`` (``-`` is stdin): its sanitized stem plus ``extension``.

    The stem keeps letters of every script but loses what could make the name
    escape or mislead: path separators and their full-width or look-alike forms,
    control and bidi-override characters, leading dots (no ``..``, no hidden files),
    trailing dots and spaces, Windows device names; it is cut to fit the file-name
    limit with the temporary-file prefix.  An empty result becomes ``output``.
    """
    stem = "stdin" if source == "-" else Path(source).stem
    chars = []
    for ch in unicodedata.normalize("NFC", stem):
        if unicodedata.category(ch) in _HIDDEN_CATEGORIES or any(c in _PATH_SPECIAL for c in unicodedata.normalize("NFKC", ch)):
            chars.append("_")
        else:
            chars.append(ch)
    stem = "".join(chars).lstrip(". ").rstrip(". ")
    while len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    if not stem:
        stem = "output"
    # Each device name opens with one of these (no other character case-folds to their letters).
    if stem[:3].lower() in ("con", "prn", "aux", "nul", "com", "lpt") and _windows_reserved().fullmatch(stem):
        stem = "_" + stem
    return stem + extension


def check_target(path: Path, *, force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Raise :class:`WriteError` if ``path`` may not be written: it is an input (also via a link), a folder, or exists without ``force``."""
    target = Path(path)
    for source in inputs:
        try:
            # samefile catches hard links; resolve() catches symlinks to a file that does not exist yet.
            if source.exists() and target.exists() and os.path.samefile(source, target):
                raise WriteError("refusing to overwrite the input file", source=str(target))
        except OSError:
            pass
        if source.resolve() == target.resolve():
            raise WriteError("refusing to overwrite the input file", source=str(target))
    if target.is_dir():
        raise WriteError("output path is a directory", source=str(target))
    if (target.exists() or target.is_symlink()) and not force:
        raise WriteError("output exists (use --force to overwrite)", source=str(target))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_all(fd: int, data: bytes) -> None:
    """os.write until everything is written (it may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:  # pragma: no cover - a file descriptor never does this, but never loop forever
            raise OSError(errno.EIO, "write made no progress")
        view = view[written:]


def _publish(tmp: str, target: Path, force: bool) -> None:
    """Move the finished temporary file to ``target``.

    Without ``force`` a hard link is made instead of a rename: it fails if the
    target appeared since it was checked (another process), where a rename
    would silently replace it.
    """
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise WriteError("output exists (use --force to overwrite)", source=str(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.ENOSYS):
            raise
        # A file system without hard links: check again and rename.
        if target.exists() or target.is_symlink():
            raise WriteError("output exists (use --force to overwrite)", source=str(target)) from None
        os.replace(tmp, target)
        return
    _remove(tmp)  # the output is complete under its own name; a leftover link is harmless


def write_atomic(
    path: Path, data: bytes, *, force: bool = False, inputs: tuple[Path, ...] = (), durable: bool = True
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A failure at any point (disk full, permission denied, interruption) removes
    the temporary file, so no partial output is ever left behind, and is
    reported as one :class:`WriteError` naming the file and the cause.  With
    ``durable=False`` the fsyncs are skipped: a killed process loses nothing
    from the page cache, and a caller writing many files (batch) syncs the file
    system once per group instead.
    """
    target = Path(path)
    check_target(target, force=force, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {folder}: {exc.strerror or exc}", source=str(target)) from None
    try:
        fd, tmp = _make_temporary(folder, target.name)
    except OSError as exc:
        raise WriteError(f"cannot create a file in {folder}: {exc.strerror or exc}", source=str(target)) from None
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        _publish(tmp, target, force)
    except OSError as exc:
        _remove(tmp)
        raise WriteError(f"cannot write: {exc.strerror or exc}", source=str(target)) from None
    except BaseException:
        _remove(tmp)
        raise
    if durable:
        _sync_folder(folder)


# What tempfile.mkstemp opens with; tempfile itself (random, shutil, …) costs ~10 ms of a one-page CLI call.
_TEMPORARY_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _make_temporary(folder: Path, name: str) -> tuple[int, str]:
    """Create ``folder/.name.XXXXXXXX.tmp`` exclusively (mode 0600): its descriptor and path."""
    for _ in range(100):
        path = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, _TEMPORARY_FLAGS, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, f"no free temporary name in {folder}")


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
