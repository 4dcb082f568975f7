"""Writing output files safely: atomically, never over the input, never over existing files unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WriteError


def write_atomic(path: Path, data: bytes, *, force: bool = False, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A failure at any point (disk full, permission denied) removes the
    temporary file, so no partial output is ever left behind.
    """
    target = Path(path)
    for source in inputs:
        try:
            if source.exists() and target.exists() and os.path.samefile(source, target):
                raise WriteError("refusing to overwrite the input file", source=str(target))
        except OSError:
            pass
        if source.resolve() == target.resolve():
            raise WriteError("refusing to overwrite the input file", source=str(target))
    if target.exists() and not force:
        raise WriteError("output exists (use --force to overwrite)", source=str(target))
    if target.is_dir():
        raise WriteError("output path is a directory", source=str(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder {folder}: {exc.strerror or exc}", source=str(target)) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot create a file in {folder}: {exc.strerror or exc}", source=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise WriteError(f"cannot write: {exc.strerror or exc}", source=str(target)) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
